import type { Diagnostic } from '@modelcheck/core';
import { type FileDiagnostic, projectFileOf } from './protocol.js';

/** Diagnostics with the project file each points into (none for standard modules or no span). */
export function tagged(diagnostics: readonly Diagnostic[]): FileDiagnostic[] {
  return diagnostics.map((d) => ({ file: d.span ? projectFileOf(d.span.file) : undefined, diagnostic: d }));
}
