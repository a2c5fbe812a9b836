/**
 * Diagnostic codes of the explorer (`EXP`). Stable: tests, docs and scripts refer to them. Problems
 * the front-end reports itself (an `EvaluationError` with its own code) keep the front-end's code.
 */
export const EXP = {
  /** The system threw something that is not an `EvaluationError` (a bug or an unexpected failure). */
  UnexpectedException: 'EXP100',
  /** An invariant or action property threw something that is not an `EvaluationError`. */
  PropertyEvaluationFailed: 'EXP101',
  /**
   * Re-running the system along the recorded parent chain did not find a state with the recorded
   * fingerprint: `initialStates`/`successors` are not deterministic, or `fingerprint` is not a
   * function of the state.
   */
  TraceRebuildFailed: 'EXP102',
} as const;
