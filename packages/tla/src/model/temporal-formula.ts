import type { SourceSpan } from '@modelcheck/core';
import type { CC, Compiler, Ev } from '../eval/compiler.js';
import { EMPTY_FRAME, type Frame } from '../eval/frame.js';
import type { CheckedSpec } from '../semantics/analyze.js';
import { type Binding, definitionOf, type InstanceSite } from '../semantics/symbols.js';
import type { ActionExpr, BoundVars, Expr, LetDefinition, OpApp } from '../syntax/ast.js';
import { printExpression } from '../syntax/printer.js';
import { printValue, setElements, EvalError as TlaEvalError, type Value } from '../values/index.js';
import type { TlaState } from './model-types.js';

/**
 * TLA+ temporal formulas (PROPERTIES, fairness) as the temporal checker reads them: an LTL formula
 * whose atoms are state predicates and step predicates of the spec. The shape is the temporal
 * package's `Formula` (the model never imports a back-end; the CLI hands it over as it is).
 */
export type TlaFormula =
  | { readonly kind: 'atom'; readonly name: string; readonly text: string; readonly data: TlaAtom }
  | { readonly kind: 'true' | 'false' }
  | { readonly kind: 'not' | 'next' | 'finally' | 'globally'; readonly arg: TlaFormula }
  | {
      readonly kind: 'and' | 'or' | 'implies' | 'iff' | 'until';
      readonly left: TlaFormula;
      readonly right: TlaFormula;
    };

/** A state predicate, or a step predicate (TLA+ `[A]_v`, `<<A>>_v`; a stuttering step has from = to). */
export type TlaAtom =
  | { readonly kind: 'state'; holds(state: TlaState): boolean }
  | { readonly kind: 'edge'; holds(from: TlaState, to: TlaState): boolean };

/** `WF_v(A)` or `SF_v(A)` of SPECIFICATION, for one binding of its quantifiers. */
export interface FairnessCondition {
  readonly kind: 'weak' | 'strong';
  /** As written, with the bound values (`WF_vars(Next(p1))`). */
  readonly name: string;
  readonly span: SourceSpan;
  /** ENABLED <<A>>_v */
  enabled(state: TlaState): boolean;
  /** <<A>>_v */
  taken(from: TlaState, to: TlaState): boolean;
}

/** A formula the translation cannot take (an unsupported temporal form), located. */
export class TemporalFormulaError extends Error {
  constructor(
    message: string,
    readonly span: SourceSpan,
  ) {
    super(message);
  }
}

/** Names bound by quantifiers and operator parameters while a formula is unfolded, with their values. */
interface Env {
  readonly symbols: readonly Binding[];
  readonly values: readonly Value[];
  /** The LETs the formula is inside, outermost first (their definitions may appear in atoms). */
  readonly lets: readonly (readonly LetDefinition[])[];
}

const EMPTY_ENV: Env = { symbols: [], values: [], lets: [] };

const BOOLEAN_OPS: Record<string, 'and' | 'or' | 'implies' | 'iff'> = {
  '/\\': 'and',
  '\\/': 'or',
  '=>': 'implies',
  '<=>': 'iff',
};

/**
 * Translates temporal formulas of a spec to LTL over its states and steps, as TLC reads them
 * (Liveness.java): `[]`, `<>`, `~>`, the boolean connectives, `\A`/`\E` over constant sets, operators
 * with constant arguments unfolded, `[][A]_v`, `<><<A>>_v`, `WF_v(A)`, `SF_v(A)`; any sub-formula
 * without temporal operators is an atom, evaluated on a state or on a step by the compiled model.
 */
export class TemporalTranslator {
  private atoms = 0;

  constructor(
    private readonly compiler: Compiler,
    private readonly spec: CheckedSpec,
  ) {}

  formula(e: Expr, sites: readonly InstanceSite[]): TlaFormula {
    return this.translate(e, sites, EMPTY_ENV);
  }

  /**
   * The fairness conditions a SPECIFICATION conjunct states, one per binding of its `\A`s, or
   * undefined when it is some other temporal formula (then it is checked as part of the formula).
   */
  fairness(e: Expr, sites: readonly InstanceSite[]): FairnessCondition[] | undefined {
    return this.fairnessIn(e, sites, EMPTY_ENV);
  }

