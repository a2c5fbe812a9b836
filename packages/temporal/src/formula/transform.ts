import type { BinaryFormula, Formula, UnaryFormula } from './ast.js';

/**
 * Negation normal form: negations only on atoms; `->`, `<->` expanded; the dual operators
 * introduced (`!X p = X !p`, `!(p U q) = !p R !q`, `!(p W q) = !q U (!p & !q)`, `!A φ = E !φ`).
 * Valid for infinite paths (X is self-dual there); for finite maximal paths the LTL checker
 * rewrites the formula first (see `ltl/finite.ts`), and CTL does not need NNF.
 */
export function toNnf(formula: Formula): Formula {
  return nnf(formula, false);
}

function nnf(g: Formula, negated: boolean): Formula {
  switch (g.kind) {
    case 'true':
      return negated ? { kind: 'false' } : g;
    case 'false':
      return negated ? { kind: 'true' } : g;
    case 'atom':
      return negated ? { kind: 'not', arg: g } : g;
    case 'not':
      return nnf(g.arg, !negated);
    case 'and':
    case 'or': {
      const kind = negated === (g.kind === 'and') ? 'or' : 'and';
      return { kind, left: nnf(g.left, negated), right: nnf(g.right, negated) };
    }
    case 'implies':
      // p -> q = !p | q
      return negated
        ? { kind: 'and', left: nnf(g.left, false), right: nnf(g.right, true) }
        : { kind: 'or', left: nnf(g.left, true), right: nnf(g.right, false) };
    case 'iff':
      return negated
        ? {
            kind: 'or',
            left: { kind: 'and', left: nnf(g.left, false), right: nnf(g.right, true) },
            right: { kind: 'and', left: nnf(g.left, true), right: nnf(g.right, false) },
          }
        : {
            kind: 'or',
            left: { kind: 'and', left: nnf(g.left, false), right: nnf(g.right, false) },
            right: { kind: 'and', left: nnf(g.left, true), right: nnf(g.right, true) },
          };
    case 'next':
      return { kind: 'next', arg: nnf(g.arg, negated) };
    case 'finally':
      return { kind: negated ? 'globally' : 'finally', arg: nnf(g.arg, negated) };
    case 'globally':
      return { kind: negated ? 'finally' : 'globally', arg: nnf(g.arg, negated) };
    case 'all':
      return { kind: negated ? 'exists' : 'all', arg: nnf(g.arg, negated) };
    case 'exists':
      return { kind: negated ? 'all' : 'exists', arg: nnf(g.arg, negated) };
    case 'until':
      // !(true U p) = G !p, read better than false R !p.
      if (negated && g.left.kind === 'true') return { kind: 'globally', arg: nnf(g.right, true) };
      return {
        kind: negated ? 'release' : 'until',
        left: nnf(g.left, negated),
        right: nnf(g.right, negated),
      };
    case 'release':
      if (negated && g.left.kind === 'false') return { kind: 'finally', arg: nnf(g.right, true) };
      return {
        kind: negated ? 'until' : 'release',
        left: nnf(g.left, negated),
        right: nnf(g.right, negated),
      };
    case 'weak-until':
      if (!negated) return { kind: 'weak-until', left: nnf(g.left, false), right: nnf(g.right, false) };
      // !(p W q) = !q U (!p & !q)
      return {
        kind: 'until',
        left: nnf(g.right, true),
        right: { kind: 'and', left: nnf(g.left, true), right: nnf(g.right, true) },
      };
  }
}

/**
 * Semantics-preserving clean-ups valid on infinite and on finite maximal paths alike: constants
 * folded, double negation removed, `p & p`, `F F p`, `G G p`, `A A φ` collapsed. (The LTL
 * translator rewrites further on its own normal form.)
 */
export function simplifyFormula(formula: Formula): Formula {
  const g = formula;
  switch (g.kind) {
    case 'true':
    case 'false':
    case 'atom':
      return strip(g);
    case 'not': {
      const a = simplifyFormula(g.arg);
      if (a.kind === 'true') return { kind: 'false' };
      if (a.kind === 'false') return { kind: 'true' };
      if (a.kind === 'not') return a.arg;
      return { kind: 'not', arg: a };
    }
    case 'next':
    case 'finally':
    case 'globally':
    case 'all':
    case 'exists': {
      const a = simplifyFormula(g.arg);
      if (g.kind !== 'next' && (a.kind === 'true' || a.kind === 'false')) return a;
      if (g.kind !== 'next' && a.kind === g.kind) return a;
      return { kind: g.kind, arg: a } as UnaryFormula;
    }
    default: {
      const l = simplifyFormula(g.left);
      const r = simplifyFormula(g.right);
      return simplifyBinary(g.kind, l, r);
    }
  }
}

function strip(g: Formula): Formula {
  if (g.kind === 'atom')
    return g.data === undefined ? { kind: 'atom', name: g.name, text: g.text } : { ...g, range: undefined };
  return { kind: g.kind } as Formula;
}

function same(a: Formula, b: Formula): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function simplifyBinary(kind: BinaryFormula['kind'], l: Formula, r: Formula): Formula {
  const T: Formula = { kind: 'true' };
  const F: Formula = { kind: 'false' };
  switch (kind) {
    case 'and':
      if (l.kind === 'false' || r.kind === 'false') return F;
      if (l.kind === 'true') return r;
      if (r.kind === 'true') return l;
      if (same(l, r)) return l;
      break;
    case 'or':
      if (l.kind === 'true' || r.kind === 'true') return T;
      if (l.kind === 'false') return r;
      if (r.kind === 'false') return l;
      if (same(l, r)) return l;
      break;
    case 'implies':
      if (l.kind === 'false' || r.kind === 'true') return T;
      if (l.kind === 'true') return r;
      if (same(l, r)) return T;
      break;
    case 'iff':
      if (same(l, r)) return T;
      if (l.kind === 'true') return r;
      if (r.kind === 'true') return l;
      break;
    case 'until':
      // p U true = true, p U false = false, p U p = p.
      if (r.kind === 'true' || r.kind === 'false') return r;
      if (same(l, r)) return l;
      if (l.kind === 'false') return r;
      break;
    case 'release':
      if (r.kind === 'true' || r.kind === 'false') return r;
      if (same(l, r)) return l;
      if (l.kind === 'true') return r;
      break;
    case 'weak-until':
      if (r.kind === 'true' || l.kind === 'true') return T;
      if (same(l, r)) return l;
      if (l.kind === 'false') return r;
      break;
  }
  return { kind, left: l, right: r };
}

/** `!φ`, without stacking a second negation. */
export function negate(formula: Formula): Formula {
  return formula.kind === 'not' ? formula.arg : { kind: 'not', arg: formula };
}

/** Removes source ranges (for comparing and printing formulas built from several sources). */
export function stripRanges(formula: Formula): Formula {
  switch (formula.kind) {
    case 'true':
    case 'false':
    case 'atom':
      return strip(formula);
    case 'not':
    case 'next':
    case 'finally':
    case 'globally':
    case 'all':
    case 'exists':
      return { kind: formula.kind, arg: stripRanges(formula.arg) } as UnaryFormula;
    default:
      return { kind: formula.kind, left: stripRanges(formula.left), right: stripRanges(formula.right) };
  }
}
