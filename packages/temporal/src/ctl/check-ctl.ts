import { type Diagnostic, makeDiagnostic } from '@modelcheck/core';
import { TemporalCodes } from '../diagnostic-codes.js';
import type { Formula } from '../formula/ast.js';
import type { ParseOptions } from '../formula/parser.js';
import { printFormula } from '../formula/printer.js';
import { type Bitset, fullBitset, hasBit, newBitset } from '../graph/bitset.js';
import type { DeadlockMode, KripkeGraph } from '../graph/kripke.js';
import {
  type AtomBindings,
  type FairnessConstraint,
  type FormulaInput,
  type LassoStep,
  type LimitOptions,
  parseAs,
  resolveAtoms,
  spanOf,
  type TemporalLasso,
  type TemporalStopReason,
} from '../model.js';
import { CtlGraph, StopSignal } from './ctl-graph.js';

export interface CtlCheckOptions extends LimitOptions {
  readonly graph: KripkeGraph;
  /** A formula, or its text (parsed with `parse`, by default identifiers and "quoted" atoms). */
  readonly formula: FormulaInput;
  readonly atoms: AtomBindings;
  /** Default: `graph.initial`. */
  readonly initial?: ArrayLike<number>;
  readonly fairness?: readonly FairnessConstraint[];
  /** Default `stutter`. */
  readonly deadlock?: DeadlockMode;
  /** Every state may stutter (TLA+ behaviours): each state gets a self-loop with edge id -1. */
  readonly stutterEverywhere?: boolean;
  readonly parse?: ParseOptions;
}

/** Why a sub-formula holds or fails at a state: a path for its operator and the verdicts below it. */
export interface CtlExplanation {
  readonly formula: Formula;
  readonly text: string;
  readonly state: number;
  readonly holds: boolean;
  /**
   * Witness (holds) or counterexample (fails) for the operator at this state, when one path shows
   * it: a lasso (`cycle` non-empty), or a finite path (`cycle` empty, `finite`), which for `EF`,
   * `AG`, `EU`, `AX`... is a path prefix and for `EG`/`AF` in `finite` deadlock mode a maximal path.
   */
  readonly path?: TemporalLasso;
  /** What the path shows, or why there is none ("no successor satisfies p"). */
  readonly note?: string;
  readonly children: readonly CtlExplanation[];
}

/** The labelling: which states satisfy each sub-formula; explanations on request. */
export interface CtlLabels {
  /** The formula as checked (its CTL form). */
  readonly formula: Formula;
  /** States satisfying the whole formula. */
  readonly satisfying: Bitset;
  holdsAt(state: number): boolean;
  /** The explanation tree at a state, `depth` levels of sub-formulas deep (default 8). */
  explain(state: number, depth?: number): CtlExplanation;
}

export type CtlResult =
  | {
      readonly kind: 'holds';
      /** Computed when first read (at the first initial state considered). */
      readonly explanation: CtlExplanation;
      readonly labels: CtlLabels;
      readonly warnings: readonly Diagnostic[];
    }
  | {
      readonly kind: 'violated';
      /** The first initial state (in `initial` order) where the formula fails. */
      readonly failingState: number;
      readonly explanation: CtlExplanation;
      readonly labels: CtlLabels;
      readonly warnings: readonly Diagnostic[];
    }
  | { readonly kind: 'stopped'; readonly reason: TemporalStopReason }
  | { readonly kind: 'error'; readonly diagnostics: readonly Diagnostic[] };

type Op =
  | 'true'
  | 'false'
  | 'atom'
  | 'not'
  | 'and'
  | 'or'
  | 'implies'
  | 'iff'
  | 'EX'
  | 'EF'
  | 'EG'
  | 'EU'
  | 'ER'
  | 'EW'
  | 'AX'
  | 'AF'
  | 'AG'
  | 'AU'
  | 'AR'
  | 'AW';

interface Node {
  readonly op: Op;
  readonly formula: Formula;
  readonly args: readonly number[];
  readonly atom: number;
}

const TEMPORAL_OP: Record<string, string> = {
  next: 'X',
  finally: 'F',
  globally: 'G',
  until: 'U',
  release: 'R',
  'weak-until': 'W',
};

/**
 * CTL model checking by labelling: every sub-formula gets a bitset of the states satisfying it,
 * bottom-up, from three base operators (EX, E[U], EG; fair EG by SCCs). The formula holds iff it
 * holds in every initial state; under fairness, every initial state from which a fair behaviour
 * starts (the others are reported in a warning, as the verdict is vacuous there).
 */
