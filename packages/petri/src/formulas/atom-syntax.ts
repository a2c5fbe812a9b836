import { type Diagnostic, LineIndex } from '@modelcheck/core';
import {
  type AtomFormula,
  type AtomParser,
  type Formula,
  isReservedWord,
  mapAtoms,
  parseFormula,
} from '@modelcheck/temporal';
import type { PetriNet } from '../model/net.js';
import { type ComparisonOp, NetNames, type NetPredicate, type NetTerm, predicateAtom } from './predicates.js';

/**
 * The atom syntax of `--ctl` and `--ltl` on nets (and what `printFormula` writes for contest
 * formulas, so they read back):
 *
 *   fireable(t1, t2)        at least one of the transitions is enabled (also `is-fireable`)
 *   deadlock                no transition is enabled
 *   tokens(p1, p2) >= 2     the sum of their tokens compared with a number or another sum
 *   p >= 2, 3 <= p          a place alone is `tokens(p)`; orders <= < >= > = (==) != (/=) ≤ ≥ ≠
 *   p                       a place alone: it is marked (tokens(p) >= 1)
 *   t                       a transition alone: it is enabled (fireable(t))
 *
 * Names are node ids (or names when no id matches and the name is unique); a name that is not an
 * identifier, or that the formula syntax reserves (`F`, `G`, `X`, `U`, `AG`...), goes in double
 * quotes: `"p.1" >= 1`, `tokens("G") = 0`, `fireable("X")`.
 */

/** A name as written, with its offsets in the formula text. */
export interface WrittenName {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

type WrittenTerm =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'tokens'; readonly places: readonly WrittenName[] }
  | { readonly kind: 'name'; readonly name: WrittenName };

/** What the atom hook attaches to an atom: names not resolved yet (they need the net). */
export type WrittenAtom =
  | { readonly kind: 'fireable'; readonly transitions: readonly WrittenName[] }
  | { readonly kind: 'deadlock' }
  | {
      readonly kind: 'compare';
      readonly op: ComparisonOp;
      readonly left: WrittenTerm;
      readonly right: WrittenTerm;
    }
  /** A node alone: a place (marked) or a transition (enabled). */
  | { readonly kind: 'node'; readonly name: WrittenName };

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /\d+/y;
const WS = /\s*/y;
const LIST_NAME = /[^\s,()"]+/y;

class AtomError {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end?: number,
    readonly hint?: string,
  ) {}
}

function skip(text: string, i: number): number {
  WS.lastIndex = i;
  WS.test(text);
  return WS.lastIndex;
}

