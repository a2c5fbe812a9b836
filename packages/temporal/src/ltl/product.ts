import { normaliseLasso } from '../ctl/ctl-graph.js';
import {
  fairComponents,
  fairCycle,
  type LocalFairness,
  type LocalPath,
  NO_FAIRNESS,
} from '../graph/fair-cycle.js';
import { type DeadlockMode, type KripkeGraph, STUTTER_EDGE, type StateSpace } from '../graph/kripke.js';
import type { FairnessConstraint, LassoStep, TemporalLasso, TemporalStopReason } from '../model.js';
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
  /**
   * The counterexample when the product is not empty. `shortest` (default): a second pass explores
   * the whole reachable product for a lasso with a shortest prefix; `first`: the lasso of the
   * first accepting component found; `none`: no lasso, only the verdict (`nonempty`).
   */
  readonly counterexample?: 'shortest' | 'first' | 'none';
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
  | { readonly kind: 'nonempty'; readonly stats: ProductStats }
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
 * checked by `fairComponents` (Streett refinement for strong fairness). The counterexample
 * (`counterexample: 'shortest'`, the default): a second pass, only once a violation is known,
 * explores the whole reachable product (recording its edges) for every fair accepting piece, and
 * `shortestCounterexample` takes a lasso with a shortest prefix (see there). `first`: a
 * breadth-first path from an initial state to the component found, then a short cycle in it
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
  // num[v]: 0 not yet visited in this pass, > 0 live (its depth-first number), DONE once its SCC is complete.
  const DONE = -1;
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
  let ticks = 0;
  /** Product states below this id had their transitions counted by an earlier pass. */
  let countedBelow = 0;
  let stopped: TemporalStopReason | undefined;
  // The full pass records every product edge (source, target, system edge) for the reverse graph.
  let rec = new Grow(16); // (source, target, system edge) triples

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
    if (v >= countedBelow) transitions += (pend.length - start) >> 2;
    callV.ensure(1);
    callCur.ensure(1);
    callStart.ensure(1);
    callV.a[callV.length++] = v;
    callCur.a[callCur.length++] = start;
    callStart.a[callStart.length++] = start;
  };

  /**
   * One depth-first pass over the product from the initial states. `full: false` (the emptiness
   * check) returns the first accepting (fair) component found, as soon as it is known. `full: true`
   * explores the whole reachable product and hands every accepting (fair) piece to `onPiece`
   * (a view, valid during the call).
   * Sets `stopped` when cancelled or past `maxStates`.
   */
  const search = (full: boolean, onPiece?: (piece: Int32Array) => void): Int32Array | undefined => {
    const seenInitial = new Set<number>();
    for (let i = 0; i < o.initial.length; i++) {
      if (aut.initial < 0) break;
      const s0 = o.initial[i];
      if (seenInitial.has(s0)) continue;
      seenInitial.add(s0);
      const v0 = findOrAdd(s0, aut.initial);
      if (num[v0] !== 0) continue;
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
          if (full) {
            if (rec.length + 3 > rec.a.length) rec.ensure(3);
            const R = rec.a;
            const k = rec.length;
            R[k] = v;
            R[k + 1] = w;
            R[k + 2] = P[cur + 2];
            rec.length = k + 3;
          }
          const a = P[cur + 3];
          const nw = num[w];
          if (nw === 0) {
            if (inserted && count > maxStates) {
              stopped = 'state-limit';
              return undefined;
            }
            if ((++ticks & 0xfff) === 0 && o.shouldStop?.()) {
              stopped = 'cancelled';
              return undefined;
            }
            push(w, a);
            continue;
          }
          if (nw === DONE) continue;
          // w is live: everything above w's root joins one SCC.
          let acc = a;
          let r = rootNum.length - 1;
          while (nw < rootNum.a[r]) {
            acc |= rootAcc.a[r] | rootLa.a[r];
            r--;
          }
          rootNum.length = rootAcc.length = rootLa.length = rootCyc.length = rootLive.length = r + 1;
          rootAcc.a[r] |= acc;
          rootCyc.a[r] = 1;
          if (!full && !fair && (rootAcc.a[r] & all) === all) return live.a.slice(rootLive.a[r], live.length);
          continue;
        }
        // v is done.
        callV.length = callCur.length = callStart.length = top;
        pend.length = callStart.a[top];
        const r = rootNum.length - 1;
        if (rootNum.a[r] === num[v]) {
          const from = rootLive.a[r];
          if (rootCyc.a[r] === 1 && (rootAcc.a[r] & all) === all) {
            const comp = live.a.slice(from, live.length);
            if (full) {
              if (!fair) onPiece!(live.a.subarray(from, live.length));
              else for (const piece of fairPieces(live.a.slice(from, live.length), false)) onPiece!(piece);
            } else if (fair) {
              const piece = fairPieces(comp, true)[0];
              if (piece) return piece;
            }
          }
          for (let k = from; k < live.length; k++) num[live.a[k]] = DONE;
          live.length = from;
          rootNum.length = rootAcc.length = rootLa.length = rootCyc.length = rootLive.length = r;
        }
      }
    }
    return undefined;
  };

  let localIndex = new Int32Array(0);
  const stats = (): ProductStats => ({ productStates: count, productTransitions: transitions });
  const found = search(false);
  if (stopped) return { kind: 'stopped', reason: stopped, stats: stats() };
  if (!found) return { kind: 'empty', stats: stats() };
  const wanted = o.counterexample ?? 'shortest';
  if (wanted === 'none') return { kind: 'nonempty', stats: stats() };
  if (wanted === 'shortest') {
    // Second pass, only now that a violation is known: every accepting (fair) piece of the whole
    // reachable product, then the nearest one. Cancelled or past the limit: the first lasso.
    // Every piece, flat: piece i is pieceMembers[pieceStart[i] .. pieceStart[i + 1]).
    const pieceMembers = new Grow();
    const pieceStart = new Grow(64);
    pieceStart.a[pieceStart.length++] = 0;
    callV.length = callCur.length = callStart.length = pend.length = live.length = 0;
    rootNum.length = rootAcc.length = rootLa.length = rootCyc.length = rootLive.length = 0;
    num.fill(0, 0, count);
    counter = 0;
    countedBelow = count;
    search(true, (piece) => {
      pieceMembers.ensure(piece.length);
      pieceMembers.a.set(piece, pieceMembers.length);
      pieceMembers.length += piece.length;
      pieceStart.ensure(1);
      pieceStart.a[pieceStart.length++] = pieceMembers.length;
    });
    if (!stopped && pieceStart.length > 1) {
      const rev = reverseProduct();
      const pieces = {
        n: pieceStart.length - 1,
        start: pieceStart.a.subarray(0, pieceStart.length),
        members: pieceMembers.a.subarray(0, pieceMembers.length),
      };
      return { ...shortestCounterexample(pieces, rev), stats: stats() };
    }
    rec = new Grow(16);
    callV.length = callCur.length = callStart.length = pend.length = live.length = 0;
    stopped = undefined;
  }
  return { ...counterexample(found), stats: stats() };

  // ---- local graphs of components, fairness, counterexamples ------------------------------

  function localGraph(members: Int32Array) {
    // Product id -> local index, in one typed array sized to the table (reset before returning:
    // a full pass builds a local graph per accepting component).
    if (localIndex.length < count) {
      const grown = new Int32Array(Math.max(count, localIndex.length * 2)).fill(-1);
      localIndex = grown;
    }
    const index = localIndex;
    for (let i = 0; i < members.length; i++) index[members[i]] = i;
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
    for (let i = 0; i < members.length; i++) index[members[i]] = -1;
    return {
      local: { n: members.length, offsets, targets: targets.subarray(0, m), acc: acc.subarray(0, m) },
      sysEdge: sysEdge.subarray(0, m),
      from: from.subarray(0, m),
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

  /** The fair accepting pieces of an accepting SCC (all of it without fairness). */
  function fairPieces(comp: Int32Array, firstOnly: boolean): Int32Array[] {
    // A finite maximal path (the END loop) is fair by definition: fairness constrains infinite behaviours.
    if (comp.length === 1 && pS[comp[0]] === END_STATE) return [comp];
    const lg = localGraph(comp);
    const pieces = fairComponents(lg.local, all >>> 0, localFairness(comp, lg), firstOnly, undefined, true);
    return pieces.map((p) => Int32Array.from(p, (i) => comp[i]));
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
    const cyc = fairCycle(
      lg.local,
      members,
      component.indexOf(entry),
      all >>> 0,
      localFairness(component, lg),
    );
    const cycle: LassoStep[] = cyc.states.map((ls, i) => ({
      state: pS[component[ls]],
      edge: lg.sysEdge[cyc.edges[i]],
    }));
    return { kind: 'lasso', prefix, cycle };
  }

  /** The recorded product edges by target: the sources and system edges into `v` are at `off[v] .. off[v + 1]`. */
  function reverseProduct(): { off: Int32Array; from: Int32Array; sys: Int32Array } {
    const R = rec.a;
    const m = rec.length / 3;
    const off = new Int32Array(count + 1);
    for (let i = 0; i < m; i++) off[R[3 * i + 1] + 1]++;
    for (let v = 0; v < count; v++) off[v + 1] += off[v];
    const fill = off.slice(0, count);
    const from = new Int32Array(m);
    const sys = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const k = fill[R[3 * i + 1]]++;
      from[k] = R[3 * i];
      sys[k] = R[3 * i + 2];
    }
    rec = new Grow(16);
    return { off, from, sys };
  }

  /**
   * The counterexample with a shortest prefix, given every fair accepting piece of the reachable
   * product (every state of a piece lies on a fair accepting cycle, and every fair accepting cycle
   * lies in a piece) and the product's reverse edges.
   *
   * A lasso's prefix, once tidied, is shorter than its way into the piece when the cycle ends
   * with the steps that lead into it: the system lasso `u v^ω` may need several turns of `v`
   * before the automaton settles in a piece. So the shortest prefix is the smaller of (1) the
   * breadth-first depth of the nearest piece state and (2) the least depth of a state `y` paired
   * with a piece state `w` of the same system state from which two product paths with the same
   * system steps lead to one state `x` (the `w` path inside the piece): the lasso is then the way
   * to `y`, the steps to `x`, and a cycle from `x` through the piece that ends with the `w` path,
   * which tidying folds back to `y`. Pairs are searched backwards from the diagonal (within a
   * budget of a few times the product size; past it, the best found so far). Then, at equal
   * prefix length, the shorter lasso: one-step cycles (a stuttering state, a self-loop) where they
   * meet every requirement, else greedy cycles through the piece.
   */
  function shortestCounterexample(
    pieces: { n: number; start: Int32Array; members: Int32Array },
    rev: { off: Int32Array; from: Int32Array; sys: Int32Array },
  ): { kind: 'lasso'; prefix: LassoStep[]; cycle: LassoStep[] } {
    const pieceOf = new Int32Array(count).fill(-1);
    const pieceAt = (i: number): Int32Array => pieces.members.subarray(pieces.start[i], pieces.start[i + 1]);
    for (let i = 0; i < pieces.n; i++)
      for (let k = pieces.start[i]; k < pieces.start[i + 1]; k++) pieceOf[pieces.members[k]] = i;
    // (1) Breadth-first from the initial product states up to the first layer that meets a piece.
    const parent = new Int32Array(count).fill(-2);
    const parentEdge = new Int32Array(count);
    const depth = new Int32Array(count).fill(-1);
    const queue = new Int32Array(count);
    let tail = 0;
    for (let i = 0; i < o.initial.length; i++) {
      const v = find(o.initial[i], aut.initial);
      if (v >= 0 && parent[v] === -2) {
        parent[v] = -1;
        depth[v] = 0;
        queue[tail++] = v;
      }
    }
    const candidates: number[] = [];
    const base = pend.length;
    let head = 0;
    while (head < tail) {
      const layerEnd = tail;
      for (let i = head; i < layerEnd; i++) if (pieceOf[queue[i]] >= 0) candidates.push(queue[i]);
      if (candidates.length > 0) break;
      for (; head < layerEnd; head++) {
        const v = queue[head];
        pend.length = base;
        generate(pS[v], pQ[v]);
        for (let p = base; p < pend.length; p += 4) {
          const w = find(pend.a[p], pend.a[p + 1]);
          if (w < 0 || parent[w] !== -2) continue;
          parent[w] = v;
          parentEdge[w] = pend.a[p + 2];
          depth[w] = depth[v] + 1;
          queue[tail++] = w;
        }
      }
    }
    pend.length = base;
    const prefixTo = (x: number): LassoStep[] => {
      const steps: LassoStep[] = [];
      for (let w = x; parent[w] >= 0; w = parent[w])
        steps.push({ state: pS[parent[w]], edge: parentEdge[w] });
      return steps.reverse();
    };
    let best: { prefix: LassoStep[]; cycle: LassoStep[]; loop: number; total: number } | undefined;
    const consider = (prefix: LassoStep[], cycle: LassoStep[]): void => {
      const l = toLasso(prefix, cycle);
      const loop = l.prefix.length;
      const total = l.prefix.length + l.cycle.length;
      if (!best || loop < best.loop || (loop === best.loop && total < best.total))
        best = { prefix, cycle, loop, total };
    };
    type PieceGraph = {
      lg: ReturnType<typeof localGraph>;
      fairness: LocalFairness;
      members: number[];
      /** Product id -> local index (only for members). */
      localOf: (v: number) => number;
    };
    const graphs = new Map<number, PieceGraph>();
    let work = 0;
    const pieceGraph = (pi: number): PieceGraph => {
      let pg = graphs.get(pi);
      if (!pg) {
        const piece = pieceAt(pi);
        const lg = localGraph(piece);
        // A dense index for large pieces (few of them fit in the work budget), a map for small ones.
        let localOf: (v: number) => number;
        if (piece.length * 8 > count) {
          const dense = new Int32Array(count);
          for (let k = 0; k < piece.length; k++) dense[piece[k]] = k;
          localOf = (v) => dense[v];
        } else {
          const map = new Map<number, number>();
          for (let k = 0; k < piece.length; k++) map.set(piece[k], k);
          localOf = (v) => map.get(v)!;
        }
        pg = {
          lg,
          fairness: localFairness(piece, lg),
          members: Array.from({ length: piece.length }, (_, i) => i),
          localOf,
        };
        graphs.set(pi, pg);
        work += lg.local.targets.length;
      }
      return pg;
    };
    const cycleSteps = (piece: Int32Array, lg: ReturnType<typeof localGraph>, cyc: LocalPath): LassoStep[] =>
      cyc.states.map((ls, i) => ({ state: pS[piece[ls]], edge: lg.sysEdge[cyc.edges[i]] }));
    for (let ci = 0; ci < candidates.length; ci++) {
      if (best && (ci >= 64 || work > 2 * count + 1024)) break;
      const x = candidates[ci];
      const e1 = oneStepCycle(x);
      if (e1 !== undefined) {
        consider(prefixTo(x), [{ state: pS[x], edge: e1 }]);
        continue;
      }
      const piece = pieceAt(pieceOf[x]);
      const { lg, fairness, members, localOf } = pieceGraph(pieceOf[x]);
      const cyc = fairCycle(lg.local, members, localOf(x), all >>> 0, fairness);
      work += 4 * piece.length;
      consider(prefixTo(x), cycleSteps(piece, lg, cyc));
    }
    if (!best) throw new Error('internal: no counterexample from a nearest piece');

    // (2) Pairs (y, w), searched backwards from the diagonal.
    const pairY = new Grow();
    const pairW = new Grow();
    const pairNext = new Grow(); // index of the next pair, or -1 - x for the diagonal (x, x)
    const pairSys = new Grow();
    const pairIndex = new Map<number, number>();
    const budget = 4 * count + 4096;
    let ops = 0;
    let bestPairs: number[] = [];
    let bestDepth = best.loop;
    const pairLen = new Grow(); // steps from the pair to the diagonal
    // Other ways from a pair to the diagonal, as short as the first (a few), for shorter cycles.
    const alternatives = new Map<number, [number, number][]>();
    const addPair = (y: number, w: number, next: number, sys: number): void => {
      const key = y * count + w;
      const len = next < 0 ? 1 : pairLen.a[next] + 1;
      const known = pairIndex.get(key);
      if (known !== undefined) {
        if (pairLen.a[known] === len) {
          const alt = alternatives.get(known) ?? [];
          if (alt.length < 3) alternatives.set(known, [...alt, [next, sys]]);
        }
        return;
      }
      const i = pairY.length;
      pairLen.ensure(1);
      pairLen.a[pairLen.length++] = len;
      pairIndex.set(key, i);
      pairY.ensure(1);
      pairW.ensure(1);
      pairNext.ensure(1);
      pairSys.ensure(1);
      pairY.a[pairY.length++] = y;
      pairW.a[pairW.length++] = w;
      pairNext.a[pairNext.length++] = next;
      pairSys.a[pairSys.length++] = sys;
      const d = depth[y];
      if (d >= 0 && d < bestDepth) {
        bestDepth = d;
        bestPairs = [i];
      } else if (d >= 0 && d === bestDepth && bestPairs.length < 4) bestPairs.push(i);
    };
    /** Pairs of distinct sources of edges into `y` and into `w` with the same system state and edge, the second in `w`'s piece. */
    const predecessors = (y: number, w: number, next: number): void => {
      const pw = pieceOf[w];
      for (let i = rev.off[y]; i < rev.off[y + 1]; i++) {
        const y2 = rev.from[i];
        const e = rev.sys[i];
        for (let j = rev.off[w]; j < rev.off[w + 1]; j++) {
          ops++;
          const w2 = rev.from[j];
          if (w2 === y2 || rev.sys[j] !== e || pieceOf[w2] !== pw || pS[w2] !== pS[y2]) continue;
          addPair(y2, w2, next, e);
        }
      }
    };
    if (best.loop > 0) {
      seeding: for (let pi = 0; pi < pieces.n; pi++) {
        const piece = pieceAt(pi);
        for (let k = 0; k < piece.length; k++) {
          predecessors(piece[k], piece[k], -1 - piece[k]);
          if (ops > budget || pairIndex.size > budget || (bestDepth === 0 && bestPairs.length >= 4))
            break seeding;
        }
      }
      for (let i = 0; i < pairY.length && ops <= budget && pairIndex.size <= budget && bestDepth > 0; i++) {
        predecessors(pairY.a[i], pairW.a[i], i);
      }
    }
    for (const p of bestPairs) {
      for (const [next0, sys0] of [[pairNext.a[p], pairSys.a[p]], ...(alternatives.get(p) ?? [])]) {
        // The y path and the w path, step by step, to the common state x.
        const ySteps: LassoStep[] = [];
        const wPath: number[] = [];
        const wSys: number[] = [];
        let q = p;
        let next = next0;
        let sys = sys0;
        let x = -1;
        for (;;) {
          ySteps.push({ state: pS[pairY.a[q]], edge: sys });
          wPath.push(pairW.a[q]);
          wSys.push(sys);
          if (next < 0) {
            x = -1 - next;
            break;
          }
          q = next;
          next = pairNext.a[q];
          sys = pairSys.a[q];
        }
        const pi = pieceOf[x];
        const piece = pieceAt(pi);
        const { lg, fairness, members, localOf } = pieceGraph(pi);
        wPath.push(x);
        const closing: LocalPath = { states: [], edges: [] };
        for (let k = 0; k + 1 < wPath.length; k++) {
          const a = localOf(wPath[k]);
          const b = localOf(wPath[k + 1]);
          let edge = -1;
          for (let e = lg.local.offsets[a]; e < lg.local.offsets[a + 1] && edge < 0; e++)
            if (lg.local.targets[e] === b && lg.sysEdge[e] === wSys[k]) edge = e;
          closing.states.push(a);
          closing.edges.push(edge);
        }
        const cyc = fairCycle(lg.local, members, localOf(x), all >>> 0, fairness, closing);
        consider([...prefixTo(pairY.a[p]), ...ySteps], cycleSteps(piece, lg, cyc));
      }
    }
    return { kind: 'lasso', prefix: best.prefix, cycle: best.cycle };
  }

  /** The system edge of a product self-loop at `x` that is a whole fair accepting cycle by itself, if any. */
  function oneStepCycle(x: number): number | undefined {
    const s = pS[x];
    const base = pend.length;
    generate(s, pQ[x]);
    let found: number | undefined;
    for (let p = base; p < pend.length && found === undefined; p += 4) {
      if (pend.a[p] !== s || pend.a[p + 1] !== pQ[x] || (pend.a[p + 3] & all) >>> 0 !== all >>> 0) continue;
      const e = pend.a[p + 2];
      if (s === END_STATE || o.fairness.every((c) => !c.enabled(s) || c.taken(s, s, e))) found = e;
    }
    pend.length = base;
    return found;
  }
}

/**
 * A product counterexample as a lasso in system states: tidied (`normaliseLasso`), and in
 * `finite` mode a path into END becomes a finite maximal path.
 */
export function toLasso(prefix: readonly LassoStep[], cycle: readonly LassoStep[]): TemporalLasso {
  if (cycle.length > 0 && cycle.every((s) => s.state === END_STATE)) {
    // A finite maximal path: the last real state's step leads to END.
    const steps = prefix.filter((s) => s.state !== END_STATE).map((s) => ({ ...s }));
    steps[steps.length - 1] = { state: steps[steps.length - 1].state, edge: STUTTER_EDGE };
    return { prefix: steps, cycle: [], finite: true };
  }
  return normaliseLasso(prefix, cycle);
}
