import type { ActionInfo, Lasso, TraceStep, TransitionSystem } from '@modelcheck/core';
import { stepAction } from '@modelcheck/core';
import type { ExplorationObserver } from '@modelcheck/explorer';
import {
  type AtomBinding,
  type CtlExplanation,
  checkCtl,
  checkLtl,
  type FairnessConstraint,
  type Formula,
  type KripkeGraph,
  STUTTER_EDGE,
  type TemporalLasso,
} from '@modelcheck/temporal';
import {
  type Liveness,
  TemporalFormulaError,
  type TlaAtom,
  type TlaFormula,
  type TlaState,
} from '@modelcheck/tla';

/**
 * The state graph a breadth-first search found, kept for the temporal checker: every distinct
 * state (by the explorer's dense ids) and every transition between two of them, as TLC keeps its
 * behaviour graph when PROPERTIES need liveness checking.
 */
export class BehaviourGraphRecorder implements ExplorationObserver<TlaState> {
  readonly states: TlaState[] = [];
  /** Under VIEW or SYMMETRY, each edge's successor as generated (recorder edge order). */
  private readonly successors: TlaState[] | undefined;
  /** CSR position -> recorder edge, once `graph()` has run. */
  private order: Int32Array = new Int32Array(0);

  constructor(keepSuccessors = false) {
    this.successors = keepSuccessors ? [] : undefined;
  }

  /** The successor an edge (a CSR position of `graph()`) was generated with. */
  successorOf(edge: number, to: number): TlaState {
    return this.successors?.[this.order[edge]] ?? this.states[to];
  }
  private readonly initial: number[] = [];
  private from = new Int32Array(1024);
  private to = new Int32Array(1024);
  private action = new Int32Array(1024);
  private edges = 0;

  onState(id: number, state: TlaState, initial: boolean): void {
    this.states[id] = state;
    if (initial) this.initial.push(id);
  }

  onEdge(from: number, to: number, action: number, next: TlaState): void {
    if (this.successors) this.successors[this.edges] = next;
    if (this.edges === this.from.length) {
      this.from = grow(this.from);
      this.to = grow(this.to);
      this.action = grow(this.action);
    }
    this.from[this.edges] = from;
    this.to[this.edges] = to;
    this.action[this.edges] = action;
    this.edges++;
  }

  /** The graph in compressed sparse rows (edges from one state keep the order they were found in). */
  graph(): KripkeGraph {
    const n = this.states.length;
    const offsets = new Int32Array(n + 1);
    for (let e = 0; e < this.edges; e++) offsets[this.from[e] + 1]++;
    for (let s = 0; s < n; s++) offsets[s + 1] += offsets[s];
    const fill = offsets.slice(0, n);
    const targets = new Int32Array(this.edges);
    const actions = new Int32Array(this.edges);
    this.order = new Int32Array(this.edges);
    for (let e = 0; e < this.edges; e++) {
      const at = fill[this.from[e]]++;
      targets[at] = this.to[e];
      actions[at] = this.action[e];
      this.order[at] = e;
    }
    return { stateCount: n, offsets, targets, actions, initial: Int32Array.from(this.initial) };
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export type LivenessVerdict =
  | { readonly kind: 'holds' }
  | { readonly kind: 'violated'; readonly property: string; readonly lasso: Lasso<TlaState> }
  | { readonly kind: 'stopped' }
  /** A property that turned out not to be checkable (its fairness needs an ENABLED we cannot compute). */
  | { readonly kind: 'unsupported'; readonly property: string; readonly message: string }
  | { readonly kind: 'error'; readonly property: string; readonly message: string; readonly error: unknown };

/** An ad-hoc formula (`--ctl`, `--ltl`) with its atoms bound to state predicates of the spec. */
export interface BoundFormula {
  readonly kind: 'ctl' | 'ltl';
  readonly text: string;
  readonly formula: Formula;
  readonly atoms: ReadonlyMap<string, (s: TlaState) => boolean>;
}

export type FormulaVerdict =
  | { readonly kind: 'holds'; readonly explanation?: string[] }
  | { readonly kind: 'violated'; readonly lasso: Lasso<TlaState>; readonly explanation?: string[] }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'error'; readonly message: string; readonly error: unknown };

/**
 * The temporal checks on the graph a breadth-first search recorded, as TLC makes them after the
 * safety search: a behaviour is any path of the graph from an initial state, where every state may
 * also stutter, and only behaviours that meet the spec's fairness count.
 */
export class TemporalRun {
  private readonly graph: KripkeGraph;
  private readonly states: readonly TlaState[];
  private readonly cache: AtomCache;
  private readonly fairness: FairnessConstraint[];

