import { describe, expect, it } from 'vitest';
import { PagedArray } from '../src/index.js';

describe('PagedArray', () => {
  it('grows across pages and keeps values', () => {
    const a = new PagedArray((n) => new Int32Array(n));
    for (let i = 0; i < 300_000; i++) a.set(i, i - 5);
    expect(a.size).toBe(300_000);
    for (let i = 0; i < 300_000; i += 999) expect(a.get(i)).toBe(i - 5);
    a.set(3, 42);
    expect(a.get(3)).toBe(42);
    expect(a.bytes()).toBeLessThan(300_000 * 4 + 65536 * 4 + 1);
  });
});
