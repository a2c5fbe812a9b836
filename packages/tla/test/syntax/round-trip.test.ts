/**
 * Round trip: parse(print(ast)) equals ast, positions aside.
 * 1. Every `.tla` file of the shared corpus (read in place from `../shared/corpus` next to the repo).
 * 2. Generated expressions and modules (fast-check).
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '@modelcheck/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExpression, parseModule } from '../../src/syntax/parser.js';
import { printExpression, printModule } from '../../src/syntax/printer.js';
import { exprArb, moduleArb, stripSpans } from './arbitrary-expr.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus/tla');

function tlaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...tlaFiles(full));
    else if (entry.endsWith('.tla')) out.push(full);
  }
  return out;
}

function errors(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.span ? `${d.span.start.line}:${d.span.start.column} ` : ''}${d.message}`)
    .join('\n');
}

/**
 * Corpus files that cannot round-trip because of a known parser problem (relative path -> reason).
 * Keep empty unless a parser bug blocks a file; each entry names the bug.
 */
const KNOWN_PARSER_BUGS: ReadonlyMap<string, string> = new Map([]);

const corpusPresent = existsSync(corpusDir);
if (!corpusPresent) console.log(`round-trip: corpus not found at ${corpusDir}; skipping the corpus suite`);
const files = corpusPresent ? tlaFiles(corpusDir) : [];

describe.skipIf(!corpusPresent)('corpus: parse(print(parse(file))) = parse(file)', () => {
  let passed = 0;
  afterAll(() => {
    console.log(`round-trip: ${passed}/${files.length} corpus modules round-trip`);
  });

  for (const file of files) {
    const rel = path.relative(corpusDir, file);
    const bug = KNOWN_PARSER_BUGS.get(rel);
    const test = bug ? it.fails : it;
    test(rel, () => {
      const text = readFileSync(file, 'utf8');
      const first = parseModule(text, rel);
      expect(errors(first.diagnostics), 'the original parses').toBe('');
      const module = first.file!.module;
      const printed = printModule(module);
      const second = parseModule(printed, rel);
      expect(errors(second.diagnostics), `the printed module parses:\n${printed}`).toBe('');
      expect(stripSpans(second.file!.module)).toEqual(stripSpans(module));
      // Printing is stable: the reparsed tree prints to the same text.
      expect(printModule(second.file!.module)).toBe(printed);
      passed++;
    });
  }
});

describe('generated ASTs: parse(print(ast)) = ast', () => {
  it('expressions', () => {
    fc.assert(
      fc.property(exprArb({ depth: 4 }), (e) => {
        const text = printExpression(e);
        const r = parseExpression(text);
        expect(errors(r.diagnostics), text).toBe('');
        expect(stripSpans(r.expr), text).toEqual(stripSpans(e));
      }),
      { numRuns: 1000 },
    );
  });

  it('modules with definitions', () => {
    fc.assert(
      fc.property(moduleArb({ depth: 3 }), (m) => {
        const text = printModule(m);
        const r = parseModule(text, 'Generated.tla');
        expect(errors(r.diagnostics), text).toBe('');
        expect(stripSpans(r.file?.module), text).toEqual(stripSpans(m));
      }),
      { numRuns: 500 },
    );
  });
});
