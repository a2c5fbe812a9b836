import type { Trace } from '@modelcheck/core';
import { expect } from 'vitest';
import type { ToySpec } from './toy-systems.js';

/**
 * Checks that `trace` is a behaviour of `spec`: it starts in an initial state and each step is a
 * successor of the previous state by the action the step names.
 */
export function expectBehaviour<S>(spec: ToySpec<S>, trace: Trace<S>): void {
  expect(trace.length).toBeGreaterThan(0);
  const initial = new Set(spec.init().map((s) => spec.key(s)));
  expect(initial.has(spec.key(trace[0].state))).toBe(true);
  expect(trace[0].action).toBeUndefined();
  for (let i = 1; i < trace.length; i++) {
    const from = trace[i - 1].state;
    const to = spec.key(trace[i].state);
    const name = trace[i].action?.name;
    const ok = spec.next(from).some(([a, t]) => spec.key(t) === to && spec.actions[a] === name);
    expect(ok, `step ${i}: ${spec.key(from)} -[${name}]-> ${to}`).toBe(true);
  }
}
