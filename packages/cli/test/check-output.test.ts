import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonReporter } from '../src/check/json-reporter.js';
import type { CheckReport } from '../src/check/report.js';
import { CheckSession, type SessionOptions } from '../src/check/session.js';
import { TextReporter } from '../src/check/text-reporter.js';
import { collisionProbability, duration, grouped, tlcLocation } from '../src/check/tlc-format.js';
import { traceToItf } from '../src/check/trace-file.js';
import { evaluationError, span, toyModel } from './support/toy-model.js';

const formats = resolve(import.meta.dirname, '../../../../shared/corpus/tla/tlc-output/formats');
const haveFormats = existsSync(resolve(formats, 'Dead.txt'));
if (!haveFormats) console.warn(`[cli] ${formats} not found: comparisons with TLC's own output are skipped.`);

/** TLC's output from `Starting...` on, with timestamps and run times made neutral. */
function tlcLines(name: string): string[] {
  const lines = readFileSync(resolve(formats, `${name}.txt`), 'utf8')
    .replace(/\n$/, '')
    .split('\n');
  return normalize(lines.slice(lines.findIndex((l) => l.startsWith('Starting...'))));
}

function normalize(lines: readonly string[]): string[] {
  return lines.map((l) =>
    l.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'TIME').replace(/^Finished in \S+ at/, 'Finished in X at'),
  );
}

function runText(
  model: ReturnType<typeof toyModel>,
  module: string,
  options: Partial<SessionOptions> = {},
  sources: Record<string, string> = {},
): { lines: string[]; all: string[]; report: CheckReport } {
  const all: string[] = [];
  const reporter = new TextReporter(
    { out: (t) => all.push(...t.split('\n')), err: (t) => all.push(...t.split('\n')) },
    {
      color: false,
      version: 'test',
      sources: (f) => sources[f],
      displayPath: (f) => f,
      elapsedMs: () => 3210,
      clock: () => new Date(2026, 10, 21, 23, 53, 5),
    },
  );
  const report = new CheckSession(model, () => module, reporter, { mode: 'bfs', ...options }).runToEnd();
  const lines = normalize(all.slice(all.findIndex((l) => l.startsWith('Starting...'))));
  return { lines, all, report };
}

// The tiny specs of the corpus's tlc-output/formats, rebuilt by hand as transition systems.
const deadFile = '/specs/Dead.tla';
const dead = () =>
  toyModel({
    variables: ['n'],
    init: [[0]],
    next: ([n]) => (n < 3 ? [[0, [n + 1]]] : []),
    actions: [{ name: 'Next', span: span(deadFile, 5, 9, 5, 28) }],
  });

const actProp = () =>
  toyModel({
    variables: ['n'],
    init: [[0]],
    next: ([n]) => [[0, [(n + 1) % 3]]],
    actions: [{ name: 'Next', span: span('/specs/ActProp.tla', 5, 9, 5, 25) }],
    actionProperties: [{ name: 'Mono', check: ([n], [m]) => m > n || m === n }],
  });

const initInv = () =>
  toyModel({
    variables: ['a', 'b'],
    init: [
      [0, 0],
      [1, 0],
    ],
    next: ([a, b]) => [[0, [a + 1, b]]],
    actions: [{ name: 'Next', span: span('/specs/InitInv.tla', 5, 9, 5, 84) }],
    text: (v, x) => (v === 'b' ? '"x"' : String(x)),
    invariants: [{ name: 'Inv', check: ([a]) => a < 1 }],
  });

const evalErrFile = '/specs/EvalErr.tla';
const evalErrSource =
  "---- MODULE EvalErr ----\nEXTENDS Naturals, Sequences\nVARIABLE s\nInit == s = <<1>>\nNext == s' = Tail(s) /\\ Head(s) > 0\n====\n";
const evalErr = () =>
  toyModel({
    variables: ['s'],
    init: [[1]],
    next: ([len]) => {
      if (len === 0)
        throw evaluationError(
          'Attempted to apply Tail to the empty sequence.',
          span(evalErrFile, 5, 14, 5, 21),
        );
      return [[0, [len - 1]]];
    },
    actions: [{ name: 'Next', span: span(evalErrFile, 5, 9, 5, 36) }],
    text: (_, len) => (len === 0 ? '<<>>' : '<<1>>'),
  });

