import type { SourceSpan } from '@modelcheck/core';
import type { CheckedSpec } from '../semantics/analyze.js';
import {
  type Binding,
  type ConstantSymbol,
  type DefinitionSymbol,
  definitionOf,
  type FunctionSymbol,
  type InstanceSite,
  type VariableSymbol,
} from '../semantics/symbols.js';
import type { BoundVars, Expr, FunctionApp, LetDefinition, OpApp } from '../syntax/ast.js';
import { forEachExpression } from '../syntax/sub-expressions.js';
import {
  apply,
  applyArgs,
  chooseFirst,
  domainOf,
  equals,
  except,
  fcnLambda,
  fcnOf,
  fingerprintPair,
  forEachElement,
  isEnumerable,
  isFiniteSet,
  isSubsetEq,
  Kind,
  member,
  OpValue,
  opValue,
  printValue,
  recordField,
  recordOf,
  setCap,
  setCup,
  setDiff,
  setElements,
  setFilter,
  setOf,
  setOfFcns,
  setOfRcds,
  setOfTuples,
  sortFields,
  str,
  subsetOf,
  EvalError as TlaEvalError,
  toTupleOrNull,
  tuple,
  unionOf,
  type Value,
} from '../values/index.js';
import { ascend, type Frame, Layout, snapshot } from './frame.js';
import { hasNativeModule, type NativeContext, nativeOperator } from './natives.js';

/**
 * Evaluation context of one evaluation: the current state, the next state being built (actions)
 * or the state being built (Init), and TLC's `level` for TLCGet("level").
 */
export interface Ctx {
  s: readonly Value[];
  n: (Value | undefined)[];
  level: number;
}

/** A compiled expression. */
export type Ev = (c: Ctx, f: Frame) => Value;

/** The innermost operator a step went through, with its arguments (none: not inside an operator). */
export interface StepName {
  readonly name?: string;
  readonly args?: readonly Value[];
  readonly span?: SourceSpan;
}
export type StepNamer = (c: Ctx, f: Frame, isTarget: () => boolean) => StepName | undefined;
/**
 * A compiled action: calls `k` once for every way of completing `c.n` (the next state, or in Init
 * mode the initial state), assigning primed variables left to right as TLC does; undoes its own
 * assignments before it returns.
 */
export type Act = (c: Ctx, f: Frame, k: () => void) => void;

/** Compile-time context: where bound names live, and how variables are read. */
export interface CC {
  readonly layout: Layout | null;
  /** Inside `e'`: variables read the next state. */
  readonly primed: boolean;
  /** Init mode: unprimed variables are the ones being assigned (read from `c.n`). */
  readonly init: boolean;
  readonly subst: SubstEnv | null;
  /**
   * Parameters passed by name: an action operator called with primed arguments, such as
   * `Send(p, d, memInt, memInt')`, is expanded in place as TLC does, so that `newMem = ...` in its
   * body assigns `memInt'`.
   */
  readonly byName?: ReadonlyMap<Binding, { readonly expr: Expr; readonly cc: CC }>;
  /**
   * Inside ENABLED: the substitutions in force where ENABLED is evaluated (undefined outside
   * ENABLED, or when there are none). TLC looks primed variables up past these (Context.branch
   * with cutoff): a primed variable of an instantiated module that one of them replaces stands
   * for itself, a value of the partial next state found by name, rather than for its substitute.
   */
  readonly enabledCut?: SubstEnv;
}

/** INSTANCE substitutions in force: constants and variables of the instantiated module -> what replaces them. */
interface SubstEnv {
  readonly id: number;
  readonly site: InstanceSite;
  /** The context the substitution expressions are compiled in (the instantiating module's). */
  readonly outer: CC;
}

interface CompiledDef {
  ev?: Ev;
  act?: Act;
  layout: Layout;
  /** Definition layout's parent, to link call frames. */
  definingLayout: Layout | null;
  constantCache?: { value: Value } | null;
  realAct?: Act;
}

export class ActionError extends TlaEvalError {}

const TRUE_EV: Ev = () => true;

/** A value made from a model's constants: what each CONSTANT of the root module is (value or definition). */
export type ConstantBinding = (
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'symbol'; readonly symbol: Binding }
) & {
  /** A `[Mod]` override in the cfg: it replaces the definition in every INSTANCE of Mod too. */
  readonly everywhere?: boolean;
};

export interface CompilerOptions {
  readonly spec: CheckedSpec;
  /** Values and substitutions for the constants (of any module: keyed by symbol). */
  readonly constants: ReadonlyMap<ConstantSymbol, ConstantBinding>;
  /** Definitions replaced by the cfg (`Op <- Other`, `Op = value`). */
  readonly overrides: ReadonlyMap<Binding, ConstantBinding>;
  readonly variables: readonly VariableSymbol[];
  readonly natives: NativeContext;
}

function located(e: unknown, span: SourceSpan): never {
  if (e instanceof TlaEvalError) throw e.withSpan(span);
  throw e;
}

function bool(v: Value, what: string, span: SourceSpan): boolean {
  if (typeof v !== 'boolean')
    throw new TlaEvalError(`${what} should be a boolean, but instead it is:\n${printValue(v)}`, 'type', span);
  return v;
}

/**
 * Turns resolved TLA+ into closures (never into JavaScript source text): `compileExpr` for values,
 * `compileAction` for TLC's treatment of actions and Init. Compiled definitions are memoised per
 * mode (plain, primed, Init) and INSTANCE substitution context.
 */
export class Compiler {
  private readonly defs = new Map<Binding, Map<string, CompiledDef>>();
  private readonly variableIndex = new Map<VariableSymbol, number>();
  private readonly substEnvs = new Map<string, SubstEnv>();
  private nextSubstId = 1;

  constructor(private readonly options: CompilerOptions) {
    for (const [i, v] of options.variables.entries()) this.variableIndex.set(v, i);
  }

  private get bindings() {
    return this.options.spec.bindings;
  }

  /**
   * The context for an expression written inside instantiated modules: `sites` lists the
   * INSTANCEs from the root module inwards (as SPECIFICATION is unfolded through `M!Spec`).
   */
  contextFor(sites: readonly InstanceSite[], init: boolean): CC {
    let cc: CC = { layout: new Layout(null), primed: false, init, subst: null };
    for (const site of sites) cc = { ...cc, subst: this.substEnv(site, cc) };
    return cc;
  }

  rootContext(): CC {
    return { layout: null, primed: false, init: false, subst: null };
  }

  initContext(): CC {
    return { layout: null, primed: false, init: true, subst: null };
  }

  // -------------------------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------------------------

  compileExpr(e: Expr, cc: CC): Ev {
    const ev = this.compileExprInner(e, cc);
    const span = e.span;
    // Locate errors at the innermost expression that has a span (withSpan keeps an existing one).
    return (c, f) => {
      try {
        return ev(c, f);
      } catch (err) {
        return located(err, span);
      }
    };
  }

  private compileExprInner(e: Expr, cc: CC): Ev {
    switch (e.kind) {
      case 'Number': {
        if (e.fraction !== undefined) {
          const text = `${e.digits}.${e.fraction}`;
          return () => {
            throw new TlaEvalError(`TLC cannot handle real numbers: ${text}`, 'type');
          };
        }
        const value = Number.parseInt(e.digits, e.base);
        if (!Number.isSafeInteger(value) || value > 2147483647) {
          return () => {
            throw new TlaEvalError(
              `Integer overflow: ${e.digits} is larger than TLC's largest integer 2147483647`,
              'overflow',
            );
          };
        }
        return () => value;
      }
      case 'String': {
        const value = str(e.value);
        return () => value;
      }
      case 'Bool': {
        const value = e.value;
        return () => value;
      }
      case 'At':
        return this.compileAt(cc);
      case 'StepRef':
        return TRUE_EV;
      case 'OpApp':
        return this.compileOpApp(e, cc);
      case 'If': {
        const cond = this.compileExpr(e.cond, cc);
        const then = this.compileExpr(e.then, cc);
        const otherwise = this.compileExpr(e.else, cc);
        const span = e.cond.span;
        return (c, f) => (bool(cond(c, f), 'A condition of IF', span) ? then(c, f) : otherwise(c, f));
      }
      case 'Case': {
        const arms = e.arms.map(
          (a) => [this.compileExpr(a.guard, cc), this.compileExpr(a.body, cc), a.guard.span] as const,
        );
        const other = e.other ? this.compileExpr(e.other, cc) : undefined;
        const span = e.span;
        return (c, f) => {
          for (const [guard, body, guardSpan] of arms)
            if (bool(guard(c, f), 'A CASE guard', guardSpan)) return body(c, f);
          if (other) return other(c, f);
          throw new TlaEvalError('Attempted to evaluate a CASE with no conditions true.', 'other', span);
        };
      }
      case 'Let': {
        const inner = this.letContext(e.defs, cc);
        return this.compileExpr(e.body, inner);
      }
      case 'Quantified':
        return this.compileQuantifier(e.quantifier === '\\A', e.bounds, e.body, cc);
      case 'TemporalQuantified':
        return this.temporal(e.span);
      case 'Choose':
        return this.compileChoose(e.bound, e.body, cc, e.span);
      case 'SetEnum': {
        const elems = e.elements.map((x) => this.compileExpr(x, cc));
        return (c, f) => setOf(elems.map((x) => x(c, f)));
      }
      case 'SetFilter': {
        const { slots, layout } = this.bindBounds([e.bound], cc);
        const set = this.compileSet(e.bound, cc);
        const pred = this.compileExpr(e.predicate, { ...cc, layout });
        const [slot] = slots;
        const span = e.predicate.span;
        return (c, f) => {
          const base = set(c, f);
          const test = (x: Value, frame: Frame) => {
            slot.bind(frame, x);
            return bool(pred(c, frame), 'The predicate of a set filter', span);
          };
          // The filtered set is lazy and may be enumerated after the frame has moved on (inside
          // {... : k \in S} the next k overwrites this one): it keeps its own copy of the frame.
          const frame = snapshot(f) as Frame;
          return setFilter(base, (x) => test(x, frame));
        };
      }
      case 'SetMap': {
        const { layout, loop } = this.boundLoop(e.bounds, cc);
        const body = this.compileExpr(e.body, { ...cc, layout });
        return (c, f) => {
          const out: Value[] = [];
          loop(c, f, () => {
            out.push(body(c, f));
            return false;
          });
          return setOf(out);
        };
      }
      case 'FunctionCtor':
        return this.compileFunctionCtor(e.bounds, e.body, cc);
      case 'FunctionApp': {
        const fn = this.compileExpr(e.fn, cc);
        const args = e.args.map((a) => this.compileExpr(a, cc));
        if (args.length === 1) {
          const [arg] = args;
          return (c, f) => apply(fn(c, f), arg(c, f));
        }
        return (c, f) =>
          applyArgs(
            fn(c, f),
            args.map((a) => a(c, f)),
          );
      }
      case 'FunctionSet': {
        const domain = this.compileExpr(e.domain, cc);
        const codomain = this.compileExpr(e.codomain, cc);
        return (c, f) => setOfFcns(domain(c, f), codomain(c, f));
      }
      case 'RecordCtor': {
        const names = e.fields.map((x) => str(x.name.name));
        const values = e.fields.map((x) => this.compileExpr(x.value, cc));
        // recordOf puts the fields in TLC's order (and reports a duplicate) itself.
        return (c, f) =>
          recordOf(
            names,
            values.map((x) => x(c, f)),
          );
      }
      case 'RecordSet': {
        const names = e.fields.map((x) => str(x.name.name));
        const sets = e.fields.map((x) => this.compileExpr(x.value, cc));
        return (c, f) => {
          const [n, v] = sortFields(
            names,
            sets.map((x) => x(c, f)),
            'record set',
          );
          return setOfRcds(n, v);
        };
      }
      case 'Except':
        return this.compileExcept(e, cc);
      case 'Tuple': {
        const elems = e.elements.map((x) => this.compileExpr(x, cc));
        return (c, f) => tuple(elems.map((x) => x(c, f)));
      }
      case 'FieldAccess': {
        const record = this.compileExpr(e.record, cc);
        const name = str(e.field.name);
        return (c, f) => recordField(record(c, f), name);
      }
      case 'ActionExpr': {
        // [A]_v as a value: A \/ v' = v; <<A>>_v: A /\ v' # v.
        const action = this.compileExpr(e.action, cc);
        const sub = this.compileExpr(e.subscript, cc);
        const subNext = this.compileExpr(e.subscript, { ...cc, primed: true });
        const span = e.action.span;
        // [A]_v: a step that leaves v unchanged satisfies it whatever A says, and comparing v is
        // far cheaper than evaluating A (an action property is checked on every step).
        if (e.box) return (c, f) => equals(subNext(c, f), sub(c, f)) || bool(action(c, f), 'An action', span);
        return (c, f) => bool(action(c, f), 'An action', span) && !equals(subNext(c, f), sub(c, f));
      }
      case 'Fairness':
        return this.temporal(e.span);
      case 'Junction': {
        const items = e.items.map((x) => [this.compileExpr(x, cc), x.span] as const);
        if (e.op === '/\\') {
          return (c, f) => {
            for (const [item, span] of items) if (!bool(item(c, f), 'A conjunct', span)) return false;
            return true;
          };
        }
        return (c, f) => {
          for (const [item, span] of items) if (bool(item(c, f), 'A disjunct', span)) return true;
          return false;
        };
      }
      case 'Lambda': {
        const layout = new Layout(cc.layout);
        const params = e.params.map((p) => this.declared(p));
        for (const p of params) layout.add(p);
        const body = this.compileExpr(e.body, { ...cc, layout });
        return (_c, f) =>
          opValue('LAMBDA', params.length, (args) => {
            const frame: Frame = { v: new Array(layout.size), p: f };
            args.forEach((a, i) => {
              frame.v[i] = a;
            });
            return body(this.currentCtx ?? EMPTY_CTX, frame);
          });
      }
      case 'Labeled':
        return this.compileExpr(e.body, cc);
    }
  }

