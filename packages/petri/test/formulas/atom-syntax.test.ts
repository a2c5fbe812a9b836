import {
  type AtomFormula,
  collectAtoms,
  type Formula,
  formulaEquals,
  printFormula,
} from '@modelcheck/temporal';
import { describe, expect, it } from 'vitest';
import { type NetPredicate, parseNetFormula } from '../../src/index.js';
import { net } from '../support/nets.js';

const N = net(`
place p = 2
place q
place "my place"
place G
transition t : p -> q
transition u : q -> p
transition "odd-id" : p -> "my place"
`);

function parse(text: string): Formula {
  const r = parseNetFormula(text, N);
  expect(r.diagnostics).toEqual([]);
  return r.formula!;
}

/** The predicates of a formula's atoms, in order of first occurrence. */
function predicates(text: string): NetPredicate[] {
  return collectAtoms(parse(text)).map((a: AtomFormula) => a.data as NetPredicate);
}

const tokens = (...places: number[]) => ({ kind: 'tokens' as const, places });
const constant = (value: number) => ({ kind: 'constant' as const, value });

describe('the atom syntax of --ctl/--ltl on nets', () => {
  it('reads fireable lists (either of them enabled), deadlock, token sums and comparisons', () => {
    expect(predicates('fireable(t, u)')).toEqual([{ kind: 'fireable', transitions: [0, 1] }]);
    expect(predicates('is-fireable(u)')).toEqual([{ kind: 'fireable', transitions: [1] }]);
    expect(predicates('deadlock')).toEqual([{ kind: 'deadlock' }]);
    expect(predicates('tokens(p, q) >= 2')).toEqual([
      { kind: 'compare', op: '>=', left: tokens(0, 1), right: constant(2) },
    ]);
    expect(predicates('3 <= tokens-count(q)')).toEqual([
      { kind: 'compare', op: '<=', left: constant(3), right: tokens(1) },
    ]);
    expect(predicates('tokens(p) < tokens(q, "my place")')).toEqual([
      { kind: 'compare', op: '<', left: tokens(0), right: tokens(1, 2) },
    ]);
  });

  it('a place alone is tokens(p); alone as an atom it is marked; a transition alone is enabled', () => {
    expect(predicates('p > 1')).toEqual([{ kind: 'compare', op: '>', left: tokens(0), right: constant(1) }]);
    expect(predicates('q = 0 & p != 2 & p == q & p /= 1')).toEqual([
      { kind: 'compare', op: '=', left: tokens(1), right: constant(0) },
      { kind: 'compare', op: '!=', left: tokens(0), right: constant(2) },
      { kind: 'compare', op: '=', left: tokens(0), right: tokens(1) },
      { kind: 'compare', op: '!=', left: tokens(0), right: constant(1) },
    ]);
    expect(predicates('p ≥ 1 | q ≤ 1 | p ≠ q')).toEqual([
      { kind: 'compare', op: '>=', left: tokens(0), right: constant(1) },
      { kind: 'compare', op: '<=', left: tokens(1), right: constant(1) },
      { kind: 'compare', op: '!=', left: tokens(0), right: tokens(1) },
    ]);
    expect(predicates('q')).toEqual([{ kind: 'compare', op: '>=', left: tokens(1), right: constant(1) }]);
    expect(predicates('u')).toEqual([{ kind: 'fireable', transitions: [1] }]);
    expect(predicates('"odd-id"')).toEqual([{ kind: 'fireable', transitions: [2] }]);
    // A name the formula syntax reserves (G) is quoted, alone or in a list.
    expect(predicates('"G" >= 1 | tokens(G) = 0')).toEqual([
      { kind: 'compare', op: '>=', left: tokens(3), right: constant(1) },
      { kind: 'compare', op: '=', left: tokens(3), right: constant(0) },
    ]);
  });

  it('does not read the temporal operators <->, <=>, =>, <> as comparisons', () => {
    const f = parse('p <-> q');
    expect(f.kind).toBe('iff');
    expect(parse('p <=> q').kind).toBe('iff');
    expect(parse('p => <> q').kind).toBe('implies');
    expect(parse('AG (fireable(t) -> EF q >= 2)')).toMatchObject({
      kind: 'all',
      arg: { kind: 'globally', arg: { kind: 'implies' } },
    });
    expect(parse('A (p U q = 2)')).toMatchObject({ kind: 'all', arg: { kind: 'until' } });
  });

  it('the same test gets the same atom name (one bit in LTL), different tests different names', () => {
    const atoms = collectAtoms(parse('G (p >= 1 | tokens(p) >= 1 | p | fireable(t, t) | fireable(t))'));
    expect(atoms.map((a) => a.name)).toHaveLength(2);
  });

  it('prints formulas in this syntax, and the print reads back to the same formula', () => {
    for (const text of [
      'AG (fireable(t, u) -> EF tokens(p, q) >= 2)',
      'G (p > 1 -> X "my place" = 0) & F deadlock',
      'E [q <= p U "odd-id"]',
      '"G" != 3',
    ]) {
      const f = parse(text);
      const printed = printFormula(f);
      expect(formulaEquals(parse(printed), f), printed).toBe(true);
      expect(collectAtoms(parse(printed)).map((a) => a.name)).toEqual(collectAtoms(f).map((a) => a.name));
    }
  });

  it('names unknown places and transitions at their line and column (PN205, PN206), with a hint', () => {
    const r = parseNetFormula('AG (tokens(p, qq) >= 1\n  | fireable(tt))', N, 'f.ctl');
    expect(r.formula).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.span?.start.line, d.span?.start.column])).toEqual([
      ['PN205', 1, 15],
      ['PN206', 2, 14],
    ]);
    expect(r.diagnostics[0].message).toBe('the formula names a place qq that the net does not have');
    expect(r.diagnostics[0].hint).toBe('did you mean q?');
    expect(r.diagnostics[1].hint).toBe('did you mean t?');
    const alone = parseNetFormula('F zz', N);
    expect(alone.diagnostics.map((d) => [d.code, d.span?.start.column])).toEqual([['PN205', 3]]);
    expect(alone.diagnostics[0].message).toMatch(/zz, which is neither a place nor a transition/);
    const wrongKind = parseNetFormula('tokens(t) >= 1', N);
    expect(wrongKind.diagnostics[0]).toMatchObject({
      code: 'PN205',
      hint: 't is a transition of the net, not a place',
    });
  });

  it('malformed atoms are located syntax errors (LTL110)', () => {
    const cases: [string, number, RegExp][] = [
      ['tokens(p) <= ', 14, /expected a number, a place or tokens/],
      ['G tokens(p)', 3, /expected a comparison/],
      ['fireable()', 9, /needs at least one transition/],
      ['fireable(t', 11, /expected ',' or '\)'/],
      ['F 3', 3, /expected a comparison/],
      ['tokens(p) >= "q', 14, /no closing "/],
    ];
    for (const [text, column, message] of cases) {
      const r = parseNetFormula(text, N);
      expect(r.formula, text).toBeUndefined();
      expect(r.diagnostics[0].code, text).toBe('LTL110');
      expect(r.diagnostics[0].message, text).toMatch(message);
      expect(r.diagnostics[0].span?.start.column, text).toBe(column);
    }
  });
});
