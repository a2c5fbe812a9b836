import { describe, expect, it } from 'vitest';
import { parseExpression, parseModule } from '../../src/syntax/index.js';

/** `[name, module body (between header and ====, or a whole file if it has no header line), code, line, column]`. */
type Case = [name: string, text: string, code: string, line: number, column: number];

const M = (body: string) => `---- MODULE A ----\n${body}\n====\n`;

const cases: Case[] = [
  // Lexical errors.
  ['unterminated string', M('x == "abc'), 'TLA100', 2, 6],
  ['unterminated comment', M('(* abc (* nested *)\nx == 1'), 'TLA101', 2, 1],
  ['illegal character', M('x == 1 ` 2'), 'TLA102', 2, 8],
  ['illegal Unicode character', M('x == a § b'), 'TLA102', 2, 8],
  ['malformed binary number', M('x == \\b102'), 'TLA103', 2, 6],
  ['malformed octal number', M('x == \\o78'), 'TLA103', 2, 6],
  ['invalid string escape', M('x == "a\\qb"'), 'TLA104', 2, 8],
  // Module structure.
  ['missing module header', 'x == 1\n====\n', 'TLA120', 1, 1],
  ['missing ====', '---- MODULE A ----\nx == 1\n', 'TLA121', 3, 1],
  ['missing module name', '---- MODULE ----\n====', 'TLA122', 1, 13],
  ['stray token at unit level', M('x == 1\n-> 2'), 'TLA122', 3, 1],
  // Brackets.
  ['unclosed (', M('x == (1 + 2\ny == 3'), 'TLA123', 3, 1],
  ['unclosed [', M('x == [a |-> 1'), 'TLA123', 3, 1],
  ['unclosed {', M('x == {1, 2'), 'TLA123', 3, 1],
  ['unclosed <<', M('x == <<1, 2'), 'TLA123', 3, 1],
  ['unclosed ( in arguments', M('x == F(1, 2\ny == 3'), 'TLA123', 3, 1],
  ['unmatched )', M('x == 1 + 2)'), 'TLA123', 2, 11],
  // Operators.
  ['precedence conflict /\\ \\/', M('x == a \\/ b /\\ c'), 'TLA124', 2, 13],
  ['non-associative =', M('x == a = b = c'), 'TLA124', 2, 12],
  ['non-associative =>', M('x == a => b => c'), 'TLA124', 2, 13],
  ['box and prime', M("x == []v'"), 'TLA124', 2, 9],
  ['missing operand after infix', M('x == 1 +\ny == 2'), 'TLA131', 3, 1],
  ['two infix operators', M('x == 1 + * 2'), 'TLA131', 2, 10],
  ['missing operator', M('x == a b'), 'TLA132', 2, 8],
  ['missing operator in parentheses', M('x == (a b)'), 'TLA132', 2, 9],
  // Bulleted lists.
  [
    'item continues left of its bullet',
    M('Init == /\\ x = 0\n        /\\ y = x +\n       1'),
    'TLA125',
    4,
    8,
  ],
  ['bullet one column right (conflict)', M('Next == \\/ a /\\ b\n         \\/ c'), 'TLA125', 3, 10],
  ['bullet one column left (conflict)', M('Next == \\/ a\n       \\/ b /\\ c'), 'TLA125', 3, 8],
  ['unclosed ( inside a list item', M('x == /\\ (a\n     /\\ b)'), 'TLA123', 3, 6],
  ['list item without its expression', M('x == /\\ a =\n     /\\ b'), 'TLA131', 3, 6],
  // Keywords and definitions.
  ['IF without ELSE', M('x == IF a THEN b\ny == 2'), 'TLA126', 3, 1],
  ['IF without THEN', M('x == IF a ELSE b'), 'TLA126', 2, 11],
  ['missing == (=)', M('Foo(x) = x + 1'), 'TLA127', 2, 8],
  ['missing == on a new line', M('x == 1\nFoo x + 1'), 'TLA127', 3, 5],
  ['reserved word as variable', M('VARIABLE THEN'), 'TLA128', 2, 10],
  ['reserved word as definition', M('ELSE == 1'), 'TLA128', 2, 1],
  ['reserved word as parameter', M('F(x, CASE) == x'), 'TLA128', 2, 6],
  ['reserved word as bound variable', M('x == \\A IN \\in S : TRUE'), 'TLA128', 2, 9],
  ['EXCEPT without !', M('x == [f EXCEPT [1] = 2]'), 'TLA129', 2, 16],
  ['second EXCEPT update without !', M('x == [f EXCEPT ![1] = 2, .a = 3]'), 'TLA129', 2, 26],
  ['empty CASE', M('x == CASE OTHER -> 1'), 'TLA130', 2, 6],
  ['empty CASE at the end', M('x == CASE'), 'TLA130', 2, 6],
  ['LET without IN', M('x == LET a == 1'), 'TLA122', 3, 1],
  ['quantifier without colon', M('x == \\A y \\in S y'), 'TLA132', 2, 17],
  ['malformed constant declaration', M('CONSTANT 1'), 'TLA135', 2, 10],
  ['misplaced ::', M('x == 1 :: 2'), 'TLA134', 2, 8],
  ['LAMBDA outside an argument', M('x == 1 + LAMBDA y : y'), 'TLA131', 2, 10],
  ['<<A>>_v with two actions', M('x == <<a, b>>_v'), 'TLA122', 2, 12],
  // Proofs.
  ['proof without QED', M('THEOREM T == TRUE\n<1>1. TRUE\n  OBVIOUS'), 'TLA133', 5, 1],
  ['step of the wrong level', M('THEOREM T == TRUE\n<1>1. TRUE\n<2>1. TRUE\n<1> QED'), 'TLA133', 5, 1],
  [
    'proof after a step that takes none',
    M('THEOREM T == TRUE\n<1> USE TRUE\n  OBVIOUS\n<1> QED'),
    'TLA133',
    4,
    3,
  ],
  ['proof outside a theorem', M('x == 1\n<1>1. TRUE'), 'TLA133', 3, 1],
  // Limits.
  ['brackets nested too deeply', M(`x == ${'('.repeat(300)}1${')'.repeat(300)}`), 'TLA136', 2, 206],
];

