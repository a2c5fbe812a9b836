/**
 * The TLA+ parser: `parseModule` for a whole `.tla` file, `parseExpression` for one expression.
 *
 * Pipeline: `tokenize` (lexer.ts: chevrotain lexer plus a post-pass for positions, reserved words
 * and literal checks) -> `insertDefBreaks` (marks where definitions start, as SANY does) -> the
 * chevrotain grammar (grammar.ts), which applies the offside rule of bulleted `/\` and `\/` lists
 * and resolves operator precedence the way SANY does (precedence.ts).
 *
 * Neither function throws: every problem becomes a diagnostic. The parser stops at the first
 * syntax error (one precise diagnostic rather than a cascade). The codes are listed in
 * `diagnostic-codes.ts`:
 *
 * | Code   | Meaning                                                         |
 * |--------|-----------------------------------------------------------------|
 * | TLA100 | unterminated string                                             |
 * | TLA101 | unterminated comment                                            |
 * | TLA102 | illegal character                                               |
 * | TLA103 | malformed number (`\b102`)                                      |
 * | TLA104 | invalid escape in a string                                      |
 * | TLA120 | no `---- MODULE Name ----` header                               |
 * | TLA121 | module not closed by `====`                                     |
 * | TLA122 | unexpected token                                                |
 * | TLA123 | unclosed `(`, `[`, `{` or `<<`                                  |
 * | TLA124 | precedence conflict (parentheses needed)                        |
 * | TLA125 | misaligned bulleted list                                        |
 * | TLA126 | IF without THEN or ELSE                                         |
 * | TLA127 | definition without `==`                                         |
 * | TLA128 | reserved word used as a name                                    |
 * | TLA129 | EXCEPT update without `!`                                       |
 * | TLA130 | CASE without arms                                               |
 * | TLA131 | expression expected                                             |
 * | TLA132 | two expressions without an operator between them               |
 * | TLA133 | proof structure (step levels, QED, misplaced proof)             |
 * | TLA134 | misplaced label or selector                                     |
 * | TLA135 | malformed declaration                                           |
 * | TLA136 | input nested too deeply for the parser                          |
 * | TLA199 | internal parser error (a bug: please report it with the input)  |
 */
import { type Diagnostic, makeDiagnostic, type SourceSpan, sortDiagnostics } from '@modelcheck/core';
import { EOF, type TokenType, tokenMatcher } from 'chevrotain';
import type { Expr, Module, SourceFile } from './ast.js';
import { TlaSyntaxCodes as Codes } from './diagnostic-codes.js';
import { errorState, type RecordedError, SyntaxFailure, TlaParser } from './grammar.js';
import { insertDefBreaks, type TlaToken, tokenize } from './lexer.js';
import {
  AtSign,
  BasedNumber,
  BeginModule,
  ColonColon,
  DefBreak,
  DefEq,
  EndModule,
  Exists,
  Forall,
  Identifier,
  IdentLike,
  InfixOp,
  KW,
  LAngle,
  LBrace,
  LBracket,
  LParen,
  NumberLit,
  NumberSet,
  PostfixOp,
  PrefixOp,
  RAngle,
  RBrace,
  RBracket,
  RParen,
  Separator,
  SF,
  StepToken,
  StringLit,
  TExists,
  TForall,
  WF,
} from './tokens.js';

