import { type Bitset, complement, fullBitset, hasBit, newBitset, setBit } from '../graph/bitset.js';
import {
  fairComponents,
  fairCycle,
  type LocalFairness,
  type LocalGraph,
  NO_FAIRNESS,
} from '../graph/fair-cycle.js';
import {
  type DeadlockMode,
  type KripkeGraph,
  type ReverseGraph,
  reverseGraph,
  STUTTER_EDGE,
} from '../graph/kripke.js';
import { componentMembers, stronglyConnectedComponents } from '../graph/scc.js';
import type { FairnessConstraint, LassoStep, TemporalLasso } from '../model.js';

/** Raised inside the labelling loops when `shouldStop` says so; turned into a `stopped` result. */
export class StopSignal extends Error {}

export interface CtlGraphOptions {
  readonly deadlock: DeadlockMode;
  readonly stutterEverywhere: boolean;
  readonly fairness: readonly FairnessConstraint[];
  readonly shouldStop?: () => boolean;
}

/**
 * The graph as CTL sees it: stuttering self-loops where the options put them (edge id -1, never
 * stored), fairness constraints evaluated once into byte arrays, and the three base operators
 * EX, EU and EG (fair or not) over bitsets. Everything else is derived from them.
 */
export class CtlGraph {
  readonly n: number;
  private reverse: ReverseGraph | undefined;
  /** 1 where a state has a stuttering self-loop (dead in `stutter` mode, or everywhere). */
  readonly stutters: Uint8Array;
  /** 1 where a state has no successor (before stuttering is added). */
  readonly dead: Uint8Array;
  private readonly weak: { enabled: Uint8Array; taken: Uint8Array; stutterTaken: Uint8Array }[] = [];
  private readonly strong: { enabled: Uint8Array; taken: Uint8Array; stutterTaken: Uint8Array }[] = [];
  private fairCache: Bitset | undefined;
  private ticks = 0;

  constructor(
    readonly graph: KripkeGraph,
    readonly options: CtlGraphOptions,
  ) {
    const n = graph.stateCount;
    this.n = n;
    const { offsets } = graph;
    this.dead = new Uint8Array(n);
    this.stutters = new Uint8Array(n);
    for (let s = 0; s < n; s++) {
      const isDead = offsets[s + 1] === offsets[s];
      if (isDead) this.dead[s] = 1;
      if (options.stutterEverywhere || (isDead && options.deadlock === 'stutter')) this.stutters[s] = 1;
    }
    for (const c of options.fairness) {
      const enabled = new Uint8Array(n);
      const taken = new Uint8Array(graph.targets.length);
      const stutterTaken = new Uint8Array(n);
      for (let s = 0; s < n; s++) {
        if (c.enabled(s)) enabled[s] = 1;
        if (this.stutters[s] && c.taken(s, s, STUTTER_EDGE)) stutterTaken[s] = 1;
        for (let e = offsets[s]; e < offsets[s + 1]; e++) if (c.taken(s, graph.targets[e], e)) taken[e] = 1;
      }
      (c.kind === 'weak' ? this.weak : this.strong).push({ enabled, taken, stutterTaken });
    }
  }

  get hasFairness(): boolean {
    return this.weak.length + this.strong.length > 0;
  }

  tick(): void {
    if ((++this.ticks & 0x3fff) === 0 && this.options.shouldStop?.()) throw new StopSignal();
  }

  checkStop(): void {
    if (this.options.shouldStop?.()) throw new StopSignal();
  }

  private rev(): ReverseGraph {
    if (!this.reverse) this.reverse = reverseGraph(this.graph);
    return this.reverse;
  }

  /** States from which some fair behaviour starts (all states without fairness, stuttering or finite paths). */
  fair(): Bitset {
    if (!this.fairCache) {
      this.fairCache = this.hasFairness ? this.egFair(fullBitset(this.n)) : fullBitset(this.n);
    }
    return this.fairCache;
  }

