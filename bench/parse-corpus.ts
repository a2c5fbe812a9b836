/**
 * `pnpm bench:parse`: time to parse, resolve and level-check the whole TLA+ corpus, in MB/s.
 * A benchmark, not a test: it prints figures and asserts nothing. Each module is analysed on its
 * own, as `modelcheck parse` would, so modules that many specs use are parsed many times; the
 * figure counts the bytes of the corpus files once (what a user waits for), and also the bytes
 * actually parsed.
 */
import { readFileSync, statSync } from 'node:fs';
import { analyzeSpec, parseModule } from '@modelcheck/tla';
import { nodeHost } from '../packages/cli/src/node-host.js';
import { corpusLibraryDirs, hasTlaCorpus, tlaCorpus, walk } from '../test/support/corpus.js';

if (!hasTlaCorpus) {
  console.error(`no corpus at ${tlaCorpus}; nothing to measure`);
  process.exit(1);
}
const files = walk(tlaCorpus, '.tla');
const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
const texts = files.map((f) => [f, readFileSync(f, 'utf8')] as const);

function time(label: string, runs: number, size: number, body: () => number): void {
  body(); // warm-up: JIT and chevrotain's lookahead caches
  const samples: number[] = [];
  let work = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work = body();
    samples.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(
    `${label}: median ${median.toFixed(3)} s over ${runs} runs (min ${samples[0].toFixed(3)} s) = ${(size / 1e6 / median).toFixed(2)} MB/s; ${work} errors`,
  );
}

console.log(`corpus: ${files.length} modules, ${(bytes / 1e6).toFixed(2)} MB`);
time('parse only', 5, bytes, () => {
  let errors = 0;
  for (const [file, text] of texts)
    errors += parseModule(text, file).diagnostics.filter((d) => d.severity === 'error').length;
  return errors;
});
time('parse+resolve+levels, each module as a root', 3, bytes, () => {
  let errors = 0;
  for (const file of files)
    errors += analyzeSpec(file, { host: nodeHost, libraryDirs: corpusLibraryDirs }).diagnostics.filter(
      (d) => d.severity === 'error',
    ).length;
  return errors;
});
const largest = texts.reduce((a, b) => (b[1].length > a[1].length ? b : a));
time(
  `largest module (${largest[0].slice(tlaCorpus.length + 1)}, ${(largest[1].length / 1e3).toFixed(0)} kB), parse`,
  10,
  largest[1].length,
  () => parseModule(largest[1], largest[0]).diagnostics.length,
);
