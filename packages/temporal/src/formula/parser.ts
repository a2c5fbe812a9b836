import { type Diagnostic, LineIndex, makeDiagnostic } from '@modelcheck/core';
import { TemporalCodes } from '../diagnostic-codes.js';
import {
  type AtomFormula,
  type BinaryKind,
  type Formula,
  isOperatorRun,
  isReservedWord,
  type TextRange,
  type UnaryKind,
} from './ast.js';

/** What an atom hook reports when it recognises an atomic proposition. */
export interface AtomMatch {
  /** Offset just after the atom's text. */
  readonly end: number;
  /** The key the atom is bound by (e.g. the normalised predicate text). */
  readonly name: string;
  /** How to print the atom; by default the source text it was read from. */
  readonly text?: string;
  /** Anything the caller wants back later (a parsed expression). */
  readonly data?: unknown;
}

/** What an atom hook reports when the text is meant as an atom but is malformed. */
export interface AtomSyntaxError {
  readonly error: string;
  /** Where the problem is (offsets into the formula text); by default the hook's start offset. */
  readonly start?: number;
  readonly end?: number;
  readonly hint?: string;
}

/**
 * Reads an atomic proposition at `offset` (whitespace already skipped). Returns undefined when the
 * text there is not the hook's (the parser then tries its own atoms: identifiers and "quoted").
 * Called where a formula operand starts, after prefix operators have been read, so a hook does not
 * see `G`, `!` or `(` unless it asks for them.
 */
export type AtomParser = (text: string, offset: number) => AtomMatch | AtomSyntaxError | undefined;

export interface ParseOptions {
  /** File name for diagnostic spans (default `<formula>`). */
  readonly file?: string;
  readonly atoms?: AtomParser;
  /** Read identifiers and "quoted strings" as atoms by name when the hook declines (default true). */
  readonly defaultAtoms?: boolean;
}

export interface ParseResult {
  /** Present when there are no errors. */
  readonly formula?: Formula;
  readonly diagnostics: readonly Diagnostic[];
}

const MAX_DEPTH = 400;

class ParseFailure extends Error {}

/** Binary operator spellings, longest first within each family so `<->` wins over `<>`. */
const IFF_OPS = ['<->', '<=>', '\u2194', '\u21d4'];
const IMPLIES_OPS = ['->', '=>', '\u2192', '\u21d2'];
const LEADS_TO_OPS = ['~>', '\u219d'];
const OR_OPS = ['||', '\\/', '|', '\u2228'];
const AND_OPS = ['&&', '/\\', '&', '\u2227'];
const NOT_OPS = ['!', '\u00ac'];
const UNARY_SYMBOLS: readonly [string, UnaryKind][] = [
  ['[]', 'globally'],
  ['<>', 'finally'],
  ['\u25a1', 'globally'],
  ['\u25c7', 'finally'],
  ['\u25cb', 'next'],
  ['\u25ef', 'next'],
];
const WORD_UNARY: Record<string, UnaryKind> = {
  X: 'next',
  F: 'finally',
  G: 'globally',
  A: 'all',
  E: 'exists',
};
const WORD_BINARY: Record<string, BinaryKind> = { U: 'until', R: 'release', W: 'weak-until' };

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

/**
 * Parses a CTL/LTL formula. Precedence, loosest first: `<->`; `->` and `~>` (right-associative);
 * `|`; `&`; `U R W` (right-associative); prefix operators (`! X F G A E [] <>`), which bind
 * tightest, so `F p U q` is `(F p) U q` as in Spot and in the MCC's formula texts.
 */
export function parseFormula(text: string, options: ParseOptions = {}): ParseResult {
  const parser = new Parser(text, options);
  return parser.run();
}

class Parser {
  private pos = 0;
  private depth = 0;
  private readonly diagnostics: Diagnostic[] = [];
  private lines: LineIndex | undefined;
  private readonly file: string;
  private readonly hook: AtomParser | undefined;
  private readonly defaultAtoms: boolean;

