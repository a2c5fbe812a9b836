/**
 * CTL/LTL formulas on the current spec or net, with @modelcheck/temporal, with the verdict, a
 * witness or counterexample path and, for CTL, the explanation tree.
 *
 * TLA+ specs: exactly the CLI's `--ctl`/`--ltl`. The atoms are TLA+ state predicates of the spec
 * (`AG EF (pc["p1"] = "cs")`, or between backquotes), prepared by the CLI's own `prepareCheck`
 * (a generated module that EXTENDS the spec's root, so its definitions, constants and cfg apply);
 * the graph is the one a breadth-first run records, and the verdict and its path come from the
 * CLI's `TemporalRun` (stuttering everywhere, the spec's WF/SF fairness).
 *
 * Nets: a place id (marked), a transition id (enabled), `deadlock`, `"marked:p"`, `"enabled:t"`,
 * `{p >= 2}`.
 */
import type { Lasso, RenderedValue, TransitionSystem } from '@modelcheck/core';
import { Explorer } from '@modelcheck/explorer';
import { netTransitionSystem } from '@modelcheck/petri';
import {
  type AtomBinding,
  type CtlExplanation,
  checkCtl,
  checkLtl,
  delimitedAtoms,
  type FairnessConstraint,
  GraphBuilder,
  type KripkeGraph,
  type TemporalLasso,
} from '@modelcheck/temporal';
import type { TlaModel, TlaState } from '@modelcheck/tla';
import {
  BehaviourGraphRecorder,
  type BoundFormula,
  TemporalRun,
} from '../../../packages/cli/src/check/liveness.js';
import { tagged } from './diagnostic-tags.js';
import { readProjectNet } from './net-run.js';
import {
  type FormulaResult,
  type FormulaTree,
  isNetFile,
  type ProjectFile,
  projectPath,
} from './protocol.js';
import { prepareTla } from './tla-prepare.js';

export interface FormulaRequest {
  readonly files: readonly ProjectFile[];
  readonly main: string;
  readonly config?: string;
  readonly logic: 'ctl' | 'ltl';
  readonly formula: string;
  readonly maxStates: number;
}

interface Space<S> {
  readonly system: TransitionSystem<S>;
  readonly states: S[];
  readonly graph: KripkeGraph;
  readonly truncated: boolean;
}

function explore<S>(
  system: TransitionSystem<S>,
  maxStates: number,
  constraints: { state?: (s: S) => boolean; action?: (a: S, b: S) => boolean } = {},
): Space<S> {
  const states: S[] = [];
  const builder = new GraphBuilder({ actions: true });
  const explorer = new Explorer(system, {
    checkDeadlock: false,
    maxStates,
    maxSeconds: 30,
    stateConstraint: constraints.state,
    actionConstraint: constraints.action,
    observer: {
      onState(id, state, initial) {
        states[id] = state;
        builder.ensureStates(id + 1);
        if (initial) builder.addInitial(id);
      },
      onEdge(from, to, action) {
        builder.addEdge(from, to, action);
      },
    },
  });
  const result = explorer.run();
  return { system, states, graph: builder.freeze(), truncated: result.kind === 'stopped' };
}

function renderText(values: Record<string, RenderedValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v.text;
  return out;
}

function pathOf<S>(space: Space<S>, lasso: TemporalLasso): Pick<FormulaResult, 'path' | 'loopStart'> {
  const steps = [...lasso.prefix, ...lasso.cycle];
  const actionOf = (edge: number) => {
    if (edge < 0) return 'stutter';
    const a = space.graph.actions?.[edge] ?? -1;
    return a >= 0 ? (space.system.actions[a]?.name ?? null) : null;
  };
  const path = steps.map((step, i) => ({
    action: i === 0 ? null : actionOf(steps[i - 1].edge),
    values: renderText(space.system.render(space.states[step.state])),
  }));
  return { path, loopStart: lasso.cycle.length > 0 ? lasso.prefix.length : undefined };
}

function tree(e: CtlExplanation, depth = 0): FormulaTree {
  return {
    text: e.text,
    holds: e.holds,
    note: e.note,
    children: depth > 6 ? [] : e.children.map((c) => tree(c, depth + 1)),
  };
}

