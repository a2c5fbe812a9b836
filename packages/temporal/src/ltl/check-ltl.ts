import { type Diagnostic, makeDiagnostic } from '@modelcheck/core';
import { TemporalCodes } from '../diagnostic-codes.js';
import type { Formula } from '../formula/ast.js';
import type { ParseOptions } from '../formula/parser.js';
import type { DeadlockMode, KripkeGraph, StateSpace } from '../graph/kripke.js';
import {
  type AtomBindings,
  type FairnessConstraint,
  type FormulaInput,
  type LimitOptions,
  parseAs,
  resolveAtoms,
  spanOf,
  type TemporalLasso,
  type TemporalStopReason,
} from '../model.js';
import { ALIVE_ATOM, encodeFiniteTraces } from './finite.js';
import { compileGba, type ProductResult, productEmptiness, toLasso } from './product.js';
import { type Gba, TranslationLimitError, translateLtl } from './translate.js';

export interface LtlCheckOptions extends LimitOptions {
  /** The system as a graph... */
  readonly graph?: KripkeGraph;
  /** ...or as a successor function, explored on the fly (one of the two). */
  readonly space?: StateSpace;
  /** Default: `graph.initial` or `space.initial`. */
  readonly initial?: ArrayLike<number>;
  /** A formula, or its text (parsed with `parse`, by default identifiers and "quoted" atoms). */
  readonly formula: FormulaInput;
  readonly atoms: AtomBindings;
  readonly fairness?: readonly FairnessConstraint[];
  /** Default `stutter`. */
  readonly deadlock?: DeadlockMode;
  /** Every state may stutter (TLA+ behaviours): each state gets a self-loop with edge id -1. */
  readonly stutterEverywhere?: boolean;
  /**
   * With fairness and a `holds` verdict, check whether any fair behaviour exists at all and warn
   * (LTL301) if none (default true). Paid only then: one more exploration of the system (the
   * product with the one-state automaton of `true`, verdict only, no counterexample).
   */
  readonly vacuityCheck?: boolean;
  /**
   * When violated, return a counterexample with a shortest prefix (default true): a second pass
   * explores the whole reachable product (as a check that holds does) and takes the nearest
   * accepting component. False: the lasso of the first accepting component found (short, not
   * shortest), without the second pass.
   */
  readonly shortestLasso?: boolean;
  /** Stop with `{ kind: 'stopped', reason: 'state-limit' }` past this many product states. */
  readonly maxStates?: number;
  readonly parse?: ParseOptions;
}

export interface LtlStats {
  readonly productStates: number;
  readonly productTransitions: number;
  /** States and acceptance sets of the automaton of the negated formula. */
  readonly automatonStates: number;
  readonly acceptanceSets: number;
  readonly seconds: number;
}

export type LtlResult =
  | { readonly kind: 'holds'; readonly stats: LtlStats; readonly warnings: readonly Diagnostic[] }
  | {
      readonly kind: 'violated';
      /** A behaviour from an initial state that violates the formula (and meets the fairness constraints). */
      readonly lasso: TemporalLasso;
      readonly stats: LtlStats;
      readonly warnings: readonly Diagnostic[];
    }
  | { readonly kind: 'stopped'; readonly reason: TemporalStopReason; readonly stats: LtlStats }
  | { readonly kind: 'error'; readonly diagnostics: readonly Diagnostic[] };

/**
 * LTL model checking: the formula holds iff every behaviour from every initial state satisfies
 * it (every fair behaviour, with fairness constraints). The negation is translated to a TGBA,
 * whose product with the system is explored on the fly and checked for emptiness by SCCs.
 */
