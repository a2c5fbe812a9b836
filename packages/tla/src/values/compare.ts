/**
 * Equality and TLC's total order on values (`Value.equals` / `Value.compareTo` in TLC), including
 * TLC's errors for comparisons across types. Both dispatch on the left operand, as TLC does, so
 * the error text names the left value first (`Attempted to check equality of integer 1 with
 * non-integer:\n"a"`).
 *
 * TLC's order (tlc2/value/impl/*Value.java `compareTo`):
 * - integers numerically; FALSE < TRUE;
 * - strings and model values by intern token (order of first interning, see `internName`);
 * - an untyped model value is below every non-model value (and unequal to it); a typed model
 *   value (`A_x`) compared with a differently typed or a non-model value is an error;
 * - sets: by cardinality first, then element-wise in normalised order;
 * - tuples: by length, then element-wise; records: by size, then field names (token order), then
 *   values; functions: by size, then domain element-wise, then values element-wise;
 * - `SUBSET S` vs `SUBSET T` compares `S` with `T`; other lazy sets are enumerated first.
 */
import { fail, ppr } from './diag.js';
import { materializeFcn, toFcnOrNull, toRcdOrNull, toTupleOrNull, tupleAsFcn } from './functions.js';
import { isEmptySet, toSetEnum, toSetEnumOrNull } from './sets.js';
import {
  type FcnRcdValue,
  type InfSetValue,
  Kind,
  type ModelValue,
  type ObjValue,
  type RecordValue,
  type SetEnumValue,
  type TupleValue,
  type Value,
} from './value.js';

// ---------------------------------------------------------------------------------------------
// Model values against other values (TLC's modelValueCompareTo / modelValueEquals / ...Member)

/** What `other.compareTo(mv)` gives when `other` is not a model value: 1, or an error if `mv` is typed. */
function mvBelow(mv: ModelValue, other: Value): number {
  if (mv.type !== '') {
    fail(
      `Attempted to compare the typed model value ${ppr(mv)} and the non-model value\n${ppr(other)}`,
      'compare',
    );
  }
  return 1;
}

/** What `other.equals(mv)` gives when `other` is not a model value: false, or an error if `mv` is typed. */
function mvUnequal(mv: ModelValue, other: Value): boolean {
  if (mv.type !== '') {
    fail(
      `Attempted to check equality of the typed model value ${ppr(mv)} and the non-model value\n${ppr(other)}`,
      'equality',
    );
  }
  return false;
}

/** Whether model value `mv` is in the non-model-value set `set`: false, or an error if typed. */
export function mvMember(mv: ModelValue, set: Value): boolean {
  if (mv.type !== '') {
    fail(
      `Attempted to check if the typed model value ${ppr(mv)} is an element of\n${ppr(set)}`,
      'membership',
    );
  }
  return false;
}

function isModel(v: Value): v is ModelValue {
  return typeof v === 'object' && v.kind === Kind.Model;
}

// ---------------------------------------------------------------------------------------------
// Equality

/** TLA+ equality with TLC's errors (`a = b` evaluates `a.equals(b)` in TLC). */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  switch (typeof a) {
    case 'number':
      if (typeof b === 'number') return false;
      if (isModel(b)) return mvUnequal(b, a);
      return fail(
        `Attempted to check equality of integer ${ppr(a)} with non-integer:\n${ppr(b)}`,
        'equality',
      );
    case 'boolean':
      if (typeof b === 'boolean') return false;
      if (isModel(b)) return mvUnequal(b, a);
      return fail(
        `Attempted to compare equality of boolean ${ppr(a)} with non-boolean:\n${ppr(b)}`,
        'equality',
      );
    default:
      return objEquals(a, b);
  }
}

