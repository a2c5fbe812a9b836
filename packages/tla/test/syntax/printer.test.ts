import { describe, expect, it } from 'vitest';
import type { Expr, Module, ProofStep, Unit } from '../../src/syntax/ast.js';
import { parseExpression, parseModule } from '../../src/syntax/parser.js';
import { printExpression, printModule, printSourceFile } from '../../src/syntax/printer.js';
import {
  bool,
  bound,
  call,
  ident,
  infix,
  junction,
  name,
  num,
  opDecl,
  opDef,
  pathPart,
  postfix,
  prefix,
  SPAN as span,
  str,
} from './arbitrary-expr.js';

const [a, b, c, d, x, y, S, T, P, Q] = ['a', 'b', 'c', 'd', 'x', 'y', 'S', 'T', 'P', 'Q'].map(name) as [
  Expr,
  Expr,
  Expr,
  Expr,
  Expr,
  Expr,
  Expr,
  Expr,
  Expr,
  Expr,
];

const forall = (v: string, set: Expr, body: Expr): Expr => ({
  kind: 'Quantified',
  quantifier: '\\A',
  bounds: [bound([v], set)],
  body,
  span,
});

const ifte = (cond: Expr, then: Expr, els: Expr): Expr => ({ kind: 'If', cond, then, else: els, span });

