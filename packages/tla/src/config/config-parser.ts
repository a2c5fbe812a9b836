/**
 * Lexer and parser of TLC model configuration files (`.cfg`).
 *
 * Why hand-written rather than chevrotain: the language is a dozen keywords, names and a tiny
 * value grammar, but the mistakes people make in it are specific (`==` for `=`, commas between
 * invariant names, `<<1, 2>>` or `1..3` as values, `F(_) <- G`, a forgotten `}` or `CONSTANT`, a
 * misspelt keyword). A recursive-descent parser over a flat token list can look at the shape of
 * what follows, and at line breaks, to name the actual mistake at the actual token and to resume
 * at the next entry or keyword, where a generated parser would say "expecting one of ..." and
 * need the same special cases bolted on. It also keeps line-break sensitivity (entries may omit
 * separators) out of the grammar, where it does not belong.
 *
 * What is accepted follows TLC's `tlc2.tool.impl.ModelConfig` and the TLA+ tokenizer it uses:
 * `\*` and nested `(* *)` comments; TLA+ identifiers (letters, digits, `_`, at least one letter);
 * keywords are case-sensitive; values are decimal integers, strings, TRUE/FALSE, identifiers
 * (model values) and `{...}` sets of values; `CONSTANT` entries are `N = v`, `F(v, ...) = v`,
 * `N = [Mod] v`, `N <- Op`, `N <- [Mod] Op`, with `A!B` allowed as a left side. Where TLC would
 * silently do something surprising (it treats `-1` as the model value `-` followed by junk, stops
 * reading at an illegal character, takes `,` as an invariant name), this parser reports it.
 */
import { closestNames, type Diagnostic, LineIndex, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import {
  type CheckDeadlockSection,
  CONFIG_KEYWORDS,
  type ConfigFile,
  type ConfigKeyword,
  type ConfigKeywordToken,
  type ConfigName,
  type ConfigSection,
  type ConfigSet,
  type ConfigValue,
  type ConstantEntry,
  type ConstantsSection,
  NAME_ROLES,
  type NameRole,
  type NamesKeyword,
  type NamesSection,
  SINGLE_NAME_ROLES,
} from './config-ast.js';
import { CFG, CONFIG_DIAGNOSTIC_CODES, type ConfigDiagnosticCode } from './diagnostic-codes.js';

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'op' | 'eof';

interface Token {
  readonly kind: TokenKind;
  /** The text; for punctuation the ASCII spelling (`←` is `<-`). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  /** No other token precedes it on its line. */
  readonly firstOnLine: boolean;
  /** Strings: the value with escapes resolved, and the text between the quotes. */
  readonly value?: string;
  readonly raw?: string;
  /** Numbers written `\b101`, `\o17`, `\h1F`. */
  readonly radix?: 2 | 8 | 16;
}

const KEYWORDS: ReadonlySet<string> = new Set(CONFIG_KEYWORDS);
/** Keywords offered in did-you-mean hints (not TLC's experimental `_` ones). */
const PUBLIC_KEYWORDS = CONFIG_KEYWORDS.filter((k) => !k.startsWith('_'));

const OP_CHARS = new Set("~@#$%^&*+|<>/?:.'\\-=".split(''));
const SINGLE_PUNCT = new Set(['{', '}', '(', ')', '[', ']', ',', '!']);

function isWordChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
}

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

class Lexer {
  readonly tokens: Token[] = [];
  private pos = 0;
  private newlineSeen = true;

  constructor(
    private readonly text: string,
    private readonly report: (
      code: ConfigDiagnosticCode,
      message: string,
      start: number,
      end: number,
      hint?: string,
    ) => void,
    private readonly lines: LineIndex,
  ) {}

