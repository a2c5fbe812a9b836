import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * Token types of the TLA+ lexer.
 *
 * Chevrotain tries the lexer's patterns in order and takes the first that matches (not the
 * longest), so longer symbols come before their prefixes (`<=>` before `<=` before `<`).
 * Identifier-like words are lexed as `Identifier` and then re-typed (keywords, `ENABLED`...) by
 * the lexer's post-pass (see `lexer.ts`), as are backslash words (`\in`, `\cup`, `\A`...).
 */

// ---------------------------------------------------------------------------------------------
// Categories (never produced by the lexer themselves)
// ---------------------------------------------------------------------------------------------

/** Any infix operator symbol (including `-`, `=`, `\in`, `/\`, `\/`, `\X`). */
export const InfixOp = createToken({ name: 'InfixOp', pattern: Lexer.NA });
/** Any prefix operator symbol usable in expressions (`~`, `[]`, `<>`, `ENABLED`, `SUBSET`...). */
export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA });
/** Any postfix operator symbol (`'`, `^+`, `^*`, `^#`). */
export const PostfixOp = createToken({ name: 'PostfixOp', pattern: Lexer.NA });
/** Identifiers and reserved words: what may name a record field. */
export const IdentLike = createToken({ name: 'IdentLike', pattern: Lexer.NA });
/** Proof step names: `<1>2`, `<1>2.`, `<1>`, `<*>`, `<+>`. */
export const StepToken = createToken({ name: 'StepToken', pattern: Lexer.NA });

// ---------------------------------------------------------------------------------------------
// Skipped and comment tokens
// ---------------------------------------------------------------------------------------------

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v\u00a0\u2028\u2029\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

/** Set by `matchBlockComment` when a `(*` comment runs to the end of the text. */
export const unterminatedComments: number[] = [];

function matchBlockComment(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 40 || text.charCodeAt(offset + 1) !== 42) return null;
  let depth = 1;
  let i = offset + 2;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 40 && text.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (c === 42 && text.charCodeAt(i + 1) === 41) {
      depth--;
      i += 2;
      if (depth === 0) return [text.slice(offset, i)] as unknown as RegExpExecArray;
    } else {
      i++;
    }
  }
  unterminatedComments.push(offset);
  return [text.slice(offset)] as unknown as RegExpExecArray;
}

export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: { exec: matchBlockComment },
  start_chars_hint: ['('],
  line_breaks: true,
  group: 'comments',
});

export const LineComment = createToken({
  name: 'LineComment',
  pattern: /\\\*[^\n\r]*/,
  group: 'comments',
});

// ---------------------------------------------------------------------------------------------
// Module structure
// ---------------------------------------------------------------------------------------------

export const BeginModule = createToken({ name: 'BeginModule', pattern: /-{4,} *MODULE(?![A-Za-z0-9_])/ });
export const Separator = createToken({ name: 'Separator', pattern: /-{4,}/ });
export const EndModule = createToken({ name: 'EndModule', pattern: /={4,}/ });
export const DefEq = createToken({ name: 'DefEq', pattern: /==|≜/ });
/**
 * Not produced by the lexer: inserted before the left-hand side of every definition, as SANY
 * does, so that an expression never swallows the start of the next definition.
 */
export const DefBreak = createToken({ name: 'DefBreak', pattern: Lexer.NA });

// ---------------------------------------------------------------------------------------------
// Literals and names
// ---------------------------------------------------------------------------------------------

export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/ });
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
});
/** `\b101`, `\o17`, `\h1F` (digits are checked by the post-pass, so `\b102` is reported well). */
export const BasedNumber = createToken({
  name: 'BasedNumber',
  pattern: /\\[bBoO][0-9]+|\\[hH][0-9a-fA-F]+/,
  start_chars_hint: ['\\'],
});
export const Step = createToken({
  name: 'Step',
  pattern: /<(?:[0-9]+|\*|\+)>[A-Za-z0-9_]*\.*/,
  categories: [StepToken],
});
export const WF = createToken({ name: 'WF', pattern: /WF_/ });
export const SF = createToken({ name: 'SF', pattern: /SF_/ });
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[0-9_]*[A-Za-z][A-Za-z0-9_]*/,
  categories: [IdentLike],
});
export const NumberLit = createToken({ name: 'NumberLit', pattern: /[0-9]+(?:\.[0-9]+)?/ });
/** `ℕ`, `ℤ`, `ℝ`: identifiers `Nat`, `Int`, `Real`. */
export const NumberSet = createToken({ name: 'NumberSet', pattern: /[ℕℤℝ]/ });

