import { type Formula, isStateFormula } from './ast.js';
import { toNnf } from './transform.js';

export type FormulaClass = 'state' | 'ctl' | 'ltl' | 'both' | 'neither';

export interface Classification {
  /** `state`: no temporal operator (both logics); `both`: CTL and LTL express it (`AG p` ~ `G p`). */
  readonly kind: FormulaClass;
  /** An equivalent CTL formula (every temporal operator right under A or E), when there is one. */
  readonly ctl?: Formula;
  /** An equivalent LTL formula (no path quantifiers; read over all paths), when there is one. */
  readonly ltl?: Formula;
}

/**
 * Says which logic a formula belongs to and gives its form in each. A formula without a path
 * quantifier is LTL (over all paths); `A φ` with a quantifier-free `φ` is the same LTL formula.
 * CTL formulas are also LTL when they are in the common fragment of ACTL and LTL that we can
 * recognise syntactically: in negation normal form only `A`, and a quantified formula may sit
 * under `X`, `G`, `&` and one side of an `|` whose other side is propositional, but not under
 * `F`, `U`, `R`, `W` (`AF AG p` is not `F G p`). The same fragment maps LTL to CTL (`G F p` ~ `AG AF p`).
 */
export function classifyFormula(formula: Formula): Classification {
  if (isStateFormula(formula)) return { kind: 'state', ctl: formula, ltl: formula };
  const ctl = toCtl(formula);
  const ltl = toLtl(formula);
  const kind: FormulaClass = ctl && ltl ? 'both' : ctl ? 'ctl' : ltl ? 'ltl' : 'neither';
  return { kind, ...(ctl ? { ctl } : {}), ...(ltl ? { ltl } : {}) };
}

function hasQuantifier(g: Formula): boolean {
  switch (g.kind) {
    case 'atom':
    case 'true':
    case 'false':
      return false;
    case 'all':
    case 'exists':
      return true;
    case 'not':
    case 'next':
    case 'finally':
    case 'globally':
      return hasQuantifier(g.arg);
    default:
      return hasQuantifier(g.left) || hasQuantifier(g.right);
  }
}

/** The LTL form of a formula, or undefined when it has none that we recognise. */
export function toLtl(formula: Formula): Formula | undefined {
  if (!hasQuantifier(formula)) return formula;
  if (formula.kind === 'all' && !hasQuantifier(formula.arg)) return formula.arg;
  return actlToLtl(toNnf(formula), true);
}

/** `free`: quantifiers below may be dropped (top, under X, G, &); otherwise only propositions may carry one. */
function actlToLtl(g: Formula, free: boolean): Formula | undefined {
  if (isStateFormula(g)) return g;
  switch (g.kind) {
    case 'all':
      if (!free) return isStateFormula(g.arg) ? g.arg : undefined;
      return actlToLtl(g.arg, true);
    case 'exists':
      return isStateFormula(g.arg) ? g.arg : undefined;
    case 'and': {
      const l = actlToLtl(g.left, free);
      const r = l && actlToLtl(g.right, free);
      return l && r ? { kind: 'and', left: l, right: r } : undefined;
    }
    case 'or': {
      const lp = isStateFormula(g.left);
      const rp = isStateFormula(g.right);
      const l = actlToLtl(g.left, free && rp);
      const r = l && actlToLtl(g.right, free && lp);
      return l && r ? { kind: 'or', left: l, right: r } : undefined;
    }
    case 'next':
    case 'globally': {
      const a = actlToLtl(g.arg, free);
      return a ? { kind: g.kind, arg: a } : undefined;
    }
    case 'finally': {
      const a = actlToLtl(g.arg, false);
      return a ? { kind: 'finally', arg: a } : undefined;
    }
    case 'until':
    case 'release':
    case 'weak-until': {
      const l = actlToLtl(g.left, false);
      const r = l && actlToLtl(g.right, false);
      return l && r ? { kind: g.kind, left: l, right: r } : undefined;
    }
    default:
      return undefined;
  }
}

/** The CTL form of a formula, or undefined when it has none that we recognise. */
export function toCtl(formula: Formula): Formula | undefined {
  // Without quantifiers the formula is LTL, read over all paths (so `!G p` is `AF !p`, not `!AG p`).
  if (!hasQuantifier(formula)) return ltlToActl(toNnf(formula), true);
  const direct = ctlStructure(formula);
  if (direct) return direct;
  const ltl = toLtl(formula);
  return ltl ? ltlToActl(toNnf(ltl), true) : undefined;
}

