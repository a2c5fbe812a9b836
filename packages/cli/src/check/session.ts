import {
  type Diagnostic,
  EvaluationError,
  type Lasso,
  makeDiagnostic,
  type ProgressEvent,
  type SourceSpan,
  type Stats,
  type Trace,
} from '@modelcheck/core';
import {
  type AbortSignalLike,
  type ExploreOptions,
  type ExploreResult,
  Explorer,
} from '@modelcheck/explorer';
import type { TlaModel, TlaState } from '@modelcheck/tla';
import { BehaviourGraphRecorder, type BoundFormula, TemporalRun } from './liveness.js';
import {
  type CheckReport,
  exitCodeFor,
  type FormulaReport,
  type Outcome,
  type SearchModeName,
  type TraceView,
} from './report.js';
import { tlcLocation } from './tlc-format.js';

/** What the check prints as it goes; the text (TLC layout) and JSON reporters implement it. */
export interface CheckReporter {
  /** Before the assumptions are checked (TLC: `Starting...`). */
  start(info: StartInfo): void;
  warning(text: string): void;
  /** Print/PrintT output of the spec. */
  print(text: string): void;
  /** The initial states are being computed. */
  computingInitialStates(): void;
  /** The initial states are done (counts so far), exploration begins. */
  initialStatesDone(stats: Stats): void;
  /** The search is over; the temporal properties are checked on its graph (TLC prints when). */
  checkingTemporal(stats: Stats): void;
  /** Periodic statistics while exploring; `elapsedMs` since the exploration began. */
  progress(stats: Stats, elapsedMs: number): void;
  /** The verdict; called once. */
  finish(report: CheckReport): void;
}

export interface StartInfo {
  readonly mode: SearchModeName;
  readonly seed?: number;
  /** `-workers` as the user gave it, when it asks for more than the one worker used. */
  readonly workersAsked?: string;
  /** Printed right after the start lines (cfg and model warnings). */
  readonly warnings?: readonly string[];
  readonly specFile?: string;
  readonly configFile?: string;
  readonly heapMb?: number;
  readonly cores?: number;
  readonly unchecked: readonly string[];
}

export interface SessionOptions {
  readonly mode: SearchModeName;
  readonly noDeadlock?: boolean;
  readonly depth?: number;
  readonly seed?: number;
  readonly maxTraces?: number;
  readonly maxStates?: number;
  readonly timeoutSeconds?: number;
  readonly maxMemoryBytes?: number;
  /** The user's `--max-memory`, for the message (undefined: the default limit). */
  readonly maxMemoryMb?: number;
  readonly signal?: AbortSignalLike;
  readonly progressIntervalMs?: number;
  readonly workersAsked?: string;
  /** Printed right after the start lines (cfg and model warnings). */
  readonly warnings?: readonly string[];
  readonly specFile?: string;
  readonly configFile?: string;
  readonly heapMb?: number;
  readonly cores?: number;
  readonly now?: () => number;
  /** `--ctl`/`--ltl` formulas, checked after the search (breadth-first only). */
  readonly formulas?: readonly BoundFormula[];
  /** `--explain`: the CTL sub-formula tree with each verdict. */
  readonly explain?: boolean;
}

/** The module a span is in (TLC names it in `... of module M`). */
export type ModuleLocator = (span: SourceSpan) => string | undefined;

/** Diagnostic code of a failed `Assert` (the model builder's `EVAL102`). */
export const ASSERT_FAILED_CODE = 'EVAL102';

function isAssertFailure(d: Diagnostic | undefined): boolean {
  return (
    d !== undefined &&
    (d.code === ASSERT_FAILED_CODE || d.message.startsWith('The first argument of Assert evaluated to FALSE'))
  );
}

/**
 * One model-checking run over a built model: checks the ASSUMEs, drives the explorer in slices (so
 * Ctrl-C and progress can interleave), and turns its verdict into a `CheckReport` for a reporter.
 */
