import {
  type Diagnostic,
  LineIndex,
  makeDiagnostic,
  type SourcePosition,
  type SourceSpan,
} from '@modelcheck/core';
import { EOF as EOF_TYPE, type IToken, Lexer, type TokenType, tokenMatcher } from 'chevrotain';
import { TlaSyntaxCodes as Codes } from './diagnostic-codes.js';
import {
  BACKSLASH_TOKEN,
  BackslashWord,
  BasedNumber,
  BeginModule,
  BlockComment,
  DefBreak,
  DefEq,
  EndModule,
  Identifier,
  InfixOp,
  KEYWORDS,
  KW,
  LAngle,
  LBrace,
  LBracket,
  LeftArrow,
  LineComment,
  LParen,
  lexerTokens,
  PostfixOp,
  PrefixDeclOp,
  PrefixOp,
  RAngle,
  RAngleUnderscore,
  RBrace,
  RBracket,
  RBracketUnderscore,
  RParen,
  StringLit,
  UnterminatedString,
  unterminatedComments,
} from './tokens.js';

/** A chevrotain token with positions the parser and diagnostics need. */
export interface TlaToken extends IToken {
  /** Start position (1-based line and column, 0-based offset). */
  start: SourcePosition;
  /** Position just after the token. */
  end: SourcePosition;
  /**
   * Layout column used for bulleted lists: the 1-based column counting code points, with tabs
   * advancing to the next multiple of 8 (as SANY counts).
   */
  vcol: number;
  /** Whether no other token precedes this one on its line. */
  firstOnLine: boolean;
  /** For a token hidden by the offside rule of a bulleted list (the parser sees end of input): the real token. */
  offsideOf?: TlaToken;
  /** For a `DefBreak`: the first token of the definition. */
  defines?: TlaToken;
}

export interface LexResult {
  /** The tokens of the first module in the text (from its header to its `====`), or of the whole text. */
  readonly tokens: TlaToken[];
  readonly diagnostics: Diagnostic[];
  /** A token standing for the end of input (positioned after the last module token or the text). */
  readonly eof: TlaToken;
  readonly plusCal?: SourceSpan;
  readonly lines: LineIndex;
}

let lexerInstance: Lexer | undefined;

function lexer(): Lexer {
  lexerInstance ??= new Lexer(lexerTokens, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    skipValidations: true,
  });
  return lexerInstance;
}

/** Deeper bracket nesting is reported rather than risking the parser's stack. */
const MAX_NESTING = 200;

const MODULE_HEADER = /-{4,} *MODULE(?![A-Za-z0-9_])/;
const PLUSCAL = /--(?:fair\s+)?algorithm\b/;

function isSpecialChar(c: number): boolean {
  return c === 9 || (c >= 0xd800 && c <= 0xdbff);
}

/**
 * Splits TLA+ text into tokens. With `module: true`, text before the first `---- MODULE` line and
 * after the module's closing `====` is ignored (nested modules are followed to their own `====`).
 */
