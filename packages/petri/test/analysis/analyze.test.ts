import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeNet, type FiringEvidence, type PetriNet, replay } from '../../src/index.js';
import { randomNetSpec } from '../support/arbitraries.js';
import { bruteForce, net, netFromSpec } from '../support/nets.js';

/** The evidence must replay from the initial marking to exactly the marking it claims. */
function expectReplays(n: PetriNet, e: FiringEvidence | undefined): void {
  expect(e).toBeDefined();
  const run = replay(n, e!.sequence);
  expect(run.ok).toBe(true);
  expect(run.markings[run.markings.length - 1]).toEqual(e!.marking);
}

const MUTEX = `
net mutex
place idle1 = 1
place cs1
place idle2 = 1
place cs2
place sem = 1
transition enter1 : idle1, sem -> cs1
transition leave1 : cs1 -> idle1, sem
transition enter2 : idle2, sem -> cs2
transition leave2 : cs2 -> idle2, sem
`;

const LOCK_ORDER = `
place a = 1
place b = 1
place p0 = 1
place p1
place q0 = 1
place q1
transition pa : p0, a -> p1
transition pb : p1, b -> p0, a, b
transition qb : q0, b -> q1
transition qa : q1, a -> q0, a, b
`;

describe('analyses on hand-worked nets', () => {
  it('mutex: 3 markings, safe, live, reversible, no deadlock, P-invariants cs1+cs2+sem = 1', () => {
    const n = net(MUTEX);
    const r = analyzeNet(n);
    expect(r.stateSpace.markings).toBe(3);
    expect(r.stateSpace.edges).toBe(4);
    expect([
      r.deadlock.value,
      r.bounded.value,
      r.safe,
      r.live.value,
      r.quasiLive.value,
      r.reversible.value,
    ]).toEqual([false, true, true, true, true, true]);
    expect(r.reversible.homeMarkings).toBe(3);
    // idle1 + cs1 = 1, idle2 + cs2 = 1, cs1 + cs2 + sem = 1
    const supports = (r.invariants.p ?? [])
      .map((v) =>
        v
          .map((x, p) => (x ? n.places[p].id : ''))
          .filter(Boolean)
          .sort()
          .join('+'),
      )
      .sort();
    expect(supports).toEqual(['cs1+cs2+sem', 'cs1+idle1', 'cs2+idle2']);
    // T-invariants: enter1 leave1, enter2 leave2
    expect(r.invariants.t?.length).toBe(2);
    expect(r.classes.stateMachine).toBe(false);
    expect(r.classes.freeChoice).toBe(false);
    expect(r.workflow.isWorkflowNet).toBe(false);
  });

  it('lock-order inversion: a deadlock after pa qb, shortest; nothing is live', () => {
    const n = net(LOCK_ORDER);
    const r = analyzeNet(n);
    expect(r.deadlock.value).toBe(true);
    expect(r.deadlock.witness?.sequence.map((t) => n.transitions[t].id).sort()).toEqual(['pa', 'qb']);
    expectReplays(n, r.deadlock.witness);
    expect(r.live.value).toBe(false);
    expect(r.live.nonLive.length).toBe(4);
    for (const x of r.live.nonLive) expectReplays(n, x.witness);
    expect(r.quasiLive.value).toBe(true);
  });

  it('a transition that fires once: quasi-live but not live, with a witness after it fired', () => {
    const n = net(
      'place go = 1\nplace a = 1\nplace b\ntransition once : go -> \ntransition ab : a -> b\ntransition ba : b -> a\n',
    );
    const r = analyzeNet(n);
    expect(r.quasiLive.value).toBe(true);
    expect(r.live.value).toBe(false);
    expect(r.live.nonLive.map((x) => n.transitions[x.transition].id)).toEqual(['once']);
    expect(r.live.nonLive[0].witness.sequence).toEqual([0]);
    expect(r.reversible.value).toBe(false);
    expect(r.reversible.homeMarkings).toBe(2);
    expect(r.deadlock.value).toBe(false);
  });

  it('a dead transition: not quasi-live, listed as dead', () => {
    const n = net('place a = 1\nplace b\nplace never\ntransition t : a -> b\ntransition u : never -> a\n');
    const r = analyzeNet(n);
    expect(r.quasiLive.value).toBe(false);
    expect(r.quasiLive.dead).toEqual([1]);
    expect(r.quasiLive.firing[0]).toEqual([0]);
    expect(r.quasiLive.firing[1]).toBeNull();
  });

  it('unbounded producer: p grows by one per gen, no deadlock (proved), pumping sequence [gen]', () => {
    const n = net('place s = 1\nplace p\ntransition gen : s -> s, p\ntransition use : p ->\n');
    const r = analyzeNet(n);
    expect(r.bounded.value).toBe(false);
    expect(r.bounded.unboundedPlaces).toEqual([1]);
    expect(r.bounded.pumping).toEqual({ prefix: [], pump: [0], places: [1] });
    expect(r.stateSpace.markings).toBeNull();
    expect(r.deadlock.value).toBe(false);
    expect(r.safe).toBe(false);
    expect(r.quasiLive.value).toBe(true);
    expect(r.live.value).toBeNull();
  });

  it('unbounded with a reachable deadlock: found by the bounded probe', () => {
    const n = net('place s = 1\nplace p\ntransition gen : s -> s, p\ntransition stop : s ->\n');
    const r = analyzeNet(n);
    expect(r.bounded.value).toBe(false);
    expect(r.deadlock.value).toBe(true);
    expectReplays(n, r.deadlock.witness);
  });

  it('siphons and traps of the mutex: minimal siphons equal the P-invariant supports', () => {
    const n = net(MUTEX);
    const r = analyzeNet(n, { checks: ['siphons', 'invariants'] });
    const names = (sets: number[][] | undefined) =>
      (sets ?? [])
        .map((s) =>
          s
            .map((p) => n.places[p].id)
            .sort()
            .join('+'),
        )
        .sort();
    expect(names(r.siphons.siphons)).toEqual(['cs1+cs2+sem', 'cs1+idle1', 'cs2+idle2']);
    expect(names(r.siphons.traps)).toEqual(['cs1+cs2+sem', 'cs1+idle1', 'cs2+idle2']);
    expect(r.stateSpace.method).toBe('none');
  });
});

