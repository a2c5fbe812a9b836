import type { Stats, TransitionSystem } from '@modelcheck/core';
import { BreadthFirstSearch } from './breadth-first.js';
import { DepthFirstSearch } from './depth-first.js';
import type { ExploreOptions, ExploreResult, SearchMode } from './options.js';
import { yieldToHost } from './runtime.js';
import type { SearchRun } from './search-run.js';
import { RandomSimulation } from './simulation.js';

/** Default time slice of `runAsync`, in milliseconds. */
export const DEFAULT_SLICE_MS = 50;

/**
 * One run of the explorer, driven in slices so that a Web Worker (or an event loop) stays
 * responsive: `step(budgetMs)` works for about that long and says whether the run is over; `cancel()`
 * stops it at the next check. `run()` goes to the end in one call; `runAsync()` yields to the host
 * between slices.
 */
export class Explorer<S> {
  readonly mode: SearchMode;
  private readonly search: SearchRun<S>;

  constructor(system: TransitionSystem<S>, options: ExploreOptions<S> = {}) {
    this.mode = options.mode ?? 'bfs';
    switch (this.mode) {
      case 'bfs':
        this.search = new BreadthFirstSearch(system, options);
        break;
      case 'dfs':
        this.search = new DepthFirstSearch(system, options);
        break;
      case 'simulate':
        this.search = new RandomSimulation(system, options);
        break;
      default:
        throw new RangeError(`unknown search mode ${String(this.mode)}`);
    }
  }

  get done(): boolean {
    return this.search.done;
  }

  /** The verdict, once `done`. */
  get result(): ExploreResult<S> | undefined {
    return this.search.result;
  }

  /** The simulation seed (undefined for the exhaustive modes). */
  get seed(): number | undefined {
    return this.search instanceof RandomSimulation ? this.search.seed : undefined;
  }

  /** Counters so far. */
  stats(): Stats {
    return this.search.stats();
  }

  /** Approximate bytes in use (the host's heap measurement where available). */
  memoryBytes(): number {
    return this.search.memoryBytes();
  }

  /** Works for about `budgetMs` milliseconds; true when the run is over (`result` is set). */
  step(budgetMs: number = DEFAULT_SLICE_MS): boolean {
    return this.search.step(budgetMs);
  }

  /** Stops the run at its next check (`stopped` / `cancelled`). */
  cancel(): void {
    this.search.cancel();
  }

  /** Runs to the end without yielding. */
  run(): ExploreResult<S> {
    while (!this.search.step(Number.POSITIVE_INFINITY)) {
      // Only a slice deadline returns early, and this one has none; loop for safety.
    }
    return this.search.result as ExploreResult<S>;
  }

  /** Runs to the end, yielding to the host between slices of `sliceMs`. */
  async runAsync(sliceMs: number = DEFAULT_SLICE_MS): Promise<ExploreResult<S>> {
    while (!this.search.step(sliceMs)) await yieldToHost();
    return this.search.result as ExploreResult<S>;
  }
}

/** Explores `system` to the end (or to a limit) and returns the verdict. */
export function explore<S>(system: TransitionSystem<S>, options: ExploreOptions<S> = {}): ExploreResult<S> {
  return new Explorer(system, options).run();
}

/** Like `explore`, yielding to the host every `sliceMs` milliseconds. */
export function exploreAsync<S>(
  system: TransitionSystem<S>,
  options: ExploreOptions<S> = {},
  sliceMs: number = DEFAULT_SLICE_MS,
): Promise<ExploreResult<S>> {
  return new Explorer(system, options).runAsync(sliceMs);
}
