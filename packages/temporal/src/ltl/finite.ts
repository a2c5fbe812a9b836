import type { Formula } from '../formula/ast.js';

/** The name of the internal atom that is true on the real positions of a finite maximal path. */
export const ALIVE_ATOM = '\u0000alive';

/**
 * Finite maximal paths, read as LTL over finite traces (LTLf: X is strong, false at the last
 * position), are checked as infinite words: the path is extended by an `END` position repeating
 * forever where `alive` is false, and the formula rewritten so that it only looks at alive
 * positions (De Giacomo and Vardi's translation): `X φ` becomes `X (alive & φ)`, `φ U ψ` becomes
 * `φ U (alive & ψ)`, negation stays outside. On a path that never ends, `alive` always holds and
 * the rewritten formula means the original.
 */
export function encodeFiniteTraces(formula: Formula): Formula {
  const alive: Formula = { kind: 'atom', name: ALIVE_ATOM, text: 'alive' };
  const guard = (g: Formula): Formula => ({ kind: 'and', left: alive, right: g });
  const not = (g: Formula): Formula => ({ kind: 'not', arg: g });
  const t = (g: Formula): Formula => {
    switch (g.kind) {
      case 'true':
      case 'false':
      case 'atom':
        return g;
      case 'not':
        return not(t(g.arg));
      case 'and':
      case 'or':
      case 'implies':
      case 'iff':
        return { kind: g.kind, left: t(g.left), right: t(g.right) };
      case 'next':
        return { kind: 'next', arg: guard(t(g.arg)) };
      case 'finally':
        return { kind: 'finally', arg: guard(t(g.arg)) };
      case 'globally':
        // G φ = !F !φ
        return not({ kind: 'finally', arg: guard(not(t(g.arg))) });
      case 'until':
        return { kind: 'until', left: t(g.left), right: guard(t(g.right)) };
      case 'release':
        // φ R ψ = !(!φ U !ψ)
        return not({ kind: 'until', left: not(t(g.left)), right: guard(not(t(g.right))) });
      case 'weak-until':
        // φ W ψ = (φ U ψ) | G φ
        return {
          kind: 'or',
          left: { kind: 'until', left: t(g.left), right: guard(t(g.right)) },
          right: not({ kind: 'finally', arg: guard(not(t(g.left))) }),
        };
      case 'all':
      case 'exists':
        throw new Error('path quantifiers are not LTL');
    }
  };
  return t(formula);
}
