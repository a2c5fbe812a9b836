import { describe, expect, it } from 'vitest';
import {
  apply,
  applyArgs,
  compare,
  enumerate,
  equals,
  except,
  fcnLambda,
  fcnOf,
  fingerprintHex,
  intAdd,
  intDiv,
  interval,
  intGe,
  intLt,
  intMod,
  intMul,
  intNeg,
  intPow,
  intSub,
  member,
  modelValue,
  NAT,
  normalizeSet,
  opValue,
  printValue,
  record,
  recordField,
  recordOf,
  seqAppend,
  seqConcat,
  seqHead,
  seqLen,
  seqSelect,
  seqSubSeq,
  seqTail,
  setElements,
  setOf,
  setOfFcns,
  setOfRcds,
  setSize,
  str,
  subsetOf,
  EvalError as TlaEvalError,
  tuple,
  type Value,
} from '../../src/values/index.js';

function errorOf(f: () => unknown): TlaEvalError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TlaEvalError);
    return e as TlaEvalError;
  }
  throw new Error('expected an EvalError');
}

const msg = (f: () => unknown) => errorOf(f).message;

describe('EvalError', () => {
  it('carries a kind and gains a span once', () => {
    const e = errorOf(() => intAdd(2147483647, 1));
    expect(e.kind).toBe('overflow');
    expect(e.span).toBeUndefined();
    const span = {
      file: 'M.tla',
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 1, column: 5, offset: 4 },
    };
    const located = e.withSpan(span);
    expect(located.span).toBe(span);
    expect(located.message).toBe(e.message);
    expect(located.withSpan({ ...span, file: 'N.tla' }).span).toBe(span);
  });
});

describe('arithmetic (Naturals.java / Integers.java)', () => {
  it('overflow', () => {
    expect(msg(() => intAdd(2147483647, 1))).toBe('Overflow when computing 2147483647+1');
    expect(msg(() => intSub(-2147483648, 1))).toBe('Overflow when computing -2147483648-1');
    expect(msg(() => intMul(65536, 65536))).toBe('Overflow when computing 65536*65536');
    expect(msg(() => intPow(2, 31))).toBe('Overflow when computing 2^31');
    expect(msg(() => intNeg(-2147483648))).toBe('Overflow when computing --2147483648');
    expect(msg(() => intDiv(-2147483648, -1))).toBe('Overflow when computing -2147483648 \\div -1');
    expect(intPow(-2, 31)).toBe(-2147483648);
    expect(intAdd(2147483646, 1)).toBe(2147483647);
  });

  it('division, modulus, power', () => {
    expect(msg(() => intDiv(1, 0))).toBe('The second argument of \\div is 0.');
    expect(msg(() => intMod(1, 0))).toBe(
      'The second argument of % should be a positive number, but instead it is:\n0',
    );
    expect(msg(() => intPow(2, -1))).toBe(
      'The second argument of ^ should be a natural number, but instead it is:\n-1',
    );
    expect(msg(() => intPow(0, 0))).toBe('0^0 is undefined.');
    expect([intDiv(7, 2), intDiv(-7, 2), intDiv(7, -2), intDiv(-7, -2)]).toEqual([3, -4, -4, 3]);
    expect([intMod(7, 3), intMod(-7, 3), intMod(-6, 3)]).toEqual([1, 2, 0]);
  });

  it('comparison arguments', () => {
    expect(msg(() => intLt(str('a'), 1))).toBe(
      'The first argument of < should be an integer, but instead it is:\n"a"',
    );
    expect(msg(() => intGe(1, true))).toBe(
      'The second argument of > should be an integer, but instead it is:\nTRUE',
    );
  });
});

