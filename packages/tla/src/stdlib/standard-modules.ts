/**
 * The standard modules that TLC ships (Specifying Systems, section 18, and TLC's own additions).
 *
 * Naturals, Integers and Reals define arithmetic that has no useful TLA+ definition for a model
 * checker (the book defines it through ProtoReals and Peano), so their operators are *primitives*:
 * declared here with their arity and implemented natively by the evaluator. Every other module is
 * ordinary TLA+ text whose definitions state what the operator means; as in TLC, the evaluator may
 * replace a definition by a native implementation with the same meaning (e.g. `Cardinality`).
 */

export interface PrimitiveOperator {
  /** Canonical spelling (see syntax/operators.ts), e.g. `+`, `..`, `-.` for unary minus, `Nat`. */
  readonly name: string;
  readonly arity: number;
  readonly fix: 'call' | 'infix' | 'prefix' | 'postfix';
}

export interface StandardModule {
  readonly name: string;
  /** The module's TLA+ text. Its definitions are parsed and resolved like any user module. */
  readonly text: string;
  /** Operators the module defines natively, in addition to the definitions in `text`. */
  readonly primitives: readonly PrimitiveOperator[];
}

const infix = (name: string): PrimitiveOperator => ({ name, arity: 2, fix: 'infix' });
const constant = (name: string): PrimitiveOperator => ({ name, arity: 0, fix: 'call' });

const NATURALS: StandardModule = {
  name: 'Naturals',
  text: `---- MODULE Naturals ----
(* Arithmetic on natural numbers; every operator is a primitive of the evaluator. *)
====
`,
  primitives: [constant('Nat'), ...['+', '-', '*', '^', '<', '>', '<=', '>=', '%', '\\div', '..'].map(infix)],
};

const INTEGERS: StandardModule = {
  name: 'Integers',
  text: `---- MODULE Integers ----
EXTENDS Naturals
(* Int and unary minus are primitives of the evaluator. *)
====
`,
  primitives: [constant('Int'), { name: '-.', arity: 1, fix: 'prefix' }],
};

const REALS: StandardModule = {
  name: 'Reals',
  text: `---- MODULE Reals ----
EXTENDS Integers
(* Real, division and Infinity are primitives; TLC cannot enumerate Real, and neither can we. *)
====
`,
  primitives: [constant('Real'), infix('/'), constant('Infinity')],
};

const SEQUENCES: StandardModule = {
  name: 'Sequences',
  text: `---- MODULE Sequences ----
LOCAL INSTANCE Naturals

Seq(S) == UNION {[1 .. n -> S] : n \\in Nat}

Len(s) == CHOOSE n \\in Nat : DOMAIN s = 1 .. n

s \\o t == [i \\in 1 .. (Len(s) + Len(t)) |-> IF i <= Len(s) THEN s[i] ELSE t[i - Len(s)]]

Append(s, e) == s \\o <<e>>

Head(s) == s[1]

Tail(s) == [i \\in 1 .. (Len(s) - 1) |-> s[i + 1]]

SubSeq(s, m, n) == [i \\in 1 .. (1 + n - m) |-> s[i + m - 1]]

SelectSeq(s, Test(_)) ==
  LET F[i \\in 0 .. Len(s)] ==
        IF i = 0 THEN << >>
        ELSE IF Test(s[i]) THEN Append(F[i - 1], s[i]) ELSE F[i - 1]
  IN F[Len(s)]
====
`,
  primitives: [],
};

const FINITE_SETS: StandardModule = {
  name: 'FiniteSets',
  text: `---- MODULE FiniteSets ----
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences

IsFiniteSet(S) == \\E seq \\in Seq(S) : \\A s \\in S : \\E n \\in 1 .. Len(seq) : seq[n] = s

Cardinality(S) ==
  LET CS[T \\in SUBSET S] == IF T = {} THEN 0 ELSE 1 + CS[T \\ {CHOOSE x \\in T : TRUE}]
  IN CS[S]
====
`,
  primitives: [],
};

