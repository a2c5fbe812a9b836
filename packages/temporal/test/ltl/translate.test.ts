import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Formula, type Gba, parseFormula, printFormula, translateLtl } from '../../src/index.js';
import { evalWord, type Word } from '../support/lasso-eval.js';
import { ltlArb } from '../support/random-graph.js';

/**
 * Whether a TGBA accepts an ultimately periodic word, independently of the checker: the product of
 * the automaton with the word's positions as an explicit graph, SCCs by mutual reachability, and
 * an accepting SCC reachable from the start whose internal transitions cover every acceptance set.
 */
function accepts(gba: Gba, word: Word): boolean {
  if (gba.initial < 0) return false;
  const n = word.letters.length;
  const letterOf = (i: number): number =>
    gba.atoms.reduce((bits, a, k) => (word.letters[i](a) ? bits | (1 << k) : bits), 0);
  const node = (i: number, q: number) => i * gba.stateCount + q;
  const edges: { from: number; to: number; acc: number }[] = [];
  for (let i = 0; i < n; i++) {
    const l = letterOf(i);
    const j = i + 1 < n ? i + 1 : word.loop;
    for (const t of gba.transitions) {
      if (t.guard.some((c) => (l & c.pos) === c.pos && (l & c.neg) === 0))
        edges.push({ from: node(i, t.from), to: node(j, t.to), acc: t.acc });
    }
  }
  const total = n * gba.stateCount;
  const reach = (v: number): Set<number> => {
    const seen = new Set([v]);
    const stack = [v];
    while (stack.length) {
      const x = stack.pop()!;
      for (const e of edges)
        if (e.from === x && !seen.has(e.to)) {
          seen.add(e.to);
          stack.push(e.to);
        }
    }
    return seen;
  };
  const reachOf = Array.from({ length: total }, (_, v) => reach(v));
  const all = gba.acceptanceSets === 32 ? 0xffffffff : (1 << gba.acceptanceSets) - 1;
  for (const v of reachOf[node(0, gba.initial)]) {
    let acc = 0;
    let cycle = false;
    for (const e of edges) {
      // Internal to v's SCC: both ends reach each other and v.
      if (reachOf[v].has(e.from) && reachOf[e.from].has(v) && reachOf[v].has(e.to) && reachOf[e.to].has(v)) {
        cycle = true;
        acc |= e.acc;
      }
    }
    if (cycle && (acc & all) >>> 0 === all >>> 0) return true;
  }
  return false;
}

const wordArb: fc.Arbitrary<Word> = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc
    .record({
      letters: fc.array(fc.record({ p: fc.boolean(), q: fc.boolean(), r: fc.boolean() }), {
        minLength: n,
        maxLength: n,
      }),
      loop: fc.integer({ min: 0, max: n - 1 }),
    })
    .map(({ letters, loop }) => ({
      loop,
      letters: letters.map((l) => (a: string) => l[a as 'p' | 'q' | 'r']),
    })),
);

describe('LTL to TGBA', () => {
  it('the automaton accepts exactly the lassos that satisfy the formula', () => {
    fc.assert(
      fc.property(ltlArb(3), fc.array(wordArb, { minLength: 6, maxLength: 6 }), (formula, words) => {
        const gba = translateLtl(formula);
        const raw = translateLtl(formula, { reduce: false });
        for (const w of words) {
          const want = evalWord(formula, w);
          expect(accepts(gba, w), printFormula(formula)).toBe(want);
          expect(accepts(raw, w), `${printFormula(formula)} (unreduced)`).toBe(want);
        }
      }),
      { numRuns: 600 },
    );
  });

  const size = (text: string): { states: number; sets: number } => {
    const f = parseFormula(text).formula as Formula;
    const a = translateLtl(f);
    return { states: a.stateCount, sets: a.acceptanceSets };
  };

  // ltl2ba (state-based Büchi): 2, 4 and 6 states. These are transition-based, so smaller or equal.
  it('stays as small as ltl2ba on the usual formulas', () => {
    expect(size('G(p -> F q)').states).toBeLessThanOrEqual(2);
    expect(size('GF p & GF q & GF r')).toEqual({ states: 1, sets: 3 });
    expect(size('(GF p -> GF q) -> G(r -> F s)').states).toBeLessThanOrEqual(6);
    // The negations, which the checker builds.
    expect(size('!G(p -> F q)').states).toBeLessThanOrEqual(2);
    expect(size('!(GF p & GF q & GF r)').states).toBeLessThanOrEqual(4);
  });

  it('gives the empty automaton for an unsatisfiable formula and one state for a valid one', () => {
    expect(translateLtl(parseFormula('G p & F !p').formula!).initial).toBe(-1);
    expect(translateLtl(parseFormula('p | !p').formula!)).toMatchObject({ stateCount: 1, acceptanceSets: 0 });
  });
});
