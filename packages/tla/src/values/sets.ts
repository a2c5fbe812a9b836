/**
 * Sets: construction, membership, cardinality, enumeration and the set operators, with TLC's
 * semantics (when a set stays lazy, enumeration orders, error texts).
 *
 * Two enumeration orders exist, as in TLC (tlc2/tool/impl/Tool.java):
 * - `forEachElement` / `someElement` / `enumerate` follow TLC's `Enumerable.elements()`, which TLC
 *   uses for the assignments `x \in S` in Init and `x' \in S` in actions. It is the normalised
 *   order for enumerated sets, intervals and `SUBSET`, an odometer (last component fastest) for
 *   `[D -> R]`, record sets and `\X`, and "left set, then right set" (duplicates included!) for a
 *   lazy `S \cup T`.
 * - `setElements` / `chooseFirst` give the normalised order (`elements(Ordering.NORMALIZED)`), which
 *   TLC uses for the bound variables of `\E`, `\A`, CHOOSE and `{e : x \in S}` (`Tool.contexts`),
 *   also while generating successor states. (`{x \in S : P}` filters `S` in `elements()` order.)
 */
import { compare, equals, mvMember, normalizedElems, normalizeSet } from './compare.js';
import { fail, ppr } from './diag.js';
import { fcnFromInterval, toFcnOrNull, toRcdOrNull, toTupleOrNull } from './functions.js';
import {
  DomainInfo,
  FcnRcdValue,
  InfSetValue,
  IntervalValue,
  Kind,
  RecordValue,
  SeqSetValue,
  SetCapValue,
  SetCupValue,
  SetDiffValue,
  SetEnumValue,
  SetOfFcnsValue,
  SetOfRcdsValue,
  SetOfTuplesValue,
  SetPredValue,
  type SetValue,
  type StrValue,
  SubsetValue,
  TupleValue,
  UnionValue,
  type Value,
} from './value.js';

// ---------------------------------------------------------------------------------------------
// Constructors

/** `{}`. */
export const EMPTY_SET: SetEnumValue = new SetEnumValue([], true);
/** `BOOLEAN` = `{FALSE, TRUE}`. */
export const BOOLEAN_SET: SetEnumValue = new SetEnumValue([false, true], true);
export const NAT: InfSetValue = new InfSetValue('Nat');
export const INT: InfSetValue = new InfSetValue('Int');
export const REAL: InfSetValue = new InfSetValue('Real');
/** `STRING`. */
export const STRING_SET: InfSetValue = new InfSetValue('STRING');

/** `{e1, ..., en}`: takes ownership of `elems` (do not mutate it afterwards); normalised lazily. */
export function setOf(elems: Value[]): SetEnumValue {
  return new SetEnumValue(elems, elems.length === 0);
}

/** A set from elements already sorted in TLC order without duplicates (trusted, not checked). */
export function setOfNormalized(elems: Value[]): SetEnumValue {
  return new SetEnumValue(elems, true);
}

/** `lo..hi`. */
export function interval(lo: number, hi: number): IntervalValue {
  return new IntervalValue(lo, hi);
}

/** `SUBSET base` (lazy). */
export function subsetOf(base: Value): SubsetValue {
  return new SubsetValue(base);
}

/** `[domain -> range]` (lazy). */
export function setOfFcns(domain: Value, range: Value): SetOfFcnsValue {
  return new SetOfFcnsValue(domain, range);
}

/**
 * `[n1 : S1, ..., nk : Sk]` (lazy). Fields are put in TLC order; a repeated field is TLC's error
 * `Field name a occurs multiple times in set of records.`
 */
export function setOfRcds(names: readonly StrValue[], sets: readonly Value[]): SetOfRcdsValue {
  const [n, s] = sortFields(names, sets, 'set of records');
  return new SetOfRcdsValue(n, s);
}

/** Sorts parallel name/value arrays by name token; TLC's duplicate-field error. */
export function sortFields<T>(
  names: readonly StrValue[],
  vals: readonly T[],
  what: string,
): [StrValue[], T[]] {
  const n = names.length;
  const ns = names.slice();
  const vs = vals.slice();
  for (let i = 1; i < n; i++) {
    const name = ns[i];
    const v = vs[i];
    let j = i;
    while (j > 0 && ns[j - 1].tok > name.tok) {
      ns[j] = ns[j - 1];
      vs[j] = vs[j - 1];
      j--;
    }
    if (j > 0 && ns[j - 1] === name)
      fail(`Field name ${name.s} occurs multiple times in ${what}.`, 'duplicate-field');
    ns[j] = name;
    vs[j] = v;
  }
  return [ns, vs];
}

