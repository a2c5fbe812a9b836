import {
  apply,
  asSequence,
  compare,
  domainOf,
  equals,
  fcnDomainElems,
  fcnMerge,
  fcnOf,
  fcnSingleton,
  forEachElement,
  INT,
  intAdd,
  intDiv,
  intGe,
  intGt,
  intLe,
  intLt,
  intMod,
  intMul,
  intNeg,
  intPow,
  intRange,
  intSub,
  isFiniteSet,
  NAT,
  OpValue,
  printValue,
  REAL,
  recordField,
  recordOf,
  seqAppend,
  seqConcat,
  seqHead,
  seqLen,
  seqSelect,
  seqSetOf,
  seqSubSeq,
  seqTail,
  setElements,
  setOf,
  setSize,
  str,
  EvalError as TlaEvalError,
  tuple,
  type Value,
} from '../values/index.js';

/** TLC's switch for action composition (`java -Dtlc2.tool.impl.Tool.cdot=true`). */
const CDOT_PROPERTY = 'tlc2.tool.impl.Tool.cdot';

/** State shared by the native operators of one model run: output, TLCGet/TLCSet registers. */
export interface NativeContext {
  /** The set STRING (membership only). */
  readonly stringSet: Value;
  /** Where Print and PrintT write (TLC prints to stdout). */
  print(text: string): void;
  /** TLCSet registers (TLC: per worker). */
  readonly registers: Map<number, Value>;
  /** Values TLCGet("…") reports besides the registers (level, distinct, ...). */
  stat(name: string): Value | undefined;
  /**
   * Counts reads of values that change while the checker runs (TLCGet): a constant definition
   * whose evaluation read one is not cached (TLC fails to pre-evaluate those and so never caches them).
   */
  volatileReads: number;
  /** Environment variables, for IOUtils' IOEnv. */
  readonly environment: Readonly<Record<string, string | undefined>>;
}

type Ctx = { readonly level: number };
export type Native = (
  args: Value[],
  natives: NativeContext,
  c: Ctx,
  call: (op: Value, args: Value[]) => Value,
) => Value;

function int(v: Value, which: 'first' | 'second', op: string): number {
  if (typeof v !== 'number') {
    throw new TlaEvalError(
      `The ${which} argument of ${op} should be an integer, but instead it is:\n${printValue(v)}`,
      'type',
    );
  }
  return v;
}

const two =
  (op: string, f: (a: number, b: number) => Value): Native =>
  (args) =>
    f(int(args[0], 'first', op), int(args[1], 'second', op));

const NATURALS: Record<string, Native> = {
  Nat: () => NAT,
  '+': two('+', intAdd),
  '-': two('-', intSub),
  '*': two('*', intMul),
  '^': two('^', intPow),
  '%': two('%', intMod),
  '\\div': two('\\div', intDiv),
  '..': two('..', intRange),
  '<': (a) => intLt(a[0], a[1]),
  '>': (a) => intGt(a[0], a[1]),
  '<=': (a) => intLe(a[0], a[1]),
  '>=': (a) => intGe(a[0], a[1]),
};

const INTEGERS: Record<string, Native> = {
  Int: () => INT,
  '-.': (a) => intNeg(int(a[0], 'first', '-')),
};

const REALS: Record<string, Native> = {
  Real: () => REAL,
  '/': () => {
    throw new TlaEvalError('TLC cannot handle real numbers: / is not supported', 'type');
  },
  Infinity: () => {
    throw new TlaEvalError('TLC cannot handle real numbers: Infinity is not supported', 'type');
  },
};

const SEQUENCES: Record<string, Native> = {
  Seq: (a) => seqSetOf(a[0]),
  Len: (a) => seqLen(a[0]),
  '\\circ': (a) => seqConcat(a[0], a[1]),
  Append: (a) => seqAppend(a[0], a[1]),
  Head: (a) => seqHead(a[0]),
  Tail: (a) => seqTail(a[0]),
  SubSeq: (a) => seqSubSeq(a[0], a[1], a[2]),
  SelectSeq: (a, _n, _c, call) => {
    const test = a[1];
    if (!(test instanceof OpValue))
      throw new TlaEvalError('The second argument of SelectSeq must be an operator', 'type');
    return seqSelect(a[0], (x) => call(test, [x]));
  },
};

const FINITE_SETS: Record<string, Native> = {
  IsFiniteSet: (a) => isFiniteSet(a[0]),
  Cardinality: (a) => setSize(a[0]),
};

