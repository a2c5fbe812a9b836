import type { PetriNet } from '../model/net.js';

/**
 * A net flattened into typed arrays for the hot loop: for transition `t`, its input arcs are
 * `prePlace/preWeight[preStart[t] .. preStart[t+1])` and its effect (post − pre, zeros left out)
 * `effectPlace/effectDelta[effectStart[t] .. effectStart[t+1])`.
 */
export class CompiledNet {
  readonly places: number;
  readonly transitions: number;
  readonly preStart: Int32Array;
  readonly prePlace: Int32Array;
  readonly preWeight: Int32Array;
  readonly effectStart: Int32Array;
  readonly effectPlace: Int32Array;
  readonly effectDelta: Int32Array;

  constructor(readonly net: PetriNet) {
    const T = net.transitions.length;
    this.places = net.places.length;
    this.transitions = T;
    this.preStart = new Int32Array(T + 1);
    this.effectStart = new Int32Array(T + 1);
    const prePlace: number[] = [];
    const preWeight: number[] = [];
    const effectPlace: number[] = [];
    const effectDelta: number[] = [];
    for (let t = 0; t < T; t++) {
      this.preStart[t] = prePlace.length;
      this.effectStart[t] = effectPlace.length;
      const delta = new Map<number, number>();
      for (const a of net.pre[t]) {
        prePlace.push(a.place);
        preWeight.push(a.weight);
        delta.set(a.place, -a.weight);
      }
      for (const a of net.post[t]) delta.set(a.place, (delta.get(a.place) ?? 0) + a.weight);
      for (const [p, d] of [...delta.entries()].sort((x, y) => x[0] - y[0])) {
        if (d === 0) continue;
        effectPlace.push(p);
        effectDelta.push(d);
      }
    }
    this.preStart[T] = prePlace.length;
    this.effectStart[T] = effectPlace.length;
    this.prePlace = Int32Array.from(prePlace);
    this.preWeight = Int32Array.from(preWeight);
    this.effectPlace = Int32Array.from(effectPlace);
    this.effectDelta = Int32Array.from(effectDelta);
  }

  enabled(marking: ArrayLike<number>, t: number): boolean {
    for (let k = this.preStart[t], end = this.preStart[t + 1]; k < end; k++)
      if (marking[this.prePlace[k]] < this.preWeight[k]) return false;
    return true;
  }

  /** Fires `t` in place (it must be enabled). */
  fireInPlace(marking: Int32Array | number[], t: number): void {
    for (let k = this.effectStart[t], end = this.effectStart[t + 1]; k < end; k++)
      marking[this.effectPlace[k]] += this.effectDelta[k];
  }
}