function objEquals(a: ObjValue, b: Value): boolean {
  switch (a.kind) {
    case Kind.Str:
      if (typeof b === 'object') {
        if (b.kind === Kind.Str) return false; // interned: distinct objects are distinct strings
        if (b.kind === Kind.Model) return mvUnequal(b, a);
      }
      return fail(`Attempted to check equality of string ${ppr(a)} with non-string:\n${ppr(b)}`, 'equality');
    case Kind.Model:
      if (a.type === '') return false;
      if (isModel(b)) {
        if (b.type === a.type || b.type === '') return false;
        return fail(
          `Attempted to check equality of the differently-typed model values ${ppr(a)} and ${ppr(b)}`,
          'equality',
        );
      }
      return fail(
        `Attempted to check equality of typed model value ${ppr(a)} and non-model value\n${ppr(b)}`,
        'equality',
      );
    case Kind.SetEnum:
      return setEnumEquals(a, b);
    case Kind.Interval:
      if (typeof b === 'object' && b.kind === Kind.Interval) {
        if (a.hi < a.lo) return b.hi < b.lo;
        return a.lo === b.lo && a.hi === b.hi;
      }
      return setEnumEquals(toSetEnum(a), b);
    case Kind.Subset:
      if (typeof b === 'object' && b.kind === Kind.Subset) return equals(a.base, b.base);
      return setEnumEquals(toSetEnum(a), b);
    case Kind.SetOfFcns:
      if (typeof b === 'object' && b.kind === Kind.SetOfFcns)
        return equals(a.domain, b.domain) && equals(a.range, b.range);
      return setEnumEquals(toSetEnum(a), b);
    case Kind.SetOfRcds:
      if (typeof b === 'object' && b.kind === Kind.SetOfRcds) {
        if (isEmptySet(a)) return isEmptySet(b);
        if (isEmptySet(b)) return false;
        if (a.names.length !== b.names.length) return false;
        for (let i = 0; i < a.names.length; i++) {
          if (a.names[i] !== b.names[i] || !equals(a.sets[i], b.sets[i])) return false;
        }
        return true;
      }
      return setEnumEquals(toSetEnum(a), b);
    case Kind.SetOfTuples:
      if (typeof b === 'object' && b.kind === Kind.SetOfTuples) {
        if (isEmptySet(a)) return isEmptySet(b);
        if (isEmptySet(b)) return false;
        if (a.sets.length !== b.sets.length) return false;
        for (let i = 0; i < a.sets.length; i++) if (!equals(a.sets[i], b.sets[i])) return false;
        return true;
      }
      return setEnumEquals(toSetEnum(a), b);
    case Kind.Union:
    case Kind.SetCup:
    case Kind.SetCap:
    case Kind.SetDiff:
    case Kind.SetPred:
      return setEnumEquals(toSetEnum(a), b);
    case Kind.InfSet:
      return infSetCompare(a, b) === 0;
    case Kind.SeqSet:
      if (typeof b === 'object' && b.kind === Kind.SeqSet) return equals(a.base, b.base);
      if (isModel(b)) return false;
      return fail(`Attempted to compare ${ppr(a)} with the value\n${ppr(b)}`, 'equality');
    case Kind.Tuple:
      return tupleEquals(a, b);
    case Kind.Record:
      return recordEquals(a, b);
    case Kind.Fcn:
      return fcnEquals(a, b);
    case Kind.FcnLambda:
      return equals(materializeFcn(a), b);
    case Kind.Op:
      return fail(
        `Attempted to check equality of the operator ${a.name} with the value:\n${ppr(b)}`,
        'equality',
      );
  }
}

/** Same cached fingerprints are necessary for equality: a cheap early "no". */
function fpDiffer(a: ObjValue, b: ObjValue): boolean {
  return a.fpDone && b.fpDone && (a.fpLo !== b.fpLo || a.fpHi !== b.fpHi);
}

function setEnumEquals(a: SetEnumValue, b: Value): boolean {
  const s = toSetEnumOrNull(b);
  if (s === null) {
    if (isModel(b)) return mvUnequal(b, a);
    return fail(`Attempted to check equality of the set ${ppr(a)} with the value:\n${ppr(b)}`, 'equality');
  }
  if (a === s) return true;
  if (fpDiffer(a, s)) return false;
  const x = normalizedElems(a);
  const y = normalizedElems(s);
  const n = x.length;
  if (n !== y.length) return false;
  for (let i = 0; i < n; i++) if (!equals(x[i], y[i])) return false;
  return true;
}

function tupleEquals(a: TupleValue, b: Value): boolean {
  const t = toTupleOrNull(b);
  if (t === null) return fcnEquals(tupleAsFcn(a), b);
  if (a === t) return true;
  const x = a.elems;
  const y = t.elems;
  const n = x.length;
  if (n !== y.length) return false;
  if (fpDiffer(a, t)) return false;
  for (let i = 0; i < n; i++) if (!equals(x[i], y[i])) return false;
  return true;
}

function recordEquals(a: RecordValue, b: Value): boolean {
  const r = toRcdOrNull(b);
  if (r === null) {
    if (isModel(b)) return mvUnequal(b, a);
    return fail(`Attempted to check equality of record:\n${ppr(a)}\nwith non-record\n${ppr(b)}`, 'equality');
  }
  if (a === r) return true;
  const n = a.names.length;
  if (n !== r.names.length) return false;
  if (fpDiffer(a, r)) return false;
  for (let i = 0; i < n; i++) if (a.names[i] !== r.names[i]) return false;
  for (let i = 0; i < n; i++) if (!equals(a.values[i], r.values[i])) return false;
  return true;
}

