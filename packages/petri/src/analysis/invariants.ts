import { incidenceMatrix, type PetriNet } from '../model/net.js';

/** Why a computation stopped short: too many intermediate rows, or numbers too large. */
export type InvariantLimit = 'too-many-rows' | 'overflow' | 'time-limit';

export interface SemiflowResult {
  /** Minimal-support semiflows (non-negative integer vectors, gcd 1), or undefined if stopped. */
  readonly vectors?: number[][];
  readonly stopped?: InvariantLimit;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The Farkas algorithm (Martínez–Silva, with minimal-support pruning after every column): given
 * rows r_1..r_n over m columns, the minimal-support vectors y ≥ 0 with Σ y_i r_i = 0. Each step
 * clears one column, choosing the column with the fewest new rows (positive × negative) to keep
 * the intermediate matrix small; it stops (no answer) beyond `maxRows` rows, `maxMillis`, or 2^53.
 */
export function farkas(
  rows: readonly (readonly number[])[],
  columns: number,
  maxRows = 5000,
  maxMillis = 2000,
): SemiflowResult {
  const deadline = Date.now() + maxMillis;
  const n = rows.length;
  const words = Math.ceil(n / 32) || 1;
  interface Row {
    a: number[];
    y: number[];
    support: Uint32Array;
  }
  const supportOf = (y: number[]) => {
    const s = new Uint32Array(words);
    for (let i = 0; i < n; i++) if (y[i] !== 0) s[i >>> 5] |= 1 << (i & 31);
    return s;
  };
  let current: Row[] = rows.map((r, i) => {
    const y = new Array<number>(n).fill(0);
    y[i] = 1;
    return { a: r.slice(), y, support: supportOf(y) };
  });
  const done = new Array<boolean>(columns).fill(false);
  for (let step = 0; step < columns; step++) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let j = 0; j < columns; j++) {
      if (done[j]) continue;
      let pos = 0;
      let neg = 0;
      for (const r of current) {
        if (r.a[j] > 0) pos++;
        else if (r.a[j] < 0) neg++;
      }
      const cost = pos * neg - pos - neg;
      if (cost < bestCost) {
        bestCost = cost;
        best = j;
      }
    }
    const j = best;
    done[j] = true;
    const next: Row[] = [];
    const positive: Row[] = [];
    const negative: Row[] = [];
    for (const r of current) {
      if (r.a[j] === 0) next.push(r);
      else if (r.a[j] > 0) positive.push(r);
      else negative.push(r);
    }
    for (const p of positive) {
      for (const q of negative) {
        const support = new Uint32Array(words);
        for (let w = 0; w < words; w++) support[w] = p.support[w] | q.support[w];
        const fp = -q.a[j];
        const fq = p.a[j];
        const a = new Array<number>(columns);
        const y = new Array<number>(n);
        let g = 0;
        for (let k = 0; k < columns; k++) {
          a[k] = fp * p.a[k] + fq * q.a[k];
          g = gcd(g, a[k]);
        }
        for (let k = 0; k < n; k++) {
          y[k] = fp * p.y[k] + fq * q.y[k];
          g = gcd(g, y[k]);
        }
        if (g > 1) {
          for (let k = 0; k < columns; k++) a[k] /= g;
          for (let k = 0; k < n; k++) y[k] /= g;
        }
        for (let k = 0; k < n; k++) if (!Number.isSafeInteger(y[k])) return { stopped: 'overflow' };
        for (let k = 0; k < columns; k++) if (!Number.isSafeInteger(a[k])) return { stopped: 'overflow' };
        next.push({ a, y, support });
      }
      if (next.length > maxRows * 4) return { stopped: 'too-many-rows' };
      if (Date.now() > deadline) return { stopped: 'time-limit' };
    }
    current = minimalSupports(next, words);
    if (current.length > maxRows) return { stopped: 'too-many-rows' };
  }
  return { vectors: current.map((r) => r.y) };
}

/** Keeps the rows whose support contains no other row's support (one row per support). */
function minimalSupports<R extends { support: Uint32Array }>(rows: R[], words: number): R[] {
  const count = (s: Uint32Array) => {
    let c = 0;
    for (let w = 0; w < words; w++) {
      let v = s[w];
      while (v) {
        v &= v - 1;
        c++;
      }
    }
    return c;
  };
  const sorted = rows.map((r) => ({ r, c: count(r.support) })).sort((x, y) => x.c - y.c);
  const kept: R[] = [];
  outer: for (const { r } of sorted) {
    for (const k of kept) {
      let subset = true;
      for (let w = 0; w < words; w++) {
        if ((k.support[w] & ~r.support[w]) !== 0) {
          subset = false;
          break;
        }
      }
      if (subset) continue outer;
    }
    kept.push(r);
  }
  return kept;
}

/** Minimal P-semiflows: y ≥ 0, y·C = 0 (the weighted token sum y·M is the same in every reachable M). */
export function pInvariants(net: PetriNet, maxRows?: number): SemiflowResult {
  return farkas(incidenceMatrix(net), net.transitions.length, maxRows);
}

/** Minimal T-semiflows: x ≥ 0, C·x = 0 (firing each t x(t) times returns to the same marking). */
export function tInvariants(net: PetriNet, maxRows?: number): SemiflowResult {
  const c = incidenceMatrix(net);
  const columns = net.transitions.map((_, t) => c.map((row) => row[t]));
  return farkas(columns, net.places.length, maxRows);
}

/**
 * Extreme rays of { y ≥ 0 : y·C ≥ 0 }: weighted token sums that never decrease, so y·M ≥ y·M0 in
 * every reachable marking M (used to prove that an unbounded net has no dead marking).
 */
export function nonDecreasingSums(net: PetriNet, maxRows = 5000): SemiflowResult {
  const c = incidenceMatrix(net);
  const T = net.transitions.length;
  const slack = net.transitions.map((_, t) => {
    const row = new Array<number>(T).fill(0);
    row[t] = -1;
    return row;
  });
  const result = farkas([...c, ...slack], T, maxRows);
  if (!result.vectors) return result;
  const P = net.places.length;
  const seen = new Set<string>();
  const vectors: number[][] = [];
  for (const v of result.vectors) {
    const y = v.slice(0, P);
    if (y.every((x) => x === 0)) continue;
    const key = y.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      vectors.push(y);
    }
  }
  return { vectors };
}

/**
 * Upper bounds per place from P-semiflows: if y·C = 0 and y(p) > 0 then M(p) ≤ ⌊y·M0 / y(p)⌋.
 * Undefined for a place no semiflow covers.
 */
export function structuralBounds(
  net: PetriNet,
  semiflows: readonly (readonly number[])[],
): (number | undefined)[] {
  const bounds: (number | undefined)[] = net.places.map(() => undefined);
  for (const y of semiflows) {
    let total = 0;
    for (let p = 0; p < y.length; p++) total += y[p] * net.initialMarking[p];
    for (let p = 0; p < y.length; p++) {
      if (y[p] === 0) continue;
      const b = Math.floor(total / y[p]);
      const old = bounds[p];
      if (old === undefined || b < old) bounds[p] = b;
    }
  }
  return bounds;
}
