import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOOLEAN_SET,
  chooseFirst,
  compare,
  enumerate,
  equals,
  fcnFromInterval,
  fcnOf,
  fingerprintHex,
  interval,
  isFiniteSet,
  member,
  NAT,
  printValue,
  recordOf,
  STRING_SET,
  seqSetOf,
  setCap,
  setCup,
  setDiff,
  setElements,
  setFilter,
  setMap,
  setOf,
  setOfFcns,
  setOfRcds,
  setOfTuples,
  setSize,
  str,
  subsetOf,
  toSetEnum,
  tuple,
  unionOf,
  type Value,
  valueToString,
} from '../../src/values/index.js';

const smallSet = fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }).map((xs) => setOf(xs));

function sorted(xs: Value[]): Value[] {
  const out = xs.slice().sort(compare);
  return out.filter((x, i) => i === 0 || compare(out[i - 1], x) !== 0);
}

function powerSet(elems: readonly Value[]): Value[] {
  let acc: Value[][] = [[]];
  for (const e of elems) acc = acc.concat(acc.map((s) => [...s, e]));
  return acc.map((s) => setOf(s));
}

function product(sets: readonly (readonly Value[])[]): Value[][] {
  let acc: Value[][] = [[]];
  for (const s of sets) acc = acc.flatMap((prefix) => s.map((x) => [...prefix, x]));
  return acc;
}

/** A lazy set agrees with its explicit elements: size, normalised order, TLC order, membership, equality, fingerprint. */
function agrees(lazy: Value, explicit: Value[], probes: Value[]) {
  const want = sorted(explicit);
  expect(setSize(lazy)).toBe(want.length);
  expect(setElements(lazy).map(valueToString)).toEqual(want.map(valueToString));
  const e = setOf(explicit.slice());
  expect(equals(lazy, e)).toBe(true);
  expect(equals(e, lazy)).toBe(true);
  expect(compare(lazy, e)).toBe(0);
  expect(fingerprintHex(lazy)).toBe(fingerprintHex(e));
  for (const p of probes) expect(member(p, lazy)).toBe(want.some((w) => equals(w, p)));
}