function netAtoms(space: Space<Int32Array>): (name: string) => AtomBinding | undefined {
  const { system } = space;
  return (name) => {
    const direct = system.label(name);
    if (direct) return (s) => direct(space.states[s]);
    const place = system.variables.indexOf(name);
    if (place >= 0) return (s) => space.states[s][place] > 0;
    const t = system.actions.findIndex((a) => a.name === name);
    if (t >= 0) {
      const enabled = system.label(`enabled:${name}`);
      if (enabled) return (s) => enabled(space.states[s]);
    }
    const m = /^([A-Za-z_][\w.-]*)\s*(>=|<=|=|>|<|#|!=)\s*(\d+)$/.exec(name);
    const p = m ? system.variables.indexOf(m[1]) : -1;
    if (m && p >= 0) {
      const k = Number(m[3]);
      const cmp: Record<string, (a: number) => boolean> = {
        '>=': (a) => a >= k,
        '<=': (a) => a <= k,
        '=': (a) => a === k,
        '>': (a) => a > k,
        '<': (a) => a < k,
        '#': (a) => a !== k,
        '!=': (a) => a !== k,
      };
      const op = cmp[m[2]];
      return (s) => op(space.states[s][p]);
    }
    return undefined;
  };
}

function verdictOf<S>(
  request: FormulaRequest,
  space: Space<S>,
  atoms: (name: string) => AtomBinding | undefined,
): FormulaResult {
  const parse = { file: '<formula>', atoms: delimitedAtoms('{', '}') };
  const bind = (atom: { name: string }) => atoms(atom.name);
  const note = space.truncated
    ? ` (on the first ${space.states.length} states only: the graph was cut at the state limit)`
    : '';
  if (request.logic === 'ctl') {
    const r = checkCtl({
      graph: space.graph,
      formula: request.formula,
      atoms: bind,
      parse,
      stutterEverywhere: false,
    });
    if (r.kind === 'error')
      return {
        verdict: 'error',
        message: r.diagnostics[0]?.message ?? 'error',
        diagnostics: tagged(r.diagnostics),
      };
    if (r.kind === 'stopped') return { verdict: 'unknown', message: `stopped: ${r.reason}`, diagnostics: [] };
    const satisfying: number[] = [];
    for (let s = 0; s < space.graph.stateCount; s++) if (r.labels.holdsAt(s)) satisfying.push(s);
    const explanation = r.explanation;
    const path = explanation.path ? pathOf(space, explanation.path) : {};
    return {
      verdict: r.kind === 'holds' ? 'holds' : 'fails',
      message:
        (r.kind === 'holds'
          ? `The formula holds in every initial state (${satisfying.length} of ${space.graph.stateCount} states satisfy it).`
          : `The formula fails in an initial state (${satisfying.length} of ${space.graph.stateCount} states satisfy it).`) +
        note,
      diagnostics: tagged(r.warnings),
      tree: tree(explanation),
      pathKind: r.kind === 'holds' ? 'witness' : 'counterexample',
      satisfying,
      ...path,
    };
  }
  const r = checkLtl({
    graph: space.graph,
    formula: request.formula,
    atoms: bind,
    parse,
    maxStates: 2_000_000,
  });
  if (r.kind === 'error')
    return {
      verdict: 'error',
      message: r.diagnostics[0]?.message ?? 'error',
      diagnostics: tagged(r.diagnostics),
    };
  if (r.kind === 'stopped') return { verdict: 'unknown', message: `stopped: ${r.reason}`, diagnostics: [] };
  if (r.kind === 'holds')
    return {
      verdict: 'holds',
      message: `The formula holds on every behaviour (${r.stats.productStates} product states).${note}`,
      diagnostics: tagged(r.warnings),
    };
  return {
    verdict: 'fails',
    message: `The formula is violated by the behaviour below.${note}`,
    diagnostics: tagged(r.warnings),
    pathKind: 'counterexample',
    ...pathOf(space, r.lasso),
  };
}

export function checkFormula(request: FormulaRequest): FormulaResult {
  if (request.formula.trim() === '')
    return { verdict: 'error', message: 'Write a formula first.', diagnostics: [] };
  if (isNetFile(request.main)) {
    const file = request.files.find((f) => f.name === request.main);
    const read = readProjectNet(file?.text ?? '', projectPath(request.main));
    if (!read.net)
      return { verdict: 'error', message: 'The net has errors.', diagnostics: tagged(read.diagnostics) };
    const space = explore(netTransitionSystem(read.net), request.maxStates);
    return verdictOf(request, space, netAtoms(space));
  }
  return checkTlaFormula(request);
}

/** The CLI's `--ctl`/`--ltl` on the spec (see the header). */
function checkTlaFormula(request: FormulaRequest): FormulaResult {
  const prepared = prepareTla(request.files, request.main, request.config, {
    build: true,
    [request.logic]: [request.formula],
  });
  if (prepared.kind !== 'ready') {
    const diagnostics = prepared.kind === 'failed' ? prepared.diagnostics : [];
    const inFormula = diagnostics.some((d) => d.span?.file.startsWith(`--${request.logic} `));
    return {
      verdict: 'error',
      message: inFormula
        ? `The formula has errors: ${located(diagnostics[0])}`
        : `The spec does not build: ${diagnostics[0]?.message ?? prepared.kind}`,
      diagnostics: tagged(diagnostics),
    };
  }
  const model = prepared.model;
  const bound = prepared.formulas[0];
  const recorder = new BehaviourGraphRecorder();
  const started = performance.now();
  const result = new Explorer(model.system, {
    observer: recorder,
    checkDeadlock: false,
    stateConstraint: model.stateConstraint,
    actionConstraint: model.actionConstraint,
    maxStates: request.maxStates,
    maxSeconds: 30,
  }).run();
  const truncated = result.kind === 'stopped';
  const states = recorder.states;
  const note = truncated
    ? ` (on the first ${states.length} states only: the graph was cut at the state limit)`
    : '';
  const run = new TemporalRun(
    model.liveness,
    recorder,
    model.system,
    () => performance.now() - started > 60_000,
  );
  const verdict = run.formula(bound, false);
  if (verdict.kind === 'error')
    return {
      verdict: 'error',
      message: `Evaluating the formula failed: ${verdict.message}`,
      diagnostics: [],
    };
  if (verdict.kind === 'stopped')
    return { verdict: 'unknown', message: 'stopped: time limit', diagnostics: [] };
  const holds = verdict.kind === 'holds';
  const path = verdict.kind === 'violated' ? lassoPath(model, verdict.lasso) : {};
  const display = bound.kind === 'ctl' ? ctlDisplay(model, recorder, bound) : {};
  const counts =
    display.satisfying !== undefined
      ? ` (${display.satisfying.length} of ${states.length} states satisfy it)`
      : ` (${states.length} states)`;
  return {
    verdict: holds ? 'holds' : 'fails',
    message:
      (bound.kind === 'ctl'
        ? holds
          ? `The CTL formula holds in every initial state${counts}.`
          : `The CTL formula fails in an initial state${counts}.`
        : holds
          ? `The LTL formula holds on every behaviour${counts}.`
          : 'The LTL formula is violated by the behaviour below.') + note,
    diagnostics: tagged(prepared.warnings),
    pathKind: verdict.kind === 'violated' ? 'counterexample' : undefined,
    ...path,
    ...display,
  };
}

function located(d: { message: string; span?: { start: { column: number } } } | undefined): string {
  if (!d) return 'error';
  return d.span ? `${d.message} (column ${d.span.start.column})` : d.message;
}

/** The CLI's counterexample (a lasso, or a finite path for CTL) as rendered steps. */
function lassoPath(
  model: TlaModel,
  lasso: Lasso<TlaState>,
): Pick<FormulaResult, 'path' | 'loopStart' | 'stuttering'> {
  const path = lasso.steps.map((step, i) => ({
    action: i === 0 ? null : (step.action?.name ?? null),
    values: renderText(model.system.render(step.state)),
  }));
  const loop = lasso.loopStart >= 0;
  return {
    path,
    loopStart: loop ? lasso.loopStart : undefined,
    stuttering: loop && lasso.stuttering === true ? true : undefined,
  };
}

/**
 * For the view: the CTL explanation tree and the states that satisfy the formula, from the same
 * labelling the CLI's verdict comes from (same graph, atoms, fairness, stuttering everywhere).
 */
function ctlDisplay(
  model: TlaModel,
  recorder: BehaviourGraphRecorder,
  bound: BoundFormula,
): Pick<FormulaResult, 'tree' | 'satisfying'> {
  const states = recorder.states;
  const graph = recorder.graph();
  const fairness: FairnessConstraint[] = model.liveness.fairness.map((c) => ({
    kind: c.kind,
    name: c.name,
    enabled: (id: number) => c.enabled(states[id]),
    taken: (from: number, to: number) => c.taken(states[from], states[to]),
  }));
  const r = checkCtl({
    graph,
    formula: bound.formula,
    atoms: (atom) => {
      const holds = bound.atoms.get(atom.name);
      return holds ? { kind: 'state', holds: (id: number) => holds(states[id]) } : undefined;
    },
    fairness,
    stutterEverywhere: true,
  });
  if (r.kind !== 'holds' && r.kind !== 'violated') return {};
  const satisfying: number[] = [];
  for (let s = 0; s < graph.stateCount; s++) if (r.labels.holdsAt(s)) satisfying.push(s);
  return { tree: tree(r.explanation), satisfying };
}
