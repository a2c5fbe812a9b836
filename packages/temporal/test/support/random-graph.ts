import fc from 'fast-check';
import {
  type AtomBinding,
  type FairnessConstraint,
  type Formula,
  graphFromEdges,
  type KripkeGraph,
} from '../../src/index.js';

/** A small random Kripke structure with state atoms p, q, r, an edge atom `a`, dead states allowed. */
export interface RandomModel {
  readonly n: number;
  readonly edges: readonly (readonly [number, number])[];
  readonly initial: readonly number[];
  readonly labels: readonly { p: boolean; q: boolean; r: boolean }[];
  /** The edge atom `a`, per edge of `edges` (in order), and on stuttering steps per state. */
  readonly edgeA: readonly boolean[];
  readonly stutterA: readonly boolean[];
  /** Fairness: enabled per state, taken per edge and per stuttering step. */
  readonly fair: readonly {
    readonly kind: 'weak' | 'strong';
    readonly enabled: readonly boolean[];
    readonly taken: readonly boolean[];
    readonly stutterTaken: readonly boolean[];
  }[];
}

export function modelArb(
  options: { maxStates?: number; maxOut?: number; fairness?: number } = {},
): fc.Arbitrary<RandomModel> {
  const maxN = options.maxStates ?? 4;
  const maxOut = options.maxOut ?? 2;
  return fc.integer({ min: 1, max: maxN }).chain((n) => {
    const state = fc.integer({ min: 0, max: n - 1 });
    return fc
      .record({
        succ: fc.array(fc.array(state, { maxLength: maxOut }), { minLength: n, maxLength: n }),
        initial: fc.uniqueArray(state, { minLength: 1, maxLength: Math.min(2, n) }),
        labels: fc.array(fc.record({ p: fc.boolean(), q: fc.boolean(), r: fc.boolean() }), {
          minLength: n,
          maxLength: n,
        }),
        edgeBits: fc.array(fc.boolean(), { minLength: n * maxOut, maxLength: n * maxOut }),
        stutterA: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        fair: fc.array(
          fc.record({
            kind: fc.constantFrom('weak' as const, 'strong' as const),
            enabled: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            taken: fc.array(fc.boolean(), { minLength: n * maxOut, maxLength: n * maxOut }),
            stutterTaken: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
          }),
          { maxLength: options.fairness ?? 0 },
        ),
      })
      .map(({ succ, initial, labels, edgeBits, stutterA, fair }) => {
        const edges: [number, number][] = [];
        succ.forEach((ts, s) => {
          for (const t of ts) edges.push([s, t]);
        });
        return {
          n,
          edges,
          initial,
          labels,
          edgeA: edgeBits.slice(0, edges.length),
          stutterA,
          fair: fair.map((c) => ({ ...c, taken: c.taken.slice(0, edges.length) })),
        };
      });
  });
}

/** The model's graph; CSR keeps edges of a source in insertion order, so edge ids map back to `edges`. */
export function toGraph(m: RandomModel): { graph: KripkeGraph; edgeIndex: (csr: number) => number } {
  const graph = graphFromEdges(m.n, m.edges, m.initial);
  // CSR position -> index in m.edges (sources are grouped, order kept within a source).
  const map: number[] = [];
  const bySource: number[][] = Array.from({ length: m.n }, () => []);
  m.edges.forEach(([s], i) => {
    bySource[s].push(i);
  });
  for (let s = 0; s < m.n; s++) map.push(...bySource[s]);
  return { graph, edgeIndex: (csr) => map[csr] };
}

export function atomsOf(m: RandomModel, edgeIndex: (csr: number) => number): Record<string, AtomBinding> {
  return {
    p: (s) => m.labels[s].p,
    q: (s) => m.labels[s].q,
    r: (s) => m.labels[s].r,
    a: { kind: 'edge', holds: (_from, _to, e) => (e < 0 ? m.stutterA[_from] : m.edgeA[edgeIndex(e)]) },
  };
}

export function fairnessOf(m: RandomModel, edgeIndex: (csr: number) => number): FairnessConstraint[] {
  return m.fair.map((c) => ({
    kind: c.kind,
    enabled: (s: number) => c.enabled[s],
    taken: (from: number, _to: number, e: number) => (e < 0 ? c.stutterTaken[from] : c.taken[edgeIndex(e)]),
  }));
}

const atom = (name: string): Formula => ({ kind: 'atom', name, text: name });

/** Random LTL formulas over p, q, r (and the edge atom a when `edge`). */
export function ltlArb(depth: number, edge = false): fc.Arbitrary<Formula> {
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...['p', 'q', 'r', ...(edge ? ['a'] : [])].map(atom)) },
    { weight: 1, arbitrary: fc.constantFrom<Formula>({ kind: 'true' }, { kind: 'false' }) },
  );
  if (depth <= 0) return leaf;
  const sub = ltlArb(depth - 1, edge);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom('not', 'next', 'finally', 'globally'), sub)
        .map(([kind, arg]) => ({ kind, arg }) as Formula),
    },
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.constantFrom('and', 'or', 'implies', 'iff', 'until', 'release', 'weak-until'), sub, sub)
        .map(([kind, left, right]) => ({ kind, left, right }) as Formula),
    },
  );
}

/** Random CTL formulas over p, q, r. */
export function ctlArb(depth: number): fc.Arbitrary<Formula> {
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(atom('p'), atom('q'), atom('r')) },
    { weight: 1, arbitrary: fc.constantFrom<Formula>({ kind: 'true' }, { kind: 'false' }) },
  );
  if (depth <= 0) return leaf;
  const sub = ctlArb(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 1, arbitrary: sub.map((arg) => ({ kind: 'not', arg }) as Formula) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('and', 'or', 'implies'), sub, sub)
        .map(([kind, left, right]) => ({ kind, left, right }) as Formula),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom('all', 'exists'), fc.constantFrom('next', 'finally', 'globally'), sub)
        .map(([q, kind, arg]) => ({ kind: q, arg: { kind, arg } }) as Formula),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom('all', 'exists'), fc.constantFrom('until', 'release', 'weak-until'), sub, sub)
        .map(([q, kind, left, right]) => ({ kind: q, arg: { kind, left, right } }) as Formula),
    },
  );
}

/**
 * Random formulas of the common fragment of LTL and ACTL: G and X over anything, F U R W over
 * propositions, & freely, | with one propositional side.
 */
export function commonFragmentArb(depth: number): fc.Arbitrary<Formula> {
  const prop: fc.Arbitrary<Formula> = fc.oneof(
    fc.constantFrom(atom('p'), atom('q'), atom('r')),
    fc.constantFrom(atom('p'), atom('q'), atom('r')).map((arg) => ({ kind: 'not', arg }) as Formula),
  );
  if (depth <= 0) return prop;
  const sub = commonFragmentArb(depth - 1);
  return fc.oneof(
    prop,
    fc.tuple(fc.constantFrom('next', 'globally'), sub).map(([kind, arg]) => ({ kind, arg }) as Formula),
    prop.map((arg) => ({ kind: 'finally', arg }) as Formula),
    fc
      .tuple(fc.constantFrom('until', 'release', 'weak-until'), prop, prop)
      .map(([kind, left, right]) => ({ kind, left, right }) as Formula),
    fc.tuple(sub, sub).map(([left, right]) => ({ kind: 'and', left, right }) as Formula),
    fc.tuple(prop, sub).map(([left, right]) => ({ kind: 'or', left, right }) as Formula),
  );
}
