import { type Diagnostic, makeDiagnostic, type SourcePosition, type SourceSpan } from '@modelcheck/core';
import {
  EmbeddedActionsParser,
  EOF,
  type IParserErrorMessageProvider,
  type IToken,
  type TokenType,
  tokenMatcher,
} from 'chevrotain';
import type {
  AssumeProve,
  BoundVars,
  Case,
  CaseArm,
  ConstantDecl,
  ExceptPathStep,
  ExceptUpdate,
  Expr,
  FunctionDef,
  Ident,
  Instance,
  Junction,
  Labeled,
  Lambda,
  LetDefinition,
  Module,
  ModuleDef,
  NewDecl,
  OpApp,
  OpDecl,
  OperatorDef,
  PathPart,
  Proof,
  ProofStep,
  RecordField,
  RecursiveDecl,
  StepBody,
  Substitution,
  TerminalProof,
  Theorem,
  Unit,
  UseOrHide,
  VariableDecl,
} from './ast.js';
import { TlaSyntaxCodes as Codes } from './diagnostic-codes.js';
import type { TlaToken } from './lexer.js';
import { canonicalOperator, operatorInfo } from './operators.js';
import { type OperatorItem, PrecedenceConflict, resolvePrecedence, type SequenceItem } from './precedence.js';
import {
  AndOp,
  Arrow,
  AtSign,
  allTokens,
  Bang,
  BasedNumber,
  BeginModule,
  Box,
  Colon,
  ColonColon,
  Comma,
  DefBreak,
  DefEq,
  Dot,
  EndModule,
  Eq,
  Exists,
  Forall,
  Identifier,
  IdentLike,
  In,
  InfixOp,
  InfixSym,
  InfixWord,
  KW,
  LAngle,
  LandWord,
  LBrace,
  LBracket,
  LeftArrow,
  LParen,
  MapsTo,
  Minus,
  NumberLit,
  NumberSet,
  OrOp,
  PostfixOp,
  PrefixDeclOp,
  PrefixOp,
  RAngle,
  RAngleUnderscore,
  RBrace,
  RBracket,
  RBracketUnderscore,
  RParen,
  Separator,
  SetMinus,
  SF,
  StepToken,
  StringLit,
  TExists,
  TForall,
  Times,
  Underscore,
  WF,
} from './tokens.js';

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** A syntax error found by the grammar's own checks (not by chevrotain's token matching). */
export class SyntaxFailure extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** What chevrotain reported, kept structured so that `parser.ts` can write a good message. */
export interface RecordedError {
  readonly kind: 'mismatch' | 'noViableAlt' | 'earlyExit' | 'notAllInput';
  readonly expected: readonly TokenType[];
  readonly actual: IToken;
  readonly previous?: IToken;
  readonly ruleName: string;
}

export const errorState: { last?: RecordedError } = {};

const firstTokens = (paths: TokenType[][][]): TokenType[] => {
  const out: TokenType[] = [];
  for (const alt of paths)
    for (const path of alt) if (path.length > 0 && !out.includes(path[0])) out.push(path[0]);
  return out;
};

const messageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, previous, ruleName }) {
    errorState.last = { kind: 'mismatch', expected: [expected], actual, previous, ruleName };
    return 'mismatch';
  },
  buildNotAllInputParsedMessage({ firstRedundant, ruleName }) {
    errorState.last = { kind: 'notAllInput', expected: [], actual: firstRedundant, ruleName };
    return 'not all input parsed';
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous, ruleName }) {
    errorState.last = {
      kind: 'noViableAlt',
      expected: firstTokens(expectedPathsPerAlt),
      actual: actual[0],
      previous,
      ruleName,
    };
    return 'no viable alternative';
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, previous, ruleName }) {
    errorState.last = {
      kind: 'earlyExit',
      expected: firstTokens([expectedIterationPaths]),
      actual: actual[0],
      previous,
      ruleName,
    };
    return 'early exit';
  },
};

// ---------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------

interface JunctionContext {
  /** Layout column of the bullets. */
  readonly col: number;
  readonly type: TokenType;
  /** Index of the current item's bullet: tokens after it at a column <= col are offside. */
  bulletIdx: number;
  readonly first: TlaToken;
}

type NoSpan<T> = Omit<T, 'span'>;

const PRIME_INFO = operatorInfo("'", 'postfix')!;

/** Tokens after which an operator symbol stands for itself (as an argument or substitution). */
const OP_REF_FOLLOWERS: ReadonlySet<TokenType> = new Set<TokenType>([
  Comma,
  RParen,
  EOF,
  DefBreak,
  EndModule,
  Separator,
  BeginModule,
  KW.LOCAL,
  KW.INSTANCE,
  KW.THEOREM,
  KW.ASSUME,
  KW.ASSUMPTION,
  KW.CONSTANT,
  KW.VARIABLE,
  KW.RECURSIVE,
  KW.USE,
  KW.HIDE,
]);

/** Tokens that start an operand (other than prefix operators). */
const OPERAND_STARTS: ReadonlySet<TokenType> = new Set<TokenType>([
  Identifier,
  NumberLit,
  BasedNumber,
  StringLit,
  NumberSet,
  AtSign,
  LBrace,
  LBracket,
  LAngle,
  WF,
  SF,
  Minus,
  AndOp,
  OrOp,
  KW.TRUE,
  KW.BOOLEAN,
  KW.IF,
  KW.CASE,
  KW.LET,
  KW.CHOOSE,
  KW.LAMBDA,
  Forall,
  Exists,
  TForall,
  TExists,
]);

/** Operator symbols that may stand for themselves in operand position (`DEF \prec`, `M!+(a, b)`). */
const OPERAND_SYMBOLS: readonly TokenType[] = [
  InfixSym,
  InfixWord,
  LandWord,
  Eq,
  In,
  Times,
  SetMinus,
  PostfixOp,
  PrefixDeclOp,
];

