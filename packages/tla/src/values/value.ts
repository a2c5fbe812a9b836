/**
 * TLA+ values as TLC represents them, tuned for the explorer's hot path.
 *
 * Representation:
 * - booleans are JS `true` / `false`, integers are JS numbers (always 32-bit signed integers, as
 *   in TLC; arithmetic helpers throw `Overflow when computing ...`), so neither allocates;
 * - every other value is an instance of one of the classes below, told apart by the numeric
 *   `kind` field (a `switch (v.kind)` is the fast dispatch; `instanceof` also works);
 * - strings and model values are interned: one object per distinct text, so equality is `===`;
 *   each carries a token that orders it, as TLC orders `UniqueString`s (order of first interning,
 *   see `internName`);
 * - composite values are immutable once built and cache their 64-bit fingerprint (`fpLo`/`fpHi`);
 * - enumerated sets are normalised (sorted in TLC's order, deduplicated) lazily, at the first
 *   operation that needs it, as TLC does; lazily represented sets (`SUBSET S`, `[S -> T]`, ...)
 *   stay symbolic until they must be enumerated.
 */

/** Discriminant of the non-primitive values. Numbers are stable within a build only. */
export enum Kind {
  Str = 1,
  Model = 2,
  SetEnum = 3,
  Interval = 4,
  Subset = 5,
  SetOfFcns = 6,
  SetOfRcds = 7,
  SetOfTuples = 8,
  Union = 9,
  SetCup = 10,
  SetCap = 11,
  SetDiff = 12,
  SetPred = 13,
  InfSet = 14,
  SeqSet = 15,
  Tuple = 16,
  Record = 17,
  Fcn = 18,
  FcnLambda = 19,
  Op = 20,
}

/** Every TLA+ value TLC can compute. */
export type Value = boolean | number | ObjValue;

/** The non-primitive values (discriminated by `kind`). */
export type ObjValue = StrValue | ModelValue | SetValue | FunctionValue | OpValue;

/** The values that are sets (enumerated, interval, or lazily represented). */
export type SetValue =
  | SetEnumValue
  | IntervalValue
  | SubsetValue
  | SetOfFcnsValue
  | SetOfRcdsValue
  | SetOfTuplesValue
  | UnionValue
  | SetCupValue
  | SetCapValue
  | SetDiffValue
  | SetPredValue
  | InfSetValue
  | SeqSetValue;

/** The values that are functions: tuples/sequences, records, explicit and lazily defined functions. */
export type FunctionValue = TupleValue | RecordValue | FcnRcdValue | FcnLambdaValue;

/** Base of all object values: the fingerprint cache (`fpDone` false until first computed). */
export abstract class ValueBase {
  abstract readonly kind: Kind;
  /** Low and high 32 bits of the cached fingerprint; valid when `fpDone`. */
  declare fpLo: number;
  declare fpHi: number;
  declare fpDone: boolean;
}

// ---------------------------------------------------------------------------------------------
// Names: strings, model values, record fields

/**
 * A TLA+ string. Interned: build with `str(text)`, never `new`; two strings are equal iff they are
 * the same object. `tok` orders strings as TLC does (by first interning, not alphabetically).
 */
export class StrValue extends ValueBase {
  declare readonly kind: Kind.Str;
  /** The text, without quotes or escapes. */
  declare readonly s: string;
  /** Intern token: the order of first interning (`internName`). */
  declare readonly tok: number;
  constructor(s: string, tok: number) {
    super();
    this.kind = Kind.Str;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.s = s;
    this.tok = tok;
  }
}

/**
 * A model value (a CONSTANT bound to itself or an element of a set of model values in the .cfg).
 * Interned: build with `modelValue(name)`. A name `T_x` (letter, underscore, more) makes a typed
 * model value of type `T`: comparing it with a model value of another type, or with a non-model
 * value, is an error; untyped model values are unequal to, and ordered before, every other value.
 */