describe('equality and comparison across types', () => {
  it('equality', () => {
    expect(msg(() => equals(1, str('a')))).toBe(
      'Attempted to check equality of integer 1 with non-integer:\n"a"',
    );
    expect(msg(() => equals(true, 1))).toBe(
      'Attempted to compare equality of boolean TRUE with non-boolean:\n1',
    );
    expect(msg(() => equals(str('a'), 1))).toBe(
      'Attempted to check equality of string "a" with non-string:\n1',
    );
    expect(msg(() => equals(setOf([1]), 1))).toBe(
      'Attempted to check equality of the set {1} with the value:\n1',
    );
    expect(msg(() => equals(record({ a: 1 }), tuple([1])))).toBe(
      'Attempted to check equality of record:\n[a |-> 1]\nwith non-record\n<<1>>',
    );
    expect(msg(() => equals(fcnOf([2], [1]), setOf([])))).toBe(
      'Attempted to check equality of the function (2 :> 1) with the value:\n{}',
    );
    expect(msg(() => equals(tuple([1]), setOf([])))).toBe(
      'Attempted to check equality of the function <<1>> with the value:\n{}',
    );
  });

  it('model values', () => {
    const m = modelValue('m');
    const ax = modelValue('A_x');
    const by = modelValue('B_y');
    expect(equals(m, 1)).toBe(false);
    expect(equals(1, m)).toBe(false);
    expect(equals(m, setOf([]))).toBe(false);
    expect(compare(m, 1)).toBeLessThan(0);
    expect(compare(1, m)).toBeGreaterThan(0);
    expect(compare(str('z'), m)).toBeGreaterThan(0);
    expect(equals(ax, m)).toBe(false);
    expect(msg(() => equals(ax, by))).toBe(
      'Attempted to check equality of the differently-typed model values A_x and B_y',
    );
    expect(msg(() => equals(ax, 1))).toBe(
      'Attempted to check equality of typed model value A_x and non-model value\n1',
    );
    expect(msg(() => equals(1, ax))).toBe(
      'Attempted to check equality of the typed model value A_x and the non-model value\n1',
    );
    expect(msg(() => compare(ax, by))).toBe(
      'Attempted to compare the differently-typed model values A_x and B_y',
    );
    expect(msg(() => compare(1, ax))).toBe(
      'Attempted to compare the typed model value A_x and the non-model value\n1',
    );
    expect(msg(() => member(ax, setOf([1])))).toBe(
      'Attempted to check equality of the typed model value A_x and the non-model value\n1',
    );
    expect(msg(() => member(ax, NAT))).toBe(
      'Attempted to check if the typed model value A_x is an element of\nNat',
    );
  });

  it('sets mixing incomparable elements fail when normalised, naming the pair as TLC does', () => {
    expect(msg(() => normalizeSet(setOf([1, str('a')])))).toBe(
      'Attempted to compare string "a" with non-string:\n1',
    );
    expect(msg(() => printValue(setOf([str('a'), 1])))).toBe(
      'Attempted to compare integer 1 with non-integer:\n"a"',
    );
    expect(msg(() => fingerprintHex(setOf([setOf([]), 1])))).toBe(
      'Attempted to compare integer 1 with non-integer:\n{}',
    );
    expect(msg(() => compare(setOf([1]), tuple([1])))).toBe(
      'Attempted to compare the set {1} with the value:\n<<1>>',
    );
    expect(msg(() => compare(true, 1))).toBe('Attempted to compare boolean TRUE with non-boolean:\n1');
    // untyped model values mix with anything
    expect(printValue(setOf([2, modelValue('nil'), 1]))).toBe('{nil, 1, 2}');
  });
});