  private fairnessIn(e: Expr, sites: readonly InstanceSite[], env: Env): FairnessCondition[] | undefined {
    if (e.kind === 'Labeled') return this.fairnessIn(e.body, sites, env);
    if (e.kind === 'Fairness') {
      const { enabled, taken } = this.fairnessAtoms(e.action, e.subscript, e.span, sites, env);
      const suffix = env.values.length > 0 ? ` for ${env.values.map(printValue).join(', ')}` : '';
      return [
        {
          kind: e.strong ? 'strong' : 'weak',
          name: `${printExpression(e)}${suffix}`,
          span: e.span,
          enabled,
          taken,
        },
      ];
    }
    if (e.kind === 'Quantified' && e.quantifier === '\\A') {
      const out: FairnessCondition[] = [];
      for (const inner of this.bindings(e.bounds, sites, env, e.span)) {
        const conditions = this.fairnessIn(e.body, sites, inner);
        if (!conditions) return undefined;
        out.push(...conditions);
      }
      return out;
    }
    if (
      (e.kind === 'Junction' && e.op === '/\\') ||
      (e.kind === 'OpApp' && e.name === '/\\' && e.fix === 'infix')
    ) {
      const items = e.kind === 'Junction' ? e.items : e.args;
      const out: FairnessCondition[] = [];
      for (const x of items) {
        const conditions = this.fairnessIn(x, sites, env);
        if (!conditions) return undefined;
        out.push(...conditions);
      }
      return out;
    }
    const unfolded = this.unfold(e, sites, env);
    return unfolded ? this.fairnessIn(unfolded.body, unfolded.sites, unfolded.env) : undefined;
  }

  private translate(e: Expr, sites: readonly InstanceSite[], env: Env): TlaFormula {
    const level = this.spec.levels.levelOfExpression(e).level;
    if (level <= 1) return this.stateAtom(e, sites, env);
    switch (e.kind) {
      case 'Labeled':
        return this.translate(e.body, sites, env);
      case 'Let':
        return this.translate(e.body, sites, { ...env, lets: [...env.lets, e.defs] });
      case 'Junction':
        return this.fold(
          e.op === '/\\' ? 'and' : 'or',
          e.items.map((x) => this.translate(x, sites, env)),
        );
      case 'Fairness': {
        const { enabled, taken } = this.fairnessAtoms(e.action, e.subscript, e.span, sites, env);
        // WF: <>[]ENABLED <<A>>_v => []<><<A>>_v; SF: []<>ENABLED <<A>>_v => []<><<A>>_v.
        const enabledAtom = this.atom(
          `ENABLED <<${printExpression(e.action)}>>_${printExpression(e.subscript)}`,
          {
            kind: 'state',
            holds: enabled,
          },
        );
        const takenAtom = this.atom(`<<${printExpression(e.action)}>>_${printExpression(e.subscript)}`, {
          kind: 'edge',
          holds: taken,
        });
        const premise: TlaFormula = e.strong
          ? { kind: 'globally', arg: { kind: 'finally', arg: enabledAtom } }
          : { kind: 'finally', arg: { kind: 'globally', arg: enabledAtom } };
        return {
          kind: 'implies',
          left: premise,
          right: { kind: 'globally', arg: { kind: 'finally', arg: takenAtom } },
        };
      }
      case 'ActionExpr':
        if (level === 2) return this.edgeAtom(e, sites, env);
        break;
      case 'Quantified': {
        const parts = [...this.bindings(e.bounds, sites, env, e.span)].map((inner) =>
          this.translate(e.body, sites, inner),
        );
        return this.fold(e.quantifier === '\\A' ? 'and' : 'or', parts);
      }
      case 'If': {
        const cond = this.translate(e.cond, sites, env);
        return this.fold('and', [
          { kind: 'implies', left: cond, right: this.translate(e.then, sites, env) },
          { kind: 'implies', left: { kind: 'not', arg: cond }, right: this.translate(e.else, sites, env) },
        ]);
      }
      case 'OpApp': {
        if (level === 2) return this.edgeAtom(e, sites, env);
        if (e.path.length === 0 && e.args.length > 0 && this.isBuiltin(e)) {
          const args = e.args;
          switch (e.name) {
            case '[]':
              return this.always(args[0], sites, env);
            case '<>':
              return { kind: 'finally', arg: this.translate(args[0], sites, env) };
            case '~>':
              return {
                kind: 'globally',
                arg: {
                  kind: 'implies',
                  left: this.translate(args[0], sites, env),
                  right: { kind: 'finally', arg: this.translate(args[1], sites, env) },
                },
              };
            case '~':
              return { kind: 'not', arg: this.translate(args[0], sites, env) };
            default: {
              const op = BOOLEAN_OPS[e.name];
              if (op && args.length === 2)
                return {
                  kind: op,
                  left: this.translate(args[0], sites, env),
                  right: this.translate(args[1], sites, env),
                };
            }
          }
        }
        const unfolded = this.unfold(e, sites, env);
        if (unfolded) return this.translate(unfolded.body, unfolded.sites, unfolded.env);
        break;
      }
      default:
        break;
    }
    throw new TemporalFormulaError(
      `modelcheck cannot check this temporal formula: ${printExpression(e)} (supported: [], <>, ~>, WF, SF, [][A]_v, <><<A>>_v, \\A/\\E over constant sets, boolean connectives, and operators with constant arguments)`,
      e.span,
    );
  }

