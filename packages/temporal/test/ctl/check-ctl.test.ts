import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CtlExplanation,
  checkCtl,
  type Formula,
  graphFromEdges,
  printFormula,
} from '../../src/index.js';
import {
  fairLasso,
  options,
  replay,
  type Semantics,
  shortestViolation,
  wordOf,
} from '../support/brute-force.js';
import { ctlReference, fairStatesReference } from '../support/ctl-reference.js';
import { evalWord } from '../support/lasso-eval.js';
import { atomsOf, ctlArb, fairnessOf, modelArb, toGraph } from '../support/random-graph.js';

const semantics: Semantics[] = [
  { deadlock: 'stutter', stutterEverywhere: false },
  { deadlock: 'finite', stutterEverywhere: false },
  { deadlock: 'stutter', stutterEverywhere: true },
];

describe('checkCtl against naive fixpoints over sets', () => {
  for (const sem of semantics) {
    it(`agrees on random graphs and formulas (${sem.deadlock}${sem.stutterEverywhere ? ', stuttering everywhere' : ''})`, () => {
      fc.assert(
        fc.property(modelArb({ maxStates: 5 }), ctlArb(3), (m, formula) => {
          const { graph, edgeIndex } = toGraph(m);
          const expected = ctlReference(m, graph, edgeIndex, formula, sem, false);
          const r = checkCtl({ graph, formula, atoms: atomsOf(m, edgeIndex), ...sem });
          expect(r.kind === 'holds' || r.kind === 'violated').toBe(true);
          if (r.kind !== 'holds' && r.kind !== 'violated') return;
          for (let s = 0; s < m.n; s++)
            expect(r.labels.holdsAt(s), `state ${s}: ${printFormula(formula)}`).toBe(expected.has(s));
          const failing = m.initial.find((s) => !expected.has(s));
          expect(r.kind).toBe(failing === undefined ? 'holds' : 'violated');
          if (r.kind === 'violated') expect(r.failingState).toBe(failing);
        }),
        { numRuns: 400 },
      );
    });
  }

  it('agrees under weak and strong fairness (fair states by trying every edge subset)', () => {
    for (const sem of semantics) {
      fc.assert(
        fc.property(modelArb({ maxStates: 4, fairness: 2 }), ctlArb(2), (m, formula) => {
          const { graph, edgeIndex } = toGraph(m);
          const fairness = fairnessOf(m, edgeIndex);
          const expected = ctlReference(m, graph, edgeIndex, formula, sem, true);
          const fairStates = fairStatesReference(m, graph, edgeIndex, sem);
          const r = checkCtl({ graph, formula, atoms: atomsOf(m, edgeIndex), fairness, ...sem });
          if (r.kind !== 'holds' && r.kind !== 'violated') throw new Error(r.kind);
          for (let s = 0; s < m.n; s++)
            expect(r.labels.holdsAt(s), `state ${s}: ${printFormula(formula)}`).toBe(expected.has(s));
          const considered = m.initial.filter((s) => fairStates.has(s));
          const failing = considered.find((s) => !expected.has(s));
          expect(r.kind).toBe(failing === undefined ? 'holds' : 'violated');
          // Initial states without a fair behaviour are reported.
          expect(r.warnings.length > 0).toBe(considered.length < m.initial.length);
        }),
        { numRuns: 150 },
      );
    }
  });
});

/** The path of an explanation is a real path of the graph from its state, and shows what it says. */
function checkExplanation(
  m: Parameters<typeof wordOf>[0],
  edgeIndex: (e: number) => number,
  graph: ReturnType<typeof toGraph>['graph'],
  sem: Semantics,
  e: CtlExplanation,
): void {
  if (e.path) {
    const lasso = e.path;
    const steps = [...lasso.prefix, ...lasso.cycle];
    expect(steps[0].state).toBe(e.state);
    const g2 = { ...graph, initial: Int32Array.of(e.state) };
    if (lasso.cycle.length > 0) {
      const { steps: st, loop } = replay(g2, lasso, sem);
      // EG φ / AF φ witnesses: the operand (or its negation) holds all along.
      const body = e.formula.kind === 'all' || e.formula.kind === 'exists' ? e.formula.arg : undefined;
      if (body && (body.kind === 'globally' || body.kind === 'finally')) {
        const inner: Formula = body.kind === 'globally' ? body.arg : { kind: 'not', arg: body.arg };
        const want: Formula = { kind: 'globally', arg: inner };
        // Atoms only: the operand is a propositional formula in these tests when it is an atom.
        if (inner.kind === 'atom' || (inner.kind === 'not' && inner.arg.kind === 'atom')) {
          expect(evalWord(want, wordOf(m, edgeIndex, st, loop))).toBe(true);
        }
      }
    } else {
      for (let i = 0; i + 1 < steps.length; i++) {
        const { state, edge } = steps[i];
        const next = steps[i + 1].state;
        if (edge < 0) expect(next).toBe(state);
        else expect(graph.targets[edge]).toBe(next);
        if (edge >= 0) expect(edge >= graph.offsets[state] && edge < graph.offsets[state + 1]).toBe(true);
      }
    }
  }
  for (const c of e.children) checkExplanation(m, edgeIndex, graph, sem, c);
}

