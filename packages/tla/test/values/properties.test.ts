import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apply,
  compare,
  domainOf,
  EMPTY_SET,
  equals,
  except,
  fingerprintHex,
  isFunction,
  isSubsetEq,
  Kind,
  member,
  normalizeSet,
  printValue,
  setCap,
  setCup,
  setDiff,
  setElements,
  setOf,
  setSize,
  type Value,
  valueToString,
} from '../../src/values/index.js';
import { arbIntSet, arbPair, arbTriple, arbValue, variants } from './arbitraries.js';
import { parseValue } from './parse-value.js';

const sign = (x: number) => (x < 0 ? -1 : x > 0 ? 1 : 0);
const runs = { numRuns: 400 };

describe('order and equality', () => {
  it('compare is antisymmetric and consistent with equals', () => {
    fc.assert(
      fc.property(arbPair, ([a, b]) => {
        expect(sign(compare(a, b)) + sign(compare(b, a))).toBe(0);
        expect(compare(a, b) === 0).toBe(equals(a, b));
        expect(equals(a, b)).toBe(equals(b, a));
        expect(compare(a, a)).toBe(0);
      }),
      runs,
    );
  });

  it('compare is transitive', () => {
    fc.assert(
      fc.property(arbTriple, (xs) => {
        const s = [...xs].sort(compare);
        expect(compare(s[0], s[1])).toBeLessThanOrEqual(0);
        expect(compare(s[1], s[2])).toBeLessThanOrEqual(0);
        expect(compare(s[0], s[2])).toBeLessThanOrEqual(0);
      }),
      runs,
    );
  });

  it('equal values have equal fingerprints, and (here) unequal ones do not', () => {
    fc.assert(
      fc.property(arbPair, ([a, b]) => {
        expect(fingerprintHex(a) === fingerprintHex(b)).toBe(equals(a, b));
      }),
      runs,
    );
  });

  it('other representations are equal, compare 0, fingerprint and print the same', () => {
    fc.assert(
      fc.property(arbValue, (v) => {
        for (const w of variants(v)) {
          expect(equals(v, w)).toBe(true);
          expect(equals(w, v)).toBe(true);
          expect(compare(v, w)).toBe(0);
          expect(compare(w, v)).toBe(0);
          expect(fingerprintHex(w)).toBe(fingerprintHex(v));
          // (an interval prints as `a..b`, as in TLC)
          if (typeof w !== 'object' || w.kind !== Kind.Interval)
            expect(valueToString(w)).toBe(valueToString(v));
        }
      }),
      runs,
    );
  });

  it('normalisation is idempotent and order-independent', () => {
    fc.assert(
      fc.property(
        arbTriple.chain(([a, b, c]) => fc.shuffledSubarray([a, b, c, a, b], { minLength: 5, maxLength: 5 })),
        (elems) => {
          const s = setOf(elems.slice());
          const t = setOf(elems.slice().reverse());
          normalizeSet(s);
          const once = s.elems.slice();
          normalizeSet(s);
          expect(s.elems).toEqual(once);
          expect(equals(s, t)).toBe(true);
          expect(valueToString(t)).toBe(valueToString(s));
          for (let i = 1; i < once.length; i++) expect(compare(once[i - 1], once[i])).toBeLessThan(0);
        },
      ),
      runs,
    );
  });

  it('printing reads back to an equal value', () => {
    fc.assert(
      fc.property(arbValue, (v) => {
        expect(equals(parseValue(valueToString(v)), v)).toBe(true);
        expect(printValue(parseValue(printValue(v)))).toBe(printValue(v));
      }),
      runs,
    );
  });
});

describe('set algebra', () => {
  const eq = (a: Value, b: Value) => expect(equals(a, b)).toBe(true);
  it('union and intersection are commutative, associative and distribute', () => {
    fc.assert(
      fc.property(arbIntSet, arbIntSet, arbIntSet, (a, b, c) => {
        eq(setCup(a, b), setCup(b, a));
        eq(setCap(a, b), setCap(b, a));
        eq(setCup(setCup(a, b), c), setCup(a, setCup(b, c)));
        eq(setCap(setCap(a, b), c), setCap(a, setCap(b, c)));
        eq(setCap(a, setCup(b, c)), setCup(setCap(a, b), setCap(a, c)));
        eq(setCup(a, setCap(b, c)), setCap(setCup(a, b), setCup(a, c)));
        eq(setCup(a, EMPTY_SET), a);
        eq(setCap(a, EMPTY_SET), EMPTY_SET);
      }),
      runs,
    );
  });

  it('difference and subset agree with membership', () => {
    fc.assert(
      fc.property(arbIntSet, arbIntSet, (a, b) => {
        const d = setDiff(a, b);
        for (let x = -4; x <= 9; x++) {
          expect(member(x, d)).toBe(member(x, a) && !member(x, b));
          expect(member(x, setCup(a, b))).toBe(member(x, a) || member(x, b));
          expect(member(x, setCap(a, b))).toBe(member(x, a) && member(x, b));
        }
        expect(isSubsetEq(a, setCup(a, b))).toBe(true);
        expect(isSubsetEq(setCap(a, b), a)).toBe(true);
        expect(isSubsetEq(a, b) && isSubsetEq(b, a)).toBe(equals(a, b));
        expect(setSize(setCup(a, b)) + setSize(setCap(a, b))).toBe(setSize(a) + setSize(b));
        eq(setCup(setDiff(a, b), setCap(a, b)), a);
      }),
      runs,
    );
  });

  it('sets of values of any type obey the same laws', () => {
    fc.assert(
      fc.property(arbTriple, ([a, b, c]) => {
        const s = setOf([a, b]);
        const t = setOf([b, c]);
        eq(setCup(s, t), setOf([a, b, c]));
        expect(member(b, setCap(s, t))).toBe(true);
        expect(setSize(setCup(s, t))).toBe(setElements(setOf([a, b, c])).length);
      }),
      runs,
    );
  });
});

describe('functions', () => {
  it('EXCEPT then apply', () => {
    fc.assert(
      fc.property(arbValue, fc.integer({ min: -3, max: 5 }), (v, nv) => {
        if (!isFunction(v)) return;
        const dom = setElements(domainOf(v));
        for (const k of dom) {
          const g = except(v, [k], () => nv);
          expect(equals(apply(g, k), nv)).toBe(true);
          for (const k2 of dom) if (!equals(k, k2)) expect(equals(apply(g, k2), apply(v, k2))).toBe(true);
          // @ is the old value
          const h = except(v, [k], (old) => old);
          expect(equals(h, v)).toBe(true);
        }
      }),
      runs,
    );
  });
});
