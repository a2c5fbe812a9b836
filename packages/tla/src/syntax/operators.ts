/**
 * The TLA+ operator table: every built-in and user-definable operator symbol, its spellings, its
 * fixity, precedence range and associativity.
 *
 * Precedences follow SANY (the TLA+ front end that TLC uses), whose table refines the one on page
 * 271 of "Specifying Systems" (e.g. SANY gives SUBSET, UNION and DOMAIN the range 10-13). Two
 * operators can be combined without parentheses only if one's range lies entirely above the
 * other's; otherwise the expression is a precedence conflict (except for a left- or
 * right-associative operator combined with itself).
 */

export type OperatorFix = 'infix' | 'prefix' | 'postfix';

export interface OperatorInfo {
  /** Canonical spelling, e.g. `\cup`, `/\`, `=>`, `#`, `<=`, `\circ`, `-.` (unary minus), `'` (prime). */
  readonly name: string;
  /** Other ASCII and Unicode spellings of the same operator. */
  readonly synonyms: readonly string[];
  readonly fix: OperatorFix;
  readonly low: number;
  readonly high: number;
  readonly assoc: 'left' | 'right' | 'none';
  /** Defined by the language itself, rather than a user-definable symbol that a module must define. */
  readonly builtin: boolean;
}

type Row = [
  name: string,
  synonyms: string[],
  fix: OperatorFix,
  low: number,
  high: number,
  assoc: 'left' | 'none',
  builtin?: boolean,
];

const B = true;

const ROWS: Row[] = [
  // Prefix operators.
  ['~', ['\\lnot', '\\neg', '¬'], 'prefix', 4, 4, 'none', B],
  ['ENABLED', [], 'prefix', 4, 15, 'none', B],
  ['UNCHANGED', [], 'prefix', 4, 15, 'none', B],
  ['[]', ['□'], 'prefix', 4, 15, 'none', B],
  ['<>', ['◇'], 'prefix', 4, 15, 'none', B],
  ['SUBSET', [], 'prefix', 10, 13, 'none', B],
  ['UNION', [], 'prefix', 10, 13, 'none', B],
  ['DOMAIN', [], 'prefix', 10, 13, 'none', B],
  ['-.', ['-'], 'prefix', 12, 12, 'none'],
  // Postfix operators.
  ["'", [], 'postfix', 15, 15, 'none', B],
  ['^+', ['⁺'], 'postfix', 15, 15, 'none'],
  ['^*', [], 'postfix', 15, 15, 'none'],
  ['^#', [], 'postfix', 15, 15, 'none'],
  // Infix operators, lowest precedence first.
  ['=>', ['⇒'], 'infix', 1, 1, 'none', B],
  ['<=>', ['\\equiv', '≡', '⇔'], 'infix', 2, 2, 'none', B],
  ['~>', ['↝'], 'infix', 2, 2, 'none', B],
  ['-+->', ['⇸'], 'infix', 2, 2, 'none', B],
  ['/\\', ['\\land', '∧'], 'infix', 3, 3, 'left', B],
  ['\\/', ['\\lor', '∨'], 'infix', 3, 3, 'left', B],
  ['=', [], 'infix', 5, 5, 'none', B],
  ['#', ['/=', '≠'], 'infix', 5, 5, 'none', B],
  ['\\in', ['∈'], 'infix', 5, 5, 'none', B],
  ['\\notin', ['∉'], 'infix', 5, 5, 'none', B],
  ['\\subseteq', ['⊆'], 'infix', 5, 5, 'none', B],
  ['<', [], 'infix', 5, 5, 'none'],
  ['>', [], 'infix', 5, 5, 'none'],
  ['<=', ['=<', '\\leq', '≤'], 'infix', 5, 5, 'none'],
  ['>=', ['\\geq', '≥'], 'infix', 5, 5, 'none'],
  ['\\subset', ['⊂'], 'infix', 5, 5, 'none'],
  ['\\supset', ['⊃'], 'infix', 5, 5, 'none'],
  ['\\supseteq', ['⊇'], 'infix', 5, 5, 'none'],
  ['\\prec', ['≺'], 'infix', 5, 5, 'none'],
  ['\\succ', ['≻'], 'infix', 5, 5, 'none'],
  ['\\preceq', ['⪯'], 'infix', 5, 5, 'none'],
  ['\\succeq', ['⪰'], 'infix', 5, 5, 'none'],
  ['\\sim', ['∼'], 'infix', 5, 5, 'none'],
  ['\\simeq', ['≃'], 'infix', 5, 5, 'none'],
  ['\\ll', ['≪'], 'infix', 5, 5, 'none'],
  ['\\gg', ['≫'], 'infix', 5, 5, 'none'],
  ['\\asymp', ['≍'], 'infix', 5, 5, 'none'],
  ['\\approx', ['≈'], 'infix', 5, 5, 'none'],
  ['\\cong', ['≅'], 'infix', 5, 5, 'none'],
  ['\\sqsubset', ['⊏'], 'infix', 5, 5, 'none'],
  ['\\sqsubseteq', ['⊑'], 'infix', 5, 5, 'none'],
  ['\\sqsupset', ['⊐'], 'infix', 5, 5, 'none'],
  ['\\sqsupseteq', ['⊒'], 'infix', 5, 5, 'none'],
  ['\\doteq', ['≐'], 'infix', 5, 5, 'none'],
  ['\\propto', ['∝'], 'infix', 5, 5, 'none'],
  ['|-', ['⊢'], 'infix', 5, 5, 'none'],
  ['|=', ['⊨'], 'infix', 5, 5, 'none'],
  ['-|', ['⊣'], 'infix', 5, 5, 'none'],
  ['=|', ['⫤'], 'infix', 5, 5, 'none'],
  [':=', ['≔'], 'infix', 5, 5, 'none'],
  ['::=', ['⩴'], 'infix', 5, 5, 'none'],
  ['\\cdot', ['⋅'], 'infix', 5, 14, 'left', B],
  ['@@', [], 'infix', 6, 6, 'left'],
  [':>', [], 'infix', 7, 7, 'none'],
  ['<:', [], 'infix', 7, 7, 'none'],
  ['\\cap', ['\\intersect', '∩'], 'infix', 8, 8, 'left', B],
  ['\\cup', ['\\union', '∪'], 'infix', 8, 8, 'left', B],
  ['\\', [], 'infix', 8, 8, 'none', B],
  ['..', ['‥'], 'infix', 9, 9, 'none'],
  ['...', ['…'], 'infix', 9, 9, 'none'],
  ['!!', ['‼'], 'infix', 9, 13, 'none'],
  ['##', [], 'infix', 9, 13, 'left'],
  ['$', [], 'infix', 9, 13, 'left'],
  ['$$', [], 'infix', 9, 13, 'left'],
  ['??', ['⁇'], 'infix', 9, 13, 'left'],
  ['\\sqcap', ['⊓'], 'infix', 9, 13, 'left'],
  ['\\sqcup', ['⊔'], 'infix', 9, 13, 'left'],
  ['\\uplus', ['⊎'], 'infix', 9, 13, 'left'],
  ['\\wr', ['≀'], 'infix', 9, 14, 'none'],
  ['+', [], 'infix', 10, 10, 'left'],
  ['++', [], 'infix', 10, 10, 'left'],
  ['\\oplus', ['(+)', '⊕'], 'infix', 10, 10, 'left'],
  ['%', [], 'infix', 10, 11, 'none'],
  ['%%', [], 'infix', 10, 11, 'left'],
  ['|', [], 'infix', 10, 11, 'left'],
  ['||', ['‖'], 'infix', 10, 11, 'left'],
  ['\\X', ['\\times', '×'], 'infix', 10, 13, 'left', B],
  ['-', [], 'infix', 11, 11, 'left'],
  ['--', [], 'infix', 11, 11, 'left'],
  ['\\ominus', ['(-)', '⊖'], 'infix', 11, 11, 'left'],
  ['*', [], 'infix', 13, 13, 'left'],
  ['**', [], 'infix', 13, 13, 'left'],
  ['/', [], 'infix', 13, 13, 'none'],
  ['//', [], 'infix', 13, 13, 'none'],
  ['&', [], 'infix', 13, 13, 'left'],
  ['&&', [], 'infix', 13, 13, 'left'],
  ['\\odot', ['(.)', '⊙'], 'infix', 13, 13, 'left'],
  ['\\oslash', ['(/)', '⊘'], 'infix', 13, 13, 'none'],
  ['\\otimes', ['(\\X)', '⊗'], 'infix', 13, 13, 'left'],
  ['\\div', ['÷'], 'infix', 13, 13, 'none'],
  ['\\star', ['⋆'], 'infix', 13, 13, 'left'],
  ['\\circ', ['\\o', '∘'], 'infix', 13, 13, 'left'],
  ['\\bigcirc', ['◯'], 'infix', 13, 13, 'left'],
  ['\\bullet', ['●'], 'infix', 13, 13, 'left'],
  ['^', [], 'infix', 14, 14, 'none'],
  ['^^', [], 'infix', 14, 14, 'none'],
];

