/**
 * A small reader for TLC's printed values (test helper): `{...}`, `<<...>>`, `[f |-> v, ...]`,
 * `(k :> v @@ ...)`, strings, integers, `a..b`, TRUE/FALSE, and identifiers as model values.
 *
 * TLC orders strings, model values and record fields by intern token, so printed texts constrain
 * that order; `internFromTexts` interns names in an order consistent with all of them (records:
 * field order; sets of names: element order), so that values read back print in TLC's order.
 */
import {
  fcnOf,
  internName,
  interval,
  modelValue,
  recordOf,
  setOf,
  str,
  tuple,
  type Value,
} from '../../src/values/index.js';

export type Raw =
  | { t: 'set'; elems: Raw[] }
  | { t: 'seq'; elems: Raw[] }
  | { t: 'rec'; names: string[]; vals: Raw[] }
  | { t: 'fcn'; dom: Raw[]; vals: Raw[] }
  | { t: 'str'; s: string }
  | { t: 'id'; s: string }
  | { t: 'int'; n: number }
  | { t: 'range'; lo: number; hi: number }
  | { t: 'bool'; b: boolean };

export function parseRaw(text: string): Raw {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const expect = (tok: string) => {
    ws();
    if (!text.startsWith(tok, i)) throw new Error(`expected ${tok} at ${i} in ${text}`);
    i += tok.length;
  };
  const peek = (tok: string) => {
    ws();
    return text.startsWith(tok, i);
  };
  const ident = (): string => {
    ws();
    const m = /^[A-Za-z0-9_]+/.exec(text.slice(i));
    if (!m) throw new Error(`expected a name at ${i} in ${text}`);
    i += m[0].length;
    return m[0];
  };
  const value = (): Raw => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const elems: Raw[] = [];
      while (!peek('}')) {
        elems.push(value());
        if (peek(',')) i++;
      }
      i++;
      return { t: 'set', elems };
    }
    if (text.startsWith('<<', i)) {
      i += 2;
      const elems: Raw[] = [];
      while (!peek('>>')) {
        elems.push(value());
        if (peek(',')) i++;
      }
      i += 2;
      return { t: 'seq', elems };
    }
    if (c === '[') {
      i++;
      const names: string[] = [];
      const vals: Raw[] = [];
      while (!peek(']')) {
        names.push(ident());
        expect('|->');
        vals.push(value());
        if (peek(',')) i++;
      }
      i++;
      return { t: 'rec', names, vals };
    }
    if (c === '(') {
      i++;
      const dom: Raw[] = [];
      const vals: Raw[] = [];
      while (!peek(')')) {
        dom.push(value());
        expect(':>');
        vals.push(value());
        if (peek('@@')) i += 2;
      }
      i++;
      return { t: 'fcn', dom, vals };
    }
    if (c === '"') {
      i++;
      let s = '';
      while (text[i] !== '"') {
        if (text[i] === '\\') {
          i++;
          const e = text[i];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'f' ? '\f' : e;
        } else s += text[i];
        i++;
      }
      i++;
      return { t: 'str', s };
    }
    const num = /^-?\d+/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      const lo = Number(num[0]);
      if (text.startsWith('..', i)) {
        i += 2;
        const hi = /^-?\d+/.exec(text.slice(i));
        if (!hi) throw new Error('bad interval');
        i += hi[0].length;
        return { t: 'range', lo, hi: Number(hi[0]) };
      }
      return { t: 'int', n: lo };
    }
    const name = ident();
    if (name === 'TRUE' || name === 'FALSE') return { t: 'bool', b: name === 'TRUE' };
    return { t: 'id', s: name };
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error(`trailing text at ${i} in ${text}`);
  return v;
}

export function rawToValue(r: Raw): Value {
  switch (r.t) {
    case 'set':
      return setOf(r.elems.map(rawToValue));
    case 'seq':
      return tuple(r.elems.map(rawToValue));
    case 'rec':
      return recordOf(r.names.map(str), r.vals.map(rawToValue));
    case 'fcn':
      return fcnOf(r.dom.map(rawToValue), r.vals.map(rawToValue));
    case 'str':
      return str(r.s);
    case 'id':
      return modelValue(r.s);
    case 'int':
      return r.n;
    case 'range':
      return interval(r.lo, r.hi);
    case 'bool':
      return r.b;
  }
}

export function parseValue(text: string): Value {
  return rawToValue(parseRaw(text));
}

/** Interns the names of the values in `texts` in an order consistent with how TLC printed them. */
export function internFromTexts(texts: readonly string[]): void {
  const order: string[] = [];
  const seen = new Set<string>();
  const edges = new Map<string, Set<string>>();
  const node = (s: string) => {
    if (!seen.has(s)) {
      seen.add(s);
      order.push(s);
      edges.set(s, new Set());
    }
  };
  const before = (a: string, b: string) => {
    node(a);
    node(b);
    edges.get(a)?.add(b);
  };
  const visit = (r: Raw): void => {
    switch (r.t) {
      case 'rec':
        r.names.forEach(node);
        for (let i = 1; i < r.names.length; i++) before(r.names[i - 1], r.names[i]);
        r.vals.forEach(visit);
        return;
      case 'set': {
        r.elems.forEach(visit);
        const names = r.elems.filter((e) => e.t === 'str' || e.t === 'id').map((e) => (e as { s: string }).s);
        if (names.length === r.elems.length)
          for (let i = 1; i < names.length; i++) before(names[i - 1], names[i]);
        return;
      }
      case 'seq':
        r.elems.forEach(visit);
        return;
      case 'fcn': {
        r.dom.forEach(visit);
        r.vals.forEach(visit);
        const names = r.dom.filter((e) => e.t === 'str' || e.t === 'id').map((e) => (e as { s: string }).s);
        if (names.length === r.dom.length)
          for (let i = 1; i < names.length; i++) before(names[i - 1], names[i]);
        return;
      }
      case 'str':
      case 'id':
        node(r.s);
        return;
      default:
        return;
    }
  };
  for (const t of texts) visit(parseRaw(t));
  // Kahn's algorithm, preferring first appearance.
  const indeg = new Map<string, number>(order.map((s) => [s, 0]));
  for (const [, outs] of edges) for (const b of outs) indeg.set(b, (indeg.get(b) ?? 0) + 1);
  const done = new Set<string>();
  while (done.size < order.length) {
    const next = order.find((s) => !done.has(s) && indeg.get(s) === 0) ?? order.find((s) => !done.has(s));
    if (next === undefined) break;
    done.add(next);
    internName(next);
    for (const b of edges.get(next) ?? []) indeg.set(b, (indeg.get(b) ?? 0) - 1);
  }
}