export function tokenize(text: string, file: string, options: { module: boolean }): LexResult {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const spanAt = (offset: number, length: number): SourceSpan => lines.span(file, offset, offset + length);

  let base = 0;
  if (options.module) {
    const header = MODULE_HEADER.exec(text);
    if (!header) {
      diagnostics.push(
        makeDiagnostic(
          Codes.missingModuleHeader,
          'No module header found: a TLA+ file must contain a line such as `---- MODULE Name ----`.',
          spanAt(0, 0),
          {
            hint: 'Add `---- MODULE Name ----` (Name being the file name without `.tla`) before the specification.',
          },
        ),
      );
      const eof = makeEof(lines, file, text.length);
      return { tokens: [], diagnostics, eof, lines };
    }
    base = header.index;
  }

  const source = base === 0 ? text : text.slice(base);
  unterminatedComments.length = 0;
  const result = lexer().tokenize(source);
  const unterminated = new Set(unterminatedComments.map((o) => o + base));

  // Find where the (root) module ends.
  const raw = result.tokens;
  let endIndex = raw.length; // exclusive
  let endOffset = text.length;
  let moduleClosed = !options.module;
  if (options.module) {
    let depth = 0;
    for (let i = 0; i < raw.length; i++) {
      const t = raw[i];
      if (t.tokenType === BeginModule) depth++;
      else if (t.tokenType === EndModule) {
        depth--;
        if (depth === 0) {
          endIndex = i + 1;
          endOffset = t.startOffset + t.image.length + base;
          moduleClosed = true;
          break;
        }
      }
    }
  }

  // Lexical errors inside the module.
  for (const error of result.errors) {
    const offset = error.offset + base;
    if (offset >= endOffset) continue;
    const ch = String.fromCodePoint(text.codePointAt(offset) ?? 63);
    diagnostics.push(
      makeDiagnostic(
        Codes.illegalCharacter,
        `Illegal character ${JSON.stringify(ch)}${describeChar(ch)}: it is not part of any TLA+ symbol.`,
        spanAt(offset, ch.length),
        { hint: 'Remove it, or put it inside a string or a comment.' },
      ),
    );
  }

  // Comments: unterminated ones, and PlusCal algorithms.
  let plusCal: SourceSpan | undefined;
  const comments = result.groups.comments ?? [];
  for (const c of comments) {
    const offset = c.startOffset + base;
    if (offset >= endOffset) break;
    if (unterminated.has(offset)) {
      diagnostics.push(
        makeDiagnostic(
          Codes.unterminatedComment,
          'This comment is never closed: `(*` has no matching `*)`.',
          spanAt(offset, 2),
          {
            hint: 'Add `*)` where the comment should end (comments nest, so every `(*` inside it needs its own `*)`).',
          },
        ),
      );
      continue;
    }
    if (plusCal === undefined && c.tokenType === BlockComment) {
      const m = PLUSCAL.exec(c.image);
      if (m) plusCal = spanAt(offset + m.index, m[0].length);
    } else if (plusCal === undefined && c.tokenType === LineComment) {
      const m = PLUSCAL.exec(c.image);
      if (m) plusCal = spanAt(offset + m.index, m[0].length);
    }
  }

  // Positions, re-typing, literal checks, bracket depth.
  const tokens: TlaToken[] = [];
  let depth = 0;
  let tooDeep = false;
  const special = new Map<number, boolean>();
  let lastLine = 0;
  for (let i = 0; i < endIndex; i++) {
    const t = raw[i] as TlaToken;
    const offset = t.startOffset + base;
    const length = t.image.length;
    t.startOffset = offset;
    t.endOffset = offset + length - 1;
    const start = lines.position(offset);
    t.start = start;
    t.end = { line: start.line, column: start.column + length, offset: offset + length };
    t.startLine = start.line;
    t.startColumn = start.column;
    t.endLine = start.line;
    t.endColumn = start.column + length - 1;
    t.firstOnLine = start.line !== lastLine;
    lastLine = start.line;
    t.vcol = start.column;
    let hasSpecial = special.get(start.line);
    if (hasSpecial === undefined) {
      hasSpecial = false;
      const lineStart = offset - start.column + 1;
      for (let k = lineStart; k < text.length; k++) {
        const c = text.charCodeAt(k);
        if (c === 10 || c === 13) break;
        if (isSpecialChar(c)) {
          hasSpecial = true;
          break;
        }
      }
      special.set(start.line, hasSpecial);
    }
    if (hasSpecial) t.vcol = layoutColumn(text, offset - start.column + 1, offset);

    const type = t.tokenType;
    if (type === Identifier) {
      const kw = KEYWORDS.get(t.image);
      if (kw) retype(t, kw);
    } else if (type === BackslashWord) {
      retype(t, BACKSLASH_TOKEN.get(t.image)!);
    } else if (type === UnterminatedString) {
      diagnostics.push(
        makeDiagnostic(
          Codes.unterminatedString,
          'This string is never closed: it needs a `"` before the end of the line.',
          spanAt(offset, 1),
          {
            hint: 'Strings cannot span lines; write `\\"` for a quote inside a string.',
          },
        ),
      );
    } else if (type === StringLit) {
      checkEscapes(t, spanAt, diagnostics);
    } else if (type === BasedNumber) {
      checkBasedNumber(t, spanAt, diagnostics);
    } else if (type === LParen || type === LBracket || type === LBrace || type === LAngle) {
      if (++depth > MAX_NESTING && !tooDeep) {
        tooDeep = true;
        diagnostics.push(
          makeDiagnostic(
            Codes.tooDeep,
            `Brackets are nested more than ${MAX_NESTING} deep here, which is more than the parser can handle.`,
            spanAt(offset, length),
            { hint: 'Split the expression into separate definitions.' },
          ),
        );
      }
    } else if (
      type === RParen ||
      type === RBracket ||
      type === RBrace ||
      type === RAngle ||
      type === RBracketUnderscore ||
      type === RAngleUnderscore
    ) {
      depth = Math.max(0, depth - 1);
    }
    tokens.push(t);
  }

  if (!moduleClosed && !diagnostics.some((d) => d.code === Codes.unterminatedComment)) {
    const header = tokens[0];
    diagnostics.push(
      makeDiagnostic(
        Codes.missingModuleEnd,
        'The module is never closed: the file ends without a `====` line.',
        lines.span(file, text.length, text.length),
        {
          hint: 'Add a line of four or more `=` at the end of the module.',
          related: header ? [{ span: spanOf(file, header), message: 'the module starts here' }] : [],
        },
      ),
    );
  }

  const last = tokens[tokens.length - 1];
  const eof = makeEof(lines, file, last ? last.endOffset! + 1 : text.length);
  return { tokens, diagnostics, eof, plusCal, lines };
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 32 || code > 126 ? ` (U+${code.toString(16).toUpperCase().padStart(4, '0')})` : '';
}

