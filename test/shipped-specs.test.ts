import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../packages/cli/src/main.js';
import { repoRoot } from './support/corpus.js';

// Every row of specs/README.md: the shipped examples keep the outcomes they promise, and the
// counterexamples pasted in the lessons stay the ones the tool prints (same length, same steps).

/** One `modelcheck Spec.tla --config F.cfg --json` run and what its result line must say. */
interface CheckRow {
  /** Folder under specs/. */
  readonly dir: string;
  readonly spec: string;
  readonly cfg: string;
  readonly exitCode: number;
  readonly outcome: string;
  /** The violated invariant or property (null when none). */
  readonly property: string | null;
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  /** The counterexample's steps after the initial state, by action name (absent: no trace). */
  readonly steps?: readonly string[];
  /**
   * For a lasso: the 0-based index of the state the loop goes back to (TLC's "Back to state
   * k+1"); the last state's own index means "State n+1: Stuttering".
   */
  readonly loopStart?: number;
}

const safetyRows: readonly CheckRow[] = [
  // simple-lock: the vacuous invariant and a real one
  row('simple-lock', 'SimpleLock', 'SimpleLock', 0, 'ok', null, 13, 31, 4),
  row('simple-lock', 'SimpleLock', 'SimpleLockBuggyVacuous', 0, 'ok', null, 19, 58, 5),
  row('simple-lock', 'SimpleLock', 'SimpleLockBuggy', 12, 'invariant-violated', 'Mutex', 5, 5, 3, [
    'TryAcquire(p1)',
    'TryAcquire(p2)',
  ]),
  // distributed-locks: leases with and without fencing tokens
  row(
    'distributed-locks',
    'LeaseLock',
    'LeaseLockNoFencing',
    12,
    'invariant-violated',
    'WritesInLeaseOrder',
    39,
    61,
    8,
    ['Request(c1)', 'Request(c2)', 'Acquire(c1)', 'Expire', 'Acquire(c2)', 'Write(c2)', 'Write(c1)'],
  ),
  row('distributed-locks', 'LeaseLock', 'LeaseLockFencing', 0, 'ok', null, 568, 1129, 19),
  // cap: CP and AP, with and without partitions
  row('cap', 'CAP', 'CAP_CP', 0, 'ok', null, 36, 82, 9),
  row('cap', 'CAP', 'CAP_AP', 12, 'invariant-violated', 'NoStaleRead', 22, 43, 6, [
    'RequestWrite',
    'RequestRead',
    'Partition',
    'AnswerWrite',
    'AnswerRead',
  ]),
  row('cap', 'CAP', 'CAP_CP_NoPartition', 0, 'ok', null, 18, 31, 8),
  row('cap', 'CAP', 'CAP_AP_NoPartition', 0, 'ok', null, 18, 31, 8),
  // flp: wait for all (safe, stuck on a crash), wait for two (disagrees)
  row('flp', 'FLP', 'FLP_WaitAll', 0, 'ok', null, 5952, 18016, 14),
  row('flp', 'FLP', 'FLP_WaitAll_Stuck', 11, 'deadlock', null, 1987, 4728, 7, [
    'Broadcast(1)',
    'Broadcast(2)',
    'Deliver(2,1)',
    'Deliver(1,2)',
    'Crash(3)',
  ]),
  row('flp', 'FLP', 'FLP_WaitTwo', 12, 'invariant-violated', 'Agreement', 5058, 13142, 8, [
    'Broadcast(1)',
    'Broadcast(2)',
    'Broadcast(3)',
    'Deliver(2,1)',
    'Deliver(3,2)',
    'Decide(1)',
    'Decide(2)',
  ]),
  row('flp', 'FLP', 'FLP_WaitAll_Mixed', 0, 'ok', null, 744, 2252, 14),
  row('flp', 'FLP', 'FLP_WaitTwo_Mixed', 0, 'ok', null, 1856, 5986, 14),
  // flp: rounds after Ben-Or (safe; the CTL and LTL questions are in formulaRows)
  row('flp', 'BenOr', 'BenOr', 0, 'ok', null, 18788, 64352, 23),
  row('flp', 'BenOr', 'BenOr_Mixed', 0, 'ok', null, 4976, 17137, 23),
  row('flp', 'BenOr', 'BenOr_Flip_Mixed', 0, 'ok', null, 4976, 16969, 28),
  row('flp', 'BenOr', 'BenOr_Random_Mixed', 0, 'ok', null, 7016, 33775, 22),
  // two-phase-commit: blocking, and the backup coordinator of Paxos Commit
  row('two-phase-commit', 'TwoPhaseCommit', 'TwoPhaseCommit', 0, 'ok', null, 126, 379, 8),
  row('two-phase-commit', 'TwoPhaseCommit', 'TwoPhaseCommitBlocked', 11, 'deadlock', null, 103, 285, 6, [
    'Prepare(r1)',
    'Prepare(r2)',
    'Prepare(r3)',
    'TMCrash',
  ]),
  row('two-phase-commit', 'TwoPhaseCommit', 'PaxosCommit', 0, 'ok', null, 190, 510, 9),
  // sagas: the correct orchestrator and two broken ones
  row('sagas', 'Saga', 'Saga', 0, 'ok', null, 71, 126, 15),
  row('sagas', 'Saga', 'SagaNoLog', 12, 'invariant-violated', 'SemanticAtomicity', 15, 22, 5, [
    'Invoke',
    'Execute(1)',
    'Crash',
    'Restart',
  ]),
  row('sagas', 'Saga', 'SagaTimeout', 12, 'invariant-violated', 'SemanticAtomicity', 23, 33, 5, [
    'Invoke',
    'Timeout',
    'Execute(1)',
    'FinishAbort',
  ]),
  // flink-checkpointing: aligned barriers and a two-phase-commit sink, and the broken variants
  row('flink-checkpointing', 'FlinkCheckpoint', 'Flink', 0, 'ok', null, 53553, 169622, 34),
  row(
    'flink-checkpointing',
    'FlinkCheckpoint',
    'FlinkUnalignedCut',
    12,
    'invariant-violated',
    'ConsistentCut',
    3795,
    10542,
    11,
    [
      'Trigger',
      'InjectBarrier(s1)',
      'Emit(s1)',
      'InjectBarrier(s2)',
      'Process(s1)',
      'Process(s1)',
      'Process(s2)',
      'Sink',
      'Sink',
      'Complete',
    ],
  ),
  row(
    'flink-checkpointing',
    'FlinkCheckpoint',
    'FlinkUnaligned',
    12,
    'invariant-violated',
    'ExactlyOnceState',
    5598,
    15721,
    12,
    [
      'Trigger',
      'InjectBarrier(s1)',
      'Emit(s1)',
      'InjectBarrier(s2)',
      'Process(s1)',
      'Process(s1)',
      'Process(s2)',
      'Sink',
      'Sink',
      'Complete',
      'Fail',
    ],
  ),
  row(
    'flink-checkpointing',
    'FlinkCheckpoint',
    'FlinkEagerSink',
    12,
    'invariant-violated',
    'NoDuplicateOutput',
    27043,
    77395,
    20,
    [
      'Emit(s1)',
      'Trigger',
      'InjectBarrier(s1)',
      'InjectBarrier(s2)',
      'Process(s1)',
      'Process(s1)',
      'Process(s2)',
      'Sink',
      'Sink',
      'Fail',
      'Emit(s1)',
      'Trigger',
      'InjectBarrier(s1)',
      'InjectBarrier(s2)',
      'Process(s1)',
      'Process(s1)',
      'Process(s2)',
      'Sink',
      'Sink',
    ],
  ),
];

