/**
 * A position in a source file. Lines and columns are 1-based, as editors and TLC show them;
 * `offset` is the 0-based UTF-16 index, for tools that slice the text.
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A half-open range of text in one file: `end` is the position just after the last character. */
export interface SourceSpan {
  readonly file: string;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

export type Severity = 'error' | 'warning' | 'info';

/** A second place that helps explain a diagnostic ("first defined here"). */
export interface RelatedSpan {
  readonly span: SourceSpan;
  readonly message: string;
}

/**
 * Every problem a user can act on. `code` is stable across releases (e.g. `TLA101`), so that
 * scripts, docs and tests can refer to it; `message` says what is wrong, `hint` what to do.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: SourceSpan;
  readonly related?: readonly RelatedSpan[];
  readonly hint?: string;
}

export function makeDiagnostic(
  code: string,
  message: string,
  span?: SourceSpan,
  extra: { severity?: Severity; hint?: string; related?: readonly RelatedSpan[] } = {},
): Diagnostic {
  const diagnostic: {
    code: string;
    severity: Severity;
    message: string;
    span?: SourceSpan;
    related?: readonly RelatedSpan[];
    hint?: string;
  } = { code, severity: extra.severity ?? 'error', message };
  if (span) diagnostic.span = span;
  if (extra.related && extra.related.length > 0) diagnostic.related = extra.related;
  if (extra.hint) diagnostic.hint = extra.hint;
  return diagnostic;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, then position, so output is stable whatever order phases found them in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.span?.file ?? '';
    const fb = b.span?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    return (a.span?.start.offset ?? -1) - (b.span?.start.offset ?? -1);
  });
}
