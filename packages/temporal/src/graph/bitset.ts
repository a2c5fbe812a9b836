/** Sets of states as bit arrays: bit `s & 31` of word `s >>> 5`. */
export type Bitset = Uint32Array;

export function newBitset(n: number): Bitset {
  return new Uint32Array((n + 31) >>> 5);
}

export function hasBit(set: Bitset, s: number): boolean {
  return (set[s >>> 5] & (1 << (s & 31))) !== 0;
}

export function setBit(set: Bitset, s: number): void {
  set[s >>> 5] |= 1 << (s & 31);
}

export function clearBit(set: Bitset, s: number): void {
  set[s >>> 5] &= ~(1 << (s & 31));
}

/** Complement within `0 .. n - 1` (the bits past `n` stay clear). */
export function complement(set: Bitset, n: number): Bitset {
  const out = new Uint32Array(set.length);
  for (let i = 0; i < set.length; i++) out[i] = ~set[i];
  clearTail(out, n);
  return out;
}

export function intersect(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

export function union(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i];
  return out;
}

export function fullBitset(n: number): Bitset {
  const out = newBitset(n).fill(0xffffffff);
  clearTail(out, n);
  return out;
}

function clearTail(set: Bitset, n: number): void {
  const r = n & 31;
  if (r !== 0 && set.length > 0) set[set.length - 1] &= (1 << r) - 1;
}

export function popcount(set: Bitset): number {
  let c = 0;
  for (let i = 0; i < set.length; i++) {
    let v = set[i];
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return c;
}

/** The states of a bitset, ascending. */
export function bitsetMembers(set: Bitset): number[] {
  const out: number[] = [];
  for (let w = 0; w < set.length; w++) {
    let v = set[w];
    while (v !== 0) {
      const b = 31 - Math.clz32(v & -v);
      out.push((w << 5) | b);
      v &= v - 1;
    }
  }
  return out;
}
