import {
  type ActionInfo,
  type ActionLabel,
  type Diagnostic,
  EvaluationError,
  makeDiagnostic,
  type RenderedValue,
  type SourceSpan,
  type TransitionSystem,
} from '@modelcheck/core';
import type { ConfigFile, ConfigValue, ConstantEntry } from '../config/config-ast.js';
import {
  type Act,
  type CC,
  Compiler,
  type ConstantBinding,
  type Ctx,
  type Ev,
  type StepNamer,
} from '../eval/compiler.js';
import { EMPTY_FRAME, type Frame, Layout } from '../eval/frame.js';
import { defaultNativeContext } from '../eval/natives.js';
import type { CheckedSpec } from '../semantics/analyze.js';
import {
  type Binding,
  type ConstantSymbol,
  definitionOf,
  type InstanceSite,
  type ResolvedModule,
  type VariableSymbol,
} from '../semantics/symbols.js';
import type { Expr, OpApp } from '../syntax/ast.js';
import {
  equals,
  fingerprint,
  fingerprintState,
  modelValue,
  printValue,
  recordOf,
  resetInterning,
  STRING_SET,
  setOf,
  str,
  EvalError as TlaEvalError,
  toItf,
  toRcdOrNull,
  type Value,
} from '../values/index.js';
import type { BuildModelOptions, LivenessProperty, TlaModel, TlaState } from './model-types.js';
import { type Permutation, permutationsOf, SymmetricFingerprint } from './symmetry.js';
import {
  type FairnessCondition,
  TemporalFormulaError,
  TemporalTranslator,
  type TlaFormula,
} from './temporal-formula.js';
import { internInTlcOrder } from './tlc-intern-order.js';
import { tlcVariableOrder } from './tlc-variable-order.js';

export const ModelCode = {
  /** No initial predicate or next-state relation could be found. */
  noSpec: 'MOD100',
  /** SPECIFICATION has a shape TLC cannot check (it wants Init /\ [][Next]_v /\ fairness). */
  badSpecShape: 'MOD101',
  /** An evaluation error while exploring (TLC: FAILURE_SPEC_EVAL). */
  evaluation: 'EVAL100',
  /** A successor state leaves a variable without a value. */
  incompleteState: 'EVAL101',
  /** An Assert(FALSE, ...) (TLC: VIOLATION_ASSERT). */
  assertFailed: 'EVAL102',
  /** A temporal formula (PROPERTY or fairness) the liveness checker cannot take. */
  unsupportedTemporal: 'MOD102',
} as const;

function toDiagnostic(error: unknown, fallback: SourceSpan | undefined): Diagnostic {
  if (error instanceof TlaEvalError) {
    const code = /^The first argument of Assert evaluated to FALSE/.test(error.message)
      ? ModelCode.assertFailed
      : ModelCode.evaluation;
    return makeDiagnostic(code, error.message, error.span ?? fallback);
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return makeDiagnostic(
      ModelCode.evaluation,
      'The evaluation recursed too deeply (is a recursive definition missing its base case?)',
      fallback,
    );
  }
  throw error;
}

/** Runs `f`, turning evaluation errors into core's EvaluationError (which the explorer reports with a trace). */
function guarded<T>(span: SourceSpan | undefined, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof EvaluationError) throw error;
    throw new EvaluationError(toDiagnostic(error, span));
  }
}

function configValue(v: ConfigValue): Value {
  switch (v.kind) {
    case 'Int':
      return v.value;
    case 'String':
      return str(v.value);
    case 'Bool':
      return v.value;
    case 'ModelValue':
      return modelValue(v.name);
    case 'Set':
      return setOf(v.elements.map(configValue));
  }
}

interface ActionLeaf {
  readonly expr: Expr;
  readonly sites: readonly InstanceSite[];
  readonly name: string;
  readonly span: SourceSpan;
  readonly module: string;
}

function locationText(span: SourceSpan, module: string): string {
  return `line ${span.start.line}, col ${span.start.column} to line ${span.end.line}, col ${Math.max(1, span.end.column - 1)} of module ${module}`;
}

/**
 * Builds the model a cfg describes: constants bound, Init and Next compiled, Next split into the
 * named actions TLC shows in traces, invariants, constraints and action properties ready to check.
 */
