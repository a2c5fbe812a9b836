import { EvaluationError, makeDiagnostic, type ProgressEvent, type TransitionSystem } from '@modelcheck/core';
import { describe, expect, it } from 'vitest';
import { EXP, Explorer, explore, exploreAsync, invariantsFromLabels } from '../src/index.js';
import {
  type Counter,
  counter,
  gridWalk,
  type ToySpec,
  toSystem,
  twoCounters,
} from './support/toy-systems.js';

/** x counts up forever: a state space no run finishes. */
const endless: ToySpec<Counter> = {
  variables: ['x'],
  actions: ['Inc'],
  init: () => [{ x: 0 }],
  next: (s) => [[0, { x: s.x + 1 }]],
  key: (s) => String(s.x),
};

/** A clock that advances `step` milliseconds every time it is read. */
function fakeClock(step: number): () => number {
  let t = 0;
  return () => {
    t += step;
    return t;
  };
}

describe('limits', () => {
  it('stops at maxStates with state-limit and no more distinct states than the limit', () => {
    for (const mode of ['bfs', 'dfs'] as const) {
      const r = explore(toSystem(twoCounters(50)), { mode, maxStates: 100 });
      expect(r).toMatchObject({ kind: 'stopped', reason: 'state-limit' });
      if (r.kind !== 'stopped') continue;
      expect(r.stats.distinctStates).toBeLessThanOrEqual(100);
      expect(r.stats.distinctStates).toBe(100);
      expect(r.stats.generatedStates).toBeGreaterThan(100);
    }
  });

  it('does not stop when the state space has exactly maxStates states', () => {
    expect(explore(toSystem(twoCounters(10)), { maxStates: 100 }).kind).toBe('ok');
  });

  it('stops at maxSeconds (fake clock and real clock)', () => {
    const fake = explore(toSystem(endless), { maxSeconds: 1, now: fakeClock(10) });
    expect(fake).toMatchObject({ kind: 'stopped', reason: 'time-limit' });
    const started = Date.now();
    const real = explore(toSystem(endless), { maxSeconds: 0.1 });
    expect(real).toMatchObject({ kind: 'stopped', reason: 'time-limit' });
    expect(Date.now() - started).toBeLessThan(5000);
    if (real.kind === 'stopped') expect(real.stats.seconds).toBeGreaterThanOrEqual(0.1);
  });

  it('stops at maxMemoryBytes', () => {
    const r = explore(toSystem(endless), { maxMemoryBytes: 1 });
    expect(r).toMatchObject({ kind: 'stopped', reason: 'memory-limit' });
  });

  it('stops when the signal is aborted, between slices or during a run', () => {
    const controller = new AbortController();
    const explorer = new Explorer(toSystem(endless), { signal: controller.signal });
    expect(explorer.step(5)).toBe(false);
    expect(explorer.step(5)).toBe(false);
    const before = explorer.stats().distinctStates;
    expect(before).toBeGreaterThan(0);
    controller.abort();
    expect(explorer.step(5)).toBe(true);
    expect(explorer.result).toMatchObject({ kind: 'stopped', reason: 'cancelled' });
    expect(explorer.result?.kind === 'stopped' && explorer.result.stats.distinctStates).toBe(before);

    let reads = 0;
    const signal = {
      get aborted() {
        return ++reads > 3;
      },
    };
    expect(explore(toSystem(endless), { signal })).toMatchObject({ kind: 'stopped', reason: 'cancelled' });
  });

  it('stops on cancel()', () => {
    const explorer = new Explorer(toSystem(endless), { mode: 'dfs' });
    explorer.step(2);
    explorer.cancel();
    expect(explorer.step(2)).toBe(true);
    expect(explorer.result).toMatchObject({ kind: 'stopped', reason: 'cancelled' });
  });
});

describe('incremental and asynchronous runs', () => {
  it('step() works in slices and ends with the same verdict as run()', () => {
    const spec = twoCounters(120);
    const whole = explore(toSystem(spec));
    const explorer = new Explorer(toSystem(spec), { now: fakeClock(1) });
    let slices = 0;
    while (!explorer.step(20)) slices++;
    expect(slices).toBeGreaterThan(10);
    expect(explorer.done).toBe(true);
    const sliced = explorer.result;
    expect(sliced?.kind).toBe('ok');
    expect(sliced?.kind === 'ok' && sliced.stats).toMatchObject({
      distinctStates: 14400,
      generatedStates: whole.kind === 'ok' ? whole.stats.generatedStates : -1,
      depth: 239,
    });
  });

  it('runAsync yields to the event loop between slices', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const r = await exploreAsync(toSystem(endless), { maxSeconds: 0.1 }, 5);
    clearInterval(timer);
    expect(r).toMatchObject({ kind: 'stopped', reason: 'time-limit' });
    expect(ticks).toBeGreaterThan(3);
    const ok = await new Explorer(toSystem(gridWalk(10, 10)), { checkDeadlock: false }).runAsync();
    expect(ok).toMatchObject({ kind: 'ok', stats: { distinctStates: 100 } });
  });

  it('reports progress at most every progressIntervalMs, plus phases', () => {
    const events: ProgressEvent[] = [];
    const times: number[] = [];
    const clock = fakeClock(1);
    let last = 0;
    const now = () => {
      last = clock();
      return last;
    };
    explore(toSystem(twoCounters(60)), {
      now,
      progressIntervalMs: 50,
      onProgress: (e) => {
        events.push(e);
        times.push(last);
      },
    });
    const phases = events.filter((e) => e.event === 'phase').map((e) => (e.event === 'phase' ? e.phase : ''));
    expect(phases).toEqual(['initial-states', 'breadth-first']);
    const progress = events.flatMap((e, i) => (e.event === 'progress' ? [{ e, t: times[i] }] : []));
    expect(progress.length).toBeGreaterThan(3);
    // the first one reports the initial states
    expect(progress[0].e.event === 'progress' && progress[0].e.stats.distinctStates).toBe(1);
    for (let i = 2; i < progress.length; i++)
      expect(progress[i].t - progress[i - 1].t).toBeGreaterThanOrEqual(50);
    const counts = progress.map((p) => (p.e.event === 'progress' ? p.e.stats.generatedStates : 0));
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
  });
});

