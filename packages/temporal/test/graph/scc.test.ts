import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, reverseGraph, stronglyConnectedComponents } from '../../src/index.js';

describe('stronglyConnectedComponents', () => {
  it('matches mutual reachability, and numbers components sinks first', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 9 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 20 }),
              fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            ),
          ),
        ([n, edges, maskBits]) => {
          const b = new GraphBuilder();
          b.ensureStates(n);
          for (const [s, t] of edges) b.addEdge(s, t);
          const g = b.freeze();
          const mask = Uint8Array.from(maskBits, (x) => (x ? 1 : 0));
          const { component } = stronglyConnectedComponents(n, g.offsets, g.targets, mask);
          const reach = (v: number): Set<number> => {
            const seen = new Set([v]);
            const stack = [v];
            while (stack.length) {
              const x = stack.pop()!;
              for (const [s, t] of edges)
                if (s === x && mask[t] && !seen.has(t)) {
                  seen.add(t);
                  stack.push(t);
                }
            }
            return seen;
          };
          for (let v = 0; v < n; v++) {
            if (!mask[v]) {
              expect(component[v]).toBe(-1);
              continue;
            }
            for (let w = 0; w < n; w++) {
              if (!mask[w]) continue;
              const same = reach(v).has(w) && reach(w).has(v);
              expect(component[v] === component[w]).toBe(same);
              // An edge between components goes to a lower number (reverse topological order).
              if (!same && reach(v).has(w)) expect(component[w]).toBeLessThan(component[v]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles a million-state cycle and a million-state chain without recursion', () => {
    const n = 1_000_000;
    const offsets = Int32Array.from({ length: n + 1 }, (_, i) => i);
    const cycle = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
    expect(stronglyConnectedComponents(n, offsets, cycle).count).toBe(1);
    const chain = Int32Array.from({ length: n }, (_, i) => Math.min(i + 1, n - 1));
    expect(stronglyConnectedComponents(n, offsets, chain).count).toBe(n);
  });
});

describe('GraphBuilder', () => {
  it('freezes edges added in any order to CSR, keeping per-source order, and reverses them', () => {
    const b = new GraphBuilder({ actions: true });
    b.addEdge(2, 0, 5);
    b.addEdge(0, 1, 1);
    b.addEdge(2, 1, 6);
    b.addEdge(0, 2, 2);
    b.addInitial(0);
    const g = b.freeze();
    expect(Array.from(g.offsets)).toEqual([0, 2, 2, 4]);
    expect(Array.from(g.targets)).toEqual([1, 2, 0, 1]);
    expect(Array.from(g.actions!)).toEqual([1, 2, 5, 6]);
    const r = reverseGraph(g);
    expect(Array.from(r.sources.subarray(r.offsets[1], r.offsets[2])).sort()).toEqual([0, 2]);
  });
});