export function checkCtl(options: CtlCheckOptions): CtlResult {
  const input = parseAs('ctl', options.formula, options.parse);
  if (!input.formula) return { kind: 'error', diagnostics: input.diagnostics };
  const { formula, text, file } = input;
  const atoms = resolveAtoms(formula, options.atoms, {
    stateOnly: true,
    text,
    file,
    context: 'in CTL a state predicate',
  });
  if (atoms.diagnostics.length > 0) return { kind: 'error', diagnostics: atoms.diagnostics };
  const graph = options.graph;
  const initial = options.initial ?? graph.initial;
  for (let i = 0; i < initial.length; i++) {
    const s = initial[i];
    if (!(Number.isInteger(s) && s >= 0 && s < graph.stateCount)) {
      return {
        kind: 'error',
        diagnostics: [
          makeDiagnostic(TemporalCodes.badInitialState, `initial state ${s} is not a state of the graph`),
        ],
      };
    }
  }
  const cg = new CtlGraph(graph, {
    deadlock: options.deadlock ?? 'stutter',
    stutterEverywhere: options.stutterEverywhere ?? false,
    fairness: options.fairness ?? [],
    shouldStop: options.shouldStop,
  });

  // Compile to a DAG of nodes, shared sub-formulas once (keyed by their printed text).
  const nodes: Node[] = [];
  const byKey = new Map<string, number>();
  const atomIndex = new Map(atoms.names.map((n, i) => [n, i]));
  const compile = (g: Formula): number => {
    const key = printFormula(g);
    const known = byKey.get(key);
    if (known !== undefined) return known;
    let node: Node;
    switch (g.kind) {
      case 'true':
      case 'false':
        node = { op: g.kind, formula: g, args: [], atom: -1 };
        break;
      case 'atom':
        node = { op: 'atom', formula: g, args: [], atom: atomIndex.get(g.name)! };
        break;
      case 'not':
        node = { op: 'not', formula: g, args: [compile(g.arg)], atom: -1 };
        break;
      case 'and':
      case 'or':
      case 'implies':
      case 'iff':
        node = { op: g.kind, formula: g, args: [compile(g.left), compile(g.right)], atom: -1 };
        break;
      case 'all':
      case 'exists': {
        const body = g.arg;
        const q = g.kind === 'all' ? 'A' : 'E';
        const op = `${q}${TEMPORAL_OP[body.kind]}` as Op;
        const args =
          body.kind === 'next' || body.kind === 'finally' || body.kind === 'globally'
            ? [compile(body.arg)]
            : 'left' in body
              ? [compile(body.left), compile(body.right)]
              : [];
        node = { op, formula: g, args, atom: -1 };
        break;
      }
      default:
        throw new Error(`not a CTL node: ${g.kind}`);
    }
    nodes.push(node);
    const id = nodes.length - 1;
    byKey.set(key, id);
    return id;
  };
  const root = compile(formula);

  const sets: Bitset[] = [];
  try {
    for (let i = 0; i < nodes.length; i++) {
      cg.checkStop();
      sets.push(label(cg, nodes[i], sets, atoms.state));
    }
  } catch (error) {
    if (error instanceof StopSignal) return { kind: 'stopped', reason: 'cancelled' };
    throw error;
  }

  const warnings: Diagnostic[] = [];
  let considered: number[] = Array.from(initial);
  if (cg.hasFairness) {
    const fair = cg.fair();
    const vacuous = considered.filter((s) => !hasBit(fair, s));
    if (vacuous.length > 0) {
      warnings.push(
        makeDiagnostic(
          TemporalCodes.noFairPath,
          vacuous.length === initial.length
            ? 'no fair behaviour starts in any initial state: the formula holds vacuously'
            : `no fair behaviour starts in initial state${vacuous.length > 1 ? 's' : ''} ${vacuous.slice(0, 5).join(', ')}${vacuous.length > 5 ? ', …' : ''}: the verdict ignores ${vacuous.length > 1 ? 'them' : 'it'}`,
          undefined,
          { severity: 'warning', hint: 'the fairness constraints may contradict the specification' },
        ),
      );
      considered = considered.filter((s) => hasBit(fair, s));
    }
  }
  const labels = makeLabels(cg, nodes, sets, root);
  const failing = considered.find((s) => !hasBit(sets[root], s));
  // The explanation is computed when first read: a witness lasso costs a search of its own.
  let explained: CtlExplanation | undefined;
  const explain = (at: number): CtlExplanation => {
    if (!explained) {
      explained =
        at >= 0 && graph.stateCount > 0
          ? labels.explain(at, 1)
          : { formula, text: printFormula(formula), state: -1, holds: true, children: [] };
    }
    return explained;
  };
  if (failing === undefined) {
    const at = considered.length > 0 ? considered[0] : initial.length > 0 ? initial[0] : -1;
    return {
      kind: 'holds',
      get explanation() {
        return explain(at);
      },
      labels,
      warnings,
    };
  }
  return {
    kind: 'violated',
    failingState: failing,
    get explanation() {
      return explain(failing);
    },
    labels,
    warnings,
  };
}

