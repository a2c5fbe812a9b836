/**
 * `pnpm bench [--filter text] [--timeout s]`: model-checking throughput on the benchmark models of
 * ../shared/corpus/tla/bench.json, one worker, side by side with TLC's figures measured there.
 *
 * For each model: wall time (parse + build + explore, as TLC's includes its start-up), distinct
 * states per second and the ratio to TLC's, generated states per second, and the heap per distinct
 * state as the explorer measures it (`Explorer.memoryBytes()` / distinct: the fingerprint set and
 * trace bookkeeping plus whatever else the heap holds at the end). Prints figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckCommand, parseArgs } from '@modelcheck/cli';
import { corpusLibraryDirs, hasTlaCorpus, tlaCorpus } from '../test/support/corpus.js';

interface BenchModel {
  readonly cfg: string;
  readonly module: string;
  readonly distinctStates: number;
  readonly generatedStates: number;
  readonly tlcWallSecondsOneWorker: number;
  readonly tlcDistinctStatesPerSecond: number;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  if (!hasTlaCorpus) {
    console.log(`${tlaCorpus} is absent: no benchmark models.`);
    return;
  }
  const filter = option('--filter');
  const timeout = option('--timeout') ?? '600';
  const bench = JSON.parse(readFileSync(join(tlaCorpus, 'bench.json'), 'utf8')) as { models: BenchModel[] };
  console.log(`modelcheck check, 1 worker, Node ${process.version}; TLC figures from bench.json`);
  console.log('');
  const rows: string[][] = [
    [
      'model',
      'distinct',
      'generated',
      'wall s',
      'distinct/s',
      'TLC distinct/s',
      'ratio',
      'generated/s',
      'B/distinct',
      'result',
    ],
  ];
  for (const model of bench.models) {
    if (filter && !model.cfg.includes(filter)) continue;
    const argv = ['check', join(tlaCorpus, model.module), '--config', join(tlaCorpus, model.cfg), '--json'];
    for (const lib of corpusLibraryDirs) argv.push('--lib', lib);
    argv.push('--timeout', timeout);
    const started = performance.now();
    const command = new CheckCommand(parseArgs(argv), {
      stdout: () => {},
      stderr: (line) => console.error(line),
      color: false,
      version: 'bench',
    });
    if (!command.prepare()) while (!command.step(Number.POSITIVE_INFINITY));
    const seconds = (performance.now() - started) / 1000;
    const report = command.report;
    const stats = report?.stats;
    const explorer = command.checkSession?.currentExplorer;
    const distinct = stats?.distinctStates ?? 0;
    const generated = stats?.generatedStates ?? 0;
    const perSecond = distinct / seconds;
    const bytes = explorer && distinct > 0 ? explorer.memoryBytes() / distinct : Number.NaN;
    const counts =
      distinct === model.distinctStates && generated === model.generatedStates
        ? 'counts = TLC'
        : 'counts differ';
    rows.push([
      model.cfg.replace(/^specifications\//, ''),
      String(distinct),
      String(generated),
      seconds.toFixed(1),
      Math.round(perSecond).toString(),
      String(model.tlcDistinctStatesPerSecond),
      `${(perSecond / model.tlcDistinctStatesPerSecond).toFixed(2)}x`,
      Math.round(generated / seconds).toString(),
      Number.isNaN(bytes) ? '-' : bytes.toFixed(0),
      `${report?.outcome ?? '?'}${report?.reason ? ` (${report.reason})` : ''}, ${counts}`,
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows)
    console.log(
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    );
  console.log('');
  console.log(
    "ratio: our distinct states per second over TLC's (higher is better); B/distinct: heap bytes per distinct state at the end.",
  );
}

main();
