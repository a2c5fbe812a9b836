import type { AtomMatch, AtomParser, AtomSyntaxError } from './parser.js';

/**
 * An atom hook for predicates written between delimiters, e.g. `{x = 1}` or `'pc = "cs"'` for
 * TLA+ state predicates. Nested delimiters (when open and close differ) and double-quoted strings
 * inside are skipped over. The atom's name is the trimmed text between the delimiters.
 */
export function delimitedAtoms(open: string, close: string): AtomParser {
  return (text, offset): AtomMatch | AtomSyntaxError | undefined => {
    if (!text.startsWith(open, offset)) return undefined;
    let depth = 1;
    let i = offset + open.length;
    while (i < text.length) {
      if (open !== close && text.startsWith(open, i)) {
        depth++;
        i += open.length;
        continue;
      }
      if (text.startsWith(close, i)) {
        depth--;
        if (depth === 0) {
          const inner = text.slice(offset + open.length, i).trim();
          if (inner.length === 0) {
            return { error: 'empty atomic proposition', start: offset, end: i + close.length };
          }
          return { end: i + close.length, name: inner };
        }
        i += close.length;
        continue;
      }
      if (text[i] === '"' && open !== '"') {
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      }
      i++;
    }
    return {
      error: `this atomic proposition has no closing ${close}`,
      start: offset,
      end: text.length,
      hint: `close it with ${close}`,
    };
  };
}

/** Tries each hook in turn; the first that recognises the text wins. */
export function firstAtomParser(...parsers: readonly AtomParser[]): AtomParser {
  return (text, offset) => {
    for (const p of parsers) {
      const m = p(text, offset);
      if (m) return m;
    }
    return undefined;
  };
}