/** `S1 \X ... \X Sn` (lazy). */
export function setOfTuples(sets: readonly Value[]): SetOfTuplesValue {
  return new SetOfTuplesValue(sets);
}

/** `Seq(S)` (membership only). */
export function seqSetOf(base: Value): SeqSetValue {
  return new SeqSetValue(base);
}

/** `UNION S`: eager when `S` is an enumerated set of enumerated sets (as TLC), else lazy. */
export function unionOf(s: Value): SetValue {
  if (typeof s === 'object' && s.kind === Kind.SetEnum) {
    const elems = s.elems;
    let all = true;
    for (let i = 0; i < elems.length; i++) {
      const e = elems[i];
      if (typeof e !== 'object' || e.kind !== Kind.SetEnum) {
        all = false;
        break;
      }
    }
    if (all) {
      const out: Value[] = [];
      for (let i = 0; i < elems.length; i++) {
        const inner = (elems[i] as SetEnumValue).elems;
        for (let j = 0; j < inner.length; j++) out.push(inner[j]);
      }
      return setOf(out);
    }
  }
  return new UnionValue(s);
}

/**
 * `{x \in base : P}`: lazy, `pred` is the evaluator's closure. `text` is printed when the set cannot
 * be enumerated.
 */
export function setFilter(base: Value, pred: (x: Value) => boolean, text?: string): SetPredValue {
  return new SetPredValue(base, pred, text);
}

/** `{f(x) : x \in base}`: eager (as TLC), enumerating `base` in `forEachElement` order. */
export function setMap(base: Value, f: (x: Value) => Value): SetEnumValue {
  const out: Value[] = [];
  forEachElement(base, (x) => {
    out.push(f(x));
  });
  return setOf(out);
}

// ---------------------------------------------------------------------------------------------
// Classification

/** TLC's `Reducible` sets (enumerated sets and intervals): `\cup`, `\cap`, `\` on them are eager. */
function isReducible(v: Value): v is SetEnumValue | IntervalValue {
  return typeof v === 'object' && (v.kind === Kind.SetEnum || v.kind === Kind.Interval);
}

/** Whether TLC can (try to) enumerate `v` (every set but `Nat`, `Int`, `Real`, `STRING`, `Seq(S)`). */
export function isEnumerable(v: Value): v is SetValue {
  return typeof v === 'object' && v.kind >= Kind.SetEnum && v.kind <= Kind.SetPred;
}

