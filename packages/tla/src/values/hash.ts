/**
 * 64-bit fingerprint arithmetic in two independent 32-bit lanes: lane A is MurmurHash3's block
 * step, lane B xxHash32's round; each lane ends with its own avalanche. Combining is done with
 * local variables (no allocation); callees report a child's fingerprint through `R`.
 */

/** Return channel: the last fingerprint computed by `fpInto` (read it right after the call). */
export const R = { lo: 0, hi: 0 };

export const SEED_A = 0x2f3c_9a17;
export const SEED_B = 0x61c8_8647;

/** Fingerprint tags, one per value family (equal values share a family). */
export const TAG_BOOL = 1;
export const TAG_INT = 2;
export const TAG_STR = 3;
export const TAG_MODEL = 4;
export const TAG_SET = 5;
export const TAG_FCN = 6;
export const TAG_STATE = 7;

/** Lane A step (MurmurHash3 x86_32 block). */
export function mixA(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Lane B step (xxHash32 round). */
export function mixB(h: number, k: number): number {
  h = (h + Math.imul(k, 0x85ebca77)) | 0;
  h = (h << 13) | (h >>> 19);
  return Math.imul(h, 0x9e3779b1);
}

/** Lane A avalanche (MurmurHash3 fmix32), as an unsigned 32-bit number. */
export function finA(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Lane B avalanche (xxHash32), as an unsigned 32-bit number. */
export function finB(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Stores the fingerprint of a string-like value (`tag` + UTF-16 code units) into `target`. */
export function hashString(
  tag: number,
  s: string,
  target: { fpLo: number; fpHi: number; fpDone: boolean },
): void {
  let a = SEED_A ^ tag;
  let b = SEED_B ^ Math.imul(tag, 0x27d4eb2f);
  const n = s.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = mixA(a, k);
    b = mixB(b, k);
  }
  if (i < n) {
    const k = s.charCodeAt(i);
    a = mixA(a, k);
    b = mixB(b, k);
  }
  target.fpLo = finA(a ^ n);
  target.fpHi = finB(b ^ n);
  target.fpDone = true;
}
