import type { Formula } from '../formula/ast.js';
import { stronglyConnectedComponents } from '../graph/scc.js';
import { type LNode, LtlStore } from './ltl-node.js';

/** A conjunction of literals over atom bits: every bit of `pos` set and every bit of `neg` clear. */
export interface Cube {
  readonly pos: number;
  readonly neg: number;
}

export interface GbaTransition {
  readonly from: number;
  readonly to: number;
  /** A disjunction of cubes; `[{pos: 0, neg: 0}]` is `true`. */
  readonly guard: readonly Cube[];
  /** The acceptance sets this transition belongs to (bit j: set j). */
  readonly acc: number;
}

/**
 * A transition-based generalised Büchi automaton (TGBA): a run is accepting when, for every
 * acceptance set, it takes transitions of that set infinitely often. Transitions read the letter
 * of the current position (atom bits in the order of `atoms`). Transition-based acceptance, as
 * in Couvreur's construction and Spot, gives smaller automata than state-based (ltl2ba's
 * `GF p & GF q & GF r` has 4 states; here it is 1 state with 3 acceptance sets).
 */
export interface Gba {
  readonly atoms: readonly string[];
  readonly stateCount: number;
  /** -1 when the language is empty (the formula is unsatisfiable). */
  readonly initial: number;
  readonly acceptanceSets: number;
  /** Sorted by `from`. */
  readonly transitions: readonly GbaTransition[];
  /** The formula each state stands for (for reading and debugging). */
  readonly stateLabels: readonly string[];
}

export class TranslationLimitError extends Error {}

const MAX_STATES = 20_000;

interface Term {
  pos: number;
  neg: number;
  next: LNode[];
  prom: number;
}

interface RawTransition {
  from: number;
  to: number;
  cubes: Cube[];
  prom: number;
}

export interface TranslateOptions {
  /** Atom order (bit positions); atoms of the formula not listed are appended. */
  readonly atoms?: readonly string[];
  /** Post-construction reductions (default true; off only to test that they preserve the language). */
  readonly reduce?: boolean;
}

/**
 * LTL to TGBA, after Couvreur's on-the-fly tableau ("FM", as in Spot's ltl2tgba_fm): a state is
 * a formula (the obligation for the rest of the word), expanded into transitions "letter cube,
 * next obligation, postponed untils"; a transition that postpones `a U b` is outside that
 * until's acceptance set. Then: formula rewriting while building (see `LtlStore`), subsumed
 * transitions removed, parallel transitions merged, useless states removed, acceptance marks off
 * SCCs dropped, redundant acceptance sets removed, bisimilar states merged.
 * The formula must have no path quantifiers (LTL form; see `toLtl`).
 */
export function translateLtl(formula: Formula, options: TranslateOptions = {}): Gba {
  const atoms = [...(options.atoms ?? [])];
  const atomIndex = new Map(atoms.map((a, i) => [a, i]));
  const store = new LtlStore();
  const root = toNode(store, formula, atoms, atomIndex);
  if (atoms.length > 32) throw new TranslationLimitError(`${atoms.length} atomic propositions (at most 32)`);
  return buildGba(store, root, atoms, options.reduce ?? true);
}

