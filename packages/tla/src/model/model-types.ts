import type {
  ActionInfo,
  Diagnostic,
  RenderedValue,
  SourceSpan,
  Stats,
  TransitionSystem,
} from '@modelcheck/core';
import type { Value } from '../values/value.js';
import type { FairnessCondition, TlaFormula } from './temporal-formula.js';

/** A TLA+ state: one value per variable, in the order of `TlaModel.system.variables`. */
export type TlaState = readonly Value[];

export interface NamedStatePredicate {
  readonly name: string;
  readonly span?: SourceSpan;
  /** Throws core's EvaluationError when the predicate cannot be evaluated. */
  check(state: TlaState): boolean;
}

export interface NamedActionPredicate {
  readonly name: string;
  readonly span?: SourceSpan;
  check(from: TlaState, to: TlaState): boolean;
}

/** A temporal PROPERTY as an LTL formula over the spec's states and steps. */
export interface LivenessProperty {
  readonly name: string;
  readonly span?: SourceSpan;
  readonly formula: TlaFormula;
}

/**
 * What the temporal checker needs: the properties, and the fairness of SPECIFICATION, as
 * constraints (WF/SF, one per binding of their \A) or, for other shapes, as formulas that the
 * behaviours checked must satisfy (the property is checked as `fairness => property`).
 */
export interface Liveness {
  readonly properties: readonly LivenessProperty[];
  readonly fairness: readonly FairnessCondition[];
  readonly fairnessFormulas: readonly TlaFormula[];
  /** False when some fairness conjunct could not be translated (then verdicts under fairness are not given). */
  readonly fairnessComplete: boolean;
}

/** A PROPERTY the safety checker cannot decide (liveness and other temporal formulas). */
export interface TemporalProperty {
  readonly name: string;
  readonly span?: SourceSpan;
}

export interface Assumption {
  readonly span: SourceSpan;
  /** The ASSUME's text as TLC prints it in "Assumption line L, col C to line L2, col C2 of module M is false." */
  readonly location: string;
  /** True, false, or throws core's EvaluationError. */
  check(): boolean;
}

/** A cfg POSTCONDITION: checked once the search has finished without finding an error. */
export interface Postcondition {
  readonly name: string;
  /** The definition's body (TLC: "Postcondition P at line …, col … of module M is false."). */
  readonly span: SourceSpan;
  readonly location: string;
  /** True, false, or throws core's EvaluationError. */
  check(): boolean;
}

/**
 * A spec with a cfg, ready to explore: the transition system (Init, Next split into named
 * actions), what to check in each state and step, and what this checker cannot check yet.
 */
export interface TlaModel {
  readonly system: TransitionSystem<TlaState>;
  readonly rootModule: string;
  readonly invariants: readonly NamedStatePredicate[];
  /** `[][A]_v` properties, checked on every step. */
  readonly actionProperties: readonly NamedActionPredicate[];
  /** Conjunction of the CONSTRAINTs, if any. */
  readonly stateConstraint?: (state: TlaState) => boolean;
  readonly actionConstraint?: (from: TlaState, to: TlaState) => boolean;
  readonly checkDeadlock: boolean;
  /** Properties left to the temporal checker (a separate package). */
  readonly temporalProperties: readonly TemporalProperty[];
  /** The same properties, and the spec's fairness, as LTL for the temporal checker. */
  readonly liveness: Liveness;
  /** Fairness conjuncts of SPECIFICATION (WF/SF), for the temporal checker. */
  readonly fairness: readonly SourceSpan[];
  readonly assumptions: readonly Assumption[];
  readonly postconditions: readonly Postcondition[];
  /**
   * The cfg's ALIAS: what a trace shows of a state instead of its variables, evaluated on the step
   * to the state after it (the last state with itself). Undefined without an ALIAS.
   */
  readonly alias?: (state: TlaState, successor: TlaState) => Record<string, RenderedValue>;
  /**
   * VIEW or SYMMETRY: states are stored by class, so a stored successor may differ from the one
   * generated (step predicates must then see the generated one).
   */
  readonly quotient: boolean;
  /** A definition of the root module as a state predicate (for --ctl/--ltl atoms); undefined if there is none. */
  statePredicate(name: string): ((state: TlaState) => boolean) | undefined;
  /** Tells the model the checker's counts, for TLCGet("distinct"), ("stats") and POSTCONDITIONs. */
  updateStatistics(stats: Stats, initialStates?: number): void;
  /** How TLC labels the initial states in a trace. */
  readonly initialAction: ActionInfo;
  /** Where Print/PrintT output goes is set by `buildModel`'s options. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface BuildModelOptions {
  /** Print and PrintT output (TLC writes it to stdout as it evaluates). */
  readonly print?: (text: string) => void;
  /**
   * What IOUtils' `IOEnv` reports: the environment variables of the process (the CLI passes its
   * own; the playground, none).
   */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /**
   * Forget the names earlier models interned before building this one (`resetInterning`), so
   * that strings, model values and record fields are ordered exactly as TLC orders them. Values
   * of earlier models must not be used afterwards: set it where one model runs at a time.
   */
  readonly freshNames?: boolean;
}