export function checkLtl(options: LtlCheckOptions): LtlResult {
  const started = performance.now();
  const input = parseAs('ltl', options.formula, options.parse);
  if (!input.formula) return { kind: 'error', diagnostics: input.diagnostics };
  const { formula: ltl, text, file } = input;
  const atoms = resolveAtoms(ltl, options.atoms, { text, file });
  if (atoms.diagnostics.length > 0) return { kind: 'error', diagnostics: atoms.diagnostics };
  const graph = options.graph;
  const space = options.space;
  if (!graph && !space) throw new Error('checkLtl needs a graph or a space');
  const initial = options.initial ?? (graph ? graph.initial : space!.initial);
  const deadlock = options.deadlock ?? 'stutter';
  const fairness = options.fairness ?? [];
  const finite = deadlock === 'finite';

  let gba: Gba;
  try {
    gba = automatonFor(ltl, atoms.names, finite);
  } catch (error) {
    if (error instanceof TranslationLimitError) {
      return {
        kind: 'error',
        diagnostics: [
          makeDiagnostic(
            error.message.includes('atomic')
              ? TemporalCodes.tooManyAtoms
              : TemporalCodes.tooManyAcceptanceSets,
            `this formula is too large to check: ${error.message}`,
            spanOf(input.range, text, file),
            { hint: 'split it into several properties' },
          ),
        ],
      };
    }
    throw error;
  }

  // Letter bits: atom i is bit i (translateLtl kept the order of atoms.names); alive last.
  const stateIdx: number[] = [];
  const edgeIdx: number[] = [];
  atoms.kinds.forEach((k, i) => {
    (k === 'state' ? stateIdx : edgeIdx).push(i);
  });
  const statePreds = stateIdx.map((i) => atoms.state[i]);
  const stateMasks = stateIdx.map((i) => 1 << i);
  const computeBits = (s: number): number => {
    let bits = 0;
    for (let k = 0; k < statePreds.length; k++) if (statePreds[k](s)) bits |= stateMasks[k];
    return bits;
  };
  const n = graph ? graph.stateCount : space!.stateCount;
  let stateBits = computeBits;
  if (n !== undefined && statePreds.length > 0) {
    // Each system state meets several automaton states: evaluate its atoms once.
    const cache = new Int32Array(n);
    const known = new Uint8Array(n);
    stateBits = (s) => {
      if (known[s]) return cache[s];
      const b = computeBits(s);
      cache[s] = b;
      known[s] = 1;
      return b;
    };
  } else if (statePreds.length === 0) stateBits = () => 0;
  const edgePreds = edgeIdx.map((i) => atoms.edge[i]);
  const edgeMasks = edgeIdx.map((i) => 1 << i);
  const edgeBits =
    edgePreds.length === 0
      ? undefined
      : (from: number, to: number, edge: number): number => {
          let bits = 0;
          for (let k = 0; k < edgePreds.length; k++) if (edgePreds[k](from, to, edge)) bits |= edgeMasks[k];
          return bits;
        };
  const aliveIndex = gba.atoms.indexOf(ALIVE_ATOM);
  const common = {
    ...(graph ? { graph } : { space }),
    initial,
    stateBits,
    ...(edgeBits ? { edgeBits } : {}),
    aliveBit: aliveIndex >= 0 ? 1 << aliveIndex : 0,
    deadlock,
    stutterEverywhere: options.stutterEverywhere ?? false,
    fairness,
    shouldStop: options.shouldStop,
    maxStates: options.maxStates,
  };
  const result: ProductResult = productEmptiness({
    ...common,
    automaton: compileGba(gba),
    counterexample: options.shortestLasso === false ? 'first' : 'shortest',
  });
  const stats: LtlStats = {
    ...result.stats,
    automatonStates: gba.stateCount,
    acceptanceSets: gba.acceptanceSets,
    seconds: (performance.now() - started) / 1000,
  };
  if (result.kind === 'stopped') return { kind: 'stopped', reason: result.reason, stats };
  if (result.kind === 'nonempty') throw new Error('internal: a product without its counterexample');
  if (result.kind === 'lasso') {
    return { kind: 'violated', lasso: toLasso(result.prefix, result.cycle), stats, warnings: [] };
  }
  const warnings: Diagnostic[] = [];
  if (fairness.length > 0 && options.vacuityCheck !== false) {
    // Vacuity: is there any fair behaviour at all? (The product with the automaton of `true`.)
    // Only the verdict matters here: no counterexample.
    const any = productEmptiness({
      ...common,
      automaton: compileGba(trueAutomaton()),
      counterexample: 'none',
    });
    if (any.kind === 'empty') {
      warnings.push(
        makeDiagnostic(
          TemporalCodes.noFairPath,
          'no behaviour meets the fairness constraints: the formula holds vacuously',
          undefined,
          { severity: 'warning', hint: 'the fairness constraints may contradict the specification' },
        ),
      );
    }
  }
  return { kind: 'holds', stats, warnings };
}

/** The TGBA the checker uses for a formula: that of its negation (finite mode: after the LTLf encoding). */
export function automatonFor(ltl: Formula, atomNames: readonly string[], finite: boolean): Gba {
  const body = finite ? encodeFiniteTraces(ltl) : ltl;
  const names = finite ? [...atomNames, ALIVE_ATOM] : [...atomNames];
  return translateLtl({ kind: 'not', arg: body }, { atoms: names });
}

function trueAutomaton(): Gba {
  return {
    atoms: [],
    stateCount: 1,
    initial: 0,
    acceptanceSets: 0,
    transitions: [{ from: 0, to: 0, guard: [{ pos: 0, neg: 0 }], acc: 0 }],
    stateLabels: ['true'],
  };
}
