// Benchmark of the temporal package: CTL labelling in edges per second per sub-formula, LTL
// product states per second, on graphs of 10^6 states; and automaton sizes for the usual formulas.
// Run from the repository root: node scripts/run-ts.mjs packages/temporal/bench/temporal-bench.ts [states]
// Prints figures, asserts nothing.
import {
  checkCtl,
  checkLtl,
  type FairnessConstraint,
  GraphBuilder,
  graphStateSpace,
  type KripkeGraph,
  parseFormula,
  translateLtl,
} from '../src/index.js';

const N = Number(process.argv[2] ?? 1_000_000);

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function time<T>(run: () => T): { value: T; seconds: number } {
  const start = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - start) / 1000 };
}

const fmt = (x: number): string =>
  x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : x >= 1e3 ? `${(x / 1e3).toFixed(0)} k` : x.toFixed(0);

// ---- graphs ----------------------------------------------------------------------------------

/** Random graph: out-degree 4, uniform targets, ~1.5% dead states. */
function randomGraph(n: number): KripkeGraph {
  const rnd = mulberry32(42);
  const b = new GraphBuilder({ expectedEdges: 4 * n });
  b.ensureStates(n);
  for (let s = 0; s < n; s++) {
    if (rnd() < 0.015) continue;
    for (let k = 0; k < 4; k++) b.addEdge(s, Math.floor(rnd() * n));
  }
  b.addInitial(0);
  return b.freeze();
}

/** A ring with skips (s -> s+1, s -> s+2): every cycle goes round, so it meets every "milestone" state. */
function ringGraph(n: number): KripkeGraph {
  const b = new GraphBuilder({ expectedEdges: 2 * n, actions: true });
  b.ensureStates(n);
  for (let s = 0; s < n; s++) {
    b.addEdge(s, (s + 1) % n, 0);
    b.addEdge(s, (s + 2) % n, 1);
  }
  b.addInitial(0);
  return b.freeze();
}

const rnd = mulberry32(7);
const pBits = Uint8Array.from({ length: N }, () => (rnd() < 0.7 ? 1 : 0));
const qBits = Uint8Array.from({ length: N }, () => (rnd() < 0.1 ? 1 : 0));
const randomAtoms = { p: (s: number) => pBits[s] === 1, q: (s: number) => qBits[s] === 1 };

console.log(`temporal benchmark, ${fmt(N)} states (node ${process.version})`);

