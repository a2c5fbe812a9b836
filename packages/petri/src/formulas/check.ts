import type { Diagnostic } from '@modelcheck/core';
import {
  type AtomBinding,
  type AtomFormula,
  type CtlExplanation,
  type CtlLabels,
  checkCtl,
  checkLtl,
  type Formula,
  type KripkeGraph,
  type TemporalLasso,
} from '@modelcheck/temporal';
import { pInvariants, structuralBounds } from '../analysis/invariants.js';
import type { PetriNet } from '../model/net.js';
import { buildCoverabilityGraph } from '../state-space/coverability.js';
import { now, type SpaceLimits } from '../state-space/limits.js';
import { buildReachabilityGraph, pathTo, type ReachabilityGraph } from '../state-space/reachability.js';
import type { ContestProperty } from './mcc-xml.js';
import { compare, isNetPredicate, type NetPredicate, predicateKey } from './predicates.js';

/** Why formulas cannot be decided on a net: a limit stopped the graph, or the net is unbounded. */
export type FormulaStopReason = 'state-limit' | 'time-limit' | 'memory-limit' | 'cancelled' | 'unbounded';

/**
 * The reachability graph of a net as the temporal checkers take it (a CSR Kripke graph whose
 * states are marking ids, edges labelled by transitions), with cached atom valuations, so that
 * every formula of a property file is checked on one graph.
 */
export interface NetFormulaSpace {
  readonly net: PetriNet;
  /** Present when the whole graph was built. */
  readonly graph?: ReachabilityGraph;
  readonly kripke?: KripkeGraph;
  readonly stopped?: FormulaStopReason;
  /** Markings explored (all of them when complete). */
  readonly markings: number;
  readonly seconds: number;
  /** Tokens of place `p` in marking `id`. */
  tokens(id: number, p: number): number;
  /** The state predicate of an atom (memoised per state), or undefined for an atom that is not a net predicate. */
  predicate(p: NetPredicate): (state: number) => boolean;
}

export interface FormulaSpaceOptions extends SpaceLimits {}

/** Dense markings (states × places) are kept up to this many numbers; beyond, markings are unpacked on demand. */
const DENSE_LIMIT = 1 << 24;

/**
 * Builds the reachability graph for formula checking. Boundedness first (P-invariants, else the
 * Karp–Miller graph): an unbounded net has an infinite graph, on which formulas are not decided
 * here (`stopped: 'unbounded'`).
 */
export function buildFormulaSpace(net: PetriNet, options: FormulaSpaceOptions = {}): NetFormulaSpace {
  const started = now();
  const pInv = pInvariants(net);
  const bounds = pInv.vectors ? structuralBounds(net, pInv.vectors) : net.places.map(() => undefined);
  let fieldBounds: readonly (number | undefined)[] = bounds;
  if (!bounds.every((b) => b !== undefined)) {
    const cov = buildCoverabilityGraph(net, {
      maxNodes: Math.min(options.maxStates ?? 200_000, 200_000),
      maxSeconds: options.maxSeconds,
      signal: options.signal,
    });
    if (cov.unboundedPlaces.length > 0) return emptySpace(net, 'unbounded', (now() - started) / 1000);
    if (cov.complete) fieldBounds = cov.maxTokens;
  }
  const remaining =
    options.maxSeconds !== undefined
      ? Math.max(0.001, options.maxSeconds - (now() - started) / 1000)
      : undefined;
  const graph = buildReachabilityGraph(net, {
    bounds: fieldBounds,
    maxStates: options.maxStates,
    maxSeconds: remaining,
    maxBytes: options.maxBytes,
    signal: options.signal,
  });
  if (!graph.complete || !graph.edgeStart || !graph.edgeTarget || !graph.edgeTransition)
    return emptySpace(net, graph.stopped ?? 'cancelled', (now() - started) / 1000, graph.markings);
  const n = graph.markings;
  const kripke: KripkeGraph = {
    stateCount: n,
    offsets: Int32Array.from(graph.edgeStart.subarray(0, n + 1)),
    targets: Int32Array.from(graph.edgeTarget.subarray(0, graph.edges)),
    actions: Int32Array.from(graph.edgeTransition.subarray(0, graph.edges)),
    initial: Int32Array.of(0),
  };
  const P = net.places.length;
  let tokens: (id: number, p: number) => number;
  if (n * P <= DENSE_LIMIT) {
    const dense = new Int32Array(n * P);
    const row = new Int32Array(P);
    for (let id = 0; id < n; id++) {
      graph.store.unpack(id, row);
      dense.set(row, id * P);
    }
    tokens = (id, p) => dense[id * P + p];
  } else {
    const row = new Int32Array(P);
    let cached = -1;
    tokens = (id, p) => {
      if (id !== cached) {
        graph.store.unpack(id, row);
        cached = id;
      }
      return row[p];
    };
  }
  const memo = new Map<string, (state: number) => boolean>();
  const compile = (pred: NetPredicate): ((state: number) => boolean) => {
    const { offsets, actions } = kripke;
    switch (pred.kind) {
      case 'deadlock':
        return (s) => offsets[s] === offsets[s + 1];
      case 'fireable': {
        // Enabled iff the graph has an edge of the transition: every enabled transition fires.
        const mask = new Uint8Array(net.transitions.length);
        for (const t of pred.transitions) mask[t] = 1;
        return (s) => {
          for (let e = offsets[s], end = offsets[s + 1]; e < end; e++) if (mask[actions![e]]) return true;
          return false;
        };
      }
      case 'compare': {
        const value = (t: typeof pred.left, s: number): number => {
          if (t.kind === 'constant') return t.value;
          let sum = 0;
          for (const p of t.places) sum += tokens(s, p);
          return sum;
        };
        return (s) => compare(pred.op, value(pred.left, s), value(pred.right, s));
      }
    }
  };
  const space: NetFormulaSpace = {
    net,
    graph,
    kripke,
    markings: n,
    seconds: (now() - started) / 1000,
    tokens,
    predicate(pred) {
      const key = predicateKey(pred);
      let fn = memo.get(key);
      if (!fn) {
        const raw = compile(pred);
        const cache = new Int8Array(n); // 0 unknown, 1 false, 2 true
        fn = (s) => {
          const c = cache[s];
          if (c !== 0) return c === 2;
          const v = raw(s);
          cache[s] = v ? 2 : 1;
          return v;
        };
        memo.set(key, fn);
      }
      return fn;
    },
  };
  return space;
}