// Rows whose outcome depends on checking temporal properties (liveness, fairness). Their
// intended outcomes are recorded here and in the lessons; the counts are those of the safety
// search, which the temporal check shares.
const temporalRows: readonly CheckRow[] = [
  lasso('simple-lock', 'SimpleLock', 'SimpleLockLiveness', 'NoStarvation', 13, 31, 4, 2, [
    'TryAcquire(p2)',
    'TryAcquire(p1)',
    'TryAcquire(p3)',
    'Release(p2)',
    'TryAcquire(p2)',
  ]),
  row('distributed-locks', 'LeaseLock', 'LeaseLockLiveness', 0, 'ok', null, 568, 1129, 19),
  lasso('cap', 'CAP', 'CAP_CP_Liveness', 'Availability', 36, 82, 9, 1, ['RequestWrite', 'Partition']),
  lasso('cap', 'CAP', 'CAP_CP_StrongLiveness', 'Availability', 36, 82, 9, 2, ['RequestWrite', 'Partition']),
  row('cap', 'CAP', 'CAP_AP_Liveness', 0, 'ok', null, 78, 197, 11),
  row('cap', 'CAP', 'CAP_CP_NoPartition_Liveness', 0, 'ok', null, 18, 31, 8),
  row('cap', 'CAP', 'CAP_AP_NoPartition_Liveness', 0, 'ok', null, 18, 31, 8),
  lasso('flp', 'FLP', 'FLP_WaitAll_Liveness', 'Termination', 5952, 18016, 14, 5, [
    'Broadcast(1)',
    'Broadcast(2)',
    'Deliver(2,1)',
    'Deliver(1,2)',
    'Crash(3)',
  ]),
  row('flp', 'FLP', 'FLP_WaitTwo_Liveness', 0, 'ok', null, 14848, 47888, 14),
  lasso('two-phase-commit', 'TwoPhaseCommit', 'TwoPhaseCommitLiveness', 'NotBlocked', 126, 379, 8, 2, [
    'Prepare(r1)',
    'TMCrash',
  ]),
  row('two-phase-commit', 'TwoPhaseCommit', 'PaxosCommitLiveness', 0, 'ok', null, 190, 510, 9),
  row('sagas', 'Saga', 'SagaLiveness', 0, 'ok', null, 71, 126, 15),
  row('flink-checkpointing', 'FlinkCheckpoint', 'FlinkLiveness', 0, 'ok', null, 53553, 169622, 34),
];