function fcnEquals(a: FcnRcdValue, b: Value): boolean {
  const f = toFcnOrNull(b);
  if (f === null) {
    if (isModel(b)) return mvUnequal(b, a);
    return fail(
      `Attempted to check equality of the function ${ppr(a)} with the value:\n${ppr(b)}`,
      'equality',
    );
  }
  if (a === f) return true;
  const n = a.values.length;
  if (n !== f.values.length) return false;
  if (fpDiffer(a, f)) return false;
  const da = a.domain;
  const db = f.domain;
  if (da !== db) for (let i = 0; i < n; i++) if (!equals(da[i], db[i])) return false;
  for (let i = 0; i < n; i++) if (!equals(a.values[i], f.values[i])) return false;
  return true;
}

function infSetCompare(a: InfSetValue, b: Value): number {
  if (typeof b === 'object') {
    if (b.kind === Kind.InfSet) {
      if (a.name === b.name) return 0;
      if (a.name === 'Nat' && b.name === 'Int') return -1;
      if (a.name === 'Int' && b.name === 'Nat') return 1;
    } else if (b.kind === Kind.Model) {
      return 1;
    }
  }
  return fail(`Attempted to compare ${a.name} with the value\n${ppr(b)}`, 'compare');
}

// ---------------------------------------------------------------------------------------------
// Order

/** TLC's total order (negative, zero, positive); throws TLC's error for incomparable values. */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  switch (typeof a) {
    case 'number':
      if (typeof b === 'number') return a < b ? -1 : 1;
      if (isModel(b)) return mvBelow(b, a);
      return fail(`Attempted to compare integer ${ppr(a)} with non-integer:\n${ppr(b)}`, 'compare');
    case 'boolean':
      if (typeof b === 'boolean') return a ? 1 : -1;
      if (isModel(b)) return mvBelow(b, a);
      return fail(`Attempted to compare boolean ${ppr(a)} with non-boolean:\n${ppr(b)}`, 'compare');
    default:
      return objCompare(a, b);
  }
}

function objCompare(a: ObjValue, b: Value): number {
  switch (a.kind) {
    case Kind.Str:
      if (typeof b === 'object') {
        if (b.kind === Kind.Str) return a.tok - b.tok;
        if (b.kind === Kind.Model) return mvBelow(b, a);
      }
      return fail(`Attempted to compare string ${ppr(a)} with non-string:\n${ppr(b)}`, 'compare');
    case Kind.Model:
      if (a.type === '') return isModel(b) ? a.tok - b.tok : -1;
      if (isModel(b)) {
        if (b.type === a.type || b.type === '') return a.tok - b.tok;
        return fail(
          `Attempted to compare the differently-typed model values ${ppr(a)} and ${ppr(b)}`,
          'compare',
        );
      }
      return fail(
        `Attempted to compare the typed model value ${ppr(a)} and non-model value\n${ppr(b)}`,
        'compare',
      );
    case Kind.SetEnum:
      return setEnumCompare(a, b);
    case Kind.Interval:
      if (typeof b === 'object' && b.kind === Kind.Interval) {
        const sa = a.hi < a.lo ? 0 : a.hi - a.lo + 1;
        const sb = b.hi < b.lo ? 0 : b.hi - b.lo + 1;
        if (sa !== sb) return sa - sb;
        if (sa === 0) return 0;
        return a.lo - b.lo;
      }
      return setEnumCompare(toSetEnum(a), b);
    case Kind.Subset:
      if (typeof b === 'object' && b.kind === Kind.Subset) return compare(a.base, b.base);
      return setEnumCompare(toSetEnum(a), b);
    case Kind.SetOfFcns:
    case Kind.SetOfRcds:
    case Kind.SetOfTuples:
    case Kind.Union:
    case Kind.SetCup:
    case Kind.SetCap:
    case Kind.SetDiff:
    case Kind.SetPred:
      return setEnumCompare(toSetEnum(a), b);
    case Kind.InfSet:
      return infSetCompare(a, b);
    case Kind.SeqSet:
      if (typeof b === 'object' && b.kind === Kind.SeqSet) return compare(a.base, b.base);
      if (isModel(b)) return 1;
      return fail(`Attempted to compare ${ppr(a)} with the value\n${ppr(b)}`, 'compare');
    case Kind.Tuple:
      return tupleCompare(a, b);
    case Kind.Record:
      return recordCompare(a, b);
    case Kind.Fcn:
      return fcnCompare(a, b);
    case Kind.FcnLambda:
      return compare(materializeFcn(a), b);
    case Kind.Op:
      return fail(`Attempted to compare the operator ${a.name} with the value:\n${ppr(b)}`, 'compare');
  }
}

