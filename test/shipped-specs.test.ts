import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../packages/cli/src/main.js';
import { repoRoot } from './support/corpus.js';

// Every row of specs/README.md: the shipped examples keep the outcomes they promise.
describe('shipped specs', () => {
  const spec = join(repoRoot, 'specs/simple-lock/SimpleLock.tla');

  it('SimpleLock parses with its cfg', () => {
    const result = run(['parse', spec]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.join('\n')).toMatch(
      /6 modules loaded, 10 definitions, 1 constant, 2 variables; config .*SimpleLock\.cfg ok/,
    );
  });

  it('SimpleLock checks: 13 distinct states, 31 generated, depth 4, no error', () => {
    const result = run([spec, '--json']);
    expect(result.exitCode).toBe(0);
    const last = JSON.parse(result.stdout[result.stdout.length - 1]);
    expect(last).toMatchObject({
      event: 'result',
      outcome: 'ok',
      distinctStates: 13,
      generatedStates: 31,
      depth: 4,
    });
  });

  it('SimpleLock with its liveness cfg says the temporal properties were not checked (exit 4)', () => {
    const result = run([
      spec,
      '--config',
      join(repoRoot, 'specs/simple-lock/SimpleLockLiveness.cfg'),
      '--json',
    ]);
    expect(result.exitCode).toBe(4);
    const last = JSON.parse(result.stdout[result.stdout.length - 1]);
    expect(last.outcome).toBe('unsupported-property');
  });
});