  constructor(
    private readonly liveness: Liveness,
    recorder: BehaviourGraphRecorder,
    private readonly system: TransitionSystem<TlaState>,
    private readonly shouldStop?: () => boolean,
    private readonly quotient = false,
  ) {
    this.graph = recorder.graph();
    this.states = recorder.states;
    this.cache = new AtomCache(this.states.length, this.graph.targets.length, recorder);
    this.fairness = liveness.fairness.map((c) => ({
      kind: c.kind,
      name: c.name,
      enabled: this.cache.state(c.enabled, this.states),
      taken: this.cache.edge(c.taken, this.states),
    }));
  }

  /**
   * Each temporal property, conjunct by conjunct; the first violated one with a lasso (its prefix,
   * then the cycle; `stuttering` when it ends by repeating one state).
   */
  properties(): LivenessVerdict {
    const { cache, states } = this;
    const bindings = new Map<string, AtomBinding>();
    const bind = (formula: TlaFormula) => {
      forEachAtom(formula, (name, atom) => {
        if (bindings.has(name)) return;
        bindings.set(
          name,
          atom.kind === 'state'
            ? { kind: 'state', holds: cache.state(atom.holds, states) }
            : { kind: 'edge', holds: cache.edge(atom.holds, states) },
        );
      });
    };
    const assumptions = this.liveness.fairnessFormulas;
    for (const f of assumptions) bind(f);
    for (const property of this.liveness.properties) {
      // TLC checks the conjuncts of a property one by one (Spec => A /\ B iff Spec => A and
      // Spec => B), which keeps each automaton small.
      for (const part of conjuncts(property.formula)) {
        bind(part);
        const formula: TlaFormula =
          assumptions.length === 0
            ? part
            : {
                kind: 'implies',
                left: assumptions.reduce((l, r) => ({ kind: 'and', left: l, right: r })),
                right: part,
              };
        let result: ReturnType<typeof checkLtl>;
        try {
          result = checkLtl({
            graph: this.graph,
            formula: formula as Formula,
            atoms: (atom) => bindings.get(atom.name),
            fairness: this.fairness,
            stutterEverywhere: true,
            shouldStop: this.shouldStop,
          });
        } catch (error) {
          if (error instanceof TemporalFormulaError)
            return { kind: 'unsupported', property: property.name, message: error.message };
          return { kind: 'error', property: property.name, message: messageOf(error), error };
        }
        if (result.kind === 'stopped') return { kind: 'stopped' };
        if (result.kind === 'error')
          return {
            kind: 'error',
            property: property.name,
            message: result.diagnostics.map((d) => d.message).join('\n'),
            error: undefined,
          };
        if (result.kind === 'holds' || result.kind === 'violated') this.note(result.warnings, property.name);
        if (result.kind === 'violated')
          return { kind: 'violated', property: property.name, lasso: this.lasso(result.lasso) };
      }
    }
    return { kind: 'holds' };
  }