export interface ParseResult {
  readonly file?: SourceFile;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ExprParseResult {
  readonly expr?: Expr;
  readonly diagnostics: readonly Diagnostic[];
}

let instance: TlaParser | undefined;

function parser(): TlaParser {
  instance ??= new TlaParser();
  return instance;
}

/** A module header on a line of its own: what starts another top-level module after `====`. */
const MODULE_HEADER = /^[ \t]*-{4,}[ \t]*MODULE[ \t]+\w+[ \t]*-{4,}/m;

/**
 * Parses a whole `.tla` file: its first module, and any further top-level modules that follow the
 * first one's `====` (other text before, between and after modules is ignored, as SANY does).
 */
export function parseModule(text: string, file: string): ParseResult {
  const first = parseFirstModule(text, file);
  if (!first.file) return first;
  const moreModules: Module[] = [];
  let end = first.file.module.span.end.offset;
  for (;;) {
    const rest = text.slice(end);
    const header = MODULE_HEADER.exec(rest);
    if (!header) break;
    // Blank out what came before, keeping line breaks, so that spans stay those of the whole file.
    const masked =
      text.slice(0, end + header.index).replace(/[^\r\n]/g, ' ') + text.slice(end + header.index);
    const next = parseFirstModule(masked, file);
    if (!next.file) return next;
    moreModules.push(next.file.module);
    end = next.file.module.span.end.offset;
  }
  return moreModules.length > 0
    ? { file: { ...first.file, moreModules }, diagnostics: first.diagnostics }
    : first;
}

function parseFirstModule(text: string, file: string): ParseResult {
  try {
    const lex = tokenize(text, file, { module: true });
    if (lex.diagnostics.length > 0) return { diagnostics: sortDiagnostics(lex.diagnostics) };
    const p = parser();
    p.prepare(insertDefBreaks(lex.tokens), lex.eof, file);
    let module: Module | undefined;
    try {
      module = p.module();
    } catch (e) {
      if (e instanceof SyntaxFailure) return { diagnostics: [e.diagnostic] };
      throw e;
    }
    if (p.errors.length > 0 || module === undefined) return { diagnostics: [describeError(p, file)] };
    const sourceFile: SourceFile = lex.plusCal
      ? { kind: 'SourceFile', file, module, plusCal: lex.plusCal }
      : { kind: 'SourceFile', file, module };
    return { file: sourceFile, diagnostics: [] };
  } catch (e) {
    return { diagnostics: [internalError(e, file)] };
  }
}

/** Parses one expression (the whole text must be that expression). */
export function parseExpression(text: string, file = '<expr>'): ExprParseResult {
  try {
    const lex = tokenize(text, file, { module: false });
    if (lex.diagnostics.length > 0) return { diagnostics: sortDiagnostics(lex.diagnostics) };
    if (lex.tokens.length === 0) {
      return {
        diagnostics: [
          makeDiagnostic(
            Codes.expressionExpected,
            'Expected an expression, but the text is empty.',
            lex.lines.span(file, 0, 0),
          ),
        ],
      };
    }
    const p = parser();
    p.prepare(insertDefBreaks(lex.tokens), lex.eof, file);
    let expr: Expr | undefined;
    try {
      expr = p.opOrExpr();
    } catch (e) {
      if (e instanceof SyntaxFailure) return { diagnostics: [e.diagnostic] };
      throw e;
    }
    if (p.errors.length > 0 || expr === undefined) return { diagnostics: [describeError(p, file)] };
    return { expr, diagnostics: [] };
  } catch (e) {
    return { diagnostics: [internalError(e, file)] };
  }
}

function internalError(e: unknown, file: string): Diagnostic {
  const span: SourceSpan = {
    file,
    start: { line: 1, column: 1, offset: 0 },
    end: { line: 1, column: 1, offset: 0 },
  };
  if (e instanceof RangeError) {
    // Stack exhaustion (or an array too large) on pathologically nested input.
    const at = instance?.prev();
    return makeDiagnostic(
      Codes.tooDeep,
      'The input is nested too deeply for the parser.',
      at?.start ? spanOf(file, at) : span,
      { hint: 'Split deeply nested expressions into separate definitions.' },
    );
  }
  const detail = e instanceof Error ? e.message : String(e);
  return makeDiagnostic(
    Codes.internalError,
    `Internal error in the TLA+ parser (${detail}). This is a bug: please report it, together with the input that caused it.`,
    span,
  );
}

// ---------------------------------------------------------------------------------------------
// Turning chevrotain's errors into diagnostics
// ---------------------------------------------------------------------------------------------

const TOKEN_NAMES: ReadonlyMap<TokenType, string> = new Map<TokenType, string>([
  [Identifier, 'a name'],
  [IdentLike, 'a name'],
  [NumberLit, 'a number'],
  [BasedNumber, 'a number'],
  [StringLit, 'a string'],
  [StepToken, 'a proof step such as `<1>1.`'],
  [InfixOp, 'an infix operator'],
  [PrefixOp, 'a prefix operator'],
  [PostfixOp, 'a postfix operator'],
  [DefBreak, 'a definition'],
  [DefEq, '`==`'],
  [EndModule, '`====`'],
  [Separator, '`----`'],
  [BeginModule, '`---- MODULE`'],
  [EOF, 'the end of the input'],
]);

const CLOSERS: ReadonlyMap<TokenType, string> = new Map<TokenType, string>([
  [RParen, '('],
  [RBracket, '['],
  [RBrace, '{'],
  [RAngle, '<<'],
]);

const OPENER_CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<<': '>>', '⟨': '⟩' };

function tokenName(t: TokenType): string {
  const known = TOKEN_NAMES.get(t);
  if (known) return known;
  const pattern = t.PATTERN;
  if (typeof pattern === 'string') return `\`${pattern}\``;
  if (pattern instanceof RegExp) {
    const src = pattern.source.split('|')[0].replace(/\\(.)/g, '$1');
    if (src.length <= 4) return `\`${src}\``;
  }
  if (/^[A-Z_]+$/.test(t.name)) return `\`${t.name}\``;
  return t.name;
}

function describeExpected(types: readonly TokenType[]): string {
  const names = [...new Set(types.map(tokenName))];
  if (names.length === 0) return 'something else';
  if (names.length > 6) return 'an expression';
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function describeFound(t: TlaToken): string {
  if (t.tokenType === EOF) return 'the end of the input';
  if (t.tokenType === DefBreak) return `the definition of \`${t.defines?.image ?? ''}\``;
  if (t.tokenType === EndModule) return '`====` (the end of the module)';
  return `\`${t.image}\``;
}

const OPERAND_START: readonly TokenType[] = [
  Identifier,
  NumberLit,
  BasedNumber,
  StringLit,
  NumberSet,
  AtSign,
  LParen,
  LBrace,
  LBracket,
  LAngle,
  WF,
  SF,
  KW.TRUE,
  KW.BOOLEAN,
  KW.IF,
  KW.CASE,
  KW.LET,
  KW.CHOOSE,
  Forall,
  Exists,
  TForall,
  TExists,
];

function startsOperand(t: TlaToken): boolean {
  return OPERAND_START.includes(t.tokenType) || tokenMatcher(t, PrefixOp);
}

function endsExpression(t: TlaToken): boolean {
  const tt = t.tokenType;
  return (
    tt === Identifier ||
    tt === NumberLit ||
    tt === BasedNumber ||
    tt === StringLit ||
    tt === RParen ||
    tt === RBracket ||
    tt === RBrace ||
    tt === RAngle ||
    tt === KW.TRUE ||
    tt === KW.BOOLEAN ||
    tokenMatcher(t, PostfixOp)
  );
}

function spanOf(file: string, t: TlaToken): SourceSpan {
  return { file, start: t.start, end: t.end };
}

function describeError(p: TlaParser, file: string): Diagnostic {
  const err: RecordedError | undefined = errorState.last;
  if (!err) {
    return makeDiagnostic(
      Codes.internalError,
      'Internal error in the TLA+ parser (a parse failed without a report). This is a bug: please report it, together with the input.',
    );
  }
  const actual = err.actual as TlaToken;
  const hidden = actual.offsideOf;
  const found: TlaToken = hidden ?? (actual.start ? actual : p.raw(Number.MAX_SAFE_INTEGER));
  const shown: TlaToken = found.tokenType === DefBreak && found.defines ? found.defines : found;
  const at = spanOf(file, shown);
  const previous =
    (err.previous as TlaToken | undefined)?.offsideOf ?? (err.previous as TlaToken | undefined) ?? p.prev();
  const expected = err.expected;
  const junction = p.currentJunction;

  // A token that is not indented past the bullet of the list item it should belong to.
  if (hidden && junction) {
    const bullet = junction.first;
    const bulletText = bullet.image;
    const opener = p.openers[p.openers.length - 1];
    const closer = expected.find((e) => CLOSERS.has(e));
    if (closer && opener && opener.startOffset > junction.bullet.startOffset) {
      const close = OPENER_CLOSER[opener.image] ?? ')';
      return makeDiagnostic(
        Codes.unclosedBracket,
        `The \`${opener.image}\` at line ${opener.start.line}, column ${opener.start.column} is not closed before the end of its \`${bulletText}\` list item: expected \`${close}\` but found ${describeFound(hidden)} at line ${hidden.start.line}, column ${hidden.start.column}.`,
        at,
        {
          hint: `Add the missing \`${close}\`, or indent the rest of the item past column ${bullet.start.column}.`,
          related: [{ span: spanOf(file, opener), message: `this \`${opener.image}\` is not closed` }],
        },
      );
    }
    if (hidden.tokenType === junction.type && hidden.vcol === junction.col) {
      return makeDiagnostic(
        Codes.expressionExpected,
        `This item of the \`${bulletText}\` list (line ${bullet.start.line}) ends before its expression is complete: the next \`${hidden.image}\` starts a new item.`,
        at,
        { hint: 'Complete the expression of the item above.' },
      );
    }
    return makeDiagnostic(
      Codes.misalignedBullet,
      `${describeFound(hidden)} at line ${hidden.start.line}, column ${hidden.start.column} is not to the right of the \`${bulletText}\` bullet at line ${bullet.start.line}, column ${bullet.start.column}, so it cannot continue that list item.`,
      at,
      {
        hint: `Indent it past column ${bullet.start.column}, or align \`${bulletText}\` bullets of the same list in one column.`,
        related: [{ span: spanOf(file, bullet), message: 'the list item starts here' }],
      },
    );
  }

  if (err.kind === 'notAllInput') {
    if (endsExpression(previous) && startsOperand(shown)) return missingOperator(shown, at);
    return makeDiagnostic(
      Codes.unexpectedToken,
      `Unexpected ${describeFound(shown)} after the end of the expression.`,
      at,
    );
  }

  if (
    (err.kind === 'mismatch' || err.kind === 'noViableAlt' || err.kind === 'earlyExit') &&
    endsExpression(previous) &&
    previous.end.line === shown.start.line &&
    startsOperand(shown) &&
    !expected.some((e) => tokenMatcher(shown, e))
  ) {
    return missingOperator(shown, at);
  }

  if (shown.tokenType === ColonColon) {
    return makeDiagnostic(
      Codes.misplacedLabel,
      'Misplaced `::`: a label is a name (optionally with parameters, `lbl(x)::`) at the start of an expression.',
      at,
      { hint: 'Write `lbl:: expression`, or remove the `::`.' },
    );
  }

  if (CLOSERS.has(shown.tokenType) && p.openers.length === 0) {
    return makeDiagnostic(
      Codes.unclosedBracket,
      `Unmatched ${describeFound(shown)}: nothing before it is open.`,
      at,
      {
        hint: 'Remove it, or add the opening bracket it should close.',
      },
    );
  }

  if (expected.includes(DefEq)) {
    return makeDiagnostic(
      Codes.missingDefEq,
      `Missing \`==\`: found ${describeFound(shown)} where \`==\` was expected.`,
      at,
      {
        hint: '`==` defines an operator; `=` is equality.',
      },
    );
  }

  if (shown.tokenType === KW.LAMBDA) {
    return makeDiagnostic(
      Codes.expressionExpected,
      'A LAMBDA expression can only be the argument of an operator (as in `F(LAMBDA x : x + 1)`) or an INSTANCE substitution.',
      at,
      { hint: 'Define a named operator instead, or pass the LAMBDA as an argument.' },
    );
  }

  if (
    (expected.includes(Identifier) || expected.includes(IdentLike)) &&
    tokenMatcher(shown, IdentLike) &&
    shown.tokenType !== Identifier
  ) {
    return makeDiagnostic(
      Codes.reservedWord,
      `\`${shown.image}\` is a reserved word and cannot be used as a name.`,
      at,
      { hint: 'Choose another name (for example a lower-case or mixed-case one).' },
    );
  }

  if (['opDecl', 'constantDecl', 'recursiveDecl', 'paramList'].includes(err.ruleName)) {
    return makeDiagnostic(
      Codes.malformedDeclaration,
      `Expected a declaration such as \`x\`, \`F(_, _)\`, \`_ + _\`, \`-. _\` or \`_ ^+\`, but found ${describeFound(shown)}.`,
      at,
    );
  }

  const closer = expected.find((e) => CLOSERS.has(e));
  const opener = p.openers[p.openers.length - 1];
  if (closer && opener) {
    const open = opener.image;
    const close = OPENER_CLOSER[open] ?? ')';
    const others = expected.filter((e) => !CLOSERS.has(e));
    const alternatives = others.length > 0 ? `${describeExpected(others)} or \`${close}\`` : `\`${close}\``;
    return makeDiagnostic(
      Codes.unclosedBracket,
      `The \`${open}\` at line ${opener.start.line}, column ${opener.start.column} is not closed: expected ${alternatives} but found ${describeFound(shown)}.`,
      at,
      {
        hint: `Add the missing \`${close}\` (or remove the extra \`${open}\`).`,
        related: [{ span: spanOf(file, opener), message: `this \`${open}\` is not closed` }],
      },
    );
  }

  if (expected.includes(KW.THEN) || expected.includes(KW.ELSE)) {
    const which = expected.includes(KW.ELSE) ? 'ELSE' : 'THEN';
    return makeDiagnostic(
      Codes.incompleteIf,
      `Expected \`${which}\` but found ${describeFound(shown)}: every \`IF\` needs a \`THEN\` and an \`ELSE\` branch.`,
      at,
      { hint: 'Write `IF p THEN e1 ELSE e2`.' },
    );
  }

  if (err.ruleName === 'module' && expected.includes(EndModule)) {
    if (tokenMatcher(shown, StepToken) || shown.tokenType === KW.BY || shown.tokenType === KW.PROOF) {
      return makeDiagnostic(
        Codes.proofStructure,
        `Unexpected ${describeFound(shown)}: a proof must follow a THEOREM or a proof step.`,
        at,
      );
    }
    return makeDiagnostic(
      Codes.unexpectedToken,
      `Unexpected ${describeFound(shown)}: expected a declaration, a definition, an ASSUME, a THEOREM or \`====\` (the end of the module).`,
      at,
    );
  }

  if (err.ruleName === 'proof' || err.ruleName === 'step') {
    if (expected.includes(StepToken)) {
      return makeDiagnostic(
        Codes.proofStructure,
        `This proof is not finished: expected a proof step (and finally a QED step) but found ${describeFound(shown)}.`,
        at,
        { hint: 'End every proof made of steps with a step such as `<1> QED`.' },
      );
    }
  }

  const expressionRules = new Set([
    'expr',
    'operandSeq',
    'extendable',
    'opOrExpr',
    'fact',
    'literal',
    'generalId',
    'subscript',
  ]);
  if (
    (err.kind === 'noViableAlt' && expressionRules.has(err.ruleName)) ||
    describeExpected(expected) === 'an expression'
  ) {
    const after = previous.image ? ` after \`${previous.image}\`` : '';
    return makeDiagnostic(
      Codes.expressionExpected,
      `Expected an expression${after} but found ${describeFound(shown)}.`,
      at,
    );
  }

  return makeDiagnostic(
    Codes.unexpectedToken,
    `Unexpected ${describeFound(shown)}: expected ${describeExpected(expected)}.`,
    at,
  );
}

function missingOperator(t: TlaToken, at: SourceSpan): Diagnostic {
  return makeDiagnostic(
    Codes.missingOperator,
    `Missing operator: ${describeFound(t)} follows an expression with nothing between them.`,
    at,
    { hint: 'Add the operator that combines the two expressions (or a comma, if this is a list).' },
  );
}
