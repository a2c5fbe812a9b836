import { LineIndex, type SourceSpan } from '@modelcheck/core';
import { PN } from '../diagnostic-codes.js';
import { NetBuilder } from '../model/builder.js';
import type { PetriNet } from '../model/net.js';
import type { NetReadResult } from './pnml-reader.js';

/**
 * Our own text format (`.pnet`), small enough to write by hand in the playground and in tests:
 *
 * ```
 * # producer / consumer with a buffer of 3
 * net prodcons
 * place ready = 1
 * place buffer
 * place free = 3 name "free slots"
 * transition produce : ready, free -> ready, buffer
 * transition consume : 2*buffer -> 2*free
 * transition tau silent : ready ->
 * final buffer = 1
 * ```
 *
 * One declaration per line, `#` starts a comment. Places are declared before use; a weight is
 * `n*place`; `silent` marks an invisible transition; `final` lines list final markings.
 */
export const TEXT_FORMAT_EXTENSION = '.pnet';

const BARE = /^[A-Za-z0-9_][A-Za-z0-9_.'[\]-]*$/;
const KEYWORDS = new Set(['net', 'place', 'transition', 'final', 'name', 'silent']);

interface Token {
  readonly kind: 'word' | 'string' | 'punct';
  readonly text: string;
  readonly offset: number;
  readonly length: number;
}

class SyntaxFailure extends Error {}

function tokenizeLine(line: string, base: number, fail: (offset: number, message: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '#') break;
    if (/\s/.test(c)) {
      i++;
    } else if (line.startsWith('->', i)) {
      tokens.push({ kind: 'punct', text: '->', offset: base + i, length: 2 });
      i += 2;
    } else if (c === ',' || c === ':' || c === '=' || c === '*') {
      tokens.push({ kind: 'punct', text: c, offset: base + i, length: 1 });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length) j++;
        value += line[j++];
      }
      if (j >= line.length) fail(base + i, 'a quoted name is not closed with "');
      tokens.push({ kind: 'string', text: value, offset: base + i, length: j + 1 - i });
      i = j + 1;
    } else {
      const start = i;
      while (i < line.length && !/[\s,:=*"#]/.test(line[i]) && !line.startsWith('->', i)) i++;
      tokens.push({ kind: 'word', text: line.slice(start, i), offset: base + start, length: i - start });
    }
  }
  return tokens;
}

