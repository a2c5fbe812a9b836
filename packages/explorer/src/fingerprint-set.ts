/**
 * The seen-set of the explicit-state search, behind a small interface so that another store (a
 * shared-memory table for worker threads, a disk-backed one) can replace it.
 *
 * Every distinct fingerprint gets a dense id, 0, 1, 2, … in insertion order; the explorer indexes its
 * per-state bookkeeping (parent, action) by that id.
 */
export interface FingerprintStore {
  /** Number of distinct fingerprints inserted. */
  readonly size: number;
  /** Largest number of fingerprints the store can hold. */
  readonly capacity: number;
  /**
   * Inserts the fingerprint `(lo, hi)` (two unsigned 32-bit halves). Returns the new id (≥ 0) if it
   * was not there, or `~id` (< 0) of the id it already has.
   */
  insert(lo: number, hi: number): number;
  /** The id of `(lo, hi)`, or -1 if absent. */
  lookup(lo: number, hi: number): number;
  /** Writes the fingerprint of `id` to `out[offset]` (lo) and `out[offset + 1]` (hi). */
  readFingerprint(id: number, out: Uint32Array, offset: number): void;
  /** Bytes of memory the store holds. */
  bytes(): number;
}

const ID_BITS = 27;
const ID_MASK = (1 << ID_BITS) - 1;
const TAG_SHIFT = ID_BITS;
/** Ids are stored as `id + 1` in 27 bits, 0 meaning an empty slot. */
export const MAX_FINGERPRINTS = ID_MASK - 1;

const PAGE_SHIFT = 16; // ids per fingerprint page: 64 Ki, i.e. 512 KiB of Uint32 pairs
const PAGE_IDS = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE_IDS - 1;
const MAX_LOAD = 0.75;

/** A 32-bit mix of both halves (murmur3's finaliser over a combination of them). */
function mix(lo: number, hi: number): number {
  let h = lo ^ Math.imul(hi ^ (hi >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * An open-addressing hash set of 64-bit fingerprints that hands out dense ids, with no object per
 * entry. Two structures:
 *
 * - the fingerprints themselves, by id, in pages of `Uint32Array` pairs (8 bytes per id, almost no
 *   slack because pages are fixed-size);
 * - a power-of-two `Uint32Array` hash table probed linearly, whose slot holds `id + 1` in its low 27
 *   bits and 5 more bits of the hash in its top bits ("tag"), so a probe reads the fingerprint page
 *   only when the tag matches (1 time in 32 for a foreign entry). 0 is the empty slot, so every
 *   fingerprint, 0/0 included, can be stored without remapping.
 *
 * At load ≤ 0.75 the table costs 5.3 to 10.7 bytes per id, the fingerprints 8: 13 to 19 bytes per
 * distinct state, where a table of fingerprint pairs plus an id column would cost 16 to 32.
 * Limit: 2^27 - 2 (134 million) fingerprints.
 */
export class FingerprintSet implements FingerprintStore {
  private table: Uint32Array;
  private mask: number;
  private growAt: number;
  private count = 0;
  private readonly pages: Uint32Array[] = [];

  constructor(initialCapacity = 1024) {
    let slots = 16;
    while (slots * MAX_LOAD < initialCapacity && slots < 1 << 30) slots *= 2;
    this.table = new Uint32Array(slots);
    this.mask = slots - 1;
    this.growAt = Math.floor(slots * MAX_LOAD);
    let first = 64;
    while (first < initialCapacity && first < PAGE_IDS) first *= 2;
    this.pages.push(new Uint32Array(first * 2));
  }

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return MAX_FINGERPRINTS;
  }

  insert(lo: number, hi: number): number {
    lo >>>= 0;
    hi >>>= 0;
    const h = mix(lo, hi);
    const tag = h >>> TAG_SHIFT;
    const table = this.table;
    const mask = this.mask;
    const pages = this.pages;
    let i = h & mask;
    for (;;) {
      const slot = table[i];
      if (slot === 0) break;
      if (slot >>> TAG_SHIFT === tag) {
        const id = (slot & ID_MASK) - 1;
        const page = pages[id >>> PAGE_SHIFT];
        const o = (id & PAGE_MASK) << 1;
        if (page[o] === lo && page[o + 1] === hi) return ~id;
      }
      i = (i + 1) & mask;
    }
    const id = this.count;
    if (id >= MAX_FINGERPRINTS)
      throw new RangeError(`the fingerprint set is full (${MAX_FINGERPRINTS} states)`);
    this.store(id, lo, hi);
    this.count = id + 1;
    if (this.count > this.growAt) {
      this.grow();
    } else {
      table[i] = ((tag << TAG_SHIFT) | (id + 1)) >>> 0;
    }
    return id;
  }

  lookup(lo: number, hi: number): number {
    lo >>>= 0;
    hi >>>= 0;
    const h = mix(lo, hi);
    const tag = h >>> TAG_SHIFT;
    const table = this.table;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const slot = table[i];
      if (slot === 0) return -1;
      if (slot >>> TAG_SHIFT === tag) {
        const id = (slot & ID_MASK) - 1;
        const page = this.pages[id >>> PAGE_SHIFT];
        const o = (id & PAGE_MASK) << 1;
        if (page[o] === lo && page[o + 1] === hi) return id;
      }
      i = (i + 1) & mask;
    }
  }

  has(lo: number, hi: number): boolean {
    return this.lookup(lo, hi) >= 0;
  }

  readFingerprint(id: number, out: Uint32Array, offset: number): void {
    const page = this.pages[id >>> PAGE_SHIFT];
    const o = (id & PAGE_MASK) << 1;
    out[offset] = page[o];
    out[offset + 1] = page[o + 1];
  }

  bytes(): number {
    let total = this.table.byteLength;
    for (const page of this.pages) total += page.byteLength;
    return total;
  }

  private store(id: number, lo: number, hi: number): void {
    const pageIndex = id >>> PAGE_SHIFT;
    let page = this.pages[pageIndex];
    const o = (id & PAGE_MASK) << 1;
    if (page === undefined) {
      page = new Uint32Array(PAGE_IDS * 2);
      this.pages.push(page);
    } else if (o >= page.length) {
      const bigger = new Uint32Array(Math.min(page.length * 2, PAGE_IDS * 2));
      bigger.set(page);
      this.pages[pageIndex] = bigger;
      page = bigger;
    }
    page[o] = lo;
    page[o + 1] = hi;
  }

  /** Doubles the table and re-inserts every id (ids are all distinct: no comparisons needed). */
  private grow(): void {
    const slots = this.table.length * 2;
    const table = new Uint32Array(slots);
    const mask = slots - 1;
    const pages = this.pages;
    for (let id = 0; id < this.count; id++) {
      const page = pages[id >>> PAGE_SHIFT];
      const o = (id & PAGE_MASK) << 1;
      const h = mix(page[o], page[o + 1]);
      let i = h & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = (((h >>> TAG_SHIFT) << TAG_SHIFT) | (id + 1)) >>> 0;
    }
    this.table = table;
    this.mask = mask;
    this.growAt = Math.floor(slots * MAX_LOAD);
  }
}
