/**
 * fast-check arbitraries for well-formed TLA+ ASTs (expressions and small modules), with dummy
 * spans, plus small AST builders and `stripSpans` for comparing trees without positions.
 *
 * Only shapes the parser can produce are generated: canonical operator names, n-ary `\X` as one
 * `OpApp`, `@` only inside EXCEPT values, `LAMBDA` only as an operator argument, labels only as
 * bulleted-list items, bounds with sets where the syntax needs them.
 */

import type { SourceSpan } from '@modelcheck/core';
import fc from 'fast-check';
import type {
  AssumeProve,
  BoundVars,
  CaseArm,
  ExceptPathStep,
  ExceptUpdate,
  Expr,
  Ident,
  Instance,
  LetDefinition,
  Module,
  NewDecl,
  OpApp,
  OpDecl,
  OperatorDef,
  PathPart,
  Proof,
  ProofStep,
  RecordField,
  StepBody,
  StepsProof,
  TerminalProof,
  Theorem,
  Unit,
} from '../../src/syntax/ast.js';
import { OPERATORS } from '../../src/syntax/operators.js';

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

export const SPAN: SourceSpan = Object.freeze({
  file: '<generated>',
  start: Object.freeze({ line: 1, column: 1, offset: 0 }),
  end: Object.freeze({ line: 1, column: 1, offset: 0 }),
});

const span = SPAN;

export function ident(name: string): Ident {
  return { kind: 'Ident', name, span };
}

/** A bare name (variable, constant, zero-argument operator). */
export function name(n: string): OpApp {
  return { kind: 'OpApp', path: [], name: n, args: [], fix: 'call', nameSpan: span, span };
}

export function call(n: string, args: readonly Expr[], path: readonly PathPart[] = []): OpApp {
  return { kind: 'OpApp', path, name: n, args, fix: 'call', nameSpan: span, span };
}

export function infix(op: string, ...args: Expr[]): OpApp {
  return { kind: 'OpApp', path: [], name: op, args, fix: 'infix', nameSpan: span, span };
}

export function prefix(op: string, arg: Expr): OpApp {
  return { kind: 'OpApp', path: [], name: op, args: [arg], fix: 'prefix', nameSpan: span, span };
}

export function postfix(op: string, arg: Expr): OpApp {
  return { kind: 'OpApp', path: [], name: op, args: [arg], fix: 'postfix', nameSpan: span, span };
}

export function pathPart(n: string, args: readonly Expr[] = []): PathPart {
  return { kind: 'PathPart', name: n, args, span };
}

export function num(digits: string, base: 2 | 8 | 10 | 16 = 10, fraction?: string): Expr {
  return fraction === undefined
    ? { kind: 'Number', digits, base, span }
    : { kind: 'Number', digits, base, fraction, span };
}

export function str(value: string): Expr {
  return { kind: 'String', value, span };
}

export function bool(value: boolean): Expr {
  return { kind: 'Bool', value, span };
}

export function bound(names: readonly string[], set?: Expr, tuple = false): BoundVars {
  const b = { kind: 'Bound' as const, names: names.map(ident), tuple, span };
  return set ? { ...b, set } : b;
}

export function junction(op: '/\\' | '\\/', ...items: Expr[]): Expr {
  return { kind: 'Junction', op, items, column: 1, span };
}

export function opDecl(n: string, arity = 0, fix: OpDecl['fix'] = 'call'): OpDecl {
  return { kind: 'OpDecl', name: ident(n), arity, fix, span };
}

export function opDef(
  n: string,
  params: readonly OpDecl[],
  body: Expr,
  fix: OperatorDef['fix'] = 'call',
): OperatorDef {
  return { kind: 'OperatorDef', name: ident(n), params, fix, body, local: false, span };
}

// ---------------------------------------------------------------------------------------------
// Comparing trees
// ---------------------------------------------------------------------------------------------

const POSITIONAL = new Set(['span', 'nameSpan']);

