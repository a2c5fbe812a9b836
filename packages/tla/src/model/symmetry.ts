import {
  apply,
  compare,
  domainOf,
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
  EvalError as TlaEvalError,
  type TupleValue,
  tuple,
  type Value,
} from '../values/index.js';

/** A permutation of model values, as a map (TLC's SYMMETRY sets are sets of such functions). */
export type Permutation = ReadonlyMap<ModelValue, Value>;

/**
 * The permutations a SYMMETRY set stands for: the group its elements generate, identity left out,
 * as TLC computes it (MVPerms.permutationSubgroup). `Permutations(Node) \cup Permutations(Value)`
 * lists n! + m! functions but generates all n! * m! combinations, and only a group makes the
 * least image of a state the same for every state of its class.
 */
export function permutationsOf(symmetrySet: Value): Permutation[] {
  const generators = listedPermutations(symmetrySet);
  const key = (p: Permutation) =>
    [...p.entries()]
      .map(([x, y]) => `${x.index}>${(y as ModelValue).index}`)
      .sort()
      .join(',');
  const seen = new Set<string>();
  const group: Permutation[] = [];
  const add = (p: Permutation) => {
    if (p.size === 0) return;
    const k = key(p);
    if (seen.has(k)) return;
    seen.add(k);
    group.push(p);
  };
  for (const g of generators) add(g);
  for (let done = 0; done < group.length; done++) {
    for (const g of generators) add(compose(g, group[done]));
    if (group.length > 1_000_000)
      throw new TlaEvalError('The SYMMETRY set generates more than 1,000,000 permutations', 'other');
  }
  return group;
}

/** `p` after `q`, with the model values either moves; fixed points are left out. */
function compose(p: Permutation, q: Permutation): Permutation {
  const out = new Map<ModelValue, Value>();
  for (const x of new Set([...q.keys(), ...p.keys()])) {
    const y = q.get(x) ?? x;
    const z = p.get(y as ModelValue) ?? y;
    if (z !== x) out.set(x, z);
  }
  return out;
}

/** The functions a SYMMETRY set lists, each as a map of the model values it moves. */
function listedPermutations(symmetrySet: Value): Permutation[] {
  if (!isSet(symmetrySet))
    throw new TlaEvalError(
      `The SYMMETRY definition should be a set of permutations, but it is:\n${printValue(symmetrySet)}`,
      'type',
    );
  return setElements(symmetrySet).map((f) => {
    const map = new Map<ModelValue, Value>();
    for (const x of setElements(domainOf(f))) {
      if (typeof x !== 'object' || x.kind !== Kind.Model) {
        throw new TlaEvalError(
          `A SYMMETRY permutation must map model values, but its domain contains ${printValue(x)}`,
          'type',
        );
      }
      const y = apply(f, x);
      if (typeof y !== 'object' || y.kind !== Kind.Model)
        throw new TlaEvalError(
          `A SYMMETRY permutation must map model values to model values, but it maps ${printValue(x)} to ${printValue(y)}`,
          'type',
        );
      if (y !== x) map.set(x, y);
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
 * The fingerprint of the state's representative under SYMMETRY, chosen as TLC chooses it: the
 * least of the state and its permuted images in TLC's value order, compared variable by variable.
 * (TLC applies exactly the permutations listed, which need not form a group, so the choice of
 * representative matters for the counts; this is TLC's.)
 */
export function symmetricFingerprint(
  state: readonly Value[],
  perms: readonly Permutation[],
  out: Uint32Array,
  offset: number,
): void {
  // Images are computed variable by variable, only as far as the comparison needs: most
  // permutations lose on the first variable that differs.
  let bestPerm: Permutation | undefined;
  const best: (Value | undefined)[] = state.slice();
  const bestAt = (i: number): Value => {
    let v = best[i];
    if (v === undefined) {
      v = permute(state[i], bestPerm as Permutation);
      best[i] = v;
    }
    return v;
  };
  for (const perm of perms) {
    const image: Value[] = [];
    let smaller = false;
    for (let i = 0; i < state.length; i++) {
      image.push(permute(state[i], perm));
      const c = compare(image[i], bestAt(i));
      if (c !== 0) {
        smaller = c < 0;
        break;
      }
    }
    if (smaller) {
      bestPerm = perm;
      for (let i = 0; i < state.length; i++) best[i] = i < image.length ? image[i] : undefined;
    }
  }
  for (let i = 0; i < state.length; i++) bestAt(i);
  fingerprintState(best as Value[], out, offset);
}