  run(): Token[] {
    const text = this.text;
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '\n' || c === '\r') {
        this.newlineSeen = true;
        this.pos++;
      } else if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
        this.pos++;
      } else if (c === '\\' && text[this.pos + 1] === '*') {
        this.lineComment();
      } else if (c === '(' && text[this.pos + 1] === '*') {
        this.blockComment();
      } else if (c === '"') {
        this.string();
      } else if (isWordChar(c)) {
        this.word();
      } else if (c === '\\') {
        this.backslash();
      } else {
        this.symbol();
      }
    }
    this.tokens.push({
      kind: 'eof',
      text: '',
      start: text.length,
      end: text.length,
      line: this.lines.position(text.length).line,
      firstOnLine: this.newlineSeen,
    });
    return this.tokens;
  }

  private push(kind: TokenKind, text: string, start: number, end: number, extra: Partial<Token> = {}): void {
    this.tokens.push({
      kind,
      text,
      start,
      end,
      line: this.lines.position(start).line,
      firstOnLine: this.newlineSeen,
      ...extra,
    });
    this.newlineSeen = false;
  }

  private lineComment(): void {
    const text = this.text;
    while (this.pos < text.length && text[this.pos] !== '\n' && text[this.pos] !== '\r') this.pos++;
  }

  private blockComment(): void {
    const text = this.text;
    const open = this.pos;
    let depth = 0;
    while (this.pos < text.length) {
      if (text[this.pos] === '(' && text[this.pos + 1] === '*') {
        depth++;
        this.pos += 2;
      } else if (text[this.pos] === '*' && text[this.pos + 1] === ')') {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else {
        if (text[this.pos] === '\n' || text[this.pos] === '\r') this.newlineSeen = true;
        this.pos++;
      }
    }
    this.report(
      CFG.UnterminatedComment,
      depth > 1
        ? `This comment is not closed: ${depth} nested \`(*\` still lack their \`*)\` at the end of the file.`
        : 'This comment is not closed: `(*` has no matching `*)` before the end of the file.',
      open,
      open + 2,
      'close it with `*)`; comments nest, so every `(*` inside needs its own `*)`',
    );
  }

  private string(): void {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    let value = '';
    let rawEnd = -1;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '"') {
        rawEnd = this.pos;
        this.pos++;
        break;
      }
      if (c === '\n' || c === '\r') break;
      if (c === '\\') {
        const e = text[this.pos + 1];
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', '\\': '\\', '"': '"' };
        if (e !== undefined && e in escapes) {
          value += escapes[e];
          this.pos += 2;
          continue;
        }
        if (e === undefined || e === '\n' || e === '\r') {
          value += '\\';
          this.pos++;
          continue;
        }
        this.report(
          CFG.InvalidEscape,
          `\`\\${e}\` is not an escape sequence TLA+ knows.`,
          this.pos,
          this.pos + 2,
          'the escapes are \\" \\\\ \\n \\t \\r \\f; write \\\\ for a backslash',
        );
        value += `\\${e}`;
        this.pos += 2;
        continue;
      }
      value += c;
      this.pos++;
    }
    if (rawEnd < 0) {
      rawEnd = this.pos;
      this.report(
        CFG.UnterminatedString,
        'This string is not closed: `"` has no matching `"` on its line.',
        start,
        this.pos,
        'strings cannot span lines; close it with `"`',
      );
    }
    this.push('string', text.slice(start, this.pos), start, this.pos, {
      value,
      raw: text.slice(start + 1, rawEnd),
    });
  }

  private word(): void {
    const text = this.text;
    const start = this.pos;
    let letter = false;
    while (this.pos < text.length && isWordChar(text[this.pos])) {
      if (isLetter(text[this.pos])) letter = true;
      this.pos++;
    }
    const word = text.slice(start, this.pos);
    if (letter) this.push('ident', word, start, this.pos);
    else if (/^[0-9]+$/.test(word)) this.push('number', word, start, this.pos);
    else this.push('op', word, start, this.pos); // `_`, `__`, `_1`: not names
  }

  /** `\b101`, `\o17`, `\h1F` (numbers), `\in`, `\cup`, ... (operators), `\` alone. */
  private backslash(): void {
    const text = this.text;
    const start = this.pos;
    const r = text[start + 1];
    const digits: Record<string, RegExp> = {
      b: /[01]/,
      B: /[01]/,
      o: /[0-7]/,
      O: /[0-7]/,
      h: /[0-9a-fA-F]/,
      H: /[0-9a-fA-F]/,
    };
    if (r !== undefined && r in digits && digits[r].test(text[start + 2] ?? '')) {
      let end = start + 2;
      while (end < text.length && digits[r].test(text[end])) end++;
      if (end >= text.length || !isWordChar(text[end])) {
        const radix = r === 'b' || r === 'B' ? 2 : r === 'o' || r === 'O' ? 8 : 16;
        this.pos = end;
        this.push('number', text.slice(start, end), start, end, { radix });
        return;
      }
    }
    this.pos++;
    while (this.pos < text.length && isLetter(text[this.pos])) this.pos++;
    this.push('op', text.slice(start, this.pos), start, this.pos);
  }

  private symbol(): void {
    const text = this.text;
    const start = this.pos;
    const c = text[start];
    const n = text[start + 1];
    let punct: [string, number] | undefined;
    if (c === '<' && n === '-') punct = ['<-', 2];
    else if (c === '<' && n === '<') punct = ['<<', 2];
    else if (c === '>' && n === '>') punct = ['>>', 2];
    else if (c === '\u2190') punct = ['<-', 1];
    else if (c === '\u27e8') punct = ['<<', 1];
    else if (c === '\u27e9') punct = ['>>', 1];
    else if (SINGLE_PUNCT.has(c)) punct = [c, 1];
    else if (c === '=' && n !== '=' && n !== '<' && n !== '>' && n !== '|') punct = ['=', 1];
    else if (c === '-' && n !== '>' && n !== '-' && n !== '|' && n !== '+') punct = ['-', 1];
    if (punct) {
      this.pos += punct[1];
      this.push('punct', punct[0], start, this.pos);
      return;
    }
    if (OP_CHARS.has(c)) {
      this.pos++;
      while (this.pos < text.length && OP_CHARS.has(text[this.pos]) && text[this.pos] !== '\\') this.pos++;
      this.push('op', text.slice(start, this.pos), start, this.pos);
      return;
    }
    // Anything else cannot appear in a configuration file: report a run of such characters once.
    let end = start;
    while (end < text.length) {
      const ch = text[end];
      if (isWordChar(ch) || OP_CHARS.has(ch) || SINGLE_PUNCT.has(ch) || ' \t\n\r\f\v"'.includes(ch)) break;
      if (ch === '\u2190' || ch === '\u27e8' || ch === '\u27e9') break;
      end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    }
    const shown = text.slice(start, end);
    const codes = [...shown].map(
      (ch) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
    const printable = /^[^\s\p{C}\p{Z}]+$/u.test(shown);
    this.report(
      CFG.IllegalCharacter,
      printable
        ? `The character${[...shown].length > 1 ? 's' : ''} \`${shown}\` cannot appear in a configuration file.`
        : `Invisible or control character${codes.length > 1 ? 's' : ''} ${codes.join(' ')} cannot appear in a configuration file.`,
      start,
      end,
      shown === ';'
        ? 'entries are not terminated by `;`: separate them with spaces or new lines'
        : 'TLC stops reading the file at such a character; remove it',
    );
    this.pos = end;
  }
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the file';
    case 'string':
      return `the string ${t.text.length > 30 ? `${t.text.slice(0, 27)}..."` : t.text}`;
    case 'number':
      return `the number \`${t.text}\``;
    case 'ident':
      return KEYWORDS.has(t.text) ? `the keyword \`${t.text}\`` : `\`${t.text}\``;
    default:
      return `\`${t.text}\``;
  }
}

