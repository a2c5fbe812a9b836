import {
  apply,
  domainOf,
  EvalError,
  enumerate,
  type FcnLambdaValue,
  type FcnRcdValue,
  fcnOf,
  fingerprintState,
  isSet,
  Kind,
  type ModelValue,
  materializeFcn,
  printValue,
  type RecordValue,
  recordOf,
  setElements,
  setOf,
  type TupleValue,
  tuple,
  type Value,
} from '../values/index.js';

/** A permutation of model values, as a map (TLC's SYMMETRY sets are sets of such functions). */
export type Permutation = ReadonlyMap<ModelValue, Value>;

/** The permutations in a SYMMETRY set (e.g. `Permutations(Node) \cup Permutations(Value)`). */
export function permutationsOf(symmetrySet: Value): Permutation[] {
  if (!isSet(symmetrySet))
    throw new EvalError(
      `The SYMMETRY definition should be a set of permutations, but it is:\n${printValue(symmetrySet)}`,
      'type',
    );
  return setElements(symmetrySet).map((f) => {
    const map = new Map<ModelValue, Value>();
    for (const x of setElements(domainOf(f))) {
      if (typeof x !== 'object' || x.kind !== Kind.Model) {
        throw new EvalError(
          `A SYMMETRY permutation must map model values, but its domain contains ${printValue(x)}`,
          'type',
        );
      }
      map.set(x, apply(f, x));
    }
    return map;
  });
}

/** A value with every model value renamed by `perm` (sets and domains renormalised). */
export function permute(v: Value, perm: Permutation): Value {
  if (typeof v !== 'object') return v;
  switch (v.kind) {
    case Kind.Model:
      return perm.get(v) ?? v;
    case Kind.Str:
    case Kind.Interval:
    case Kind.InfSet:
      return v;
    case Kind.Tuple:
      return tuple((v as TupleValue).elems.map((x) => permute(x, perm)));
    case Kind.Record: {
      const r = v as RecordValue;
      return recordOf(
        r.names,
        r.values.map((x) => permute(x, perm)),
      );
    }
    case Kind.Fcn: {
      const f = v as FcnRcdValue;
      return fcnOf(
        f.domain.map((x) => permute(x, perm)),
        f.values.map((x) => permute(x, perm)),
      );
    }
    case Kind.FcnLambda:
      return permute(materializeFcn(v as FcnLambdaValue), perm);
    default:
      if (isSet(v)) return setOf(enumerate(v).map((x) => permute(x, perm)));
      return v;
  }
}

/**
 * The fingerprint of the state's symmetry class: the least fingerprint of the state under every
 * permutation (the identity included). Any exact choice of representative gives TLC's counts,
 * which count classes, not representatives.
 */
export function symmetricFingerprint(
  state: readonly Value[],
  perms: readonly Permutation[],
  out: Uint32Array,
  offset: number,
  scratch: Uint32Array,
): void {
  fingerprintState(state, out, offset);
  for (const perm of perms) {
    fingerprintState(
      state.map((x) => permute(x, perm)),
      scratch,
      0,
    );
    const hi = scratch[1];
    const lo = scratch[0];
    if (hi < out[offset + 1] || (hi === out[offset + 1] && lo < out[offset])) {
      out[offset] = lo;
      out[offset + 1] = hi;
    }
  }
}
