/**
 * LTL formulas in negation normal form, hash-consed: equal formulas are the same object, so a
 * tableau state can be named by its formula and compared by id. The constructors simplify as
 * they build (Spot's and Somenzi–Bloem's rewritings): constants, `F F a = F a`, `G a & G b =
 * G (a & b)`, `F a | F b = F (a | b)`, suffix-invariant formulas (`G F a`, `F G a`) absorb `X`,
 * `F` and `G`, and conjuncts or disjuncts implied by others are dropped. Infinite-word semantics
 * (finite traces are encoded into infinite ones before this point).
 */
export type LOp = 'true' | 'false' | 'lit' | 'and' | 'or' | 'X' | 'U' | 'R' | 'F' | 'G';

export interface LNode {
  readonly id: number;
  readonly op: LOp;
  /** Literal: atom index and polarity. */
  readonly atom: number;
  readonly neg: boolean;
  readonly args: readonly LNode[];
}

export class LtlStore {
  private readonly table = new Map<string, LNode>();
  private readonly implCache = new Map<string, boolean>();
  readonly top: LNode;
  readonly bottom: LNode;

  constructor() {
    this.top = this.intern('true', [], -1, false);
    this.bottom = this.intern('false', [], -1, false);
  }

  private intern(op: LOp, args: readonly LNode[], atom: number, neg: boolean): LNode {
    const key = `${op}:${atom}:${neg ? 1 : 0}:${args.map((a) => a.id).join(',')}`;
    let node = this.table.get(key);
    if (!node) {
      node = { id: this.table.size, op, atom, neg, args };
      this.table.set(key, node);
    }
    return node;
  }

  lit(atom: number, neg: boolean): LNode {
    return this.intern('lit', [], atom, neg);
  }

  not(a: LNode): LNode {
    switch (a.op) {
      case 'true':
        return this.bottom;
      case 'false':
        return this.top;
      case 'lit':
        return this.lit(a.atom, !a.neg);
      case 'and':
        return this.or(a.args.map((x) => this.not(x)));
      case 'or':
        return this.and(a.args.map((x) => this.not(x)));
      case 'X':
        return this.X(this.not(a.args[0]));
      case 'F':
        return this.G(this.not(a.args[0]));
      case 'G':
        return this.F(this.not(a.args[0]));
      case 'U':
        return this.R(this.not(a.args[0]), this.not(a.args[1]));
      case 'R':
        return this.U(this.not(a.args[0]), this.not(a.args[1]));
    }
  }

  /** `G F a`, `F G a` and boolean combinations of them: true of a word iff true of each suffix. */
  isSuffixInvariant(a: LNode): boolean {
    if (a.op === 'G') return a.args[0].op === 'F' || this.isSuffixInvariant(a.args[0]);
    if (a.op === 'F') return a.args[0].op === 'G' || this.isSuffixInvariant(a.args[0]);
    if (a.op === 'and' || a.op === 'or') return a.args.every((x) => this.isSuffixInvariant(x));
    return a.op === 'true' || a.op === 'false';
  }

  and(argsIn: readonly LNode[]): LNode {
    return this.junction('and', argsIn);
  }

  or(argsIn: readonly LNode[]): LNode {
    return this.junction('or', argsIn);
  }

