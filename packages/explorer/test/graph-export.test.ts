import { describe, expect, it } from 'vitest';
import {
  explore,
  StateGraphCollector,
  stateGraphToDot,
  stateGraphToGraphology,
  stateGraphToJson,
} from '../src/index.js';
import { counter, toSystem, twoCounters } from './support/toy-systems.js';

describe('state graph export', () => {
  const system = toSystem(twoCounters(2));
  const collector = new StateGraphCollector(system);
  explore(system, { observer: collector });
  const graph = collector.graph();

  it('collects nodes and edges with ids, actions and rendered states', () => {
    expect(graph.truncated).toBe(false);
    expect(graph.nodes.map((n) => n.id)).toEqual([0, 1, 2, 3]);
    expect(graph.nodes[0]).toEqual({
      id: 0,
      initial: true,
      state: { a: { text: '0', json: 0 }, b: { text: '0', json: 0 } },
    });
    expect(graph.nodes.filter((n) => n.initial)).toHaveLength(1);
    expect(graph.edges).toHaveLength(8);
    expect(graph.edges[0]).toEqual({ from: 0, to: 1, action: 'IncA', actionIndex: 0 });
  });

  it('exports DOT', () => {
    const dot = stateGraphToDot(graph);
    expect(dot.startsWith('digraph "StateGraph" {')).toBe(true);
    expect(dot).toContain('0 [label="/\\\\ a = 0\\n/\\\\ b = 0", style=filled];');
    expect(dot).toContain('0 -> 1 [label="IncA"];');
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });

  it('exports JSON', () => {
    const json = stateGraphToJson(graph);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.nodes[1]).toEqual({ id: 1, initial: false, state: { a: 1, b: 0 } });
    expect(json.edges).toContainEqual({ from: 2, to: 0, action: 'IncB' });
  });

  it('exports a graphology graph', () => {
    const g = stateGraphToGraphology(graph);
    expect(g.order).toBe(4);
    expect(g.size).toBe(8);
    expect(g.getNodeAttribute('0', 'initial')).toBe(true);
    expect(g.getNodeAttribute('1', 'label')).toBe('/\\ a = 1\n/\\ b = 0');
    expect(g.outDegree('0')).toBe(2);
    expect(g.outEdges('0', '1').map((e) => g.getEdgeAttribute(e, 'action'))).toEqual(['IncA']);
  });

  it('stops at its caps and says so', () => {
    const big = toSystem(counter(100));
    const capped = new StateGraphCollector(big, { maxNodes: 5 });
    explore(big, { observer: capped, checkDeadlock: false });
    const g = capped.graph();
    expect(g.truncated).toBe(true);
    expect(g.nodes).toHaveLength(5);
    expect(g.edges).toHaveLength(4);
    expect(stateGraphToDot(g)).toContain('truncated');
  });
});