describe('lazy sets agree with their enumerations', () => {
  it('SUBSET S (enumerated in normalised order, like TLC)', () => {
    fc.assert(
      fc.property(smallSet, smallSet, (s, probe) => {
        const lazy = subsetOf(s);
        const all = powerSet(setElements(s));
        expect(enumerate(subsetOf(s)).map(valueToString)).toEqual(sorted(all).map(valueToString));
        agrees(lazy, all, [probe, setOf([]), setOf([7])]);
      }),
    );
  });

  it('[D -> R] (odometer order, last domain element fastest)', () => {
    fc.assert(
      fc.property(smallSet, fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), (d, r) => {
        const dom = setElements(d);
        const range = sorted(r);
        const fcns = product(dom.map(() => range)).map((vals) => fcnOf(dom.slice(), vals));
        const lazy = setOfFcns(d, setOf(r));
        expect(enumerate(setOfFcns(d, setOf(r))).map(valueToString)).toEqual(fcns.map(valueToString));
        agrees(lazy, fcns, [
          fcnOf(
            dom.slice(),
            dom.map(() => 0),
          ),
          fcnOf([9], [0]),
          tuple([0, 1]),
        ]);
      }),
    );
  });

  it('[1..n -> R] builds interval functions that print as tuples', () => {
    const s = setOfFcns(interval(1, 2), BOOLEAN_SET);
    expect(printValue(s)).toBe('{<<FALSE, FALSE>>, <<FALSE, TRUE>>, <<TRUE, FALSE>>, <<TRUE, TRUE>>}');
    expect(member(tuple([true, false]), s)).toBe(true);
    expect(member(fcnFromInterval(1, [true]), s)).toBe(false);
  });

  it('S1 \\X S2 and record sets', () => {
    fc.assert(
      fc.property(smallSet, smallSet, (a, b) => {
        const tuples = product([setElements(a), setElements(b)]).map((xs) => tuple(xs));
        expect(enumerate(setOfTuples([a, b])).map(valueToString)).toEqual(sorted(tuples).map(valueToString));
        agrees(setOfTuples([a, b]), tuples, [tuple([0, 0]), tuple([1]), tuple([])]);
        const names = [str('y'), str('x')];
        const recs = product([setElements(a), setElements(b)]).map((xs) => recordOf(names, xs));
        agrees(setOfRcds(names, [a, b]), recs, [recordOf([str('x'), str('y')], [0, 0])]);
      }),
    );
  });

  it('UNION, \\cup, \\cap, \\ and filters', () => {
    fc.assert(
      fc.property(smallSet, smallSet, smallSet, (a, b, c) => {
        const ea = setElements(a);
        const eb = setElements(b);
        const ec = setElements(c);
        const probes = [0, 1, 2, 3, 4, 5, 6, 7];
        agrees(unionOf(setOf([a, b, c])), [...ea, ...eb, ...ec], probes);
        agrees(
          unionOf(setOf([subsetOf(a), subsetOf(b)])),
          [...powerSet(ea), ...powerSet(eb)],
          [setOf([0]), setOf([])],
        );
        const even = setFilter(a, (x) => (x as number) % 2 === 0);
        agrees(
          even,
          ea.filter((x) => (x as number) % 2 === 0),
          probes,
        );
        agrees(
          setCap(even, b),
          ea.filter((x) => (x as number) % 2 === 0 && eb.includes(x)),
          probes,
        );
        agrees(
          setDiff(even, b),
          ea.filter((x) => (x as number) % 2 === 0 && !eb.includes(x)),
          probes,
        );
        agrees(setCup(even, c), [...ea.filter((x) => (x as number) % 2 === 0), ...ec], probes);
        agrees(
          setMap(a, (x) => (x as number) % 3),
          ea.map((x) => (x as number) % 3),
          probes,
        );
      }),
    );
  });

  it('a lazy \\cup enumerates its left then its right set, duplicates included (TLC order)', () => {
    const lazy = setCup(subsetOf(setOf([1])), setOf([setOf([]), setOf([2])]));
    // TLC: the left operand is not reducible, so it evaluates {{}, {2}}.cup(SUBSET {1}).
    expect(enumerate(lazy).map(valueToString)).toEqual(['{}', '{2}', '{}', '{1}']);
    expect(setSize(lazy)).toBe(3);
  });

  it('intervals', () => {
    expect(setElements(interval(3, 5))).toEqual([3, 4, 5]);
    expect(setSize(interval(5, 3))).toBe(0);
    expect(member(4, interval(3, 5))).toBe(true);
    expect(member(6, interval(3, 5))).toBe(false);
    expect(equals(interval(5, 3), setOf([]))).toBe(true);
    expect(equals(interval(5, 3), interval(9, 1))).toBe(true);
    expect(printValue(interval(5, 3))).toBe('{}');
    expect(printValue(interval(-2, 3))).toBe('-2..3');
    expect(printValue(setCup(interval(1, 3), setOf([7])))).toBe('{1, 2, 3, 7}');
  });

  it('infinite sets: membership only', () => {
    expect(member(3, NAT)).toBe(true);
    expect(member(-3, NAT)).toBe(false);
    expect(member(str('a'), STRING_SET)).toBe(true);
    expect(member(tuple([1, 2]), seqSetOf(NAT))).toBe(true);
    expect(member(tuple([1, -2]), seqSetOf(NAT))).toBe(false);
    expect(member(setOf([1, 2]), subsetOf(NAT))).toBe(true);
    expect(isFiniteSet(subsetOf(NAT))).toBe(false);
    expect(isFiniteSet(setFilter(interval(1, 9), () => true))).toBe(true);
    const nats = setFilter(NAT, (x) => (x as number) < 3);
    expect(member(2, nats)).toBe(true);
    expect(member(4, nats)).toBe(false);
  });

  it('printing of lazy sets follows TLC (enumerated when small)', () => {
    expect(printValue(subsetOf(setOf([1, 2])))).toBe('{{}, {1}, {2}, {1, 2}}');
    expect(printValue(subsetOf(interval(1, 7)))).toBe('SUBSET (1..7)');
    expect(printValue(subsetOf(setOf([1, 2, 3, 4, 5, 6, 7])))).toBe('SUBSET {1, 2, 3, 4, 5, 6, 7}');
    expect(printValue(setOfFcns(interval(1, 11), BOOLEAN_SET))).toBe('[1..11 -> {FALSE, TRUE}]');
    expect(printValue(setOfTuples([interval(1, 100), interval(1, 20)]))).toBe('(1..100 \\X 1..20)');
    expect(printValue(setOfRcds([str('a'), str('b')], [interval(1, 100), interval(1, 20)]))).toBe(
      '[a: 1..100, b: 1..20]',
    );
    expect(printValue(setOfFcns(NAT, BOOLEAN_SET))).toBe('[Nat -> {FALSE, TRUE}]');
    expect(printValue(setCup(NAT, subsetOf(setOf([1]))))).toBe('Nat \\cup {{}, {1}}');
    expect(printValue(seqSetOf(STRING_SET))).toBe('Seq(STRING)');
  });

  it('CHOOSE picks the first element in normalised order', () => {
    expect(chooseFirst(setOf([5, 3, 9]), (x) => (x as number) > 3)).toBe(5);
    expect(equals(chooseFirst(subsetOf(setOf([1, 2, 3])), (x) => setSize(x) === 2) ?? 0, setOf([1, 2]))).toBe(
      true,
    );
    expect(chooseFirst(setOf([1]), () => false)).toBeUndefined();
    expect(toSetEnum(subsetOf(setOf([]))).elems.length).toBe(1);
  });
});
