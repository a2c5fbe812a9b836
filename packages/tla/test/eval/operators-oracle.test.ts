import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeSpec,
  buildModel,
  memoryHost,
  parseConfig,
  printValue,
  type TlaState,
  type Value,
} from '../../src/index.js';

// Every standard operator, evaluated by the checker on generated inputs and compared with a
// reference written here in plain JavaScript from the operators' definitions (Specifying Systems,
// the standard modules' TLA+ text, TLC's integer semantics). Results are compared as TLC prints
// them, so the reference also pins down TLC's canonical order and layout.

interface Input {
  readonly a: number[];
  readonly b: number[];
  readonly s: number[];
  readonly t: number[];
  readonly i: number;
  /** Non-zero. */
  readonly j: number;
  /** 1..4 */
  readonly k: number;
}

// --- the reference: JavaScript values printed as TLC prints them -----------------------------

type Ref =
  | number
  | boolean
  | string
  | { set: Ref[] }
  | { seq: Ref[] }
  | { fcn: [number, Ref][] }
  | { printed: string };

const set = (xs: number[]): Ref => ({ set: [...new Set(xs)].sort((x, y) => x - y) });
const seq = (xs: Ref[]): Ref => ({ seq: xs });
const fcn = (pairs: [number, Ref][]): Ref => ({ fcn: [...pairs].sort((x, y) => x[0] - y[0]) });

function show(v: Ref): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return JSON.stringify(v);
  if ('printed' in v) return v.printed;
  if ('set' in v) return `{${v.set.map(show).join(', ')}}`;
  if ('seq' in v) return `<<${v.seq.map(show).join(', ')}>>`;
  // TLC prints a function whose domain is 1..n as a tuple, any other as k1 :> v1 @@ ...
  const pairs = v.fcn;
  if (pairs.every(([k], n) => k === n + 1)) return show(seq(pairs.map(([, x]) => x)));
  return `(${pairs.map(([k, x]) => `${k} :> ${show(x)}`).join(' @@ ')})`;
}

const floorDiv = (x: number, y: number) => Math.floor(x / y);
const floorMod = (x: number, y: number) => ((x % y) + y) % y;
const union = (x: number[], y: number[]) => [...new Set([...x, ...y])];
const minus = (x: number[], y: number[]) => x.filter((e) => !y.includes(e));
const subset = (x: number[], y: number[]) => x.every((e) => y.includes(e));
const range = (lo: number, hi: number) => Array.from({ length: Math.max(0, hi - lo + 1) }, (_, n) => lo + n);
const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const literal = (xs: number[], open = '{', close = '}') => `${open}${xs.join(', ')}${close}`;

