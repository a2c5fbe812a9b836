import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCoverabilityGraph,
  buildReachabilityGraph,
  markingOf,
  netTransitionSystem,
  OMEGA,
  pathTo,
  replay,
} from '../../src/index.js';
import { randomNetSpec } from '../support/arbitraries.js';
import { bruteForce, net, netFromSpec } from '../support/nets.js';

describe('reachability graph', () => {
  it('counts markings and edges as a brute-force search does (random small nets)', () => {
    fc.assert(
      fc.property(randomNetSpec(), (spec) => {
        const n = netFromSpec(spec);
        const oracle = bruteForce(n, 3000);
        fc.pre(!oracle.capped);
        const g = buildReachabilityGraph(n);
        expect(g.complete).toBe(true);
        expect(g.markings).toBe(oracle.markings.size);
        expect(g.edges).toBe(oracle.edges);
        const ours = new Set<string>();
        for (let id = 0; id < g.markings; id++) ours.add(markingOf(g, id).join(','));
        expect(ours).toEqual(oracle.markings);
      }),
      { numRuns: 300 },
    );
  });

  it('gives every marking a shortest firing sequence that replays to it', () => {
    fc.assert(
      fc.property(randomNetSpec(), (spec) => {
        const n = netFromSpec(spec);
        fc.pre(!bruteForce(n, 3000).capped);
        const g = buildReachabilityGraph(n);
        for (let id = 0; id < g.markings; id++) {
          const run = replay(n, pathTo(g, id));
          expect(run.ok).toBe(true);
          expect(run.markings[run.markings.length - 1]).toEqual(markingOf(g, id));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("a bounded net's coverability graph is its reachability graph", () => {
    fc.assert(
      fc.property(randomNetSpec(), (spec) => {
        const n = netFromSpec(spec);
        const cov = buildCoverabilityGraph(n, { maxNodes: 5000 });
        fc.pre(cov.complete && cov.unboundedPlaces.length === 0);
        const g = buildReachabilityGraph(n);
        const reach = new Set<string>();
        for (let id = 0; id < g.markings; id++) reach.add(markingOf(g, id).join(','));
        expect(new Set(cov.nodes.map((m) => Array.from(m).join(',')))).toEqual(reach);
        expect(cov.edgeFrom.length).toBe(g.edges);
      }),
      { numRuns: 200 },
    );
  });

  it('finds ω places exactly when brute force finds no end, with a pumping sequence that replays', () => {
    fc.assert(
      fc.property(randomNetSpec(), (spec) => {
        const n = netFromSpec(spec);
        const cov = buildCoverabilityGraph(n, { maxNodes: 20000 });
        fc.pre(cov.complete);
        const oracle = bruteForce(n, 20000);
        expect(cov.unboundedPlaces.length > 0).toBe(oracle.capped);
        if (cov.pumping) {
          const prefix = replay(n, cov.pumping.prefix);
          expect(prefix.ok).toBe(true);
          const start = prefix.markings[prefix.markings.length - 1];
          const pumped = replay(n, cov.pumping.pump, start);
          expect(pumped.ok).toBe(true);
          const end = pumped.markings[pumped.markings.length - 1];
          for (let p = 0; p < start.length; p++) expect(end[p]).toBeGreaterThanOrEqual(start[p]);
          for (const p of cov.pumping.places) expect(end[p]).toBeGreaterThan(start[p]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('counts a hand-computed net: two independent 3-state cycles make 9 markings and 18 edges', () => {
    const n = net(
      'place a0 = 1\nplace a1\nplace a2\nplace b0 = 1\nplace b1\nplace b2\n' +
        'transition a01 : a0 -> a1\ntransition a12 : a1 -> a2\ntransition a20 : a2 -> a0\n' +
        'transition b01 : b0 -> b1\ntransition b12 : b1 -> b2\ntransition b20 : b2 -> b0\n',
    );
    const g = buildReachabilityGraph(n);
    expect([g.markings, g.edges, g.deadCount, g.depth]).toEqual([9, 18, 0, 5]);
  });

  it('widens a packed field when a count outgrows it (300 tokens in 8-bit fields)', () => {
    const n = net('place src = 300\nplace dst\ntransition move : src -> dst\n');
    const g = buildReachabilityGraph(n);
    expect(g.markings).toBe(301);
    expect(g.maxTokens[1]).toBe(300);
    expect(markingOf(g, 300)).toEqual([0, 300]);
  });

  it('stops cleanly at a state limit and a cancel signal, keeping what it found', () => {
    const n = net(
      'place a = 40\nplace b = 40\nplace c\ntransition ab : a -> b\ntransition bc : b -> c\ntransition ca : c -> a\n',
    );
    const g = buildReachabilityGraph(n, { maxStates: 100 });
    expect(g.complete).toBe(false);
    expect(g.stopped).toBe('state-limit');
    expect(g.markings).toBe(100);
    const cancelled = buildReachabilityGraph(n, { signal: { aborted: true } });
    expect(cancelled.stopped).toBe('cancelled');
  });

  it('marks ω with Infinity in the coverability graph', () => {
    const n = net('place s = 1\nplace p\ntransition gen : s -> s, p\n');
    const cov = buildCoverabilityGraph(n);
    expect(cov.unboundedPlaces).toEqual([1]);
    expect(cov.maxTokens[1]).toBe(OMEGA);
    expect(cov.pumping).toEqual({ prefix: [], pump: [0], places: [1] });
  });
});

describe('the net as a TransitionSystem', () => {
  it('reaches the same markings as the reachability graph, with labels', () => {
    const n = net('place a = 2\nplace b\ntransition t : a -> b\ntransition u : 2*b -> a\n');
    const system = netTransitionSystem(n);
    const seen = new Set<string>();
    const todo: Int32Array[] = [];
    system.initialStates((s) => todo.push(s));
    while (todo.length > 0) {
      const s = todo.pop() as Int32Array;
      const key = Array.from(s).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      system.successors(s, (_, next) => todo.push(next));
    }
    const g = buildReachabilityGraph(n);
    expect(seen.size).toBe(g.markings);
    expect(system.label('enabled:u')?.(Int32Array.from([0, 2]))).toBe(true);
    expect(system.label('deadlock')?.(Int32Array.from([0, 1]))).toBe(true);
    expect(system.label('nope')).toBeUndefined();
    expect(system.render(Int32Array.from([1, 1])).b).toEqual({ text: '1', json: 1 });
  });
});
