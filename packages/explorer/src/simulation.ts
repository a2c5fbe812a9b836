import type { ActionLabel, Stats, TraceStep, TransitionSystem } from '@modelcheck/core';
import { FingerprintSet } from './fingerprint-set.js';
import type { ExploreOptions, ExploreResult } from './options.js';
import { randomSeed, SeededRandom } from './random.js';
import { SearchRun } from './search-run.js';
import { nameSteps } from './trace-rebuild.js';

export const DEFAULT_SIMULATION_DEPTH = 100;

/**
 * Random simulation (TLC's `-simulate`): behaviours of at most `maxDepth` states, each from a random
 * initial state, each step to a successor chosen uniformly among all successors of the current state
 * (TLC first picks a random action, then a random successor of it). As in TLC's `SimulationWorker`:
 * every successor generated is checked against the invariants and action properties, not only the
 * one taken; a behaviour ends early at a state excluded by a constraint; a state without successors
 * is a deadlock. The seed is reported in the result, so a run can be repeated exactly.
 *
 * Counters: `generatedStates` counts initial states once plus every successor generated;
 * `distinctStates` counts the distinct states the behaviours went through; `depth` is the length of
 * the longest behaviour.
 */
export class RandomSimulation<S> extends SearchRun<S> {
  protected readonly phaseName = 'simulation';
  readonly seed: number;
  private readonly random: SeededRandom;
  private readonly maxDepth: number;
  private readonly maxTraces: number;
  private readonly visited = new FingerprintSet();
  private readonly fp = new Uint32Array(2);
  private initial: S[] = [];
  private behaviour: TraceStep<S>[] = [];
  private walking = false;
  private inConstraints = true;
  private traceCount = 0;
  private longest = 0;
  private readonly successorActions: number[] = [];
  private readonly successorStates: S[] = [];

  constructor(system: TransitionSystem<S>, options: ExploreOptions<S>) {
    super(system, options);
    this.seed = (options.seed ?? randomSeed()) >>> 0;
    this.random = new SeededRandom(this.seed);
    this.maxDepth = Math.max(1, options.maxDepth ?? DEFAULT_SIMULATION_DEPTH);
    this.maxTraces = options.maxTraces ?? Number.POSITIVE_INFINITY;
  }

  /** Number of behaviours completed. */
  get traces(): number {
    return this.traceCount;
  }

  stats(): Stats {
    return {
      distinctStates: this.visited.size,
      generatedStates: this.generated,
      depth: this.longest,
      statesLeftOnQueue: 0,
      seconds: this.seconds(),
    };
  }

  protected ownBytes(): number {
    return this.visited.bytes() + this.initial.length * 8;
  }

  protected frontierSize(): number {
    return this.initial.length + this.behaviour.length;
  }

  protected override decorate(result: ExploreResult<S>): ExploreResult<S> {
    // The walk records plain action names (cheap); a reported trace gets them with their arguments.
    const named =
      'trace' in result && result.trace ? { ...result, trace: nameSteps(this.system, result.trace) } : result;
    return { ...named, seed: this.seed, traces: this.traceCount };
  }

  protected begin(): void {
    try {
      this.system.initialStates((state) => {
        this.generated++;
        this.initial.push(state);
      });
    } catch (error) {
      this.fail(error, undefined);
      return;
    }
    for (const state of this.initial) {
      try {
        if (!this.checkConstrained && !this.inModel(undefined, state)) continue;
        const k = this.violatedInvariant(state);
        if (k >= 0) {
          const name = this.invariants[k].name;
          this.finish({ kind: 'invariant-violated', name, trace: [{ state }], stats: this.stats() });
          return;
        }
      } catch (error) {
        this.fail(error, () => [{ state }]);
        return;
      }
    }
  }

  protected work(): void {
    for (;;) {
      if (this.done) return;
      if (this.initial.length === 0 || this.traceCount >= this.maxTraces) {
        this.finish({ kind: 'ok', stats: this.stats() });
        return;
      }
      if (this.tick()) return;
      this.advance();
    }
  }

  /** One step of the current behaviour, starting a new one if none is under way. */
  private advance(): void {
    const behaviour = this.behaviour;
    if (!this.walking) {
      const state = this.initial[this.random.nextInt(this.initial.length)];
      this.behaviour = [{ state }];
      this.walking = true;
      try {
        this.inConstraints = this.inModel(undefined, state);
      } catch (error) {
        this.fail(error, () => [{ state }]);
        return;
      }
      if (this.inConstraints && !this.visit(state)) return;
      if (this.longest < 1) this.longest = 1;
      return;
    }
    if (!this.inConstraints) {
      this.endBehaviour();
      return;
    }
    const current = behaviour[behaviour.length - 1].state;
    const actions = this.successorActions;
    const states = this.successorStates;
    actions.length = 0;
    states.length = 0;
    try {
      this.system.successors(current, (label: ActionLabel, next: S) => {
        actions.push(label.index);
        states.push(next);
      });
    } catch (error) {
      this.fail(error, () => [...behaviour]);
      return;
    }
    const n = states.length;
    this.generated += n;
    if (n === 0) {
      if (this.checkDeadlock) {
        this.finish({ kind: 'deadlock', trace: [...behaviour], stats: this.stats() });
      } else {
        this.endBehaviour();
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const next = states[i];
      try {
        if (!this.checkConstrained && !this.inModel(current, next)) continue;
        const step = (): TraceStep<S>[] => [
          ...behaviour,
          { state: next, action: this.system.actions[actions[i]] },
        ];
        let k = this.violatedInvariant(next);
        if (k >= 0) {
          this.finish({
            kind: 'invariant-violated',
            name: this.invariants[k].name,
            trace: step(),
            stats: this.stats(),
          });
          return;
        }
        k = this.violatedActionProperty(current, next);
        if (k >= 0) {
          const name = this.actionProperties[k].name;
          this.finish({ kind: 'action-property-violated', name, trace: step(), stats: this.stats() });
          return;
        }
      } catch (error) {
        this.fail(error, () => [...behaviour, { state: next, action: this.system.actions[actions[i]] }]);
        return;
      }
    }
    // As TLC: the successors of the last state are generated and checked, but the behaviour stops at maxDepth states.
    if (behaviour.length >= this.maxDepth) {
      this.endBehaviour();
      return;
    }
    const r = this.random.nextInt(n);
    const next = states[r];
    behaviour.push({ state: next, action: this.system.actions[actions[r]] });
    if (behaviour.length > this.longest) this.longest = behaviour.length;
    try {
      this.inConstraints = this.inModel(current, next);
    } catch (error) {
      this.fail(error, () => [...behaviour]);
      return;
    }
    if (this.inConstraints) this.visit(next);
  }

  /** Counts `state` as visited; false if that stopped the run (state limit). */
  private visit(state: S): boolean {
    try {
      this.system.fingerprint(state, this.fp, 0);
    } catch (error) {
      const behaviour = this.behaviour;
      this.fail(error, () => [...behaviour]);
      return false;
    }
    if (this.visited.size >= this.maxStates && this.visited.lookup(this.fp[0], this.fp[1]) < 0) {
      this.stop('state-limit');
      return false;
    }
    this.visited.insert(this.fp[0], this.fp[1]);
    return true;
  }

  private endBehaviour(): void {
    this.walking = false;
    this.behaviour = [];
    this.traceCount++;
  }
}