  /** The context a LAMBDA's body runs in (set by the caller of the operator value). */
  private currentCtx: Ctx | null = null;

  private temporal(span: SourceSpan): Ev {
    return () => {
      throw new TlaEvalError(
        'A temporal formula ([], <>, ~>, WF, SF, \\EE, \\AA) cannot be evaluated in a state; it can only be checked as a PROPERTY.',
        'type',
        span,
      );
    };
  }

  // `@` in EXCEPT: the old value at the path, kept in a slot of the frame by compileExcept.
  private atSlots: { layout: Layout | null; slot: number }[] = [];

  private compileAt(cc: CC): Ev {
    const top = this.atSlots[this.atSlots.length - 1];
    if (!top) {
      return () => {
        throw new TlaEvalError('@ used outside an EXCEPT', 'other');
      };
    }
    const { slot } = top;
    const up = cc.layout && top.layout ? cc.layout.distanceTo(top.layout) : 0;
    return (_c, f) => (ascend(f, up) as Frame).v[slot];
  }

  private compileExcept(e: Extract<Expr, { kind: 'Except' }>, cc: CC): Ev {
    const fn = this.compileExpr(e.fn, cc);
    const layout = cc.layout ?? new Layout(null);
    const inner = cc.layout ? cc : { ...cc, layout };
    const atSymbol = {} as Binding;
    const slot = layout.add(atSymbol);
    const updates = e.updates.map((u) => {
      const path = u.path.map((step) =>
        step.kind === 'field'
          ? ((() => {
              const name = str(step.name.name);
              return () => name;
            })() as Ev)
          : step.args.length === 1
            ? this.compileExpr(step.args[0], inner)
            : ((() => {
                const args = step.args.map((a) => this.compileExpr(a, inner));
                return (c: Ctx, f: Frame) => tuple(args.map((a) => a(c, f)));
              })() as Ev),
      );
      this.atSlots.push({ layout, slot });
      const value = this.compileExpr(u.value, inner);
      this.atSlots.pop();
      return { path, value };
    });
    const ownFrame = cc.layout === null;
    return (c, f) => {
      const frame: Frame = ownFrame ? { v: new Array(layout.size), p: null } : f;
      let result = fn(c, f);
      for (const update of updates) {
        const keys = update.path.map((p) => p(c, frame));
        result = except(result, keys, (old) => {
          frame.v[slot] = old;
          return update.value(c, frame);
        });
      }
      return result;
    };
  }

  /** Binds the names of bounds in a new layout slot each; returns slot binders. */
  private bindBounds(bounds: readonly BoundVars[], cc: CC) {
    const layout = cc.layout ?? new Layout(null);
    const slots = bounds.map((b) => {
      const indexes = b.names.map((n) => layout.add(this.declared(n)));
      return {
        bind: b.tuple
          ? (frame: Frame, x: Value) => {
              const elems = asTuple(x, b.names.length);
              for (let i = 0; i < indexes.length; i++) frame.v[indexes[i]] = elems[i];
            }
          : indexes.length === 1
            ? (frame: Frame, x: Value) => {
                frame.v[indexes[0]] = x;
              }
            : (frame: Frame, x: Value) => {
                for (const i of indexes) frame.v[i] = x;
              },
        indexes,
      };
    });
    return { slots, layout };
  }

  private compileSet(bound: BoundVars, cc: CC): Ev {
    if (!bound.set) {
      return () => {
        throw new TlaEvalError(
          'TLC cannot enumerate an unbounded quantifier or CHOOSE; bound it with \\in S.',
          'not-enumerable',
        );
      };
    }
    return this.compileExpr(bound.set, cc);
  }

  /**
   * A loop over all combinations of bound values, in TLC's order: `loop(c, f, body)` calls `body`
   * with the names bound in `f` (a new frame if the context has none) and stops when it returns true.
   */
  private boundLoop(bounds: readonly BoundVars[], cc: CC) {
    const ownFrame = cc.layout === null;
    const { slots, layout } = this.bindBounds(bounds, cc);
    // For \A x, y \in S: each name ranges over S separately.
    const ranges: { set: Ev; bind: (frame: Frame, x: Value) => void }[] = [];
    bounds.forEach((b, i) => {
      const set = this.compileSet(b, cc);
      if (b.tuple || b.names.length === 1) ranges.push({ set, bind: slots[i].bind });
      else
        for (const index of slots[i].indexes)
          ranges.push({
            set,
            bind: (frame, x) => {
              frame.v[index] = x;
            },
          });
    });
    // TLC's order (ContextEnumerator): every bound set is evaluated first, then the combinations
    // are enumerated like an odometer whose first name turns fastest, so `\E p, q \in S` tries
    // (1, 1), (2, 1), …, (1, 2), … This decides which of several shortest counterexamples is found.
    const n = ranges.length;
    const loop = (c: Ctx, outer: Frame, body: () => boolean, frameOut?: (f: Frame) => void): boolean => {
      const f: Frame = ownFrame ? { v: new Array(layout.size), p: null } : outer;
      frameOut?.(f);
      if (n === 1) {
        const { set, bind } = ranges[0];
        for (const x of setElements(set(c, f))) {
          bind(f, x);
          if (body()) return true;
        }
        return false;
      }
      const lists = ranges.map((r) => setElements(r.set(c, f)));
      if (lists.some((l) => l.length === 0)) return false;
      const at = new Array<number>(n).fill(0);
      for (;;) {
        for (let i = 0; i < n; i++) ranges[i].bind(f, lists[i][at[i]]);
        if (body()) return true;
        let i = 0;
        while (i < n && ++at[i] === lists[i].length) at[i++] = 0;
        if (i === n) return false;
      }
    };
    return { layout, loop, ownFrame };
  }

  private compileQuantifier(universal: boolean, bounds: readonly BoundVars[], bodyExpr: Expr, cc: CC): Ev {
    const { layout, loop, ownFrame } = this.boundLoop(bounds, cc);
    const body = this.compileExpr(bodyExpr, { ...cc, layout });
    const span = bodyExpr.span;
    if (ownFrame) {
      return (c, f) => {
        let frame = f;
        const found = loop(
          c,
          f,
          () => bool(body(c, frame), 'The body of a quantifier', span) !== universal,
          (x) => {
            frame = x;
          },
        );
        return universal ? !found : found;
      };
    }
    return (c, f) => {
      const found = loop(c, f, () => bool(body(c, f), 'The body of a quantifier', span) !== universal);
      return universal ? !found : found;
    };
  }

  private compileChoose(bound: BoundVars, bodyExpr: Expr, cc: CC, span: SourceSpan): Ev {
    const { slots, layout } = this.bindBounds([bound], cc);
    const ownFrame = cc.layout === null;
    const set = this.compileSet(bound, cc);
    const body = this.compileExpr(bodyExpr, { ...cc, layout });
    const [slot] = slots;
    return (c, f) => {
      const frame: Frame = ownFrame ? { v: new Array(layout.size), p: null } : f;
      const chosen = chooseFirst(set(c, f), (x) => {
        slot.bind(frame, x);
        return bool(body(c, frame), 'The body of CHOOSE', bodyExpr.span);
      });
      if (chosen === undefined) {
        throw new TlaEvalError(
          'Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.',
          'other',
          span,
        );
      }
      return chosen;
    };
  }