  /** EX x: some successor (in a fair behaviour) is in x. */
  ex(x: Bitset): Bitset {
    const target = this.hasFairness ? this.and(x, this.fair()) : x;
    const { offsets, targets } = this.graph;
    const out = newBitset(this.n);
    for (let s = 0; s < this.n; s++) {
      let yes = this.stutters[s] === 1 && hasBit(target, s);
      for (let e = offsets[s], end = offsets[s + 1]; !yes && e < end; e++) {
        const t = targets[e];
        if ((target[t >>> 5] & (1 << (t & 31))) !== 0) yes = true;
      }
      if (yes) out[s >>> 5] |= 1 << (s & 31);
      if ((s & 0xffff) === 0) this.tick();
    }
    return out;
  }

  /** E[a U b]: backward breadth-first from b (fair; `raw`: b as given) through a. */
  eu(a: Bitset, b: Bitset, raw = false): Bitset {
    const goal = this.hasFairness && !raw ? this.and(b, this.fair()) : b;
    const out = goal.slice();
    const { offsets, sources } = this.rev();
    const queue = new Int32Array(this.n);
    let tail = 0;
    for (let w = 0; w < goal.length; w++) {
      let v = goal[w];
      while (v !== 0) {
        queue[tail++] = (w << 5) | (31 - Math.clz32(v & -v));
        v &= v - 1;
      }
    }
    let head = 0;
    while (head < tail) {
      const t = queue[head++];
      for (let i = offsets[t], end = offsets[t + 1]; i < end; i++) {
        const s = sources[i];
        const bit = 1 << (s & 31);
        if ((out[s >>> 5] & bit) !== 0 || (a[s >>> 5] & bit) === 0) continue;
        out[s >>> 5] |= bit;
        queue[tail++] = s;
      }
      if ((head & 0xffff) === 0) this.tick();
    }
    return out;
  }

  /** EG a (over fair behaviours when there are fairness constraints). */
  eg(a: Bitset): Bitset {
    return this.hasFairness ? this.egFair(a) : this.egPlain(a);
  }

  /**
   * EG a without fairness, by counting: a state of `a` stays while it has a successor that
   * stays; states whose count drops to zero leave, and tell their predecessors. Stuttering
   * states always stay (their self-loop); in `finite` mode so do dead states (a maximal path ends there).
   */
  private egPlain(a: Bitset): Bitset {
    const n = this.n;
    const { offsets, targets } = this.graph;
    const out = a.slice();
    const count = new Int32Array(n);
    const queue = new Int32Array(n);
    let tail = 0;
    const finite = this.options.deadlock === 'finite';
    for (let s = 0; s < n; s++) {
      if (!hasBit(a, s)) continue;
      if (this.stutters[s] || (finite && this.dead[s])) {
        count[s] = 1 << 30;
        continue;
      }
      let c = 0;
      for (let e = offsets[s], end = offsets[s + 1]; e < end; e++) {
        const t = targets[e];
        if ((a[t >>> 5] & (1 << (t & 31))) !== 0) c++;
      }
      count[s] = c;
      if (c === 0) {
        out[s >>> 5] &= ~(1 << (s & 31));
        queue[tail++] = s;
      }
    }
    const rev = this.rev();
    let head = 0;
    while (head < tail) {
      const t = queue[head++];
      for (let i = rev.offsets[t], end = rev.offsets[t + 1]; i < end; i++) {
        const s = rev.sources[i];
        const bit = 1 << (s & 31);
        if ((out[s >>> 5] & bit) === 0) continue;
        if (--count[s] === 0) {
          out[s >>> 5] &= ~bit;
          queue[tail++] = s;
        }
      }
      if ((head & 0xffff) === 0) this.tick();
    }
    return out;
  }

  /**
   * Fair EG a, Emerson–Lei style over SCCs: the states of `a` from which, inside `a`, a fair
   * strongly connected piece is reachable (fairness checked per component with Streett refinement
   * for strong fairness), plus, in `finite` mode, dead states of `a` (a maximal finite path is fair).
   */
  private egFair(a: Bitset): Bitset {
    const seeds = this.fairSeeds(a);
    return this.eu(a, seeds.set, true);
  }

