import type { SourceSpan } from '@modelcheck/core';

/**
 * An evaluation error, worded as TLC words it (e.g. `Attempted to apply function:\n<f>\nto argument
 * <x>, which is not in the domain of the function.`). The value layer throws it without a span;
 * the evaluator may catch it and rethrow with `withSpan`, or pass a span up front.
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the API's name for TLA+ evaluation errors (import it explicitly)
export class EvalError extends Error {
  /** Where the failing expression is, when known. */
  span: SourceSpan | undefined;
  /** A short machine-readable kind (e.g. `not-in-domain`, `overflow`), stable across releases. */
  readonly kind: EvalErrorKind;

  constructor(message: string, kind: EvalErrorKind = 'other', span?: SourceSpan) {
    super(message);
    this.name = 'EvalError';
    this.kind = kind;
    this.span = span;
  }

  /**
   * Locates the error at `span` unless it already has a location (the innermost expression wins);
   * returns the same error object, so subclasses and the stack are kept.
   */
  withSpan(span: SourceSpan | undefined): this {
    if (this.span === undefined && span !== undefined) this.span = span;
    return this;
  }
}

/** Families of evaluation errors (the message carries TLC's exact text). */
export type EvalErrorKind =
  | 'overflow'
  | 'division-by-zero'
  | 'compare'
  | 'equality'
  | 'membership'
  | 'not-in-domain'
  | 'apply'
  | 'record-field'
  | 'except'
  | 'not-enumerable'
  | 'infinite'
  | 'type'
  | 'sequence'
  | 'duplicate-field'
  | 'too-large'
  | 'other';

/** Throws an `EvalError`; typed `never` so it can end expressions. */
export function evalFail(message: string, kind: EvalErrorKind = 'other'): never {
  throw new EvalError(message, kind);
}
