/**
 * One model-checking run in the worker: the CLI's `CheckSession` with the CLI's `TextReporter`, so
 * the outcome, the exit code and every line of output are the CLI's. Only the slicing is ours: the
 * session explores in slices and the worker yields between them so a Stop message gets through.
 */
import type { Diagnostic, Stats } from '@modelcheck/core';
import cliPackage from '../../../packages/cli/package.json' with { type: 'json' };
import { type CheckReport, exitCodeFor, outcomeMessage } from '../../../packages/cli/src/check/report.js';
import { type CheckReporter, CheckSession } from '../../../packages/cli/src/check/session.js';
import { TextReporter } from '../../../packages/cli/src/check/text-reporter.js';
import { traceToItf } from '../../../packages/cli/src/check/trace-file.js';
import type { ProjectFile, RunLimits } from './protocol.js';
import { displayPath, type Prepared, prepareTla } from './tla-prepare.js';

export const VERSION: string = cliPackage.version;

/** Who stops a run here, in the CLI's "stopped by the user (Ctrl-C)" sentences. */
export const STOPPED_BY = '(Stop button or Esc)';

export interface RunCallbacks {
  lines(lines: string[]): void;
  progress(stats: Stats, statesPerSecond: number, elapsedMs: number): void;
  done(report: CheckReport, message: string, itf: unknown, prepared: Prepared): void;
}

/** Yields to the worker's event loop without the 4 ms clamp of nested timers. */
function yieldToWorker(): Promise<void> {
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Heap limit for `maxMemoryBytes`: 90% of what Chromium reports, as the CLI takes 90% of Node's. */
function defaultMemoryLimit(): number | undefined {
  const memory = (performance as { memory?: { jsHeapSizeLimit?: number } }).memory;
  return memory?.jsHeapSizeLimit ? Math.floor(memory.jsHeapSizeLimit * 0.9) : undefined;
}

export class CheckRun {
  private readonly signal = { aborted: false };
  private readonly buffered: string[] = [];
  private lastFlush = 0;

  constructor(private readonly callbacks: RunCallbacks) {}

  stop(): void {
    this.signal.aborted = true;
  }

  private out(line: string): void {
    this.buffered.push(line);
    const now = performance.now();
    if (now - this.lastFlush > 100) this.flush(now);
  }

  private flush(now = performance.now()): void {
    this.lastFlush = now;
    if (this.buffered.length > 0) this.callbacks.lines(this.buffered.splice(0));
  }

  async run(
    files: readonly ProjectFile[],
    main: string,
    config: string | undefined,
    limits: RunLimits,
  ): Promise<void> {
    const startedAt = performance.now();
    let prepared: Prepared | undefined;
    const text = new TextReporter(
      { out: (line) => this.out(line), err: (line) => this.out(line) },
      {
        color: false,
        version: VERSION,
        sources: (file) => prepared?.sources.get(file),
        displayPath,
        elapsedMs: () => performance.now() - startedAt,
        platform: `${browserName()}, Web Worker`,
        stoppedBy: STOPPED_BY,
      },
    );
    let lastRate = { t: startedAt, distinct: 0 };
    const reporter: CheckReporter = {
      start: (info) => text.start(info),
      warning: (t) => text.warning(t),
      print: (t) => text.print(t),
      computingInitialStates: () => text.computingInitialStates(),
      checkingTemporal: (stats) => text.checkingTemporal(stats),
      initialStatesDone: (stats) => {
        text.initialStatesDone(stats);
        lastRate = { t: performance.now(), distinct: stats.distinctStates };
      },
      progress: (stats, elapsedMs) => {
        text.progress(stats, elapsedMs);
        const now = performance.now();
        const rate = ((stats.distinctStates - lastRate.distinct) * 1000) / Math.max(1, now - lastRate.t);
        lastRate = { t: now, distinct: stats.distinctStates };
        this.callbacks.progress(stats, rate, now - startedAt);
      },
      finish: (report) => {
        text.finish(report);
        this.flush();
      },
    };
    prepared = prepareTla(files, main, config, {
      build: true,
      print: (t) => reporter.print(t),
      // The run the user asked for orders names as the CLI (and TLC) does; the worker stops any
      // earlier run before starting this one, so no older model's values are still in use.
      freshNames: true,
    });
    if (prepared.kind !== 'ready') {
      const outcome = prepared.kind === 'failed' ? prepared.outcome : 'internal-error';
      const report: CheckReport = {
        outcome,
        exitCode: exitCodeFor(outcome),
        mode: limits.mode,
        diagnostics: prepared.kind === 'failed' ? prepared.diagnostics : [],
      };
      reporter.finish(report);
      this.callbacks.done(report, outcomeMessage(report, { stoppedBy: STOPPED_BY }), undefined, prepared);
      return;
    }
    const session = new CheckSession(prepared.model, prepared.moduleOf, reporter, {
      mode: limits.mode,
      noDeadlock: limits.noDeadlock,
      depth: limits.depth,
      seed: limits.seed,
      maxStates: limits.maxStates,
      timeoutSeconds: limits.timeoutSeconds,
      maxMemoryBytes: defaultMemoryLimit(),
      signal: this.signal,
      progressIntervalMs: 250,
      warnings: prepared.warningTexts,
      specFile: prepared.specPath,
      configFile: prepared.configPath,
      cores: navigator.hardwareConcurrency,
    });
    session.begin();
    // Slices of 100 ms: Stop answers within a tenth of a second, and the yields cost almost nothing.
    while (!session.step(100)) await yieldToWorker();
    const report = session.report as CheckReport;
    const itf =
      report.trace && report.trace.length > 0
        ? traceToItf(report, { source: main, version: VERSION, displayPath })
        : undefined;
    this.callbacks.done(report, outcomeMessage(report, { stoppedBy: STOPPED_BY }), itf, prepared);
  }
}

function browserName(): string {
  const ua = navigator.userAgent;
  const m = /(Chrome|Firefox|Version)\/(\d+)/.exec(ua);
  if (!m) return 'browser';
  return m[1] === 'Version' ? `Safari ${m[2]}` : `${m[1]} ${m[2]}`;
}

export type { Diagnostic };
