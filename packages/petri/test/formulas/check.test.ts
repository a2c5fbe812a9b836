import { describe, expect, it } from 'vitest';
import {
  buildFormulaSpace,
  checkNetFormula,
  contestAnswer,
  type FiringPath,
  markingOf,
  type NetFormulaSpace,
  type PetriNet,
  parseNetFormula,
  placeBound,
  replay,
} from '../../src/index.js';
import { net } from '../support/nets.js';

// Small nets whose reachability graphs are drawn in the comments; every verdict below is worked
// out by hand on those drawings, with the contest's semantics: a dead marking repeats forever.

/**
 * AND-split then two tasks: [i] -split-> [a b] -fa-> [b o] -fb-> [o o]
 *                                       [a b] -fb-> [a o] -fa-> [o o] (dead)
 */
const ANDSPLIT = net(`
place i = 1
place a
place b
place o
transition split : i -> a, b
transition fa : a -> o
transition fb : b -> o
`);

/** Mutual exclusion: [idle1 idle2 lock] <-> [cs1 idle2] and <-> [idle1 cs2]; no deadlock. */
const MUTEX = net(`
place idle1 = 1
place idle2 = 1
place lock = 1
place cs1
place cs2
transition enter1 : idle1, lock -> cs1
transition leave1 : cs1 -> idle1, lock
transition enter2 : idle2, lock -> cs2
transition leave2 : cs2 -> idle2, lock
`);

/** Weights: [p=3] -t-> [p=1 q=1] (t needs 2 tokens: dead there). */
const WEIGHTS = net(`
place p = 3
place q
transition t : 2*p -> q
`);

function verdict(space: NetFormulaSpace, logic: 'ctl' | 'ltl', text: string) {
  const parsed = parseNetFormula(text, space.net);
  expect(parsed.diagnostics, text).toEqual([]);
  return checkNetFormula(space, parsed.formula!, logic);
}

function answers(n: PetriNet, logic: 'ctl' | 'ltl', cases: Record<string, 'TRUE' | 'FALSE'>): void {
  const space = buildFormulaSpace(n);
  for (const [text, expected] of Object.entries(cases))
    expect(contestAnswer(verdict(space, logic, text)), `${logic} ${text}`).toBe(expected);
}

/** A firing path replays from the initial marking: to its start, through the prefix, around the cycle. */
function expectReplays(space: NetFormulaSpace, path: FiringPath | undefined): void {
  expect(path).toBeDefined();
  const p = path!;
  const n = space.net;
  const toStart = replay(n, p.toStart);
  expect(toStart.ok).toBe(true);
  expect(toStart.markings.at(-1)).toEqual(markingOf(space.graph!, p.start));
  const prefix = replay(n, p.prefix, toStart.markings.at(-1));
  expect(prefix.ok).toBe(true);
  const cycleStart = prefix.markings.at(-1)!;
  expect(cycleStart).toEqual(markingOf(space.graph!, p.prefixEnd));
  if (p.cycle.length > 0) {
    const cycle = replay(n, p.cycle, cycleStart);
    expect(cycle.ok).toBe(true);
    expect(cycle.markings.at(-1)).toEqual(cycleStart);
  }
  if (p.stuttering)
    expect(n.transitions.some((_, t) => n.pre[t].every((a) => cycleStart[a.place] >= a.weight))).toBe(false);
}

describe('CTL on nets, verdicts worked by hand', () => {
  it('AND-split: deadlocks, fireable(...) is "some of them enabled", the dead marking repeats', () => {
    answers(ANDSPLIT, 'ctl', {
      'EF deadlock': 'TRUE',
      'AG !deadlock': 'FALSE',
      'AF deadlock': 'TRUE',
      'AG (a -> AF o >= 1)': 'TRUE',
      'EG fireable(fa)': 'FALSE',
      'AX fireable(fa, fb)': 'TRUE',
      'AX AX fireable(fb)': 'FALSE', // [a o] after split fb
      'AX AX fireable(fa, fb)': 'TRUE',
      'EX EX (o = 1 & b = 1)': 'TRUE',
      // Stuttering at [o o]: paths never end, so five steps always exist (with maximal finite
      // paths, EX would be false at [o o]).
      'EX EX EX EX EX true': 'TRUE',
      'AX AX deadlock': 'FALSE', // [b o] or [a o]
      'AX AX AX deadlock': 'TRUE', // [o o] on every path
      'AX AX AX AX deadlock': 'TRUE', // [o o] again: it repeats
      'AG tokens(a, b, o) <= 2': 'TRUE',
      'EF tokens(a, b) = 2 & EF tokens(a, b) = 0': 'TRUE',
      'A [i U a = 1]': 'TRUE',
      'E [!(o >= 1) U o = 2]': 'FALSE',
      'AG (deadlock -> o = 2)': 'TRUE',
    });
  });

  it('mutex: mutual exclusion holds, AF cs1 does not (process 2 may run forever)', () => {
    answers(MUTEX, 'ctl', {
      'AG !(cs1 >= 1 & cs2 >= 1)': 'TRUE',
      'AG tokens(cs1, cs2) <= 1': 'TRUE',
      'AG EF cs1': 'TRUE',
      'AG AF cs1': 'FALSE',
      'EG !cs1': 'TRUE',
      'AG (cs1 -> AX !cs1)': 'TRUE',
      'EF deadlock': 'FALSE',
      'AG fireable(enter1, leave1, enter2, leave2)': 'TRUE',
      'AG fireable(enter1)': 'FALSE',
    });
  });

  it('arc weights and sums: a transition needing two tokens', () => {
    answers(WEIGHTS, 'ctl', {
      'AG tokens(p, q) >= 2': 'TRUE',
      'AG tokens(p, q) = 3': 'FALSE',
      'fireable(t) & AX (deadlock & p = 1 & q = 1)': 'TRUE',
      'AF !fireable(t)': 'TRUE',
      'EF p < q': 'FALSE',
      'AG p >= q': 'TRUE',
    });
  });

  it('a counterexample (AG) and a witness (EF) are firing sequences that replay', () => {
    const space = buildFormulaSpace(ANDSPLIT);
    const ag = verdict(space, 'ctl', 'AG !deadlock');
    expect(ag.kind).toBe('violated');
    if (ag.kind !== 'violated') return;
    expectReplays(space, ag.path);
    expect(ag.path!.prefix).toHaveLength(3); // shortest: split, then both tasks
    expect(markingOf(space.graph!, ag.path!.prefixEnd)).toEqual([0, 0, 0, 2]);
    const ef = verdict(space, 'ctl', 'EF (b = 1 & o = 1)');
    expect(ef.kind).toBe('holds');
    if (ef.kind !== 'holds') return;
    expectReplays(space, ef.path);
    expect(ef.path!.prefix.map((t) => ANDSPLIT.transitions[t].id)).toEqual(['split', 'fa']);
    const eg = verdict(buildFormulaSpace(MUTEX), 'ctl', 'EG !cs1');
    expect(eg.kind).toBe('holds');
    if (eg.kind === 'holds') {
      expectReplays(buildFormulaSpace(MUTEX), eg.path);
      expect(eg.path!.cycle.map((t) => MUTEX.transitions[t].id).sort()).toEqual(['enter2', 'leave2']);
    }
  });
});

