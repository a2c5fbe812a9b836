import type { SourcePosition, SourceSpan } from './diagnostic.js';

/**
 * Maps offsets to 1-based line/column positions in one text. Built once per file so that
 * phases can store plain offsets and turn them into positions only when they report.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.lineStarts[lo] + 1, offset: clamped };
  }

  span(file: string, startOffset: number, endOffset: number): SourceSpan {
    return { file, start: this.position(startOffset), end: this.position(endOffset) };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    if (line < 1 || line > this.lineStarts.length) return '';
    const start = this.lineStarts[line - 1];
    const next = line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}
