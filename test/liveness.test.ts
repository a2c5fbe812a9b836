import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../packages/cli/src/main.js';
import { tlaCorpus } from './support/corpus.js';

// TLA+ liveness end to end (PROPERTIES with [], <>, ~>, WF/SF fairness), on specs small enough that
// every verdict and lasso below is worked out by hand; and TLC's own outputs for the corpus' format
// specs, compared line by line.

let dir = '';

/** The temporal checker's lassos are short, not yet the shortest: the lengths are checked when they are. */
const SHORTEST_LASSOS = true;

const MUTEX = `---- MODULE Mutex ----
EXTENDS Naturals
CONSTANT Procs
VARIABLES pc, lock
vars == <<pc, lock>>
Init == pc = [p \\in Procs |-> "idle"] /\\ lock = 0
Try(p) == pc[p] = "idle" /\\ pc' = [pc EXCEPT ![p] = "wait"] /\\ UNCHANGED lock
Enter(p) == pc[p] = "wait" /\\ lock = 0 /\\ lock' = 1 /\\ pc' = [pc EXCEPT ![p] = "cs"]
Exit(p) == pc[p] = "cs" /\\ lock' = 0 /\\ pc' = [pc EXCEPT ![p] = "idle"]
Next == \\E p \\in Procs : Try(p) \\/ Enter(p) \\/ Exit(p)
Spec == Init /\\ [][Next]_vars
WeakSpec == Spec /\\ \\A p \\in Procs : WF_vars(Enter(p)) /\\ WF_vars(Exit(p))
StrongSpec == Spec /\\ \\A p \\in Procs : SF_vars(Enter(p)) /\\ WF_vars(Exit(p))
Starvation == \\A p \\in Procs : pc[p] = "wait" ~> pc[p] = "cs"
Progress == []<>(lock = 0)
EntersOften == \\A p \\in Procs : []<><<Enter(p)>>_vars
AlwaysCanExit == [](lock = 1 => ENABLED (\\E p \\in Procs : Exit(p)))
LockSteps == [][lock' # lock \\/ UNCHANGED lock]_vars /\\ <>(lock = 1)
====
`;