export class CheckSession {
  private explorer: Explorer<TlaState> | undefined;
  /** The behaviour graph, kept while a breadth-first search runs when there are temporal properties. */
  private recorder: BehaviourGraphRecorder | undefined;
  private exploreStart = 0;
  private finalReport: CheckReport | undefined;
  private readonly now: () => number;
  readonly seed: number | undefined;

  constructor(
    private readonly model: TlaModel,
    private readonly moduleOf: ModuleLocator,
    private readonly reporter: CheckReporter,
    private readonly options: SessionOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.seed =
      options.mode === 'simulate' ? (options.seed ?? Math.floor(Math.random() * 2 ** 32)) >>> 0 : undefined;
  }

  get report(): CheckReport | undefined {
    return this.finalReport;
  }

  get done(): boolean {
    return this.finalReport !== undefined;
  }

  /** The explorer once exploration has begun (bench: `memoryBytes()`). */
  get currentExplorer(): Explorer<TlaState> | undefined {
    return this.explorer;
  }

  /** The temporal properties checked after the search: in a breadth-first run, those the model could translate. */
  private get checkable(): readonly string[] {
    if (this.options.mode !== 'bfs') return [];
    return this.model.liveness.properties.map((p) => p.name);
  }

  private get needsGraph(): boolean {
    return (
      this.checkable.length > 0 || (this.options.mode === 'bfs' && (this.options.formulas?.length ?? 0) > 0)
    );
  }

  private get unchecked(): string[] {
    const checkable = new Set(this.checkable);
    return this.model.temporalProperties.map((p) => p.name).filter((name) => !checkable.has(name));
  }

  /** Announces the run and checks the ASSUMEs; afterwards `step` explores. */
  begin(): void {
    this.reporter.start({
      mode: this.options.mode,
      seed: this.seed,
      workersAsked:
        this.options.workersAsked !== undefined && this.options.workersAsked !== '1'
          ? this.options.workersAsked
          : undefined,
      specFile: this.options.specFile,
      configFile: this.options.configFile,
      heapMb: this.options.heapMb,
      cores: this.options.cores,
      unchecked: this.unchecked,
    });
    for (const warning of this.options.warnings ?? []) this.reporter.warning(warning);
    for (const assumption of this.model.assumptions) {
      let verdict: boolean;
      try {
        verdict = assumption.check();
      } catch (error) {
        const diagnostics = diagnosticsOfError(error);
        this.conclude({
          outcome: 'assumption-violated',
          property: assumption.location,
          diagnostics,
        });
        return;
      }
      if (!verdict) {
        this.conclude({
          outcome: 'assumption-violated',
          property: assumption.location,
          diagnostics: [],
        });
        return;
      }
    }
    this.explorer = new Explorer(this.model.system, this.exploreOptions());
  }

  private exploreOptions(): ExploreOptions<TlaState> {
    const model = this.model;
    const o = this.options;
    let initialDone = false;
    const onProgress = (event: ProgressEvent) => {
      if (event.event === 'phase') {
        if (event.phase === 'initial-states') this.reporter.computingInitialStates();
        else if (!initialDone) {
          initialDone = true;
          this.exploreStart = this.now();
          const stats = this.explorer?.stats() ?? event2stats();
          model.updateStatistics(stats, stats.distinctStates);
          this.reporter.initialStatesDone(stats);
        }
        return;
      }
      // The explorer reports once right after the initial states; TLC prints nothing there.
      if (!initialDone) return;
      model.updateStatistics(event.stats);
      this.reporter.progress(event.stats, this.now() - this.exploreStart);
    };
    if (this.needsGraph) this.recorder = new BehaviourGraphRecorder(this.model.quotient);
    return {
      observer: this.recorder,
      mode: o.mode,
      invariants: model.invariants.map((inv) => ({ name: inv.name, check: (s: TlaState) => inv.check(s) })),
      actionProperties: model.actionProperties.map((p) => ({
        name: p.name,
        check: (s: TlaState, t: TlaState) => p.check(s, t),
      })),
      checkDeadlock: model.checkDeadlock && !o.noDeadlock,
      stateConstraint: model.stateConstraint,
      actionConstraint: model.actionConstraint,
      maxStates: o.maxStates,
      maxSeconds: o.timeoutSeconds,
      maxMemoryBytes: o.maxMemoryBytes,
      signal: o.signal,
      onProgress,
      progressIntervalMs: o.progressIntervalMs,
      maxDepth: o.depth,
      seed: this.seed,
      maxTraces: o.maxTraces,
      now: o.now,
    };
  }