describe('printExpression: precedence and associativity', () => {
  it('omits parentheses where precedence decides', () => {
    expect(printExpression(infix('+', a, infix('*', b, c)))).toBe('a + b * c');
    expect(printExpression(infix('*', infix('+', a, b), c))).toBe('(a + b) * c');
    expect(printExpression(infix('/\\', infix('=', x, num('1')), infix('\\in', y, S)))).toBe(
      'x = 1 /\\ y \\in S',
    );
    expect(printExpression(infix('=>', infix('/\\', a, b), infix('\\/', c, d)))).toBe('a /\\ b => c \\/ d');
  });

  it('follows associativity', () => {
    expect(printExpression(infix('-', infix('-', a, b), c))).toBe('a - b - c');
    expect(printExpression(infix('-', a, infix('-', b, c)))).toBe('a - (b - c)');
    expect(printExpression(infix('/\\', infix('/\\', a, b), c))).toBe('a /\\ b /\\ c');
    expect(printExpression(infix('/\\', a, infix('/\\', b, c)))).toBe('a /\\ (b /\\ c)');
    // Non-associative operators always need parentheses when nested.
    expect(printExpression(infix('=', infix('=', a, b), c))).toBe('(a = b) = c');
    expect(printExpression(infix('=>', a, infix('=>', b, c)))).toBe('a => (b => c)');
  });

  it('parenthesizes operators whose precedence ranges overlap', () => {
    // /\ and \/ share 3-3.
    expect(printExpression(infix('/\\', infix('\\/', a, b), c))).toBe('(a \\/ b) /\\ c');
    // + (10-10) and \X (10-13).
    expect(printExpression(infix('+', infix('\\X', a, b), c))).toBe('(a \\X b) + c');
    // \cdot (5-14) overlaps almost everything.
    expect(printExpression(infix('\\cdot', infix('*', a, b), c))).toBe('(a * b) \\cdot c');
    // + (10) then - (11): `a + b - c` means `a + (b - c)`.
    expect(printExpression(infix('+', a, infix('-', b, c)))).toBe('a + b - c');
    expect(printExpression(infix('-', infix('+', a, b), c))).toBe('(a + b) - c');
  });

  it('prints n-ary \\X flat and nested \\X in parentheses', () => {
    expect(printExpression(infix('\\X', S, T, S))).toBe('S \\X T \\X S');
    expect(printExpression(infix('\\X', infix('\\X', S, T), S))).toBe('(S \\X T) \\X S');
  });

  it('handles prefix and postfix operators', () => {
    expect(printExpression(prefix('~', infix('/\\', a, b)))).toBe('~(a /\\ b)');
    expect(printExpression(infix('/\\', prefix('~', a), b))).toBe('~a /\\ b');
    expect(printExpression(prefix('~', infix('\\in', x, S)))).toBe('~x \\in S');
    expect(printExpression(infix('=', postfix("'", x), infix('+', x, num('1'))))).toBe("x' = x + 1");
    expect(printExpression(postfix("'", infix('+', a, b)))).toBe("(a + b)'");
    expect(printExpression(prefix('-.', prefix('-.', a)))).toBe('- -a');
    expect(printExpression(infix('-', a, prefix('-.', num('1'))))).toBe('a - -1');
    expect(printExpression(infix('*', a, prefix('-.', b)))).toBe('a * (-b)');
    expect(printExpression(prefix('SUBSET', infix('\\cup', S, T)))).toBe('SUBSET (S \\cup T)');
    expect(printExpression(prefix('UNCHANGED', { kind: 'Tuple', elements: [x, y], span }))).toBe(
      'UNCHANGED <<x, y>>',
    );
    expect(printExpression(prefix('[]', prefix('<>', P)))).toBe('[]<>P');
    expect(printExpression(postfix('^+', call('R', [a])))).toBe('R(a)^+');
  });

  it('parenthesizes constructs that extend to the right when something follows', () => {
    expect(printExpression(infix('/\\', forall('x', S, P), Q))).toBe('(\\A x \\in S : P) /\\ Q');
    expect(printExpression(infix('/\\', Q, forall('x', S, P)))).toBe('Q /\\ \\A x \\in S : P');
    expect(printExpression(infix('=>', infix('/\\', Q, forall('x', S, P)), a))).toBe(
      'Q /\\ (\\A x \\in S : P) => a',
    );
    expect(printExpression(infix('+', ifte(a, num('1'), num('2')), num('3')))).toBe(
      '(IF a THEN 1 ELSE 2) + 3',
    );
    expect(printExpression(infix('+', num('3'), ifte(a, num('1'), num('2'))))).toBe('3 + IF a THEN 1 ELSE 2');
    expect(printExpression(prefix('~', forall('x', S, P)))).toBe('~\\A x \\in S : P');
    expect(printExpression(infix('/\\', prefix('~', forall('x', S, P)), Q))).toBe(
      '~(\\A x \\in S : P) /\\ Q',
    );
    const choose: Expr = { kind: 'Choose', bound: bound(['x'], S), body: P, span };
    expect(printExpression({ kind: 'FunctionApp', fn: choose, args: [a], span })).toBe(
      '(CHOOSE x \\in S : P)[a]',
    );
  });

  it('nests CASE only where its arms cannot swallow the outer arms', () => {
    const inner: Expr = { kind: 'Case', arms: [{ kind: 'CaseArm', guard: a, body: b, span }], span };
    const outer: Expr = {
      kind: 'Case',
      arms: [
        { kind: 'CaseArm', guard: c, body: inner, span },
        { kind: 'CaseArm', guard: d, body: inner, span },
      ],
      span,
    };
    expect(printExpression(outer)).toBe('CASE c -> (CASE a -> b) [] d -> CASE a -> b');
  });

  it('keeps a mapped `x \\in S` from reading as a set filter', () => {
    const map: Expr = { kind: 'SetMap', body: infix('\\in', x, S), bounds: [bound(['x'], T)], span };
    expect(printExpression(map)).toBe('{(x \\in S) : x \\in T}');
    const filter: Expr = { kind: 'SetFilter', bound: bound(['x'], T), predicate: infix('\\in', x, S), span };
    expect(printExpression(filter)).toBe('{x \\in T : x \\in S}');
  });
});