const BAGS: StandardModule = {
  name: 'Bags',
  text: `---- MODULE Bags ----
LOCAL INSTANCE Naturals

IsABag(B) == B \\in [DOMAIN B -> {n \\in Nat : n > 0}]

BagToSet(B) == DOMAIN B

SetToBag(S) == [e \\in S |-> 1]

BagIn(e, B) == e \\in BagToSet(B)

EmptyBag == SetToBag({})

B1 (+) B2 ==
  [e \\in BagToSet(B1) \\cup BagToSet(B2) |->
     (IF BagIn(e, B1) THEN B1[e] ELSE 0) + (IF BagIn(e, B2) THEN B2[e] ELSE 0)]

B1 (-) B2 ==
  LET B == [e \\in BagToSet(B1) |-> IF BagIn(e, B2) THEN B1[e] - B2[e] ELSE B1[e]]
  IN [e \\in {d \\in BagToSet(B1) : B[d] > 0} |-> B[e]]

LOCAL Sum(f) ==
  LET DSum[S \\in SUBSET DOMAIN f] ==
        LET elt == CHOOSE e \\in S : TRUE
        IN IF S = {} THEN 0 ELSE f[elt] + DSum[S \\ {elt}]
  IN DSum[DOMAIN f]

BagUnion(S) ==
  [e \\in UNION {BagToSet(B) : B \\in S} |-> Sum([B \\in S |-> IF BagIn(e, B) THEN B[e] ELSE 0])]

B1 \\sqsubseteq B2 == /\\ BagToSet(B1) \\subseteq BagToSet(B2)
                     /\\ \\A e \\in BagToSet(B1) : B1[e] <= B2[e]

SubBag(B) ==
  LET AllBagsOfSubset == UNION {[SB -> {n \\in Nat : n > 0}] : SB \\in SUBSET BagToSet(B)}
  IN {SB \\in AllBagsOfSubset : \\A e \\in DOMAIN SB : SB[e] <= B[e]}

BagOfAll(F(_), B) ==
  [e \\in {F(d) : d \\in BagToSet(B)} |->
     Sum([d \\in BagToSet(B) |-> IF F(d) = e THEN B[d] ELSE 0])]

BagCardinality(B) == Sum(B)

CopiesIn(e, B) == IF BagIn(e, B) THEN B[e] ELSE 0
====
`,
  primitives: [],
};

const TLC: StandardModule = {
  name: 'TLC',
  text: `---- MODULE TLC ----
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets

(* Output and assertions: their value is what they return; printing is a side effect of the evaluator. *)
Print(out, val) == val
PrintT(out) == TRUE
Assert(val, out) == IF val = TRUE THEN TRUE ELSE CHOOSE v \\in {} : TRUE
JavaTime == CHOOSE n \\in Nat : TRUE
TLCGet(i) == CHOOSE n \\in Nat : TRUE
TLCSet(i, v) == TRUE

d :> e == [x \\in {d} |-> e]
f @@ g == [x \\in (DOMAIN f) \\cup (DOMAIN g) |-> IF x \\in DOMAIN f THEN f[x] ELSE g[x]]

Permutations(S) == {f \\in [S -> S] : \\A w \\in S : \\E v \\in S : f[v] = w}

SortSeq(s, Op(_, _)) ==
  LET Perm == CHOOSE p \\in Permutations(1 .. Len(s)) :
                \\A i, j \\in 1 .. Len(s) : (i < j) => Op(s[p[i]], s[p[j]]) \\/ (s[p[i]] = s[p[j]])
  IN [i \\in 1 .. Len(s) |-> s[Perm[i]]]

RandomElement(s) == CHOOSE x \\in s : TRUE
Any == CHOOSE x : TRUE
ToString(v) == (CHOOSE x \\in [a : {v}, b : STRING] : TRUE).b
TLCEval(v) == v
====
`,
  primitives: [],
};

