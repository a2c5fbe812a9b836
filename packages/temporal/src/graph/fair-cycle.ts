import { stronglyConnectedComponents } from './scc.js';

/**
 * A small explicit graph over local ids `0 .. n - 1` (one strongly connected piece of a system
 * graph or of a product), with optional acceptance marks per edge. The fairness and cycle
 * routines below work on it so the CTL and LTL checkers share one implementation.
 */
export interface LocalGraph {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Acceptance marks per edge (bit j: the edge is in acceptance set j). */
  readonly acc?: Uint32Array;
}

/** One fairness constraint evaluated on a local graph: `enabled` per state, `taken` per edge (0/1). */
export interface LocalConstraint {
  readonly enabled: Uint8Array;
  readonly taken: Uint8Array;
}

export interface LocalFairness {
  /** WF: if every state of the cycle is enabled, some edge of it is taken (◇□enabled ⇒ □◇taken). */
  readonly weak: readonly LocalConstraint[];
  /** SF: if some state of the cycle is enabled, some edge of it is taken (□◇enabled ⇒ □◇taken). */
  readonly strong: readonly LocalConstraint[];
}

export const NO_FAIRNESS: LocalFairness = { weak: [], strong: [] };

/**
 * The fair accepting strongly connected pieces of a local graph: sets of states, each strongly
 * connected with at least one internal edge, whose internal edges cover every acceptance set in
 * `allAcc` and meet every fairness constraint. Strong fairness needs refinement (the classic
 * Streett emptiness check): a component with enabled states but no taken edge cannot hold a fair
 * cycle through its enabled states, so those are removed and what remains is decomposed again.
 * Weak fairness needs none: the cycle through a whole component passes a disabled state if any.
 */
export function fairComponents(
  g: LocalGraph,
  allAcc: number,
  fairness: LocalFairness,
  firstOnly: boolean,
  initialMask?: Uint8Array,
  /** The states (all, or those of `initialMask`) are known to be one SCC: skip the first decomposition. */
  stronglyConnected = false,
): Int32Array[] {
  const { n, offsets, targets } = g;
  const found: Int32Array[] = [];
  const mask = new Uint8Array(n);
  const start: number[] = [];
  for (let s = 0; s < n; s++) if (!initialMask || initialMask[s]) start.push(s);
  const work: Int32Array[] = [Int32Array.from(start)];
  const nw = fairness.weak.length;
  const ns = fairness.strong.length;
  let known = stronglyConnected;
  while (work.length > 0) {
    const set = work.pop()!;
    let count = 1;
    let component: Int32Array;
    if (known) {
      component = new Int32Array(n).fill(-1);
      for (let i = 0; i < set.length; i++) component[set[i]] = 0;
      known = false;
    } else {
      for (let i = 0; i < set.length; i++) mask[set[i]] = 1;
      ({ count, component } = stronglyConnectedComponents(n, offsets, targets, mask, set));
      for (let i = 0; i < set.length; i++) mask[set[i]] = 0;
    }
    const groups: ArrayLike<number>[] =
      count === 1 ? [set] : Array.from({ length: count }, () => [] as number[]);
    if (count > 1) for (let i = 0; i < set.length; i++) (groups[component[set[i]]] as number[]).push(set[i]);
    for (let c = 0; c < count; c++) {
      const members = groups[c];
      let hasEdge = false;
      let acc = 0;
      const wfAll = new Array<boolean>(nw).fill(true);
      const wfTaken = new Array<boolean>(nw).fill(false);
      const sfAny = new Array<boolean>(ns).fill(false);
      const sfTaken = new Array<boolean>(ns).fill(false);
      for (let mi = 0; mi < members.length; mi++) {
        const s = members[mi];
        for (let k = 0; k < nw; k++) if (!fairness.weak[k].enabled[s]) wfAll[k] = false;
        for (let k = 0; k < ns; k++) if (fairness.strong[k].enabled[s]) sfAny[k] = true;
        for (let e = offsets[s]; e < offsets[s + 1]; e++) {
          if (component[targets[e]] !== c) continue;
          hasEdge = true;
          if (g.acc) acc |= g.acc[e];
          for (let k = 0; k < nw; k++) if (fairness.weak[k].taken[e]) wfTaken[k] = true;
          for (let k = 0; k < ns; k++) if (fairness.strong[k].taken[e]) sfTaken[k] = true;
        }
      }
      if (!hasEdge || (acc & allAcc) >>> 0 !== allAcc >>> 0) continue;
      let weakOk = true;
      for (let k = 0; k < nw; k++) if (wfAll[k] && !wfTaken[k]) weakOk = false;
      if (!weakOk) continue;
      const bad: number[] = [];
      for (let k = 0; k < ns; k++) if (sfAny[k] && !sfTaken[k]) bad.push(k);
      if (bad.length > 0) {
        const rest = Array.from(members).filter((s) => !bad.some((k) => fairness.strong[k].enabled[s]));
        if (rest.length > 0) work.push(Int32Array.from(rest));
        continue;
      }
      found.push(Int32Array.from(members));
      if (firstOnly) return found;
    }
  }
  return found;
}

