import type { RenderedValue, TransitionSystem } from '@modelcheck/core';
import type { ExplorationObserver } from './options.js';

export interface StateGraphNode {
  /** The explorer's state id. */
  readonly id: number;
  readonly initial: boolean;
  readonly state: Readonly<Record<string, RenderedValue>>;
}

export interface StateGraphEdge {
  readonly from: number;
  readonly to: number;
  /** The action's name (`TransitionSystem.actions[actionIndex].name`). */
  readonly action: string;
  readonly actionIndex: number;
}

/** A small state graph as plain data: what the DOT, JSON and graphology exports are made from. */
export interface StateGraph {
  readonly variables: readonly string[];
  readonly nodes: readonly StateGraphNode[];
  readonly edges: readonly StateGraphEdge[];
  /** Some states or transitions were left out because a cap was reached. */
  readonly truncated: boolean;
}

export interface StateGraphOptions {
  /** Most states kept (default 1000). */
  readonly maxNodes?: number;
  /** Most transitions kept (default 10000). */
  readonly maxEdges?: number;
}

/**
 * Collects the state graph while the explorer runs: pass it as `observer`, then read `graph()`.
 * Renders each state as it is found, so it is meant for small graphs (the caps keep it so); the
 * same transition (from, to, action) generated twice is kept once.
 */
export class StateGraphCollector<S> implements ExplorationObserver<S> {
  private readonly nodes: StateGraphNode[] = [];
  private readonly edges: StateGraphEdge[] = [];
  private readonly kept = new Set<number>();
  private readonly edgeKeys = new Set<string>();
  private readonly maxNodes: number;
  private readonly maxEdges: number;
  private truncated = false;

  constructor(
    private readonly system: TransitionSystem<S>,
    options: StateGraphOptions = {},
  ) {
    this.maxNodes = options.maxNodes ?? 1000;
    this.maxEdges = options.maxEdges ?? 10000;
  }

  onState(id: number, state: S, initial: boolean): void {
    if (this.nodes.length >= this.maxNodes) {
      this.truncated = true;
      return;
    }
    this.kept.add(id);
    this.nodes.push({ id, initial, state: this.system.render(state) });
  }

  onEdge(from: number, to: number, action: number): void {
    if (!this.kept.has(from) || !this.kept.has(to)) {
      this.truncated = true;
      return;
    }
    const key = `${from},${to},${action}`;
    if (this.edgeKeys.has(key)) return;
    if (this.edges.length >= this.maxEdges) {
      this.truncated = true;
      return;
    }
    this.edgeKeys.add(key);
    const name = this.system.actions[action]?.name ?? `action ${action}`;
    this.edges.push({ from, to, action: name, actionIndex: action });
  }

  graph(): StateGraph {
    return {
      variables: this.system.variables,
      nodes: [...this.nodes],
      edges: [...this.edges],
      truncated: this.truncated,
    };
  }
}