describe('membership', () => {
  it('in non-sets and special sets', () => {
    expect(msg(() => member(1, 2))).toBe(
      'Attempted to check if the value:\n1\nis an element of the integer 2',
    );
    expect(msg(() => member(1, true))).toBe(
      'Attempted to check if the value:\n1\nis an element of the boolean TRUE',
    );
    expect(msg(() => member(1, str('s')))).toBe(
      'Attempted to check if the value:\n1\nis an element of the string "s"',
    );
    expect(msg(() => member(1, tuple([1])))).toBe('Attempted to check set membership in a tuple value.');
    expect(msg(() => member(1, record({ a: 1 })))).toBe(
      'Attempted to check if element:\n1\nis in the record:\n[a |-> 1]',
    );
    expect(msg(() => member(1, fcnOf([2], [3])))).toBe(
      'Attempted to check if the value:\n1\nis an element of the function (2 :> 3)',
    );
    expect(msg(() => member(str('a'), interval(1, 3)))).toBe(
      'Attempted to check if the value:\n"a"\nis in the integer interval 1..3',
    );
    expect(member(modelValue('nil'), interval(1, 3))).toBe(false);
    expect(msg(() => member(str('a'), NAT))).toBe(
      'Attempted to check if the value:\n"a"\nis an element of Nat.',
    );
    expect(msg(() => member(1, subsetOf(setOf([1]))))).toBe(
      'Attempted to check if the non-enumerable value\n1\nis element of\n{{}, {1}}',
    );
    expect(msg(() => member(1, setOfRcds([str('a')], [setOf([1])])))).toBe(
      'Attempted to check if non-record\n1\nis in the set of records:\n{[a |-> 1]}',
    );
    expect(msg(() => member(1, setOfFcns(setOf([1]), setOf([1]))))).toBe(
      'Attempted to check if \n1\nwhich is not a TLC function value, is in the set of functions:\n{<<1>>}',
    );
  });
});

describe('functions, records, tuples', () => {
  it('application', () => {
    expect(msg(() => apply(fcnOf([str('a')], [1]), str('b')))).toBe(
      'Attempted to apply function:\n[a |-> 1]\nto argument "b", which is not in the domain of the function.',
    );
    expect(msg(() => apply(tuple([1, 2]), 3))).toBe(
      'Attempted to access index 3 of tuple\n<<1, 2>>\nwhich is out of bounds.',
    );
    expect(msg(() => apply(tuple([1, 2]), str('x')))).toBe(
      'Attempted to access tuple at a non integral index: "x"',
    );
    expect(msg(() => recordField(record({ a: 1 }), str('b')))).toBe(
      "Attempted to access nonexistent field 'b' of record\n[a |-> 1]",
    );
    expect(msg(() => apply(record({ a: 1 }), 1))).toBe(
      'Attempted to access record by a non-string argument: 1',
    );
    expect(msg(() => apply(setOf([]), 1))).toBe(
      'A non-function (a set of the form {e1, ... ,eN}) was applied as a function.',
    );
    expect(msg(() => apply(3, 1))).toBe('A non-function (an integer) was applied as a function.');
    expect(msg(() => applyArgs(tuple([1]), [1, 2]))).toBe(
      'Attempted to evaluate an expression of form f[e1, ... , eN]\nwith f a tuple or record and N > 1.',
    );
    const sq = fcnLambda(NAT, (n) => intMul(n as number, n as number), '[n \\in Nat |-> <expression n * n>]');
    expect(apply(sq, 12)).toBe(144);
    expect(msg(() => apply(sq, -1))).toBe(
      'In applying the function\n[n \\in Nat |-> <expression n * n>],\nthe first argument is:\n-1\nwhich is not in its domain.\n',
    );
    const twoArgs = fcnOf([tuple([1, 2])], [3]);
    expect(applyArgs(twoArgs, [1, 2])).toBe(3);
  });

  it('construction', () => {
    expect(msg(() => recordOf([str('a'), str('a')], [1, 2]))).toBe(
      'Field name a occurs multiple times in record.',
    );
    expect(msg(() => setOfRcds([str('a'), str('a')], [setOf([]), setOf([])]))).toBe(
      'Field name a occurs multiple times in set of records.',
    );
    expect(msg(() => fcnOf([1, 1], [2, 3]))).toBe(
      'The value\n1\noccurs multiple times in the function domain.',
    );
  });

  it('EXCEPT', () => {
    expect(msg(() => except(setOf([1]), [1], () => 2))).toBe('Attempted to apply EXCEPT to the set {1}.');
    expect(msg(() => except(interval(1, 2), [1], () => 2))).toBe(
      'Attempted to apply EXCEPT construct to the interval value 1..2.',
    );
    expect(msg(() => except(modelValue('m'), [1], () => 2))).toBe(
      'Attempted to apply EXCEPT construct to the model value m.',
    );
    // outside the domain: unchanged, and @ is not evaluated
    const f = fcnOf([1, 2], [str('a'), str('b')]);
    expect(except(f, [3], () => 'boom' as unknown as Value)).toBe(f);
    expect(printValue(except(record({ a: record({ b: 1 }) }), [str('a'), str('b')], () => 2))).toBe(
      '[a |-> [b |-> 2]]',
    );
    // lazy functions with infinite domains stay lazy
    const sq = fcnLambda(NAT, (n) => intMul(n as number, n as number));
    const g = except(sq, [3], (old) => intAdd(old as number, 1));
    expect(apply(g, 3)).toBe(10);
    expect(apply(g, 4)).toBe(16);
  });

  it('sequences (Sequences.java)', () => {
    expect(msg(() => seqTail(tuple([])))).toBe('Attempted to apply Tail to the empty sequence.');
    expect(msg(() => seqHead(tuple([])))).toBe('Attempted to apply Head to the empty sequence.');
    expect(msg(() => seqLen(setOf([])))).toBe(
      'The argument of Len should be a sequence, but instead it is:\n{}',
    );
    expect(msg(() => seqAppend(1, 2))).toBe(
      'Evaluating an expression of the form Append(s, v) when s is not a sequence:\n1',
    );
    expect(msg(() => seqConcat(tuple([]), 1))).toBe(
      'Evaluating an expression of the form t \\o s when s is not a sequence:\n1',
    );
    expect(msg(() => seqSubSeq(tuple([1, 2]), 0, 1))).toBe(
      'The second argument of SubSeq must be in the domain of its first argument:\n<<1, 2>>\n, but instead it is\n0',
    );
    const notBool = opValue('Test', 1, () => 1);
    expect(msg(() => seqSelect(tuple([1]), notBool))).toBe(
      'The second argument of SelectSeq should be a boolean-valued operator, but instead it is:\nTest',
    );
    expect(printValue(seqSelect(tuple([1, 2, 3, 4]), (x) => (x as number) % 2 === 0))).toBe('<<2, 4>>');
    expect(printValue(seqSubSeq(tuple([1, 2, 3]), 2, 3))).toBe('<<2, 3>>');
    expect(printValue(seqSubSeq(str('hello'), 2, 3))).toBe('"el"');
    expect(seqLen(str('hello'))).toBe(5);
    expect(printValue(seqConcat(str('a'), str('b')))).toBe('"ab"');
    expect(printValue(seqTail(fcnOf([2, 1], [str('b'), str('a')])))).toBe('<<"b">>');
  });
});