/**
 * A copy of an AST without positions: drops `span`, `nameSpan`, the `column` of bulleted lists, and
 * fields whose value is `undefined` (so that an absent optional field equals an explicit one).
 */
export function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (POSITIONAL.has(key)) continue;
    if (key === 'column' && obj.kind === 'Junction') continue;
    if (obj[key] === undefined) continue;
    out[key] = stripSpans(obj[key]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const NAMES = ['x', 'y', 'z', 'S', 'T', 'f', 'Foo', 'bar', 'n1', 'vars', 'msgs', 'Max_2'];
const FIELDS = ['a', 'b', 'val', 'tag', 'next_1'];
const MODULES = ['M', 'Inst', 'R'];

export const INFIX_OPERATORS: readonly string[] = OPERATORS.filter((o) => o.fix === 'infix').map(
  (o) => o.name,
);
export const PREFIX_OPERATORS: readonly string[] = OPERATORS.filter((o) => o.fix === 'prefix').map(
  (o) => o.name,
);
export const POSTFIX_OPERATORS: readonly string[] = OPERATORS.filter((o) => o.fix === 'postfix').map(
  (o) => o.name,
);

const nameArb = fc.constantFrom(...NAMES);
const identArb = nameArb.map(ident);
const fieldArb = fc.constantFrom(...FIELDS).map(ident);

/** Distinct names, as binders and parameters must be. */
const namesArb = (min: number, max: number) => fc.uniqueArray(nameArb, { minLength: min, maxLength: max });

const numberArb: fc.Arbitrary<Expr> = fc.oneof(
  { arbitrary: fc.nat({ max: 10_000 }).map((n) => num(String(n))), weight: 6 },
  {
    arbitrary: fc
      .tuple(fc.nat({ max: 99 }), fc.stringMatching(/^[0-9]{1,3}$/))
      .map(([n, f]) => num(String(n), 10, f)),
    weight: 1,
  },
  { arbitrary: fc.stringMatching(/^[01]{1,8}$/).map((d) => num(d, 2)), weight: 1 },
  { arbitrary: fc.stringMatching(/^[0-7]{1,4}$/).map((d) => num(d, 8)), weight: 1 },
  { arbitrary: fc.stringMatching(/^[0-9A-F]{1,4}$/).map((d) => num(d, 16)), weight: 1 },
);

const stringArb: fc.Arbitrary<Expr> = fc
  .array(fc.constantFrom('a', 'B', ' ', '0', '"', '\\', '\n', '\t', '-', '*', '(', ')', ':', "'"), {
    maxLength: 8,
  })
  .map((cs) => str(cs.join('')));

const leafArb: fc.Arbitrary<Expr> = fc.oneof(
  { arbitrary: nameArb.map(name), weight: 8 },
  { arbitrary: numberArb, weight: 3 },
  { arbitrary: stringArb, weight: 1 },
  { arbitrary: fc.boolean().map(bool), weight: 1 },
);

/** A `_v` subscript: a variable, a variable of an instance, or a tuple of variables. */
const subscriptArb: fc.Arbitrary<Expr> = fc.oneof(
  nameArb.map(name),
  fc.tuple(fc.constantFrom(...MODULES), nameArb).map(([m, n]) => call(n, [], [pathPart(m)])),
  namesArb(1, 3).map((ns): Expr => ({ kind: 'Tuple', elements: ns.map(name), span })),
);

export interface ExprArbOptions {
  /** Maximum nesting depth (default 4). */
  readonly depth?: number;
}

/** Well-formed expressions, nested at most `depth` deep. */
export function exprArb(options: ExprArbOptions = {}): fc.Arbitrary<Expr> {
  return new ExprGen().at(options.depth ?? 4);
}

class ExprGen {
  private readonly cache = new Map<number, fc.Arbitrary<Expr>>();

  at(depth: number): fc.Arbitrary<Expr> {
    const cached = this.cache.get(depth);
    if (cached) return cached;
    const arb = depth <= 0 ? leafArb : this.compound(depth);
    this.cache.set(depth, arb);
    return arb;
  }

  /** Bounds with sets: `x, y \in S`, `<<a, b>> \in S`. */
  private boundedArb(d: number): fc.Arbitrary<BoundVars> {
    const e = this.at(d);
    return fc.oneof(
      { arbitrary: fc.tuple(namesArb(1, 2), e).map(([ns, s]) => bound(ns, s)), weight: 4 },
      { arbitrary: fc.tuple(namesArb(2, 3), e).map(([ns, s]) => bound(ns, s, true)), weight: 1 },
    );
  }

  private boundsArb(d: number, max: number): fc.Arbitrary<BoundVars[]> {
    return fc.array(this.boundedArb(d), { minLength: 1, maxLength: max });
  }

  private letDefArb(d: number): fc.Arbitrary<LetDefinition> {
    const e = this.at(d);
    const paramsArb = fc
      .tuple(namesArb(0, 2), fc.nat({ max: 2 }))
      .map(([ns, hi]) => ns.map((n, i) => (i === 0 && hi > 0 ? opDecl(`${n}Op`, hi) : opDecl(n))));
    return fc.oneof(
      { arbitrary: fc.tuple(nameArb, paramsArb, e).map(([n, ps, b]) => opDef(`${n}Def`, ps, b)), weight: 4 },
      {
        arbitrary: fc
          .tuple(fc.constantFrom('++', '\\oplus', '%%', '<:'), namesArb(2, 2), e)
          .map(([op, [a, b], body]) => opDef(op, [opDecl(a!), opDecl(b!)], body, 'infix')),
        weight: 1,
      },
      {
        arbitrary: fc.tuple(nameArb, this.boundsArb(d, 2), e).map(
          ([n, bs, body]): LetDefinition => ({
            kind: 'FunctionDef',
            name: ident(`${n}Fn`),
            bounds: bs,
            body,
            local: false,
            span,
          }),
        ),
        weight: 1,
      },
      {
        arbitrary: fc.tuple(nameArb, fc.nat({ max: 2 })).map(
          ([n, arity]): LetDefinition => ({
            kind: 'RecursiveDecl',
            decls: [opDecl(`${n}Rec`, arity)],
            span,
          }),
        ),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(nameArb, fc.constantFrom(...MODULES), fc.array(fc.tuple(identArb, e), { maxLength: 2 }))
          .map(
            ([n, m, subs]): LetDefinition => ({
              kind: 'ModuleDef',
              name: ident(`${n}I`),
              params: [],
              instance: {
                kind: 'Instance',
                module: ident(m),
                substitutions: uniqueBy(subs, ([t]) => t.name).map(([target, value]) => ({
                  kind: 'Substitution',
                  target,
                  value,
                  span,
                })),
                local: false,
                span,
              },
              local: false,
              span,
            }),
          ),
        weight: 1,
      },
    );
  }

  private compound(depth: number): fc.Arbitrary<Expr> {
    const d = depth - 1;
    const e = this.at(d);
    const args = (min: number, max: number) => fc.array(e, { minLength: min, maxLength: max });
    const lambdaArb: fc.Arbitrary<Expr> = fc
      .tuple(namesArb(1, 2), e)
      .map(([ps, body]) => ({ kind: 'Lambda', params: ps.map(ident), body, span }));
    const labeledArb: fc.Arbitrary<Expr> = fc.tuple(nameArb, namesArb(0, 2), e).map(([l, ps, body]) => ({
      kind: 'Labeled',
      label: ident(`lbl_${l}`),
      params: ps.map(ident),
      body,
      span,
    }));
    const exceptValueArb: fc.Arbitrary<Expr> = fc.oneof(
      { arbitrary: e, weight: 3 },
      { arbitrary: fc.constant<Expr>({ kind: 'At', span }), weight: 1 },
      { arbitrary: e.map((x) => infix('+', { kind: 'At', span }, x)), weight: 1 },
      {
        arbitrary: fc
          .tuple(e, fieldArb)
          .map(([x, f]) =>
            infix('\\cup', { kind: 'FieldAccess', record: { kind: 'At', span }, field: f, span }, x),
          ),
        weight: 1,
      },
    );
    const exceptStepArb: fc.Arbitrary<ExceptPathStep> = fc.oneof(
      fieldArb.map((n): ExceptPathStep => ({ kind: 'field', name: n, span })),
      args(1, 2).map((as): ExceptPathStep => ({ kind: 'index', args: as, span })),
    );
    const updateArb: fc.Arbitrary<ExceptUpdate> = fc
      .tuple(fc.array(exceptStepArb, { minLength: 1, maxLength: 2 }), exceptValueArb)
      .map(([path, value]) => ({ kind: 'ExceptUpdate', path, value, span }));
    const fieldsArb = fc
      .uniqueArray(fc.tuple(fieldArb, e), { minLength: 1, maxLength: 3, selector: ([f]) => f.name })
      .map((fs) => fs.map(([n, value]): RecordField => ({ kind: 'RecordField', name: n, value, span })));
    const caseArmArb: fc.Arbitrary<CaseArm> = fc
      .tuple(e, e)
      .map(([guard, body]) => ({ kind: 'CaseArm', guard, body, span }));
    const pathArb = fc.array(
      fc.tuple(fc.constantFrom(...MODULES), args(0, 2)).map(([m, as]) => pathPart(m, as)),
      { minLength: 1, maxLength: 2 },
    );
    const junctionItemArb = fc.oneof({ arbitrary: e, weight: 6 }, { arbitrary: labeledArb, weight: 1 });

    const kinds: fc.WeightedArbitrary<Expr>[] = [
      { arbitrary: leafArb, weight: 6 },
      // Operators.
      {
        arbitrary: fc.tuple(fc.constantFrom(...INFIX_OPERATORS), e, e).map(([op, a, b]) => infix(op, a, b)),
        weight: 14,
      },
      {
        arbitrary: fc
          .tuple(fc.constantFrom('/\\', '\\/', '=>', '=', '\\in', '+', '-'), e, e)
          .map(([op, a, b]) => infix(op, a, b)),
        weight: 6,
      },
      { arbitrary: args(2, 4).map((as) => infix('\\X', ...as)), weight: 2 },
      {
        arbitrary: fc.tuple(fc.constantFrom(...PREFIX_OPERATORS), e).map(([op, a]) => prefix(op, a)),
        weight: 5,
      },
      {
        arbitrary: fc.tuple(fc.constantFrom(...POSTFIX_OPERATORS), e).map(([op, a]) => postfix(op, a)),
        weight: 4,
      },
      {
        arbitrary: fc
          .tuple(
            nameArb,
            fc.array(fc.oneof({ arbitrary: e, weight: 5 }, { arbitrary: lambdaArb, weight: 1 }), {
              minLength: 1,
              maxLength: 3,
            }),
          )
          .map(([n, as]) => call(n, as)),
        weight: 3,
      },
      { arbitrary: fc.tuple(pathArb, nameArb, args(0, 2)).map(([p, n, as]) => call(n, as, p)), weight: 2 },
      // Control.
      {
        arbitrary: fc
          .tuple(e, e, e)
          .map(([cond, then, els]): Expr => ({ kind: 'If', cond, then, else: els, span })),
        weight: 2,
      },
      {
        arbitrary: fc
          .tuple(fc.array(caseArmArb, { minLength: 1, maxLength: 3 }), fc.option(e, { nil: undefined }))
          .map(
            ([arms, other]): Expr =>
              other ? { kind: 'Case', arms, other, span } : { kind: 'Case', arms, span },
          ),
        weight: 2,
      },
      {
        arbitrary: fc
          .tuple(fc.array(this.letDefArb(d), { minLength: 1, maxLength: 2 }), e)
          .map(([defs, body]): Expr => ({ kind: 'Let', defs, body, span })),
        weight: 2,
      },
      // Binders.
      {
        arbitrary: fc
          .tuple(fc.constantFrom('\\A' as const, '\\E' as const), this.boundsArb(d, 2), e)
          .map(
            ([quantifier, bounds, body]): Expr => ({ kind: 'Quantified', quantifier, bounds, body, span }),
          ),
        weight: 3,
      },
      {
        arbitrary: fc.tuple(fc.constantFrom('\\A' as const, '\\E' as const), namesArb(1, 3), e).map(
          ([quantifier, ns, body]): Expr => ({
            kind: 'Quantified',
            quantifier,
            bounds: [bound(ns)],
            body,
            span,
          }),
        ),
        weight: 1,
      },
      {
        arbitrary: fc.tuple(fc.constantFrom('\\AA' as const, '\\EE' as const), namesArb(1, 2), e).map(
          ([quantifier, ns, body]): Expr => ({
            kind: 'TemporalQuantified',
            quantifier,
            names: ns.map(ident),
            body,
            span,
          }),
        ),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(
            fc.oneof(
              this.boundedArb(d).filter((b) => b.tuple || b.names.length === 1),
              nameArb.map((n) => bound([n])),
            ),
            e,
          )
          .map(([b, body]): Expr => ({ kind: 'Choose', bound: b, body, span })),
        weight: 1,
      },
      // Sets.
      { arbitrary: args(0, 3).map((elements): Expr => ({ kind: 'SetEnum', elements, span })), weight: 2 },
      {
        arbitrary: fc
          .tuple(
            this.boundedArb(d).filter((b) => b.tuple || b.names.length === 1),
            e,
          )
          .map(([b, predicate]): Expr => ({ kind: 'SetFilter', bound: b, predicate, span })),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(e, this.boundsArb(d, 2))
          .map(([body, bounds]): Expr => ({ kind: 'SetMap', body, bounds, span })),
        weight: 1,
      },
      // Functions, records, tuples.
      {
        arbitrary: fc
          .tuple(this.boundsArb(d, 2), e)
          .map(([bounds, body]): Expr => ({ kind: 'FunctionCtor', bounds, body, span })),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(e, args(1, 2))
          .map(([fn, as]): Expr => ({ kind: 'FunctionApp', fn, args: as, span })),
        weight: 3,
      },
      {
        arbitrary: fc
          .tuple(e, e)
          .map(([domain, codomain]): Expr => ({ kind: 'FunctionSet', domain, codomain, span })),
        weight: 1,
      },
      { arbitrary: fieldsArb.map((fields): Expr => ({ kind: 'RecordCtor', fields, span })), weight: 1 },
      { arbitrary: fieldsArb.map((fields): Expr => ({ kind: 'RecordSet', fields, span })), weight: 1 },
      {
        arbitrary: fc
          .tuple(e, fc.array(updateArb, { minLength: 1, maxLength: 2 }))
          .map(([fn, updates]): Expr => ({ kind: 'Except', fn, updates, span })),
        weight: 1,
      },
      { arbitrary: args(0, 3).map((elements): Expr => ({ kind: 'Tuple', elements, span })), weight: 2 },
      {
        arbitrary: fc
          .tuple(e, fieldArb)
          .map(([record, field]): Expr => ({ kind: 'FieldAccess', record, field, span })),
        weight: 2,
      },
      // Actions and temporal formulas.
      {
        arbitrary: fc
          .tuple(fc.boolean(), e, subscriptArb)
          .map(([box, action, subscript]): Expr => ({ kind: 'ActionExpr', box, action, subscript, span })),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(fc.boolean(), subscriptArb, e)
          .map(
            ([strong, subscript, action]): Expr => ({ kind: 'Fairness', strong, subscript, action, span }),
          ),
        weight: 1,
      },
      // Bulleted lists.
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom('/\\' as const, '\\/' as const),
            fc.array(junctionItemArb, { minLength: 1, maxLength: 3 }),
          )
          .map(([op, items]) => junction(op, ...items)),
        weight: 4,
      },
    ];
    return fc.oneof(...kinds);
  }
}

