/**
 * Functions, tuples/sequences and records: construction, application, EXCEPT, DOMAIN, the
 * conversions TLC performs between them (`toTuple`, `toRcd`, `toFcnRcd`), and the Sequences
 * operators, with TLC's error texts (tlc2/value/impl/{Tuple,Record,FcnRcd,FcnLambda}Value.java,
 * tlc2/module/Sequences.java).
 */
import { compare, equals, sortUnique } from './compare.js';
import { fail, ppr } from './diag.js';
import { str } from './intern.js';
import {
  interval,
  isEnumerable,
  isFiniteSet,
  member,
  setOfNormalized,
  someElement,
  sortFields,
} from './sets.js';
import {
  FcnLambdaValue,
  FcnRcdValue,
  type FunctionValue,
  Kind,
  OpValue,
  RecordValue,
  type StrValue,
  TupleValue,
  type Value,
} from './value.js';

// ---------------------------------------------------------------------------------------------
// Constructors

/** `<<>>`. */
export const EMPTY_TUPLE: TupleValue = new TupleValue([]);
/** The record with no fields (only arises from conversions). */
export const EMPTY_RECORD: RecordValue = new RecordValue([], []);

/** `<<e1, ..., en>>`; takes ownership of `elems`. */
export function tuple(elems: readonly Value[]): TupleValue {
  return elems.length === 0 ? EMPTY_TUPLE : new TupleValue(elems);
}

/**
 * `[n1 |-> v1, ...]`: fields put in TLC order (by name token); a repeated field is TLC's error
 * `Field name a occurs multiple times in record.`
 */
export function recordOf(names: readonly StrValue[], values: readonly Value[]): RecordValue {
  const n = names.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (names[i - 1].tok >= names[i].tok) {
      sorted = false;
      break;
    }
  }
  if (sorted) return new RecordValue(names, values);
  const [ns, vs] = sortFields(names, values, 'record');
  return new RecordValue(ns, vs);
}

/** Convenience: a record from a JS object or name/value pairs (field names interned with `str`). */
export function record(
  fields: Readonly<Record<string, Value>> | readonly (readonly [string, Value])[],
): RecordValue {
  const entries = Array.isArray(fields)
    ? (fields as readonly (readonly [string, Value])[])
    : Object.entries(fields as Record<string, Value>);
  return recordOf(
    entries.map(([k]) => str(k)),
    entries.map(([, v]) => v),
  );
}

/**
 * The function with `domain[i] |-> values[i]`: pairs sorted in TLC order; a repeated domain
 * element is TLC's error `The value\n<d>\noccurs multiple times in the function domain.`
 */
