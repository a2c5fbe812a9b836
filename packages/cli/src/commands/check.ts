import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { relative } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Diagnostic } from '@modelcheck/core';
import type { AbortSignalLike } from '@modelcheck/explorer';
import type { TlaModel } from '@modelcheck/tla';
import { type ParsedArgs, UsageError } from '../args.js';
import { JsonReporter } from '../check/json-reporter.js';
import { prepareCheck } from '../check/prepare.js';
import { type CheckReport, exitCodeFor, type Outcome, type SearchModeName } from '../check/report.js';
import { type CheckReporter, CheckSession } from '../check/session.js';
import { TextReporter } from '../check/text-reporter.js';
import { traceFileText } from '../check/trace-file.js';
import { absolutePath, nodeHost, userDirectory } from '../node-host.js';

export { moduleLocator } from '../check/prepare.js';

export interface CheckIo {
  stdout(line: string): void;
  stderr(line: string): void;
  readonly color: boolean;
  /** Ctrl-C: the run stops at its next check, with the counts so far. */
  readonly signal?: AbortSignalLike;
  readonly version: string;
}

/** Shows a file relative to the folder the user ran the command in, when it is below it. */
export function displayPath(file: string): string {
  if (file.startsWith('<')) return file;
  const shown = relative(userDirectory(), file);
  return shown === '' || shown.startsWith('..') ? file : shown;
}

function modeOf(args: ParsedArgs): SearchModeName {
  return args.check.simulate ? 'simulate' : args.check.dfs ? 'dfs' : 'bfs';
}

/**
 * `modelcheck check <spec.tla>`: loads the spec and its cfg, builds the model, checks the ASSUMEs
 * and explores, printing TLC's layout (or `--json` events). Driven in slices: `prepare()` does
 * everything up to the exploration, `step(ms)` explores for about that long, so the caller can run
 * it to the end at once (`run`) or yield between slices (the executable, for Ctrl-C).
 */
export class CheckCommand {
  private readonly reporter: CheckReporter;
  private formulaDiagnostics: ((d: Diagnostic) => Diagnostic) | undefined;
  private readonly mode: SearchModeName;
  private readonly startedAt = performance.now();
  private readonly sources = new Map<string, string>();
  private session: CheckSession | undefined;
  private finalReport: CheckReport | undefined;
  private specPath = '';
  /** The model, once built (bench, tests). */
  model: TlaModel | undefined;

  constructor(
    private readonly args: ParsedArgs,
    private readonly io: CheckIo,
  ) {
    if (args.positional.length !== 1)
      throw new UsageError('check takes exactly one spec file: modelcheck check <spec.tla>');
    this.mode = modeOf(args);
    if (args.check.depth !== undefined && this.mode === 'bfs')
      throw new UsageError(
        '--depth applies to --simulate and --dfs (breadth-first search has no depth bound)',
      );
    if (args.check.maxTraces !== undefined && this.mode !== 'simulate')
      throw new UsageError('--max-traces applies to --simulate');
    const wrapReporter = (inner: CheckReporter): CheckReporter => ({
      start: (info) => inner.start(info),
      warning: (text) => inner.warning(text),
      print: (text) => inner.print(text),
      computingInitialStates: () => inner.computingInitialStates(),
      initialStatesDone: (stats) => inner.initialStatesDone(stats),
      checkingTemporal: (stats) => inner.checkingTemporal(stats),
      progress: (stats, ms) => inner.progress(stats, ms),
      finish: (raw) => {
        // Errors inside a --ctl/--ltl atom point at the formula, not at the generated module.
        const map = this.formulaDiagnostics;
        const report = map ? { ...raw, diagnostics: raw.diagnostics.map(map) } : raw;
        this.finalReport = report;
        inner.finish(report);
        this.writeTraceFile(report);
      },
    });
    this.reporter = wrapReporter(
      args.json
        ? new JsonReporter((line) => io.stdout(line), displayPath)
        : new TextReporter(
            { out: (text) => io.stdout(text), err: (text) => io.stderr(text) },
            {
              color: io.color,
              version: io.version,
              sources: (file) => this.sources.get(file),
              displayPath,
              elapsedMs: () => performance.now() - this.startedAt,
            },
          ),
    );
  }

