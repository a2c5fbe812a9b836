import { type Diagnostic, LineIndex, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import { TemporalCodes } from './diagnostic-codes.js';
import type { AtomFormula, Formula, TextRange } from './formula/ast.js';
import { collectAtoms } from './formula/ast.js';
import { classifyFormula } from './formula/classify.js';
import { type ParseOptions, parseFormula } from './formula/parser.js';

/** A predicate on states (TLA+: a state-level expression; Petri nets: a marking test). */
export type StatePredicate = (state: number) => boolean;

/**
 * A predicate on steps (TLA+: an action such as `<<A>>_v`). `edge` is the edge id (a CSR position
 * for a `KripkeGraph`, the caller's id for a `StateSpace`), or -1 for a stuttering step
 * (`from === to`): a dead state repeating itself, or stuttering everywhere.
 */
export type EdgePredicate = (from: number, to: number, edge: number) => boolean;

/** What an atom name is bound to: a state predicate (a plain function is one), or an edge predicate. */
export type AtomBinding =
  | StatePredicate
  | { readonly kind: 'state'; readonly holds: StatePredicate }
  | { readonly kind: 'edge'; readonly holds: EdgePredicate };

/** Atom bindings by name, or a resolver that sees the atom node (with the data an atom hook attached). */
export type AtomBindings =
  | Readonly<Record<string, AtomBinding>>
  | ((atom: AtomFormula) => AtomBinding | undefined);

/**
 * A fairness constraint on behaviours, given apart from the formula.
 * Weak (TLA+ `WF_v(A)`): ◇□enabled ⇒ □◇taken. Strong (`SF_v(A)`): □◇enabled ⇒ □◇taken.
 */
export interface FairnessConstraint {
  readonly kind: 'weak' | 'strong';
  readonly enabled: StatePredicate;
  readonly taken: EdgePredicate;
  /** For messages. */
  readonly name?: string;
}

/** One step of a lasso: a state and the edge taken from it to the next step (-1: a stuttering step). */
export interface LassoStep {
  readonly state: number;
  readonly edge: number;
}

/**
 * A behaviour `prefix · cycle^ω` in system states: the last cycle step's edge leads back to
 * `cycle[0]`. `finite`: a maximal finite path (deadlock mode `finite`), all in `prefix`, the last
 * step's edge -1, `cycle` empty. `stuttering`: the cycle is one state repeating (edge -1), which
 * TLC prints as `State n: Stuttering`.
 */
export interface TemporalLasso {
  readonly prefix: readonly LassoStep[];
  readonly cycle: readonly LassoStep[];
  readonly finite?: boolean;
  readonly stuttering?: boolean;
}

export type TemporalStopReason = 'cancelled' | 'state-limit';

export interface LimitOptions {
  /** Polled every few thousand steps; return true to stop with `{ kind: 'stopped', reason: 'cancelled' }`. */
  readonly shouldStop?: () => boolean;
}

/** Formula text or AST, as the checkers take it. */
export type FormulaInput = Formula | string;

export function parseInput(
  input: FormulaInput,
  options: ParseOptions | undefined,
): { formula?: Formula; diagnostics: readonly Diagnostic[] } {
  if (typeof input !== 'string') return { formula: input, diagnostics: [] };
  return parseFormula(input, options);
}

/** What `checkCtl` or `checkLtl` says of a formula outside its logic (message and hint), by which logic it is in. */
const OUTSIDE: Record<
  'ctl' | 'ltl',
  { code: string; message: (other: boolean) => string; hint: (other: boolean) => string }
> = {
  ctl: {
    code: TemporalCodes.notCtl,
    message: (ltl) =>
      `this formula is not CTL: ${ltl ? 'it is LTL' : 'it mixes path quantifiers and temporal operators beyond CTL and LTL'}`,
    hint: (ltl) =>
      ltl
        ? 'check it with checkLtl (--ltl), or put a path quantifier right before each temporal operator (AG, EF, A[p U q])'
        : 'in CTL every temporal operator comes right after A or E',
  },
  ltl: {
    code: TemporalCodes.notLtl,
    message: (ctl) =>
      `this formula is not LTL: ${ctl ? 'it is CTL with an existential or branching part' : 'it mixes path quantifiers and temporal operators'}`,
    hint: (ctl) =>
      ctl
        ? 'check it with checkCtl (--ctl); LTL formulas have no E and no A inside temporal operators'
        : 'LTL formulas have no path quantifiers (an A in front of the whole formula is allowed)',
  },
};

/**
 * The front matter both checkers share: the formula parsed (if given as text) and read in `logic`
 * (its CTL or LTL equivalent), or the diagnostics that say why it cannot be; with the text and
 * file that spans in later diagnostics refer to.
 */
export function parseAs(
  logic: 'ctl' | 'ltl',
  input: FormulaInput,
  options: ParseOptions | undefined,
):
  | { readonly formula: Formula; readonly range?: TextRange; readonly text?: string; readonly file?: string }
  | { readonly formula?: undefined; readonly diagnostics: readonly Diagnostic[] } {
  const text = typeof input === 'string' ? input : undefined;
  const file = options?.file;
  const parsed = parseInput(input, options);
  if (!parsed.formula) return { diagnostics: parsed.diagnostics };
  const cls = classifyFormula(parsed.formula);
  const formula = logic === 'ctl' ? cls.ctl : cls.ltl;
  if (formula) return { formula, range: parsed.formula.range, text, file };
  const other = logic === 'ctl' ? cls.ltl !== undefined : cls.ctl !== undefined;
  const outside = OUTSIDE[logic];
  return {
    diagnostics: [
      makeDiagnostic(outside.code, outside.message(other), spanOf(parsed.formula.range, text, file), {
        hint: outside.hint(other),
      }),
    ],
  };
}

/** A span for a node of a formula parsed from `text` (undefined when the formula has no ranges). */
export function spanOf(
  range: TextRange | undefined,
  text: string | undefined,
  file = '<formula>',
): SourceSpan | undefined {
  if (!range || text === undefined) return undefined;
  return new LineIndex(text).span(file, range.start, range.end);
}

export interface ResolvedAtoms {
  /** Atom names in the order bit positions are assigned. */
  readonly names: string[];
  readonly kinds: ('state' | 'edge')[];
  readonly state: StatePredicate[];
  readonly edge: EdgePredicate[];
  readonly diagnostics: Diagnostic[];
}

function normalise(
  b: AtomBinding,
): { kind: 'state'; holds: StatePredicate } | { kind: 'edge'; holds: EdgePredicate } {
  if (typeof b === 'function') return { kind: 'state', holds: b };
  return b;
}

/**
 * Binds the atoms of a formula. `stateOnly`: edge atoms are an error (CTL, state formulas).
 * `text` lets diagnostics point into the formula text.
 */
export function resolveAtoms(
  formula: Formula,
  bindings: AtomBindings,
  options: { stateOnly?: boolean; text?: string; file?: string; context?: string } = {},
): ResolvedAtoms {
  const names: string[] = [];
  const kinds: ('state' | 'edge')[] = [];
  const state: StatePredicate[] = [];
  const edge: EdgePredicate[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const atom of collectAtoms(formula)) {
    const raw =
      typeof bindings === 'function'
        ? bindings(atom)
        : Object.hasOwn(bindings, atom.name)
          ? bindings[atom.name]
          : undefined;
    const span = spanOf(atom.range, options.text, options.file);
    if (raw === undefined) {
      const known = typeof bindings === 'function' ? [] : Object.keys(bindings);
      diagnostics.push(
        makeDiagnostic(TemporalCodes.unknownAtom, `unknown atomic proposition ${atom.text}`, span, {
          hint:
            known.length > 0 && known.length <= 12
              ? `known atomic propositions: ${known.join(', ')}`
              : 'bind it in the atoms given to the checker',
        }),
      );
      continue;
    }
    const b = normalise(raw);
    if (b.kind === 'edge' && options.stateOnly) {
      diagnostics.push(
        makeDiagnostic(
          TemporalCodes.actionWhereStateBelongs,
          `${atom.text} is a predicate on steps (an action), but ${options.context ?? 'a state predicate'} is expected here`,
          span,
          {
            hint: 'CTL formulas and state predicates take atoms about states only; use LTL for atoms about steps',
          },
        ),
      );
      continue;
    }
    names.push(atom.name);
    kinds.push(b.kind);
    if (b.kind === 'state') {
      state.push(b.holds);
      edge.push(() => false);
    } else {
      state.push(() => false);
      edge.push(b.holds);
    }
  }
  return { names, kinds, state, edge, diagnostics };
}

/**
 * For callers that need a state predicate (an invariant, an `ENABLED` argument): LTL205 at the
 * first temporal operator or path quantifier of the formula, or nothing when it is a state predicate.
 */
export function requireStatePredicate(
  formula: Formula,
  options: { text?: string; file?: string; what?: string } = {},
): Diagnostic[] {
  const find = (g: Formula): Formula | undefined => {
    switch (g.kind) {
      case 'atom':
      case 'true':
      case 'false':
        return undefined;
      case 'not':
        return find(g.arg);
      case 'and':
      case 'or':
      case 'implies':
      case 'iff':
        return find(g.left) ?? find(g.right);
      default:
        return g;
    }
  };
  const temporal = find(formula);
  if (!temporal) return [];
  return [
    makeDiagnostic(
      TemporalCodes.temporalWhereStateBelongs,
      `${options.what ?? 'this formula'} must be a state predicate, but it has a temporal operator`,
      spanOf(temporal.range ?? formula.range, options.text, options.file),
      { hint: 'check temporal formulas as properties (LTL or CTL), not as invariants' },
    ),
  ];
}
