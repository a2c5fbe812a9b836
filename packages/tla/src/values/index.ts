/**
 * TLA+ values for the model checker: representation, TLC's order, equality, fingerprints, sets,
 * functions, printing and ITF. See `value.ts` for the representation.
 */
export * from './arith.js';
export { compare, equals, mvMember, normalizedElems, normalizeSet, sortUnique } from './compare.js';
export { EvalError, type EvalErrorKind, evalFail } from './errors.js';
export {
  fingerprint,
  fingerprintHex,
  fingerprintPair,
  fingerprintState,
  type StateValues,
  statesEqual,
} from './fingerprint.js';
export * from './functions.js';
export { findModelValue, internName, internNames, modelValue, resetInterning, str } from './intern.js';
export * from './itf.js';
export { prettyPrint, printState, printValue, quoteString, valueToString } from './print.js';
export * from './sets.js';
export * from './value.js';
