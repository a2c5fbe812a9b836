import { type Diagnostic, makeDiagnostic, type RelatedSpan, type SourceSpan } from '@modelcheck/core';
import type { Expr, Lambda, OpApp } from '../syntax/ast.js';
import { SemanticCode } from './diagnostic-codes.js';
import {
  type Binding,
  type ConstantSymbol,
  type DefinitionSymbol,
  definitionOf,
  type FunctionSymbol,
  type InstanceSite,
  LEVEL_NAMES,
  type Level,
  type ResolvedModule,
  type VariableSymbol,
} from './symbols.js';

/**
 * The level of an expression and why: `at` is the place that raised it to this level (a primed
 * variable, a use of an action-level definition), so that errors can point at the cause.
 */
export interface LevelInfo {
  readonly level: Level;
  readonly at?: SourceSpan;
  readonly why?: string;
  /** For a use of a definition: the cause inside the definition. */
  readonly cause?: LevelInfo;
}

const CONSTANT: LevelInfo = { level: 0 };

/** Levels of the constants and variables of a module as seen through INSTANCE substitutions. */
interface LevelContext {
  readonly id: number;
  readonly values: ReadonlyMap<ConstantSymbol | VariableSymbol, LevelInfo>;
}

type Env = ReadonlyMap<Binding, LevelInfo>;
type Sink = Diagnostic[];

const ROOT_CONTEXT: LevelContext = { id: 0, values: new Map() };

function max(a: LevelInfo, b: LevelInfo): LevelInfo {
  return b.level > a.level ? b : a;
}

function describe(info: LevelInfo): string {
  return info.why ?? `${LEVEL_NAMES[info.level]}-level`;
}

/** The spans that explain a level, outermost first: the use of a definition, then the prime inside it. */
function explain(info: LevelInfo): RelatedSpan[] {
  const out: RelatedSpan[] = [];
  for (let i: LevelInfo | undefined = info; i && out.length < 4; i = i.cause) {
    if (i.at) out.push({ span: i.at, message: describe(i) });
  }
  return out;
}

/**
 * Computes TLA+ levels (constant, state, action, temporal) and reports level errors: a prime inside
 * a prime, `[]` or `<>` of an action, ASSUME of a non-constant formula, and the like.
 *
 * A definition's level depends on the levels of its arguments, so it is computed per use with the
 * actual argument levels (memoised per definition, instance context and argument levels) rather
 * than approximated once.
 */
export class LevelChecker {
  private readonly memo = new Map<Binding, Map<string, LevelInfo>>();
  private readonly inProgress = new Set<string>();
  /** Definitions whose base evaluation (all arguments constant) found an error, already reported. */
  private readonly faulty = new Set<Binding>();
  /** LET definitions and the environment they were defined in (they may use enclosing bound names). */
  private readonly closures = new Map<Binding, Env>();
  private readonly contexts = new Map<string, LevelContext>();
  private nextContextId = 1;