// ---- CTL -------------------------------------------------------------------------------------
{
  const { value: g, seconds: build } = time(() => randomGraph(N));
  const E = g.targets.length;
  console.log(
    `\nCTL labelling on a random graph: ${fmt(N)} states, ${fmt(E)} edges (built in ${build.toFixed(2)} s)`,
  );
  const fairness: FairnessConstraint[] = [
    { kind: 'weak', enabled: () => true, taken: (_f, _t, e) => (e & 1) === 0 },
    { kind: 'strong', enabled: (s) => (s & 7) === 0, taken: (_f, _t, e) => (e & 3) === 1 },
  ];
  // Atoms once, then each formula: time per temporal sub-formula (atoms labelled in all of them).
  const atomOnly = time(() => checkCtl({ graph: g, formula: 'p & q', atoms: randomAtoms }));
  const rows: [string, number, FairnessConstraint[]][] = [
    ['EX p', 1, []],
    ['AX p', 1, []],
    ['EF q', 1, []],
    ['AG p', 1, []],
    ['E[p U q]', 1, []],
    ['A[p U q]', 1, []],
    ['EG p', 1, []],
    ['AF q', 1, []],
    ['AG (p -> AF q)', 2, []],
    ['AG EF q', 2, []],
    ['EG p  (WF + SF fairness)', 1, fairness],
  ];
  console.log(`  atoms p, q (2 sub-formulas, 10^6 predicate calls each): ${atomOnly.seconds.toFixed(3)} s`);
  console.log(
    '  formula                          seconds   temporal ops   edges/s per sub-formula   verdict',
  );
  for (const [text, ops, fair] of rows) {
    const formula = text.replace(/ {2}\(.*$/, '');
    const r = time(() => checkCtl({ graph: g, formula, atoms: randomAtoms, fairness: fair }));
    const labelling = Math.max(1e-6, r.seconds - atomOnly.seconds);
    console.log(
      `  ${text.padEnd(32)} ${r.seconds.toFixed(3).padStart(7)}   ${String(ops).padStart(12)}   ${fmt((E * ops) / labelling).padStart(22)}   ${r.value.kind}`,
    );
  }
}

// ---- LTL -------------------------------------------------------------------------------------
{
  const g = ringGraph(N);
  const E = g.targets.length;
  console.log(
    `\nLTL product on a ring with skips: ${fmt(N)} states, ${fmt(E)} edges (the properties hold: full product)`,
  );
  const atoms = {
    p: (s: number) => pBits[s] === 1,
    q: (s: number) => s % 1000 < 2,
    r: (s: number) => s % 500 < 2,
    Skip: {
      kind: 'edge' as const,
      holds: (_f: number, _t: number, e: number) => e >= 0 && g.actions![e] === 1,
    },
  };
  const space = graphStateSpace(g);
  const fairness: FairnessConstraint[] = [
    { kind: 'weak', enabled: () => true, taken: (_f, _t, e) => e >= 0 && g.actions![e] === 0 },
  ];
  const rows: [string, string, Parameters<typeof checkLtl>[0]][] = [
    ['G(p -> F q)', 'graph', { graph: g, formula: 'G(p -> F q)', atoms }],
    ['G(p -> F q)', 'on the fly', { space, formula: 'G(p -> F q)', atoms }],
    ['GF q & GF r', 'graph', { graph: g, formula: 'GF q & GF r', atoms }],
    ['(GF p -> GF q) -> G(r -> F q)', 'graph', { graph: g, formula: '(GF p -> GF q) -> G(r -> F q)', atoms }],
    ['G(p -> F q), WF', 'graph', { graph: g, formula: 'G(p -> F q)', atoms, fairness }],
    [
      'G(p -> F q), WF, no vacuity',
      'graph',
      { graph: g, formula: 'G(p -> F q)', atoms, fairness, vacuityCheck: false },
    ],
    ['G(Skip -> F q)  (edge atom)', 'graph', { graph: g, formula: 'G(Skip -> F q)', atoms }],
    [
      'G(p -> F !p)  (violated)',
      'graph',
      { graph: g, formula: 'G(p -> F !p)', atoms, stutterEverywhere: true },
    ],
    [
      'G(p -> F !p)  (violated, first)',
      'graph',
      { graph: g, formula: 'G(p -> F !p)', atoms, stutterEverywhere: true, shortestLasso: false },
    ],
    ['F G p, WF  (violated)', 'graph', { graph: g, formula: 'F G p', atoms, fairness }],
    [
      'F G p, WF  (violated, first)',
      'graph',
      { graph: g, formula: 'F G p', atoms, fairness, shortestLasso: false },
    ],
  ];
  console.log(
    '  formula                          system       seconds   product states   transitions   product states/s   verdict',
  );
  for (const [text, how, options] of rows) {
    const r = time(() => checkLtl(options));
    const v = r.value;
    const stats = v.kind === 'error' ? undefined : v.stats;
    const states = stats?.productStates ?? 0;
    // Violated: the lasso's prefix and cycle lengths. "first" rows skip the shortest-lasso pass.
    const lasso =
      v.kind === 'violated' ? ` (prefix ${v.lasso.prefix.length}, cycle ${v.lasso.cycle.length})` : '';
    console.log(
      `  ${text.padEnd(32)} ${how.padEnd(10)} ${r.seconds.toFixed(3).padStart(9)}   ${fmt(states).padStart(14)}   ${fmt(stats?.productTransitions ?? 0).padStart(11)}   ${fmt(states / r.seconds).padStart(16)}   ${v.kind}${lasso}`,
    );
  }
}

// ---- automata --------------------------------------------------------------------------------
console.log('\nAutomaton sizes (transition-based generalised Büchi: states / acceptance sets / transitions)');
for (const text of ['G(p -> F q)', 'GF p & GF q & GF r', '(GF p -> GF q) -> G(r -> F s)']) {
  for (const t of [text, `!(${text})`]) {
    const f = parseFormula(t).formula!;
    const a = translateLtl(f);
    console.log(`  ${t.padEnd(36)} ${a.stateCount} / ${a.acceptanceSets} / ${a.transitions.length}`);
  }
}