describe('evaluation errors', () => {
  const failing = (at: number, error: () => unknown): TransitionSystem<Counter> => {
    const base = toSystem(counter(10));
    return {
      ...base,
      successors(state, emit) {
        if (state.x === at) throw error();
        base.successors(state, emit);
      },
    };
  };

  it('turns an EvaluationError thrown by successors into an error with the trace to the state', () => {
    const diagnostic = makeDiagnostic('TLA999', 'division by zero');
    for (const mode of ['bfs', 'dfs', 'simulate'] as const) {
      const r = explore(
        failing(3, () => new EvaluationError(diagnostic)),
        { mode, seed: 1, maxTraces: 5 },
      );
      expect(r.kind).toBe('error');
      if (r.kind !== 'error') continue;
      expect(r.diagnostics).toEqual([diagnostic]);
      expect(r.trace?.map((s) => s.state.x)).toEqual([0, 1, 2, 3]);
      expect(r.trace?.[3].action?.name).toBe('Inc');
    }
  });

  it('reports any other exception as EXP100', () => {
    const r = explore(failing(2, () => new TypeError('boom')));
    expect(r.kind === 'error' && r.diagnostics[0]).toMatchObject({
      code: EXP.UnexpectedException,
      message: 'boom',
    });
    expect(r.kind === 'error' && r.trace?.length).toBe(3);
    expect(r.kind === 'error' && r.stats?.distinctStates).toBe(3);
  });

  it('reports an error in the initial states without a trace', () => {
    const base = toSystem(counter(3));
    const r = explore({
      ...base,
      initialStates() {
        throw new EvaluationError(makeDiagnostic('TLA998', 'Init is not a boolean'));
      },
    });
    expect(r).toMatchObject({ kind: 'error', diagnostics: [{ code: 'TLA998' }] });
    expect(r.kind === 'error' && r.trace).toBeUndefined();
  });

  it('reports an invariant that returns a diagnostic or throws, with the trace to the state', () => {
    const diagnostic = makeDiagnostic('TLA500', 'the invariant Inv is not a boolean');
    const r = explore(toSystem(counter(10)), {
      invariants: [{ name: 'Inv', check: (s) => (s.x === 2 ? diagnostic : true) }],
    });
    expect(r).toMatchObject({ kind: 'error', diagnostics: [diagnostic] });
    expect(r.kind === 'error' && r.trace?.map((s) => s.state.x)).toEqual([0, 1, 2]);
    const t = explore(toSystem(counter(10)), {
      invariants: [
        {
          name: 'Inv',
          check: (s) => {
            if (s.x === 1) throw new Error('bad');
            return true;
          },
        },
      ],
    });
    expect(t.kind === 'error' && t.diagnostics[0]).toMatchObject({
      code: EXP.PropertyEvaluationFailed,
      message: 'evaluating invariant Inv failed: bad',
    });
  });

  it('reports EXP102 when the system is not deterministic and the trace cannot be rebuilt', () => {
    const base = toSystem(counter(10));
    let calls = 0;
    const flaky: TransitionSystem<Counter> = {
      ...base,
      successors(state, emit) {
        calls++;
        emit({ index: 0 }, { x: calls > 3 ? state.x + 100 : state.x + 1 });
      },
    };
    const r = explore(flaky, { invariants: [{ name: 'Small', check: (s) => s.x < 3 }] });
    expect(r).toMatchObject({ kind: 'error', diagnostics: [{ code: EXP.TraceRebuildFailed }] });
  });

  it('rebuilds a trace by re-running successors only along the chain', () => {
    const system = toSystem(counter(1000));
    const r = explore(system, { invariants: [{ name: 'Small', check: (s) => s.x < 500 }] });
    expect(r.kind === 'invariant-violated' && r.trace.length).toBe(501);
    // 500 expansions during the search, 499 more to rebuild the path to the parent of the violator
    expect(system.calls.successors).toBe(500 + 499);
  });
});

describe('invariantsFromLabels', () => {
  it("turns the system's named predicates into invariants", () => {
    const base = toSystem(counter(10));
    const system: TransitionSystem<Counter> = {
      ...base,
      label: (name) => (name === 'Small' ? (s) => s.x < 4 : undefined),
    };
    const r = explore(system, { invariants: invariantsFromLabels(system, ['Small']) });
    expect(r).toMatchObject({ kind: 'invariant-violated', name: 'Small' });
    expect(() => invariantsFromLabels(system, ['Missing'])).toThrow(/Missing/);
  });
});