  /** An ad-hoc formula, under the spec's fairness; CTL with `explain`: the sub-formula tree at the failing state. */
  formula(f: BoundFormula, explain: boolean): FormulaVerdict {
    const atoms = (atom: { name: string }): AtomBinding | undefined => {
      const holds = f.atoms.get(atom.name);
      return holds ? { kind: 'state', holds: this.cache.state(holds, this.states) } : undefined;
    };
    try {
      if (f.kind === 'ltl') {
        const r = checkLtl({
          graph: this.graph,
          formula: f.formula,
          atoms,
          fairness: this.fairness,
          stutterEverywhere: true,
          shouldStop: this.shouldStop,
        });
        if (r.kind === 'error' || r.kind === 'stopped') return unfinished(r);
        this.note(r.warnings, `--ltl ${f.text}`);
        return r.kind === 'holds' ? { kind: 'holds' } : { kind: 'violated', lasso: this.lasso(r.lasso) };
      }
      const r = checkCtl({
        graph: this.graph,
        formula: f.formula,
        atoms,
        fairness: this.fairness,
        stutterEverywhere: true,
        shouldStop: this.shouldStop,
      });
      if (r.kind === 'error' || r.kind === 'stopped') return unfinished(r);
      this.note(r.warnings, `--ctl ${f.text}`);
      if (r.kind === 'holds')
        return {
          kind: 'holds',
          explanation: explain ? explanationLines(r.explanation, this.states, this.system) : undefined,
        };
      const path = r.explanation.path;
      // Without a path for the outermost operator (a failing EF, a boolean combination), the
      // counterexample is the initial state where the formula is false.
      const lasso: Lasso<TlaState> = path
        ? this.lasso(path)
        : { steps: [{ state: this.states[r.failingState] }], loopStart: -1 };
      return {
        kind: 'violated',
        lasso: path && path.cycle.length === 0 ? { steps: lasso.steps, loopStart: -1 } : lasso,
        explanation: explain ? explanationLines(r.explanation, this.states, this.system) : undefined,
      };
    } catch (error) {
      return { kind: 'error', message: messageOf(error), error };
    }
  }

  /** Warnings of the temporal checker (e.g. fairness that no behaviour meets: a vacuous verdict). */
  readonly warnings: string[] = [];

  private note(warnings: readonly { message: string }[], what: string): void {
    for (const w of warnings) {
      const text = `${what}: ${w.message}`;
      if (!this.warnings.includes(text)) this.warnings.push(text);
    }
  }

  private lasso(l: TemporalLasso): Lasso<TlaState> {
    return toLasso(l, this.graph, this.states, this.system, this.quotient ? this.realize(l) : undefined);
  }