  private compileFunctionCtor(bounds: readonly BoundVars[], bodyExpr: Expr, cc: CC): Ev {
    const layout = new Layout(cc.layout);
    const inner: CC = { ...cc, layout };
    const { slots } = this.bindBounds(bounds, inner);
    const sets = bounds.flatMap((b) =>
      b.tuple || b.names.length === 1 ? [this.compileSet(b, cc)] : b.names.map(() => this.compileSet(b, cc)),
    );
    const binders = bounds.flatMap((b, i) =>
      b.tuple || b.names.length === 1
        ? [slots[i].bind]
        : slots[i].indexes.map((index) => (frame: Frame, x: Value) => {
            frame.v[index] = x;
          }),
    );
    const body = this.compileExpr(bodyExpr, inner);
    const single = binders.length === 1;
    return (c, f) => {
      const domain = single ? sets[0](c, f) : setOfTuples(sets.map((s) => s(c, f)));
      const frameFor = (arg: Value, parent: Frame | null): Frame => {
        const frame: Frame = { v: new Array(layout.size), p: parent };
        if (single) binders[0](frame, arg);
        else {
          const parts = asTuple(arg, binders.length);
          for (let i = 0; i < binders.length; i++) binders[i](frame, parts[i]);
        }
        return frame;
      };
      if (isEnumerable(domain) && isFiniteSet(domain)) {
        // Finite domains are evaluated at once (TLC normalises them as soon as they are fingerprinted).
        const elems = setElements(domain);
        const values = elems.map((x) => body(c, frameFor(x, f)));
        return fcnOf([...elems], values);
      }
      const parent = snapshot(f);
      const ctx = { ...c, n: [...c.n] };
      return fcnLambda(domain, (arg) => body(ctx, frameFor(arg, parent)));
    };
  }

  letContext(defs: readonly LetDefinition[], cc: CC): CC {
    // LET definitions are compiled lazily, on their first use, in the LET's own layout.
    for (const def of defs) {
      if (def.kind === 'RecursiveDecl') continue;
      const symbol = this.options.spec.definitions.get(def);
      if (symbol) {
        const list = this.letLayouts.get(symbol) ?? [];
        if (!list.includes(cc)) list.push(cc);
        this.letLayouts.set(symbol, list);
      }
    }
    return cc;
  }

  /** LET definitions (and definitions of parameterised instances) -> the context they were defined in. */
  private readonly letLayouts = new Map<Binding, CC[]>();

  /** The context a LET definition was defined in, as seen from a use in `cc` (an enclosing layout). */
  private letContextOf(symbol: Binding, cc: CC): CC | undefined {
    const list = this.letLayouts.get(symbol);
    if (!list) return undefined;
    for (let layout = cc.layout; layout; layout = layout.parent) {
      const found = list.find((x) => x.layout === layout);
      if (found) return found;
    }
    return list.find((x) => x.layout === null) ?? list[list.length - 1];
  }

  declared(ident: { name: string }): Binding {
    // Bound names are symbols the resolver created; find them through the binding of any use.
    let symbol = this.declarations.get(ident);
    if (!symbol) {
      symbol = {
        kind: 'bound',
        name: ident.name,
        arity: 0,
        module: undefined,
        span: undefined,
        decl: ident as never,
        temporal: false,
      };
      this.declarations.set(ident, symbol);
    }
    return symbol;
  }

  /** Ident node of a bound name -> its symbol (the resolver's symbols are found through their `decl`). */
  private readonly declarations = new Map<object, Binding>();