function intervalSize(s: IntervalValue): number {
  if (s.hi < s.lo) return 0;
  const n = s.hi - s.lo + 1;
  if (n > 2147483647) {
    fail(`Size of interval value exceeds the maximum representable size (32bits): ${ppr(s)}.`, 'overflow');
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Membership

/** `x \in s`, with TLC's errors. */
export function member(x: Value, s: Value): boolean {
  if (typeof s !== 'object') {
    if (typeof s === 'number') {
      return fail(
        `Attempted to check if the value:\n${ppr(x)}\nis an element of the integer ${ppr(s)}`,
        'membership',
      );
    }
    return fail(
      `Attempted to check if the value:\n${ppr(x)}\nis an element of the boolean ${ppr(s)}`,
      'membership',
    );
  }
  switch (s.kind) {
    case Kind.SetEnum:
      return setEnumMember(x, s);
    case Kind.Interval:
      if (typeof x === 'number') return x >= s.lo && x <= s.hi;
      if (s.lo <= s.hi && !(typeof x === 'object' && x.kind === Kind.Model && x.type === '')) {
        fail(
          `Attempted to check if the value:\n${ppr(x)}\nis in the integer interval ${ppr(s)}`,
          'membership',
        );
      }
      return false;
    case Kind.Subset: {
      if (!isEnumerable(x)) {
        return fail(
          `Attempted to check if the non-enumerable value\n${ppr(x)}\nis element of\n${ppr(s)}`,
          'membership',
        );
      }
      const base = s.base;
      return !someElement(x, (e) => !member(e, base));
    }
    case Kind.SetOfFcns:
      return setOfFcnsMember(x, s);
    case Kind.SetOfRcds: {
      const r = toRcdOrNull(x);
      if (r === null) {
        if (typeof x === 'object' && x.kind === Kind.Model) return mvMember(x, s);
        return fail(
          `Attempted to check if non-record\n${ppr(x)}\nis in the set of records:\n${ppr(s)}`,
          'membership',
        );
      }
      if (r.names.length !== s.names.length) return false;
      for (let i = 0; i < s.names.length; i++) {
        if (r.names[i] !== s.names[i] || !member(r.values[i], s.sets[i])) return false;
      }
      return true;
    }
    case Kind.SetOfTuples: {
      const t = toTupleOrNull(x);
      if (t === null) {
        const f = toFcnOrNull(x);
        if (f === null) {
          if (typeof x === 'object' && x.kind === Kind.Model) return mvMember(x, s);
          return fail(
            `Attempted to check if non-tuple\n${ppr(x)}\nis in the set of tuples:\n${ppr(s)}`,
            'membership',
          );
        }
        return false;
      }
      if (t.elems.length !== s.sets.length) return false;
      for (let i = 0; i < s.sets.length; i++) if (!member(t.elems[i], s.sets[i])) return false;
      return true;
    }
    case Kind.Union:
      if (s.enumerated !== null) return setEnumMember(x, s.enumerated);
      if (!isEnumerable(s.set)) {
        return fail(
          `Attempted to check if:\n ${ppr(x)}\nis an element of the non-enumerable set:\n ${ppr(s)}`,
          'membership',
        );
      }
      return someElement(s.set, (inner) => member(x, inner));
    case Kind.SetCup:
      return member(x, s.a) || member(x, s.b);
    case Kind.SetCap:
      return member(x, s.a) && member(x, s.b);
    case Kind.SetDiff:
      return member(x, s.a) && !member(x, s.b);
    case Kind.SetPred:
      if (s.enumerated !== null) return setEnumMember(x, s.enumerated);
      return member(x, s.base) && s.pred(x);
    case Kind.InfSet:
      return infSetMember(x, s);
    case Kind.SeqSet: {
      const t = toTupleOrNull(x);
      if (t === null) {
        if (typeof x === 'object' && x.kind === Kind.Model) return mvMember(x, s);
        return false;
      }
      for (let i = 0; i < t.elems.length; i++) if (!member(t.elems[i], s.base)) return false;
      return true;
    }
    case Kind.Str:
      return fail(
        `Attempted to check if the value:\n${ppr(x)}\nis an element of the string ${ppr(s)}`,
        'membership',
      );
    case Kind.Model:
      return fail(
        `Attempted to check if the value:\n${ppr(x)}\nis an element of the model value ${ppr(s)}`,
        'membership',
      );
    case Kind.Tuple:
      return fail('Attempted to check set membership in a tuple value.', 'membership');
    case Kind.Record:
      return fail(`Attempted to check if element:\n${ppr(x)}\nis in the record:\n${ppr(s)}`, 'membership');
    case Kind.Fcn:
    case Kind.FcnLambda:
      return fail(
        `Attempted to check if the value:\n${ppr(x)}\nis an element of the function ${ppr(s)}`,
        'membership',
      );
    case Kind.Op:
      return fail(
        `Attempted to check if the value:\n${ppr(x)}\nis an element of the operator ${s.name}`,
        'membership',
      );
  }
}

function setEnumMember(x: Value, s: SetEnumValue): boolean {
  const elems = s.elems;
  const n = elems.length;
  if (s.norm || n > 32) {
    const e = normalizedElems(s);
    let lo = 0;
    let hi = e.length;
    if (typeof x === 'number') {
      // Fast path for integers among integers (compare would do the same).
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const y = e[mid];
        if (typeof y !== 'number') break;
        if (x === y) return true;
        if (x < y) hi = mid;
        else lo = mid + 1;
      }
      if (lo >= hi) return false;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = compare(x, e[mid]);
      if (c === 0) return true;
      if (c < 0) hi = mid;
      else lo = mid + 1;
    }
    return false;
  }
  for (let i = 0; i < n; i++) if (equals(elems[i], x)) return true;
  return false;
}

function setOfFcnsMember(x: Value, s: SetOfFcnsValue): boolean {
  const f = toFcnOrNull(x);
  if (f === null) {
    if (typeof x === 'object' && x.kind === Kind.Model) return mvMember(x, s);
    return fail(
      `Attempted to check if \n${ppr(x)}\nwhich is not a TLC function value, is in the set of functions:\n${ppr(s)}`,
      'membership',
    );
  }
  const dom = Number.isNaN(f.intLo)
    ? setOfNormalized(f.domain as Value[])
    : interval(f.intLo, f.intLo + f.values.length - 1);
  if (!equals(s.domain, dom)) return false;
  const vals = f.values;
  for (let i = 0; i < vals.length; i++) if (!member(vals[i], s.range)) return false;
  return true;
}

function infSetMember(x: Value, s: InfSetValue): boolean {
  switch (s.name) {
    case 'Nat':
      if (typeof x === 'number') return x >= 0;
      break;
    case 'Int':
    case 'Real':
      if (typeof x === 'number') return true;
      break;
    case 'STRING':
      if (typeof x === 'object' && x.kind === Kind.Str) return true;
      break;
  }
  if (typeof x === 'object' && x.kind === Kind.Model) return mvMember(x, s);
  return fail(`Attempted to check if the value:\n${ppr(x)}\nis an element of ${s.name}.`, 'membership');
}

// ---------------------------------------------------------------------------------------------
// Enumeration

function notEnumerable(s: Value): never {
  return fail(`Attempted to enumerate the nonenumerable set:\n${ppr(s)}`, 'not-enumerable');
}

/**
 * Calls `f` on each element of `s` in TLC's `elements()` order (see the module comment) until `f`
 * returns true; returns whether it stopped early.
 */
export function someElement(s: Value, f: (x: Value) => boolean): boolean {
  if (typeof s !== 'object') return notEnumerable(s);
  switch (s.kind) {
    case Kind.SetEnum: {
      const e = normalizedElems(s);
      for (let i = 0; i < e.length; i++) if (f(e[i])) return true;
      return false;
    }
    case Kind.Interval:
      for (let i = s.lo; i <= s.hi; i++) if (f(i)) return true;
      return false;
    case Kind.Subset:
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      return someSubset(s, f);
    case Kind.SetOfFcns:
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      return someFcn(s, f);
    case Kind.SetOfRcds: {
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      const names = s.names;
      return odometer(
        s.sets.map((c, i) => componentElems(c, () => notEnumerableComponent(s, i))),
        (vals) => f(new RecordValue(names, vals)),
      );
    }
    case Kind.SetOfTuples: {
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      return odometer(
        s.sets.map((c, i) => componentElems(c, () => notEnumerableComponent(s, i))),
        (vals) => f(new TupleValue(vals)),
      );
    }
    case Kind.Union:
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      if (!isEnumerable(s.set)) return notEnumerable(s);
      return someElement(s.set, (inner) => {
        if (!isEnumerable(inner)) {
          fail(
            `Attempted to enumerate the nonenumerable set:\n${ppr(inner)}\nwhen enumerating:\n${ppr(s)}`,
            'not-enumerable',
          );
        }
        return someElement(inner, f);
      });
    case Kind.SetCup:
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      if (!isEnumerable(s.a) || !isEnumerable(s.b)) {
        return fail(
          `Attempted to enumerate S \\cup T when S:\n${ppr(s.a)}\nand T:\n${ppr(s.b)}\nare not both enumerable`,
          'not-enumerable',
        );
      }
      return someElement(s.a, f) || someElement(s.b, f);
    case Kind.SetCap: {
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      let src: Value;
      let other: Value;
      if (isEnumerable(s.a)) {
        src = s.a;
        other = s.b;
      } else if (isEnumerable(s.b)) {
        src = s.b;
        other = s.a;
      } else {
        return fail(
          `Attempted to enumerate S \\cap T when neither S:\n${ppr(s.a)}\nnor T:\n${ppr(s.b)}\nis enumerable`,
          'not-enumerable',
        );
      }
      return someElement(src, (x) => member(x, other) && f(x));
    }
    case Kind.SetDiff: {
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      if (!isEnumerable(s.a)) {
        return fail(
          `Attempted to enumerate S \\ T when S:\n${ppr(s.a)}\nis not enumerable.`,
          'not-enumerable',
        );
      }
      const b = s.b;
      return someElement(s.a, (x) => !member(x, b) && f(x));
    }
    case Kind.SetPred: {
      if (s.enumerated !== null) return someElement(s.enumerated, f);
      if (!isEnumerable(s.base)) return notEnumerable(s);
      const pred = s.pred;
      return someElement(s.base, (x) => pred(x) && f(x));
    }
    default:
      return notEnumerable(s);
  }
}

function notEnumerableComponent(s: SetOfTuplesValue | SetOfRcdsValue, i: number): never {
  if (s.kind === Kind.SetOfTuples) {
    return fail(
      `Attempted to enumerate a set of the form s1 \\X s2 ... \\X sn,\nbut can't enumerate s${i}:\n${ppr(s.sets[i])}`,
      'not-enumerable',
    );
  }
  return fail(
    `Attempted to enumerate a set of the form [l1 : v1, ..., ln : vn],\nbut can't enumerate the value of the \`${s.names[i].s}' field:\n${ppr(s.sets[i])}`,
    'not-enumerable',
  );
}

function componentElems(c: Value, onError: () => never): Value[] {
  if (!isEnumerable(c)) onError();
  return enumerate(c);
}

/** Odometer over the cartesian product, last component fastest; `f` gets a fresh array each time. */
function odometer(comps: Value[][], f: (vals: Value[]) => boolean): boolean {
  const k = comps.length;
  for (let i = 0; i < k; i++) if (comps[i].length === 0) return false;
  const idx = new Array<number>(k).fill(0);
  for (;;) {
    const vals = new Array<Value>(k);
    for (let i = 0; i < k; i++) vals[i] = comps[i][idx[i]];
    if (f(vals)) return true;
    let i = k - 1;
    while (i >= 0) {
      idx[i]++;
      if (idx[i] < comps[i].length) break;
      idx[i] = 0;
      i--;
    }
    if (i < 0) return false;
  }
}

function someFcn(s: SetOfFcnsValue, f: (x: Value) => boolean): boolean {
  const d = s.domain;
  let dom: readonly Value[];
  let lo = Number.NaN;
  if (typeof d === 'object' && d.kind === Kind.Interval) {
    lo = d.lo;
    dom = [];
  } else {
    const de = toSetEnumOrNull(d);
    if (de === null || !isEnumerable(d)) {
      return fail(
        `Attempted to enumerate a set of the form [D -> R],but the domain D:\n${ppr(d)}\ncannot be enumerated.`,
        'not-enumerable',
      );
    }
    dom = normalizedElems(de);
  }
  if (!isEnumerable(s.range)) {
    return fail(
      `Attempted to enumerate a set of the form [D -> R],but the range R:\n${ppr(s.range)}\ncannot be enumerated.`,
      'not-enumerable',
    );
  }
  const n = Number.isNaN(lo) ? dom.length : intervalSize(d as IntervalValue);
  const range = enumerate(s.range);
  const comps: Value[][] = new Array(n).fill(range);
  if (!Number.isNaN(lo)) return odometer(comps, (vals) => f(fcnFromInterval(lo, vals)));
  const info = new DomainInfo();
  return odometer(comps, (vals) => f(new FcnRcdValue(dom, vals, Number.NaN, info)));
}

function someSubset(s: SubsetValue, f: (x: Value) => boolean): boolean {
  const baseSet = toSetEnumOrNull(s.base);
  if (baseSet === null || !isEnumerable(s.base)) {
    return fail(
      `Attempted to compute the value of an expression of form\nSUBSET S, but S is a non-enumerable value:\n${ppr(s.base)}`,
      'not-enumerable',
    );
  }
  const elems = normalizedElems(baseSet);
  const n = elems.length;
  if (f(EMPTY_SET)) return true;
  // By size k = 1..n, combinations in lexicographic index order: this is TLC's normalised order.
  const idx: number[] = [];
  for (let k = 1; k <= n; k++) {
    for (let i = 0; i < k; i++) idx[i] = i;
    for (;;) {
      const vals = new Array<Value>(k);
      for (let i = 0; i < k; i++) vals[i] = elems[idx[i]];
      if (f(new SetEnumValue(vals, true))) return true;
      let i = k - 1;
      while (i >= 0 && idx[i] === n - k + i) i--;
      if (i < 0) break;
      idx[i]++;
      for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
    }
  }
  return false;
}

/** Calls `f` on each element of `s` in TLC's `elements()` order. */
export function forEachElement(s: Value, f: (x: Value) => void): void {
  someElement(s, (x) => {
    f(x);
    return false;
  });
}

/** The elements of `s` in TLC's `elements()` order, as a fresh array (may repeat, see module comment). */
export function enumerate(s: Value): Value[] {
  if (typeof s === 'object') {
    if (s.kind === Kind.SetEnum) return normalizedElems(s).slice();
    if (s.kind === Kind.Interval) {
      const out = new Array<Value>(intervalSize(s));
      for (let i = 0; i < out.length; i++) out[i] = s.lo + i;
      return out;
    }
  }
  const out: Value[] = [];
  forEachElement(s, (x) => {
    // Past this many elements the set would not fit in memory; say so instead of crashing.
    if (out.length === MAX_MATERIALISED)
      fail(
        `Attempted to enumerate a set with more than ${MAX_MATERIALISED} elements: too many to hold in memory. Check membership in it instead of enumerating it, or make the model smaller.`,
        'too-large',
      );
    out.push(x);
  });
  return out;
}

/** The elements of `s` in TLC's normalised order (CHOOSE's order). Do not mutate the array. */
export function setElements(s: Value): readonly Value[] {
  const e = toSetEnumOrNull(s);
  if (e === null) return notEnumerable(s);
  return normalizedElems(e);
}

/** The first element of `s` in normalised order satisfying `pred` (CHOOSE), or undefined. */
export function chooseFirst(s: Value, pred: (x: Value) => boolean): Value | undefined {
  if (typeof s === 'object' && s.kind === Kind.Subset && s.enumerated === null) {
    // SUBSET enumerates in normalised order without being materialised (as TLC).
    let found: Value | undefined;
    someSubset(s, (x) => {
      if (pred(x)) {
        found = x;
        return true;
      }
      return false;
    });
    return found;
  }
  const e = setElements(s);
  for (let i = 0; i < e.length; i++) if (pred(e[i])) return e[i];
  return undefined;
}

/**
 * The set as an enumerated set (lazy sets are enumerated once and cached); null for values that are
 * not enumerable sets (non-sets, `Nat`, `Seq(S)`, ...), as TLC's `toSetEnum`.
 */
export function toSetEnumOrNull(v: Value): SetEnumValue | null {
  if (typeof v !== 'object') return null;
  switch (v.kind) {
    case Kind.SetEnum:
      return v;
    case Kind.Interval: {
      const n = intervalSize(v);
      const out = new Array<Value>(n);
      for (let i = 0; i < n; i++) out[i] = v.lo + i;
      return new SetEnumValue(out, true);
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
      if (v.enumerated === null) {
        guardEnumerationSize(v);
        const s = new SetEnumValue(enumerate(v), false);
        normalizeSet(s);
        v.enumerated = s;
      }
      return v.enumerated;
    }
    default:
      return null;
  }
}

/** `toSetEnumOrNull`, failing for non-enumerable values. */
export function toSetEnum(v: Value): SetEnumValue {
  const s = toSetEnumOrNull(v);
  if (s === null) return notEnumerable(v);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Size

function sizeOverflow(s: Value): never {
  return fail(`Overflow when computing the number of elements in:\n${ppr(s)}`, 'overflow');
}

/** `Cardinality(s)`, with TLC's errors (overflow beyond 2^31 - 1, non-enumerable values). */
export function setSize(s: Value): number {
  if (typeof s === 'object') {
    switch (s.kind) {
      case Kind.SetEnum:
        return normalizedElems(s).length;
      case Kind.Interval:
        return intervalSize(s);
      case Kind.Subset: {
        if (s.enumerated !== null) return s.enumerated.elems.length;
        const n = setSize(s.base);
        if (n >= 31) sizeOverflow(s);
        return 2 ** n;
      }
      case Kind.SetOfFcns: {
        if (s.enumerated !== null) return s.enumerated.elems.length;
        const d = setSize(s.domain);
        const r = setSize(s.range);
        let sz = 1;
        for (let i = 0; i < d; i++) {
          sz *= r;
          if (sz > 2147483647) sizeOverflow(s);
        }
        return sz;
      }
      case Kind.SetOfRcds:
      case Kind.SetOfTuples: {
        if (s.enumerated !== null) return s.enumerated.elems.length;
        let sz = 1;
        for (let i = 0; i < s.sets.length; i++) {
          sz *= setSize(s.sets[i]);
          if (sz > 2147483647) sizeOverflow(s);
        }
        return sz;
      }
      case Kind.Union:
      case Kind.SetCup:
      case Kind.SetCap:
      case Kind.SetDiff:
      case Kind.SetPred:
        return toSetEnum(s).elems.length;
      default:
        break;
    }
  }
  return fail(`Attempted to compute cardinality of the value\n${ppr(s)}`, 'infinite');
}

/** Sets of more elements than this are not materialised (each element is an object in memory). */
const MAX_MATERIALISED = 1 << 22;

/**
 * Before a product-like set (SUBSET, [D -> R], records, tuples) is turned into an explicit set: its
 * size, as TLC computes it (an error past 2^31), and a clear error rather than exhausting memory.
 */
function guardEnumerationSize(v: Value): void {
  if (typeof v !== 'object') return;
  if (
    v.kind !== Kind.Subset &&
    v.kind !== Kind.SetOfFcns &&
    v.kind !== Kind.SetOfRcds &&
    v.kind !== Kind.SetOfTuples
  )
    return;
  const size = setSize(v);
  if (size > MAX_MATERIALISED)
    fail(
      `Attempted to enumerate the set\n${ppr(v)}\nwhich has ${size} elements: too many to hold in memory. Check membership in it instead of enumerating it, or make the model smaller.`,
      'too-large',
    );
}

/** Whether the set is empty (without enumerating when TLC does not). */
export function isEmptySet(s: Value): boolean {
  if (typeof s === 'object') {
    switch (s.kind) {
      case Kind.SetEnum:
        return s.elems.length === 0;
      case Kind.Interval:
        return s.hi < s.lo;
      case Kind.Subset:
      case Kind.InfSet:
      case Kind.SeqSet:
        return false;
      case Kind.SetOfFcns:
        return !isEmptySet(s.domain) && isEmptySet(s.range);
      case Kind.SetOfRcds:
      case Kind.SetOfTuples:
        for (let i = 0; i < s.sets.length; i++) if (isEmptySet(s.sets[i])) return true;
        return false;
      case Kind.SetCup:
        return isEmptySet(s.a) && isEmptySet(s.b);
      default:
        break;
    }
  }
  return !someElement(s, () => true);
}

/** `IsFiniteSet(s)` as TLC decides it (structurally for lazy sets). */
export function isFiniteSet(s: Value): boolean {
  if (typeof s === 'object') {
    switch (s.kind) {
      case Kind.SetEnum:
      case Kind.Interval:
        return true;
      case Kind.Subset:
        return isFiniteSet(s.base);
      case Kind.SetOfFcns:
        return isFiniteSet(s.domain) && isFiniteSet(s.range);
      case Kind.SetOfRcds:
      case Kind.SetOfTuples:
        return s.sets.every(isFiniteSet);
      case Kind.Union:
        return isFiniteSet(s.set) && !someElement(s.set, (x) => !isFiniteSet(x));
      case Kind.SetCup:
        return isFiniteSet(s.a) && isFiniteSet(s.b);
      case Kind.SetCap:
        return isFiniteSet(s.a) || isFiniteSet(s.b);
      case Kind.SetDiff:
        return isFiniteSet(s.a);
      case Kind.SetPred:
        return isFiniteSet(s.base);
      case Kind.InfSet:
      case Kind.SeqSet:
        return false;
      default:
        break;
    }
  }
  return fail(`Attempted to check if the value ${ppr(s)} is a finite set.`, 'type');
}

// ---------------------------------------------------------------------------------------------
// Set operators (TLC's Tool: OPCODE_cup / OPCODE_cap / OPCODE_setdiff / OPCODE_subseteq)

/** `a \cup b`: eager when one side is an enumerated set or interval, else lazy (as TLC). */
export function setCup(a: Value, b: Value): Value {
  if (isReducible(a)) return reducibleCup(a, b);
  if (isReducible(b)) return reducibleCup(b, a);
  return new SetCupValue(a, b);
}

function reducibleCup(r: SetEnumValue | IntervalValue, other: Value): Value {
  if (r.kind === Kind.SetEnum ? r.elems.length === 0 : r.hi < r.lo) return other;
  if (!isReducible(other)) return new SetCupValue(r, other);
  if (other.kind === Kind.SetEnum && other.elems.length === 0) return r;
  if (
    r.kind === Kind.SetEnum &&
    other.kind === Kind.SetEnum &&
    (r.norm || r.elems.length === 1) &&
    (other.norm || other.elems.length === 1)
  ) {
    return mergeSorted(r.elems, other.elems);
  }
  const out = enumerate(r);
  const more = other.kind === Kind.SetEnum ? other.elems : enumerate(other);
  for (let i = 0; i < more.length; i++) out.push(more[i]);
  return new SetEnumValue(out, false);
}

/** Union of two normalised element arrays, normalised. */
function mergeSorted(x: readonly Value[], y: readonly Value[]): SetEnumValue {
  if (y.length === 1 && x.length > 1) return insertSorted(x, y[0]);
  if (x.length === 1 && y.length > 1) return insertSorted(y, x[0]);
  const out: Value[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const c = compare(x[i], y[j]);
    if (c < 0) out.push(x[i++]);
    else if (c > 0) out.push(y[j++]);
    else {
      out.push(x[i++]);
      j++;
    }
  }
  while (i < x.length) out.push(x[i++]);
  while (j < y.length) out.push(y[j++]);
  return new SetEnumValue(out, true);
}

/** `x \cup {e}` for normalised `x`: binary search, then one copy. */
function insertSorted(x: readonly Value[], e: Value): SetEnumValue {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(e, x[mid]);
    if (c === 0) return new SetEnumValue(x as Value[], true);
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  const out = new Array<Value>(x.length + 1);
  for (let i = 0; i < lo; i++) out[i] = x[i];
  out[lo] = e;
  for (let i = lo; i < x.length; i++) out[i + 1] = x[i];
  return new SetEnumValue(out, true);
}

/** `a \cap b`: eager when one side is an enumerated set or interval (filtering it), else lazy. */
export function setCap(a: Value, b: Value): Value {
  if (isReducible(a)) return reducibleFilter(a, b, true);
  if (isReducible(b)) return reducibleFilter(b, a, true);
  return new SetCapValue(a, b);
}

/** `a \ b`: eager when `a` is an enumerated set or interval, else lazy. */
export function setDiff(a: Value, b: Value): Value {
  if (isReducible(a)) return reducibleFilter(a, b, false);
  return new SetDiffValue(a, b);
}

function reducibleFilter(r: SetEnumValue | IntervalValue, other: Value, keepMembers: boolean): SetEnumValue {
  const out: Value[] = [];
  if (r.kind === Kind.Interval) {
    for (let i = r.lo; i <= r.hi; i++) if (member(i, other) === keepMembers) out.push(i);
    return new SetEnumValue(out, true);
  }
  const e = r.elems;
  for (let i = 0; i < e.length; i++) if (member(e[i], other) === keepMembers) out.push(e[i]);
  return new SetEnumValue(out, r.norm || out.length < 2);
}

/** `a \subseteq b`. */
export function isSubsetEq(a: Value, b: Value): boolean {
  if (typeof a === 'object') {
    if (a.kind === Kind.Interval && typeof b === 'object' && b.kind === Kind.Interval) {
      if (b.lo <= a.lo && b.hi >= a.hi) return true;
    } else if (
      a.kind === Kind.Subset &&
      typeof b === 'object' &&
      b.kind === Kind.Subset &&
      isEnumerable(a.base)
    ) {
      return isSubsetEq(a.base, b.base);
    }
  }
  if (!isEnumerable(a)) {
    return fail(`Attempted to check if the value:\n${ppr(a)}\nis a subset of:\n${ppr(b)}`, 'not-enumerable');
  }
  return !someElement(a, (x) => !member(x, b));
}
