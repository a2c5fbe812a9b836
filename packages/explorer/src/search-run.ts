import {
  type Diagnostic,
  makeDiagnostic,
  type ProgressEvent,
  type Stats,
  type StopReason,
  type Trace,
  type TransitionSystem,
} from '@modelcheck/core';
import { EXP } from './diagnostic-codes.js';
import { diagnosticsOf } from './errors.js';
import type { AbortSignalLike, ActionProperty, ExploreOptions, ExploreResult, Invariant } from './options.js';
import { measureHeapBytes, monotonicNow } from './runtime.js';

/** Expansions between two looks at the clock (deadline, limits, cancellation, progress). */
const CHECK_EVERY = 16;
/** Minimum time between two heap measurements (`process.memoryUsage` costs microseconds). */
const MEMORY_CHECK_MS = 100;
/** Guess of a queued state's size where the heap cannot be measured. */
const ESTIMATED_STATE_BYTES = 128;
export const DEFAULT_PROGRESS_INTERVAL_MS = 3000;

/** Thrown inside the explorer when a property cannot be evaluated; carries what to report. */
class PropertyFailure extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics[0]?.message ?? 'property evaluation failed');
  }
}

/**
 * What every search mode shares: options, counters, the sliced run loop (`step(budgetMs)`), limits,
 * cancellation, progress events, property evaluation and the final result. A subclass provides the
 * initial phase (`begin`), the main loop (`work`) and its statistics.
 */
export abstract class SearchRun<S> {
  protected readonly invariants: readonly Invariant<S>[];
  protected readonly actionProperties: readonly ActionProperty<S>[];
  protected readonly checkDeadlock: boolean;
  protected readonly stateConstraint: ((state: S) => boolean) | undefined;
  protected readonly actionConstraint: ((from: S, to: S) => boolean) | undefined;
  protected readonly checkConstrained: boolean;
  protected readonly maxStates: number;
  protected readonly now: () => number;
  private readonly maxMillis: number;
  private readonly maxMemory: number;
  private readonly signal: AbortSignalLike | undefined;
  private readonly onProgress: ((event: ProgressEvent) => void) | undefined;
  private readonly progressInterval: number;

  /** States generated: initial states and every successor, duplicates and constrained ones included (TLC). */
  protected generated = 0;
  private outcome: ExploreResult<S> | undefined;
  private started = false;
  private cancelled = false;
  private startTime = 0;
  private deadline = Number.POSITIVE_INFINITY;
  private countdown = 0;
  private lastProgressTime = 0;
  private lastProgressGenerated = 0;
  private lastMemoryCheck = Number.NEGATIVE_INFINITY;

  constructor(
    protected readonly system: TransitionSystem<S>,
    options: ExploreOptions<S>,
  ) {
    this.invariants = options.invariants ?? [];
    this.actionProperties = options.actionProperties ?? [];
    this.checkDeadlock = options.checkDeadlock ?? true;
    this.stateConstraint = options.stateConstraint;
    this.actionConstraint = options.actionConstraint;
    this.checkConstrained = options.checkConstrainedStates ?? true;
    this.maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
    this.maxMillis = options.maxSeconds === undefined ? Number.POSITIVE_INFINITY : options.maxSeconds * 1000;
    this.maxMemory = options.maxMemoryBytes ?? Number.POSITIVE_INFINITY;
    this.signal = options.signal;
    this.onProgress = options.onProgress;
    this.progressInterval = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
    this.now = options.now ?? monotonicNow;
  }

  /** Counters so far (final once `done`). */
  abstract stats(): Stats;
  /** Generates the initial states. */
  protected abstract begin(): void;
  /** Runs the search until it finishes or `tick()` says to return. */
  protected abstract work(): void;
  /** Bytes of the explorer's own structures. */
  protected abstract ownBytes(): number;
  /** States held in the frontier (for the memory estimate where the heap cannot be measured). */
  protected abstract frontierSize(): number;
  /** Name of the main phase in progress events. */
  protected abstract readonly phaseName: string;

  get done(): boolean {
    return this.outcome !== undefined;
  }

  get result(): ExploreResult<S> | undefined {
    return this.outcome;
  }

  /** Asks the run to stop (`cancelled`) at its next check, or at once if between slices. */
  cancel(): void {
    this.cancelled = true;
  }

  /**
   * Works for about `budgetMs` milliseconds (at least one check interval) and returns whether the run
   * is over. A Web Worker calls it in a loop and handles its messages between calls.
   */
  step(budgetMs: number): boolean {
    if (this.outcome) return true;
    if (!this.started) {
      this.started = true;
      this.startTime = this.now();
      this.lastProgressTime = this.startTime;
      this.emit({ event: 'phase', phase: 'initial-states' });
      this.begin();
      if (this.outcome) return true;
      if (this.onProgress) this.emitProgress(this.now());
      this.emit({ event: 'phase', phase: this.phaseName });
    }
    const t = this.now();
    if (this.poll(t)) return true;
    this.deadline = t + budgetMs;
    this.countdown = CHECK_EVERY;
    this.work();
    return this.outcome !== undefined;
  }

  protected seconds(): number {
    return this.started ? (this.now() - this.startTime) / 1000 : 0;
  }

  /**
   * Call once per unit of work: every `CHECK_EVERY` calls it reads the clock, checks limits and
   * cancellation, emits progress, and says whether to leave `work()` (run over, or slice used up).
   */
  protected tick(): boolean {
    if (--this.countdown > 0) return false;
    this.countdown = CHECK_EVERY;
    const t = this.now();
    return this.poll(t) || t >= this.deadline;
  }

