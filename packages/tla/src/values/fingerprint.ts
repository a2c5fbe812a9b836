/**
 * 64-bit fingerprints: equal values (in TLA+'s sense: `{1, 2}` = `1..2`, `<<a>>` = `[x \in {1} |-> a]`)
 * get equal fingerprints; distinct values collide with probability about 2^-64. Not TLC's FP64
 * numbers. Composite values cache theirs (`fpLo`/`fpHi`), so a value is hashed once however many
 * states share it. Sets hash their normalised elements in order; every function-like value hashes
 * as its (domain element, image) pairs in TLC domain order.
 */
import { equals, normalizedElems } from './compare.js';
import { fail } from './diag.js';
import { materializeFcn } from './functions.js';
import {
  finA,
  finB,
  hashString,
  mixA,
  mixB,
  R,
  SEED_A,
  SEED_B,
  TAG_FCN,
  TAG_SET,
  TAG_STATE,
} from './hash.js';
import { toSetEnum } from './sets.js';
import { Kind, type ObjValue, type Value } from './value.js';

/** Second word of an integer's or boolean's fingerprint pair inside composites. */
const K_INT = 0x6a09e667;
const K_BOOL = 0xbb67ae85;
const SEED_SET_B = SEED_B ^ Math.imul(TAG_SET, 0x27d4eb2f);
const SEED_FCN_B = SEED_B ^ Math.imul(TAG_FCN, 0x27d4eb2f);
const SEED_STATE_B = SEED_B ^ Math.imul(TAG_STATE, 0x27d4eb2f);
/**
 * A child's 64-bit pair (lo, hi) enters lane A as `lo + hi * P` and lane B as `hi + lo * Q`
 * (mod 2^32): with P odd and Q even the map is invertible, so distinct children always differ in
 * at least one lane word (and, their fingerprints being pseudo-random, almost always in both).
 */
const P = 0x9e3779b1;
const Q = 0x7f4a7c16;

/**
 * Fingerprint pair of a child, in `CLO`/`CHI` (module scratch, read right after the call). Numbers
 * and booleans have injective pairs; composites are computed once and cached.
 */
let CLO = 0;
let CHI = 0;

function child(v: Value): void {
  if (typeof v === 'number') {
    CLO = v;
    CHI = K_INT;
  } else if (typeof v === 'boolean') {
    CLO = v ? 1 : 0;
    CHI = K_BOOL;
  } else {
    if (!v.fpDone) computeFp(v);
    CLO = v.fpLo;
    CHI = v.fpHi;
  }
}

/**
 * The fingerprint pair of `v` into `R` (internal form: integers and booleans are not mixed here,
 * their pair is injective; the composite that contains them mixes).
 */
export function fpInto(v: Value): void {
  child(v);
  R.lo = CLO >>> 0;
  R.hi = CHI;
}

/** Sets `v`'s fingerprint from its final lanes. */
function finish(v: ObjValue, a: number, b: number, n: number): void {
  v.fpLo = finA(a ^ n);
  v.fpHi = finB(b ^ n);
  v.fpDone = true;
}

/** Hash of the interval `lo..lo+n-1` as a set, into `CLO`/`CHI`. */
function intervalSetFp(lo: number, n: number): void {
  let a = SEED_A ^ TAG_SET;
  let b = SEED_SET_B;
  const ka = Math.imul(K_INT, P);
  for (let i = 0; i < n; i++) {
    const x = lo + i;
    a = mixA(a, (x + ka) | 0);
    b = mixB(b, (K_INT + Math.imul(x, Q)) | 0);
  }
  CLO = finA(a ^ n);
  CHI = finB(b ^ n);
}

/** Fingerprints of the domains `1..n` (as sets), for tuples. */
const tupleDomLo: number[] = [];
const tupleDomHi: number[] = [];

function extendTupleDomains(n: number): void {
  for (let k = tupleDomLo.length; k <= n; k++) {
    intervalSetFp(1, k);
    tupleDomLo.push(CLO);
    tupleDomHi.push(CHI);
  }
}

/** Lanes over the values of `e` from seeds (a, b); result in `CLO` (lane A) / `CHI` (lane B), unfinished. */
function lanesOver(e: readonly Value[], a: number, b: number): void {
  for (let i = 0; i < e.length; i++) {
    const x = e[i];
    let lo: number;
    let hi: number;
    if (typeof x === 'number') {
      lo = x;
      hi = K_INT;
    } else if (typeof x === 'boolean') {
      lo = x ? 1 : 0;
      hi = K_BOOL;
    } else {
      if (!x.fpDone) computeFp(x);
      lo = x.fpLo;
      hi = x.fpHi;
    }
    a = mixA(a, (lo + Math.imul(hi, P)) | 0);
    b = mixB(b, (hi + Math.imul(lo, Q)) | 0);
  }
  CLO = a;
  CHI = b;
}

