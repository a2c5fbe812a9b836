import {
  type ActionLabel,
  type Stats,
  stepAction,
  type Trace,
  type TraceStep,
  type TransitionSystem,
} from '@modelcheck/core';
import { FingerprintSet, type FingerprintStore, MAX_FINGERPRINTS } from './fingerprint-set.js';
import type { ExplorationObserver, ExploreOptions } from './options.js';
import { SearchRun } from './search-run.js';
import { rebuildTrace } from './trace-rebuild.js';
import { TraceStore } from './trace-store.js';

/**
 * The exhaustive searches (breadth-first, depth-first): a fingerprint set that gives every distinct
 * state a dense id, the parent/action of each id, and the handling of initial states and successors
 * that follows TLC's `ModelChecker.doInit` / `Worker.addElement` (see the README for the rules).
 * A subclass decides the order: where a new state goes (`schedule`) and what a second visit does
 * (`revisit`).
 */
export abstract class GraphSearch<S> extends SearchRun<S> {
  protected readonly fingerprints: FingerprintStore;
  protected readonly traces: TraceStore;
  protected readonly observer: ExplorationObserver<S> | undefined;
  /** Largest depth (initial states: 1) of a distinct state found so far. */
  protected maxLevel = 0;
  /** The state being expanded, its id and depth. */
  protected currentId = -1;
  protected currentDepth = 0;
  private current: S | undefined;
  private successorCount = 0;
  private lastInsertNew = false;
  private readonly fp = new Uint32Array(2);
  private readonly stateCap: number;

  constructor(system: TransitionSystem<S>, options: ExploreOptions<S>) {
    super(system, options);
    this.fingerprints = new FingerprintSet();
    this.traces = new TraceStore(system.actions.length);
    this.observer = options.observer;
    this.stateCap = Math.min(this.maxStates, MAX_FINGERPRINTS);
  }

  /** A new distinct state to explore later, at `depth`. */
  protected abstract schedule(state: S, id: number, depth: number): void;
  /** A state seen before, reached again from the current state by `action`. */
  protected abstract revisit(state: S, id: number, action: number): void;
  /** States waiting to be expanded. */
  protected abstract override frontierSize(): number;

  stats(): Stats {
    return {
      distinctStates: this.fingerprints.size,
      generatedStates: this.generated,
      // TLC: "depth of the complete state graph search"; at least 1 once anything was generated.
      depth: this.generated === 0 ? 0 : Math.max(1, this.maxLevel),
      statesLeftOnQueue: this.frontierSize(),
      seconds: this.seconds(),
    };
  }

  protected ownBytes(): number {
    return this.fingerprints.bytes() + this.traces.bytes() + this.frontierSize() * 8;
  }

  protected begin(): void {
    try {
      this.system.initialStates(this.onInitial);
    } catch (error) {
      this.fail(error, undefined);
    }
  }

  /** The behaviour reaching state `id`, plus `last` if given. */
  protected traceTo(id: number, last?: TraceStep<S>): Trace<S> {
    const steps = rebuildTrace(this.system, this.fingerprints, this.traces, id);
    if (last) steps.push(last);
    return steps;
  }

  /** Expands `state` (id `id`, at `depth`): every successor goes through `onSuccessor`; then the deadlock check. */
  protected expand(state: S, id: number, depth: number): void {
    this.current = state;
    this.currentId = id;
    this.currentDepth = depth;
    this.successorCount = 0;
    try {
      this.system.successors(state, this.onSuccessor);
    } catch (error) {
      this.fail(error, () => this.traceTo(id));
      return;
    }
    const intermediate = this.system.takeIntermediateCount?.() ?? 0;
    if (intermediate > 0) {
      // TLC counts them as generated, and a state that generated any is not deadlocked.
      this.generated += intermediate;
      this.successorCount += intermediate;
    }
    if (this.done) return;
    // TLC: a deadlock is a state for which the next-state relation yields no state at all, seen,
    // unseen or excluded by a constraint.
    if (this.successorCount === 0 && this.checkDeadlock) {
      this.finishWithTrace(
        () => this.traceTo(id),
        (trace) => ({ kind: 'deadlock', trace, stats: this.stats() }),
      );
    }
  }

