import { type Diagnostic, LineIndex, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import {
  type AtomMatch,
  type AtomParser,
  type AtomSyntaxError,
  delimitedAtoms,
  type Formula,
  firstAtomParser,
  mapAtoms,
  parseFormula,
} from '@modelcheck/temporal';

/**
 * Ad-hoc CTL and LTL formulas on a TLA+ spec (`--ctl`, `--ltl`): their atoms are TLA+ state
 * predicates of the spec, written as they are (`AG (pc = "cs" => AF pc = "done")`) or between
 * backquotes when they would read as formula syntax (`` `U = 1` ``).
 */
export interface AdHocFormula {
  readonly kind: 'ctl' | 'ltl';
  /** As the user wrote it. */
  readonly text: string;
  /** The pseudo-file its diagnostics point into (`--ctl #1`). */
  readonly file: string;
  readonly formula: Formula;
}

/** One atom of the formulas, defined in the module the formulas are checked against. */
export interface FormulaAtom {
  /** The definition's name in the generated module, and the atom's name in the formulas. */
  readonly name: string;
  readonly text: string;
  readonly file: string;
  /** Where the atom's text starts in its formula. */
  readonly offset: number;
}

/** Formula-level connectives that end an atom at bracket depth 0. TLA+'s `<=` and `=<` are not among them. */
const CONNECTIVES = [
  '<=>',
  '<->',
  '/\\',
  '\\/',
  '=>',
  '->',
  '~>',
  '&&',
  '||',
  '&',
  '|',
  '∧',
  '∨',
  '⇒',
  '→',
  '↔',
  '⇔',
  '↝',
];
/** LTL/CTL binary operators written as words. */
const WORD_OPERATORS = new Set(['U', 'R', 'W', 'V']);
/** CTL/LTL prefix operators (`AG p`, `F(p)`, `[]p`, `!p`). */
const PREFIX_OPERATOR = /^((A|E)[GFX]?|[GFX])(?![A-Za-z0-9_'!])|^(\[\]|<>|!|¬|□|◇|○|◯)/;
/** A TLA+ expression that starts so extends as far as it can (its body takes the rest). */
const GREEDY_START = /^(\\A\b|\\E\b|\\AA\b|\\EE\b|IF\b|CASE\b|LET\b|CHOOSE\b|∀|∃)/;

/** Reads a TLA+ state predicate at `offset`: up to a formula connective or operator at depth 0. */
export const tlaAtomParser: AtomParser = firstAtomParser(
  delimitedAtoms('`', '`'),
  (text: string, offset: number): AtomMatch | AtomSyntaxError | undefined => {
    // A temporal operator or a parenthesis here is the formula's, not the start of a predicate
    // (a predicate that starts with a parenthesis is written between backquotes).
    if (text[offset] === '(' || PREFIX_OPERATOR.test(text.slice(offset))) return undefined;
    const greedy = GREEDY_START.test(text.slice(offset));
    let depth = 0;
    let i = offset;
    scan: while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (text.startsWith('<<', i)) {
        depth++;
        i += 2;
        continue;
      }
      if (text.startsWith('>>', i) && depth > 0) {
        depth--;
        i += 2;
        continue;
      }
      if (ch === '(' || ch === '[' || ch === '{') {
        depth++;
        i++;
        continue;
      }
      if (ch === ')' || ch === ']' || ch === '}') {
        if (depth === 0) break;
        depth--;
        i++;
        continue;
      }
      if (depth === 0 && !greedy) {
        for (const c of CONNECTIVES) {
          // `|->` and `->` inside a record constructor are at depth > 0; `<=` alone is TLA+'s ≤.
          if (text.startsWith(c, i) && !(c === '|' && text.startsWith('|->', i))) break scan;
        }
        if (/[A-Z]/.test(ch) && (i === 0 || !/[A-Za-z0-9_]/.test(text[i - 1]))) {
          const word = /^[A-Za-z0-9_]+/.exec(text.slice(i))?.[0] ?? '';
          if (WORD_OPERATORS.has(word)) break;
        }
      }
      i++;
    }
    let end = i;
    while (end > offset && /\s/.test(text[end - 1])) end--;
    if (end === offset) return undefined;
    return { end, name: text.slice(offset, end) };
  },
);

/**
 * Parses the formulas and names their atoms. Each distinct atom text becomes one definition of a
 * generated module that EXTENDS the spec's root module, so its names, constants and cfg apply.
 */
export function parseAdHocFormulas(
  ctl: readonly string[],
  ltl: readonly string[],
): {
  formulas: AdHocFormula[];
  atoms: FormulaAtom[];
  diagnostics: Diagnostic[];
  sources: Map<string, string>;
} {
  const formulas: AdHocFormula[] = [];
  const atoms: FormulaAtom[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const byText = new Map<string, string>();
  const inputs = [
    ...ctl.map((text) => ({ kind: 'ctl' as const, text })),
    ...ltl.map((text) => ({ kind: 'ltl' as const, text })),
  ];
  inputs.forEach(({ kind, text }, n) => {
    const file = `--${kind} #${n + 1 - (kind === 'ltl' ? ctl.length : 0)}`;
    sources.set(file, text);
    const parsed = parseFormula(text, { atoms: tlaAtomParser, defaultAtoms: false, file });
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.formula) return;
    const renamed = mapAtoms(parsed.formula, (atom) => {
      let id = byText.get(atom.name);
      if (!id) {
        id = `__modelcheck_atom_${byText.size + 1}`;
        byText.set(atom.name, id);
        atoms.push({ name: id, text: atom.name, file, offset: atom.range?.start ?? 0 });
      }
      return { ...atom, name: id };
    });
    formulas.push({ kind, text, file, formula: renamed });
  });
  return { formulas, atoms, diagnostics, sources };
}

/** The generated module: the spec's root module extended by one definition per atom. */
export function formulaModule(name: string, root: string, atoms: readonly FormulaAtom[]): string {
  // Each atom on a line of its own, after a fixed prefix, so diagnostics map back to the formula.
  return [
    `---- MODULE ${name} ----`,
    `EXTENDS ${root}`,
    ...atoms.map((a) => `${a.name} == ${a.text.replace(/\s*\n\s*/g, ' ')}`),
    '====',
  ].join('\n');
}

/** A diagnostic in the generated module, moved to the formula text its atom came from. */
export function mapFormulaDiagnostic(
  d: Diagnostic,
  moduleFile: string,
  atoms: readonly FormulaAtom[],
  sources: ReadonlyMap<string, string>,
): Diagnostic {
  const span = d.span;
  if (!span || span.file !== moduleFile) return d;
  const atom = atoms[span.start.line - 3];
  if (!atom) return { ...d, span: undefined };
  const text = sources.get(atom.file) ?? '';
  const prefix = atom.name.length + ' == '.length;
  const start = atom.offset + Math.max(0, span.start.column - 1 - prefix);
  const end =
    span.end.line === span.start.line ? atom.offset + Math.max(0, span.end.column - 1 - prefix) : start + 1;
  const mapped: SourceSpan = new LineIndex(text).span(atom.file, start, Math.max(end, start + 1));
  return { ...d, span: mapped, related: undefined };
}

/** A located error for an atom that is not a state predicate. */
export function notStatePredicate(
  atom: FormulaAtom,
  sources: ReadonlyMap<string, string>,
  level: number,
): Diagnostic {
  const text = sources.get(atom.file) ?? '';
  const span = new LineIndex(text).span(atom.file, atom.offset, atom.offset + atom.text.length);
  return makeDiagnostic(
    'LTL209',
    level >= 3
      ? `${atom.text} is a temporal formula where a state predicate belongs: write the temporal operators in the formula (G, F, AG, ...), not inside the predicate`
      : `${atom.text} is an action (it has primed variables or UNCHANGED); an atom of --ctl/--ltl must be a state predicate`,
    span,
  );
}