  /** Explores for about `budgetMs`; true when the run is over and `report` is set. */
  step(budgetMs: number): boolean {
    if (this.finalReport) return true;
    const explorer = this.explorer;
    if (!explorer) throw new Error('CheckSession.step before begin');
    if (!explorer.step(budgetMs)) return false;
    const result = explorer.result as ExploreResult<TlaState>;
    const report = this.fromResult(result);
    if (report.outcome === 'ok' || report.outcome === 'unsupported-property') {
      if (report.stats) this.model.updateStatistics(report.stats);
      const temporal = this.checkTemporal(report);
      this.conclude(temporal === report ? this.checkPostconditions(report) : temporal);
    } else {
      this.conclude(report);
    }
    return true;
  }

  /**
   * After a search that found nothing: the temporal properties on the graph it recorded (TLC's
   * order), then the formulas given with --ctl/--ltl.
   */
  private checkTemporal(
    report: Omit<CheckReport, 'exitCode' | 'mode'>,
  ): Omit<CheckReport, 'exitCode' | 'mode'> {
    const recorder = this.recorder;
    if (!recorder) return report;
    this.recorder = undefined;
    const signal = this.options.signal;
    if (report.stats) this.reporter.checkingTemporal(report.stats);
    const run = new TemporalRun(
      this.model.liveness,
      recorder,
      this.model.system,
      () => signal?.aborted === true,
      this.model.quotient,
    );
    const result = this.temporalVerdicts(run, report);
    for (const w of run.warnings) this.reporter.warning(w);
    return result;
  }

  private temporalVerdicts(
    run: TemporalRun,
    report: Omit<CheckReport, 'exitCode' | 'mode'>,
  ): Omit<CheckReport, 'exitCode' | 'mode'> {
    let result = report;
    if (this.model.liveness.properties.length > 0) {
      const verdict = run.properties();
      switch (verdict.kind) {
        case 'holds':
          break;
        case 'stopped':
          return { outcome: 'stopped', reason: 'cancelled', stats: report.stats, diagnostics: [] };
        case 'unsupported':
          this.reporter.warning(`${verdict.property} not checked: ${verdict.message}`);
          result = {
            ...report,
            outcome: 'unsupported-property',
            unchecked: [...(report.unchecked ?? []), verdict.property],
          };
          break;
        case 'error':
          return {
            outcome: 'eval-error',
            stats: report.stats,
            diagnostics: temporalErrorDiagnostics(verdict.error, verdict.message),
          };
        case 'violated':
          return this.lassoReport(verdict.property, verdict.lasso, report);
      }
    }
    const verdicts: FormulaReport[] = [];
    const formulas = this.options.formulas ?? [];
    if (formulas.length > 0 && !this.model.liveness.fairnessComplete) {
      // Checked without the fairness they should assume, the verdicts could be wrong: say so, check none.
      this.reporter.warning(
        'The --ctl/--ltl formulas were not checked: a fairness conjunct of the specification could not be translated.',
      );
      return {
        ...result,
        outcome: 'unsupported-property',
        unchecked: [...(result.unchecked ?? []), ...formulas.map((f) => `--${f.kind} ${f.text}`)],
      };
    }
    for (const f of formulas) {
      const verdict = run.formula(f, this.options.explain === true);
      const property = `--${f.kind} ${f.text}`;
      switch (verdict.kind) {
        case 'stopped':
          return {
            outcome: 'stopped',
            reason: 'cancelled',
            stats: report.stats,
            diagnostics: [],
            formulas: verdicts,
          };
        case 'error':
          return {
            outcome: 'eval-error',
            stats: report.stats,
            diagnostics: temporalErrorDiagnostics(verdict.error, verdict.message),
            formulas: verdicts,
          };
        case 'holds':
          verdicts.push({ kind: f.kind, formula: f.text, holds: true, explanation: verdict.explanation });
          break;
        case 'violated': {
          verdicts.push({ kind: f.kind, formula: f.text, holds: false, explanation: verdict.explanation });
          return { ...this.lassoReport(property, verdict.lasso, report), formulas: verdicts };
        }
      }
    }
    return verdicts.length > 0 ? { ...result, formulas: verdicts } : result;
  }

