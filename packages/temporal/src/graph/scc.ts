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
 * Strongly connected components by Pearce's space-efficient variant of Tarjan's algorithm
 * ("A space-efficient algorithm for finding strongly connected components", 2016), iteratively
 * (explicit call stack in typed arrays: graphs reach millions of states, far past the JavaScript
 * stack). One array, `rindex`, holds a state's DFS index while it is open and its component once
 * closed, so an edge costs one random read instead of Tarjan's three (index, low, component):
 * on random graphs the search is bound by those cache misses. With `mask`, only states `s` with
 * `mask[s] !== 0` and the edges between them are considered. With `roots`, only the states
 * reachable from them are visited.
 */
export function stronglyConnectedComponents(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  mask?: Uint8Array,
  roots?: ArrayLike<number>,
): SccResult {
  // rindex: 0 unvisited; 1.. the open index (minimum reachable so far); closed components are
  // numbered downward from n + 1, above every open index (at most n are open at once).
  const rindex = new Int32Array(n);
  const stack = new Int32Array(n);
  const call = new Int32Array(n);
  const cursor = new Int32Array(n);
  const isRoot = new Uint8Array(n);
  let sp = 0;
  let index = 1;
  let c = n + 1;
  const rootCount = roots ? roots.length : n;
  for (let r = 0; r < rootCount; r++) {
    const root = roots ? roots[r] : r;
    if (rindex[root] !== 0 || (mask && mask[root] === 0)) continue;
    rindex[root] = index++;
    isRoot[root] = 1;
    call[0] = root;
    cursor[0] = offsets[root];
    let cp = 1;
    while (cp > 0) {
      const v = call[cp - 1];
      let e = cursor[cp - 1];
      const end = offsets[v + 1];
      let descended = false;
      while (e < end) {
        const w = targets[e++];
        if (mask && mask[w] === 0) continue;
        const rw = rindex[w];
        if (rw === 0) {
          cursor[cp - 1] = e;
          rindex[w] = index++;
          isRoot[w] = 1;
          call[cp] = w;
          cursor[cp] = offsets[w];
          cp++;
          descended = true;
          break;
        }
        if (rw < rindex[v]) {
          rindex[v] = rw;
          isRoot[v] = 0;
        }
      }
      if (descended) continue;
      cp--;
      if (isRoot[v]) {
        // v closes a component: itself and the stacked states opened after it.
        const rv = rindex[v];
        index--;
        c--;
        while (sp > 0 && rv <= rindex[stack[sp - 1]]) {
          rindex[stack[--sp]] = c;
          index--;
        }
        rindex[v] = c;
      } else {
        stack[sp++] = v;
      }
      if (cp > 0) {
        const u = call[cp - 1];
        if (rindex[v] < rindex[u]) {
          rindex[u] = rindex[v];
          isRoot[u] = 0;
        }
      }
    }
  }
  // Components were numbered downward from n, in the order they closed: sinks first.
  const component = new Int32Array(n);
  for (let s = 0; s < n; s++) component[s] = rindex[s] === 0 ? -1 : n - rindex[s];
  return { count: n + 1 - c, component };
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
