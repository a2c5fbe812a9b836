/**
 * CTL/LTL formulas on the current spec or net, with @modelcheck/temporal: the reachable graph is
 * built with the explorer (the same transition system a run explores), atoms are bound to state
 * predicates, and the verdict comes with a witness or counterexample path and, for CTL, the
 * explanation tree.
 *
 * Atoms. Nets: a place id (marked), a transition id (enabled), `deadlock`, `"marked:p"`,
 * `"enabled:t"`, `{p >= 2}`. TLA+ specs: `deadlock`, an action name (enabled), a cfg invariant by
 * name, and `{x = <value>}` / `{x # <value>}` comparing a variable's printed value. Arbitrary TLA+
 * expressions as atoms need an expression compiler from @modelcheck/tla (not public yet).
 */
import type { RenderedValue, TransitionSystem } from '@modelcheck/core';
import { Explorer } from '@modelcheck/explorer';
import { netTransitionSystem } from '@modelcheck/petri';
import {
  type AtomBinding,
  type CtlExplanation,
  checkCtl,
  checkLtl,
  delimitedAtoms,
  GraphBuilder,
  type KripkeGraph,
  type TemporalLasso,
} from '@modelcheck/temporal';
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

/** Atoms of a TLA+ spec (see the header). */
function tlaAtoms<S>(
  space: Space<S>,
  invariants: Map<string, (s: S) => boolean>,
): (name: string) => AtomBinding | undefined {
  const { system, graph } = space;
  const actionIndex = new Map(system.actions.map((a, i) => [a.name, i] as const));
  return (name) => {
    if (name === 'deadlock') return (s) => graph.offsets[s + 1] === graph.offsets[s];
    const inv = invariants.get(name);
    if (inv) return (s) => inv(space.states[s]);
    const a = actionIndex.get(name.replace(/^enabled:/, ''));
    if (a !== undefined)
      return (s) => {
        for (let e = graph.offsets[s]; e < graph.offsets[s + 1]; e++)
          if (graph.actions?.[e] === a) return true;
        return false;
      };
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=|#|\/=|≠)\s*([\s\S]+)$/.exec(name);
    const v = m ? system.variables.indexOf(m[1]) : -1;
    if (m && v >= 0) {
      const want = normalise(m[3]);
      const negate = m[2] !== '=';
      const cache = new Map<number, boolean>();
      return (s) => {
        let r = cache.get(s);
        if (r === undefined) {
          r = normalise(system.render(space.states[s])[m[1]].text) === want;
          cache.set(s, r);
        }
        return negate ? !r : r;
      };
    }
    return undefined;
  };
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '').replace(/'/g, '"');
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
  const prepared = prepareTla(request.files, request.main, request.config, { build: true });
  const model = prepared.model;
  if (!model)
    return {
      verdict: 'error',
      message: `The spec does not build: ${prepared.diagnostics[0]?.message ?? prepared.outcome}`,
      diagnostics: tagged(prepared.diagnostics),
    };
  const space = explore(model.system, request.maxStates, {
    state: model.stateConstraint,
    action: model.actionConstraint,
  });
  const invariants = new Map(
    model.invariants.map((i) => [i.name, (s: (typeof space.states)[number]) => i.check(s)] as const),
  );
  return verdictOf(request, space, tlaAtoms(space, invariants));
}