function permutations(set: Value): Value {
  const elems = setElements(set);
  const out: Value[] = [];
  const used = new Array<boolean>(elems.length).fill(false);
  const image: Value[] = [];
  const go = () => {
    if (image.length === elems.length) {
      out.push(fcnOf([...elems], [...image]));
      return;
    }
    for (let i = 0; i < elems.length; i++) {
      if (used[i]) continue;
      used[i] = true;
      image.push(elems[i]);
      go();
      image.pop();
      used[i] = false;
    }
  };
  go();
  return setOf(out);
}

const TLC: Record<string, Native> = {
  Print: (a, n) => {
    n.print(printValue(a[0]));
    return a[1];
  },
  PrintT: (a, n) => {
    n.print(printValue(a[0]));
    return true;
  },
  Assert: (a) => {
    if (a[0] === true) return true;
    if (a[0] === false) {
      throw new TlaEvalError(
        `The first argument of Assert evaluated to FALSE; the second argument was:\n${printValue(a[1])}`,
        'assert' as never,
      );
    }
    throw new TlaEvalError(
      `The first argument of Assert should be a boolean, but instead it is:\n${printValue(a[0])}`,
      'type',
    );
  },
  JavaTime: () => Math.floor(Date.now() / 1000) & 0x7fffffff,
  TLCGet: (a, n, c) => {
    const key = a[0];
    n.volatileReads++;
    if (typeof key === 'number') {
      const v = n.registers.get(key);
      if (v === undefined)
        throw new TlaEvalError(`TLCGet(${key}) was called before TLCSet(${key}, ...)`, 'other');
      return v;
    }
    if (key === str('level')) return c.level;
    const name = typeof key === 'object' && 's' in key ? (key as { s: string }).s : printValue(key);
    if (name.startsWith('-D')) {
      // A Java system property in TLC, its own text when unset. Action composition is always on
      // here, so the property specs test before using \cdot reads "true".
      return str(name === `-D${CDOT_PROPERTY}` ? 'true' : name);
    }
    const v = n.stat(name);
    if (v === undefined) throw new TlaEvalError(`TLCGet("${name}") is not supported`, 'other');
    return v;
  },
  TLCSet: (a, n) => {
    if (typeof a[0] !== 'number')
      throw new TlaEvalError('The first argument of TLCSet must be an integer', 'type');
    n.registers.set(a[0], a[1]);
    return true;
  },
  ':>': (a) => fcnSingleton(a[0], a[1]),
  '@@': (a) => fcnMerge(a[0], a[1]),
  Permutations: (a) => permutations(a[0]),
  SortSeq: (a, _n, _c, call) => {
    const op = a[1];
    if (!(op instanceof OpValue))
      throw new TlaEvalError('The second argument of SortSeq must be an operator', 'type');
    const elems = [...(tuple([]) && seqElements(a[0]))];
    elems.sort((x, y) => (call(op, [x, y]) === true ? -1 : call(op, [y, x]) === true ? 1 : 0));
    return tuple(elems);
  },
  RandomElement: (a) => {
    const elems = setElements(a[0]);
    if (elems.length === 0)
      throw new TlaEvalError('Attempted to compute RandomElement of the empty set', 'other');
    return elems[Math.floor(Math.random() * elems.length)];
  },
  Any: () => {
    throw new TlaEvalError('TLC cannot evaluate Any', 'other');
  },
  ToString: (a) => str(printValue(a[0])),
  TLCEval: (a) => a[0],
};

function seqElements(s: Value): Value[] {
  const len = seqLen(s);
  const out: Value[] = [];
  for (let i = 1; i <= len; i++) out.push(apply(s, i));
  return out;
}

const TLC_EXT: Record<string, Native> = {
  AssertEq: (a, n) => {
    if (equals(a[0], a[1])) return true;
    n.print('Assertion failed');
    n.print(printValue(a[0]));
    n.print(printValue(a[1]));
    return false;
  },
  TLCNoOp: (a) => a[0],
  TLCDefer: () => true,
  TLCCache: (a) => a[0],
  PickSuccessor: () => true,
};

const RANDOMIZATION: Record<string, Native> = {
  RandomSubset: (a) => {
    const k = int(a[0], 'first', 'RandomSubset');
    const elems = [...setElements(a[1])];
    if (k > elems.length)
      throw new TlaEvalError(
        `The first argument of RandomSubset must be at most the size of the set`,
        'other',
      );
    for (let i = elems.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [elems[i], elems[j]] = [elems[j], elems[i]];
    }
    return setOf(elems.slice(0, k));
  },
};