/** One `modelcheck Spec.tla --config F.cfg --ctl|--ltl formula --json` run and its verdict. */
interface FormulaRow {
  readonly dir: string;
  readonly spec: string;
  readonly cfg: string;
  readonly kind: 'ctl' | 'ltl';
  readonly formula: string;
  readonly holds: boolean;
  /** For a violated formula whose counterexample a lesson walks through: its steps, as in CheckRow. */
  readonly steps?: readonly string[];
  readonly loopStart?: number;
}

const bivalent = 'EF decided0 /\\ EF decided1';

/** CTL and LTL questions on the FLP specs, with the verdict each must get. */
const formulaRows: readonly FormulaRow[] = [
  flp('FLP', 'FLP_WaitTwo_Mixed', 'ctl', bivalent, true),
  flp('FLP', 'FLP_WaitAll_Mixed', 'ctl', bivalent, false),
  // Ben-Or with a deterministic rule: bivalent at first, and bivalent forever along a fair path
  flp('BenOr', 'BenOr_Mixed', 'ctl', bivalent, true),
  flp('BenOr', 'BenOr_Mixed', 'ctl', `EG (${bivalent})`, true),
  flp('BenOr', 'BenOr_Mixed', 'ctl', 'AG EF decided', true),
  flp('BenOr', 'BenOr_Mixed', 'ctl', 'AF decided', false),
  {
    ...flp('BenOr', 'BenOr_Mixed', 'ltl', '<> decided', false),
    // back to state 1 with NextRound(2,3) (the text output names the closing step; --json does not)
    steps: ['Propose(2,1)', 'Propose(1,2)', 'Propose(3,2)', 'NextRound(3,1)', 'NextRound(1,2)'],
    loopStart: 0,
  },
  // flipping when in doubt: two processes left can flip in step forever
  { ...flp('BenOr', 'BenOr_Flip_Mixed', 'ctl', 'AG EF decided', false), steps: ['Propose(2,1)', 'Crash(3)'] },
  // a coin is a free choice for the checker: the same verdicts as the deterministic rule
  flp('BenOr', 'BenOr_Random_Mixed', 'ctl', `EG (${bivalent})`, true),
  flp('BenOr', 'BenOr_Random_Mixed', 'ctl', 'AF decided', false),
  {
    ...flp('BenOr', 'BenOr_Random_Mixed', 'ltl', '<> decided', false),
    // back to state 1 with NextRound(1,2): the coins came up 0, 1, 1
    steps: ['Propose(2,1)', 'Propose(3,1)', 'Propose(1,2)', 'NextRound(2,1)', 'NextRound(3,1)'],
    loopStart: 0,
  },
];