  /**
   * Looks `state` up in the fingerprint set and, if new, records how it was reached. Returns its id
   * (`lastInsertNew` says whether it is new), or -1 when storing it would pass the state limit (the
   * run is then stopped).
   */
  private insert(state: S, parent: number, action: number, depth: number): number {
    const fp = this.fp;
    this.system.fingerprint(state, fp, 0);
    const fingerprints = this.fingerprints;
    if (fingerprints.size >= this.stateCap) {
      const existing = fingerprints.lookup(fp[0], fp[1]);
      if (existing < 0) {
        this.stop(fingerprints.size >= MAX_FINGERPRINTS ? 'memory-limit' : 'state-limit');
        return -1;
      }
      this.lastInsertNew = false;
      return existing;
    }
    const r = fingerprints.insert(fp[0], fp[1]);
    if (r < 0) {
      this.lastInsertNew = false;
      return ~r;
    }
    this.lastInsertNew = true;
    this.traces.record(r, parent, action);
    if (depth > this.maxLevel) this.maxLevel = depth;
    return r;
  }

  private readonly onInitial = (state: S): void => {
    if (this.done) return;
    if ((this.generated & 1023) === 1023 && this.poll(this.now())) return;
    try {
      // TLC (doInit): an initial state that satisfies the constraint is stored and queued before
      // its invariants are checked; one that fails the constraint is checked but not stored. Only
      // new initial states count as generated: an Init that yields a state twice (MCBakery's
      // inductive invariant does, 4,752 times) counts it once, which is how TLC's totals come out.
      const inModel = this.stateConstraint === undefined || this.stateConstraint(state);
      let isNew = false;
      if (!inModel) this.generated++;
      if (inModel) {
        const id = this.insert(state, -1, 0, 1);
        if (id < 0) return;
        isNew = this.lastInsertNew;
        if (isNew) this.generated++;
        if (isNew) {
          this.schedule(state, id, 1);
          this.observer?.onState?.(id, state, true);
        }
      }
      if (isNew || (!inModel && this.checkConstrained)) {
        const k = this.violatedInvariant(state);
        if (k >= 0) {
          const name = this.invariants[k].name;
          this.finish({ kind: 'invariant-violated', name, trace: [{ state }], stats: this.stats() });
        }
      }
    } catch (error) {
      this.fail(error, () => [{ state }]);
    }
  };

  private readonly onSuccessor = (label: ActionLabel, next: S): void => {
    if (this.done) return;
    this.generated++;
    this.successorCount++;
    const from = this.current as S;
    const action = label.index;
    try {
      const inModel = this.inModel(from, next);
      let id = -1;
      let isNew = false;
      if (inModel) {
        id = this.insert(next, this.currentId, action, this.currentDepth + 1);
        if (id < 0) return;
        isNew = this.lastInsertNew;
        const observer = this.observer;
        if (observer !== undefined) {
          if (isNew) observer.onState?.(id, next, false);
          observer.onEdge?.(this.currentId, id, action, next);
        }
      }
      // TLC (Worker.addElement): invariants on every new state and on every state excluded by a
      // constraint (those are never stored, so they are checked each time they are generated);
      // action properties on every transition generated, seen or not.
      if (isNew || (!inModel && this.checkConstrained)) {
        const k = this.violatedInvariant(next);
        if (k >= 0) {
          this.violation('invariant-violated', this.invariants[k].name, next, action);
          return;
        }
      }
      if (this.actionProperties.length > 0 && (inModel || this.checkConstrained)) {
        const k = this.violatedActionProperty(from, next);
        if (k >= 0) {
          this.violation('action-property-violated', this.actionProperties[k].name, next, action);
          return;
        }
      }
      if (isNew) this.schedule(next, id, this.currentDepth + 1);
      else if (inModel) this.revisit(next, id, action);
    } catch (error) {
      const parent = this.currentId;
      this.fail(error, () =>
        this.traceTo(parent, { state: next, action: stepAction(this.system, from, next, action) }),
      );
    }
  };

  private violation(
    kind: 'invariant-violated' | 'action-property-violated',
    name: string,
    next: S,
    action: number,
  ): void {
    const parent = this.currentId;
    const from = this.current as S;
    this.finishWithTrace(
      () => this.traceTo(parent, { state: next, action: stepAction(this.system, from, next, action) }),
      (trace) => ({ kind, name, trace, stats: this.stats() }),
    );
  }
}