// ---------------------------------------------------------------------------------------------
// Backslash words: `\in`, `\cup`, `\A`, `\X`, `\/`... (`\*` is a comment, `\b101` a number)
// ---------------------------------------------------------------------------------------------

/** Every backslash word, mapped to its role by `lexer.ts`. */
export const BACKSLASH_WORDS: ReadonlySet<string> = new Set([
  'A',
  'E',
  'AA',
  'EE',
  'forall',
  'exists',
  'X',
  'times',
  'in',
  'notin',
  'lnot',
  'neg',
  'land',
  'lor',
  'equiv',
  'cup',
  'cap',
  'union',
  'intersect',
  'subseteq',
  'subset',
  'supseteq',
  'supset',
  'leq',
  'geq',
  'prec',
  'succ',
  'preceq',
  'succeq',
  'sim',
  'simeq',
  'll',
  'gg',
  'asymp',
  'approx',
  'cong',
  'sqsubset',
  'sqsubseteq',
  'sqsupset',
  'sqsupseteq',
  'doteq',
  'propto',
  'cdot',
  'sqcap',
  'sqcup',
  'uplus',
  'wr',
  'oplus',
  'ominus',
  'odot',
  'oslash',
  'otimes',
  'div',
  'star',
  'o',
  'circ',
  'bigcirc',
  'bullet',
]);

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function matchBackslashWord(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 92) return null;
  let end = offset + 1;
  while (end < text.length && isLetter(text.charCodeAt(end))) end++;
  // Longest known word that is a prefix of the run of letters (as a longest-match lexer would do).
  for (let e = end; e > offset + 1; e--) {
    if (BACKSLASH_WORDS.has(text.slice(offset + 1, e)))
      return [text.slice(offset, e)] as unknown as RegExpExecArray;
  }
  return null;
}

export const BackslashWord = createToken({
  name: 'BackslashWord',
  pattern: { exec: matchBackslashWord },
  start_chars_hint: ['\\'],
});

// ---------------------------------------------------------------------------------------------
// Operators and punctuation with a role in the grammar
// ---------------------------------------------------------------------------------------------