/** Nets: `modelcheck net.pnet --json`, whose last line has the verdicts. */
interface NetRow {
  readonly file: string;
  readonly markings: number;
  readonly deadlock: boolean;
  readonly workflowNet: boolean;
  readonly sound: boolean | null;
  /** A firing sequence the report must give as evidence (deadlock or unsoundness). */
  readonly evidence?: { readonly kind: 'deadlock' | 'unsound'; readonly sequence: readonly string[] };
}

const netRows: readonly NetRow[] = [
  {
    file: 'flink-checkpointing/dataflow-acyclic.pnet',
    markings: 27,
    deadlock: false,
    workflowNet: false,
    sound: null,
  },
  {
    file: 'flink-checkpointing/dataflow-iterative.pnet',
    markings: 153,
    deadlock: true,
    workflowNet: false,
    sound: null,
    evidence: {
      kind: 'deadlock',
      sequence: [
        'emit',
        'emit',
        'head_input',
        'emit',
        'head_input',
        'emit',
        'body_loop',
        'head_input',
        'emit',
        'body_loop',
        'head_input',
        'emit',
      ],
    },
  },
  { file: 'sagas/saga.pnet', markings: 16, deadlock: true, workflowNet: true, sound: true },
  {
    file: 'sagas/saga-timeout.pnet',
    markings: 34,
    deadlock: true,
    workflowNet: true,
    sound: false,
    evidence: { kind: 'unsound', sequence: ['invoke1', 'timeout1'] },
  },
  {
    file: 'sagas/saga-nolog.pnet',
    markings: 18,
    deadlock: true,
    workflowNet: true,
    sound: false,
    evidence: { kind: 'unsound', sequence: ['invoke1', 'commit1', 'got_ok1', 'crash_forget1'] },
  },
];

function row(
  dir: string,
  spec: string,
  cfg: string,
  exitCode: number,
  outcome: string,
  property: string | null,
  distinct: number,
  generated: number,
  depth: number,
  steps?: readonly string[],
): CheckRow {
  return { dir, spec, cfg, exitCode, outcome, property, distinct, generated, depth, steps };
}

function lasso(
  dir: string,
  spec: string,
  cfg: string,
  property: string,
  distinct: number,
  generated: number,
  depth: number,
  loopStart: number,
  steps: readonly string[],
): CheckRow {
  return {
    ...row(dir, spec, cfg, 13, 'property-violated', property, distinct, generated, depth, steps),
    loopStart,
  };
}

function flp(spec: string, cfg: string, kind: 'ctl' | 'ltl', formula: string, holds: boolean): FormulaRow {
  return { dir: 'flp', spec, cfg, kind, formula, holds };
}

function lastLine(stdout: readonly string[]): Record<string, unknown> {
  return JSON.parse(stdout[stdout.length - 1]);
}

