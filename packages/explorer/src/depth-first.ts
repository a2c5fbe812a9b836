import type { TransitionSystem } from '@modelcheck/core';
import { GraphSearch } from './graph-search.js';
import type { ExploreOptions } from './options.js';
import { PagedArray } from './paged-array.js';

/**
 * Depth-first search with an optional depth bound (an initial state has depth 1; states at the bound
 * are not expanded). Unbounded, it visits the same distinct states as breadth-first search with less
 * frontier on wide graphs, but its counterexamples are not shortest and its depth is the depth of its
 * search tree.
 *
 * With a bound, a state first met deep in the tree and later met higher up is expanded again from
 * the higher place (TLC's DFID keeps each state's level for the same reason), so every state within
 * the bound is reached; this needs the depth of every state (4 more bytes per state, only when
 * bounded).
 */
export class DepthFirstSearch<S> extends GraphSearch<S> {
  protected readonly phaseName = 'depth-first';
  private readonly bound: number;
  private readonly depths: PagedArray<Int32Array> | undefined;
  private readonly stackStates: S[] = [];
  private readonly stackIds: number[] = [];
  private readonly stackDepths: number[] = [];
  // Successors found by one expansion, pushed in reverse so the first one is explored first.
  private readonly pendingStates: S[] = [];
  private readonly pendingIds: number[] = [];
  private readonly pendingDepths: number[] = [];

  constructor(system: TransitionSystem<S>, options: ExploreOptions<S>) {
    super(system, options);
    this.bound = options.maxDepth ?? Number.POSITIVE_INFINITY;
    this.depths = Number.isFinite(this.bound) ? new PagedArray((n) => new Int32Array(n)) : undefined;
  }

  protected frontierSize(): number {
    return this.stackStates.length + this.pendingStates.length;
  }

  protected schedule(state: S, id: number, depth: number): void {
    this.depths?.set(id, depth);
    this.pendingStates.push(state);
    this.pendingIds.push(id);
    this.pendingDepths.push(depth);
  }

  protected revisit(state: S, id: number, action: number): void {
    const depths = this.depths;
    if (depths === undefined) return;
    const depth = this.currentDepth + 1;
    if (depths.get(id) <= depth) return;
    depths.set(id, depth);
    this.traces.record(id, this.currentId, action);
    this.pendingStates.push(state);
    this.pendingIds.push(id);
    this.pendingDepths.push(depth);
  }

  protected override begin(): void {
    super.begin();
    this.flushPending();
  }

  protected work(): void {
    const states = this.stackStates;
    for (;;) {
      if (this.done) return;
      if (states.length === 0) {
        this.finish({ kind: 'ok', stats: this.stats() });
        return;
      }
      if (this.tick()) return;
      const state = states.pop() as S;
      const id = this.stackIds.pop() as number;
      const depth = this.stackDepths.pop() as number;
      if (this.depths !== undefined && this.depths.get(id) < depth) continue; // met again higher up since
      if (depth >= this.bound) continue;
      this.expand(state, id, depth);
      this.flushPending();
    }
  }

  private flushPending(): void {
    const states = this.pendingStates;
    for (let i = states.length - 1; i >= 0; i--) {
      this.stackStates.push(states[i]);
      this.stackIds.push(this.pendingIds[i]);
      this.stackDepths.push(this.pendingDepths[i]);
    }
    states.length = 0;
    this.pendingIds.length = 0;
    this.pendingDepths.length = 0;
  }
}