const TLC_EXT: StandardModule = {
  name: 'TLCExt',
  text: `---- MODULE TLCExt ----
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers

AssertEq(a, b) == IF a # b THEN /\\ PrintT(<<"Assertion failed", a, b>>) /\\ a = b ELSE a = b
AssertError(err, exp) == TRUE
TLCGetOrDefault(key, defaultVal) == CHOOSE n : TRUE
TLCGetAndSet(key, Op(_, _), val, defaultVal) ==
  LET oldVal == TLCGetOrDefault(key, defaultVal)
  IN CHOOSE v \\in {oldVal} : TLCSet(key, Op(oldVal, val))

(* The behaviour prefix up to the current state; computed by the checker. *)
Trace == CHOOSE t : TRUE
(* In a POSTCONDITION: the counterexample graph; computed by the checker. *)
CounterExample == CHOOSE ce : TRUE
ToTrace(CE) == CHOOSE t : TRUE
TLCModelValue(str) == CHOOSE v : ToString(v) = str
TLCDefer(expression) == TRUE
TLCNoOp(val) == val
PickSuccessor(exp) == IF exp THEN TRUE ELSE CHOOSE b \\in BOOLEAN : TRUE
TLCCache(expression, closure) == expression
TLCFP(var) == CHOOSE i \\in Int : TRUE
TLCEvalDefinition(definitionName) == CHOOSE v : TRUE
====
`,
  primitives: [],
};

const RANDOMIZATION: StandardModule = {
  name: 'Randomization',
  text: `---- MODULE Randomization ----
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets

(* The evaluator chooses pseudo-randomly, seeded by the current state so that traces replay. *)
RandomSubset(k, S) == CHOOSE T \\in SUBSET S : Cardinality(T) = k
RandomSetOfSubsets(k, n, S) == CHOOSE T \\in SUBSET SUBSET S : Cardinality(T) <= k
RandomSubsetSet(k, n, S) == RandomSetOfSubsets(k, n, S)
TestRandomSetOfSubsets(k, n, S) == [i \\in 1 .. 5 |-> Cardinality(RandomSetOfSubsets(k, n, S))]
====
`,
  primitives: [],
};

const TOOLBOX: StandardModule = {
  name: 'Toolbox',
  text: `---- MODULE Toolbox ----
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE TLC

(* Trace exploration: the trace being explored and the position in it. *)
_TETrace == CHOOSE f \\in [(Nat \\ {0}) -> STRING] : TRUE
LOCAL _TETraceLength == Cardinality(DOMAIN _TETrace)
_TEPosition ==
  IF TLCGet("level") >= _TETraceLength THEN _TETraceLength
  ELSE IF TLCGet("level") = 0 THEN 1 ELSE TLCGet("level")
====
`,
  primitives: [],
};

const REAL_TIME: StandardModule = {
  name: 'RealTime',
  text: `---- MODULE RealTime ----
EXTENDS Reals
VARIABLE now

(* Specifying Systems, section 9.2: action A, with subscript v, must occur within E time units of
   being continuously enabled, and not before it has been enabled for D time units. *)
RTBound(A, v, D, E) ==
  LET TNext(t) == t' = IF <<A>>_v \\/ ~(ENABLED <<A>>_v)' THEN 0 ELSE t + (now' - now)
      Timer(t) == (t = 0) /\\ [][TNext(t)]_<<t, v, now>>
      MaxTime(t) == [](t <= E)
      MinTime(t) == [][A => t >= D]_v
  IN \\EE t : Timer(t) /\\ MaxTime(t) /\\ MinTime(t)

RTnow(v) ==
  LET NowNext == /\\ now' \\in {r \\in Real : r > now}
                 /\\ UNCHANGED v
  IN /\\ now \\in Real
     /\\ [][NowNext]_now
     /\\ \\A r \\in Real : WF_now(NowNext /\\ (now' > r))
====
`,
  primitives: [],
};

export const STANDARD_MODULES: ReadonlyMap<string, StandardModule> = new Map(
  [
    NATURALS,
    INTEGERS,
    REALS,
    SEQUENCES,
    FINITE_SETS,
    BAGS,
    TLC,
    TLC_EXT,
    RANDOMIZATION,
    TOOLBOX,
    REAL_TIME,
  ].map((m) => [m.name, m]),
);

/** The file name a standard module is reported under in diagnostics. */
export function standardModuleFile(name: string): string {
  return `<standard>/${name}.tla`;
}