export function fcnOf(domain: readonly Value[], values: readonly Value[]): FcnRcdValue {
  const n = domain.length;
  const idx = new Array<number>(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if (compare(domain[i - 1], domain[i]) >= 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return new FcnRcdValue(domain, values, Number.NaN);
  idx.sort((a, b) => compare(domain[a], domain[b]));
  const d = new Array<Value>(n);
  const v = new Array<Value>(n);
  for (let i = 0; i < n; i++) {
    d[i] = domain[idx[i]];
    v[i] = values[idx[i]];
    if (i > 0 && compare(d[i - 1], d[i]) === 0) {
      fail(`The value\n${ppr(d[i])}\noccurs multiple times in the function domain.`, 'other');
    }
  }
  return new FcnRcdValue(d, v, Number.NaN);
}

/** A function from a domain already in TLC order without duplicates (trusted). */
export function fcnOfNormalized(domain: readonly Value[], values: readonly Value[]): FcnRcdValue {
  return new FcnRcdValue(domain, values, Number.NaN);
}

const intDomains = new Map<number, FcnRcdValue>();

/** The function on `lo..lo+values.length-1` (TLC's FcnRcdValue over an IntervalValue). */
export function fcnFromInterval(lo: number, values: readonly Value[]): FcnRcdValue {
  const n = values.length;
  if (lo >= 0 && lo < 8 && n < 65536) {
    // Functions on the same small interval share one domain array and its fingerprint cache.
    const key = lo * 65536 + n;
    let proto = intDomains.get(key);
    if (proto === undefined) {
      const d = new Array<Value>(n);
      for (let i = 0; i < n; i++) d[i] = lo + i;
      proto = new FcnRcdValue(d, d, lo);
      intDomains.set(key, proto);
    }
    return new FcnRcdValue(proto.domain, values, lo, proto.domInfo);
  }
  const d = new Array<Value>(n);
  for (let i = 0; i < n; i++) d[i] = lo + i;
  return new FcnRcdValue(d, values, lo);
}

/**
 * `[x \in domain |-> body(x)]`, lazy (see `FcnLambdaValue`). `text` is printed when the function
 * cannot be materialised (infinite domain).
 */
export function fcnLambda(domain: Value, body: (arg: Value) => Value, text?: string): FcnLambdaValue {
  return new FcnLambdaValue(domain, body, text);
}

/** An operator argument for higher-order operators. */
export function opValue(name: string, arity: number, call: (args: readonly Value[]) => Value): OpValue {
  return new OpValue(name, arity, call);
}

/** `d :> e` (TLC module). */
export function fcnSingleton(d: Value, e: Value): FcnRcdValue {
  return new FcnRcdValue([d], [e], Number.NaN);
}

/** `f @@ g` (TLC module): `f` where defined, `g` elsewhere. */
export function fcnMerge(f: Value, g: Value): FcnRcdValue {
  const a = toFcnOrNull(f);
  if (a === null)
    return fail(`The first argument of @@ should be a function, but instead it is:\n${ppr(f)}`, 'type');
  const b = toFcnOrNull(g);
  if (b === null)
    return fail(`The second argument of @@ should be a function, but instead it is:\n${ppr(g)}`, 'type');
  const dom: Value[] = [];
  const vals: Value[] = [];
  let i = 0;
  let j = 0;
  const da = a.domain;
  const db = b.domain;
  while (i < da.length && j < db.length) {
    const c = compare(da[i], db[j]);
    if (c < 0) {
      dom.push(da[i]);
      vals.push(a.values[i++]);
    } else if (c > 0) {
      dom.push(db[j]);
      vals.push(b.values[j++]);
    } else {
      dom.push(da[i]);
      vals.push(a.values[i++]);
      j++;
    }
  }
  while (i < da.length) {
    dom.push(da[i]);
    vals.push(a.values[i++]);
  }
  while (j < db.length) {
    dom.push(db[j]);
    vals.push(b.values[j++]);
  }
  return new FcnRcdValue(dom, vals, Number.NaN);
}

// ---------------------------------------------------------------------------------------------
// Conversions (TLC's toTuple / toRcd / toFcnRcd)

/** Materialises a lazily defined function once (TLC's FcnLambdaValue.toFcnRcd). */
export function materializeFcn(f: FcnLambdaValue): FcnRcdValue {
  const m = f.materialized;
  if (m !== null) return m as FcnRcdValue;
  const d = f.domain;
  const body = f.body;
  let out: FcnRcdValue;
  if (typeof d === 'object' && d.kind === Kind.Interval) {
    const n = d.hi < d.lo ? 0 : d.hi - d.lo + 1;
    const vals = new Array<Value>(n);
    for (let i = 0; i < n; i++) vals[i] = body(d.lo + i);
    out = fcnFromInterval(d.lo, vals);
  } else {
    if (!isEnumerable(d) || !isFiniteSet(d)) {
      return fail(
        `Attempted to enumerate the domain of the function\n${f.text}\nbut the domain is not enumerable:\n${ppr(d)}`,
        'not-enumerable',
      );
    }
    const dom: Value[] = [];
    const vals: Value[] = [];
    someElement(d, (x) => {
      dom.push(x);
      vals.push(body(x));
      return false;
    });
    out = fcnOf(dom, vals);
  }
  f.materialized = out;
  return out;
}

/** The function on `1..n` equal to tuple `t`. */
export function tupleAsFcn(t: TupleValue): FcnRcdValue {
  return fcnFromInterval(1, t.elems);
}

/** The function on field names equal to record `r`. */
export function recordAsFcn(r: RecordValue): FcnRcdValue {
  return new FcnRcdValue(r.names, r.values, Number.NaN);
}

/** `v` as a tuple if it is a function on `1..n` (TLC `toTuple`), else null. */
export function toTupleOrNull(v: Value): TupleValue | null {
  if (typeof v !== 'object') return null;
  switch (v.kind) {
    case Kind.Tuple:
      return v;
    case Kind.Fcn: {
      if (!Number.isNaN(v.intLo)) return v.intLo === 1 || v.values.length === 0 ? tuple(v.values) : null;
      const d = v.domain;
      for (let i = 0; i < d.length; i++) if (d[i] !== i + 1) return null;
      return tuple(v.values);
    }
    case Kind.Record:
      return v.names.length === 0 ? EMPTY_TUPLE : null;
    case Kind.FcnLambda:
      return toTupleOrNull(materializeFcn(v));
    default:
      return null;
  }
}

/** `v` as a record if it is a function on strings (TLC `toRcd`), else null. */
export function toRcdOrNull(v: Value): RecordValue | null {
  if (typeof v !== 'object') return null;
  switch (v.kind) {
    case Kind.Record:
      return v;
    case Kind.Fcn: {
      if (!Number.isNaN(v.intLo)) return null;
      const d = v.domain;
      for (let i = 0; i < d.length; i++) {
        const x = d[i];
        if (typeof x !== 'object' || x.kind !== Kind.Str) return null;
      }
      return new RecordValue(d as readonly StrValue[], v.values);
    }
    case Kind.Tuple:
      return v.elems.length === 0 ? EMPTY_RECORD : null;
    case Kind.FcnLambda:
      return toRcdOrNull(materializeFcn(v));
    default:
      return null;
  }
}

/** `v` as an explicit function (TLC `toFcnRcd`), else null. */
export function toFcnOrNull(v: Value): FcnRcdValue | null {
  if (typeof v !== 'object') return null;
  switch (v.kind) {
    case Kind.Fcn:
      return v;
    case Kind.Tuple:
      return tupleAsFcn(v);
    case Kind.Record:
      return recordAsFcn(v);
    case Kind.FcnLambda:
      return materializeFcn(v);
    default:
      return null;
  }
}

/** The elements of a sequence (tuple or function on `1..n`), or null if `v` is not one. */
export function asSequence(v: Value): readonly Value[] | null {
  if (typeof v === 'object' && v.kind === Kind.Tuple) return v.elems;
  const t = toTupleOrNull(v);
  return t === null ? null : t.elems;
}

/** Whether `v` is a function value (tuple, record, explicit or lazy function). */
export function isFunctionValue(v: Value): v is FunctionValue {
  return typeof v === 'object' && v.kind >= Kind.Tuple && v.kind <= Kind.FcnLambda;
}

// ---------------------------------------------------------------------------------------------
// Application

/** TLC's description of a value's kind, used in "A non-function (...) was applied as a function." */
export function kindString(v: Value): string {
  if (typeof v === 'boolean') return 'a Boolean value';
  if (typeof v === 'number') return 'an integer';
  switch (v.kind) {
    case Kind.Str:
      return 'a string';
    case Kind.Record:
      return 'a record';
    case Kind.SetEnum:
      return 'a set of the form {e1, ... ,eN}';
    case Kind.SetPred:
      return 'a set of the form {x \\in S : expr}';
    case Kind.Tuple:
      return 'a tuple';
    case Kind.FcnLambda:
      return 'a function of the form  [x \\in S |-> expr]';
    case Kind.Fcn:
      return 'a function  of the form (d1 :> e1 @@ ... @@ dN :> eN)';
    case Kind.Op:
      return 'an operator';
    case Kind.SetOfFcns:
      return 'a set of the form [S -> T]';
    case Kind.SetOfRcds:
      return 'a set of the form [d1 : S1, ... , dN : SN]';
    case Kind.SetOfTuples:
      return 'a cartesian product';
    case Kind.Subset:
      return 'a set of the form SUBSET S';
    case Kind.SetDiff:
      return 'a set of the form S \\ T';
    case Kind.SetCap:
      return 'a set of the form S \\cap T';
    case Kind.SetCup:
      return 'a set of the form S \\cup T';
    case Kind.Union:
      return 'a set of the form UNION  S';
    case Kind.Model:
      return 'a model value';
    case Kind.InfSet:
    case Kind.SeqSet:
      return 'a special set constant';
    case Kind.Interval:
      return 'a set of the form i..j';
  }
}

function notInDomain(f: Value, arg: Value): never {
  return fail(
    `Attempted to apply function:\n${ppr(f)}\nto argument ${ppr(arg)}, which is not in the domain of the function.`,
    'not-in-domain',
  );
}

/** Index of `arg` in the domain of explicit function `f`, or -1. */
export function fcnIndexOf(f: FcnRcdValue, arg: Value): number {
  if (!Number.isNaN(f.intLo)) {
    if (typeof arg !== 'number') {
      return fail(
        `Attempted to apply function with integer domain to the non-integer argument ${ppr(arg)}`,
        'apply',
      );
    }
    const i = arg - f.intLo;
    return i >= 0 && i < f.values.length ? i : -1;
  }
  const d = f.domain;
  const n = d.length;
  if (n >= 32) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = compare(arg, d[mid]);
      if (c === 0) return mid;
      if (c < 0) hi = mid;
      else lo = mid + 1;
    }
    return -1;
  }
  for (let i = 0; i < n; i++) {
    const x = d[i];
    if (x === arg || equals(x, arg)) return i;
  }
  return -1;
}

