import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairCycle, type LocalGraph, NO_FAIRNESS } from '../../src/index.js';

/** A local graph from edges `[from, to, acceptance marks]`. */
function graphOf(n: number, edges: readonly (readonly [number, number, number])[]): LocalGraph {
  const sorted = [...edges].sort((a, b) => a[0] - b[0]);
  const offsets = new Int32Array(n + 1);
  for (const [s] of sorted) offsets[s + 1]++;
  for (let s = 0; s < n; s++) offsets[s + 1] += offsets[s];
  return {
    n,
    offsets,
    targets: Int32Array.from(sorted.map((e) => e[1])),
    acc: Uint32Array.from(sorted.map((e) => e[2])),
  };
}

/** Whether `cycle` goes from `start` back to `start` along edges of `g` and covers every mark of `all`. */
function coversAll(
  g: LocalGraph,
  start: number,
  all: number,
  cycle: { states: number[]; edges: number[] },
): boolean {
  let at = start;
  let marks = 0;
  for (let i = 0; i < cycle.edges.length; i++) {
    const e = cycle.edges[i];
    if (cycle.states[i] !== at || e < g.offsets[at] || e >= g.offsets[at + 1]) return false;
    marks |= (g.acc as Uint32Array)[e];
    at = g.targets[e];
  }
  return at === start && (marks & all) === all;
}

/** The length of the shortest cycle through `start` covering `all`, by breadth-first search over (state, marks). */
function shortestByBruteForce(g: LocalGraph, start: number, all: number): number {
  const seen = new Set<string>();
  let frontier: [number, number][] = [[start, 0]];
  for (let length = 1; length <= g.n * 8; length++) {
    const next: [number, number][] = [];
    for (const [s, m] of frontier)
      for (let e = g.offsets[s]; e < g.offsets[s + 1]; e++) {
        const w = g.targets[e];
        const marks = m | (g.acc as Uint32Array)[e];
        if (w === start && (marks & all) === all) return length;
        const key = `${w}/${marks}`;
        if (!seen.has(key)) {
          seen.add(key);
          next.push([w, marks]);
        }
      }
    frontier = next;
  }
  return Number.POSITIVE_INFINITY;
}

describe('fairCycle: the shortest accepting cycle through the start', () => {
  it('does not take the nearest mark first when a longer first step covers both', () => {
    // 0 -> 1 carries mark 1, the nearest; but 0 -> 2 -> 3 -> 0 carries both marks in 3 steps,
    // while taking 0 -> 1 first needs 0 -> 1 -> 0 -> 2 -> 3 -> 0 (5 steps).
    const g = graphOf(4, [
      [0, 1, 1],
      [1, 0, 0],
      [0, 2, 0],
      [2, 3, 3],
      [3, 0, 0],
    ]);
    const cycle = fairCycle(g, [0, 1, 2, 3], 0, 3, NO_FAIRNESS);
    expect(coversAll(g, 0, 3, cycle)).toBe(true);
    expect(cycle.edges.length).toBe(3);
  });

  it('on random strongly connected graphs, as short as a brute-force search finds', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(3)), { maxLength: 14 }),
            ),
          ),
        ([n, extra]) => {
          // A ring makes the graph strongly connected; the extra edges carry the marks.
          const ring = Array.from({ length: n }, (_, s) => [s, (s + 1) % n, 0] as const);
          const g = graphOf(n, [...ring, ...extra]);
          const all = extra.reduce((m, e) => m | e[2], 0);
          const members = Array.from({ length: n }, (_, s) => s);
          const cycle = fairCycle(g, members, 0, all, NO_FAIRNESS);
          expect(coversAll(g, 0, all, cycle)).toBe(true);
          expect(cycle.edges.length).toBe(shortestByBruteForce(g, 0, all));
        },
      ),
      { numRuns: 300 },
    );
  });
});
