import { type Diagnostic, EvaluationError, makeDiagnostic } from '@modelcheck/core';
import { EXP } from './diagnostic-codes.js';

function isDiagnostic(value: unknown): value is Diagnostic {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as { code?: unknown; message?: unknown; severity?: unknown };
  return typeof d.code === 'string' && typeof d.message === 'string' && typeof d.severity === 'string';
}

/**
 * The diagnostics an exception thrown by the system (or by a property) carries: an `EvaluationError`'s
 * diagnostic, or any error with a `diagnostic`/`diagnostics` field (a front-end may use its own class),
 * otherwise a generic `code` diagnostic with the exception's message.
 */
export function diagnosticsOf(
  error: unknown,
  code: string = EXP.UnexpectedException,
  context?: string,
): Diagnostic[] {
  if (error instanceof EvaluationError) return [error.diagnostic];
  if (typeof error === 'object' && error !== null) {
    const e = error as { diagnostic?: unknown; diagnostics?: unknown };
    if (isDiagnostic(e.diagnostic)) return [e.diagnostic];
    if (Array.isArray(e.diagnostics) && e.diagnostics.length > 0 && e.diagnostics.every(isDiagnostic)) {
      return e.diagnostics as Diagnostic[];
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return [makeDiagnostic(code, context ? `${context}: ${message}` : message)];
}

/** Raised when a counterexample cannot be re-generated (see `EXP.TraceRebuildFailed`). */
export class TraceRebuildError extends Error {
  readonly diagnostic: Diagnostic;

  constructor(message: string) {
    super(message);
    this.name = 'TraceRebuildError';
    this.diagnostic = makeDiagnostic(EXP.TraceRebuildFailed, message, undefined, {
      hint: 'initialStates and successors must produce the same states, in any order, every time they are called',
    });
  }
}