describe('syntax errors', () => {
  it.each(cases)('%s', (_name, text, code, line, column) => {
    let result: ReturnType<typeof parseModule> | undefined;
    expect(() => {
      result = parseModule(text, 'A.tla');
    }).not.toThrow();
    const r = result!;
    expect(r.file).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect({ code: d.code, line: d.span?.start.line, column: d.span?.start.column }, d.message).toEqual({
      code,
      line,
      column,
    });
    expect(d.severity).toBe('error');
    expect(d.span?.file).toBe('A.tla');
    expect(d.message.length).toBeGreaterThan(20);
  });

  it('has at least 30 cases, covering every documented syntax code except the internal one', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const codes = new Set(cases.map((c) => c[2]));
    for (let n = 100; n <= 104; n++) expect(codes.has(`TLA${n}`), `TLA${n}`).toBe(true);
    for (let n = 120; n <= 136; n++) expect(codes.has(`TLA${n}`), `TLA${n}`).toBe(true);
  });

  it('reports input too deeply nested for the parser instead of crashing', () => {
    const r = parseModule(M(`x == ${'/\\ '.repeat(3000)}y`), 'A.tla');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['TLA136']);
    // The parser still works afterwards.
    expect(parseModule(M('x == 1'), 'A.tla').diagnostics).toEqual([]);
  });

  it('explains an unclosed bracket with the position of the bracket', () => {
    const d = parseModule(M('x == (1 + 2\ny == 3'), 'A.tla').diagnostics[0];
    expect(d.message).toContain('line 2, column 6');
    expect(d.related?.[0].span.start).toMatchObject({ line: 2, column: 6 });
  });

  it('explains a misaligned bullet with the column of the list', () => {
    const d = parseModule(M('Next == \\/ a /\\ b\n         \\/ c'), 'A.tla').diagnostics[0];
    expect(d.message).toContain('column 10');
    expect(d.message).toContain('column 9');
    expect(d.hint).toBeDefined();
  });

  it('reports errors of standalone expressions', () => {
    const cases: [string, string, number][] = [
      ['', 'TLA131', 1],
      ['a +', 'TLA131', 4],
      ['a b', 'TLA132', 3],
      ['a /\\ b \\/ c', 'TLA124', 8],
      ['(a', 'TLA123', 3],
      ['"abc', 'TLA100', 1],
      [')', 'TLA123', 1],
    ];
    for (const [text, code, column] of cases) {
      const r = parseExpression(text);
      expect(r.expr, text).toBeUndefined();
      expect([r.diagnostics[0]?.code, r.diagnostics[0]?.span?.start.column], text).toEqual([code, column]);
    }
  });
});
