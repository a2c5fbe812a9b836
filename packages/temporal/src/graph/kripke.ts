/**
 * A Kripke structure in compressed sparse rows: the successors of state `s` are
 * `targets[offsets[s] .. offsets[s + 1])`, and edge `e` (a position in `targets`) may carry an
 * action index in `actions[e]`. States are `0 .. stateCount - 1`. Atomic propositions are not
 * stored here: they are predicates the caller binds by name when checking.
 */
export interface KripkeGraph {
  readonly stateCount: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Per-edge action index (TLA+ action, Petri transition); -1 where none. */
  readonly actions?: Int32Array;
  readonly initial: Int32Array;
}

/**
 * What happens at a state without successors. `stutter` (default; TLA+ and SPIN): it repeats
 * forever, as if it had a self-loop (edge id -1), so every maximal path is infinite. `finite`:
 * maximal finite paths count as behaviours; LTL is read on them with finite-trace semantics (X is
 * strong: false at the last state), and in CTL `EX` is false and `AX` vacuously true there.
 */
export type DeadlockMode = 'stutter' | 'finite';

/** The edge id reported for a stuttering step (dead-state self-loop, or stuttering everywhere). */
export const STUTTER_EDGE = -1;

/** Successors as a callback over integer state ids, for checking on the fly (no graph built). */
export interface StateSpace {
  readonly initial: ArrayLike<number>;
  /** Reports every successor of `state` with an edge id of the caller's choosing (>= 0), passed to edge predicates and returned in lassos. */
  successors(state: number, emit: (target: number, edge: number) => void): void;
  /** When known: every state id is below it (lets the checker use dense arrays instead of hashing). */
  readonly stateCount?: number;
}

export function edgeCount(graph: KripkeGraph): number {
  return graph.targets.length;
}

/** The action of an edge, or -1 (no actions recorded, or a stuttering step). */
export function edgeAction(graph: KripkeGraph, edge: number): number {
  if (edge < 0 || !graph.actions) return -1;
  return graph.actions[edge];
}

/** A graph seen as a `StateSpace`; edge ids are positions in `targets`. */
export function graphStateSpace(graph: KripkeGraph): StateSpace {
  const { offsets, targets } = graph;
  return {
    initial: graph.initial,
    stateCount: graph.stateCount,
    successors(state, emit) {
      const end = offsets[state + 1];
      for (let e = offsets[state]; e < end; e++) emit(targets[e], e);
    },
  };
}

/** A small graph from an edge list (tests, examples). */
export function graphFromEdges(
  stateCount: number,
  edges: readonly (readonly [number, number] | readonly [number, number, number])[],
  initial: readonly number[],
): KripkeGraph {
  const builder = new GraphBuilder({ actions: edges.some((e) => e.length > 2) });
  builder.ensureStates(stateCount);
  for (const e of edges) builder.addEdge(e[0], e[1], e.length > 2 ? (e as readonly number[])[2] : -1);
  for (const s of initial) builder.addInitial(s);
  return builder.freeze();
}

/** Reverse adjacency: the predecessors of `t` are `sources[offsets[t] .. offsets[t + 1])`, via edges `edges[...]`. */
export interface ReverseGraph {
  readonly offsets: Int32Array;
  readonly sources: Int32Array;
  readonly edges: Int32Array;
}

export function reverseGraph(graph: KripkeGraph): ReverseGraph {
  const n = graph.stateCount;
  const { offsets, targets } = graph;
  const m = targets.length;
  const roff = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) roff[targets[e] + 1]++;
  for (let s = 0; s < n; s++) roff[s + 1] += roff[s];
  const fill = roff.slice(0, n);
  const sources = new Int32Array(m);
  const edges = new Int32Array(m);
  for (let s = 0; s < n; s++) {
    const end = offsets[s + 1];
    for (let e = offsets[s]; e < end; e++) {
      const p = fill[targets[e]]++;
      sources[p] = s;
      edges[p] = e;
    }
  }
  return { offsets: roff, sources, edges };
}

export interface GraphBuilderOptions {
  /** Record an action index per edge. */
  readonly actions?: boolean;
  readonly expectedStates?: number;
  readonly expectedEdges?: number;
}

/**
 * Accepts states and edges incrementally, in any order (so an explorer can fill it as it goes),
 * and freezes to CSR. Edges of one source keep the order they were added in.
 */
export class GraphBuilder {
  private count = 0;
  private edgeTotal = 0;
  private from: Int32Array;
  private to: Int32Array;
  private act: Int32Array | undefined;
  private initialStates: number[] = [];

  constructor(options: GraphBuilderOptions = {}) {
    const cap = Math.max(16, options.expectedEdges ?? 1024);
    this.from = new Int32Array(cap);
    this.to = new Int32Array(cap);
    this.act = options.actions ? new Int32Array(cap) : undefined;
    this.count = 0;
  }

  get stateCount(): number {
    return this.count;
  }

  get edgeCount(): number {
    return this.edgeTotal;
  }

  /** A new state id. */
  addState(): number {
    return this.count++;
  }

  /** Makes sure states `0 .. n - 1` exist. */
  ensureStates(n: number): void {
    if (n > this.count) this.count = n;
  }

  addInitial(state: number): void {
    this.ensureStates(state + 1);
    this.initialStates.push(state);
  }

  addEdge(from: number, to: number, action = -1): void {
    if (from < 0 || to < 0) throw new RangeError(`edge ${from} -> ${to}: state ids must be >= 0`);
    if (this.edgeTotal === this.from.length) this.grow();
    const i = this.edgeTotal++;
    this.from[i] = from;
    this.to[i] = to;
    if (this.act) this.act[i] = action;
    const hi = Math.max(from, to);
    if (hi >= this.count) this.count = hi + 1;
  }

  private grow(): void {
    const cap = this.from.length * 2;
    const f = new Int32Array(cap);
    f.set(this.from);
    this.from = f;
    const t = new Int32Array(cap);
    t.set(this.to);
    this.to = t;
    if (this.act) {
      const a = new Int32Array(cap);
      a.set(this.act);
      this.act = a;
    }
  }

  /** The CSR graph (a counting sort by source). The builder can keep growing afterwards. */
  freeze(): KripkeGraph {
    const n = this.count;
    const m = this.edgeTotal;
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) offsets[this.from[i] + 1]++;
    for (let s = 0; s < n; s++) offsets[s + 1] += offsets[s];
    const fill = offsets.slice(0, n);
    const targets = new Int32Array(m);
    const actions = this.act ? new Int32Array(m) : undefined;
    for (let i = 0; i < m; i++) {
      const p = fill[this.from[i]]++;
      targets[p] = this.to[i];
      if (actions && this.act) actions[p] = this.act[i];
    }
    const initial = Int32Array.from(new Set(this.initialStates));
    return actions
      ? { stateCount: n, offsets, targets, actions, initial }
      : { stateCount: n, offsets, targets, initial };
  }
}
