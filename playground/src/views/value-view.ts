/**
 * ITF values (the JSON form of TLA+ values: `#bigint`, `#set`, `#tup`, `#map`, records as objects)
 * printed the way TLC prints them, as DOM, with what changed since the previous state marked at
 * the depth it changed: a field of a record, an element of a sequence, an entry of a function, an
 * element added to or removed from a set.
 */
import { el } from '../dom.js';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Shape =
  | { kind: 'int'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'str'; value: string }
  | { kind: 'set'; items: Json[] }
  | { kind: 'tup'; items: Json[] }
  | { kind: 'map'; entries: [Json, Json][] }
  | { kind: 'record'; fields: [string, Json][] }
  | { kind: 'other'; text: string };

function shape(v: Json): Shape {
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'string') return { kind: 'str', value: v };
  if (typeof v === 'number') return { kind: 'int', text: String(v) };
  if (isObject(v)) {
    if (typeof v['#bigint'] === 'string') return { kind: 'int', text: v['#bigint'] as string };
    if (Array.isArray(v['#set'])) return { kind: 'set', items: v['#set'] as Json[] };
    if (Array.isArray(v['#tup'])) return { kind: 'tup', items: v['#tup'] as Json[] };
    if (Array.isArray(v['#map'])) return { kind: 'map', entries: v['#map'] as [Json, Json][] };
    if (typeof v['#unserializable'] === 'string')
      return { kind: 'other', text: v['#unserializable'] as string };
    return { kind: 'record', fields: Object.entries(v) };
  }
  if (Array.isArray(v)) return { kind: 'tup', items: v };
  return { kind: 'other', text: String(v) };
}

const key = (v: Json) => JSON.stringify(v);

export function valuesEqual(a: Json, b: Json): boolean {
  return key(a) === key(b);
}

/** TLC's text for an ITF value. */
export function valueText(v: Json): string {
  const s = shape(v);
  switch (s.kind) {
    case 'int':
      return s.text;
    case 'bool':
      return s.value ? 'TRUE' : 'FALSE';
    case 'str':
      return JSON.stringify(s.value);
    case 'set':
      return `{${s.items.map(valueText).join(', ')}}`;
    case 'tup':
      return `<<${s.items.map(valueText).join(', ')}>>`;
    case 'map':
      return s.entries.length === 0
        ? '<<>>'
        : `(${s.entries.map(([k, x]) => `${valueText(k)} :> ${valueText(x)}`).join(' @@ ')})`;
    case 'record':
      return `[${s.fields.map(([k, x]) => `${k} |-> ${valueText(x)}`).join(', ')}]`;
    case 'other':
      return s.text;
  }
}

function span(className: string, ...children: (Node | string)[]): HTMLElement {
  return el('span', { className }, ...children);
}

function join(parts: Node[], sep: string): Node[] {
  const out: Node[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(document.createTextNode(sep));
    out.push(p);
  });
  return out;
}

/**
 * The value as DOM. With `previous` given (the value in the state before), the parts that differ
 * get the class `changed`, set elements that appeared `added`, and those that went are shown
 * struck through as `removed`.
 */
export function renderValue(value: Json, previous?: { value: Json }): Node {
  if (!previous) return span('v', valueText(value));
  if (valuesEqual(value, previous.value)) return span('v', valueText(value));
  const now = shape(value);
  const before = shape(previous.value);
  if (now.kind === 'record' && before.kind === 'record') {
    const old = new Map(before.fields);
    const parts = now.fields.map(([k, x]) =>
      span(
        'field',
        `${k} |-> `,
        old.has(k) ? renderValue(x, { value: old.get(k) }) : span('added', valueText(x)),
      ),
    );
    return span('v', '[', ...join(parts, ', '), ']');
  }
  if (now.kind === 'tup' && before.kind === 'tup') {
    const parts = now.items.map((x, i) =>
      i < before.items.length ? renderValue(x, { value: before.items[i] }) : span('added', valueText(x)),
    );
    const dropped = before.items.length - now.items.length;
    return span(
      'v',
      '<<',
      ...join(parts, ', '),
      dropped > 0 ? span('removed', `${parts.length > 0 ? ', ' : ''}…${dropped} removed`) : '',
      '>>',
    );
  }
  if (now.kind === 'map' && before.kind === 'map') {
    const old = new Map(before.entries.map(([k, x]) => [key(k), x] as const));
    const parts = now.entries.map(([k, x]) =>
      span(
        'entry',
        `${valueText(k)} :> `,
        old.has(key(k)) ? renderValue(x, { value: old.get(key(k)) }) : span('added', valueText(x)),
      ),
    );
    return span('v', '(', ...join(parts, ' @@ '), ')');
  }
  if (now.kind === 'set' && before.kind === 'set') {
    const oldKeys = new Set(before.items.map(key));
    const newKeys = new Set(now.items.map(key));
    const parts: Node[] = now.items.map((x) =>
      oldKeys.has(key(x)) ? span('v', valueText(x)) : span('added', valueText(x)),
    );
    for (const x of before.items) if (!newKeys.has(key(x))) parts.push(span('removed', valueText(x)));
    return span('v', '{', ...join(parts, ', '), '}');
  }
  return span('changed', valueText(value));
}
