import { formulaEquals, printFormula } from '@modelcheck/temporal';
import { describe, expect, it } from 'vitest';
import { parseNetFormula, readPropertyXml } from '../../src/index.js';
import { net } from '../support/nets.js';

const N = net(`
place p = 2
place q
place r
transition t : p -> q
transition u : q -> p
`);

const property = (id: string, body: string) =>
  `  <property>\n    <id>${id}</id>\n    <description>test</description>\n    <formula>\n      ${body}\n    </formula>\n  </property>\n`;
const set = (...properties: string[]) =>
  `<?xml version="1.0"?>\n<property-set xmlns="http://mcc.lip6.fr/">\n${properties.join('')}</property-set>\n`;
const le = (a: string, b: string) => `<integer-le>${a}${b}</integer-le>`;
const count = (...places: string[]) =>
  `<tokens-count>${places.map((p) => `<place>${p}</place>`).join('')}</tokens-count>`;
const k = (n: number | string) => `<integer-constant>${n}</integer-constant>`;
const fireable = (...ts: string[]) =>
  `<is-fireable>${ts.map((t) => `<transition>${t}</transition>`).join('')}</is-fireable>`;

/** The formula as the hand-written text says it (our atom syntax), for comparison. */
function text(t: string) {
  const r = parseNetFormula(t, N);
  expect(r.diagnostics).toEqual([]);
  return r.formula!;
}

