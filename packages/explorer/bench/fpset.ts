/**
 * Micro-benchmark of the explorer's per-state storage (not a test).
 *
 *   node scripts/run-ts.mjs packages/explorer/bench/fpset.ts [count]
 *
 * Inserts `count` (default 10 million) distinct pseudo-random 64-bit fingerprints into a
 * FingerprintSet, records a parent and an action for each in a TraceStore, then looks them all up
 * and re-inserts them (duplicates), and prints throughput and bytes per distinct state. Last, a
 * breadth-first run over an integer system measures the whole explorer.
 */
import type { TransitionSystem } from '@modelcheck/core';
import { explore, FingerprintSet, TraceStore } from '../src/index.js';

const count = Number(process.argv[2] ?? 10_000_000);

function fingerprints(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n * 2);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s >>> 0;
  }
  return out;
}

function rate(n: number, ms: number): string {
  return `${(((n / ms) * 1000) / 1e6).toFixed(2)} M/s`;
}

const fps = fingerprints(count, 0x12345678);
const set = new FingerprintSet();
const store = new TraceStore(12);

let t = performance.now();
let fresh = 0;
for (let i = 0; i < count; i++) {
  const id = set.insert(fps[2 * i], fps[2 * i + 1]);
  if (id >= 0) {
    fresh++;
    store.record(id, id >> 1, i % 12);
  }
}
const insertMs = performance.now() - t;

t = performance.now();
let found = 0;
for (let i = 0; i < count; i++) if (set.lookup(fps[2 * i], fps[2 * i + 1]) >= 0) found++;
const lookupMs = performance.now() - t;

t = performance.now();
let dup = 0;
for (let i = 0; i < count; i++) if (set.insert(fps[2 * i], fps[2 * i + 1]) < 0) dup++;
const dupMs = performance.now() - t;

const missing = fingerprints(count, 0x9abcdef1);
t = performance.now();
let absent = 0;
for (let i = 0; i < count; i++) if (set.lookup(missing[2 * i], missing[2 * i + 1]) < 0) absent++;
const missMs = performance.now() - t;

const setBytes = set.bytes();
const storeBytes = store.bytes();
console.log(`fingerprints:        ${count.toLocaleString('en')} (${fresh.toLocaleString('en')} distinct)`);
console.log(
  `insert new:          ${insertMs.toFixed(0)} ms, ${rate(count, insertMs)} (with parent/action records)`,
);
console.log(`lookup present:      ${lookupMs.toFixed(0)} ms, ${rate(count, lookupMs)} (${found} found)`);
console.log(`lookup absent:       ${missMs.toFixed(0)} ms, ${rate(count, missMs)} (${absent} absent)`);
console.log(`insert duplicate:    ${dupMs.toFixed(0)} ms, ${rate(count, dupMs)} (${dup} duplicates)`);
console.log(
  `fingerprint set:     ${(setBytes / 2 ** 20).toFixed(1)} MiB, ${(setBytes / fresh).toFixed(2)} bytes/state`,
);
console.log(
  `trace store:         ${(storeBytes / 2 ** 20).toFixed(1)} MiB, ${(storeBytes / fresh).toFixed(2)} bytes/state`,
);
console.log(`total per state:     ${((setBytes + storeBytes) / fresh).toFixed(2)} bytes`);

// The whole explorer: states are integers 0..n-1, fingerprint = the integer, two successors each.
const n = Math.min(count, 2_000_000);
const system: TransitionSystem<number> = {
  variables: ['x'],
  actions: [{ name: 'Inc' }, { name: 'Double' }],
  initialStates: (emit) => emit(0),
  successors: (x, emit) => {
    emit({ index: 0 }, (x + 1) % n);
    emit({ index: 1 }, (x * 2) % n);
  },
  fingerprint: (x, out, offset) => {
    out[offset] = Math.imul(x, 0x9e3779b1) >>> 0;
    out[offset + 1] = x;
  },
  label: () => undefined,
  render: (x) => ({ x: { text: String(x), json: x } }),
};
t = performance.now();
const result = explore(system, { checkDeadlock: false });
const bfsMs = performance.now() - t;
if (result.kind === 'ok') {
  const s = result.stats;
  console.log(
    `bfs ${s.distinctStates.toLocaleString('en')} states, ${s.generatedStates.toLocaleString('en')} generated, depth ${s.depth}: ` +
      `${bfsMs.toFixed(0)} ms, ${rate(s.generatedStates, bfsMs)} generated`,
  );
} else {
  console.log(`bfs: ${result.kind}`);
}