  /** Registers the resolver's bound symbols by their declaring identifier. */
  indexDeclarations(): void {
    for (const symbol of this.bindings.values()) {
      if (symbol.kind === 'bound' || symbol.kind === 'param') this.declarations.set(symbol.decl, symbol);
    }
    for (const symbol of this.options.spec.definitions.values()) {
      if (symbol.kind === 'definition' || symbol.kind === 'instance')
        for (const p of symbol.params) this.declarations.set(p.decl, p);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Names and operator applications
  // -------------------------------------------------------------------------------------------

  private compileOpApp(app: OpApp, cc: CC): Ev {
    const symbol = this.bindings.get(app);
    if (!symbol) throw new Error(`internal: unresolved name ${app.name}`);
    return this.compileApplication(app, symbol, cc);
  }

  /**
   * `copy`: the symbol is the inside of an instantiated definition (`I!Op`), a copy of the
   * definition in TLC's terms, which a cfg override of the original does not replace.
   */
  private compileApplication(app: OpApp, symbol: Binding, cc: CC, copy = false): Ev {
    const target = definitionOf(symbol);
    const candidate = this.options.overrides.get(target);
    const override = copy && !candidate?.everywhere ? undefined : candidate;
    if (override) return this.compileBindingUse(app, override, cc);
    const byNameOperator =
      target.kind === 'param' && app.args.length > 0 ? cc.byName?.get(target) : undefined;
    if (byNameOperator) {
      // A higher-order parameter passed by name (an operator name or a LAMBDA) applied to arguments.
      const op = this.compileArgument(byNameOperator.expr, byNameOperator.cc);
      const up = cc.layout && byNameOperator.cc.layout ? cc.layout.distanceTo(byNameOperator.cc.layout) : 0;
      const args = app.args.map((a) => this.compileArgument(a, cc));
      return (c, f) =>
        this.callOperatorValue(
          op(c, up <= 0 ? f : (ascend(f, up) as Frame)),
          args.map((a) => a(c, f)),
          c,
          target.name,
        );
    }
    const byName = target.kind === 'param' && app.args.length === 0 ? cc.byName?.get(target) : undefined;
    if (byName) {
      const ev = this.compileExpr(byName.expr, { ...byName.cc, primed: byName.cc.primed || cc.primed });
      // The argument was written in an enclosing frame of this one (e.g. inside a LET of the body).
      const up = cc.layout && byName.cc.layout ? cc.layout.distanceTo(byName.cc.layout) : 0;
      return up <= 0 ? ev : (c, f) => ev(c, ascend(f, up) as Frame);
    }
    switch (target.kind) {
      case 'builtin':
        return this.compileBuiltin(app, cc);
      case 'variable':
        return this.compileVariable(target, cc, app);
      case 'constant':
        return this.compileConstant(target, app, cc);
      case 'param':
      case 'bound': {
        const where = cc.layout?.find(target);
        if (!where) throw new Error(`internal: ${target.name} is not bound here`);
        const { up, index } = where;
        if (app.args.length === 0) {
          if (up === 0) return (_c, f) => f.v[index];
          return (_c, f) => (ascend(f, up) as Frame).v[index];
        }
        const args = app.args.map((a) => this.compileArgument(a, cc));
        return (c, f) => {
          const op = (ascend(f, up) as Frame).v[index];
          return this.callOperatorValue(
            op,
            args.map((a) => a(c, f)),
            c,
            target.name,
          );
        };
      }
      case 'primitive':
        return this.compileNative(app, target.standardModule, target.name, cc);
      case 'definition': {
        const native = hasNativeModule(target.module)
          ? nativeOperator((target.module as { name: string }).name, target.name)
          : undefined;
        if (native) return this.compileNative(app, target.module!.name, target.name, cc);
        return this.compileDefinitionCall(app, target, cc);
      }
      case 'function':
        return this.compileFunctionDef(target, cc);
      case 'instanced':
        return this.compileInstanced(app, target.inner, target.site, cc);
      case 'theorem':
        return TRUE_EV;
      case 'instance':
      case 'recursive':
        throw new Error(`internal: cannot evaluate ${target.kind} ${target.name}`);
    }
  }

  private compileBindingUse(app: OpApp, binding: ConstantBinding, cc: CC): Ev {
    if (binding.kind === 'value') {
      const { value } = binding;
      if (app.args.length === 0) return () => value;
      const args = app.args.map((a) => this.compileExpr(a, cc));
      return (c, f) =>
        applyArgs(
          value,
          args.map((a) => a(c, f)),
        );
    }
    const target = definitionOf(binding.symbol);
    if (app.args.length > 0 && target.kind === 'definition') {
      // The arguments belong to the caller's module context, the definition to the root module's.
      const args = app.args.map((a, i) =>
        (target.params[i]?.arity ?? 0) > 0 ? this.compileArgument(a, cc) : this.compileExpr(a, cc),
      );
      const compiled = this.compiledDef(target, {
        layout: null,
        primed: cc.primed,
        init: cc.init,
        subst: null,
        enabledCut: cc.enabledCut,
      });
      return (c, f) => {
        const v = argumentSlots(args, compiled.layout.size, c, f);
        return (compiled.ev as Ev)(c, { v, p: null });
      };
    }
    return this.compileApplication(app, binding.symbol, { ...cc, subst: null, layout: cc.layout });
  }

  private readonly inlining = new Set<Binding>();

  /**
   * Expands a call in place, its parameters standing for the argument expressions (TLA+'s
   * call-by-name), with the body in `bodyCC`'s module context and the arguments in the caller's.
   * Used where arguments and body live in different INSTANCE contexts (a constant operator the cfg
   * or an INSTANCE replaces by a definition). A recursive definition is called by value instead.
   */
  private inlineCall(symbol: DefinitionSymbol, args: readonly Expr[], cc: CC, bodyCC: CC, action?: true): Ev;
  private inlineCall(symbol: DefinitionSymbol, args: readonly Expr[], cc: CC, bodyCC: CC, action: true): Act;
  private inlineCall(
    symbol: DefinitionSymbol,
    args: readonly Expr[],
    cc: CC,
    bodyCC: CC,
    action?: boolean,
  ): Ev | Act {
    const byName = new Map(cc.byName ?? []);
    for (const [i, p] of symbol.params.entries()) byName.set(p, { expr: args[i], cc });
    const inner: CC = {
      layout: cc.layout,
      primed: cc.primed,
      init: cc.init,
      subst: bodyCC.subst,
      byName,
      enabledCut: cc.enabledCut,
    };
    if (this.inlining.has(symbol)) {
      // Recursion: fall back to evaluating the arguments first.
      const values = args.map((a) => this.compileExpr(a, cc));
      const compiled = this.compiledDef(symbol, bodyCC);
      const up = -1;
      const call: Ev = (c, f) => {
        const v = argumentSlots(values, compiled.layout.size, c, f);
        return (compiled.ev as Ev)(c, { v, p: up < 0 ? null : f });
      };
      if (!action) return call;
      const span = symbol.def.body.span;
      return ((c, f, k) => {
        if (bool(call(c, f), 'An action', span)) k();
      }) as Act;
    }
    this.inlining.add(symbol);
    try {
      return action ? this.compileAction(symbol.def.body, inner) : this.compileExpr(symbol.def.body, inner);
    } finally {
      this.inlining.delete(symbol);
    }
  }

  /**
   * What a constant operator really calls: following INSTANCE substitutions outwards and the cfg's
   * `C <- Def`, the definition and the module context it lives in; undefined if it ends in a value
   * or an expression.
   */
  private calleeOf(target: Binding, cc: CC): { symbol: DefinitionSymbol; cc: CC } | undefined {
    let symbol = target;
    let context = cc;
    for (let guard = 0; guard < 32; guard++) {
      const override = this.options.overrides.get(symbol);
      if (override) {
        if (override.kind !== 'symbol') return undefined;
        symbol = originalOf(override.symbol);
        context = { ...context, subst: null, byName: undefined };
        continue;
      }
      if (symbol.kind === 'definition') return { symbol, cc: context };
      if (symbol.kind !== 'constant') return undefined;
      const env = context.subst;
      const sub = env?.site.substitutions.get(symbol);
      if (env && sub) {
        if (sub.kind === 'symbol') symbol = originalOf(sub.symbol);
        else if (
          sub.expr.kind === 'OpApp' &&
          sub.expr.args.length === 0 &&
          sub.expr.path.length === 0 &&
          this.bindings.get(sub.expr)
        )
          symbol = originalOf(this.bindings.get(sub.expr) as Binding);
        else return undefined;
        context = { ...env.outer, primed: context.primed, init: context.init };
        continue;
      }
      const binding = this.options.constants.get(symbol);
      if (binding?.kind !== 'symbol') return undefined;
      symbol = originalOf(binding.symbol);
      context = { ...context, subst: null, byName: undefined };
    }
    return undefined;
  }

  private compileVariable(symbol: VariableSymbol, cc: CC, app: OpApp): Ev {
    // A variable of an instantiated module is whatever the INSTANCE substitutes for it.
    {
      const env = cc.subst;
      if (env) {
        const sub = env.site.substitutions.get(symbol);
        if (sub && cc.primed && this.cutOff(env, cc)) return this.partialNextStateRead(symbol.name);
        if (sub) {
          const outer: CC = { ...env.outer, primed: cc.primed || env.outer.primed, init: cc.init };
          return this.compileSubstitution(sub, outer, cc, app);
        }
      }
    }
    const index = this.variableIndex.get(symbol);
    if (index === undefined) throw new Error(`internal: unknown variable ${symbol.name}`);
    const name = symbol.name;
    if (cc.primed || cc.init) {
      const primed = cc.primed;
      return (c) => {
        const v = c.n[index];
        if (v === undefined) {
          throw new ActionError(
            primed
              ? `${name}' is read before it is given a value: TLC gives primed variables their values left to right, so the conjunct that sets ${name}' must come first`
              : `${name} is read before Init gives it a value: the conjunct that sets ${name} must come first`,
            'other',
          );
        }
        return v;
      };
    }
    return (c) => c.s[index];
  }

  private compileConstant(symbol: ConstantSymbol, app: OpApp, cc: CC): Ev {
    {
      const env = cc.subst;
      if (env) {
        const sub = env.site.substitutions.get(symbol);
        if (sub)
          return this.compileSubstitution(
            sub,
            { ...env.outer, primed: cc.primed || env.outer.primed, init: cc.init },
            cc,
            app,
          );
      }
    }
    const binding = this.options.constants.get(symbol);
    if (!binding) {
      return () => {
        throw new TlaEvalError(
          `The constant ${symbol.name} has no value: give it one in the .cfg file`,
          'other',
        );
      };
    }
    return this.compileBindingUse(app, binding, { ...cc, subst: null });
  }

  private compileSubstitution(
    sub: InstanceSite['substitutions'] extends ReadonlyMap<unknown, infer V> ? V : never,
    outer: CC,
    inner: CC,
    app: OpApp,
  ): Ev {
    // The substitution is written in the instantiating module; its bound names (the parameters of
    // I(x) == INSTANCE ...) live in an enclosing frame of the one we are in.
    const up = inner.layout && outer.layout ? inner.layout.distanceTo(outer.layout) : 0;
    let ev: Ev;
    if (sub.kind === 'expr') {
      if (app.args.length > 0) {
        const op = this.compileArgument(sub.expr, outer);
        const args = app.args.map((a) => this.compileExpr(a, inner));
        return (c, f) =>
          this.callOperatorValue(
            op(c, ascend(f, up) ?? f),
            args.map((a) => a(c, f)),
            c,
            app.name,
          );
      }
      ev = this.compileExpr(sub.expr, outer);
    } else {
      const fake: OpApp = { ...app, path: [] };
      if (app.args.length > 0) {
        const args = app.args.map((a) => this.compileArgument(a, inner));
        const op = this.operatorAsValue(sub.symbol, outer);
        return (c, f) =>
          this.callOperatorValue(
            op(c, ascend(f, up) ?? f),
            args.map((a) => a(c, f)),
            c,
            app.name,
          );
      }
      ev = this.compileApplication(fake, sub.symbol, outer);
    }
    if (up <= 0) return ev;
    return (c, f) => ev(c, ascend(f, up) as Frame);
  }

  private callOperatorValue(op: Value, args: Value[], c: Ctx, name: string): Value {
    if (!(op instanceof OpValue))
      throw new TlaEvalError(
        `${name} is applied to arguments, but its value is not an operator: ${printValue(op)}`,
        'type',
      );
    const saved = this.currentCtx;
    this.currentCtx = c;
    try {
      return op.call(args);
    } finally {
      this.currentCtx = saved;
    }
  }

  /** An argument: an operator (for a parameter like F(_)) becomes an OpValue; anything else a value. */
  private compileArgument(arg: Expr, cc: CC): Ev {
    if (arg.kind === 'OpApp' && arg.args.length === 0 && arg.path.length === 0) {
      const symbol = this.bindings.get(arg);
      if (symbol && symbol.arity > 0 && symbol.kind !== 'param') return this.operatorAsValue(symbol, cc);
    }
    return this.compileExpr(arg, cc);
  }

  private operatorAsValue(symbol: Binding, cc: CC): Ev {
    const target = definitionOf(symbol);
    const arity = target.arity;
    const name = target.name;
    const params = Array.from(
      { length: arity },
      (_, i) => ({ kind: 'Number', digits: String(i), base: 10, span: target.span }) as Expr,
    );
    // Build a call node whose arguments are read from the operator value's argument array.
    const argSymbols: Binding[] = params.map((_, i) => ({
      kind: 'bound',
      name: `#${i}`,
      arity: 0,
      module: undefined,
      span: undefined,
      decl: { name: `#${i}` } as never,
      temporal: false,
    }));
    const layout = new Layout(cc.layout);
    for (const s of argSymbols) layout.add(s);
    const fakeArgs: OpApp[] = argSymbols.map((s) => {
      const node = {
        kind: 'OpApp',
        path: [],
        name: s.name,
        args: [],
        fix: 'call',
        span: target.span!,
        nameSpan: target.span!,
      } as unknown as OpApp;
      (this.bindings as Map<OpApp, Binding>).set(node, s);
      return node;
    });
    const call = {
      kind: 'OpApp',
      path: [],
      name,
      args: fakeArgs,
      fix: 'call',
      span: target.span!,
      nameSpan: target.span!,
    } as unknown as OpApp;
    const body = this.compileApplication(call, symbol, { ...cc, layout });
    return (_c, f) =>
      opValue(name, arity, (args) => {
        const frame: Frame = { v: [...args], p: f };
        return body(this.currentCtx ?? EMPTY_CTX, frame);
      });
  }

  private compileNative(app: OpApp, module: string, name: string, cc: CC): Ev {
    const native = nativeOperator(module, name);
    if (!native) {
      return () => {
        throw new TlaEvalError(`${name} (module ${module}) cannot be evaluated`, 'other');
      };
    }
    const args = app.args.map((a) => this.compileArgument(a, cc));
    const natives = this.options.natives;
    const call = (c: Ctx, values: Value[]) => {
      const saved = this.currentCtx;
      this.currentCtx = c;
      try {
        return native(values, natives, c, (op, opArgs) => this.callOperatorValue(op, opArgs, c, name));
      } finally {
        this.currentCtx = saved;
      }
    };
    switch (args.length) {
      case 0:
        return (c) => call(c, []);
      case 1: {
        const [a] = args;
        return (c, f) => call(c, [a(c, f)]);
      }
      case 2: {
        const [a, b] = args;
        return (c, f) => call(c, [a(c, f), b(c, f)]);
      }
      default:
        return (c, f) =>
          call(
            c,
            args.map((a) => a(c, f)),
          );
    }
  }

  private defKey(cc: CC): string {
    return `${cc.primed ? 'p' : ''}${cc.init ? 'i' : ''}${cc.subst?.id ?? 0}${cc.enabledCut ? `e${cc.enabledCut.id}` : ''}`;
  }

  private compiledDef(symbol: DefinitionSymbol, cc: CC): CompiledDef {
    let byMode = this.defs.get(symbol);
    if (!byMode) {
      byMode = new Map();
      this.defs.set(symbol, byMode);
    }
    const letCC = this.letContextOf(symbol, cc);
    const key =
      this.defKey(letCC ? { ...cc, subst: letCC.subst } : cc) + (letCC ? `L${layoutId(letCC.layout)}` : '');
    let compiled = byMode.get(key);
    if (compiled) return compiled;
    const definingLayout = letCC ? letCC.layout : (cc.subst?.outer.layout ?? null);
    const layout = new Layout(definingLayout);
    for (const p of symbol.params) layout.add(p);
    compiled = { layout, definingLayout };
    byMode.set(key, compiled);
    const bodyCC: CC = {
      layout,
      primed: cc.primed,
      init: cc.init,
      subst: letCC ? letCC.subst : cc.subst,
      byName: letCC?.byName,
      enabledCut: cc.enabledCut,
    };
    const entry = compiled;
    const body = this.compileExpr(symbol.def.body, bodyCC);
    const cacheable =
      symbol.params.length === 0 &&
      !cc.primed &&
      !cc.init &&
      !letCC &&
      cc.subst === null &&
      this.options.spec.levels.levelOfName(symbol).level === 0;
    if (cacheable) {
      entry.constantCache = null;
      const natives = this.options.natives;
      entry.ev = (c, f) => {
        if (entry.constantCache) return entry.constantCache.value;
        const reads = natives.volatileReads;
        const value = body(c, f);
        if (natives.volatileReads === reads) entry.constantCache = { value };
        return value;
      };
    } else {
      entry.ev = body;
    }
    return compiled;
  }

  private compileDefinitionCall(app: OpApp, symbol: DefinitionSymbol, cc: CC): Ev {
    const compiled = this.compiledDef(symbol, cc);
    const args = app.args.map((a, i) =>
      (symbol.params[i]?.arity ?? 0) > 0 ? this.compileArgument(a, cc) : this.compileExpr(a, cc),
    );
    const up = cc.layout && compiled.definingLayout ? cc.layout.distanceTo(compiled.definingLayout) : -1;
    const layout = compiled.layout;
    if (args.length === 0) {
      if (up < 0)
        return (c) =>
          (compiled.ev as Ev)(c, { v: layout.size > 0 ? new Array(layout.size) : NO_SLOTS, p: null });
      return (c, f) => (compiled.ev as Ev)(c, { v: new Array(layout.size), p: ascend(f, up) });
    }
    return (c, f) => {
      const v = argumentSlots(args, layout.size, c, f);
      return (compiled.ev as Ev)(c, { v, p: up < 0 ? null : ascend(f, up) });
    };
  }

  private compileFunctionDef(symbol: FunctionSymbol, cc: CC): Ev {
    // f[x \in S] == e: a function value; recursive definitions refer to themselves through `self`.
    let byMode = this.defs.get(symbol);
    if (!byMode) {
      byMode = new Map();
      this.defs.set(symbol, byMode);
    }
    const letCC = this.letContextOf(symbol, cc);
    const key = this.defKey(cc) + (letCC ? `L${layoutId(letCC.layout)}` : '');
    let compiled = byMode.get(key);
    if (!compiled) {
      const definingLayout = letCC ? letCC.layout : (cc.subst?.outer.layout ?? null);
      const layout = new Layout(definingLayout);
      compiled = { layout, definingLayout };
      byMode.set(key, compiled);
      const entry = compiled;
      const ctor = this.compileFunctionCtor(symbol.def.bounds, symbol.def.body, {
        layout,
        primed: cc.primed,
        init: cc.init,
        subst: cc.subst,
        enabledCut: cc.enabledCut,
      });
      const recursive = this.isRecursiveFunction(symbol);
      const cacheable =
        !letCC &&
        !cc.primed &&
        !cc.init &&
        cc.subst === null &&
        this.options.spec.levels.levelOfName(symbol).level === 0;
      let makeLazy: ((c: Ctx, f: Frame) => Value) | undefined;
      entry.ev = (c, f) => {
        if (entry.constantCache) return entry.constantCache.value;
        // While the function is being built, recursive references see a lazy version of it.
        if (recursive && this.building.has(entry)) return this.building.get(entry) as Value;
        if (recursive) {
          makeLazy ??= this.lazyRecursiveFunction(symbol, cc, layout);
          const lazy = makeLazy(c, f);
          this.building.set(entry, lazy);
          try {
            const value = lazy;
            if (cacheable) entry.constantCache = { value };
            return value;
          } finally {
            this.building.delete(entry);
          }
        }
        const reads = this.options.natives.volatileReads;
        const value = ctor(c, f);
        if (cacheable && this.options.natives.volatileReads === reads) entry.constantCache = { value };
        return value;
      };
    }
    const up = cc.layout && compiled.definingLayout ? cc.layout.distanceTo(compiled.definingLayout) : -1;
    const layout = compiled.layout;
    return (c, f) => (compiled.ev as Ev)(c, { v: new Array(layout.size), p: up < 0 ? null : ascend(f, up) });
  }

  private readonly building = new Map<CompiledDef, Value>();

  private isRecursiveFunction(symbol: FunctionSymbol): boolean {
    for (const [app, target] of this.bindings) {
      if (
        target === symbol &&
        app.span.start.offset >= symbol.def.span.start.offset &&
        app.span.end.offset <= symbol.def.span.end.offset &&
        app.span.file === symbol.def.span.file
      )
        return true;
    }
    return false;
  }

  /**
   * A recursive function definition as TLC keeps it: lazy, each application evaluating the body,
   * memoised. Compiled once (`lazyRecursiveFunction` returns the maker); each evaluation of the
   * definition only computes the domain and wraps the body.
   */
  private lazyRecursiveFunction(symbol: FunctionSymbol, cc: CC, layout: Layout): (c: Ctx, f: Frame) => Value {
    const bodyLayout = new Layout(layout);
    const inner: CC = {
      layout: bodyLayout,
      primed: cc.primed,
      init: cc.init,
      subst: cc.subst,
      byName: cc.byName,
      enabledCut: cc.enabledCut,
    };
    const { slots } = this.bindBounds(symbol.def.bounds, inner);
    const binders = symbol.def.bounds.flatMap((b, i) =>
      b.tuple || b.names.length === 1
        ? [slots[i].bind]
        : slots[i].indexes.map((index) => (frame: Frame, x: Value) => {
            frame.v[index] = x;
          }),
    );
    // The domain is evaluated in the function definition's own frame (`f`), like the body's parent.
    const defCC: CC = { ...cc, layout };
    const sets = symbol.def.bounds.flatMap((b) =>
      b.tuple || b.names.length === 1
        ? [this.compileSet(b, defCC)]
        : b.names.map(() => this.compileSet(b, defCC)),
    );
    const body = this.compileExpr(symbol.def.body, inner);
    // Compiled on first use: compiling it here would recurse through the body's own f[...].
    let bodyAction: Act | undefined;
    return (c, f) => {
      const domain = binders.length === 1 ? sets[0](c, f) : setOfTuples(sets.map((s) => s(c, f)));
      const parent = snapshot(f);
      const ctx: Ctx = { ...c, n: [...c.n] };
      const memo = new Map<string, Value>();
      const lambda = fcnLambda(domain, (arg) => {
        const [lo, hi] = fingerprintPair(arg);
        const key = `${lo}:${hi}`;
        const hit = memo.get(key);
        if (hit !== undefined) return hit;
        const frame: Frame = { v: new Array(bodyLayout.size), p: parent };
        if (binders.length === 1) binders[0](frame, arg);
        else {
          const parts = asTuple(arg, binders.length);
          for (let i = 0; i < binders.length; i++) binders[i](frame, parts[i]);
        }
        const value = body(ctx, frame);
        memo.set(key, value);
        return value;
      });
      // TLC applies a lazy function inside an action by expanding its body as an action
      // (Tool.getNextStates, case FcnApply): its disjunctions and \E branch like the action's own.
      this.actionExpanders.set(lambda, (ac, arg, k) => {
        const frame: Frame = { v: new Array(bodyLayout.size), p: parent };
        if (binders.length === 1) binders[0](frame, arg);
        else {
          const parts = asTuple(arg, binders.length);
          for (let i = 0; i < binders.length; i++) binders[i](frame, parts[i]);
        }
        bodyAction ??= this.compileAction(symbol.def.body, inner);
        bodyAction(ac, frame, k);
      });
      return lambda;
    };
  }

  /** How to expand a lazy recursive function's body as an action (see `lazyRecursiveFunction`). */
  private readonly actionExpanders = new WeakMap<
    Value & object,
    (c: Ctx, arg: Value, k: () => void) => void
  >();

  private substEnv(site: InstanceSite, outer: CC): SubstEnv {
    const key = `${siteId(site)}|${outer.subst?.id ?? 0}|${outer.primed}|${outer.init}|${layoutId(outer.layout)}|${outer.enabledCut?.id ?? ''}`;
    let env = this.substEnvs.get(key);
    if (!env) {
      env = { id: this.nextSubstId++, site, outer };
      this.substEnvs.set(key, env);
    }
    return env;
  }

  /** The context inside an INSTANCE (its substitutions in force), and how to build the frame of a parameterised one. */
  private instanceContext(
    app: OpApp,
    site: InstanceSite,
    cc: CC,
  ): { inner: CC; bind?: (c: Ctx, f: Frame) => Frame } {
    let outer: CC = cc;
    let bind: ((c: Ctx, f: Frame) => Frame) | undefined;
    if (site.params.length > 0) {
      // Parameterised instance I(x)!Op: the instance's parameters get a frame of their own.
      const part = app.path.find((p) => p.args.length === site.params.length) ?? app.path[0];
      const layout = new Layout(cc.layout);
      for (const p of site.params) layout.add(p);
      outer = { ...cc, layout };
      const args = (part?.args ?? []).map((a) => this.compileExpr(a, cc));
      bind = (c, f) => ({ v: args.map((a) => a(c, f)), p: f });
    }
    const env = this.substEnv(site, outer);
    return {
      inner: {
        layout: outer.layout,
        primed: cc.primed,
        init: cc.init,
        subst: env,
        enabledCut: cc.enabledCut,
      },
      bind,
    };
  }

  private compileInstanced(app: OpApp, inner: Binding, site: InstanceSite, cc: CC): Ev {
    const { inner: innerCC, bind } = this.instanceContext(app, site, cc);
    const target = definitionOf(inner);
    if (
      target.kind === 'definition' &&
      target.params.length > 0 &&
      !(
        hasNativeModule(target.module) &&
        nativeOperator((target.module as { name: string }).name, target.name)
      )
    ) {
      // The arguments are the caller's expressions; only the body lives inside the instance.
      const args = app.args.map((a, i) =>
        (target.params[i]?.arity ?? 0) > 0 ? this.compileArgument(a, cc) : this.compileExpr(a, cc),
      );
      const compiled = this.compiledDef(target, innerCC);
      const up =
        innerCC.layout && compiled.definingLayout ? innerCC.layout.distanceTo(compiled.definingLayout) : -1;
      return (c, f) => {
        const v = argumentSlots(args, compiled.layout.size, c, f);
        const parent = up < 0 ? null : ascend(bind ? bind(c, f) : f, up);
        return (compiled.ev as Ev)(c, { v, p: parent });
      };
    }
    const strippedApp: OpApp = { ...app, path: [] };
    const ev = this.compileApplication(strippedApp, inner, innerCC, true);
    if (!bind) return ev;
    return (c, f) => ev(c, bind(c, f));
  }

  // -------------------------------------------------------------------------------------------
  // Built-in operators
  // -------------------------------------------------------------------------------------------

  private compileBuiltin(app: OpApp, cc: CC): Ev {
    const name = app.name;
    if (app.args.length === 0) {
      switch (name) {
        case 'TRUE':
          return () => true;
        case 'FALSE':
          return () => false;
        case 'BOOLEAN': {
          const value = setOf([false, true]);
          return () => value;
        }
        case 'STRING': {
          const value = this.options.natives.stringSet;
          return () => value;
        }
        default:
          return () => {
            throw new TlaEvalError(`The operator ${name} needs arguments`, 'other');
          };
      }
    }
    if (name === "'") return this.compileExpr(app.args[0], { ...cc, primed: true, init: false });
    if (name === 'UNCHANGED') {
      const now = this.compileExpr(app.args[0], cc);
      const next = this.compileExpr(app.args[0], { ...cc, primed: true, init: false });
      return (c, f) => equals(next(c, f), now(c, f));
    }
    if (name === 'ENABLED') return this.compileEnabled(app.args[0], cc);
    if (name === '[]' || name === '<>' || name === '~>' || name === '-+->') return this.temporal(app.span);
    if (name === '\\cdot') {
      return () => {
        throw new TlaEvalError(
          'Action composition A \\cdot B is an action: it can be taken as a step (in the next-state relation) but has no value as an expression',
          'other',
        );
      };
    }
    if (name === '\\X') {
      const sets = app.args.map((a) => this.compileExpr(a, cc));
      return (c, f) => setOfTuples(sets.map((s) => s(c, f)));
    }
    const args = app.args.map((a) => this.compileExpr(a, cc));
    const [a, b] = args;
    const spanA = app.args[0].span;
    const spanB = app.args[1]?.span ?? spanA;
    switch (name) {
      case '/\\':
        return (c, f) => bool(a(c, f), 'A conjunct', spanA) && bool(b(c, f), 'A conjunct', spanB);
      case '\\/':
        return (c, f) => bool(a(c, f), 'A disjunct', spanA) || bool(b(c, f), 'A disjunct', spanB);
      case '~':
        return (c, f) => !bool(a(c, f), 'The argument of ~', spanA);
      case '=>':
        return (c, f) =>
          !bool(a(c, f), 'The left side of =>', spanA) || bool(b(c, f), 'The right side of =>', spanB);
      case '<=>':
      case '\\equiv':
        return (c, f) =>
          bool(a(c, f), 'The left side of <=>', spanA) === bool(b(c, f), 'The right side of <=>', spanB);
      case '=':
        return (c, f) => equals(a(c, f), b(c, f));
      case '#':
        return (c, f) => !equals(a(c, f), b(c, f));
      case '\\in':
        return (c, f) => member(a(c, f), b(c, f));
      case '\\notin':
        return (c, f) => !member(a(c, f), b(c, f));
      case '\\subseteq':
        return (c, f) => isSubsetEq(a(c, f), b(c, f));
      case '\\cup':
        return (c, f) => setCup(a(c, f), b(c, f));
      case '\\cap':
        return (c, f) => setCap(a(c, f), b(c, f));
      case '\\':
        return (c, f) => setDiff(a(c, f), b(c, f));
      case 'SUBSET':
        return (c, f) => subsetOf(a(c, f));
      case 'UNION':
        return (c, f) => unionOf(a(c, f));
      case 'DOMAIN':
        return (c, f) => domainOf(a(c, f));
      default:
        return () => {
          throw new TlaEvalError(`The built-in operator ${name} is not supported`, 'other');
        };
    }
  }

  /** Whether ENABLED looks primed variables up past the substitutions of `env` (see `CC.enabledCut`). */
  private cutOff(env: SubstEnv, cc: CC): boolean {
    for (let cut: SubstEnv | null | undefined = cc.enabledCut; cut; cut = cut.outer.subst)
      if (cut === env) return true;
    return false;
  }

  /**
   * The slot of the partial next state that ENABLED gives a cut-off variable, by name as TLC's
   * TLCStateFun does: the state variable's own slot if one has that name, else one past them.
   */
  private partialNextStateSlot(name: string): number {
    const own = this.options.variables.findIndex((v) => v.name === name);
    if (own >= 0) return this.variableIndex.get(this.options.variables[own]) as number;
    let slot = this.abstractSlots.get(name);
    if (slot === undefined) {
      slot = this.options.variables.length + this.abstractSlots.size;
      this.abstractSlots.set(name, slot);
    }
    return slot;
  }

  private readonly abstractSlots = new Map<string, number>();

  private partialNextStateRead(name: string): Ev {
    const index = this.partialNextStateSlot(name);
    return (c) => {
      const v = c.n[index];
      if (v === undefined)
        throw new ActionError(
          `${name}' is read before it is given a value: in ENABLED, TLC gives the primed variables of the instantiated module their values left to right, so the conjunct that sets ${name}' must come first`,
          'other',
        );
      return v;
    };
  }

  compileEnabled(arg: Expr, cc: CC): Ev {
    const act = this.compileAction(arg, {
      ...cc,
      primed: false,
      init: false,
      enabledCut: cc.subst ?? undefined,
    });
    const width = this.options.variables.length;
    return (c, f) => {
      const ctx: Ctx = { s: c.s, n: new Array(width), level: c.level };
      try {
        act(ctx, f, () => {
          throw ENABLED_FOUND;
        });
      } catch (e) {
        if (e === ENABLED_FOUND) return true;
        throw e;
      }
      return false;
    };
  }

  // -------------------------------------------------------------------------------------------
  // Actions (and Init): TLC's left-to-right assignment semantics
  // -------------------------------------------------------------------------------------------

  /**
   * For traces, TLC's name of the action that took a step: TLC splits the next-state relation at
   * its disjunctions, at `\E` over constant sets and into operators applied to constant arguments
   * (Tool.getActions), and names each piece by the innermost operator it went through, with the
   * values of its parameters (`<Enter(p1) …>`). The namer re-runs an action leaf from a state and
   * names the first piece whose successor `isTarget` accepts; undefined if none does.
   */
  compileStepNamer(e: Expr, cc: CC, depth = 0): StepNamer {
    const leaf = (): StepNamer => {
      const act = this.compileAction(e, cc);
      return (c, f, isTarget) => {
        let hit = false;
        act(c, f, () => {
          if (!hit && isTarget()) hit = true;
        });
        return hit ? {} : undefined;
      };
    };
    if (depth > 24) return leaf();
    const firstOf =
      (namers: readonly StepNamer[]): StepNamer =>
      (c, f, isTarget) => {
        for (const n of namers) {
          const r = n(c, f, isTarget);
          if (r) return r;
        }
        return undefined;
      };
    switch (e.kind) {
      case 'Labeled':
        return this.compileStepNamer(e.body, cc, depth + 1);
      case 'Let':
        return this.compileStepNamer(e.body, this.letContext(e.defs, cc), depth + 1);
      case 'Junction':
        if (e.op === '\\/') return firstOf(e.items.map((x) => this.compileStepNamer(x, cc, depth + 1)));
        return leaf();
      case 'Quantified': {
        if (e.quantifier !== '\\E') return leaf();
        const levels = this.options.spec.levels;
        if (e.bounds.some((b) => !b.set || levels.levelOfExpression(b.set).level > 0)) return leaf();
        const { layout, loop, ownFrame } = this.boundLoop(e.bounds, cc);
        const body = this.compileStepNamer(e.body, { ...cc, layout }, depth + 1);
        const bodySpan = e.body.span;
        return (c, f, isTarget) => {
          let found: StepName | undefined;
          let frame = f;
          loop(
            c,
            f,
            () => {
              found = body(c, frame, isTarget);
              return found !== undefined;
            },
            ownFrame
              ? (made) => {
                  frame = made;
                }
              : undefined,
          );
          // TLC's action is then the body of the \E (Tool.getActions splits constant bounds).
          return found && found.name === undefined && found.span === undefined ? { span: bodySpan } : found;
        };
      }
      case 'OpApp': {
        if (e.name === '\\/' && e.fix === 'infix')
          return firstOf(e.args.map((x) => this.compileStepNamer(x, cc, depth + 1)));
        const binding = this.bindings.get(e);
        const target = binding ? definitionOf(binding) : undefined;
        if (
          e.fix !== 'call' ||
          target?.kind !== 'definition' ||
          target.module?.isStandard ||
          this.options.overrides.has(target) ||
          target.params.some((p) => p.arity > 0) ||
          (cc.byName !== undefined && cc.byName.size > 0)
        )
          return leaf();
        const levels = this.options.spec.levels;
        if (e.args.some((a) => levels.levelOfExpression(a).level > 0)) {
          // TLC does not go into an operator applied to non-constant arguments; it names the step by it.
          const inner = leaf();
          return (c, f, isTarget) =>
            inner(c, f, isTarget) ? { name: target.name, span: target.def.body.span } : undefined;
        }
        const compiled = this.compiledDef(target, cc);
        const body = this.compileStepNamer(target.def.body, this.bodyContext(compiled, cc), depth + 1);
        const args = e.args.map((a) => this.compileExpr(a, cc));
        const up = cc.layout && compiled.definingLayout ? cc.layout.distanceTo(compiled.definingLayout) : -1;
        const span = target.def.body.span;
        return (c, f, isTarget) => {
          const v = argumentSlots(args, compiled.layout.size, c, f);
          const r = body(c, { v, p: up < 0 ? null : ascend(f, up) }, isTarget);
          if (!r) return undefined;
          return r.name !== undefined
            ? r
            : { name: target.name, args: v.slice(0, args.length), span: r.span ?? span };
        };
      }
      default:
        return leaf();
    }
  }

  compileAction(e: Expr, cc: CC): Act {
    const act = this.compileActionInner(e, cc);
    const span = e.span;
    return (c, f, k) => {
      try {
        act(c, f, k);
      } catch (err) {
        if (err === ENABLED_FOUND || err instanceof StopSignal) throw err;
        located(err, span);
      }
    };
  }

  private predicateAction(e: Expr, cc: CC): Act {
    const ev = this.compileExpr(e, cc);
    const span = e.span;
    return (c, f, k) => {
      if (bool(ev(c, f), 'An action or predicate', span)) k();
    };
  }

  /** The variable index if `e` is an assignable variable in this mode (x' in actions, x in Init). */
  private assignable(e: Expr, cc: CC): number | undefined {
    if (e.kind === 'OpApp' && e.args.length === 0 && e.path.length === 0 && cc.byName) {
      const symbol = this.bindings.get(e);
      const arg = symbol ? cc.byName.get(symbol) : undefined;
      if (arg) return this.assignable(arg.expr, arg.cc);
    }
    let target = e;
    if (!cc.init) {
      if (!(target.kind === 'OpApp' && target.name === "'" && target.fix === 'postfix')) return undefined;
      target = target.args[0];
      // q' with q a parameter called by name (Lose(q) == … q' = … applied to Lose(msgQ)): msgQ'.
      if (target.kind === 'OpApp' && target.args.length === 0 && target.path.length === 0 && cc.byName) {
        const param = this.bindings.get(target);
        const arg = param ? cc.byName.get(param) : undefined;
        if (arg) {
          const x = arg.expr;
          if (x.kind !== 'OpApp' || x.args.length > 0 || x.path.length > 0) return undefined;
          const symbol = this.bindings.get(x);
          return symbol?.kind === 'variable' ? this.variableThroughSubstitutions(symbol, arg.cc) : undefined;
        }
      }
    }
    if (target.kind !== 'OpApp' || target.args.length > 0 || target.path.length > 0) return undefined;
    const symbol = this.bindings.get(target);
    if (symbol?.kind !== 'variable') return undefined;
    return this.variableThroughSubstitutions(symbol, cc);
  }

  /**
   * The state variable a variable of an instantiated module stands for, when the INSTANCE
   * substitutes it by a variable (as `INSTANCE M` does implicitly); undefined when it stands for
   * an expression.
   */
  private variableThroughSubstitutions(symbol: VariableSymbol, cc: CC): number | undefined {
    const env = cc.subst;
    if (!env) return this.variableIndex.get(symbol);
    const sub = env.site.substitutions.get(symbol);
    if (!sub) return this.variableIndex.get(symbol);
    if (this.cutOff(env, cc)) return this.partialNextStateSlot(symbol.name);
    let replacement: Binding | undefined;
    if (sub.kind === 'symbol') replacement = sub.symbol;
    else if (sub.expr.kind === 'OpApp' && sub.expr.args.length === 0 && sub.expr.path.length === 0)
      replacement = this.bindings.get(sub.expr);
    return replacement?.kind === 'variable'
      ? this.variableThroughSubstitutions(replacement, env.outer)
      : undefined;
  }

  private compileActionInner(e: Expr, cc: CC): Act {
    switch (e.kind) {
      case 'Junction':
        return this.junctionAction(e.op, e.items, cc);
      case 'If': {
        const cond = this.compileExpr(e.cond, cc);
        const then = this.compileAction(e.then, cc);
        const otherwise = this.compileAction(e.else, cc);
        const span = e.cond.span;
        return (c, f, k) =>
          bool(cond(c, f), 'A condition of IF', span) ? then(c, f, k) : otherwise(c, f, k);
      }
      case 'Case': {
        const arms = e.arms.map(
          (a) => [this.compileExpr(a.guard, cc), this.compileAction(a.body, cc), a.guard.span] as const,
        );
        const other = e.other ? this.compileAction(e.other, cc) : undefined;
        const span = e.span;
        return (c, f, k) => {
          for (const [guard, body, guardSpan] of arms)
            if (bool(guard(c, f), 'A CASE guard', guardSpan)) return body(c, f, k);
          if (other) return other(c, f, k);
          throw new TlaEvalError('Attempted to evaluate a CASE with no conditions true.', 'other', span);
        };
      }
      case 'Let':
        return this.compileAction(e.body, this.letContext(e.defs, cc));
      case 'Quantified': {
        if (e.quantifier === '\\A') return this.forallAction(e.bounds, e.body, cc);
        const { layout, loop, ownFrame } = this.boundLoop(e.bounds, cc);
        const body = this.compileAction(e.body, { ...cc, layout });
        if (ownFrame) {
          return (c, f, k) => {
            let frame = f;
            loop(
              c,
              f,
              () => {
                body(c, frame, k);
                return false;
              },
              (x) => {
                frame = x;
              },
            );
          };
        }
        return (c, f, k) => {
          loop(c, f, () => {
            body(c, f, k);
            return false;
          });
        };
      }
      case 'Labeled':
        return this.compileAction(e.body, cc);
      case 'ActionExpr': {
        // TLC: [A]_v is the action A \/ UNCHANGED v (either may assign); <<A>>_v is A /\ v' # v.
        const action = this.compileAction(e.action, cc);
        if (e.box) {
          const unchanged = this.unchangedAction(e.subscript, cc);
          return (c, f, k) => {
            action(c, f, k);
            unchanged(c, f, k);
          };
        }
        const sub = this.compileExpr(e.subscript, cc);
        const subNext = this.compileExpr(e.subscript, { ...cc, primed: true });
        return (c, f, k) =>
          action(c, f, () => {
            if (!equals(subNext(c, f), sub(c, f))) k();
          });
      }
      case 'OpApp':
        return this.opAppAction(e, cc);
      case 'FunctionApp':
        return this.functionApplicationAction(e, cc);
      default:
        return this.predicateAction(e, cc);
    }
  }

  /**
   * `A \\cdot B` (action composition) as TLC computes it (Tool.getNextStates, case cdot): every
   * state t that A reaches from s, counted as generated, then B from t; a successor u is reported
   * as a step from s. The primed variables assigned before the composition hold in both halves.
   */
  private compositionAction(app: OpApp, cc: CC): Act {
    const first = this.compileAction(app.args[0], cc);
    const second = this.compileAction(app.args[1], cc);
    const span = app.args[0].span;
    return (c, f, k) => {
      const s = c.s;
      const before = c.n;
      const middles: Value[][] = [];
      c.n = before.slice();
      try {
        first(c, f, () => {
          if (c.n.includes(undefined))
            throw new TlaEvalError(
              'The first action of A \\cdot B does not give a value to every variable, so B has no state to start from.',
              'other',
              span,
            );
          middles.push(c.n.slice() as Value[]);
        });
        this.intermediateStates += middles.length;
        for (const t of middles) {
          c.s = t;
          c.n = before.slice();
          second(c, f, k);
        }
      } finally {
        c.s = s;
        c.n = before;
      }
    };
  }

  /** Middle states of `A \\cdot B` steps generated since the model last took the count. */
  intermediateStates = 0;

  /**
   * `f[e]` as a conjunct of an action or Init. When `f` is a recursive function, TLC keeps it lazy
   * and expands its body in place as an action (Tool.getNextStates, case FcnApply), so each true
   * disjunct or \E witness of the body continues the action once more: this changes the count
   * of generated states (VoteProof's SafeAt), never the states themselves.
   */
  private functionApplicationAction(e: FunctionApp, cc: CC): Act {
    const callee = e.fn.kind === 'OpApp' && e.fn.args.length === 0 ? this.bindings.get(e.fn) : undefined;
    const target = callee ? definitionOf(callee) : undefined;
    if (target?.kind !== 'function' || !this.isRecursiveFunction(target)) return this.predicateAction(e, cc);
    const fn = this.compileExpr(e.fn, cc);
    const args = e.args.map((a) => this.compileExpr(a, cc));
    const span = e.span;
    return (c, f, k) => {
      const fv = fn(c, f);
      const arg = args.length === 1 ? args[0](c, f) : tuple(args.map((a) => a(c, f)));
      const lazy =
        typeof fv === 'object' && fv.kind === Kind.FcnLambda && fv.materialized === null ? fv : null;
      const expand = lazy ? this.actionExpanders.get(lazy) : undefined;
      if (lazy && expand && member(arg, lazy.domain)) expand(c, arg, k);
      else if (bool(apply(fv, arg), 'An action or predicate', span)) k();
    };
  }

  /**
   * `\A x \in S : A` in an action or Init is, as in TLC, the conjunction of A for every x in S,
   * each conjunct itself an action (so its disjunctions and \E branch, and it may assign).
   */
  private forallAction(bounds: readonly BoundVars[], bodyExpr: Expr, cc: CC): Act {
    const { layout, loop, ownFrame } = this.boundLoop(bounds, cc);
    const body = this.compileAction(bodyExpr, { ...cc, layout });
    const indexes = bounds.flatMap((b) => b.names.map((n) => layout.add(this.declared(n))));
    return (c, f, k) => {
      // Collect every combination of bound values first (TLC's context enumeration).
      let frame = f;
      const combos: Value[][] = [];
      loop(
        c,
        f,
        () => {
          combos.push(indexes.map((i) => frame.v[i]));
          return false;
        },
        ownFrame
          ? (x) => {
              frame = x;
            }
          : undefined,
      );
      // TLC conjoins the first instance, then the others last to first (ActionItemList.cons prepends).
      if (combos.length > 2) combos.splice(1, combos.length - 1, ...combos.slice(1).reverse());
      const bind = (i: number) => {
        const combo = combos[i];
        for (let j = 0; j < indexes.length; j++) frame.v[indexes[j]] = combo[j];
      };
      const go = (i: number): void => {
        if (i === combos.length) {
          k();
          return;
        }
        bind(i);
        body(c, frame, () => {
          go(i + 1);
          bind(i);
        });
      };
      go(0);
    };
  }

  private junctionAction(op: '/\\' | '\\/', items: readonly Expr[], cc: CC): Act {
    const acts = items.map((x) => this.compileAction(x, cc));
    if (op === '\\/') {
      return (c, f, k) => {
        for (const a of acts) a(c, f, k);
      };
    }
    const chain = (i: number): Act => {
      if (i === acts.length) return (_c, _f, k) => k();
      const head = acts[i];
      const rest = chain(i + 1);
      return (c, f, k) => head(c, f, () => rest(c, f, k));
    };
    return chain(0);
  }

  private opAppAction(app: OpApp, cc: CC, copy = false): Act {
    const symbol = this.bindings.get(app);
    const target = symbol ? definitionOf(symbol) : undefined;
    if (target?.kind === 'builtin') {
      switch (app.name) {
        case '/\\':
        case '\\/':
          return this.junctionAction(app.name, app.args, cc);
        case '=': {
          const index = this.assignable(app.args[0], cc);
          if (index !== undefined) return this.assignAction(index, this.compileExpr(app.args[1], cc), false);
          return this.predicateAction(app, cc);
        }
        case '\\in': {
          const index = this.assignable(app.args[0], cc);
          if (index !== undefined) return this.assignAction(index, this.compileExpr(app.args[1], cc), true);
          return this.predicateAction(app, cc);
        }
        case 'UNCHANGED':
          return this.unchangedAction(app.args[0], cc);
        case '\\cdot':
          return this.compositionAction(app, cc);
        case '~': {
          // TLC evaluates a negated action as a predicate.
          return this.predicateAction(app, cc);
        }
        case '=>': {
          const left = this.compileExpr(app.args[0], cc);
          const right = this.compileAction(app.args[1], cc);
          const span = app.args[0].span;
          return (c, f, k) => {
            if (!bool(left(c, f), 'The left side of =>', span)) k();
            else right(c, f, k);
          };
        }
        default:
          return this.predicateAction(app, cc);
      }
    }
    if (!target) return this.predicateAction(app, cc);
    // An action passed by name (NoStutter(A) == ... /\ A /\ ...): the argument acts in its place.
    const byName = target.kind === 'param' && app.args.length === 0 ? cc.byName?.get(target) : undefined;
    if (byName) {
      const act = this.compileAction(byName.expr, { ...byName.cc, primed: byName.cc.primed || cc.primed });
      const up = cc.layout && byName.cc.layout ? cc.layout.distanceTo(byName.cc.layout) : 0;
      return up <= 0 ? act : (c, f, k) => act(c, ascend(f, up) as Frame, k);
    }
    // A constant operator or definition replaced by a definition (the cfg's Send <- MCSend, or an
    // INSTANCE substitution) acts as that definition, expanded with its arguments by name.
    if (
      target.kind === 'constant' ||
      ((!copy || this.options.overrides.get(target)?.everywhere) && this.options.overrides.has(target))
    ) {
      const callee = this.calleeOf(target, cc);
      if (!callee) return this.predicateAction(app, cc);
      if (callee.symbol.params.length === 0) {
        const use: OpApp = { ...app, path: [] };
        (this.bindings as Map<OpApp, Binding>).set(use, callee.symbol);
        return this.opAppAction(use, callee.cc);
      }
      return this.inlineCall(callee.symbol, app.args, cc, callee.cc, true);
    }
    if (
      target.kind === 'definition' &&
      !(
        hasNativeModule(target.module) &&
        nativeOperator((target.module as { name: string }).name, target.name)
      )
    ) {
      if (this.callByName(target, app.args, cc)) {
        // Primed arguments, or primed parameters: expand the operator in place, its parameters
        // standing for the arguments.
        const byName = new Map(cc.byName ?? []);
        for (const [i, p] of target.params.entries()) byName.set(p, { expr: app.args[i], cc });
        return this.compileAction(target.def.body, { ...cc, byName });
      }
      // An action defined by an operator: its body is an action too, with the arguments bound.
      const compiled = this.compiledDefAction(target, cc);
      const args = app.args.map((a, i) =>
        (target.params[i]?.arity ?? 0) > 0 ? this.compileArgument(a, cc) : this.compileExpr(a, cc),
      );
      const up = cc.layout && compiled.definingLayout ? cc.layout.distanceTo(compiled.definingLayout) : -1;
      const layout = compiled.layout;
      return (c, f, k) => {
        const v = argumentSlots(args, layout.size, c, f);
        (compiled.act as Act)(c, { v, p: up < 0 ? null : ascend(f, up) }, k);
      };
    }
    if (target.kind === 'instanced') {
      const inner = definitionOf(target.inner);
      if (
        inner.kind === 'definition' &&
        !(
          hasNativeModule(inner.module) && nativeOperator((inner.module as { name: string }).name, inner.name)
        )
      ) {
        const { inner: innerCC, bind } = this.instanceContext(app, target.site, cc);
        if (!bind && this.callByName(inner, app.args, cc)) {
          return this.inlineCall(inner, app.args, cc, innerCC, true);
        }
        const compiled = this.compiledDefAction(inner, innerCC);
        const args = app.args.map((a, i) =>
          (inner.params[i]?.arity ?? 0) > 0 ? this.compileArgument(a, cc) : this.compileExpr(a, cc),
        );
        const up =
          innerCC.layout && compiled.definingLayout ? innerCC.layout.distanceTo(compiled.definingLayout) : -1;
        return (c, f, k) => {
          const v = argumentSlots(args, compiled.layout.size, c, f);
          const parent = up < 0 ? null : ascend(bind ? bind(c, f) : f, up);
          (compiled.act as Act)(c, { v, p: parent }, k);
        };
      }
    }
    return this.predicateAction(app, cc);
  }

  /**
   * Whether an action operator must be expanded in place rather than called with argument values:
   * when an argument is primed (or, in Init, state-level), or when the body primes a parameter
   * (`Lose(q) == … q' = …` applied to a variable: `q'` is that variable's next value).
   */
  private callByName(symbol: DefinitionSymbol, args: readonly Expr[], cc: CC): boolean {
    const levels = this.options.spec.levels;
    const byNameLevel = cc.init ? 1 : 2;
    if (args.some((a) => levels.levelOfExpression(a).level >= byNameLevel)) return true;
    if (cc.init) return false;
    const primed = this.primedParameters(symbol);
    return args.some((a, i) => primed.has(i) && levels.levelOfExpression(a).level >= 1);
  }

  private readonly primedParams = new Map<DefinitionSymbol, Set<number>>();

  /** The indexes of the parameters a definition primes (or puts under UNCHANGED), through its calls. */
  private primedParameters(symbol: DefinitionSymbol): Set<number> {
    const known = this.primedParams.get(symbol);
    if (known) return known;
    const result = new Set<number>();
    this.primedParams.set(symbol, result); // recursion sees the partial answer
    const index = new Map<Binding, number>(symbol.params.map((p, i) => [p, i]));
    const markParamsIn = (e: Expr) =>
      forEachExpression(e, (n) => {
        if (n.kind !== 'OpApp') return;
        const b = this.bindings.get(n);
        const i = b ? index.get(b) : undefined;
        if (i !== undefined) result.add(i);
      });
    forEachExpression(symbol.def.body, (app) => {
      if (app.kind !== 'OpApp') return;
      if ((app.name === "'" && app.fix === 'postfix') || app.name === 'UNCHANGED') {
        markParamsIn(app.args[0]);
        return;
      }
      const b = this.bindings.get(app);
      const callee = b ? definitionOf(b.kind === 'instanced' ? b.inner : b) : undefined;
      if (callee?.kind === 'definition' && app.args.length > 0) {
        const inner = this.primedParameters(callee);
        for (const k of inner) markParamsIn(app.args[k]);
      }
    });
    return result;
  }

  /** The context a compiled definition's body runs in, called from `cc` (names passed by name stay behind). */
  private bodyContext(compiled: CompiledDef, cc: CC): CC {
    return {
      layout: compiled.layout,
      primed: cc.primed,
      init: cc.init,
      subst: cc.subst,
      enabledCut: cc.enabledCut,
    };
  }

  private compiledDefAction(symbol: DefinitionSymbol, cc: CC): CompiledDef {
    const compiled = this.compiledDef(symbol, cc);
    if (!compiled.act) {
      const entry = compiled;
      entry.act = (c, f, k) => (entry.realAct as Act)(c, f, k);
      entry.realAct = this.compileAction(symbol.def.body, this.bodyContext(compiled, cc));
    }
    return compiled;
  }

  private assignAction(index: number, value: Ev, isIn: boolean): Act {
    if (!isIn) {
      return (c, f, k) => {
        const v = value(c, f);
        const current = c.n[index];
        if (current === undefined) {
          c.n[index] = v;
          try {
            k();
          } finally {
            c.n[index] = undefined;
          }
        } else if (equals(current, v)) {
          k();
        }
      };
    }
    return (c, f, k) => {
      const set = value(c, f);
      const current = c.n[index];
      if (current !== undefined) {
        if (member(current, set)) k();
        return;
      }
      try {
        forEachElement(set, (x) => {
          c.n[index] = x;
          k();
        });
      } finally {
        c.n[index] = undefined;
      }
    };
  }

  private unchangedAction(arg: Expr, cc: CC): Act {
    // UNCHANGED <<x, y>> / UNCHANGED vars: each variable keeps its value (assigned if not yet).
    const parts = this.unchangedVariables(arg, cc);
    if (!parts) {
      const now = this.compileExpr(arg, cc);
      const next = this.compileExpr(arg, { ...cc, primed: true });
      return (c, f, k) => {
        if (equals(next(c, f), now(c, f))) k();
      };
    }
    const acts = parts.map((part) =>
      typeof part === 'number'
        ? this.assignAction(part, (c) => c.s[part], false)
        : this.assignAction(part.slot, part.now, false),
    );
    const chain = (i: number): Act => {
      if (i === acts.length) return (_c, _f, k) => k();
      const head = acts[i];
      const rest = chain(i + 1);
      return (c, f, k) => head(c, f, () => rest(c, f, k));
    };
    return chain(0);
  }

  private unchangedVariables(e: Expr, cc: CC): UnchangedPart[] | undefined {
    if (cc.init) return undefined;
    if (e.kind === 'Tuple') {
      const out: UnchangedPart[] = [];
      for (const x of e.elements) {
        const sub = this.unchangedVariables(x, cc);
        if (!sub) return undefined;
        out.push(...sub);
      }
      return out;
    }
    if (e.kind === 'OpApp' && e.args.length === 0 && e.path.length === 0) {
      const symbol = this.bindings.get(e);
      return symbol ? this.unchangedSymbol(symbol, cc, e) : undefined;
    }
    return undefined;
  }

  private unchangedSymbol(symbol: Binding, cc: CC, use?: OpApp): UnchangedPart[] | undefined {
    const target = definitionOf(symbol);
    if (this.options.overrides.has(target)) return undefined;
    if (target.kind === 'variable') {
      // A variable of an instantiated module stands for what the INSTANCE puts in its place, which
      // may be a tuple of variables (`INSTANCE Stuttering` with its `vars` taken to be <<pc, lock>>).
      const env = cc.subst;
      const sub = env?.site.substitutions.get(target);
      if (!env || !sub) {
        const index = this.variableIndex.get(target);
        return index === undefined ? undefined : [index];
      }
      if (use && this.cutOff(env, cc)) {
        // In ENABLED, UNCHANGED v gives the partial next state's v the value of v now (TLC's enabledUnchanged).
        return [
          {
            slot: this.partialNextStateSlot(target.name),
            now: this.compileExpr(use, { ...cc, primed: false }),
          },
        ];
      }
      return sub.kind === 'symbol'
        ? this.unchangedSymbol(sub.symbol, env.outer)
        : this.unchangedVariables(sub.expr, env.outer);
    }
    if (target.kind === 'definition' && target.params.length === 0)
      return this.unchangedVariables(target.def.body, cc);
    return undefined;
  }
}

const ENABLED_FOUND = { enabled: true };

/** A variable UNCHANGED assigns: a state variable's index, or a slot of ENABLED's partial next state. */
type UnchangedPart = number | { readonly slot: number; readonly now: Ev };
/** Thrown to stop an enumeration early (used by callers). */
export class StopSignal {}
const NO_SLOTS: Value[] = [];
const EMPTY_CTX: Ctx = { s: [], n: [], level: 0 };

/** A call frame's slots: the evaluated arguments first, room for the callee's bound names after. */
function argumentSlots(args: readonly Ev[], size: number, c: Ctx, f: Frame): Value[] {
  const v = new Array<Value>(size);
  for (let i = 0; i < args.length; i++) v[i] = args[i](c, f);
  return v;
}

function asTuple(x: Value, n: number): readonly Value[] {
  const t = toTupleOrNull(x);
  if (t && t.elems.length === n) return t.elems;
  throw new TlaEvalError(`A tuple of ${n} elements was expected, but the value is ${printValue(x)}`, 'type');
}

function originalOf(symbol: Binding): Binding {
  let s = symbol;
  while (s.kind === 'instanced') s = s.inner;
  return definitionOf(s);
}

const siteIds = new WeakMap<InstanceSite, number>();
let nextSite = 1;
function siteId(site: InstanceSite): number {
  let id = siteIds.get(site);
  if (id === undefined) {
    id = nextSite++;
    siteIds.set(site, id);
  }
  return id;
}

const layoutIds = new WeakMap<Layout, number>();
let nextLayout = 1;
function layoutId(layout: Layout | null): number {
  if (!layout) return 0;
  let id = layoutIds.get(layout);
  if (id === undefined) {
    id = nextLayout++;
    layoutIds.set(layout, id);
  }
  return id;
}
