import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkLtl,
  type FairnessConstraint,
  GraphBuilder,
  graphFromEdges,
  printFormula,
  type StateSpace,
} from '../../src/index.js';
import { fairLasso, replay, type Semantics, shortestViolation, wordOf } from '../support/brute-force.js';
import { evalWord } from '../support/lasso-eval.js';
import { atomsOf, fairnessOf, ltlArb, modelArb, toGraph } from '../support/random-graph.js';

const states = (steps: readonly { state: number }[]) => steps.map((s) => s.state);

describe('shortest counterexamples: minimal prefix against brute force over lassos', () => {
  // Infinite behaviours only: in `finite` mode a counterexample may be a finite path, without a loop.
  const semantics: Semantics[] = [
    { deadlock: 'stutter', stutterEverywhere: false },
    { deadlock: 'stutter', stutterEverywhere: true },
  ];
  for (const sem of semantics) {
    for (const fairCount of [0, 2]) {
      it(`no violating lasso of up to 7 positions has a shorter prefix (${sem.stutterEverywhere ? 'stuttering everywhere' : 'stutter at dead states'}${fairCount ? ', weak and strong fairness' : ''})`, () => {
        fc.assert(
          fc.property(modelArb({ maxStates: 4, fairness: fairCount }), ltlArb(3, true), (m, formula) => {
            const { graph, edgeIndex } = toGraph(m);
            const fairness = fairnessOf(m, edgeIndex);
            const atoms = atomsOf(m, edgeIndex);
            const r = checkLtl({ graph, formula, atoms, fairness, ...sem });
            const text = printFormula(formula);
            const brute = shortestViolation(m, graph, edgeIndex, formula, sem, 7, fairCount > 0);
            if (r.kind !== 'violated') {
              expect(r.kind, text).toBe('holds');
              expect(brute, text).toBeUndefined();
              return;
            }
            const { steps, loop } = replay(graph, r.lasso, sem);
            expect(evalWord(formula, wordOf(m, edgeIndex, steps, loop)), text).toBe(false);
            expect(fairLasso(m, edgeIndex, steps, loop), `${text}: unfair lasso`).toBe(true);
            if (brute) {
              expect(loop, `${text}: brute force loops at ${brute.loop}`).toBeLessThanOrEqual(brute.loop);
              // Ours is a violating lasso too: when it fits in the bound, brute force cannot beat it.
              if (steps.length <= 7) expect(loop, text).toBe(brute.loop);
            }
            // The first component's lasso (no second pass) is valid and never has a shorter prefix.
            const first = checkLtl({ graph, formula, atoms, fairness, ...sem, shortestLasso: false });
            expect(first.kind).toBe('violated');
            if (first.kind !== 'violated') return;
            const f = replay(graph, first.lasso, sem);
            expect(evalWord(formula, wordOf(m, edgeIndex, f.steps, f.loop)), text).toBe(false);
            expect(fairLasso(m, edgeIndex, f.steps, f.loop), `${text}: unfair lasso`).toBe(true);
            expect(loop).toBeLessThanOrEqual(f.loop);
          }),
          { numRuns: fairCount ? 250 : 400 },
        );
      });
    }
  }
});

