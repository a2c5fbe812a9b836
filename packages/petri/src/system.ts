import type { ActionInfo, ActionLabel, RenderedValue, TransitionSystem } from '@modelcheck/core';
import type { PetriNet } from './model/net.js';
import { CompiledNet } from './state-space/compiled-net.js';
import { hashWords } from './state-space/marking-store.js';

/** A marking as the explorer sees it: tokens per place, never mutated once emitted. */
export type NetState = Int32Array;

/**
 * The net as a `TransitionSystem` (the core contract), so the generic explorer and the temporal
 * checker can run it: one initial state, one action per transition, labels `deadlock`,
 * `enabled:<t>` and `marked:<p>`; a state renders as its place → tokens map.
 */
export function netTransitionSystem(net: PetriNet): TransitionSystem<NetState> {
  const c = new CompiledNet(net);
  const actions: ActionInfo[] = net.transitions.map((t) =>
    t.span ? { name: t.id, span: t.span } : { name: t.id },
  );
  const labels: ActionLabel[] = net.transitions.map((_, index) => ({ index }));
  const placeIndex = new Map(net.places.map((p, i) => [p.id, i]));
  const transitionIndex = new Map(net.transitions.map((t, i) => [t.id, i]));
  return {
    variables: net.places.map((p) => p.id),
    actions,
    initialStates(emit) {
      emit(Int32Array.from(net.initialMarking));
    },
    successors(state, emit) {
      for (let t = 0; t < c.transitions; t++) {
        if (!c.enabled(state, t)) continue;
        const next = state.slice();
        c.fireInPlace(next, t);
        emit(labels[t], next);
      }
    },
    fingerprint(state, out, offset) {
      const words = new Uint32Array(state.buffer, state.byteOffset, state.length);
      out[offset] = hashWords(words, 0, words.length);
      // A second, differently seeded hash for the high half: 64 bits in all.
      let h = 0x2545f491 ^ state.length;
      for (let i = 0; i < state.length; i++) h = Math.imul(h ^ state[i], 0x9e3779b1) ^ (h >>> 13);
      out[offset + 1] = h >>> 0;
    },
    label(name) {
      if (name === 'deadlock') return (s) => !net.transitions.some((_, t) => c.enabled(s, t));
      const [kind, id] = name.split(':', 2);
      if (kind === 'enabled' && transitionIndex.has(id)) {
        const t = transitionIndex.get(id) as number;
        return (s) => c.enabled(s, t);
      }
      if (kind === 'marked' && placeIndex.has(id)) {
        const p = placeIndex.get(id) as number;
        return (s) => s[p] > 0;
      }
      return undefined;
    },
    render(state) {
      const out: Record<string, RenderedValue> = {};
      net.places.forEach((p, i) => {
        out[p.id] = { text: String(state[i]), json: state[i] };
      });
      return out;
    },
  };
}