  private junction(op: 'and' | 'or', argsIn: readonly LNode[]): LNode {
    const unit = op === 'and' ? this.top : this.bottom;
    const zero = op === 'and' ? this.bottom : this.top;
    const flat: LNode[] = [];
    const push = (a: LNode): void => {
      if (a.op === op) for (const b of a.args) push(b);
      else flat.push(a);
    };
    for (const a of argsIn) push(a);
    const seen = new Map<number, LNode>();
    for (const a of flat) {
      if (a === zero) return zero;
      if (a === unit) continue;
      seen.set(a.id, a);
    }
    let args = [...seen.values()];
    // p & !p = false, p | !p = true.
    for (const a of args) {
      if (a.op === 'lit' && seen.has(this.lit(a.atom, !a.neg).id)) return zero;
    }
    // G a & G b = G (a & b); F a | F b = F (a | b); X a & X b = X (a & b) (and with |).
    const merge = op === 'and' ? 'G' : 'F';
    for (const m of [merge, 'X'] as const) {
      const group = args.filter((a) => a.op === m);
      if (group.length > 1) {
        const inner = this.junction(
          op,
          group.map((a) => a.args[0]),
        );
        const merged = m === 'X' ? this.X(inner) : m === 'G' ? this.G(inner) : this.F(inner);
        args = [...args.filter((a) => a.op !== m), merged];
      }
    }
    // Drop what the others imply (and) or what implies another (or).
    if (args.length > 1) {
      const keep: LNode[] = [];
      for (let i = 0; i < args.length; i++) {
        let redundant = false;
        for (let j = 0; j < args.length && !redundant; j++) {
          if (i === j) continue;
          // Equivalent pairs: keep the first.
          const jDropped = j < i && keep.indexOf(args[j]) < 0;
          if (jDropped) continue;
          redundant = op === 'and' ? this.implies(args[j], args[i]) : this.implies(args[i], args[j]);
        }
        if (!redundant) keep.push(args[i]);
      }
      args = keep;
      // a & !a where one side implies the negation of the other: false (|: true).
      for (let i = 0; i < args.length; i++) {
        for (let j = i + 1; j < args.length; j++) {
          if (
            op === 'and' ? this.implies(args[i], this.not(args[j])) : this.implies(this.not(args[i]), args[j])
          ) {
            return zero;
          }
        }
      }
    }
    if (args.length === 0) return unit;
    if (args.length === 1) return args[0];
    args.sort((a, b) => a.id - b.id);
    return this.intern(op, args, -1, false);
  }

  X(a: LNode): LNode {
    if (a.op === 'true' || a.op === 'false' || this.isSuffixInvariant(a)) return a;
    return this.intern('X', [a], -1, false);
  }

  F(a: LNode): LNode {
    if (a.op === 'true' || a.op === 'false' || a.op === 'F' || this.isSuffixInvariant(a)) return a;
    // F X a = X F a (the X moves out, so it can merge with others).
    if (a.op === 'X') return this.X(this.F(a.args[0]));
    // F (a U b) = F b.
    if (a.op === 'U') return this.F(a.args[1]);
    return this.intern('F', [a], -1, false);
  }

  G(a: LNode): LNode {
    if (a.op === 'true' || a.op === 'false' || a.op === 'G' || this.isSuffixInvariant(a)) return a;
    if (a.op === 'X') return this.X(this.G(a.args[0]));
    // G (a R b) = G b.
    if (a.op === 'R') return this.G(a.args[1]);
    return this.intern('G', [a], -1, false);
  }

  U(a: LNode, b: LNode): LNode {
    if (b.op === 'true' || b.op === 'false' || a.op === 'false' || a === b) return b;
    if (a.op === 'true') return this.F(b);
    // a implies b: a U b = b. b suffix-invariant or F: a U F b = F b.
    if (this.implies(a, b) || b.op === 'F' || this.isSuffixInvariant(b)) return b;
    // a U (G F b) handled above; X a U X b = X (a U b).
    if (a.op === 'X' && b.op === 'X') return this.X(this.U(a.args[0], b.args[0]));
    return this.intern('U', [a, b], -1, false);
  }

  R(a: LNode, b: LNode): LNode {
    if (b.op === 'true' || b.op === 'false' || a.op === 'true' || a === b) return b;
    if (a.op === 'false') return this.G(b);
    if (this.implies(b, a) || b.op === 'G' || this.isSuffixInvariant(b)) return b;
    if (a.op === 'X' && b.op === 'X') return this.X(this.R(a.args[0], b.args[0]));
    return this.intern('R', [a, b], -1, false);
  }

