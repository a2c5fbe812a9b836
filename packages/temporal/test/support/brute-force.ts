import type { Formula, KripkeGraph, TemporalLasso } from '../../src/index.js';
import { evalWord, type Word } from './lasso-eval.js';
import type { RandomModel } from './random-graph.js';

export interface Semantics {
  readonly deadlock: 'stutter' | 'finite';
  readonly stutterEverywhere: boolean;
}

export interface Step {
  readonly state: number;
  readonly edge: number;
}

/** Successor options of a state as the semantics sees them: real edges (CSR ids) and the stuttering step (-1). */
export function options(graph: KripkeGraph, s: number, sem: Semantics): Step[] {
  const out: Step[] = [];
  for (let e = graph.offsets[s]; e < graph.offsets[s + 1]; e++)
    out.push({ state: graph.targets[e], edge: e });
  const dead = out.length === 0;
  if (sem.stutterEverywhere || (dead && sem.deadlock === 'stutter')) out.push({ state: s, edge: -1 });
  return out;
}

/** The word a path spells: state atoms of each position, and the edge atom `a` of the step taken there. */
export function wordOf(
  m: RandomModel,
  edgeIndex: (e: number) => number,
  steps: readonly Step[],
  loop: number,
): Word {
  return {
    loop,
    letters: steps.map(({ state, edge }) => (atom: string) => {
      if (atom === 'a') return edge < 0 ? m.stutterA[state] : m.edgeA[edgeIndex(edge)];
      return m.labels[state][atom as 'p' | 'q' | 'r'];
    }),
  };
}

/** Whether a lasso's cycle meets the model's fairness constraints (a finite word always does). */
export function fairLasso(
  m: RandomModel,
  edgeIndex: (e: number) => number,
  steps: readonly Step[],
  loop: number,
): boolean {
  if (loop < 0) return true;
  const cycle = steps.slice(loop);
  return m.fair.every((c) => {
    const taken = cycle.some(({ state, edge }) =>
      edge < 0 ? c.stutterTaken[state] : c.taken[edgeIndex(edge)],
    );
    if (c.kind === 'weak') return !cycle.every(({ state }) => c.enabled[state]) || taken;
    return !cycle.some(({ state }) => c.enabled[state]) || taken;
  });
}

/**
 * Every lasso (and, in `finite` mode, every maximal finite path) of at most `bound` positions
 * from an initial state; `visit` returns true to stop.
 */
export function forEachLasso(
  graph: KripkeGraph,
  bound: number,
  sem: Semantics,
  visit: (steps: Step[], loop: number) => boolean,
): void {
  const path: number[] = [];
  const edges: number[] = [];
  let stop = false;
  const extend = (s: number): void => {
    if (stop) return;
    path.push(s);
    const opts = options(graph, s, sem);
    if (opts.length === 0) {
      // A dead state in finite mode: a maximal finite path.
      const steps = path.map((state, i) => ({ state, edge: i < edges.length ? edges[i] : -1 }));
      stop = visit(steps, -1);
    }
    for (const o of opts) {
      if (stop) break;
      for (let j = 0; j < path.length && !stop; j++) {
        if (path[j] !== o.state) continue;
        const steps = path.map((state, i) => ({ state, edge: i < edges.length ? edges[i] : o.edge }));
        stop = visit(steps, j);
      }
      if (path.length < bound && !stop) {
        edges.push(o.edge);
        extend(o.state);
        edges.pop();
      }
    }
    path.pop();
  };
  for (const s of graph.initial) extend(s);
}

/** Brute force: a (fair) behaviour of at most `bound` positions that violates the formula, if any. */
export function bruteViolation(
  m: RandomModel,
  graph: KripkeGraph,
  edgeIndex: (e: number) => number,
  formula: Formula,
  sem: Semantics,
  bound: number,
  fair: boolean,
): { steps: Step[]; loop: number } | undefined {
  let found: { steps: Step[]; loop: number } | undefined;
  forEachLasso(graph, bound, sem, (steps, loop) => {
    if (fair && !fairLasso(m, edgeIndex, steps, loop)) return false;
    if (!evalWord(formula, wordOf(m, edgeIndex, steps, loop))) {
      found = { steps, loop };
      return true;
    }
    return false;
  });
  return found;
}

/** Checks that a lasso is a behaviour of the graph from an initial state; returns its steps and loop index. */
export function replay(
  graph: KripkeGraph,
  lasso: TemporalLasso,
  sem: Semantics,
): { steps: Step[]; loop: number } {
  const steps = [...lasso.prefix, ...lasso.cycle];
  if (steps.length === 0) throw new Error('empty lasso');
  if (!Array.from(graph.initial).includes(steps[0].state))
    throw new Error(`starts in ${steps[0].state}, not an initial state`);
  const loop = lasso.finite ? -1 : lasso.prefix.length;
  if (lasso.finite && lasso.cycle.length > 0) throw new Error('finite lasso with a cycle');
  if (!lasso.finite && lasso.cycle.length === 0) throw new Error('lasso without a cycle');
  for (let i = 0; i < steps.length; i++) {
    const { state, edge } = steps[i];
    const next = i + 1 < steps.length ? steps[i + 1].state : loop >= 0 ? steps[loop].state : undefined;
    if (next === undefined) {
      // End of a finite maximal path: a dead state, no stuttering.
      if (edge !== -1 || options(graph, state, sem).length !== 0)
        throw new Error(`finite path ends in ${state}, not dead`);
      continue;
    }
    const ok = options(graph, state, sem).some((o) => o.state === next && o.edge === edge);
    if (!ok) throw new Error(`no step ${state} -(${edge})-> ${next}`);
  }
  return { steps: steps.map((s) => ({ ...s })), loop };
}

/**
 * Brute force: the smallest loop index (prefix length) of a (fair) infinite behaviour of at most
 * `bound` positions that violates the formula, with the smallest total length among those; undefined if none.
 */
export function shortestViolation(
  m: RandomModel,
  graph: KripkeGraph,
  edgeIndex: (e: number) => number,
  formula: Formula,
  sem: Semantics,
  bound: number,
  fair: boolean,
): { steps: Step[]; loop: number } | undefined {
  let best: { steps: Step[]; loop: number } | undefined;
  forEachLasso(graph, bound, sem, (steps, loop) => {
    if (loop < 0) return false;
    if (best && (loop > best.loop || (loop === best.loop && steps.length >= best.steps.length))) return false;
    if (fair && !fairLasso(m, edgeIndex, steps, loop)) return false;
    if (!evalWord(formula, wordOf(m, edgeIndex, steps, loop))) best = { steps, loop };
    return false;
  });
  return best;
}