export function buildModel(
  spec: CheckedSpec,
  config: ConfigFile,
  options: BuildModelOptions = {},
): { model?: TlaModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const root = spec.root;
  if (!root) return { diagnostics: [makeDiagnostic(ModelCode.noSpec, 'the spec did not load')] };
  if (options.freshNames) resetInterning();
  const modulesByName = new Map(spec.modules.map((m) => [m.name, m] as const));

  // --- constants and overrides -----------------------------------------------------------------
  const constants = new Map<ConstantSymbol, ConstantBinding>();
  const overrides = new Map<Binding, ConstantBinding>();
  const entries: ConstantEntry[] = [];
  const names: Record<string, { name: string; span: SourceSpan }[]> = {};
  let checkDeadlock = true;
  for (const section of config.sections) {
    if (section.kind === 'Constants') entries.push(...section.entries);
    else if (section.kind === 'Names') {
      names[section.role] ??= [];
      names[section.role].push(...section.names);
    } else checkDeadlock = section.value;
  }
  const rootConstants = root.parameters.filter((p): p is ConstantSymbol => p.kind === 'constant');
  for (const entry of entries) {
    const scopeModule: ResolvedModule | undefined = entry.module
      ? modulesByName.get(entry.module.name)
      : root;
    if (!scopeModule) continue;
    const symbol = scopeModule.scope.get(entry.name.name);
    const everywhere = entry.module !== undefined;
    const binding: ConstantBinding | undefined =
      entry.kind === 'Assignment'
        ? { kind: 'value', value: configValue(entry.value), everywhere }
        : (() => {
            const target = root.scope.get(entry.target.name);
            return target ? ({ kind: 'symbol', symbol: target, everywhere } as const) : undefined;
          })();
    if (!binding) continue;
    // Keyed by the symbol the root module sees: the definition itself when it came by EXTENDS (or
    // from a module without parameters), the instantiated copy when it came by INSTANCE, as in TLC.
    const original = symbol ? definitionOf(symbol) : undefined;
    if (original?.kind === 'constant') constants.set(original, binding);
    else if (original) overrides.set(original, binding);
    // `x = x` for a name that is not declared: a model value TLC ignores.
  }
  // The cfg's model values are made; now the spec's names, in the order TLC interns them.
  internInTlcOrder(spec);
  // What SPECIFICATION, INIT and NEXT are unfolded through: not the definitions the cfg replaces.
  const view: SpecView = { spec, overridden: new Set(overrides.keys()) };
  for (const c of rootConstants) {
    if (!constants.has(c))
      diagnostics.push(
        makeDiagnostic(
          'CFG211',
          `The constant ${c.name} is not assigned a value by the configuration file`,
          config.span,
        ),
      );
  }

  const variables = root.parameters.filter((p): p is VariableSymbol => p.kind === 'variable');
  const printed = options.print ?? (() => {});
  // What TLCGet("distinct"), ("stats") and the like report: the checker's counts, as last told.
  const statistics = { distinct: 0, generated: 0, queue: 0, diameter: 0, initial: 0, started: Date.now() };
  const duration = () => Math.floor((Date.now() - statistics.started) / 1000);
  const natives = {
    ...defaultNativeContext(printed, STRING_SET),
    environment: options.environment ?? {},
    stat: (name: string): Value | undefined => {
      switch (name) {
        // How the model is being checked (specs assert on it, e.g. DieHardest).
        case 'config':
          return recordOf(['deadlock', 'depth', 'mode', 'seed', 'traces', 'worker'].map(str), [
            checkDeadlock,
            -1,
            str('bfs'),
            0,
            -1,
            1,
          ]);
        case 'distinct':
        case 'generated':
        case 'queue':
        case 'diameter':
          return statistics[name];
        case 'duration':
          return duration();
        case 'stats':
          return recordOf(
            ['queue', 'distinct', 'initial', 'generated', 'diameter', 'duration', 'worker'].map(str),
            [
              statistics.queue,
              statistics.distinct,
              statistics.initial,
              statistics.generated,
              statistics.diameter,
              duration(),
              0,
            ],
          );
        default:
          return undefined;
      }
    },
  };
  const compiler = new Compiler({ spec, constants, overrides, variables, natives });
  compiler.indexDeclarations();

  const symbolUse = (symbol: Binding, span: SourceSpan): OpApp => {
    const node = {
      kind: 'OpApp',
      path: [],
      name: symbol.name,
      args: [],
      fix: 'call',
      span,
      nameSpan: span,
    } as unknown as OpApp;
    (spec.bindings as Map<OpApp, Binding>).set(node, symbol);
    return node;
  };
  const lookup = (name: string, span: SourceSpan): Binding | undefined => {
    const symbol = root.scope.get(name);
    if (!symbol)
      diagnostics.push(makeDiagnostic('CFG200', `${name} is not defined in module ${root.name}`, span));
    return symbol;
  };
  const predicate = (name: string, span: SourceSpan): Ev | undefined => {
    const symbol = lookup(name, span);
    if (!symbol) return undefined;
    const ev = compiler.compileExpr(symbolUse(symbol, span), {
      layout: new Layout(null),
      primed: false,
      init: false,
      subst: null,
    });
    return ev;
  };

  // --- Init and Next ---------------------------------------------------------------------------
  let init: Part[] = [];
  let next: Part | undefined;
  let nextName = 'Next';
  const fairness: SourceSpan[] = [];
  const fairnessParts: Part[] = [];
  const temporalProperties: { name: string; span?: SourceSpan; parts: Part[] }[] = [];
  const actionPropertyExprs: {
    name: string;
    expr: Expr;
    sites: readonly InstanceSite[];
    span: SourceSpan;
  }[] = [];
  const specName = names.specification?.[0];
  if (specName) {
    const symbol = lookup(specName.name, specName.span);
    if (symbol) {
      const parts = conjuncts(symbolUse(symbol, specName.span), view);
      const inits: Part[] = [];
      for (const part of parts) {
        const x = part.expr;
        if (x.kind === 'OpApp' && x.name === '[]' && x.args[0]?.kind === 'ActionExpr' && x.args[0].box) {
          const action = x.args[0];
          next = { expr: action.action, sites: part.sites };
          nextName = action.action.kind === 'OpApp' ? action.action.name : 'Next';
        } else if (x.kind === 'Fairness') {
          fairness.push(x.span);
          fairnessParts.push(part);
        } else {
          const level =
            part.sites.length === 0 ? spec.levels.levelOfExpression(x).level : levelOfPart(part, spec);
          if (level <= 1) inits.push(part);
          else if (level === 3) {
            fairness.push(x.span);
            fairnessParts.push(part);
          } else
            diagnostics.push(
              makeDiagnostic(
                ModelCode.badSpecShape,
                `TLC cannot handle this conjunct of the specification ${specName.name}`,
                x.span,
              ),
            );
        }
      }
      init = inits;
    }
  } else {
    const initName = names.init?.[0];
    const nextCfg = names.next?.[0];
    if (initName) {
      const s = lookup(initName.name, initName.span);
      if (s) init = [{ expr: symbolUse(s, initName.span), sites: [] }];
    }
    if (nextCfg) {
      const s = lookup(nextCfg.name, nextCfg.span);
      if (s) {
        next = { expr: symbolUse(s, nextCfg.span), sites: [] };
        nextName = nextCfg.name;
      }
    }
  }
  if (variables.length > 0 && init.length === 0)
    diagnostics.push(
      makeDiagnostic(
        ModelCode.noSpec,
        'no initial predicate: give INIT or a SPECIFICATION of the form Init /\\ [][Next]_vars',
        config.span,
      ),
    );
  if (variables.length > 0 && !next)
    diagnostics.push(
      makeDiagnostic(
        ModelCode.noSpec,
        'no next-state relation: give NEXT or a SPECIFICATION of the form Init /\\ [][Next]_vars',
        config.span,
      ),
    );

  // --- properties --------------------------------------------------------------------------------
  // TLC (SpecProcessor.processConfigProps) splits each PROPERTY into its conjuncts: `[][A]_v` is
  // checked on every step, `[]P` with P a state predicate on every state (an "implied invariant",
  // reported as `Invariant P is violated`), and only the rest needs the temporal checker.
  const impliedInvariantExprs: {
    name: string;
    expr: Expr;
    sites: readonly InstanceSite[];
    span: SourceSpan;
  }[] = [];
  for (const p of names.property ?? []) {
    const symbol = lookup(p.name, p.span);
    if (!symbol) continue;
    const parts = conjuncts(symbolUse(symbol, p.span), view);
    const temporal: Part[] = [];
    for (const part of parts) {
      const x = part.expr;
      if (x.kind === 'OpApp' && x.name === '[]' && x.args[0]?.kind === 'ActionExpr' && x.args[0].box)
        actionPropertyExprs.push({ name: p.name, expr: x.args[0], sites: part.sites, span: p.span });
      else if (x.kind === 'OpApp' && x.name === '[]' && spec.levels.levelOfExpression(x.args[0]).level <= 1)
        impliedInvariantExprs.push({ name: p.name, expr: x.args[0], sites: part.sites, span: p.span });
      else temporal.push(part);
    }
    if (temporal.length > 0) temporalProperties.push({ name: p.name, span: p.span, parts: temporal });
  }

  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  // --- actions -----------------------------------------------------------------------------------
  const leaves: ActionLeaf[] = next ? splitActions(next.expr, nextName, root.name, view, next.sites) : [];
  const actionInfos: ActionInfo[] = leaves.map((l) => ({ name: l.name, span: l.span }));
  const labels: ActionLabel[] = leaves.map((_, index) => ({ index }));
  const locations = leaves.map((l) => `${l.name} ${locationText(l.span, l.module)}`);
  const actionContexts = leaves.map((l) => compiler.contextFor(l.sites, false));
  const acts = leaves.map((l, i) => compiler.compileAction(l.expr, actionContexts[i]));
  const initContexts = init.map((p) => compiler.contextFor(p.sites, true));
  const initActs = init.map((p, i) => compiler.compileAction(p.expr, initContexts[i]));
  const initAct: Act | undefined =
    initActs.length === 0
      ? undefined
      : initActs.reduceRight<Act>(
          (rest, head) => (c, f, k) => head(c, f, () => rest(c, f, k)),
          (_c, _f, k) => k(),
        );
  const initSpan = init[0]?.expr.span;
  const frameSize = Math.max(
    0,
    ...actionContexts.map((cc) => cc.layout?.size ?? 0),
    ...initContexts.map((cc) => cc.layout?.size ?? 0),
  );
  const width = variables.length;
  const varNames = variables.map((v) => v.name);
  // Traces list the variables in TLC's order (its symbol table's), so they read like TLC's.
  const shownOrder = tlcVariableOrder(root, varNames).map((name) => varNames.indexOf(name));
  // Each top-level action gets a fresh frame for the names its quantifiers bind.
  const frameFor = (): Frame => ({ v: new Array(frameSize), p: null });

  const incomplete = (n: readonly (Value | undefined)[], where: string): never => {
    const missing = varNames.filter((_, i) => n[i] === undefined);
    throw new TlaEvalError(
      `${where} does not give a value to ${missing.join(', ')}: every variable must be assigned (x' = e, x' \\in S or UNCHANGED x)`,
      'other',
    );
  };

  // VIEW: states are told apart by the view's value. SYMMETRY: by their class under permutations.
  const viewName = names.view?.[0];
  const viewEv = viewName ? predicate(viewName.name, viewName.span) : undefined;
  const viewSpan = viewName?.span;
  const symmetryName = names.symmetry?.[0];
  const symmetrySpan = symmetryName?.span;
  const symmetryEv = symmetryName ? predicate(symmetryName.name, symmetryName.span) : undefined;
  let permutations: Permutation[] = [];
  // Made with the first state fingerprinted (its values choose the order variables are compared in).
  let symmetric: SymmetricFingerprint | undefined;
  if (symmetryEv && symmetryName) {
    try {
      permutations = permutationsOf(symmetryEv({ s: [], n: [], level: 0 }, EMPTY_FRAME));
    } catch (error) {
      diagnostics.push(toDiagnostic(error, symmetryName.span));
      return { diagnostics };
    }
  }

  const stepNamers: ({ run: StepNamer; cc: CC } | undefined)[] = [];
  const initialAction: ActionInfo = { name: 'Initial predicate' };
  const system: TransitionSystem<TlaState> = {
    variables: varNames,
    actions: actionInfos,
    initialStates(emit) {
      if (!initAct) return;
      // TLCGet("level") while Init is evaluated is 0; initial states are at level 1.
      const c: Ctx = { s: [], n: new Array(width), level: 0 };
      guarded(initSpan, () =>
        initAct(c, frameFor(), () => {
          for (let i = 0; i < width; i++) if (c.n[i] === undefined) incomplete(c.n, 'The initial predicate');
          emit(withLevel(c.n.slice() as Value[], 1));
        }),
      );
    },
    successors(state, emit) {
      // Hot path: one context and one frame per state (the actions run one after another and bind
      // every slot before reading it), labels made once, one try block for all the actions.
      const level = levelOf(state);
      const c: Ctx = { s: state, n: new Array(width), level };
      const frame = frameFor();
      let a = 0;
      try {
        for (; a < acts.length; a++) {
          const label = labels[a];
          acts[a](c, frame, () => {
            for (let i = 0; i < width; i++)
              if (c.n[i] === undefined) incomplete(c.n, `The action ${locations[a]}`);
            emit(label, withLevel(c.n.slice() as Value[], level + 1));
          });
        }
      } catch (error) {
        if (error instanceof EvaluationError) throw error;
        throw new EvaluationError(toDiagnostic(error, leaves[a]?.span));
      }
    },
    takeIntermediateCount() {
      const count = compiler.intermediateStates;
      compiler.intermediateStates = 0;
      return count;
    },
    fingerprint(state, out, offset) {
      if (viewEv) {
        const v = guarded(viewSpan, () => viewEv({ s: state, n: [], level: 0 }, EMPTY_FRAME));
        fingerprint(v, out, offset);
      } else if (permutations.length > 0) {
        symmetric ??= new SymmetricFingerprint(permutations, state);
        const canonical = symmetric;
        guarded(symmetrySpan, () => canonical.write(state, out, offset));
      } else {
        fingerprintState(state, out, offset);
      }
    },
    label(name) {
      const inv = invariants.find((i) => i.name === name);
      return inv ? (s) => inv.check(s) : undefined;
    },
    describeStep(from, to, action) {
      const leaf = leaves[action.index];
      if (!leaf) return undefined;
      let namer = stepNamers[action.index];
      if (namer === undefined) {
        const cc = compiler.contextFor(leaf.sites, false);
        namer = stepNamers[action.index] = { run: compiler.compileStepNamer(leaf.expr, cc), cc };
      }
      const c: Ctx = { s: from, n: new Array(width), level: levelOf(from) };
      // Under VIEW or SYMMETRY a step's target is any state the checker does not tell from `to`
      // (a lasso closes on a state equal to an earlier one only in its view).
      const abstract = viewEv !== undefined || permutations.length > 0;
      const want = new Uint32Array(4);
      if (abstract) this.fingerprint(to, want, 0);
      const isTarget = abstract
        ? () => {
            if (c.n.some((v) => v === undefined)) return false;
            this.fingerprint(c.n as Value[], want, 2);
            return want[0] === want[2] && want[1] === want[3];
          }
        : () => c.n.every((v, i) => v !== undefined && equals(v, to[i]));
      try {
        const found = namer.run(c, { v: new Array(namer.cc.layout?.size ?? 0), p: null }, isTarget);
        if (!found) return undefined;
        if (found.name === undefined)
          return found.span ? { name: actionInfos[action.index].name, span: found.span } : undefined;
        const args = found.args && found.args.length > 0 ? `(${found.args.map(printValue).join(',')})` : '';
        return { name: `${found.name}${args}`, span: found.span ?? leaf.span };
      } catch {
        // Naming a step is a courtesy: if it cannot be re-evaluated, the plain name stands.
        return undefined;
      }
    },
    render(state) {
      const out: Record<string, RenderedValue> = {};
      for (const i of shownOrder) out[varNames[i]] = { text: printValue(state[i]), json: toItf(state[i]) };
      return out;
    },
  };

  const statePredicate = (ev: Ev, span: SourceSpan, what: string) => (s: TlaState) =>
    guarded(span, () => {
      const v = ev({ s, n: [], level: levelOf(s) }, EMPTY_FRAME);
      if (typeof v !== 'boolean')
        throw new TlaEvalError(`${what} should be a boolean, but instead it is:\n${printValue(v)}`, 'type');
      return v;
    });

  const invariants = (names.invariant ?? []).flatMap((inv) => {
    const ev = predicate(inv.name, inv.span);
    return ev
      ? [{ name: inv.name, span: inv.span, check: statePredicate(ev, inv.span, `The invariant ${inv.name}`) }]
      : [];
  });
  for (const inv of impliedInvariantExprs) {
    const ev = compiler.compileExpr(inv.expr, compiler.contextFor(inv.sites, false));
    invariants.push({
      name: inv.name,
      span: inv.span,
      check: statePredicate(ev, inv.span, `The property ${inv.name}`),
    });
  }
  const constraints = (names.constraint ?? []).flatMap((x) => {
    const ev = predicate(x.name, x.span);
    return ev ? [statePredicate(ev, x.span, `The constraint ${x.name}`)] : [];
  });
  const actionConstraintEvs = (names.actionConstraint ?? []).flatMap((x) => {
    const ev = predicate(x.name, x.span);
    return ev ? [{ ev, span: x.span }] : [];
  });
  const stepPredicate = (ev: Ev, span: SourceSpan, what: string) => (from: TlaState, to: TlaState) =>
    guarded(span, () => {
      const v = ev({ s: from, n: to as Value[], level: levelOf(from) }, EMPTY_FRAME);
      if (typeof v !== 'boolean')
        throw new TlaEvalError(`${what} should be a boolean, but instead it is:\n${printValue(v)}`, 'type');
      return v;
    });
  const actionProperties = actionPropertyExprs.map((p) => {
    const ev = compiler.compileExpr(p.expr, compiler.contextFor(p.sites, false));
    return { name: p.name, span: p.span, check: stepPredicate(ev, p.span, `The action property ${p.name}`) };
  });
  const actionConstraints = actionConstraintEvs.map((x) =>
    stepPredicate(x.ev, x.span, 'The action constraint'),
  );

  // --- assumptions ------------------------------------------------------------------------------
  const assumptions = assumeUnits(root, modulesByName).map(({ expr, module }) => {
    const ev = compiler.compileExpr(expr, {
      layout: new Layout(null),
      primed: false,
      init: false,
      subst: null,
    });
    return {
      span: expr.span,
      location: locationText(expr.span, module),
      check: () =>
        guarded(expr.span, () => {
          const v = ev({ s: [], n: [], level: 0 }, EMPTY_FRAME);
          if (typeof v !== 'boolean')
            throw new TlaEvalError(
              `An ASSUME should be a boolean, but instead it is:\n${printValue(v)}`,
              'type',
            );
          return v;
        }),
    };
  });

  // --- ALIAS and POSTCONDITION ------------------------------------------------------------------
  const aliasName = names.alias?.[0];
  const aliasEv = aliasName ? predicate(aliasName.name, aliasName.span) : undefined;
  const alias = aliasEv
    ? (state: TlaState, successor: TlaState): Record<string, RenderedValue> => {
        // TLC (Tool.evalAlias): the alias is evaluated on the step to the next state (the last
        // state with itself); if it fails, the state shows its variables and the error.
        try {
          const v = aliasEv({ s: state, n: successor as Value[], level: levelOf(state) }, EMPTY_FRAME);
          const rcd = toRcdOrNull(v);
          if (!rcd)
            throw new TlaEvalError(
              `The ALIAS should be a record, but instead it is:\n${printValue(v)}`,
              'type',
            );
          const out: Record<string, RenderedValue> = {};
          rcd.names.forEach((n, i) => {
            out[n.s] = { text: printValue(rcd.values[i]), json: toItf(rcd.values[i]) };
          });
          return out;
        } catch (error) {
          const out = system.render(state);
          const message = error instanceof Error ? error.message : String(error);
          return { ...out, _ALIASEvalError: { text: printValue(str(message)), json: message } };
        }
      }
    : undefined;
  const postconditions = (names.postcondition ?? []).flatMap((pc) => {
    const ev = predicate(pc.name, pc.span);
    if (!ev) return [];
    const symbol = root.scope.get(pc.name);
    const def = symbol ? definitionOf(symbol) : undefined;
    const where = def?.kind === 'definition' ? def.def.body.span : pc.span;
    return [
      {
        name: pc.name,
        span: where,
        location: locationText(
          where,
          def?.kind === 'definition' ? (def.module?.name ?? root.name) : root.name,
        ),
        check: () =>
          guarded(pc.span, () => {
            const v = ev({ s: [], n: [], level: 0 }, EMPTY_FRAME);
            if (typeof v !== 'boolean')
              throw new TlaEvalError(
                `The postcondition ${pc.name} should be a boolean, but instead it is:\n${printValue(v)}`,
                'type',
              );
            return v;
          }),
      },
    ];
  });

  // --- liveness: PROPERTIES and fairness as LTL over states and steps ----------------------------
  const translator = new TemporalTranslator(compiler, spec);
  const fairnessConditions: FairnessCondition[] = [];
  const fairnessFormulas: TlaFormula[] = [];
  const livenessProperties: LivenessProperty[] = [];
  // A formula the translation cannot take leaves its property unchecked (said in a warning, and
  // the run ends with exit 4), never a wrong verdict; unusable fairness leaves them all unchecked.
  const temporalDiagnostic = (error: unknown, span: SourceSpan | undefined): Diagnostic => {
    const d =
      error instanceof TemporalFormulaError
        ? makeDiagnostic(ModelCode.unsupportedTemporal, error.message, error.span)
        : toDiagnostic(error, span);
    return { ...d, severity: 'warning' };
  };
  // The fairness is translated even without PROPERTIES: --ctl/--ltl formulas are checked under it.
  let fairnessUsable = true;
  for (const part of fairnessParts) {
    try {
      const conditions = translator.fairness(part.expr, part.sites);
      if (conditions) fairnessConditions.push(...conditions);
      else fairnessFormulas.push(translator.formula(part.expr, part.sites));
    } catch (error) {
      fairnessUsable = false;
      if (temporalProperties.length > 0) diagnostics.push(temporalDiagnostic(error, part.expr.span));
    }
  }
  for (const p of fairnessUsable ? temporalProperties : []) {
    try {
      const formulas = p.parts.map((part) => translator.formula(part.expr, part.sites));
      livenessProperties.push({
        name: p.name,
        span: p.span,
        formula: formulas.reduce((left, right) => ({ kind: 'and', left, right })),
      });
    } catch (error) {
      diagnostics.push(temporalDiagnostic(error, p.span));
    }
  }

  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const model: TlaModel = {
    quotient: viewEv !== undefined || permutations.length > 0,
    statePredicate(name) {
      const symbol = root.scope.get(name);
      if (!symbol) return undefined;
      const span = symbol.span ?? config.span;
      const ev = predicate(name, span);
      return ev ? statePredicate(ev, span, name) : undefined;
    },
    liveness: {
      properties: livenessProperties,
      fairness: fairnessConditions,
      fairnessFormulas,
      fairnessComplete: fairnessUsable,
    },
    alias,
    postconditions,
    updateStatistics(stats, initialStates) {
      statistics.distinct = stats.distinctStates;
      statistics.generated = stats.generatedStates;
      statistics.queue = stats.statesLeftOnQueue;
      statistics.diameter = stats.depth;
      if (initialStates !== undefined) statistics.initial = initialStates;
    },
    system,
    rootModule: root.name,
    invariants,
    actionProperties,
    stateConstraint: constraints.length > 0 ? (s) => constraints.every((c) => c(s)) : undefined,
    actionConstraint:
      actionConstraints.length > 0 ? (s, t) => actionConstraints.every((c) => c(s, t)) : undefined,
    checkDeadlock,
    temporalProperties: temporalProperties.map(({ name, span }) => ({ name, span })),
    fairness,
    assumptions,
    initialAction,
    diagnostics,
  };
  return { model, diagnostics };
}

