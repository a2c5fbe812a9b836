import { fairComponents, fairCycle, type LocalFairness, NO_FAIRNESS } from '../graph/fair-cycle.js';
import { type DeadlockMode, type KripkeGraph, STUTTER_EDGE, type StateSpace } from '../graph/kripke.js';
import type { FairnessConstraint, LassoStep, TemporalStopReason } from '../model.js';
import type { Gba } from './translate.js';

/** A TGBA in flat typed arrays for the product's inner loop. */
export interface CompiledGba {
  readonly n: number;
  readonly initial: number;
  readonly allAcc: number;
  readonly trOff: Int32Array;
  readonly trTo: Int32Array;
  readonly trAcc: Int32Array;
  readonly cubeOff: Int32Array;
  readonly cubePos: Int32Array;
  readonly cubeNeg: Int32Array;
}

export function compileGba(gba: Gba): CompiledGba {
  const n = gba.stateCount;
  const ts = [...gba.transitions].sort((a, b) => a.from - b.from);
  const trOff = new Int32Array(n + 1);
  for (const t of ts) trOff[t.from + 1]++;
  for (let s = 0; s < n; s++) trOff[s + 1] += trOff[s];
  const trTo = new Int32Array(ts.length);
  const trAcc = new Int32Array(ts.length);
  const cubeOff = new Int32Array(ts.length + 1);
  const pos: number[] = [];
  const neg: number[] = [];
  ts.forEach((t, i) => {
    trTo[i] = t.to;
    trAcc[i] = t.acc | 0;
    for (const c of t.guard) {
      pos.push(c.pos | 0);
      neg.push(c.neg | 0);
    }
    cubeOff[i + 1] = pos.length;
  });
  const k = gba.acceptanceSets;
  return {
    n,
    initial: gba.initial,
    allAcc: k >= 32 ? -1 : (1 << k) - 1,
    trOff,
    trTo,
    trAcc,
    cubeOff,
    cubePos: Int32Array.from(pos),
    cubeNeg: Int32Array.from(neg),
  };
}

/** The system state id standing for "after the end" of a finite maximal path (deadlock mode `finite`). */
export const END_STATE = -1;

export interface ProductOptions {
  readonly graph?: KripkeGraph;
  readonly space?: StateSpace;
  readonly initial: ArrayLike<number>;
  readonly automaton: CompiledGba;
  /** Letter bits of the state atoms at a state. */
  readonly stateBits: (state: number) => number;
  /** Letter bits of the edge atoms on a step (undefined: no edge atoms). */
  readonly edgeBits?: (from: number, to: number, edge: number) => number;
  /** Set in every letter of a real position (finite mode's `alive` atom), 0 otherwise. */
  readonly aliveBit: number;
  readonly deadlock: DeadlockMode;
  readonly stutterEverywhere: boolean;
  readonly fairness: readonly FairnessConstraint[];
  readonly shouldStop?: () => boolean;
  readonly maxStates?: number;
}

export interface ProductStats {
  readonly productStates: number;
  readonly productTransitions: number;
}

export type ProductResult =
  | { readonly kind: 'empty'; readonly stats: ProductStats }
  | {
      readonly kind: 'lasso';
      readonly prefix: LassoStep[];
      readonly cycle: LassoStep[];
      readonly stats: ProductStats;
    }
  | { readonly kind: 'stopped'; readonly reason: TemporalStopReason; readonly stats: ProductStats };

class Grow {
  a: Int32Array;
  length = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  ensure(extra: number): void {
    if (this.length + extra <= this.a.length) return;
    let cap = this.a.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const b = new Int32Array(cap);
    b.set(this.a.subarray(0, this.length));
    this.a = b;
  }
}

/**
 * The product of a system with a TGBA, explored on the fly, and its emptiness check:
 * Couvreur's SCC-based algorithm (Tarjan with a stack of roots carrying the acceptance marks
 * seen in each partial SCC), iterative, typed arrays throughout. Without fairness it stops as
 * soon as a partial SCC has every mark. With fairness, each completed SCC with every mark is
 * checked by `fairComponents` (Streett refinement for strong fairness). The counterexample: a
 * breadth-first path from an initial state to the accepting SCC, then a short cycle in it
 * through every acceptance set and fairness requirement.
 */
