import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFiles, errors } from './helpers.js';

const fixture = readFileSync(fileURLToPath(new URL('../fixtures/SimpleLock.tla', import.meta.url)), 'utf8');

describe('the SimpleLock seed spec', () => {
  it('parses and resolves, and reports exactly the action inside []<>', () => {
    const spec = analyzeFiles({ 'SimpleLock.tla': fixture });
    const found = errors(spec);
    expect(found).toHaveLength(1);
    const [error] = found;
    expect(error.code).toBe('TLA301');
    // Line 26: Liveness == []<>(... Release(p) ...); the <> is at column 15.
    expect(error.span?.start).toMatchObject({ line: 26, column: 15 });
    expect(error.message).toMatch(/<> is applied to an action/);
    expect(error.message).toMatch(/Release\(\.\.\.\) is an action/);
    // The explanation points at the use of Release(p) and at the prime inside Release.
    const related =
      error.related?.map((r) => `${r.span.start.line}:${r.span.start.column} ${r.message}`) ?? [];
    expect(related[0]).toMatch(/^26:56 Release/);
    expect(
      related.some((r) => /^1[89]:\d+ lockOwner' is primed|^2[12]:\d+ lockOwner' is primed/.test(r)),
    ).toBe(true);
    expect(error.hint).toMatch(/<><<A>>_vars/);
  });
});