  /** The states of `a` that lie in a fair component of `a` (or are dead, in `finite` mode). */
  fairSeeds(
    a: Bitset,
    roots?: ArrayLike<number>,
  ): { set: Bitset; component: Int32Array; componentOf: Int32Array } {
    const n = this.n;
    const mask = new Uint8Array(n);
    for (let s = 0; s < n; s++) if (hasBit(a, s)) mask[s] = 1;
    const { offsets, targets } = this.graph;
    const scc = stronglyConnectedComponents(n, offsets, targets, mask, roots);
    const { start, members } = componentMembers(scc);
    const set = newBitset(n);
    const finite = this.options.deadlock === 'finite';
    // componentOf[s]: the fair piece s belongs to (index into `component` ranges), for witnesses.
    const componentOf = new Int32Array(n).fill(-1);
    const pieces: number[] = [];
    let pieceId = 0;
    for (let c = 0; c < scc.count; c++) {
      const comp = members.subarray(start[c], start[c + 1]);
      if (comp.length === 1 && !this.hasLoop(comp[0])) {
        // A single state without a self-loop: no cycle, nothing to check (most components).
        if (finite && this.dead[comp[0]] && !this.stutters[comp[0]]) setBit(set, comp[0]);
        continue;
      }
      if ((c & 0xff) === 0) this.checkStop();
      const { local, globalState } = this.localGraph(comp);
      const found = fairComponents(local, 0, this.localFairness(local, comp), false, undefined, true);
      for (const piece of found) {
        for (let i = 0; i < piece.length; i++) {
          const s = globalState[piece[i]];
          setBit(set, s);
          componentOf[s] = pieceId;
          pieces.push(s);
        }
        pieces.push(-1);
        pieceId++;
      }
      if (finite) {
        for (let i = 0; i < comp.length; i++)
          if (this.dead[comp[i]] && !this.stutters[comp[i]]) setBit(set, comp[i]);
      }
    }
    return { set, component: Int32Array.from(pieces), componentOf };
  }

  private localFairness(
    local: LocalGraph & { globalEdge: Int32Array; from: Int32Array },
    comp: Int32Array,
  ): LocalFairness {
    if (!this.hasFairness) return NO_FAIRNESS;
    const convert = (c: { enabled: Uint8Array; taken: Uint8Array; stutterTaken: Uint8Array }) => {
      const enabled = new Uint8Array(local.n);
      for (let i = 0; i < local.n; i++) enabled[i] = c.enabled[comp[i]];
      const taken = new Uint8Array(local.targets.length);
      for (let e = 0; e < taken.length; e++) {
        const g = local.globalEdge[e];
        taken[e] = g >= 0 ? c.taken[g] : c.stutterTaken[comp[local.from[e]]];
      }
      return { enabled, taken };
    };
    return { weak: this.weak.map(convert), strong: this.strong.map(convert) };
  }

  private hasLoop(s: number): boolean {
    if (this.stutters[s]) return true;
    const { offsets, targets } = this.graph;
    for (let e = offsets[s]; e < offsets[s + 1]; e++) if (targets[e] === s) return true;
    return false;
  }

  private localIndex: Int32Array | undefined;

  /** The subgraph induced by `states`, stuttering self-loops included (their global edge id is -1). */
  localGraph(states: Int32Array): {
    local: LocalGraph & { globalEdge: Int32Array; from: Int32Array };
    globalState: Int32Array;
  } {
    if (!this.localIndex) this.localIndex = new Int32Array(this.n).fill(-1);
    const idx = this.localIndex;
    for (let i = 0; i < states.length; i++) idx[states[i]] = i;
    const { offsets, targets } = this.graph;
    const loff = new Int32Array(states.length + 1);
    let m = 0;
    for (let i = 0; i < states.length; i++) {
      const s = states[i];
      m += this.stutters[s];
      for (let e = offsets[s]; e < offsets[s + 1]; e++) if (idx[targets[e]] >= 0) m++;
    }
    const lt = new Int32Array(m);
    const ge = new Int32Array(m);
    const from = new Int32Array(m);
    let k = 0;
    for (let i = 0; i < states.length; i++) {
      const s = states[i];
      if (this.stutters[s]) {
        lt[k] = i;
        ge[k] = STUTTER_EDGE;
        from[k++] = i;
      }
      for (let e = offsets[s]; e < offsets[s + 1]; e++) {
        const j = idx[targets[e]];
        if (j < 0) continue;
        lt[k] = j;
        ge[k] = e;
        from[k++] = i;
      }
      loff[i + 1] = k;
    }
    for (let i = 0; i < states.length; i++) idx[states[i]] = -1;
    return {
      local: {
        n: states.length,
        offsets: loff,
        targets: lt,
        globalEdge: ge,
        from,
      },
      globalState: states,
    };
  }

