import { describe, expect, it } from 'vitest';
import { insertDefBreaks, tokenize } from '../../src/syntax/lexer.js';

function kinds(text: string, module = false): string[] {
  const r = tokenize(text, 't', { module });
  expect(r.diagnostics.map((d) => d.message)).toEqual([]);
  return r.tokens.map((t) => `${t.tokenType.name}:${t.image}`);
}

describe('tokenize', () => {
  it('splits operators by longest match', () => {
    expect(kinds('a<=>b <= c < d << e >> f <> g <- h')).toEqual([
      'Identifier:a',
      'InfixSym:<=>',
      'Identifier:b',
      'InfixSym:<=',
      'Identifier:c',
      'InfixSym:<',
      'Identifier:d',
      'LAngle:<<',
      'Identifier:e',
      'RAngle:>>',
      'Identifier:f',
      'Diamond:<>',
      'Identifier:g',
      'LeftArrow:<-',
      'Identifier:h',
    ]);
    expect(kinds('-+-> -> -- -| -. - ..  ... . |-> || |- |= | ::= :: := :> :')).toEqual([
      'InfixSym:-+->',
      'Arrow:->',
      'InfixSym:--',
      'InfixSym:-|',
      'PrefixDeclOp:-.',
      'Minus:-',
      'InfixSym:..',
      'InfixSym:...',
      'Dot:.',
      'MapsTo:|->',
      'InfixSym:||',
      'InfixSym:|-',
      'InfixSym:|=',
      'InfixSym:|',
      'InfixSym:::=',
      'ColonColon:::',
      'InfixSym::=',
      'InfixSym::>',
      'Colon::',
    ]);
    expect(kinds("x' ^+ ^* ^# ^^ ^ == = => =< =| ~> ~ [] [ ]_ ] >>_")).toEqual([
      'Identifier:x',
      "Prime:'",
      'PostfixSym:^+',
      'PostfixSym:^*',
      'PostfixSym:^#',
      'InfixSym:^^',
      'InfixSym:^',
      'DefEq:==',
      'Eq:=',
      'InfixSym:=>',
      'InfixSym:=<',
      'InfixSym:=|',
      'InfixSym:~>',
      'Tilde:~',
      'Box:[]',
      'LBracket:[',
      'RBracketUnderscore:]_',
      'RBracket:]',
      'RAngleUnderscore:>>_',
    ]);
  });

  it('reads backslash words, set difference, junction bullets and comments', () => {
    expect(
      kinds('\\in \\notin \\cup \\X \\times \\A \\EE \\o \\oplus S\\T /\\ \\/ \\land \\* comment'),
    ).toEqual([
      'In:\\in',
      'InfixWord:\\notin',
      'InfixWord:\\cup',
      'Times:\\X',
      'Times:\\times',
      'Forall:\\A',
      'TExists:\\EE',
      'InfixWord:\\o',
      'InfixWord:\\oplus',
      'Identifier:S',
      'SetMinus:\\',
      'Identifier:T',
      'AndOp:/\\',
      'OrOp:\\/',
      'LandWord:\\land',
    ]);
    expect(kinds('a (* outer (* inner *) still *) b')).toEqual(['Identifier:a', 'Identifier:b']);
  });

  it('reads reserved words, WF_ and SF_, and names that start with digits', () => {
    expect(
      kinds(
        'IF THEN ELSE LET IN CHOOSE ENABLED SUBSET LEMMA AXIOM TRUE FALSE STRING WF_vars SF_v 2avInv2 x_1 _y',
      ),
    ).toEqual([
      'IF:IF',
      'THEN:THEN',
      'ELSE:ELSE',
      'LET:LET',
      'IN:IN',
      'CHOOSE:CHOOSE',
      'PrefixWord:ENABLED',
      'PrefixWord:SUBSET',
      'THEOREM:LEMMA',
      'ASSUMPTION:AXIOM',
      'TRUE:TRUE',
      'TRUE:FALSE',
      'BOOLEAN:STRING',
      'WF:WF_',
      'Identifier:vars',
      'SF:SF_',
      'Identifier:v',
      'Identifier:2avInv2',
      'Identifier:x_1',
      'Identifier:_y',
    ]);
  });

  it('reads numbers and strings', () => {
    expect(kinds('42 3.14 1..2 \\b101 \\o17 \\h1F \\HfF "a\\"b"')).toEqual([
      'NumberLit:42',
      'NumberLit:3.14',
      'NumberLit:1',
      'InfixSym:..',
      'NumberLit:2',
      'BasedNumber:\\b101',
      'BasedNumber:\\o17',
      'BasedNumber:\\h1F',
      'BasedNumber:\\HfF',
      'StringLit:"a\\"b"',
    ]);
  });

  it('reads proof step names apart from comparisons', () => {
    expect(kinds('<1>2. <2>a <3> <1>. <*> <+>1 x<1')).toEqual([
      'Step:<1>2.',
      'Step:<2>a',
      'Step:<3>',
      'Step:<1>.',
      'Step:<*>',
      'Step:<+>1',
      'Identifier:x',
      'InfixSym:<',
      'NumberLit:1',
    ]);
  });

  it('reads Unicode symbols', () => {
    expect(kinds('≜ ∈ ∀ ∃ ∧ ∨ ¬ ⇒ ≠ ≤ ⊆ ∪ □ ◇ ⟨ ⟩ ⟩_ ↦ → ← ∷ × ℕ')).toEqual([
      'DefEq:≜',
      'In:∈',
      'Forall:∀',
      'Exists:∃',
      'AndOp:∧',
      'OrOp:∨',
      'Tilde:¬',
      'InfixSym:⇒',
      'InfixSym:≠',
      'InfixSym:≤',
      'InfixSym:⊆',
      'InfixSym:∪',
      'Box:□',
      'Diamond:◇',
      'LAngle:⟨',
      'RAngle:⟩',
      'RAngleUnderscore:⟩_',
      'MapsTo:↦',
      'Arrow:→',
      'LeftArrow:←',
      'ColonColon:∷',
      'Times:×',
      'NumberSet:ℕ',
    ]);
  });

  it('records positions, layout columns and line starts', () => {
    const r = tokenize('a ==\n\t/\\ b', 't', { module: false });
    const [a, , bullet, b] = r.tokens;
    expect(a.start).toEqual({ line: 1, column: 1, offset: 0 });
    expect(a.end).toEqual({ line: 1, column: 2, offset: 1 });
    expect(bullet.start).toEqual({ line: 2, column: 2, offset: 6 });
    expect(bullet.vcol).toBe(9);
    expect(bullet.firstOnLine).toBe(true);
    expect(b.firstOnLine).toBe(false);
  });

  it('keeps only the first module: text before its header and after its end is ignored', () => {
    const text =
      'preamble "unterminated\n---- MODULE A ----\n---- MODULE B ----\n====\nx == 1\n====\nafter ` illegal';
    const r = tokenize(text, 't', { module: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.tokens.map((t) => t.image)).toEqual([
      '---- MODULE',
      'A',
      '----',
      '---- MODULE',
      'B',
      '----',
      '====',
      'x',
      '==',
      '1',
      '====',
    ]);
  });

  it('finds PlusCal algorithms in comments only', () => {
    const r = tokenize('---- MODULE A ----\n(* --algorithm A { } *)\n====', 't', { module: true });
    expect(r.plusCal?.start).toEqual({ line: 2, column: 4, offset: 22 });
    const q = tokenize('---- MODULE A ----\n\\* --fair  algorithm A\n====', 't', { module: true });
    expect(q.plusCal?.start.line).toBe(2);
    expect(
      tokenize('---- MODULE A ----\nalgorithm == 1\n====', 't', { module: true }).plusCal,
    ).toBeUndefined();
  });

  it('inserts a definition break before the left-hand side of each definition', () => {
    const lhs = (text: string) =>
      insertDefBreaks(tokenize(text, 't', { module: false }).tokens)
        .map((t) => (t.tokenType.name === 'DefBreak' ? '|' : t.image))
        .join(' ');
    expect(lhs('A == x B(y) == 1 f[z \\in S] == 2 a + b == 3 -. c == 4 d ^+ == 5')).toBe(
      '| A == x | B ( y ) == 1 | f [ z \\in S ] == 2 | a + b == 3 | -. c == 4 | d ^+ == 5',
    );
    expect(lhs('THEOREM T == x ASSUME U == y LOCAL L == z')).toBe(
      'THEOREM T == x ASSUME U == y LOCAL | L == z',
    );
  });
});
