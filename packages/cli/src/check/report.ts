import type { Diagnostic, RenderedValue, SourceSpan, Stats, StopReason } from '@modelcheck/core';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';

/**
 * The outcome of `modelcheck check`, as `--json` names it (a stable contract, see the README).
 * Each has one exit code, except `stopped`, whose code depends on why it stopped.
 */
export type Outcome =
  | 'ok'
  | 'invariant-violated'
  | 'deadlock'
  | 'property-violated'
  | 'assumption-violated'
  | 'assert-failed'
  | 'eval-error'
  | 'parse-error'
  | 'config-error'
  | 'system-error'
  | 'stopped'
  | 'unsupported-property'
  | 'internal-error';

export type SearchModeName = 'bfs' | 'dfs' | 'simulate';

/** One state of a counterexample, ready to print: the action that led to it and each variable's value. */
export interface TraceView {
  /** The action's name (`Next`, `Step`), or null for an initial state. */
  readonly action: string | null;
  /** TLC's `line 5, col 9 to line 5, col 24 of module M`, when the action's span is known. */
  readonly tlcLocation?: string;
  readonly span?: SourceSpan;
  /** Variable -> TLC text and ITF JSON, in the order the trace shows them. */
  readonly values: Readonly<Record<string, RenderedValue>>;
}

/** The verdict on one --ctl/--ltl formula. */
export interface FormulaReport {
  readonly kind: 'ctl' | 'ltl';
  readonly formula: string;
  readonly holds: boolean;
  /** `--explain`: the sub-formula tree, one line each. */
  readonly explanation?: readonly string[];
}

/** What a check found: everything the text and JSON reports print. */
export interface CheckReport {
  readonly outcome: Outcome;
  readonly exitCode: ExitCodeValue;
  readonly mode: SearchModeName;
  /** The violated invariant or property, or the false assumption's location. */
  readonly property?: string;
  /** `assumption-violated` by a cfg POSTCONDITION (checked after the search) rather than an ASSUME. */
  readonly postcondition?: boolean;
  readonly stats?: Stats;
  readonly trace?: readonly TraceView[];
  /** For a lasso (temporal property): the index the last state goes back to; `stuttering` when it stutters. */
  readonly loopStart?: number;
  readonly stuttering?: boolean;
  /** A temporal counterexample (a lasso, or for CTL a finite path), not an action property's trace. */
  readonly temporal?: boolean;
  /** The --ctl/--ltl formulas checked, in order (up to the first violated one). */
  readonly formulas?: readonly FormulaReport[];
  /** A stuttering lasso of a spec with no fairness at all (TLC warns that fairness may be missing). */
  readonly stutteringWithoutFairness?: boolean;
  /** The action of the step back to `loopStart` (TLC: "Back to state k: <A …>"). */
  readonly loopAction?: Pick<TraceView, 'action' | 'span' | 'tlcLocation'>;
  readonly diagnostics: readonly Diagnostic[];
  /** `stopped`: why. */
  readonly reason?: StopReason;
  /** The explicit `--max-memory` in MB, or undefined when the default limit applied (for the message). */
  readonly maxMemoryMb?: number;
  readonly timeoutSeconds?: number;
  readonly maxStates?: number;
  /** `--simulate`: the seed and the number of behaviours generated. */
  readonly seed?: number;
  readonly behaviours?: number;
  /** Temporal properties the checker did not check. */
  readonly unchecked?: readonly string[];
  /** An invariant violated by an initial state (TLC prints it without a behaviour or counts). */
  readonly initialState?: boolean;
  /** The variables, in the order traces show them (for ITF). */
  readonly variables?: readonly string[];
}

export function exitCodeFor(outcome: Outcome, reason?: StopReason, mode?: SearchModeName): ExitCodeValue {
  switch (outcome) {
    case 'ok':
      return ExitCode.ok;
    case 'invariant-violated':
      return ExitCode.safetyViolated;
    case 'deadlock':
      return ExitCode.deadlock;
    case 'property-violated':
      return ExitCode.livenessViolated;
    case 'assumption-violated':
      return ExitCode.assumptionViolated;
    case 'assert-failed':
      return ExitCode.assertViolated;
    case 'eval-error':
      return ExitCode.evaluationError;
    case 'parse-error':
      return ExitCode.specError;
    case 'config-error':
      return ExitCode.configError;
    case 'system-error':
      return ExitCode.systemError;
    case 'unsupported-property':
      return ExitCode.notChecked;
    case 'internal-error':
      return ExitCode.internalError;
    case 'stopped':
      if (reason === 'cancelled') return ExitCode.interrupted;
      if (reason === 'memory-limit') return ExitCode.stateSpaceTooLarge;
      return mode === 'simulate' ? ExitCode.ok : ExitCode.limitReached;
  }
}

/** Who stops a cancelled run in the CLI (the playground has its own words: a Stop button, Esc). */
export const STOPPED_BY_USER = 'by the user (Ctrl-C)';

/**
 * One sentence that says what happened, in TLC's words where TLC has them. `stoppedBy` says who
 * stopped a cancelled run, after "Stopped" (default `STOPPED_BY_USER`).
 */
export function outcomeMessage(report: CheckReport, wording: { readonly stoppedBy?: string } = {}): string {
  switch (report.outcome) {
    case 'ok':
      return report.mode === 'simulate'
        ? `No error has been found in ${report.behaviours ?? 0} simulated behaviors.`
        : 'Model checking completed. No error has been found.';
    case 'invariant-violated':
      return report.initialState
        ? `Invariant ${report.property} is violated by the initial state.`
        : `Invariant ${report.property} is violated.`;
    case 'deadlock':
      return 'Deadlock reached.';
    case 'property-violated': {
      const formula = report.formulas?.find((f) => !f.holds);
      if (formula) return `The ${formula.kind.toUpperCase()} formula ${formula.formula} is violated.`;
      return report.temporal || report.loopStart !== undefined
        ? `Temporal property ${report.property} was violated.`
        : `Action property ${report.property} is violated.`;
    }
    case 'assumption-violated': {
      const what = report.postcondition ? 'postcondition' : 'assumption';
      return report.diagnostics.length > 0
        ? `Evaluating ${what} ${report.property} failed.`
        : `${report.postcondition ? 'Postcondition' : 'Assumption'} ${report.property} is false.`;
    }
    case 'assert-failed':
    case 'eval-error':
    case 'parse-error':
    case 'config-error':
    case 'system-error':
    case 'internal-error':
      return report.diagnostics[0]?.message ?? report.outcome;
    case 'stopped':
      switch (report.reason) {
        case 'cancelled':
          return `Stopped ${wording.stoppedBy ?? STOPPED_BY_USER} before the search finished.`;
        case 'time-limit':
          return `Stopped at the time limit (--timeout ${report.timeoutSeconds}) before the search finished.`;
        case 'state-limit':
          return `Stopped at the state limit (--max-states ${report.maxStates}) before the search finished.`;
        default:
          return 'Stopped: out of memory before the search finished.';
      }
    case 'unsupported-property':
      return `Temporal properties not checked: ${(report.unchecked ?? []).join(', ')}.`;
  }
}
