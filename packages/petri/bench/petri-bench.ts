// Benchmark: state-space enumeration on HouseConstruction-PT-00005 and Kanban-PT-00005 (markings
// per second, bytes per marking, seconds, MB), the figures issue 5 compares with TAPAAL's verifypn
// (3.8 s / 37 MB and 15.7 s / 73 MB on this machine kind). Prints figures, asserts nothing.
// Run: node scripts/run-ts.mjs packages/petri/bench/petri-bench.ts
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildReachabilityGraph,
  decodeNetFile,
  pInvariants,
  readNet,
  structuralBounds,
} from '../src/index.js';

function repoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return resolve(start, '../../..');
  }
}

const corpus = resolve(repoRoot(dirname(fileURLToPath(import.meta.url))), '../shared/corpus/petri/mcc');
const nets = [
  { name: 'HouseConstruction-PT-00005', tapaal: { seconds: 3.8, mb: 37 }, markings: 1_187_984 },
  { name: 'Kanban-PT-00005', tapaal: { seconds: 15.7, mb: 73 }, markings: 2_546_432 },
];

if (!existsSync(corpus)) {
  console.log(`[bench] ${corpus} not found: nothing to measure (the corpus lives in ../shared/corpus).`);
  process.exit(0);
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
for (const { name, tapaal, markings } of nets) {
  const path = join(corpus, `${name}.pnml`);
  const net = readNet(decodeNetFile(readFileSync(path)), path).net;
  if (!net) throw new Error(`${name} does not read`);
  globalThis.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const invariants = pInvariants(net);
  const bounds = invariants.vectors ? structuralBounds(net, invariants.vectors) : undefined;
  // Enumeration, as verifypn's state-space search: every marking and every edge visited, edges counted, not stored.
  const g = buildReachabilityGraph(net, { bounds, storeEdges: false, storeParents: false });
  const seconds = (performance.now() - started) / 1000;
  const after = process.memoryUsage();
  const rssGrowth = Math.max(0, after.rss - before.rss);
  console.log(
    `${name}: ${g.markings.toLocaleString('en-US')} markings${g.markings === markings ? '' : ` (expected ${markings})`}, ${g.edges.toLocaleString('en-US')} edges in ${seconds.toFixed(2)} s = ${Math.round(g.markings / seconds).toLocaleString('en-US')} markings/s; ` +
      `${(g.bytes / g.markings).toFixed(1)} bytes/marking (${g.store.words} words of 32 bits packed + hash slot), store ${mb(g.bytes)} MB, RSS growth ${mb(rssGrowth)} MB; ` +
      `TAPAAL ${tapaal.seconds} s / ${tapaal.mb} MB: ${(tapaal.seconds / seconds).toFixed(1)}x faster`,
  );
  // The full graph the analyses use: edges in CSR and parent pointers for shortest sequences.
  const fullStarted = performance.now();
  const full = buildReachabilityGraph(net, { bounds });
  const fullSeconds = (performance.now() - fullStarted) / 1000;
  console.log(
    `  with edges and parents (what liveness needs): ${fullSeconds.toFixed(2)} s, ${mb(full.bytes)} MB, ${(full.bytes / full.markings).toFixed(1)} bytes/marking`,
  );
}
