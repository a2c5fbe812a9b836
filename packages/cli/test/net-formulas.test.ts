import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'modelcheck-net-formulas-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function noStackTrace(lines: string[]): void {
  for (const line of lines) expect(line).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$|node:internal/);
}

// [i] -split-> [a b] -fa/fb-> [b o] / [a o] -> [o o] (dead): 5 markings.
const AND_SPLIT =
  'place i = 1\nplace a\nplace b\nplace o\ntransition split : i -> a, b\ntransition fa : a -> o\ntransition fb : b -> o\n';

const PROPS = `<?xml version="1.0"?>
<property-set xmlns="http://mcc.lip6.fr/">
  <property>
    <id>S-ReachabilityDeadlock-00</id>
    <formula><exists-path><finally><deadlock/></finally></exists-path></formula>
  </property>
  <property>
    <id>S-CTLFireability-00</id>
    <formula><all-paths><globally><exists-path><finally><is-fireable><transition>fa</transition></is-fireable></finally></exists-path></globally></all-paths></formula>
  </property>
  <property>
    <id>S-LTLCardinality-00</id>
    <formula><all-paths><finally><integer-le><integer-constant>2</integer-constant><tokens-count><place>o</place></tokens-count></integer-le></finally></all-paths></formula>
  </property>
  <property>
    <id>S-UpperBounds-00</id>
    <formula><place-bound><place>a</place><place>o</place></place-bound></formula>
  </property>
</property-set>
`;

describe('modelcheck <net> --formula props.xml', () => {
  it("prints one FORMULA line per property in the contest's format, exit 0", () => {
    const result = run([file('s.pnet', AND_SPLIT), '--formula', file('props.xml', PROPS)]);
    expect(result.stdout).toEqual([
      'FORMULA S-ReachabilityDeadlock-00 TRUE', // [o o] is dead
      'FORMULA S-CTLFireability-00 FALSE', // after split fa, fa never fires again
      'FORMULA S-LTLCardinality-00 TRUE', // every path ends in [o o]
      'FORMULA S-UpperBounds-00 2', // [a o]: 2, [o o]: 2
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toEqual([]);
  });

  it('--json: one formula event per property, then a result line', () => {
    const result = run([file('s2.pnet', AND_SPLIT), '--formula', file('props2.xml', PROPS), '--json']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.event, l.id, l.answer])).toEqual([
      ['formula', 'S-ReachabilityDeadlock-00', 'TRUE'],
      ['formula', 'S-CTLFireability-00', 'FALSE'],
      ['formula', 'S-LTLCardinality-00', 'TRUE'],
      ['formula', 'S-UpperBounds-00', '2'],
      ['result', undefined, undefined],
    ]);
    expect(lines[1].path).toEqual({
      from: [],
      fire: ['split', 'fa'],
      repeat: [],
      deadEnd: false,
      about: 'AG EF fireable(fa)',
    });
    expect(lines.at(-1)).toMatchObject({
      markings: 5,
      formulas: 4,
      true: 2,
      false: 1,
      cannotCompute: 0,
      stopped: null,
    });
  });

  it('a state limit leaves CANNOT_COMPUTE and exit 3; an unbounded net exit 4', () => {
    const limited = run([
      file('s3.pnet', AND_SPLIT),
      '--formula',
      file('props3.xml', PROPS),
      '--max-states',
      '3',
    ]);
    expect(limited.exitCode).toBe(3);
    expect(limited.stdout.every((l) => / CANNOT_COMPUTE$/.test(l))).toBe(true);
    expect(limited.stdout).toHaveLength(4);
    expect(limited.stderr.join('\n')).toMatch(/stopped at the state limit \(--max-states\) after 3 markings/);
    const unbounded = run([
      file('gen.pnet', 'place s = 1\nplace p\ntransition g : s -> s, p\n'),
      '--ctl',
      'AG p >= 0',
    ]);
    expect(unbounded.exitCode).toBe(4);
    expect(unbounded.stdout[0]).toBe('FORMULA ctl-1 CANNOT_COMPUTE  CTL AG p >= 0');
    expect(unbounded.stderr.join('\n')).toMatch(/the net is unbounded/);
  });

  it('malformed XML and unknown places/transitions: located errors, exit 151, no verdicts, no stack trace', () => {
    const net = file('s4.pnet', AND_SPLIT);
    const malformed = run([
      net,
      '--formula',
      file('bad.xml', '<property-set>\n<property>\n<id>x</id>\n</propertyy>\n'),
    ]);
    expect(malformed.exitCode).toBe(151);
    expect(malformed.stdout).toEqual([]);
    expect(malformed.stderr.join('\n')).toMatch(/bad\.xml:4:\d+: error\[PN100\]: malformed XML/);
    noStackTrace(malformed.stderr);
    const unknown = run([
      net,
      '--formula',
      file(
        'unknown.xml',
        PROPS.replace('<place>o</place></tokens-count>', '<place>oo</place></tokens-count>').replace(
          '<transition>fa<',
          '<transition>fz<',
        ),
      ),
    ]);
    expect(unknown.exitCode).toBe(151);
    expect(unknown.stdout).toEqual([]);
    const text = unknown.stderr.join('\n');
    expect(text).toMatch(
      /unknown\.xml:9:\d+: error\[PN206\]: the formula names a transition fz that the net does not have/,
    );
    expect(text).toMatch(
      /unknown\.xml:13:\d+: error\[PN205\]: the formula names a place oo that the net does not have/,
    );
    expect(text).toMatch(/hint: did you mean fa\?/);
    expect(text).toMatch(/2 errors in the formulas: nothing was checked/);
    noStackTrace(unknown.stderr);
    const json = run([
      net,
      '--formula',
      file('unknown2.xml', PROPS.replace('<transition>fa<', '<transition>fz<')),
      '--json',
    ]);
    expect(json.exitCode).toBe(151);
    expect(JSON.parse(json.stdout.at(-1) as string)).toMatchObject({
      event: 'result',
      outcome: 'formula-error',
      exitCode: 151,
      diagnostics: [{ code: 'PN206', span: { start: { line: 9 } } }],
    });
    expect(run([net, '--formula', join(dir, 'absent.xml')]).exitCode).toBe(153);
  });
});