/** `f[arg]` with TLC's errors (out of domain, wrong kind of argument, missing record field). */
export function apply(f: Value, arg: Value): Value {
  if (typeof f === 'object') {
    switch (f.kind) {
      case Kind.Tuple: {
        if (typeof arg !== 'number') {
          return fail(`Attempted to access tuple at a non integral index: ${ppr(arg)}`, 'apply');
        }
        const e = f.elems;
        if (arg <= 0 || arg > e.length) {
          return fail(
            `Attempted to access index ${arg} of tuple\n${ppr(f)}\nwhich is out of bounds.`,
            'not-in-domain',
          );
        }
        return e[arg - 1];
      }
      case Kind.Record: {
        if (typeof arg !== 'object' || arg.kind !== Kind.Str) {
          return fail(`Attempted to access record by a non-string argument: ${ppr(arg)}`, 'apply');
        }
        const names = f.names;
        for (let i = 0; i < names.length; i++) if (names[i] === arg) return f.values[i];
        return fail(`Attempted to access nonexistent field '${arg.s}' of record\n${ppr(f)}`, 'record-field');
      }
      case Kind.Fcn: {
        const i = fcnIndexOf(f, arg);
        if (i < 0) return notInDomain(f, arg);
        return f.values[i];
      }
      case Kind.FcnLambda: {
        const m = f.materialized;
        if (m !== null) {
          const i = fcnIndexOf(m as FcnRcdValue, arg);
          if (i < 0) return notInDomain(m, arg);
          return (m as FcnRcdValue).values[i];
        }
        if (!member(arg, f.domain)) {
          return fail(
            `In applying the function\n${ppr(f)},\nthe first argument is:\n${ppr(arg)}\nwhich is not in its domain.\n`,
            'not-in-domain',
          );
        }
        return f.body(arg);
      }
      default:
        break;
    }
  }
  return fail(`A non-function (${kindString(f)}) was applied as a function.`, 'apply');
}

