import { explore } from '@modelcheck/explorer';
import { describe, expect, it } from 'vitest';
import { analyzeSpec, buildModel, memoryHost, parseConfig } from '../../src/index.js';

/** Checks `files` (the first is the root) with `cfg`; counts as TLC reports them. */
function check(files: Record<string, string>, cfg: string) {
  const entries = Object.entries(files).map(([name, text]) => [`/m/${name}`, text] as const);
  const spec = analyzeSpec(entries[0][0], { host: memoryHost(new Map(entries)) });
  expect(spec.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const built = buildModel(spec, parseConfig(cfg, '/m/M.cfg').config!);
  expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const m = built.model!;
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
});
