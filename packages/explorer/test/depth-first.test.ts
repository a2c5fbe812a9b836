import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExploreOptions, explore } from '../src/index.js';
import { randomGraph } from './support/arbitraries.js';
import { referenceBfs } from './support/reference.js';
import { expectBehaviour } from './support/replay.js';
import {
  graphSpec,
  gridWalk,
  integerSystem,
  lockSystem,
  mutualExclusion,
  philosophers,
  type ToySpec,
  toSystem,
  twoCounters,
} from './support/toy-systems.js';

/** Keys of the distinct states a run stores, collected through the observer. */
function visited<S>(spec: ToySpec<S>, options: ExploreOptions<S>): { keys: Set<string>; kind: string } {
  const keys = new Set<string>();
  const result = explore(toSystem(spec), {
    checkDeadlock: false,
    ...options,
    observer: { onState: (_id, state) => keys.add(spec.key(state)) },
  });
  return { keys, kind: result.kind };
}

describe('depth-first search', () => {
  it.each([
    ['grid 6x5', gridWalk(6, 5)],
    ['lock, 3 processes', lockSystem(3)],
    ['two counters 30x30', twoCounters(30)],
  ] as [string, ToySpec<unknown>][])('visits the same states as breadth-first search: %s', (_, spec) => {
    const bfs = explore(toSystem(spec), { checkDeadlock: false });
    const dfs = explore(toSystem(spec), { checkDeadlock: false, mode: 'dfs' });
    expect(dfs.kind).toBe('ok');
    if (bfs.kind !== 'ok' || dfs.kind !== 'ok') return;
    expect(dfs.stats.distinctStates).toBe(bfs.stats.distinctStates);
    // unbounded, every distinct state is expanded once, so generated counts agree too
    expect(dfs.stats.generatedStates).toBe(bfs.stats.generatedStates);
    expect(visited(spec, { mode: 'dfs' }).keys).toEqual(visited(spec, { mode: 'bfs' }).keys);
  });

  it('goes deep first: its depth is the depth of its search tree', () => {
    const r = explore(toSystem(twoCounters(30)), { mode: 'dfs', checkDeadlock: false });
    const b = explore(toSystem(twoCounters(30)), { checkDeadlock: false });
    expect(b.kind === 'ok' && b.stats.depth).toBe(59);
    expect(r.kind === 'ok' && r.stats.depth).toBeGreaterThan(59);
  });

  it('with a depth bound, reaches exactly the states within the bound', () => {
    const spec = gridWalk(8, 8);
    const ref = referenceBfs(spec);
    for (const bound of [1, 2, 5, 9, 20]) {
      const { keys, kind } = visited(spec, { mode: 'dfs', maxDepth: bound });
      expect(kind).toBe('ok');
      const expected = new Set([...ref.distance].filter(([, d]) => d < bound).map(([k]) => k));
      expect(keys).toEqual(expected);
    }
  });

  it('finds invariant violations and deadlocks with valid traces', () => {
    const lock = lockSystem(3, true);
    const v = explore(toSystem(lock), {
      mode: 'dfs',
      invariants: [{ name: 'Mutex', check: mutualExclusion }],
    });
    expect(v.kind).toBe('invariant-violated');
    if (v.kind === 'invariant-violated') {
      expect(mutualExclusion(v.trace[v.trace.length - 1].state)).toBe(false);
      expectBehaviour(lock, v.trace);
    }
    const phil = philosophers(4);
    const d = explore(toSystem(phil), { mode: 'dfs' });
    expect(d.kind).toBe('deadlock');
    if (d.kind === 'deadlock') {
      expect(phil.next(d.trace[d.trace.length - 1].state)).toEqual([]);
      expectBehaviour(phil, d.trace);
    }
  });

  it('visits the same distinct states as BFS on random graphs, and the bounded ones (fast-check)', () => {
    fc.assert(
      fc.property(randomGraph(), fc.integer({ min: 1, max: 6 }), (g, bound) => {
        const spec = graphSpec(g);
        const ref = referenceBfs(spec);
        const collect = (options: ExploreOptions<number>) => {
          const seen = new Set<number>();
          const r = explore(integerSystem(g), {
            checkDeadlock: false,
            ...options,
            observer: { onState: (_id, s) => seen.add(s) },
          });
          return { seen, r };
        };
        const bfs = collect({});
        const dfs = collect({ mode: 'dfs' });
        expect(dfs.seen).toEqual(bfs.seen);
        expect(dfs.r.kind === 'ok' && dfs.r.stats.generatedStates).toBe(ref.generated);
        const bounded = collect({ mode: 'dfs', maxDepth: bound });
        const within = new Set([...ref.distance].filter(([, d]) => d < bound).map(([k]) => Number(k)));
        expect(bounded.seen).toEqual(within);
      }),
      { numRuns: 300 },
    );
  });
});