describe('LTL on nets, verdicts worked by hand', () => {
  it('AND-split: every path ends in the dead marking, which repeats', () => {
    answers(ANDSPLIT, 'ltl', {
      'F G deadlock': 'TRUE',
      'G F fireable(fa)': 'FALSE',
      'X fireable(fa, fb)': 'TRUE',
      'X X fireable(fb)': 'FALSE',
      'F o = 2': 'TRUE',
      'G tokens(a, b) <= 2': 'TRUE',
      'G tokens(a, b) <= 1': 'FALSE',
      'X X X X deadlock': 'TRUE', // would be FALSE if paths ended at the dead marking
      'A (i U a = 1)': 'TRUE',
      'G (fireable(fa) -> F !fireable(fa))': 'TRUE',
    });
  });

  it('mutex: no starvation freedom without fairness', () => {
    answers(MUTEX, 'ltl', {
      'G !(cs1 >= 1 & cs2 >= 1)': 'TRUE',
      'G (cs1 -> X !cs1)': 'TRUE',
      'G F cs1': 'FALSE',
      'G F fireable(enter1)': 'TRUE', // every path comes back to [idle1 idle2 lock]
      'F G !cs1': 'FALSE',
      'G F (lock = 1)': 'TRUE',
    });
  });

  it('a counterexample is a lasso of transitions that replays', () => {
    const space = buildFormulaSpace(MUTEX);
    const r = verdict(space, 'ltl', 'G F cs1');
    expect(r.kind).toBe('violated');
    if (r.kind !== 'violated') return;
    expectReplays(space, r.path);
    expect(r.path!.cycle.map((t) => MUTEX.transitions[t].id).sort()).toEqual(['enter2', 'leave2']);
    const split = buildFormulaSpace(ANDSPLIT);
    const dead = verdict(split, 'ltl', 'G !deadlock');
    expect(dead.kind).toBe('violated');
    if (dead.kind === 'violated') {
      expectReplays(split, dead.path);
      expect(dead.path!.stuttering).toBe(true);
    }
  });
});

describe('the state space for formulas', () => {
  it('UpperBounds: the largest token sum over the reachable markings', () => {
    const space = buildFormulaSpace(ANDSPLIT);
    expect(placeBound(space, [3])).toEqual({ kind: 'bound', value: 2 });
    expect(placeBound(space, [1, 2])).toEqual({ kind: 'bound', value: 2 });
    expect(placeBound(space, [0, 1, 2, 3])).toEqual({ kind: 'bound', value: 2 });
    expect(placeBound(buildFormulaSpace(WEIGHTS), [0])).toEqual({ kind: 'bound', value: 3 });
  });

  it('an unbounded net, or a state limit, gives CANNOT_COMPUTE (never a guess)', () => {
    const gen = net('place s = 1\nplace p\ntransition g : s -> s, p\n');
    const space = buildFormulaSpace(gen);
    expect(space.stopped).toBe('unbounded');
    const r = verdict(space, 'ctl', 'AG p >= 0');
    expect(r).toEqual({ kind: 'cannot-compute', reason: 'unbounded' });
    expect(contestAnswer(r)).toBe('CANNOT_COMPUTE');
    const limited = buildFormulaSpace(ANDSPLIT, { maxStates: 3 });
    expect(limited.stopped).toBe('state-limit');
    expect(contestAnswer(verdict(limited, 'ltl', 'F deadlock'))).toBe('CANNOT_COMPUTE');
  });
});