  get report(): CheckReport | undefined {
    return this.finalReport;
  }

  get exitCode(): number {
    return this.finalReport?.exitCode ?? 255;
  }

  /** The session, once the model is built (bench: the explorer's memory). */
  get checkSession(): CheckSession | undefined {
    return this.session;
  }

  private fail(outcome: Outcome, diagnostics: Diagnostic[]): true {
    this.reporter.finish({ outcome, exitCode: exitCodeFor(outcome), mode: this.mode, diagnostics });
    return true;
  }

  /** Loads, builds, checks the ASSUMEs; true when the run is already over (an error, a false ASSUME). */
  prepare(): boolean {
    const args = this.args;
    const specPath = absolutePath(args.positional[0]);
    this.specPath = specPath;
    const prepared = prepareCheck({
      host: nodeHost,
      specPath,
      configPath: args.config !== undefined ? absolutePath(args.config) : specPath.replace(/\.tla$/, '.cfg'),
      configGiven: args.config !== undefined,
      libraryDirs: args.libs.map((l) => absolutePath(l)),
      ctl: args.net.ctl,
      ltl: args.net.ltl,
      formulasAllowed: this.mode === 'bfs',
      displayPath,
      print: (text) => this.reporter.print(text),
      environment: process.env,
      freshNames: true,
    });
    for (const [file, text] of prepared.sources) this.sources.set(file, text);
    if (prepared.kind === 'usage') throw new UsageError(prepared.message);
    if (prepared.kind === 'failed') return this.fail(prepared.outcome, [...prepared.diagnostics]);
    if (prepared.kind !== 'ready') throw new Error('CheckCommand.prepare: the model was not built');
    // Errors inside a --ctl/--ltl atom point at the formula, not at the generated module.
    if (prepared.formulas.length > 0) this.formulaDiagnostics = prepared.mapDiagnostic;
    this.model = prepared.model;

    const c = args.check;
    const heapLimit = getHeapStatistics().heap_size_limit;
    this.session = new CheckSession(prepared.model, prepared.moduleOf, this.reporter, {
      formulas: prepared.formulas,
      explain: args.net.explain,
      mode: this.mode,
      noDeadlock: c.noDeadlock,
      depth: c.depth,
      seed: c.seed,
      maxTraces: c.maxTraces,
      maxStates: c.maxStates,
      timeoutSeconds: c.timeout,
      // By default stop cleanly (exit 152) before Node's own heap limit kills the process.
      maxMemoryBytes: c.maxMemoryMb !== undefined ? c.maxMemoryMb * 2 ** 20 : Math.floor(heapLimit * 0.9),
      maxMemoryMb: c.maxMemoryMb,
      signal: this.io.signal,
      workersAsked: c.workers,
      warnings: prepared.warningTexts,
      specFile: specPath,
      configFile: prepared.configPath,
      heapMb: Math.round(heapLimit / 2 ** 20),
      cores: typeof availableParallelism === 'function' ? availableParallelism() : cpus().length,
    });
    this.session.begin();
    return this.session.done;
  }

  /** Explores for about `budgetMs`; true when the run is over. */
  step(budgetMs: number): boolean {
    if (this.finalReport) return true;
    if (!this.session) throw new Error('CheckCommand.step before prepare');
    return this.session.step(budgetMs);
  }

  private writeTraceFile(report: CheckReport): void {
    const file = this.args.check.traceFile;
    if (file === undefined || !report.trace || report.trace.length === 0) return;
    const path = absolutePath(file);
    try {
      writeFileSync(
        path,
        traceFileText(report, this.args.check.traceFormat ?? 'itf', {
          source: displayPath(this.specPath),
          version: this.io.version,
          displayPath,
        }),
      );
      if (!this.args.json)
        this.io.stderr(
          `The counterexample was written to ${displayPath(path)} (${this.args.check.traceFormat === 'json' ? 'JSON' : 'ITF'}).`,
        );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.io.stderr(`error: cannot write the counterexample to ${displayPath(path)}: ${message}`);
    }
  }
}
