import { type Diagnostic, formatDiagnostic, type SourceLookup, type Stats } from '@modelcheck/core';
import { type CheckReport, outcomeMessage, STOPPED_BY_USER, type TraceView } from './report.js';
import type { CheckReporter, StartInfo } from './session.js';
import { collisionProbability, duration, grouped, plural, timestamp } from './tlc-format.js';

export interface TextOutput {
  /** One line (or several, joined by newlines) on stdout. */
  out(text: string): void;
  /** One line on stderr (diagnostics that stop the run before it starts). */
  err(text: string): void;
}

export interface TextReporterOptions {
  readonly color: boolean;
  readonly version: string;
  readonly sources: SourceLookup;
  readonly displayPath: (file: string) => string;
  /** Wall clock (timestamps); default `new Date()`. */
  readonly clock?: () => Date;
  /** Milliseconds since the command started (the `Finished in` line). */
  readonly elapsedMs: () => number;
  /** Seconds between two progress lines: at least this, growing with the run time up to a minute. */
  readonly minProgressSeconds?: number;
  /**
   * Where the check runs, after the version in the start line; default Node's version, platform
   * and architecture (`Node v22.1.0, linux x64`). A browser passes its own.
   */
  readonly platform?: string;
  /** Who stopped a cancelled run, after "stopped"; default `by the user (Ctrl-C)`. */
  readonly stoppedBy?: string;
}

const paint = {
  red: (s: string) => `\x1b[1;31m${s}\x1b[0m`,
  green: (s: string) => `\x1b[32m${s}\x1b[0m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[0m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[0m`,
};

/**
 * The report in TLC's plain layout (TLC without `-tool`): the lines TLC users know and their scripts
 * grep, from `Starting...` to `Finished in ...`. Where TLC names itself or the JVM, this names
 * modelcheck and Node; where TLC lists the nested expressions of an evaluation error, this shows the
 * innermost one as file:line:column with the source line.
 */
export class TextReporter implements CheckReporter {
  private readonly clock: () => Date;
  private temporalStarted: Date | undefined;
  private lastProgressMs = 0;
  private lastGenerated = 0;
  private lastDistinct = 0;
  private mode: StartInfo['mode'] = 'bfs';

