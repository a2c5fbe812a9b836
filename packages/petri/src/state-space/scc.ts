/**
 * Strongly connected components of a graph in CSR form (iterative Tarjan: no recursion, so a
 * million-marking graph does not overflow the stack). Components are numbered in the order Tarjan
 * closes them, which is a reverse topological order: a component's successors have smaller numbers.
 */
export interface Components {
  readonly count: number;
  /** Component of each node. */
  readonly of: Int32Array;
  /** Whether no edge leaves the component (a bottom SCC). */
  readonly bottom: Uint8Array;
}

export function stronglyConnectedComponents(
  nodes: number,
  edgeStart: Uint32Array,
  edgeTarget: Uint32Array,
): Components {
  const index = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  const of = new Int32Array(nodes).fill(-1);
  const onStack = new Uint8Array(nodes);
  const stack = new Int32Array(nodes);
  let sp = 0;
  const callNode = new Int32Array(nodes);
  const callEdge = new Uint32Array(nodes);
  let next = 0;
  let count = 0;
  for (let root = 0; root < nodes; root++) {
    if (index[root] >= 0) continue;
    let depth = 0;
    callNode[0] = root;
    callEdge[0] = edgeStart[root];
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      const e = callEdge[depth];
      if (e < edgeStart[v + 1]) {
        callEdge[depth] = e + 1;
        const w = edgeTarget[e];
        if (index[w] < 0) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callEdge[depth] = edgeStart[w];
        } else if (onStack[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp];
          onStack[w] = 0;
          of[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const u = callNode[depth];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  const bottom = new Uint8Array(count).fill(1);
  for (let v = 0; v < nodes; v++) {
    for (let e = edgeStart[v]; e < edgeStart[v + 1]; e++) {
      if (of[edgeTarget[e]] !== of[v]) {
        bottom[of[v]] = 0;
        break;
      }
    }
  }
  return { count, of, bottom };
}