  /** A temporal counterexample as a report: a lasso, or (loopStart -1) a finite path. */
  private lassoReport(
    property: string,
    lasso: Lasso<TlaState>,
    report: Omit<CheckReport, 'exitCode' | 'mode'>,
  ): Omit<CheckReport, 'exitCode' | 'mode'> {
    const back = lasso.loopAction;
    const module = back?.span ? this.moduleOf(back.span) : undefined;
    const finite = lasso.loopStart < 0;
    return {
      outcome: 'property-violated',
      property,
      stats: report.stats,
      trace: this.view(lasso.steps),
      loopStart: finite ? undefined : lasso.loopStart,
      temporal: true,
      stuttering: finite ? undefined : lasso.stuttering,
      stutteringWithoutFairness:
        !finite &&
        lasso.stuttering === true &&
        this.model.liveness.fairness.length === 0 &&
        this.model.liveness.fairnessFormulas.length === 0,
      loopAction: back
        ? {
            action: back.name,
            span: back.span,
            tlcLocation: back.span && module ? tlcLocation(back.span, module) : undefined,
          }
        : undefined,
      diagnostics: [],
      unchecked: report.unchecked,
    };
  }

  /** TLC (Tool.checkPostCondition): once the search has found nothing, each POSTCONDITION must hold. */
  private checkPostconditions(
    report: Omit<CheckReport, 'exitCode' | 'mode'>,
  ): Omit<CheckReport, 'exitCode' | 'mode'> {
    for (const pc of this.model.postconditions) {
      let diagnostics: Diagnostic[] | undefined;
      try {
        if (!pc.check()) diagnostics = [];
      } catch (error) {
        diagnostics = diagnosticsOfError(error);
      }
      if (diagnostics)
        return {
          outcome: 'assumption-violated',
          postcondition: true,
          property: `${pc.name} at ${pc.location}`,
          stats: report.stats,
          diagnostics,
        };
    }
    return report;
  }

  /** Runs `begin` and every step without yielding (tests, the synchronous `run`). */
  runToEnd(): CheckReport {
    if (!this.explorer && !this.finalReport) this.begin();
    while (!this.step(Number.POSITIVE_INFINITY)) {
      // a slice ends only at a deadline, and this one has none
    }
    return this.finalReport as CheckReport;
  }

  private conclude(partial: Omit<CheckReport, 'exitCode' | 'mode'> & { exitCode?: number }): void {
    const outcome = partial.outcome;
    const report: CheckReport = {
      ...partial,
      mode: this.options.mode,
      exitCode: exitCodeFor(outcome, partial.reason, this.options.mode),
      variables: this.model.system.variables,
      seed: this.seed,
      maxMemoryMb: this.options.maxMemoryMb,
      timeoutSeconds: this.options.timeoutSeconds,
      maxStates: this.options.maxStates,
    };
    this.finalReport = report;
    this.reporter.finish(report);
  }

