import { LineIndex, type SourceSpan } from '@modelcheck/core';
import { PN } from '../diagnostic-codes.js';
import { NetBuilder } from '../model/builder.js';
import type { NetReadResult } from './pnml-reader.js';

interface Token {
  readonly text: string;
  readonly offset: number;
  /** `word` (a name or a number) or one of `,` `;` `:` or `eof`. */
  readonly kind: 'word' | 'punct' | 'eof';
}

/** LoLA's lexer: names are runs of anything but white space and `,;:(){}`; comments `{…}`, `/*…*\/`, `//`. */
function tokenize(text: string, fail: (offset: number, message: string) => void): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '{') {
      const end = text.indexOf('}', i + 1);
      if (end < 0) {
        fail(i, 'a comment { … } is not closed');
        break;
      }
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        fail(i, 'a comment /* … */ is not closed');
        break;
      }
      i = end + 2;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ',' || c === ';' || c === ':') {
      tokens.push({ text: c, offset: i, kind: 'punct' });
      i++;
    } else if (c === '(' || c === ')' || c === '}') {
      fail(i, `unexpected ${c}`);
      i++;
    } else {
      const start = i;
      while (i < text.length && !/[\s,;:(){}]/.test(text[i]) && !text.startsWith('/*', i)) i++;
      tokens.push({ text: text.slice(start, i), offset: start, kind: 'word' });
    }
  }
  tokens.push({ text: '', offset: text.length, kind: 'eof' });
  return tokens;
}

const KEYWORDS = new Set([
  'PLACE',
  'MARKING',
  'TRANSITION',
  'CONSUME',
  'PRODUCE',
  'SAFE',
  'FAIR',
  'STRONG',
  'WEAK',
]);

class SyntaxFailure extends Error {}

/**
 * Reads a LoLA net (`.net`): `PLACE [SAFE n:] p1, p2; MARKING p1: 1, p2; TRANSITION t CONSUME p1: 1;
 * PRODUCE p2: 1;` with LoLA 1's `SAFE` and `FAIR` annotations accepted and ignored.
 */
export function readLola(text: string, file = '<lola>'): NetReadResult {
  const lines = new LineIndex(text);
  const name = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const builder = new NetBuilder(name || 'net');
  const span = (offset: number, length = 1): SourceSpan =>
    lines.span(file, offset, offset + Math.max(1, length));
  const fail = (offset: number, message: string, length = 1) => {
    builder.error(PN.syntax, message, span(offset, length));
    throw new SyntaxFailure();
  };
  try {
    const tokens = tokenize(text, fail);
    let k = 0;
    const peek = () => tokens[k];
    const next = () => tokens[k++];
    const describe = (t: Token) => (t.kind === 'eof' ? 'the end of the file' : `"${t.text}"`);
    const expect = (what: string) => {
      const t = next();
      if (t.text !== what) fail(t.offset, `expected ${what}, found ${describe(t)}`, t.text.length);
      return t;
    };
    const word = (what: string): Token => {
      const t = next();
      if (t.kind !== 'word' || KEYWORDS.has(t.text))
        fail(t.offset, `expected ${what}, found ${describe(t)}`, t.text.length);
      return t;
    };
    const number = (what: string): number => {
      const t = next();
      if (t.kind !== 'word' || !/^-?\d+$/.test(t.text))
        fail(t.offset, `expected ${what} (a whole number), found ${describe(t)}`, t.text.length);
      return Number(t.text);
    };
    expect('PLACE');
    const places: Token[] = [];
    while (peek().text !== 'MARKING') {
      if (peek().text === 'SAFE') {
        next();
        if (peek().text !== ':') number('a bound');
        expect(':');
      }
      if (peek().text === ';') {
        next();
        continue;
      }
      places.push(word('a place name'));
      while (peek().text === ',') {
        next();
        places.push(word('a place name'));
      }
      if (peek().text !== 'MARKING') expect(';');
    }
    next();
    const initial = new Map<string, number>();
    const arcList = (end: string): [Token, number][] => {
      const list: [Token, number][] = [];
      while (peek().text !== end) {
        const place = word('a place name');
        let n = 1;
        if (peek().text === ':') {
          next();
          n = number('a number of tokens');
        }
        list.push([place, n]);
        if (peek().text === ',') next();
        else if (peek().text !== end) {
          const t = peek();
          fail(t.offset, `expected , or ${end}, found ${describe(t)}`, t.text.length);
        }
      }
      next();
      return list;
    };
    const marking = arcList(';');
    for (const [place, n] of marking) initial.set(place.text, (initial.get(place.text) ?? 0) + n);
    for (const place of places) {
      builder.addPlace(
        place.text,
        initial.get(place.text) ?? 0,
        undefined,
        span(place.offset, place.text.length),
      );
    }
    for (const [place] of marking)
      if (!builder.hasPlace(place.text))
        builder.error(
          PN.unknownNode,
          `the marking names ${place.text}, which is not a place`,
          span(place.offset, place.text.length),
        );
    while (peek().kind !== 'eof') {
      while (peek().text === 'STRONG' || peek().text === 'WEAK' || peek().text === 'FAIR') next();
      expect('TRANSITION');
      const t = word('a transition name');
      while (peek().text === 'STRONG' || peek().text === 'WEAK' || peek().text === 'FAIR') next();
      builder.addTransition(t.text, undefined, span(t.offset, t.text.length));
      expect('CONSUME');
      for (const [place, n] of arcList(';'))
        builder.addArc(place.text, t.text, n, span(place.offset, place.text.length));
      expect('PRODUCE');
      for (const [place, n] of arcList(';'))
        builder.addArc(t.text, place.text, n, span(place.offset, place.text.length));
    }
  } catch (error) {
    if (!(error instanceof SyntaxFailure)) throw error;
    return { diagnostics: builder.diagnostics };
  }
  const net = builder.build();
  return { net, diagnostics: builder.diagnostics };
}
