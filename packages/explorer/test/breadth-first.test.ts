import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExploreOptions, explore } from '../src/index.js';
import { randomGraph } from './support/arbitraries.js';
import { distanceTo, referenceBfs } from './support/reference.js';
import { expectBehaviour } from './support/replay.js';
import {
  type Cell,
  counter,
  duplicates,
  graphSpec,
  gridWalk,
  integerSystem,
  type LockState,
  lockSystem,
  mutualExclusion,
  philosophers,
  type ToySpec,
  toSystem,
  twoCounters,
} from './support/toy-systems.js';

function expectCounts<S>(spec: ToySpec<S>, options: ExploreOptions<S> = {}) {
  const ref = referenceBfs(spec, {
    constraint: options.stateConstraint,
    actionConstraint: options.actionConstraint,
  });
  const result = explore(toSystem(spec), { checkDeadlock: false, ...options });
  expect(result.kind).toBe('ok');
  if (result.kind !== 'ok') return;
  expect(result.stats.distinctStates).toBe(ref.distinct);
  expect(result.stats.generatedStates).toBe(ref.generated);
  expect(result.stats.depth).toBe(ref.depth);
  expect(result.stats.statesLeftOnQueue).toBe(0);
}

describe('breadth-first search: TLC counts against a brute-force reference', () => {
  it.each([
    ['counter 10', counter(10)],
    ['two counters 7x7', twoCounters(7)],
    ['grid 5x4', gridWalk(5, 4)],
    ['lock, 3 processes', lockSystem(3)],
    ['lock, 4 processes', lockSystem(4)],
    ['philosophers 4', philosophers(4)],
    ['duplicate-heavy', duplicates(37)],
    ['two counters 200x200 (growth)', twoCounters(200)],
  ] as [string, ToySpec<unknown>][])('%s', (_, spec) => {
    expectCounts(spec);
  });

  it('counts what the toys say by hand', () => {
    // counter 10: 11 states in a line, 1 initial + 10 successors, depth 11
    const c = explore(toSystem(counter(10)), { checkDeadlock: false });
    expect(c.kind === 'ok' && c.stats).toMatchObject({ distinctStates: 11, generatedStates: 11, depth: 11 });
    // grid 5x4: 20 cells, each cell emits one successor per neighbour: 2*(4*4 + 5*3) = 62 edges, + 1 initial
    const g = explore(toSystem(gridWalk(5, 4)), { checkDeadlock: false });
    expect(g.kind === 'ok' && g.stats).toMatchObject({ distinctStates: 20, generatedStates: 63, depth: 8 });
    // duplicates: 3 initial states emitted (two equal: TLC counts the initial state once), 40 successors per state
    const d = explore(toSystem(duplicates(37)), { checkDeadlock: false });
    expect(d.kind === 'ok' && d.stats).toMatchObject({ distinctStates: 37, generatedStates: 2 + 37 * 40 });
  });

  it('depth is 0 without states, 1 with initial states only', () => {
    const none: ToySpec<number> = {
      variables: ['s'],
      actions: [],
      init: () => [],
      next: () => [],
      key: String,
    };
    expect(explore(toSystem(none))).toMatchObject({
      kind: 'ok',
      stats: { distinctStates: 0, generatedStates: 0, depth: 0 },
    });
    const only: ToySpec<number> = {
      variables: ['s'],
      actions: ['A'],
      init: () => [1, 2, 2],
      next: () => [],
      key: String,
    };
    expect(explore(toSystem(only), { checkDeadlock: false })).toMatchObject({
      kind: 'ok',
      // Init yields 2 twice: TLC counts distinct initial states (MCBakery's totals show it).
      stats: { distinctStates: 2, generatedStates: 2, depth: 1 },
    });
  });

  it('applies CONSTRAINT and ACTION_CONSTRAINT as TLC: excluded states are generated, not distinct', () => {
    expectCounts(gridWalk(6, 6), { stateConstraint: (s: Cell) => s.x + s.y <= 5 });
    expectCounts(gridWalk(6, 6), { actionConstraint: (from: Cell, to: Cell) => to.x >= from.x });
    expectCounts(lockSystem(3), { stateConstraint: (s: LockState) => s.pc[0] !== 'critical' });
    // counter 5 kept to x <= 3: x = 4 is generated once, never stored
    const r = explore(toSystem(counter(5)), { stateConstraint: (s) => s.x <= 3 });
    expect(r).toMatchObject({ kind: 'ok', stats: { distinctStates: 4, generatedStates: 5, depth: 4 } });
  });

  it('an initial state that fails the constraint is counted but not stored (depth stays 1)', () => {
    const r = explore(toSystem(counter(5)), { stateConstraint: (s) => s.x > 0 });
    expect(r).toMatchObject({ kind: 'ok', stats: { distinctStates: 0, generatedStates: 1, depth: 1 } });
  });

  it('a state whose successors are all excluded by a constraint is not a deadlock (TLC)', () => {
    const r = explore(toSystem(counter(5)), { stateConstraint: (s) => s.x <= 3, checkDeadlock: true });
    expect(r.kind).toBe('ok');
    const d = explore(toSystem(counter(3)), { checkDeadlock: true });
    expect(d.kind).toBe('deadlock');
  });

  it('checks invariants on states excluded by a constraint (TLC), unless told not to', () => {
    const spec = gridWalk(6, 6);
    const options = {
      stateConstraint: (s: Cell) => s.x <= 2,
      invariants: [{ name: 'XSmall', check: (s: Cell) => s.x <= 2 }],
      checkDeadlock: false,
    };
    const r = explore(toSystem(spec), options);
    expect(r.kind).toBe('invariant-violated');
    if (r.kind !== 'invariant-violated') return;
    expect(r.name).toBe('XSmall');
    expect(r.trace.map((s) => spec.key(s.state))).toEqual(['0,0', '1,0', '2,0', '3,0']);
    expectBehaviour(spec, r.trace);
    expect(explore(toSystem(spec), { ...options, checkConstrainedStates: false }).kind).toBe('ok');
  });

  it('counts up to the violating state, which is distinct but not queued (TLC)', () => {
    const r = explore(toSystem(counter(10)), { invariants: [{ name: 'Small', check: (s) => s.x < 3 }] });
    expect(r).toMatchObject({
      kind: 'invariant-violated',
      stats: { distinctStates: 4, generatedStates: 4, depth: 4, statesLeftOnQueue: 0 },
    });
  });

  it('reports an initial state that violates an invariant with a one-state trace', () => {
    const spec: ToySpec<number> = {
      variables: ['s'],
      actions: ['A'],
      init: () => [1, 2, 3],
      next: (s) => [[0, s]],
      key: String,
    };
    const r = explore(toSystem(spec), { invariants: [{ name: 'NotTwo', check: (s) => s !== 2 }] });
    expect(r.kind).toBe('invariant-violated');
    if (r.kind !== 'invariant-violated') return;
    expect(r.trace).toEqual([{ state: 2 }]);
    // TLC stops generating initial states at the violation; the violator was stored and queued first
    expect(r.stats).toMatchObject({ generatedStates: 2, distinctStates: 2, statesLeftOnQueue: 2, depth: 1 });
  });
});

