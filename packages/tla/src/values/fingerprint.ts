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
 * The fingerprint pair of `v` into `R` (internal form: integers and booleans are not mixed here,
 * their pair is injective; the composite that contains them mixes).
 */
export function fpInto(v: Value): void {
  if (typeof v === 'number') {
    R.lo = v >>> 0;
    R.hi = K_INT;
    return;
  }
  if (typeof v === 'boolean') {
    R.lo = v ? 1 : 0;
    R.hi = K_BOOL;
    return;
  }
  if (!v.fpDone) computeFp(v);
  R.lo = v.fpLo;
  R.hi = v.fpHi;
}

function computeFp(v: ObjValue): void {
  let a: number;
  let b: number;
  let n: number;
  switch (v.kind) {
    case Kind.Str:
    case Kind.Model:
      return; // computed when interned
    case Kind.SetEnum: {
      const e = normalizedElems(v);
      n = e.length;
      a = SEED_A ^ TAG_SET;
      b = SEED_SET_B;
      for (let i = 0; i < n; i++) {
        fpInto(e[i]);
        const lo = R.lo;
        const hi = R.hi;
        a = mixA(mixA(a, lo), hi);
        b = mixB(mixB(b, hi), lo);
      }
      break;
    }
    case Kind.Interval: {
      a = SEED_A ^ TAG_SET;
      b = SEED_SET_B;
      n = v.hi < v.lo ? 0 : v.hi - v.lo + 1;
      for (let x = v.lo; x <= v.hi; x++) {
        const lo = x >>> 0;
        a = mixA(mixA(a, lo), K_INT);
        b = mixB(mixB(b, K_INT), lo);
      }
      break;
    }
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
      fpInto(s);
      v.fpLo = R.lo;
      v.fpHi = R.hi;
      v.fpDone = true;
      return;
    }
    case Kind.InfSet:
      hashString(20 + v.name.length, v.name, v);
      return;
    case Kind.SeqSet: {
      fpInto(v.base);
      a = mixA(SEED_A ^ 30, R.lo);
      b = mixB(SEED_B ^ 30, R.hi);
      n = 1;
      break;
    }
    case Kind.Tuple: {
      const e = v.elems;
      n = e.length;
      a = SEED_A ^ TAG_FCN;
      b = SEED_FCN_B;
      for (let i = 0; i < n; i++) {
        const d = i + 1;
        a = mixA(mixA(a, d), K_INT);
        b = mixB(mixB(b, K_INT), d);
        fpInto(e[i]);
        const lo = R.lo;
        const hi = R.hi;
        a = mixA(mixA(a, lo), hi);
        b = mixB(mixB(b, hi), lo);
      }
      break;
    }
    case Kind.Record: {
      const names = v.names;
      const vals = v.values;
      n = names.length;
      a = SEED_A ^ TAG_FCN;
      b = SEED_FCN_B;
      for (let i = 0; i < n; i++) {
        const nm = names[i];
        a = mixA(mixA(a, nm.fpLo), nm.fpHi);
        b = mixB(mixB(b, nm.fpHi), nm.fpLo);
        fpInto(vals[i]);
        const lo = R.lo;
        const hi = R.hi;
        a = mixA(mixA(a, lo), hi);
        b = mixB(mixB(b, hi), lo);
      }
      break;
    }
    case Kind.Fcn: {
      const dom = v.domain;
      const vals = v.values;
      n = vals.length;
      a = SEED_A ^ TAG_FCN;
      b = SEED_FCN_B;
      for (let i = 0; i < n; i++) {
        fpInto(dom[i]);
        let lo = R.lo;
        let hi = R.hi;
        a = mixA(mixA(a, lo), hi);
        b = mixB(mixB(b, hi), lo);
        fpInto(vals[i]);
        lo = R.lo;
        hi = R.hi;
        a = mixA(mixA(a, lo), hi);
        b = mixB(mixB(b, hi), lo);
      }
      break;
    }
    case Kind.FcnLambda: {
      const m = materializeFcn(v);
      fpInto(m);
      v.fpLo = R.lo;
      v.fpHi = R.hi;
      v.fpDone = true;
      return;
    }
    case Kind.Op:
      fail(`Attempted to fingerprint the operator ${v.name}.`, 'type');
  }
  v.fpLo = finA(a ^ n);
  v.fpHi = finB(b ^ n);
  v.fpDone = true;
}

/** Writes the 64-bit fingerprint of `v` into `out[offset]` (low half) and `out[offset + 1]` (high half). */
export function fingerprint(v: Value, out: Uint32Array, offset: number): void {
  if (typeof v === 'object') {
    if (!v.fpDone) computeFp(v);
    out[offset] = v.fpLo;
    out[offset + 1] = v.fpHi;
    return;
  }
  fpInto(v);
  out[offset] = finA(mixA(SEED_A, R.lo) ^ R.hi);
  out[offset + 1] = finB(mixB(SEED_B, R.hi) ^ R.lo);
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
  const n = state.length;
  let a = SEED_A ^ TAG_STATE;
  let b = SEED_STATE_B;
  for (let i = 0; i < n; i++) {
    fpInto(state[i]);
    const lo = R.lo;
    const hi = R.hi;
    a = mixA(mixA(a, lo), hi);
    b = mixB(mixB(b, hi), lo);
  }
  out[offset] = finA(a ^ n);
  out[offset + 1] = finB(b ^ n);
}

/** Whether two states have equal values variable by variable. */
export function statesEqual(s: StateValues, t: StateValues): boolean {
  if (s.length !== t.length) return false;
  for (let i = 0; i < s.length; i++) if (s[i] !== t[i] && !equals(s[i], t[i])) return false;
  return true;
}