  constructor(
    private readonly output: TextOutput,
    private readonly options: TextReporterOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  private message(report: CheckReport): string {
    return outcomeMessage(report, { stoppedBy: this.options.stoppedBy });
  }

  private error(text: string): void {
    const [first, ...rest] = text.split('\n');
    const head = this.options.color ? paint.red(`Error: ${first}`) : `Error: ${first}`;
    this.output.out([head, ...rest].join('\n'));
  }

  start(info: StartInfo): void {
    this.mode = info.mode;
    const where = [
      info.cores !== undefined ? ` on ${plural(info.cores, 'core')}` : '',
      info.heapMb !== undefined ? ` with ${info.heapMb}MB heap` : '',
    ].join('');
    const platform = `(modelcheck ${this.options.version}, ${this.options.platform ?? nodePlatform()})`;
    this.output.out(`modelcheck ${this.options.version}`);
    switch (info.mode) {
      case 'simulate':
        this.output.out(
          `Running Random Simulation with seed ${info.seed} with 1 worker${where} ${platform}.`,
        );
        break;
      case 'dfs':
        this.output.out(`Running depth-first search Model-Checking with 1 worker${where} ${platform}.`);
        break;
      default:
        this.output.out(`Running breadth-first search Model-Checking with 1 worker${where} ${platform}.`);
    }
    if (info.workersAsked !== undefined)
      this.output.out(
        `Note: -workers ${info.workersAsked} asks for more than one worker; modelcheck checks with a single worker (one thread).`,
      );
    this.output.out(`Starting... (${timestamp(this.clock())})`);
    if (info.unchecked.length > 0)
      this.warning(
        `Temporal properties not checked: ${info.unchecked.join(', ')}. modelcheck checks the invariants, action properties and deadlock; the result will say the temporal properties were not checked (exit code 4).`,
      );
  }

  warning(text: string): void {
    this.output.out(this.options.color ? paint.yellow(`Warning: ${text}`) : `Warning: ${text}`);
  }

  print(text: string): void {
    this.output.out(text);
  }

  checkingTemporal(stats: Stats): void {
    this.temporalStarted = this.clock();
    this.output.out(
      `Checking temporal properties for the complete state space with ${plural(stats.distinctStates, 'total distinct state')} at (${timestamp(this.temporalStarted)})`,
    );
  }

  computingInitialStates(): void {
    this.output.out('Computing initial states...');
  }

  initialStatesDone(stats: Stats): void {
    const at = timestamp(this.clock());
    // A simulation counts a state distinct when a behaviour goes through it, not before.
    if (this.mode === 'simulate')
      this.output.out(
        `Finished computing initial states: ${plural(stats.generatedStates, 'state')} generated at ${at}.`,
      );
    else if (stats.generatedStates === stats.distinctStates)
      this.output.out(
        `Finished computing initial states: ${plural(stats.distinctStates, 'distinct state')} generated at ${at}.`,
      );
    else
      this.output.out(
        `Finished computing initial states: ${plural(stats.generatedStates, 'state')} generated, with ${stats.distinctStates} of them distinct at ${at}.`,
      );
  }

  progress(stats: Stats, elapsedMs: number): void {
    // A line every few seconds early on, then less often: at most one per tenth of the run time,
    // never more than a minute apart (TLC: one a minute).
    const minGap = Math.max((this.options.minProgressSeconds ?? 3) * 1000, Math.min(60_000, elapsedMs / 10));
    if (elapsedMs - this.lastProgressMs < minGap - 1) return;
    const minutes = (elapsedMs - this.lastProgressMs) / 60_000;
    const perMinute = (n: number) => grouped(minutes > 0 ? Math.floor(n / minutes) : 0);
    const generatedRate = perMinute(stats.generatedStates - this.lastGenerated);
    const distinctRate = perMinute(stats.distinctStates - this.lastDistinct);
    this.lastProgressMs = elapsedMs;
    this.lastGenerated = stats.generatedStates;
    this.lastDistinct = stats.distinctStates;
    const at = timestamp(this.clock());
    if (this.mode === 'simulate') {
      this.output.out(
        `Progress: ${grouped(stats.generatedStates)} states checked (${generatedRate} s/min), ${grouped(stats.distinctStates)} distinct states seen, longest behaviour ${stats.depth} at ${at}.`,
      );
      return;
    }
    this.output.out(
      `Progress(${stats.depth}) at ${at}: ${grouped(stats.generatedStates)} states generated (${generatedRate} s/min), ${grouped(stats.distinctStates)} distinct states found (${distinctRate} ds/min), ${grouped(stats.statesLeftOnQueue)} states left on queue.`,
    );
  }

  finish(report: CheckReport): void {
    switch (report.outcome) {
      case 'parse-error':
      case 'config-error':
      case 'system-error':
      case 'internal-error':
        this.diagnosticsOnStderr(report.diagnostics);
        return;
      case 'assumption-violated':
        if (report.diagnostics.length > 0) {
          this.error(`${this.message(report)}\n${report.diagnostics[0].message}`);
          this.location(report.diagnostics);
        } else this.error(this.message(report));
        if (report.postcondition) this.summary(report);
        this.finished();
        return;
      case 'invariant-violated':
        if (report.initialState && report.trace?.length === 1) {
          this.error(`Invariant ${report.property} is violated by the initial state:`);
          this.state(report.trace[0]);
          this.output.out('');
          this.finished();
          return;
        }
        this.error(`Invariant ${report.property} is violated.`);
        this.behavior(report);
        break;
      case 'deadlock':
        this.error('Deadlock reached.');
        this.behavior(report);
        break;
      case 'property-violated':
        if (report.temporal || report.loopStart !== undefined) {
          this.formulaVerdicts(report);
          this.error(`${this.message(report)}\n`);
          // A CTL formula false at an initial state, with no path for its outermost operator.
          const stateOnly = report.loopStart === undefined && (report.trace?.length ?? 0) === 1;
          this.error(
            stateOnly
              ? 'It is false in this initial state:\n'
              : 'The following behavior constitutes a counter-example:\n',
          );
          this.states(report);
          const failed = report.formulas?.at(-1);
          if (failed && !failed.holds && failed.explanation) this.explanation(failed.explanation);
        } else {
          this.error(`Action property ${report.property} is violated.`);
          this.behavior(report);
        }
        break;
      case 'assert-failed':
      case 'eval-error': {
        const [first, ...more] = report.diagnostics;
        this.error(first?.message ?? 'evaluation failed');
        if (report.trace && report.trace.length > 0) this.behavior(report);
        this.location(report.diagnostics);
        for (const d of more) this.error(d.message);
        this.output.out('');
        this.output.out('');
        break;
      }
      case 'stopped':
        this.stopped(report);
        break;
      case 'unsupported-property':
        this.safetyDone(report);
        this.warning(
          `Temporal properties not checked: ${(report.unchecked ?? []).join(', ')}. The result covers the invariants, action properties and deadlock only.`,
        );
        break;
      case 'ok':
        if (report.mode === 'simulate') this.simulationDone(report);
        else this.success(report);
        break;
    }
    if (report.outcome === 'ok' || report.outcome === 'unsupported-property') this.formulaVerdicts(report);
    this.summary(report);
    this.finished();
  }

  private success(report: CheckReport): void {
    const stats = report.stats;
    const line = 'Model checking completed. No error has been found.';
    this.output.out(this.options.color ? paint.green(line) : line);
    this.output.out('  Estimates of the probability that modelcheck did not check all reachable states');
    this.output.out('  because two distinct states had the same fingerprint:');
    this.output.out(
      `  calculated (optimistic):  val = ${collisionProbability(stats?.distinctStates ?? 0, stats?.generatedStates ?? 0)}`,
    );
  }

  private safetyDone(report: CheckReport): void {
    const what = report.mode === 'simulate' ? 'Simulation' : 'Model checking';
    this.output.out(
      `${what} of the invariants, action properties and deadlock completed. No error has been found.`,
    );
  }

  private simulationDone(report: CheckReport): void {
    const behaviours = report.behaviours ?? 0;
    const why =
      report.reason === 'time-limit'
        ? ` (stopped by --timeout after ${report.timeoutSeconds} seconds)`
        : report.reason === 'state-limit'
          ? ` (stopped by --max-states ${report.maxStates})`
          : '';
    this.output.out(
      `Simulation completed${why}. No error has been found in ${plural(behaviours, 'behavior')}.`,
    );
  }

  private stopped(report: CheckReport): void {
    const so = 'No error has been found in the states explored so far; the search is incomplete.';
    switch (report.reason) {
      case 'cancelled':
        this.output.out(`Model checking stopped ${this.options.stoppedBy ?? STOPPED_BY_USER}. ${so}`);
        break;
      case 'time-limit':
        this.output.out(
          `Model checking stopped: the time limit of ${report.timeoutSeconds} s (--timeout) was reached. ${so}`,
        );
        break;
      case 'state-limit':
        this.output.out(
          `Model checking stopped: the limit of ${report.maxStates} distinct states (--max-states) was reached. ${so}`,
        );
        break;
      case 'memory-limit':
        this.error(
          report.maxMemoryMb !== undefined
            ? `Out of memory: the heap grew past --max-memory ${report.maxMemoryMb} MB (or the fingerprint set is full). ${so}`
            : `Out of memory: the heap grew close to Node's limit (or the fingerprint set is full). ${so} Give Node more heap (NODE_OPTIONS=--max-old-space-size=MB), or make the model smaller.`,
        );
        break;
    }
  }

  /** The --ctl/--ltl formulas that hold (a violated one is told as the error). */
  private formulaVerdicts(report: CheckReport): void {
    for (const f of report.formulas ?? []) {
      if (!f.holds) continue;
      this.output.out(`The ${f.kind.toUpperCase()} formula ${f.formula} holds.`);
      if (f.explanation) this.explanation(f.explanation);
    }
  }

  private explanation(lines: readonly string[]): void {
    this.output.out('Why (each sub-formula, where it was evaluated, and its verdict):');
    for (const line of lines) this.output.out(`  ${line}`);
    this.output.out('');
  }

  private summary(report: CheckReport): void {
    const stats = report.stats;
    if (!stats) return;
    if (this.temporalStarted) {
      const now = this.clock();
      this.output.out(
        `Finished checking temporal properties in ${duration(now.getTime() - this.temporalStarted.getTime())} at ${timestamp(now)}`,
      );
      this.temporalStarted = undefined;
    }
    if (report.mode === 'simulate') {
      this.output.out(`The number of states generated: ${stats.generatedStates}`);
      this.output.out(
        `Simulation using seed ${report.seed} generated ${plural(report.behaviours ?? 0, 'behavior')}.`,
      );
      return;
    }
    this.output.out(
      `${stats.generatedStates} states generated, ${stats.distinctStates} distinct states found, ${stats.statesLeftOnQueue} states left on queue.`,
    );
    this.output.out(`The depth of the complete state graph search is ${stats.depth}.`);
  }

  private finished(): void {
    this.output.out(`Finished in ${duration(this.options.elapsedMs())} at (${timestamp(this.clock())})`);
  }

  private behavior(report: CheckReport): void {
    this.error('The behavior up to this point is:');
    this.states(report);
  }

  private states(report: CheckReport): void {
    const trace = report.trace ?? [];
    trace.forEach((step, i) => {
      this.output.out(`State ${i + 1}: <${header(step)}>`);
      this.state(step);
      this.output.out('');
    });
    if (report.loopStart !== undefined) {
      if (report.stuttering) {
        this.output.out(`State ${trace.length + 1}: Stuttering`);
        if (report.stutteringWithoutFairness)
          this.warning(
            'The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification. To rule out such counterexamples, conjoin a suitable fairness constraint (WF_vars(A) or SF_vars(A)) to it.',
          );
      } else {
        const back = report.loopAction;
        this.output.out(
          back
            ? `Back to state ${report.loopStart + 1}: <${header(back)}>`
            : `Back to state ${report.loopStart + 1}`,
        );
        this.output.out('');
      }
    }
  }

  private state(step: TraceView): void {
    const names = Object.keys(step.values);
    if (names.length === 1) {
      this.output.out(`${names[0]} = ${step.values[names[0]].text}`);
      return;
    }
    for (const name of names) this.output.out(`/\\ ${name} = ${step.values[name].text}`);
  }

  /** Where an evaluation error happened: file:line:column and the source line with a caret. */
  private location(diagnostics: readonly Diagnostic[]): void {
    const d = diagnostics[0];
    if (!d?.span) return;
    const where = `${this.options.displayPath(d.span.file)}:${d.span.start.line}:${d.span.start.column}`;
    this.error(`The error occurred when evaluating the expression at ${where}:`);
    // The caret printer's excerpt, without its header line (the message is printed above).
    const excerpt = formatDiagnostic(
      { code: d.code, severity: d.severity, message: '', span: d.span },
      this.options.sources,
      {
        color: this.options.color,
        displayPath: this.options.displayPath,
      },
    )
      .split('\n')
      .slice(1);
    for (const line of excerpt) this.output.out(line);
    if (d.hint) this.output.out(`  hint: ${d.hint}`);
  }

  private diagnosticsOnStderr(diagnostics: readonly Diagnostic[]): void {
    for (const d of diagnostics)
      this.output.err(
        formatDiagnostic(d, this.options.sources, {
          color: this.options.color,
          displayPath: this.options.displayPath,
        }),
      );
  }
}

/** Node's version, platform and architecture; read only when no platform was given (a browser has no `process`). */
function nodePlatform(): string {
  return `Node ${process.version}, ${process.platform} ${process.arch}`;
}

function header(step: Pick<TraceView, 'action' | 'tlcLocation'>): string {
  if (step.action === null) return 'Initial predicate';
  return step.tlcLocation ? `${step.action} ${step.tlcLocation}` : step.action;
}