  /**
   * A sound, incomplete syntactic test of `a ⇒ b` (Somenzi and Bloem's rules): when it says
   * yes, every word satisfying `a` satisfies `b`.
   */
  implies(a: LNode, b: LNode): boolean {
    if (a === b || b.op === 'true' || a.op === 'false') return true;
    if (a.op === 'true' || b.op === 'false') return false;
    const key = `${a.id}>${b.id}`;
    const cached = this.implCache.get(key);
    if (cached !== undefined) return cached;
    this.implCache.set(key, false); // guards cycles
    const r = this.impliesUncached(a, b);
    this.implCache.set(key, r);
    return r;
  }

  private impliesUncached(a: LNode, b: LNode): boolean {
    // Conjunction on the right, disjunction on the left: every part.
    if (b.op === 'and') return b.args.every((x) => this.implies(a, x));
    if (a.op === 'or') return a.args.every((x) => this.implies(x, b));
    if (a.op === 'and' && a.args.some((x) => this.implies(x, b))) return true;
    if (b.op === 'or' && b.args.some((x) => this.implies(a, x))) return true;
    switch (b.op) {
      case 'F':
        // a ⇒ F c if a ⇒ c; F c' ⇒ F c if c' ⇒ c; c' U c'' ⇒ F c if c'' ⇒ c.
        if (this.implies(a, b.args[0])) return true;
        if (a.op === 'F' || a.op === 'U') return this.implies(a.args[a.args.length - 1], b.args[0]);
        if (a.op === 'G') return this.implies(a.args[0], b);
        break;
      case 'G':
        if (a.op === 'G') return this.implies(a.args[0], b.args[0]);
        if (a.op === 'R' && a.args[0].op === 'false') return this.implies(a.args[1], b.args[0]);
        break;
      case 'U':
        // a ⇒ c U d if a ⇒ d; c' U d' ⇒ c U d if c' ⇒ c and d' ⇒ d.
        if (this.implies(a, b.args[1])) return true;
        if (a.op === 'U') return this.implies(a.args[0], b.args[0]) && this.implies(a.args[1], b.args[1]);
        break;
      case 'R':
        // a ⇒ c R d if a ⇒ c & d; c' R d' ⇒ c R d if c' ⇒ c and d' ⇒ d; G d' ⇒ c R d if d' ⇒ d.
        if (this.implies(a, b.args[0]) && this.implies(a, b.args[1])) return true;
        if (a.op === 'R') return this.implies(a.args[0], b.args[0]) && this.implies(a.args[1], b.args[1]);
        if (a.op === 'G') return this.implies(a.args[0], b.args[1]);
        break;
      case 'X':
        if (a.op === 'X') return this.implies(a.args[0], b.args[0]);
        // G c holds at the next position too.
        if (a.op === 'G') return this.implies(a, b.args[0]);
        break;
      default:
        break;
    }
    // G c ⇒ b if c ⇒ b (G c holds now); c R d ⇒ b if d ⇒ b.
    if (a.op === 'G') return this.implies(a.args[0], b);
    if (a.op === 'R') return this.implies(a.args[1], b);
    return false;
  }

  /** Text, for tests and debugging. */
  print(a: LNode, names: readonly string[] = []): string {
    const name = (i: number): string => names[i] ?? `a${i}`;
    switch (a.op) {
      case 'true':
      case 'false':
        return a.op;
      case 'lit':
        return `${a.neg ? '!' : ''}${name(a.atom)}`;
      case 'and':
      case 'or':
        return `(${a.args.map((x) => this.print(x, names)).join(a.op === 'and' ? ' & ' : ' | ')})`;
      case 'U':
      case 'R':
        return `(${this.print(a.args[0], names)} ${a.op} ${this.print(a.args[1], names)})`;
      default:
        return `${a.op} ${this.print(a.args[0], names)}`;
    }
  }
}
