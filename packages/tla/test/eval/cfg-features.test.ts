import { explore } from '@modelcheck/explorer';
import { describe, expect, it } from 'vitest';
import { analyzeSpec, buildModel, memoryHost, parseConfig } from '../../src/index.js';

/** Checks `files` (the first is the root) with `cfg`; counts as TLC reports them. */
function modelOf(files: Record<string, string>, cfg: string) {
  const entries = Object.entries(files).map(([name, text]) => [`/m/${name}`, text] as const);
  const spec = analyzeSpec(entries[0][0], { host: memoryHost(new Map(entries)) });
  expect(spec.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const built = buildModel(spec, parseConfig(cfg, '/m/M.cfg').config!);
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return built.model!;
}

function check(files: Record<string, string>, cfg: string) {
  return exploreModel(modelOf(files, cfg));
}

function exploreModel(m: ReturnType<typeof modelOf>) {
  return explore(m.system, {
    invariants: m.invariants,
    actionProperties: m.actionProperties,
    checkDeadlock: m.checkDeadlock,
    stateConstraint: m.stateConstraint,
    actionConstraint: m.actionConstraint,
  });
}

const counts = (r: ReturnType<typeof check>) =>
  'stats' in r && r.stats
    ? [r.kind, r.stats.distinctStates, r.stats.generatedStates, r.stats.depth]
    : [r.kind];

const module = (name: string, ...lines: string[]) =>
  [`---- MODULE ${name} ----`, ...lines, '===='].join('\n');

// Expected counts are worked out by hand with TLC's rules (see packages/explorer/README.md):
// generated = distinct initial states + every successor; a state failing a constraint is
// generated but not stored; depth counts initial states as level 1.
describe('cfg features, against counts worked out by hand', () => {
  it('a recursive function applied in an action is expanded as an action: each true disjunct continues it (TLC)', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Integers',
          'VARIABLE n',
          'Init == n = 0',
          'Ok[i \\in 0..3] == \\/ i = 0 \\/ i <= n \\/ (i > 0 /\\ Ok[i - 1])',
          "Next == n < 2 /\\ Ok[1] /\\ n' = n + 1",
        ),
      },
      'INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE',
    );
    // From n = 0, Ok[1] holds through Ok[0] twice (i = 0, i <= n): 2 successors; from n = 1 once
    // more (1 <= n): 3. Generated 1 initial + 2 + 3 = 6, though only 3 states are distinct.
    expect(counts(r)).toEqual(['ok', 3, 6, 3]);
  });

  it('A \\cdot B: the middle states count as generated, and TLCGet reads TLC\'s switch for it as "true"', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals, TLC',
          'VARIABLE x',
          'ASSUME TLCGet("-Dtlc2.tool.impl.Tool.cdot") = "true"',
          'Init == x = 0',
          "Step == x' \\in {x + 1, x + 2}",
          'Next == x < 3 /\\ (Step \\cdot Step)',
        ),
      },
      'INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE',
    );
    // From 0: middles 1, 2 (2 generated), then 2, 3 and 3, 4 (4 more). From 2: middles 3, 4, then
    // 4, 5 and 5, 6. From 3 and 4 nothing. Distinct 0, 2, 3, 4, 5, 6; generated 1 + 6 + 6 = 13.
    expect(counts(r)).toEqual(['ok', 6, 13, 3]);
  });

  it('CONSTRAINT: 0..3 stored, the successor 4 generated but not stored, no deadlock', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLE n',
          'Init == n = 0',
          "Next == n' = n + 1",
          'Bound == n <= 3',
        ),
      },
      'INIT Init\nNEXT Next\nCONSTRAINT Bound',
    );
    expect(counts(r)).toEqual(['ok', 4, 5, 4]);
  });

  it('ACTION_CONSTRAINT: steps to n > 4 are generated, not taken', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLE n',
          'Init == n = 0',
          "Next == n' \\in {n + 1, n + 2}",
          "Small == n' <= 4",
        ),
      },
      'INIT Init\nNEXT Next\nACTION_CONSTRAINT Small\nCHECK_DEADLOCK FALSE',
    );
    // 0 | 1 2 | 3 4: five states on three levels; each of the five generates two successors.
    expect(counts(r)).toEqual(['ok', 5, 11, 3]);
  });

  it('SYMMETRY: the three owners are one state', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS TLC',
          'CONSTANT P',
          'VARIABLE owner',
          'Init == owner = "none"',
          'Next == \\/ owner = "none" /\\ \\E p \\in P : owner\' = p',
          '        \\/ owner \\in P /\\ owner\' = "none"',
          'Sym == Permutations(P)',
        ),
      },
      'CONSTANT P = {p1, p2, p3}\nINIT Init\nNEXT Next\nSYMMETRY Sym',
    );
    // "none" and one owner; generated: 1 initial + 3 from "none" + 1 back from the owner.
    expect(counts(r)).toEqual(['ok', 2, 5, 2]);
  });

  it('VIEW: states are told apart by n alone', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLES n, t',
          'Init == n = 0 /\\ t = 0',
          "Next == \\/ n < 2 /\\ n' = n + 1 /\\ UNCHANGED t",
          "        \\/ t' = 1 - t /\\ UNCHANGED n",
          'View == n',
        ),
      },
      'INIT Init\nNEXT Next\nVIEW View',
    );
    // n = 0, 1, 2 on three levels; successors: 2 + 2 + 1.
    expect(counts(r)).toEqual(['ok', 3, 6, 3]);
  });

  it('<- replaces a definition', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLE n',
          'Limit == 100',
          'Two == 2',
          'Init == n = 0',
          "Next == n < Limit /\\ n' = n + 1",
        ),
      },
      'INIT Init\nNEXT Next\nCONSTANT Limit <- Two\nCHECK_DEADLOCK FALSE',
    );
    expect(counts(r)).toEqual(['ok', 3, 3, 3]);
  });

  it('[Mod] replaces a definition inside an instance of Mod', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLE n',
          'I == INSTANCE Inner',
          'Init == n = 0',
          "Next == n < I!Max /\\ n' = n + 1",
        ),
        'Inner.tla': module('Inner', 'Max == 100'),
      },
      'INIT Init\nNEXT Next\nCONSTANT Max = [Inner] 2\nCHECK_DEADLOCK FALSE',
    );
    expect(counts(r)).toEqual(['ok', 3, 3, 3]);
  });

  it('CHECK_DEADLOCK (default TRUE): the shortest trace to the dead state', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLE n',
          'Init == n = 0',
          "Next == n < 2 /\\ n' = n + 1",
        ),
      },
      'INIT Init\nNEXT Next',
    );
    expect(r.kind).toBe('deadlock');
    expect(r.kind === 'deadlock' && r.trace.length).toBe(3);
  });

  it('an action property [][A]_v is checked on every step', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLE n',
          'Init == n = 0',
          "Next == n' = (n + 1) % 3",
          "Up == [][n' > n]_n",
        ),
      },
      'INIT Init\nNEXT Next\nPROPERTY Up',
    );
    // 0 -> 1 -> 2 -> 0 breaks the property on the third step.
    expect(r.kind).toBe('action-property-violated');
    expect(r.kind === 'action-property-violated' && r.trace.length).toBe(4);
  });

  // Counter: x goes 0 -> 1 or 2 -> ... while x < 3; Inv breaks at x = 3 after Inc(1), Inc(2).
  const counter = module(
    'M',
    'EXTENDS Naturals, TLC',
    'VARIABLES x, y',
    'Init == x = 0 /\\ y = 0',
    "Inc(d) == x < 3 /\\ x' = x + d /\\ y' = y",
    'Next == \\E d \\in {1, 2} : Inc(d)',
    'Inv == x < 3',
    'Alias == [sum |-> x + y, nextX |-> x\', level |-> TLCGet("level")]',
    'Post == TLCGet("distinct") = 5 /\\ TLCGet("stats").generated = 7',
  );

  it('a step is named with the arguments of the action it took (TLC: <Inc(2) ...>)', () => {
    const r = check({ 'M.tla': counter }, 'INIT Init\nNEXT Next\nINVARIANT Inv');
    // Shortest way to x = 3: 0 -(1)-> 1 -(2)-> 3 or 0 -(2)-> 2 -(1)-> 3; BFS takes d = 1 first.
    expect(r.kind === 'invariant-violated' && r.trace.map((s) => s.action?.name)).toEqual([
      undefined,
      'Inc(1)',
      'Inc(2)',
    ]);
  });

  it('ALIAS: a trace shows the alias record, evaluated on each step (the last with itself)', () => {
    const m = modelOf({ 'M.tla': counter }, 'INIT Init\nNEXT Next\nINVARIANT Inv\nALIAS Alias');
    const r = exploreModel(m);
    expect(r.kind).toBe('invariant-violated');
    const trace = r.kind === 'invariant-violated' ? r.trace : [];
    const shown = trace.map((s, i) => {
      const v = m.alias!(s.state, (trace[i + 1] ?? s).state);
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.text]));
    });
    expect(shown).toEqual([
      { level: '1', nextX: '1', sum: '0' },
      { level: '2', nextX: '3', sum: '1' },
      { level: '3', nextX: '3', sum: '3' },
    ]);
  });

  it('POSTCONDITION: evaluated after the search, with TLCGet of the final counts', () => {
    const m = modelOf({ 'M.tla': counter }, 'INIT Init\nNEXT Next\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE');
    const r = exploreModel(m);
    // x: 0 | 1 2 | 2 3 3 (1+1, 1+2, 2+1) | ...: distinct {0,1,2,3,4} = 5; generated 1 + 2 + 2 + 2 = 7
    // (from 0, 1 and 2 two successors each; 3 and 4 none).
    expect(counts(r)).toEqual(['ok', 5, 7, 3]);
    expect(m.postconditions.map((p) => p.name)).toEqual(['Post']);
    m.updateStatistics({ distinctStates: 4, generatedStates: 7, depth: 3, statesLeftOnQueue: 0, seconds: 0 });
    expect(m.postconditions[0].check()).toBe(false);
    if (r.kind === 'ok') m.updateStatistics(r.stats, 1);
    expect(m.postconditions[0].check()).toBe(true);
  });

  it('PROPERTY []P with P a state predicate is checked as an invariant (TLC: implied invariant)', () => {
    const m = modelOf(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLE n',
          'Init == n = 0',
          "Next == n' = n + 1",
          "Prop == [](n < 3) /\\ [][n' > n]_n",
        ),
      },
      'INIT Init\nNEXT Next\nPROPERTY Prop',
    );
    expect(m.temporalProperties).toEqual([]);
    const r = exploreModel(m);
    expect(r.kind === 'invariant-violated' && [r.name, r.trace.length]).toEqual(['Prop', 4]);
  });

  it("an operator that primes its parameter (Lose(q) == … q' = …) assigns the variable passed to it", () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals, Sequences',
          'VARIABLES a, b',
          'Init == a = <<1, 2>> /\\ b = <<3>>',
          "Lose(q) == q # <<>> /\\ \\E i \\in 1..Len(q) : q' = [j \\in 1..Len(q) - 1 |-> IF j < i THEN q[j] ELSE q[j + 1]]",
          'Next == (Lose(a) /\\ UNCHANGED b) \\/ (Lose(b) /\\ UNCHANGED a)',
        ),
      },
      'INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE',
    );
    // a: <<1,2>>, <<2>>, <<1>>, <<>>; b: <<3>>, <<>>: 8 states. Successors: 3 + 2 + 2 + 1 from the
    // states with b = <<3>>, 2 + 1 + 1 + 0 from those with b = <<>>, plus the initial state: 13.
    expect(counts(r)).toEqual(['ok', 8, 13, 4]);
  });

  it('UNCHANGED of an instantiated variable that stands for a tuple of variables assigns them', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLES a, b, s',
          'vars == <<a, b>>',
          'INSTANCE Skip',
          'Init == a = 0 /\\ b = 0 /\\ s = 0',
          "Next == (a < 2 /\\ a' = a + 1 /\\ b' = b /\\ s' = s) \\/ (s < 1 /\\ Wait)",
        ),
        'Skip.tla': module(
          'Skip',
          'EXTENDS Naturals',
          'VARIABLES s, vars',
          "Wait == UNCHANGED vars /\\ s' = s + 1",
        ),
      },
      'INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE',
    );
    // a \in 0..2, s \in 0..1: 6 states; each has the a-step while a < 2 and the wait while s < 1.
    expect(counts(r)).toEqual(['ok', 6, 1 + 4 + 3, 4]);
  });

  it('<- replaces a definition that SPECIFICATION reaches by name (Init <- MCInit)', () => {
    const r = check(
      {
        'M.tla': module(
          'M',
          'EXTENDS Naturals',
          'VARIABLE n',
          'Init == n = 0',
          'MCInit == n \\in {0, 5}',
          "Next == n < 7 /\\ n' = n + 1",
          'Spec == Init /\\ [][Next]_n',
        ),
      },
      'SPECIFICATION Spec\nCONSTANT Init <- MCInit\nCHECK_DEADLOCK FALSE',
    );
    // From 0 and from 5: 0..7 is 8 states; generated 2 initial + 7 steps from 0..6; 5 is initial
    // (level 1), so the deepest states are 4 (level 5, from 0) and 7 (level 3, from 5): depth 5.
    expect(counts(r)).toEqual(['ok', 8, 9, 5]);
  });
});
