import { describe, expect, it } from 'vitest';
import type {
  Expr,
  Junction,
  OpApp,
  OperatorDef,
  ProofStep,
  StepsProof,
  Theorem,
} from '../../src/syntax/ast.js';
import { TlaParser } from '../../src/syntax/grammar.js';
import { canonicalOperator, OPERATORS, operatorInfo, parseExpression } from '../../src/syntax/index.js';
import { expr, file, module, shape, sx } from './parser-test-helpers.js';

describe('grammar', () => {
  it("passes chevrotain's grammar validations (no ambiguities, no left recursion)", () => {
    expect(() => new TlaParser(true)).not.toThrow();
  });
});

describe('operator table', () => {
  it('canonicalises ASCII and Unicode synonyms', () => {
    expect(canonicalOperator('\\union')).toBe('\\cup');
    expect(canonicalOperator('∪')).toBe('\\cup');
    expect(canonicalOperator('\\land')).toBe('/\\');
    expect(canonicalOperator('∧')).toBe('/\\');
    expect(canonicalOperator('/=')).toBe('#');
    expect(canonicalOperator('≠')).toBe('#');
    expect(canonicalOperator('=<')).toBe('<=');
    expect(canonicalOperator('\\leq')).toBe('<=');
    expect(canonicalOperator('≤')).toBe('<=');
    expect(canonicalOperator('\\o')).toBe('\\circ');
    expect(canonicalOperator('\\times')).toBe('\\X');
    expect(canonicalOperator('(+)')).toBe('\\oplus');
    expect(canonicalOperator('-')).toBe('-');
    expect(canonicalOperator('+')).toBe('+');
    expect(canonicalOperator('\\notAnOperator')).toBe('\\notAnOperator');
  });

  it('looks operators up by fixity', () => {
    expect(operatorInfo('-', 'prefix')?.name).toBe('-.');
    expect(operatorInfo('-', 'infix')?.name).toBe('-');
    expect(operatorInfo('≡', 'infix')).toMatchObject({ name: '<=>', low: 2, high: 2, builtin: true });
    expect(operatorInfo("'", 'postfix')).toMatchObject({ low: 15, high: 15, builtin: true });
    expect(operatorInfo('[]', 'prefix')).toMatchObject({ low: 4, high: 15, builtin: true });
    expect(operatorInfo('+', 'infix')).toMatchObject({ low: 10, high: 10, assoc: 'left', builtin: false });
    expect(operatorInfo('=', 'infix')).toMatchObject({ assoc: 'none', builtin: true });
    expect(operatorInfo('\\X', 'infix')?.builtin).toBe(true);
    expect(operatorInfo('+', 'prefix')).toBeUndefined();
  });

  it('has one entry per operator and fixity, with sane ranges', () => {
    const seen = new Set<string>();
    for (const op of OPERATORS) {
      const key = `${op.fix} ${op.name}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(op.low).toBeLessThanOrEqual(op.high);
      for (const s of op.synonyms) expect(operatorInfo(s, op.fix)).toBe(op);
    }
  });
});

describe('precedence and associativity', () => {
  it.each([
    ['a + b * c', '(+:infix a (*:infix b c))'],
    ['a * b + c', '(+:infix (*:infix a b) c)'],
    ['a - b - c', '(-:infix (-:infix a b) c)'],
    ['~a = b', '(~:prefix (=:infix a b))'],
    ["x' = x + 1", "(=:infix (':postfix x) (+:infix x 1))"],
    ['-a + b', '(+:infix (-.:prefix a) b)'],
    ['-a * b', '(-.:prefix (*:infix a b))'],
    ['- - a', '(-.:prefix (-.:prefix a))'],
    ['a + -b', '(+:infix a (-.:prefix b))'],
    ['-x^2', '(-.:prefix (^:infix x 2))'],
    ['a /\\ b /\\ c', '(/\\:infix (/\\:infix a b) c)'],
    ['a \\land b /\\ c', '(/\\:infix (/\\:infix a b) c)'],
    ['a => b /\\ c', '(=>:infix a (/\\:infix b c))'],
    ['a \\in S \\cup T', '(\\in:infix a (\\cup:infix S T))'],
    ['SUBSET S \\cup T', '(\\cup:infix (SUBSET:prefix S) T)'],
    ['DOMAIN f \\cup g', '(\\cup:infix (DOMAIN:prefix f) g)'],
    ['ENABLED A /\\ B', '(/\\:infix (ENABLED:prefix A) B)'],
    ['UNCHANGED <<x, y>> /\\ z', '(/\\:infix (UNCHANGED:prefix <<x, y>>) z)'],
    ['[]P => <>Q', '(=>:infix ([]:prefix P) (<>:prefix Q))'],
    ['[]<>P', '([]:prefix (<>:prefix P))'],
    ['P ~> Q', '(~>:infix P Q)'],
    ['P -+-> Q', '(-+->:infix P Q)'],
    ['A \\cdot B', '(\\cdot:infix A B)'],
    ['a \\o b \\circ c', '(\\circ:infix (\\circ:infix a b) c)'],
    ['1..N', '(..:infix 1 N)'],
    ['a # b', '(#:infix a b)'],
    ['a /= b', '(#:infix a b)'],
    ['a <= b', '(<=:infix a b)'],
    ['a =< b', '(<=:infix a b)'],
    ['r.a.b', '(. (. r a) b)'],
    ['f[x].a', '(. (app f x) a)'],
    ["f[x]'", "(':postfix (app f x))"],
    ["x'[1]", "(app (':postfix x) 1)"],
    ['-f[x]', '(-.:prefix (app f x))'],
    ['x^+', '(^+:postfix x)'],
    ['(a + b) * c', '(*:infix (+:infix a b) c)'],
  ])('%s', (text, expected) => {
    expect(shape(text)).toBe(expected);
  });

  it('treats the Cartesian product as one n-ary application', () => {
    expect(shape('A \\X B \\X C')).toBe('(\\X:infix A B C)');
    expect(shape('A \\times B × C')).toBe('(\\X:infix A B C)');
    expect(shape('(A \\X B) \\X C')).toBe('(\\X:infix (\\X:infix A B) C)');
    expect(shape('A \\X (B \\X C)')).toBe('(\\X:infix A (\\X:infix B C))');
    const e = expr('A \\X B \\X C') as OpApp;
    expect(e.args).toHaveLength(3);
  });

  it('rejects mixing operators whose ranges overlap, as SANY does', () => {
    for (const text of [
      'a \\/ b /\\ c',
      'a /\\ b \\/ c',
      'a = b = c',
      'a => b => c',
      'a < b < c',
      "[]x'",
      'a .. b .. c',
    ]) {
      const r = parseExpression(text);
      expect(r.expr, text).toBeUndefined();
      expect(r.diagnostics[0].code, text).toBe('TLA124');
    }
  });
});

describe('expressions', () => {
  it.each([
    ['IF a THEN b ELSE c + 1', '(IF a b (+:infix c 1))'],
    ['CASE p -> 1 [] q -> 2 [] OTHER -> 3', '(CASE [p -> 1] [q -> 2] OTHER 3)'],
    ['CASE p -> 1', '(CASE [p -> 1])'],
    ['CASE []P -> 1', '(CASE [([]:prefix P) -> 1])'],
    ['LET f[x \\in S] == x  g(y) == y IN f', '(LET (fdef f[x \\in S] x) (def g(y) y) IN f)'],
    [
      'LET RECURSIVE F(_) F(n) == F(n - 1) IN F(3)',
      '(LET (RECURSIVE F/1) (def F(n) (F (-:infix n 1))) IN (F 3))',
    ],
    ['LET I == INSTANCE M IN I!x', '(LET (mdef I M) IN I!x)'],
    ['\\A x, y \\in S, <<a, b>> \\in T : P', '(\\A x,y \\in S; <<a,b>> \\in T : P)'],
    ['\\E x, y : P', '(\\E x,y : P)'],
    ['\\forall x \\in S : \\exists y \\in S : x = y', '(\\A x \\in S : (\\E y \\in S : (=:infix x y)))'],
    ['\\AA x : P', '(\\AA x : P)'],
    ['\\EE x, y : P', '(\\EE x,y : P)'],
    ['CHOOSE x \\in S : x > 0', '(CHOOSE x \\in S : (>:infix x 0))'],
    ['CHOOSE x : P(x)', '(CHOOSE x : (P x))'],
    ['CHOOSE <<a, b>> \\in S : a', '(CHOOSE <<a,b>> \\in S : a)'],
    ['{}', '{}'],
    ['{a, b}', '{a, b}'],
    ['{x \\in S : x > 1}', '{x \\in S : (>:infix x 1)}'],
    ['{<<a, b>> \\in S : a = b}', '{<<a,b>> \\in S : (=:infix a b)}'],
    ['{x \\in S}', '{(\\in:infix x S)}'],
    ['{x \\in S, y}', '{(\\in:infix x S), y}'],
    ['{f(x) : x \\in S, <<a, b>> \\in T}', '{(f x) : x \\in S; <<a,b>> \\in T}'],
    ['[x \\in S |-> x + 1]', '[x \\in S |-> (+:infix x 1)]'],
    ['[x, y \\in S, z \\in T |-> x]', '[x,y \\in S; z \\in T |-> x]'],
    ['[S -> T]', '[S -> T]'],
    ['[a |-> 1, b |-> 2]', '[a |-> 1, b |-> 2]'],
    ['[a : S, b : T]', '[a : S, b : T]'],
    ['[f EXCEPT ![i] = e, !.a.b[j] = @ + 1]', '(EXCEPT f ![i]=e !.a.b[j]=(+:infix @ 1))'],
    ['[f EXCEPT ![i, j] = 0]', '(EXCEPT f ![i,j]=0)'],
    ['<< >>', '<<>>'],
    ['<<1, "a", TRUE>>', '<<1, "a", TRUE>>'],
    ['f[a]', '(app f a)'],
    ['f[a, b]', '(app f a b)'],
    ["<<x, y>>'", "(':postfix <<x, y>>)"],
    ["(x + y)'", "(':postfix (+:infix x y))"],
    ['[Next]_vars', '([A]_ Next vars)'],
    ['[][Next]_vars', '([]:prefix ([A]_ Next vars))'],
    ['[Next]_<<x, y>>', '([A]_ Next <<x, y>>)'],
    ['<<A>>_v', '(<<A>>_ A v)'],
    ['<>(<<A>>_v)', '(<>:prefix (<<A>>_ A v))'],
    ['[A]_M!vars', '([A]_ A M!vars)'],
    ['WF_vars(Next)', '(WF vars Next)'],
    ['SF_<<x, y>>(A)', '(SF <<x, y>> A)'],
    ['WF_M!vars(A)', '(WF M!vars A)'],
    ['WF_vars(A(p))', '(WF vars (A p))'],
    ['M!Op(x)', '(M!Op x)'],
    ['M!Op', 'M!Op'],
    ['A!B!C', 'A!B!C'],
    ['M(x)!Op(y)', '(M(x)!Op y)'],
    ['Op!2!(c)', '(Op!2! c)'],
    ['P!NextDef!:', 'P!NextDef!:'],
    ['Op!<<', 'Op!<<'],
    ['LAMBDA x, y : x + y', '(LAMBDA x,y : (+:infix x y))'],
    ['F(+, LAMBDA x : x, -.)', '(F +:infix (LAMBDA x : x) -.:prefix)'],
    ['F(-, ~)', '(F -:infix ~:prefix)'],
    ['lbl:: x + 1', '(lbl:: (+:infix x 1))'],
    ['a /\\ lbl(p, q):: b', '(/\\:infix a (lbl(p,q):: b))'],
    ['TRUE /\\ FALSE', '(/\\:infix TRUE FALSE)'],
    ['BOOLEAN \\cup STRING', '(\\cup:infix BOOLEAN STRING)'],
    ['r.TRUE', '(. r TRUE)'],
    ['x \\notin S', '(\\notin:infix x S)'],
    ['S \\ T', '(\\:infix S T)'],
    ['S\\{x}', '(\\:infix S {x})'],
  ])('%s', (text, expected) => {
    expect(shape(text)).toBe(expected);
  });

  it('decodes string escapes', () => {
    const e = expr('"a\\"b\\\\c\\nd\\te\\rf\\fg"');
    expect(e).toMatchObject({ kind: 'String', value: 'a"b\\c\nd\te\rf\fg' });
  });

  it('reads numbers in each base', () => {
    expect(expr('42')).toMatchObject({ kind: 'Number', digits: '42', base: 10 });
    expect(expr('3.14')).toMatchObject({ kind: 'Number', digits: '3', fraction: '14', base: 10 });
    expect(expr('\\b101')).toMatchObject({ kind: 'Number', digits: '101', base: 2 });
    expect(expr('\\B11')).toMatchObject({ kind: 'Number', digits: '11', base: 2 });
    expect(expr('\\o17')).toMatchObject({ kind: 'Number', digits: '17', base: 8 });
    expect(expr('\\O7')).toMatchObject({ kind: 'Number', digits: '7', base: 8 });
    expect(expr('\\h1F')).toMatchObject({ kind: 'Number', digits: '1F', base: 16 });
    expect(expr('\\Hff')).toMatchObject({ kind: 'Number', digits: 'ff', base: 16 });
    expect((expr('42') as { fraction?: string }).fraction).toBeUndefined();
  });

  it('reads Unicode symbols as their ASCII operators', () => {
    expect(shape('∀ x ∈ S : x ≤ 3 ∧ x ≠ 4')).toBe(
      '(\\A x \\in S : (/\\:infix (<=:infix x 3) (#:infix x 4)))',
    );
    expect(shape('∃ y ∈ S : ¬(y ∉ T) ∨ y ⊆ U')).toBe(
      '(\\E y \\in S : (\\/:infix (~:prefix (\\notin:infix y T)) (\\subseteq:infix y U)))',
    );
    expect(shape('□◇P ⇒ Q ≡ R')).toBe('(=>:infix ([]:prefix (<>:prefix P)) (<=>:infix Q R))');
    expect(shape('⟨a, b⟩')).toBe('<<a, b>>');
    expect(shape('[x ∈ S ↦ x]')).toBe('[x \\in S |-> x]');
    expect(shape('[S → T]')).toBe('[S -> T]');
    expect(shape('(A ∪ B) ∩ C')).toBe('(\\cap:infix (\\cup:infix A B) C)');
    expect(shape('a ⊕ b ⊖ c')).toBe('(\\oplus:infix a (\\ominus:infix b c))');
    expect(shape('a ∘ b ∘ c')).toBe('(\\circ:infix (\\circ:infix a b) c)');
    expect(shape('a ⊗ (b ⊘ c)')).toBe('(\\otimes:infix a (\\oslash:infix b c))');
    expect(shape('a ≥ b')).toBe('(>=:infix a b)');
    expect(shape('P ↝ Q')).toBe('(~>:infix P Q)');
    expect(shape('A ⋅ B')).toBe('(\\cdot:infix A B)');
    expect(shape('ℕ \\X ℤ')).toBe('(\\X:infix Nat Int)');
    expect(shape('x⁺')).toBe('(^+:postfix x)');
  });

  it('builds spans for nodes and operator names', () => {
    const e = expr('a  +  b') as OpApp;
    expect(e.span.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(e.span.end).toEqual({ line: 1, column: 8, offset: 7 });
    expect(e.nameSpan.start.column).toBe(4);
    expect(e.nameSpan.end.column).toBe(5);
    const f = expr('f[x]') as Expr;
    expect(f.span.end.offset).toBe(4);
    const s = expr('{1, 2}');
    expect([s.span.start.offset, s.span.end.offset]).toEqual([0, 6]);
    const w = expr('WF_vars(Next)');
    expect([w.span.start.offset, w.span.end.offset]).toEqual([0, 13]);
  });
});

describe('bulleted lists', () => {
  it('reads a list as one Junction whose items end at the offside column', () => {
    const text = ['/\\ a', '/\\ b = 1', '   + 2', '/\\ c'].join('\n');
    expect(shape(text)).toBe('(/\\@1 a (=:infix b (+:infix 1 2)) c)');
  });

  it('keeps a one-item list as a Junction', () => {
    const j = expr('/\\ x') as Junction;
    expect(j).toMatchObject({ kind: 'Junction', op: '/\\', column: 1 });
    expect(j.items).toHaveLength(1);
  });

  it('nests lists by column, and mixes conjunctions and disjunctions', () => {
    const text = [
      '\\/ /\\ a', //
      '   /\\ b',
      '\\/ /\\ c',
      '   /\\ \\/ d',
      '      \\/ e',
      '\\/ f',
    ].join('\n');
    expect(shape(text)).toBe('(\\/@1 (/\\@4 a b) (/\\@4 c (\\/@7 d e)) f)');
  });

  it('ends a list at a token left of the bullets, which then continues the outer expression', () => {
    expect(shape(['  /\\ a', '  /\\ b', '=> c'].join('\n'))).toBe('(=>:infix (/\\@3 a b) c)');
  });

  it('ends a list at a bullet of the other kind in the same column', () => {
    expect(shape(['/\\ a', '\\/ b'].join('\n'))).toBe('(\\/:infix (/\\@1 a) b)');
  });

  it('reads an inline /\\ inside an item as an infix operator', () => {
    expect(shape(['\\/ a /\\ b', '\\/ c'].join('\n'))).toBe('(\\/@1 (/\\:infix a b) c)');
  });

  it('applies the offside rule inside parentheses and brackets', () => {
    expect(shape(['/\\ (a', '    + b)', '/\\ c'].join('\n'))).toBe('(/\\@1 (+:infix a b) c)');
    expect(parseExpression(['/\\ (a', '/\\ b)'].join('\n')).diagnostics[0].code).toBe('TLA123');
  });

  it('lets a closing bracket left of the bullets end the list', () => {
    expect(shape(['x = (/\\ a', '     /\\ b', '    )'].join('\n'))).toBe('(=:infix x (/\\@6 a b))');
  });

  it('accepts bullets that are Unicode, tabbed, or inside IF, LET, quantifiers and CASE', () => {
    expect(shape(['∧ a', '∧ b'].join('\n'))).toBe('(/\\@1 a b)');
    expect(shape(['\t/\\ a', '        /\\ b'].join('\n'))).toBe('(/\\@2 a b)');
    const text = [
      'IF c THEN /\\ a',
      '          /\\ b',
      '     ELSE \\E x \\in S : /\\ x',
      '                       /\\ LET y == x',
      '                          IN  y',
    ].join('\n');
    expect(shape(text)).toBe('(IF c (/\\@11 a b) (\\E x \\in S : (/\\@24 x (LET (def y x) IN y))))');
  });

  it('parses the junctions of the SimpleLock spec', () => {
    const m = module(SIMPLE_LOCK_BODY, 'SimpleLock');
    const def = (name: string) =>
      m.units.find((u): u is OperatorDef => u.kind === 'OperatorDef' && u.name.name === name)!;
    expect(sx(def('TypeOK').body)).toBe(
      '(/\\@11 (\\in:infix lockOwner (\\cup:infix Procs {"None"})) (\\subseteq:infix waiting Procs))',
    );
    expect(sx(def('Release').body)).toBe(
      "(/\\@15 (=:infix lockOwner p) (IF (=:infix waiting {}) (/\\@23 (=:infix (':postfix lockOwner) \"None\") (=:infix (':postfix waiting) waiting)) (/\\@23 (\\E q \\in waiting : (/\\@26 (=:infix (':postfix lockOwner) q) (=:infix (':postfix waiting) (\\:infix waiting {q})))))))",
    );
    expect(sx(def('Next').body)).toBe(
      '(\\/@9 (\\E p \\in Procs : (TryAcquire p)) (\\E p \\in Procs : (Release p)))',
    );
    expect(sx(def('Mutex').body)).toBe(
      '(\\/:infix (=:infix lockOwner "None") (\\A p \\in Procs : (=>:infix (#:infix p lockOwner) (#:infix p lockOwner))))',
    );
    expect(sx(def('Spec').body)).toBe(
      '(/\\:infix (/\\:infix Init ([]:prefix ([A]_ Next vars))) (WF vars Next))',
    );
  });
});

const SIMPLE_LOCK_BODY = String.raw`EXTENDS Integers, TLC
CONSTANT Procs
VARIABLES lockOwner, waiting
vars == <<lockOwner, waiting>>
TypeOK == /\ lockOwner \in Procs \cup {"None"}
          /\ waiting \subseteq Procs
Init == /\ lockOwner = "None"
        /\ waiting = {}
TryAcquire(p) == /\ p \notin waiting
                 /\ IF lockOwner = "None"
                    THEN /\ lockOwner' = p
                         /\ waiting' = waiting
                    ELSE /\ lockOwner' = lockOwner
                         /\ waiting' = waiting \cup {p}
Release(p) == /\ lockOwner = p
              /\ IF waiting = {}
                 THEN /\ lockOwner' = "None"
                      /\ waiting' = waiting
                 ELSE /\ \E q \in waiting:
                         /\ lockOwner' = q
                         /\ waiting' = waiting \ {q}
Next == \/ \E p \in Procs: TryAcquire(p)
        \/ \E p \in Procs: Release(p)
Mutex == lockOwner = "None" \/ \A p \in Procs: p # lockOwner => p # lockOwner
Liveness == []<>(lockOwner = "None" \/ \E p \in Procs: Release(p) /\ waiting # {})
Spec == Init /\ [][Next]_vars /\ WF_vars(Next)`;

describe('modules', () => {
  it('parses the SimpleLock spec', () => {
    const f = file(`---- MODULE SimpleLock ----\n${SIMPLE_LOCK_BODY}\n====\n`, 'SimpleLock.tla');
    const m = f.module;
    expect(m.name.name).toBe('SimpleLock');
    expect(m.extends.map((e) => e.name)).toEqual(['Integers', 'TLC']);
    expect(m.units.map((u) => u.kind)).toEqual([
      'ConstantDecl',
      'VariableDecl',
      ...Array(9).fill('OperatorDef'),
    ]);
    expect(m.span.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(m.span.end.line).toBe(28);
  });

  it('ignores text before the header and after the end, and drops separators', () => {
    const f = file('junk (* \n---- MODULE A ----\nx == 1\n------\ny == 2\n==== trailing "junk\n');
    expect(f.module.units.map((u) => u.kind)).toEqual(['OperatorDef', 'OperatorDef']);
    expect(f.module.span.start).toEqual({ line: 2, column: 1, offset: 9 });
  });

  it('reads declarations of every form', () => {
    const m = module(
      ['CONSTANTS x, F(_, _), _ + _, -. _, _ ^+, ~ _', 'VARIABLE v', 'RECURSIVE G(_), H'].join('\n'),
    );
    const [c, v, r] = m.units;
    expect(c.kind).toBe('ConstantDecl');
    if (c.kind !== 'ConstantDecl') return;
    expect(c.decls.map((d) => [d.name.name, d.arity, d.fix])).toEqual([
      ['x', 0, 'call'],
      ['F', 2, 'call'],
      ['+', 2, 'infix'],
      ['-.', 1, 'prefix'],
      ['^+', 1, 'postfix'],
      ['~', 1, 'prefix'],
    ]);
    expect(v).toMatchObject({ kind: 'VariableDecl', names: [{ name: 'v' }] });
    expect(r.kind === 'RecursiveDecl' && r.decls.map((d) => [d.name.name, d.arity])).toEqual([
      ['G', 1],
      ['H', 0],
    ]);
  });

  it('reads definitions of every form', () => {
    const m = module(
      [
        'Op == 1',
        'Op2(x, F(_)) == F(x)',
        'a (+) b == a + b',
        'a \\prec b == a < b',
        '-. a == 0 - a',
        'a ^+ == a',
        'f[x \\in S, <<a, b>> \\in T] == x',
        'LOCAL L == 2',
        'I == INSTANCE Naturals',
        'J(p) == INSTANCE M2 WITH x <- p, + <- Plus',
        'INSTANCE M3',
        'LOCAL INSTANCE M4 WITH y <- 1',
      ].join('\n'),
    );
    expect(
      m.units.map((u) =>
        u.kind === 'Instance' ? `INSTANCE ${u.module.name} ${u.local}` : sx(u as OperatorDef),
      ),
    ).toEqual([
      '(def Op 1)',
      '(def Op2(x,F/1) (F x))',
      '(def \\oplus(a,b):infix (+:infix a b))',
      '(def \\prec(a,b):infix (<:infix a b))',
      '(def -.(a):prefix (-:infix 0 a))',
      '(def ^+(a):postfix a)',
      '(fdef f[x \\in S; <<a,b>> \\in T] x)',
      '(def LOCAL L 2)',
      '(mdef I Naturals)',
      '(mdef J(p) M2)',
      'INSTANCE M3 false',
      'INSTANCE M4 true',
    ]);
    const j = m.units[9];
    expect(
      j.kind === 'ModuleDef' && j.instance.substitutions.map((s) => `${s.target.name}<-${sx(s.value)}`),
    ).toEqual(['x<-p', '+<-Plus']);
  });

  it('reads assumptions and theorems', () => {
    const m = module(
      [
        'ASSUME N > 0',
        'ASSUME Pos == N > 0',
        'AXIOM TRUE',
        'THEOREM T == N > 0',
        'LEMMA N > 1',
        'COROLLARY C == ASSUME NEW x \\in S, P(x) PROVE Q(x)',
      ].join('\n'),
    );
    expect(m.units.map((u) => u.kind)).toEqual([
      'Assume',
      'Assume',
      'Assume',
      'Theorem',
      'Theorem',
      'Theorem',
    ]);
    expect(m.units[1]).toMatchObject({ kind: 'Assume', keyword: 'ASSUME', name: { name: 'Pos' } });
    expect(m.units[2]).toMatchObject({ kind: 'Assume', keyword: 'AXIOM' });
    expect(m.units[3]).toMatchObject({ kind: 'Theorem', keyword: 'THEOREM', name: { name: 'T' } });
    expect(m.units[4]).toMatchObject({ kind: 'Theorem', keyword: 'LEMMA' });
    const c = m.units[5] as Theorem;
    expect(c.body.kind).toBe('AssumeProve');
    if (c.body.kind !== 'AssumeProve') return;
    expect(c.body.assumptions[0]).toMatchObject({
      kind: 'NewDecl',
      level: 'CONSTANT',
      isNew: true,
      decl: { name: { name: 'x' } },
    });
    expect(sx(c.body.goal)).toBe('(Q x)');
  });

  it('reads nested modules', () => {
    const m = module(['x == 1', '---- MODULE Inner ----', 'y == 2', '====', 'z == 3'].join('\n'), 'Outer');
    expect(m.units.map((u) => u.kind)).toEqual(['OperatorDef', 'NestedModule', 'OperatorDef']);
    const n = m.units[1];
    expect(n.kind === 'NestedModule' && n.module.name.name).toBe('Inner');
  });

  it('reports a PlusCal algorithm in a comment', () => {
    const f = file('---- MODULE P ----\n(* --algorithm P\nvariables x = 0;\nend algorithm *)\nx == 1\n====');
    expect(f.plusCal?.start).toEqual({ line: 2, column: 4, offset: 22 });
    const g = file('---- MODULE P ----\n(*--fair algorithm P *)\n====');
    expect(g.plusCal?.start.line).toBe(2);
    expect(file('---- MODULE P ----\nx == 1\n====').plusCal).toBeUndefined();
  });

  it('reads module-level USE and HIDE', () => {
    const m = module(
      ['USE N \\in Nat DEFS Procs, \\prec', 'HIDE DEF Foo', 'USE ONLY A, MODULE Naturals'].join('\n'),
    );
    expect(m.units[0]).toMatchObject({ kind: 'UseOrHide', keyword: 'USE', only: false });
    const [u, h, o] = m.units;
    expect(u.kind === 'UseOrHide' && [u.facts.map(sx), u.defs.map(sx)]).toEqual([
      ['(\\in:infix N Nat)'],
      ['Procs', '\\prec:infix'],
    ]);
    expect(h.kind === 'UseOrHide' && [h.keyword, h.facts.length, h.defs.map(sx)]).toEqual([
      'HIDE',
      0,
      ['Foo'],
    ]);
    expect(o.kind === 'UseOrHide' && [o.only, o.facts.map(sx)]).toEqual([true, ['A', 'Naturals:module']]);
  });
});

describe('proofs', () => {
  const proofModule = String.raw`---- MODULE Pr ----
THEOREM T == \A n \in Nat : n >= 0
PROOF
<1>1. SUFFICES ASSUME NEW n \in Nat PROVE n >= 0
  OBVIOUS
<1>2. CASE n = 0
  BY <1>1 DEF Nat
<1>a. PICK m \in Nat : m = n
  <2>1. TRUE
    OMITTED
  <2> QED
    BY ONLY <2>1
<1> DEFINE Q(x) == x + 1
<1>3. HAVE n > 0
<1>4. TAKE x \in S
<1>5. WITNESS 1, 2
<1> USE <1>2, <1>3 DEF Q
<1>6. ASSUME NEW CONSTANT c, NEW VARIABLE v, NEW ACTION A PROVE c
  PROOF OBVIOUS
<1> QED
  BY <1>1, <1>2, <1>a
LEMMA L == TRUE BY DEF T
====
`;

  it('builds the proof tree', () => {
    const m = file(proofModule, 'Pr.tla').module;
    const t = m.units[0] as Theorem;
    const proof = t.proof as StepsProof;
    expect(proof).toMatchObject({ kind: 'StepsProof', proofKeyword: true });
    const summary = (s: ProofStep) =>
      `${s.label}${s.dot ? '.' : ''} ${s.body.kind}${s.proof ? ` {${s.proof.kind}}` : ''}`;
    expect(proof.steps.map(summary)).toEqual([
      '<1>1. Assert {TerminalProof}',
      '<1>2. Case {TerminalProof}',
      '<1>a. Pick {StepsProof}',
      '<1> Define',
      '<1>3. Have',
      '<1>4. Take',
      '<1>5. Witness',
      '<1> UseOrHide',
      '<1>6. Assert {TerminalProof}',
      '<1> Qed {TerminalProof}',
    ]);
    const s1 = proof.steps[0];
    expect(s1.body).toMatchObject({ kind: 'Assert', suffices: true, body: { kind: 'AssumeProve' } });
    const s2 = proof.steps[1];
    expect(s2.proof).toMatchObject({ kind: 'TerminalProof', form: 'BY', only: false });
    if (s2.proof?.kind === 'TerminalProof') {
      expect(s2.proof.facts.map(sx)).toEqual(['<1>1']);
      expect(s2.proof.defs.map(sx)).toEqual(['Nat']);
    }
    const pick = proof.steps[2];
    expect(pick.proof?.kind === 'StepsProof' && pick.proof.steps.map(summary)).toEqual([
      '<2>1. Assert {TerminalProof}',
      '<2> Qed {TerminalProof}',
    ]);
    const qed = pick.proof?.kind === 'StepsProof' ? pick.proof.steps[1].proof : undefined;
    expect(qed).toMatchObject({ kind: 'TerminalProof', form: 'BY', only: true });
    const ap = proof.steps[8].body;
    expect(
      ap.kind === 'Assert' &&
        ap.body.kind === 'AssumeProve' &&
        ap.body.assumptions.map((a) => (a.kind === 'NewDecl' ? a.level : a.kind)),
    ).toEqual(['CONSTANT', 'VARIABLE', 'ACTION']);
    expect(proof.steps[8].proof).toMatchObject({
      kind: 'TerminalProof',
      form: 'OBVIOUS',
      proofKeyword: true,
    });
    const lemma = m.units[1] as Theorem;
    expect(lemma.proof).toMatchObject({
      kind: 'TerminalProof',
      form: 'BY',
      facts: [],
      defs: [{ name: 'T' }],
    });
  });

  it('lexes step names and comparisons apart', () => {
    expect(shape('x<1')).toBe('(<:infix x 1)');
    expect(shape('x <1 /\\ y> 2')).toBe('(/\\:infix (<:infix x 1) (>:infix y 2))');
    expect(shape('<<1>>')).toBe('<<1>>');
    expect(shape('a <= b')).toBe('(<=:infix a b)');
  });

  it('accepts <*> and <+> step names', () => {
    const m = file(
      '---- MODULE S ----\nTHEOREM TRUE\n<*>1. TRUE\n  <+> QED\n    OBVIOUS\n<*> QED\n====',
      'S.tla',
    ).module;
    const t = m.units[0] as Theorem;
    const steps = (t.proof as StepsProof).steps;
    expect(steps.map((s) => s.label)).toEqual(['<*>1', '<*>']);
    expect(steps[0].proof?.kind).toBe('StepsProof');
  });
});