function label(cg: CtlGraph, node: Node, sets: Bitset[], atoms: readonly ((s: number) => boolean)[]): Bitset {
  const n = cg.n;
  const a = node.args.length > 0 ? sets[node.args[0]] : undefined;
  const b = node.args.length > 1 ? sets[node.args[1]] : undefined;
  switch (node.op) {
    case 'true':
      return fullBitset(n);
    case 'false':
      return newBitset(n);
    case 'atom': {
      const out = newBitset(n);
      const p = atoms[node.atom];
      for (let s = 0; s < n; s++) if (p(s)) out[s >>> 5] |= 1 << (s & 31);
      return out;
    }
    case 'not':
      return cg.not(a!);
    case 'and':
      return cg.and(a!, b!);
    case 'or':
      return cg.or(a!, b!);
    case 'implies':
      return cg.or(cg.not(a!), b!);
    case 'iff': {
      const out = newBitset(n);
      for (let i = 0; i < out.length; i++) out[i] = ~(a![i] ^ b![i]);
      return cg.and(out, fullBitset(n));
    }
    case 'EX':
      return cg.ex(a!);
    case 'EF':
      return cg.eu(fullBitset(n), a!);
    case 'EG':
      return cg.eg(a!);
    case 'EU':
      return cg.eu(a!, b!);
    case 'ER':
      // E[a R b] = E[b U (a & b)] | EG b
      return cg.or(cg.eu(b!, cg.and(a!, b!)), cg.eg(b!));
    case 'EW':
      return cg.or(cg.eu(a!, b!), cg.eg(a!));
    case 'AX':
      return cg.not(cg.ex(cg.not(a!)));
    case 'AF':
      return cg.not(cg.eg(cg.not(a!)));
    case 'AG':
      return cg.not(cg.eu(fullBitset(n), cg.not(a!)));
    case 'AU': {
      // A[a U b] = !(E[!b U (!a & !b)] | EG !b)
      const nb = cg.not(b!);
      return cg.not(cg.or(cg.eu(nb, cg.and(cg.not(a!), nb)), cg.eg(nb)));
    }
    case 'AR':
      // A[a R b] = !E[!a U !b]
      return cg.not(cg.eu(cg.not(a!), cg.not(b!)));
    case 'AW': {
      // A[a W b] = !E[!b U (!a & !b)]
      const nb = cg.not(b!);
      return cg.not(cg.eu(nb, cg.and(cg.not(a!), nb)));
    }
  }
}

