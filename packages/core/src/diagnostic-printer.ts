import type { Diagnostic, SourceSpan } from './diagnostic.js';
import { LineIndex } from './line-index.js';

/** Where the printer finds the text of a file named in a span (it may be absent: then no excerpt). */
export type SourceLookup = (file: string) => string | undefined;

export interface PrintOptions {
  /** ANSI colours, for terminals. */
  readonly color?: boolean;
  /** How file names are shown (e.g. relative to the user's folder). */
  readonly displayPath?: (file: string) => string;
}

const ansi = {
  red: (s: string) => `\x1b[31m${s}\x1b[0m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[0m`,
  blue: (s: string) => `\x1b[34m${s}\x1b[0m`,
  bold: (s: string) => `\x1b[1m${s}\x1b[0m`,
};

function location(span: SourceSpan, displayPath: (f: string) => string): string {
  return `${displayPath(span.file)}:${span.start.line}:${span.start.column}`;
}

/**
 * Renders the source line of a span with a caret (or a run of carets) under it:
 *
 *    12 | Inv == x' = 1
 *       |        ^
 */
function excerpt(span: SourceSpan, lines: LineIndex): string[] {
  const text = lines.lineText(span.start.line);
  const gutter = String(span.start.line);
  const pad = ' '.repeat(gutter.length);
  const expanded = text.replace(/\t/g, ' ');
  const startCol = Math.min(span.start.column, expanded.length + 1);
  const sameLine = span.end.line === span.start.line;
  const endCol = sameLine ? Math.max(span.end.column, startCol + 1) : expanded.length + 1;
  const width = Math.max(1, Math.min(endCol, expanded.length + 1) - startCol);
  return [`${gutter} | ${expanded}`, `${pad} | ${' '.repeat(startCol - 1)}${'^'.repeat(width)}`];
}

export function formatDiagnostic(
  diagnostic: Diagnostic,
  sources: SourceLookup,
  options: PrintOptions = {},
): string {
  const displayPath = options.displayPath ?? ((f: string) => f);
  const paint = options.color ? ansi : { red: id, yellow: id, blue: id, bold: id };
  const severity =
    diagnostic.severity === 'error'
      ? paint.red(`error[${diagnostic.code}]`)
      : diagnostic.severity === 'warning'
        ? paint.yellow(`warning[${diagnostic.code}]`)
        : paint.blue(`info[${diagnostic.code}]`);
  const out: string[] = [];
  const where = diagnostic.span ? `${location(diagnostic.span, displayPath)}: ` : '';
  out.push(`${where}${severity}: ${paint.bold(diagnostic.message)}`);
  const cache = new Map<string, LineIndex | undefined>();
  const indexOf = (file: string) => {
    if (!cache.has(file)) {
      const text = sources(file);
      cache.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return cache.get(file);
  };
  if (diagnostic.span) {
    const lines = indexOf(diagnostic.span.file);
    if (lines) out.push(...excerpt(diagnostic.span, lines).map((l) => `  ${l}`));
  }
  for (const related of diagnostic.related ?? []) {
    out.push(`  note: ${location(related.span, displayPath)}: ${related.message}`);
    const lines = indexOf(related.span.file);
    if (lines) out.push(...excerpt(related.span, lines).map((l) => `    ${l}`));
  }
  if (diagnostic.hint) out.push(`  hint: ${diagnostic.hint}`);
  return out.join('\n');
}

function id(s: string): string {
  return s;
}