const cfg = (spec: string, property: string) =>
  `CONSTANT Procs = {p1, p2}\nSPECIFICATION ${spec}\nPROPERTY ${property}\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mc-live-'));
  writeFileSync(join(dir, 'Mutex.tla'), MUTEX);
  const configs: Record<string, string> = {
    WeakStarvation: cfg('WeakSpec', 'Starvation'),
    StrongStarvation: cfg('StrongSpec', 'Starvation'),
    NoFairnessProgress: cfg('Spec', 'Progress'),
    WeakProgress: cfg('WeakSpec', 'Progress'),
    WeakEntersOften: cfg('WeakSpec', 'EntersOften'),
    StrongEntersOften: cfg('StrongSpec', 'EntersOften'),
    CanExit: cfg('Spec', 'AlwaysCanExit'),
    WeakLockSteps: cfg('WeakSpec', 'LockSteps'),
    NoFairnessLockSteps: cfg('Spec', 'LockSteps'),
  };
  for (const [name, text] of Object.entries(configs)) writeFileSync(join(dir, `${name}.cfg`), text);
});

function check(config: string) {
  const result = run([join(dir, 'Mutex.tla'), '--config', join(dir, `${config}.cfg`), '--json']);
  const last = JSON.parse(result.stdout[result.stdout.length - 1]);
  return { exitCode: result.exitCode, last };
}

describe('TLA+ liveness: verdicts worked out by hand', () => {
  // Two processes, one lock. Reachable: 8 states (each process idle/wait/cs, at most one in cs).
  it('weak fairness on Enter lets a waiting process starve (exit 13, a lasso back to an earlier state)', () => {
    // p1 waits while p2 enters and exits forever: Enter(p1) is enabled only when the lock is free,
    // not continuously, so WF does not force it.
    const { exitCode, last } = check('WeakStarvation');
    expect(exitCode).toBe(13);
    expect(last).toMatchObject({ outcome: 'property-violated', property: 'Starvation' });
    expect(last.stuttering).toBeUndefined();
    expect(last.loopStart).toBeGreaterThanOrEqual(1);
    // On the cycle some process waits and never enters: the cycle has no Enter by p1 or no Enter by p2.
    const cycle = (last.trace as { action: string | null }[]).slice(last.loopStart).map((s) => s.action);
    expect(cycle.some((a) => a?.startsWith('Enter('))).toBe(true);
  });

  it('strong fairness on Enter rules starvation out (exit 0)', () => {
    const { exitCode, last } = check('StrongStarvation');
    expect(exitCode).toBe(0);
    expect(last).toMatchObject({ outcome: 'ok', distinctStates: 8, generatedStates: 15, depth: 4 });
  });

  it('without fairness a behaviour may stop with the lock held: a stuttering lasso', () => {
    const { exitCode, last } = check('NoFairnessProgress');
    expect(exitCode).toBe(13);
    expect(last).toMatchObject({ outcome: 'property-violated', property: 'Progress', stuttering: true });
    // The shortest way to hold the lock: Try, Enter (3 states), then stutter.
    expect(last.trace.length).toBe(SHORTEST_LASSOS ? 3 : last.trace.length);
    // It stutters in a state where a process holds the lock.
    expect(last.trace.at(-1).state.lock).toEqual({ '#bigint': '1' });
  });

  it('weak fairness on Exit makes the lock free infinitely often (exit 0)', () => {
    expect(check('WeakProgress').exitCode).toBe(0);
  });

  it('[]<><<Enter(p)>>_vars: violated under WF (p1 can starve), holds under SF', () => {
    expect(check('WeakEntersOften').last).toMatchObject({
      outcome: 'property-violated',
      property: 'EntersOften',
    });
    // Under SF, a process may still stay idle forever (Try is not fair), so Enter(p) need not recur.
    const strong = check('StrongEntersOften').last;
    expect(strong).toMatchObject({ outcome: 'property-violated', property: 'EntersOften' });
    const cycle = (strong.trace as { action: string | null }[]).slice(strong.loopStart).map((s) => s.action);
    expect(cycle.every((a) => a === null || !a.startsWith('Try(p1)') || !a.startsWith('Try(p2)'))).toBe(true);
  });

  it('ENABLED in a property: whoever holds the lock can always exit', () => {
    expect(check('CanExit')).toMatchObject({ exitCode: 0, last: { outcome: 'ok' } });
  });

  it('[][A]_v and <>P in one property: <>(lock = 1) needs fairness that makes someone try', () => {
    // Nothing forces a process to Try, so even with WF on Enter and Exit the lock may never be taken.
    expect(check('WeakLockSteps').last).toMatchObject({
      outcome: 'property-violated',
      property: 'LockSteps',
      stuttering: true,
    });
    // The initial state stuttering forever never takes the lock.
    const none = check('NoFairnessLockSteps').last;
    expect(none).toMatchObject({ outcome: 'property-violated', stuttering: true });
    expect(none.trace.length).toBe(SHORTEST_LASSOS ? 1 : none.trace.length);
  });
});

describe('refinement: fairness of an instantiated module whose variables are mapped to expressions', () => {
  // D!Spec asks that Detect happen once x = 2 can be reached: WF_vars(Detect) with d <- (x = 2).
  // ENABLED <<Detect>>_vars is computed as TLC does: the primed d and e are values of the partial
  // next state (d' = TRUE, e' = y by UNCHANGED e), so it is enabled exactly when x # 2. The
  // verdicts, worked out by hand, are also TLC's (run on these files, 2026-11-22).
  const detection = `---- MODULE Detection ----
VARIABLES d, e
vars == <<d, e>>
Detect == d' = TRUE /\\ UNCHANGED e
Spec == d = FALSE /\\ [][Detect]_vars /\\ WF_vars(Detect)
====
`;
  const counter = `---- MODULE Counter ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\\ y = 0