export function readNetText(text: string, file = '<net>'): NetReadResult {
  const lines = new LineIndex(text);
  let builder: NetBuilder | undefined;
  const diagnosticsBefore: NetBuilder = new NetBuilder('net');
  const span = (t: { offset: number; length: number }): SourceSpan =>
    lines.span(file, t.offset, t.offset + Math.max(1, t.length));
  const fail = (offset: number, message: string, length = 1): never => {
    (builder ?? diagnosticsBefore).error(PN.syntax, message, span({ offset, length }));
    throw new SyntaxFailure();
  };
  const ensure = (): NetBuilder => {
    builder ??= new NetBuilder(file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'net');
    return builder;
  };
  try {
    let offset = 0;
    for (const line of text.split('\n')) {
      const base = offset;
      offset += line.length + 1;
      const tokens = tokenizeLine(line.replace(/\r$/, ''), base, fail);
      if (tokens.length === 0) continue;
      let k = 0;
      const end = {
        kind: 'punct' as const,
        text: '',
        offset: base + line.replace(/\r$/, '').length,
        length: 1,
      };
      const peek = (): Token => tokens[k] ?? end;
      const next = (): Token => tokens[k++] ?? end;
      const describe = (t: Token) => (t.text === '' ? 'the end of the line' : `"${t.text}"`);
      const name = (what: string): Token => {
        const t = next();
        if (t.kind === 'string' || (t.kind === 'word' && !KEYWORDS.has(t.text))) return t;
        return fail(t.offset, `expected ${what}, found ${describe(t)}`, t.length);
      };
      const count = (what: string): number => {
        const t = next();
        if (t.kind !== 'word' || !/^-?\d+$/.test(t.text))
          fail(t.offset, `expected ${what} (a whole number), found ${describe(t)}`, t.length);
        return Number(t.text);
      };
      const label = (): string | undefined => {
        if (peek().kind === 'word' && peek().text === 'name') {
          next();
          const t = next();
          if (t.kind !== 'string') fail(t.offset, `expected a quoted name, found ${describe(t)}`, t.length);
          return t.text;
        }
        return undefined;
      };
      const keyword = next();
      switch (keyword.text) {
        case 'net': {
          if (builder)
            fail(keyword.offset, 'net must come first, before places and transitions', keyword.length);
          const id = name('the net name');
          builder = new NetBuilder(id.text, label());
          break;
        }
        case 'place': {
          const id = name('a place name');
          let tokens = 0;
          if (peek().text === '=') {
            next();
            tokens = count('a number of tokens');
          }
          ensure().addPlace(id.text, tokens, label(), span(id));
          break;
        }
        case 'transition': {
          const id = name('a transition name');
          const title = label();
          let silent = false;
          if (peek().text === 'silent') {
            next();
            silent = true;
          }
          const b = ensure();
          b.addTransition(id.text, title, span(id), silent);
          const colon = next();
          if (colon.text !== ':')
            fail(colon.offset, `expected : before the arcs, found ${describe(colon)}`, colon.length);
          const arcs = (stop: string): [Token, number][] => {
            const list: [Token, number][] = [];
            while (peek().text !== stop) {
              let weight = 1;
              if (peek().kind === 'word' && /^-?\d+$/.test(peek().text) && tokens[k + 1]?.text === '*') {
                weight = count('a weight');
                next();
              }
              const place = name('a place name');
              list.push([place, weight]);
              if (peek().text === ',') next();
              else if (peek().text !== stop)
                fail(
                  peek().offset,
                  `expected , or ${stop || 'the end of the line'}, found ${describe(peek())}`,
                  peek().length,
                );
            }
            return list;
          };
          for (const [place, w] of arcs('->')) {
            if (!b.hasPlace(place.text)) undeclared(b, place, span);
            else b.addArc(place.text, id.text, w, span(place));
          }
          next();
          for (const [place, w] of arcs('')) {
            if (!b.hasPlace(place.text)) undeclared(b, place, span);
            else b.addArc(id.text, place.text, w, span(place));
          }
          break;
        }
        case 'final': {
          const b = ensure();
          const marking = new Map<string, number>();
          let first: Token | undefined;
          while (peek().text !== '') {
            const id = name('a place name');
            first ??= id;
            let n = 1;
            if (peek().text === '=') {
              next();
              n = count('a number of tokens');
            }
            if (!b.hasPlace(id.text)) undeclared(b, id, span);
            marking.set(id.text, (marking.get(id.text) ?? 0) + n);
            if (peek().text === ',') next();
          }
          b.addFinalMarking(marking, first ? span(first) : span(keyword));
          break;
        }
        default:
          fail(
            keyword.offset,
            `expected net, place, transition or final, found ${describe(keyword)}`,
            keyword.length,
          );
      }
      if (k < tokens.length) fail(tokens[k].offset, `unexpected ${describe(tokens[k])}`, tokens[k].length);
    }
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    return { diagnostics: [...diagnosticsBefore.diagnostics, ...(builder?.diagnostics ?? [])] };
  }
  const b = ensure();
  const net = b.build();
  return { net, diagnostics: b.diagnostics };
}

function undeclared(b: NetBuilder, place: Token, span: (t: Token) => SourceSpan): void {
  b.error(
    PN.unknownNode,
    `${place.text} is not a declared place (declare it with: place ${place.text})`,
    span(place),
  );
}

function quote(id: string): string {
  return BARE.test(id) && !KEYWORDS.has(id) ? id : `"${id.replace(/["\\]/g, '\\$&')}"`;
}

/** Prints a net in the text format; `readNetText(printNetText(net))` gives the same net back. */
export function printNetText(net: PetriNet): string {
  const out = [`net ${quote(net.id)}${net.name !== undefined ? ` name ${JSON.stringify(net.name)}` : ''}`];
  net.places.forEach((place, p) => {
    const tokens = net.initialMarking[p];
    out.push(
      `place ${quote(place.id)}${tokens > 0 ? ` = ${tokens}` : ''}${place.name !== undefined ? ` name ${JSON.stringify(place.name)}` : ''}`,
    );
  });
  const arcs = (list: readonly { place: number; weight: number }[]) =>
    list.map((a) => `${a.weight === 1 ? '' : `${a.weight}*`}${quote(net.places[a.place].id)}`).join(', ');
  net.transitions.forEach((transition, t) => {
    const title = transition.name !== undefined ? ` name ${JSON.stringify(transition.name)}` : '';
    const silent = transition.invisible ? ' silent' : '';
    out.push(
      `transition ${quote(transition.id)}${title}${silent} : ${arcs(net.pre[t])} -> ${arcs(net.post[t])}`.trimEnd(),
    );
  });
  for (const marking of net.finalMarkings) {
    const parts: string[] = [];
    marking.forEach((n, p) => {
      if (n > 0) parts.push(`${quote(net.places[p].id)}${n === 1 ? '' : ` = ${n}`}`);
    });
    out.push(`final ${parts.join(', ')}`.trimEnd());
  }
  return `${out.join('\n')}\n`;
}
