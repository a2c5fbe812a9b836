import { describe, expect, it } from 'vitest';
import {
  analyzeSpec,
  buildModel,
  memoryHost,
  parseConfig,
  printValue,
  type TlaState,
} from '../../src/index.js';

/** The value of `expr` as TLC prints it: the initial state of `VARIABLE x  Init == x = expr`. */
function evaluate(expr: string, extends_ = 'Integers, Sequences, FiniteSets, TLC', defs = ''): string {
  const text = `---- MODULE E ----\nEXTENDS ${extends_}\nVARIABLE x\n${defs}\nInit == x = (${expr})\nNext == UNCHANGED x\n====\n`;
  const spec = analyzeSpec('/e/E.tla', { host: memoryHost({ '/e/E.tla': text }) });
  const errors = spec.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const cfg = parseConfig('INIT Init\nNEXT Next\n', '/e/E.cfg');
  const built = buildModel(spec, cfg.config!);
  if (!built.model) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  const states: TlaState[] = [];
  built.model.system.initialStates((s) => states.push(s));
  expect(states).toHaveLength(1);
  return printValue(states[0][0]);
}

// Expected values are worked out by hand from the TLA+ definitions and printed in TLC's format.
const cases: [string, string][] = [
  ['1 + 2 * 3', '7'],
  ['-5 \\div 2', '-2'], // unary minus binds looser than \\div: -(5 \\div 2)
  ['(-5) \\div 2', '-3'], // \\div rounds down
  ['-5 % 3', '1'],
  ['2 ^ 10', '1024'],
  ['3..1', '{}'],
  ['{3, 1, 2, 1}', '{1, 2, 3}'],
  ['{1, 2} \\cup {2, 3}', '{1, 2, 3}'],
  ['{1, 2} \\cap {2, 3}', '{2}'],
  ['{1, 2} \\ {2, 3}', '{1}'],
  ['SUBSET {1, 2}', '{{}, {1}, {2}, {1, 2}}'],
  ['UNION {{1}, {2, 3}}', '{1, 2, 3}'],
  ['{x \\in 1..6 : x % 2 = 0}', '{2, 4, 6}'],
  ['{x * x : x \\in -2..2}', '{0, 1, 4}'],
  ['{1, 2} \\X {"a"}', '{<<1, "a">>, <<2, "a">>}'],
  ['Cardinality([{1, 2} -> {3, 4, 5}])', '9'],
  ['[i \\in 1..3 |-> i * 10]', '<<10, 20, 30>>'],
  ['[i \\in {"a", "b"} |-> i]', '[a |-> "a", b |-> "b"]'],
  ['[[a |-> 1, b |-> 2] EXCEPT !.a = @ + 10]', '[a |-> 11, b |-> 2]'],
  ['[<<1, 2, 3>> EXCEPT ![2] = 7]', '<<1, 7, 3>>'],
  ['DOMAIN [a |-> 1, b |-> 2]', '{"a", "b"}'],
  ['[a : {1, 2}, b : {TRUE}]', '{[a |-> 1, b |-> TRUE], [a |-> 2, b |-> TRUE]}'],
  ['CHOOSE y \\in 1..10 : y > 3', '4'],
  ['\\A y \\in 1..3 : \\E z \\in 1..3 : z > y', 'FALSE'],
  ['IF 1 < 2 THEN "yes" ELSE "no"', '"yes"'],
  ['CASE 1 > 2 -> 1 [] 2 > 1 -> 2 [] OTHER -> 3', '2'],
  ['LET f[n \\in 0..5] == IF n = 0 THEN 1 ELSE n * f[n - 1] IN f[5]', '120'],
  ['Append(<<1>>, 2) \\o <<3>>', '<<1, 2, 3>>'],
  ['SubSeq(<<1, 2, 3, 4>>, 2, 3)', '<<2, 3>>'],
  ['SelectSeq(<<1, 2, 3, 4>>, LAMBDA e : e % 2 = 0)', '<<2, 4>>'],
  ['Head(<<5, 6>>) + Len(Tail(<<5, 6, 7>>))', '7'],
  ['(1 :> "a") @@ (2 :> "b")', '<<"a", "b">>'],
  ['<<1, "a">> \\in Nat \\X STRING', 'TRUE'],
  ['Permutations({1, 2})', '{<<1, 2>>, <<2, 1>>}'],
  ['<<1, 2>> \\in Seq({1, 2})', 'TRUE'],
  ['(TRUE => FALSE) <=> ~TRUE', 'TRUE'],
];

describe('evaluator: operators against hand-computed values', () => {
  for (const [expr, expected] of cases) {
    it(expr, () => {
      expect(evaluate(expr)).toBe(expected);
    });
  }

  it('user operators, higher-order parameters and LET', () => {
    expect(evaluate('Twice(Inc, 3)', 'Integers', 'Inc(n) == n + 1\nTwice(F(_), n) == F(F(n))')).toBe('5');
    expect(evaluate('LET sq(n) == n * n IN sq(sq(2))', 'Integers')).toBe('16');
  });

  it('reports an application outside the domain in TLC words', () => {
    expect(() => evaluate('<<1, 2>>[3]')).toThrow(/index 3 of tuple|not in the domain/);
  });
});