export const OPERATORS: readonly OperatorInfo[] = ROWS.map(
  ([name, synonyms, fix, low, high, assoc, builtin]) =>
    Object.freeze({
      name,
      synonyms: Object.freeze(synonyms),
      fix,
      low,
      high,
      assoc,
      builtin: builtin === true,
    }),
);

const byFix: Record<OperatorFix, Map<string, OperatorInfo>> = {
  infix: new Map(),
  prefix: new Map(),
  postfix: new Map(),
};
const canonical = new Map<string, string>();

for (const info of OPERATORS) {
  const table = byFix[info.fix];
  table.set(info.name, info);
  if (!canonical.has(info.name)) canonical.set(info.name, info.name);
  for (const synonym of info.synonyms) {
    table.set(synonym, info);
    // `-` is both infix minus and (as a synonym) unary minus: its canonical spelling stays `-`.
    if (!canonical.has(synonym) || canonical.get(synonym) === synonym) {
      if (synonym !== '-') canonical.set(synonym, info.name);
    }
  }
}

/** The operator with this spelling (canonical, ASCII synonym or Unicode) and fixity. */
export function operatorInfo(spelling: string, fix: OperatorFix): OperatorInfo | undefined {
  return byFix[fix].get(spelling);
}

/** Any spelling of an operator to its canonical spelling; identity for unknown spellings. */
export function canonicalOperator(spelling: string): string {
  return canonical.get(spelling) ?? spelling;
}

/**
 * Internal pseudo-operators used when resolving precedence: function application `f[x]` (16-16)
 * and record field selection `r.a` (17-17), as in SANY. They are not part of `OPERATORS`.
 */
export const FUNCTION_APPLICATION: OperatorInfo = Object.freeze({
  name: '[',
  synonyms: [],
  fix: 'postfix',
  low: 16,
  high: 16,
  assoc: 'left',
  builtin: true,
});