function computeFp(v: ObjValue): void {
  switch (v.kind) {
    case Kind.Str:
    case Kind.Model:
      return; // computed when interned
    case Kind.SetEnum: {
      const e = normalizedElems(v);
      lanesOver(e, SEED_A ^ TAG_SET, SEED_SET_B);
      finish(v, CLO, CHI, e.length);
      return;
    }
    case Kind.Interval:
      intervalSetFp(v.lo, v.hi < v.lo ? 0 : v.hi - v.lo + 1);
      v.fpLo = CLO;
      v.fpHi = CHI;
      v.fpDone = true;
      return;
    case Kind.Subset:
    case Kind.SetOfFcns:
    case Kind.SetOfRcds:
    case Kind.SetOfTuples:
    case Kind.Union:
    case Kind.SetCup:
    case Kind.SetCap:
    case Kind.SetDiff:
    case Kind.SetPred: {
      const s = toSetEnum(v);
      if (!s.fpDone) computeFp(s);
      v.fpLo = s.fpLo;
      v.fpHi = s.fpHi;
      v.fpDone = true;
      return;
    }
    case Kind.InfSet:
      hashString(20 + v.name.length, v.name, v);
      return;
    case Kind.SeqSet: {
      child(v.base);
      const a = mixA(SEED_A ^ 30, (CLO + Math.imul(CHI, P)) | 0);
      const b = mixB(SEED_B ^ 30, (CHI + Math.imul(CLO, Q)) | 0);
      finish(v, a, b, 1);
      return;
    }
    case Kind.Tuple: {
      // A function: (TAG_FCN, domain as a set, images in domain order).
      const e = v.elems;
      const n = e.length;
      if (tupleDomLo.length <= n) extendTupleDomains(n);
      const dlo = tupleDomLo[n];
      const dhi = tupleDomHi[n];
      lanesOver(
        e,
        mixA(SEED_A ^ TAG_FCN, (dlo + Math.imul(dhi, P)) | 0),
        mixB(SEED_FCN_B, (dhi + Math.imul(dlo, Q)) | 0),
      );
      finish(v, CLO, CHI, n);
      return;
    }
    case Kind.Record: {
      const names = v.names;
      const n = names.length;
      let a = SEED_A ^ TAG_SET;
      let b = SEED_SET_B;
      for (let i = 0; i < n; i++) {
        const lo = names[i].fpLo;
        const hi = names[i].fpHi;
        a = mixA(a, (lo + Math.imul(hi, P)) | 0);
        b = mixB(b, (hi + Math.imul(lo, Q)) | 0);
      }
      const dlo = finA(a ^ n);
      const dhi = finB(b ^ n);
      lanesOver(
        v.values,
        mixA(SEED_A ^ TAG_FCN, (dlo + Math.imul(dhi, P)) | 0),
        mixB(SEED_FCN_B, (dhi + Math.imul(dlo, Q)) | 0),
      );
      finish(v, CLO, CHI, n);
      return;
    }
    case Kind.Fcn: {
      const vals = v.values;
      const n = vals.length;
      const info = v.domInfo;
      if (!info.done) {
        if (Number.isNaN(v.intLo)) {
          lanesOver(v.domain, SEED_A ^ TAG_SET, SEED_SET_B);
          info.lo = finA(CLO ^ n);
          info.hi = finB(CHI ^ n);
        } else {
          intervalSetFp(v.intLo, n);
          info.lo = CLO;
          info.hi = CHI;
        }
        info.done = true;
      }
      const dlo = info.lo;
      const dhi = info.hi;
      lanesOver(
        vals,
        mixA(SEED_A ^ TAG_FCN, (dlo + Math.imul(dhi, P)) | 0),
        mixB(SEED_FCN_B, (dhi + Math.imul(dlo, Q)) | 0),
      );
      finish(v, CLO, CHI, n);
      return;
    }
    case Kind.FcnLambda: {
      const m = materializeFcn(v);
      if (!m.fpDone) computeFp(m);
      v.fpLo = m.fpLo;
      v.fpHi = m.fpHi;
      v.fpDone = true;
      return;
    }
    case Kind.Op:
      fail(`Attempted to fingerprint the operator ${v.name}.`, 'type');
  }
}

/** Writes the 64-bit fingerprint of `v` into `out[offset]` (low half) and `out[offset + 1]` (high half). */
export function fingerprint(v: Value, out: Uint32Array, offset: number): void {
  if (typeof v === 'object') {
    if (!v.fpDone) computeFp(v);
    out[offset] = v.fpLo;
    out[offset + 1] = v.fpHi;
    return;
  }
  child(v);
  out[offset] = finA(mixA(SEED_A, CLO) ^ CHI);
  out[offset + 1] = finB(mixB(SEED_B, CHI) ^ CLO);
}

const pairBuf = new Uint32Array(2);

/** The fingerprint of `v` as `[low, high]` (allocates; for tests and tools). */
export function fingerprintPair(v: Value): [number, number] {
  fingerprint(v, pairBuf, 0);
  return [pairBuf[0], pairBuf[1]];
}

/** The fingerprint as 16 hex digits (high half first). */
export function fingerprintHex(v: Value): string {
  fingerprint(v, pairBuf, 0);
  return pairBuf[1].toString(16).padStart(8, '0') + pairBuf[0].toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------------------------------------
// States

/** A state as the TLA+ front-end keeps it: one value per variable, in declaration order. */
export type StateValues = readonly Value[];

/**
 * Writes the 64-bit fingerprint of a state (its values, in order) into `out[offset]` (low) and
 * `out[offset + 1]` (high), as `TransitionSystem.fingerprint` needs. No allocation.
 */
export function fingerprintState(state: StateValues, out: Uint32Array, offset: number): void {
  lanesOver(state, SEED_A ^ TAG_STATE, SEED_STATE_B);
  const n = state.length;
  out[offset] = finA(CLO ^ n);
  out[offset + 1] = finB(CHI ^ n);
}

/** Whether two states have equal values variable by variable. */
export function statesEqual(s: StateValues, t: StateValues): boolean {
  if (s.length !== t.length) return false;
  for (let i = 0; i < s.length; i++) if (s[i] !== t[i] && !equals(s[i], t[i])) return false;
  return true;
}