  /**
   * Under VIEW or SYMMETRY the graph's states are representatives of classes: a behaviour made of
   * them need not be one the spec allows. As TLC does for its traces, walk the lasso again from
   * its first state, each time taking a generated successor in the next state's class, so the
   * trace shows real states and real steps: the state at each position of the path.
   */
  private realize(l: TemporalLasso): TlaState[] | undefined {
    const path = [...l.prefix, ...l.cycle];
    if (path.length === 0) return undefined;
    const want = new Uint32Array(2);
    const got = new Uint32Array(2);
    const out: TlaState[] = [this.states[path[0].state]];
    for (let i = 1; i < path.length; i++) {
      this.system.fingerprint(this.states[path[i].state], want, 0);
      let found: TlaState | undefined;
      this.system.successors(out[i - 1], (_label, next) => {
        if (found) return;
        this.system.fingerprint(next, got, 0);
        if (got[0] === want[0] && got[1] === want[1]) found = next;
      });
      // A path of the graph always has such a successor; if not, show the representatives.
      if (!found) return undefined;
      out.push(found);
    }
    return out;
  }
}

/** The CTL explanation tree as indented lines: each sub-formula, where, and its verdict. */
function explanationLines(
  e: CtlExplanation,
  states: readonly TlaState[],
  system: TransitionSystem<TlaState>,
  indent = 0,
): string[] {
  const pad = '  '.repeat(indent);
  const where = Object.entries(system.render(states[e.state]))
    .map(([k, v]) => `${k} = ${v.text}`)
    .join(', ');
  const lines = [
    `${pad}${e.holds ? 'holds' : 'fails'}: ${e.text}   [at ${where}]${e.note ? ` (${e.note})` : ''}`,
  ];
  for (const c of e.children) lines.push(...explanationLines(c, states, system, indent + 1));
  return lines;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function conjuncts(f: TlaFormula): TlaFormula[] {
  return f.kind === 'and' ? [...conjuncts(f.left), ...conjuncts(f.right)] : [f];
}

function forEachAtom(f: TlaFormula, visit: (name: string, atom: TlaAtom) => void): void {
  switch (f.kind) {
    case 'atom':
      visit(f.name, f.data);
      return;
    case 'true':
    case 'false':
      return;
    case 'not':
    case 'next':
    case 'finally':
    case 'globally':
      forEachAtom(f.arg, visit);
      return;
    default:
      forEachAtom(f.left, visit);
      forEachAtom(f.right, visit);
  }
}

/**
 * Each predicate is evaluated at most once per state (or per edge): the product with the
 * automaton asks again for every automaton state. Stuttering steps (edge -1) are cached per state.
 */
class AtomCache {
  constructor(
    private readonly stateCount: number,
    private readonly edgeCount: number,
    private readonly recorder: BehaviourGraphRecorder,
  ) {}

  state(holds: (s: TlaState) => boolean, states: readonly TlaState[]): (id: number) => boolean {
    const memo = new Int8Array(this.stateCount);
    return (id) => {
      const m = memo[id];
      if (m !== 0) return m > 0;
      const v = holds(states[id]);
      memo[id] = v ? 1 : -1;
      return v;
    };
  }

  edge(
    holds: (from: TlaState, to: TlaState) => boolean,
    states: readonly TlaState[],
  ): (from: number, to: number, edge: number) => boolean {
    const recorder = this.recorder;
    const memo = new Int8Array(this.edgeCount);
    const stutter = new Int8Array(this.stateCount);
    return (from, to, edge) => {
      const table = edge === STUTTER_EDGE ? stutter : memo;
      const at = edge === STUTTER_EDGE ? from : edge;
      const m = table[at];
      if (m !== 0) return m > 0;
      const v = holds(states[from], edge === STUTTER_EDGE ? states[to] : recorder.successorOf(edge, to));
      table[at] = v ? 1 : -1;
      return v;
    };
  }
}

/** A lasso of state ids as a trace: TLC's "State k: <Action …>" steps, then back to the loop or stuttering. */
function toLasso(
  lasso: TemporalLasso,
  graph: KripkeGraph,
  states: readonly TlaState[],
  system: TransitionSystem<TlaState>,
  realized?: readonly TlaState[],
): Lasso<TlaState> {
  const path = [...lasso.prefix, ...lasso.cycle];
  const stateAt = (i: number) => realized?.[i] ?? states[path[i].state];
  const steps: TraceStep<TlaState>[] = [];
  path.forEach((_step, i) => {
    const state = stateAt(i);
    if (i === 0) {
      steps.push({ state });
      return;
    }
    const previous = path[i - 1];
    steps.push({ state, action: actionOf(previous.edge, stateAt(i - 1), state, graph, system) });
  });
  // A cycle of one state is a stuttering step whichever action produced it (s -> s changes
  // nothing), and TLC prints it so.
  const stuttering = lasso.stuttering === true || lasso.cycle.length <= 1;
  if (stuttering) {
    // The cycle is one state repeating: TLC prints the path to it and then "Stuttering".
    const trimmed = lasso.cycle.length > 0 ? steps.slice(0, lasso.prefix.length + 1) : steps;
    return { steps: trimmed, loopStart: trimmed.length - 1, stuttering: true };
  }
  const last = path[path.length - 1];
  const loopState = stateAt(lasso.prefix.length);
  return {
    steps,
    loopStart: lasso.prefix.length,
    loopAction: actionOf(last.edge, stateAt(path.length - 1), loopState, graph, system),
  };
}

/** The verdict of a formula check that ended without one: its diagnostics, or stopped. */
function unfinished(
  r:
    | { readonly kind: 'error'; readonly diagnostics: readonly { message: string }[] }
    | { readonly kind: 'stopped' },
): FormulaVerdict {
  return r.kind === 'error'
    ? { kind: 'error', message: r.diagnostics.map((d) => d.message).join('\n'), error: undefined }
    : { kind: 'stopped' };
}

function actionOf(
  edge: number,
  from: TlaState,
  to: TlaState,
  graph: KripkeGraph,
  system: TransitionSystem<TlaState>,
): ActionInfo | undefined {
  if (edge === STUTTER_EDGE || !graph.actions) return undefined;
  const index = graph.actions[edge];
  return index >= 0 ? stepAction(system, from, to, index) : undefined;
}