/** Keyword suggestions for a misspelt word, the most similar first (same length before others). */
function keywordSuggestions(word: string): string[] {
  const pool = word.startsWith('_') ? CONFIG_KEYWORDS : PUBLIC_KEYWORDS;
  const found = closestNames(word, pool, 3);
  return found
    .map((k, i) => ({ k, i }))
    .sort((a, b) => Math.abs(a.k.length - word.length) - Math.abs(b.k.length - word.length) || a.i - b.i)
    .map(({ k }) => k);
}

function didYouMean(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `did you mean \`${names[0]}\`?`;
  return `did you mean ${names
    .slice(0, -1)
    .map((n) => `\`${n}\``)
    .join(', ')} or \`${names[names.length - 1]}\`?`;
}

const INT_MAX = 2147483647;

class Parser {
  private pos = 0;
  private lastEnd = 0;
  private readonly sections: ConfigSection[] = [];
  private readonly firstSingle = new Map<string, ConfigKeywordToken>();
  /** The left side of the CONSTANT entry being parsed, for hints. */
  private entryName: ConfigName | undefined;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly file: string,
    private readonly lines: LineIndex,
    private readonly diagnostics: Diagnostic[],
  ) {}

  // ---- helpers ------------------------------------------------------------------------------

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }

  private next(): Token {
    const t = this.tokens[this.pos];
    if (t.kind !== 'eof') {
      this.pos++;
      this.lastEnd = t.end;
    }
    return t;
  }

  private span(start: number, end: number): SourceSpan {
    return this.lines.span(this.file, start, end);
  }

  private tokenSpan(t: Token): SourceSpan {
    return this.span(t.start, t.end);
  }

  private error(
    code: ConfigDiagnosticCode,
    message: string,
    at: Token | SourceSpan,
    extra: { hint?: string; related?: { span: SourceSpan; message: string }[] } = {},
  ): void {
    const span = 'kind' in at ? this.tokenSpan(at) : at;
    this.diagnostics.push(
      makeDiagnostic(code, message, span, { severity: CONFIG_DIAGNOSTIC_CODES[code].severity, ...extra }),
    );
  }

  private isKeyword(t: Token): boolean {
    return t.kind === 'ident' && KEYWORDS.has(t.text);
  }

  /** End of a section: the end of the file or the next keyword. */
  private atSectionEnd(): boolean {
    const t = this.peek();
    return t.kind === 'eof' || this.isKeyword(t);
  }

  private isPunct(t: Token, text: string): boolean {
    return t.kind === 'punct' && t.text === text;
  }

  /** A name first on its line followed by `=`, `<-`, `(` or `!`: the start of a CONSTANT entry. */
  private isEntryStart(k = 0): boolean {
    const t = this.peek(k);
    if (t.kind !== 'ident' || KEYWORDS.has(t.text) || !t.firstOnLine) return false;
    const n = this.peek(k + 1);
    return n.kind === 'punct' && (n.text === '=' || n.text === '<-' || n.text === '(' || n.text === '!');
  }

  /**
   * An all-capitals word close to a keyword, first on its line: a misspelt keyword rather than a
   * name (`INVARIANTT`, `PROPERTYS`). TLC would read it as a name and fail later, less clearly.
   */
  private looksLikeMisspeltKeyword(t: Token): boolean {
    return (
      t.kind === 'ident' &&
      t.firstOnLine &&
      t.text.length >= 4 &&
      /^[A-Z_]+$/.test(t.text) &&
      !KEYWORDS.has(t.text) &&
      keywordSuggestions(t.text).length > 0
    );
  }

  private reportUnknownKeyword(t: Token): void {
    const suggestions = t.kind === 'ident' ? keywordSuggestions(t.text) : [];
    if (suggestions.length > 0) {
      this.error(CFG.UnknownKeyword, `Unknown keyword \`${t.text}\`.`, t, { hint: didYouMean(suggestions) });
      return;
    }
    const n = this.peek(1);
    if (t.kind === 'ident' && (this.isPunct(n, '=') || this.isPunct(n, '<-'))) {
      this.error(
        CFG.UnknownKeyword,
        `Expected a keyword, but found the entry \`${t.text} ${n.text} ...\` outside a CONSTANT section.`,
        t,
        { hint: 'constant values and substitutions go after the keyword CONSTANT (or CONSTANTS)' },
      );
      return;
    }
    this.error(
      CFG.UnknownKeyword,
      `Expected a keyword (CONSTANT, INIT, NEXT, SPECIFICATION, INVARIANT, PROPERTY, ...), but found ${describe(t)}.`,
      t,
    );
  }

  private skipToKeyword(): void {
    while (!this.atSectionEnd()) this.next();
  }

  /** In a CONSTANT section: skip to the next entry start, keyword or end of file. */
  private recoverConstants(): void {
    while (!this.atSectionEnd() && !this.isEntryStart()) this.next();
  }

  /**
   * Skips a bracketed construct (`<<...>>`, `[...]`, `(...)`), stopping early at a keyword. `depth`
   * is 1 when the opening bracket was already consumed.
   */
  private skipBalanced(open: string, close: string, depth = 0): void {
    while (!this.atSectionEnd()) {
      const t = this.next();
      if (this.isPunct(t, open)) depth++;
      else if (this.isPunct(t, close)) {
        depth--;
        if (depth <= 0) return;
      }
    }
  }

  /** Skips the rest of the line of the last consumed token. */
  private skipRestOfLine(line: number): void {
    while (!this.atSectionEnd() && this.peek().line === line && !this.peek().firstOnLine) this.next();
  }

  // ---- file and sections --------------------------------------------------------------------

  parseFile(): ConfigFile {
    while (this.peek().kind !== 'eof') {
      const t = this.peek();
      if (this.isKeyword(t)) {
        this.parseSection();
        continue;
      }
      this.reportUnknownKeyword(t);
      this.next();
      this.skipToKeyword();
    }
    return {
      kind: 'ConfigFile',
      file: this.file,
      span: this.span(0, this.lines.text.length),
      sections: this.sections,
    };
  }

  private parseSection(): void {
    const kwToken = this.next();
    const keyword: ConfigKeywordToken = {
      text: kwToken.text as ConfigKeyword,
      span: this.tokenSpan(kwToken),
    };
    if (keyword.text === 'CONSTANT' || keyword.text === 'CONSTANTS') {
      this.parseConstants(keyword);
    } else if (keyword.text === 'CHECK_DEADLOCK') {
      this.parseCheckDeadlock(keyword, kwToken);
    } else {
      const role = NAME_ROLES[keyword.text as NamesKeyword];
      if (SINGLE_NAME_ROLES.has(role)) this.parseSingleName(keyword, kwToken, role);
      else this.parseNameList(keyword, kwToken, role);
    }
  }

  /** TLC's rule: INIT, NEXT, SPECIFICATION, VIEW, SYMMETRY, ALIAS, CHECK_DEADLOCK at most once. */
  private checkNotTwice(keyword: ConfigKeywordToken, key: string): void {
    const first = this.firstSingle.get(key);
    if (first) {
      this.error(
        CFG.DuplicateKeyword,
        `The keyword ${keyword.text} appears twice; it was already given at line ${first.span.start.line}.`,
        keyword.span,
        { related: [{ span: first.span, message: `first ${first.text} here` }] },
      );
    } else {
      this.firstSingle.set(key, keyword);
    }
  }

  private sectionSpan(keyword: ConfigKeywordToken): SourceSpan {
    return this.span(keyword.span.start.offset, Math.max(this.lastEnd, keyword.span.end.offset));
  }

  /** After a section that takes one item: anything before the next keyword is a mistake. */
  private rejectTrailing(keyword: ConfigKeywordToken, what: string): void {
    if (this.atSectionEnd()) return;
    const t = this.peek();
    if (t.kind === 'ident' && t.firstOnLine && keywordSuggestions(t.text).length > 0) {
      this.reportUnknownKeyword(t);
    } else {
      const hints: Partial<Record<string, string>> = {
        INIT: 'TLC takes one initial predicate: conjoin several in the module (`Init == Init1 /\\ Init2`)',
        NEXT: 'TLC takes one next-state action: combine several in the module (`Next == A \\/ B`)',
        SPECIFICATION: 'TLC takes one specification: conjoin several in the module',
      };
      const hint = hints[keyword.text];
      this.error(
        CFG.ExtraName,
        `${keyword.text} takes ${what}, but ${describe(t)} follows it.`,
        t,
        hint ? { hint } : {},
      );
    }
    this.next();
    this.skipToKeyword();
  }

  private parseSingleName(keyword: ConfigKeywordToken, kwToken: Token, role: NameRole): void {
    const names: ConfigName[] = [];
    const t = this.peek();
    if (this.atSectionEnd()) {
      this.error(CFG.MissingName, `The keyword ${keyword.text} is not followed by a name.`, kwToken, {
        hint: `write the name of a definition of the module after it, e.g. \`${keyword.text} ${exampleName(role)}\``,
      });
    } else if (t.kind === 'ident') {
      this.next();
      names.push({ name: t.text, span: this.tokenSpan(t) });
    } else {
      this.error(
        CFG.ExpectedName,
        `${keyword.text} must be followed by the name of a definition, but ${describe(t)} follows it.`,
        t,
        { hint: nameHint(role) },
      );
      this.next();
      this.skipRestOfLine(t.line);
    }
    this.checkNotTwice(keyword, keyword.text);
    this.sections.push({
      kind: 'Names',
      keyword,
      role,
      names,
      span: this.sectionSpan(keyword),
    } satisfies NamesSection);
    this.rejectTrailing(keyword, 'a single name');
  }

  private parseNameList(keyword: ConfigKeywordToken, kwToken: Token, role: NameRole): void {
    const names: ConfigName[] = [];
    while (!this.atSectionEnd()) {
      const t = this.peek();
      if (t.kind === 'ident') {
        if (this.looksLikeMisspeltKeyword(t) && (names.length > 0 || t.line > kwToken.line)) {
          this.reportUnknownKeyword(t);
          this.next();
          this.skipToKeyword();
          break;
        }
        this.next();
        names.push({ name: t.text, span: this.tokenSpan(t) });
      } else if (this.isPunct(t, ',')) {
        this.error(
          CFG.CommaInNameList,
          `The names after ${keyword.text} are separated by spaces or new lines, not commas.`,
          t,
          { hint: 'remove the comma: TLC would take `,` itself as a name' },
        );
        this.next();
      } else {
        this.error(
          CFG.ExpectedName,
          `${keyword.text} must be followed by names of definitions, but found ${describe(t)}.`,
          t,
          { hint: nameHint(role) },
        );
        this.next();
        // One report per expression: skip the rest of its line.
        this.skipRestOfLine(t.line);
      }
    }
    // An empty list is legal (TLC accepts it, and files comment out all their properties), so no
    // report for `names.length === 0`.
    this.sections.push({
      kind: 'Names',
      keyword,
      role,
      names,
      span: this.sectionSpan(keyword),
    } satisfies NamesSection);
  }

  private parseCheckDeadlock(keyword: ConfigKeywordToken, kwToken: Token): void {
    const t = this.peek();
    let section: CheckDeadlockSection | undefined;
    if (t.kind === 'ident' && (t.text === 'TRUE' || t.text === 'FALSE')) {
      this.next();
      section = {
        kind: 'CheckDeadlock',
        keyword,
        value: t.text === 'TRUE',
        valueSpan: this.tokenSpan(t),
        span: this.sectionSpan(keyword),
      };
    } else if (this.atSectionEnd()) {
      this.error(CFG.CheckDeadlockValue, 'CHECK_DEADLOCK must be followed by TRUE or FALSE.', kwToken);
    } else {
      const upper = t.text.toUpperCase();
      const hint =
        upper === 'TRUE' || upper === 'FALSE'
          ? `write \`${upper}\` in capitals`
          : 'write `CHECK_DEADLOCK FALSE` to turn deadlock checking off (it is on by default)';
      this.error(
        CFG.CheckDeadlockValue,
        `CHECK_DEADLOCK must be followed by TRUE or FALSE, not ${describe(t)}.`,
        t,
        {
          hint,
        },
      );
      this.next();
    }
    this.checkNotTwice(keyword, 'CHECK_DEADLOCK');
    if (section) this.sections.push(section);
    this.rejectTrailing(keyword, 'a single value (TRUE or FALSE)');
  }

  // ---- CONSTANT sections --------------------------------------------------------------------

  private parseConstants(keyword: ConfigKeywordToken): void {
    const entries: ConstantEntry[] = [];
    while (!this.atSectionEnd()) {
      const before = this.pos;
      const entry = this.parseConstantEntry();
      if (entry) entries.push(entry);
      if (this.pos === before) this.next();
    }
    this.sections.push({
      kind: 'Constants',
      keyword,
      entries,
      span: this.sectionSpan(keyword),
    } satisfies ConstantsSection);
  }

  private parseConstantEntry(): ConstantEntry | undefined {
    const first = this.peek();
    if (this.isPunct(first, ',')) {
      this.error(
        CFG.CommaInNameList,
        'CONSTANT entries are separated by spaces or new lines, not commas.',
        first,
        {
          hint: 'remove the comma',
        },
      );
      this.next();
      return undefined;
    }
    if (first.kind !== 'ident') {
      this.error(
        CFG.ExpectedConstantName,
        `Expected the name of a constant at the start of a CONSTANT entry, but found ${describe(first)}.`,
        first,
        { hint: 'an entry is `Name = value` or `Name <- Definition`' },
      );
      this.next();
      this.recoverConstants();
      return undefined;
    }
    const after = this.peek(1);
    const startsEntry = after.kind === 'punct' && ['=', '<-', '(', '!'].includes(after.text);
    if (!startsEntry && this.looksLikeMisspeltKeyword(first)) {
      this.reportUnknownKeyword(first);
      this.next();
      this.skipToKeyword();
      return undefined;
    }

    // Left side: `N`, or `A!B!C` (a definition reached through an instance).
    this.next();
    let lhsText = first.text;
    while (this.isPunct(this.peek(), '!')) {
      const bang = this.next();
      const part = this.peek();
      if (part.kind !== 'ident' || KEYWORDS.has(part.text)) {
        this.error(
          CFG.BadQualifiedName,
          `Expected a name after \`${lhsText}!\`, but found ${describe(part)}.`,
          part.kind === 'eof' ? bang : part,
        );
        this.recoverConstants();
        return undefined;
      }
      this.next();
      lhsText += `!${part.text}`;
    }
    const name: ConfigName = { name: lhsText, span: this.span(first.start, this.lastEnd) };
    this.entryName = name;

    const t = this.peek();
    if (this.isPunct(t, '<-')) {
      this.next();
      return this.parseSubstitution(name, t);
    }
    if (this.isPunct(t, '(')) return this.parseOperatorAssignment(name);
    if (this.isPunct(t, '=')) {
      this.next();
      return this.parseAssignmentRest(name, undefined, t);
    }
    this.reportMissingAssignment(name, t);
    this.recoverConstants();
    return undefined;
  }

  private reportMissingAssignment(name: ConfigName, t: Token): void {
    const n = name.name;
    if (t.kind === 'op' && (t.text === '==' || t.text === ':=' || t.text === ':')) {
      this.error(
        CFG.ExpectedAssignment,
        `A configuration file gives values with \`=\`, not \`${t.text}\`.`,
        t,
        {
          hint: `write \`${n} = value\`, or \`${n} <- Definition\` to use a definition of the module`,
        },
      );
      return;
    }
    if (t.kind === 'op' && t.text === '\\in') {
      this.error(
        CFG.ExpectedAssignment,
        `\`${n} \\in ...\` is not a configuration entry: TLC needs one value.`,
        t,
        {
          hint: `write \`${n} = value\`; to check several values, use one model per value`,
        },
      );
      return;
    }
    if (t.kind === 'punct' && t.text === '[') {
      this.error(CFG.ExpectedAssignment, `Expected \`=\` or \`<-\` after \`${n}\`, but found \`[\`.`, t, {
        hint: `a module scope comes after the operator: \`${n} <- [Mod] Def\` or \`${n} = [Mod] value\``,
      });
      return;
    }
    const onLaterLine = t.kind === 'eof' || this.isKeyword(t) || t.firstOnLine;
    this.error(
      CFG.ExpectedAssignment,
      onLaterLine
        ? `\`${n}\` is not followed by \`=\` or \`<-\`.`
        : `Expected \`=\` or \`<-\` after \`${n}\`, but found ${describe(t)}.`,
      onLaterLine ? name.span : t,
      {
        hint: `write \`${n} = value\` to give it a value, or \`${n} <- Definition\` to substitute a definition`,
      },
    );
  }

  /** After `N <-`: `Def` or `[Mod] Def`. */
  private parseSubstitution(name: ConfigName, arrow: Token): ConstantEntry | undefined {
    let module: ConfigName | undefined;
    if (this.isPunct(this.peek(), '[')) {
      const scoped = this.parseModuleScope(name);
      if (scoped === null) return undefined;
      module = scoped;
    }
    const t = this.peek();
    const missing = this.atSectionEnd() || (t.kind === 'ident' && t.line > arrow.line && this.isEntryStart());
    if (t.kind === 'ident' && !missing) {
      this.next();
      const target: ConfigName = { name: t.text, span: this.tokenSpan(t) };
      this.rejectExpressionTail(t);
      const entry = {
        kind: 'Substitution',
        name,
        target,
        span: this.span(name.span.start.offset, this.lastEnd),
      } as const;
      return module ? { ...entry, module } : entry;
    }
    if (missing) {
      this.error(
        CFG.MissingSubstitutionTarget,
        `\`${name.name} <-\` is not followed by the name of a definition.`,
        arrow,
        {
          hint: `write \`${name.name} <- Def\`, where \`Def\` is defined in the module`,
        },
      );
      return undefined;
    }
    const valueLike =
      t.kind === 'number' || t.kind === 'string' || this.isPunct(t, '{') || this.isPunct(t, '-');
    this.error(
      CFG.MissingSubstitutionTarget,
      `\`<-\` must be followed by the name of a definition, but found ${describe(t)}.`,
      t,
      {
        hint: valueLike
          ? `\`<-\` substitutes a definition; to give a value, write \`${name.name} = ${t.text}${this.isPunct(t, '{') ? '...}' : ''}\``
          : `define the expression in the module (\`Def == ...\`) and write \`${name.name} <- Def\``,
      },
    );
    if (valueLike) this.parseValue(arrow, false);
    this.recoverConstants();
    return undefined;
  }

  /** `F(v1, ..., vn) = v`, and the mistakes `F(_, _) <- G`, `F(x) <- G`. */
  private parseOperatorAssignment(name: ConfigName): ConstantEntry | undefined {
    const lparen = this.next();
    const args: ConfigValue[] = [];
    let placeholders = false;
    let ok = true;
    if (this.isPunct(this.peek(), ')')) {
      const r = this.next();
      this.error(
        CFG.BadArguments,
        `\`${name.name}()\` has an empty argument list.`,
        this.span(lparen.start, r.end),
        {
          hint: `a constant without parameters is written \`${name.name} = value\``,
        },
      );
      ok = false;
    } else {
      for (;;) {
        const t = this.peek();
        if (this.atSectionEnd()) {
          this.error(CFG.BadArguments, `The argument list of \`${name.name}\` is not closed.`, lparen, {
            hint: 'close it with `)`',
          });
          return undefined;
        }
        if (t.kind === 'op' && /^_+$/.test(t.text)) {
          placeholders = true;
          this.next();
        } else {
          const before = this.pos;
          const v = this.parseValue(this.tokens[this.pos - 1], false);
          if (v) args.push(v);
          else ok = false;
          if (this.pos === before) this.next();
        }
        const s = this.peek();
        if (this.isPunct(s, ',')) {
          this.next();
          continue;
        }
        if (this.isPunct(s, ')')) {
          this.next();
          break;
        }
        this.error(
          CFG.BadArguments,
          `Expected \`,\` or \`)\` in the argument list of \`${name.name}\`, but found ${describe(s)}.`,
          s.kind === 'eof' ? lparen : s,
          { hint: 'arguments are values separated by commas: `F(1, 2) = 3`' },
        );
        this.recoverConstants();
        return undefined;
      }
    }
    const argsSpan = this.span(lparen.start, this.lastEnd);
    const t = this.peek();
    if (this.isPunct(t, '<-')) {
      this.error(
        CFG.BadArguments,
        `A substitution names the operator without its parameters: write \`${name.name} <- ...\`, not \`${name.name}(...) <- ...\`.`,
        argsSpan,
        { hint: `remove \`${this.lines.text.slice(argsSpan.start.offset, argsSpan.end.offset)}\`` },
      );
      this.next();
      return this.parseSubstitution(name, t);
    }
    if (placeholders) {
      this.error(
        CFG.BadArguments,
        '`_` is not a value: pointwise values name specific arguments, e.g. `F(1, 2) = 3`.',
        argsSpan,
        {
          hint: `to replace the whole operator, write \`${name.name} <- Def\` with \`Def(a, b) == ...\` in the module`,
        },
      );
      ok = false;
    }
    if (!this.isPunct(t, '=')) {
      this.error(
        CFG.ExpectedAssignment,
        `Expected \`=\` after \`${name.name}(...)\`, but found ${describe(t)}.`,
        t.kind === 'eof' || t.firstOnLine ? argsSpan : this.tokenSpan(t),
        { hint: `write \`${name.name}(...) = value\`` },
      );
      this.recoverConstants();
      return undefined;
    }
    this.next();
    const entry = this.parseAssignmentRest(name, args, t);
    return ok ? entry : undefined;
  }

  /** After `N =` or `F(args) =`: `value` or `[Mod] value`. */
  private parseAssignmentRest(
    name: ConfigName,
    args: readonly ConfigValue[] | undefined,
    eq: Token,
  ): ConstantEntry | undefined {
    let module: ConfigName | undefined;
    if (this.isPunct(this.peek(), '[')) {
      const scoped = this.parseModuleScope(name);
      if (scoped === null) return undefined;
      module = scoped;
    }
    const value = this.parseValue(module ? this.tokens[this.pos - 1] : eq, true);
    if (!value) {
      this.recoverConstants();
      return undefined;
    }
    this.rejectExpressionTail(this.tokens[this.pos - 1]);
    const entry: {
      kind: 'Assignment';
      name: ConfigName;
      value: ConfigValue;
      span: SourceSpan;
      args?: readonly ConfigValue[];
      module?: ConfigName;
    } = { kind: 'Assignment', name, value, span: this.span(name.span.start.offset, value.span.end.offset) };
    if (args) entry.args = args;
    if (module) entry.module = module;
    return entry;
  }

  /**
   * `[Mod]` after `=` or `<-`. Returns the module name, or null after reporting (records and
   * functions `[a |-> 1]` are the usual reason).
   */
  private parseModuleScope(name: ConfigName): ConfigName | null {
    const lsb = this.next();
    const t = this.peek();
    if (t.kind === 'ident' && !KEYWORDS.has(t.text)) {
      const close = this.peek(1);
      if (this.isPunct(close, ']')) {
        this.next();
        this.next();
        return { name: t.text, span: this.tokenSpan(t) };
      }
      if (
        close.kind === 'op' &&
        (close.text === '|->' || close.text === ':' || close.text === '->' || close.text === '\\in')
      ) {
        this.reportUnsupported(
          lsb,
          close.text === ':' || close.text === '->'
            ? 'a record or function set'
            : close.text === '\\in'
              ? 'a function'
              : 'a record',
          name,
        );
        this.skipBalanced('[', ']', 1);
        this.recoverConstants();
        return null;
      }
      this.error(
        CFG.BadModuleScope,
        `Expected \`]\` after the module name \`${t.text}\`, but found ${describe(close)}.`,
        close.kind === 'eof' ? t : close,
        {
          hint: 'a module scope is written `[Mod]`, e.g. `Op <- [Mod] Def`',
        },
      );
      this.recoverConstants();
      return null;
    }
    if (t.kind === 'number' || t.kind === 'string' || this.isPunct(t, '{') || this.isPunct(t, '<<')) {
      this.reportUnsupported(lsb, 'a function or sequence `[...]`', name);
      this.skipBalanced('[', ']', 1);
      this.recoverConstants();
      return null;
    }
    if (this.isPunct(t, ']')) {
      this.error(CFG.BadModuleScope, '`[]` names no module.', this.span(lsb.start, t.end), {
        hint: 'write the module name inside: `[Mod]`',
      });
    } else {
      this.error(
        CFG.BadModuleScope,
        `Expected a module name after \`[\`, but found ${describe(t)}.`,
        t.kind === 'eof' ? lsb : t,
        {
          hint: 'a module scope is written `[Mod]`, e.g. `Op <- [Mod] Def`',
        },
      );
    }
    this.recoverConstants();
    return null;
  }

  private reportUnsupported(at: Token, what: string, name: ConfigName | undefined): void {
    const n = name?.name ?? 'N';
    this.error(CFG.UnsupportedValue, `TLC cannot read ${what} from a configuration file.`, at, {
      hint: `define it in the model's TLA+ module (\`${n}Value == ...\`) and write \`${n} <- ${n}Value\``,
    });
  }

  /** After a value or substitution target: an operator on the same line means an expression. */
  private rejectExpressionTail(last: Token): void {
    const t = this.peek();
    if (t.kind === 'eof' || t.firstOnLine || t.line !== last.line) return;
    if (t.kind !== 'op' && !this.isPunct(t, '-') && !this.isPunct(t, '[') && !this.isPunct(t, '(')) return;
    this.error(
      CFG.UnsupportedValue,
      `TLC cannot read an expression from a configuration file: \`${t.text}\` cannot follow a value.`,
      t,
      {
        hint:
          t.text === '..'
            ? 'write the set out, `{1, 2, 3}`, or define `S == 1..3` in the module and write `N <- S`'
            : 'define the expression in the module (`Def == ...`) and write `N <- Def`',
      },
    );
    this.skipRestOfLine(t.line);
  }

  // ---- values -------------------------------------------------------------------------------

  /**
   * A value. `after` is the token before it (`=`, `,`, `{`, `(`), where "missing value" is
   * reported. With `topLevel`, a name on a later line that starts an entry is taken as a missing
   * value rather than a model value (`N =` then `M = 3` on the next line).
   */
  private parseValue(after: Token, topLevel: boolean): ConfigValue | undefined {
    const t = this.peek();
    if (
      this.atSectionEnd() ||
      (topLevel && t.kind === 'ident' && t.line > after.line && this.isEntryStart())
    ) {
      this.error(CFG.MissingValue, `Expected a value after \`${after.text}\`.`, after, {
        hint: 'a value is a number, a string, TRUE, FALSE, a model value (a name) or a set `{...}`',
      });
      return undefined;
    }
    switch (t.kind) {
      case 'number':
        this.next();
        return { kind: 'Int', value: this.integer(t, 1, t), span: this.tokenSpan(t) };
      case 'string':
        this.next();
        return { kind: 'String', value: t.value ?? '', raw: t.raw ?? '', span: this.tokenSpan(t) };
      case 'ident':
        this.next();
        if (t.text === 'TRUE' || t.text === 'FALSE') {
          return { kind: 'Bool', value: t.text === 'TRUE', span: this.tokenSpan(t) };
        }
        return { kind: 'ModelValue', name: t.text, span: this.tokenSpan(t) };
      default:
        break;
    }
    if (this.isPunct(t, '-') && this.peek(1).kind === 'number') {
      this.next();
      const n = this.next();
      const span = this.span(t.start, n.end);
      this.error(
        CFG.NegativeInteger,
        'TLC does not accept negative integers in a configuration file (it reads `-` as a model value).',
        span,
        {
          hint: `define \`Minus${n.text} == -${n.text}\` in the model's TLA+ module and substitute it with \`<-\``,
        },
      );
      return { kind: 'Int', value: this.integer(n, -1, t), span };
    }
    if (this.isPunct(t, '{')) return this.parseSet();
    if (this.isPunct(t, '<<')) {
      this.reportUnsupported(t, 'a tuple `<<...>>`', this.entryName);
      this.skipBalanced('<<', '>>');
      return undefined;
    }
    if (this.isPunct(t, '[')) {
      this.reportUnsupported(t, 'a record or function `[...]`', this.entryName);
      this.skipBalanced('[', ']');
      return undefined;
    }
    if (this.isPunct(t, '(')) {
      this.error(CFG.BadValue, 'Parentheses are not part of a configuration value.', t, {
        hint: 'write the value itself: a number, a string, TRUE, FALSE, a name or a set `{...}`',
      });
      this.skipBalanced('(', ')');
      return undefined;
    }
    this.error(CFG.BadValue, `Expected a value, but found ${describe(t)}.`, t, {
      hint: 'a value is a number, a string, TRUE, FALSE, a model value (a name) or a set `{...}`',
    });
    this.next();
    return undefined;
  }

  private integer(t: Token, sign: 1 | -1, first: Token): number {
    if (t.radix) {
      const value = sign * Number.parseInt(t.text.slice(2), t.radix);
      this.error(
        CFG.BadNumber,
        `TLC reads only decimal integers from a configuration file, not \`${t.text}\`.`,
        t,
        {
          hint: `write ${value}`,
        },
      );
      return value;
    }
    const value = sign * Number(t.text);
    if (value > INT_MAX || value < -INT_MAX - 1) {
      this.error(
        CFG.BadNumber,
        `The integer ${sign < 0 ? '-' : ''}${t.text} is outside TLC's range (-2147483648 to 2147483647).`,
        this.span(first.start, t.end),
      );
    }
    return value;
  }

  private parseSet(): ConfigSet {
    const lbrace = this.next();
    const elements: ConfigValue[] = [];
    const unterminated = () => {
      this.error(CFG.UnterminatedSet, 'This set is not closed: `{` has no matching `}`.', lbrace, {
        hint: 'close the set with `}`',
      });
    };
    if (this.isPunct(this.peek(), '}')) {
      this.next();
      return { kind: 'Set', elements, span: this.span(lbrace.start, this.lastEnd) };
    }
    for (;;) {
      const t = this.peek();
      if (this.atSectionEnd()) {
        unterminated();
        break;
      }
      if (this.isPunct(t, '}')) {
        // `{a, }`
        this.error(CFG.BadValue, 'Expected a value after `,`, but the set ends here.', t, {
          hint: 'remove the trailing comma',
        });
        this.next();
        break;
      }
      const before = this.pos;
      const v = this.parseValue(this.tokens[this.pos - 1], false);
      if (v) elements.push(v);
      if (this.pos === before) this.next();
      const s = this.peek();
      if (this.isPunct(s, ',')) {
        this.next();
        continue;
      }
      if (this.isPunct(s, '}')) {
        this.next();
        break;
      }
      if (this.atSectionEnd() || (s.firstOnLine && this.isEntryStart())) {
        unterminated();
        break;
      }
      this.error(CFG.UnterminatedSet, `Expected \`,\` or \`}\` in this set, but found ${describe(s)}.`, s, {
        hint: 'separate the elements of a set with commas',
      });
      if (s.kind === 'op') {
        // An operator inside a set (`{1..3}`, `{x \in S : ...}`): give up on the set.
        this.skipBalanced('{', '}', 1);
        break;
      }
    }
    return { kind: 'Set', elements, span: this.span(lbrace.start, this.lastEnd) };
  }
}