describe('the Model Checking Contest property XML', () => {
  it('reads every operator of the CTL/LTL examinations into the temporal AST', () => {
    const xml = set(
      property(
        'N-CTLCardinality-00',
        `<all-paths><until><before>${le(count('p', 'q'), k(2))}</before><reach><exists-path><next>${le(k(1), count('r'))}</next></exists-path></reach></until></all-paths>`,
      ),
      property(
        'N-CTLFireability-01',
        `<exists-path><globally><disjunction>${fireable('t', 'u')}<negation>${fireable('u')}</negation><conjunction><true/><false/>${fireable('t')}</conjunction></disjunction></globally></exists-path>`,
      ),
      property(
        'N-LTLFireability-02',
        `<all-paths><finally><globally><implication>${fireable('t')}<next>${fireable('u')}</next></implication></globally></finally></all-paths>`,
      ),
      property(
        'N-LTLCardinality-03',
        `<all-paths><globally><equivalence>${le(count('p'), count('q', 'r'))}<exclusive-disjunction>${le(count('r'), k(0))}${le(k(3), count('p'))}</exclusive-disjunction></equivalence></globally></all-paths>`,
      ),
      property('N-ReachabilityDeadlock-04', '<exists-path><finally><deadlock/></finally></exists-path>'),
      property('N-UpperBounds-05', '<place-bound><place>q</place><place>r</place></place-bound>'),
    );
    const r = readPropertyXml(xml, 'props.xml', N);
    expect(r.diagnostics).toEqual([]);
    expect(r.properties.map((p) => [p.id, p.logic])).toEqual([
      ['N-CTLCardinality-00', 'ctl'],
      ['N-CTLFireability-01', 'ctl'],
      ['N-LTLFireability-02', 'ltl'],
      ['N-LTLCardinality-03', 'ltl'],
      ['N-ReachabilityDeadlock-04', 'ctl'],
      ['N-UpperBounds-05', 'bound'],
    ]);
    const expected = [
      'A (tokens(p, q) <= 2 U EX 1 <= r)',
      'EG ((fireable(t, u) | !fireable(u)) | ((true & false) & fireable(t)))',
      'A F G (fireable(t) -> X fireable(u))',
      'A G (p <= tokens(q, r) <-> !(r <= 0 <-> 3 <= p))',
      'EF deadlock',
    ];
    expected.forEach((t, i) => {
      const f = r.properties[i].formula!;
      expect(formulaEquals(f, text(t)), `${printFormula(f)} vs ${t}`).toBe(true);
    });
    expect(r.properties[5].bound).toEqual([1, 2]);
  });

  it('the other integer orders, integer-sum of counts, and a property file with one <property>', () => {
    const body = `<exists-path><finally><conjunction><integer-ge>${count('p')}${k(1)}</integer-ge><integer-eq><integer-sum>${count('q')}${count('r')}</integer-sum>${k(1)}</integer-eq><integer-ne>${count('p')}${count('q')}</integer-ne><integer-lt>${k(0)}${count('q')}</integer-lt><integer-gt>${count('p')}${k(0)}</integer-gt></conjunction></finally></exists-path>`;
    const r = readPropertyXml(property('X', body), 'one.xml', N);
    expect(r.diagnostics).toEqual([]);
    expect(r.properties[0].logic).toBe('ctl');
    expect(
      formulaEquals(
        r.properties[0].formula!,
        text('EF ((((p >= 1 & tokens(q, r) = 1) & p != q) & 0 < q) & p > 0)'),
      ),
    ).toBe(true);
  });

  it('malformed XML is PN100 at its line and column', () => {
    const r = readPropertyXml('<property-set>\n  <property>\n    <id>x</id>\n  </propertyy>\n', 'bad.xml', N);
    expect(r.properties).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'PN100', span: { file: 'bad.xml', start: { line: 4 } } });
    expect(r.diagnostics[0].message).toMatch(/malformed XML/);
  });

  it('unknown places and transitions are PN205/PN206 at the element naming them; the property is left out', () => {
    const xml = set(
      property('A-00', `<exists-path><finally>${le(count('p', 'zz'), k(1))}</finally></exists-path>`),
      property('A-01', `<all-paths><globally>${fireable('t', 'w')}</globally></all-paths>`),
      property('A-02', '<place-bound><place>nowhere</place></place-bound>'),
      property('A-03', '<exists-path><finally><deadlock/></finally></exists-path>'),
    );
    const r = readPropertyXml(xml, 'p.xml', N);
    expect(r.properties.map((p) => p.id)).toEqual(['A-03']);
    const lines = xml.split('\n');
    const at = (needle: string) => {
      const line = lines.findIndex((l) => l.includes(needle));
      return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
    };
    expect(r.diagnostics.map((d) => [d.code, d.span?.start.line, d.span?.start.column])).toEqual([
      ['PN205', at('<place>zz').line, at('<place>zz').column],
      ['PN206', at('<transition>w').line, at('<transition>w').column],
      ['PN205', at('<place>nowhere').line, at('<place>nowhere').column],
    ]);
    expect(r.diagnostics[0].message).toBe('the formula names a place zz that the net does not have');
    expect(r.diagnostics[1].hint).toBe('did you mean t?');
  });

  it('elements the contest does not write, or in the wrong place, are PN106; bad numbers PN103', () => {
    const r = readPropertyXml(
      set(
        property('B-00', '<exists-path><eventually><deadlock/></eventually></exists-path>'),
        property('B-01', `<all-paths><until><before><true/></before></until></all-paths>`),
        property('B-02', `<exists-path><finally>${le(count('p'), k('-1'))}</finally></exists-path>`),
        property('B-03', `<negation><place-bound><place>p</place></place-bound></negation>`),
        property('B-04', '<negation><true/><false/></negation>'),
      ),
      'q.xml',
      N,
    );
    expect(r.properties).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['PN106', 'PN106', 'PN103', 'PN106', 'PN106']);
    expect(r.diagnostics[0].message).toMatch(/<eventually> is not an element/);
    expect(r.diagnostics[1].message).toMatch(/<until> must contain <before> and <reach>/);
    expect(r.diagnostics[3].hint).toMatch(/place-bound is a whole UpperBounds formula/);
    const notASet = readPropertyXml('<pnml/>', 'n.xml', N);
    expect(notASet.diagnostics[0]).toMatchObject({ code: 'PN106', span: { start: { line: 1, column: 1 } } });
    const noId = readPropertyXml(
      '<property-set><property><formula><true/></formula></property></property-set>',
      'i.xml',
      N,
    );
    expect(noId.diagnostics[0].code).toBe('PN102');
  });
});
