import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../src/main.js';

const repoRoot = resolve(import.meta.dirname, '../../..');
const seed = join(repoRoot, 'packages/tla/test/fixtures/SimpleLock.tla');

function noStackTrace(lines: string[]): void {
  for (const line of lines) expect(line).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$|node:internal/);
}

describe('modelcheck parse', () => {
  let savedCwd: string | undefined;
  beforeEach(() => {
    savedCwd = process.env.INIT_CWD;
    process.env.INIT_CWD = repoRoot;
  });
  afterEach(() => {
    if (savedCwd === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = savedCwd;
  });

  it('says ok with a summary for the shipped example, with its cfg', () => {
    const result = run(['parse', 'specs/simple-lock/SimpleLock.tla']);
    expect(result.stderr).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout[0]).toMatch(
      /^ok specs\/simple-lock\/SimpleLock\.tla: module SimpleLock, \d+ modules loaded, \d+ definitions, \d+ constants?, \d+ variables; config specs\/simple-lock\/SimpleLock\.cfg ok$/,
    );
  });

  it('resolves relative paths from the folder the user ran the command in', () => {
    process.env.INIT_CWD = join(repoRoot, 'specs/simple-lock');
    const result = run(['parse', 'SimpleLock.tla']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout[0]).toMatch(/^ok SimpleLock\.tla:/);
  });

  it('reports the seed spec’s level error with file:line:column and a caret, exit 150', () => {
    const result = run(['parse', seed]);
    expect(result.exitCode).toBe(150);
    const text = result.stderr.join('\n');
    expect(text).toMatch(/SimpleLock\.tla:26:15: error\[TLA301\]: <> is applied to an action/);
    expect(text).toContain('  26 | Liveness == []<>(');
    expect(text).toMatch(/\n\s+\|\s{15}\^\^\n/);
    expect(text).toMatch(/1 error in /);
    noStackTrace(result.stderr);
  });

  it('prints one JSON line with --json', () => {
    const result = run(['parse', seed, '--json']);
    expect(result.exitCode).toBe(150);
    expect(result.stdout).toHaveLength(1);
    const json = JSON.parse(result.stdout[0]);
    expect(json).toMatchObject({
      command: 'parse',
      ok: false,
      exitCode: 150,
      summary: { module: 'SimpleLock' },
    });
    expect(json.diagnostics[0]).toMatchObject({
      code: 'TLA301',
      severity: 'error',
      span: { start: { line: 26, column: 15 } },
    });
  });

  it('exits 153 for a missing file and 2 for a bad command line', () => {
    expect(run(['parse', 'no/such/Spec.tla']).exitCode).toBe(153);
    const usage = run(['parse', seed, '--frobnicate']);
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr[0]).toBe('error: unknown option --frobnicate');
    expect(run([]).exitCode).toBe(2);
    expect(run(['parse']).exitCode).toBe(2);
  });

  it('reports a syntax error with its position, exit 150', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-'));
    writeFileSync(join(dir, 'Bad.tla'), '---- MODULE Bad ----\nVARIABLE x\nInit == x = (1 + \n====\n');
    const result = run(['parse', join(dir, 'Bad.tla')]);
    expect(result.exitCode).toBe(150);
    expect(result.stderr[0]).toMatch(/Bad\.tla:\d+:\d+: error\[TLA1\d\d\]/);
    noStackTrace(result.stderr);
  });

  it('checks the cfg against the spec: an invariant with a prime is a cfg error, exit 151', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-'));
    writeFileSync(
      join(dir, 'M.tla'),
      "---- MODULE M ----\nVARIABLE x\nInit == x = 0\nNext == x' = x\nStep == x' = x\n====\n",
    );
    writeFileSync(join(dir, 'M.cfg'), 'INIT Init\nNEXT Next\nINVARIANT Step\n');
    const result = run(['parse', join(dir, 'M.tla')]);
    expect(result.exitCode).toBe(151);
    expect(result.stderr.join('\n')).toMatch(/M\.cfg:3:11: error\[CFG2\d\d\]/);
    noStackTrace(result.stderr);
  });

  it('reports an unknown name in the cfg with a hint, exit 151', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-'));
    writeFileSync(
      join(dir, 'M.tla'),
      "---- MODULE M ----\nVARIABLE x\nInit == x = 0\nNext == x' = x\nTypeOK == x \\in {0}\n====\n",
    );
    writeFileSync(join(dir, 'Other.cfg'), 'INIT Init\nNEXT Next\nINVARIANT TypOK\n');
    const result = run(['parse', join(dir, 'M.tla'), '--config', join(dir, 'Other.cfg')]);
    expect(result.exitCode).toBe(151);
    const text = result.stderr.join('\n');
    expect(text).toMatch(/Other\.cfg:3:11: error\[CFG2\d\d\]/);
    expect(text).toMatch(/TypeOK/);
  });
});
