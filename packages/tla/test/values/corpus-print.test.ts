import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fcnOf,
  internName,
  modelValue,
  printState,
  printValue,
  record,
  setOf,
  str,
  tuple,
} from '../../src/values/index.js';
import { internFromTexts, parseValue } from './parse-value.js';

/**
 * TLC's printed traces in the corpus: every variable value, read back and printed again, must give
 * TLC's exact text (one-line form, set order, 80-column layout).
 */
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const outputs = resolve(repoRoot, '../shared/corpus/tla/tlc-output');
const present = existsSync(outputs);
if (!present) console.log(`values corpus print test skipped: ${outputs} is absent`);

/** The `/\ x = value` (or single-variable `x = value`) entries of a TLC trace, values possibly multi-line. */
function traceValues(text: string): { name: string; value: string }[] {
  const lines = text.split('\n');
  const out: { name: string; value: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    let m = /^\/\\ ([A-Za-z_][A-Za-z0-9_]*) = (.*)$/.exec(lines[i]);
    if (!m && i > 0 && /^(\d+|State \d+): </.test(lines[i - 1]))
      m = /^([A-Za-z_][A-Za-z0-9_]*) = (.*)$/.exec(lines[i]);
    if (!m) continue;
    let value = m[2];
    while (i + 1 < lines.length && /^ +\S/.test(lines[i + 1])) value += `\n${lines[++i]}`;
    out.push({ name: m[1], value });
  }
  return out;
}

describe.skipIf(!present)('printing matches TLC traces in the corpus', () => {
  const files = present
    ? [
        ...readdirSync(outputs).filter((f) => f.endsWith('.txt')),
        ...readdirSync(join(outputs, 'formats'))
          .filter((f) => f.endsWith('.txt'))
          .map((f) => `formats/${f}`),
      ]
    : [];
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(outputs, file), 'utf8');
      const entries = traceValues(text);
      internFromTexts(entries.map((e) => e.value));
      for (const { name, value } of entries) {
        const v = parseValue(value);
        expect(printValue(v), `${file}: ${name}`).toBe(value);
      }
    });
  }
});

describe.skipIf(!existsSync(join(outputs, 'formats/Values.txt')))('formats/Values.txt', () => {
  it('prints the states of the Values spec as TLC does', () => {
    const text = readFileSync(join(outputs, 'formats/Values.txt'), 'utf8');
    const names = ['str', 'fn', 'mv', 'rec', 'seq', 'set', 'x'];
    for (const n of [
      'x',
      'rec',
      'fn',
      'seq',
      'set',
      'str',
      'mv',
      'Procs',
      'Nil',
      'p1',
      'p2',
      'a',
      'b',
      'hello',
      's',
    ]) {
      internName(n);
    }
    const p1 = modelValue('p1');
    const p2 = modelValue('p2');
    const s = str('s');
    const states = [
      [
        str('hello'),
        fcnOf([p1, p2], [0, 0]),
        modelValue('Nil'),
        record({ a: 1, b: s }),
        tuple([]),
        setOf([]),
        0,
      ],
      [
        str('hello'),
        fcnOf([p2, p1], [0, 1]),
        p1,
        record({ b: s, a: 2 }),
        tuple([tuple([p1, 0])]),
        setOf([0]),
        1,
      ],
      [
        str('hello'),
        fcnOf([p1, p2], [2, 0]),
        p1,
        record({ a: 3, b: s }),
        tuple([tuple([p1, 0]), tuple([p1, 1])]),
        setOf([1, 0]),
        2,
      ],
    ];
    for (const [k, st] of states.entries()) {
      const expected = text
        .split(`State ${k + 1}: <`)[1]
        .split('\n')
        .slice(1, 8)
        .join('\n');
      expect(printState(names, st).trimEnd()).toBe(expected);
    }
  });
});
