import { memoryHost } from '@modelcheck/tla';
import { describe, expect, it } from 'vitest';
import { FORMULAS_NEED_BFS, type PrepareInput, prepareCheck } from '../src/check/prepare.js';
import type { CheckReport } from '../src/check/report.js';
import { outcomeMessage } from '../src/check/report.js';
import { CheckSession } from '../src/check/session.js';
import { TextReporter } from '../src/check/text-reporter.js';

// The Node-free preparation the CLI and the playground share, over files in memory.
const spec = [
  '---- MODULE Count ----',
  'EXTENDS Naturals',
  'VARIABLE x',
  'Init == x = 0',
  "Next == x < 3 /\\ x' = x + 1",
  'Spec == Init /\\ [][Next]_x',
  '====',
].join('\n');
const cfg = 'INIT Init\nNEXT Next\n';

function input(files: Record<string, string>, more: Partial<PrepareInput> = {}): PrepareInput {
  return {
    host: memoryHost(files),
    specPath: '/m/Count.tla',
    configPath: '/m/Count.cfg',
    configGiven: false,
    displayPath: (f) => f.replace('/m/', ''),
    ...more,
  };
}

describe('prepareCheck', () => {
  it('builds the model and binds --ctl/--ltl atoms (TLA+ state predicates) to it', () => {
    const prepared = prepareCheck(
      input({ '/m/Count.tla': spec, '/m/Count.cfg': cfg }, { ctl: ['AG EF (x = 3)'], ltl: ['F x > 1'] }),
    );
    expect(prepared.kind).toBe('ready');
    if (prepared.kind !== 'ready') return;
    expect(prepared.formulas.map((f) => [f.kind, f.text])).toEqual([
      ['ctl', 'AG EF (x = 3)'],
      ['ltl', 'F x > 1'],
    ]);
    const report = new CheckSession(
      prepared.model,
      prepared.moduleOf,
      {
        start() {},
        warning() {},
        print() {},
        computingInitialStates() {},
        initialStatesDone() {},
        checkingTemporal() {},
        progress() {},
        finish() {},
      },
      { mode: 'bfs', formulas: prepared.formulas, noDeadlock: true },
    ).runToEnd();
    // F x > 1 fails: a behaviour may stutter at x = 0 (no fairness).
    expect(report.formulas?.map((f) => f.holds)).toEqual([true, false]);
    expect(report.outcome).toBe('property-violated');
  });

  it('stops with the outcome and located diagnostics, in the CLI order', () => {
    const missing = prepareCheck(input({}));
    expect(missing.kind === 'failed' && [missing.outcome, missing.diagnostics[0].code]).toEqual([
      'system-error',
      'CLI001',
    ]);
    const noCfg = prepareCheck(input({ '/m/Count.tla': spec }));
    expect(noCfg.kind === 'failed' && [noCfg.outcome, noCfg.diagnostics[0].code]).toEqual([
      'system-error',
      'CLI002',
    ]);
    expect(noCfg.kind === 'failed' && noCfg.diagnostics[0].hint).toContain('--config');
    const action = prepareCheck(input({ '/m/Count.tla': spec, '/m/Count.cfg': cfg }, { ltl: ["G x' = x"] }));
    expect(action.kind === 'failed' && action.outcome).toBe('parse-error');
    const d = action.kind === 'failed' ? action.diagnostics[0] : undefined;
    expect([d?.code, d?.span?.file, d?.span?.start.column]).toEqual(['LTL209', '--ltl #1', 3]);
    const unknown = prepareCheck(input({ '/m/Count.tla': spec, '/m/Count.cfg': cfg }, { ctl: ['AG y = 1'] }));
    expect(unknown.kind === 'failed' && unknown.diagnostics[0].span?.file).toBe('--ctl #1');
    const usage = prepareCheck(
      input({ '/m/Count.tla': spec, '/m/Count.cfg': cfg }, { ctl: ['AG x < 4'], formulasAllowed: false }),
    );
    expect(usage.kind === 'usage' && usage.message).toBe(FORMULAS_NEED_BFS);
    const badCfg = prepareCheck(input({ '/m/Count.tla': spec, '/m/Count.cfg': 'INIT Nope\nNEXT Next\n' }));
    expect(badCfg.kind === 'failed' && badCfg.outcome).toBe('config-error');
  });

  it('stops before the model when asked (markers while typing)', () => {
    const prepared = prepareCheck(input({ '/m/Count.tla': spec, '/m/Count.cfg': cfg }, { build: false }));
    expect(prepared.kind).toBe('analysed');
  });
});

describe('TextReporter and outcomeMessage without Node', () => {
  const stopped: CheckReport = {
    outcome: 'stopped',
    reason: 'cancelled',
    exitCode: 130,
    mode: 'bfs',
    diagnostics: [],
    stats: { generatedStates: 3, distinctStates: 2, statesLeftOnQueue: 1, depth: 1, seconds: 0.1 },
  };

  it('names the platform and who stopped the run as told; the CLI keeps its own words', () => {
    const lines: string[] = [];
    const reporter = new TextReporter(
      { out: (t) => lines.push(t), err: (t) => lines.push(t) },
      {
        color: false,
        version: '9.9.9',
        sources: () => undefined,
        displayPath: (f) => f,
        elapsedMs: () => 0,
        platform: 'Chrome 140, Web Worker',
        stoppedBy: '(Stop button or Esc)',
      },
    );
    reporter.start({ mode: 'bfs', unchecked: [] });
    reporter.finish(stopped);
    expect(lines[1]).toBe(
      'Running breadth-first search Model-Checking with 1 worker (modelcheck 9.9.9, Chrome 140, Web Worker).',
    );
    expect(lines).toContain(
      'Model checking stopped (Stop button or Esc). No error has been found in the states explored so far; the search is incomplete.',
    );
    expect(outcomeMessage(stopped, { stoppedBy: '(Stop button or Esc)' })).toBe(
      'Stopped (Stop button or Esc) before the search finished.',
    );
    expect(outcomeMessage(stopped)).toBe('Stopped by the user (Ctrl-C) before the search finished.');
    const cli: string[] = [];
    const node = new TextReporter(
      { out: (t) => cli.push(t), err: (t) => cli.push(t) },
      { color: false, version: '9.9.9', sources: () => undefined, displayPath: (f) => f, elapsedMs: () => 0 },
    );
    node.start({ mode: 'bfs', unchecked: [] });
    node.finish(stopped);
    expect(cli[1]).toContain(
      `(modelcheck 9.9.9, Node ${process.version}, ${process.platform} ${process.arch})`,
    );
    expect(cli.some((l) => l.startsWith('Model checking stopped by the user (Ctrl-C).'))).toBe(true);
  });
});
