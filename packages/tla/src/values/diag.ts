import { type EvalErrorKind, evalFail } from './errors.js';
import { printValue } from './print.js';
import type { Value } from './value.js';

/** Throws an `EvalError` with TLC's text. */
export function fail(message: string, kind: EvalErrorKind = 'other'): never {
  return evalFail(message, kind);
}

/** A value as TLC shows it inside error messages (`Values.ppr(v.toString())`); never throws. */
export function ppr(v: Value): string {
  try {
    return printValue(v);
  } catch {
    return '<value>';
  }
}