describe('check output in TLC’s layout, line by line against TLC’s own', () => {
  it.skipIf(!haveFormats)('deadlock (Dead.txt)', () => {
    const { lines, report } = runText(dead(), 'Dead');
    expect(lines).toEqual(tlcLines('Dead'));
    expect(report.exitCode).toBe(11);
  });

  it.skipIf(!haveFormats)('invariant violated by an initial state (InitInv.txt)', () => {
    const { lines, report } = runText(initInv(), 'InitInv');
    expect(lines).toEqual(tlcLines('InitInv'));
    expect(report).toMatchObject({ outcome: 'invariant-violated', property: 'Inv', exitCode: 12 });
  });

  it.skipIf(!haveFormats)('action property violated (ActProp.txt)', () => {
    const { lines, report } = runText(actProp(), 'ActProp');
    expect(lines).toEqual(tlcLines('ActProp'));
    // TLC's exit code for a violated action property is VIOLATION_LIVENESS.
    expect(report).toMatchObject({ outcome: 'property-violated', property: 'Mono', exitCode: 13 });
  });

  it.skipIf(!haveFormats)('assumption false (Assm.txt)', () => {
    const model = {
      ...dead(),
      assumptions: [
        {
          span: span('/specs/Assm.tla', 4, 8, 4, 13),
          location: 'line 4, col 8 to line 4, col 12 of module Assm',
          check: () => false,
        },
      ],
    };
    const { lines, report } = runText(model, 'Assm');
    expect(lines).toEqual(tlcLines('Assm'));
    expect(report).toMatchObject({ outcome: 'assumption-violated', exitCode: 10 });
  });

  it.skipIf(!haveFormats)(
    'evaluation error: TLC’s message and trace, then our location (EvalErr.txt)',
    () => {
      const { lines, report } = runText(evalErr(), 'EvalErr', {}, { [evalErrFile]: evalErrSource });
      const tlc = tlcLines('EvalErr');
      const ours = lines.indexOf(
        'Error: The error occurred when evaluating the expression at /specs/EvalErr.tla:5:14:',
      );
      const theirs = tlc.findIndex((l) => l.startsWith('Error: The error occurred when TLC was evaluating'));
      expect(ours).toBeGreaterThan(0);
      expect(lines.slice(0, ours)).toEqual(tlc.slice(0, theirs));
      expect(lines.slice(ours + 1, ours + 3)).toEqual([
        "  5 | Next == s' = Tail(s) /\\ Head(s) > 0",
        '    |              ^^^^^^^',
      ]);
      // Two blank lines, the counts, the depth and the end, as TLC.
      expect(lines.slice(ours + 3)).toEqual(tlc.slice(-5));
      expect(report).toMatchObject({ outcome: 'eval-error', exitCode: 75 });
    },
  );
});