/** A sub-formula together with the INSTANCEs it is seen through (root module inwards). */
interface Part {
  readonly expr: Expr;
  readonly sites: readonly InstanceSite[];
}

/** A spec as the cfg sees it: the definitions it replaces with `<-` are not looked into. */
interface SpecView {
  readonly spec: CheckedSpec;
  readonly overridden: ReadonlySet<Binding>;
}

/** A zero-argument definition an expression names, with the INSTANCE it is reached through. */
function unfold(
  e: Expr,
  view: SpecView,
  sites: readonly InstanceSite[],
): { body: Expr; sites: readonly InstanceSite[]; name: string; module?: string } | undefined {
  if (e.kind !== 'OpApp' || e.args.length > 0) return undefined;
  const symbol = view.spec.bindings.get(e);
  if (!symbol) return undefined;
  let target: Binding = symbol;
  const more: InstanceSite[] = [];
  while (target.kind === 'instanced') {
    more.push(target.site);
    target = target.inner;
  }
  target = definitionOf(target);
  if (target.kind !== 'definition' || target.params.length > 0 || target.module?.isStandard) return undefined;
  // A definition the cfg replaces (`Init <- MCInit`) is not looked into: the replacement applies.
  if (view.overridden.has(target)) return undefined;
  return {
    body: target.def.body,
    sites: [...sites, ...more],
    name: target.name,
    module: target.module?.name,
  };
}

