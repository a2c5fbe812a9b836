/**
 * Integer arithmetic with TLC's 32-bit semantics and error texts (tlc2/module/Naturals.java,
 * Integers.java): results outside [-2^31, 2^31 - 1] are `Overflow when computing a+b`; `\div`
 * rounds toward negative infinity; `%` needs a positive divisor and is never negative.
 */
import { fail, ppr } from './diag.js';
import { IntervalValue, type Value } from './value.js';

export const INT_MIN = -2147483648;
export const INT_MAX = 2147483647;

/** Whether `x` is a TLC integer (a JS number in 32-bit signed range). */
export function isInt32(x: number): boolean {
  return (x | 0) === x;
}

/** Checks that a literal or computed integer fits TLC's range. */
export function checkInt(x: number, what: string): number {
  if ((x | 0) !== x) fail(`Overflow when computing ${what}`, 'overflow');
  return x;
}

/** `a + b`. */
export function intAdd(a: number, b: number): number {
  const r = a + b;
  if ((r | 0) !== r) fail(`Overflow when computing ${a}+${b}`, 'overflow');
  return r;
}

/** `a - b`. */
export function intSub(a: number, b: number): number {
  const r = a - b;
  if ((r | 0) !== r) fail(`Overflow when computing ${a}-${b}`, 'overflow');
  return r;
}

/** `a * b`. */
export function intMul(a: number, b: number): number {
  const r = a * b;
  if ((r | 0) !== r) {
    // Exact products beyond 2^53 are still far outside 32 bits, so the test above is sound.
    fail(`Overflow when computing ${a}*${b}`, 'overflow');
  }
  return r === 0 ? 0 : r; // no -0
}

/** `-a`. */
export function intNeg(a: number): number {
  if (a === INT_MIN) fail('Overflow when computing --2147483648', 'overflow');
  return a === 0 ? 0 : -a;
}

/** `a \div b` (floor division). */
export function intDiv(a: number, b: number): number {
  if (b === 0) fail('The second argument of \\div is 0.', 'division-by-zero');
  if (a === INT_MIN && b === -1) fail('Overflow when computing -2147483648 \\div -1', 'overflow');
  const q = Math.floor(a / b);
  return q === 0 ? 0 : q;
}

/** `a % b` (b > 0; result in 0..b-1). */
export function intMod(a: number, b: number): number {
  if (b <= 0) {
    fail(
      `The second argument of % should be a positive number, but instead it is:\n${b}`,
      'division-by-zero',
    );
  }
  const r = a % b;
  return r < 0 ? r + b : r === 0 ? 0 : r;
}

/** `a ^ b` (b >= 0, 0^0 undefined). */
export function intPow(a: number, b: number): number {
  if (b < 0) fail(`The second argument of ^ should be a natural number, but instead it is:\n${b}`, 'type');
  if (b === 0) {
    if (a === 0) fail('0^0 is undefined.', 'other');
    return 1;
  }
  if (a === 0 || a === 1) return a;
  if (a === -1) return b % 2 === 0 ? 1 : -1;
  let r = a;
  for (let i = 1; i < b; i++) {
    r *= a;
    if (r < INT_MIN || r > INT_MAX) fail(`Overflow when computing ${a}^${b}`, 'overflow');
  }
  return r;
}

/** `a..b`. */
export function intRange(a: number, b: number): IntervalValue {
  return new IntervalValue(a, b);
}

function intArg(v: Value, which: 'first' | 'second', op: string): number {
  if (typeof v !== 'number') {
    fail(`The ${which} argument of ${op} should be an integer, but instead it is:\n${ppr(v)}`, 'type');
  }
  return v;
}

/** An integer operand of a Naturals/Integers operator, or TLC's error (`The first argument of + should be an integer ...`). */
export function expectInt(v: Value, which: 'first' | 'second', op: string): number {
  return typeof v === 'number' ? v : intArg(v, which, op);
}

/** `a < b` with TLC's argument errors. */
export function intLt(a: Value, b: Value): boolean {
  return intArg(a, 'first', '<') < intArg(b, 'second', '<');
}

/** `a <= b` (`=<`, `\leq`). */
export function intLe(a: Value, b: Value): boolean {
  return intArg(a, 'first', '<=') <= intArg(b, 'second', '<=');
}

/** `a > b`. */
export function intGt(a: Value, b: Value): boolean {
  return intArg(a, 'first', '>') > intArg(b, 'second', '>');
}

/** `a >= b` (TLC's message says `>` here too). */
export function intGe(a: Value, b: Value): boolean {
  return intArg(a, 'first', '>') >= intArg(b, 'second', '>');
}
