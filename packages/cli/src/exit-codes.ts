/**
 * The process exit codes: a contract that users' scripts depend on, documented in the README.
 * They follow TLC's `EC.ExitStatus` where TLC has a matching outcome.
 */
export const ExitCode = {
  ok: 0,
  /** The command line itself is wrong (unknown option, missing file argument). */
  usage: 2,
  /**
   * The search stopped at a limit the user set (`--max-states`, `--timeout`) before it finished; no
   * error was found in the states explored. Not TLC's (TLC has no such limits).
   */
  limitReached: 3,
  /**
   * Everything the checker can check passed, but the cfg lists temporal properties it cannot check
   * yet: the result is incomplete, never a plain 0. Not TLC's.
   */
  notChecked: 4,
  /** TLC: VIOLATION_ASSUMPTION. */
  assumptionViolated: 10,
  /** TLC: VIOLATION_DEADLOCK. */
  deadlock: 11,
  /** TLC: VIOLATION_SAFETY. */
  safetyViolated: 12,
  /**
   * TLC: VIOLATION_LIVENESS. TLC also uses it for a violated action property (`[][A]_v` in
   * PROPERTIES: EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR maps to it), and so does modelcheck.
   */
  livenessViolated: 13,
  /** TLC: VIOLATION_ASSERT. */
  assertViolated: 14,
  /** TLC: FAILURE_SPEC_EVAL, an evaluation error while exploring. */
  evaluationError: 75,
  /** Stopped by Ctrl-C (SIGINT): 128 + 2, what a shell reports for TLC killed by Ctrl-C. */
  interrupted: 130,
  /** TLC: ERROR_SPEC_PARSE, the spec (or a module it uses) has an error. */
  specError: 150,
  /** TLC: ERROR_CONFIG_PARSE, the .cfg file has an error or does not fit the spec. */
  configError: 151,
  /**
   * TLC: ERROR_STATESPACE_TOO_LARGE. The heap passed `--max-memory` (by default 90% of Node's heap
   * limit), or the fingerprint set is full (2^27 states).
   */
  stateSpaceTooLarge: 152,
  /** TLC: ERROR_SYSTEM, a file could not be read, or the machine ran out of memory. */
  systemError: 153,
  /** Anything else: a bug in modelcheck. */
  internalError: 255,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
