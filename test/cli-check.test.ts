import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/corpus.js';

// `modelcheck check` end to end, in a real process: exit codes, TLC's layout, --json, ITF files,
// bad input, Ctrl-C. The specs are written here, small enough to read in the test.

let bundle = '';
let dir = '';

beforeAll(async () => {
  // A private bundle of the CLI (as `pnpm modelcheck` runs it), so that parallel test files that
  // rebuild the shared one cannot hand us a half-written file.
  const outDir = join(repoRoot, 'node_modules/.cache/modelcheck');
  mkdirSync(outDir, { recursive: true });
  bundle = join(outDir, 'cli-check-test.mjs');
  await build({
    entryPoints: [join(repoRoot, 'packages/cli/src/bin.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'mc-check-'));
  const specs: Record<string, [string, string]> = {
    Counter: [
      "VARIABLE n\nInit == n = 0\nNext == (n < 5 /\\ n' = n + 1) \\/ (n = 5 /\\ n' = 0)",
      'INIT Init\nNEXT Next',
    ],
    Inv: [
      "VARIABLE n\nInit == n = 0\nNext == n' = n + 1\nSmall == n < 3",
      'INIT Init\nNEXT Next\nINVARIANT Small',
    ],
    Dead: ["VARIABLE n\nInit == n = 0\nNext == n < 3 /\\ n' = n + 1", 'INIT Init\nNEXT Next'],
    Act: [
      "VARIABLE n\nInit == n = 0\nNext == n' = (n + 1) % 3\nSpec == Init /\\ [][Next]_n\nMono == [][n' > n]_n",
      'SPECIFICATION Spec\nPROPERTY Mono',
    ],
    Assm: [
      'CONSTANT N\nASSUME N > 5\nVARIABLE n\nInit == n = 0\nNext == UNCHANGED n',
      'CONSTANT N = 3\nINIT Init\nNEXT Next',
    ],
    Asrt: [
      'VARIABLE n\nInit == n = 0\nNext == n\' = n + 1 /\\ Assert(n < 2, "too big")',
      'INIT Init\nNEXT Next',
    ],
    Eval: ["VARIABLE s\nInit == s = <<1>>\nNext == s' = Tail(s) /\\ Head(s) > 0", 'INIT Init\nNEXT Next'],
    Live: [
      "VARIABLE n\nInit == n = 0\nNext == n' = (n + 1) % 3\nSpec == Init /\\ [][Next]_n\nProp == <>(n = 2)",
      'SPECIFICATION Spec\nPROPERTY Prop',
    ],
    Unsup: [
      "VARIABLE n\nInit == n = 0\nNext == n' = (n + 1) % 3\nSpec == Init /\\ [][Next]_n\nEventually(m) == <>(n = m)\nProp == Eventually(n + 1)",
      'SPECIFICATION Spec\nPROPERTY Prop',
    ],
    Unknown: [
      "VARIABLE n\nInit == n = 0\nNext == n' = n\nTypeOK == n \\in {0}",
      'INIT Init\nNEXT Next\nINVARIANT TypOK',
    ],
    NoConst: ["CONSTANT N\nVARIABLE n\nInit == n = N\nNext == n' = n", 'INIT Init\nNEXT Next'],
    Syntax: ["VARIABLE n\nInit == n = (1 +\nNext == n' = n", 'INIT Init\nNEXT Next'],
    Forever: ["VARIABLE n\nInit == n = 0\nNext == n' = n + 1", 'INIT Init\nNEXT Next'],
    Post: [
      'VARIABLE n\nInit == n = 0\nNext == n < 3 /\\ n\' = n + 1\nEnough == TLCGet("distinct") >= 10',
      'INIT Init\nNEXT Next\nPOSTCONDITION Enough\nCHECK_DEADLOCK FALSE',
    ],
    Args: [
      'VARIABLE n\nInit == n = 0\nAdd(d, e) == n + d < 4 /\\ n\' = n + d\nNext == \\E d \\in {1, 3} : Add(d, "x")\nSmall == n < 3\nAlias == [twice |-> 2 * n]',
      'INIT Init\nNEXT Next\nINVARIANT Small\nALIAS Alias',
    ],
  };
  for (const [name, [body, cfg]] of Object.entries(specs)) {
    writeFileSync(
      join(dir, `${name}.tla`),
      `---- MODULE ${name} ----\nEXTENDS Naturals, Sequences, TLC\n${body}\n====\n`,
    );
    writeFileSync(join(dir, `${name}.cfg`), `${cfg}\n`);
  }
});

function modelcheck(args: string[]) {
  const result = spawnSync(process.execPath, [bundle, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: dir, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function noStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(text).not.toMatch(/node:internal/);
}

describe('modelcheck check: exit codes (TLC’s where TLC has the outcome)', () => {
  it.each([
    ['Counter', 0, 'Model checking completed. No error has been found.'],
    ['Inv', 12, 'Error: Invariant Small is violated.'],
    ['Dead', 11, 'Error: Deadlock reached.'],
    ['Act', 13, 'Error: Action property Mono is violated.'],
    ['Assm', 10, 'Error: Assumption line 4, col 8 to line 4, col 12 of module Assm is false.'],
    [
      'Asrt',
      14,
      'Error: The first argument of Assert evaluated to FALSE; the second argument was:\n"too big"',
    ],
    ['Eval', 75, 'Error: Attempted to apply Tail to the empty sequence.'],
    ['Live', 13, 'Error: Temporal property Prop was violated.'],
    ['Unsup', 4, 'Warning: Temporal properties not checked: Prop.'],
    ['Post', 10, 'Error: Postcondition Enough at line 6, col 11 to line 6, col 34 of module Post is false.'],
  ] as const)('%s.tla exits %i', (name, status, text) => {
    const result = modelcheck([`${name}.tla`]);
    expect(result.stdout).toContain(text);
    expect(result.status).toBe(status);
    noStackTrace(result.stdout + result.stderr);
  });

  it('names each step with its action’s arguments and shows the ALIAS instead of the variables', () => {
    const lines = modelcheck(['Args.tla']).stdout.split('\n');
    const from = lines.indexOf('State 1: <Initial predicate>');
    expect(lines.slice(from, from + 5)).toEqual([
      'State 1: <Initial predicate>',
      'twice = 0',
      '',
      'State 2: <Add(3,"x") line 5, col 14 to line 5, col 36 of module Args>',
      'twice = 6',
    ]);
  });

  it('prints TLC’s layout: start, initial states, behaviour, counts, depth, end', () => {
    const lines = modelcheck(['check', 'Dead.tla']).stdout.split('\n');
    const from = lines.findIndex((l) => l.startsWith('Starting... ('));
    expect(from).toBeGreaterThan(0);
    expect(lines.slice(from + 1, from + 3)).toEqual([
      'Computing initial states...',
      expect.stringMatching(
        /^Finished computing initial states: 1 distinct state generated at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.$/,
      ),
    ]);
    expect(lines).toContain('State 1: <Initial predicate>');
    expect(lines).toContain('State 4: <Next line 5, col 9 to line 5, col 27 of module Dead>');
    expect(lines).toContain('4 states generated, 4 distinct states found, 0 states left on queue.');
    expect(lines).toContain('The depth of the complete state graph search is 4.');
    expect(lines.at(-2)).toMatch(/^Finished in \d\ds at \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\)$/);
  });

  it('an evaluation error shows file:line:column and the source line, no stack trace', () => {
    const result = modelcheck(['Eval.tla']);
    expect(result.stdout).toMatch(
      /Error: The error occurred when evaluating the expression at Eval\.tla:5:14:\n {2}5 \| Next == /,
    );
    expect(result.stdout).toContain('State 2: <Next line 5, col 9 to line 5, col 35 of module Eval>');
  });

  it('spec and cfg errors: file:line:column, exit 150/151/153, no stack trace', () => {
    const syntax = modelcheck(['Syntax.tla']);
    expect(syntax.status).toBe(150);
    expect(syntax.stderr).toMatch(/Syntax\.tla:\d+:\d+: error\[TLA1\d\d\]/);
    noStackTrace(syntax.stderr);

    const unknown = modelcheck(['Unknown.tla']);
    expect(unknown.status).toBe(151);
    expect(unknown.stderr).toMatch(/Unknown\.cfg:3:11: error\[CFG2\d\d\]/);
    expect(unknown.stderr).toContain('TypeOK');
    noStackTrace(unknown.stderr);

    const noConst = modelcheck(['NoConst.tla']);
    expect(noConst.status).toBe(151);
    expect(noConst.stderr).toMatch(/NoConst\.cfg:\d+:\d+: error\[CFG\d+\]: .*N/);
    noStackTrace(noConst.stderr);

    expect(modelcheck(['check', 'Missing.tla']).status).toBe(153);
    expect(modelcheck(['Dead.tla', '--config', 'Missing.cfg']).status).toBe(153);
    expect(modelcheck(['Dead.tla', '--frobnicate']).status).toBe(2);
  });

  it('stops at --max-states (exit 3) and at --timeout (exit 3) with the counts so far', () => {
    const states = modelcheck(['Forever.tla', '--max-states', '1000']);
    expect(states.status).toBe(3);
    expect(states.stdout).toContain('the limit of 1000 distinct states (--max-states) was reached');
    expect(states.stdout).toMatch(/\n\d+ states generated, 1000 distinct states found/);
    const time = modelcheck(['Forever.tla', '--timeout', '0.5', '--json']);
    expect(time.status).toBe(3);
    expect(JSON.parse(time.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({
      outcome: 'stopped',
      reason: 'time-limit',
      exitCode: 3,
    });
  });
});

describe('modelcheck check: TLC’s options', () => {
  it('-config, -workers, -deadlock', () => {
    const result = modelcheck(['Dead', '-config', 'Dead.cfg', '-workers', 'auto', '-deadlock']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/single worker/);
  });

  it('-simulate -depth -seed: prints the seed and repeats the same run', () => {
    const args = ['Inv.tla', '-simulate', '-depth', '20', '-seed', '42'];
    const a = modelcheck(args);
    expect(a.status).toBe(12);
    expect(a.stdout).toMatch(/Running Random Simulation with seed 42 /);
    const b = modelcheck(args);
    const trace = (s: string) => s.slice(s.indexOf('Error:'), s.indexOf('The number of states'));
    expect(trace(b.stdout)).toBe(trace(a.stdout));
  });
});

describe('modelcheck check --json and --trace-file', () => {
  it('stdout is JSON lines, the last one the result', () => {
    const result = modelcheck(['Inv.tla', '--json']);
    expect(result.status).toBe(12);
    const lines = result.stdout.trim().split('\n');
    const events = lines.map((l) => JSON.parse(l));
    expect(events[0].event).toBe('start');
    expect(events.at(-1)).toMatchObject({
      event: 'result',
      outcome: 'invariant-violated',
      property: 'Small',
      exitCode: 12,
      distinctStates: 4,
      generatedStates: 4,
      depth: 4,
    });
    expect(events.at(-1).trace).toEqual(
      [0, 1, 2, 3].map((n) => ({
        action: n === 0 ? null : 'Next',
        location: n === 0 ? null : 'Inv.tla:5:9',
        tlcLocation: n === 0 ? null : 'line 5, col 9 to line 5, col 18 of module Inv',
        state: { n: { '#bigint': String(n) } },
      })),
    );
  });

  it('a cfg error in --json is one result line with the diagnostics', () => {
    const result = modelcheck(['Unknown.tla', '--json']);
    expect(result.status).toBe(151);
    const last = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '');
    expect(last).toMatchObject({ event: 'result', outcome: 'config-error', exitCode: 151 });
    expect(last.diagnostics[0]).toMatchObject({
      span: { file: 'Unknown.cfg', start: { line: 3, column: 11 } },
    });
  });

  it('writes the counterexample as ITF', () => {
    const result = modelcheck(['Inv.tla', '--trace-format', 'itf', '--trace-file', 'out.itf.json']);
    expect(result.status).toBe(12);
    expect(result.stderr).toContain('The counterexample was written to out.itf.json (ITF).');
    const itf = JSON.parse(readFileSync(join(dir, 'out.itf.json'), 'utf8'));
    expect(itf['#meta']).toMatchObject({ format: 'ITF', source: 'Inv.tla' });
    expect(itf.vars).toEqual(['n']);
    expect(
      itf.states.map((s: { '#meta': { index: number }; n: unknown }) => [s['#meta'].index, s.n]),
    ).toEqual([
      [0, { '#bigint': '0' }],
      [1, { '#bigint': '1' }],
      [2, { '#bigint': '2' }],
      [3, { '#bigint': '3' }],
    ]);
  });
});

describe('modelcheck check: Ctrl-C', () => {
  it('stops cleanly with the counts so far, exit 130', async () => {
    const child = spawn(process.execPath, [bundle, 'Forever.tla'], {
      cwd: dir,
      env: { ...process.env, INIT_CWD: dir, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.includes('Finished computing initial states')) setTimeout(() => child.kill('SIGINT'), 300);
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(status).toBe(130);
    expect(stdout).toContain('Model checking stopped by the user (Ctrl-C).');
    expect(stdout).toMatch(/\n\d+ states generated, \d+ distinct states found, \d+ states left on queue\./);
  });
});
