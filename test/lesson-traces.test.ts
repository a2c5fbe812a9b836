import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../packages/cli/src/main.js';
import { repoRoot } from './support/corpus.js';

// Every counterexample a lesson shows is the one the tool prints today: each `modelcheck …` command
// in a lesson (an ```sh block) followed by a block of its output that starts with "Error:" is run,
// and the output from its first "Error:" line to the end of the counterexample must be the block.

interface Example {
  readonly lesson: string;
  readonly command: string;
  readonly expected: readonly string[];
}

function examples(): Example[] {
  const specs = join(repoRoot, 'specs');
  const out: Example[] = [];
  for (const dir of readdirSync(specs, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    let text: string;
    try {
      text = readFileSync(join(specs, dir.name, 'README.md'), 'utf8');
    } catch {
      continue;
    }
    const blocks = [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));
    blocks.forEach((b, i) => {
      const next = blocks[i + 1];
      if (b.lang !== 'sh' || !next || next.lang !== '' || !next.body.startsWith('Error:')) return;
      const command = b.body
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l.startsWith('modelcheck '));
      if (!command) return;
      out.push({ lesson: dir.name, command, expected: trim(next.body.split('\n')).map(untimed) });
    });
  }
  return out;
}

/** The output from its first "Error:" line on, with times and dates made comparable. */
function counterexample(lines: readonly string[]): string[] {
  const from = lines.findIndex((l) => l.startsWith('Error:'));
  return from < 0 ? [] : trim(lines.slice(from)).map(untimed);
}

function untimed(line: string): string {
  return line
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, '<time>')
    .replace(/in \d+(min )?\d*s at/g, 'in <t> at');
}

function trim(lines: readonly string[]): string[] {
  const out = lines.map((l) => l.replace(/\s+$/, ''));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** The arguments of a lesson's command line (paths are relative to the repository). */
function argv(command: string): string[] {
  const words = [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return words.slice(1).map((w) => (/^specs\//.test(w) ? join(repoRoot, w) : w));
}

describe('lesson counterexamples are the ones the tool prints', () => {
  const all = examples();
  it('the lessons show counterexamples', () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
  });
  for (const ex of all) {
    it(`${ex.lesson}: ${ex.command}`, () => {
      const result = run(argv(ex.command));
      const printed = counterexample(result.stdout.join('\n').split('\n'));
      // A lesson may stop its excerpt early (long traces); what it shows must match line by line.
      expect(printed.slice(0, ex.expected.length)).toEqual(ex.expected);
    });
  }
});
