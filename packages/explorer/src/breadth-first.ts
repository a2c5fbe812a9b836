import type { TransitionSystem } from '@modelcheck/core';
import { GraphSearch } from './graph-search.js';
import type { ExploreOptions } from './options.js';
import { ChunkedQueue, type StateQueue } from './state-queue.js';

/**
 * Breadth-first search, TLC's default mode: states are expanded in the order they were found, so
 * the first path to a state is a shortest one and every counterexample is as short as possible.
 *
 * Ids are handed out in discovery order and every new state is queued, so the state leaving the
 * queue has the next id in sequence, and the ids of one BFS level are a contiguous range: depth is
 * tracked with two numbers, not per state.
 */
export class BreadthFirstSearch<S> extends GraphSearch<S> {
  protected readonly phaseName = 'breadth-first';
  private readonly queue: StateQueue<S> = new ChunkedQueue<S>();
  private nextId = 0;
  private level = 1;
  private levelEnd = 0;

  constructor(system: TransitionSystem<S>, options: ExploreOptions<S>) {
    super(system, options);
  }

  protected frontierSize(): number {
    return this.queue.size;
  }

  protected schedule(state: S): void {
    this.queue.enqueue(state);
  }

  protected revisit(): void {}

  protected override begin(): void {
    super.begin();
    this.levelEnd = this.fingerprints.size;
  }

  protected work(): void {
    const queue = this.queue;
    for (;;) {
      if (this.done) return;
      if (queue.size === 0) {
        this.finish({ kind: 'ok', stats: this.stats() });
        return;
      }
      if (this.tick()) return;
      const state = queue.dequeue() as S;
      const id = this.nextId++;
      if (id >= this.levelEnd) {
        this.level++;
        this.levelEnd = this.fingerprints.size;
      }
      this.expand(state, id, this.level);
    }
  }
}
