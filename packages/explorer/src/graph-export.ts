import type { RenderedValue } from '@modelcheck/core';
import type { MultiDirectedGraph } from 'graphology';
import graphology from 'graphology';
import type { StateGraph } from './state-graph.js';

/** Attributes of a node in the graphology export. */
export interface StateNodeAttributes {
  /** The state as TLC prints it: one `/\ var = value` line per variable. */
  label: string;
  initial: boolean;
  /** Variable name -> JSON value (ITF form). */
  state: Record<string, unknown>;
  [key: string]: unknown;
}

/** Attributes of an edge in the graphology export. */
export interface StateEdgeAttributes {
  action: string;
  actionIndex: number;
  [key: string]: unknown;
}

/** The state in TLC's layout, one conjunct per variable. */
export function stateLabel(
  variables: readonly string[],
  state: Readonly<Record<string, RenderedValue>>,
): string {
  const names = variables.length > 0 ? variables : Object.keys(state);
  return names.map((name) => `/\\ ${name} = ${state[name]?.text ?? '?'}`).join('\n');
}

function stateJson(state: Readonly<Record<string, RenderedValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(state)) out[name] = value.json;
  return out;
}

/**
 * The graph as a graphology `MultiDirectedGraph` (two actions may link the same two states; self
 * loops are allowed). Node keys are the state ids as strings.
 */
export function stateGraphToGraphology(
  graph: StateGraph,
): MultiDirectedGraph<StateNodeAttributes, StateEdgeAttributes> {
  const g = new graphology.MultiDirectedGraph<StateNodeAttributes, StateEdgeAttributes>({
    allowSelfLoops: true,
  });
  for (const node of graph.nodes) {
    g.addNode(String(node.id), {
      label: stateLabel(graph.variables, node.state),
      initial: node.initial,
      state: stateJson(node.state),
    });
  }
  for (const edge of graph.edges) {
    g.addEdge(String(edge.from), String(edge.to), { action: edge.action, actionIndex: edge.actionIndex });
  }
  return g;
}

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/**
 * The graph in Graphviz DOT, in the spirit of TLC's `-dump dot`: each node labelled with the state,
 * initial states filled, each edge labelled with its action.
 */
export function stateGraphToDot(graph: StateGraph, name = 'StateGraph'): string {
  const lines = [`digraph ${dotString(name)} {`, '  node [shape=box, fontname="monospace"];'];
  for (const node of graph.nodes) {
    const style = node.initial ? ', style=filled' : '';
    lines.push(`  ${node.id} [label=${dotString(stateLabel(graph.variables, node.state))}${style}];`);
  }
  for (const edge of graph.edges) {
    lines.push(`  ${edge.from} -> ${edge.to} [label=${dotString(edge.action)}];`);
  }
  if (graph.truncated) lines.push('  // truncated: the graph was larger than the caps');
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The JSON form: states as ITF-style JSON values, edges by state id. */
export interface StateGraphJson {
  readonly variables: readonly string[];
  readonly nodes: readonly { id: number; initial: boolean; state: Record<string, unknown> }[];
  readonly edges: readonly { from: number; to: number; action: string }[];
  readonly truncated: boolean;
}

export function stateGraphToJson(graph: StateGraph): StateGraphJson {
  return {
    variables: [...graph.variables],
    nodes: graph.nodes.map((node) => ({ id: node.id, initial: node.initial, state: stateJson(node.state) })),
    edges: graph.edges.map((edge) => ({ from: edge.from, to: edge.to, action: edge.action })),
    truncated: graph.truncated,
  };
}