export class ModelValue extends ValueBase {
  declare readonly kind: Kind.Model;
  declare readonly name: string;
  /** Intern token of the name (model values order by it, as in TLC). */
  declare readonly tok: number;
  /** The type letter of a typed model value (`'A'` for `A_x`), or `''` if untyped. */
  declare readonly type: string;
  /** Creation index (0, 1, ...). */
  declare readonly index: number;
  constructor(name: string, tok: number, type: string, index: number) {
    super();
    this.kind = Kind.Model;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.name = name;
    this.tok = tok;
    this.type = type;
    this.index = index;
  }
}

// ---------------------------------------------------------------------------------------------
// Sets

/**
 * A finite set given by its elements. `elems` may hold duplicates and be unsorted until
 * `normalizeSet` runs (TLC normalises lazily too); read elements through `setElements(s)`, which
 * normalises. Build with `setOf`, `setOfNormalized`, or the set operations.
 */
export class SetEnumValue extends ValueBase {
  declare readonly kind: Kind.SetEnum;
  /** The elements; sorted in TLC order and duplicate-free once `norm` is true. Do not mutate. */
  declare elems: Value[];
  /** Whether `elems` is normalised. */
  declare norm: boolean;
  constructor(elems: Value[], norm: boolean) {
    super();
    this.kind = Kind.SetEnum;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.elems = elems;
    this.norm = norm;
  }
}

/** The integer interval `lo..hi` (empty when `hi < lo`). */
export class IntervalValue extends ValueBase {
  declare readonly kind: Kind.Interval;
  declare readonly lo: number;
  declare readonly hi: number;
  constructor(lo: number, hi: number) {
    super();
    this.kind = Kind.Interval;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.lo = lo;
    this.hi = hi;
  }
}

/** `SUBSET base`, enumerated only when needed. */
export class SubsetValue extends ValueBase {
  declare readonly kind: Kind.Subset;
  declare readonly base: Value;
  /** Cached enumeration. */
  declare enumerated: SetEnumValue | null;
  constructor(base: Value) {
    super();
    this.kind = Kind.Subset;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.base = base;
    this.enumerated = null;
  }
}

/** `[domain -> range]`, the set of all functions from `domain` to `range`. */
export class SetOfFcnsValue extends ValueBase {
  declare readonly kind: Kind.SetOfFcns;
  declare readonly domain: Value;
  declare readonly range: Value;
  declare enumerated: SetEnumValue | null;
  constructor(domain: Value, range: Value) {
    super();
    this.kind = Kind.SetOfFcns;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.domain = domain;
    this.range = range;
    this.enumerated = null;
  }
}

/** `[f1 : S1, ..., fn : Sn]`, the set of records; `names` sorted in TLC order (by token). */
export class SetOfRcdsValue extends ValueBase {
  declare readonly kind: Kind.SetOfRcds;
  declare readonly names: readonly StrValue[];
  declare readonly sets: readonly Value[];
  declare enumerated: SetEnumValue | null;
  constructor(names: readonly StrValue[], sets: readonly Value[]) {
    super();
    this.kind = Kind.SetOfRcds;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.names = names;
    this.sets = sets;
    this.enumerated = null;
  }
}

/** `S1 \X ... \X Sn`, the set of n-tuples. */
export class SetOfTuplesValue extends ValueBase {
  declare readonly kind: Kind.SetOfTuples;
  declare readonly sets: readonly Value[];
  declare enumerated: SetEnumValue | null;
  constructor(sets: readonly Value[]) {
    super();
    this.kind = Kind.SetOfTuples;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.sets = sets;
    this.enumerated = null;
  }
}

/** `UNION set`. */
export class UnionValue extends ValueBase {
  declare readonly kind: Kind.Union;
  declare readonly set: Value;
  declare enumerated: SetEnumValue | null;
  constructor(set: Value) {
    super();
    this.kind = Kind.Union;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.set = set;
    this.enumerated = null;
  }
}

