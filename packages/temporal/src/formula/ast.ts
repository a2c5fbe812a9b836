/**
 * One AST for CTL and LTL. CTL operators are a path quantifier (`all` = A, `exists` = E) applied to
 * an LTL operator, so `AG p` is `all(globally(p))` and `A[p U q]` is `all(until(p, q))`: one shape
 * lets a formula be read as CTL, as LTL or as both (`AG p` and `G p`), and the classifier decides.
 */

/** A range of the formula text: 0-based UTF-16 offsets, `end` just after the last character. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export interface AtomFormula {
  readonly kind: 'atom';
  /** The key atoms are bound by (unquoted for `"quoted strings"`). */
  readonly name: string;
  /** How the printer writes the atom back (the source text for hook-parsed atoms). */
  readonly text: string;
  /** Whatever an atom hook attached (a parsed TLA+ expression, a Petri-net test). */
  readonly data?: unknown;
  readonly range?: TextRange;
}

export interface ConstantFormula {
  readonly kind: 'true' | 'false';
  readonly range?: TextRange;
}

export interface UnaryFormula {
  /** `next` = X, `finally` = F, `globally` = G; `all` = A and `exists` = E (path quantifiers). */
  readonly kind: 'not' | 'next' | 'finally' | 'globally' | 'all' | 'exists';
  readonly arg: Formula;
  readonly range?: TextRange;
}

export interface BinaryFormula {
  /** `until` = U, `release` = R, `weak-until` = W. */
  readonly kind: 'and' | 'or' | 'implies' | 'iff' | 'until' | 'release' | 'weak-until';
  readonly left: Formula;
  readonly right: Formula;
  readonly range?: TextRange;
}

export type Formula = AtomFormula | ConstantFormula | UnaryFormula | BinaryFormula;

export type UnaryKind = UnaryFormula['kind'];
export type BinaryKind = BinaryFormula['kind'];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Builders, for callers that make formulas in code (tests, the TLA+ side translating `[]<>P`). */
export const f = {
  true: (): Formula => ({ kind: 'true' }),
  false: (): Formula => ({ kind: 'false' }),
  atom: (name: string, data?: unknown): AtomFormula => {
    const text = IDENTIFIER.test(name) && !isReservedWord(name) ? name : JSON.stringify(name);
    return data === undefined ? { kind: 'atom', name, text } : { kind: 'atom', name, text, data };
  },
  not: (arg: Formula): Formula => ({ kind: 'not', arg }),
  and: (left: Formula, right: Formula): Formula => ({ kind: 'and', left, right }),
  or: (left: Formula, right: Formula): Formula => ({ kind: 'or', left, right }),
  implies: (left: Formula, right: Formula): Formula => ({ kind: 'implies', left, right }),
  iff: (left: Formula, right: Formula): Formula => ({ kind: 'iff', left, right }),
  X: (arg: Formula): Formula => ({ kind: 'next', arg }),
  F: (arg: Formula): Formula => ({ kind: 'finally', arg }),
  G: (arg: Formula): Formula => ({ kind: 'globally', arg }),
  U: (left: Formula, right: Formula): Formula => ({ kind: 'until', left, right }),
  R: (left: Formula, right: Formula): Formula => ({ kind: 'release', left, right }),
  W: (left: Formula, right: Formula): Formula => ({ kind: 'weak-until', left, right }),
  A: (arg: Formula): Formula => ({ kind: 'all', arg }),
  E: (arg: Formula): Formula => ({ kind: 'exists', arg }),
  /** `p ~> q` (leads to), which is `G (p -> F q)`. */
  leadsTo: (left: Formula, right: Formula): Formula => ({
    kind: 'globally',
    arg: { kind: 'implies', left, right: { kind: 'finally', arg: right } },
  }),
};

/**
 * Words the parser reads as operators, never as atom names: single operator letters, CTL pairs
 * written together (`AG`, `EF`), LTL runs (`GF`, `XX`), and the constants.
 */