describe('check outcomes and their exit codes', () => {
  it('ok: TLC’s success lines and counts', () => {
    const model = toyModel({
      variables: ['n'],
      init: [[0]],
      next: ([n]) => [[0, [(n + 1) % 4]]],
      actions: [{ name: 'Next' }],
    });
    const { lines, report } = runText(model, 'M');
    expect(report).toMatchObject({
      outcome: 'ok',
      exitCode: 0,
      stats: { distinctStates: 4, generatedStates: 5, depth: 4 },
    });
    expect(lines.slice(2)).toEqual([
      'Finished computing initial states: 1 distinct state generated at TIME.',
      'Model checking completed. No error has been found.',
      '  Estimates of the probability that modelcheck did not check all reachable states',
      '  because two distinct states had the same fingerprint:',
      '  calculated (optimistic):  val = 2.2E-19',
      '5 states generated, 4 distinct states found, 0 states left on queue.',
      'The depth of the complete state graph search is 4.',
      'Finished in X at (TIME)',
    ]);
  });

  it('an Assert failure is exit 14 with TLC’s message', () => {
    const model = toyModel({
      variables: ['n'],
      init: [[0]],
      next: ([n]) => {
        if (n === 2)
          throw evaluationError(
            'The first argument of Assert evaluated to FALSE; the second argument was:\n"too big"',
            span('/specs/A.tla', 5, 1, 5, 10),
            'EVAL102',
          );
        return [[0, [n + 1]]];
      },
      actions: [{ name: 'Next' }],
    });
    const { lines, report } = runText(model, 'A');
    expect(report).toMatchObject({ outcome: 'assert-failed', exitCode: 14 });
    expect(lines).toContain(
      'Error: The first argument of Assert evaluated to FALSE; the second argument was:',
    );
    expect(lines).toContain('"too big"');
    expect(lines).toContain('State 3: <Next>');
  });

  it('temporal properties it cannot check: says so, never a plain ok (exit 4)', () => {
    const model = toyModel({ ...specOf(dead()), checkDeadlock: false, temporalProperties: ['Live', 'Fair'] });
    const { all, report } = runText(model, 'Dead');
    expect(report).toMatchObject({
      outcome: 'unsupported-property',
      exitCode: 4,
      unchecked: ['Live', 'Fair'],
    });
    expect(all.join('\n')).not.toContain('Model checking completed. No error has been found.');
    expect(all.filter((l) => l.includes('Temporal properties not checked: Live, Fair'))).toHaveLength(2);
  });

  it('a safety violation still wins over unchecked temporal properties', () => {
    const model = toyModel({ ...specOf(dead()), temporalProperties: ['Live'] });
    expect(runText(model, 'Dead').report).toMatchObject({ outcome: 'deadlock', exitCode: 11 });
  });

  it('-deadlock turns deadlock checking off', () => {
    expect(runText(dead(), 'Dead', { noDeadlock: true }).report).toMatchObject({
      outcome: 'ok',
      exitCode: 0,
    });
  });

  it('stops at --max-states with the counts so far (exit 3)', () => {
    const counter = toyModel({
      variables: ['n'],
      init: [[0]],
      next: ([n]) => [[0, [n + 1]]],
      actions: [{ name: 'Next' }],
    });
    const { lines, report } = runText(counter, 'C', { maxStates: 100 });
    expect(report).toMatchObject({ outcome: 'stopped', reason: 'state-limit', exitCode: 3 });
    expect(lines.some((l) => /^\d+ states generated, 100 distinct states found/.test(l))).toBe(true);
  });

  it('stops when cancelled (Ctrl-C) with the counts so far (exit 130)', () => {
    const counter = toyModel({
      variables: ['n'],
      init: [[0]],
      next: ([n]) => [[0, [n + 1]]],
      actions: [{ name: 'Next' }],
    });
    const signal = { aborted: false };
    const all: string[] = [];
    const reporter = new TextReporter(
      { out: (t) => all.push(t), err: (t) => all.push(t) },
      { color: false, version: 't', sources: () => undefined, displayPath: (f) => f, elapsedMs: () => 0 },
    );
    const session = new CheckSession(counter, () => 'C', reporter, { mode: 'bfs', signal });
    session.begin();
    expect(session.step(5)).toBe(false);
    signal.aborted = true;
    while (!session.step(5));
    expect(session.report).toMatchObject({ outcome: 'stopped', reason: 'cancelled', exitCode: 130 });
    expect(all.join('\n')).toMatch(
      /Model checking stopped by the user \(Ctrl-C\)[^\n]*\n\d+ states generated, \d+ distinct states found/,
    );
  });

  it('simulation: prints the seed; the same seed gives the same behaviour', () => {
    const model = toyModel({
      variables: ['n'],
      init: [[0]],
      next: ([n]) => [
        [0, [n + 1]],
        [0, [n + 2]],
      ],
      actions: [{ name: 'Next' }],
      invariants: [{ name: 'Small', check: ([n]) => n < 15 }],
    });
    const a = runText(model, 'S', { mode: 'simulate', seed: 7, depth: 50 });
    const b = runText(model, 'S', { mode: 'simulate', seed: 7, depth: 50 });
    expect(a.all[1]).toMatch(/^Running Random Simulation with seed 7 with 1 worker/);
    expect(a.report).toMatchObject({ outcome: 'invariant-violated', exitCode: 12, seed: 7 });
    expect(a.report.trace?.map((s) => s.values.n.text)).toEqual(b.report.trace?.map((s) => s.values.n.text));
  });
});