// --- Community Modules ------------------------------------------------------------------------
// TLC overrides these in Java (tlc2.module.*) because their TLA+ definitions are slow or cannot be
// evaluated by enumeration (SetToSeq is CHOOSE over [1..n -> S]); the same results here.

function sequence(v: Value, op: string): readonly Value[] {
  const s = asSequence(v);
  if (!s)
    throw new TlaEvalError(
      `The argument of ${op} should be a sequence, but instead it is:\n${printValue(v)}`,
      'type',
    );
  return s;
}

function integer(v: Value, op: string): number {
  if (typeof v !== 'number')
    throw new TlaEvalError(`${op} applies to a set of integers, but it contains:\n${printValue(v)}`, 'type');
  return v;
}

/** The values of a function (tuple, record or function): its range. */
function rangeOf(f: Value): Value {
  return setOf(fcnDomainElems(f).map((d) => apply(f, d)));
}

function isPrefix(s: readonly Value[], t: readonly Value[]): boolean {
  return s.length <= t.length && s.every((x, i) => equals(x, t[i]));
}

const SEQUENCES_EXT: Record<string, Native> = {
  // The elements in TLC's order of the set (SequencesExt.SetToSeq: an injective sequence).
  SetToSeq: (a) => tuple([...setElements(a[0])]),
  ToSet: (a) => setOf([...sequence(a[0], 'ToSet')]),
  Reverse: (a) => tuple([...sequence(a[0], 'Reverse')].reverse()),
  Cons: (a) => tuple([a[0], ...sequence(a[1], 'Cons')]),
  Front: (a) => {
    const s = sequence(a[0], 'Front');
    if (s.length === 0) throw new TlaEvalError('Attempted to apply Front to the empty sequence.', 'other');
    return tuple(s.slice(0, -1));
  },
  Last: (a) => {
    const s = sequence(a[0], 'Last');
    if (s.length === 0) throw new TlaEvalError('Attempted to apply Last to the empty sequence.', 'other');
    return s[s.length - 1];
  },
  Contains: (a) => sequence(a[0], 'Contains').some((x) => equals(x, a[1])),
  IsPrefix: (a) => isPrefix(sequence(a[0], 'IsPrefix'), sequence(a[1], 'IsPrefix')),
  IsStrictPrefix: (a) => {
    const s = sequence(a[0], 'IsStrictPrefix');
    const t = sequence(a[1], 'IsStrictPrefix');
    return s.length < t.length && isPrefix(s, t);
  },
};

const FUNCTIONS: Record<string, Native> = {
  Range: (a) => rangeOf(a[0]),
  IsInjective: (a) => {
    const values = fcnDomainElems(a[0]).map((d) => apply(a[0], d));
    return setSize(setOf([...values])) === values.length;
  },
};

const FINITE_SETS_EXT: Record<string, Native> = {
  Max: (a) => {
    const xs = setElements(a[0]).map((x) => integer(x, 'Max'));
    if (xs.length === 0) throw new TlaEvalError('Attempted to compute the Max of the empty set.', 'other');
    return Math.max(...xs);
  },
  Min: (a) => {
    const xs = setElements(a[0]).map((x) => integer(x, 'Min'));
    if (xs.length === 0) throw new TlaEvalError('Attempted to compute the Min of the empty set.', 'other');
    return Math.min(...xs);
  },
  Sum: (a) => setElements(a[0]).reduce<number>((acc, x) => intAdd(acc, integer(x, 'Sum')) as number, 0),
  Quantify: (a, _n, _c, call) => {
    const test = a[1];
    if (!(test instanceof OpValue))
      throw new TlaEvalError('The second argument of Quantify must be an operator', 'type');
    return setElements(a[0]).filter((x) => call(test, [x]) === true).length;
  },
};

/** The nodes reachable from `from` in a graph `[node |-> N, edge |-> E]` (Graphs.tla), `from` included. */
function reachable(g: Value, from: Value): Value[] {
  const nodes = setElements(recordField(g, str('node')));
  const edges = setElements(recordField(g, str('edge')));
  const seen: Value[] = [from];
  for (let i = 0; i < seen.length; i++) {
    for (const e of edges) {
      const [a, b] = sequence(e, 'a graph edge');
      // A path is a sequence of nodes: an edge to something else leads nowhere.
      if (equals(a, seen[i]) && nodes.some((x) => equals(x, b)) && !seen.some((x) => equals(x, b)))
        seen.push(b);
    }
  }
  return seen;
}