/** The conjuncts of a formula, looking through zero-argument definitions (as TLC does for SPECIFICATION). */
function conjuncts(e: Expr, view: SpecView, sites: readonly InstanceSite[] = []): Part[] {
  if (e.kind === 'Junction' && e.op === '/\\') return e.items.flatMap((x) => conjuncts(x, view, sites));
  if (e.kind === 'OpApp' && e.name === '/\\' && e.fix === 'infix')
    return e.args.flatMap((x) => conjuncts(x, view, sites));
  const unfolded = unfold(e, view, sites);
  if (unfolded) {
    const inner = conjuncts(unfolded.body, view, unfolded.sites);
    // A definition that is not a conjunction stays as the use (its name labels Init), unless it is
    // the [][Next]_v or fairness part itself.
    if (inner.length > 1) return inner;
    const only = inner[0].expr;
    if (
      only.kind === 'ActionExpr' ||
      only.kind === 'Fairness' ||
      (only.kind === 'OpApp' && (only.name === '[]' || only.name === '<>'))
    )
      return inner;
  }
  return [{ expr: e, sites }];
}

/** Next split into its disjuncts through zero-argument definitions; each leaf named as TLC names it. */
function splitActions(
  e: Expr,
  name: string,
  module: string,
  view: SpecView,
  sites: readonly InstanceSite[] = [],
): ActionLeaf[] {
  if (e.kind === 'Junction' && e.op === '\\/')
    return e.items.flatMap((x) => splitActions(x, name, module, view, sites));
  if (e.kind === 'OpApp' && e.name === '\\/' && e.fix === 'infix')
    return e.args.flatMap((x) => splitActions(x, name, module, view, sites));
  const unfolded = unfold(e, view, sites);
  if (unfolded)
    return splitActions(unfolded.body, unfolded.name, unfolded.module ?? module, view, unfolded.sites);
  const named = actionDefinition(e, view.spec);
  if (named)
    return [
      { expr: e, name: named.name, span: named.def.body.span, module: named.module?.name ?? module, sites },
    ];
  return [{ expr: e, name, span: e.span, module, sites }];
}