function setEnumCompare(a: SetEnumValue, b: Value): number {
  const s = toSetEnumOrNull(b);
  if (s === null) {
    if (isModel(b)) return mvBelow(b, a);
    return fail(`Attempted to compare the set ${ppr(a)} with the value:\n${ppr(b)}`, 'compare');
  }
  const x = normalizedElems(a);
  const y = normalizedElems(s);
  const n = x.length;
  if (n !== y.length) return n - y.length;
  for (let i = 0; i < n; i++) {
    const c = compare(x[i], y[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function tupleCompare(a: TupleValue, b: Value): number {
  const t = toTupleOrNull(b);
  if (t === null) return fcnCompare(tupleAsFcn(a), b);
  const x = a.elems;
  const y = t.elems;
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) {
    const c = compare(x[i], y[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function recordCompare(a: RecordValue, b: Value): number {
  const r = toRcdOrNull(b);
  if (r === null) {
    if (isModel(b)) return mvBelow(b, a);
    return fail(`Attempted to compare record:\n${ppr(a)}\nwith non-record\n${ppr(b)}`, 'compare');
  }
  const n = a.names.length;
  if (n !== r.names.length) return n - r.names.length;
  for (let i = 0; i < n; i++) {
    const c = a.names[i].tok - r.names[i].tok;
    if (c !== 0) return c;
  }
  for (let i = 0; i < n; i++) {
    const c = compare(a.values[i], r.values[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function fcnCompare(a: FcnRcdValue, b: Value): number {
  const f = toFcnOrNull(b);
  if (f === null) {
    if (isModel(b)) return mvBelow(b, a);
    return fail(`Attempted to compare the function ${ppr(a)} with the value:\n${ppr(b)}`, 'compare');
  }
  const n = a.values.length;
  if (n !== f.values.length) return n - f.values.length;
  if (a.domain !== f.domain) {
    for (let i = 0; i < n; i++) {
      const c = compare(a.domain[i], f.domain[i]);
      if (c !== 0) return c;
    }
  }
  for (let i = 0; i < n; i++) {
    const c = compare(a.values[i], f.values[i]);
    if (c !== 0) return c;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Coarse family of a value for the "all elements alike" fast path (untyped model values: 0). */
function family(v: Value): number {
  if (typeof v === 'number') return -1;
  if (typeof v === 'boolean') return -2;
  if (v.kind === Kind.Model && v.type === '') return 0;
  return v.kind;
}

/**
 * Sorts `elems` in place in TLC order and removes duplicates (keeping the first), returning the new
 * length. Mixed-type arrays use TLC's own binary insertion sort so that the error raised for
 * incomparable elements names the same pair, in the same order, as TLC's.
 */
export function sortUnique(elems: Value[]): number {
  const n = elems.length;
  if (n < 2) return n;
  let fam = 0;
  let mixed = false;
  for (let k = 0; k < n; k++) {
    const f = family(elems[k]);
    if (f === 0) continue;
    if (fam === 0) fam = f;
    else if (f !== fam) {
      mixed = true;
      break;
    }
  }
  if (mixed) return tlcInsertionSort(elems);
  // Already strictly increasing? (common: built from sorted sources)
  let i = 1;
  while (i < n && compare(elems[i - 1], elems[i]) < 0) i++;
  if (i === n) return n;
  if (n <= 12) return tlcInsertionSort(elems);
  elems.sort(compare);
  let w = 1;
  for (let r = 1; r < n; r++) {
    if (compare(elems[w - 1], elems[r]) !== 0) elems[w++] = elems[r];
  }
  elems.length = w;
  return w;
}

/** TLC's `ValueVec.sort(true)`: binary insertion, comparing the new element against the sorted prefix. */
function tlcInsertionSort(a: Value[]): number {
  const n = a.length;
  let count = 1;
  for (let i = 1; i < n; i++) {
    const elem = a[i];
    let low = 0;
    let high = count;
    let cmp = 0;
    let idx = 0;
    while (low < high) {
      idx = (low + high) >> 1;
      cmp = compare(elem, a[idx]);
      if (cmp === 0) break;
      if (cmp < 0) high = idx;
      else low = idx + 1;
    }
    if (cmp !== 0) {
      const at = cmp < 0 ? idx : idx + 1;
      for (let j = count; j > at; j--) a[j] = a[j - 1];
      a[at] = elem;
      count++;
    }
  }
  a.length = count;
  return count;
}

/** Normalises `s` in place (sorted in TLC order, no duplicates) and returns it. */
export function normalizeSet(s: SetEnumValue): SetEnumValue {
  if (!s.norm) {
    if (s.elems.length > 1) {
      const copy = s.elems.slice();
      sortUnique(copy);
      s.elems = copy;
    }
    s.norm = true;
  }
  return s;
}

/** The elements of `s` in TLC order, normalising it first. Do not mutate the array. */
export function normalizedElems(s: SetEnumValue): readonly Value[] {
  if (!s.norm) normalizeSet(s);
  return s.elems;
}