describe('sets', () => {
  it('sizes and enumeration', () => {
    expect(msg(() => setSize(subsetOf(interval(1, 40))))).toBe(
      'Overflow when computing the number of elements in:\nSUBSET (1..40)',
    );
    expect(msg(() => setSize(NAT))).toBe('Attempted to compute cardinality of the value\nNat');
    expect(msg(() => enumerate(NAT))).toBe('Attempted to enumerate the nonenumerable set:\nNat');
    expect(msg(() => enumerate(setOfFcns(setOf([1]), NAT)))).toBe(
      'Attempted to enumerate a set of the form [D -> R],but the range R:\nNat\ncannot be enumerated.',
    );
  });
});

describe('sets too large to hold in memory', () => {
  it('SUBSET of 23 elements (8,388,608 sets) is refused with a message, not a crash', () => {
    const big = subsetOf(interval(1, 23));
    expect(setSize(big)).toBe(2 ** 23);
    expect(() => setElements(big)).toThrow(/8388608 elements: too many to hold in memory/);
    // Membership needs no enumeration.
    expect(member(setOf([1, 2]), big)).toBe(true);
  });

  it('[D -> R] past 2^31 elements overflows as in TLC', () => {
    expect(() => setSize(setOfFcns(interval(1, 20), interval(1, 20)))).toThrow(/./);
  });
});