describe('shortest counterexamples, hand-worked', () => {
  it('TLA+-style F p violated at the initial state: the initial state, stuttering', () => {
    // 0 -> 1 -> 2 -> 0, p nowhere. The search first closes the ring (a three-state cycle, as
    // the lasso used to be); the shortest lasso stutters at once.
    const g = graphFromEdges(
      3,
      [
        [0, 1],
        [1, 2],
        [2, 0],
      ],
      [0],
    );
    const r = checkLtl({ graph: g, formula: 'F p', atoms: { p: () => false }, stutterEverywhere: true });
    expect(r).toMatchObject({
      kind: 'violated',
      lasso: { prefix: [], cycle: [{ state: 0, edge: -1 }], stuttering: true },
    });
  });

  it('TLA+-style G F q violated: the shortest way to a state where !q can repeat', () => {
    // q holds in 0, 1, 3, 4; not in 2 and 5. The depth-first search takes 0 -> 3 first and finds
    // 5 (three steps away); 2 is two steps away: prefix 0, 1, then 2 stutters.
    const g = graphFromEdges(
      6,
      [
        [0, 3],
        [0, 1],
        [3, 4],
        [4, 5],
        [5, 5],
        [1, 2],
      ],
      [0],
    );
    const q = (s: number) => s !== 2 && s !== 5;
    const r = checkLtl({ graph: g, formula: 'G F q', atoms: { q }, stutterEverywhere: true });
    expect(r.kind).toBe('violated');
    if (r.kind !== 'violated') return;
    expect(states(r.lasso.prefix)).toEqual([0, 1]);
    expect(r.lasso.cycle).toEqual([{ state: 2, edge: -1 }]);
    expect(r.lasso.stuttering).toBe(true);
    const first = checkLtl({
      graph: g,
      formula: 'G F q',
      atoms: { q },
      stutterEverywhere: true,
      shortestLasso: false,
    });
    expect(first.kind === 'violated' && states(first.lasso.prefix)).toEqual([0, 3, 4]);
  });

  it('the loop may start before the automaton settles: `p` fails at 1, and the cycle goes back to 1', () => {
    // 1 (!p) -> 0 (p), 0 -> 0, 0 -> 1. The automaton of !p leaves its initial state after one
    // step, so in the product the nearest accepting state is (0, true), one step in; the lasso
    // 1 0 1 0 ... has no prefix at all.
    const g = graphFromEdges(
      2,
      [
        [0, 0],
        [0, 1],
        [1, 0],
      ],
      [1],
    );
    const r = checkLtl({ graph: g, formula: 'p', atoms: { p: (s) => s === 0 } });
    expect(r).toMatchObject({
      kind: 'violated',
      lasso: {
        prefix: [],
        cycle: [
          { state: 1, edge: 2 },
          { state: 0, edge: 1 },
        ],
      },
    });
  });

  it('weak fairness: a shorter prefix through a fair cycle beats a longer one to a stuttering state', () => {
    // TLA+-style: 0 (q) -> 1; 1 -A-> 2; 2 -B-> 1; WF(A), A enabled in 1 only. !q repeats on the
    // cycle 1 2 (A taken) after one step, or by stuttering in 2 (A disabled) after two; stuttering
    // in 1 is unfair.
    const g = graphFromEdges(
      3,
      [
        [0, 1, 0],
        [1, 2, 1],
        [2, 1, 2],
      ],
      [0],
    );
    const fairness: FairnessConstraint[] = [
      { kind: 'weak', enabled: (s) => s === 1, taken: (_f, _t, e) => e >= 0 && g.actions![e] === 1 },
    ];
    const r = checkLtl({
      graph: g,
      formula: '[]<>q',
      atoms: { q: (s) => s === 0 },
      fairness,
      stutterEverywhere: true,
    });
    expect(r).toMatchObject({
      kind: 'violated',
      lasso: {
        prefix: [{ state: 0, edge: 0 }],
        cycle: [
          { state: 1, edge: 1 },
          { state: 2, edge: 2 },
        ],
      },
    });
  });

  it('the prefix comes first, even when the cycle gets long: G p on a ring', () => {
    // 0 -> 1 -> ... -> 9 -> 0, p fails in 5. Stopping in 5 (prefix 0..4) is 6 states; going
    // round the ring from 0 has no prefix: the minimal prefix wins, as specified.
    const n = 10;
    const g = graphFromEdges(
      n,
      Array.from({ length: n }, (_, s) => [s, (s + 1) % n] as [number, number]),
      [0],
    );
    const options = {
      graph: g,
      formula: 'G p',
      atoms: { p: (s: number) => s !== 5 },
      stutterEverywhere: true,
    };
    const r = checkLtl(options);
    expect(r.kind === 'violated' && r.lasso.prefix).toEqual([]);
    expect(r.kind === 'violated' && states(r.lasso.cycle)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // The first component's lasso goes to 5 and beyond (the automaton settles after reading 5).
    const first = checkLtl({ ...options, shortestLasso: false });
    expect(first.kind === 'violated' && first.lasso.prefix.length).toBeGreaterThanOrEqual(5);
  });

  it('past maxStates during the second pass, the first lasso is returned', () => {
    // 0 -> 1 -> ... -> 5 (dead, p fails there), and 0 -> 6 -> 7 -> ... -> n-1, a long chain
    // the first pass never enters (it finds 5 first) and the second pass must explore.
    const b = new GraphBuilder();
    const n = 20_000;
    for (let s = 0; s < 5; s++) b.addEdge(s, s + 1);
    b.addEdge(0, 6);
    for (let s = 6; s + 1 < n; s++) b.addEdge(s, s + 1);
    b.addInitial(0);
    const graph = b.freeze();
    const options = { graph, formula: 'G p', atoms: { p: (s: number) => s !== 5 }, stutterEverywhere: true };
    const full = checkLtl(options);
    expect(full).toMatchObject({ kind: 'violated', lasso: { cycle: [{ state: 5, edge: -1 }] } });
    if (full.kind !== 'violated') return;
    expect(states(full.lasso.prefix)).toEqual([0, 1, 2, 3, 4]);
    expect(full.stats.productStates).toBeGreaterThan(n);
    const limited = checkLtl({ ...options, maxStates: 1000 });
    expect(limited.kind).toBe('violated');
    if (limited.kind !== 'violated') return;
    expect(limited.stats.productStates).toBeLessThanOrEqual(1001);
    const sem: Semantics = { deadlock: 'stutter', stutterEverywhere: true };
    const { steps } = replay(graph, limited.lasso, sem);
    expect(steps.some((s) => s.state === 5)).toBe(true);
  });
});

describe('the vacuity check costs one more exploration, and only with fairness', () => {
  it('counts successor calls: the same without fairness and with vacuityCheck: false, 2n more with it', () => {
    const n = 50;
    let calls = 0;
    const space: StateSpace = {
      initial: [0],
      stateCount: n,
      successors(s, emit) {
        calls++;
        emit((s + 1) % n, 0);
      },
    };
    const atoms = { p: (s: number) => s === 0 };
    const run = (extra: object): number => {
      calls = 0;
      const r = checkLtl({ space, formula: 'G F p', atoms, ...extra });
      expect(r).toMatchObject({ kind: 'holds', warnings: [] });
      return calls;
    };
    const fairness: FairnessConstraint[] = [{ kind: 'weak', enabled: () => false, taken: () => false }];
    const plain = run({});
    expect(run({ fairness, vacuityCheck: false })).toBe(plain);
    // The vacuity product has one automaton state: one call per system state, and n more to check
    // the fairness of its one component (the ring); no counterexample is built.
    expect(run({ fairness })).toBe(plain + 2 * n);
  });
});
