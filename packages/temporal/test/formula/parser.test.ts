import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AtomParser,
  delimitedAtoms,
  type Formula,
  f,
  formulaEquals,
  parseFormula,
  printFormula,
  stripRanges,
} from '../../src/index.js';
import { ctlArb, ltlArb } from '../support/random-graph.js';

const parse = (text: string, atoms?: AtomParser): Formula => {
  const r = parseFormula(text, atoms ? { atoms } : {});
  if (!r.formula) throw new Error(`${text}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return stripRanges(r.formula);
};
const p = f.atom('p');
const q = f.atom('q');
const r = f.atom('r');

describe('parseFormula', () => {
  it('reads every spelling of every operator', () => {
    const same: [string, Formula][] = [
      ['!p', f.not(p)],
      ['~p', f.not(p)],
      ['\u00acp', f.not(p)],
      ['p & q', f.and(p, q)],
      ['p && q', f.and(p, q)],
      ['p /\\ q', f.and(p, q)],
      ['p \u2227 q', f.and(p, q)],
      ['p | q', f.or(p, q)],
      ['p || q', f.or(p, q)],
      ['p \\/ q', f.or(p, q)],
      ['p \u2228 q', f.or(p, q)],
      ['p -> q', f.implies(p, q)],
      ['p => q', f.implies(p, q)],
      ['p \u2192 q', f.implies(p, q)],
      ['p \u21d2 q', f.implies(p, q)],
      ['p <-> q', f.iff(p, q)],
      ['p <=> q', f.iff(p, q)],
      ['p \u2194 q', f.iff(p, q)],
      ['p \u21d4 q', f.iff(p, q)],
      ['X p', f.X(p)],
      ['\u25cb p', f.X(p)],
      ['\u25ef p', f.X(p)],
      ['F p', f.F(p)],
      ['<>p', f.F(p)],
      ['\u25c7p', f.F(p)],
      ['G p', f.G(p)],
      ['[]p', f.G(p)],
      ['\u25a1p', f.G(p)],
      ['p U q', f.U(p, q)],
      ['p R q', f.R(p, q)],
      ['p W q', f.W(p, q)],
      ['p ~> q', f.leadsTo(p, q)],
      ['true', f.true()],
      ['TRUE & FALSE', f.and(f.true(), f.false())],
      ['AG p', f.A(f.G(p))],
      ['A G p', f.A(f.G(p))],
      ['EF p', f.E(f.F(p))],
      ['AX EX p', f.A(f.X(f.E(f.X(p))))],
      ['A[p U q]', f.A(f.U(p, q))],
      ['E[p U q]', f.E(f.U(p, q))],
      ['A (p U q)', f.A(f.U(p, q))],
      ['E(p W q)', f.E(f.W(p, q))],
      ['GF p', f.G(f.F(p))],
      ['[]<>p', f.G(f.F(p))],
      ['"my atom" & q', f.and(f.atom('my atom'), q)],
      ['"G"', f.atom('G')],
    ];
    for (const [text, want] of same) expect(formulaEquals(parse(text), want), text).toBe(true);
  });

  it('binds prefix operators tightest, then U R W, &, |, ->, <->', () => {
    expect(formulaEquals(parse('F p U q'), f.U(f.F(p), q))).toBe(true);
    expect(formulaEquals(parse('!p U q'), f.U(f.not(p), q))).toBe(true);
    expect(formulaEquals(parse('p & q U r'), f.and(p, f.U(q, r)))).toBe(true);
    expect(formulaEquals(parse('p U q U r'), f.U(p, f.U(q, r)))).toBe(true);
    expect(formulaEquals(parse('p | q & r'), f.or(p, f.and(q, r)))).toBe(true);
    expect(formulaEquals(parse('p -> q -> r'), f.implies(p, f.implies(q, r)))).toBe(true);
    expect(formulaEquals(parse('p -> q | r'), f.implies(p, f.or(q, r)))).toBe(true);
    expect(formulaEquals(parse('p <-> q -> r'), f.iff(p, f.implies(q, r)))).toBe(true);
    expect(formulaEquals(parse('p & q & r'), f.and(f.and(p, q), r))).toBe(true);
    expect(formulaEquals(parse('G p -> F q'), f.implies(f.G(p), f.F(q)))).toBe(true);
  });

  it('keeps source ranges on nodes', () => {
    const res = parseFormula('G (p -> F qq)');
    const g = res.formula!;
    expect(g.range).toEqual({ start: 0, end: 13 });
    if (g.kind !== 'globally' || g.arg.kind !== 'implies') throw new Error('shape');
    expect(g.arg.right.range).toEqual({ start: 8, end: 12 });
  });

  it('prints formulas back to text that parses to the same formula', () => {
    fc.assert(
      fc.property(
        fc.oneof(ltlArb(4, true), ctlArb(3)),
        fc.constantFrom('ascii' as const, 'unicode' as const),
        (g, style) => {
          const text = printFormula(g, { style });
          expect(formulaEquals(parse(text), g), text).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes atoms from a hook, and falls back to identifiers', () => {
    const braces = delimitedAtoms('{', '}');
    const g = parseFormula('G ({x = 1} -> F {pc = "a}b"}) & done', { atoms: braces }).formula!;
    const names: string[] = [];
    const walk = (h: Formula): void => {
      if (h.kind === 'atom') names.push(h.name);
      if ('arg' in h) walk(h.arg);
      if ('left' in h) {
        walk(h.left);
        walk(h.right);
      }
    };
    walk(g);
    expect(names).toEqual(['x = 1', 'pc = "a}b"', 'done']);
    expect(printFormula(g)).toBe('G ({x = 1} -> F {pc = "a}b"}) & done');
  });
});

describe('parse errors', () => {
  const cases: [string, string, number, number][] = [
    // text, code, start column, end column (1-based, end exclusive)
    ['', 'LTL111', 1, 1],
    ['p &', 'LTL102', 4, 4],
    ['(p | q', 'LTL103', 7, 7],
    ['A[p & q]', 'LTL106', 2, 9],
    ['p q', 'LTL104', 3, 4],
    ['"abc', 'LTL105', 1, 5],
    ['G', 'LTL102', 2, 2],
    ['p )', 'LTL104', 3, 4],
    ['p # q', 'LTL104', 3, 4],
    ['# p', 'LTL101', 1, 2],
    ['p & & q', 'LTL102', 5, 6],
    ['F U p', 'LTL102', 3, 4],
    ['{x = 1', 'LTL110', 1, 7],
  ];
  for (const [text, code, start, end] of cases) {
    it(`${JSON.stringify(text)}: ${code} at ${start}-${end}`, () => {
      const res = parseFormula(text, { atoms: delimitedAtoms('{', '}'), file: 'f.ltl' });
      expect(res.formula).toBeUndefined();
      expect(res.diagnostics).toHaveLength(1);
      const d = res.diagnostics[0];
      expect(d.code).toBe(code);
      expect(d.message.length).toBeGreaterThan(5);
      expect(d.span).toMatchObject({
        file: 'f.ltl',
        start: { line: 1, column: start },
        end: { line: 1, column: end },
      });
    });
  }

  it('reports the line of a multi-line formula, and refuses absurd nesting without a stack overflow', () => {
    const d = parseFormula('G (p ->\n  F (q &))').diagnostics[0];
    expect(d.span?.start).toMatchObject({ line: 2, column: 9 });
    const deep = parseFormula(`${'('.repeat(100_000)}p${')'.repeat(100_000)}`);
    expect(deep.diagnostics[0].code).toBe('LTL107');
    const deepNot = parseFormula(`${'!'.repeat(100_000)}p`);
    expect(deepNot.diagnostics[0].code).toBe('LTL107');
  });
});

/** An atom hook for the MCC formula texts: fireable(t, ...) and comparisons of token sums. */
const mccAtoms: AtomParser = (text, offset) => {
  const ident = /[A-Za-z_][A-Za-z0-9_]*/y;
  const list = /\(\s*[A-Za-z_][A-Za-z0-9_]*(\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*\s*\)/y;
  const term = (at: number): number | undefined => {
    const num = /\d+/y;
    num.lastIndex = at;
    if (num.test(text)) return num.lastIndex;
    ident.lastIndex = at;
    if (!ident.test(text) || text.slice(at, ident.lastIndex) !== 'tokens') return undefined;
    list.lastIndex = ident.lastIndex;
    return list.test(text) ? list.lastIndex : undefined;
  };
  ident.lastIndex = offset;
  if (ident.test(text) && text.slice(offset, ident.lastIndex) === 'fireable') {
    list.lastIndex = ident.lastIndex;
    if (!list.test(text)) return { error: 'fireable(...) needs a list of transitions', start: offset };
    return { end: list.lastIndex, name: text.slice(offset, list.lastIndex) };
  }
  const left = term(offset);
  if (left === undefined) return undefined;
  const op = /\s*<=\s*/y;
  op.lastIndex = left;
  if (!op.test(text)) return { error: 'expected <= after a token count', start: left };
  const right = term(op.lastIndex);
  if (right === undefined) return { error: 'expected a number or tokens(...) after <=', start: op.lastIndex };
  return { end: right, name: text.slice(offset, right) };
};

describe('the MCC temporal corpus', () => {
  const manifest = resolve(__dirname, '../../../../../shared/corpus/temporal/MANIFEST.tsv');
  it.skipIf(!existsSync(manifest))(
    'every formula parses with an atom hook, classifies as its category says, and round-trips',
    async () => {
      const { classifyFormula } = await import('../../src/index.js');
      const rows = readFileSync(manifest, 'utf8').trim().split('\n').slice(1);
      expect(rows.length).toBe(320);
      for (const row of rows) {
        const [file, , text] = row.split('\t');
        const res = parseFormula(text, { atoms: mccAtoms, defaultAtoms: false });
        expect(res.diagnostics, `${file}: ${text}`).toEqual([]);
        const g = res.formula!;
        const kind = classifyFormula(g).kind;
        if (file.includes('/CTL')) expect(['ctl', 'both', 'state'], file).toContain(kind);
        else expect(['ltl', 'both', 'state'], file).toContain(kind);
        const again = parseFormula(printFormula(g), { atoms: mccAtoms, defaultAtoms: false });
        expect(formulaEquals(again.formula!, g), file).toBe(true);
      }
    },
  );
});