function uniqueBy<T>(xs: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const terminalProofArb = (e: fc.Arbitrary<Expr>): fc.Arbitrary<TerminalProof> =>
  fc.oneof(
    fc
      .tuple(
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.oneof(e, fc.constantFrom<Expr>({ kind: 'StepRef', label: '<1>1', span })), {
          maxLength: 2,
        }),
        fc.array(fc.oneof(nameArb.map(name), fc.constant<Expr>({ ...name('Naturals'), moduleRef: true })), {
          maxLength: 2,
        }),
      )
      .filter(([, , facts, defs]) => facts.length + defs.length > 0)
      .map(
        ([proofKeyword, only, facts, defs]): TerminalProof => ({
          kind: 'TerminalProof',
          form: 'BY',
          proofKeyword,
          only,
          facts,
          defs,
          span,
        }),
      ),
    fc.tuple(fc.constantFrom('OBVIOUS' as const, 'OMITTED' as const), fc.boolean()).map(
      ([form, proofKeyword]): TerminalProof => ({
        kind: 'TerminalProof',
        form,
        proofKeyword,
        only: false,
        facts: [],
        defs: [],
        span,
      }),
    ),
  );

const newDeclArb = (e: fc.Arbitrary<Expr>): fc.Arbitrary<NewDecl> =>
  fc.oneof(
    fc.tuple(nameArb, fc.option(e, { nil: undefined })).map(([n, set]): NewDecl => {
      const d = {
        kind: 'NewDecl' as const,
        level: 'CONSTANT' as const,
        isNew: true,
        decl: opDecl(`${n}New`),
        span,
      };
      return set ? { ...d, set } : d;
    }),
    fc
      .tuple(
        fc.constantFrom(
          'CONSTANT' as const,
          'VARIABLE' as const,
          'STATE' as const,
          'ACTION' as const,
          'TEMPORAL' as const,
        ),
        fc.boolean(),
        nameArb,
        fc.nat({ max: 2 }),
      )
      .map(
        ([level, isNew, n, arity]): NewDecl => ({
          kind: 'NewDecl',
          level,
          isNew,
          decl: opDecl(`${n}New`, level === 'CONSTANT' ? arity : 0),
          span,
        }),
      ),
  );