/** A path in a local graph: `edges[i]` is the local edge leaving `states[i]`. */
export interface LocalPath {
  readonly states: number[];
  readonly edges: number[];
}

/**
 * A short cycle from `start` back to `start` inside `members` (a fair accepting component from
 * `fairComponents`) that passes an edge of every acceptance set and meets every fairness
 * constraint: a self-loop at `start` if one meets everything; otherwise greedily the nearest
 * unmet requirement by breadth-first search, then the shortest way back. With `closing` (a path
 * inside `members` ending in `start`, its last edge entering `start`), the cycle ends with it:
 * the way back leads to its first state (callers use it to end the cycle with the steps
 * that precede `start` in a lasso's prefix, which tidying then folds into the cycle).
 */
export function fairCycle(
  g: LocalGraph,
  members: ArrayLike<number>,
  start: number,
  allAcc: number,
  fairness: LocalFairness,
  closing?: LocalPath,
): LocalPath {
  const { n, offsets, targets } = g;
  const inC = new Uint8Array(n);
  for (let i = 0; i < members.length; i++) inC[members[i]] = 1;
  // Requirements: an edge with acceptance bit j; a taken edge; a state that is not enabled.
  type Req =
    | { kind: 'acc'; bit: number }
    | { kind: 'taken'; c: LocalConstraint }
    | { kind: 'off'; c: LocalConstraint };
  const reqs: Req[] = [];
  for (let j = 0; j < 32; j++) if ((allAcc >>> j) & 1) reqs.push({ kind: 'acc', bit: j });
  const anyTaken = (c: LocalConstraint): boolean => {
    for (let i = 0; i < members.length; i++) {
      const s = members[i];
      for (let e = offsets[s]; e < offsets[s + 1]; e++) if (inC[targets[e]] && c.taken[e]) return true;
    }
    return false;
  };
  for (const c of fairness.weak) {
    let all = true;
    for (let i = 0; i < members.length; i++) if (!c.enabled[members[i]]) all = false;
    reqs.push(all ? { kind: 'taken', c } : { kind: 'off', c });
  }
  for (const c of fairness.strong) {
    let any = false;
    for (let i = 0; i < members.length; i++) if (c.enabled[members[i]]) any = true;
    if (any && anyTaken(c)) reqs.push({ kind: 'taken', c });
  }
  const done = new Array<boolean>(reqs.length).fill(false);
  let remaining = reqs.length;
  const markState = (s: number): void => {
    for (let r = 0; r < reqs.length; r++) {
      const q = reqs[r];
      if (!done[r] && q.kind === 'off' && !q.c.enabled[s]) {
        done[r] = true;
        remaining--;
      }
    }
  };
  const edgeMeets = (r: number, e: number): boolean => {
    const q = reqs[r];
    if (q.kind === 'acc') return g.acc !== undefined && ((g.acc[e] >>> q.bit) & 1) === 1;
    if (q.kind === 'taken') return q.c.taken[e] === 1;
    return false;
  };
  const stateMeets = (r: number, st: number): boolean => {
    const q = reqs[r];
    return q.kind === 'off' && !q.c.enabled[st];
  };
  const markEdge = (e: number): void => {
    for (let r = 0; r < reqs.length; r++) {
      if (!done[r] && edgeMeets(r, e)) {
        done[r] = true;
        remaining--;
      }
    }
  };
  if (!closing || closing.edges.length === 0) {
    // A one-step cycle is as short as a cycle gets: a self-loop at `start` that meets everything.
    for (let e = offsets[start]; e < offsets[start + 1]; e++) {
      if (targets[e] !== start) continue;
      const acc = g.acc ? g.acc[e] : 0;
      if ((acc & allAcc) >>> 0 !== allAcc >>> 0) continue;
      const meets = (c: LocalConstraint): boolean => !c.enabled[start] || c.taken[e] === 1;
      if (fairness.weak.every(meets) && fairness.strong.every(meets)) return { states: [start], edges: [e] };
    }
  }
  const exact = shortestFairCycle(g, members, start, reqs.length, stateMeets, edgeMeets, closing);
  if (exact) return exact;

  const states: number[] = [];
  const edges: number[] = [];
  const parentEdge = new Int32Array(n);
  const parentState = new Int32Array(n);
  const seen = new Int32Array(n);
  let stamp = 0;
  const queue = new Int32Array(n);
  let cur = start;
  markState(start);
  const hasTail = closing !== undefined && closing.edges.length > 0;
  const tailStart = hasTail ? closing.states[0] : start;
  if (hasTail) {
    for (let i = 0; i < closing.edges.length; i++) {
      markState(closing.states[i]);
      markEdge(closing.edges[i]);
    }
  }

  // Breadth-first from `cur`; stops at the first state or edge `accept` takes. Appends the walk.
  const walk = (acceptState: (s: number) => boolean, acceptEdge: (e: number) => boolean): boolean => {
    stamp++;
    let head = 0;
    let tail = 0;
    queue[tail++] = cur;
    seen[cur] = stamp;
    parentEdge[cur] = -1;
    let endState = -1;
    let lastEdge = -1;
    search: while (head < tail) {
      const v = queue[head++];
      if (v !== cur && acceptState(v)) {
        endState = v;
        break;
      }
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const w = targets[e];
        if (!inC[w]) continue;
        if (acceptEdge(e)) {
          endState = v;
          lastEdge = e;
          break search;
        }
        if (seen[w] !== stamp) {
          seen[w] = stamp;
          parentEdge[w] = e;
          parentState[w] = v;
          queue[tail++] = w;
        }
      }
    }
    if (endState < 0) return false;
    const rev: number[] = [];
    for (let v = endState; v !== cur; v = parentState[v]) rev.push(parentEdge[v]);
    let at = cur;
    for (let i = rev.length - 1; i >= 0; i--) {
      const e = rev[i];
      states.push(at);
      edges.push(e);
      markEdge(e);
      at = targets[e];
      markState(at);
    }
    if (lastEdge >= 0) {
      states.push(at);
      edges.push(lastEdge);
      markEdge(lastEdge);
      at = targets[lastEdge];
      markState(at);
    }
    cur = at;
    return true;
  };

  while (remaining > 0) {
    const progressed = walk(
      (s) => reqs.some((q, r) => !done[r] && q.kind === 'off' && !q.c.enabled[s]),
      (e) => reqs.some((_, r) => !done[r] && edgeMeets(r, e)),
    );
    if (!progressed) break; // cannot happen for a component fairComponents returned
  }
  if (hasTail) {
    if (cur !== tailStart)
      walk(
        (s) => s === tailStart,
        () => false,
      );
    for (let i = 0; i < closing!.edges.length; i++) {
      states.push(closing!.states[i]);
      edges.push(closing!.edges[i]);
    }
  } else if (cur !== start || edges.length === 0) {
    walk(
      () => false,
      (e) => targets[e] === start,
    );
  }
  return { states, edges };
}

