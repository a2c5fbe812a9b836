import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig, summarizeConfig } from '../../src/config/index.js';

/** The shared corpus lives next to the repository: `<repo>/../shared/corpus/tla`. */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = resolve(repoRoot, '../shared/corpus/tla');

function cfgFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) cfgFiles(path, out);
    else if (entry.endsWith('.cfg')) out.push(path);
  }
  return out;
}

/** Removes `\*` line comments and (nested) `(* *)` comments. */
function stripComments(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('(*', i)) {
      depth++;
      i++;
    } else if (depth > 0 && text.startsWith('*)', i)) {
      depth--;
      i++;
    } else if (depth === 0 && text.startsWith('\\*', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (depth === 0) {
      out += text[i];
    }
  }
  return out;
}

const present = existsSync(corpus);
if (!present) console.log(`config corpus test skipped: ${corpus} is absent`);

describe.skipIf(!present)('parseConfig on the TLA+ corpus', () => {
  const files = present ? cfgFiles(corpus) : [];

  it('finds the corpus configuration files', () => {
    expect(files.length).toBeGreaterThanOrEqual(183);
  });

  it('parses every .cfg file with no diagnostics', () => {
    const failures: string[] = [];
    for (const file of files) {
      const { config, diagnostics } = parseConfig(readFileSync(file, 'utf8'), file);
      if (!config) failures.push(`${relative(corpus, file)}: no config`);
      for (const d of diagnostics) {
        failures.push(
          `${relative(corpus, file)}:${d.span?.start.line}:${d.span?.start.column} ${d.code} ${d.message}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('reads at least one section from every file', () => {
    // Some files are empty on purpose ("TLC needs a configuration file, even with no fields").
    const empty = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return parseConfig(text, file).config?.sections.length === 0 && stripComments(text).trim() !== '';
    });
    expect(empty.map((f) => relative(corpus, f))).toEqual([]);
    const summaries = files.map((file) =>
      summarizeConfig(parseConfig(readFileSync(file, 'utf8'), file).config!),
    );
    // Sanity: the corpus exercises the main constructs.
    expect(summaries.filter((s) => s.specification).length).toBeGreaterThan(100);
    expect(summaries.filter((s) => s.init && s.next).length).toBeGreaterThan(10);
    expect(summaries.some((s) => s.constants.some((c) => c.kind === 'Substitution' && c.module))).toBe(true);
    expect(summaries.some((s) => s.constants.some((c) => c.kind === 'Assignment' && c.module))).toBe(true);
    expect(summaries.some((s) => !s.checkDeadlock)).toBe(true);
  });
});
