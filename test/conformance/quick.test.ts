import { run } from '@modelcheck/cli';
import { describe, expect, it } from 'vitest';
import { hasTlaCorpus } from '../support/corpus.js';
import { checkArgs, compare, resultLine, selectModels } from './compare.js';

// The quick part of `pnpm conformance`: the T1/T2 corpus models TLC checks in under 3 seconds (JVM
// start included), each run in-process through `modelcheck check --json`, must agree with TLC on
// the outcome and exit code, and on the counts (successes) or the property and counterexample
// length (failures).
const QUICK_TLC_SECONDS = 3;
const models = hasTlaCorpus ? selectModels({ tiers: ['T1', 'T2'], maxTlcSeconds: QUICK_TLC_SECONDS }) : [];

describe('conformance with TLC: quick T1/T2 corpus models', () => {
  if (!hasTlaCorpus) {
    it.skip('needs ../shared/corpus/tla (absent here): nothing to compare', () => {});
    return;
  }

  it('selects some models', () => {
    expect(models.length).toBeGreaterThan(0);
  });

  it.each(models.map((m) => [m.cfg.replace(/^specifications\//, ''), m] as const))('%s', (_, model) => {
    const result = run(checkArgs(model, 120));
    const verdict = compare(model, resultLine(result.stdout.join('\n')));
    // The message says what differs (ours vs TLC's).
    expect(verdict.agree, `${verdict.detail}\n${result.stderr.join('\n')}`).toBe(true);
  });
});