function layoutColumn(text: string, lineStart: number, offset: number): number {
  let col = 0;
  for (let k = lineStart; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (c === 9) col += 8 - (col % 8);
    else if (c >= 0xdc00 && c <= 0xdfff)
      continue; // low surrogate: same code point
    else col++;
  }
  return col + 1;
}

function retype(t: IToken, type: TokenType): void {
  t.tokenType = type;
  t.tokenTypeIdx = type.tokenTypeIdx!;
}

function checkEscapes(t: TlaToken, spanAt: (o: number, l: number) => SourceSpan, out: Diagnostic[]): void {
  const s = t.image;
  for (let i = 1; i < s.length - 1; i++) {
    if (s[i] !== '\\') continue;
    const e = s[i + 1];
    if (e === '"' || e === '\\' || e === 'n' || e === 't' || e === 'r' || e === 'f') {
      i++;
      continue;
    }
    out.push(
      makeDiagnostic(
        Codes.invalidEscape,
        `Invalid escape sequence \`\\${e}\` in a string.`,
        spanAt(t.startOffset + i, 2),
        {
          hint: 'The escapes are \\" \\\\ \\n \\t \\r \\f; write \\\\ for a backslash.',
        },
      ),
    );
    return;
  }
}

function checkBasedNumber(
  t: TlaToken,
  spanAt: (o: number, l: number) => SourceSpan,
  out: Diagnostic[],
): void {
  const kind = t.image[1].toLowerCase();
  const digits = t.image.slice(2);
  const valid = kind === 'b' ? /^[01]+$/ : kind === 'o' ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
  if (valid.test(digits)) return;
  const baseName = kind === 'b' ? 'binary' : kind === 'o' ? 'octal' : 'hexadecimal';
  const allowed = kind === 'b' ? '0 and 1' : kind === 'o' ? '0 to 7' : '0-9 and A-F';
  const badIndex = [...digits].findIndex((d) => !valid.test(d));
  out.push(
    makeDiagnostic(
      Codes.malformedNumber,
      `Malformed ${baseName} number \`${t.image}\`: the digit \`${digits[badIndex]}\` is not allowed (only ${allowed}).`,
      spanAt(t.startOffset, t.image.length),
      {
        hint: `Write a ${baseName} number with digits ${allowed}, or a decimal number without the \`${t.image.slice(0, 2)}\` prefix.`,
      },
    ),
  );
}