describe('CTL explanations', () => {
  it('paths in explanation trees are paths of the graph', () => {
    for (const sem of semantics) {
      fc.assert(
        fc.property(modelArb({ maxStates: 5 }), ctlArb(3), (m, formula) => {
          const { graph, edgeIndex } = toGraph(m);
          const r = checkCtl({ graph, formula, atoms: atomsOf(m, edgeIndex), ...sem });
          if (r.kind !== 'holds' && r.kind !== 'violated') throw new Error(r.kind);
          for (let s = 0; s < m.n; s++) checkExplanation(m, edgeIndex, graph, sem, r.labels.explain(s, 4));
        }),
        { numRuns: 200 },
      );
    }
  });

  it('AG p false: a shortest path to a !p state', () => {
    // 0 -> 1 -> 2 -> 3 (!p), and a long way round 0 -> 4 -> 5 -> 6 -> 3.
    const g = graphFromEdges(
      7,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 4],
        [4, 5],
        [5, 6],
        [6, 3],
        [3, 3],
      ],
      [0],
    );
    const r = checkCtl({ graph: g, formula: 'AG p', atoms: { p: (s) => s !== 3 } });
    expect(r.kind).toBe('violated');
    if (r.kind !== 'violated') return;
    expect(r.failingState).toBe(0);
    expect(r.explanation.path?.prefix.map((s) => s.state)).toEqual([0, 1, 2, 3]);
    expect(r.explanation.children[0]).toMatchObject({ text: 'p', state: 3, holds: false });
  });

  it('EG p true: a lasso inside p; AF p false: a lasso avoiding p', () => {
    // 0 -> 1 -> 2 -> 1, p everywhere but 3; 0 -> 3.
    const g = graphFromEdges(
      4,
      [
        [0, 3],
        [0, 1],
        [1, 2],
        [2, 1],
        [3, 3],
      ],
      [0],
    );
    const eg = checkCtl({ graph: g, formula: 'EG p', atoms: { p: (s) => s !== 3 } });
    expect(eg.kind).toBe('holds');
    if (eg.kind === 'holds') {
      expect(eg.explanation.path?.prefix.map((s) => s.state)).toEqual([0]);
      expect(eg.explanation.path?.cycle.map((s) => s.state)).toEqual([1, 2]);
    }
    const af = checkCtl({ graph: g, formula: 'AF !p', atoms: { p: (s) => s !== 3 } });
    expect(af.kind).toBe('violated');
    if (af.kind === 'violated') expect(af.explanation.path?.cycle.map((s) => s.state)).toEqual([1, 2]);
  });

  it('E[p U q] true: a path through p to q', () => {
    const g = graphFromEdges(
      4,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 3],
      ],
      [0],
    );
    const r = checkCtl({ graph: g, formula: 'E[p U q]', atoms: { p: (s) => s < 3, q: (s) => s === 2 } });
    expect(r.kind).toBe('holds');
    if (r.kind === 'holds') expect(r.explanation.path?.prefix.map((s) => s.state)).toEqual([0, 1, 2]);
  });

  it('names the first initial state where the formula fails', () => {
    const g = graphFromEdges(
      3,
      [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      [0, 1, 2],
    );
    const r = checkCtl({ graph: g, formula: 'p', atoms: { p: (s) => s !== 1 } });
    expect(r).toMatchObject({ kind: 'violated', failingState: 1 });
  });

  it('in finite mode AX is vacuously true and EX false at a dead state', () => {
    const g = graphFromEdges(2, [[0, 1]], [1]);
    const atoms = { p: () => false };
    expect(checkCtl({ graph: g, formula: 'AX p', atoms, deadlock: 'finite' }).kind).toBe('holds');
    expect(checkCtl({ graph: g, formula: 'EX true', atoms, deadlock: 'finite' }).kind).toBe('violated');
    // Stuttering: the dead state repeats, so EX true holds and AX p is p.
    expect(checkCtl({ graph: g, formula: 'EX true', atoms }).kind).toBe('holds');
    expect(checkCtl({ graph: g, formula: 'AX p', atoms }).kind).toBe('violated');
  });
});

