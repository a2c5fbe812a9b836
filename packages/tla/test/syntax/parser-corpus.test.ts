import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseModule } from '../../src/syntax/index.js';

// The corpus lives next to the repository (never copied into it): <repo>/../shared/corpus/tla.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpusDir = resolve(repoRoot, '../shared/corpus/tla');
const haveCorpus = existsSync(corpusDir);
if (!haveCorpus) console.warn(`[parser-corpus] skipped: TLA+ corpus not found at ${corpusDir}`);

function tlaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...tlaFiles(path));
    else if (entry.endsWith('.tla')) out.push(path);
  }
  return out.sort();
}

/** The first node whose span is not inside the text (start <= end, right file), as a string; undefined if all are. */
function badSpan(node: unknown, file: string, length: number): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const bad = badSpan(item, file, length);
      if (bad) return bad;
    }
    return undefined;
  }
  const record = node as Record<string, unknown>;
  for (const key of ['span', 'nameSpan']) {
    const span = record[key] as
      | { file: string; start: { offset: number }; end: { offset: number } }
      | undefined;
    if (span && (span.file !== file || span.start.offset > span.end.offset || span.end.offset > length)) {
      return `${String(record.kind)}.${key} ${span.start.offset}-${span.end.offset}`;
    }
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === 'span' || key === 'nameSpan') continue;
    const bad = badSpan(value, file, length);
    if (bad) return bad;
  }
  return undefined;
}

describe.skipIf(!haveCorpus)('parseModule on the TLA+ corpus', () => {
  const files = haveCorpus ? tlaFiles(corpusDir) : [];

  it('finds the corpus files', () => {
    expect(files.length).toBeGreaterThanOrEqual(364);
  });

  it('parses every file with zero diagnostics, and the modules look sane', () => {
    const failures: string[] = [];
    let chars = 0;
    const start = performance.now();
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      chars += text.length;
      const result = parseModule(text, path);
      const name = relative(corpusDir, path);
      if (result.diagnostics.length > 0 || !result.file) {
        const d = result.diagnostics[0];
        failures.push(`${name}:${d?.span?.start.line}:${d?.span?.start.column} ${d?.code} ${d?.message}`);
        continue;
      }
      const module = result.file.module;
      if (`${module.name.name}.tla` !== basename(path))
        failures.push(`${name}: module is named ${module.name.name}`);
      if (module.units.length === 0) failures.push(`${name}: no units`);
      if (module.span.start.line < 1 || module.span.end.offset > text.length)
        failures.push(`${name}: bad module span`);
      const bad = badSpan(module, path, text.length);
      if (bad) failures.push(`${name}: bad span ${bad}`);
    }
    const ms = performance.now() - start;
    console.log(
      `[parser-corpus] ${files.length} files, ${(chars / 1e6).toFixed(2)} MB parsed in ${ms.toFixed(0)} ms`,
    );
    expect(failures).toEqual([]);
    expect(ms, 'time to parse the whole corpus (with span checks)').toBeLessThan(20_000);
  });

  it('finds the PlusCal algorithms in comments', () => {
    const withPlusCal = files.filter((f) => /--(fair\s+)?algorithm\b/.test(readFileSync(f, 'utf8')));
    for (const path of withPlusCal) {
      const result = parseModule(readFileSync(path, 'utf8'), path);
      expect(result.file?.plusCal, path).toBeDefined();
    }
  });
});