/** `a \cup b` when it cannot be computed eagerly (one side is lazy or infinite). */
export class SetCupValue extends ValueBase {
  declare readonly kind: Kind.SetCup;
  declare readonly a: Value;
  declare readonly b: Value;
  declare enumerated: SetEnumValue | null;
  constructor(a: Value, b: Value) {
    super();
    this.kind = Kind.SetCup;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.a = a;
    this.b = b;
    this.enumerated = null;
  }
}

/** `a \cap b` kept lazy. */
export class SetCapValue extends ValueBase {
  declare readonly kind: Kind.SetCap;
  declare readonly a: Value;
  declare readonly b: Value;
  declare enumerated: SetEnumValue | null;
  constructor(a: Value, b: Value) {
    super();
    this.kind = Kind.SetCap;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.a = a;
    this.b = b;
    this.enumerated = null;
  }
}

/** `a \ b` kept lazy. */
export class SetDiffValue extends ValueBase {
  declare readonly kind: Kind.SetDiff;
  declare readonly a: Value;
  declare readonly b: Value;
  declare enumerated: SetEnumValue | null;
  constructor(a: Value, b: Value) {
    super();
    this.kind = Kind.SetDiff;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.a = a;
    this.b = b;
    this.enumerated = null;
  }
}

/**
 * `{x \in base : P}`: membership tests `x \in base /\ pred(x)`; enumeration filters `base`.
 * `pred` comes from the evaluator (it binds `x`, evaluates P, and must return a boolean or throw).
 * `text` is how to print it when it cannot be enumerated (TLC prints the expression).
 */
export class SetPredValue extends ValueBase {
  declare readonly kind: Kind.SetPred;
  declare readonly base: Value;
  declare readonly pred: (x: Value) => boolean;
  declare readonly text: string;
  declare enumerated: SetEnumValue | null;
  constructor(base: Value, pred: (x: Value) => boolean, text: string = '{ ... }') {
    super();
    this.kind = Kind.SetPred;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.base = base;
    this.pred = pred;
    this.text = text;
    this.enumerated = null;
  }
}

/** Which infinite set an `InfSetValue` is. */
export type InfSetName = 'Nat' | 'Int' | 'Real' | 'STRING';

/** `Nat`, `Int`, `Real`, `STRING`: membership only (`Real` contains the integers, as TLC's). */
export class InfSetValue extends ValueBase {
  declare readonly kind: Kind.InfSet;
  declare readonly name: InfSetName;
  constructor(name: InfSetName) {
    super();
    this.kind = Kind.InfSet;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.name = name;
  }
}

/** `Seq(S)`, the infinite set of finite sequences over `S`: membership only. */
export class SeqSetValue extends ValueBase {
  declare readonly kind: Kind.SeqSet;
  declare readonly base: Value;
  constructor(base: Value) {
    super();
    this.kind = Kind.SeqSet;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.base = base;
  }
}

// ---------------------------------------------------------------------------------------------
// Functions

/** A tuple / sequence `<<e1, ..., en>>`: the function on `1..n`. */
export class TupleValue extends ValueBase {
  declare readonly kind: Kind.Tuple;
  /** The elements; do not mutate. */
  declare readonly elems: readonly Value[];
  constructor(elems: readonly Value[]) {
    super();
    this.kind = Kind.Tuple;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.elems = elems;
  }
}

/**
 * A record `[f1 |-> v1, ...]`: the function on a set of field-name strings. Always normalised:
 * `names` sorted by token (TLC order), no duplicates. Build with `recordOf`.
 */
export class RecordValue extends ValueBase {
  declare readonly kind: Kind.Record;
  declare readonly names: readonly StrValue[];
  declare readonly values: readonly Value[];
  constructor(names: readonly StrValue[], values: readonly Value[]) {
    super();
    this.kind = Kind.Record;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.names = names;
    this.values = values;
  }
}

/**
 * An explicit function: `domain` normalised (TLC order, no duplicates), `values[i]` the image of
 * `domain[i]`. When the domain is the integer interval `lo..lo+n-1`, `intLo` is `lo` (apply is an
 * index), otherwise NaN. TLC's `FcnRcdValue`; built by `fcnOf`, by `:>`/`@@`, by materialising a
 * lazy function.
 */