function emptySpace(
  net: PetriNet,
  stopped: FormulaStopReason,
  seconds: number,
  markings = 0,
): NetFormulaSpace {
  return {
    net,
    stopped,
    markings,
    seconds,
    tokens: () => 0,
    predicate: () => () => false,
  };
}

/**
 * A firing sequence that explains a verdict: from marking `start` (reached from the initial
 * marking by `toStart`), fire `prefix`, then `cycle` forever (empty: the path ends there). A step
 * of -1 is a dead marking repeating itself (the contest's semantics: deadlocks stutter).
 */
export interface FiringPath {
  readonly start: number;
  readonly toStart: readonly number[];
  readonly prefix: readonly number[];
  readonly cycle: readonly number[];
  /** Marking ids: where the prefix ends (= where the cycle starts). */
  readonly prefixEnd: number;
  /** The path ends in a dead marking that repeats forever. */
  readonly stuttering: boolean;
  /** A finite path (a prefix of behaviours, e.g. to a state where EF's operand holds). */
  readonly finite: boolean;
}

export function firingPath(space: NetFormulaSpace, lasso: TemporalLasso): FiringPath | undefined {
  const kripke = space.kripke;
  const graph = space.graph;
  if (!kripke || !graph) return undefined;
  const steps = [...lasso.prefix, ...lasso.cycle];
  if (steps.length === 0) return undefined;
  const action = (edge: number) => (edge < 0 ? -1 : kripke.actions![edge]);
  const start = steps[0].state;
  const prefix = lasso.prefix.filter((s) => s.edge >= 0).map((s) => action(s.edge));
  const cycle = lasso.cycle.map((s) => action(s.edge));
  const stuttering = cycle.length > 0 && cycle.every((t) => t < 0);
  const last = lasso.prefix.length > 0 ? lasso.prefix[lasso.prefix.length - 1] : undefined;
  const prefixEnd =
    lasso.cycle.length > 0
      ? lasso.cycle[0].state
      : last
        ? last.edge >= 0
          ? kripke.targets[last.edge]
          : last.state
        : start;
  return {
    start,
    toStart: pathTo(graph, start),
    prefix,
    cycle: stuttering ? [] : cycle.filter((t) => t >= 0),
    prefixEnd,
    stuttering,
    finite: lasso.cycle.length === 0,
  };
}

