import { incidenceMatrix, type PetriNet, placeNeighbours } from '../model/net.js';

export interface SiphonResult {
  /** Minimal siphons (sorted place lists), or undefined when the search was cut off. */
  readonly siphons?: number[][];
  readonly stopped?: 'too-large';
}

/**
 * Minimal siphons (sets S with •S ⊆ S•: once empty, they stay empty), by branching: while some
 * transition puts tokens into S without taking any from S, add one of its input places. Exponential
 * in the worst case, so it gives up after `maxSteps` branching steps.
 */
export function minimalSiphons(net: PetriNet, maxSteps = 200_000): SiphonResult {
  return minimalSets(net, 'siphon', maxSteps);
}

/** Minimal traps (S• ⊆ •S: once marked, they stay marked), the dual of siphons. */
export function minimalTraps(net: PetriNet, maxSteps = 200_000): SiphonResult {
  return minimalSets(net, 'trap', maxSteps);
}

function minimalSets(net: PetriNet, kind: 'siphon' | 'trap', maxSteps: number): SiphonResult {
  const P = net.places.length;
  const { consumers, producers } = placeNeighbours(net);
  // For a siphon: a transition in •S (producer of S) must be in S• (take from S), else add one of •t.
  const into = kind === 'siphon' ? producers : consumers;
  const outOf = (t: number) => (kind === 'siphon' ? net.pre[t] : net.post[t]).map((a) => a.place);
  const found = new Map<string, number[]>();
  let steps = 0;
  const search = (set: Uint8Array, members: number[]): boolean => {
    if (++steps > maxSteps) return false;
    for (const p of members) {
      for (const t of into[p]) {
        const others = outOf(t);
        if (others.some((q) => set[q])) continue;
        for (const q of others) {
          set[q] = 1;
          members.push(q);
          const ok = search(set, members);
          members.pop();
          set[q] = 0;
          if (!ok) return false;
        }
        return true;
      }
    }
    const sorted = [...members].sort((a, b) => a - b);
    found.set(sorted.join(','), sorted);
    return true;
  };
  for (let p = 0; p < P; p++) {
    const set = new Uint8Array(P);
    set[p] = 1;
    if (!search(set, [p])) return { stopped: 'too-large' };
  }
  const all = [...found.values()].sort((a, b) => a.length - b.length);
  const minimal: number[][] = [];
  for (const s of all) {
    const has = new Set(s);
    if (minimal.some((m) => m.every((x) => has.has(x)))) continue;
    minimal.push(s);
  }
  return { siphons: minimal.sort((a, b) => a.length - b.length || a[0] - b[0]) };
}

/** The largest trap inside `places` (possibly empty): drop places whose output transitions lead out. */
export function maximalTrapIn(net: PetriNet, places: readonly number[]): number[] {
  const { consumers } = placeNeighbours(net);
  const set = new Set(places);
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of [...set]) {
      if (consumers[p].some((t) => !net.post[t].some((a) => set.has(a.place)))) {
        set.delete(p);
        changed = true;
      }
    }
  }
  return [...set].sort((a, b) => a - b);
}

export interface CommonerResult {
  /** Every minimal siphon contains a trap marked initially; undefined when siphons were not computed. */
  readonly holds?: boolean;
  /** A minimal siphon with no initially marked trap inside (it can empty and stay empty). */
  readonly badSiphon?: number[];
}

/** Commoner's condition: for free-choice nets, it holds iff the marked net is live. */
export function commonerCondition(net: PetriNet, siphons: readonly number[][] | undefined): CommonerResult {
  if (!siphons) return {};
  for (const s of siphons) {
    const trap = maximalTrapIn(net, s);
    if (!trap.some((p) => net.initialMarking[p] > 0)) return { holds: false, badSiphon: s };
  }
  return { holds: true };
}

const PRIMES = [33554393, 16777213];

function mulMod(a: number, b: number, m: number): number {
  // a, b < 2^25: split b so that each partial product stays below 2^53.
  const hi = Math.floor(b / 65536);
  const lo = b % 65536;
  return (((a * hi) % m) * 65536 + a * lo) % m;
}

function powMod(a: number, e: number, m: number): number {
  let r = 1;
  a %= m;
  while (e > 0) {
    if (e & 1) r = mulMod(r, a, m);
    a = mulMod(a, a, m);
    e = Math.floor(e / 2);
  }
  return r;
}

/** Rank over the rationals, as the largest rank modulo two primes (equal unless a prime divides a minor). */
export function matrixRank(matrix: readonly (readonly number[])[]): number {
  let best = 0;
  for (const m of PRIMES) {
    const a = matrix.map((row) => row.map((x) => ((x % m) + m) % m));
    const rows = a.length;
    const cols = rows > 0 ? a[0].length : 0;
    let rank = 0;
    for (let c = 0; c < cols && rank < rows; c++) {
      let pivot = -1;
      for (let r = rank; r < rows; r++)
        if (a[r][c] !== 0) {
          pivot = r;
          break;
        }
      if (pivot < 0) continue;
      [a[rank], a[pivot]] = [a[pivot], a[rank]];
      const inv = powMod(a[rank][c], m - 2, m);
      for (let r = 0; r < rows; r++) {
        if (r === rank || a[r][c] === 0) continue;
        const f = mulMod(a[r][c], inv, m);
        for (let k = c; k < cols; k++) a[r][k] = (a[r][k] - mulMod(f, a[rank][k], m) + m) % m;
      }
      rank++;
    }
    best = Math.max(best, rank);
  }
  return best;
}

/** Clusters: classes of places and transitions joined by place→transition arcs. */
export function clusterCount(net: PetriNet): number {
  const P = net.places.length;
  const parent = Array.from({ length: P + net.transitions.length }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  net.pre.forEach((arcs, t) => {
    for (const a of arcs) parent[find(a.place)] = find(P + t);
  });
  let count = 0;
  for (let i = 0; i < parent.length; i++) if (find(i) === i) count++;
  return count;
}

export interface RankTheoremResult {
  /** Well-formed (structurally live and bounded), by the rank theorem; only for free-choice nets. */
  readonly wellFormed: boolean;
  readonly conservative: boolean;
  readonly consistent: boolean;
  readonly rank: number;
  readonly clusters: number;
}

/**
 * The rank theorem (Desel–Esparza): a connected free-choice net is well-formed iff it has a positive
 * P-semiflow, a positive T-semiflow, and rank(C) = |clusters| − 1. `pSupport` and `tSupport` say
 * which places and transitions some minimal semiflow covers.
 */
export function rankTheorem(net: PetriNet, pCovered: boolean, tCovered: boolean): RankTheoremResult {
  const rank = matrixRank(incidenceMatrix(net));
  const clusters = clusterCount(net);
  return {
    wellFormed: pCovered && tCovered && rank === clusters - 1,
    conservative: pCovered,
    consistent: tCovered,
    rank,
    clusters,
  };
}