  constructor(
    private readonly text: string,
    options: ParseOptions,
  ) {
    this.file = options.file ?? '<formula>';
    this.hook = options.atoms;
    this.defaultAtoms = options.defaultAtoms ?? true;
  }

  run(): ParseResult {
    try {
      this.skip();
      if (this.pos >= this.text.length) {
        this.fail(TemporalCodes.emptyFormula, 'the formula is empty', this.pos, this.pos, {
          hint: 'write a formula such as G (p -> F q) or AG EF p',
        });
      }
      const formula = this.parseIff();
      this.skip();
      if (this.pos < this.text.length) {
        const closing = this.text[this.pos];
        if (closing === ')' || closing === ']') {
          this.fail(TemporalCodes.trailingText, `unmatched '${closing}'`, this.pos, this.pos + 1);
        }
        this.fail(
          TemporalCodes.trailingText,
          `unexpected ${this.describeHere()} after a complete formula`,
          this.pos,
          this.tokenEnd(),
          { hint: 'join formulas with an operator such as &, | or ->' },
        );
      }
      return { formula, diagnostics: [] };
    } catch (error) {
      if (error instanceof ParseFailure) return { diagnostics: this.diagnostics };
      throw error;
    }
  }

  // ---- precedence levels -------------------------------------------------------------------

  private parseIff(): Formula {
    const start = this.startOfOperand();
    let left = this.parseImplies();
    for (;;) {
      const op = this.matchSymbol(IFF_OPS);
      if (!op) return left;
      const right = this.parseImplies();
      left = { kind: 'iff', left, right, range: this.range(start) };
    }
  }

  private parseImplies(): Formula {
    const start = this.startOfOperand();
    const left = this.parseOr();
    if (this.matchSymbol(IMPLIES_OPS)) {
      const right = this.nested(() => this.parseImplies());
      return { kind: 'implies', left, right, range: this.range(start) };
    }
    if (this.matchSymbol(LEADS_TO_OPS)) {
      // TLA+'s leads-to: p ~> q is [](p => <>q).
      const right = this.nested(() => this.parseImplies());
      const range = this.range(start);
      return {
        kind: 'globally',
        arg: { kind: 'implies', left, right: { kind: 'finally', arg: right, range: right.range }, range },
        range,
      };
    }
    return left;
  }

  private parseOr(): Formula {
    const start = this.startOfOperand();
    let left = this.parseAnd();
    while (this.matchSymbol(OR_OPS)) {
      const right = this.parseAnd();
      left = { kind: 'or', left, right, range: this.range(start) };
    }
    return left;
  }

  private parseAnd(): Formula {
    const start = this.startOfOperand();
    let left = this.parseTemporal();
    while (this.matchSymbol(AND_OPS)) {
      const right = this.parseTemporal();
      left = { kind: 'and', left, right, range: this.range(start) };
    }
    return left;
  }

  private parseTemporal(): Formula {
    const start = this.startOfOperand();
    const left = this.parseUnary();
    const kind = this.matchBinaryWord();
    if (!kind) return left;
    const right = this.nested(() => this.parseTemporal());
    return { kind, left, right, range: this.range(start) };
  }