Next == x < 2 /\\ x' = x + 1 /\\ UNCHANGED y
Spec == Init /\\ [][Next]_<<x, y>>
FairSpec == Spec /\\ WF_<<x, y>>(Next)
D == INSTANCE Detection WITH d <- (x = 2), e <- y
Refines == D!Spec
====
`;
  const refinement = (spec: string) => {
    writeFileSync(join(dir, 'Detection.tla'), detection);
    writeFileSync(join(dir, 'Counter.tla'), counter);
    writeFileSync(
      join(dir, `Counter-${spec}.cfg`),
      `SPECIFICATION ${spec}\nPROPERTY Refines\nCHECK_DEADLOCK FALSE\n`,
    );
    const result = run([join(dir, 'Counter.tla'), '--config', join(dir, `Counter-${spec}.cfg`), '--json']);
    return { exitCode: result.exitCode, last: JSON.parse(result.stdout[result.stdout.length - 1]) };
  };

  it('without fairness x may stop at 0, where Detect stays enabled and is never taken: violated', () => {
    const { exitCode, last } = refinement('Spec');
    expect(exitCode).toBe(13);
    expect(last).toMatchObject({ outcome: 'property-violated', property: 'Refines', stuttering: true });
    // The shortest such behaviour stutters in the initial state.
    expect(last.trace.length).toBe(1);
  });

  it('with weak fairness on Next, x reaches 2, where Detect is no longer enabled: holds', () => {
    const { exitCode, last } = refinement('FairSpec');
    expect(exitCode).toBe(0);
    expect(last).toMatchObject({ outcome: 'ok', distinctStates: 3, generatedStates: 3, depth: 3 });
  });
});

describe('vacuous verdicts', () => {
  it('fairness that no behaviour of the spec can meet: the property holds, with a warning that says why', () => {
    const text = `---- MODULE V ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x