/** Above this many (state, requirements met) pairs the cycle is built greedily instead. */
const EXACT_CYCLE_BUDGET = 1 << 22;

/**
 * The shortest cycle through `start` inside `members` that meets every requirement (an edge of
 * each acceptance set, a taken edge or a disabled state for each fairness constraint): breadth
 * first over pairs (state, set of requirements met so far), so it costs the component's size
 * times 2^requirements. With `closing`, the cycle is a shortest path to the closing path's first
 * state, then the closing path. Null when over budget (the caller then builds one greedily).
 */
function shortestFairCycle(
  g: LocalGraph,
  members: ArrayLike<number>,
  start: number,
  requirements: number,
  stateMeets: (r: number, s: number) => boolean,
  edgeMeets: (r: number, e: number) => boolean,
  closing?: LocalPath,
): LocalPath | null {
  const m = members.length;
  if (requirements > 16) return null;
  const sets = 1 << requirements;
  if (m * sets > EXACT_CYCLE_BUDGET) return null;
  const { n, offsets, targets } = g;
  const index = new Int32Array(n).fill(-1);
  for (let i = 0; i < m; i++) index[members[i]] = i;
  const full = sets - 1;
  const stateMask = (s: number): number => {
    let mask = 0;
    for (let r = 0; r < requirements; r++) if (stateMeets(r, s)) mask |= 1 << r;
    return mask;
  };
  const edgeMask = (e: number): number => {
    let mask = 0;
    for (let r = 0; r < requirements; r++) if (edgeMeets(r, e)) mask |= 1 << r;
    return mask;
  };
  const hasTail = closing !== undefined && closing.edges.length > 0;
  let initial = stateMask(start);
  if (hasTail) {
    for (let i = 0; i < closing.edges.length; i++)
      initial |= stateMask(closing.states[i]) | edgeMask(closing.edges[i]);
  }
  const target = hasTail ? closing.states[0] : start;
  const tail = (): LocalPath => ({ states: [...closing!.states], edges: [...closing!.edges] });
  if (hasTail && target === start && initial === full) return tail();
  // Pair (state i, mask) is node i * sets + mask; parents give the way back.
  const parentNode = new Int32Array(m * sets).fill(-1);
  const parentEdge = new Int32Array(m * sets);
  const queue = new Int32Array(m * sets);
  let head = 0;
  let qtail = 0;
  const root = index[start] * sets + initial;
  parentNode[root] = root;
  queue[qtail++] = root;
  while (head < qtail) {
    const node = queue[head++];
    const v = members[(node / sets) | 0];
    const mask = node % sets;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const w = targets[e];
      const wi = index[w];
      if (wi < 0) continue;
      const next = mask | edgeMask(e) | stateMask(w);
      if (w === target && next === full) {
        const states: number[] = [v];
        const edges: number[] = [e];
        for (let at = node; at !== root; at = parentNode[at]) {
          edges.push(parentEdge[at]);
          states.push(members[(parentNode[at] / sets) | 0]);
        }
        states.reverse();
        edges.reverse();
        if (!hasTail) return { states, edges };
        const rest = tail();
        return { states: [...states, ...rest.states], edges: [...edges, ...rest.edges] };
      }
      const id = wi * sets + next;
      if (parentNode[id] !== -1) continue;
      parentNode[id] = node;
      parentEdge[id] = e;
      queue[qtail++] = id;
    }
  }
  return null;
}

/** Shortest path inside `allowed` (0/1 per state) from any of `sources` to a state with `goal[s]`; null if none. */
export function shortestPath(
  g: LocalGraph,
  sources: ArrayLike<number>,
  goal: (s: number) => boolean,
  allowed?: Uint8Array,
): LocalPath | null {
  const { n, offsets, targets } = g;
  const parentEdge = new Int32Array(n).fill(-2);
  const parentState = new Int32Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i];
    if (parentEdge[s] !== -2 || (allowed && !allowed[s])) continue;
    parentEdge[s] = -1;
    queue[tail++] = s;
  }
  while (head < tail) {
    const v = queue[head++];
    if (goal(v)) {
      const states: number[] = [];
      const edges: number[] = [];
      for (let w = v; parentEdge[w] !== -1; w = parentState[w]) {
        states.push(parentState[w]);
        edges.push(parentEdge[w]);
      }
      states.reverse();
      edges.reverse();
      states.push(v);
      edges.push(-1);
      return { states, edges };
    }
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const w = targets[e];
      if (parentEdge[w] !== -2 || (allowed && !allowed[w])) continue;
      parentEdge[w] = e;
      parentState[w] = v;
      queue[tail++] = w;
    }
  }
  return null;
}