/** `f[a1, ..., an]`: one argument is applied as is, several as the tuple `<<a1, ..., an>>`. */
export function applyArgs(f: Value, args: readonly Value[]): Value {
  if (args.length === 1) return apply(f, args[0]);
  if (typeof f === 'object' && (f.kind === Kind.Tuple || f.kind === Kind.Record)) {
    return fail(
      'Attempted to evaluate an expression of form f[e1, ... , eN]\nwith f a tuple or record and N > 1.',
      'apply',
    );
  }
  return apply(f, new TupleValue(args));
}

/** `r.name` (record field access; other functions are applied to the string). */
export function recordField(r: Value, name: StrValue): Value {
  if (typeof r === 'object' && r.kind === Kind.Record) {
    const names = r.names;
    for (let i = 0; i < names.length; i++) if (names[i] === name) return r.values[i];
  }
  return apply(r, name);
}

/** `DOMAIN f`. */
export function domainOf(f: Value): Value {
  if (typeof f === 'object') {
    switch (f.kind) {
      case Kind.Tuple:
        return interval(1, f.elems.length);
      case Kind.Record:
        return setOfNormalized(f.names as Value[]);
      case Kind.Fcn:
        if (!Number.isNaN(f.intLo)) return interval(f.intLo, f.intLo + f.values.length - 1);
        return setOfNormalized(f.domain as Value[]);
      case Kind.FcnLambda:
        return f.materialized !== null ? domainOf(f.materialized) : f.domain;
      default:
        break;
    }
  }
  return fail(`Attempted to compute the domain of a non-function value:\n${ppr(f)}`, 'type');
}

// ---------------------------------------------------------------------------------------------
// EXCEPT

/**
 * `[f EXCEPT ![p1][p2]... = update(@)]`: the value at `path` is replaced by `update(old)`. When a
 * path element is not in the domain, the function is returned unchanged and `update` is not called
 * (TLC does not evaluate the right side then). Several `!` clauses: apply one after the other.
 * A multi-argument path element `![a, b]` is the tuple `<<a, b>>`.
 */
export function except(f: Value, path: readonly Value[], update: (old: Value) => Value): Value {
  return exceptAt(f, path, 0, update);
}