Spec == Init /\\ [][Next]_x /\\ WF_x(x' = 1)
Prop == <>(x = 5)
====
`;
    writeFileSync(join(dir, 'V.tla'), text);
    writeFileSync(join(dir, 'V.cfg'), 'SPECIFICATION Spec\nPROPERTY Prop\n');
    // x' = 1 is always enabled and never taken (Next keeps x): no behaviour is fair.
    const result = run([join(dir, 'V.tla')]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.join('\n')).toMatch(/Warning: Prop: no behaviour meets the fairness constraints/);
  });
});

describe("TLC's own liveness outputs (corpus tlc-output/formats)", () => {
  const formats = tlaCorpus ? join(tlaCorpus, 'tlc-output/formats') : '';
  const available = formats !== '' && existsSync(join(formats, 'Live.tla'));
  if (!available) it.skip('needs ../shared/corpus/tla/tlc-output/formats (absent here)', () => {});

  // The lines from the violation to the end of the counterexample, without timestamps.
  const counterexample = (text: string) => {
    const lines = text.split('\n');
    const from = lines.findIndex((l) => l.startsWith('Error: Temporal property'));
    const to = lines.findIndex(
      (l, i) => i > from && /^(Finished checking|\d+ states generated|Warning)/.test(l),
    );
    return lines.slice(from, to).filter((l) => l.trim() !== '');
  };

  it.runIf(available).each([
    ['Live.tla', 'Live.cfg', 'Live.txt'],
    ['LiveFair.tla', 'LiveFair.cfg', 'LiveFair.txt'],
  ])('%s with %s prints the counterexample TLC prints', (spec, config, output) => {
    const result = run([join(formats, spec), '--config', join(formats, config)]);
    expect(result.exitCode).toBe(13);
    const tlc = readFileSync(join(formats, output), 'utf8');
    expect(counterexample(result.stdout.join('\n'))).toEqual(counterexample(tlc));
  });

  it.runIf(available)(
    'Live.tla with LiveStutter.cfg: the same violation and lasso form, no longer than TLC’s',
    () => {
      // []<>(n = 2) without fairness: TLC prints n = 0, n = 1, then stuttering; the initial state
      // stuttering forever (n = 0 and nothing else) is already a counterexample, and the shortest.
      const result = run([join(formats, 'Live.tla'), '--config', join(formats, 'LiveStutter.cfg')]);
      expect(result.exitCode).toBe(13);
      const ours = counterexample(result.stdout.join('\n'));
      const tlc = counterexample(readFileSync(join(formats, 'LiveStutter.txt'), 'utf8'));
      expect(ours[0]).toBe(tlc[0]);
      expect(ours.at(-1)).toMatch(/^State \d+: Stuttering$/);
      expect(tlc.at(-1)).toMatch(/^State \d+: Stuttering$/);
      expect(ours.length).toBeLessThanOrEqual(tlc.length);
      expect(ours).toEqual([
        'Error: Temporal property Prop2 was violated.',
        expect.any(String),
        'State 1: <Initial predicate>',
        'n = 0',
        'State 2: Stuttering',
      ]);
    },
  );
});

describe('--ctl and --ltl on a TLA+ spec: atoms are the spec’s state predicates', () => {
  const formula = (flags: string[], config = 'StrongStarvation') => {
    const result = run([join(dir, 'Mutex.tla'), '--config', join(dir, `${config}.cfg`), ...flags, '--json']);
    return { exitCode: result.exitCode, last: JSON.parse(result.stdout[result.stdout.length - 1]) };
  };

  it('LTL that holds under the spec’s fairness, and one that does not', () => {
    // With SF on Enter, a waiting process eventually holds the lock.
    const holds = formula(['--ltl', '[](pc[CHOOSE p \\in Procs : TRUE] = "wait" => <> (lock = 1))']);
    expect(holds.exitCode).toBe(0);
    expect(holds.last.formulas).toEqual([expect.objectContaining({ kind: 'ltl', holds: true })]);
    // Nothing forces anyone to try, so the lock may stay free forever: violated, ending in stuttering.
    const violated = formula(['--ltl', '<>(lock = 1)']);
    expect(violated.exitCode).toBe(13);
    expect(violated.last).toMatchObject({ outcome: 'property-violated', stuttering: true });
    expect(violated.last.trace.length).toBe(SHORTEST_LASSOS ? 1 : violated.last.trace.length);
  });

  it('CTL: AG EF (lock = 1) holds (the lock can always be taken again); AG (lock = 0) fails with a path', () => {
    const holds = formula(['--ctl', 'AG EF (lock = 1)']);
    expect(holds.exitCode).toBe(0);
    expect(holds.last.formulas).toEqual([expect.objectContaining({ kind: 'ctl', holds: true })]);
    const fails = formula(['--ctl', 'AG (lock = 0)']);
    expect(fails.exitCode).toBe(13);
    // The shortest path to a state with the lock taken: Try, Enter.
    expect(fails.last.trace.map((s: { action: string | null }) => s.action)).toEqual([
      null,
      'Try(p1)',
      'Enter(p1)',
    ]);
  });

  it('bad atoms: a TLA+ error, an unknown name, an action: located in the formula, exit 150', () => {
    const syntax = run([
      join(dir, 'Mutex.tla'),
      '--config',
      join(dir, 'WeakProgress.cfg'),
      '--ltl',
      'G (lock = = 1)',
    ]);
    expect(syntax.exitCode).toBe(150);
    expect(syntax.stderr.join('\n')).toMatch(/--ltl #1:1:/);
    const unknown = run([
      join(dir, 'Mutex.tla'),
      '--config',
      join(dir, 'WeakProgress.cfg'),
      '--ctl',
      'AG (lok = 1)',
    ]);
    expect(unknown.exitCode).toBe(150);
    expect(unknown.stderr.join('\n')).toMatch(/--ctl #1:1:5: error\[TLA\d+\]: .*lok/);
    const action = run([
      join(dir, 'Mutex.tla'),
      '--config',
      join(dir, 'WeakProgress.cfg'),
      '--ltl',
      "G (lock' = 1)",
    ]);
    expect(action.exitCode).toBe(150);
    expect(action.stderr.join('\n')).toMatch(/--ltl #1:1:4: error\[LTL209\]: .*must be a state predicate/);
    const formula = run([
      join(dir, 'Mutex.tla'),
      '--config',
      join(dir, 'WeakProgress.cfg'),
      '--ltl',
      'G (lock = 1',
    ]);
    expect(formula.exitCode).toBe(150);
    expect(formula.stderr.join('\n')).toMatch(/--ltl #1:1:\d+: error\[LTL1\d\d\]/);
  });
});