describe('modelcheck <net> --ctl / --ltl', () => {
  it('prints the verdict and a firing sequence: counterexample for AG, witness for EF, lasso for LTL', () => {
    const net = file('c.pnet', AND_SPLIT);
    const result = run([
      net,
      '--ctl',
      'AG !deadlock',
      '--ctl',
      'EF (b = 1 & o = 1)',
      '--ltl',
      'G F fireable(fa)',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toEqual([
      'FORMULA ctl-1 FALSE  CTL AG !deadlock',
      '  fails at the initial marking',
      '  counterexample for AG !deadlock: a path to a state where !deadlock fails',
      '    fire: split fa fb',
      '    reach: o*2',
      'FORMULA ctl-2 TRUE  CTL EF (b = 1 & o = 1)',
      '  holds at the initial marking',
      '  witness for EF (b = 1 & o = 1): a path to a state where b = 1 & o = 1 holds',
      '    fire: split fa',
      '    reach: b o',
      'FORMULA ltl-1 FALSE  LTL G F fireable(fa)',
      '  counterexample, a behaviour on which it fails:',
      expect.stringMatching(/^ {4}fire: split f[ab]( f[ab])?$/),
      '    reach: o*2',
      '    then: a dead marking, which repeats forever',
    ]);
  });

  it('an LTL formula that holds, and a cycle repeated forever', () => {
    const mutex = file(
      'mutex.pnet',
      'place idle1 = 1\nplace idle2 = 1\nplace lock = 1\nplace cs1\nplace cs2\ntransition enter1 : idle1, lock -> cs1\ntransition leave1 : cs1 -> idle1, lock\ntransition enter2 : idle2, lock -> cs2\ntransition leave2 : cs2 -> idle2, lock\n',
    );
    const result = run([mutex, '--ltl', 'G !(cs1 >= 1 & cs2 >= 1)', '--ltl', 'G F cs1']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.slice(0, 2)).toEqual([
      'FORMULA ltl-1 TRUE  LTL G !(cs1 >= 1 & cs2 >= 1)',
      '  holds on every path from the initial marking',
    ]);
    expect(result.stdout[2]).toBe('FORMULA ltl-2 FALSE  LTL G F cs1');
    const repeat = result.stdout.find((l) => l.includes('then repeat forever:'));
    expect(repeat).toMatch(/then repeat forever: (enter2 leave2|leave2 enter2)$/);
  });

  it('an LTL formula beyond the translator (33 atoms) is CANNOT_COMPUTE, exit 4, with the reason', () => {
    const atoms = Array.from({ length: 33 }, (_, k) => `o >= ${k + 1}`).join(' | ');
    const result = run([file('many.pnet', AND_SPLIT), '--ltl', `F (${atoms})`, '--ctl', 'EF deadlock']);
    expect(result.exitCode).toBe(4);
    // --ctl formulas come first, then --ltl ones.
    expect(result.stdout[0]).toBe('FORMULA ctl-1 TRUE  CTL EF deadlock');
    expect(result.stdout.find((l) => l.startsWith('FORMULA ltl-1'))).toMatch(
      /^FORMULA ltl-1 CANNOT_COMPUTE {2}LTL F /,
    );
    expect(result.stderr.join('\n')).toMatch(/error\[LTL206\]/);
  });

  it('--explain prints the CTL sub-formula tree, each verdict where it is evaluated', () => {
    const result = run([
      file('e.pnet', AND_SPLIT),
      '--ctl',
      'AG (fireable(fa) -> AX EF fireable(fb))',
      '--explain',
    ]);
    expect(result.exitCode).toBe(0);
    const text = result.stdout.join('\n');
    expect(text).toMatch(/\n {2}explanation \(sub-formula: verdict at marking\):\n/);
    expect(text).toMatch(
      /\n {4}fails: AG \(fireable\(fa\) -> AX EF fireable\(fb\)\) {3}\(at the initial marking\)/,
    );
    expect(text).toMatch(/\n {6}fails: fireable\(fa\) -> AX EF fireable\(fb\) {3}\(at marking a b\)/);
    expect(text).toMatch(/\n {8}holds: fireable\(fa\) {3}\(at marking a b\)/);
    // From [a b], firing fb reaches [a o], from which fb can never fire again.
    expect(text).toMatch(
      /\n {10}fails: EF fireable\(fb\) {3}\(at marking a o\) — no reachable state satisfies fireable\(fb\)/,
    );
    expect(run([file('e2.pnet', AND_SPLIT), '--explain']).exitCode).toBe(2);
  });

  it('bad formulas: located syntax errors, unknown names, the wrong logic; exit 151, nothing checked', () => {
    const net = file('b.pnet', AND_SPLIT);
    const result = run([
      net,
      '--ctl',
      'AG tokens(a) <=',
      '--ltl',
      'G (x -> F fireable(fz, fa))',
      '--ltl',
      'AG EF a',
    ]);
    expect(result.exitCode).toBe(151);
    expect(result.stdout).toEqual([]);
    const text = result.stderr.join('\n');
    expect(text).toMatch(
      /<--ctl 1>:1:16: error\[LTL110\]: expected a number, a place or tokens\(\.\.\.\) after <=/,
    );
    expect(text).toMatch(
      /<--ltl 1>:1:4: error\[PN205\]: the formula names x, which is neither a place nor a transition/,
    );
    expect(text).toMatch(/<--ltl 1>:1:20: error\[PN206\]: the formula names a transition fz/);
    expect(text).toMatch(/<--ltl 2>:1:1: error\[LTL203\]: this formula is not LTL/);
    expect(text).toMatch(/4 errors in the formulas: nothing was checked/);
    noStackTrace(result.stderr);
  });
});