  /** `[]F`; `[][A]_v` is a step predicate that must hold on every step. */
  private always(arg: Expr, sites: readonly InstanceSite[], env: Env): TlaFormula {
    return { kind: 'globally', arg: this.translate(arg, sites, env) };
  }

  private fold(kind: 'and' | 'or', parts: TlaFormula[]): TlaFormula {
    if (parts.length === 0) return { kind: kind === 'and' ? 'true' : 'false' };
    return parts.reduce((left, right) => ({ kind, left, right }));
  }

  private isBuiltin(e: OpApp): boolean {
    const symbol = this.spec.bindings.get(e);
    return !symbol || symbol.kind === 'builtin';
  }

  /** A user operator applied to constant arguments: its body, with the parameters bound. */
  private unfold(
    e: Expr,
    sites: readonly InstanceSite[],
    env: Env,
  ): { body: Expr; sites: readonly InstanceSite[]; env: Env } | undefined {
    if (e.kind !== 'OpApp') return undefined;
    const symbol = this.spec.bindings.get(e);
    if (!symbol) return undefined;
    let target: Binding = symbol;
    const more: InstanceSite[] = [];
    while (target.kind === 'instanced') {
      more.push(target.site);
      target = target.inner;
    }
    target = definitionOf(target);
    if (target.kind !== 'definition' || target.module?.isStandard) return undefined;
    if (more.some((site) => site.params.length > 0)) return undefined;
    const values = e.args.map((a) => {
      if (this.spec.levels.levelOfExpression(a).level > 0)
        throw new TemporalFormulaError(
          `modelcheck cannot check a temporal operator applied to a non-constant argument: ${printExpression(a)}`,
          a.span,
        );
      return this.constant(a, sites, env);
    });
    // The caller's bound names stay in scope: a LET definition's body may use them (a top-level
    // definition's cannot, and extra names do no harm).
    return {
      body: target.def.body,
      sites: [...sites, ...more],
      env: {
        symbols: [...env.symbols, ...target.params],
        values: [...env.values, ...values],
        lets: env.lets,
      },
    };
  }

  /** Every binding of the bound names, over constant sets. */
  private *bindings(
    bounds: readonly BoundVars[],
    sites: readonly InstanceSite[],
    env: Env,
    span: SourceSpan,
  ): Generator<Env> {
    const names: Binding[] = [];
    const sets: (readonly Value[])[] = [];
    for (const b of bounds) {
      if (!b.set || b.tuple)
        throw new TemporalFormulaError(
          'modelcheck can unfold \\A and \\E in temporal formulas only over sets (x \\in S)',
          span,
        );
      const elements = setElements(this.constant(b.set, sites, env));
      for (const n of b.names) {
        names.push(this.compiler.declared(n));
        sets.push(elements);
      }
    }
    const values: Value[] = [];
    function* go(i: number): Generator<Env> {
      if (i === names.length) {
        yield { symbols: [...env.symbols, ...names], values: [...env.values, ...values], lets: env.lets };
        return;
      }
      for (const v of sets[i]) {
        values[i] = v;
        yield* go(i + 1);
      }
    }
    yield* go(0);
  }