function sticky(re: RegExp, text: string, i: number): string | undefined {
  re.lastIndex = i;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

function readQuoted(text: string, i: number): { name: string; end: number } {
  let j = i + 1;
  let name = '';
  while (j < text.length && text[j] !== '"') {
    if (text[j] === '\\' && j + 1 < text.length) j++;
    name += text[j];
    j++;
  }
  if (j >= text.length)
    throw new AtomError('this quoted name has no closing "', i, text.length, 'close it with "');
  return { name, end: j + 1 };
}

/** `( name, name, ... )` starting at `i` (the opening parenthesis). */
function readList(
  text: string,
  i: number,
  what: string,
  head: string,
): { names: WrittenName[]; end: number } {
  if (text[i] !== '(')
    throw new AtomError(`${head} needs a list of ${what}s in parentheses`, i, i + 1, `write ${head}(a, b)`);
  const names: WrittenName[] = [];
  let j = i + 1;
  for (;;) {
    j = skip(text, j);
    if (text[j] === ')' && names.length === 0)
      throw new AtomError(`${head}() needs at least one ${what}`, i, j + 1);
    if (text[j] === '"') {
      const q = readQuoted(text, j);
      names.push({ name: q.name, start: j, end: q.end });
      j = q.end;
    } else {
      const word = sticky(LIST_NAME, text, j);
      if (word === undefined)
        throw new AtomError(`expected a ${what} name in ${head}(...)`, j, Math.min(text.length, j + 1));
      names.push({ name: word, start: j, end: j + word.length });
      j += word.length;
    }
    j = skip(text, j);
    if (text[j] === ',') {
      j++;
      continue;
    }
    if (text[j] === ')') return { names, end: j + 1 };
    throw new AtomError(
      `expected ',' or ')' in ${head}(...)`,
      j,
      Math.min(text.length, j + 1),
      `close it with )`,
    );
  }
}

/** The comparison operator at `i`, careful not to read `<->`, `<>`, `<=>`, `=>` as one. */
function readOp(text: string, i: number): { op: ComparisonOp; end: number } | undefined {
  const c = text[i];
  const n = text[i + 1];
  switch (c) {
    case '<':
      if (n === '=') return text[i + 2] === '>' ? undefined : { op: '<=', end: i + 2 };
      if (n === '-' || n === '>' || n === '~') return undefined;
      return { op: '<', end: i + 1 };
    case '>':
      return n === '=' ? { op: '>=', end: i + 2 } : { op: '>', end: i + 1 };
    case '=':
      if (n === '=') return { op: '=', end: i + 2 };
      if (n === '>') return undefined;
      return { op: '=', end: i + 1 };
    case '!':
      return n === '=' ? { op: '!=', end: i + 2 } : undefined;
    case '/':
      return n === '=' ? { op: '!=', end: i + 2 } : undefined;
    case '\u2264':
      return { op: '<=', end: i + 1 };
    case '\u2265':
      return { op: '>=', end: i + 1 };
    case '\u2260':
      return { op: '!=', end: i + 1 };
    default:
      return undefined;
  }
}

type Read =
  | { readonly kind: 'atom'; readonly atom: WrittenAtom; readonly end: number }
  | { readonly kind: 'term'; readonly term: WrittenTerm; readonly end: number };

function headAt(text: string, i: number, head: string): boolean {
  if (!text.startsWith(head, i)) return false;
  const next = text[i + head.length];
  return next === undefined || !/[A-Za-z0-9_-]/.test(next);
}

/** A term (number, tokens(...), a name) or a whole atom (fireable(...), deadlock) at `i`. */
function readOperand(text: string, i: number, termOnly: boolean): Read | undefined {
  const c = text[i];
  if (c === undefined) return undefined;
  const num = sticky(NUMBER, text, i);
  if (num !== undefined) {
    const value = Number(num);
    if (!Number.isSafeInteger(value)) throw new AtomError(`${num} is too large`, i, i + num.length);
    return { kind: 'term', term: { kind: 'constant', value }, end: i + num.length };
  }
  if (c === '"') {
    const q = readQuoted(text, i);
    return { kind: 'term', term: { kind: 'name', name: { name: q.name, start: i, end: q.end } }, end: q.end };
  }
  for (const head of ['tokens-count', 'tokens']) {
    if (headAt(text, i, head)) {
      const at = skip(text, i + head.length);
      if (text[at] !== '(') break;
      const list = readList(text, at, 'place', head);
      return { kind: 'term', term: { kind: 'tokens', places: list.names }, end: list.end };
    }
  }
  if (!termOnly) {
    for (const head of ['is-fireable', 'fireable']) {
      if (headAt(text, i, head)) {
        const at = skip(text, i + head.length);
        if (text[at] !== '(') break;
        const list = readList(text, at, 'transition', head);
        return { kind: 'atom', atom: { kind: 'fireable', transitions: list.names }, end: list.end };
      }
    }
  }
  const word = sticky(IDENT, text, i);
  if (word === undefined) return undefined;
  if (isReservedWord(word)) return undefined;
  const name = { name: word, start: i, end: i + word.length };
  return { kind: 'term', term: { kind: 'name', name }, end: name.end };
}

function describeTerm(text: string, i: number, end: number): string {
  return text.slice(i, end);
}

/**
 * The atom hook for nets (see the syntax above). It reads names without knowing the net; the
 * names are resolved by `parseNetFormula`, which reports unknown ones at their position.
 */
export const netAtomParser: AtomParser = (text, offset) => {
  try {
    const first = readOperand(text, offset, false);
    if (first === undefined) return undefined;
    if (first.kind === 'atom')
      return { end: first.end, name: text.slice(offset, first.end), data: first.atom };
    const at = skip(text, first.end);
    const op = readOp(text, at);
    if (op === undefined) {
      if (first.term.kind === 'name') {
        const n = first.term.name;
        if (n.name === 'deadlock' && text[n.start] !== '"')
          return { end: first.end, name: 'deadlock', data: { kind: 'deadlock' } satisfies WrittenAtom };
        return { end: first.end, name: text.slice(offset, first.end), data: { kind: 'node', name: n } };
      }
      return {
        error: `expected a comparison (<=, <, >=, >, =, !=) after ${describeTerm(text, offset, first.end)}`,
        start: offset,
        end: first.end,
        hint: 'compare token counts with a number or another count: tokens(p, q) >= 2',
      };
    }
    const rightAt = skip(text, op.end);
    const second = readOperand(text, rightAt, true);
    if (second === undefined || second.kind !== 'term')
      return {
        error: `expected a number, a place or tokens(...) after ${op.op}`,
        start: rightAt,
        end: Math.min(text.length, rightAt + 1),
      };
    const atom: WrittenAtom = { kind: 'compare', op: op.op, left: first.term, right: second.term };
    return { end: second.end, name: text.slice(offset, second.end), data: atom };
  } catch (error) {
    if (error instanceof AtomError)
      return error.hint
        ? { error: error.message, start: error.start, end: error.end, hint: error.hint }
        : { error: error.message, start: error.start, end: error.end };
    throw error;
  }
};

export interface NetFormulaParse {
  /** Present when there are no errors: every atom carries a resolved `NetPredicate`. */
  readonly formula?: Formula;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses a CTL/LTL formula about a net (atoms as above) and resolves its names: LTL1xx for
 * syntax, PN205/PN206 for a place/transition the net lacks, each at its line and column.
 */
export function parseNetFormula(text: string, net: PetriNet, file = '<formula>'): NetFormulaParse {
  const parsed = parseFormula(text, { atoms: netAtomParser, defaultAtoms: false, file });
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (!parsed.formula) return { diagnostics };
  const names = new NetNames(net);
  const lines = new LineIndex(text);
  const span = (n: WrittenName) => lines.span(file, n.start, n.end);
  const resolvePlace = (n: WrittenName): number => {
    const p = names.place(n.name);
    if (p === undefined) {
      diagnostics.push(names.unknown('place', n.name, span(n)));
      return -1;
    }
    return p;
  };
  const resolveTerm = (t: WrittenTerm): NetTerm => {
    if (t.kind === 'constant') return t;
    if (t.kind === 'name') return { kind: 'tokens', places: [resolvePlace(t.name)] };
    return { kind: 'tokens', places: t.places.map(resolvePlace) };
  };
  const resolve = (atom: AtomFormula): Formula => {
    const w = atom.data as WrittenAtom;
    let predicate: NetPredicate;
    switch (w.kind) {
      case 'deadlock':
        predicate = { kind: 'deadlock' };
        break;
      case 'fireable':
        predicate = {
          kind: 'fireable',
          transitions: w.transitions.map((n) => {
            const t = names.transition(n.name);
            if (t === undefined) diagnostics.push(names.unknown('transition', n.name, span(n)));
            return t ?? -1;
          }),
        };
        break;
      case 'compare':
        predicate = { kind: 'compare', op: w.op, left: resolveTerm(w.left), right: resolveTerm(w.right) };
        break;
      case 'node': {
        const p = names.place(w.name.name);
        const t = p === undefined ? names.transition(w.name.name) : undefined;
        if (p !== undefined)
          predicate = {
            kind: 'compare',
            op: '>=',
            left: { kind: 'tokens', places: [p] },
            right: { kind: 'constant', value: 1 },
          };
        else if (t !== undefined) predicate = { kind: 'fireable', transitions: [t] };
        else {
          diagnostics.push(names.unknownNode(w.name.name, span(w.name)));
          predicate = { kind: 'deadlock' };
        }
        break;
      }
    }
    return predicateAtom(net, predicate, atom.range, atom.text);
  };
  const formula = mapAtoms(parsed.formula, resolve);
  return diagnostics.some((d) => d.severity === 'error') ? { diagnostics } : { formula, diagnostics };
}