export function productEmptiness(o: ProductOptions): ProductResult {
  const aut = o.automaton;
  const { trOff, trTo, trAcc, cubeOff, cubePos, cubeNeg } = aut;
  const all = aut.allAcc;
  const fair = o.fairness.length > 0;
  const graph = o.graph;
  const space = o.space;
  const finite = o.deadlock === 'finite';
  const stutterAll = o.stutterEverywhere;
  const edgeBits = o.edgeBits;
  const maxStates = o.maxStates ?? Number.POSITIVE_INFINITY;

  // ---- product state table: (system state, automaton state) -> id, open addressing --------
  let pS: Int32Array = new Int32Array(1024);
  let pQ: Int32Array = new Int32Array(1024);
  let num: Int32Array = new Int32Array(1024);
  let count = 0;
  let transitions = 0;
  let cap = 1 << 12;
  let table = new Int32Array(cap).fill(-1);
  const hash = (s: number, q: number): number =>
    (Math.imul(s ^ (q << 24), 0x9e3779b1) ^ Math.imul(q + 1, 0x85ebca77)) >>> 0;
  const find = (s: number, q: number): number => {
    const mask = cap - 1;
    let h = hash(s, q) & mask;
    for (;;) {
      const id = table[h];
      if (id < 0) return -1;
      if (pS[id] === s && pQ[id] === q) return id;
      h = (h + 1) & mask;
    }
  };
  const rehash = (): void => {
    cap *= 2;
    table = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let id = 0; id < count; id++) {
      let h = hash(pS[id], pQ[id]) & mask;
      while (table[h] >= 0) h = (h + 1) & mask;
      table[h] = id;
    }
  };
  let inserted = false;
  const findOrAdd = (s: number, q: number): number => {
    const mask = cap - 1;
    let h = hash(s, q) & mask;
    for (;;) {
      const id = table[h];
      if (id < 0) break;
      if (pS[id] === s && pQ[id] === q) {
        inserted = false;
        return id;
      }
      h = (h + 1) & mask;
    }
    if (count === pS.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      pS = grow(pS);
      pQ = grow(pQ);
      num = grow(num);
    }
    const id = count++;
    pS[id] = s;
    pQ[id] = q;
    num[id] = 0;
    table[h] = id;
    if (count * 2 > cap) rehash();
    inserted = true;
    return id;
  };

  // ---- successors ---------------------------------------------------------------------------
  const pend = new Grow(4096);
  const sysT = new Grow(64);
  const sysE = new Grow(64);
  const collect = (t: number, e: number): void => {
    sysT.ensure(1);
    sysE.ensure(1);
    sysT.a[sysT.length++] = t;
    sysE.a[sysE.length++] = e;
  };
  /** Appends the product successors of (s, q) to `pend` as (t, q', edge, acc) quadruples. */
  const generate = (s: number, q: number): void => {
    sysT.length = 0;
    sysE.length = 0;
    let letter = 0;
    if (s === END_STATE) {
      collect(END_STATE, STUTTER_EDGE);
    } else {
      letter = o.stateBits(s) | o.aliveBit;
      if (graph) {
        const { offsets, targets } = graph;
        const end = offsets[s + 1];
        for (let e = offsets[s]; e < end; e++) collect(targets[e], e);
      } else space!.successors(s, collect);
      if (sysT.length === 0) collect(finite ? END_STATE : s, STUTTER_EDGE);
      else if (stutterAll) collect(s, STUTTER_EDGE);
    }
    const t0 = trOff[q];
    const t1 = trOff[q + 1];
    const ts = sysT.a;
    const es = sysE.a;
    const m = sysT.length;
    pend.ensure(4 * m * (t1 - t0));
    const P = pend.a;
    let p = pend.length;
    for (let i = 0; i < m; i++) {
      const t = ts[i];
      const e = es[i];
      let l = letter;
      if (edgeBits !== undefined && s !== END_STATE) l |= edgeBits(s, t === END_STATE ? s : t, e);
      for (let k = t0; k < t1; k++) {
        const c1 = cubeOff[k + 1];
        for (let c = cubeOff[k]; c < c1; c++) {
          const pos = cubePos[c];
          if ((l & pos) === pos && (l & cubeNeg[c]) === 0) {
            P[p] = t;
            P[p + 1] = trTo[k];
            P[p + 2] = e;
            P[p + 3] = trAcc[k];
            p += 4;
            break;
          }
        }
      }
    }
    pend.length = p;
  };

  // ---- Couvreur's emptiness check -----------------------------------------------------------
  const callV = new Grow();
  const callCur = new Grow();
  const callStart = new Grow();
  const rootNum = new Grow();
  const rootAcc = new Grow();
  const rootLa = new Grow();
  const rootCyc = new Grow();
  const rootLive = new Grow();
  const live = new Grow();
  let counter = 0;
  let stopped: TemporalStopReason | undefined;

  const push = (v: number, la: number): void => {
    num[v] = ++counter;
    rootNum.ensure(1);
    rootAcc.ensure(1);
    rootLa.ensure(1);
    rootCyc.ensure(1);
    rootLive.ensure(1);
    const r = rootNum.length;
    rootNum.a[r] = counter;
    rootAcc.a[r] = 0;
    rootLa.a[r] = la;
    rootCyc.a[r] = 0;
    rootLive.a[r] = live.length;
    rootNum.length = rootAcc.length = rootLa.length = rootCyc.length = rootLive.length = r + 1;
    live.ensure(1);
    live.a[live.length++] = v;
    const start = pend.length;
    generate(pS[v], pQ[v]);
    transitions += (pend.length - start) >> 2;
    callV.ensure(1);
    callCur.ensure(1);
    callStart.ensure(1);
    callV.a[callV.length++] = v;
    callCur.a[callCur.length++] = start;
    callStart.a[callStart.length++] = start;
  };

  let found: Int32Array | undefined;
  const stats = (): ProductStats => ({ productStates: count, productTransitions: transitions });

  const seenInitial = new Set<number>();
  outer: for (let i = 0; i < o.initial.length; i++) {
    if (aut.initial < 0) break;
    const s0 = o.initial[i];
    if (seenInitial.has(s0)) continue;
    seenInitial.add(s0);
    const v0 = findOrAdd(s0, aut.initial);
    if (!inserted) continue;
    push(v0, 0);
    while (callV.length > 0) {
      const top = callV.length - 1;
      const v = callV.a[top];
      const cur = callCur.a[top];
      // pend entries of v run from callStart to the start of the next frame (or pend.length).
      const end = top + 1 < callV.length ? callStart.a[top + 1] : pend.length;
      if (cur < end) {
        callCur.a[top] = cur + 4;
        const P = pend.a;
        const w = findOrAdd(P[cur], P[cur + 1]);
        const a = P[cur + 3];
        if (inserted) {
          if (count > maxStates) {
            stopped = 'state-limit';
            break outer;
          }
          if ((count & 0xfff) === 0 && o.shouldStop?.()) {
            stopped = 'cancelled';
            break outer;
          }
          push(w, a);
          continue;
        }
        if (num[w] === 0) continue;
        // w is live: everything above w's root joins one SCC.
        let acc = a;
        let r = rootNum.length - 1;
        while (num[w] < rootNum.a[r]) {
          acc |= rootAcc.a[r] | rootLa.a[r];
          r--;
        }
        rootNum.length = rootAcc.length = rootLa.length = rootCyc.length = rootLive.length = r + 1;
        rootAcc.a[r] |= acc;
        rootCyc.a[r] = 1;
        if (!fair && (rootAcc.a[r] & all) === all) {
          found = live.a.slice(rootLive.a[r], live.length);
          break outer;
        }
        continue;
      }
      // v is done.
      callV.length = callCur.length = callStart.length = top;
      pend.length = callStart.a[top];
      const r = rootNum.length - 1;
      if (rootNum.a[r] === num[v]) {
        const from = rootLive.a[r];
        if (fair && rootCyc.a[r] === 1 && (rootAcc.a[r] & all) === all) {
          const comp = live.a.slice(from, live.length);
          const piece = fairPiece(comp);
          if (piece) {
            found = piece;
            break outer;
          }
        }
        for (let k = from; k < live.length; k++) num[live.a[k]] = 0;
        live.length = from;
        rootNum.length = rootAcc.length = rootLa.length = rootCyc.length = rootLive.length = r;
      }
    }
  }
  if (stopped) return { kind: 'stopped', reason: stopped, stats: stats() };
  if (!found) return { kind: 'empty', stats: stats() };
  return { ...counterexample(found), stats: stats() };

  // ---- local graphs of components, fairness, counterexamples ------------------------------

  function localGraph(members: Int32Array) {
    // Product id -> local index, in a typed array sized to the table (reset before returning).
    const index = new Int32Array(count).fill(-1);
    members.forEach((v, i) => {
      index[v] = i;
    });
    const offsets = new Int32Array(members.length + 1);
    let cap = Math.max(16, members.length * 2);
    let targets = new Int32Array(cap);
    let acc = new Uint32Array(cap);
    let sysEdge = new Int32Array(cap);
    let from = new Int32Array(cap);
    let m = 0;
    const base = pend.length;
    for (let i = 0; i < members.length; i++) {
      const v = members[i];
      pend.length = base;
      generate(pS[v], pQ[v]);
      for (let p = base; p < pend.length; p += 4) {
        const w = find(pend.a[p], pend.a[p + 1]);
        const j = w < 0 ? -1 : index[w];
        if (j < 0) continue;
        if (m === cap) {
          cap *= 2;
          const t2 = new Int32Array(cap);
          t2.set(targets);
          targets = t2;
          const a2 = new Uint32Array(cap);
          a2.set(acc);
          acc = a2;
          const e2 = new Int32Array(cap);
          e2.set(sysEdge);
          sysEdge = e2;
          const f2 = new Int32Array(cap);
          f2.set(from);
          from = f2;
        }
        targets[m] = j;
        acc[m] = pend.a[p + 3] >>> 0;
        sysEdge[m] = pend.a[p + 2];
        from[m++] = i;
      }
      offsets[i + 1] = m;
    }
    pend.length = base;
    return {
      local: { n: members.length, offsets, targets: targets.subarray(0, m), acc: acc.subarray(0, m) },
      sysEdge: sysEdge.subarray(0, m),
      from: from.subarray(0, m),
      index,
    };
  }

  function localFairness(members: Int32Array, lg: ReturnType<typeof localGraph>): LocalFairness {
    if (!fair) return NO_FAIRNESS;
    const convert = (c: FairnessConstraint) => {
      const enabled = new Uint8Array(members.length);
      for (let i = 0; i < members.length; i++) {
        const s = pS[members[i]];
        enabled[i] = s !== END_STATE && c.enabled(s) ? 1 : 0;
      }
      const taken = new Uint8Array(lg.local.targets.length);
      for (let e = 0; e < taken.length; e++) {
        const s = pS[members[lg.from[e]]];
        const t = pS[members[lg.local.targets[e]]];
        if (s === END_STATE) continue;
        taken[e] = c.taken(s, t === END_STATE ? s : t, lg.sysEdge[e]) ? 1 : 0;
      }
      return { enabled, taken };
    };
    return {
      weak: o.fairness.filter((c) => c.kind === 'weak').map(convert),
      strong: o.fairness.filter((c) => c.kind === 'strong').map(convert),
    };
  }

  function fairPiece(comp: Int32Array): Int32Array | undefined {
    const lg = localGraph(comp);
    // A finite maximal path (the END loop) is fair by definition: fairness constrains infinite behaviours.
    if (comp.length === 1 && pS[comp[0]] === END_STATE) return comp;
    const pieces = fairComponents(lg.local, all >>> 0, localFairness(comp, lg), true, undefined, true);
    if (pieces.length === 0) return undefined;
    return Int32Array.from(pieces[0], (i) => comp[i]);
  }

  function counterexample(component: Int32Array): { kind: 'lasso'; prefix: LassoStep[]; cycle: LassoStep[] } {
    // Breadth-first from the initial product states (on the fly: the search may have stopped
    // before seeing a shorter way in), so the prefix is a shortest path to the component.
    const inC = new Uint8Array(count);
    for (const v of component) inC[v] = 1;
    let parent = new Int32Array(Math.max(16, count)).fill(-2);
    let parentEdge = new Int32Array(parent.length);
    const setParent = (w: number, v: number, e: number): void => {
      if (w >= parent.length) {
        const p2 = new Int32Array(Math.max(w + 1, parent.length * 2)).fill(-2);
        p2.set(parent);
        parent = p2;
        const e2 = new Int32Array(p2.length);
        e2.set(parentEdge);
        parentEdge = e2;
      }
      parent[w] = v;
      parentEdge[w] = e;
    };
    const visited = (w: number): boolean => w < parent.length && parent[w] !== -2;
    const queue = new Grow(1024);
    for (let i = 0; i < o.initial.length; i++) {
      const v = find(o.initial[i], aut.initial);
      if (v >= 0 && !visited(v)) {
        setParent(v, -1, -1);
        queue.ensure(1);
        queue.a[queue.length++] = v;
      }
    }
    let entry = -1;
    const base = pend.length;
    for (let head = 0; head < queue.length; head++) {
      const v = queue.a[head];
      if (v < inC.length && inC[v]) {
        entry = v;
        break;
      }
      pend.length = base;
      generate(pS[v], pQ[v]);
      for (let p = base; p < pend.length; p += 4) {
        const t = pend.a[p];
        const q = pend.a[p + 1];
        const w = count < maxStates ? findOrAdd(t, q) : find(t, q);
        if (w < 0 || visited(w)) continue;
        setParent(w, v, pend.a[p + 2]);
        queue.ensure(1);
        queue.a[queue.length++] = w;
      }
    }
    pend.length = base;
    const prefix: LassoStep[] = [];
    for (let w = entry; parent[w] >= 0; w = parent[w])
      prefix.push({ state: pS[parent[w]], edge: parentEdge[w] });
    prefix.reverse();
    const lg = localGraph(component);
    const members = Array.from({ length: component.length }, (_, i) => i);
    const cyc = fairCycle(lg.local, members, lg.index[entry], all >>> 0, localFairness(component, lg));
    const cycle: LassoStep[] = cyc.states.map((ls, i) => ({
      state: pS[component[ls]],
      edge: lg.sysEdge[cyc.edges[i]],
    }));
    return { kind: 'lasso', prefix, cycle };
  }
}