function checkRow(r: CheckRow): void {
  const result = run([
    join(repoRoot, 'specs', r.dir, `${r.spec}.tla`),
    '--config',
    join(repoRoot, 'specs', r.dir, `${r.cfg}.cfg`),
    '--json',
  ]);
  const last = lastLine(result.stdout) as {
    outcome: string;
    property: string | null;
    distinctStates: number;
    generatedStates: number;
    depth: number;
    trace: { action: string | null }[] | null;
    loopStart?: number;
  };
  expect(result.exitCode).toBe(r.exitCode);
  expect({
    outcome: last.outcome,
    property: last.property,
    distinctStates: last.distinctStates,
    generatedStates: last.generatedStates,
    depth: last.depth,
  }).toEqual({
    outcome: r.outcome,
    property: r.property,
    distinctStates: r.distinct,
    generatedStates: r.generated,
    depth: r.depth,
  });
  if (r.steps === undefined) {
    expect(last.trace).toBeNull();
  } else {
    expect(last.trace?.map((s) => s.action)).toEqual([null, ...r.steps]);
  }
  if (r.loopStart !== undefined) expect(last.loopStart).toBe(r.loopStart);
}

describe('shipped specs', () => {
  const spec = join(repoRoot, 'specs/simple-lock/SimpleLock.tla');

  it('SimpleLock parses with its cfg', () => {
    const result = run(['parse', spec]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.join('\n')).toMatch(
      /6 modules loaded, 13 definitions, 2 constants, 3 variables; config .*SimpleLock\.cfg ok/,
    );
  });

  for (const r of safetyRows) {
    const what = r.property === null ? r.outcome : `${r.outcome} ${r.property}`;
    it(`${r.dir}/${r.spec}.tla + ${r.cfg}.cfg: ${what}, ${r.distinct} distinct states`, () => {
      checkRow(r);
    });
  }

  for (const r of netRows) {
    it(`${r.file}: deadlock ${r.deadlock}, sound ${r.sound}`, () => {
      const result = run([join(repoRoot, 'specs', r.file), '--json']);
      const last = lastLine(result.stdout);
      expect(last).toMatchObject({
        event: 'result',
        markings: r.markings,
        deadlock: r.deadlock,
        workflowNet: r.workflowNet,
        sound: r.sound,
      });
      if (r.evidence === undefined) return;
      const report = result.stdout.map((l) => JSON.parse(l)).find((e) => e.event === 'report');
      if (r.evidence.kind === 'deadlock') {
        expect(report.deadlock.witness.sequence).toEqual(r.evidence.sequence);
      } else {
        const sequences = report.soundness.failures.map(
          (f: { witness: { sequence: string[] } }) => f.witness.sequence,
        );
        expect(sequences).toContainEqual(r.evidence.sequence);
      }
    });
  }
});

// PROPERTIES other than [][A]_v and []P, with fairness, checked on the state graph after the search;
// the outcomes are recorded in the lessons and in specs/README.md.
describe('shipped specs: temporal properties', () => {
  for (const r of temporalRows) {
    const what = r.property === null ? 'hold' : `${r.property} violated (lasso)`;
    it(`${r.dir}/${r.spec}.tla + ${r.cfg}.cfg: ${what}`, () => {
      checkRow(r);
    });
  }

  for (const c of formulaRows) {
    const what = `${c.dir}/${c.spec}.tla + ${c.cfg}.cfg --${c.kind} '${c.formula}'`;
    it(`${what}: ${c.holds ? 'holds' : 'fails'}`, () => {
      const result = run([
        join(repoRoot, 'specs', c.dir, `${c.spec}.tla`),
        '--config',
        join(repoRoot, 'specs', c.dir, `${c.cfg}.cfg`),
        `--${c.kind}`,
        c.formula,
        '--json',
      ]);
      expect(result.exitCode).toBe(c.holds ? 0 : 13);
      const last = lastLine(result.stdout) as {
        formulas: unknown[];
        trace: { action: string | null }[] | null;
        loopStart?: number;
      };
      expect(last.formulas).toEqual([
        expect.objectContaining({ kind: c.kind, formula: c.formula, holds: c.holds }),
      ]);
      if (c.steps !== undefined) expect(last.trace?.map((s) => s.action)).toEqual([null, ...c.steps]);
      if (c.loopStart !== undefined) expect(last.loopStart).toBe(c.loopStart);
    });
  }
});
