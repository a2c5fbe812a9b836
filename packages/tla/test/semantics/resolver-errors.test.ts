import { describe, expect, it } from 'vitest';
import { analyzeFiles, errorKeys, errors, main } from './helpers.js';

/**
 * Each case is a spec with one mistake and the exact code, line and column it must be reported at.
 * Lines count from the `---- MODULE Main ----` header (line 1).
 */
const cases: {
  name: string;
  files: Record<string, string>;
  expect: string[];
  message?: RegExp;
  hint?: RegExp;
}[] = [
  {
    name: 'unknown name, with a did-you-mean hint',
    files: { 'Main.tla': main('VARIABLE lockOwner', 'TypeOK == lockOwnr = 1') },
    expect: ['TLA204@3:11'],
    message: /unknown name lockOwnr/,
    hint: /did you mean lockOwner/,
  },
  {
    name: 'arithmetic without EXTENDS Naturals',
    files: { 'Main.tla': main('VARIABLE x', "Next == x' = x + 1") },
    expect: ['TLA204@3:16'],
    message: /unknown operator \+/,
    hint: /EXTENDS Naturals/,
  },
  {
    name: 'Len without EXTENDS Sequences',
    files: { 'Main.tla': main('EXTENDS Naturals', 'L(s) == Len(s) + 1') },
    expect: ['TLA204@3:9'],
    hint: /EXTENDS Sequences/,
  },
  {
    name: 'operator applied to too few arguments',
    files: { 'Main.tla': main('Op(a, b) == a', 'X == Op(1)') },
    expect: ['TLA205@3:6'],
    message: /Op takes 2 arguments, but 1 is given/,
  },
  {
    name: 'operator applied to too many arguments',
    files: { 'Main.tla': main('Op(a) == a', 'X == Op(1, 2, 3)') },
    expect: ['TLA205@3:6'],
  },
  {
    name: 'arguments given to a constant',
    files: { 'Main.tla': main('CONSTANT N', 'X == N(1)') },
    expect: ['TLA205@3:6'],
  },
  {
    name: 'operator with parameters used as a value',
    files: { 'Main.tla': main('Op(a) == a', 'X == Op') },
    expect: ['TLA206@3:6'],
    message: /takes 1 argument; it cannot be used as a value/,
  },
  {
    name: 'missing module, with the closest standard module',
    files: { 'Main.tla': main('EXTENDS Naturalz', 'X == 1') },
    expect: ['TLA200@2:9'],
    hint: /did you mean Naturals/,
  },
  {
    name: 'missing module with no near name',
    files: { 'Main.tla': main('EXTENDS Paxos', 'X == 1') },
    expect: ['TLA200@2:9'],
    hint: /--lib/,
  },
  {
    name: 'circular EXTENDS',
    files: {
      'Main.tla': main('EXTENDS A', 'X == 1'),
      'A.tla': '---- MODULE A ----\nEXTENDS B\n====',
      'B.tla': '---- MODULE B ----\nEXTENDS A\n====',
    },
    expect: ['TLA201@2:9'],
    message: /circular module dependency: A -> B -> A/,
  },
  {
    name: 'a module that extends itself',
    files: { 'Main.tla': main('EXTENDS Main', 'X == 1') },
    expect: ['TLA201@2:9'],
  },
  {
    name: 'file name and module name differ',
    files: { 'Main.tla': main('EXTENDS Lib', 'X == 1'), 'Lib.tla': '---- MODULE Library ----\nY == 2\n====' },
    expect: ['TLA202@1:13'],
    message: /declares MODULE Library/,
  },
  {
    name: 'a definition given twice',
    files: { 'Main.tla': main('Foo == 1', 'Foo == 2') },
    expect: ['TLA203@3:1'],
    message: /Foo is already defined/,
  },
  {
    name: 'redefining a library operator',
    files: { 'Main.tla': main('EXTENDS Sequences', 'Len(s) == 0') },
    expect: ['TLA203@3:1'],
  },
  {
    name: 'a variable with the name of a constant',
    files: { 'Main.tla': main('CONSTANT x', 'VARIABLE x') },
    expect: ['TLA203@3:10'],
    message: /already declared as a CONSTANT/,
  },
  {
    name: 'duplicate parameter',
    files: { 'Main.tla': main('Op(a, a) == a') },
    expect: ['TLA203@2:7'],
  },
  {
    name: 'use before definition',
    files: { 'Main.tla': main('A == B', 'B == 1') },
    expect: ['TLA204@2:6'],
  },
  {
    name: 'a bound variable used outside its quantifier',
    files: { 'Main.tla': main('X == (\\E y \\in {1} : TRUE) /\\ y') },
    expect: ['TLA204@2:31'],
  },
  {
    name: 'unknown name inside LET',
    files: { 'Main.tla': main('X == LET a == 1 IN a = b') },
    expect: ['TLA204@2:24'],
  },
  {
    name: 'LOCAL definitions are not exported',
    files: {
      'Main.tla': main('EXTENDS Lib', 'X == Helper'),
      'Lib.tla': '---- MODULE Lib ----\nLOCAL Helper == 1\n====',
    },
    expect: ['TLA204@3:6'],
  },
  {
    name: 'M!Op on something that is not an instance',
    files: { 'Main.tla': main('CONSTANT c', 'X == c!Op') },
    expect: ['TLA207@3:6'],
  },
  {
    name: 'M!Op where the module has no Op',
    files: {
      'Main.tla': main('I == INSTANCE Lib', 'X == I!Nope'),
      'Lib.tla': '---- MODULE Lib ----\nHope == 1\n====',
    },
    expect: ['TLA207@3:8'],
    hint: /did you mean I!Hope/,
  },
  {
    name: 'M!v where v is a variable of the instantiated module',
    files: {
      'Main.tla': main('VARIABLE v', 'I == INSTANCE Lib', 'X == I!v'),
      'Lib.tla': '---- MODULE Lib ----\nVARIABLE v\nY == v\n====',
    },
    expect: ['TLA207@4:8'],
  },
  {
    name: 'instance operator with the wrong number of arguments',
    files: {
      'Main.tla': main('I == INSTANCE Lib', 'X == I!Op(1, 2)'),
      'Lib.tla': '---- MODULE Lib ----\nOp(a) == a\n====',
    },
    expect: ['TLA205@3:8'],
  },
  {
    name: 'parameterised instance with the wrong number of arguments',
    files: {
      'Main.tla': main('I(x) == INSTANCE Lib WITH c <- x', 'X == I(1, 2)!Op'),
      'Lib.tla': '---- MODULE Lib ----\nCONSTANT c\nOp == c\n====',
    },
    expect: ['TLA205@3:6'],
  },
  {
    name: 'WITH substitutes something that is not a parameter',
    files: {
      'Main.tla': main('INSTANCE Lib WITH z <- 1'),
      'Lib.tla': '---- MODULE Lib ----\nCONSTANT n\nOp == n\n====',
    },
    // n is then also left without a value.
    expect: ['TLA209@2:10', 'TLA208@2:19'],
  },
  {
    name: 'INSTANCE leaves a constant without a value',
    files: { 'Main.tla': main('INSTANCE Lib'), 'Lib.tla': '---- MODULE Lib ----\nCONSTANT N\nOp == N\n====' },
    expect: ['TLA209@2:10'],
    message: /needs a value for its constant N/,
  },
  {
    name: 'RECURSIVE without a definition',
    files: { 'Main.tla': main('RECURSIVE F(_)', 'X == 1') },
    expect: ['TLA210@2:11'],
  },
  {
    name: 'RECURSIVE with another arity than the definition',
    files: {
      'Main.tla': main('EXTENDS Naturals', 'RECURSIVE F(_)', 'F(a, b) == IF a = 0 THEN b ELSE F(a - 1, b)'),
    },
    // The recursive call was written for the declared arity, so it is reported too.
    expect: ['TLA210@4:1', 'TLA205@4:33'],
  },
  {
    name: 'LAMBDA with the wrong number of parameters',
    files: { 'Main.tla': main('Apply(F(_), x) == F(x)', 'X == Apply(LAMBDA a, b : a, 1)') },
    expect: ['TLA211@3:12'],
  },
  {
    name: 'operator argument with the wrong arity',
    files: { 'Main.tla': main('Apply(F(_), x) == F(x)', 'Two(a, b) == a', 'X == Apply(Two, 1)') },
    expect: ['TLA211@4:12'],
  },
  {
    name: 'an expression where an operator argument is required',
    files: { 'Main.tla': main('Apply(F(_), x) == F(x)', 'X == Apply(1 + 1, 1)') },
    expect: ['TLA211@3:12', 'TLA204@3:14'],
  },
];