const GRAPHS: Record<string, Native> = {
  // \E p \in Path(G) : p[1] = m /\ p[Len(p)] = n, with Path(G) the non-empty sequences of nodes
  // along edges: Seq(G.node) is infinite, so only a search can answer (TLC overrides it too).
  AreConnectedIn: (a) => {
    const nodes = recordField(a[2], str('node'));
    if (!setElements(nodes).some((x) => equals(x, a[0]))) return false;
    return reachable(a[2], a[0]).some((x) => equals(x, a[1]));
  },
  IsStronglyConnected: (a) => {
    const nodes = setElements(recordField(a[0], str('node')));
    return nodes.every((m) => {
      const r = reachable(a[0], m);
      return nodes.every((n) => r.some((x) => equals(x, n)));
    });
  },
};

/** An IOUtils operator that would run a command or touch a file: an evaluation error that says so. */
function refuseIO(name: string): Native {
  return () => {
    throw new TlaEvalError(
      `${name} runs commands or reads and writes files; modelcheck does not do that for a spec (a spec may come from a share link), so ${name} cannot be evaluated`,
      'other',
    );
  };
}

/**
 * IOUtils: the operators that only read (IOEnv, atoi) natively; those that write files or run
 * commands (IOExec, IOSerialize, …) are refused with a clear error, on purpose: a spec from the
 * playground or a share link must not be able to touch the machine.
 */
const IO_UTILS: Record<string, Native> = {
  // TLC: a record of System.getenv(), fields in TLC's record order.
  IOEnv: (_a, n) => {
    const names = Object.keys(n.environment).filter((k) => n.environment[k] !== undefined);
    return recordOf(
      names.map(str),
      names.map((k) => str(n.environment[k] as string)),
    );
  },
  IOExec: refuseIO('IOExec'),
  IOEnvExec: refuseIO('IOEnvExec'),
  IOExecTemplate: refuseIO('IOExecTemplate'),
  IOEnvExecTemplate: refuseIO('IOEnvExecTemplate'),
  IOSerialize: refuseIO('IOSerialize'),
  IODeserialize: refuseIO('IODeserialize'),
  Serialize: refuseIO('Serialize'),
  Deserialize: refuseIO('Deserialize'),
  // TLC: Integer.parseInt.
  atoi: (a) => {
    const s = a[0];
    const text = typeof s === 'object' && 's' in s ? (s as { s: string }).s : undefined;
    if (
      text === undefined ||
      !/^[+-]?\d+$/.test(text) ||
      !Number.isSafeInteger(Number(text)) ||
      Math.abs(Number(text)) > 2147483647
    )
      throw new TlaEvalError(
        `atoi expects a string of decimal digits that fits an int, but instead it got:\n${printValue(s)}`,
        'type',
      );
    return Number(text);
  },
};

/** Community Modules whose operators have native versions (matched by module name, as TLC does). */
const COMMUNITY = new Set(['SequencesExt', 'Functions', 'FiniteSetsExt', 'Graphs', 'IOUtils']);

/** Whether a module's operators may be replaced by natives: the standard modules and known community ones. */
export function hasNativeModule(
  module: { readonly name: string; readonly isStandard: boolean } | undefined,
): boolean {
  return module !== undefined && (module.isStandard || COMMUNITY.has(module.name));
}

const NATIVES: Record<string, Record<string, Native>> = {
  SequencesExt: SEQUENCES_EXT,
  Functions: FUNCTIONS,
  FiniteSetsExt: FINITE_SETS_EXT,
  Graphs: GRAPHS,
  IOUtils: IO_UTILS,
  Naturals: NATURALS,
  Integers: INTEGERS,
  Reals: REALS,
  Sequences: SEQUENCES,
  FiniteSets: FINITE_SETS,
  TLC: TLC,
  TLCExt: TLC_EXT,
  Randomization: RANDOMIZATION,
};

/** The native implementation of a standard-module operator, if there is one. */
export function nativeOperator(module: string, name: string): Native | undefined {
  return NATIVES[module]?.[name];
}

export function defaultNativeContext(
  print: (text: string) => void = () => {},
  stringSet?: Value,
): NativeContext {
  return {
    stringSet: stringSet ?? setOf([]),
    print,
    registers: new Map(),
    stat: () => undefined,
    volatileReads: 0,
    environment: {},
  };
}

export { compare, domainOf, forEachElement };