/** CTL as written: every temporal operator right under a path quantifier. */
function ctlStructure(formula: Formula): Formula | undefined {
  if (isStateFormula(formula)) return formula;
  switch (formula.kind) {
    case 'not': {
      const a = ctlStructure(formula.arg);
      return a ? { kind: 'not', arg: a } : undefined;
    }
    case 'and':
    case 'or':
    case 'implies':
    case 'iff': {
      const l = ctlStructure(formula.left);
      const r = l && ctlStructure(formula.right);
      return l && r ? { kind: formula.kind, left: l, right: r } : undefined;
    }
    case 'all':
    case 'exists': {
      const direct = quantifiedCtl(formula.kind, formula.arg);
      if (direct) return direct;
      if (formula.kind === 'all') return ltlToActl(toNnf(formula.arg), true);
      // E φ = !A !φ
      const dual = ltlToActl(toNnf({ kind: 'not', arg: formula.arg }), true);
      return dual ? { kind: 'not', arg: dual } : undefined;
    }
    default:
      return undefined;
  }
}

/** `Q op(args)` where the args are CTL state formulas; negations in front of `op` are pushed through. */
function quantifiedCtl(q: 'all' | 'exists', arg: Formula): Formula | undefined {
  let body = arg;
  let flips = 0;
  while (body.kind === 'not') {
    body = body.arg;
    flips++;
  }
  const negated = flips % 2 === 1;
  const neg = (g: Formula): Formula => ({ kind: 'not', arg: g });
  switch (body.kind) {
    case 'next':
    case 'finally':
    case 'globally': {
      const a = ctlStructure(body.arg);
      if (!a) return undefined;
      if (!negated) return { kind: q, arg: { kind: body.kind, arg: a } };
      const dual = body.kind === 'next' ? 'next' : body.kind === 'finally' ? 'globally' : 'finally';
      return { kind: q, arg: { kind: dual, arg: neg(a) } };
    }
    case 'until':
    case 'release':
    case 'weak-until': {
      const l = ctlStructure(body.left);
      const r = l && ctlStructure(body.right);
      if (!l || !r) return undefined;
      if (!negated) return { kind: q, arg: { kind: body.kind, left: l, right: r } };
      if (body.kind === 'until') return { kind: q, arg: { kind: 'release', left: neg(l), right: neg(r) } };
      if (body.kind === 'release') return { kind: q, arg: { kind: 'until', left: neg(l), right: neg(r) } };
      // !(p W q) = !q U (!p & !q)
      return {
        kind: q,
        arg: { kind: 'until', left: neg(r), right: { kind: 'and', left: neg(l), right: neg(r) } },
      };
    }
    default:
      if (isStateFormula(body)) return negated ? neg(body) : body;
      return undefined;
  }
}

function ltlToActl(g: Formula, free: boolean): Formula | undefined {
  if (isStateFormula(g)) return g;
  switch (g.kind) {
    case 'all':
    case 'exists':
      return free ? ctlStructure(g) : undefined;
    case 'and': {
      const l = ltlToActl(g.left, free);
      const r = l && ltlToActl(g.right, free);
      return l && r ? { kind: 'and', left: l, right: r } : undefined;
    }
    case 'or': {
      const lp = isStateFormula(g.left);
      const rp = isStateFormula(g.right);
      if (!lp && !rp) return undefined;
      const l = ltlToActl(g.left, free);
      const r = l && ltlToActl(g.right, free);
      return l && r ? { kind: 'or', left: l, right: r } : undefined;
    }
    case 'next':
    case 'globally': {
      const a = ltlToActl(g.arg, free);
      return a ? { kind: 'all', arg: { kind: g.kind, arg: a } } : undefined;
    }
    case 'finally':
      return isStateFormula(g.arg) ? { kind: 'all', arg: g } : undefined;
    case 'until':
    case 'release':
    case 'weak-until':
      return isStateFormula(g.left) && isStateFormula(g.right) ? { kind: 'all', arg: g } : undefined;
    default:
      return undefined;
  }
}