/** The formula as an `LNode` (negation normal form, simplified). */
export function toNode(store: LtlStore, g: Formula, atoms: string[], atomIndex: Map<string, number>): LNode {
  const go = (h: Formula, neg: boolean): LNode => {
    switch (h.kind) {
      case 'true':
        return neg ? store.bottom : store.top;
      case 'false':
        return neg ? store.top : store.bottom;
      case 'atom': {
        let i = atomIndex.get(h.name);
        if (i === undefined) {
          i = atoms.length;
          atoms.push(h.name);
          atomIndex.set(h.name, i);
        }
        return store.lit(i, neg);
      }
      case 'not':
        return go(h.arg, !neg);
      case 'and':
        return neg
          ? store.or([go(h.left, true), go(h.right, true)])
          : store.and([go(h.left, false), go(h.right, false)]);
      case 'or':
        return neg
          ? store.and([go(h.left, true), go(h.right, true)])
          : store.or([go(h.left, false), go(h.right, false)]);
      case 'implies':
        return neg
          ? store.and([go(h.left, false), go(h.right, true)])
          : store.or([go(h.left, true), go(h.right, false)]);
      case 'iff': {
        const both = store.and([go(h.left, false), go(h.right, false)]);
        const neither = store.and([go(h.left, true), go(h.right, true)]);
        const onlyL = store.and([go(h.left, false), go(h.right, true)]);
        const onlyR = store.and([go(h.left, true), go(h.right, false)]);
        return neg ? store.or([onlyL, onlyR]) : store.or([both, neither]);
      }
      case 'next':
        return store.X(go(h.arg, neg));
      case 'finally':
        return neg ? store.G(go(h.arg, true)) : store.F(go(h.arg, false));
      case 'globally':
        return neg ? store.F(go(h.arg, true)) : store.G(go(h.arg, false));
      case 'until':
        return neg
          ? store.R(go(h.left, true), go(h.right, true))
          : store.U(go(h.left, false), go(h.right, false));
      case 'release':
        return neg
          ? store.U(go(h.left, true), go(h.right, true))
          : store.R(go(h.left, false), go(h.right, false));
      case 'weak-until': {
        // a W b = b R (a | b); !(a W b) = !b U (!a & !b)
        if (neg) return store.U(go(h.right, true), store.and([go(h.left, true), go(h.right, true)]));
        return store.R(go(h.right, false), store.or([go(h.left, false), go(h.right, false)]));
      }
      case 'all':
      case 'exists':
        throw new Error('path quantifiers are not LTL; convert with toLtl first');
    }
  };
  return go(g, false);
}