describe('breadth-first search: shortest counterexamples', () => {
  it('finds the shortest path to a mutual-exclusion violation, with the right actions', () => {
    for (const n of [2, 3, 4]) {
      const spec = lockSystem(n, true);
      const ref = referenceBfs(spec);
      const r = explore(toSystem(spec), { invariants: [{ name: 'Mutex', check: mutualExclusion }] });
      expect(r.kind).toBe('invariant-violated');
      if (r.kind !== 'invariant-violated') continue;
      expect(r.name).toBe('Mutex');
      expect(r.trace.length).toBe((distanceTo(ref, (s) => !mutualExclusion(s)) as number) + 1);
      expect(mutualExclusion(r.trace[r.trace.length - 1].state)).toBe(false);
      expectBehaviour(spec, r.trace);
      expect(r.trace.map((s) => s.action?.name)).toEqual([
        undefined,
        'Request(0)',
        'Acquire(0)',
        'Request(1)',
        'Acquire(1)',
      ]);
    }
  });

  it('finds the shortest path to a deadlock', () => {
    for (const n of [2, 3, 4, 5]) {
      const spec = philosophers(n);
      const ref = referenceBfs(spec);
      const r = explore(toSystem(spec));
      expect(r.kind).toBe('deadlock');
      if (r.kind !== 'deadlock') continue;
      const shortest = Math.min(...ref.deadlocks.map((k) => ref.distance.get(k) as number));
      expect(r.trace.length).toBe(shortest + 1);
      const last = r.trace[r.trace.length - 1].state;
      expect(spec.next(last)).toEqual([]);
      expectBehaviour(spec, r.trace);
    }
  });

  it('checks action properties on every transition, also into states already seen', () => {
    const n = 5;
    const spec = twoCounters(n);
    const r = explore(toSystem(spec), {
      actionProperties: [{ name: 'NoWrap', check: (from, to) => to.a >= from.a }],
    });
    expect(r.kind).toBe('action-property-violated');
    if (r.kind !== 'action-property-violated') return;
    expect(r.name).toBe('NoWrap');
    expect(r.trace.length).toBe(n + 1);
    expect(r.trace[n].action?.name).toBe('IncA');
    expect(r.trace[n].state).toEqual({ a: 0, b: 0 });
    expectBehaviour(spec, r.trace);
  });

  it('picks the recorded action when two actions lead to the same state', () => {
    const spec: ToySpec<number> = {
      variables: ['s'],
      actions: ['Slow', 'Fast'],
      init: () => [0],
      next: (s) =>
        s < 3
          ? [
              [0, s + 1],
              [1, s + 1],
            ]
          : [],
      key: String,
    };
    const r = explore(toSystem(spec), { invariants: [{ name: 'Lt3', check: (s) => s < 3 }] });
    expect(r.kind === 'invariant-violated' && r.trace.map((t) => t.action?.name)).toEqual([
      undefined,
      'Slow',
      'Slow',
      'Slow',
    ]);
  });
});