describe('printExpression: literals and brackets', () => {
  it('prints numbers, strings and booleans', () => {
    expect(printExpression(num('42'))).toBe('42');
    expect(printExpression(num('3', 10, '14'))).toBe('3.14');
    expect(printExpression(num('101', 2))).toBe('\\b101');
    expect(printExpression(num('17', 8))).toBe('\\o17');
    expect(printExpression(num('FF', 16))).toBe('\\hFF');
    expect(printExpression(str('say "hi"\\\n\t'))).toBe('"say \\"hi\\"\\\\\\n\\t"');
    expect(printExpression(bool(false))).toBe('FALSE');
    expect(printExpression(infix('..', num('1'), name('N')))).toBe('1..N');
  });

  it('prints sets, functions, records, tuples and EXCEPT', () => {
    const rec: Expr = {
      kind: 'RecordCtor',
      fields: [
        { kind: 'RecordField', name: ident('a'), value: num('1'), span },
        { kind: 'RecordField', name: ident('b'), value: S, span },
      ],
      span,
    };
    expect(printExpression(rec)).toBe('[a |-> 1, b |-> S]');
    expect(printExpression({ kind: 'FieldAccess', record: rec, field: ident('a'), span })).toBe(
      '[a |-> 1, b |-> S].a',
    );
    const except: Expr = {
      kind: 'Except',
      fn: name('f'),
      updates: [
        {
          kind: 'ExceptUpdate',
          path: [{ kind: 'index', args: [a], span }],
          value: infix('+', { kind: 'At', span }, num('1')),
          span,
        },
        { kind: 'ExceptUpdate', path: [{ kind: 'field', name: ident('b'), span }], value: c, span },
      ],
      span,
    };
    expect(printExpression(except)).toBe('[f EXCEPT ![a] = @ + 1, !.b = c]');
    expect(printExpression({ kind: 'FunctionCtor', bounds: [bound(['i', 'j'], S)], body: a, span })).toBe(
      '[i, j \\in S |-> a]',
    );
    expect(printExpression({ kind: 'FunctionSet', domain: S, codomain: T, span })).toBe('[S -> T]');
    expect(
      printExpression({ kind: 'SetFilter', bound: bound(['p', 'q'], S, true), predicate: P, span }),
    ).toBe('{<<p, q>> \\in S : P}');
    expect(printExpression({ kind: 'Tuple', elements: [], span })).toBe('<<>>');
    expect(printExpression({ kind: 'Tuple', elements: [prefix('<>', P)], span })).toBe('<< <>P >>');
    expect(printExpression({ kind: 'FunctionApp', fn: name('f'), args: [a, b], span })).toBe('f[a, b]');
    expect(printExpression(call('Op', [a], [pathPart('M', [b]), pathPart('N')]))).toBe('M(b)!N!Op(a)');
  });

  it('prints actions and fairness', () => {
    const next = call('Next', []);
    const vars = name('vars');
    expect(
      printExpression(prefix('[]', { kind: 'ActionExpr', box: true, action: next, subscript: vars, span })),
    ).toBe('[][Next]_vars');
    expect(
      printExpression({
        kind: 'ActionExpr',
        box: false,
        action: next,
        subscript: { kind: 'Tuple', elements: [x, y], span },
        span,
      }),
    ).toBe('<<Next>>_<<x, y>>');
    expect(printExpression({ kind: 'Fairness', strong: false, subscript: vars, action: next, span })).toBe(
      'WF_vars(Next)',
    );
    expect(
      printExpression({
        kind: 'Fairness',
        strong: true,
        subscript: call('vars', [], [pathPart('I')]),
        action: next,
        span,
      }),
    ).toBe('SF_I!vars(Next)');
  });
});

describe('printExpression: layout', () => {
  it('prints bulleted lists with aligned bullets and indented continuations', () => {
    const e = junction(
      '/\\',
      infix('=', x, num('1')),
      junction('\\/', infix('=', y, num('2')), infix('=', y, num('3'))),
    );
    expect(printExpression(e)).toBe('/\\ x = 1\n/\\ \\/ y = 2\n   \\/ y = 3');
  });

  it('parenthesizes a bulleted list used as a left operand', () => {
    expect(printExpression(infix('=>', junction('/\\', a, b), c))).toBe('(/\\ a\n /\\ b) => c');
    expect(printExpression(infix('=>', c, junction('/\\', a, b)))).toBe('c => /\\ a\n     /\\ b');
  });

  it('aligns lists nested in quantifiers and arguments', () => {
    const e = forall('p', S, junction('\\/', call('A', [name('p')]), call('B', [name('p')])));
    expect(printExpression(e)).toBe('\\A p \\in S : \\/ A(p)\n             \\/ B(p)');
    expect(printExpression(call('F', [junction('/\\', a, b), c]))).toBe('F(/\\ a\n  /\\ b, c)');
  });

  it('prints LET, multi-line IF and CASE', () => {
    const let_: Expr = {
      kind: 'Let',
      defs: [opDef('u', [], num('1')), opDef('v', [opDecl('z')], infix('+', name('z'), num('1')))],
      body: call('v', [name('u')]),
      span,
    };
    expect(printExpression(let_)).toBe('LET u == 1\n    v(z) == z + 1\nIN  v(u)');
    expect(printExpression(ifte(a, junction('/\\', b, c), d))).toBe(
      'IF a\n  THEN /\\ b\n       /\\ c\n  ELSE d',
    );
    expect(printExpression(ifte(a, b, c))).toBe('IF a THEN b ELSE c');
    const case_: Expr = {
      kind: 'Case',
      arms: [
        { kind: 'CaseArm', guard: a, body: num('1'), span },
        { kind: 'CaseArm', guard: b, body: num('2'), span },
      ],
      other: num('3'),
      span,
    };
    expect(printExpression(case_)).toBe('CASE a -> 1\n  [] b -> 2\n  [] OTHER -> 3');
  });
});

