import { readFileSync } from 'node:fs';
import { formatDiagnostic } from '@modelcheck/core';
import { analyzeSpec, checkConfig, moduleSymbols, parseConfig } from '@modelcheck/tla';
import { describe, expect, it } from 'vitest';
import { nodeHost } from '../packages/cli/src/node-host.js';
import {
  corpusLibraryDirs,
  hasTlaCorpus,
  manifestModels,
  moduleForConfig,
  tlaCorpus,
  walk,
} from './support/corpus.js';

/**
 * Every .tla module and every .cfg of the TLA+ corpus is accepted by TLC's front-end (SANY and the
 * cfg reader), so ours must accept each with no error: this is the oracle.
 */
describe.skipIf(!hasTlaCorpus)('TLA+ corpus: parse, resolve and level-check', () => {
  const files = hasTlaCorpus ? walk(tlaCorpus, '.tla') : [];

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(300);
  });

  it('accepts every module with no error', () => {
    const failures: string[] = [];
    for (const file of files) {
      const spec = analyzeSpec(file, { host: nodeHost, libraryDirs: corpusLibraryDirs });
      const errors = spec.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0 || !spec.root) {
        failures.push(
          `${file.slice(tlaCorpus.length + 1)}:\n${errors
            .slice(0, 3)
            .map((d) => formatDiagnostic(d, (f) => spec.sources.get(f)))
            .join('\n')}`,
        );
      }
    }
    expect(
      failures,
      `${failures.length}/${files.length} modules rejected:\n${failures.join('\n\n')}`,
    ).toEqual([]);
  });

  it('accepts every cfg and checks it against its module with no error', () => {
    const manifest = manifestModels();
    const failures: string[] = [];
    const unpaired: string[] = [];
    const cfgs = walk(tlaCorpus, '.cfg');
    expect(cfgs.length).toBeGreaterThan(150);
    for (const cfgPath of cfgs) {
      const text = readFileSync(cfgPath, 'utf8');
      const parsed = parseConfig(text, cfgPath);
      const syntaxErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
      if (syntaxErrors.length > 0 || !parsed.config) {
        failures.push(`${cfgPath}: ${syntaxErrors.map((d) => formatDiagnostic(d, () => text)).join('\n')}`);
        continue;
      }
      const modulePath = moduleForConfig(cfgPath, manifest);
      if (!modulePath) {
        unpaired.push(cfgPath.slice(tlaCorpus.length + 1));
        continue;
      }
      const spec = analyzeSpec(modulePath, { host: nodeHost, libraryDirs: corpusLibraryDirs });
      if (!spec.root) {
        failures.push(`${cfgPath}: module ${modulePath} did not load`);
        continue;
      }
      const checks = checkConfig(parsed.config, moduleSymbols(spec, spec.root)).filter(
        (d) => d.severity === 'error',
      );
      if (checks.length > 0)
        failures.push(
          `${cfgPath}:\n${checks.map((d) => formatDiagnostic(d, (f) => (f === cfgPath ? text : spec.sources.get(f)))).join('\n')}`,
        );
    }
    if (unpaired.length > 0)
      console.info(
        `[corpus] cfg files with no module to check against (parsed only): ${unpaired.join(', ')}`,
      );
    expect(
      failures,
      `${failures.length}/${cfgs.length} cfg files rejected:\n${failures.join('\n\n')}`,
    ).toEqual([]);
  });
});