/** [TLA+ expression over A, B, S, T, I, J, K; its value by the reference]. */
const operators: [string, (x: Input) => Ref][] = [
  // Integers
  ['I + J', ({ i, j }) => i + j],
  ['I - J', ({ i, j }) => i - j],
  ['I * J', ({ i, j }) => i * j],
  ['-I', ({ i }) => -i],
  ['I \\div J', ({ i, j }) => floorDiv(i, j)],
  ['I % Abs(J)', ({ i, j }) => floorMod(i, Math.abs(j))],
  ['I ^ K', ({ i, k }) => i ** k],
  ['I < J', ({ i, j }) => i < j],
  ['I > J', ({ i, j }) => i > j],
  ['I <= J', ({ i, j }) => i <= j],
  ['I >= J', ({ i, j }) => i >= j],
  ['I \\leq J', ({ i, j }) => i <= j],
  ['I \\geq J', ({ i, j }) => i >= j],
  // TLC keeps an interval as one and prints it so (IntervalValue.toString).
  ['I..J', ({ i, j }) => (i <= j ? { printed: `${i}..${j}` } : set([]))],
  ['{y : y \\in I..J}', ({ i, j }) => set(range(i, j))],
  ['I \\in Nat', ({ i }) => i >= 0],
  ['I \\in Int', () => true],
  ['J \\in Nat \\ {0}', ({ j }) => j > 0],
  // Logic
  ['I < J /\\ J < K', ({ i, j, k }) => i < j && j < k],
  ['I < J \\/ J < K', ({ i, j, k }) => i < j || j < k],
  ['~(I = J)', ({ i, j }) => i !== j],
  ['I # J', ({ i, j }) => i !== j],
  ['I /= J', ({ i, j }) => i !== j],
  ['(I < J) => (J < K)', ({ i, j, k }) => !(i < j) || j < k],
  ['(I < J) <=> (J > I)', () => true],
  ['(I < J) \\equiv (K < J)', ({ i, j, k }) => i < j === k < j],
  ['\\A y \\in A : y > I', ({ a, i }) => a.every((y) => y > i)],
  ['\\E y \\in A : y > I', ({ a, i }) => a.some((y) => y > i)],
  ['\\E y \\in A, z \\in B : y = z', ({ a, b }) => a.some((y) => b.includes(y))],
  ['\\A <<y, z>> \\in A \\X B : y + z > I', ({ a, b, i }) => a.every((y) => b.every((z) => y + z > i))],
  ['CHOOSE y \\in A \\cup {I} : y >= I', ({ a, i }) => Math.min(...union(a, [i]).filter((y) => y >= i))],
  ['IF I < J THEN A ELSE B', ({ a, b, i, j }) => set(i < j ? a : b)],
  ['CASE I < J -> 1 [] I > J -> 2 [] OTHER -> 3', ({ i, j }) => (i < j ? 1 : i > j ? 2 : 3)],
  ['LET sq(y) == y * y IN sq(I) + sq(J)', ({ i, j }) => i * i + j * j],
  // Sets
  ['I \\in A', ({ a, i }) => a.includes(i)],
  ['I \\notin A', ({ a, i }) => !a.includes(i)],
  ['A \\cup B', ({ a, b }) => set(union(a, b))],
  ['A \\union B', ({ a, b }) => set(union(a, b))],
  ['A \\cap B', ({ a, b }) => set(a.filter((e) => b.includes(e)))],
  ['A \\intersect B', ({ a, b }) => set(a.filter((e) => b.includes(e)))],
  ['A \\ B', ({ a, b }) => set(minus(a, b))],
  ['A \\subseteq B', ({ a, b }) => subset(a, b)],
  ['A = B', ({ a, b }) => subset(a, b) && subset(b, a)],
  ['Cardinality(SUBSET A)', ({ a }) => 2 ** a.length],
  ['B \\in SUBSET A', ({ a, b }) => subset(b, a)],
  ['UNION {A, B, {I}}', ({ a, b, i }) => set(union(union(a, b), [i]))],
  ['{y \\in A : y % 2 = 0}', ({ a }) => set(a.filter((y) => floorMod(y, 2) === 0))],
  ['{y * y : y \\in A}', ({ a }) => set(a.map((y) => y * y))],
  ['{y + z : y \\in A, z \\in B}', ({ a, b }) => set(a.flatMap((y) => b.map((z) => y + z)))],
  ['Cardinality(A \\X B)', ({ a, b }) => a.length * b.length],
  ['<<I, J>> \\in A \\X B', ({ a, b, i, j }) => a.includes(i) && b.includes(j)],
  ['Cardinality(A)', ({ a }) => a.length],
  ['IsFiniteSet(A)', () => true],
  // Functions
  ['[y \\in A |-> y * 2]', ({ a }) => fcn(a.map((y) => [y, y * 2]))],
  ['DOMAIN [y \\in A |-> 0]', ({ a }) => set(a)],
  [
    'IF A = {} THEN 0 ELSE [y \\in A |-> y * 2][CHOOSE z \\in A : TRUE]',
    ({ a }) => (a.length === 0 ? 0 : 2 * Math.min(...a)),
  ],
  [
    'IF A = {} THEN 0 ELSE LET f == [y \\in A |-> y] m == CHOOSE z \\in A : TRUE IN [f EXCEPT ![m] = @ + I][m]',
    ({ a, i }) => (a.length === 0 ? 0 : Math.min(...a) + i),
  ],
  ['Cardinality([A -> B])', ({ a, b }) => b.length ** a.length],
  ['[y \\in A |-> 0] \\in [A -> {0}]', () => true],
  [
    '(I :> J) @@ [y \\in A |-> 0]',
    ({ a, i, j }) => fcn([[i, j], ...minus(a, [i]).map((y): [number, Ref] => [y, 0])]),
  ],
  ['I :> J', ({ i, j }) => fcn([[i, j]])],
  // Records
  ['[a |-> I, b |-> S].a', ({ i }) => i],
  ['[a |-> I, b |-> S].b', ({ s }) => seq(s)],
  ['[[a |-> I, b |-> J] EXCEPT !.b = @ * 2].b', ({ j }) => 2 * j],
  ['Cardinality([a : A, b : B])', ({ a, b }) => a.length * b.length],
  ['[a |-> I, b |-> J] \\in [a : A, b : B]', ({ a, b, i, j }) => a.includes(i) && b.includes(j)],
  // Sequences
  ['Len(S)', ({ s }) => s.length],
  ['S \\o T', ({ s, t }) => seq([...s, ...t])],
  ['Append(S, I)', ({ s, i }) => seq([...s, i])],
  ['IF S = <<>> THEN 0 ELSE Head(S)', ({ s }) => (s.length === 0 ? 0 : s[0])],
  ['IF S = <<>> THEN <<>> ELSE Tail(S)', ({ s }) => seq(s.slice(1))],
  ['SubSeq(S, 2, Len(S))', ({ s }) => seq(s.slice(1))],
  ['SubSeq(S \\o T, 1, Len(T))', ({ s, t }) => seq([...s, ...t].slice(0, t.length))],
  ['SelectSeq(S, LAMBDA e : e > I)', ({ s, i }) => seq(s.filter((e) => e > i))],
  ['S \\in Seq(A)', ({ s, a }) => s.every((e) => a.includes(e))],
  // TLC: the domain of a tuple is the interval 1..n.
  ['DOMAIN S', ({ s }) => (s.length > 0 ? { printed: `1..${s.length}` } : set([]))],
  ['IF S = <<>> THEN 0 ELSE S[Len(S)]', ({ s }) => (s.length === 0 ? 0 : s[s.length - 1])],
  ['[S EXCEPT ![1] = I]', ({ s, i }) => seq(s.length === 0 ? [] : [i, ...s.slice(1)])],
  ['<<I, J>>[2]', ({ j }) => j],
  ['Len("ab" \\o "c")', () => 3],
  ['"ab" \\o "c"', () => 'abc'],
  // TLC
  ['Cardinality(Permutations(A))', ({ a }) => factorial(a.length)],
  ['SortSeq(S, <)', ({ s }) => seq([...s].sort((x, y) => x - y))],
  ['SortSeq(S, >)', ({ s }) => seq([...s].sort((x, y) => y - x))],
  ['ToString(I)', ({ i }) => String(i)],
  ['ToString(A)', ({ a }) => show(set(a))],
  // Bags
  ['BagToSet(SetToBag(A))', ({ a }) => set(a)],
  ['SetToBag(A)', ({ a }) => fcn(a.map((y) => [y, 1]))],
  [
    'CopiesIn(I, SetToBag(A) (+) SetToBag(B))',
    ({ a, b, i }) => Number(a.includes(i)) + Number(b.includes(i)),
  ],
  ['BagCardinality(SetToBag(A) (+) SetToBag(B))', ({ a, b }) => a.length + b.length],
  ['SetToBag(A) (-) SetToBag(B)', ({ a, b }) => fcn(minus(a, b).map((y) => [y, 1]))],
  ['BagIn(I, SetToBag(A))', ({ a, i }) => a.includes(i)],
  ['SetToBag(A) \\sqsubseteq SetToBag(B)', ({ a, b }) => subset(a, b)],
  // {SetToBag(A), SetToBag(B)} is one bag when A = B.
  [
    'CopiesIn(I, BagUnion({SetToBag(A), SetToBag(B)}))',
    ({ a, b, i }) =>
      subset(a, b) && subset(b, a) ? Number(a.includes(i)) : Number(a.includes(i)) + Number(b.includes(i)),
  ],
];

