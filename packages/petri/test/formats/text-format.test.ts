import { describe, expect, it } from 'vitest';
import { PN, printNetText, readNetText } from '../../src/index.js';

describe('the .pnet text format', () => {
  it('reads places, markings, weights, silent transitions and final markings', () => {
    const { net, diagnostics } = readNetText(
      [
        '# a comment',
        'net demo name "Demo net"',
        'place a = 2',
        'place b name "the b place"',
        'transition t : 2*a -> b   # trailing comment',
        'transition tau silent : b -> a',
        'final b = 1',
      ].join('\n'),
    );
    expect(diagnostics).toEqual([]);
    expect(net?.id).toBe('demo');
    expect(net?.name).toBe('Demo net');
    expect(net?.places.map((p) => p.id)).toEqual(['a', 'b']);
    expect(net?.initialMarking).toEqual([2, 0]);
    expect(net?.pre[0]).toEqual([{ place: 0, weight: 2 }]);
    expect(net?.post[0]).toEqual([{ place: 1, weight: 1 }]);
    expect(net?.transitions[1].invisible).toBe(true);
    expect(net?.finalMarkings).toEqual([[0, 1]]);
  });

  it('prints a net that reads back the same', () => {
    const source =
      'net x\nplace "odd id" = 1\nplace q\ntransition t name "go" : "odd id" -> 3*q\nfinal q = 3\n';
    const first = readNetText(source).net;
    expect(first).toBeDefined();
    const printed = printNetText(first!);
    const second = readNetText(printed).net;
    expect(second?.places).toEqual(
      first?.places.map((p) => ({ ...p, span: second?.places.find((q) => q.id === p.id)?.span })),
    );
    expect(second?.pre).toEqual(first?.pre);
    expect(second?.post).toEqual(first?.post);
    expect(second?.finalMarkings).toEqual(first?.finalMarkings);
  });

  it('locates an undeclared place, a negative weight and a syntax error', () => {
    const unknown = readNetText('place a\ntransition t : a -> zz\n', 'u.pnet');
    expect(unknown.net).toBeUndefined();
    expect(unknown.diagnostics[0]).toMatchObject({
      code: PN.unknownNode,
      span: { start: { line: 2, column: 21 } },
    });
    const negative = readNetText('place a = 1\nplace b\ntransition t : -2*a -> b\n', 'n.pnet');
    expect(negative.diagnostics[0]).toMatchObject({ code: PN.badWeight, span: { start: { line: 3 } } });
    const syntax = readNetText('place a\ntransition t a -> a\n', 's.pnet');
    expect(syntax.diagnostics[0]).toMatchObject({
      code: PN.syntax,
      span: { start: { line: 2, column: 14 } },
    });
  });
});