describe('--json', () => {
  function runJson(model: ReturnType<typeof toyModel>, options: Partial<SessionOptions> = {}) {
    const lines: string[] = [];
    const report = new CheckSession(
      model,
      () => 'Dead',
      new JsonReporter(
        (l) => lines.push(l),
        (f) => f,
      ),
      {
        mode: 'bfs',
        ...options,
      },
    ).runToEnd();
    return { events: lines.map((l) => JSON.parse(l)), report };
  }

  it('prints events, then one result line with the verdict, counts and trace', () => {
    const { events } = runJson(dead());
    expect(events[0]).toMatchObject({ event: 'start', command: 'check', mode: 'bfs' });
    const result = events.at(-1);
    expect(result).toEqual({
      event: 'result',
      command: 'check',
      outcome: 'deadlock',
      exitCode: 11,
      property: null,
      message: 'Deadlock reached.',
      distinctStates: 4,
      generatedStates: 4,
      statesLeftOnQueue: 0,
      depth: 4,
      seconds: expect.any(Number),
      mode: 'bfs',
      trace: [0, 1, 2, 3].map((n) => ({
        action: n === 0 ? null : 'Next',
        location: n === 0 ? null : '/specs/Dead.tla:5:9',
        tlcLocation: n === 0 ? null : 'line 5, col 9 to line 5, col 27 of module Dead',
        state: { n: { '#bigint': String(n) } },
      })),
      diagnostics: [],
    });
  });

  it('names the violated invariant, the unchecked temporal properties, the stop reason', () => {
    expect(runJson(initInv()).events.at(-1)).toMatchObject({
      outcome: 'invariant-violated',
      property: 'Inv',
      exitCode: 12,
    });
    expect(
      runJson(toyModel({ ...specOf(dead()), checkDeadlock: false, temporalProperties: ['P'] })).events.at(-1),
    ).toMatchObject({
      outcome: 'unsupported-property',
      exitCode: 4,
      uncheckedProperties: ['P'],
      trace: null,
    });
  });

  it('writes the evaluation error as a diagnostic with its span', () => {
    const result = runJson(evalErr()).events.at(-1);
    expect(result).toMatchObject({
      outcome: 'eval-error',
      exitCode: 75,
      diagnostics: [{ code: 'EVAL100', span: { file: evalErrFile, start: { line: 5, column: 14 } } }],
    });
    expect(result.trace).toHaveLength(2);
  });
});

describe('ITF trace file', () => {
  it('has #meta, vars, and states with their index', () => {
    const { report } = runText(dead(), 'Dead');
    const itf = traceToItf(report, { source: 'Dead.tla', version: 'test', displayPath: (f) => f });
    expect(itf['#meta']).toMatchObject({ format: 'ITF', source: 'Dead.tla' });
    expect(itf.vars).toEqual(['n']);
    expect(itf.states).toEqual(
      [0, 1, 2, 3].map((n) => ({
        '#meta': n === 0 ? { index: 0 } : { index: n, action: 'Next', location: '/specs/Dead.tla:5:9' },
        n: { '#bigint': String(n) },
      })),
    );
    expect(itf).not.toHaveProperty('loop');
  });
});

describe('TLC’s formats', () => {
  it('durations, thousands, locations, probabilities', () => {
    expect(duration(3210)).toBe('03s');
    expect(duration(125_000)).toBe('02min 05s');
    expect(duration(3_725_000)).toBe('01h 02min');
    expect(grouped(16379)).toBe('16,379');
    expect(grouped(1234567)).toBe('1,234,567');
    expect(grouped(12)).toBe('12');
    expect(tlcLocation(span('/f', 5, 9, 5, 28), 'Dead')).toBe(
      'line 5, col 9 to line 5, col 27 of module Dead',
    );
    expect(collisionProbability(302, 2001)).toBe('2.8E-14');
    expect(collisionProbability(5, 5)).toBe('0.0');
  });

  it('progress lines with rates per minute and thousands separators', () => {
    const lines: string[] = [];
    const reporter = new TextReporter(
      { out: (t) => lines.push(t), err: () => {} },
      {
        color: false,
        version: 't',
        sources: () => undefined,
        displayPath: (f) => f,
        elapsedMs: () => 0,
        clock: () => new Date(2026, 10, 22, 0, 24, 41),
      },
    );
    const stats = {
      depth: 50,
      generatedStates: 16379,
      distinctStates: 5030,
      statesLeftOnQueue: 405,
      seconds: 60,
    };
    reporter.progress(stats, 1000); // too early: nothing
    reporter.progress(stats, 60_000);
    expect(lines).toEqual([
      'Progress(50) at 2026-11-22 00:24:41: 16,379 states generated (16,379 s/min), 5,030 distinct states found (5,030 ds/min), 405 states left on queue.',
    ]);
  });
});

function specOf(model: ReturnType<typeof toyModel>) {
  // dead(): the same system, rebuilt with other options
  return {
    variables: model.system.variables,
    init: [[0]],
    next: ([n]: readonly number[]) => (n < 3 ? [[0, [n + 1]] as [number, number[]]] : []),
    actions: model.system.actions,
  };
}