describe('breadth-first search on random graphs (fast-check)', () => {
  it('counts distinct, generated and depth exactly as the reference', () => {
    fc.assert(
      fc.property(randomGraph(), (g) => {
        const ref = referenceBfs(graphSpec(g));
        const r = explore(integerSystem(g), { checkDeadlock: false });
        expect(r.kind).toBe('ok');
        expect(r.kind === 'ok' && r.stats).toMatchObject({
          distinctStates: ref.distinct,
          generatedStates: ref.generated,
          depth: ref.depth,
          statesLeftOnQueue: 0,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the reference under a random state constraint', () => {
    fc.assert(
      fc.property(randomGraph(), fc.integer({ min: 2, max: 5 }), (g, m) => {
        const keep = (s: number) => s % m !== 1;
        const ref = referenceBfs(graphSpec(g), { constraint: keep });
        const r = explore(integerSystem(g), { checkDeadlock: false, stateConstraint: keep });
        expect(r.kind === 'ok' && r.stats).toMatchObject({
          distinctStates: ref.distinct,
          generatedStates: ref.generated,
          depth: ref.depth,
        });
      }),
      { numRuns: 200 },
    );
  });

  it('finds a shortest deadlock and a shortest invariant violation', () => {
    fc.assert(
      fc.property(randomGraph(), fc.nat({ max: 29 }), (g, badState) => {
        const spec = graphSpec(g);
        const ref = referenceBfs(spec);
        const d = explore(integerSystem(g));
        if (ref.deadlocks.length === 0) {
          expect(d.kind).toBe('ok');
        } else {
          expect(d.kind).toBe('deadlock');
          if (d.kind === 'deadlock') {
            const shortest = Math.min(...ref.deadlocks.map((k) => ref.distance.get(k) as number));
            expect(d.trace.length).toBe(shortest + 1);
            expectBehaviour(spec, d.trace);
          }
        }
        const bad = (s: number) => s === badState;
        const v = explore(integerSystem(g), {
          checkDeadlock: false,
          invariants: [{ name: 'Avoid', check: (s) => !bad(s) }],
        });
        const distance = distanceTo(ref, bad);
        if (distance === undefined) {
          expect(v.kind).toBe('ok');
        } else {
          expect(v.kind).toBe('invariant-violated');
          if (v.kind === 'invariant-violated') {
            expect(v.trace.length).toBe(distance + 1);
            expect(v.trace[v.trace.length - 1].state).toBe(badState);
            expectBehaviour(spec, v.trace);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