export class FcnRcdValue extends ValueBase {
  declare readonly kind: Kind.Fcn;
  declare readonly domain: readonly Value[];
  declare readonly values: readonly Value[];
  declare readonly intLo: number;
  /** Fingerprint cache of the domain, shared by functions with the same domain array (EXCEPT keeps it). */
  declare readonly domInfo: DomainInfo;
  constructor(domain: readonly Value[], values: readonly Value[], intLo: number, domInfo?: DomainInfo) {
    super();
    this.kind = Kind.Fcn;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.domain = domain;
    this.values = values;
    this.intLo = intLo;
    this.domInfo = domInfo ?? new DomainInfo();
  }
}

/** The cached fingerprint of a function domain (as a set); see `FcnRcdValue.domInfo`. */
export class DomainInfo {
  declare lo: number;
  declare hi: number;
  declare done: boolean;
  constructor() {
    this.lo = 0;
    this.hi = 0;
    this.done = false;
  }
}

/**
 * A lazily defined function `[x \in domain |-> body]` (TLC's `FcnLambdaValue`). `body` is the
 * evaluator's closure; for `[x \in S, y \in T |-> e]` the domain is `S \X T` and `body` gets the
 * tuple. Applying it evaluates `body` on the argument after a domain membership check; equality,
 * fingerprinting, printing, EXCEPT and DOMAIN-enumeration materialise it (`materializeFcn`) once.
 * `domain` may be infinite (recursive definitions `f[n \in Nat] == ...`): only `apply` works then.
 */
export class FcnLambdaValue extends ValueBase {
  declare readonly kind: Kind.FcnLambda;
  declare readonly domain: Value;
  declare readonly body: (arg: Value) => Value;
  /** How to print it when it cannot be materialised, e.g. `[n \\in Nat |-> <expression ...>]`. */
  declare readonly text: string;
  /** The explicit function, once materialised. */
  declare materialized: FcnRcdValue | TupleValue | RecordValue | null;
  constructor(domain: Value, body: (arg: Value) => Value, text: string = '[x \\in S |-> <expression>]') {
    super();
    this.kind = Kind.FcnLambda;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.domain = domain;
    this.body = body;
    this.text = text;
    this.materialized = null;
  }
}

/**
 * An operator passed as an argument to a higher-order operator (`SelectSeq(s, Test)`, `LAMBDA`).
 * Not a TLA+ value proper: comparing, printing the name only, fingerprinting it is an error.
 */
export class OpValue extends ValueBase {
  declare readonly kind: Kind.Op;
  /** Printed in messages (TLC prints operator values by name). */
  declare readonly name: string;
  declare readonly arity: number;
  declare readonly call: (args: readonly Value[]) => Value;
  constructor(name: string, arity: number, call: (args: readonly Value[]) => Value) {
    super();
    this.kind = Kind.Op;
    this.fpLo = 0;
    this.fpHi = 0;
    this.fpDone = false;
    this.name = name;
    this.arity = arity;
    this.call = call;
  }
}

// ---------------------------------------------------------------------------------------------
// Type guards

/** True for objects whose `kind` is a set kind (enumerated, interval, lazy, infinite). */
export function isSet(v: Value): v is SetValue {
  return typeof v === 'object' && v.kind >= Kind.SetEnum && v.kind <= Kind.SeqSet;
}

/** True for tuples, records, explicit and lazy functions. */
export function isFunction(v: Value): v is FunctionValue {
  return typeof v === 'object' && v.kind >= Kind.Tuple && v.kind <= Kind.FcnLambda;
}

export function isInt(v: Value): v is number {
  return typeof v === 'number';
}

export function isBool(v: Value): v is boolean {
  return typeof v === 'boolean';
}

export function isStr(v: Value): v is StrValue {
  return typeof v === 'object' && v.kind === Kind.Str;
}

export function isModelValue(v: Value): v is ModelValue {
  return typeof v === 'object' && v.kind === Kind.Model;
}