describe('printModule', () => {
  const step = (label: string, body: ProofStep['body'], proof?: ProofStep['proof']): ProofStep =>
    proof
      ? { kind: 'ProofStep', label, dot: true, body, proof, span }
      : { kind: 'ProofStep', label, dot: true, body, span };
  const by = (...facts: Expr[]) =>
    ({ kind: 'TerminalProof', form: 'BY', proofKeyword: false, only: false, facts, defs: [], span }) as const;

  it('prints declarations, definitions, instances, theorems and nested modules', () => {
    const inner: Module = {
      kind: 'Module',
      name: ident('Inner'),
      extends: [],
      units: [{ kind: 'VariableDecl', names: [ident('v')], span }],
      span,
    };
    const units: Unit[] = [
      { kind: 'ConstantDecl', decls: [opDecl('N'), opDecl('F', 2), opDecl('++', 2, 'infix')], span },
      { kind: 'VariableDecl', names: [ident('x'), ident('y')], span },
      opDef('Init', [], junction('/\\', infix('=', x, num('0')), infix('=', y, num('0')))),
      opDef('++', [opDecl('p'), opDecl('q')], infix('+', name('p'), name('q')), 'infix'),
      { ...opDef('Helper', [opDecl('G', 1)], call('G', [x])), local: true },
      {
        kind: 'FunctionDef',
        name: ident('fact'),
        bounds: [bound(['n'], name('Nat'))],
        body: ifte(
          infix('=', name('n'), num('0')),
          num('1'),
          infix('*', name('n'), {
            kind: 'FunctionApp',
            fn: name('fact'),
            args: [infix('-', name('n'), num('1'))],
            span,
          }),
        ),
        local: false,
        span,
      },
      { kind: 'RecursiveDecl', decls: [opDecl('R', 1)], span },
      {
        kind: 'ModuleDef',
        name: ident('I'),
        params: [],
        instance: {
          kind: 'Instance',
          module: ident('Inner'),
          substitutions: [{ kind: 'Substitution', target: ident('v'), value: x, span }],
          local: false,
          span,
        },
        local: false,
        span,
      },
      { kind: 'Assume', keyword: 'ASSUME', expr: infix('\\in', name('N'), name('Nat')), span },
      {
        kind: 'Theorem',
        keyword: 'THEOREM',
        name: ident('T1'),
        body: {
          kind: 'AssumeProve',
          assumptions: [
            { kind: 'NewDecl', level: 'CONSTANT', isNew: true, decl: opDecl('k'), set: name('Nat'), span },
            infix('>', name('k'), num('0')),
          ],
          goal: infix('>=', name('k'), num('1')),
          span,
        },
        proof: {
          kind: 'StepsProof',
          proofKeyword: false,
          steps: [
            step(
              '<1>1',
              { kind: 'Assert', suffices: false, body: infix('#', name('k'), num('0')) },
              by(name('T0')),
            ),
            step(
              '<1>2',
              { kind: 'Qed' },
              {
                kind: 'TerminalProof',
                form: 'BY',
                proofKeyword: false,
                only: false,
                facts: [{ kind: 'StepRef', label: '<1>1', span }],
                defs: [name('Init')],
                span,
              },
            ),
          ],
          span,
        },
        span,
      },
      { kind: 'UseOrHide', keyword: 'USE', only: false, facts: [], defs: [name('Init')], span },
      { kind: 'NestedModule', module: inner, span },
    ];
    const m: Module = { kind: 'Module', name: ident('Spec'), extends: [ident('Naturals')], units, span };
    expect(printModule(m)).toBe(
      [
        '---- MODULE Spec ----',
        'EXTENDS Naturals',
        '',
        'CONSTANTS N, F(_, _), _ ++ _',
        'VARIABLES x, y',
        '',
        'Init == /\\ x = 0',
        '        /\\ y = 0',
        '',
        'p ++ q == p + q',
        '',
        'LOCAL Helper(G(_)) == G(x)',
        '',
        'fact[n \\in Nat] == IF n = 0 THEN 1 ELSE n * fact[n - 1]',
        '',
        'RECURSIVE R(_)',
        '',
        'I == INSTANCE Inner WITH v <- x',
        '',
        'ASSUME N \\in Nat',
        '',
        'THEOREM T1 == ASSUME NEW k \\in Nat, k > 0 PROVE k >= 1',
        '  <1>1. k # 0',
        '    BY T0',
        '  <1>2. QED',
        '    BY <1>1 DEF Init',
        '',
        'USE DEF Init',
        '',
        '---- MODULE Inner ----',
        '',
        'VARIABLE v',
        '====',
        '====',
        '',
      ].join('\n'),
    );
  });
});