const assumeProveArb = (e: fc.Arbitrary<Expr>): fc.Arbitrary<AssumeProve> =>
  fc
    .tuple(
      fc.array(
        fc.oneof(
          { arbitrary: e, weight: 3 },
          { arbitrary: newDeclArb(e), weight: 3 },
          {
            arbitrary: fc
              .tuple(e, e)
              .map(([a, g]): AssumeProve => ({ kind: 'AssumeProve', assumptions: [a], goal: g, span })),
            weight: 1,
          },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      e,
    )
    .map(([assumptions, goal]) => ({ kind: 'AssumeProve', assumptions, goal, span }));

/** A structured proof at `level`: some steps, then QED; steps may have proofs one level down. */
function stepsProofArb(e: fc.Arbitrary<Expr>, level: number): fc.Arbitrary<StepsProof> {
  const sub: fc.Arbitrary<Proof | undefined> =
    level >= 2
      ? fc.option(terminalProofArb(e), { nil: undefined })
      : fc.option(fc.oneof(terminalProofArb(e), stepsProofArb(e, level + 1)), { nil: undefined });
  const boundsArb = fc.array(
    fc.tuple(nameArb, e).map(([n, set]) => bound([`${n}Pick`], set)),
    { minLength: 1, maxLength: 2 },
  );
  type Step = { body: StepBody; proof?: Proof | undefined };
  const provable: fc.Arbitrary<Step> = fc
    .tuple(
      fc.oneof(
        fc
          .tuple(fc.boolean(), fc.oneof(e, assumeProveArb(e)))
          .map(([suffices, body]): StepBody => ({ kind: 'Assert', suffices, body })),
        e.map((body): StepBody => ({ kind: 'Case', body })),
        fc.tuple(boundsArb, e).map(([bounds, body]): StepBody => ({ kind: 'Pick', bounds, body })),
      ),
      sub,
    )
    .map(([body, proof]) => ({ body, proof }));
  const plain: fc.Arbitrary<Step> = fc.oneof(
    e.map((body): Step => ({ body: { kind: 'Have', body } })),
    boundsArb.map((bounds): Step => ({ body: { kind: 'Take', bounds } })),
    fc.array(e, { minLength: 1, maxLength: 2 }).map((exprs): Step => ({ body: { kind: 'Witness', exprs } })),
    fc
      .tuple(nameArb, e)
      .map(([n, body]): Step => ({ body: { kind: 'Define', defs: [opDef(`${n}Local`, [], body)] } })),
    fc.tuple(fc.constantFrom('USE' as const, 'HIDE' as const), nameArb).map(
      ([keyword, n]): Step => ({
        body: {
          kind: 'UseOrHide',
          use: { kind: 'UseOrHide', keyword, only: false, facts: [], defs: [name(n)], span },
        },
      }),
    ),
  );
  return fc
    .tuple(
      fc.boolean(),
      fc.array(fc.tuple(fc.oneof(provable, plain), fc.boolean()), { maxLength: 3 }),
      fc.option(terminalProofArb(e), { nil: undefined }),
    )
    .map(([proofKeyword, steps, qedProof]) => {
      const all: ProofStep[] = steps.map(([step, named], i) => {
        const label = named ? `<${level}>${i + 1}` : `<${level}>`;
        const base = { kind: 'ProofStep' as const, label, dot: named, body: step.body, span };
        return step.proof ? { ...base, proof: step.proof } : base;
      });
      const qed = {
        kind: 'ProofStep' as const,
        label: `<${level}>${steps.length + 1}`,
        dot: true,
        body: { kind: 'Qed' as const },
        span,
      };
      all.push(qedProof ? { ...qed, proof: qedProof } : qed);
      return { kind: 'StepsProof', proofKeyword, steps: all, span };
    });
}

/**
 * Small modules: declarations of every kind of operator, definitions with generated bodies
 * (operator, prefix, postfix, infix, function, LOCAL, RECURSIVE), instances, assumptions, theorems
 * with structured proofs, USE/HIDE and a nested module.
 */
export function moduleArb(options: ExprArbOptions = {}): fc.Arbitrary<Module> {
  const e = exprArb({ depth: options.depth ?? 3 });
  const small = exprArb({ depth: 2 });
  const instanceArb = fc
    .tuple(fc.constantFrom(...MODULES), fc.array(fc.tuple(identArb, e), { maxLength: 3 }), fc.boolean())
    .map(
      ([m, subs, local]): Instance => ({
        kind: 'Instance',
        module: ident(m),
        substitutions: uniqueBy(subs, ([t]) => t.name).map(([target, value]) => ({
          kind: 'Substitution',
          target,
          value,
          span,
        })),
        local,
        span,
      }),
    );
  const unitArb: fc.Arbitrary<Unit> = fc.oneof(
    {
      arbitrary: fc
        .tuple(nameArb, namesArb(0, 2), fc.nat({ max: 2 }), e, fc.boolean())
        .map(([n, ps, hi, body, local]) => ({
          ...opDef(
            `${n}Def`,
            ps.map((p, i) => (i === 0 && hi > 0 ? opDecl(`${p}Op`, hi) : opDecl(p))),
            body,
          ),
          local,
        })),
      weight: 5,
    },
    {
      arbitrary: fc
        .tuple(fc.constantFrom('++', '\\prec', '\\oplus', '^^', '|-', '...'), e)
        .map(([op, body]) => opDef(op, [opDecl('a'), opDecl('b')], body, 'infix')),
      weight: 1,
    },
    { arbitrary: e.map((body) => opDef('-.', [opDecl('a')], body, 'prefix')), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...POSTFIX_OPERATORS.filter((o) => o !== "'")), e)
        .map(([op, body]) => opDef(op, [opDecl('a')], body, 'postfix')),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(nameArb, e, fc.boolean()).map(
        ([n, body, local]): Unit => ({
          kind: 'FunctionDef',
          name: ident(`${n}Fn`),
          bounds: [bound(['i'], name('S'))],
          body,
          local,
          span,
        }),
      ),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(nameArb, fc.nat({ max: 2 }))
        .map(([n, arity]): Unit => ({ kind: 'RecursiveDecl', decls: [opDecl(`${n}Rec`, arity)], span })),
      weight: 1,
    },
    { arbitrary: instanceArb, weight: 1 },
    {
      arbitrary: fc.tuple(nameArb, namesArb(0, 2), instanceArb, fc.boolean()).map(
        ([n, ps, instance, local]): Unit => ({
          kind: 'ModuleDef',
          name: ident(`${n}Inst`),
          params: ps.map((p) => opDecl(p)),
          // The parser marks the instance of a LOCAL module definition LOCAL as well.
          instance: { ...instance, local },
          local,
          span,
        }),
      ),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom('ASSUME' as const, 'AXIOM' as const, 'ASSUMPTION' as const),
          fc.option(nameArb, { nil: undefined }),
          e,
        )
        .map(([keyword, n, expr]): Unit => {
          const a = { kind: 'Assume' as const, keyword, expr, span };
          return n ? { ...a, name: ident(`${n}Ax`) } : a;
        }),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom('THEOREM' as const, 'LEMMA' as const, 'PROPOSITION' as const, 'COROLLARY' as const),
          fc.option(nameArb, { nil: undefined }),
          fc.oneof(small, assumeProveArb(small)),
          fc.option(fc.oneof(terminalProofArb(small), stepsProofArb(small, 1)), { nil: undefined }),
        )
        .map(([keyword, n, body, proof]): Unit => {
          const t: Theorem = { kind: 'Theorem', keyword, body, span };
          return { ...t, ...(n ? { name: ident(`${n}Thm`) } : {}), ...(proof ? { proof } : {}) };
        }),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom('USE' as const, 'HIDE' as const),
          fc.boolean(),
          fc.array(small, { maxLength: 2 }),
          namesArb(0, 2),
        )
        .filter(([, , facts, defs]) => facts.length + defs.length > 0)
        .map(
          ([keyword, only, facts, defs]): Unit => ({
            kind: 'UseOrHide',
            keyword,
            only,
            facts,
            defs: defs.map(name),
            span,
          }),
        ),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(nameArb, small).map(
        ([n, body]): Unit => ({
          kind: 'NestedModule',
          module: {
            kind: 'Module',
            name: ident('Inner'),
            extends: [],
            units: [{ kind: 'VariableDecl', names: [ident('v')], span }, opDef(`${n}Def`, [], body)],
            span,
          },
          span,
        }),
      ),
      weight: 1,
    },
  );
  return fc.array(unitArb, { minLength: 1, maxLength: 5 }).map(
    (units): Module => ({
      kind: 'Module',
      name: ident('Generated'),
      extends: [ident('Naturals'), ident('TLAPS')],
      units: [
        {
          kind: 'ConstantDecl',
          decls: [
            opDecl('S'),
            opDecl('F', 1),
            opDecl('**', 2, 'infix'),
            opDecl('-.', 1, 'prefix'),
            opDecl('^#', 1, 'postfix'),
          ],
          span,
        },
        { kind: 'VariableDecl', names: [ident('x'), ident('y')], span },
        ...units,
      ],
      span,
    }),
  );
}
