import type { Diagnostic, SourceSpan } from './diagnostic.js';

/**
 * The one interface between front-ends (TLA+, Petri nets) and back-ends (explorer, temporal),
 * after LTSmin's PINS and TLC's `ITool`: a front-end says what the initial states are and what
 * follows a state; a back-end owns the seen-set, the queue and the verdicts.
 *
 * Hot path rules: `successors` reports through a callback (no arrays per call), fingerprints are
 * 64 bits as two unsigned 32-bit halves written into a caller-owned buffer (no allocation), and a
 * state is whatever compact object the front-end chooses (`S`), opaque to the back-end.
 */
export interface TransitionSystem<S> {
  /**
   * Variable names, in the order of the state's values (for ITF). `render` may list them in the
   * order users expect to read them (TLA+: TLC's).
   */
  readonly variables: readonly string[];
  /** The named actions (TLA+: the disjuncts of Next; Petri nets: transitions), indexed by `ActionLabel.index`. */
  readonly actions: readonly ActionInfo[];
  initialStates(emit: (state: S) => void): void;
  /** Every successor of `state`, each with the action that produced it. May report the same successor twice. */
  successors(state: S, emit: (action: ActionLabel, next: S) => void): void;
  /**
   * How many states the last `successors` call generated on the way to its successors without
   * reporting them (TLC counts the middle state t of each step s -A-> t -B-> u of `A \cdot B`
   * as generated); reading it resets it. Optional: absent means none.
   */
  takeIntermediateCount?(): number;
  /**
   * Writes the 64-bit fingerprint of `state` into `out[offset]` (low half) and `out[offset + 1]`
   * (high half). Two states that the system considers equal (after VIEW or SYMMETRY) must get
   * the same fingerprint.
   */
  fingerprint(state: S, out: Uint32Array, offset: number): void;
  /** A state predicate by name (invariants, atomic propositions); undefined if there is no such predicate. */
  label(name: string): ((state: S) => boolean) | undefined;
  /** What a trace shows of a state: variable name -> printable value. */
  render(state: S): Record<string, RenderedValue>;
  /**
   * The action of one step of a trace, named with the values its parameters had (TLC prints
   * `<Send(p1) line 12, col 5 to …>`); called on cold paths only (traces), never while exploring.
   * Optional: without it, or when it returns undefined, a step shows `actions[action.index]`.
   */
  describeStep?(from: S, to: S, action: ActionLabel): ActionInfo | undefined;
}

/** The action a trace shows for the step `from -> to` taken by action `index`. */
export function stepAction<S>(system: TransitionSystem<S>, from: S, to: S, index: number): ActionInfo {
  return system.describeStep?.(from, to, { index }) ?? system.actions[index];
}

/** A value as a trace shows it: TLC's text and, for ITF, a JSON form. */
export interface RenderedValue {
  readonly text: string;
  readonly json: unknown;
}

export interface ActionInfo {
  readonly name: string;
  /** Where the action is defined (TLC prints it: `<Next line 12, col 5 to line 14, col 30 of module M>`). */
  readonly span?: SourceSpan;
}

/** Which action produced a successor; `index` into `TransitionSystem.actions`. */
export interface ActionLabel {
  readonly index: number;
}

/** One step of a trace: the state, and the action that led to it (none for the initial state). */
export interface TraceStep<S = unknown> {
  readonly state: S;
  readonly action?: ActionInfo;
}

export type Trace<S = unknown> = readonly TraceStep<S>[];

/** An infinite behaviour `prefix (cycle)^ω`; `loopStart` is the index in `steps` the last step goes back to. */
export interface Lasso<S = unknown> {
  readonly steps: Trace<S>;
  readonly loopStart: number;
  /** A behaviour that ends by stuttering forever in its last state (TLC: "Stuttering"). */
  readonly stuttering?: boolean;
  /** The action of the step from the last state back to `steps[loopStart]` (TLC: "Back to state k: <A …>"). */
  readonly loopAction?: ActionInfo;
}

export interface Stats {
  readonly distinctStates: number;
  readonly generatedStates: number;
  /** Length of the longest shortest path from an initial state, counting initial states as depth 1 (TLC). */
  readonly depth: number;
  readonly statesLeftOnQueue: number;
  readonly seconds: number;
}

export type StopReason = 'state-limit' | 'time-limit' | 'memory-limit' | 'cancelled';

export type CheckResult<S = unknown> =
  | { readonly kind: 'ok'; readonly stats: Stats }
  | {
      readonly kind: 'invariant-violated';
      readonly name: string;
      readonly trace: Trace<S>;
      readonly stats: Stats;
    }
  | {
      readonly kind: 'action-property-violated';
      readonly name: string;
      readonly trace: Trace<S>;
      readonly stats: Stats;
    }
  | { readonly kind: 'deadlock'; readonly trace: Trace<S>; readonly stats: Stats }
  | {
      readonly kind: 'property-violated';
      readonly name: string;
      readonly lasso: Lasso<S>;
      readonly stats: Stats;
    }
  | {
      readonly kind: 'error';
      readonly diagnostics: readonly Diagnostic[];
      readonly trace?: Trace<S>;
      readonly stats?: Stats;
    }
  | { readonly kind: 'stopped'; readonly reason: StopReason; readonly stats: Stats };

/** What a long run reports while it goes (the CLI prints them, the playground draws them). */
export type ProgressEvent =
  | { readonly event: 'progress'; readonly stats: Stats; readonly statesPerSecond: number }
  | { readonly event: 'phase'; readonly phase: string };

/**
 * What a front-end throws when it cannot evaluate something while the checker asks it for states
 * (TLC: "Error: ... while evaluating the next-state relation"). Back-ends turn it into an `error`
 * result that carries the diagnostic and the trace to the state being explored.
 */
export class EvaluationError extends Error {
  readonly diagnostic: Diagnostic;

  constructor(diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = 'EvaluationError';
    this.diagnostic = diagnostic;
  }
}