  private parseUnary(): Formula {
    this.skip();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === undefined) {
      this.fail(TemporalCodes.expectedFormula, 'the formula ends where an operand is expected', start, start);
    }
    if (this.matchSymbol(NOT_OPS) || (c === '~' && this.text[this.pos + 1] !== '>' && this.advance(1))) {
      const arg = this.nested(() => this.parseUnary());
      return { kind: 'not', arg, range: this.range(start) };
    }
    for (const [symbol, kind] of UNARY_SYMBOLS) {
      if (this.text.startsWith(symbol, this.pos)) {
        this.pos += symbol.length;
        const arg = this.nested(() => this.parseUnary());
        return { kind, arg, range: this.range(start) };
      }
    }
    if (c !== undefined && IDENT_START.test(c)) {
      const word = this.wordAt(this.pos);
      if (isOperatorRun(word)) {
        // `AG` is `A G`: read one letter and let the rest be read as the next operator.
        const kind = WORD_UNARY[word[0]];
        this.pos += 1;
        if (kind === 'all' || kind === 'exists') return this.parseQuantified(kind, start);
        const arg = this.nested(() => this.parseUnary());
        return { kind, arg, range: this.range(start) };
      }
    }
    return this.parsePrimary();
  }

  /** After `A`/`E`: either CTL's bracket form `A[p U q]` or any prefix-level formula (`A (p U q)`, `AG p`). */
  private parseQuantified(kind: 'all' | 'exists', start: number): Formula {
    this.skip();
    if (this.text[this.pos] === '[' && this.text[this.pos + 1] !== ']') {
      const open = this.pos;
      this.pos += 1;
      const body = this.nested(() => this.parseIff());
      this.expectClose(']', open);
      if (body.kind !== 'until' && body.kind !== 'release' && body.kind !== 'weak-until') {
        this.fail(
          TemporalCodes.bracketWithoutBinaryOperator,
          `${kind === 'all' ? 'A' : 'E'}[...] must contain a U, R or W formula`,
          open,
          this.pos,
          {
            hint: `write ${kind === 'all' ? 'A' : 'E'}[p U q], or ${kind === 'all' ? 'A' : 'E'} (...) for other path formulas`,
          },
        );
      }
      return { kind, arg: body, range: this.range(start) };
    }
    const arg = this.nested(() => this.parseUnary());
    return { kind, arg, range: this.range(start) };
  }

  private parsePrimary(): Formula {
    this.skip();
    const start = this.pos;
    if (this.hook) {
      const match = this.hook(this.text, start);
      if (match) {
        if ('error' in match) {
          const s = match.start ?? start;
          const e = match.end ?? Math.max(s + 1, this.tokenEnd());
          this.fail(TemporalCodes.badAtom, match.error, s, e, match.hint ? { hint: match.hint } : {});
        } else {
          if (!(match.end > start && match.end <= this.text.length)) {
            throw new Error(`atom hook returned end ${match.end} at offset ${start}`);
          }
          this.pos = match.end;
          const atom: AtomFormula = {
            kind: 'atom',
            name: match.name,
            text: match.text ?? this.text.slice(start, match.end),
            ...(match.data !== undefined ? { data: match.data } : {}),
            range: { start, end: match.end },
          };
          return atom;
        }
      }
    }
    const c = this.text[this.pos];
    if (c === '(') {
      this.pos += 1;
      const inner = this.nested(() => this.parseIff());
      this.expectClose(')', start);
      return inner;
    }
    if (c !== undefined && IDENT_START.test(c)) {
      const word = this.wordAt(this.pos);
      if (word === 'true' || word === 'TRUE' || word === 'false' || word === 'FALSE') {
        this.pos += word.length;
        return { kind: word.toLowerCase() as 'true' | 'false', range: this.range(start) };
      }
      if (isReservedWord(word)) {
        this.fail(
          TemporalCodes.expectedFormula,
          `'${word}' is an operator, but an operand is expected here`,
          start,
          start + word.length,
          {
            hint: `an atom named ${word} must be quoted: "${word}"`,
          },
        );
      }
      if (this.defaultAtoms) {
        this.pos += word.length;
        return { kind: 'atom', name: word, text: word, range: this.range(start) };
      }
    }
    if (c === '"' && this.defaultAtoms) return this.parseQuoted();
    if (c === undefined) {
      this.fail(TemporalCodes.expectedFormula, 'the formula ends where an operand is expected', start, start);
    }
    if (c === ')' || c === ']') {
      this.fail(TemporalCodes.expectedFormula, `expected an operand before '${c}'`, start, start + 1);
    }
    const isOperator = this.looksLikeBinaryOperator();
    this.fail(
      isOperator ? TemporalCodes.expectedFormula : TemporalCodes.unexpectedCharacter,
      isOperator
        ? `expected an operand before ${this.describeHere()}`
        : `unexpected ${this.describeHere()}; expected an atomic proposition, '(' or a prefix operator`,
      start,
      this.tokenEnd(),
    );
  }

  private parseQuoted(): Formula {
    const start = this.pos;
    let i = start + 1;
    let name = '';
    while (i < this.text.length && this.text[i] !== '"') {
      if (this.text[i] === '\\' && i + 1 < this.text.length) {
        name += this.text[i + 1];
        i += 2;
      } else {
        if (this.text[i] === '\n') break;
        name += this.text[i];
        i += 1;
      }
    }
    if (this.text[i] !== '"') {
      this.fail(TemporalCodes.unterminatedString, 'this quoted atom has no closing "', start, i);
    }
    this.pos = i + 1;
    return { kind: 'atom', name, text: this.text.slice(start, this.pos), range: this.range(start) };
  }

  // ---- scanning ----------------------------------------------------------------------------

  private skip(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  private advance(n: number): boolean {
    this.pos += n;
    return true;
  }

  private startOfOperand(): number {
    this.skip();
    return this.pos;
  }

  private wordAt(offset: number): string {
    let end = offset;
    while (end < this.text.length && IDENT_PART.test(this.text[end])) end++;
    return this.text.slice(offset, end);
  }

  private matchSymbol(ops: readonly string[]): string | undefined {
    this.skip();
    for (const op of ops) {
      if (this.text.startsWith(op, this.pos)) {
        // `|` must not eat the first half of `||`, nor `-` of `->` a `-` of `<->` (longest first above).
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }

  private matchBinaryWord(): BinaryKind | undefined {
    this.skip();
    const c = this.text[this.pos];
    if (c === undefined || !IDENT_START.test(c)) return undefined;
    const word = this.wordAt(this.pos);
    const kind = WORD_BINARY[word];
    if (!kind) return undefined;
    this.pos += word.length;
    return kind;
  }

  private looksLikeBinaryOperator(): boolean {
    for (const ops of [IFF_OPS, IMPLIES_OPS, LEADS_TO_OPS, OR_OPS, AND_OPS]) {
      for (const op of ops) if (this.text.startsWith(op, this.pos)) return true;
    }
    const w = this.wordAt(this.pos);
    return w in WORD_BINARY;
  }

  private tokenEnd(): number {
    const c = this.text[this.pos];
    if (c !== undefined && IDENT_PART.test(c)) return this.pos + Math.max(1, this.wordAt(this.pos).length);
    return Math.min(this.text.length, this.pos + 1);
  }

  private describeHere(): string {
    const c = this.text[this.pos];
    if (c === undefined) return 'end of formula';
    if (IDENT_PART.test(c)) return `'${this.wordAt(this.pos)}'`;
    return `'${c}'`;
  }

  private expectClose(close: ')' | ']', openAt: number): void {
    this.skip();
    if (this.text[this.pos] === close) {
      this.pos += 1;
      return;
    }
    const open = close === ')' ? '(' : '[';
    const what = this.pos >= this.text.length ? 'the end of the formula' : this.describeHere();
    this.fail(
      TemporalCodes.unclosedGroup,
      `expected '${close}' to close the '${open}', found ${what}`,
      this.pos,
      this.tokenEnd(),
      {
        related: [{ span: this.span(openAt, openAt + 1), message: `the '${open}' opened here` }],
      },
    );
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) {
      this.fail(
        TemporalCodes.tooDeep,
        `the formula nests deeper than ${MAX_DEPTH} levels`,
        this.pos,
        this.pos + 1,
      );
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private range(start: number): TextRange {
    return { start, end: this.pos };
  }

  private span(start: number, end: number) {
    if (!this.lines) this.lines = new LineIndex(this.text);
    return this.lines.span(this.file, start, end);
  }

  private fail(
    code: string,
    message: string,
    start: number,
    end: number,
    extra: { hint?: string; related?: { span: ReturnType<Parser['span']>; message: string }[] } = {},
  ): never {
    this.diagnostics.push(makeDiagnostic(code, message, this.span(start, Math.max(start, end)), extra));
    throw new ParseFailure(message);
  }
}