/** `/\` and `∧` (and, after re-typing, `\land`, which is not a bullet). */
export const AndOp = createToken({ name: 'AndOp', pattern: /\/\\|∧/, categories: [InfixOp] });
export const OrOp = createToken({ name: 'OrOp', pattern: /\\\/|∨/, categories: [InfixOp] });
/** `\land`, `\lor`: conjunction and disjunction that cannot be bullets. */
export const LandWord = createToken({ name: 'LandWord', pattern: Lexer.NA, categories: [InfixOp] });
export const In = createToken({ name: 'In', pattern: /∈/, categories: [InfixOp] });
export const Eq = createToken({ name: 'Eq', pattern: /=/, categories: [InfixOp] });
export const Minus = createToken({ name: 'Minus', pattern: /-/, categories: [InfixOp] });
export const Times = createToken({ name: 'Times', pattern: /×/, categories: [InfixOp] });
/** `-.`: the name of unary minus in definitions and declarations. */
export const PrefixDeclOp = createToken({ name: 'PrefixDeclOp', pattern: /-\./ });
/** `[]` / `□`: the box operator, also the CASE separator. */
export const Box = createToken({ name: 'Box', pattern: /\[\]|□/, categories: [PrefixOp] });
export const Diamond = createToken({ name: 'Diamond', pattern: /<>|◇/, categories: [PrefixOp] });
export const Tilde = createToken({ name: 'Tilde', pattern: /~(?!>)|¬/, categories: [PrefixOp] });
/** ENABLED, UNCHANGED, SUBSET, UNION, DOMAIN (re-typed identifiers). */
export const PrefixWord = createToken({
  name: 'PrefixWord',
  pattern: Lexer.NA,
  categories: [PrefixOp, IdentLike],
});
export const Prime = createToken({ name: 'Prime', pattern: /'/, categories: [PostfixOp] });
export const PostfixSym = createToken({ name: 'PostfixSym', pattern: /\^[+*#]|⁺/, categories: [PostfixOp] });
/** Every other infix symbol (the precedence table decides what it is). */
export const InfixSym = createToken({
  name: 'InfixSym',
  pattern:
    /-\+->|--|-\||<=>|<=|<:|=>|=<|=\||::=|:=|:>|\.\.\.|\.\.|\|\||\|-|\|=|\||\/\/|\/=|\/|&&|&|\$\$|\$|\?\?|%%|%|@@|!!|##|#|\^\^|\^|\+\+|\+|\*\*|\*|~>|\(\+\)|\(-\)|\(\.\)|\(\/\)|\(\\X\)|<|>=|>|[≈≔≍◯⩴●∩⋅∘≅∪÷≐‥…≡‼≥≫⇔⇒⫤↝≤≪⊣≠∉⊙⊖⊕⊘⊗⇸≺⪯∝⁇⊨⊢∼≃⊓⊔⊏⊑⊐⊒⋆⊂⊆≻⪰⊃⊇⊎‖≀]/,
  categories: [InfixOp],
});
/** A backslash word that is an infix operator (`\cup`, `\prec`...), after re-typing. */
export const InfixWord = createToken({ name: 'InfixWord', pattern: Lexer.NA, categories: [InfixOp] });
/** `\` alone: set difference. */
export const SetMinus = createToken({ name: 'SetMinus', pattern: /\\/, categories: [InfixOp] });
export const Forall = createToken({ name: 'Forall', pattern: /∀/ });
export const Exists = createToken({ name: 'Exists', pattern: /∃/ });
export const TForall = createToken({ name: 'TForall', pattern: Lexer.NA });
export const TExists = createToken({ name: 'TExists', pattern: Lexer.NA });

export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracketUnderscore = createToken({ name: 'RBracketUnderscore', pattern: /\]_/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/ });
export const LAngle = createToken({ name: 'LAngle', pattern: /<<|⟨/ });
export const RAngleUnderscore = createToken({ name: 'RAngleUnderscore', pattern: />>_|⟩_/ });
export const RAngle = createToken({ name: 'RAngle', pattern: />>|⟩/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const ColonColon = createToken({ name: 'ColonColon', pattern: /::|∷/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });
export const Bang = createToken({ name: 'Bang', pattern: /!/ });
export const Arrow = createToken({ name: 'Arrow', pattern: /->|→/ });
export const LeftArrow = createToken({ name: 'LeftArrow', pattern: /<-|←/ });
export const MapsTo = createToken({ name: 'MapsTo', pattern: /\|->|↦/ });
export const Underscore = createToken({ name: 'Underscore', pattern: /_/ });
export const AtSign = createToken({ name: 'AtSign', pattern: /@/ });

// ---------------------------------------------------------------------------------------------
// Reserved words (re-typed identifiers)
// ---------------------------------------------------------------------------------------------

function keyword(name: string): TokenType {
  return createToken({ name, pattern: Lexer.NA, categories: [IdentLike] });
}

export const KW = {
  ASSUME: keyword('ASSUME'),
  ASSUMPTION: keyword('ASSUMPTION'), // also AXIOM
  CASE: keyword('CASE'),
  CHOOSE: keyword('CHOOSE'),
  CONSTANT: keyword('CONSTANT'), // also CONSTANTS
  ELSE: keyword('ELSE'),
  EXCEPT: keyword('EXCEPT'),
  EXTENDS: keyword('EXTENDS'),
  IF: keyword('IF'),
  IN: keyword('IN'),
  INSTANCE: keyword('INSTANCE'),
  LET: keyword('LET'),
  LOCAL: keyword('LOCAL'),
  MODULE: keyword('MODULE'),
  OTHER: keyword('OTHER'),
  THEN: keyword('THEN'),
  THEOREM: keyword('THEOREM'), // also LEMMA, PROPOSITION, COROLLARY
  VARIABLE: keyword('VARIABLE'), // also VARIABLES
  WITH: keyword('WITH'),
  LAMBDA: keyword('LAMBDA'),
  TRUE: keyword('TRUE'), // also FALSE
  BOOLEAN: keyword('BOOLEAN'), // also STRING
  RECURSIVE: keyword('RECURSIVE'),
  // Proof language.
  ACTION: keyword('ACTION'), // also ACTIONS
  BY: keyword('BY'),
  DEF: keyword('DEF'), // also DEFS
  DEFINE: keyword('DEFINE'),
  HAVE: keyword('HAVE'),
  HIDE: keyword('HIDE'),
  NEW: keyword('NEW'),
  OBVIOUS: keyword('OBVIOUS'),
  OMITTED: keyword('OMITTED'),
  ONLY: keyword('ONLY'),
  PICK: keyword('PICK'),
  PROOF: keyword('PROOF'),
  PROVE: keyword('PROVE'),
  QED: keyword('QED'),
  STATE: keyword('STATE'),
  SUFFICES: keyword('SUFFICES'),
  TAKE: keyword('TAKE'),
  TEMPORAL: keyword('TEMPORAL'), // also TEMPORALS
  USE: keyword('USE'),
  WITNESS: keyword('WITNESS'),
} as const;

/** Reserved word spelling -> token type. */
export const KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ...Object.entries(KW).map(([k, v]) => [k, v] as [string, TokenType]),
  ['AXIOM', KW.ASSUMPTION],
  ['CONSTANTS', KW.CONSTANT],
  ['LEMMA', KW.THEOREM],
  ['PROPOSITION', KW.THEOREM],
  ['COROLLARY', KW.THEOREM],
  ['VARIABLES', KW.VARIABLE],
  ['FALSE', KW.TRUE],
  ['STRING', KW.BOOLEAN],
  ['ACTIONS', KW.ACTION],
  ['DEFS', KW.DEF],
  ['TEMPORALS', KW.TEMPORAL],
  ['ENABLED', PrefixWord],
  ['UNCHANGED', PrefixWord],
  ['SUBSET', PrefixWord],
  ['UNION', PrefixWord],
  ['DOMAIN', PrefixWord],
]);

/** Backslash word -> token type (the operator table gives its meaning). */
export const BACKSLASH_TOKEN: ReadonlyMap<string, TokenType> = new Map<string, TokenType>(
  [...BACKSLASH_WORDS].map((w) => {
    switch (w) {
      case 'A':
      case 'forall':
        return [`\\${w}`, Forall];
      case 'E':
      case 'exists':
        return [`\\${w}`, Exists];
      case 'AA':
        return [`\\${w}`, TForall];
      case 'EE':
        return [`\\${w}`, TExists];
      case 'X':
      case 'times':
        return [`\\${w}`, Times];
      case 'in':
        return [`\\${w}`, In];
      case 'lnot':
      case 'neg':
        return [`\\${w}`, Tilde];
      case 'land':
      case 'lor':
        return [`\\${w}`, LandWord];
      default:
        return [`\\${w}`, InfixWord];
    }
  }),
);

/** The lexer's patterns, in the order they are tried. */
export const lexerTokens: TokenType[] = [
  WhiteSpace,
  BlockComment,
  LineComment,
  BeginModule,
  Separator,
  EndModule,
  DefEq,
  StringLit,
  UnterminatedString,
  BasedNumber,
  OrOp,
  BackslashWord,
  SetMinus,
  Step,
  WF,
  SF,
  Identifier,
  NumberLit,
  NumberSet,
  AndOp,
  PrefixDeclOp,
  Box,
  Diamond,
  Tilde,
  MapsTo,
  Arrow,
  LeftArrow,
  LAngle,
  RAngleUnderscore,
  RAngle,
  PostfixSym,
  InfixSym,
  ColonColon,
  Eq,
  Minus,
  Prime,
  In,
  Times,
  Forall,
  Exists,
  LParen,
  RParen,
  LBracket,
  RBracketUnderscore,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Dot,
  Bang,
  Underscore,
  AtSign,
];

/** Every token type the parser may see (lexer tokens, re-typed words and categories). */
export const allTokens: TokenType[] = [
  InfixOp,
  PrefixOp,
  PostfixOp,
  IdentLike,
  StepToken,
  DefBreak,
  LandWord,
  PrefixWord,
  InfixWord,
  TForall,
  TExists,
  ...Object.values(KW),
  ...lexerTokens,
];