/** The text a string literal's token stands for (TLA+ escapes decoded). */
export function decodeString(image: string): string {
  let out = '';
  for (let i = 1; i < image.length - 1; i++) {
    const c = image[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = image[++i];
    out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'f' ? '\f' : e;
  }
  return out;
}

function stepLevel(image: string): number {
  const c = image[1];
  if (c === '*') return -1;
  if (c === '+') return -2;
  return Number.parseInt(image.slice(1, image.indexOf('>')), 10);
}

export class TlaParser extends EmbeddedActionsParser {
  file = '<input>';
  private toks: TlaToken[] = [];
  private n = 0;
  private eofTok: TlaToken = {
    image: '',
    startOffset: 0,
    tokenType: EOF,
    tokenTypeIdx: EOF.tokenTypeIdx!,
    start: { line: 1, column: 1, offset: 0 },
    end: { line: 1, column: 1, offset: 0 },
    vcol: Number.NaN,
    firstOnLine: true,
  } as TlaToken;
  private junctions: JunctionContext[] = [];
  private jtop: JunctionContext | undefined;
  private proxies: (TlaToken | undefined)[] = [];
  /** Open brackets not yet closed, innermost last (for "unclosed bracket" messages). */
  openers: TlaToken[] = [];
  private levels: number[] = [];
  /** `/\` and `\/` at line starts that look like misaligned bullets (by start offset). */
  private suspects = new Map<number, { bullet: TlaToken; right: boolean }>();
  private parens = new WeakSet<object>();
  private products = new WeakSet<object>();

  /**
   * Building the parser analyses the grammar (a few hundred milliseconds), so build it once.
   * `validate` also checks the grammar for ambiguities (the tests do; it adds startup time).
   */
  constructor(validate = false) {
    super(allTokens, {
      recoveryEnabled: false,
      maxLookahead: 3,
      errorMessageProvider: messageProvider,
      skipValidations: !validate,
    });
    this.performSelfAnalysis();
  }

  /** Prepares a parse of `tokens` (which must not contain comments). */
  prepare(tokens: TlaToken[], eof: TlaToken, file: string): void {
    this.file = file;
    this.toks = tokens;
    this.n = tokens.length;
    this.eofTok = eof;
    this.junctions = [];
    this.jtop = undefined;
    this.proxies = [];
    this.openers = [];
    this.levels = [];
    this.suspects = new Map();
    this.parens = new WeakSet();
    this.products = new WeakSet();
    errorState.last = undefined;
    this.input = tokens;
  }

  // -------------------------------------------------------------------------------------------
  // Token access with the offside rule of bulleted lists
  // -------------------------------------------------------------------------------------------

  private get cur(): number {
    return (this as unknown as { currIdx: number }).currIdx;
  }

  /** The token at `idx`, ignoring bulleted lists. */
  raw(idx: number): TlaToken {
    return idx >= 0 && idx < this.n ? this.toks[idx] : this.eofTok;
  }

  /** The current innermost bulleted list, if any. */
  get currentJunction():
    | { readonly col: number; readonly type: TokenType; readonly first: TlaToken; readonly bullet: TlaToken }
    | undefined {
    const j = this.jtop;
    return j && { col: j.col, type: j.type, first: j.first, bullet: this.raw(j.bulletIdx) };
  }

  /** The last consumed token. */
  prev(): TlaToken {
    return this.raw(this.cur);
  }

  override LA(howMuch: number): IToken {
    const idx = this.cur + howMuch;
    const t = idx >= 0 && idx < this.n ? this.toks[idx] : this.eofTok;
    const top = this.jtop;
    if (top !== undefined && idx > top.bulletIdx && t.vcol <= top.col) {
      let proxy = this.proxies[idx];
      if (proxy === undefined) {
        proxy = { ...t, tokenType: EOF, tokenTypeIdx: EOF.tokenTypeIdx!, offsideOf: t } as TlaToken;
        this.proxies[idx] = proxy;
      }
      return proxy;
    }
    return t;
  }

  override LA_FAST(howMuch: number): IToken {
    return this.LA(howMuch);
  }

  private la(k: number): TlaToken {
    return this.LA(k) as TlaToken;
  }

  private is(k: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(k), type);
  }

  // -------------------------------------------------------------------------------------------
  // Helpers
  // -------------------------------------------------------------------------------------------

  private span(start: { start: SourcePosition }, end: { end: SourcePosition }): SourceSpan {
    return { file: this.file, start: start.start, end: end.end };
  }

  private tokSpan(t: TlaToken): SourceSpan {
    return { file: this.file, start: t.start, end: t.end };
  }

  private mkIdent(t: TlaToken, name = t.image): Ident {
    return { kind: 'Ident', name, span: this.tokSpan(t) };
  }

  private fail(
    code: string,
    message: string,
    at: TlaToken,
    hint?: string,
    related?: { span: SourceSpan; message: string }[],
  ): never {
    throw new SyntaxFailure(makeDiagnostic(code, message, this.tokSpan(at), { hint, related }));
  }

  private open(t: TlaToken): void {
    this.openers.push(t);
  }

  private close(): void {
    this.openers.pop();
  }

  private prefixName(t: TlaToken): string {
    if (t.tokenType === Minus || t.tokenType === PrefixDeclOp) return '-.';
    return canonicalOperator(t.image);
  }

  private bare(name: string, t: TlaToken, fix: OpApp['fix'] = 'call'): OpApp {
    const span = this.tokSpan(t);
    return { kind: 'OpApp', path: [], name, args: [], fix, nameSpan: span, span };
  }

  private isStepRefToken(t: IToken): boolean {
    if (!tokenMatcher(t, StepToken)) return false;
    const im = t.image;
    return !im.endsWith('.') && !im.endsWith('>');
  }

  private isOpSymbol(t: IToken): boolean {
    return (
      tokenMatcher(t, InfixOp) ||
      tokenMatcher(t, PrefixOp) ||
      tokenMatcher(t, PostfixOp) ||
      t.tokenType === PrefixDeclOp
    );
  }

  private opRefAhead(): boolean {
    return this.isOpSymbol(this.LA(1)) && OP_REF_FOLLOWERS.has(this.LA(2).tokenType);
  }

  /**
   * An operator symbol standing for itself in operand position (`DEF \prec`, `M!+(a, b)`,
   * `\prec(a, b)`): it must be followed by its arguments or end the expression.
   */
  private symbolOperandAhead(): boolean {
    const next = this.LA(1);
    const tt = next.tokenType;
    if (tt === LParen || tt === Bang) return true;
    return !(OPERAND_STARTS.has(tt) || tokenMatcher(next, PrefixOp));
  }

  /** `x \in`, `x, y \in` (if `several`) or `<<a, b>> \in` ahead. */
  private boundAhead(several: boolean): boolean {
    let k = 1;
    if (this.is(1, LAngle)) {
      k = 2;
      if (!this.is(k, Identifier)) return false;
      k++;
      while (this.is(k, Comma) && this.is(k + 1, Identifier)) k += 2;
      if (!this.is(k, RAngle)) return false;
      return this.is(k + 1, In);
    }
    if (!this.is(1, Identifier)) return false;
    k = 2;
    if (several) while (this.is(k, Comma) && this.is(k + 1, Identifier)) k += 2;
    return this.is(k, In);
  }

  /** `x, y :` ahead (an unbounded quantifier or PICK). */
  private identsThenColon(): boolean {
    if (!this.is(1, Identifier)) return false;
    let k = 2;
    while (this.is(k, Comma) && this.is(k + 1, Identifier)) k += 2;
    return this.is(k, Colon);
  }

  private assumeProveAhead(): boolean {
    return (
      this.is(1, KW.ASSUME) || (this.is(1, Identifier) && this.is(2, ColonColon) && this.is(3, KW.ASSUME))
    );
  }

  private beginsProof(t: IToken): boolean {
    const tt = t.tokenType;
    if (tt === KW.BY || tt === KW.PROOF || tt === KW.OBVIOUS || tt === KW.OMITTED) return true;
    if (!tokenMatcher(t, StepToken)) return false;
    const level = stepLevel(t.image);
    if (level === -1) return this.levels.length === 0;
    if (level === -2) return true;
    if (this.levels.length === 0) return true;
    const top = this.levels[this.levels.length - 1];
    return top >= 0 && level > top;
  }

  private checkStepLevel(t: TlaToken): void {
    const level = stepLevel(t.image);
    const d = this.levels.length - 1;
    if (d < 0) return;
    const current = this.levels[d];
    const enclosing = d > 0 ? this.levels[d - 1] : -1;
    const label = t.image.replace(/\.+$/, '');
    if (level === -1) {
      if (current < 0) this.levels[d] = enclosing + 1;
      return;
    }
    if (level === -2) {
      if (current < 0) {
        this.levels[d] = enclosing + 1;
        return;
      }
      this.fail(
        Codes.proofStructure,
        `The step name \`${label}\` may only start a new proof.`,
        t,
        'Use `<*>` or a numbered step here.',
      );
    }
    if (current < 0) {
      this.levels[d] = level;
      if (level <= enclosing) {
        this.fail(
          Codes.proofStructure,
          `Step \`${label}\` has level ${level}, but it starts a proof inside a step of level ${enclosing}: its level must be greater.`,
          t,
          `Number the steps of this proof \`<${enclosing + 1}>\` or deeper.`,
        );
      }
      return;
    }
    if (level !== current) {
      this.fail(
        Codes.proofStructure,
        `Step \`${label}\` has level ${level}, but the steps of this proof have level ${current}.`,
        t,
        level < current
          ? 'The proof above it may be missing its QED step.'
          : `A step of level ${level} must be in the proof of a step of level ${current}.`,
      );
    }
  }

  private pushJunction(j: JunctionContext): void {
    this.junctions.push(j);
    this.jtop = j;
  }

  private popJunction(): void {
    this.junctions.pop();
    this.jtop = this.junctions[this.junctions.length - 1];
  }

  /**
   * A `/\` or `\/` used as an infix operator at the start of a line, to the right of the bullets
   * of a list of the same kind. SANY (and so this parser) reads it as continuing the current item,
   * which is harmless for `a /\ b` but may be a misaligned bullet: remember it, so that an error it
   * causes (a precedence conflict) is reported as a misalignment.
   */
  private checkInfixBullet(op: TlaToken): void {
    if (!op.firstOnLine || (op.tokenType !== AndOp && op.tokenType !== OrOp)) return;
    const top = this.jtop;
    if (top === undefined || op.vcol <= top.col) return;
    this.suspects.set(op.startOffset, { bullet: top.first, right: true });
  }

  /** After a list ends: a bullet starting a line left of the list's column (not a bullet of an enclosing list). */
  private checkAfterJunction(j: JunctionContext): void {
    const t = this.raw(this.cur + 1);
    if ((t.tokenType !== AndOp && t.tokenType !== OrOp) || !t.firstOnLine || !(t.vcol < j.col)) return;
    for (const outer of this.junctions) if (outer.type === t.tokenType && outer.col === t.vcol) return;
    this.suspects.set(t.startOffset, { bullet: j.first, right: false });
  }

  private infixItem(t: TlaToken): OperatorItem {
    const info = operatorInfo(t.image, 'infix');
    if (!info) this.fail(Codes.unexpectedToken, `\`${t.image}\` is not an infix operator.`, t);
    return { kind: 'infix', info, written: t.image, span: this.tokSpan(t) };
  }

  private prefixItem(t: TlaToken): OperatorItem {
    const info = operatorInfo(t.tokenType === Minus ? '-.' : t.image, 'prefix');
    if (!info) this.fail(Codes.unexpectedToken, `\`${t.image}\` is not a prefix operator.`, t);
    return { kind: 'prefix', info, written: t.image, span: this.tokSpan(t) };
  }

  private conflict(e: PrecedenceConflict): never {
    const { left, right } = e;
    for (const op of [right, left]) {
      const suspect = this.suspects.get(op.span.start.offset);
      if (!suspect) continue;
      const other = op === right ? left : right;
      const b = suspect.bullet;
      const where = suspect.right ? 'to the right of' : 'to the left of';
      throw new SyntaxFailure(
        makeDiagnostic(
          Codes.misalignedBullet,
          `Misaligned bullet: this \`${op.written}\` at line ${op.span.start.line}, column ${op.span.start.column} is ${where} the bullets of the list at line ${b.start.line} (column ${b.start.column}), so it does not start a new item; read as an infix operator it conflicts with \`${other.written}\`.`,
          op.span,
          {
            hint: `Align it with the \`${b.image}\` at column ${b.start.column} to start a new item, or add parentheses.`,
            related: [
              { span: this.tokSpan(b), message: "the list's bullets are in this column" },
              { span: other.span, message: `\`${other.written}\` is here` },
            ],
          },
        ),
      );
    }
    const same = left.info === right.info;
    const message = same
      ? `\`${right.written}\` is not associative: \`a ${left.written} b ${right.written} c\` needs parentheses.`
      : `Precedence conflict between \`${left.written}\` (precedence ${left.info.low}-${left.info.high}) and \`${right.written}\` (precedence ${right.info.low}-${right.info.high}): their ranges overlap, so the expression needs parentheses.`;
    throw new SyntaxFailure(
      makeDiagnostic(Codes.precedenceConflict, message, right.span, {
        hint: 'Add parentheses to say which operator applies first.',
        related: [{ span: left.span, message: `\`${left.written}\` is here` }],
      }),
    );
  }

  private resolve(items: SequenceItem[]): Expr {
    try {
      return resolvePrecedence(items, this.parens, this.products);
    } catch (e) {
      if (e instanceof PrecedenceConflict) this.conflict(e);
      throw e;
    }
  }

  /** Applies a postfix operator to the operand just parsed, checking it against the prefix operator before it. */
  private applyPostfix(e: Expr, t: TlaToken, items: SequenceItem[]): Expr {
    const info = operatorInfo(t.image, 'postfix') ?? PRIME_INFO;
    const before = items[items.length - 1];
    const item: OperatorItem = { kind: 'infix', info, written: t.image, span: this.tokSpan(t) };
    if (before !== undefined && before.kind === 'prefix' && !(before.info.high < info.low)) {
      this.conflict(new PrecedenceConflict(before, item));
    }
    const nameSpan = this.tokSpan(t);
    return {
      kind: 'OpApp',
      path: [],
      name: info.name,
      args: [e],
      fix: 'postfix',
      nameSpan,
      span: this.span(e.span, nameSpan),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Names and declarations
  // -------------------------------------------------------------------------------------------

  ident = this.RULE('ident', (): Ident => {
    const t = this.CONSUME(Identifier) as TlaToken;
    return this.ACTION(() => this.mkIdent(t));
  });

  /** A module name or record field: any identifier, reserved words included (as SANY allows). */
  fieldName = this.RULE('fieldName', (): Ident => {
    const t = this.CONSUME(IdentLike) as TlaToken;
    return this.ACTION(() => this.mkIdent(t));
  });

  identList = this.RULE('identList', (): Ident[] => {
    const out: Ident[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => {
        const i = this.SUBRULE(this.ident);
        this.ACTION(() => out.push(i));
      },
    });
    return out;
  });

  /** `x`, `F(_, _)`, `_ + _`, `-. _`, `_ ^+`. */
  opDecl = this.RULE('opDecl', (): OpDecl => {
    return this.OR([
      {
        ALT: () => {
          const name = this.SUBRULE(this.ident);
          let arity = 0;
          let last: TlaToken | undefined;
          this.OPTION(() => {
            this.CONSUME(LParen);
            this.AT_LEAST_ONE_SEP({
              SEP: Comma,
              DEF: () => {
                this.CONSUME(Underscore);
                arity++;
              },
            });
            last = this.CONSUME(RParen) as TlaToken;
          });
          return this.ACTION(
            (): OpDecl => ({
              kind: 'OpDecl',
              name,
              arity,
              fix: 'call',
              span: last ? this.span(name.span, last) : name.span,
            }),
          );
        },
      },
      {
        ALT: () => {
          const op = this.OR2([
            { ALT: () => this.CONSUME(PrefixOp) },
            { ALT: () => this.CONSUME(Minus) },
            { ALT: () => this.CONSUME(PrefixDeclOp) },
          ]) as TlaToken;
          const u = this.CONSUME2(Underscore) as TlaToken;
          return this.ACTION(
            (): OpDecl => ({
              kind: 'OpDecl',
              name: this.mkIdent(op, this.prefixName(op)),
              arity: 1,
              fix: 'prefix',
              span: this.span(op, u),
            }),
          );
        },
      },
      {
        ALT: () => {
          const u = this.CONSUME3(Underscore) as TlaToken;
          return this.OR3([
            {
              ALT: () => {
                const op = this.CONSUME(InfixOp) as TlaToken;
                const u2 = this.CONSUME4(Underscore) as TlaToken;
                return this.ACTION(
                  (): OpDecl => ({
                    kind: 'OpDecl',
                    name: this.mkIdent(op, canonicalOperator(op.image)),
                    arity: 2,
                    fix: 'infix',
                    span: this.span(u, u2),
                  }),
                );
              },
            },
            {
              ALT: () => {
                const op = this.CONSUME(PostfixOp) as TlaToken;
                return this.ACTION(
                  (): OpDecl => ({
                    kind: 'OpDecl',
                    name: this.mkIdent(op, canonicalOperator(op.image)),
                    arity: 1,
                    fix: 'postfix',
                    span: this.span(u, op),
                  }),
                );
              },
            },
          ]);
        },
      },
    ]);
  });

  paramList = this.RULE('paramList', (): OpDecl[] => {
    const out: OpDecl[] = [];
    const lp = this.CONSUME(LParen) as TlaToken;
    this.ACTION(() => this.open(lp));
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => {
        const d = this.SUBRULE(this.opDecl);
        this.ACTION(() => out.push(d));
      },
    });
    this.CONSUME(RParen);
    this.ACTION(() => this.close());
    return out;
  });

  // -------------------------------------------------------------------------------------------
  // Modules and units
  // -------------------------------------------------------------------------------------------

  module = this.RULE('module', (): Module => {
    const begin = this.CONSUME(BeginModule) as TlaToken;
    const name = this.SUBRULE(this.fieldName);
    this.CONSUME(Separator);
    let ext: Ident[] = [];
    this.OPTION(() => {
      this.CONSUME(KW.EXTENDS);
      const names: Ident[] = [];
      this.AT_LEAST_ONE_SEP({
        SEP: Comma,
        DEF: () => {
          const i = this.SUBRULE2(this.fieldName);
          this.ACTION(() => names.push(i));
        },
      });
      ext = names;
    });
    const units: Unit[] = [];
    this.MANY(() => {
      const u = this.SUBRULE(this.unit);
      this.ACTION(() => {
        if (u) units.push(u);
      });
    });
    const end = this.CONSUME(EndModule) as TlaToken;
    return this.ACTION(
      (): Module => ({ kind: 'Module', name, extends: ext, units, span: this.span(begin, end) }),
    );
  });

  unit = this.RULE('unit', (): Unit | undefined => {
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(Separator);
          return undefined;
        },
      },
      { ALT: () => this.SUBRULE(this.variableDecl) },
      { ALT: () => this.SUBRULE(this.constantDecl) },
      { ALT: () => this.SUBRULE(this.recursiveDecl) },
      { ALT: () => this.SUBRULE(this.useOrHide) },
      { ALT: () => this.SUBRULE(this.assumption) },
      { ALT: () => this.SUBRULE(this.theorem) },
      {
        ALT: () => {
          const m = this.SUBRULE(this.module);
          return this.ACTION((): Unit => ({ kind: 'NestedModule', module: m, span: m.span }));
        },
      },
      {
        ALT: () => {
          const local = this.CONSUME(KW.LOCAL) as TlaToken;
          return this.OR2([
            { ALT: () => this.SUBRULE(this.instance, { ARGS: [true, local] }) },
            { ALT: () => this.SUBRULE(this.definition, { ARGS: [true, local] }) },
          ]);
        },
      },
      { ALT: () => this.SUBRULE2(this.instance, { ARGS: [false, undefined] }) },
      { ALT: () => this.SUBRULE2(this.definition, { ARGS: [false, undefined] }) },
      {
        ALT: () => {
          const t = this.CONSUME(Identifier) as TlaToken;
          return this.ACTION(() => this.strayName(t));
        },
      },
    ]);
  });

  /** A name at the start of a unit without `==` after its left-hand side. */
  private strayName(t: TlaToken): never {
    const previous = this.raw(this.cur - 1);
    const prevEndsExpr =
      previous.end.line === t.start.line &&
      (previous.tokenType === Identifier ||
        previous.tokenType === NumberLit ||
        previous.tokenType === StringLit ||
        previous.tokenType === RParen ||
        previous.tokenType === RBracket ||
        previous.tokenType === RBrace ||
        previous.tokenType === RAngle ||
        tokenMatcher(previous, PostfixOp));
    if (prevEndsExpr) {
      this.fail(
        Codes.missingOperator,
        `Missing operator: \`${t.image}\` follows an expression with nothing between them.`,
        t,
        'Add the operator that combines them (or a comma, if this is a list).',
      );
    }
    // Find where `==` should have been: after the name and any bracketed parameters.
    let k = this.cur + 1;
    const first = this.raw(k);
    if (first.tokenType === LParen || first.tokenType === LBracket) {
      let depth = 0;
      for (; k < this.n; k++) {
        const tt = this.raw(k).tokenType;
        if (tt === LParen || tt === LBracket) depth++;
        else if (tt === RParen || tt === RBracket) {
          depth--;
          if (depth === 0) {
            k++;
            break;
          }
        }
      }
    }
    const at = this.raw(k);
    const found = at.tokenType === EOF ? 'the end of the module' : `\`${at.image}\``;
    this.fail(
      Codes.missingDefEq,
      `Missing \`==\` in the definition of \`${t.image}\`: found ${found} where \`==\` was expected.`,
      at,
      `Define it as \`${t.image} == ...\` (\`=\` is equality, \`==\` defines).`,
    );
  }

  variableDecl = this.RULE('variableDecl', (): VariableDecl => {
    const kw = this.CONSUME(KW.VARIABLE) as TlaToken;
    const names = this.SUBRULE(this.identList);
    return this.ACTION(
      (): VariableDecl => ({ kind: 'VariableDecl', names, span: this.span(kw, this.prev()) }),
    );
  });

  constantDecl = this.RULE('constantDecl', (): ConstantDecl => {
    const kw = this.CONSUME(KW.CONSTANT) as TlaToken;
    const decls: OpDecl[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => {
        const d = this.SUBRULE(this.opDecl);
        this.ACTION(() => decls.push(d));
      },
    });
    return this.ACTION(
      (): ConstantDecl => ({ kind: 'ConstantDecl', decls, span: this.span(kw, this.prev()) }),
    );
  });

  recursiveDecl = this.RULE('recursiveDecl', (): RecursiveDecl => {
    const kw = this.CONSUME(KW.RECURSIVE) as TlaToken;
    const decls: OpDecl[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => {
        const d = this.SUBRULE(this.opDecl);
        this.ACTION(() => decls.push(d));
      },
    });
    return this.ACTION(
      (): RecursiveDecl => ({ kind: 'RecursiveDecl', decls, span: this.span(kw, this.prev()) }),
    );
  });

  /** `[LOCAL] Op == e` and the other forms of definition (after a `DefBreak`). */
  definition = this.RULE(
    'definition',
    (local: boolean, localTok: TlaToken | undefined): OperatorDef | FunctionDef | ModuleDef => {
      this.CONSUME(DefBreak);
      return this.OR([
        {
          // f[x \in S] == e
          GATE: () => this.is(2, LBracket),
          ALT: () => {
            const name = this.SUBRULE(this.ident);
            const lb = this.CONSUME(LBracket) as TlaToken;
            this.ACTION(() => this.open(lb));
            const bounds: BoundVars[] = [];
            this.AT_LEAST_ONE_SEP({
              SEP: Comma,
              DEF: () => {
                const b = this.SUBRULE(this.quantBound);
                this.ACTION(() => bounds.push(b));
              },
            });
            this.CONSUME(RBracket);
            this.ACTION(() => this.close());
            this.CONSUME(DefEq);
            const body = this.SUBRULE(this.expr);
            return this.ACTION(
              (): FunctionDef => ({
                kind: 'FunctionDef',
                name,
                bounds,
                body,
                local,
                span: this.span(localTok ?? name.span, body.span),
              }),
            );
          },
        },
        {
          // a ^+ == e
          GATE: () => this.is(1, Identifier) && this.is(2, PostfixOp),
          ALT: () => {
            const a = this.SUBRULE2(this.ident);
            const op = this.CONSUME(PostfixOp) as TlaToken;
            this.CONSUME2(DefEq);
            const body = this.SUBRULE2(this.expr);
            return this.ACTION(
              (): OperatorDef => ({
                kind: 'OperatorDef',
                name: this.mkIdent(op, canonicalOperator(op.image)),
                params: [{ kind: 'OpDecl', name: a, arity: 0, fix: 'call', span: a.span }],
                fix: 'postfix',
                body,
                local,
                span: this.span(localTok ?? a.span, body.span),
              }),
            );
          },
        },
        {
          // a + b == e
          GATE: () => this.is(1, Identifier) && this.is(2, InfixOp),
          ALT: () => {
            const a = this.SUBRULE3(this.ident);
            const op = this.CONSUME(InfixOp) as TlaToken;
            const b = this.SUBRULE4(this.ident);
            this.CONSUME3(DefEq);
            const body = this.SUBRULE3(this.expr);
            return this.ACTION(
              (): OperatorDef => ({
                kind: 'OperatorDef',
                name: this.mkIdent(op, canonicalOperator(op.image)),
                params: [
                  { kind: 'OpDecl', name: a, arity: 0, fix: 'call', span: a.span },
                  { kind: 'OpDecl', name: b, arity: 0, fix: 'call', span: b.span },
                ],
                fix: 'infix',
                body,
                local,
                span: this.span(localTok ?? a.span, body.span),
              }),
            );
          },
        },
        {
          // Op == e, Op(x, y) == e, I == INSTANCE M, I(x) == INSTANCE M
          ALT: () => {
            const name = this.SUBRULE5(this.ident);
            let params: OpDecl[] = [];
            this.OPTION(() => {
              params = this.SUBRULE(this.paramList);
            });
            this.CONSUME4(DefEq);
            return this.OR2([
              {
                ALT: () => {
                  const inst = this.SUBRULE(this.instance, { ARGS: [local, undefined] });
                  return this.ACTION(
                    (): ModuleDef => ({
                      kind: 'ModuleDef',
                      name,
                      params,
                      instance: inst,
                      local,
                      span: this.span(localTok ?? name.span, inst.span),
                    }),
                  );
                },
              },
              {
                ALT: () => {
                  const body = this.SUBRULE4(this.expr);
                  return this.ACTION(
                    (): OperatorDef => ({
                      kind: 'OperatorDef',
                      name,
                      params,
                      fix: 'call',
                      body,
                      local,
                      span: this.span(localTok ?? name.span, body.span),
                    }),
                  );
                },
              },
            ]);
          },
        },
        {
          // -. a == e
          ALT: () => {
            const op = this.OR3([
              { ALT: () => this.CONSUME(PrefixOp) },
              { ALT: () => this.CONSUME(Minus) },
              { ALT: () => this.CONSUME(PrefixDeclOp) },
            ]) as TlaToken;
            const a = this.SUBRULE6(this.ident);
            this.CONSUME5(DefEq);
            const body = this.SUBRULE5(this.expr);
            return this.ACTION(
              (): OperatorDef => ({
                kind: 'OperatorDef',
                name: this.mkIdent(op, this.prefixName(op)),
                params: [{ kind: 'OpDecl', name: a, arity: 0, fix: 'call', span: a.span }],
                fix: 'prefix',
                body,
                local,
                span: this.span(localTok ?? op, body.span),
              }),
            );
          },
        },
      ]);
    },
  );

  instance = this.RULE('instance', (local: boolean, localTok: TlaToken | undefined): Instance => {
    const kw = this.CONSUME(KW.INSTANCE) as TlaToken;
    const module = this.SUBRULE(this.fieldName);
    const substitutions: Substitution[] = [];
    this.OPTION(() => {
      this.CONSUME(KW.WITH);
      this.AT_LEAST_ONE_SEP({
        SEP: Comma,
        DEF: () => {
          const s = this.SUBRULE(this.substitution);
          this.ACTION(() => substitutions.push(s));
        },
      });
    });
    return this.ACTION(
      (): Instance => ({
        kind: 'Instance',
        module,
        substitutions,
        local,
        span: this.span(localTok ?? kw, this.prev()),
      }),
    );
  });

  substitution = this.RULE('substitution', (): Substitution => {
    const target = this.OR([
      { ALT: () => this.SUBRULE(this.ident) },
      {
        ALT: () => {
          const t = this.OR2([
            { ALT: () => this.CONSUME(PrefixOp) },
            { ALT: () => this.CONSUME(PrefixDeclOp) },
            { ALT: () => this.CONSUME(InfixOp) },
            { ALT: () => this.CONSUME(PostfixOp) },
          ]) as TlaToken;
          return this.ACTION(() =>
            this.mkIdent(
              t,
              tokenMatcher(t, PrefixOp) || t.tokenType === PrefixDeclOp
                ? this.prefixName(t)
                : canonicalOperator(t.image),
            ),
          );
        },
      },
    ]);
    this.CONSUME(LeftArrow);
    const value = this.SUBRULE(this.opOrExpr);
    return this.ACTION(
      (): Substitution => ({ kind: 'Substitution', target, value, span: this.span(target.span, value.span) }),
    );
  });

  assumption = this.RULE('assumption', (): Unit => {
    const kw = this.OR([
      { ALT: () => this.CONSUME(KW.ASSUME) },
      { ALT: () => this.CONSUME(KW.ASSUMPTION) },
    ]) as TlaToken;
    let name: Ident | undefined;
    this.OPTION({
      GATE: () => this.is(1, Identifier) && this.is(2, DefEq),
      DEF: () => {
        name = this.SUBRULE(this.ident);
        this.CONSUME(DefEq);
      },
    });
    const expr = this.SUBRULE(this.expr);
    return this.ACTION((): Unit => {
      const keyword = kw.image === 'AXIOM' ? 'AXIOM' : kw.image === 'ASSUMPTION' ? 'ASSUMPTION' : 'ASSUME';
      return name
        ? { kind: 'Assume', keyword, name, expr, span: this.span(kw, expr.span) }
        : { kind: 'Assume', keyword, expr, span: this.span(kw, expr.span) };
    });
  });

  theorem = this.RULE('theorem', (): Theorem => {
    const kw = this.CONSUME(KW.THEOREM) as TlaToken;
    let name: Ident | undefined;
    this.OPTION({
      GATE: () => this.is(1, Identifier) && this.is(2, DefEq),
      DEF: () => {
        name = this.SUBRULE(this.ident);
        this.CONSUME(DefEq);
      },
    });
    const body = this.OR([
      { GATE: () => this.assumeProveAhead(), ALT: () => this.SUBRULE(this.assumeProve) },
      { ALT: () => this.SUBRULE(this.expr) },
    ]);
    let proof: Proof | undefined;
    this.OPTION2({
      GATE: () => this.beginsProof(this.LA(1)),
      DEF: () => {
        proof = this.SUBRULE(this.proof);
      },
    });
    return this.ACTION((): Theorem => {
      const keyword = kw.image as Theorem['keyword'];
      const span = this.span(kw, proof ? proof.span : body.span);
      const t: { -readonly [K in keyof Theorem]: Theorem[K] } = { kind: 'Theorem', keyword, body, span };
      if (name) t.name = name;
      if (proof) t.proof = proof;
      return t;
    });
  });

  // -------------------------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------------------------

  expr = this.RULE('expr', (): Expr => {
    const items: SequenceItem[] = [];
    let open = this.SUBRULE(this.operandSeq, { ARGS: [items] });
    this.MANY({
      GATE: () => !open,
      DEF: () => {
        const op = this.CONSUME(InfixOp) as TlaToken;
        this.ACTION(() => {
          this.checkInfixBullet(op);
          items.push(this.infixItem(op));
        });
        open = this.SUBRULE2(this.operandSeq, { ARGS: [items] });
      },
    });
    return this.ACTION(() => this.resolve(items));
  });

  /** Prefix operators, then an operand (with its postfix operators); returns whether it was "open". */
  operandSeq = this.RULE('operandSeq', (items: SequenceItem[]): boolean => {
    this.MANY(() => {
      const t = this.OR([
        { ALT: () => this.CONSUME(PrefixOp) },
        { ALT: () => this.CONSUME(Minus) },
      ]) as TlaToken;
      this.ACTION(() => items.push(this.prefixItem(t)));
    });
    let open = true;
    const e = this.OR2([
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.caseExpr) },
      { ALT: () => this.SUBRULE(this.letExpr) },
      { ALT: () => this.SUBRULE(this.quantExpr) },
      { ALT: () => this.SUBRULE(this.temporalQuantExpr) },
      { ALT: () => this.SUBRULE(this.chooseExpr) },
      {
        ALT: () => {
          const x = this.SUBRULE(this.extendable, { ARGS: [items] });
          open = false;
          return x;
        },
      },
    ]);
    this.ACTION(() => items.push({ kind: 'operand', expr: e }));
    return open;
  });

  extendable = this.RULE('extendable', (items: SequenceItem[]): Expr => {
    let e = this.OR([
      { ALT: () => this.SUBRULE(this.junction) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
      { ALT: () => this.SUBRULE(this.braces) },
      { ALT: () => this.SUBRULE(this.brackets) },
      { ALT: () => this.SUBRULE(this.angles) },
      { ALT: () => this.SUBRULE(this.fairness) },
      { ALT: () => this.SUBRULE(this.literal) },
      { ALT: () => this.SUBRULE(this.generalId) },
      {
        ALT: () => {
          const t = this.CONSUME(StepToken) as TlaToken;
          return this.ACTION((): Expr => {
            if (!this.isStepRefToken(t)) {
              this.fail(
                Codes.proofStructure,
                `The step \`${t.image}\` cannot be used here: only a named step such as \`<1>2\` can be a fact or an expression.`,
                t,
              );
            }
            return { kind: 'StepRef', label: t.image, span: this.tokSpan(t) };
          });
        },
      },
    ]);
    this.OPTION(() => {
      const cc = this.CONSUME(ColonColon) as TlaToken;
      const body = this.SUBRULE2(this.expr);
      this.ACTION(() => {
        e = this.toLabel(e, cc, body);
      });
    });
    this.MANY(() => {
      this.OR2([
        {
          ALT: () => {
            const p = this.CONSUME(PostfixOp) as TlaToken;
            this.ACTION(() => {
              e = this.applyPostfix(e, p, items);
            });
          },
        },
        {
          ALT: () => {
            this.CONSUME(Dot);
            const f = this.SUBRULE(this.fieldName);
            this.ACTION(() => {
              e = { kind: 'FieldAccess', record: e, field: f, span: this.span(e.span, f.span) };
            });
          },
        },
        {
          ALT: () => {
            const lb = this.CONSUME(LBracket) as TlaToken;
            this.ACTION(() => this.open(lb));
            const args = this.SUBRULE(this.exprList);
            const rb = this.CONSUME(RBracket) as TlaToken;
            this.ACTION(() => {
              this.close();
              e = { kind: 'FunctionApp', fn: e, args, span: this.span(e.span, rb) };
            });
          },
        },
      ]);
    });
    return e;
  });

  exprList = this.RULE('exprList', (): Expr[] => {
    const out: Expr[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => {
        const e = this.SUBRULE(this.expr);
        this.ACTION(() => out.push(e));
      },
    });
    return out;
  });

  literal = this.RULE('literal', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(NumberLit) as TlaToken;
          return this.ACTION((): Expr => {
            const dot = t.image.indexOf('.');
            const span = this.tokSpan(t);
            return dot < 0
              ? { kind: 'Number', digits: t.image, base: 10, span }
              : {
                  kind: 'Number',
                  digits: t.image.slice(0, dot),
                  base: 10,
                  fraction: t.image.slice(dot + 1),
                  span,
                };
          });
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(BasedNumber) as TlaToken;
          return this.ACTION((): Expr => {
            const b = t.image[1].toLowerCase();
            const base = b === 'b' ? 2 : b === 'o' ? 8 : 16;
            return { kind: 'Number', digits: t.image.slice(2), base, span: this.tokSpan(t) };
          });
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(StringLit) as TlaToken;
          return this.ACTION(
            (): Expr => ({ kind: 'String', value: decodeString(t.image), span: this.tokSpan(t) }),
          );
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(KW.TRUE) as TlaToken;
          return this.ACTION(
            (): Expr => ({ kind: 'Bool', value: t.image === 'TRUE', span: this.tokSpan(t) }),
          );
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(KW.BOOLEAN) as TlaToken;
          return this.ACTION((): Expr => this.bare(t.image, t));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(NumberSet) as TlaToken;
          return this.ACTION(
            (): Expr => this.bare(t.image === 'ℕ' ? 'Nat' : t.image === 'ℤ' ? 'Int' : 'Real', t),
          );
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(AtSign) as TlaToken;
          return this.ACTION((): Expr => ({ kind: 'At', span: this.tokSpan(t) }));
        },
      },
    ]);
  });

  /** `Op`, `Op(a, b)`, `M!Op(a)`, `M(x)!Op`, `Op!1!(c)`, `\prec` (an operator standing for itself). */
  generalId = this.RULE('generalId', (): OpApp => {
    const parts: {
      name: string;
      tok: TlaToken;
      args: Expr[];
      end: TlaToken;
      symbol: 'infix' | 'prefix' | 'postfix' | undefined;
    }[] = [];
    const first = this.OR([
      { ALT: () => this.CONSUME(Identifier) },
      ...OPERAND_SYMBOLS.map((type) => ({ ALT: () => this.CONSUME(type) })),
    ]) as TlaToken;
    this.ACTION(() => {
      if (first.tokenType !== Identifier && !this.symbolOperandAhead()) {
        const before = this.raw(this.cur - 1);
        this.fail(
          Codes.expressionExpected,
          `Expected an expression${before.image ? ` after \`${before.image}\`` : ''} but found \`${first.image}\`.`,
          first,
        );
      }
    });
    let args: Expr[] = [];
    this.OPTION(() => {
      args = this.SUBRULE(this.argList);
    });
    this.ACTION(() => {
      const symbol =
        first.tokenType === Identifier
          ? undefined
          : first.tokenType === PrefixDeclOp
            ? 'prefix'
            : tokenMatcher(first, PostfixOp)
              ? 'postfix'
              : 'infix';
      const name =
        first.tokenType === PrefixDeclOp ? '-.' : symbol ? canonicalOperator(first.image) : first.image;
      parts.push({ name, tok: first, args, end: this.prev(), symbol });
    });
    this.MANY(() => {
      this.CONSUME(Bang);
      this.OR2([
        {
          ALT: () => {
            const t = this.OR3([
              { ALT: () => this.CONSUME2(Identifier) },
              { ALT: () => this.CONSUME(NumberLit) },
              { ALT: () => this.CONSUME(LAngle) },
              { ALT: () => this.CONSUME(RAngle) },
              { ALT: () => this.CONSUME(Colon) },
              { ALT: () => this.CONSUME(AtSign) },
              { ALT: () => this.CONSUME(InfixOp) },
              { ALT: () => this.CONSUME2(PostfixOp) },
              { ALT: () => this.CONSUME(PrefixOp) },
              { ALT: () => this.CONSUME2(PrefixDeclOp) },
            ]) as TlaToken;
            let a: Expr[] = [];
            this.OPTION2(() => {
              a = this.SUBRULE2(this.argList);
            });
            this.ACTION(() => {
              const name =
                t.tokenType === Identifier || t.tokenType === NumberLit
                  ? t.image
                  : t.tokenType === LAngle
                    ? '<<'
                    : t.tokenType === RAngle
                      ? '>>'
                      : t.tokenType === PrefixDeclOp
                        ? '-.'
                        : tokenMatcher(t, PrefixOp)
                          ? this.prefixName(t)
                          : canonicalOperator(t.image);
              parts.push({ name, tok: t, args: a, end: this.prev(), symbol: undefined });
            });
          },
        },
        {
          ALT: () => {
            const lp = this.LA(1) as TlaToken;
            const a = this.SUBRULE3(this.argList);
            this.ACTION(() =>
              parts.push({ name: '', tok: lp, args: a, end: this.prev(), symbol: undefined }),
            );
          },
        },
      ]);
    });
    return this.ACTION((): OpApp => {
      const last = parts[parts.length - 1];
      const path: PathPart[] = parts
        .slice(0, -1)
        .map((p) => ({ kind: 'PathPart', name: p.name, args: p.args, span: this.span(p.tok, p.end) }));
      const fix =
        parts.length === 1 && last.symbol !== undefined && last.args.length === 0 ? last.symbol : 'call';
      return {
        kind: 'OpApp',
        path,
        name: last.name,
        args: last.args,
        fix,
        nameSpan: this.tokSpan(last.tok),
        span: this.span(first, last.end),
      };
    });
  });

  argList = this.RULE('argList', (): Expr[] => {
    const lp = this.CONSUME(LParen) as TlaToken;
    this.ACTION(() => this.open(lp));
    const out: Expr[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => {
        const e = this.SUBRULE(this.opOrExpr);
        this.ACTION(() => out.push(e));
      },
    });
    this.CONSUME(RParen);
    this.ACTION(() => this.close());
    return out;
  });

  /** An argument or substitution value: an operator symbol, a LAMBDA or an expression. */
  opOrExpr = this.RULE('opOrExpr', (): Expr => {
    return this.OR([
      {
        GATE: () => this.opRefAhead(),
        ALT: () => {
          const t = this.OR2([
            { ALT: () => this.CONSUME(PrefixOp) },
            { ALT: () => this.CONSUME(PrefixDeclOp) },
            { ALT: () => this.CONSUME(InfixOp) },
            { ALT: () => this.CONSUME(PostfixOp) },
          ]) as TlaToken;
          return this.ACTION((): Expr => {
            if (tokenMatcher(t, PrefixOp) || t.tokenType === PrefixDeclOp)
              return this.bare(this.prefixName(t), t, 'prefix');
            if (tokenMatcher(t, PostfixOp)) return this.bare(canonicalOperator(t.image), t, 'postfix');
            return this.bare(canonicalOperator(t.image), t, 'infix');
          });
        },
      },
      { ALT: () => this.SUBRULE(this.lambda) },
      { ALT: () => this.SUBRULE(this.expr) },
    ]);
  });

  lambda = this.RULE('lambda', (): Lambda => {
    const kw = this.CONSUME(KW.LAMBDA) as TlaToken;
    const params = this.SUBRULE(this.identList);
    this.CONSUME(Colon);
    const body = this.SUBRULE(this.expr);
    return this.ACTION((): Lambda => ({ kind: 'Lambda', params, body, span: this.span(kw, body.span) }));
  });

  parenExpr = this.RULE('parenExpr', (): Expr => {
    const lp = this.CONSUME(LParen) as TlaToken;
    this.ACTION(() => this.open(lp));
    const e = this.SUBRULE(this.expr);
    this.CONSUME(RParen);
    this.ACTION(() => {
      this.close();
      this.parens.add(e);
    });
    return e;
  });

  junction = this.RULE('junction', (): Junction => {
    const items: Expr[] = [];
    let j: JunctionContext | undefined;
    this.ACTION(() => {
      const t = this.la(1);
      j = { col: t.vcol, type: t.tokenType, bulletIdx: this.cur + 1, first: t };
      this.pushJunction(j);
    });
    this.AT_LEAST_ONE({
      GATE: () => items.length === 0 || (this.la(1).tokenType === j!.type && this.la(1).vcol === j!.col),
      DEF: () => {
        this.OR([{ ALT: () => this.CONSUME(AndOp) }, { ALT: () => this.CONSUME(OrOp) }]);
        this.ACTION(() => {
          j!.bulletIdx = this.cur;
        });
        const e = this.SUBRULE(this.expr);
        this.ACTION(() => {
          items.push(e);
          j!.bulletIdx = this.cur + 1;
        });
      },
    });
    return this.ACTION((): Junction => {
      this.popJunction();
      const jc = j!;
      this.checkAfterJunction(jc);
      return {
        kind: 'Junction',
        op: jc.type === AndOp ? '/\\' : '\\/',
        items,
        column: jc.first.start.column,
        span: this.span(jc.first, items[items.length - 1].span),
      };
    });
  });

  ifExpr = this.RULE('ifExpr', (): Expr => {
    const kw = this.CONSUME(KW.IF) as TlaToken;
    const cond = this.SUBRULE(this.expr);
    this.CONSUME(KW.THEN);
    const then = this.SUBRULE2(this.expr);
    this.CONSUME(KW.ELSE);
    const otherwise = this.SUBRULE3(this.expr);
    return this.ACTION(
      (): Expr => ({ kind: 'If', cond, then, else: otherwise, span: this.span(kw, otherwise.span) }),
    );
  });

  caseExpr = this.RULE('caseExpr', (): Case => {
    const kw = this.CONSUME(KW.CASE) as TlaToken;
    this.ACTION(() => {
      const t = this.la(1);
      if (
        t.tokenType === KW.OTHER ||
        t.tokenType === EOF ||
        t.tokenType === EndModule ||
        t.tokenType === DefBreak ||
        (t.tokenType === Box && this.is(2, KW.OTHER))
      ) {
        this.fail(
          Codes.emptyCase,
          'This CASE has no arm: it needs at least one `condition -> value` before any `[]` or `OTHER`.',
          kw,
          'Write `CASE p -> e [] q -> f [] OTHER -> g`.',
        );
      }
    });
    const arms: CaseArm[] = [];
    const first = this.SUBRULE(this.caseArm);
    this.ACTION(() => arms.push(first));
    this.MANY({
      GATE: () => !this.is(2, KW.OTHER),
      DEF: () => {
        this.CONSUME(Box);
        const arm = this.SUBRULE2(this.caseArm);
        this.ACTION(() => arms.push(arm));
      },
    });
    let other: Expr | undefined;
    this.OPTION(() => {
      this.CONSUME2(Box);
      this.CONSUME(KW.OTHER);
      this.CONSUME(Arrow);
      other = this.SUBRULE(this.expr);
    });
    return this.ACTION((): Case => {
      const end = other ? other.span : arms[arms.length - 1].span;
      return other
        ? { kind: 'Case', arms, other, span: this.span(kw, end) }
        : { kind: 'Case', arms, span: this.span(kw, end) };
    });
  });

  caseArm = this.RULE('caseArm', (): CaseArm => {
    const guard = this.SUBRULE(this.expr);
    this.CONSUME(Arrow);
    const body = this.SUBRULE2(this.expr);
    return this.ACTION(
      (): CaseArm => ({ kind: 'CaseArm', guard, body, span: this.span(guard.span, body.span) }),
    );
  });

  letExpr = this.RULE('letExpr', (): Expr => {
    const kw = this.CONSUME(KW.LET) as TlaToken;
    const defs: LetDefinition[] = [];
    this.AT_LEAST_ONE(() => {
      const d = this.OR([
        { ALT: () => this.SUBRULE(this.definition, { ARGS: [false, undefined] }) },
        { ALT: () => this.SUBRULE(this.recursiveDecl) },
      ]);
      this.ACTION(() => defs.push(d));
    });
    this.CONSUME(KW.IN);
    const body = this.SUBRULE(this.expr);
    return this.ACTION((): Expr => ({ kind: 'Let', defs, body, span: this.span(kw, body.span) }));
  });

  /** `x, y \in S` or `<<a, b>> \in S`. */
  quantBound = this.RULE('quantBound', (): BoundVars => {
    const target = this.SUBRULE(this.boundTarget, { ARGS: [true] });
    this.CONSUME(In);
    const set = this.SUBRULE(this.expr);
    return this.ACTION(
      (): BoundVars => ({
        kind: 'Bound',
        names: target.names,
        tuple: target.tuple,
        set,
        span: this.span(target.span, set.span),
      }),
    );
  });

  /** `x`, `x, y` (if `several`) or `<<a, b>>`. */
  boundTarget = this.RULE(
    'boundTarget',
    (several: boolean): { names: Ident[]; tuple: boolean; span: SourceSpan } => {
      return this.OR([
        {
          ALT: () => {
            const la = this.CONSUME(LAngle) as TlaToken;
            const names = this.SUBRULE(this.identList);
            const ra = this.CONSUME(RAngle) as TlaToken;
            return this.ACTION(() => ({ names, tuple: true, span: this.span(la, ra) }));
          },
        },
        {
          ALT: () => {
            const names: Ident[] = [];
            const first = this.SUBRULE(this.ident);
            this.ACTION(() => names.push(first));
            this.MANY({
              GATE: () => several,
              DEF: () => {
                this.CONSUME(Comma);
                const i = this.SUBRULE2(this.ident);
                this.ACTION(() => names.push(i));
              },
            });
            return this.ACTION(() => ({
              names,
              tuple: false,
              span: this.span(first.span, names[names.length - 1].span),
            }));
          },
        },
      ]);
    },
  );

  /** Bounds of `\A`, `\E`, `PICK`: `x, y` (unbounded) or `x \in S, <<a, b>> \in T`. */
  bounds = this.RULE('bounds', (): BoundVars[] => {
    return this.OR([
      {
        GATE: () => this.identsThenColon(),
        ALT: () => {
          const names = this.SUBRULE(this.identList);
          return this.ACTION((): BoundVars[] => [
            {
              kind: 'Bound',
              names,
              tuple: false,
              span: this.span(names[0].span, names[names.length - 1].span),
            },
          ]);
        },
      },
      {
        ALT: () => {
          const out: BoundVars[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: Comma,
            DEF: () => {
              const b = this.SUBRULE(this.quantBound);
              this.ACTION(() => out.push(b));
            },
          });
          return out;
        },
      },
    ]);
  });

  quantExpr = this.RULE('quantExpr', (): Expr => {
    const q = this.OR([{ ALT: () => this.CONSUME(Forall) }, { ALT: () => this.CONSUME(Exists) }]) as TlaToken;
    const bounds = this.SUBRULE(this.bounds);
    this.CONSUME(Colon);
    const body = this.SUBRULE(this.expr);
    return this.ACTION(
      (): Expr => ({
        kind: 'Quantified',
        quantifier: q.tokenType === Forall ? '\\A' : '\\E',
        bounds,
        body,
        span: this.span(q, body.span),
      }),
    );
  });

  temporalQuantExpr = this.RULE('temporalQuantExpr', (): Expr => {
    const q = this.OR([
      { ALT: () => this.CONSUME(TForall) },
      { ALT: () => this.CONSUME(TExists) },
    ]) as TlaToken;
    const names = this.SUBRULE(this.identList);
    this.CONSUME(Colon);
    const body = this.SUBRULE(this.expr);
    return this.ACTION(
      (): Expr => ({
        kind: 'TemporalQuantified',
        quantifier: q.tokenType === TForall ? '\\AA' : '\\EE',
        names,
        body,
        span: this.span(q, body.span),
      }),
    );
  });

  chooseExpr = this.RULE('chooseExpr', (): Expr => {
    const kw = this.CONSUME(KW.CHOOSE) as TlaToken;
    const target = this.SUBRULE(this.boundTarget, { ARGS: [false] });
    let set: Expr | undefined;
    this.OPTION(() => {
      this.CONSUME(In);
      set = this.SUBRULE(this.expr);
    });
    this.CONSUME(Colon);
    const body = this.SUBRULE2(this.expr);
    return this.ACTION((): Expr => {
      const bspan = this.span(target.span, set ? set.span : target.span);
      const bound: BoundVars = set
        ? { kind: 'Bound', names: target.names, tuple: target.tuple, set, span: bspan }
        : { kind: 'Bound', names: target.names, tuple: target.tuple, span: bspan };
      return { kind: 'Choose', bound, body, span: this.span(kw, body.span) };
    });
  });

  braces = this.RULE('braces', (): Expr => {
    const lb = this.CONSUME(LBrace) as TlaToken;
    this.ACTION(() => this.open(lb));
    let node = { kind: 'SetEnum', elements: [] } as NoSpan<Expr>;
    this.OPTION(() => {
      node = this.OR([
        {
          GATE: () => this.boundAhead(false),
          ALT: (): NoSpan<Expr> => {
            const target = this.SUBRULE(this.boundTarget, { ARGS: [false] });
            const inTok = this.CONSUME(In) as TlaToken;
            const set = this.SUBRULE(this.expr);
            return this.OR2([
              {
                ALT: (): NoSpan<Expr> => {
                  this.CONSUME(Colon);
                  const predicate = this.SUBRULE2(this.expr);
                  return this.ACTION(
                    () =>
                      ({
                        kind: 'SetFilter',
                        bound: {
                          kind: 'Bound',
                          names: target.names,
                          tuple: target.tuple,
                          set,
                          span: this.span(target.span, set.span),
                        },
                        predicate,
                      }) as NoSpan<Expr>,
                  );
                },
              },
              {
                ALT: (): NoSpan<Expr> => {
                  const rest: Expr[] = [];
                  this.MANY(() => {
                    this.CONSUME(Comma);
                    const e = this.SUBRULE3(this.expr);
                    this.ACTION(() => rest.push(e));
                  });
                  return this.ACTION(() => {
                    const lhs: Expr = target.tuple
                      ? {
                          kind: 'Tuple',
                          elements: target.names.map((n) => this.identExpr(n)),
                          span: target.span,
                        }
                      : this.identExpr(target.names[0]);
                    const first: Expr = {
                      kind: 'OpApp',
                      path: [],
                      name: '\\in',
                      args: [lhs, set],
                      fix: 'infix',
                      nameSpan: this.tokSpan(inTok),
                      span: this.span(lhs.span, set.span),
                    };
                    return { kind: 'SetEnum', elements: [first, ...rest] } as NoSpan<Expr>;
                  });
                },
              },
            ]);
          },
        },
        {
          ALT: (): NoSpan<Expr> => {
            const e = this.SUBRULE4(this.expr);
            return this.OR3([
              {
                ALT: (): NoSpan<Expr> => {
                  this.CONSUME2(Colon);
                  const bounds: BoundVars[] = [];
                  this.AT_LEAST_ONE_SEP({
                    SEP: Comma,
                    DEF: () => {
                      const b = this.SUBRULE(this.quantBound);
                      this.ACTION(() => bounds.push(b));
                    },
                  });
                  return this.ACTION(() => ({ kind: 'SetMap', body: e, bounds }) as NoSpan<Expr>);
                },
              },
              {
                ALT: (): NoSpan<Expr> => {
                  const elements: Expr[] = [];
                  this.ACTION(() => elements.push(e));
                  this.MANY2(() => {
                    this.CONSUME2(Comma);
                    const x = this.SUBRULE5(this.expr);
                    this.ACTION(() => elements.push(x));
                  });
                  return this.ACTION(() => ({ kind: 'SetEnum', elements }) as NoSpan<Expr>);
                },
              },
            ]);
          },
        },
      ]);
    });
    const rb = this.CONSUME(RBrace) as TlaToken;
    return this.ACTION((): Expr => {
      this.close();
      return { ...node, span: this.span(lb, rb) } as Expr;
    });
  });

  /** `lbl:: body` or `lbl(x, y):: body`, parsed as a name followed by `::`. */
  private toLabel(e: Expr, cc: TlaToken, body: Expr): Labeled {
    const simple = (a: Expr): a is OpApp =>
      a.kind === 'OpApp' && a.path.length === 0 && a.args.length === 0 && a.fix === 'call';
    if (
      e.kind !== 'OpApp' ||
      e.path.length > 0 ||
      e.fix !== 'call' ||
      !/^[A-Za-z0-9_]+$/.test(e.name) ||
      !e.args.every(simple)
    ) {
      this.fail(
        Codes.misplacedLabel,
        'Misplaced `::`: a label is a name (optionally with parameters, `lbl(x)::`) at the start of an expression.',
        cc,
        'Write `lbl:: expression`, or remove the `::`.',
      );
    }
    const label: Ident = { kind: 'Ident', name: e.name, span: e.nameSpan };
    const params: Ident[] = e.args.map((a) => ({ kind: 'Ident', name: (a as OpApp).name, span: a.span }));
    return { kind: 'Labeled', label, params, body, span: this.span(e.span, body.span) };
  }

  private identExpr(i: Ident): OpApp {
    return { kind: 'OpApp', path: [], name: i.name, args: [], fix: 'call', nameSpan: i.span, span: i.span };
  }

  brackets = this.RULE('brackets', (): Expr => {
    const lb = this.CONSUME(LBracket) as TlaToken;
    this.ACTION(() => this.open(lb));
    return this.OR([
      {
        GATE: () => this.boundAhead(true),
        ALT: (): Expr => {
          const bounds: BoundVars[] = [];
          this.AT_LEAST_ONE_SEP({
            SEP: Comma,
            DEF: () => {
              const b = this.SUBRULE(this.quantBound);
              this.ACTION(() => bounds.push(b));
            },
          });
          this.CONSUME(MapsTo);
          const body = this.SUBRULE(this.expr);
          const rb = this.CONSUME(RBracket) as TlaToken;
          return this.ACTION((): Expr => {
            this.close();
            return { kind: 'FunctionCtor', bounds, body, span: this.span(lb, rb) };
          });
        },
      },
      {
        GATE: () => this.is(1, IdentLike) && this.is(2, MapsTo),
        ALT: (): Expr => {
          const fields: RecordField[] = [];
          this.AT_LEAST_ONE_SEP2({
            SEP: Comma,
            DEF: () => {
              const name = this.SUBRULE(this.fieldName);
              this.CONSUME2(MapsTo);
              const value = this.SUBRULE2(this.expr);
              this.ACTION(() =>
                fields.push({ kind: 'RecordField', name, value, span: this.span(name.span, value.span) }),
              );
            },
          });
          const rb = this.CONSUME2(RBracket) as TlaToken;
          return this.ACTION((): Expr => {
            this.close();
            return { kind: 'RecordCtor', fields, span: this.span(lb, rb) };
          });
        },
      },
      {
        GATE: () => this.is(1, IdentLike) && this.is(2, Colon),
        ALT: (): Expr => {
          const fields: RecordField[] = [];
          this.AT_LEAST_ONE_SEP3({
            SEP: Comma,
            DEF: () => {
              const name = this.SUBRULE2(this.fieldName);
              this.CONSUME(Colon);
              const value = this.SUBRULE3(this.expr);
              this.ACTION(() =>
                fields.push({ kind: 'RecordField', name, value, span: this.span(name.span, value.span) }),
              );
            },
          });
          const rb = this.CONSUME3(RBracket) as TlaToken;
          return this.ACTION((): Expr => {
            this.close();
            return { kind: 'RecordSet', fields, span: this.span(lb, rb) };
          });
        },
      },
      {
        ALT: (): Expr => {
          const e = this.SUBRULE4(this.expr);
          return this.OR2([
            {
              ALT: (): Expr => {
                this.CONSUME(Arrow);
                const codomain = this.SUBRULE5(this.expr);
                const rb = this.CONSUME4(RBracket) as TlaToken;
                return this.ACTION((): Expr => {
                  this.close();
                  return { kind: 'FunctionSet', domain: e, codomain, span: this.span(lb, rb) };
                });
              },
            },
            {
              ALT: (): Expr => {
                this.CONSUME(KW.EXCEPT);
                this.ACTION(() => this.checkExceptBang());
                const updates: ExceptUpdate[] = [];
                this.AT_LEAST_ONE_SEP4({
                  SEP: Comma,
                  DEF: () => {
                    const u = this.SUBRULE(this.exceptUpdate);
                    this.ACTION(() => updates.push(u));
                  },
                });
                const rb = this.CONSUME5(RBracket) as TlaToken;
                return this.ACTION((): Expr => {
                  this.close();
                  return { kind: 'Except', fn: e, updates, span: this.span(lb, rb) };
                });
              },
            },
            {
              ALT: (): Expr => {
                this.CONSUME(RBracketUnderscore);
                this.ACTION(() => this.close());
                const subscript = this.SUBRULE(this.subscript);
                return this.ACTION(
                  (): Expr => ({
                    kind: 'ActionExpr',
                    box: true,
                    action: e,
                    subscript,
                    span: this.span(lb, subscript.span),
                  }),
                );
              },
            },
          ]);
        },
      },
    ]);
  });

  private checkExceptBang(): void {
    const t = this.la(1);
    if (t.tokenType === Bang) return;
    const shown = t.offsideOf ?? t;
    this.fail(
      Codes.exceptWithoutBang,
      `Each EXCEPT update must start with \`!\`, as in \`![i] = e\` or \`!.field = e\`; found ${shown.tokenType === EOF ? 'the end of the input' : `\`${shown.image}\``}.`,
      shown,
      'Write `[f EXCEPT ![x] = v]`.',
    );
  }

  exceptUpdate = this.RULE('exceptUpdate', (): ExceptUpdate => {
    this.ACTION(() => this.checkExceptBang());
    const bang = this.CONSUME(Bang) as TlaToken;
    const path: ExceptPathStep[] = [];
    this.AT_LEAST_ONE(() => {
      this.OR([
        {
          ALT: () => {
            const d = this.CONSUME(Dot) as TlaToken;
            const name = this.SUBRULE(this.fieldName);
            this.ACTION(() => path.push({ kind: 'field', name, span: this.span(d, name.span) }));
          },
        },
        {
          ALT: () => {
            const lb = this.CONSUME(LBracket) as TlaToken;
            this.ACTION(() => this.open(lb));
            const args = this.SUBRULE(this.exprList);
            const rb = this.CONSUME(RBracket) as TlaToken;
            this.ACTION(() => {
              this.close();
              path.push({ kind: 'index', args, span: this.span(lb, rb) });
            });
          },
        },
      ]);
    });
    this.CONSUME(Eq);
    const value = this.SUBRULE(this.expr);
    return this.ACTION(
      (): ExceptUpdate => ({ kind: 'ExceptUpdate', path, value, span: this.span(bang, value.span) }),
    );
  });

  angles = this.RULE('angles', (): Expr => {
    const la = this.CONSUME(LAngle) as TlaToken;
    this.ACTION(() => this.open(la));
    let elements: Expr[] = [];
    this.OPTION(() => {
      elements = this.SUBRULE(this.exprList);
    });
    return this.OR([
      {
        ALT: (): Expr => {
          const ra = this.CONSUME(RAngle) as TlaToken;
          return this.ACTION((): Expr => {
            this.close();
            return { kind: 'Tuple', elements, span: this.span(la, ra) };
          });
        },
      },
      {
        ALT: (): Expr => {
          const ra = this.CONSUME(RAngleUnderscore) as TlaToken;
          this.ACTION(() => {
            this.close();
            if (elements.length !== 1) {
              this.fail(
                Codes.unexpectedToken,
                `\`<<A>>_v\` takes exactly one action between \`<<\` and \`>>_\`, but this has ${elements.length}.`,
                ra,
              );
            }
          });
          const subscript = this.SUBRULE(this.subscript);
          return this.ACTION(
            (): Expr => ({
              kind: 'ActionExpr',
              box: false,
              action: elements[0],
              subscript,
              span: this.span(la, subscript.span),
            }),
          );
        },
      },
    ]);
  });

  /** What may follow `]_`, `>>_`, `WF_` and `SF_`: a name (with arguments and `!`), or a bracketed expression. */
  subscript = this.RULE('subscript', (): Expr => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.generalId) },
      { ALT: () => this.SUBRULE(this.parenExpr) },
      { ALT: () => this.SUBRULE(this.braces) },
      { ALT: () => this.SUBRULE(this.brackets) },
      { ALT: () => this.SUBRULE(this.angles) },
    ]);
  });

  fairness = this.RULE('fairness', (): Expr => {
    const kw = this.OR([{ ALT: () => this.CONSUME(WF) }, { ALT: () => this.CONSUME(SF) }]) as TlaToken;
    const sub = this.SUBRULE(this.subscript);
    let action: Expr | undefined;
    let end: TlaToken | undefined;
    this.OPTION({
      GATE: () => this.is(1, LParen),
      DEF: () => {
        const lp = this.CONSUME(LParen) as TlaToken;
        this.ACTION(() => this.open(lp));
        action = this.SUBRULE(this.expr);
        end = this.CONSUME(RParen) as TlaToken;
        this.ACTION(() => this.close());
      },
    });
    return this.ACTION((): Expr => {
      const strong = kw.tokenType === SF;
      if (action && end)
        return { kind: 'Fairness', strong, subscript: sub, action, span: this.span(kw, end) };
      // `WF_vars(A)`: the subscript's last argument list is the action.
      if (sub.kind === 'OpApp' && sub.fix === 'call' && sub.args.length === 1) {
        const subscript: OpApp = { ...sub, args: [], span: this.span(sub.span, sub.nameSpan) };
        return { kind: 'Fairness', strong, subscript, action: sub.args[0], span: this.span(kw, sub.span) };
      }
      return this.fail(
        Codes.unexpectedToken,
        `Ill-formed fairness expression: \`${kw.image}\` needs a subscript and an action, as in \`${kw.image}vars(Next)\`.`,
        kw,
      );
    });
  });

  // -------------------------------------------------------------------------------------------
  // ASSUME ... PROVE, proofs
  // -------------------------------------------------------------------------------------------

  assumeProve = this.RULE('assumeProve', (): AssumeProve => {
    let label: Ident | undefined;
    this.OPTION(() => {
      label = this.SUBRULE(this.ident);
      this.CONSUME(ColonColon);
    });
    const kw = this.CONSUME(KW.ASSUME) as TlaToken;
    const assumptions: AssumeProve['assumptions'][number][] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: Comma,
      DEF: () => {
        const a = this.OR([
          { GATE: () => this.assumeProveAhead(), ALT: () => this.SUBRULE(this.assumeProve) },
          {
            GATE: () => {
              const tt = this.LA(1).tokenType;
              return (
                tt === KW.NEW ||
                tt === KW.CONSTANT ||
                tt === KW.VARIABLE ||
                tt === KW.STATE ||
                tt === KW.ACTION ||
                tt === KW.TEMPORAL
              );
            },
            ALT: () => this.SUBRULE(this.newDecl),
          },
          { ALT: () => this.SUBRULE(this.expr) },
        ]);
        this.ACTION(() => assumptions.push(a));
      },
    });
    this.CONSUME(KW.PROVE);
    const goal = this.SUBRULE2(this.expr);
    return this.ACTION((): AssumeProve => {
      const span = this.span(label ? label.span : kw, goal.span);
      return label
        ? { kind: 'AssumeProve', assumptions, goal, label, span }
        : { kind: 'AssumeProve', assumptions, goal, span };
    });
  });

  newDecl = this.RULE('newDecl', (): NewDecl => {
    let isNew = false;
    let first: TlaToken | undefined;
    this.OPTION(() => {
      first = this.CONSUME(KW.NEW) as TlaToken;
      isNew = true;
    });
    return this.OR([
      {
        ALT: (): NewDecl => {
          const kw = this.CONSUME(KW.VARIABLE) as TlaToken;
          const name = this.SUBRULE(this.ident);
          return this.ACTION(
            (): NewDecl => ({
              kind: 'NewDecl',
              level: 'VARIABLE',
              isNew,
              decl: { kind: 'OpDecl', name, arity: 0, fix: 'call', span: name.span },
              span: this.span(first ?? kw, name.span),
            }),
          );
        },
      },
      {
        ALT: (): NewDecl => {
          const kw = this.OR2([
            { ALT: () => this.CONSUME(KW.STATE) },
            { ALT: () => this.CONSUME(KW.ACTION) },
            { ALT: () => this.CONSUME(KW.TEMPORAL) },
          ]) as TlaToken;
          const decl = this.SUBRULE(this.opDecl);
          return this.ACTION((): NewDecl => {
            const level =
              kw.tokenType === KW.STATE ? 'STATE' : kw.tokenType === KW.ACTION ? 'ACTION' : 'TEMPORAL';
            return { kind: 'NewDecl', level, isNew, decl, span: this.span(first ?? kw, decl.span) };
          });
        },
      },
      {
        ALT: (): NewDecl => {
          let kw: TlaToken | undefined;
          this.OPTION2(() => {
            kw = this.CONSUME(KW.CONSTANT) as TlaToken;
          });
          this.ACTION(() => {
            if (!isNew && !kw) {
              this.fail(
                Codes.malformedDeclaration,
                'Expected `NEW`, `CONSTANT`, `VARIABLE`, `STATE`, `ACTION` or `TEMPORAL`.',
                this.la(1),
              );
            }
          });
          return this.OR3([
            {
              GATE: () => this.is(1, Identifier) && this.is(2, In),
              ALT: (): NewDecl => {
                const name = this.SUBRULE2(this.ident);
                this.CONSUME(In);
                const set = this.SUBRULE(this.expr);
                return this.ACTION(
                  (): NewDecl => ({
                    kind: 'NewDecl',
                    level: 'CONSTANT',
                    isNew,
                    decl: { kind: 'OpDecl', name, arity: 0, fix: 'call', span: name.span },
                    set,
                    span: this.span(first ?? kw ?? name.span, set.span),
                  }),
                );
              },
            },
            {
              ALT: (): NewDecl => {
                const decl = this.SUBRULE2(this.opDecl);
                return this.ACTION(
                  (): NewDecl => ({
                    kind: 'NewDecl',
                    level: 'CONSTANT',
                    isNew,
                    decl,
                    span: this.span(first ?? kw ?? decl.span, decl.span),
                  }),
                );
              },
            },
          ]);
        },
      },
    ]);
  });

  /** `[ONLY] facts [DEF names]` of BY, USE and HIDE. */
  factsAndDefs = this.RULE('factsAndDefs', (): { only: boolean; facts: Expr[]; defs: Expr[] } => {
    let only = false;
    const facts: Expr[] = [];
    const defs: Expr[] = [];
    this.OPTION(() => {
      this.CONSUME(KW.ONLY);
      only = true;
    });
    this.OPTION2({
      GATE: () => !tokenMatcher(this.LA(1), StepToken) || this.isStepRefToken(this.LA(1)),
      DEF: () => {
        this.AT_LEAST_ONE_SEP({
          SEP: Comma,
          DEF: () => {
            const f = this.SUBRULE(this.fact);
            this.ACTION(() => facts.push(f));
          },
        });
      },
    });
    this.OPTION3(() => {
      this.CONSUME(KW.DEF);
      this.AT_LEAST_ONE_SEP2({
        SEP: Comma,
        DEF: () => {
          const f = this.SUBRULE2(this.fact);
          this.ACTION(() => defs.push(f));
        },
      });
    });
    return { only, facts, defs };
  });

  fact = this.RULE('fact', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(KW.MODULE) as TlaToken;
          const name = this.SUBRULE(this.fieldName);
          return this.ACTION(
            (): Expr => ({
              kind: 'OpApp',
              path: [],
              name: name.name,
              args: [],
              fix: 'call',
              nameSpan: name.span,
              span: this.span(kw, name.span),
              moduleRef: true,
            }),
          );
        },
      },
      { ALT: () => this.SUBRULE(this.opOrExpr) },
    ]);
  });

  useOrHide = this.RULE('useOrHide', (): UseOrHide => {
    const kw = this.OR([
      { ALT: () => this.CONSUME(KW.USE) },
      { ALT: () => this.CONSUME(KW.HIDE) },
    ]) as TlaToken;
    const fd = this.SUBRULE(this.factsAndDefs);
    return this.ACTION(
      (): UseOrHide => ({
        kind: 'UseOrHide',
        keyword: kw.tokenType === KW.USE ? 'USE' : 'HIDE',
        only: fd.only,
        facts: fd.facts,
        defs: fd.defs,
        span: this.span(kw, this.prev()),
      }),
    );
  });

  proof = this.RULE('proof', (): Proof => {
    this.ACTION(() => this.levels.push(-1));
    const first = this.la(1);
    const p = this.OR([
      {
        ALT: (): Proof => {
          let proofKeyword = false;
          this.OPTION(() => {
            this.CONSUME(KW.PROOF);
            proofKeyword = true;
          });
          this.CONSUME(KW.BY);
          const fd = this.SUBRULE(this.factsAndDefs);
          return this.ACTION(
            (): TerminalProof => ({
              kind: 'TerminalProof',
              form: 'BY',
              proofKeyword,
              only: fd.only,
              facts: fd.facts,
              defs: fd.defs,
              span: this.span(first, this.prev()),
            }),
          );
        },
      },
      {
        ALT: (): Proof => {
          let proofKeyword = false;
          this.OPTION2(() => {
            this.CONSUME2(KW.PROOF);
            proofKeyword = true;
          });
          const t = this.OR2([
            { ALT: () => this.CONSUME(KW.OBVIOUS) },
            { ALT: () => this.CONSUME(KW.OMITTED) },
          ]) as TlaToken;
          return this.ACTION(
            (): TerminalProof => ({
              kind: 'TerminalProof',
              form: t.tokenType === KW.OBVIOUS ? 'OBVIOUS' : 'OMITTED',
              proofKeyword,
              only: false,
              facts: [],
              defs: [],
              span: this.span(first, t),
            }),
          );
        },
      },
      {
        ALT: (): Proof => {
          let proofKeyword = false;
          this.OPTION3(() => {
            this.CONSUME3(KW.PROOF);
            proofKeyword = true;
          });
          const steps: ProofStep[] = [];
          this.MANY({
            GATE: () => !this.is(2, KW.QED),
            DEF: () => {
              const s = this.SUBRULE(this.step);
              this.ACTION(() => steps.push(s));
            },
          });
          const qed = this.SUBRULE2(this.step);
          return this.ACTION((): Proof => {
            steps.push(qed);
            return { kind: 'StepsProof', proofKeyword, steps, span: this.span(first, qed.span) };
          });
        },
      },
    ]);
    this.ACTION(() => this.levels.pop());
    return p;
  });

  step = this.RULE('step', (): ProofStep => {
    const st = this.CONSUME(StepToken) as TlaToken;
    this.ACTION(() => this.checkStepLevel(st));
    let mayHaveProof = true;
    const body = this.OR([
      {
        ALT: (): StepBody => {
          this.CONSUME(KW.QED);
          return { kind: 'Qed' };
        },
      },
      {
        ALT: (): StepBody => {
          const use = this.SUBRULE(this.useOrHide);
          mayHaveProof = false;
          return this.ACTION((): StepBody => ({ kind: 'UseOrHide', use }));
        },
      },
      {
        ALT: (): StepBody => {
          const instance = this.SUBRULE(this.instance, { ARGS: [false, undefined] });
          mayHaveProof = false;
          return this.ACTION((): StepBody => ({ kind: 'Instance', instance }));
        },
      },
      {
        ALT: (): StepBody => {
          this.OPTION(() => this.CONSUME(KW.DEFINE));
          const defs: (OperatorDef | FunctionDef | ModuleDef)[] = [];
          this.AT_LEAST_ONE(() => {
            const d = this.SUBRULE(this.definition, { ARGS: [false, undefined] });
            this.ACTION(() => defs.push(d));
          });
          mayHaveProof = false;
          return { kind: 'Define', defs };
        },
      },
      {
        ALT: (): StepBody => {
          this.CONSUME(KW.HAVE);
          const e = this.SUBRULE(this.expr);
          mayHaveProof = false;
          return this.ACTION((): StepBody => ({ kind: 'Have', body: e }));
        },
      },
      {
        ALT: (): StepBody => {
          this.CONSUME(KW.TAKE);
          const bounds = this.OR2([
            {
              GATE: () => this.boundAhead(true),
              ALT: () => {
                const out: BoundVars[] = [];
                this.AT_LEAST_ONE_SEP({
                  SEP: Comma,
                  DEF: () => {
                    const b = this.SUBRULE(this.quantBound);
                    this.ACTION(() => out.push(b));
                  },
                });
                return out;
              },
            },
            {
              ALT: () => {
                const names = this.SUBRULE(this.identList);
                return this.ACTION((): BoundVars[] => [
                  {
                    kind: 'Bound',
                    names,
                    tuple: false,
                    span: this.span(names[0].span, names[names.length - 1].span),
                  },
                ]);
              },
            },
          ]);
          mayHaveProof = false;
          return this.ACTION((): StepBody => ({ kind: 'Take', bounds }));
        },
      },
      {
        ALT: (): StepBody => {
          this.CONSUME(KW.WITNESS);
          const exprs = this.SUBRULE(this.exprList);
          mayHaveProof = false;
          return this.ACTION((): StepBody => ({ kind: 'Witness', exprs }));
        },
      },
      {
        ALT: (): StepBody => {
          this.CONSUME(KW.PICK);
          const bounds = this.SUBRULE(this.bounds);
          this.CONSUME(Colon);
          const e = this.SUBRULE2(this.expr);
          return this.ACTION((): StepBody => ({ kind: 'Pick', bounds, body: e }));
        },
      },
      {
        GATE: () => this.is(1, KW.CASE),
        ALT: (): StepBody => {
          this.CONSUME(KW.CASE);
          const e = this.SUBRULE3(this.expr);
          return this.ACTION((): StepBody => ({ kind: 'Case', body: e }));
        },
      },
      {
        ALT: (): StepBody => {
          let suffices = false;
          this.OPTION2(() => {
            this.CONSUME(KW.SUFFICES);
            suffices = true;
          });
          const e = this.OR3([
            { GATE: () => this.assumeProveAhead(), ALT: () => this.SUBRULE(this.assumeProve) },
            { ALT: () => this.SUBRULE4(this.expr) },
          ]);
          return this.ACTION((): StepBody => ({ kind: 'Assert', suffices, body: e }));
        },
      },
    ]);
    let proof: Proof | undefined;
    this.OPTION3({
      GATE: () => this.beginsProof(this.LA(1)),
      DEF: () => {
        this.ACTION(() => {
          if (!mayHaveProof) {
            this.fail(
              Codes.proofStructure,
              `This step takes no proof, but a proof follows it (\`${this.la(1).image}\`).`,
              this.la(1),
              'Only assertions, SUFFICES, CASE, PICK and QED steps have proofs.',
            );
          }
        });
        proof = this.SUBRULE(this.proof);
      },
    });
    return this.ACTION((): ProofStep => {
      const dot = st.image.endsWith('.');
      const label = st.image.replace(/\.+$/, '');
      const end = proof ? proof.span : this.prev();
      const s: { -readonly [K in keyof ProofStep]: ProofStep[K] } = {
        kind: 'ProofStep',
        label,
        dot,
        body,
        span: this.span(st, end),
      };
      if (proof) s.proof = proof;
      return s;
    });
  });
}