describe('printing parsed text', () => {
  const reprint = (text: string): string => {
    const r = parseExpression(text);
    expect(r.diagnostics).toEqual([]);
    return printExpression(r.expr!);
  };

  it('normalizes spelling and spacing', () => {
    expect(reprint("pc'[self]=can'.white")).toBe("pc'[self] = can'.white");
    expect(reprint('x \\union y \\o z')).toBe('x \\cup y \\circ z');
    expect(reprint('a /= b \\/ \\lnot c')).toBe('a # b \\/ ~c');
    expect(reprint('((a + b)) * (c)')).toBe('(a + b) * c');
    expect(reprint('[][Next]_<<x,y>> /\\ WF_vars(A)')).toBe('[][Next]_<<x, y>> /\\ WF_vars(A)');
    expect(reprint('x \\in S \\X T \\X U')).toBe('x \\in S \\X T \\X U');
  });

  it('realigns bulleted lists', () => {
    expect(reprint('/\\ a\n/\\    \\/ b\n      \\/ c')).toBe('/\\ a\n/\\ \\/ b\n   \\/ c');
  });

  it('breaks long lists and bodies', () => {
    const set = `{${Array.from({ length: 30 }, (_, i) => String(1000 + i)).join(',')}}`;
    expect(reprint(set)).toBe(
      [
        '{1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015,',
        ' 1016, 1017, 1018, 1019, 1020, 1021, 1022, 1023, 1024, 1025, 1026, 1027, 1028, 1029}',
      ].join('\n'),
    );
    const q = `\\A ${'v'.repeat(40)} \\in ${'S'.repeat(40)} : ${'P'.repeat(40)}`;
    expect(reprint(q)).toBe(`\\A ${'v'.repeat(40)} \\in ${'S'.repeat(40)} :\n  ${'P'.repeat(40)}`);
    const chain = Array.from({ length: 8 }, (_, i) => `SomeSetNumber${i}`).join(' \\cup ');
    expect(reprint(chain)).toBe(Array.from({ length: 8 }, (_, i) => `SomeSetNumber${i}`).join('\n\\cup '));
  });

  it('prints a source file without the text around the module', () => {
    const text = [
      'header text',
      '---- MODULE M ----',
      'VARIABLE x',
      '(* comment *)',
      "Next == x' = x",
      '====',
      'after',
    ];
    const r = parseModule(text.join('\n'), 'M.tla');
    expect(r.diagnostics).toEqual([]);
    expect(printSourceFile(r.file!)).toBe("---- MODULE M ----\n\nVARIABLE x\n\nNext == x' = x\n====\n");
  });
});
