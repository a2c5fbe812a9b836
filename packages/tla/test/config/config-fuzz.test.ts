import type { Diagnostic, SourceSpan } from '@modelcheck/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConfigFile,
  type ConfigValue,
  checkConfig,
  type ModuleSymbols,
  parseConfig,
  summarizeConfig,
} from '../../src/config/index.js';

/** Realistic files to mutate: every construct of the language, and a few near-misses. */
const SEEDS: readonly string[] = [
  [
    'CONSTANTS',
    '  N = 3',
    '  S = {a, b, {c, "d"}, TRUE, -1}',
    '  Nat <- [ZSequences]ZSeqNat',
    '  NoBlock = [Nano]NoBlockVal',
    '  F(0, x) = 1',
    '  Inst!Op <- MCOp',
    '(* a (* nested *) comment *)',
    'INIT Init \\* the initial predicate',
    'NEXT Next',
    'INVARIANTS TypeOK Safety',
    'PROPERTY Live',
    'CONSTRAINT Bound ACTION_CONSTRAINT Step',
    'SYMMETRY Perms VIEW View ALIAS Alias POSTCONDITION Post',
    'CHECK_DEADLOCK FALSE',
  ].join('\n'),
  'SPECIFICATION Spec\nCONSTANT Procs = {p1, p2, p3}\nINVARIANT Inv\nPROPERTIES P1 P2\n',
  'CONSTANTS\r\n  x = x\r\n  Str = "a\\"b"\r\nSPECIFICATION\r\n  Spec\r\n',
  'CONSTANT T = <<1, 2>> R = [a |-> 1] INVARIANTT X INIT',
];

/** Splits text into tokens and the whitespace between them, so that mutations keep it readable. */
function pieces(text: string): string[] {
  return text.match(/\s+|[A-Za-z0-9_]+|"(?:[^"\\\n]|\\.)*"?|\(\*|\*\)|\\\*|<-|<<|>>|\|->|./g) ?? [];
}

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'insert'; at: number; text: string };

const INSERTS = [
  '{',
  '}',
  '=',
  '<-',
  ',',
  '(*',
  '*)',
  '\\*',
  '"',
  '[',
  ']',
  '(',
  ')',
  '-',
  '\n',
  'INIT',
  'CONSTANT',
  ';',
  '\u00e9',
  '<<',
  '!',
];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  const ps = pieces(text);
  for (const m of mutations) {
    if (ps.length === 0) break;
    const at = m.at % ps.length;
    if (m.op === 'delete') ps.splice(at, 1);
    else if (m.op === 'duplicate') ps.splice(at, 0, ps[at]);
    else if (m.op === 'insert') ps.splice(at, 0, m.text);
    else {
      const other = m.with % ps.length;
      [ps[at], ps[other]] = [ps[other], ps[at]];
    }
  }
  return ps.join('');
}

function checkSpan(span: SourceSpan, text: string, file: string): void {
  expect(span.file).toBe(file);
  expect(span.start.line).toBeGreaterThanOrEqual(1);
  expect(span.start.column).toBeGreaterThanOrEqual(1);
  expect(span.start.offset).toBeGreaterThanOrEqual(0);
  expect(span.end.offset).toBeGreaterThanOrEqual(span.start.offset);
  expect(span.end.offset).toBeLessThanOrEqual(text.length);
}

function valueSpans(v: ConfigValue, out: SourceSpan[]): void {
  out.push(v.span);
  if (v.kind === 'Set') for (const e of v.elements) valueSpans(e, out);
}

function allSpans(config: ConfigFile): SourceSpan[] {
  const out: SourceSpan[] = [config.span];
  for (const s of config.sections) {
    out.push(s.span, s.keyword.span);
    if (s.kind === 'Names') out.push(...s.names.map((n) => n.span));
    else if (s.kind === 'CheckDeadlock') out.push(s.valueSpan);
    else {
      for (const e of s.entries) {
        out.push(e.span, e.name.span);
        if (e.module) out.push(e.module.span);
        if (e.kind === 'Substitution') out.push(e.target.span);
        else {
          valueSpans(e.value, out);
          for (const a of e.args ?? []) valueSpans(a, out);
        }
      }
    }
  }
  return out;
}

/** Any module at all: the checker must not throw whatever the config says. */
const anyModule: ModuleSymbols = {
  file: 'Spec.tla',
  constantNames: () => ['N', 'F'],
  constantArity: (n) => (n === 'N' ? 0 : n === 'F' ? 1 : undefined),
  variableNames: () => ['x'],
  definition: (n) =>
    n.length % 2 === 0 ? { arity: n.length % 3, level: (n.length % 4) as 0 | 1 | 2 | 3 } : undefined,
  allNames: () => ['N', 'F', 'x', 'Init', 'Next'],
  moduleNamed: (n) => (n === 'ZSequences' ? anyModule : undefined),
};

function assertWellFormed(text: string): void {
  let result: ReturnType<typeof parseConfig> | undefined;
  expect(() => {
    result = parseConfig(text, 'fuzz.cfg');
  }).not.toThrow();
  const { config, diagnostics } = result!;
  expect(config !== undefined || diagnostics.length > 0).toBe(true);
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^CFG1\d\d$/);
    expect(d.message.length).toBeGreaterThan(0);
    checkSpan(d.span!, text, 'fuzz.cfg');
  }
  if (config) {
    for (const span of allSpans(config)) checkSpan(span, text, 'fuzz.cfg');
    expect(() => summarizeConfig(config)).not.toThrow();
    let checked: Diagnostic[] = [];
    expect(() => {
      checked = checkConfig(config, anyModule);
    }).not.toThrow();
    for (const d of checked) expect(d.code).toMatch(/^CFG2\d\d$/);
  }
}

describe('parseConfig never throws', () => {
  it('on mutated configuration files (deleted, duplicated, swapped, inserted tokens)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (seed, ms) => {
          assertWellFormed(mutate(seed, ms));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        assertWellFormed(text);
      }),
      { numRuns: 500 },
    );
  });

  it('on token soup', () => {
    const soup = fc
      .array(
        fc.constantFrom(...INSERTS, ' ', 'N', '3', '"s"', 'TRUE', 'INVARIANT', 'x', '..', '==', '\\in', '_'),
        {
          maxLength: 60,
        },
      )
      .map((ts) => ts.join(' '));
    fc.assert(
      fc.property(soup, (text) => {
        assertWellFormed(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { maxLength: 5 }), (seed, ms) => {
        const text = mutate(seed, ms);
        expect(parseConfig(text, 'a.cfg')).toEqual(parseConfig(text, 'a.cfg'));
      }),
      { numRuns: 200 },
    );
  });
});
