import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/corpus.js';

/** The real command, as users run it: `pnpm -s modelcheck ...` from the repository root. */
function modelcheck(args: string[], cwd = repoRoot) {
  const result = spawnSync('pnpm', ['-s', 'modelcheck', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: cwd },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the modelcheck command in a real process', () => {
  it('checks the shipped example and exits 0', () => {
    const result = modelcheck(['parse', 'specs/simple-lock/SimpleLock.tla']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^ok specs\/simple-lock\/SimpleLock\.tla/);
    expect(result.status).toBe(0);
  });

  it('exits 150 on the seed spec and prints no stack trace', () => {
    const result = modelcheck(['parse', 'packages/tla/test/fixtures/SimpleLock.tla', '--no-color']);
    expect(result.status).toBe(150);
    expect(result.stderr).toMatch(/SimpleLock\.tla:26:15: error\[TLA301\]/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