  private compile(e: Expr, sites: readonly InstanceSite[], env: Env): { ev: Ev; frame: () => Frame } {
    const { cc, frame } = this.context(sites, env);
    return { ev: this.compiler.compileExpr(e, cc), frame };
  }

  /**
   * A compile context where the bound names sit in slots and the LETs are known, and a maker of
   * frames holding their values (call it after compiling: compiling may add slots).
   */
  private context(sites: readonly InstanceSite[], env: Env): { cc: CC; frame: () => Frame } {
    const cc: CC = this.compiler.contextFor(sites, false);
    const layout = cc.layout;
    if (!layout) throw new Error('internal: a model context has a layout');
    const slots = env.symbols.map((s) => layout.add(s));
    for (const defs of env.lets) this.compiler.letContext(defs, cc);
    return { cc, frame: () => this.frameFor(layout.size, env, slots) };
  }

  /** A frame with the bound names' values in their slots (a name bound twice: the inner value). */
  private frameFor(size: number, env: Env, slots: readonly number[]): Frame {
    if (size === 0) return EMPTY_FRAME;
    const v = new Array<Value>(size);
    env.values.forEach((x, i) => {
      v[slots[i]] = x;
    });
    return { v, p: null };
  }

  private constant(e: Expr, sites: readonly InstanceSite[], env: Env): Value {
    const { ev, frame } = this.compile(e, sites, env);
    return ev({ s: [], n: [], level: 0 }, frame());
  }

  private atom(text: string, data: TlaAtom): TlaFormula {
    return { kind: 'atom', name: `p${this.atoms++}`, text, data };
  }

  private label(e: Expr, env: Env): string {
    const text = printExpression(e);
    return env.values.length > 0 ? `${text} (${env.values.map(printValue).join(', ')})` : text;
  }

  private stateAtom(e: Expr, sites: readonly InstanceSite[], env: Env): TlaFormula {
    const { ev, frame } = this.compile(e, sites, env);
    const f = frame();
    const span = e.span;
    return this.atom(this.label(e, env), {
      kind: 'state',
      holds: (s) => truth(ev({ s, n: [], level: 0 }, f), span),
    });
  }

  private edgeAtom(e: Expr, sites: readonly InstanceSite[], env: Env): TlaFormula {
    const { ev, frame } = this.compile(e, sites, env);
    const f = frame();
    const span = e.span;
    return this.atom(this.label(e, env), {
      kind: 'edge',
      holds: (from, to) => truth(ev({ s: from, n: to as Value[], level: 0 }, f), span),
    });
  }

  /** ENABLED <<A>>_v and <<A>>_v, for WF_v(A) and SF_v(A). */
  private fairnessAtoms(
    action: Expr,
    subscript: Expr,
    span: SourceSpan,
    sites: readonly InstanceSite[],
    env: Env,
  ) {
    const angle: ActionExpr = { kind: 'ActionExpr', box: false, action, subscript, span } as ActionExpr;
    const { cc, frame } = this.context(sites, env);
    const enabledEv = this.compiler.compileEnabled(angle, cc);
    const takenEv = this.compiler.compileExpr(angle, cc);
    const enabledFrame = frame();
    const takenFrame = frame();
    return {
      enabled: (s: TlaState) => {
        try {
          return truth(enabledEv({ s, n: [], level: 0 }, enabledFrame), span);
        } catch (error) {
          // ENABLED is computed, as in TLC, by finding values for the primed variables; an action
          // whose primed "variables" an INSTANCE replaced by expressions (a refinement mapping)
          // gives none to find, and the property cannot be checked that way.
          if (error instanceof Error && /is read before it is given a value/.test(error.message))
            throw new TemporalFormulaError(
              `modelcheck cannot compute ENABLED <<${printExpression(action)}>>_${printExpression(subscript)}: ${error.message.split('\n')[0]}`,
              span,
            );
          throw error;
        }
      },
      taken: (from: TlaState, to: TlaState) =>
        truth(takenEv({ s: from, n: to as Value[], level: 0 }, takenFrame), span),
    };
  }
}

function truth(v: Value, span: SourceSpan): boolean {
  if (typeof v !== 'boolean')
    throw new TlaEvalError(
      `A predicate of a temporal property should be a boolean, but instead it is:\n${printValue(v)}`,
      'type',
      span,
    );
  return v;
}
