import { closestNames, type Diagnostic, makeDiagnostic, type SourceSpan } from '@modelcheck/core';
import type { AtomFormula, Formula } from '@modelcheck/temporal';
import { PN } from '../diagnostic-codes.js';
import type { PetriNet } from '../model/net.js';

/** A comparison of two integer terms (the contest's `integer-le` and the other orders). */
export type ComparisonOp = '<=' | '<' | '>=' | '>' | '=' | '!=';

/** An integer-valued expression over a marking: a constant, or the sum of the tokens of places. */
export type NetTerm =
  | { readonly kind: 'constant'; readonly value: number }
  /** Sum of the tokens of `places` (indices; a place listed twice counts twice, as the contest's sum). */
  | { readonly kind: 'tokens'; readonly places: readonly number[] };

/**
 * An atomic proposition about a marking, with names resolved to indices. `fireable`: at least one
 * of the transitions is enabled (the contest's `is-fireable`); `deadlock`: none of the net's is.
 */
export type NetPredicate =
  | { readonly kind: 'fireable'; readonly transitions: readonly number[] }
  | { readonly kind: 'deadlock' }
  | {
      readonly kind: 'compare';
      readonly op: ComparisonOp;
      readonly left: NetTerm;
      readonly right: NetTerm;
    };

/** A key that two predicates share iff they are the same test (atoms are bound by it). */
export function predicateKey(p: NetPredicate): string {
  switch (p.kind) {
    case 'fireable':
      return `fireable#${[...new Set(p.transitions)].sort((a, b) => a - b).join(',')}`;
    case 'deadlock':
      return 'deadlock#';
    case 'compare':
      return `${termKey(p.left)}${p.op}${termKey(p.right)}`;
  }
}

function termKey(t: NetTerm): string {
  return t.kind === 'constant' ? String(t.value) : `tokens#${[...t.places].sort((a, b) => a - b).join(',')}`;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A node id as the atom syntax reads it back: bare when it is an identifier, else quoted. */
export function quoteName(id: string): string {
  return PLAIN_NAME.test(id) && id !== 'deadlock' ? id : JSON.stringify(id);
}

/** The predicate in the atom syntax of `--ctl`/`--ltl` (what `printFormula` writes for it). */
export function printPredicate(net: PetriNet, p: NetPredicate): string {
  const term = (t: NetTerm): string =>
    t.kind === 'constant'
      ? String(t.value)
      : `tokens(${t.places.map((i) => quoteName(net.places[i].id)).join(', ')})`;
  switch (p.kind) {
    case 'fireable':
      return `fireable(${p.transitions.map((i) => quoteName(net.transitions[i].id)).join(', ')})`;
    case 'deadlock':
      return 'deadlock';
    case 'compare':
      return `${term(p.left)} ${p.op} ${term(p.right)}`;
  }
}

/** An atom of the temporal AST carrying a resolved predicate. */
export function predicateAtom(
  net: PetriNet,
  predicate: NetPredicate,
  range?: AtomFormula['range'],
  text?: string,
): AtomFormula {
  const atom: AtomFormula = {
    kind: 'atom',
    name: predicateKey(predicate),
    text: text ?? printPredicate(net, predicate),
    data: predicate,
    ...(range ? { range } : {}),
  };
  return atom;
}

export function isNetPredicate(data: unknown): data is NetPredicate {
  if (typeof data !== 'object' || data === null) return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'fireable' || kind === 'deadlock' || kind === 'compare';
}

/** Evaluates a predicate on a marking (tokens per place, indexed like `net.places`). */
export function evaluatePredicate(net: PetriNet, p: NetPredicate, marking: ArrayLike<number>): boolean {
  switch (p.kind) {
    case 'fireable':
      return p.transitions.some((t) => enabledIn(net, marking, t));
    case 'deadlock':
      for (let t = 0; t < net.transitions.length; t++) if (enabledIn(net, marking, t)) return false;
      return true;
    case 'compare':
      return compare(p.op, termValue(p.left, marking), termValue(p.right, marking));
  }
}

function enabledIn(net: PetriNet, marking: ArrayLike<number>, t: number): boolean {
  for (const { place, weight } of net.pre[t]) if (marking[place] < weight) return false;
  return true;
}

export function termValue(t: NetTerm, marking: ArrayLike<number>): number {
  if (t.kind === 'constant') return t.value;
  let sum = 0;
  for (const p of t.places) sum += marking[p];
  return sum;
}

export function compare(op: ComparisonOp, a: number, b: number): boolean {
  switch (op) {
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '=':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** Looks node names up: by id first, then by name when exactly one node of that kind has it. */
export class NetNames {
  private readonly places = new Map<string, number>();
  private readonly transitions = new Map<string, number>();
  private readonly placeNames = new Map<string, number[]>();
  private readonly transitionNames = new Map<string, number[]>();

  constructor(readonly net: PetriNet) {
    net.places.forEach((p, i) => {
      this.places.set(p.id, i);
      if (p.name !== undefined) this.placeNames.set(p.name, [...(this.placeNames.get(p.name) ?? []), i]);
    });
    net.transitions.forEach((t, i) => {
      this.transitions.set(t.id, i);
      if (t.name !== undefined)
        this.transitionNames.set(t.name, [...(this.transitionNames.get(t.name) ?? []), i]);
    });
  }

  place(name: string): number | undefined {
    const byId = this.places.get(name);
    if (byId !== undefined) return byId;
    const byName = this.placeNames.get(name);
    return byName?.length === 1 ? byName[0] : undefined;
  }

  transition(name: string): number | undefined {
    const byId = this.transitions.get(name);
    if (byId !== undefined) return byId;
    const byName = this.transitionNames.get(name);
    return byName?.length === 1 ? byName[0] : undefined;
  }

  /** PN205 (place) or PN206 (transition) at `span`, with a did-you-mean hint. */
  unknown(kind: 'place' | 'transition', name: string, span: SourceSpan | undefined): Diagnostic {
    const pool = kind === 'place' ? this.places : this.transitions;
    const other = kind === 'place' ? this.transitions : this.places;
    const close = closestNames(name, pool.keys(), 1);
    const hint = other.has(name)
      ? `${name} is a ${kind === 'place' ? 'transition' : 'place'} of the net, not a ${kind}`
      : close.length > 0
        ? `did you mean ${close[0]}?`
        : undefined;
    return makeDiagnostic(
      kind === 'place' ? PN.unknownPlace : PN.unknownTransition,
      `the formula names ${kind === 'place' ? 'a place' : 'a transition'} ${name} that the net does not have`,
      span,
      hint ? { hint } : {},
    );
  }

  /** A name alone (`p`, a place that is marked, or `t`, a transition that is enabled) matching neither: PN205. */
  unknownNode(name: string, span: SourceSpan | undefined): Diagnostic {
    const close = closestNames(name, [...this.places.keys(), ...this.transitions.keys()], 1);
    return makeDiagnostic(
      PN.unknownPlace,
      `the formula names ${name}, which is neither a place nor a transition of the net`,
      span,
      {
        hint:
          close.length > 0
            ? `did you mean ${close[0]}?`
            : 'a place alone means it is marked, a transition alone that it is enabled',
      },
    );
  }
}
