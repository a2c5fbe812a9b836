import { describe, expect, it } from 'vitest';
import {
  BOOLEAN_SET,
  fcnFromInterval,
  fcnOf,
  fingerprintState,
  interval,
  modelValue,
  NAT,
  prettyPrint,
  printState,
  printValue,
  record,
  setOf,
  statesEqual,
  str,
  subsetOf,
  toItf,
  tuple,
  valueToString,
} from '../../src/values/index.js';

describe('TLC text', () => {
  it('one-line forms', () => {
    expect(valueToString(true)).toBe('TRUE');
    expect(valueToString(-3)).toBe('-3');
    expect(valueToString(str('a"b\\c\nd\te'))).toBe('"a\\"b\\\\c\\nd\\te"');
    expect(valueToString(setOf([]))).toBe('{}');
    expect(valueToString(tuple([]))).toBe('<<>>');
    expect(valueToString(fcnOf([], []))).toBe('<<>>');
    expect(valueToString(fcnOf([2, 1], [str('b'), str('a')]))).toBe('<<"a", "b">>');
    expect(valueToString(fcnFromInterval(2, [true]))).toBe('(2 :> TRUE)');
    expect(valueToString(fcnOf([str('x'), str('a b')], [1, 2]))).toMatch(
      /^\("x" :> 1 @@ "a b" :> 2\)$|^\("a b" :> 2 @@ "x" :> 1\)$/,
    );
    expect(valueToString(fcnOf([str('WF_x')], [1]))).toBe('("WF_x" :> 1)');
    expect(valueToString(record({ a: 1 }))).toBe('[a |-> 1]');
    expect(valueToString(BOOLEAN_SET)).toBe('{FALSE, TRUE}');
    expect(valueToString(subsetOf(setOf([])))).toBe('{{}}');
  });

  it('pretty-prints long values over 80 columns as TLC', () => {
    const long = setOf(Array.from({ length: 30 }, (_, i) => i * 1000));
    expect(printValue(long)).toBe(
      ['{ 0,', ...Array.from({ length: 28 }, (_, i) => `  ${(i + 1) * 1000},`), '  29000 }'].join('\n'),
    );
    const rec = record({ alpha: setOf(Array.from({ length: 25 }, (_, i) => i)), beta: 1 });
    expect(printValue(rec)).toBe(
      [
        '[ alpha |->',
        '      { 0,',
        ...Array.from({ length: 23 }, (_, i) => `        ${i + 1},`),
        '        24 },',
        '  beta |-> 1 ]',
      ].join('\n'),
    );
    // TLC's pretty printer cannot read names with "_": such values stay on one line.
    const mvs = setOf(Array.from({ length: 20 }, (_, i) => modelValue(`p_${i}`)));
    expect(printValue(mvs)).toBe(valueToString(mvs));
    expect(prettyPrint('{1, 2}', 3)).toBe('{ 1,\n  2 }');
    expect(prettyPrint('-1..3', 2)).toBe('-1..3');
  });

  it('states', () => {
    const names = ['x', 'y'];
    expect(printState(names, [1, setOf([2])])).toBe('/\\ x = 1\n/\\ y = {2}\n');
    expect(printState(['s'], [tuple([])])).toBe('s = <<>>\n');
  });
});

describe('ITF', () => {
  it('renders each kind', () => {
    expect(toItf(true)).toBe(true);
    expect(toItf(5)).toEqual({ '#bigint': '5' });
    expect(toItf(str('s'))).toBe('s');
    expect(toItf(setOf([2, 1]))).toEqual({ '#set': [{ '#bigint': '1' }, { '#bigint': '2' }] });
    expect(toItf(interval(1, 2))).toEqual({ '#set': [{ '#bigint': '1' }, { '#bigint': '2' }] });
    expect(toItf(tuple([str('a')]))).toEqual({ '#tup': ['a'] });
    expect(toItf(fcnOf([1, 2], [true, false]))).toEqual({ '#tup': [true, false] });
    expect(toItf(record({ a: 1, b: str('x') }))).toEqual({ a: { '#bigint': '1' }, b: 'x' });
    expect(toItf(fcnOf([modelValue('p1')], [0]))).toEqual({
      '#map': [[{ '#unserializable': 'p1' }, { '#bigint': '0' }]],
    });
    expect(toItf(NAT)).toEqual({ '#unserializable': 'Nat' });
  });
});

describe('state fingerprints', () => {
  const out = new Uint32Array(4);
  const fp = (s: Parameters<typeof fingerprintState>[0]) => {
    fingerprintState(s, out, 2);
    return `${out[2]}:${out[3]}`;
  };
  it('depend on the values, in order, not on their representation', () => {
    expect(fp([1, setOf([1, 2])])).toBe(fp([1, interval(1, 2)]));
    expect(fp([1, tuple([3])])).toBe(fp([1, fcnOf([1], [3])]));
    expect(fp([1, 2])).not.toBe(fp([2, 1]));
    expect(fp([1])).not.toBe(fp([1, 1]));
    expect(fp([true])).not.toBe(fp([1]));
    expect(fp([setOf([])])).not.toBe(fp([tuple([])]));
    expect(statesEqual([1, setOf([2, 1])], [1, interval(1, 2)])).toBe(true);
    expect(statesEqual([1, setOf([2])], [1, interval(1, 2)])).toBe(false);
  });

  it('have few collisions over many small states', () => {
    const seen = new Set<string>();
    let n = 0;
    for (let a = -20; a < 20; a++)
      for (let b = 0; b < 30; b++)
        for (let c = 0; c < 30; c++) {
          seen.add(fp([a, setOf([b, c]), tuple([c, b])]));
          n++;
        }
    expect(seen.size).toBe(n);
  });
});
