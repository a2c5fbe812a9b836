import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ParseResult, parseExpression, parseModule } from '../../src/syntax/index.js';
import { tokenize } from '../../src/syntax/lexer.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpusDir = resolve(repoRoot, '../shared/corpus/tla');
const SAMPLES = [
  'specifications/ewd840/EWD840_proof.tla',
  'specifications/transaction_commit/PaxosCommit.tla',
  'specifications/lamport_mutex/LamportMutex.tla',
  'specifications/Bakery-Boulangerie/Bakery.tla',
  'specifications/KeyValueStore/ClientCentric.tla',
  'modules/community/SequencesExt.tla',
];
const samplePaths = SAMPLES.map((s) => resolve(corpusDir, s)).filter((p) => existsSync(p));
const haveCorpus = samplePaths.length > 0;
if (!haveCorpus)
  console.warn(`[parser-robustness] corpus mutations skipped: TLA+ corpus not found at ${corpusDir}`);

/** Per-parse time limit (generous: a parse of these files takes a few milliseconds). */
const LIMIT_MS = 2000;

function checkResult(result: ParseResult, text: string): void {
  expect(result.file !== undefined || result.diagnostics.length > 0).toBe(true);
  if (result.file) expect(result.diagnostics).toEqual([]);
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(/^TLA1\d\d$/);
    expect(d.code, `internal error on:\n${text}\n${d.message}`).not.toBe('TLA199');
    expect(d.span).toBeDefined();
    expect(d.span!.start.line).toBeGreaterThanOrEqual(1);
    expect(d.span!.start.column).toBeGreaterThanOrEqual(1);
    expect(d.span!.start.offset).toBeLessThanOrEqual(text.length);
  }
}

function timedParse(text: string): ParseResult {
  const start = performance.now();
  let result: ParseResult | undefined;
  expect(() => {
    result = parseModule(text, 'Mutated.tla');
  }).not.toThrow();
  const ms = performance.now() - start;
  expect(ms, 'parse time').toBeLessThan(LIMIT_MS);
  return result!;
}

/** A mutation of a text, as offsets into its tokens or lines. */
type Mutation =
  | { kind: 'deleteToken'; at: number }
  | { kind: 'duplicateToken'; at: number }
  | { kind: 'swapTokens'; at: number; with: number }
  | { kind: 'deleteLine'; at: number }
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'swapLines'; at: number; with: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteToken' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateToken' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapTokens' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), with: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  if (m.kind === 'deleteLine' || m.kind === 'duplicateLine' || m.kind === 'swapLines') {
    const lines = text.split('\n');
    const i = m.at % lines.length;
    if (m.kind === 'deleteLine') lines.splice(i, 1);
    else if (m.kind === 'duplicateLine') lines.splice(i, 0, lines[i]);
    else {
      const j = m.with % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }
    return lines.join('\n');
  }
  // Token ranges from the lexer (on text that may already be mutated: fall back to words).
  const lexed = tokenize(text, 'm', { module: true }).tokens;
  const ranges: [number, number][] =
    lexed.length > 0
      ? lexed.map((t) => [t.startOffset, t.startOffset + t.image.length])
      : [...text.matchAll(/\S+/g)].map((x) => [x.index!, x.index! + x[0].length]);
  if (ranges.length === 0) return text;
  const [s, e] = ranges[m.at % ranges.length];
  if (m.kind === 'deleteToken') return text.slice(0, s) + text.slice(e);
  if (m.kind === 'duplicateToken') return `${text.slice(0, e)} ${text.slice(s, e)}${text.slice(e)}`;
  const [s2, e2] = ranges[m.with % ranges.length];
  if (s2 === s) return text;
  const [a, b] = s < s2 ? [[s, e] as const, [s2, e2] as const] : [[s2, e2] as const, [s, e] as const];
  return (
    text.slice(0, a[0]) +
    text.slice(b[0], b[1]) +
    text.slice(a[1], b[0]) +
    text.slice(a[0], a[1]) +
    text.slice(b[1])
  );
}

describe.skipIf(!haveCorpus)('parseModule on mutated corpus files', () => {
  const texts = samplePaths.map((p) => readFileSync(p, 'utf8'));

  it('parses the unmutated samples', () => {
    for (const t of texts) expect(parseModule(t, 'Sample.tla').diagnostics).toEqual([]);
  });

  it('never throws, stays fast, and returns a file or located diagnostics', () => {
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        (which, mutations) => {
          let text = texts[which];
          for (const m of mutations) text = mutate(text, m);
          checkResult(timedParse(text), text);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('parseModule and parseExpression on random input', () => {
  const vocabulary = [
    'x',
    'y',
    'S',
    'F',
    '1',
    '"s"',
    'TRUE',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    '<<',
    '>>',
    '>>_',
    ']_',
    ',',
    ':',
    '::',
    '.',
    '!',
    '@',
    '==',
    '=',
    '#',
    '+',
    '-',
    '*',
    '/\\',
    '\\/',
    '~',
    '=>',
    '<=>',
    '\\in',
    '\\X',
    "'",
    '[]',
    '<>',
    '|->',
    '->',
    '<-',
    '_',
    'IF',
    'THEN',
    'ELSE',
    'CASE',
    'OTHER',
    'LET',
    'IN',
    '\\A',
    '\\E',
    'CHOOSE',
    'EXCEPT',
    'LAMBDA',
    'WF_',
    'SF_',
    'SUBSET',
    'DOMAIN',
    'UNCHANGED',
    'ENABLED',
    'CONSTANT',
    'VARIABLE',
    'ASSUME',
    'PROVE',
    'THEOREM',
    'INSTANCE',
    'WITH',
    'LOCAL',
    'RECURSIVE',
    'NEW',
    'BY',
    'DEF',
    'OBVIOUS',
    'PROOF',
    'QED',
    '<1>1.',
    '<1>',
    '<2>',
    'SUFFICES',
    'PICK',
    'USE',
    '----',
    '---- MODULE B ----',
    '====',
    '\n',
    '\n  ',
    '\n    ',
    '(*',
    '*)',
    '\\*',
  ];
  const soup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }).map((ws) => ws.join(' '));

  it('handles token soup inside a module', () => {
    fc.assert(
      fc.property(soup, (body) => {
        const text = `---- MODULE A ----\n${body}\n====\n`;
        checkResult(timedParse(text), text);
      }),
      { numRuns: 1500 },
    );
  });

  it('handles token soup as an expression', () => {
    fc.assert(
      fc.property(soup, (text) => {
        let result: ReturnType<typeof parseExpression> | undefined;
        expect(() => {
          result = parseExpression(text);
        }).not.toThrow();
        const r = result!;
        expect(r.expr !== undefined || r.diagnostics.length > 0).toBe(true);
        for (const d of r.diagnostics) {
          expect(d.code, d.message).not.toBe('TLA199');
          expect(d.span!.start.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('handles arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.boolean(), (s, wrap) => {
        const text = wrap ? `---- MODULE A ----\n${s}\n====` : s;
        checkResult(timedParse(text), text);
      }),
      { numRuns: 1000 },
    );
  });
});
