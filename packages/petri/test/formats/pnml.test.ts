import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNetFile, PN, readLola, readPnml, writePnml } from '../../src/index.js';
import { randomNetSpec } from '../support/arbitraries.js';
import { netFromSpec } from '../support/nets.js';

const wrap = (body: string) =>
  `<?xml version="1.0"?>\n<pnml xmlns="http://www.pnml.org/version-2009/grammar/pnml">\n<net id="n" type="http://www.pnml.org/version-2009/grammar/ptnet">\n${body}\n</net>\n</pnml>\n`;

describe('PNML', () => {
  it('reads nested pages, names, markings, inscriptions and reference places', () => {
    const { net, diagnostics } = readPnml(
      wrap(`<page id="g"><place id="p"><name><text>P</text></name><initialMarking><text> 3 </text></initialMarking></place>
        <page id="inner"><transition id="t"/><referencePlace id="rp" ref="p"/>
        <arc id="a1" source="rp" target="t"><inscription><text>2</text></inscription></arc></page>
        <place id="q"/><arc id="a2" source="t" target="q"/></page>`),
    );
    expect(diagnostics).toEqual([]);
    expect(net?.places.map((p) => [p.id, p.name])).toEqual([
      ['p', 'P'],
      ['q', undefined],
    ]);
    expect(net?.initialMarking).toEqual([3, 0]);
    expect(net?.pre[0]).toEqual([{ place: 0, weight: 2 }]);
    expect(net?.post[0]).toEqual([{ place: 1, weight: 1 }]);
  });

  it('reads ProM final markings and invisible transitions, and ISO-8859-1 bytes', () => {
    const text = `<?xml version='1.0' encoding='ISO-8859-1'?><pnml><net id="n" type="x"><page id="0"><place id="caf\u00e9"><initialMarking><text>1</text></initialMarking></place><place id="o"/><transition id="t"><toolspecific tool="ProM" activity="$invisible$"/></transition><arc id="1" source="caf\u00e9" target="t"/><arc id="2" source="t" target="o"/></page><finalmarkings><marking><place idref="o"><text>1</text></place></marking></finalmarkings></net></pnml>`;
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const { net } = readPnml(decodeNetFile(bytes));
    expect(net?.places[0].id).toBe('café');
    expect(net?.transitions[0].invisible).toBe(true);
    expect(net?.finalMarkings).toEqual([[0, 1]]);
  });

  it('rejects malformed XML, unknown arc ends, negative weights, inhibitor arcs and coloured nets, located', () => {
    const malformed = readPnml('<pnml>\n  <net id="n">\n    <place id="p">\n  </net>\n</pnml>', 'm.pnml');
    expect(malformed.net).toBeUndefined();
    expect(malformed.diagnostics[0]).toMatchObject({
      code: PN.malformedXml,
      span: { file: 'm.pnml', start: { line: 4 } },
    });
    const unknown = readPnml(
      wrap('<place id="p"/>\n<transition id="t"/>\n<arc id="a" source="p" target="tt"/>'),
      'u.pnml',
    );
    expect(unknown.diagnostics[0]).toMatchObject({
      code: PN.unknownNode,
      span: { start: { line: 6, column: 1 } },
      hint: 'did you mean t?',
    });
    const negative = readPnml(
      wrap(
        '<place id="p"/><transition id="t"/><arc id="a" source="p" target="t"><inscription><text>-1</text></inscription></arc>',
      ),
    );
    expect(negative.diagnostics[0].code).toBe(PN.badWeight);
    const inhibitor = readPnml(
      wrap(
        '<place id="p"/><transition id="t"/><arc id="a" source="p" target="t"><type value="inhibitor"/></arc>',
      ),
    );
    expect(inhibitor.diagnostics[0].code).toBe(PN.unsupported);
    const coloured = readPnml(
      '<pnml><net id="c" type="http://www.pnml.org/version-2009/grammar/symmetricnet"/></pnml>',
    );
    expect(coloured.diagnostics[0].code).toBe(PN.unsupported);
    const notNumber = readPnml(
      wrap('<place id="p"><initialMarking><text>two</text></initialMarking></place>'),
    );
    expect(notNumber.diagnostics[0].code).toBe(PN.notANumber);
  });

  it('export then import gives the same net (random nets)', () => {
    fc.assert(
      fc.property(randomNetSpec(), (spec) => {
        const net = netFromSpec(spec);
        const back = readPnml(writePnml(net)).net;
        expect(back).toBeDefined();
        expect(back?.places.map((p) => p.id)).toEqual(net.places.map((p) => p.id));
        expect(back?.transitions.map((t) => t.id)).toEqual(net.transitions.map((t) => t.id));
        expect(back?.initialMarking).toEqual(net.initialMarking);
        expect(back?.pre).toEqual(net.pre);
        expect(back?.post).toEqual(net.post);
      }),
      { numRuns: 100 },
    );
  });
});

describe('LoLA', () => {
  it('reads places, marking, and weighted CONSUME/PRODUCE lists, with comments', () => {
    const { net, diagnostics } = readLola(
      '{ a comment } PLACE SAFE 1: p1, p2; p3;\nMARKING p1: 2, p3;\n/* c */ TRANSITION t1 CONSUME p1: 2; PRODUCE p2;\nTRANSITION t2 STRONG FAIR CONSUME p2, p3; PRODUCE p1: 1;\n',
      'x.net',
    );
    expect(diagnostics).toEqual([]);
    expect(net?.initialMarking).toEqual([2, 0, 1]);
    expect(net?.pre[0]).toEqual([{ place: 0, weight: 2 }]);
    expect(net?.pre[1]).toEqual([
      { place: 1, weight: 1 },
      { place: 2, weight: 1 },
    ]);
  });

  it('locates a syntax error and an unknown place', () => {
    const bad = readLola('PLACE p;\nMARKING p: 1;\nTRANSITION t CONSUME p PRODUCE p;\n', 'b.net');
    expect(bad.diagnostics[0]).toMatchObject({ code: PN.syntax, span: { start: { line: 3, column: 24 } } });
    const unknown = readLola('PLACE p;\nMARKING p;\nTRANSITION t CONSUME q; PRODUCE p;\n', 'u.net');
    expect(unknown.diagnostics[0]).toMatchObject({
      code: PN.unknownNode,
      span: { start: { line: 3, column: 22 } },
    });
  });
});