export function isReservedWord(word: string): boolean {
  if (word === 'true' || word === 'false' || word === 'TRUE' || word === 'FALSE') return true;
  if (word === 'U' || word === 'R' || word === 'W') return true;
  return isOperatorRun(word);
}

/** `A`, `E`, `X`, `F`, `G` and runs of them where every `A`/`E` is followed by `X`, `F` or `G` or ends the run. */
export function isOperatorRun(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === 'X' || c === 'F' || c === 'G') continue;
    if (c === 'A' || c === 'E') {
      if (i === word.length - 1) continue;
      const n = word[i + 1];
      if (n === 'X' || n === 'F' || n === 'G') continue;
    }
    return false;
  }
  return true;
}

/** Structural equality, ignoring ranges and atom data (atoms compare by name). */
export function formulaEquals(a: Formula, b: Formula): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'true':
    case 'false':
      return true;
    case 'atom':
      return a.name === (b as AtomFormula).name;
    case 'not':
    case 'next':
    case 'finally':
    case 'globally':
    case 'all':
    case 'exists':
      return formulaEquals(a.arg, (b as UnaryFormula).arg);
    default: {
      const bb = b as BinaryFormula;
      return formulaEquals(a.left, bb.left) && formulaEquals(a.right, bb.right);
    }
  }
}

/** Every distinct atom of a formula, by name, in first-occurrence order. */
export function collectAtoms(formula: Formula): AtomFormula[] {
  const seen = new Map<string, AtomFormula>();
  const visit = (g: Formula): void => {
    switch (g.kind) {
      case 'atom':
        if (!seen.has(g.name)) seen.set(g.name, g);
        return;
      case 'true':
      case 'false':
        return;
      case 'not':
      case 'next':
      case 'finally':
      case 'globally':
      case 'all':
      case 'exists':
        visit(g.arg);
        return;
      default:
        visit(g.left);
        visit(g.right);
    }
  };
  visit(formula);
  return [...seen.values()];
}

/** Number of nodes, for size limits and tests. */
export function formulaSize(formula: Formula): number {
  switch (formula.kind) {
    case 'atom':
    case 'true':
    case 'false':
      return 1;
    case 'not':
    case 'next':
    case 'finally':
    case 'globally':
    case 'all':
    case 'exists':
      return 1 + formulaSize(formula.arg);
    default:
      return 1 + formulaSize(formula.left) + formulaSize(formula.right);
  }
}

export function isUnary(formula: Formula): formula is UnaryFormula {
  switch (formula.kind) {
    case 'not':
    case 'next':
    case 'finally':
    case 'globally':
    case 'all':
    case 'exists':
      return true;
    default:
      return false;
  }
}

export function isBinary(formula: Formula): formula is BinaryFormula {
  return 'left' in formula;
}

/** True when the formula has no temporal operator and no path quantifier: a state predicate. */
export function isStateFormula(formula: Formula): boolean {
  switch (formula.kind) {
    case 'atom':
    case 'true':
    case 'false':
      return true;
    case 'not':
      return isStateFormula(formula.arg);
    case 'and':
    case 'or':
    case 'implies':
    case 'iff':
      return isStateFormula(formula.left) && isStateFormula(formula.right);
    default:
      return false;
  }
}

/** Applies `fn` to every atom of a formula, keeping the shape and ranges. */
export function mapAtoms(formula: Formula, fn: (atom: AtomFormula) => Formula): Formula {
  switch (formula.kind) {
    case 'atom':
      return fn(formula);
    case 'true':
    case 'false':
      return formula;
    case 'not':
    case 'next':
    case 'finally':
    case 'globally':
    case 'all':
    case 'exists':
      return { ...formula, arg: mapAtoms(formula.arg, fn) };
    default:
      return { ...formula, left: mapAtoms(formula.left, fn), right: mapAtoms(formula.right, fn) };
  }
}
