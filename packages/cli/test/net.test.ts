import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/main.js';

const dir = mkdtempSync(join(tmpdir(), 'modelcheck-net-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function noStackTrace(lines: string[]): void {
  for (const line of lines) expect(line).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$|node:internal/);
}

const AND_XOR =
  'place i = 1\nplace a\nplace b\nplace o\ntransition split : i -> a, b\ntransition fa : a -> o\ntransition fb : b -> o\n';

describe('modelcheck <net>', () => {
  it('prints a table then the evidence for a .pnet net, exit 0 whatever the answers', () => {
    const result = run([file('andxor.pnet', AND_XOR)]);
    expect(result.exitCode).toBe(0);
    const text = result.stdout.join('\n');
    expect(text).toMatch(/^net andxor \(.*andxor\.pnet\): 4 places, 3 transitions, 7 arcs/);
    expect(text).toMatch(/reachability graph: 5 markings, 5 edges/);
    expect(text).toMatch(/\n {2}workflow net +yes\n/);
    expect(text).toMatch(/\n {2}sound +no \(option to complete, proper completion\)/);
    expect(text).toMatch(/\n {2}safe \(1-bounded\) +no\n/);
    expect(text).toMatch(/improper completion[^\n]*\n {4}fire: split fa\n {4}reach: b o/);
  });

  it('--json ends with exactly the contract object', () => {
    const result = run([file('andxor2.pnet', AND_XOR), '--json']);
    expect(result.exitCode).toBe(0);
    const last = JSON.parse(result.stdout[result.stdout.length - 1]);
    expect(Object.keys(last)).toEqual([
      'event',
      'file',
      'places',
      'transitions',
      'markings',
      'edges',
      'deadlock',
      'bounded',
      'safe',
      'maxTokens',
      'live',
      'quasiLive',
      'workflowNet',
      'sound',
      'stopped',
    ]);
    expect(last).toMatchObject({
      event: 'result',
      places: 4,
      transitions: 3,
      markings: 5,
      edges: 5,
      deadlock: true,
      bounded: true,
      safe: false,
      maxTokens: 2,
      live: false,
      quasiLive: true,
      workflowNet: true,
      sound: false,
      stopped: null,
    });
  });

  it('reports an unbounded net with null counts and a pumping sequence', () => {
    const path = file('gen.pnet', 'place s = 1\nplace p\ntransition gen : s -> s, p\n');
    const json = JSON.parse(run([path, '--json']).stdout.at(-1) as string);
    expect(json).toMatchObject({
      markings: null,
      edges: null,
      bounded: false,
      safe: false,
      maxTokens: null,
      deadlock: false,
    });
    const text = run([path]).stdout.join('\n');
    expect(text).toMatch(/unbounded places: p\n {4}fire: ε \(the initial marking\)\n {4}then repeat: gen/);
  });

  it('--check picks analyses; an unknown one is a usage error (exit 2)', () => {
    const path = file('pick.pnet', AND_XOR);
    const result = run([path, '--check', 'deadlock,bounded']);
    expect(result.exitCode).toBe(0);
    const text = result.stdout.join('\n');
    expect(text).toMatch(/deadlock/);
    expect(text).not.toMatch(/\n {2}live /);
    const bad = run([path, '--check', 'deadlock,wobbly']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr[0]).toMatch(/unknown analysis wobbly/);
    expect(run([path, '--simulate']).exitCode).toBe(2);
  });

  it('stops at --max-states with exit 3 and says what is known', () => {
    const path = file(
      'big.pnet',
      'place a = 30\nplace b = 30\nplace c\ntransition ab : a -> b\ntransition bc : b -> c\ntransition ca : c -> a\n',
    );
    const result = run([path, '--max-states', '50', '--json']);
    expect(result.exitCode).toBe(3);
    expect(JSON.parse(result.stdout.at(-1) as string)).toMatchObject({
      stopped: 'state-limit',
      markings: null,
      bounded: true,
    });
  });

  it('bad input: malformed XML, unknown arc end, negative weight, each located, exit 150, no stack trace', () => {
    const malformed = run([file('bad.pnml', '<pnml>\n<net id="n">\n<place id="p">\n</net>\n</pnml>\n')]);
    expect(malformed.exitCode).toBe(150);
    expect(malformed.stderr.join('\n')).toMatch(/bad\.pnml:4:\d+: error\[PN100\]: malformed XML/);
    noStackTrace(malformed.stderr);
    const unknown = run([
      file(
        'arc.pnml',
        '<pnml><net id="n" type="ptnet">\n<place id="p"/><transition id="t"/>\n<arc id="a" source="p" target="nowhere"/>\n</net></pnml>',
      ),
    ]);
    expect(unknown.exitCode).toBe(150);
    expect(unknown.stderr.join('\n')).toMatch(
      /arc\.pnml:3:1: error\[PN200\]: the target nowhere is neither a place nor a transition/,
    );
    expect(unknown.stderr.join('\n')).toMatch(/\n {2}3 \| <arc id="a"/);
    const negative = run([
      file('neg.net', 'PLACE p;\nMARKING p: 1;\nTRANSITION t CONSUME p: -1; PRODUCE p;\n'),
      '--json',
    ]);
    expect(negative.exitCode).toBe(150);
    const json = JSON.parse(negative.stdout.at(-1) as string);
    expect(json).toMatchObject({ outcome: 'parse-error', exitCode: 150 });
    expect(json.diagnostics[0]).toMatchObject({ code: 'PN203', span: { start: { line: 3 } } });
  });

  it('a missing file is exit 153', () => {
    const result = run([join(dir, 'absent.pnml')]);
    expect(result.exitCode).toBe(153);
    expect(result.stderr[0]).toMatch(/cannot read .*absent\.pnml/);
  });
});