  private fromResult(result: ExploreResult<TlaState>): Omit<CheckReport, 'exitCode' | 'mode'> {
    const behaviours = result.traces;
    switch (result.kind) {
      case 'ok': {
        const unchecked = this.unchecked;
        return unchecked.length > 0
          ? { outcome: 'unsupported-property', stats: result.stats, diagnostics: [], unchecked, behaviours }
          : { outcome: 'ok', stats: result.stats, diagnostics: [], behaviours };
      }
      case 'invariant-violated':
        return {
          outcome: 'invariant-violated',
          property: result.name,
          stats: result.stats,
          trace: this.view(result.trace),
          initialState: result.trace.length === 1 && this.options.mode !== 'simulate',
          diagnostics: [],
          behaviours,
        };
      case 'action-property-violated':
        return {
          outcome: 'property-violated',
          property: result.name,
          stats: result.stats,
          trace: this.view(result.trace),
          diagnostics: [],
          behaviours,
        };
      case 'deadlock':
        return {
          outcome: 'deadlock',
          stats: result.stats,
          trace: this.view(result.trace),
          diagnostics: [],
          behaviours,
        };
      case 'property-violated':
        return {
          outcome: 'property-violated',
          property: result.name,
          stats: result.stats,
          trace: this.view(result.lasso.steps),
          loopStart: result.lasso.loopStart,
          stuttering: result.lasso.stuttering,
          diagnostics: [],
          behaviours,
        };
      case 'error': {
        const outcome: Outcome = isAssertFailure(result.diagnostics[0]) ? 'assert-failed' : 'eval-error';
        return {
          outcome,
          stats: result.stats,
          trace: result.trace && this.view(result.trace),
          diagnostics: result.diagnostics,
          behaviours,
        };
      }
      case 'stopped': {
        // A simulation never covers everything: reaching its time or state limit is its normal end.
        if (
          this.options.mode === 'simulate' &&
          (result.reason === 'time-limit' || result.reason === 'state-limit')
        )
          return {
            outcome: this.unchecked.length > 0 ? 'unsupported-property' : 'ok',
            reason: result.reason,
            stats: result.stats,
            diagnostics: [],
            unchecked: this.unchecked.length > 0 ? this.unchecked : undefined,
            behaviours,
          };
        return {
          outcome: 'stopped',
          reason: result.reason,
          stats: result.stats,
          diagnostics: [],
          behaviours,
        };
      }
    }
  }

  private view(trace: Trace<TlaState>): TraceView[] {
    const { system, alias } = this.model;
    return trace.map((step, i) => {
      const values = alias ? alias(step.state, (trace[i + 1] ?? step).state) : system.render(step.state);
      if (i === 0 || !step.action) return { action: null, values };
      const action = step.action;
      const module = action.span ? this.moduleOf(action.span) : undefined;
      return {
        action: action.name,
        span: action.span,
        tlcLocation: action.span && module ? tlcLocation(action.span, module) : undefined,
        values,
      };
    });
  }
}

function event2stats(): Stats {
  return { distinctStates: 0, generatedStates: 0, depth: 0, statesLeftOnQueue: 0, seconds: 0 };
}

/** An evaluation error in a temporal property's predicates: TLC's message at the predicate. */
function temporalErrorDiagnostics(error: unknown, message: string): Diagnostic[] {
  if (error instanceof EvaluationError) return [error.diagnostic];
  const span = (error as { span?: SourceSpan } | undefined)?.span;
  return [makeDiagnostic('EVAL100', message, span)];
}

/** The diagnostics of an exception a model function threw. */
export function diagnosticsOfError(error: unknown): Diagnostic[] {
  if (error instanceof EvaluationError) return [error.diagnostic];
  if (typeof error === 'object' && error !== null) {
    const d = (error as { diagnostic?: Diagnostic }).diagnostic;
    if (d && typeof d.code === 'string' && typeof d.message === 'string') return [d];
  }
  if (error instanceof Error && !(error instanceof RangeError && /call stack/i.test(error.message)))
    throw error;
  return [makeDiagnostic('EVAL100', error instanceof Error ? error.message : String(error))];
}