  /** Checks cancellation and limits, emits progress when due; true when the run just stopped. */
  protected poll(t: number): boolean {
    if (this.outcome) return true;
    if (this.cancelled || this.signal?.aborted) {
      this.stop('cancelled');
      return true;
    }
    if (t - this.startTime >= this.maxMillis) {
      this.stop('time-limit');
      return true;
    }
    if (this.maxMemory !== Number.POSITIVE_INFINITY && t - this.lastMemoryCheck >= MEMORY_CHECK_MS) {
      this.lastMemoryCheck = t;
      if (this.memoryBytes() > this.maxMemory) {
        this.stop('memory-limit');
        return true;
      }
    }
    if (this.onProgress && t - this.lastProgressTime >= this.progressInterval) this.emitProgress(t);
    return false;
  }

  /** The heap as the host measures it, never less than the explorer's own structures. */
  memoryBytes(): number {
    const own = this.ownBytes();
    const measured = measureHeapBytes();
    return measured === undefined
      ? own + this.frontierSize() * ESTIMATED_STATE_BYTES
      : Math.max(measured, own);
  }

  protected stop(reason: StopReason): void {
    this.finish({ kind: 'stopped', reason, stats: this.stats() });
  }

  /** Sets the result once; later calls are ignored (the first verdict wins). */
  protected finish(result: ExploreResult<S>): void {
    if (!this.outcome) this.outcome = this.decorate(result);
  }

  protected decorate(result: ExploreResult<S>): ExploreResult<S> {
    return result;
  }

  /** Ends the run with an evaluation error; `trace` is built lazily and may itself fail. */
  protected fail(error: unknown, trace: (() => Trace<S>) | undefined): void {
    if (this.outcome) return;
    const diagnostics = diagnosticsOf(error);
    if (!trace) {
      this.finish({ kind: 'error', diagnostics, stats: this.stats() });
      return;
    }
    try {
      const steps = trace();
      this.finish({ kind: 'error', diagnostics, trace: steps, stats: this.stats() });
    } catch (rebuild) {
      const more = diagnosticsOf(rebuild, EXP.TraceRebuildFailed);
      this.finish({ kind: 'error', diagnostics: [...diagnostics, ...more], stats: this.stats() });
    }
  }

  /** Ends the run with a counterexample, or with an error if the trace cannot be rebuilt. */
  protected finishWithTrace(trace: () => Trace<S>, make: (trace: Trace<S>) => ExploreResult<S>): void {
    if (this.outcome) return;
    let steps: Trace<S>;
    try {
      steps = trace();
    } catch (rebuild) {
      this.finish({
        kind: 'error',
        diagnostics: diagnosticsOf(rebuild, EXP.TraceRebuildFailed),
        stats: this.stats(),
      });
      return;
    }
    this.finish(make(steps));
  }

  /** Index of the first invariant `state` violates, or -1; throws `PropertyFailure` if one cannot be evaluated. */
  protected violatedInvariant(state: S): number {
    const invariants = this.invariants;
    for (let k = 0; k < invariants.length; k++) {
      const invariant = invariants[k];
      let verdict: boolean | Diagnostic;
      try {
        verdict = invariant.check(state);
      } catch (error) {
        throw new PropertyFailure(
          diagnosticsOf(error, EXP.PropertyEvaluationFailed, `evaluating invariant ${invariant.name} failed`),
        );
      }
      if (verdict === true) continue;
      if (verdict === false) return k;
      throw new PropertyFailure(notBoolean('invariant', invariant.name, verdict));
    }
    return -1;
  }

  /** Index of the first action property the step `from -> to` violates, or -1. */
  protected violatedActionProperty(from: S, to: S): number {
    const properties = this.actionProperties;
    for (let k = 0; k < properties.length; k++) {
      const property = properties[k];
      let verdict: boolean | Diagnostic;
      try {
        verdict = property.check(from, to);
      } catch (error) {
        throw new PropertyFailure(
          diagnosticsOf(
            error,
            EXP.PropertyEvaluationFailed,
            `evaluating action property ${property.name} failed`,
          ),
        );
      }
      if (verdict === true) continue;
      if (verdict === false) return k;
      throw new PropertyFailure(notBoolean('action property', property.name, verdict));
    }
    return -1;
  }

  /** TLC's CONSTRAINT and ACTION_CONSTRAINT: whether the search keeps `to`, reached from `from`. */
  protected inModel(from: S | undefined, to: S): boolean {
    if (this.stateConstraint !== undefined && !this.stateConstraint(to)) return false;
    if (from !== undefined && this.actionConstraint !== undefined && !this.actionConstraint(from, to))
      return false;
    return true;
  }

  private emitProgress(t: number): void {
    const elapsed = (t - this.lastProgressTime) / 1000;
    const statesPerSecond = elapsed > 0 ? (this.generated - this.lastProgressGenerated) / elapsed : 0;
    this.lastProgressTime = t;
    this.lastProgressGenerated = this.generated;
    this.emit({ event: 'progress', stats: this.stats(), statesPerSecond });
  }

  private emit(event: ProgressEvent): void {
    this.onProgress?.(event);
  }
}

function notBoolean(kind: string, name: string, verdict: unknown): Diagnostic[] {
  if (typeof verdict === 'object' && verdict !== null && typeof (verdict as Diagnostic).code === 'string') {
    return [verdict as Diagnostic];
  }
  return [
    makeDiagnostic(EXP.PropertyEvaluationFailed, `the ${kind} ${name} is ${String(verdict)}, not a boolean`),
  ];
}
