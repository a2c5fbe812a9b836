/**
 * Micro-benchmark of the value layer's hot paths (not a test):
 *   npx tsx packages/tla/test/values/bench-values.ts
 * Reports operations per second for state fingerprinting (fresh values each time, as successors
 * are), equality, set insertion/membership, EXCEPT, record access and normalisation.
 */
import {
  apply,
  equals,
  except,
  exceptSet,
  fcnOf,
  fingerprintState,
  intAdd,
  member,
  modelValue,
  normalizeSet,
  recordField,
  recordOf,
  seqAppend,
  setCup,
  setOf,
  str,
  tuple,
  type Value,
} from '../../src/values/index.js';

const only = process.argv.slice(2);

function bench(name: string, iterations: number, f: (i: number) => unknown): void {
  if (only.length > 0 && !only.some((o) => name.includes(o))) return;
  // warm-up
  for (let i = 0; i < Math.min(iterations, 20000); i++) f(i);
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < iterations; i++) if (f(i)) sink++;
  const ms = performance.now() - t0;
  const perSec = (iterations / ms) * 1000;
  console.log(
    `${name.padEnd(58)} ${(perSec / 1e6).toFixed(2).padStart(8)} M/s  ${((ms * 1e6) / iterations).toFixed(0).padStart(6)} ns/op${sink < 0 ? '' : ''}`,
  );
}

const procs = [modelValue('p1'), modelValue('p2'), modelValue('p3')];
const fa = str('a');
const fb = str('b');
const hello = str('hello');
const out = new Uint32Array(2);

// A state like formats/Values.tla: <<x, rec, fn, seq, set, str, mv>>
function makeState(i: number): Value[] {
  const x = i & 7;
  const rec = recordOf([fa, fb], [x, hello]);
  const fn = fcnOf(procs, [x, (x + 1) & 3, 2]);
  const seq = tuple([tuple([procs[0], x]), tuple([procs[1], x + 1])]);
  const set = setOf([x, 3, 1]);
  return [x, rec, fn, seq, set, hello, procs[i % 3]];
}

const base = makeState(1);
const N = 300_000;

bench('build a fresh 7-variable state (no fingerprint)', N, (i) => makeState(i));
bench('build + fingerprint a fresh 7-variable state', N, (i) => {
  fingerprintState(makeState(i), out, 0);
  return out[0] === 0;
});
bench('fingerprint an already-fingerprinted state (cached parts)', N * 10, () => {
  fingerprintState(base, out, 0);
  return out[0] === 0;
});
bench('successor-like: EXCEPT 2 vars of a state + fingerprint', N, (i) => {
  const s = base.slice();
  s[0] = i & 1023;
  s[1] = exceptSet(base[1], [fa], i & 1023);
  s[2] = except(base[2], [procs[i % 3]], (old) => intAdd(old as number, 1));
  fingerprintState(s, out, 0);
  return out[0] === 0;
});

const r1 = recordOf([fa, fb], [1, hello]);
const r2 = recordOf([fa, fb], [1, hello]);
bench('equals on equal records (distinct objects)', N * 10, () => equals(r1, r2));
const s1 = setOf(Array.from({ length: 20 }, (_, i) => i));
const s2 = setOf(Array.from({ length: 20 }, (_, i) => 19 - i));
normalizeSet(s1);
normalizeSet(s2);
bench('equals on equal 20-int sets', N * 10, () => equals(s1, s2));
bench('recordField r.b', N * 10, () => recordField(r1, fb) === hello);
bench('apply f[p] (3-element model-value domain)', N * 10, (i) => apply(base[2], procs[i % 3]));

let acc: Value = setOf([]);
bench('set \\cup {i} (growing to 1000, normalised merge)', N, (i) => {
  if (i % 1000 === 0) acc = setOf([]);
  const one = setOf([i % 1000]);
  acc = setCup(acc, one);
  return false;
});
const big = setOf(Array.from({ length: 1000 }, (_, i) => i * 2));
normalizeSet(big);
bench('membership in a 1000-int set', N * 10, (i) => member(i & 2047, big));
const recSet = setOf(Array.from({ length: 100 }, (_, i) => recordOf([fa, fb], [i, hello])));
normalizeSet(recSet);
bench('membership of a record in a 100-record set', N, (i) =>
  member(recordOf([fa, fb], [i % 200, hello]), recSet),
);
bench('normalise a fresh 10-int set (unsorted)', N, (i) =>
  normalizeSet(setOf([i & 7, 9, 2, 5, 1, 8, 3, 0, 6, 4])),
);
bench('Append to a 5-element sequence', N * 3, (i) => seqAppend(tuple([1, 2, 3, 4, 5]), i));