  and(a: Bitset, b: Bitset): Bitset {
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
    return out;
  }

  or(a: Bitset, b: Bitset): Bitset {
    const out = new Uint32Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i];
    return out;
  }

  not(a: Bitset): Bitset {
    return complement(a, this.n);
  }

  // ---- witnesses -----------------------------------------------------------------------------

  /** Shortest path from `from` through states of `through` to a state of `goal` (and fair); steps end with edge -1. */
  pathTo(from: number, through: Bitset, goal: Bitset): LassoStep[] | undefined {
    return this.pathToRaw(from, through, this.hasFairness ? this.and(goal, this.fair()) : goal);
  }

  private pathToRaw(from: number, through: Bitset, target: Bitset): LassoStep[] | undefined {
    const n = this.n;
    const { offsets, targets } = this.graph;
    const parent = new Int32Array(n).fill(-2);
    const parentEdge = new Int32Array(n);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    parent[from] = -1;
    queue[tail++] = from;
    while (head < tail) {
      const v = queue[head++];
      if (hasBit(target, v)) {
        const steps: LassoStep[] = [{ state: v, edge: STUTTER_EDGE }];
        for (let w = v; parent[w] !== -1; w = parent[w])
          steps.push({ state: parent[w], edge: parentEdge[w] });
        return steps.reverse();
      }
      if (!hasBit(through, v)) continue;
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const w = targets[e];
        if (parent[w] !== -2) continue;
        parent[w] = v;
        parentEdge[w] = e;
        queue[tail++] = w;
      }
    }
    return undefined;
  }

  /** A successor of `s` in `x` (fair), as an edge id (-1 for the stuttering self-loop), or undefined. */
  successorIn(s: number, x: Bitset): { state: number; edge: number } | undefined {
    const target = this.hasFairness ? this.and(x, this.fair()) : x;
    if (this.stutters[s] && hasBit(target, s)) return { state: s, edge: STUTTER_EDGE };
    const { offsets, targets } = this.graph;
    for (let e = offsets[s]; e < offsets[s + 1]; e++)
      if (hasBit(target, targets[e])) return { state: targets[e], edge: e };
    return undefined;
  }

  successors(s: number): { state: number; edge: number }[] {
    const out: { state: number; edge: number }[] = [];
    if (this.stutters[s]) out.push({ state: s, edge: STUTTER_EDGE });
    const { offsets, targets } = this.graph;
    for (let e = offsets[s]; e < offsets[s + 1]; e++) out.push({ state: targets[e], edge: e });
    return out;
  }

  /**
   * EG witness without fairness: the nearest state (breadth-first inside `a`) on a cycle inside
   * `a` (a non-trivial SCC, a stuttering state, or in `finite` mode a dead state), then the
   * shortest cycle through it.
   */
  private egWitnessPlain(from: number, a: Bitset): TemporalLasso | undefined {
    const n = this.n;
    const { offsets, targets } = this.graph;
    const mask = new Uint8Array(n);
    for (let s = 0; s < n; s++) if (hasBit(a, s)) mask[s] = 1;
    const { count, component } = stronglyConnectedComponents(n, offsets, targets, mask, [from]);
    const size = new Int32Array(count);
    for (let s = 0; s < n; s++) if (component[s] >= 0) size[component[s]]++;
    const finite = this.options.deadlock === 'finite';
    const onCycle = newBitset(n);
    for (let s = 0; s < n; s++) {
      const c = component[s];
      if (c < 0) continue;
      let yes = this.stutters[s] === 1 || size[c] > 1 || (finite && this.dead[s] === 1);
      for (let e = offsets[s]; !yes && e < offsets[s + 1]; e++) if (targets[e] === s) yes = true;
      if (yes) setBit(onCycle, s);
    }
    const path = this.pathToRaw(from, a, onCycle);
    if (!path) return undefined;
    const x = path[path.length - 1].state;
    const prefix = path.slice(0, -1);
    if (finite && this.dead[x] && !this.stutters[x]) {
      return { prefix: [...prefix, { state: x, edge: STUTTER_EDGE }], cycle: [], finite: true };
    }
    if (this.stutters[x]) return normaliseLasso(prefix, [{ state: x, edge: STUTTER_EDGE }]);
    // Shortest cycle through x inside its component: breadth-first until an edge back to x.
    const cx = component[x];
    const parent = new Int32Array(n).fill(-2);
    const parentEdge = new Int32Array(n);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    queue[tail++] = x;
    parent[x] = -1;
    while (head < tail) {
      const v = queue[head++];
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const w = targets[e];
        if (component[w] !== cx) continue;
        if (w === x) {
          const cycle: LassoStep[] = [{ state: v, edge: e }];
          for (let u = v; parent[u] !== -1; u = parent[u])
            cycle.push({ state: parent[u], edge: parentEdge[u] });
          return normaliseLasso(prefix, cycle.reverse());
        }
        if (parent[w] !== -2) continue;
        parent[w] = v;
        parentEdge[w] = e;
        queue[tail++] = w;
      }
    }
    return undefined;
  }

  /**
   * A behaviour from `from` that stays in `a` forever (fair when there are fairness constraints),
   * or, in `finite` mode, a maximal finite path in `a`: the witness of EG a. Undefined if none.
   */
  egWitness(from: number, a: Bitset): TemporalLasso | undefined {
    if (!hasBit(a, from)) return undefined;
    if (!this.hasFairness) return this.egWitnessPlain(from, a);
    const seeds = this.fairSeeds(a, [from]);
    const path = this.pathTo(from, a, seeds.set);
    if (!path) return undefined;
    const end = path[path.length - 1].state;
    const prefix = path.slice(0, -1);
    const piece = seeds.componentOf[end];
    if (piece < 0) {
      // A dead state in `finite` mode: the maximal path ends here.
      return { prefix: [...prefix, { state: end, edge: STUTTER_EDGE }], cycle: [], finite: true };
    }
    const comp: number[] = [];
    let k = 0;
    for (let p = 0; k <= piece; p++) {
      const s = seeds.component[p];
      if (s === -1) k++;
      else if (k === piece) comp.push(s);
    }
    const states = Int32Array.from(comp);
    const { local, globalState } = this.localGraph(states);
    const startLocal = comp.indexOf(end);
    const cyc = fairCycle(
      local,
      Array.from({ length: comp.length }, (_, i) => i),
      startLocal,
      0,
      this.localFairness(local, states),
    );
    const cycle: LassoStep[] = cyc.states.map((ls, i) => ({
      state: globalState[ls],
      edge: local.globalEdge[cyc.edges[i]],
    }));
    return normaliseLasso(prefix, cycle);
  }
}

/**
 * Tidies a lasso: a cycle that repeats a shorter period is cut to it, and prefix steps that
 * repeat the cycle's end are folded into the cycle (the same behaviour, shorter to read).
 */
export function normaliseLasso(prefixIn: readonly LassoStep[], cycleIn: readonly LassoStep[]): TemporalLasso {
  let cycle = [...cycleIn];
  const prefix = [...prefixIn];
  const len = cycle.length;
  for (let p = 1; p < len; p++) {
    if (len % p !== 0) continue;
    let periodic = true;
    for (let i = p; i < len && periodic; i++) {
      if (cycle[i].state !== cycle[i - p].state || cycle[i].edge !== cycle[i - p].edge) periodic = false;
    }
    if (periodic) {
      cycle = cycle.slice(0, p);
      break;
    }
  }
  while (prefix.length > 0) {
    const last = prefix[prefix.length - 1];
    const end = cycle[cycle.length - 1];
    if (last.state !== end.state || last.edge !== end.edge) break;
    prefix.pop();
    cycle = [end, ...cycle.slice(0, -1)];
  }
  const stuttering = cycle.length === 1 && cycle[0].edge === STUTTER_EDGE;
  return stuttering ? { prefix, cycle, stuttering: true } : { prefix, cycle };
}
