import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../src/index.js';

const key = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);

describe('FingerprintSet', () => {
  it('hands out dense ids in insertion order and finds them again', () => {
    const set = new FingerprintSet();
    expect(set.insert(5, 7)).toBe(0);
    expect(set.insert(6, 7)).toBe(1);
    expect(set.insert(5, 7)).toBe(~0);
    expect(set.lookup(6, 7)).toBe(1);
    expect(set.lookup(7, 7)).toBe(-1);
    expect(set.size).toBe(2);
    const out = new Uint32Array(4);
    set.readFingerprint(1, out, 2);
    expect([...out]).toEqual([0, 0, 6, 7]);
  });

  it('stores the all-zero fingerprint and the all-ones one like any other', () => {
    const set = new FingerprintSet();
    expect(set.lookup(0, 0)).toBe(-1);
    expect(set.insert(0, 0)).toBe(0);
    expect(set.insert(0xffffffff, 0xffffffff)).toBe(1);
    expect(set.insert(0, 0)).toBe(~0);
    expect(set.has(0, 0)).toBe(true);
    expect(set.lookup(0xffffffff, 0xffffffff)).toBe(1);
    expect(set.lookup(-1, -1)).toBe(1); // halves are taken as unsigned
  });

  it('keeps every fingerprint through many growths', () => {
    const set = new FingerprintSet(16);
    const n = 200_000;
    let wrong = 0;
    for (let i = 0; i < n; i++) if (set.insert(Math.imul(i, 0x9e3779b1), i >>> 3) !== i) wrong++;
    expect(set.size).toBe(n);
    for (let i = 0; i < n; i++) if (set.lookup(Math.imul(i, 0x9e3779b1), i >>> 3) !== i) wrong++;
    for (let i = 0; i < n; i += 13) if (set.insert(Math.imul(i, 0x9e3779b1), i >>> 3) !== ~i) wrong++;
    expect(wrong).toBe(0);
    expect(set.lookup(12345, 99999999)).toBe(-1);
    // 8 bytes of fingerprint per id (in whole pages of 64 Ki ids) plus 4 bytes per table slot at load > 0.375
    const pages = Math.ceil(n / 65536) * 65536;
    expect(set.bytes()).toBeLessThanOrEqual(pages * 8 + (n / 0.375) * 4);
  });

  it('keeps fingerprints that differ only in the high half, or collide in the low bits', () => {
    const set = new FingerprintSet(16);
    for (let i = 0; i < 5000; i++) expect(set.insert(0, i)).toBe(i);
    expect(set.insert(0, 0)).toBe(~0);
    for (let i = 1; i < 5000; i++) expect(set.insert(i << 16, 0)).toBe(4999 + i);
    for (let i = 1; i < 5000; i++) expect(set.lookup(0, i)).toBe(i);
  });

  it('behaves like a Set of 64-bit values under random inserts and lookups (fast-check)', () => {
    const half = fc.oneof(
      fc.integer({ min: 0, max: 3 }),
      fc.nat({ max: 0xffffffff }),
      fc.constant(0xffffffff),
    );
    const op = fc.record({ insert: fc.boolean(), lo: half, hi: half });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), fc.integer({ min: 1, max: 64 }), (ops, initial) => {
        const set = new FingerprintSet(initial);
        const model = new Map<bigint, number>();
        const out = new Uint32Array(2);
        for (const { insert, lo, hi } of ops) {
          const k = key(lo, hi);
          const known = model.get(k);
          if (insert) {
            const r = set.insert(lo, hi);
            if (known === undefined) {
              expect(r).toBe(model.size);
              model.set(k, r);
            } else {
              expect(r).toBe(~known);
            }
          } else {
            expect(set.lookup(lo, hi)).toBe(known ?? -1);
          }
          expect(set.size).toBe(model.size);
        }
        for (const [k, id] of model) {
          set.readFingerprint(id, out, 0);
          expect(key(out[0], out[1])).toBe(k);
        }
      }),
      { numRuns: 200 },
    );
  });
});
