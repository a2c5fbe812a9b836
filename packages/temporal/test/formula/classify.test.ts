import { describe, expect, it } from 'vitest';
import { classifyFormula, type Formula, parseFormula, printFormula, toNnf } from '../../src/index.js';

const parse = (t: string): Formula => parseFormula(t).formula!;

describe('classifyFormula', () => {
  const cases: [string, string, string | undefined, string | undefined][] = [
    // text, kind, CTL form, LTL form
    ['p & !q', 'state', 'p & !q', 'p & !q'],
    ['AG p', 'both', 'AG p', 'G p'],
    ['G p', 'both', 'AG p', 'G p'],
    ['AG AF p', 'both', 'AG AF p', 'G F p'],
    ['G F p', 'both', 'AG AF p', 'G F p'],
    ['AF p', 'both', 'AF p', 'F p'],
    ['A[p U q]', 'both', 'A[p U q]', 'p U q'],
    ['!G p', 'both', 'AF !p', '!G p'],
    ['AG (p -> AF q)', 'both', 'AG (p -> AF q)', 'G (!p | F q)'],
    ['p ~> q', 'both', 'AG (!p | AF q)', 'G (p -> F q)'],
    ['F G p', 'ltl', undefined, 'F G p'],
    ['AF AG p', 'ctl', 'AF AG p', undefined],
    ['EF p', 'ctl', 'EF p', undefined],
    ['AG EF p', 'ctl', 'AG EF p', undefined],
    ['A (F G p)', 'ltl', undefined, 'F G p'],
    ['A X G (p | F q)', 'both', 'AX AG (p | AF q)', 'X G (p | F q)'],
    ['A X G (F p | F q)', 'ltl', undefined, 'X G (F p | F q)'],
    // E F G p is EF EG p: E over a concatenation of paths.
    ['E F G p', 'ctl', '!AG AF !p', undefined],
    ['E F G p & AG p', 'ctl', '!AG AF !p & AG p', undefined],
    ['A (F p U G q) & E X p', 'neither', undefined, undefined],
    ['F (AG p)', 'neither', undefined, undefined],
    ['!E[true U !p]', 'both', '!E[true U !p]', 'G p'],
  ];
  for (const [text, kind, ctl, ltl] of cases) {
    it(`${text}: ${kind}`, () => {
      const c = classifyFormula(parse(text));
      expect(c.kind).toBe(kind);
      expect(c.ctl && printFormula(c.ctl)).toBe(ctl);
      expect(c.ltl && printFormula(c.ltl)).toBe(ltl);
    });
  }

  it('negation normal form pushes negations to atoms through every operator', () => {
    expect(printFormula(toNnf(parse('!(p -> X (q U r))')))).toBe('p & X (!q R !r)');
    expect(printFormula(toNnf(parse('!(p W q)')))).toBe('!q U (!p & !q)');
    expect(printFormula(toNnf(parse('!AG EF p')))).toBe('EF AG !p');
    expect(printFormula(toNnf(parse('!(p <-> q)')))).toBe('p & !q | !p & q');
  });
});