/** TLC breaks long values over lines (`{ 1,\n  2 }`); the comparison is of the one-line form. */
function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([{(]|<<) /g, '$1')
    .replace(/ ([})]|>>)/g, '$1');
}

// --- the checker -------------------------------------------------------------------------------

function evaluateAll(x: Input): string[] {
  const text = [
    '---- MODULE O ----',
    'EXTENDS Integers, Sequences, FiniteSets, TLC, Bags',
    'VARIABLE x',
    `A == ${literal(x.a)}`,
    `B == ${literal(x.b)}`,
    `S == ${literal(x.s, '<<', '>>')}`,
    `T == ${literal(x.t, '<<', '>>')}`,
    `I == ${x.i}`,
    `J == ${x.j}`,
    `K == ${x.k}`,
    'Abs(n) == IF n < 0 THEN -n ELSE n',
    `Init == x = << ${operators.map(([e]) => `(${e})`).join(',\n  ')} >>`,
    'Next == UNCHANGED x',
    '====',
  ].join('\n');
  const spec = analyzeSpec('/o/O.tla', { host: memoryHost({ '/o/O.tla': text }) });
  const errors = spec.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  const built = buildModel(spec, parseConfig('INIT Init\nNEXT Next\n', '/o/O.cfg').config!);
  if (!built.model) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  const states: TlaState[] = [];
  built.model.system.initialStates((s) => states.push(s));
  const tuple = states[0][0] as unknown as { elems: readonly Value[] };
  return tuple.elems.map((v) => oneLine(printValue(v)));
}

const smallInt = fc.integer({ min: -3, max: 5 });
const inputs: fc.Arbitrary<Input> = fc.record({
  a: fc.uniqueArray(smallInt, { maxLength: 4 }),
  b: fc.uniqueArray(smallInt, { maxLength: 4 }),
  s: fc.array(smallInt, { maxLength: 4 }),
  t: fc.array(smallInt, { maxLength: 3 }),
  i: fc.integer({ min: -20, max: 20 }),
  j: fc.integer({ min: -7, max: 7 }).filter((j) => j !== 0),
  k: fc.integer({ min: 1, max: 4 }),
});

describe('every standard operator agrees with a JavaScript reference on generated inputs', () => {
  it(`${operators.length} operators`, () => {
    fc.assert(
      fc.property(inputs, (x) => {
        const got = evaluateAll(x);
        const want = operators.map(([, ref]) => show(ref(x)));
        const wrong = operators.flatMap(([e], n) =>
          got[n] === want[n] ? [] : [`${e}: ${got[n]} ≠ ${want[n]}`],
        );
        expect(wrong).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
