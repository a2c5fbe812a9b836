import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../packages/cli/src/main.js';
import { corpusLibraryDirs, tlaCorpus } from './support/corpus.js';

// TLC's own counterexamples (corpus tlc-output/*.txt, recorded with `tlc … -workers 1`): for a safety
// violation our trace is TLC's, state for state: the same states in the same order, each with its
// variables in TLC's order and its values printed as TLC prints them. Liveness lassos are left out
// (ours is the shortest, TLC's need not be), and so are traces whose ALIAS runs a command through
// IOUtils' IOExec, which modelcheck deliberately does not do.

/** Searches too long for `pnpm test` (tens of seconds); run with MODELCHECK_SLOW_TESTS=1. */
const SLOW = new Set(['CheckpointCoordination__MCCheckpointCoordinationFailure.txt']);
const runSlow = process.env.MODELCHECK_SLOW_TESTS === '1';

const outputs = tlaCorpus ? join(tlaCorpus, 'tlc-output') : '';
const available = outputs !== '' && existsSync(outputs);

interface Recorded {
  readonly file: string;
  readonly args: string[];
  readonly states: string[];
}

/** The state blocks of a trace: "N: <action>" (TLC's -tool output) or "State N: <action>", then the variables. */
function stateBlocks(text: string, header: RegExp): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!header.test(lines[i])) continue;
    const block: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j].trim() !== '' && !lines[j].startsWith('@!@!@'); j++)
      block.push(lines[j].trimEnd());
    blocks.push(block.join('\n'));
  }
  return blocks;
}

function recorded(): Recorded[] {
  if (!available) return [];
  return readdirSync(outputs)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((file) => {
      const text = readFileSync(join(outputs, file), 'utf8');
      const command = text.split('\n')[0].split(/\s+/);
      const liveness = /Temporal propert(y|ies) .* (was|were) violated/.test(text);
      const runsCommands = /exitValue \|->/.test(text);
      const states = stateBlocks(text, /^\d+: </);
      if (liveness || runsCommands || states.length === 0) return [];
      const spec = join(tlaCorpus, command[1]);
      const cfg = join(tlaCorpus, command[command.indexOf('-config') + 1]);
      const libs = corpusLibraryDirs.flatMap((d) => ['--lib', d]);
      return [{ file, args: [spec, '--config', cfg, ...libs, '--no-color'], states }];
    });
}

describe("TLC's recorded counterexamples (corpus tlc-output)", () => {
  if (!available) {
    it.skip('needs ../shared/corpus/tla/tlc-output (absent here)', () => {});
    return;
  }
  const all = recorded();
  it('the corpus records safety counterexamples', () => {
    expect(all.length).toBeGreaterThanOrEqual(6);
  });
  for (const r of all) {
    const slow = SLOW.has(r.file) && !runSlow;
    it.skipIf(slow)(slow ? `${r.file} (slow: set MODELCHECK_SLOW_TESTS=1)` : r.file, () => {
      const printed = run(r.args).stdout.join('\n');
      expect(stateBlocks(printed, /^State \d+: </)).toEqual(r.states);
    });
  }
});