/** `[f EXCEPT ![p1]... = v]`. */
export function exceptSet(f: Value, path: readonly Value[], v: Value): Value {
  return exceptAt(f, path, 0, () => v);
}

function exceptAt(f: Value, path: readonly Value[], depth: number, update: (old: Value) => Value): Value {
  if (depth === path.length) return update(f);
  const arg = path[depth];
  if (typeof f === 'object') {
    switch (f.kind) {
      case Kind.Tuple: {
        if (typeof arg !== 'number' || arg < 1 || arg > f.elems.length) return f;
        const elems = f.elems.slice();
        elems[arg - 1] = exceptAt(elems[arg - 1], path, depth + 1, update);
        return new TupleValue(elems);
      }
      case Kind.Record: {
        const names = f.names;
        for (let i = 0; i < names.length; i++) {
          if (names[i] === arg) {
            const vals = f.values.slice();
            vals[i] = exceptAt(vals[i], path, depth + 1, update);
            return new RecordValue(names, vals);
          }
        }
        return f;
      }
      case Kind.Fcn: {
        let i: number;
        if (!Number.isNaN(f.intLo)) {
          if (typeof arg !== 'number') return f;
          i = arg - f.intLo;
          if (i < 0 || i >= f.values.length) return f;
        } else {
          i = fcnIndexOf(f, arg);
          if (i < 0) return f;
        }
        const vals = f.values.slice();
        vals[i] = exceptAt(vals[i], path, depth + 1, update);
        return new FcnRcdValue(f.domain, vals, f.intLo, f.domInfo);
      }
      case Kind.FcnLambda: {
        if (f.materialized !== null || (isEnumerable(f.domain) && isFiniteSet(f.domain))) {
          return exceptAt(materializeFcn(f), path, depth, update);
        }
        // Infinite domain (recursive definitions): stay lazy, overriding one argument.
        const body = f.body;
        const dom = f.domain;
        if (!member(arg, dom)) return f;
        let cached: Value | undefined;
        return new FcnLambdaValue(
          dom,
          (x) => {
            if (!equals(x, arg)) return body(x);
            if (cached === undefined) cached = exceptAt(body(x), path, depth + 1, update);
            return cached;
          },
          f.text,
        );
      }
      case Kind.SetEnum:
      case Kind.Subset:
      case Kind.SetOfFcns:
      case Kind.SetOfRcds:
      case Kind.SetOfTuples:
      case Kind.Union:
      case Kind.SetCup:
      case Kind.SetCap:
      case Kind.SetDiff:
      case Kind.SetPred:
        return fail(`Attempted to apply EXCEPT to the set ${ppr(f)}.`, 'except');
      case Kind.Interval:
        return fail(`Attempted to apply EXCEPT construct to the interval value ${ppr(f)}.`, 'except');
      case Kind.Model:
        return fail(`Attempted to apply EXCEPT construct to the model value ${ppr(f)}.`, 'except');
      default:
        break;
    }
  }
  return fail(`Attempted to apply EXCEPT construct to the value ${ppr(f)}.`, 'except');
}

// ---------------------------------------------------------------------------------------------
// Sequences (tlc2/module/Sequences.java)

function seqOrFail(s: Value, op: string): readonly Value[] {
  const e = asSequence(s);
  if (e === null)
    fail(`The argument of ${op} should be a sequence, but instead it is:\n${ppr(s)}`, 'sequence');
  return e;
}

/** `Len(s)` (also the length of a string, as TLC). */
export function seqLen(s: Value): number {
  if (typeof s === 'object' && s.kind === Kind.Str) return s.s.length;
  return seqOrFail(s, 'Len').length;
}

/** `Head(s)`. */
export function seqHead(s: Value): Value {
  const e = seqOrFail(s, 'Head');
  if (e.length === 0) fail('Attempted to apply Head to the empty sequence.', 'sequence');
  return e[0];
}

/** `Tail(s)` (also of a string, as TLC). */
export function seqTail(s: Value): Value {
  if (typeof s === 'object' && s.kind === Kind.Str) {
    if (s.s.length === 0) fail('Attempted to apply Tail to the empty sequence.', 'sequence');
    return str(s.s.substring(1));
  }
  const e = seqOrFail(s, 'Tail');
  if (e.length === 0) fail('Attempted to apply Tail to the empty sequence.', 'sequence');
  return tuple(e.slice(1));
}

