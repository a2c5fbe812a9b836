import type { Formula } from '../../src/index.js';

/**
 * An independent LTL semantics for the tests: the truth of a formula at every position of an
 * ultimately periodic word (positions 0..n-1, the last followed by `loop`) by fixpoints over
 * positions, or of a finite word (`loop` = -1) with finite-trace semantics (X strong).
 * Written straight from the definitions, sharing no code with the checker.
 */
export interface Word {
  /** letters[i](atom) is the atom's value at position i. */
  readonly letters: readonly ((atom: string) => boolean)[];
  readonly loop: number;
}

export function evalWord(formula: Formula, word: Word): boolean {
  return evalAll(formula, word)[0];
}

export function evalAll(formula: Formula, word: Word): boolean[] {
  const n = word.letters.length;
  const finite = word.loop < 0;
  const succ = (i: number): number => (i + 1 < n ? i + 1 : finite ? -1 : word.loop);
  const go = (g: Formula): boolean[] => {
    switch (g.kind) {
      case 'true':
        return new Array(n).fill(true);
      case 'false':
        return new Array(n).fill(false);
      case 'atom':
        return word.letters.map((l) => l(g.name));
      case 'not':
        return go(g.arg).map((v) => !v);
      case 'and': {
        const a = go(g.left);
        const b = go(g.right);
        return a.map((v, i) => v && b[i]);
      }
      case 'or': {
        const a = go(g.left);
        const b = go(g.right);
        return a.map((v, i) => v || b[i]);
      }
      case 'implies': {
        const a = go(g.left);
        const b = go(g.right);
        return a.map((v, i) => !v || b[i]);
      }
      case 'iff': {
        const a = go(g.left);
        const b = go(g.right);
        return a.map((v, i) => v === b[i]);
      }
      case 'next': {
        const a = go(g.arg);
        return a.map((_, i) => (succ(i) < 0 ? false : a[succ(i)]));
      }
      case 'finally':
        return fix(new Array(n).fill(true), go(g.arg), false, 'until');
      case 'globally':
        return fix(new Array(n).fill(false), go(g.arg), true, 'release');
      case 'until':
        return fix(go(g.left), go(g.right), false, 'until');
      case 'release':
        return fix(go(g.left), go(g.right), true, 'release');
      case 'weak-until': {
        const a = go(g.left);
        const b = go(g.right);
        // a W b = b R (a | b)
        return fix(
          b,
          a.map((v, i) => v || b[i]),
          true,
          'release',
        );
      }
      default:
        throw new Error(`not LTL: ${g.kind}`);
    }
  };
  // until: v = b | (a & v'), least; release: v = b & (a | v'), greatest. At the end of a finite
  // word v' is false for until and true for release (release is weak).
  const fix = (a: boolean[], b: boolean[], start: boolean, op: 'until' | 'release'): boolean[] => {
    const v = new Array<boolean>(n).fill(start);
    for (let round = 0; round <= n + 1; round++) {
      for (let i = n - 1; i >= 0; i--) {
        const j = succ(i);
        const next = j < 0 ? op === 'release' : v[j];
        v[i] = op === 'until' ? b[i] || (a[i] && next) : b[i] && (a[i] || next);
      }
    }
    return v;
  };
  return go(formula);
}
