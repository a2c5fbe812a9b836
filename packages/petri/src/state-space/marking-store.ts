/**
 * How a marking is packed into 32-bit words: each place gets a bit field wide enough for its
 * bound (from P-invariants when known, else 8 bits, widened on overflow), and fields never cross a
 * word. Kanban-PT-00005 (16 places, at most 5 tokens each) takes 2 words, not 16.
 */
export class MarkingLayout {
  readonly words: number;
  readonly word: Int32Array;
  readonly shift: Int32Array;
  readonly bits: Int32Array;
  /** The largest count a field holds (2^bits − 1). */
  readonly max: Float64Array;

  constructor(readonly bitsPerPlace: readonly number[]) {
    const P = bitsPerPlace.length;
    this.word = new Int32Array(P);
    this.shift = new Int32Array(P);
    this.bits = new Int32Array(P);
    this.max = new Float64Array(P);
    // First fit, widest fields first, so that few bits are wasted at word ends.
    const order = [...bitsPerPlace.keys()].sort((a, b) => bitsPerPlace[b] - bitsPerPlace[a] || a - b);
    const free: number[] = [];
    for (const p of order) {
      const b = Math.min(31, Math.max(1, bitsPerPlace[p]));
      let w = free.findIndex((f) => f >= b);
      if (w < 0) {
        w = free.length;
        free.push(32);
      }
      this.word[p] = w;
      this.shift[p] = 32 - free[w];
      free[w] -= b;
      this.bits[p] = b;
      this.max[p] = 2 ** b - 1;
    }
    this.words = Math.max(1, free.length);
  }

  static forBounds(bounds: readonly (number | undefined)[]): MarkingLayout {
    return new MarkingLayout(
      bounds.map((b) => (b === undefined ? 8 : Math.max(1, Math.ceil(Math.log2(b + 1))))),
    );
  }

  /** The same layout with `place` twice as wide (after a count overflowed it). */
  widened(place: number, needed: number): MarkingLayout {
    const bits = Array.from(this.bits);
    bits[place] = Math.min(31, Math.max(bits[place] * 2, Math.ceil(Math.log2(needed + 1))));
    return new MarkingLayout(bits);
  }

  pack(marking: ArrayLike<number>, out: Uint32Array, offset: number): void {
    out.fill(0, offset, offset + this.words);
    for (let p = 0; p < marking.length; p++) out[offset + this.word[p]] |= marking[p] << this.shift[p];
  }

  unpack(data: Uint32Array, offset: number, out: Int32Array | number[]): void {
    for (let p = 0; p < out.length; p++) {
      const b = this.bits[p];
      out[p] =
        b === 31
          ? (data[offset + this.word[p]] >>> this.shift[p]) & 0x7fffffff
          : (data[offset + this.word[p]] >>> this.shift[p]) & ((1 << b) - 1);
    }
  }
}

/** 32-bit hash of `words` words at `offset` (murmur3's mixing). */
export function hashWords(data: Uint32Array, offset: number, words: number): number {
  let h = 0x9747b28c ^ words;
  for (let i = 0; i < words; i++) {
    let k = Math.imul(data[offset + i], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The set of markings seen: packed markings in one arena (id order = discovery order, so a
 * breadth-first search needs no queue: it walks the ids), and an open-addressing hash table of
 * `id + 1` (0 = empty) with linear probing, kept at most 3/4 full.
 */
export class MarkingStore {
  data: Uint32Array;
  count = 0;
  private table: Int32Array;
  private mask: number;

  constructor(
    public layout: MarkingLayout,
    initialCapacity = 1024,
  ) {
    this.data = new Uint32Array(initialCapacity * layout.words);
    let size = 1024;
    while (size * 0.75 < initialCapacity) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  get bytes(): number {
    return this.data.byteLength + this.table.byteLength;
  }

  /** Bytes that would be needed after the next growth of the arena or of the table. */
  get words(): number {
    return this.layout.words;
  }

  /**
   * The id of the marking packed at `scratch[0 .. words)`, adding it if new. Returns `id` for a
   * known marking and `-(id + 1)` for a new one (so the caller learns both in one probe).
   */
  insert(scratch: Uint32Array): number {
    const W = this.layout.words;
    const h = hashWords(scratch, 0, W);
    const table = this.table;
    const mask = this.mask;
    const data = this.data;
    let slot = h & mask;
    for (;;) {
      const entry = table[slot];
      if (entry === 0) break;
      const base = (entry - 1) * W;
      let same = true;
      for (let i = 0; i < W; i++) {
        if (data[base + i] !== scratch[i]) {
          same = false;
          break;
        }
      }
      if (same) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    if ((id + 1) * W > this.data.length) this.growData();
    this.data.set(scratch.subarray(0, W), id * W);
    this.count = id + 1;
    table[slot] = id + 1;
    if (this.count > (this.mask + 1) * 0.75) this.growTable();
    return -(id + 1);
  }

  /** The id of a packed marking, or -1. */
  find(scratch: Uint32Array): number {
    const W = this.layout.words;
    let slot = hashWords(scratch, 0, W) & this.mask;
    for (;;) {
      const entry = this.table[slot];
      if (entry === 0) return -1;
      const base = (entry - 1) * W;
      let same = true;
      for (let i = 0; i < W; i++) if (this.data[base + i] !== scratch[i]) same = false;
      if (same) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  unpack(id: number, out: Int32Array | number[]): void {
    this.layout.unpack(this.data, id * this.layout.words, out);
  }

  /** Re-packs every marking with a wider layout (a count outgrew its field). Ids stay. */
  relayout(layout: MarkingLayout, places: number): void {
    const old = this.layout;
    const tokens = new Int32Array(places);
    const data = new Uint32Array(Math.max(this.count, 1024) * layout.words);
    for (let id = 0; id < this.count; id++) {
      old.unpack(this.data, id * old.words, tokens);
      layout.pack(tokens, data, id * layout.words);
    }
    this.layout = layout;
    this.data = data;
    this.rehash(this.table.length);
  }

  private growData(): void {
    const W = this.layout.words;
    const next = new Uint32Array(Math.max(Math.ceil((this.data.length * 1.5) / W) * W, 1024 * W));
    next.set(this.data);
    this.data = next;
  }

  private growTable(): void {
    this.rehash(this.table.length * 2);
  }

  private rehash(size: number): void {
    const W = this.layout.words;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = hashWords(this.data, id * W, W) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
