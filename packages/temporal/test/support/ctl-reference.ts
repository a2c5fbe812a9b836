import type { Formula, KripkeGraph } from '../../src/index.js';
import { options, type Semantics } from './brute-force.js';
import type { RandomModel } from './random-graph.js';

/**
 * CTL by naive fixpoints over JavaScript sets, from the textbook definitions, over maximal paths
 * (stuttering as the semantics says). Fair path quantifiers: a fair behaviour exists from s inside
 * A iff A reaches, inside A, a set of edges that is strongly connected and meets the fairness
 * constraints (found by trying every subset of edges: tiny graphs only), or, in finite mode, a dead state.
 */
export function ctlReference(
  m: RandomModel,
  graph: KripkeGraph,
  edgeIndex: (e: number) => number,
  formula: Formula,
  sem: Semantics,
  fair: boolean,
): Set<number> {
  const n = graph.stateCount;
  const states = [...Array(n).keys()];
  const succ = states.map((s) => options(graph, s, sem));
  const dead = new Set(states.filter((s) => succ[s].length === 0));
  const all = new Set(states);
  const EX = (x: Set<number>): Set<number> =>
    new Set(states.filter((s) => succ[s].some((o) => x.has(o.state))));
  const lfp = (f: (z: Set<number>) => Set<number>): Set<number> => {
    let z = new Set<number>();
    for (;;) {
      const next = f(z);
      if (next.size === z.size) return next;
      z = next;
    }
  };
  const gfp = (f: (z: Set<number>) => Set<number>): Set<number> => {
    let z = new Set(all);
    for (;;) {
      const next = f(z);
      if (next.size === z.size) return next;
      z = next;
    }
  };
  const inter = (a: Set<number>, b: Set<number>) => new Set([...a].filter((s) => b.has(s)));
  const uni = (a: Set<number>, b: Set<number>) => new Set([...a, ...b]);
  const comp = (a: Set<number>) => new Set(states.filter((s) => !a.has(s)));

  const egFair = (a: Set<number>): Set<number> => {
    // Edges inside a (with stuttering loops), every subset tried.
    const es: { from: number; to: number; edge: number }[] = [];
    for (const s of a)
      for (const o of succ[s]) if (a.has(o.state)) es.push({ from: s, to: o.state, edge: o.edge });
    const seeds = new Set<number>();
    for (let mask = 1; mask < 1 << es.length; mask++) {
      const sub = es.filter((_, i) => (mask >> i) & 1);
      const vs = [...new Set(sub.flatMap((e) => [e.from, e.to]))];
      const reach = (v: number) => {
        const seen = new Set([v]);
        const stack = [v];
        while (stack.length) {
          const x = stack.pop()!;
          for (const e of sub)
            if (e.from === x && !seen.has(e.to)) {
              seen.add(e.to);
              stack.push(e.to);
            }
        }
        return seen;
      };
      if (!vs.every((v) => vs.every((w) => reach(v).has(w)))) continue;
      const ok = m.fair.every((c) => {
        const taken = sub.some((e) => (e.edge < 0 ? c.stutterTaken[e.from] : c.taken[edgeIndex(e.edge)]));
        if (c.kind === 'weak') return !vs.every((v) => c.enabled[v]) || taken;
        return !vs.some((v) => c.enabled[v]) || taken;
      });
      if (ok) for (const v of vs) seeds.add(v);
    }
    if (sem.deadlock === 'finite') for (const s of a) if (dead.has(s)) seeds.add(s);
    return lfp((z) => uni(seeds, inter(a, EX(z))));
  };
  const D = sem.deadlock === 'finite' ? dead : new Set<number>();
  const fairStates = fair ? egFair(all) : all;
  const ex = (x: Set<number>) => EX(inter(x, fairStates));
  const eu = (a: Set<number>, b: Set<number>) => lfp((z) => uni(inter(b, fairStates), inter(a, EX(z))));
  const eg = (a: Set<number>) => (fair ? egFair(a) : gfp((z) => inter(a, uni(EX(z), D))));

  // Without fairness: every operator by its own fixpoint, A and E alike (no dualities), over
  // maximal paths: AXw is vacuous at a dead state (the path ends), AXs needs a successor.
  const AXw = (x: Set<number>) => new Set(states.filter((s) => succ[s].every((o) => x.has(o.state))));
  const AXs = (x: Set<number>) =>
    new Set(states.filter((s) => succ[s].length > 0 && succ[s].every((o) => x.has(o.state))));
  const quantifiedPlain = (E: boolean, body: Formula): Set<number> => {
    switch (body.kind) {
      case 'next':
        return E ? EX(go(body.arg)) : AXw(go(body.arg));
      case 'finally': {
        const a = go(body.arg);
        return lfp((z) => uni(a, E ? EX(z) : AXs(z)));
      }
      case 'globally': {
        const a = go(body.arg);
        return gfp((z) => inter(a, E ? uni(EX(z), D) : AXw(z)));
      }
      case 'until': {
        const a = go(body.left);
        const b = go(body.right);
        return lfp((z) => uni(b, inter(a, E ? EX(z) : AXs(z))));
      }
      case 'release': {
        const a = go(body.left);
        const b = go(body.right);
        return gfp((z) => inter(b, uni(a, E ? uni(EX(z), D) : AXw(z))));
      }
      case 'weak-until': {
        const a = go(body.left);
        const b = go(body.right);
        return gfp((z) => uni(b, inter(a, E ? uni(EX(z), D) : AXw(z))));
      }
      default:
        throw new Error(`not CTL: ${body.kind}`);
    }
  };
  // With fairness, fair CTL's definition: E over fair behaviours, A φ = !E !φ.
  const quantifiedFair = (E: boolean, body: Formula): Set<number> => {
    switch (body.kind) {
      case 'next': {
        const a = go(body.arg);
        return E ? ex(a) : comp(ex(comp(a)));
      }
      case 'finally': {
        const a = go(body.arg);
        return E ? eu(all, a) : comp(eg(comp(a)));
      }
      case 'globally': {
        const a = go(body.arg);
        return E ? eg(a) : comp(eu(all, comp(a)));
      }
      case 'until': {
        const a = go(body.left);
        const b = go(body.right);
        if (E) return eu(a, b);
        // !(a U b) = (!b U (!a & !b)) | G !b
        return comp(uni(eu(comp(b), inter(comp(a), comp(b))), eg(comp(b))));
      }
      case 'release': {
        const a = go(body.left);
        const b = go(body.right);
        // a R b = (b U (a & b)) | G b;  !(a R b) = !a U !b
        if (E) return uni(eu(b, inter(a, b)), eg(b));
        return comp(eu(comp(a), comp(b)));
      }
      case 'weak-until': {
        const a = go(body.left);
        const b = go(body.right);
        if (E) return uni(eu(a, b), eg(a));
        return comp(eu(comp(b), inter(comp(a), comp(b))));
      }
      default:
        throw new Error(`not CTL: ${body.kind}`);
    }
  };

  const go = (g: Formula): Set<number> => {
    switch (g.kind) {
      case 'true':
        return new Set(all);
      case 'false':
        return new Set();
      case 'atom':
        return new Set(states.filter((s) => m.labels[s][g.name as 'p' | 'q' | 'r']));
      case 'not':
        return comp(go(g.arg));
      case 'and':
        return inter(go(g.left), go(g.right));
      case 'or':
        return uni(go(g.left), go(g.right));
      case 'implies':
        return uni(comp(go(g.left)), go(g.right));
      case 'iff': {
        const a = go(g.left);
        const b = go(g.right);
        return new Set(states.filter((s) => a.has(s) === b.has(s)));
      }
      case 'exists':
      case 'all':
        return fair
          ? quantifiedFair(g.kind === 'exists', g.arg)
          : quantifiedPlain(g.kind === 'exists', g.arg);
      default:
        throw new Error(`not CTL: ${g.kind}`);
    }
  };
  return go(formula);
}

/** Reference fair states (from which some fair behaviour starts). */
export function fairStatesReference(
  m: RandomModel,
  graph: KripkeGraph,
  edgeIndex: (e: number) => number,
  sem: Semantics,
): Set<number> {
  return ctlReference(
    m,
    graph,
    edgeIndex,
    { kind: 'exists', arg: { kind: 'globally', arg: { kind: 'true' } } },
    sem,
    true,
  );
}
