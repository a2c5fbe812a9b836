import { describe, expect, it } from 'vitest';
import { explore } from '../src/index.js';
import { expectBehaviour } from './support/replay.js';
import {
  counter,
  gridWalk,
  lockSystem,
  mutualExclusion,
  philosophers,
  toSystem,
} from './support/toy-systems.js';

describe('random simulation', () => {
  it('walks behaviours of at most maxDepth states and counts like TLC', () => {
    const r = explore(toSystem(counter(1000)), { mode: 'simulate', maxDepth: 10, maxTraces: 5, seed: 1 });
    expect(r).toMatchObject({
      kind: 'ok',
      seed: 1,
      traces: 5,
      // 1 initial state, then 10 successors per behaviour (the last state's successors are checked too)
      stats: { generatedStates: 51, distinctStates: 10, depth: 10, statesLeftOnQueue: 0 },
    });
  });

  it('is reproducible from its seed, and reports a seed it chose itself', () => {
    const spec = gridWalk(20, 20);
    const run = (seed?: number) =>
      explore(toSystem(spec), { mode: 'simulate', maxDepth: 30, maxTraces: 20, seed });
    const a = run(42);
    const b = run(42);
    expect(b).toEqual({ ...a, stats: { ...a.stats, seconds: b.stats!.seconds } });
    const c = run();
    expect(typeof c.seed).toBe('number');
    const d = run(c.seed);
    expect(d.stats!.distinctStates).toBe(c.stats!.distinctStates);
    expect(run(7).stats!.distinctStates).not.toBe(run(8).stats!.distinctStates);
  });

  it('finds an invariant violation with a replayable trace', () => {
    const spec = lockSystem(3, true);
    const r = explore(toSystem(spec), {
      mode: 'simulate',
      seed: 3,
      maxDepth: 20,
      maxTraces: 1000,
      invariants: [{ name: 'Mutex', check: mutualExclusion }],
    });
    expect(r.kind).toBe('invariant-violated');
    if (r.kind !== 'invariant-violated') return;
    expect(r.seed).toBe(3);
    expect(r.trace.length).toBeLessThanOrEqual(21);
    expect(mutualExclusion(r.trace[r.trace.length - 1].state)).toBe(false);
    expectBehaviour(spec, r.trace);
  });

  it('finds a deadlock', () => {
    const spec = philosophers(3);
    const r = explore(toSystem(spec), { mode: 'simulate', seed: 5, maxDepth: 50, maxTraces: 1000 });
    expect(r.kind).toBe('deadlock');
    if (r.kind !== 'deadlock') return;
    expect(spec.next(r.trace[r.trace.length - 1].state)).toEqual([]);
    expectBehaviour(spec, r.trace);
  });

  it('ends a behaviour at a state excluded by the constraint', () => {
    const r = explore(toSystem(counter(100)), {
      mode: 'simulate',
      seed: 9,
      maxDepth: 50,
      maxTraces: 3,
      stateConstraint: (s) => s.x < 4,
    });
    // behaviour 0..4: x = 4 is entered but not expanded
    expect(r).toMatchObject({
      kind: 'ok',
      stats: { depth: 5, distinctStates: 4, generatedStates: 1 + 3 * 4 },
    });
  });

  it('stops at the time limit', () => {
    const r = explore(toSystem(gridWalk(50, 50)), { mode: 'simulate', seed: 1, maxSeconds: 0.05 });
    expect(r).toMatchObject({ kind: 'stopped', reason: 'time-limit' });
  });
});
