/**
 * Small pieces of TLC's plain-text layout (tlc2/output/MP.java, tlc2/TLC.java), written from their
 * documented output: timestamps, durations, thousands separators, locations, plurals.
 */
import type { SourceSpan } from '@modelcheck/core';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** TLC's timestamp, `yyyy-MM-dd HH:mm:ss` in local time. */
export function timestamp(date: Date = new Date()): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** TLC's human-readable run time: `03s`, `02min 05s`, `01h 02min`, `1d 03h`. */
export function duration(millis: number): string {
  const ms = Math.max(0, Math.floor(millis));
  const day = 86_400_000;
  const seconds = Math.floor(ms / 1000) % 60;
  const minutes = Math.floor(ms / 60_000) % 60;
  const hours = Math.floor(ms / 3_600_000) % 24;
  if (ms > day) return `${Math.floor(ms / day)}d ${pad2(hours)}h`;
  if (ms > 3_600_000) return `${pad2(hours)}h ${pad2(minutes)}min`;
  if (ms > 60_000) return `${pad2(minutes)}min ${pad2(seconds)}s`;
  return `${pad2(seconds)}s`;
}

/** TLC's `MP.format`: thousands separated by commas (`16,379`). */
export function grouped(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  const out = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${out}` : out;
}

/** `1 state` / `2 states`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * TLC's location text, `line 5, col 9 to line 5, col 24 of module M`: 1-based, the end column is
 * the last character (our spans end just after it).
 */
export function tlcLocation(span: SourceSpan, module: string): string {
  const end = inclusiveEnd(span);
  return `line ${span.start.line}, col ${span.start.column} to line ${end.line}, col ${end.column} of module ${module}`;
}

function inclusiveEnd(span: SourceSpan): { line: number; column: number } {
  if (span.end.line > span.start.line && span.end.column <= 1) return { line: span.end.line, column: 1 };
  return { line: span.end.line, column: Math.max(1, span.end.column - 1) };
}

/**
 * The probability that two distinct states shared a fingerprint, as TLC estimates it after a
 * successful run ("calculated (optimistic)"): distinct * (generated - distinct) / 2^64, printed with
 * two significant digits the way TLC prints it (`2.8E-14`, `0.0013`, `0.0`).
 */
export function collisionProbability(distinct: number, generated: number): string {
  const p = distinct * ((generated - distinct) / 2 ** 64);
  if (!(p > 0)) return '0.0';
  if (p >= 1e-3 && p < 1e7) {
    const text = p.toPrecision(2);
    return text.includes('.') || text.includes('e') ? text : `${text}.0`;
  }
  let exponent = Math.floor(Math.log10(p));
  let mantissa = p / 10 ** exponent;
  if (Number(mantissa.toFixed(1)) >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  return `${mantissa.toFixed(1)}E${exponent}`;
}
