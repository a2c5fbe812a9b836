import type { ToySpec } from './toy-systems.js';

export interface ReferenceOptions<S> {
  readonly constraint?: (s: S) => boolean;
  readonly actionConstraint?: (from: S, to: S) => boolean;
}

export interface ReferenceResult<S> {
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  /** BFS distance (edges) from the initial states, by key, for the stored states. */
  readonly distance: Map<string, number>;
  readonly states: Map<string, S>;
  /** Keys of stored states with no successor at all. */
  readonly deadlocks: string[];
}

/**
 * The simplest breadth-first search that follows TLC's counting rules, written without any of the
 * explorer's code: a Map from key to state, one array per level.
 * - generated: every distinct initial state (and every one excluded by a constraint) plus every
 *   successor emitted (duplicates included, states excluded by a constraint included);
 * - distinct: states kept (those satisfying the constraints);
 * - depth: number of BFS levels of kept states, at least 1 once anything was generated.
 */
export function referenceBfs<S>(spec: ToySpec<S>, options: ReferenceOptions<S> = {}): ReferenceResult<S> {
  const ok = (s: S) => !options.constraint || options.constraint(s);
  const okStep = (a: S, b: S) => ok(b) && (!options.actionConstraint || options.actionConstraint(a, b));
  const states = new Map<string, S>();
  const distance = new Map<string, number>();
  const deadlocks: string[] = [];
  let generated = 0;
  let level: S[] = [];
  for (const s of spec.init()) {
    if (!ok(s)) {
      generated++;
      continue;
    }
    const k = spec.key(s);
    if (states.has(k)) continue;
    generated++;
    states.set(k, s);
    distance.set(k, 0);
    level.push(s);
  }
  let levels = level.length > 0 ? 1 : 0;
  while (level.length > 0) {
    const next: S[] = [];
    for (const s of level) {
      const succ = spec.next(s);
      generated += succ.length;
      if (succ.length === 0) deadlocks.push(spec.key(s));
      for (const [, t] of succ) {
        if (!okStep(s, t)) continue;
        const k = spec.key(t);
        if (states.has(k)) continue;
        states.set(k, t);
        distance.set(k, levels);
        next.push(t);
      }
    }
    if (next.length > 0) levels++;
    level = next;
  }
  return {
    distinct: states.size,
    generated,
    depth: generated === 0 ? 0 : Math.max(1, levels),
    distance,
    states,
    deadlocks,
  };
}

/** Shortest distance (edges) to a stored state satisfying `bad`, or undefined. */
export function distanceTo<S>(ref: ReferenceResult<S>, bad: (s: S) => boolean): number | undefined {
  let best: number | undefined;
  for (const [k, s] of ref.states) {
    if (!bad(s)) continue;
    const d = ref.distance.get(k) as number;
    if (best === undefined || d < best) best = d;
  }
  return best;
}
