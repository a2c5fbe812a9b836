import type { Diagnostic } from '@modelcheck/core';
import { analyzeSpec, type CheckedSpec, memoryHost } from '../../src/index.js';

/** Analyzes in-memory modules; the root is `/spec/<first file>`. */
export function analyzeFiles(files: Record<string, string>): CheckedSpec {
  const entries = Object.entries(files).map(([name, text]) => [`/spec/${name}`, text] as const);
  return analyzeSpec(entries[0][0], { host: memoryHost(new Map(entries)) });
}

export function errors(spec: CheckedSpec): Diagnostic[] {
  return spec.diagnostics.filter((d) => d.severity === 'error');
}

/** `code@line:column` of each error, for compact exact assertions. */
export function errorKeys(spec: CheckedSpec): string[] {
  return errors(spec).map((d) => `${d.code}@${d.span?.start.line}:${d.span?.start.column}`);
}

/** A module named Main with the given body lines. */
export function main(...lines: string[]): string {
  return ['---- MODULE Main ----', ...lines, '===='].join('\n');
}