/** The operator an action leaf applies (through \E and LET), for its label. */
function actionDefinition(e: Expr, spec: CheckedSpec) {
  let x = e;
  while (x.kind === 'Quantified' && x.quantifier === '\\E') x = x.body;
  if (x.kind !== 'OpApp' || x.fix !== 'call') return undefined;
  const symbol = spec.bindings.get(x);
  const target = symbol ? definitionOf(symbol.kind === 'instanced' ? symbol.inner : symbol) : undefined;
  return target?.kind === 'definition' && !target.module?.isStandard ? target : undefined;
}

function assumeUnits(
  root: ResolvedModule,
  modules: ReadonlyMap<string, ResolvedModule>,
): { expr: Expr; module: string }[] {
  const out: { expr: Expr; module: string }[] = [];
  const seen = new Set<ResolvedModule>();
  const visit = (m: ResolvedModule) => {
    if (seen.has(m) || m.isStandard) return;
    seen.add(m);
    for (const ext of m.ast.extends) {
      const x = modules.get(ext.name);
      if (x) visit(x);
    }
    for (const unit of m.ast.units) if (unit.kind === 'Assume') out.push({ expr: unit.expr, module: m.name });
  };
  visit(root);
  return out;
}

/** The level of a part reached through INSTANCEs: its level inside its own module (substitutions aside). */
function levelOfPart(part: Part, spec: CheckedSpec): number {
  return spec.levels.levelOfExpression(part.expr).level;
}

/**
 * TLC's level of a state (TLCGet("level")): its distance from an initial state, initial states
 * being at level 1. Kept on the state array itself, outside its values, so fingerprints ignore it.
 */
function withLevel(state: Value[], level: number): Value[] {
  (state as Value[] & { level?: number }).level = level;
  return state;
}

function levelOf(state: TlaState): number {
  return (state as TlaState & { level?: number }).level ?? 1;
}