function exampleName(role: NameRole): string {
  const examples: Record<NameRole, string> = {
    init: 'Init',
    next: 'Next',
    specification: 'Spec',
    invariant: 'TypeOK',
    property: 'Liveness',
    constraint: 'StateConstraint',
    actionConstraint: 'ActionConstraint',
    symmetry: 'Symmetry',
    view: 'View',
    alias: 'Alias',
    postcondition: 'PostCondition',
    periodic: 'Periodic',
    rlReward: 'Reward',
    possible: 'Reachable',
  };
  return examples[role];
}

function nameHint(role: NameRole): string {
  const n = exampleName(role);
  return `a configuration file names definitions of the module: define \`${n} == ...\` there and write its name here`;
}

/**
 * Parses the text of a `.cfg` file. Never throws: every problem is a diagnostic, and the returned
 * config holds everything that could be read (entries with errors are left out).
 */
export function parseConfig(
  text: string,
  file: string,
): { config?: ConfigFile; diagnostics: readonly Diagnostic[] } {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const report = (code: ConfigDiagnosticCode, message: string, start: number, end: number, hint?: string) => {
    diagnostics.push(
      makeDiagnostic(code, message, lines.span(file, start, end), {
        severity: CONFIG_DIAGNOSTIC_CODES[code].severity,
        ...(hint ? { hint } : {}),
      }),
    );
  };
  const tokens = new Lexer(text, report, lines).run();
  const config = new Parser(tokens, file, lines, diagnostics).parseFile();
  const ordered = diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.span?.start.offset ?? 0) - (b.d.span?.start.offset ?? 0) || a.i - b.i)
    .map(({ d }) => d);
  return { config, diagnostics: ordered };
}
