import { describe, expect, it } from 'vitest';
import { closestNames, formatDiagnostic, LineIndex, makeDiagnostic } from '../src/index.js';

describe('formatDiagnostic', () => {
  it('shows the source line with carets under the span', () => {
    const text = "line one\nInv == x' = 1\n";
    const lines = new LineIndex(text);
    const start = text.indexOf("x'");
    const d = makeDiagnostic(
      'TLA301',
      'primed variable in an invariant',
      lines.span('a.tla', start, start + 2),
      {
        hint: 'an invariant is a state predicate',
      },
    );
    expect(formatDiagnostic(d, () => text)).toBe(
      [
        'a.tla:2:8: error[TLA301]: primed variable in an invariant',
        "  2 | Inv == x' = 1",
        '    |        ^^',
        '  hint: an invariant is a state predicate',
      ].join('\n'),
    );
  });

  it('prints without an excerpt when the file text is unknown', () => {
    const lines = new LineIndex('abc');
    const d = makeDiagnostic('X1', 'oops', lines.span('gone.tla', 1, 2));
    expect(formatDiagnostic(d, () => undefined)).toBe('gone.tla:1:2: error[X1]: oops');
  });
});

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns across \\n and \\r\\n', () => {
    const lines = new LineIndex('ab\r\ncd\nef');
    expect(lines.position(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(lines.position(4)).toEqual({ line: 2, column: 1, offset: 4 });
    expect(lines.position(8)).toEqual({ line: 3, column: 2, offset: 8 });
    expect(lines.lineText(1)).toBe('ab');
    expect(lines.lineText(3)).toBe('ef');
  });
});

describe('closestNames', () => {
  it('suggests near misses and nothing for far ones', () => {
    expect(closestNames('TypOK', ['TypeOK', 'Init', 'Next'])).toEqual(['TypeOK']);
    expect(closestNames('Zzzzzz', ['TypeOK', 'Init'])).toEqual([]);
  });
});