describe('checkCtl input errors', () => {
  const g = graphFromEdges(1, [[0, 0]], [0]);
  it('reports unknown atoms with their span', () => {
    const r = checkCtl({ graph: g, formula: 'AG (p -> AF qq)', atoms: { p: () => true } });
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.diagnostics[0]).toMatchObject({
      code: 'LTL201',
      span: { start: { column: 13 }, end: { column: 15 } },
    });
  });
  it('rejects an action atom in CTL', () => {
    const r = checkCtl({ graph: g, formula: 'EF a', atoms: { a: { kind: 'edge', holds: () => true } } });
    expect(r.kind === 'error' && r.diagnostics[0].code).toBe('LTL202');
  });
  it('rejects formulas outside CTL, saying when they are LTL', () => {
    const r = checkCtl({ graph: g, formula: 'F G p', atoms: { p: () => true } });
    expect(r.kind === 'error' && r.diagnostics[0]).toMatchObject({ code: 'LTL204' });
  });
  it('stops cleanly when asked to', () => {
    const r = checkCtl({ graph: g, formula: 'AG EF p', atoms: { p: () => true }, shouldStop: () => true });
    expect(r).toEqual({ kind: 'stopped', reason: 'cancelled' });
  });
});

describe('CTL counterexamples are shortest', () => {
  // Infinite behaviours (the brute force below enumerates lassos).
  const infinite: Semantics[] = [
    { deadlock: 'stutter', stutterEverywhere: false },
    { deadlock: 'stutter', stutterEverywhere: true },
  ];

  it('AG p false: the path is as long as the breadth-first distance to a (fair) !p state', () => {
    for (const sem of infinite) {
      for (const fair of [false, true]) {
        fc.assert(
          fc.property(modelArb({ maxStates: 5, fairness: fair ? 2 : 0 }), (m) => {
            const { graph, edgeIndex } = toGraph(m);
            const fairness = fairnessOf(m, edgeIndex);
            const r = checkCtl({ graph, formula: 'AG p', atoms: atomsOf(m, edgeIndex), fairness, ...sem });
            if (r.kind !== 'violated') return;
            const fairStates = fair ? fairStatesReference(m, graph, edgeIndex, sem) : undefined;
            const goal = (s: number) => !m.labels[s].p && (!fairStates || fairStates.has(s));
            // Naive distance: grow the set of states within k steps until it meets the goal.
            let within = new Set([r.failingState!]);
            let k = 0;
            while (![...within].some(goal)) {
              const next = new Set(within);
              for (const s of within) for (const o of options(graph, s, sem)) next.add(o.state);
              expect(next.size, 'no !p state reachable').toBeGreaterThan(within.size);
              within = next;
              k++;
            }
            const path = r.explanation.path!;
            expect(path.cycle).toEqual([]);
            expect(path.prefix[0].state).toBe(r.failingState);
            expect(goal(path.prefix[path.prefix.length - 1].state)).toBe(true);
            expect(path.prefix.length - 1).toBe(k);
            for (let i = 0; i + 1 < path.prefix.length; i++) {
              const { state, edge } = path.prefix[i];
              expect(options(graph, state, sem)).toContainEqual({ state: path.prefix[i + 1].state, edge });
            }
          }),
          { numRuns: 200 },
        );
      }
    }
  });

  it('AF p false: the lasso avoiding p has the least prefix of any (fair) lasso that does (brute force)', () => {
    for (const sem of infinite) {
      for (const fair of [false, true]) {
        fc.assert(
          fc.property(modelArb({ maxStates: 4, fairness: fair ? 2 : 0 }), (m) => {
            const { graph: g0, edgeIndex } = toGraph(m);
            const fairness = fairnessOf(m, edgeIndex);
            const atoms = atomsOf(m, edgeIndex);
            const r = checkCtl({ graph: g0, formula: 'AF p', atoms, fairness, ...sem });
            if (r.kind !== 'violated') return;
            // The same graph with the failing state as the only initial state.
            const graph = { ...g0, initial: Int32Array.of(r.failingState!) };
            const lasso = r.explanation.path!;
            const { steps, loop } = replay(graph, lasso, sem);
            const fp: Formula = { kind: 'finally', arg: { kind: 'atom', name: 'p', text: 'p' } };
            expect(evalWord(fp, wordOf(m, edgeIndex, steps, loop))).toBe(false);
            expect(fairLasso(m, edgeIndex, steps, loop)).toBe(true);
            const brute = shortestViolation(m, graph, edgeIndex, fp, sem, 7, fair);
            expect(brute).toBeDefined();
            expect(loop).toBeLessThanOrEqual(brute!.loop);
            if (steps.length <= 7) expect(loop).toBe(brute!.loop);
          }),
          { numRuns: 200 },
        );
      }
    }
  });
});
