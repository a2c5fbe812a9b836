import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../src/args.js';
import { run } from '../src/main.js';

describe('command line of check', () => {
  it('takes a .tla file without a command as check', () => {
    expect(parseArgs(['Spec.tla']).command).toBe('check');
    expect(parseArgs(['check', 'Spec.tla']).command).toBe('check');
    expect(parseArgs(['parse', 'Spec.tla']).command).toBe('parse');
  });

  it('accepts TLC’s spellings', () => {
    const args = parseArgs([
      'Spec.tla',
      '-config',
      'M.cfg',
      '-workers',
      'auto',
      '-deadlock',
      '-simulate',
      'num=5',
      '-depth',
      '20',
      '-seed',
      '-42',
      '-cleanup',
      '-noTE',
    ]);
    expect(args.config).toBe('M.cfg');
    expect(args.check).toMatchObject({
      workers: 'auto',
      noDeadlock: true,
      simulate: true,
      maxTraces: 5,
      depth: 20,
      seed: -42,
    });
  });

  it('reads the limits and the trace file', () => {
    const args = parseArgs([
      'Spec.tla',
      '--max-states',
      '1e6',
      '--timeout=2.5',
      '--max-memory',
      '512',
      '--dfs',
      '--trace-file',
      'out.itf.json',
      '--trace-format',
      'json',
    ]);
    expect(args.check).toMatchObject({
      maxStates: 1_000_000,
      timeout: 2.5,
      maxMemoryMb: 512,
      dfs: true,
      traceFile: 'out.itf.json',
      traceFormat: 'json',
    });
  });

  it('rejects what makes no sense', () => {
    expect(() => parseArgs(['Spec.tla', '-workers', 'many'])).toThrow(UsageError);
    expect(() => parseArgs(['Spec.tla', '--max-states', '-1'])).toThrow(UsageError);
    expect(() => parseArgs(['Spec.tla', '--timeout', 'soon'])).toThrow(UsageError);
    expect(() => parseArgs(['Spec.tla', '--simulate', '--dfs'])).toThrow(UsageError);
    expect(() => parseArgs(['Spec.tla', '--trace-format', 'itf'])).toThrow(/--trace-file/);
    expect(() => parseArgs(['Spec.tla', '--trace-format', 'xml', '--trace-file', 'f'])).toThrow(UsageError);
    expect(run(['parse', 'Spec.tla', '--simulate']).stderr[0]).toBe(
      'error: --simulate applies to check, not parse',
    );
    expect(run(['Spec.tla', '--depth', '5']).stderr[0]).toMatch(/--depth applies to --simulate and --dfs/);
  });
});
