import {
  type ActionLabel,
  stepAction,
  type Trace,
  type TraceStep,
  type TransitionSystem,
} from '@modelcheck/core';
import { TraceRebuildError } from './errors.js';
import type { FingerprintStore } from './fingerprint-set.js';
import type { TraceStore } from './trace-store.js';

/**
 * The behaviour that reaches state `id`, re-generated from the system: the explorer stores no
 * states, only each state's fingerprint, parent id and action index. Follows the parent chain back to
 * an initial state, then walks forward: regenerate the initial states and keep the one with the
 * recorded fingerprint, then at each step regenerate the successors of the previous state and keep
 * the one with the next fingerprint, preferring the recorded action when two actions lead to the
 * same state (TLC rebuilds its traces the same way, from the fingerprints in its trace file).
 */
export function rebuildTrace<S>(
  system: TransitionSystem<S>,
  fingerprints: FingerprintStore,
  store: TraceStore,
  id: number,
): TraceStep<S>[] {
  const chain: number[] = [];
  for (let x = id; x >= 0; x = store.parent(x)) {
    chain.push(x);
    if (chain.length > fingerprints.size)
      throw new TraceRebuildError(`the parent chain of state ${id} has a cycle`);
  }
  chain.reverse();

  const want = new Uint32Array(2);
  const got = new Uint32Array(2);
  const matches = (state: S): boolean => {
    system.fingerprint(state, got, 0);
    return got[0] === want[0] && got[1] === want[1];
  };

  fingerprints.readFingerprint(chain[0], want, 0);
  let found = false;
  let current = undefined as S;
  system.initialStates((state) => {
    if (!found && matches(state)) {
      current = state;
      found = true;
    }
  });
  if (!found) {
    throw new TraceRebuildError(
      `no initial state has the fingerprint ${hex(want)} recorded for state ${chain[0]} while rebuilding a trace`,
    );
  }
  const steps: TraceStep<S>[] = [{ state: current }];

  for (let k = 1; k < chain.length; k++) {
    const target = chain[k];
    fingerprints.readFingerprint(target, want, 0);
    const recordedAction = store.action(target);
    let exact = false;
    let any = false;
    let next = undefined as S;
    let action = -1;
    system.successors(current, (label: ActionLabel, state: S) => {
      if (exact) return;
      if (!matches(state)) return;
      if (label.index === recordedAction) {
        exact = true;
      } else if (any) {
        return;
      }
      any = true;
      next = state;
      action = label.index;
    });
    if (!any) {
      throw new TraceRebuildError(
        `no successor of state ${chain[k - 1]} has the fingerprint ${hex(want)} recorded for state ${target} while rebuilding a trace`,
      );
    }
    steps.push({ state: next, action: stepAction(system, current, next, action) });
    current = next;
  }
  return steps;
}

function hex(fp: Uint32Array): string {
  return `0x${fp[1].toString(16).padStart(8, '0')}${fp[0].toString(16).padStart(8, '0')}`;
}

/**
 * A trace whose steps carry the system's plain action names, with each step named as the system
 * describes it (`describeStep`: the action with its arguments). Steps already described are kept.
 */
export function nameSteps<S>(system: TransitionSystem<S>, trace: Trace<S>): Trace<S> {
  if (!system.describeStep) return trace;
  return trace.map((step, i) => {
    const index = step.action ? system.actions.indexOf(step.action) : -1;
    if (i === 0 || index < 0) return step;
    return { state: step.state, action: stepAction(system, trace[i - 1].state, step.state, index) };
  });
}