function makeLabels(cg: CtlGraph, nodes: readonly Node[], sets: readonly Bitset[], root: number): CtlLabels {
  const n = cg.n;
  const all = fullBitset(n);
  const finite = cg.options.deadlock === 'finite';
  const pathLasso = (steps: LassoStep[]): TemporalLasso => ({ prefix: steps, cycle: [], finite: true });
  const explainNode = (id: number, s: number, depth: number): CtlExplanation => {
    const node = nodes[id];
    const set = sets[id];
    const holds = hasBit(set, s);
    const text = printFormula(node.formula);
    const kids: CtlExplanation[] = [];
    let path: TemporalLasso | undefined;
    let note: string | undefined;
    const child = (arg: number, at: number): void => {
      if (depth > 0) kids.push(explainNode(node.args[arg], at, depth - 1));
    };
    const [a, b] = node.args.map((i) => sets[i]);
    const textOf = (arg: number): string => printFormula(nodes[node.args[arg]].formula);
    // A path from s to a state of `goal` through `through`; explains the end state's sub-formula.
    const toward = (through: Bitset, goal: Bitset, endArg: number | undefined, what: string): void => {
      const steps = cg.pathTo(s, through, goal);
      if (!steps) return;
      path = pathLasso(steps);
      note = what;
      if (endArg !== undefined) child(endArg, steps[steps.length - 1].state);
    };
    const forever = (inside: Bitset, what: string): void => {
      const lasso = cg.egWitness(s, inside);
      if (!lasso) return;
      path = lasso;
      note = what;
    };
    switch (node.op) {
      case 'true':
      case 'false':
      case 'atom':
        break;
      case 'not':
        child(0, s);
        break;
      case 'and':
        // Holds: both conjuncts; fails: the first that fails.
        if (holds || !hasBit(a, s)) child(0, s);
        if (holds || hasBit(a, s)) child(1, s);
        break;
      case 'or':
        if (!holds || hasBit(a, s)) child(0, s);
        if (!holds || !hasBit(a, s)) child(1, s);
        break;
      case 'implies':
        child(0, s);
        if (!holds || hasBit(a, s)) child(1, s);
        break;
      case 'iff':
        child(0, s);
        child(1, s);
        break;
      case 'EX':
      case 'AX': {
        const want = node.op === 'EX' ? a : cg.not(a);
        const succ = cg.successorIn(s, want);
        const shows = node.op === 'EX' ? holds : !holds;
        if (shows && succ) {
          path = pathLasso([
            { state: s, edge: succ.edge },
            { state: succ.state, edge: -1 },
          ]);
          note = `a successor where ${textOf(0)} ${node.op === 'EX' ? 'holds' : 'fails'}`;
          child(0, succ.state);
        } else {
          const succs = cg.successors(s);
          note =
            succs.length === 0
              ? finite
                ? 'a dead state: no successor (EX is false and AX vacuously true here)'
                : 'no successor'
              : node.op === 'EX'
                ? `no successor satisfies ${textOf(0)}`
                : `every successor satisfies ${textOf(0)}`;
          for (const t of succs.slice(0, 8)) child(0, t.state);
        }
        break;
      }
      case 'EF':
        if (holds) toward(all, a, 0, `a path to a state where ${textOf(0)} holds`);
        else note = `no reachable state satisfies ${textOf(0)}`;
        break;
      case 'AG':
        if (!holds) toward(all, cg.not(a), 0, `a path to a state where ${textOf(0)} fails`);
        else note = `every reachable state satisfies ${textOf(0)}`;
        break;
      case 'EU':
        if (holds) toward(a, b, 1, `a path through ${textOf(0)} to ${textOf(1)}`);
        else child(1, s);
        break;
      case 'EG':
        if (holds) forever(a, `a behaviour where ${textOf(0)} always holds`);
        else child(0, s);
        break;
      case 'AF':
        if (!holds) forever(cg.not(a), `a behaviour where ${textOf(0)} never holds`);
        else child(0, s);
        break;
      case 'AU':
      case 'AW': {
        if (holds) {
          child(1, s);
          break;
        }
        // Fails: a path through !b to a state with !a & !b, or (AU only) !b forever.
        const nb = cg.not(b);
        const bad = cg.and(cg.not(a), nb);
        const reach = cg.pathTo(s, nb, bad);
        if (reach) {
          path = pathLasso(reach);
          note = `a path where ${textOf(1)} fails until a state where ${textOf(0)} fails too`;
          const end = reach[reach.length - 1].state;
          child(0, end);
          child(1, end);
        } else if (node.op === 'AU') {
          forever(nb, `a behaviour where ${textOf(1)} never holds`);
        }
        break;
      }
      case 'ER':
      case 'EW': {
        if (!holds) {
          child(1, s);
          break;
        }
        // ER: E[b U (a & b)] | EG b;  EW: E[a U b] | EG a.
        const [through, goal, forev] = node.op === 'ER' ? [b, cg.and(a, b), b] : [a, b, a];
        const reach = cg.pathTo(s, through, goal);
        if (reach) {
          path = pathLasso(reach);
          note =
            node.op === 'ER'
              ? `a path where ${textOf(1)} holds until ${textOf(0)} does too`
              : `a path through ${textOf(0)} to ${textOf(1)}`;
        } else forever(forev, `a behaviour where ${node.op === 'ER' ? textOf(1) : textOf(0)} always holds`);
        break;
      }
      case 'AR': {
        if (holds) {
          child(1, s);
          break;
        }
        // !A[a R b] = E[!a U !b]
        toward(cg.not(a), cg.not(b), 1, `a path where ${textOf(0)} fails until ${textOf(1)} fails`);
        break;
      }
    }
    return {
      formula: node.formula,
      text,
      state: s,
      holds,
      ...(path ? { path } : {}),
      ...(note ? { note } : {}),
      children: kids,
    };
  };
  return {
    formula: nodes[root].formula,
    satisfying: sets[root],
    holdsAt: (state) => hasBit(sets[root], state),
    explain: (state, depth = 8) => explainNode(root, state, depth),
  };
}