function buildGba(store: LtlStore, root: LNode, atoms: readonly string[], reduce: boolean): Gba {
  const promiseBit = new Map<number, number>();
  const bitOf = (u: LNode): number => {
    let b = promiseBit.get(u.id);
    if (b === undefined) {
      b = promiseBit.size;
      if (b >= 32) throw new TranslationLimitError('more than 32 eventualities (U and F sub-formulas)');
      promiseBit.set(u.id, b);
    }
    return 1 << b;
  };
  const memo = new Map<number, Term[]>();
  const product = (xs: Term[], ys: Term[]): Term[] => {
    const out: Term[] = [];
    for (const x of xs) {
      for (const y of ys) {
        const pos = x.pos | y.pos;
        const neg = x.neg | y.neg;
        if ((pos & neg) !== 0) continue;
        out.push({ pos, neg, next: x.next.concat(y.next), prom: x.prom | y.prom });
      }
    }
    return dedupe(out);
  };
  const expand = (f: LNode): Term[] => {
    const known = memo.get(f.id);
    if (known) return known;
    let terms: Term[];
    switch (f.op) {
      case 'true':
        terms = [{ pos: 0, neg: 0, next: [], prom: 0 }];
        break;
      case 'false':
        terms = [];
        break;
      case 'lit':
        terms = [
          f.neg
            ? { pos: 0, neg: 1 << f.atom, next: [], prom: 0 }
            : { pos: 1 << f.atom, neg: 0, next: [], prom: 0 },
        ];
        break;
      case 'and':
        terms = f.args.reduce<Term[]>(
          (acc, a) => product(acc, expand(a)),
          [{ pos: 0, neg: 0, next: [], prom: 0 }],
        );
        break;
      case 'or':
        terms = dedupe(f.args.flatMap((a) => expand(a)));
        break;
      case 'X':
        terms = [{ pos: 0, neg: 0, next: [f.args[0]], prom: 0 }];
        break;
      case 'U':
        terms = dedupe([
          ...expand(f.args[1]),
          ...product(expand(f.args[0]), [{ pos: 0, neg: 0, next: [f], prom: bitOf(f) }]),
        ]);
        break;
      case 'F':
        terms = dedupe([...expand(f.args[0]), { pos: 0, neg: 0, next: [f], prom: bitOf(f) }]);
        break;
      case 'R':
        terms = dedupe([
          ...product(expand(f.args[0]), expand(f.args[1])),
          ...product(expand(f.args[1]), [{ pos: 0, neg: 0, next: [f], prom: 0 }]),
        ]);
        break;
      case 'G':
        terms = product(expand(f.args[0]), [{ pos: 0, neg: 0, next: [f], prom: 0 }]);
        break;
    }
    memo.set(f.id, terms);
    return terms;
  };

  // Breadth-first over state formulas.
  const stateOf = new Map<number, number>();
  const formulas: LNode[] = [];
  const raw: RawTransition[] = [];
  const addState = (f: LNode): number => {
    let s = stateOf.get(f.id);
    if (s === undefined) {
      s = formulas.length;
      if (s >= MAX_STATES) throw new TranslationLimitError(`more than ${MAX_STATES} automaton states`);
      formulas.push(f);
      stateOf.set(f.id, s);
    }
    return s;
  };
  if (root.op !== 'false') addState(root);
  for (let s = 0; s < formulas.length; s++) {
    const outs: { pos: number; neg: number; dest: LNode; prom: number }[] = [];
    for (const t of expand(formulas[s])) {
      const dest = store.and(t.next);
      if (dest.op === 'false') continue;
      outs.push({ pos: t.pos, neg: t.neg, dest, prom: t.prom });
    }
    // Drop a transition another one subsumes: weaker guard, fewer postponed untils, weaker destination.
    const keep = outs.filter(
      (t2, j) =>
        !outs.some(
          (t1, i) =>
            i !== j &&
            (t1.pos & t2.pos) === t1.pos &&
            (t1.neg & t2.neg) === t1.neg &&
            (t1.prom & t2.prom) === t1.prom &&
            store.implies(t2.dest, t1.dest) &&
            // Equal transitions: keep the first.
            !(
              i > j &&
              t1.pos === t2.pos &&
              t1.neg === t2.neg &&
              t1.prom === t2.prom &&
              store.implies(t1.dest, t2.dest)
            ),
        ),
    );
    for (const t of keep) {
      raw.push({ from: s, to: addState(t.dest), cubes: [{ pos: t.pos, neg: t.neg }], prom: t.prom });
    }
  }
  let n = formulas.length;
  let labels = formulas.map((f) => store.print(f, atoms));
  let transitions = raw;
  let initial = n > 0 ? 0 : -1;
  let bits = promiseBit.size;
  if (reduce && n > 0) {
    for (let round = 0; round < 4; round++) {
      const before = `${n}/${transitions.length}/${bits}`;
      transitions = mergeParallel(transitions);
      const trimmed = trim(n, initial, transitions, bits);
      ({ n, initial, transitions, bits } = trimmed);
      labels = trimmed.keep.map((old) => labels[old]);
      if (n === 0) break;
      const merged = mergeBisimilar(n, initial, transitions);
      labels = merged.representative.map((old) => labels[old]);
      ({ n, initial, transitions } = merged);
      if (`${n}/${transitions.length}/${bits}` === before) break;
    }
    transitions = mergeParallel(transitions);
  }
  if (n === 0) initial = -1;
  const all = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  const out: GbaTransition[] = transitions
    .map((t) => ({ from: t.from, to: t.to, guard: t.cubes, acc: (~t.prom & all) >>> 0 }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  return { atoms, stateCount: n, initial, acceptanceSets: bits, transitions: out, stateLabels: labels };
}

function dedupe(terms: Term[]): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  for (const t of terms) {
    const ids = [...new Set(t.next.map((x) => x.id))].sort((a, b) => a - b);
    const key = `${t.pos}/${t.neg}/${t.prom}/${ids.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/** Simplifies a disjunction of cubes: drops subsumed cubes, merges `x & a | x & !a` into `x`. */
export function minimiseCubes(cubesIn: readonly Cube[]): Cube[] {
  let cubes = [...cubesIn];
  for (let changed = true; changed; ) {
    changed = false;
    cubes = cubes.filter(
      (c2, j) =>
        !cubes.some(
          (c1, i) =>
            i !== j &&
            (c1.pos & c2.pos) === c1.pos &&
            (c1.neg & c2.neg) === c1.neg &&
            !(i > j && c1.pos === c2.pos && c1.neg === c2.neg),
        ),
    );
    outer: for (let i = 0; i < cubes.length; i++) {
      for (let j = i + 1; j < cubes.length; j++) {
        const a = cubes[i];
        const b = cubes[j];
        const dp = a.pos ^ b.pos;
        const dn = a.neg ^ b.neg;
        if (dp !== 0 && dp === dn && (dp & (dp - 1)) === 0 && ((a.pos & dp) !== 0) !== ((b.pos & dp) !== 0)) {
          cubes[i] = { pos: a.pos & ~dp, neg: a.neg & ~dp };
          cubes.splice(j, 1);
          changed = true;
          break outer;
        }
      }
    }
  }
  return cubes.sort((a, b) => a.pos - b.pos || a.neg - b.neg);
}

function guardKey(cubes: readonly Cube[]): string {
  return cubes.map((c) => `${c.pos >>> 0}.${c.neg >>> 0}`).join('|');
}

function mergeParallel(ts: readonly RawTransition[]): RawTransition[] {
  const groups = new Map<string, RawTransition>();
  for (const t of ts) {
    const key = `${t.from}/${t.to}/${t.prom}`;
    const g = groups.get(key);
    if (g) g.cubes = g.cubes.concat(t.cubes);
    else groups.set(key, { ...t, cubes: [...t.cubes] });
  }
  const out = [...groups.values()];
  for (const t of out) t.cubes = minimiseCubes(t.cubes);
  return out;
}

function sccOf(n: number, ts: readonly RawTransition[]): Int32Array {
  const offsets = new Int32Array(n + 1);
  for (const t of ts) offsets[t.from + 1]++;
  for (let s = 0; s < n; s++) offsets[s + 1] += offsets[s];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(ts.length);
  for (const t of ts) targets[fill[t.from]++] = t.to;
  return stronglyConnectedComponents(n, offsets, targets).component;
}

/**
 * Acceptance marks only matter on transitions inside SCCs; states that cannot reach an
 * accepting SCC are useless; an acceptance set whose transitions include another's (inside
 * SCCs) is implied by it. Returns the automaton renumbered, `keep[new] = old`.
 */
function trim(
  n: number,
  initial: number,
  tsIn: readonly RawTransition[],
  bitsIn: number,
): { n: number; initial: number; transitions: RawTransition[]; bits: number; keep: number[] } {
  const comp = sccOf(n, tsIn);
  let ts = tsIn.map((t) => ({ ...t, prom: comp[t.from] === comp[t.to] ? t.prom : 0 }));
  const internal = ts.filter((t) => comp[t.from] === comp[t.to]);
  // Acceptance sets: drop bit j if no internal transition postpones it, or if every internal
  // transition postponing j also postpones some other kept bit i (Acc_i ⊆ Acc_j).
  const used: number[] = [];
  for (let j = 0; j < bitsIn; j++) if (internal.some((t) => (t.prom >>> j) & 1)) used.push(j);
  const kept: number[] = [];
  for (const j of used) {
    const redundant = used.some(
      (i) =>
        i !== j &&
        internal.every((t) => !((t.prom >>> j) & 1) || ((t.prom >>> i) & 1) === 1) &&
        // Equal sets: keep the lower bit.
        !(i > j && internal.every((t) => !((t.prom >>> i) & 1) || ((t.prom >>> j) & 1) === 1)) &&
        (kept.includes(i) || i > j),
    );
    if (!redundant) kept.push(j);
  }
  const remap = (prom: number): number => {
    let out = 0;
    kept.forEach((j, k) => {
      if ((prom >>> j) & 1) out |= 1 << k;
    });
    return out;
  };
  ts = ts.map((t) => ({ ...t, prom: remap(t.prom) }));
  const bits = kept.length;
  const all = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  // Accepting SCCs: an internal transition, and for every set one that does not postpone it.
  const nComp = Math.max(0, ...Array.from(comp)) + 1;
  const hasInternal = new Uint8Array(nComp);
  const covered = new Uint32Array(nComp);
  for (const t of ts) {
    if (comp[t.from] !== comp[t.to]) continue;
    hasInternal[comp[t.from]] = 1;
    covered[comp[t.from]] |= ~t.prom & all;
  }
  const useful = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const c = comp[s];
    if (hasInternal[c] && (covered[c] & all) >>> 0 === all >>> 0) useful[s] = 1;
  }
  // Backward closure.
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of ts) {
      if (useful[t.to] && !useful[t.from]) {
        useful[t.from] = 1;
        changed = true;
      }
    }
  }
  if (!useful[initial]) return { n: 0, initial: -1, transitions: [], bits, keep: [] };
  // Renumber breadth-first from the initial state.
  const order: number[] = [initial];
  const index = new Int32Array(n).fill(-1);
  index[initial] = 0;
  const byFrom: RawTransition[][] = Array.from({ length: n }, () => []);
  for (const t of ts) if (useful[t.from] && useful[t.to]) byFrom[t.from].push(t);
  for (let k = 0; k < order.length; k++) {
    for (const t of byFrom[order[k]]) {
      if (index[t.to] < 0) {
        index[t.to] = order.length;
        order.push(t.to);
      }
    }
  }
  const transitions: RawTransition[] = [];
  for (const s of order)
    for (const t of byFrom[s]) transitions.push({ ...t, from: index[t.from], to: index[t.to] });
  return { n: order.length, initial: 0, transitions, bits, keep: order };
}

/**
 * Merges bisimilar states (same guards and marks to the same classes), by partition refinement
 * from one class. Sound for any automaton: bisimilar states accept the same words.
 */
function mergeBisimilar(
  n: number,
  initial: number,
  ts: readonly RawTransition[],
): { n: number; initial: number; transitions: RawTransition[]; representative: number[] } {
  let cls = new Int32Array(n);
  let count = 1;
  const byFrom: RawTransition[][] = Array.from({ length: n }, () => []);
  for (const t of ts) byFrom[t.from].push(t);
  for (;;) {
    const sigs = new Map<string, number>();
    const next = new Int32Array(n);
    for (let s = 0; s < n; s++) {
      const groups = new Map<string, Cube[]>();
      for (const t of byFrom[s]) {
        const k = `${cls[t.to]}/${t.prom}`;
        const g = groups.get(k);
        if (g) g.push(...t.cubes);
        else groups.set(k, [...t.cubes]);
      }
      const parts = [...groups.entries()]
        .map(([k, cubes]) => `${k}:${guardKey(minimiseCubes(cubes))}`)
        .sort();
      const sig = `${cls[s]}#${parts.join(';')}`;
      let c = sigs.get(sig);
      if (c === undefined) {
        c = sigs.size;
        sigs.set(sig, c);
      }
      next[s] = c;
    }
    const stable = sigs.size === count;
    cls = next;
    count = sigs.size;
    if (stable) break;
  }
  // Classes numbered by first member, initial's class first.
  const order = new Int32Array(count).fill(-1);
  const representative: number[] = [];
  const visit = (s: number): void => {
    if (order[cls[s]] < 0) {
      order[cls[s]] = representative.length;
      representative.push(s);
    }
  };
  visit(initial);
  for (let s = 0; s < n; s++) visit(s);
  const transitions: RawTransition[] = [];
  for (const rep of representative) {
    for (const t of byFrom[rep])
      transitions.push({ from: order[cls[rep]], to: order[cls[t.to]], cubes: t.cubes, prom: t.prom });
  }
  return { n: representative.length, initial: 0, transitions, representative };
}