function makeEof(lines: LineIndex, file: string, offset: number): TlaToken {
  const pos = lines.position(offset);
  void file;
  return {
    image: '',
    startOffset: offset,
    endOffset: offset - 1,
    startLine: pos.line,
    startColumn: pos.column,
    endLine: pos.line,
    endColumn: pos.column,
    tokenType: EOF_TYPE,
    tokenTypeIdx: EOF_TYPE.tokenTypeIdx!,
    start: pos,
    end: pos,
    vcol: Number.NaN,
    firstOnLine: true,
  };
}

export function spanOf(file: string, t: TlaToken, last: TlaToken = t): SourceSpan {
  return { file, start: t.start, end: last.end };
}

// ---------------------------------------------------------------------------------------------
// Definition breaks (SANY's "belchDEF")
// ---------------------------------------------------------------------------------------------

function isOp(t: IToken): boolean {
  return (
    tokenMatcher(t, InfixOp) ||
    tokenMatcher(t, PrefixOp) ||
    tokenMatcher(t, PostfixOp) ||
    t.tokenType === PrefixDeclOp
  );
}

/**
 * Inserts a `DefBreak` token before the left-hand side of every definition (`Op == e`,
 * `Op(x) == e`, `f[x \in S] == e`, `a + b == e`, `-. a == e`, `a ^+ == e`), as SANY does. The
 * expression grammar never consumes a `DefBreak`, so an expression always ends where the next
 * definition begins, even when the definition's first tokens could continue the expression.
 * Named theorems and assumptions (`THEOREM T == ...`) get no break.
 */
export function insertDefBreaks(tokens: TlaToken[]): TlaToken[] {
  const starts = new Set<number>();
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].tokenType !== DefEq) continue;
    let s = i - 1;
    const prev = tokens[s];
    if (prev.tokenType === RParen || prev.tokenType === RBracket) {
      let depth = 1;
      let j = s - 1;
      // A left-hand side is short: give up on unbalanced brackets rather than scan the whole file.
      const limit = Math.max(0, s - 2000);
      for (; j >= limit; j--) {
        const tt = tokens[j].tokenType;
        if (tt === RParen || tt === RBracket || tt === RBracketUnderscore) depth++;
        else if (tt === LParen || tt === LBracket) {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j < limit) continue;
      s = j > 0 && tokens[j - 1].tokenType === Identifier ? j - 1 : j;
    } else if (prev.tokenType === Identifier) {
      const op = tokens[s - 1];
      if (op && isOp(op) && !tokenMatcher(op, PostfixOp)) {
        const before = tokens[s - 2];
        const infix = tokenMatcher(op, InfixOp);
        if (!infix || before?.tokenType === Identifier) {
          if (before?.tokenType === LeftArrow) {
            // `x <- a` of an INSTANCE substitution: leave s at the identifier.
          } else if (infix) s -= 2;
          else s -= 1;
        }
      }
    } else if (isOp(prev)) {
      s -= 1;
    }
    if (s < 0) continue;
    const before = tokens[s - 1];
    if (
      before &&
      (before.tokenType === KW.THEOREM ||
        before.tokenType === KW.ASSUME ||
        before.tokenType === KW.ASSUMPTION)
    ) {
      continue;
    }
    starts.add(s);
  }
  if (starts.size === 0) return tokens;
  const out: TlaToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (starts.has(i)) {
      const t = tokens[i];
      out.push({
        ...t,
        image: '',
        endOffset: t.startOffset - 1,
        end: t.start,
        tokenType: DefBreak,
        tokenTypeIdx: DefBreak.tokenTypeIdx!,
        defines: t,
      });
    }
    out.push(tokens[i]);
  }
  return out;
}
