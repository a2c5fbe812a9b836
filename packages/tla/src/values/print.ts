/**
 * TLC's text for values.
 *
 * `valueToString` is TLC's one-line `Value.toString()` (tlc2/value/impl/*Value.java): `{1, 2}`,
 * `<<1, "a">>`, `[a |-> 1, b |-> 2]`, `(1 :> "a" @@ 2 :> "b")`, `1..3`, `TRUE`, `"s"` (with `\"`,
 * `\\`, `\n`, `\t`, `\f`, `\r` escaped), model values by name. Explicit functions print as `<<>>`
 * when empty, as a record when every domain element is a string that is a name, as a tuple when
 * the domain is `1..n`. Lazy sets are printed enumerated when TLC would (`SUBSET S` when |S| < 7,
 * `[S -> T]`, record sets and `\X` when they have fewer than 2000 elements, `\cup`/`\cap`/`\`,
 * `UNION` and set filters always when enumerable), else symbolically (`SUBSET S`, `[S -> T]`, ...).
 *
 * `printValue` is what TLC prints in traces and messages, `Values.ppr(v.toString())`: the one-line
 * text re-parsed and laid out on lines of at most 80 columns by TLC's pretty printer
 * (tlc2/pprint/{Parse,Format}.java), reproduced here with its quirks (texts it cannot parse, such
 * as names with `_` or negative interval bounds, are printed on one line).
 */
import { normalizedElems } from './compare.js';
import { materializeFcn } from './functions.js';
import { setSize, toSetEnum } from './sets.js';
import { type FcnRcdValue, Kind, type Value } from './value.js';

/** TLC's `TLCGlobals.enumBound`: lazy sets smaller than this print enumerated. */
const ENUM_BOUND = 2000;

/** TLC's one-line text of `v`. */
export function valueToString(v: Value): string {
  const out: string[] = [];
  write(v, out);
  return out.join('');
}

/** TLC's text of `v` as it appears in traces and error messages (pretty-printed to 80 columns). */
export function printValue(v: Value): string {
  return prettyPrint(valueToString(v), 80);
}

/**
 * A state as TLC prints it in a trace: `/\ x = <value>` lines, or `x = <value>` for a single
 * variable; each line ends with a newline.
 */
export function printState(names: readonly string[], values: readonly Value[]): string {
  if (names.length === 1) return `${names[0]} = ${printValue(values[0])}\n`;
  let s = '';
  for (let i = 0; i < names.length; i++) s += `/\\ ${names[i]} = ${printValue(values[i])}\n`;
  return s;
}

/** `"..."` with TLC's escapes. */
export function quoteString(s: string): string {
  let r = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    switch (c) {
      case '"':
        r += '\\"';
        break;
      case '\\':
        r += '\\\\';
        break;
      case '\t':
        r += '\\t';
        break;
      case '\n':
        r += '\\n';
        break;
      case '\f':
        r += '\\f';
        break;
      case '\r':
        r += '\\r';
        break;
      default:
        r += c;
    }
  }
  return `${r}"`;
}

function writeList(vals: readonly Value[], out: string[]): void {
  for (let i = 0; i < vals.length; i++) {
    if (i > 0) out.push(', ');
    write(vals[i], out);
  }
}

