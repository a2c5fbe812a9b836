import type { CheckResult, Diagnostic, ProgressEvent } from '@modelcheck/core';

/**
 * A state invariant. `check` returns true when the state satisfies it and false when it violates
 * it; it returns a `Diagnostic` (or throws an `EvaluationError`) when it cannot be evaluated (TLC:
 * "The invariant Inv is not a boolean", "Evaluating invariant Inv failed"), which ends the run with an
 * `error` result whose trace leads to the state.
 */
export interface Invariant<S> {
  readonly name: string;
  check(state: S): boolean | Diagnostic;
}

/** An action property `[][A]_v`, checked on every transition the search generates. */
export interface ActionProperty<S> {
  readonly name: string;
  check(from: S, to: S): boolean | Diagnostic;
}

/** What the explorer reads of an `AbortSignal` (so a plain `{ aborted: true }` object works too). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/**
 * Sees the state graph as the search builds it (graph export, the temporal package). Ids are the
 * explorer's dense state ids; edges to states excluded by a constraint are not reported.
 */
export interface ExplorationObserver<S> {
  /** A new distinct state (`initial` for an initial state). */
  onState?(id: number, state: S, initial: boolean): void;
  /**
   * A transition between two distinct states, reported every time it is generated; `next` is the
   * successor as generated, which under VIEW or SYMMETRY may differ from the state stored as `to`.
   */
  onEdge?(from: number, to: number, action: number, next: S): void;
}

export type SearchMode = 'bfs' | 'dfs' | 'simulate';

export interface ExploreOptions<S> {
  /** Breadth-first (default; shortest counterexamples, TLC's counts), depth-first, or random simulation. */
  readonly mode?: SearchMode;
  readonly invariants?: readonly Invariant<S>[];
  readonly actionProperties?: readonly ActionProperty<S>[];
  /** Report a state without any successor as a deadlock. Default true, as TLC (which `-deadlock` turns off). */
  readonly checkDeadlock?: boolean;
  /** TLC's CONSTRAINT: a successor that fails it is counted and checked, but neither stored nor explored. */
  readonly stateConstraint?: (state: S) => boolean;
  /** TLC's ACTION_CONSTRAINT: like `stateConstraint`, for a transition. */
  readonly actionConstraint?: (from: S, to: S) => boolean;
  /**
   * Check invariants and action properties on states and transitions excluded by a constraint, as TLC
   * does (default true). False checks only what the search keeps.
   */
  readonly checkConstrainedStates?: boolean;
  /** Stop (`state-limit`) rather than store more than this many distinct states. */
  readonly maxStates?: number;
  /** Stop (`time-limit`) after this many seconds. */
  readonly maxSeconds?: number;
  /** Stop (`memory-limit`) when the measured heap (or, where it cannot be measured, the estimate) exceeds this. */
  readonly maxMemoryBytes?: number;
  readonly signal?: AbortSignalLike;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Minimum time between two progress events, in milliseconds. Default 3000 (TLC: one minute). */
  readonly progressIntervalMs?: number;
  /**
   * Depth bound, counting an initial state as depth 1. DFS: states at this depth are not expanded
   * (default: unbounded). Simulation: the maximum number of states in a random behaviour (default 100,
   * TLC's `-depth`).
   */
  readonly maxDepth?: number;
  /** Simulation: the seed of the random generator (default: a random one, reported in the result). */
  readonly seed?: number;
  /** Simulation: stop with `ok` after this many random behaviours (default: no limit). */
  readonly maxTraces?: number;
  readonly observer?: ExplorationObserver<S>;
  /** The clock, in milliseconds (tests). Default `performance.now`. */
  readonly now?: () => number;
}

/** A `CheckResult`; a simulation adds the seed that reproduces it and the number of behaviours. */
export type ExploreResult<S> = CheckResult<S> & { readonly seed?: number; readonly traces?: number };
