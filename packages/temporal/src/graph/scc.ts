export interface SccResult {
  /** Number of components. */
  readonly count: number;
  /**
   * Component of each state, -1 for states outside the mask or not reached. Components are
   * numbered in the order Tarjan's algorithm completes them: reverse topological, sinks first.
   */
  readonly component: Int32Array;
}

/**
 * Strongly connected components by Tarjan's algorithm, iteratively (explicit call stack in typed
 * arrays: graphs reach millions of states, far past the JavaScript stack). With `mask`, only
 * states `s` with `mask[s] !== 0` and the edges between them are considered. With `roots`, only
 * the states reachable from them are visited.
 */
export function stronglyConnectedComponents(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  mask?: Uint8Array,
  roots?: ArrayLike<number>,
): SccResult {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const call = new Int32Array(n);
  const cursor = new Int32Array(n);
  let sp = 0;
  let counter = 0;
  let count = 0;
  const rootCount = roots ? roots.length : n;
  for (let r = 0; r < rootCount; r++) {
    const root = roots ? roots[r] : r;
    if (index[root] >= 0 || (mask && mask[root] === 0)) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    call[0] = root;
    cursor[0] = offsets[root];
    let cp = 1;
    while (cp > 0) {
      const v = call[cp - 1];
      const e = cursor[cp - 1];
      if (e < offsets[v + 1]) {
        cursor[cp - 1] = e + 1;
        const w = targets[e];
        if (mask && mask[w] === 0) continue;
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          call[cp] = w;
          cursor[cp] = offsets[w];
          cp++;
        } else if (component[w] < 0 && index[w] < low[v]) {
          // On the stack (visited, no component yet): part of v's component.
          low[v] = index[w];
        }
        continue;
      }
      cp--;
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp];
          component[w] = count;
        } while (w !== v);
        count++;
      }
      if (cp > 0) {
        const u = call[cp - 1];
        if (low[v] < low[u]) low[u] = low[v];
      }
    }
  }
  return { count, component };
}

/** States grouped by component: members of component c are `members[start[c] .. start[c + 1])`. */
export function componentMembers(scc: SccResult): { start: Int32Array; members: Int32Array } {
  const { count, component } = scc;
  const start = new Int32Array(count + 1);
  let total = 0;
  for (let s = 0; s < component.length; s++) {
    const c = component[s];
    if (c >= 0) {
      start[c + 1]++;
      total++;
    }
  }
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const fill = start.slice(0, count);
  const members = new Int32Array(total);
  for (let s = 0; s < component.length; s++) {
    const c = component[s];
    if (c >= 0) members[fill[c]++] = s;
  }
  return { start, members };
}
