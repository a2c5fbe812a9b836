import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCtl,
  checkLtl,
  classifyFormula,
  type Formula,
  GraphBuilder,
  graphFromEdges,
  graphStateSpace,
  printFormula,
} from '../../src/index.js';
import { bruteViolation, fairLasso, replay, type Semantics, wordOf } from '../support/brute-force.js';
import { evalWord } from '../support/lasso-eval.js';
import {
  atomsOf,
  commonFragmentArb,
  fairnessOf,
  ltlArb,
  modelArb,
  toGraph,
} from '../support/random-graph.js';

const semantics: Semantics[] = [
  { deadlock: 'stutter', stutterEverywhere: false },
  { deadlock: 'finite', stutterEverywhere: false },
  { deadlock: 'stutter', stutterEverywhere: true },
];
const label = (sem: Semantics) => `${sem.deadlock}${sem.stutterEverywhere ? ', stuttering everywhere' : ''}`;

describe('checkLtl against brute force over lassos', () => {
  for (const sem of semantics) {
    it(`agrees, and every counterexample replays and violates the formula (${label(sem)})`, () => {
      fc.assert(
        fc.property(modelArb({ maxStates: 4 }), ltlArb(3, true), (m, formula) => {
          const { graph, edgeIndex } = toGraph(m);
          const r = checkLtl({ graph, formula, atoms: atomsOf(m, edgeIndex), ...sem });
          const text = printFormula(formula);
          if (r.kind === 'violated') {
            const { steps, loop } = replay(graph, r.lasso, sem);
            expect(evalWord(formula, wordOf(m, edgeIndex, steps, loop)), text).toBe(false);
          } else {
            expect(r.kind, text).toBe('holds');
            // No counterexample among the lassos of up to 7 positions.
            expect(bruteViolation(m, graph, edgeIndex, formula, sem, 7, false), text).toBeUndefined();
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('finds the violations brute force finds, under fairness, and its lassos are fair', () => {
    for (const sem of semantics) {
      fc.assert(
        fc.property(modelArb({ maxStates: 4, fairness: 2 }), ltlArb(2, true), (m, formula) => {
          const { graph, edgeIndex } = toGraph(m);
          const fairness = fairnessOf(m, edgeIndex);
          const r = checkLtl({ graph, formula, atoms: atomsOf(m, edgeIndex), fairness, ...sem });
          const text = printFormula(formula);
          if (r.kind === 'violated') {
            const { steps, loop } = replay(graph, r.lasso, sem);
            expect(evalWord(formula, wordOf(m, edgeIndex, steps, loop)), text).toBe(false);
            expect(fairLasso(m, edgeIndex, steps, loop), `${text}: unfair lasso`).toBe(true);
          } else {
            expect(r.kind, text).toBe('holds');
            expect(bruteViolation(m, graph, edgeIndex, formula, sem, 7, true), text).toBeUndefined();
          }
        }),
        { numRuns: 200 },
      );
    }
  });

  it('gives the same verdicts on the fly (successor function) as on the graph', () => {
    fc.assert(
      fc.property(modelArb({ maxStates: 5 }), ltlArb(3, true), (m, formula) => {
        const { graph, edgeIndex } = toGraph(m);
        const atoms = atomsOf(m, edgeIndex);
        const a = checkLtl({ graph, formula, atoms });
        const space = graphStateSpace(graph);
        const b = checkLtl({
          space: { initial: space.initial, successors: space.successors },
          formula,
          atoms,
        });
        expect(b.kind).toBe(a.kind);
      }),
      { numRuns: 200 },
    );
  });
});

describe('CTL and LTL agree where both apply', () => {
  it('on formulas of the common fragment (AG p ~ G p, AG AF p ~ G F p, ...), with and without fairness', () => {
    for (const sem of semantics) {
      fc.assert(
        fc.property(
          modelArb({ maxStates: 5, fairness: 1 }),
          commonFragmentArb(3),
          fc.boolean(),
          (m, formula, useFair) => {
            // On finite maximal paths LTL's X is strong (false at the end) and CTL's AX weak
            // (vacuously true at a dead state): they differ exactly there, by design.
            if (sem.deadlock === 'finite' && printFormula(formula).includes('X')) return;
            const { graph, edgeIndex } = toGraph(m);
            const cls = classifyFormula(formula);
            expect(['both', 'state']).toContain(cls.kind);
            const atoms = atomsOf(m, edgeIndex);
            const fairness = useFair ? fairnessOf(m, edgeIndex) : [];
            const ltl = checkLtl({ graph, formula: cls.ltl!, atoms, fairness, ...sem });
            const ctl = checkCtl({ graph, formula: cls.ctl!, atoms, fairness, ...sem });
            expect(ctl.kind, `${printFormula(cls.ctl!)} vs ${printFormula(cls.ltl!)}`).toBe(ltl.kind);
          },
        ),
        { numRuns: 200 },
      );
    }
  });

  it('AF p on trees', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
        (parents, p) => {
          // State i+1's parent is one of 0..i: a tree rooted at 0; leaves stutter.
          const edges = parents.map((x, i) => [x % (i + 1), i + 1] as [number, number]);
          const graph = graphFromEdges(parents.length + 1, edges, [0]);
          const atoms = { p: (s: number) => p[s] };
          const ctl = checkCtl({ graph, formula: 'AF p', atoms });
          const ltl = checkLtl({ graph, formula: 'F p', atoms });
          expect(ctl.kind).toBe(ltl.kind);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('checkLtl details', () => {
  it('a lasso for G F p that is short: breadth-first prefix to the cycle, shortest cycle', () => {
    // The search goes 0 -> 5 -> 6 -> 1 -> 2 -> 3 -> 4 -> 2 first; the lasso takes the shortcut
    // 0 -> 1 (the automaton reads !p one step before its accepting part: one prefix step more).
    const g = graphFromEdges(
      7,
      [
        [0, 5],
        [5, 6],
        [6, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 2],
        [0, 1],
      ],
      [0],
    );
    const r = checkLtl({ graph: g, formula: 'G F p', atoms: { p: (s) => s === 0 } });
    expect(r.kind).toBe('violated');
    if (r.kind !== 'violated') return;
    expect(r.lasso.prefix.map((s) => s.state)).toEqual([0, 1]);
    expect(r.lasso.cycle.map((s) => s.state)).toEqual([2, 3, 4]);
  });

  it('reports stuttering at a dead state, and finite maximal paths in finite mode', () => {
    const g = graphFromEdges(2, [[0, 1]], [0]);
    const s = checkLtl({ graph: g, formula: 'F p', atoms: { p: () => false } });
    expect(s).toMatchObject({
      kind: 'violated',
      lasso: { prefix: [{ state: 0, edge: 0 }], cycle: [{ state: 1, edge: -1 }], stuttering: true },
    });
    const f = checkLtl({ graph: g, formula: 'F p', atoms: { p: () => false }, deadlock: 'finite' });
    expect(f).toMatchObject({
      kind: 'violated',
      lasso: {
        prefix: [
          { state: 0, edge: 0 },
          { state: 1, edge: -1 },
        ],
        cycle: [],
        finite: true,
      },
    });
    // X is strong on finite paths: X X true fails on a path of two states.
    expect(checkLtl({ graph: g, formula: 'X X true', atoms: {}, deadlock: 'finite' }).kind).toBe('violated');
    expect(checkLtl({ graph: g, formula: 'X X true', atoms: {} }).kind).toBe('holds');
  });

  it('weak fairness makes a process progress; without it, it may stutter forever', () => {
    // TLA+-style: every state may stutter. 0 -(action 0)-> 1 -(action 0)-> 2, 2 loops by action 1.
    const g = graphFromEdges(
      3,
      [
        [0, 1, 0],
        [1, 2, 0],
        [2, 2, 1],
      ],
      [0],
    );
    const isA = (_f: number, _t: number, e: number) => e >= 0 && g.actions![e] === 0;
    const enabledA = (s: number) => s < 2;
    const atoms = { done: (s: number) => s === 2 };
    const unfair = checkLtl({ graph: g, formula: '<>done', atoms, stutterEverywhere: true });
    expect(unfair).toMatchObject({ kind: 'violated', lasso: { stuttering: true } });
    if (unfair.kind === 'violated') expect(unfair.lasso.cycle).toHaveLength(1);
    const fair = checkLtl({
      graph: g,
      formula: '<>done',
      atoms,
      stutterEverywhere: true,
      fairness: [{ kind: 'weak', enabled: enabledA, taken: isA }],
    });
    expect(fair.kind).toBe('holds');
  });

  it('strong fairness is needed where enabledness flickers', () => {
    // 0 <-> 1; action B (0 -> 2) is enabled only in 0. WF_B does not force it (not continuously
    // enabled), SF_B does.
    const g = graphFromEdges(
      3,
      [
        [0, 1],
        [1, 0],
        [0, 2],
        [2, 2],
      ],
      [0],
    );
    const takenB = (f: number, t: number) => f === 0 && t === 2;
    const enabledB = (s: number) => s === 0;
    const atoms = { done: (s: number) => s === 2 };
    const weak = checkLtl({
      graph: g,
      formula: 'F done',
      atoms,
      fairness: [{ kind: 'weak', enabled: enabledB, taken: takenB }],
    });
    expect(weak.kind).toBe('violated');
    if (weak.kind === 'violated') expect(weak.lasso.cycle.map((s) => s.state).sort()).toEqual([0, 1]);
    const strong = checkLtl({
      graph: g,
      formula: 'F done',
      atoms,
      fairness: [{ kind: 'strong', enabled: enabledB, taken: takenB }],
    });
    expect(strong.kind).toBe('holds');
  });

  it('edge atoms: []<><<A>> is about steps', () => {
    const g = graphFromEdges(
      2,
      [
        [0, 1, 7],
        [1, 0, 8],
      ],
      [0],
    );
    const Act = {
      kind: 'edge' as const,
      holds: (_f: number, _t: number, e: number) => e >= 0 && g.actions![e] === 7,
    };
    expect(checkLtl({ graph: g, formula: '[]<>Act', atoms: { Act } }).kind).toBe('holds');
    const r = checkLtl({ graph: g, formula: '[]<>Act', atoms: { Act }, stutterEverywhere: true });
    expect(r.kind).toBe('violated');
  });

  it('warns when no behaviour is fair', () => {
    const g = graphFromEdges(1, [[0, 0]], [0]);
    const r = checkLtl({
      graph: g,
      formula: 'F p',
      atoms: { p: () => false },
      fairness: [{ kind: 'weak', enabled: () => true, taken: () => false }],
    });
    expect(r.kind).toBe('holds');
    if (r.kind === 'holds') expect(r.warnings[0]).toMatchObject({ code: 'LTL301', severity: 'warning' });
  });

  it('stops at a state limit and when cancelled, on a graph built incrementally', () => {
    const b = new GraphBuilder();
    const n = 100_000;
    for (let s = 0; s < n; s++) b.addEdge(s, (s + 1) % n);
    b.addInitial(0);
    const graph = b.freeze();
    const atoms = { p: () => true };
    expect(checkLtl({ graph, formula: 'G p', atoms, maxStates: 1000 })).toMatchObject({
      kind: 'stopped',
      reason: 'state-limit',
    });
    expect(checkLtl({ graph, formula: 'G p', atoms, shouldStop: () => true })).toMatchObject({
      kind: 'stopped',
      reason: 'cancelled',
    });
    expect(checkLtl({ graph, formula: 'G p', atoms }).kind).toBe('holds');
  });

  it('input errors are located diagnostics', () => {
    const g = graphFromEdges(1, [[0, 0]], [0]);
    const notLtl = checkLtl({ graph: g, formula: 'AG EF p', atoms: { p: () => true } });
    expect(notLtl.kind === 'error' && notLtl.diagnostics[0].code).toBe('LTL203');
    const unknown = checkLtl({ graph: g, formula: 'G (p -> F zz)', atoms: { p: () => true } });
    expect(unknown.kind === 'error' && unknown.diagnostics[0]).toMatchObject({
      code: 'LTL201',
      span: { start: { column: 11 } },
    });
    const syntax = checkLtl({ graph: g, formula: 'G (p -> ', atoms: {} });
    expect(syntax.kind === 'error' && syntax.diagnostics[0].code).toBe('LTL102');
  });

  it('checks a formula given as an AST with path quantifier A in front (MCC style)', () => {
    const g = graphFromEdges(
      2,
      [
        [0, 1],
        [1, 0],
      ],
      [0],
    );
    const f: Formula = {
      kind: 'all',
      arg: { kind: 'globally', arg: { kind: 'finally', arg: { kind: 'atom', name: 'p', text: 'p' } } },
    };
    expect(checkLtl({ graph: g, formula: f, atoms: { p: (s) => s === 1 } }).kind).toBe('holds');
  });
});