  constructor(
    private readonly bindings: ReadonlyMap<OpApp, Binding>,
    private readonly definitions: ReadonlyMap<object, Binding>,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Checks every definition, assumption and theorem of a module. */
  checkModule(module: ResolvedModule): void {
    for (const unit of module.ast.units) {
      switch (unit.kind) {
        case 'OperatorDef':
        case 'FunctionDef': {
          const symbol = this.definitions.get(unit);
          if (symbol)
            this.definitionLevel(
              symbol,
              unit.kind === 'OperatorDef' ? unit.params.map(() => CONSTANT) : [],
              ROOT_CONTEXT,
              true,
            );
          break;
        }
        case 'Assume': {
          const info = this.levelOf(unit.expr, new Map(), ROOT_CONTEXT, this.diagnostics);
          if (info.level > 0) {
            this.diagnostics.push(
              makeDiagnostic(
                SemanticCode.assumeNotConstant,
                `ASSUME must be a constant formula, but this one is ${LEVEL_NAMES[info.level]}-level (${describe(info)})`,
                unit.expr.span,
                {
                  hint: 'assumptions may only mention constants; state properties belong in invariants',
                  related: explain(info),
                },
              ),
            );
          }
          break;
        }
        case 'Theorem':
          if (unit.body.kind === 'AssumeProve') {
            for (const a of unit.body.assumptions)
              if (a.kind !== 'NewDecl' && a.kind !== 'AssumeProve')
                this.levelOf(a, new Map(), ROOT_CONTEXT, this.diagnostics);
            this.levelOf(unit.body.goal, new Map(), ROOT_CONTEXT, this.diagnostics);
          } else {
            this.levelOf(unit.body, new Map(), ROOT_CONTEXT, this.diagnostics);
          }
          break;
        case 'Instance':
          for (const s of unit.substitutions)
            this.levelOf(s.value, new Map(), ROOT_CONTEXT, this.diagnostics);
          break;
        default:
          break;
      }
    }
  }

  /** The level of a definition used with arguments of the given levels. */
  definitionLevel(
    symbol: Binding,
    argLevels: readonly LevelInfo[],
    context: LevelContext = ROOT_CONTEXT,
    report = false,
  ): LevelInfo {
    symbol = definitionOf(symbol);
    const key = `${context.id}|${argLevels.map((a) => a.level).join(',')}`;
    let cache = this.memo.get(symbol);
    const cached = cache?.get(key);
    if (cached && !report) return cached;
    const progressKey = `${(symbol as { span?: SourceSpan }).span?.start.offset}:${symbol.name}:${key}`;
    if (this.inProgress.has(progressKey)) {
      // Recursion: the level is at least that of the arguments; the fixpoint is reached from below.
      return argLevels.reduce(max, CONSTANT);
    }
    this.inProgress.add(progressKey);
    const sink: Sink = report ? this.diagnostics : [];
    let result: LevelInfo;
    try {
      result = this.computeDefinitionLevel(symbol, argLevels, context, sink);
    } finally {
      this.inProgress.delete(progressKey);
    }
    if (report && sink.length > 0) this.faulty.add(symbol);
    const baseUse = argLevels.every((a) => a.level === 0);
    if (!report && sink.length > 0 && !baseUse && !this.faulty.has(symbol)) {
      // An error that only arises with these argument levels: remembered so the use site can report it.
      result = { ...result, why: result.why, cause: result.cause };
      this.useErrors.set(result, sink[0]);
    }
    if (!this.closures.has(symbol)) {
      if (!cache) {
        cache = new Map();
        this.memo.set(symbol, cache);
      }
      cache.set(key, result);
    }
    return result;
  }

  private readonly useErrors = new WeakMap<LevelInfo, Diagnostic>();

  private computeDefinitionLevel(
    symbol: Binding,
    argLevels: readonly LevelInfo[],
    context: LevelContext,
    sink: Sink,
  ): LevelInfo {
    switch (symbol.kind) {
      case 'definition': {
        const env = new Map(this.closures.get(symbol) ?? []);
        for (const [i, p] of symbol.params.entries()) env.set(p, argLevels[i] ?? CONSTANT);
        return this.levelOf(symbol.def.body, env, context, sink);
      }
      case 'function':
        return this.functionLevel(symbol, context, sink);
      default:
        return argLevels.reduce(max, CONSTANT);
    }
  }

  private functionLevel(symbol: FunctionSymbol, context: LevelContext, sink: Sink): LevelInfo {
    const env = new Map(this.closures.get(symbol) ?? []);
    let level = CONSTANT;
    for (const bound of symbol.def.bounds)
      if (bound.set) level = max(level, this.levelOf(bound.set, env, context, sink));
    return max(level, this.levelOf(symbol.def.body, env, context, sink));
  }

  /** The level of an expression of the root module (no bound names, no instance substitutions). */
  levelOfExpression(expr: Expr): LevelInfo {
    return this.levelOf(expr, new Map(), ROOT_CONTEXT, []);
  }

  /** The level of a state/action/temporal name referred to without arguments, as cfg checks need. */
  levelOfName(symbol: Binding): LevelInfo {
    symbol = definitionOf(symbol);
    switch (symbol.kind) {
      case 'variable':
        return { level: 1 };
      case 'definition':
        return this.definitionLevel(
          symbol,
          symbol.params.map(() => CONSTANT),
        );
      case 'function':
        return this.definitionLevel(symbol, []);
      case 'instanced':
        return this.instancedLevel(symbol.inner, symbol.site, [], ROOT_CONTEXT, new Map(), CONSTANT);
      default:
        return CONSTANT;
    }
  }

  private contextFor(
    site: InstanceSite,
    outer: LevelContext,
    outerEnv: Env,
    siteParamLevel: LevelInfo,
  ): LevelContext {
    const key = `${outer.id}|${siteParamLevel.level}|${site.params.length}`;
    const cacheKey = `${siteKey(site)}|${key}`;
    const cached = site.params.length === 0 ? this.contexts.get(cacheKey) : undefined;
    if (cached) return cached;
    const env = new Map(outerEnv);
    for (const p of site.params) env.set(p, siteParamLevel);
    const values = new Map<ConstantSymbol | VariableSymbol, LevelInfo>();
    for (const [parameter, value] of site.substitutions) {
      const info =
        value.kind === 'expr'
          ? this.levelOf(value.expr, env, outer, [])
          : this.referenceLevel(value.symbol, env, outer);
      values.set(parameter, info);
    }
    const context: LevelContext = { id: this.nextContextId++, values };
    if (site.params.length === 0) this.contexts.set(cacheKey, context);
    return context;
  }

  private referenceLevel(symbol: Binding, env: Env, context: LevelContext): LevelInfo {
    switch (symbol.kind) {
      case 'variable':
        return (
          context.values.get(symbol) ?? { level: 1, at: symbol.span, why: `${symbol.name} is a variable` }
        );
      case 'constant':
        return context.values.get(symbol) ?? CONSTANT;
      case 'param':
      case 'bound':
        return env.get(symbol) ?? (symbol.kind === 'bound' && symbol.temporal ? { level: 1 } : CONSTANT);
      default:
        return this.definitionLevel(symbol, [], context);
    }
  }

  private instancedLevel(
    inner: Binding,
    site: InstanceSite,
    argLevels: readonly LevelInfo[],
    context: LevelContext,
    env: Env,
    pathArgs: LevelInfo,
  ): LevelInfo {
    const innerContext = this.contextFor(site, context, env, pathArgs);
    if (inner.kind === 'instanced')
      return this.instancedLevel(inner.inner, inner.site, argLevels, innerContext, new Map(), CONSTANT);
    if (inner.kind === 'constant' || inner.kind === 'variable')
      return this.referenceLevel(inner, env, innerContext);
    return this.definitionLevel(inner, argLevels, innerContext);
  }

  private operatorArgumentLevel(arg: Expr, env: Env, context: LevelContext, sink: Sink): LevelInfo {
    if (arg.kind === 'Lambda') return this.lambdaLevel(arg, env, context, sink);
    if (arg.kind === 'OpApp' && arg.args.length === 0) {
      const symbol = this.bindings.get(arg);
      if (!symbol) return CONSTANT;
      if (symbol.kind === 'param' || symbol.kind === 'bound') return env.get(symbol) ?? CONSTANT;
      if (symbol.kind === 'definition' || symbol.kind === 'recursive') {
        const def = definitionOf(symbol);
        return def.kind === 'definition'
          ? this.definitionLevel(
              def,
              def.params.map(() => CONSTANT),
              context,
            )
          : CONSTANT;
      }
      if (symbol.kind === 'instanced')
        return this.instancedLevel(symbol.inner, symbol.site, [], context, env, CONSTANT);
      return CONSTANT;
    }
    return this.levelOf(arg, env, context, sink);
  }

  private lambdaLevel(lambda: Lambda, env: Env, context: LevelContext, sink: Sink): LevelInfo {
    // LAMBDA parameters are bound names: constant level unless the environment says otherwise.
    return this.levelOf(lambda.body, env, context, sink);
  }

  levelOf(expr: Expr, env: Env, context: LevelContext, sink: Sink): LevelInfo {
    switch (expr.kind) {
      case 'Number':
      case 'String':
      case 'Bool':
      case 'At':
      case 'StepRef':
        return CONSTANT;
      case 'OpApp':
        return this.opAppLevel(expr, env, context, sink);
      case 'If':
        return [expr.cond, expr.then, expr.else].map((e) => this.levelOf(e, env, context, sink)).reduce(max);
      case 'Case': {
        let level = CONSTANT;
        for (const arm of expr.arms)
          level = max(
            max(level, this.levelOf(arm.guard, env, context, sink)),
            this.levelOf(arm.body, env, context, sink),
          );
        return expr.other ? max(level, this.levelOf(expr.other, env, context, sink)) : level;
      }
      case 'Let': {
        for (const def of expr.defs) {
          if (def.kind === 'RecursiveDecl') continue;
          const symbol = this.definitions.get(def);
          if (symbol) this.closures.set(symbol, env);
        }
        if (sink === this.diagnostics) {
          // Report errors in LET definitions even when the body does not use them.
          for (const def of expr.defs) {
            const symbol = def.kind === 'RecursiveDecl' ? undefined : this.definitions.get(def);
            if (symbol?.kind === 'definition')
              this.definitionLevel(
                symbol,
                symbol.params.map(() => CONSTANT),
                context,
                true,
              );
          }
        }
        return this.levelOf(expr.body, env, context, sink);
      }
      case 'Quantified':
      case 'SetMap':
      case 'FunctionCtor': {
        let level = CONSTANT;
        for (const bound of expr.bounds)
          if (bound.set) level = max(level, this.levelOf(bound.set, env, context, sink));
        return max(level, this.levelOf(expr.body, env, context, sink));
      }
      case 'Choose':
      case 'SetFilter': {
        const body = expr.kind === 'Choose' ? expr.body : expr.predicate;
        const set = expr.bound.set ? this.levelOf(expr.bound.set, env, context, sink) : CONSTANT;
        return max(set, this.levelOf(body, env, context, sink));
      }
      case 'TemporalQuantified':
        // The bound names are temporal variables: state level (see opAppLevel for bound symbols).
        this.levelOf(expr.body, env, context, sink);
        return { level: 3, at: expr.span, why: `${expr.quantifier} is a temporal quantifier` };
      case 'SetEnum':
      case 'Tuple':
        return expr.elements.map((e) => this.levelOf(e, env, context, sink)).reduce(max, CONSTANT);
      case 'FunctionApp':
        return [expr.fn, ...expr.args].map((e) => this.levelOf(e, env, context, sink)).reduce(max);
      case 'FunctionSet':
        return max(
          this.levelOf(expr.domain, env, context, sink),
          this.levelOf(expr.codomain, env, context, sink),
        );
      case 'RecordCtor':
      case 'RecordSet':
        return expr.fields.map((f) => this.levelOf(f.value, env, context, sink)).reduce(max, CONSTANT);
      case 'Except': {
        let level = this.levelOf(expr.fn, env, context, sink);
        for (const update of expr.updates) {
          for (const step of update.path)
            if (step.kind === 'index')
              for (const a of step.args) level = max(level, this.levelOf(a, env, context, sink));
          level = max(level, this.levelOf(update.value, env, context, sink));
        }
        return level;
      }
      case 'FieldAccess':
        return this.levelOf(expr.record, env, context, sink);
      case 'ActionExpr':
      case 'Fairness':
        return this.actionLevel(expr, env, context, sink);
      case 'Junction':
        return expr.items.map((e) => this.levelOf(e, env, context, sink)).reduce(max, CONSTANT);
      case 'Lambda':
        return this.lambdaLevel(expr, env, context, sink);
      case 'Labeled':
        return this.levelOf(expr.body, env, context, sink);
    }
  }

  private actionLevel(
    expr: Extract<Expr, { kind: 'ActionExpr' | 'Fairness' }>,
    env: Env,
    context: LevelContext,
    sink: Sink,
  ): LevelInfo {
    const action = this.levelOf(expr.action, env, context, sink);
    const subscript = this.levelOf(expr.subscript, env, context, sink);
    const form =
      expr.kind === 'Fairness' ? `${expr.strong ? 'SF' : 'WF'}_v(A)` : expr.box ? '[A]_v' : '<<A>>_v';
    if (action.level === 3) {
      sink.push(
        makeDiagnostic(
          SemanticCode.actionOperandLevel,
          `the action A in ${form} is a temporal formula (${describe(action)}); it must be an action`,
          expr.action.span,
          {
            related: explain(action),
          },
        ),
      );
    }
    if (subscript.level >= 2) {
      sink.push(
        makeDiagnostic(
          SemanticCode.actionOperandLevel,
          `the subscript v in ${form} must be a state function, but it is ${LEVEL_NAMES[subscript.level]}-level (${describe(subscript)})`,
          expr.subscript.span,
          {
            hint: 'the subscript is usually the tuple of variables, e.g. vars == <<x, y>>',
            related: explain(subscript),
          },
        ),
      );
    }
    if (expr.kind === 'Fairness') return { level: 3, at: expr.span, why: `${form} is a temporal formula` };
    const level = Math.max(action.level, subscript.level) >= 1 ? 2 : 0;
    return level === 2 ? { level: 2, at: expr.span, why: `${form} is an action` } : CONSTANT;
  }

  private opAppLevel(app: OpApp, env: Env, context: LevelContext, sink: Sink): LevelInfo {
    const symbol = this.bindings.get(app);
    if (!symbol || symbol.kind === 'builtin') return this.builtinLevel(app, env, context, sink);
    const target = definitionOf(symbol);
    switch (target.kind) {
      case 'variable': {
        const info = context.values.get(target);
        return info ?? { level: 1, at: app.span, why: `${app.name} is a variable` };
      }
      case 'constant': {
        const own = context.values.get(target) ?? CONSTANT;
        return app.args.map((a) => this.levelOf(a, env, context, sink)).reduce(max, own);
      }
      case 'param':
      case 'bound': {
        const own =
          env.get(target) ??
          (target.kind === 'bound' && target.temporal
            ? { level: 1 as Level, at: app.span, why: `${app.name} is a temporal variable` }
            : CONSTANT);
        return app.args.map((a) => this.levelOf(a, env, context, sink)).reduce(max, own);
      }
      case 'primitive':
      case 'builtin':
      case 'theorem':
      case 'instance':
        return app.args.map((a) => this.levelOf(a, env, context, sink)).reduce(max, CONSTANT);
      case 'definition':
      case 'function':
      case 'recursive':
      case 'instanced': {
        const arities =
          target.kind === 'definition'
            ? target.def.params.map((p) => p.arity)
            : target.kind === 'instanced'
              ? paramAritiesOf(target.inner)
              : [];
        const argLevels = app.args.map((a, i) =>
          (arities[i] ?? 0) > 0
            ? this.operatorArgumentLevel(a, env, context, sink)
            : this.levelOf(a, env, context, sink),
        );
        let result: LevelInfo;
        if (target.kind === 'instanced') {
          let pathArgs = CONSTANT;
          for (const part of app.path)
            for (const a of part.args) pathArgs = max(pathArgs, this.levelOf(a, env, context, sink));
          result = this.instancedLevel(target.inner, target.site, argLevels, context, env, pathArgs);
        } else {
          result = this.definitionLevel(target, argLevels, context);
        }
        const useError = this.useErrors.get(result);
        if (useError) {
          sink.push(
            makeDiagnostic(useError.code, `in this use of ${app.name}: ${useError.message}`, app.span, {
              hint: useError.hint,
              related: useError.span
                ? [{ span: useError.span, message: 'the problem arises here with these arguments' }]
                : undefined,
            }),
          );
        }
        const argMax = argLevels.reduce(max, CONSTANT);
        if (result.level > argMax.level) {
          const callText = app.args.length > 0 ? `${app.name}(...)` : app.name;
          return {
            level: result.level,
            at: app.span,
            why: `${callText} is ${article(result.level)} ${levelNoun(result.level)}`,
            cause: result.at ? result : undefined,
          };
        }
        return max(result, argMax);
      }
    }
  }

  private builtinLevel(app: OpApp, env: Env, context: LevelContext, sink: Sink): LevelInfo {
    const args = app.args.map((a) => this.levelOf(a, env, context, sink));
    const arg = args[0] ?? CONSTANT;
    switch (app.name) {
      case "'":
      case 'UNCHANGED': {
        if (arg.level >= 2) {
          const what = app.name === "'" ? 'a prime' : 'UNCHANGED';
          sink.push(
            makeDiagnostic(
              SemanticCode.doublePrime,
              `${what} is applied to an expression that is already ${LEVEL_NAMES[arg.level]}-level (${describe(arg)})`,
              app.nameSpan,
              {
                hint:
                  app.name === "'"
                    ? 'only state functions can be primed: remove the inner prime'
                    : 'UNCHANGED takes a state function such as <<x, y>>',
                related: explain(arg),
              },
            ),
          );
        }
        if (arg.level === 0) return CONSTANT;
        return {
          level: 2,
          at: app.span,
          why: app.name === "'" ? `${exprText(app.args[0])}' is primed` : `UNCHANGED is an action`,
        };
      }
      case 'ENABLED':
        if (arg.level === 3) {
          sink.push(
            makeDiagnostic(
              SemanticCode.actionOperandLevel,
              `ENABLED takes an action, but this is a temporal formula (${describe(arg)})`,
              app.nameSpan,
              { related: explain(arg) },
            ),
          );
        }
        return arg.level === 0 ? CONSTANT : { level: 1, at: app.span, why: 'ENABLED A is a state predicate' };
      case '[]':
      case '<>': {
        // [][A]_v and <><<A>>_v are the two ways TLA+ lets a temporal operator talk about an action.
        const operand = app.args[0];
        const actionForm = operand?.kind === 'ActionExpr' && operand.box === (app.name === '[]');
        if (arg.level === 2 && !actionForm) {
          const always = app.name === '[]';
          sink.push(
            makeDiagnostic(
              SemanticCode.temporalOfAction,
              `${app.name} is applied to an action (${describe(arg)}); ${app.name} applies only to state predicates and temporal formulas`,
              app.nameSpan,
              {
                hint: always
                  ? 'to constrain every step write [][A]_vars (A or a stuttering step); for a state property drop the primes'
                  : 'to say that an action eventually happens write <><<A>>_vars; to say it is eventually possible write <>ENABLED A',
                related: explain(arg),
              },
            ),
          );
        }
        return { level: 3, at: app.nameSpan, why: `${app.name} makes a temporal formula` };
      }
      case '~>':
      case '-+->': {
        args.forEach((a, i) => {
          if (a.level === 2) {
            sink.push(
              makeDiagnostic(
                SemanticCode.leadsToOfAction,
                `an operand of ${app.name} is an action (${describe(a)}); ${app.name} relates state predicates or temporal formulas`,
                app.args[i].span,
                {
                  hint: 'drop the primes, or wrap the action: <><<A>>_vars',
                  related: explain(a),
                },
              ),
            );
          }
        });
        return { level: 3, at: app.nameSpan, why: `${app.name} makes a temporal formula` };
      }
      case '\\cdot': {
        args.forEach((a, i) => {
          if (a.level === 3)
            sink.push(
              makeDiagnostic(
                SemanticCode.actionOperandLevel,
                `an operand of \\cdot is a temporal formula (${describe(a)}); \\cdot composes actions`,
                app.args[i].span,
                { related: explain(a) },
              ),
            );
        });
        const level = args.reduce(max, CONSTANT);
        return level.level >= 1 ? { level: 2, at: app.span, why: 'A \\cdot B is an action' } : CONSTANT;
      }
      default:
        return args.reduce(max, CONSTANT);
    }
  }
}

function paramAritiesOf(symbol: Binding): number[] {
  const target = definitionOf(symbol);
  if (target.kind === 'definition') return target.def.params.map((p) => p.arity);
  if (target.kind === 'instanced') return paramAritiesOf(target.inner);
  return [];
}

const siteIds = new WeakMap<InstanceSite, number>();
let nextSiteId = 1;
function siteKey(site: InstanceSite): number {
  let id = siteIds.get(site);
  if (id === undefined) {
    id = nextSiteId++;
    siteIds.set(site, id);
  }
  return id;
}

function article(level: Level): string {
  return level === 2 ? 'an' : 'a';
}

function levelNoun(level: Level): string {
  return ['constant', 'state function', 'action', 'temporal formula'][level];
}

function exprText(expr: Expr | undefined): string {
  if (expr?.kind === 'OpApp' && expr.args.length === 0)
    return [...expr.path.map((p) => `${p.name}!`), expr.name].join('');
  return '(...)';
}

export type { DefinitionSymbol };