describe('workflow nets', () => {
  const SOUND = `
place i = 1
place a
place b
place c
place d
place o
transition split : i -> a, b
transition x : a -> c
transition y : b -> d
transition join : c, d -> o
`;
  const AND_XOR = `
place i = 1
place a
place b
place o
transition split : i -> a, b
transition fa : a -> o
transition fb : b -> o
`;
  it('AND-split/AND-join is sound, also by the rank theorem', () => {
    const n = net(SOUND);
    const r = analyzeNet(n);
    expect(r.workflow).toMatchObject({ isWorkflowNet: true, source: 0, sink: 5 });
    expect(r.soundness?.sound).toBe(true);
    expect(r.soundness?.rankTheorem?.sound).toBe(true);
    expect(r.deadlock.value).toBe(true);
    expect(r.deadlock.nonFinal?.value).toBe(false);
  });

  it('AND-split then XOR-join: improper completion with o = 2 (hand: i -> a b -> o b -> o o)', () => {
    const n = net(AND_XOR);
    const r = analyzeNet(n);
    expect(r.soundness?.sound).toBe(false);
    expect(r.soundness?.properCompletion).toBe(false);
    const failure = r.soundness?.failures.find((f) => f.condition === 'proper-completion');
    expect(failure && 'witness' in failure).toBe(true);
    if (failure && 'witness' in failure) {
      expectReplays(n, failure.witness);
      expect(failure.witness.sequence.length).toBe(2);
    }
    expect(r.safe).toBe(false);
    expect(r.bounded.maxTokens).toBe(2);
    expect(r.soundness?.rankTheorem?.sound).toBe(false);
  });

  it('a task that never runs makes the net unsound (dead transition)', () => {
    const n = net(
      'place i = 1\nplace p\nplace o\ntransition t : i -> o\ntransition never : p -> o\ntransition feed : i -> p, i\n',
    );
    const r = analyzeNet(n);
    expect(r.workflow.isWorkflowNet).toBe(false);
    const wf = net(
      'place i = 1\nplace a\nplace o\ntransition t : i -> o\ntransition u : i, a -> o\ntransition v : i -> a, o\n',
    );
    const s = analyzeNet(wf);
    expect(s.workflow.isWorkflowNet).toBe(true);
    expect(s.soundness?.noDeadTransitions).toBe(false);
    expect(s.soundness?.sound).toBe(false);
  });

  it('recognises what is not a workflow net and says why', () => {
    const r = analyzeNet(net(MUTEX), { checks: ['classes'] });
    expect(r.workflow.isWorkflowNet).toBe(false);
    expect(r.workflow.reason).toMatch(/source place/);
  });
});