/** Size of a lazy product, or Infinity when it exceeds 32 bits or cannot be computed. */
function productSize(sizes: () => number[]): number {
  try {
    let sz = 1;
    for (const n of sizes()) {
      sz *= n;
      if (sz > 2147483647) return Number.POSITIVE_INFINITY;
    }
    return sz;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** TLC's `FcnRcdValue.isName`: letters, digits and `_`, at least one letter, not `WF_`/`SF_`-prefixed. */
function isName(s: string): boolean {
  let hasLetter = false;
  for (const ch of s) {
    if (ch === '_') continue;
    if (!/^[\p{L}\p{Nd}]$/u.test(ch)) return false;
    if (/^\p{L}$/u.test(ch)) hasLetter = true;
  }
  return hasLetter && (s.length < 4 || (!s.startsWith('WF_') && !s.startsWith('SF_')));
}

function writeFcn(f: FcnRcdValue, out: string[]): void {
  const n = f.values.length;
  if (n === 0) {
    out.push('<<>>');
    return;
  }
  const dom = f.domain;
  if (Number.isNaN(f.intLo)) {
    let rcd = true;
    for (let i = 0; i < n; i++) {
      const d = dom[i];
      if (typeof d !== 'object' || d.kind !== Kind.Str || !isName(d.s)) {
        rcd = false;
        break;
      }
    }
    if (rcd) {
      out.push('[');
      for (let i = 0; i < n; i++) {
        if (i > 0) out.push(', ');
        out.push((dom[i] as { s: string }).s, ' |-> ');
        write(f.values[i], out);
      }
      out.push(']');
      return;
    }
  }
  let tup = true;
  if (!Number.isNaN(f.intLo)) tup = f.intLo === 1;
  else for (let i = 0; i < n && tup; i++) tup = dom[i] === i + 1;
  if (tup) {
    out.push('<<');
    writeList(f.values, out);
    out.push('>>');
    return;
  }
  out.push('(');
  for (let i = 0; i < n; i++) {
    if (i > 0) out.push(' @@ ');
    write(dom[i], out);
    out.push(' :> ');
    write(f.values[i], out);
  }
  out.push(')');
}

function write(v: Value, out: string[]): void {
  if (typeof v === 'number') {
    out.push(String(v));
    return;
  }
  if (typeof v === 'boolean') {
    out.push(v ? 'TRUE' : 'FALSE');
    return;
  }
  switch (v.kind) {
    case Kind.Str:
      out.push(quoteString(v.s));
      return;
    case Kind.Model:
      out.push(v.name);
      return;
    case Kind.SetEnum:
      out.push('{');
      writeList(normalizedElems(v), out);
      out.push('}');
      return;
    case Kind.Interval:
      out.push(v.lo <= v.hi ? `${v.lo}..${v.hi}` : '{}');
      return;
    case Kind.Subset: {
      let expand: boolean;
      try {
        expand = setSize(v.base) < 7;
      } catch {
        expand = false;
      }
      if (expand) {
        write(toSetEnum(v), out);
        return;
      }
      out.push('SUBSET ');
      if (typeof v.base === 'object' && v.base.kind === Kind.Interval) {
        out.push('(');
        write(v.base, out);
        out.push(')');
      } else {
        write(v.base, out);
      }
      return;
    }
    case Kind.SetOfFcns: {
      const { domain, range } = v;
      const sz = productSize(() => {
        const d = setSize(domain);
        return new Array<number>(d).fill(setSize(range));
      });
      if (sz < ENUM_BOUND) {
        write(toSetEnum(v), out);
        return;
      }
      out.push('[');
      write(v.domain, out);
      out.push(' -> ');
      write(v.range, out);
      out.push(']');
      return;
    }
    case Kind.SetOfRcds: {
      const sets = v.sets;
      if (productSize(() => sets.map((s) => setSize(s))) < ENUM_BOUND) {
        write(toSetEnum(v), out);
        return;
      }
      out.push('[');
      for (let i = 0; i < v.names.length; i++) {
        if (i > 0) out.push(', ');
        out.push(v.names[i].s, ': ');
        write(v.sets[i], out);
      }
      out.push(']');
      return;
    }
    case Kind.SetOfTuples: {
      const sets = v.sets;
      if (productSize(() => sets.map((s) => setSize(s))) < ENUM_BOUND) {
        write(toSetEnum(v), out);
        return;
      }
      for (let i = 0; i < sets.length; i++) {
        out.push(i === 0 ? '(' : ' \\X ');
        write(sets[i], out);
      }
      if (sets.length > 0) out.push(')');
      return;
    }
    case Kind.Union:
      write(toSetEnum(v), out);
      return;
    case Kind.SetCup:
    case Kind.SetCap:
    case Kind.SetDiff: {
      let text: string | undefined;
      try {
        text = valueToString(toSetEnum(v));
      } catch {
        text = undefined;
      }
      if (text !== undefined) {
        out.push(text);
        return;
      }
      write(v.a, out);
      out.push(v.kind === Kind.SetCup ? ' \\cup ' : v.kind === Kind.SetCap ? ' \\cap ' : ' \\ ');
      write(v.b, out);
      return;
    }
    case Kind.SetPred: {
      try {
        out.push(valueToString(toSetEnum(v)));
      } catch {
        out.push(v.text);
      }
      return;
    }
    case Kind.InfSet:
      out.push(v.name);
      return;
    case Kind.SeqSet:
      out.push('Seq(');
      write(v.base, out);
      out.push(')');
      return;
    case Kind.Tuple:
      out.push('<<');
      writeList(v.elems, out);
      out.push('>>');
      return;
    case Kind.Record:
      out.push('[');
      for (let i = 0; i < v.names.length; i++) {
        if (i > 0) out.push(', ');
        out.push(v.names[i].s, ' |-> ');
        write(v.values[i], out);
      }
      out.push(']');
      return;
    case Kind.Fcn:
      writeFcn(v, out);
      return;
    case Kind.FcnLambda: {
      let text: string | undefined;
      try {
        text = valueToString(materializeFcn(v));
      } catch {
        text = undefined;
      }
      out.push(text ?? v.text);
      return;
    }
    case Kind.Op:
      out.push(v.name);
      return;
  }
}

// ---------------------------------------------------------------------------------------------
// TLC's pretty printer (tlc2.pprint): parse the one-line text into a tree, then lay it out.

enum NodeType {
  Constant = 1,
  Set = 2,
  Sequence = 3,
  Record = 4,
  RecordPair = 5,
  Function = 6,
  FunctionPair = 7,
  Subset = 8,
}

interface PNode {
  type: NodeType;
  first: number;
  last: number;
  children: PNode[];
}

class PParseError extends Error {}

function isJavaWhitespace(c: string): boolean {
  if (c === '\u00a0' || c === '\u2007' || c === '\u202f') return false;
  const code = c.charCodeAt(0);
  return (code >= 0x1c && code <= 0x1f) || /^\s$/u.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && /^\p{Nd}$/u.test(c);
}

function isLetterOrDigit(c: string | undefined): boolean {
  return c !== undefined && /^[\p{L}\p{Nd}]$/u.test(c);
}

function at(s: string, i: number): string {
  if (i < 0 || i >= s.length) throw new PParseError('ran off the end');
  return s[i];
}

function skipWs(s: string, i: number): number {
  while (isJavaWhitespace(at(s, i))) i++;
  return i;
}

function pparse(s: string, index: number): PNode {
  if (s.length === 0 || index < 0 || index > s.length - 1) throw new PParseError('bad index');
  index = skipWs(s, index);
  const c = s[index];
  if (c === '{') return parseList(s, index, NodeType.Set, 1, '}', 0);
  if (c === '<') return parseList(s, index, NodeType.Sequence, 2, '>', 1);
  if (c === '[') return parsePairs(s, index, NodeType.Record, ']', '|->', ',');
  if (c === '(') return parsePairs(s, index, NodeType.Function, ')', ':>', '@@');
  if (s.startsWith('SUBSET', index)) {
    const last = skipWs(s, index + 6);
    const elt = pparse(s, last);
    return { type: NodeType.Subset, first: index, last: elt.last, children: [elt] };
  }
  return parseConstant(s, index);
}

function parseList(
  s: string,
  index: number,
  type: NodeType,
  open: number,
  close: string,
  extra: number,
): PNode {
  const children: PNode[] = [];
  let last = skipWs(s, index + open);
  while (at(s, last) !== close) {
    const elt = pparse(s, last);
    children.push(elt);
    last = skipWs(s, elt.last + 1);
    if (at(s, last) === ',') last++;
    last = skipWs(s, last);
  }
  return { type, first: index, last: last + extra, children };
}

function parsePairs(
  s: string,
  index: number,
  type: NodeType,
  close: string,
  div: string,
  sep: string,
): PNode {
  const pairType = type === NodeType.Record ? NodeType.RecordPair : NodeType.FunctionPair;
  const children: PNode[] = [];
  let last = skipWs(s, index + 1);
  while (at(s, last) !== close) {
    const arg = pparse(s, last);
    let i = skipWs(s, arg.last + 1);
    if (!s.startsWith(div, i)) throw new PParseError(`no ${div}`);
    i = skipWs(s, i + div.length);
    const val = pparse(s, i);
    children.push({ type: pairType, first: last, last: val.last, children: [arg, val] });
    last = skipWs(s, val.last + 1);
    if (sep === ',') {
      if (at(s, last) === ',') last++;
    } else if (s.startsWith(sep, last)) {
      last += sep.length;
    }
    last = skipWs(s, last);
  }
  return { type, first: index, last, children };
}

function parseInterval(s: string, index: number): PNode | null {
  let last = index;
  if (!isDigit(s[last])) return null;
  while (last < s.length && isDigit(s[last])) last++;
  if (!s.startsWith('..', last)) return null;
  last += 2;
  if (!isDigit(s[last])) return null;
  while (isDigit(s[last])) {
    last++;
    if (last === s.length) break;
  }
  return { type: NodeType.Constant, first: index, last: last - 1, children: [] };
}

function parseConstant(s: string, index: number): PNode {
  const first = skipWs(s, index);
  let last = first;
  if (s[first] === '"') {
    do last++;
    while (at(s, last) !== '"');
    return { type: NodeType.Constant, first, last, children: [] };
  }
  if (isDigit(s[last])) {
    const node = parseInterval(s, index);
    if (node !== null) return node;
  }
  if (s[last] === '-') {
    last++;
    while (isDigit(at(s, last))) {
      last++;
      if (last === s.length) break;
    }
    return { type: NodeType.Constant, first, last: last - 1, children: [] };
  }
  if (isLetterOrDigit(s[last])) {
    while (isLetterOrDigit(at(s, last))) {
      last++;
      if (last === s.length) break;
    }
    return { type: NodeType.Constant, first, last: last - 1, children: [] };
  }
  throw new PParseError('illegal character');
}

function len(n: PNode): number {
  return n.last - n.first + 1;
}

function pformat(s: string, n: PNode, width: number, trailer: number, pad: string): string {
  if (len(n) <= width - trailer) return s.substring(n.first, n.last + 1);
  switch (n.type) {
    case NodeType.Constant:
      return s.substring(n.first, n.last + 1);
    case NodeType.Set:
      return formatSimple(s, n, width, trailer, pad, '{ ', ' }', '  ', ',');
    case NodeType.Sequence:
      return formatSimple(s, n, width, trailer, pad, '<< ', ' >>', '   ', ',');
    case NodeType.Function:
      return formatPairs(s, n, width, trailer, pad, '( ', ' )', '  ', ' @@', ' :>', '    ');
    case NodeType.Record:
      return formatPairs(s, n, width, trailer, pad, '[ ', ' ]', '  ', ',', ' |->', '    ');
    case NodeType.Subset:
      return formatSimple(s, n, width, trailer, pad, 'SUBSET ', ' ', ' ', ',');
    default:
      throw new PParseError('unexpected node');
  }
}

function formatSimple(
  s: string,
  n: PNode,
  width: number,
  trailer: number,
  leftpad: string,
  open: string,
  close: string,
  pad: string,
  sep: string,
): string {
  const w = width - Math.max(open.length, pad.length);
  const t = trailer + close.length;
  const lp = leftpad + pad;
  let pp = '';
  const ch = n.children;
  for (let i = 0; i < ch.length; i++) {
    if (i + 1 < ch.length) pp += `${pformat(s, ch[i], w, sep.length, lp)}${sep}\n${lp}`;
    else pp += pformat(s, ch[i], w, t, lp);
  }
  return open + pp + close;
}

function formatPairs(
  s: string,
  n: PNode,
  width: number,
  trailer: number,
  leftpad: string,
  open: string,
  close: string,
  pad: string,
  sep: string,
  div: string,
  divpad: string,
): string {
  const w = width - Math.max(open.length, pad.length);
  const t = trailer + close.length;
  const lp = leftpad + pad;
  let pp = '';
  const ch = n.children;
  for (let i = 0; i < ch.length; i++) {
    const arg = ch[i].children[0];
    const val = ch[i].children[1];
    const argText = s.substring(arg.first, arg.last + 1);
    const valText = s.substring(val.first, val.last + 1);
    if (i + 1 < ch.length) {
      if (len(arg) + div.length + 1 + len(val) + sep.length <= w) {
        pp += `${argText}${div} ${valText}${sep}\n${lp}`;
      } else if (len(arg) + div.length <= w) {
        pp += `${argText}${div}\n${lp}${divpad}${pformat(s, val, w - divpad.length, sep.length, lp + divpad)}${sep}\n${lp}`;
      } else {
        pp += `${pformat(s, arg, w, t + div.length, lp)}${div}\n${lp}${divpad}${pformat(s, val, w - divpad.length, sep.length, lp + divpad)}${sep}\n${lp}`;
      }
    } else if (len(arg) + div.length + 1 + len(val) <= w - t) {
      pp += `${argText}${div} ${valText}`;
    } else if (len(arg) + div.length <= w) {
      pp += `${argText}${div}\n${lp}${divpad}${pformat(s, val, w - divpad.length, t, lp + divpad)}`;
    } else {
      pp += `${pformat(s, arg, w, t + div.length, lp)}${div}\n${lp}${divpad}${pformat(s, val, w - divpad.length, t, lp + divpad)}`;
    }
  }
  return open + pp + close;
}

/**
 * TLC's `PrettyPrint.mypp(text, width)`: lays out a value's one-line text over lines of at most
 * `width` columns; returns the text unchanged when it fits or cannot be parsed.
 */
export function prettyPrint(text: string, width = 80): string {
  if (text.length <= width) return text;
  try {
    const tree = pparse(text, 0);
    if (tree.last < text.length - 1) return text;
    return pformat(text, tree, width, 0, '');
  } catch (e) {
    if (e instanceof PParseError) return text;
    throw e;
  }
}
