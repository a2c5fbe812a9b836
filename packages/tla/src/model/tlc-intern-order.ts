import type { CheckedSpec } from '../semantics/index.js';
import { decodeString } from '../syntax/grammar.js';
import { tokenize } from '../syntax/lexer.js';
import { Identifier, StringLit } from '../syntax/tokens.js';
import { internName, str } from '../values/index.js';

/**
 * Gives names their intern tokens in the order TLC's `UniqueString` table gets them, since TLC
 * orders strings, model values and record fields by that token (see values/intern.ts): first the
 * cfg's model values (TLC parses the cfg before the spec; the caller has made them), then every
 * identifier as SANY's parser reads the modules, root module first, then the string literals,
 * which SANY interns during semantic analysis, dependencies first and the root module last.
 * Measured against TLC: a record written `[kind |-> …, src |-> …, k |-> …]` in a module that
 * mentions `k` first prints as `[k |-> …, kind |-> …, src |-> …]`.
 */
export function internInTlcOrder(spec: CheckedSpec): void {
  const tokenLists = spec.modules.map((m) => tokenize(m.text, m.file, { module: true }).tokens);
  for (const tokens of tokenLists)
    for (const t of tokens) if (t.tokenType === Identifier) internName(t.image);
  for (const tokens of [...tokenLists].reverse())
    for (const t of tokens) if (t.tokenType === StringLit) str(decodeString(t.image));
}
