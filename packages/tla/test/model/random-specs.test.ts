import { explore } from '@modelcheck/explorer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSpec, buildModel, memoryHost, parseConfig } from '../../src/index.js';

// Random specs over two small counters, checked by the model checker and by a brute-force
// breadth-first search written here from the specs' meaning. They must agree on TLC's counts
// (distinct, generated, depth) and, when there is an invariant or deadlock, on the length of the
// shortest counterexample.

const M = 4; // x, y \in 0..M-1

type State = readonly [number, number];

interface Action {
  /** TLA+ text of the action. */
  readonly text: string;
  /** Every successor it yields (one per binding, as TLC generates them). */
  readonly next: (s: State) => State[];
}

const guard = fc.oneof(
  fc.integer({ min: 0, max: M }).map((c) => ({ text: `x < ${c}`, holds: ([x]: State) => x < c })),
  fc.integer({ min: 0, max: M - 1 }).map((c) => ({ text: `y # ${c}`, holds: ([, y]: State) => y !== c })),
  fc
    .integer({ min: 0, max: 2 * M })
    .map((c) => ({ text: `x + y > ${c}`, holds: ([x, y]: State) => x + y > c })),
  fc.constant({ text: 'TRUE', holds: () => true }),
);

const effect = fc.oneof(
  fc.integer({ min: 1, max: M - 1 }).map((d) => ({
    text: `x' = (x + ${d}) % ${M} /\\ y' = y`,
    next: ([x, y]: State): State[] => [[(x + d) % M, y]],
  })),
  fc.uniqueArray(fc.integer({ min: 0, max: M - 1 }), { minLength: 1, maxLength: 3 }).map((vs) => ({
    text: `x' \\in {${vs.join(', ')}} /\\ UNCHANGED y`,
    // TLC enumerates a set in its canonical order.
    next: ([, y]: State): State[] => [...vs].sort((p, q) => p - q).map((v): State => [v, y]),
  })),
  fc.integer({ min: 1, max: M - 1 }).map((d) => ({
    text: `y' = (x * ${d} + y) % ${M} /\\ UNCHANGED x`,
    next: ([x, y]: State): State[] => [[x, (x * d + y) % M]],
  })),
  fc.uniqueArray(fc.integer({ min: 0, max: M - 1 }), { minLength: 1, maxLength: 3 }).map((vs) => ({
    // Two bindings may give the same state: each is generated (and counted) on its own.
    text: `\\E v \\in {${vs.join(', ')}} : x' = v /\\ y' = (y + v) % 2`,
    next: ([, y]: State): State[] => [...vs].sort((p, q) => p - q).map((v): State => [v, (y + v) % 2]),
  })),
);

const action: fc.Arbitrary<Action> = fc.record({ g: guard, e: effect }).map(({ g, e }) => ({
  text: `${g.text} /\\ ${e.text}`,
  next: (s: State) => (g.holds(s) ? e.next(s) : []),
}));

interface RandomSpec {
  readonly init: number[];
  readonly actions: Action[];
  /** A state the invariant forbids, or none. */
  readonly bad?: State;
  readonly deadlock: boolean;
}

const specs: fc.Arbitrary<RandomSpec> = fc.record({
  init: fc.uniqueArray(fc.integer({ min: 0, max: M - 1 }), { minLength: 1, maxLength: 3 }),
  actions: fc.array(action, { minLength: 1, maxLength: 4 }),
  bad: fc.option(fc.tuple(fc.integer({ min: 0, max: M - 1 }), fc.integer({ min: 0, max: M - 1 })), {
    nil: undefined,
  }),
  deadlock: fc.boolean(),
});

/** What TLC would report, by brute force. */
function reference(spec: RandomSpec) {
  const key = ([x, y]: State) => x * M + y;
  const level = new Map<number, number>();
  const queue: State[] = [];
  let generated = 0;
  let depth = 0;
  const violates = (s: State) => spec.bad !== undefined && s[0] === spec.bad[0] && s[1] === spec.bad[1];
  for (const x of [...spec.init].sort((p, q) => p - q)) {
    const s: State = [x, 0];
    generated++;
    level.set(key(s), 1);
    depth = 1;
    if (violates(s)) return { kind: 'invariant-violated', length: 1 };
    queue.push(s);
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head];
    const d = level.get(key(s)) as number;
    const successors = spec.actions.flatMap((a) => a.next(s));
    if (successors.length === 0 && spec.deadlock) return { kind: 'deadlock', length: d };
    for (const t of successors) {
      generated++;
      if (level.has(key(t))) continue;
      level.set(key(t), d + 1);
      depth = Math.max(depth, d + 1);
      if (violates(t)) return { kind: 'invariant-violated', length: d + 1 };
      queue.push(t);
    }
  }
  return { kind: 'ok', distinct: level.size, generated, depth };
}

function checker(spec: RandomSpec) {
  const text = [
    '---- MODULE R ----',
    'EXTENDS Naturals',
    'VARIABLES x, y',
    `Init == x \\in {${spec.init.join(', ')}} /\\ y = 0`,
    ...spec.actions.map((a, i) => `A${i} == ${a.text}`),
    `Next == ${spec.actions.map((_, i) => `A${i}`).join(' \\/ ')}`,
    `Inv == ${spec.bad ? `~(x = ${spec.bad[0]} /\\ y = ${spec.bad[1]})` : 'TRUE'}`,
    '====',
  ].join('\n');
  const cfg = `INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK ${spec.deadlock ? 'TRUE' : 'FALSE'}\n`;
  const analyzed = analyzeSpec('/r/R.tla', { host: memoryHost({ '/r/R.tla': text }) });
  expect(analyzed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const m = buildModel(analyzed, parseConfig(cfg, '/r/R.cfg').config!).model!;
  const r = explore(m.system, { invariants: m.invariants, checkDeadlock: m.checkDeadlock });
  if (r.kind === 'ok')
    return {
      kind: 'ok',
      distinct: r.stats.distinctStates,
      generated: r.stats.generatedStates,
      depth: r.stats.depth,
    };
  if (r.kind === 'invariant-violated' || r.kind === 'deadlock')
    return { kind: r.kind, length: r.trace.length };
  return { kind: r.kind };
}

describe('random specs: the checker agrees with a brute-force search', () => {
  it('counts, verdicts and shortest counterexamples', () => {
    fc.assert(
      fc.property(specs, (spec) => {
        expect(checker(spec)).toEqual(reference(spec));
      }),
      { numRuns: 300 },
    );
  });
});
