/**
 * The process exit codes: a contract that users' scripts depend on, documented in the README.
 * They follow TLC's `EC.ExitStatus` where TLC has a matching outcome.
 */
export const ExitCode = {
  ok: 0,
  /** The command line itself is wrong (unknown option, missing file argument). */
  usage: 2,
  /** TLC: VIOLATION_ASSUMPTION. */
  assumptionViolated: 10,
  /** TLC: VIOLATION_DEADLOCK. */
  deadlock: 11,
  /** TLC: VIOLATION_SAFETY. */
  safetyViolated: 12,
  /** TLC: VIOLATION_LIVENESS. */
  livenessViolated: 13,
  /** TLC: VIOLATION_ASSERT. */
  assertViolated: 14,
  /** TLC: FAILURE_SPEC_EVAL, an evaluation error while exploring. */
  evaluationError: 75,
  /** TLC: ERROR_SPEC_PARSE, the spec (or a module it uses) has an error. */
  specError: 150,
  /** TLC: ERROR_CONFIG_PARSE, the .cfg file has an error or does not fit the spec. */
  configError: 151,
  /** TLC: ERROR_SYSTEM, a file could not be read, or the machine ran out of memory. */
  systemError: 153,
  /** Anything else: a bug in modelcheck. */
  internalError: 255,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