describe('properties of the analyses on random nets', () => {
  it('every reported firing sequence replays to the marking it claims; deadlock agrees with brute force', () => {
    fc.assert(
      fc.property(randomNetSpec(), (spec) => {
        const n = netFromSpec(spec);
        const oracle = bruteForce(n, 3000);
        fc.pre(!oracle.capped);
        const r = analyzeNet(n);
        expect(r.stateSpace.markings).toBe(oracle.markings.size);
        const deadInOracle = [...oracle.markings].some((k) => {
          const m = k.split(',').map(Number);
          return n.transitions.every((_, t) => n.pre[t].some((a) => m[a.place] < a.weight));
        });
        expect(r.deadlock.value).toBe(deadInOracle);
        if (r.deadlock.witness) expectReplays(n, r.deadlock.witness);
        for (const x of r.live.nonLive) expectReplays(n, x.witness);
        if (r.reversible.witness) expectReplays(n, r.reversible.witness);
        r.quasiLive.firing.forEach((seq, t) => {
          if (!seq) return;
          expect(seq[seq.length - 1]).toBe(t);
          expect(replay(n, seq).ok).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('P-invariants hold in every reachable marking; T-invariants have zero effect', () => {
    fc.assert(
      fc.property(randomNetSpec(), (spec) => {
        const n = netFromSpec(spec);
        const oracle = bruteForce(n, 2000);
        const r = analyzeNet(n, { checks: ['invariants'] });
        for (const y of r.invariants.p ?? []) {
          const total = (m: readonly number[]) => m.reduce((s, x, p) => s + x * y[p], 0);
          for (const k of oracle.markings)
            expect(total(k.split(',').map(Number))).toBe(total(n.initialMarking));
        }
        for (const x of r.invariants.t ?? []) {
          for (let p = 0; p < n.places.length; p++) {
            let effect = 0;
            x.forEach((count, t) => {
              effect +=
                count *
                ((n.post[t].find((a) => a.place === p)?.weight ?? 0) -
                  (n.pre[t].find((a) => a.place === p)?.weight ?? 0));
            });
            expect(effect).toBe(0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('unbounded nets: "no deadlock" is only claimed when brute force finds none', () => {
    fc.assert(
      fc.property(randomNetSpec(), (spec) => {
        const n = netFromSpec(spec);
        const r = analyzeNet(n, { checks: ['deadlock', 'bounded'] });
        fc.pre(r.bounded.value === false && r.deadlock.value === false);
        const oracle = bruteForce(n, 4000);
        for (const k of oracle.markings) {
          const m = k.split(',').map(Number);
          expect(n.transitions.some((_, t) => n.pre[t].every((a) => m[a.place] >= a.weight))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
