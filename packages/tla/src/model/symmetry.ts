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
export function permute(v: Value, perm: Permutation, memo?: (x: Value) => Value): Value {
  if (typeof v !== 'object') return v;
  const inner = memo ?? ((x: Value) => permute(x, perm));
  switch (v.kind) {
    case Kind.Model:
      return perm.get(v) ?? v;
    case Kind.Str:
    case Kind.Interval:
    case Kind.InfSet:
      return v;
    case Kind.Tuple:
      return tuple((v as TupleValue).elems.map(inner));
    case Kind.Record: {
      const r = v as RecordValue;
      return recordOf(r.names, r.values.map(inner));
    }
    case Kind.Fcn: {
      const f = v as FcnRcdValue;
      return fcnOf(f.domain.map(inner), f.values.map(inner));
    }
    case Kind.FcnLambda:
      return inner(materializeFcn(v as FcnLambdaValue));
    default:
      if (isSet(v)) return setOf(enumerate(v).map(inner));
      return v;
  }
}

/**
 * The canonical fingerprint of a state under SYMMETRY: the least image of the state under the
 * permutation group, as TLC takes it. Any fixed total order on states gives one representative
 * per class when the permutations form a group (permutationsOf makes sure they do), so the
 * variables are compared cheapest first (scalars and functions before sets, which grow), and
 * the images of sub-values shared between states (the records in a set of messages) are kept, per
 * permutation, in a weak map.
 */
export class SymmetricFingerprint {
  private readonly order: number[];
  private readonly images: WeakMap<object, Value>[];
  private readonly memos: ((x: Value) => Value)[];

  constructor(
    private readonly perms: readonly Permutation[],
    sample: readonly Value[],
  ) {
    const cost = (v: Value): number => {
      if (typeof v !== 'object') return 0;
      if (isSet(v)) return 3;
      return v.kind === Kind.Model || v.kind === Kind.Str ? 0 : 1;
    };
    this.order = sample.map((_, i) => i).sort((a, b) => cost(sample[a]) - cost(sample[b]) || a - b);
    this.images = perms.map(() => new WeakMap<object, Value>());
    this.memos = perms.map((perm, k) => {
      const images = this.images[k];
      const memo = (x: Value): Value => {
        // Sets are rebuilt by every step that changes them; what they hold is shared and kept.
        if (typeof x !== 'object' || x.kind === Kind.Model || x.kind === Kind.Str || isSet(x))
          return permute(x, perm, memo);
        const known = images.get(x);
        if (known !== undefined) return known;
        const image = permute(x, perm, memo);
        images.set(x, image);
        return image;
      };
      return memo;
    });
  }

  write(state: readonly Value[], out: Uint32Array, offset: number): void {
    const { order, perms, memos } = this;
    // Images are computed variable by variable, only as far as the comparison needs: most
    // permutations lose on the first variable that differs.
    let bestPerm = -1;
    const best: (Value | undefined)[] = state.slice();
    const bestAt = (i: number): Value => {
      let v = best[i];
      if (v === undefined) {
        v = permute(state[i], perms[bestPerm], memos[bestPerm]);
        best[i] = v;
      }
      return v;
    };
    const image: (Value | undefined)[] = new Array(state.length);
    for (let k = 0; k < perms.length; k++) {
      image.fill(undefined);
      let smaller = false;
      for (const i of order) {
        // A state's own values are not kept (there are as many as states): only what they share.
        const v = permute(state[i], perms[k], memos[k]);
        image[i] = v;
        const c = compare(v, bestAt(i));
        if (c !== 0) {
          smaller = c < 0;
          break;
        }
      }
      if (smaller) {
        bestPerm = k;
        for (let i = 0; i < state.length; i++) best[i] = image[i];
      }
    }
    for (let i = 0; i < state.length; i++) bestAt(i);
    fingerprintState(best as Value[], out, offset);
  }
}