const levelCases: typeof cases = [
  {
    name: 'a prime inside a prime',
    files: { 'Main.tla': main('VARIABLE x', "A == (x')'") },
    expect: ['TLA300@3:10'],
    message: /already action-level/,
  },
  {
    name: 'UNCHANGED of a primed expression',
    files: { 'Main.tla': main('VARIABLE x', "A == UNCHANGED (x')") },
    expect: ['TLA300@3:6'],
  },
  {
    name: 'a prime of a definition that already primes',
    files: { 'Main.tla': main('VARIABLE x', "Step == x' = x", "A == Step'") },
    expect: ['TLA300@4:10'],
  },
  {
    name: '[] of an action',
    files: { 'Main.tla': main('VARIABLE x', "Prop == [](x' = x)") },
    expect: ['TLA301@3:9'],
    hint: /\[\]\[A\]_vars/,
  },
  {
    name: '<> of an action behind a definition',
    files: { 'Main.tla': main('VARIABLE x', "Tick == x' = x", 'Prop == <>Tick') },
    expect: ['TLA301@4:9'],
    hint: /<><<A>>_vars/,
  },
  {
    name: 'an error that only arises with an action-level argument is reported at the use',
    files: { 'Main.tla': main('VARIABLE x', 'Always(P) == []P', "Prop == Always(x' = x)") },
    expect: ['TLA301@4:9'],
    message: /in this use of Always/,
  },
  {
    name: 'ASSUME of a state predicate',
    files: { 'Main.tla': main('VARIABLE x', 'ASSUME x = 1') },
    expect: ['TLA302@3:8'],
  },
  {
    name: 'subscript of [A]_v is an action',
    files: { 'Main.tla': main('VARIABLE x', "Spec == [][x' = x]_(x')") },
    expect: ['TLA303@3:21'],
  },
  {
    name: 'WF of a temporal formula',
    files: { 'Main.tla': main('VARIABLE x', 'Live == WF_x([](x = 1))') },
    expect: ['TLA303@3:14'],
  },
  {
    name: 'ENABLED of a temporal formula',
    files: { 'Main.tla': main('VARIABLE x', 'E == ENABLED [](x = 1)') },
    expect: ['TLA303@3:6'],
  },
  {
    name: '~> with an action operand',
    files: { 'Main.tla': main('VARIABLE x', "L == (x' = x) ~> (x = 1)") },
    expect: ['TLA304@3:7'],
  },
];

describe('semantic errors', () => {
  for (const c of [...cases, ...levelCases]) {
    it(c.name, () => {
      const spec = analyzeFiles(c.files);
      expect(errorKeys(spec)).toEqual(c.expect);
      const first = errors(spec)[0];
      if (c.message) expect(first.message).toMatch(c.message);
      if (c.hint) expect(first.hint).toMatch(c.hint);
      for (const d of errors(spec)) expect(d.message.length).toBeGreaterThan(10);
    });
  }
});