export type NetFormulaResult =
  | {
      readonly kind: 'holds' | 'violated';
      readonly logic: 'ctl' | 'ltl';
      /**
       * LTL: the counterexample lasso (violated). CTL: the first path in the explanation tree
       * (an `EF` witness, an `AG` counterexample...), when some operator has one.
       */
      readonly path?: FiringPath;
      /** The sub-formula the path is about (CTL). */
      readonly pathFormula?: string;
      readonly pathNote?: string;
      /** CTL: the labelling, for explanation trees; `state` is where the verdict was decided. */
      readonly labels?: CtlLabels;
      readonly state?: number;
      readonly warnings: readonly Diagnostic[];
    }
  | { readonly kind: 'bound'; readonly value: number }
  | { readonly kind: 'cannot-compute'; readonly reason: FormulaStopReason }
  | { readonly kind: 'error'; readonly diagnostics: readonly Diagnostic[] };

export interface NetFormulaCheckOptions {
  readonly shouldStop?: () => boolean;
  /** LTL product states. */
  readonly maxProductStates?: number;
  /** Depth of the CTL explanation searched for a path (default 12). */
  readonly explainDepth?: number;
}

/**
 * Checks a formula (atoms carrying `NetPredicate`s) on the net's reachability graph with the Model
 * Checking Contest's semantics: a dead marking repeats itself forever (for CTL and LTL alike),
 * `A φ` holds iff φ holds on every path from the initial marking.
 */
export function checkNetFormula(
  space: NetFormulaSpace,
  formula: Formula,
  logic: 'ctl' | 'ltl',
  options: NetFormulaCheckOptions = {},
): NetFormulaResult {
  if (!space.kripke) return { kind: 'cannot-compute', reason: space.stopped ?? 'cancelled' };
  const atoms = (atom: AtomFormula): AtomBinding | undefined =>
    isNetPredicate(atom.data) ? space.predicate(atom.data) : undefined;
  if (logic === 'ctl') {
    const r = checkCtl({
      graph: space.kripke,
      formula,
      atoms,
      deadlock: 'stutter',
      shouldStop: options.shouldStop,
    });
    if (r.kind === 'error') return r;
    if (r.kind === 'stopped') return { kind: 'cannot-compute', reason: 'time-limit' };
    const state = r.kind === 'violated' ? r.failingState : 0;
    const tree = r.labels.explain(state, options.explainDepth ?? 12);
    const withPath = firstPath(tree);
    const path = withPath?.path ? firingPath(space, withPath.path) : undefined;
    return {
      kind: r.kind,
      logic,
      ...(path ? { path, pathFormula: withPath?.text, pathNote: withPath?.note } : {}),
      labels: r.labels,
      state,
      warnings: r.warnings,
    };
  }
  const r = checkLtl({
    graph: space.kripke,
    formula,
    atoms,
    deadlock: 'stutter',
    shouldStop: options.shouldStop,
    maxStates: options.maxProductStates,
  });
  if (r.kind === 'error') return r;
  if (r.kind === 'stopped')
    return { kind: 'cannot-compute', reason: r.reason === 'state-limit' ? 'state-limit' : 'time-limit' };
  if (r.kind === 'holds') return { kind: 'holds', logic, warnings: r.warnings };
  const path = firingPath(space, r.lasso);
  return { kind: 'violated', logic, ...(path ? { path } : {}), warnings: r.warnings };
}

/** The first node (depth first, the node itself before its children) with a path. */
export function firstPath(e: CtlExplanation): CtlExplanation | undefined {
  if (e.path) return e;
  for (const c of e.children) {
    const found = firstPath(c);
    if (found) return found;
  }
  return undefined;
}

/** UpperBounds: the largest token sum of the places over all reachable markings. */
export function placeBound(space: NetFormulaSpace, places: readonly number[]): NetFormulaResult {
  if (!space.kripke) return { kind: 'cannot-compute', reason: space.stopped ?? 'cancelled' };
  let best = 0;
  for (let s = 0; s < space.markings; s++) {
    let sum = 0;
    for (const p of places) sum += space.tokens(s, p);
    if (sum > best) best = sum;
  }
  return { kind: 'bound', value: best };
}

/** A contest property on the space: a verdict, or for UpperBounds a number. */
export function checkContestProperty(
  space: NetFormulaSpace,
  property: ContestProperty,
  options: NetFormulaCheckOptions = {},
): NetFormulaResult {
  if (property.logic === 'bound') return placeBound(space, property.bound ?? []);
  return checkNetFormula(space, property.formula!, property.logic, options);
}

/** The contest's answer word: TRUE, FALSE, the bound, or CANNOT_COMPUTE. */
export function contestAnswer(result: NetFormulaResult): string {
  switch (result.kind) {
    case 'holds':
      return 'TRUE';
    case 'violated':
      return 'FALSE';
    case 'bound':
      return String(result.value);
    default:
      return 'CANNOT_COMPUTE';
  }
}
