/**
 * The state graph for the graph view: the same exploration as a run (the model's constraints and
 * invariants), with the explorer's `StateGraphCollector` as observer, each state's invariants
 * evaluated, and a layout computed here in the worker so the page never spends long on it.
 */

import {
  type ExplorationObserver,
  Explorer,
  StateGraphCollector,
  stateGraphToGraphology,
} from '@modelcheck/explorer';
import type { TlaModel, TlaState } from '@modelcheck/tla';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import type { GraphData, GraphNode } from './protocol.js';

// A CommonJS package: TypeScript (NodeNext) sees the module object, the bundler the function.
type Layout = (typeof forceAtlas2Module)['default'];
const forceAtlas2: Layout =
  (forceAtlas2Module as unknown as { default?: Layout }).default ?? (forceAtlas2Module as unknown as Layout);

export function buildStateGraph(model: TlaModel, maxStates: number): GraphData {
  const system = model.system;
  const collector = new StateGraphCollector(system, { maxNodes: maxStates, maxEdges: maxStates * 8 });
  const verdicts = new Map<number, (boolean | null)[]>();
  const observer: ExplorationObserver<TlaState> = {
    onState(id, state, initial) {
      collector.onState(id, state, initial);
      if (verdicts.size >= maxStates) return;
      verdicts.set(
        id,
        model.invariants.map((inv) => {
          try {
            return inv.check(state);
          } catch {
            return null;
          }
        }),
      );
    },
    onEdge(from, to, action) {
      collector.onEdge(from, to, action);
    },
  };
  // No invariants or deadlock here: the graph shows every reachable state, violations included
  // (they are coloured), so the picture does not stop at the first counterexample.
  const explorer = new Explorer(system, {
    checkDeadlock: false,
    stateConstraint: model.stateConstraint,
    actionConstraint: model.actionConstraint,
    maxStates,
    maxSeconds: 20,
    observer,
  });
  const result = explorer.run();
  const graph = collector.graph();
  const g = stateGraphToGraphology(graph);
  // Start from a layered picture (x = breadth-first level), which ForceAtlas2 then relaxes.
  const level = new Map<number, number>();
  const queue: number[] = [];
  for (const n of graph.nodes)
    if (n.initial) {
      level.set(n.id, 0);
      queue.push(n.id);
    }
  const out = new Map<number, number[]>();
  for (const e of graph.edges) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  for (let i = 0; i < queue.length; i++) {
    const d = level.get(queue[i]) ?? 0;
    for (const t of out.get(queue[i]) ?? [])
      if (!level.has(t)) {
        level.set(t, d + 1);
        queue.push(t);
      }
  }
  const perLevel = new Map<number, number>();
  g.forEachNode((key) => {
    const d = level.get(Number(key)) ?? 0;
    const k = perLevel.get(d) ?? 0;
    perLevel.set(d, k + 1);
    g.setNodeAttribute(key, 'x', d * 10);
    g.setNodeAttribute(key, 'y', k * 10 * (k % 2 === 0 ? 1 : -1));
  });
  const n = graph.nodes.length;
  const positions =
    n > 1
      ? forceAtlas2(g, {
          iterations: n > 2000 ? 60 : n > 300 ? 120 : 300,
          settings: { ...forceAtlas2.inferSettings(g), barnesHutOptimize: n > 400 },
        })
      : {};
  const nodes: GraphNode[] = graph.nodes.map((node) => {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(node.state)) values[k] = v.text;
    const p = positions[String(node.id)] ?? { x: 0, y: 0 };
    return {
      id: node.id,
      initial: node.initial,
      values,
      invariants: verdicts.get(node.id) ?? [],
      x: p.x,
      y: p.y,
    };
  });
  const stopped = result.kind === 'stopped' || graph.truncated;
  return {
    variables: graph.variables,
    invariants: model.invariants.map((i) => i.name),
    nodes,
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to, action: e.action })),
    truncated: stopped,
    message:
      result.kind === 'error'
        ? `The exploration stopped at an evaluation error: ${result.diagnostics[0]?.message ?? ''}`
        : stopped
          ? `Only the first ${graph.nodes.length} states are drawn (the graph view stops at ${maxStates}).`
          : undefined,
  };
}