/** `Append(s, v)`. */
export function seqAppend(s: Value, v: Value): TupleValue {
  const e = asSequence(s);
  if (e === null) {
    return fail(
      `Evaluating an expression of the form Append(s, v) when s is not a sequence:\n${ppr(s)}`,
      'sequence',
    );
  }
  const out = e.slice();
  out.push(v);
  return new TupleValue(out);
}

/** `s \o t` (also string concatenation, as TLC). */
export function seqConcat(s: Value, t: Value): Value {
  if (typeof s === 'object' && s.kind === Kind.Str) {
    if (typeof t !== 'object' || t.kind !== Kind.Str) {
      return fail(
        `Evaluating an expression of the form t \\o s when s is not a string:\n${ppr(t)}`,
        'sequence',
      );
    }
    return str(s.s + t.s);
  }
  const a = asSequence(s);
  if (a === null) {
    return fail(
      `Evaluating an expression of the form s \\o t when s is not a sequence:\n${ppr(s)}`,
      'sequence',
    );
  }
  const b = asSequence(t);
  if (b === null) {
    return fail(
      `Evaluating an expression of the form t \\o s when s is not a sequence:\n${ppr(t)}`,
      'sequence',
    );
  }
  if (a.length === 0) return typeof t === 'object' && t.kind === Kind.Tuple ? t : tuple(b);
  if (b.length === 0) return typeof s === 'object' && s.kind === Kind.Tuple ? s : tuple(a);
  return new TupleValue(a.concat(b));
}

/** `SubSeq(s, m, n)` (also of a string, as TLC). */
export function seqSubSeq(s: Value, m: Value, n: Value): Value {
  const isString = typeof s === 'object' && s.kind === Kind.Str;
  let e: readonly Value[] | null = null;
  if (!isString) {
    e = asSequence(s);
    if (e === null) {
      return fail(
        `The first argument of SubSeq should be a sequence, but instead it is:\n${ppr(s)}`,
        'sequence',
      );
    }
  }
  if (typeof m !== 'number') {
    return fail(
      `The second argument of SubSeq should be a natural number, but instead it is:\n${ppr(m)}`,
      'sequence',
    );
  }
  if (typeof n !== 'number') {
    return fail(
      `The third argument of SubSeq should be a natural number, but instead it is:\n${ppr(n)}`,
      'sequence',
    );
  }
  if (m > n) return isString ? str('') : EMPTY_TUPLE;
  const len = isString ? (s as StrValue).s.length : (e as readonly Value[]).length;
  if (m < 1 || m > len) {
    return fail(
      `The second argument of SubSeq must be in the domain of its first argument:\n${ppr(s)}\n, but instead it is\n${ppr(m)}`,
      'sequence',
    );
  }
  if (n < 1 || n > len) {
    return fail(
      `The third argument of SubSeq must be in the domain of its first argument:\n${ppr(s)}\n, but instead it is\n${ppr(n)}`,
      'sequence',
    );
  }
  if (isString) return str((s as StrValue).s.substring(m - 1, n));
  return tuple((e as readonly Value[]).slice(m - 1, n));
}

/** `SelectSeq(s, Test)`; `test` is the operator (its result must be a boolean). */
export function seqSelect(s: Value, test: OpValue | ((x: Value) => Value)): TupleValue {
  const e = asSequence(s);
  if (e === null) {
    return fail(
      `The first argument of SelectSeq should be a sequence, but instead it is:\n${ppr(s)}`,
      'sequence',
    );
  }
  if (e.length === 0) return EMPTY_TUPLE;
  const call = typeof test === 'function' ? test : (x: Value) => test.call([x]);
  const out: Value[] = [];
  for (let i = 0; i < e.length; i++) {
    const r = call(e[i]);
    if (typeof r !== 'boolean') {
      const name = typeof test === 'function' ? 'Test' : test.name;
      return fail(
        `The second argument of SelectSeq should be a boolean-valued operator, but instead it is:\n${name}`,
        'sequence',
      );
    }
    if (r) out.push(e[i]);
  }
  return tuple(out);
}

// ---------------------------------------------------------------------------------------------
// Misc

/** Sorts values in TLC order without duplicates, returning a new array (e.g. for SortSeq-like helpers). */
export function sortedUnique(values: readonly Value[]): Value[] {
  const a = values.slice();
  sortUnique(a);
  return a;
}

/** The domain of an explicit function as an array in TLC order (shared; do not mutate). */
export function fcnDomainElems(f: Value): readonly Value[] {
  const g = toFcnOrNull(f);
  if (g === null) return fail(`Attempted to compute the domain of a non-function value:\n${ppr(f)}`, 'type');
  return g.domain;
}
