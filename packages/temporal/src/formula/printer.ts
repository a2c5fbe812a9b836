import type { Formula } from './ast.js';

export interface PrintFormulaOptions {
  /** `ascii` (default): `! & | -> <-> X F G U R W A E`; `unicode`: `¬ ∧ ∨ → ↔ ○ ◇ □`. */
  readonly style?: 'ascii' | 'unicode';
}

// Binding strength, loosest first; a child that binds looser than its parent gets parentheses.
const PREC = {
  iff: 1,
  implies: 2,
  or: 3,
  and: 4,
  until: 5,
  release: 5,
  'weak-until': 5,
  prefix: 6,
  atom: 7,
} as const;

function prec(formula: Formula): number {
  switch (formula.kind) {
    case 'atom':
    case 'true':
    case 'false':
      return PREC.atom;
    case 'not':
    case 'next':
    case 'finally':
    case 'globally':
    case 'all':
    case 'exists':
      return PREC.prefix;
    default:
      return PREC[formula.kind];
  }
}

/**
 * Writes a formula back as text that `parseFormula` reads to the same AST (with the same atom
 * hook): minimal parentheses, CTL operators as `AG p` and `A[p U q]`.
 */
export function printFormula(formula: Formula, options: PrintFormulaOptions = {}): string {
  const u = options.style === 'unicode';
  const sym = {
    not: u ? '\u00ac' : '!',
    and: u ? ' \u2227 ' : ' & ',
    or: u ? ' \u2228 ' : ' | ',
    implies: u ? ' \u2192 ' : ' -> ',
    iff: u ? ' \u2194 ' : ' <-> ',
    next: u ? '\u25cb' : 'X',
    finally: u ? '\u25c7' : 'F',
    globally: u ? '\u25a1' : 'G',
    until: ' U ',
    release: ' R ',
    'weak-until': ' W ',
  };
  const wrap = (g: Formula, min: number): string => {
    const text = go(g);
    return prec(g) < min ? `(${text})` : text;
  };
  const go = (g: Formula): string => {
    switch (g.kind) {
      case 'atom':
        return g.text;
      case 'true':
      case 'false':
        return g.kind;
      case 'not':
        return `${sym.not}${wrap(g.arg, PREC.prefix)}`;
      case 'next':
      case 'finally':
      case 'globally':
        return `${sym[g.kind]}${u ? '' : ' '}${wrap(g.arg, PREC.prefix)}`;
      case 'all':
      case 'exists': {
        const q = g.kind === 'all' ? 'A' : 'E';
        const a = g.arg;
        if (a.kind === 'until' || a.kind === 'release' || a.kind === 'weak-until') {
          return `${q}[${wrap(a.left, PREC.until + 1)}${sym[a.kind]}${wrap(a.right, PREC.until)}]`;
        }
        if ((a.kind === 'next' || a.kind === 'finally' || a.kind === 'globally') && !u) {
          return `${q}${go(a)}`;
        }
        return `${q} ${wrap(a, PREC.prefix)}`;
      }
      case 'and':
      case 'or':
        // Read left-associatively, so a same-kind right child keeps its parentheses (exact round trip).
        return `${wrap(g.left, PREC[g.kind])}${sym[g.kind]}${wrap(g.right, PREC[g.kind] + 1)}`;
      case 'iff':
        return `${wrap(g.left, PREC.iff)}${sym.iff}${wrap(g.right, PREC.iff + 1)}`;
      case 'implies':
        return `${wrap(g.left, PREC.implies + 1)}${sym.implies}${wrap(g.right, PREC.implies)}`;
      default:
        return `${wrap(g.left, PREC.until + 1)}${sym[g.kind]}${wrap(g.right, PREC.until)}`;
    }
  };
  return go(formula);
}
