import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeSpec,
  buildModel,
  memoryHost,
  parseConfig,
  printValue,
  type TlaState,
} from '../../src/index.js';

// The native versions of Community Module operators (what TLC overrides in Java) against the same
// operators evaluated from their TLA+ definitions: the definitions below sit once in modules named
// as the Community Modules (so the natives apply) and once under other names (so they are evaluated).

const DEFINITIONS = `
SetToSeq(S) == CHOOSE f \\in [1..Cardinality(S) -> S] : \\A i, j \\in DOMAIN f : i # j => f[i] # f[j]
ToSet(s) == { s[i] : i \\in DOMAIN s }
Reverse(s) == [ i \\in 1..Len(s) |-> s[(Len(s) - i) + 1] ]
Cons(elt, seq) == <<elt>> \\o seq
Front(s) == SubSeq(s, 1, Len(s) - 1)
Last(s) == s[Len(s)]
Contains(s, e) == \\E i \\in 1..Len(s) : s[i] = e
IsPrefix(s, t) == Len(s) <= Len(t) /\\ SubSeq(s, 1, Len(s)) = SubSeq(t, 1, Len(s))
IsStrictPrefix(s, t) == IsPrefix(s, t) /\\ s # t
`;
const FUNCTIONS = `
Range(f) == { f[x] : x \\in DOMAIN f }
IsInjective(f) == \\A a, b \\in DOMAIN f : f[a] = f[b] => a = b
`;
const SETS = `
Max(S) == CHOOSE x \\in S : \\A y \\in S : x >= y
Min(S) == CHOOSE x \\in S : \\A y \\in S : x <= y
RECURSIVE SumRec(_)
SumRec(S) == IF S = {} THEN 0 ELSE LET x == CHOOSE x \\in S : TRUE IN x + SumRec(S \\ {x})
Sum(S) == SumRec(S)
Quantify(S, P(_)) == Cardinality({ s \\in S : P(s) })
`;

const module = (name: string, ext: string, body: string) =>
  `---- MODULE ${name} ----\nEXTENDS ${ext}\n${body}\n====\n`;

function evaluateAll(exprs: readonly string[], names: { seq: string; fun: string; sets: string }): string[] {
  const files: Record<string, string> = {
    [`/c/${names.seq}.tla`]: module(names.seq, 'Naturals, Sequences, FiniteSets', DEFINITIONS),
    [`/c/${names.fun}.tla`]: module(names.fun, 'Naturals', FUNCTIONS),
    [`/c/${names.sets}.tla`]: module(names.sets, 'Integers, FiniteSets', SETS),
    '/c/E.tla': module(
      'E',
      `Integers, Sequences, FiniteSets, ${names.seq}, ${names.fun}, ${names.sets}`,
      `VARIABLE x\nInit == x = << ${exprs.map((e) => `(${e})`).join(', ')} >>\nNext == UNCHANGED x`,
    ),
  };
  const spec = analyzeSpec('/c/E.tla', { host: memoryHost(files) });
  const errors = spec.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const built = buildModel(spec, parseConfig('INIT Init\nNEXT Next\n', '/c/E.cfg').config!);
  if (!built.model) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  const states: TlaState[] = [];
  built.model.system.initialStates((s) => states.push(s));
  return (states[0][0] as unknown as { elems: readonly unknown[] }).elems.map((v) => printValue(v as never));
}

const small = fc.integer({ min: -3, max: 4 });

describe('Community Module natives agree with the operators’ TLA+ definitions', () => {
  it('SequencesExt, Functions, FiniteSetsExt on generated sets and sequences', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(small, { minLength: 1, maxLength: 4 }),
        fc.array(small, { minLength: 1, maxLength: 4 }),
        fc.array(small, { maxLength: 4 }),
        small,
        (set, seq, other, e) => {
          const S = `{${set.join(', ')}}`;
          const s = `<<${seq.join(', ')}>>`;
          const t = `<<${other.join(', ')}>>`;
          const exprs = [
            `SetToSeq(${S})`,
            `ToSet(${s})`,
            `Reverse(${s})`,
            `Cons(${e}, ${s})`,
            `Front(${s})`,
            `Last(${s})`,
            `Contains(${s}, ${e})`,
            `IsPrefix(${t}, ${s})`,
            `IsPrefix(${s}, ${s} \\o ${t})`,
            `IsStrictPrefix(${t}, ${s})`,
            `Range(${s})`,
            `IsInjective(${s})`,
            `Max(${S})`,
            `Min(${S})`,
            `Sum(${S})`,
            `Quantify(${S}, LAMBDA y : y > ${e})`,
          ];
          const native = evaluateAll(exprs, { seq: 'SequencesExt', fun: 'Functions', sets: 'FiniteSetsExt' });
          const defined = evaluateAll(exprs, { seq: 'SeqDefs', fun: 'FunDefs', sets: 'SetDefs' });
          expect(native).toEqual(defined);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('SetToSeq of a 20-element set is immediate (its definition would enumerate 20^20 functions)', () => {
    const [seq] = evaluateAll(['SetToSeq(1..20)'], {
      seq: 'SequencesExt',
      fun: 'Functions',
      sets: 'FiniteSetsExt',
    });
    expect(seq).toBe(`<<${Array.from({ length: 20 }, (_, i) => i + 1).join(', ')}>>`);
  });

  it('Graphs: AreConnectedIn and IsStronglyConnected against paths up to the number of nodes', () => {
    const graphDefs = `
Paths(G) == UNION { { p \\in [1..k -> G.node] : \\A i \\in 1..(k - 1) : <<p[i], p[i + 1]>> \\in G.edge } : k \\in 1..Cardinality(G.node) }
AreConnectedIn(m, n, G) == \\E p \\in Paths(G) : p[1] = m /\\ p[Len(p)] = n
IsStronglyConnected(G) == \\A m, n \\in G.node : AreConnectedIn(m, n, G)
`;
    const run = (name: string, exprs: string[]) => {
      const files = {
        [`/g/${name}.tla`]: module(name, 'Naturals, Sequences, FiniteSets', graphDefs),
        '/g/E.tla': module(
          'E',
          `Naturals, ${name}`,
          `VARIABLE x\nInit == x = << ${exprs.map((e) => `(${e})`).join(', ')} >>\nNext == UNCHANGED x`,
        ),
      };
      const spec = analyzeSpec('/g/E.tla', { host: memoryHost(files) });
      const built = buildModel(spec, parseConfig('INIT Init\nNEXT Next\n', '/g/E.cfg').config!);
      const states: TlaState[] = [];
      built.model!.system.initialStates((st) => states.push(st));
      return (states[0][0] as unknown as { elems: readonly unknown[] }).elems.map((v) =>
        printValue(v as never),
      );
    };
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })), {
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (edges, m, n) => {
          const G = `[node |-> 1..4, edge |-> {${edges.map(([a, b]) => `<<${a}, ${b}>>`).join(', ')}}]`;
          const exprs = [`AreConnectedIn(${m}, ${n}, ${G})`, `IsStronglyConnected(${G})`];
          expect(run('Graphs', exprs)).toEqual(run('GraphDefs', exprs));
        },
      ),
      { numRuns: 40 },
    );
  });
});
