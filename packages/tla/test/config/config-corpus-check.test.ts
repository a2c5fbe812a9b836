import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConfig, parseConfig } from '../../src/config/index.js';
import { analyzeSpec, moduleSymbols } from '../../src/semantics/index.js';

/**
 * Every model of the corpus manifest ran under TLC (it succeeded, or found a violation while
 * model checking), so its configuration is valid for its module: checkConfig must report no error.
 * Models whose module the semantic phase cannot analyze cleanly are skipped and counted.
 */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = resolve(repoRoot, '../shared/corpus/tla');
const manifestPath = join(corpus, 'manifest.json');
const present = existsSync(manifestPath);
if (!present) console.log(`config corpus check skipped: ${manifestPath} is absent`);

interface Model {
  readonly cfg: string;
  readonly module: string;
}

describe.skipIf(!present)('checkConfig on the corpus models TLC accepted', () => {
  it('reports no error for any model whose module analyzes cleanly', () => {
    const models: Model[] = JSON.parse(readFileSync(manifestPath, 'utf8')).models;
    const host = { readFile: (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined) };
    const libraryDirs = [
      join(corpus, 'modules/community'),
      join(corpus, 'modules/tlaps'),
      join(corpus, 'modules'),
    ];
    const errors: string[] = [];
    let checked = 0;
    for (const model of models) {
      const cfgPath = join(corpus, model.cfg);
      const { config, diagnostics } = parseConfig(readFileSync(cfgPath, 'utf8'), cfgPath);
      expect(diagnostics).toEqual([]);
      const spec = analyzeSpec(join(corpus, model.module), { host, libraryDirs });
      if (!spec.root || spec.diagnostics.some((d) => d.severity === 'error')) continue;
      checked++;
      for (const d of checkConfig(config!, moduleSymbols(spec, spec.root))) {
        if (d.severity === 'error') {
          errors.push(`${model.cfg}:${d.span?.start.line}:${d.span?.start.column} ${d.code} ${d.message}`);
        }
      }
    }
    console.log(`checkConfig: ${checked} of ${models.length} corpus models analyzed and checked`);
    expect(errors).toEqual([]);
  });
});
