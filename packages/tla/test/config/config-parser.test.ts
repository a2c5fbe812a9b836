import { describe, expect, it } from 'vitest';
import {
  CFG,
  CONFIG_DIAGNOSTIC_CODES,
  type ConfigFile,
  type ConfigValue,
  type ConstantEntry,
  parseConfig,
  summarizeConfig,
} from '../../src/config/index.js';

function parseOk(text: string): ConfigFile {
  const { config, diagnostics } = parseConfig(text, 'MC.cfg');
  expect(diagnostics).toEqual([]);
  expect(config).toBeDefined();
  return config!;
}

function constants(config: ConfigFile): ConstantEntry[] {
  return config.sections.flatMap((s) => (s.kind === 'Constants' ? [...s.entries] : []));
}

/** A compact rendering of a value, for assertions. */
function show(v: ConfigValue): string {
  switch (v.kind) {
    case 'Int':
      return String(v.value);
    case 'String':
      return JSON.stringify(v.value);
    case 'Bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'ModelValue':
      return `mv:${v.name}`;
    case 'Set':
      return `{${v.elements.map(show).join(', ')}}`;
  }
}

function showEntry(e: ConstantEntry): string {
  const mod = e.module ? `[${e.module.name}] ` : '';
  if (e.kind === 'Substitution') return `${e.name.name} <- ${mod}${e.target.name}`;
  const args = e.args ? `(${e.args.map(show).join(', ')})` : '';
  return `${e.name.name}${args} = ${mod}${show(e.value)}`;
}

describe('parseConfig: sections', () => {
  it('reads INIT/NEXT and list keywords, singular and plural, in order', () => {
    const config = parseOk(
      [
        'INIT Init',
        'NEXT Next',
        'INVARIANT TypeOK',
        'INVARIANTS Safety Consistency',
        '  Agreement',
        'PROPERTY Live',
        'PROPERTIES Fair1 Fair2',
        'CONSTRAINT Bound',
        'CONSTRAINTS Bound2',
        'ACTION_CONSTRAINT Step',
        'ACTION_CONSTRAINTS Step2',
        'SYMMETRY Perms',
        'VIEW View',
        'ALIAS Alias',
        'POSTCONDITION Post',
        'POSTCONDITIONS Post2',
        'CHECK_DEADLOCK FALSE',
      ].join('\n'),
    );
    expect(config.sections.map((s) => s.keyword.text)).toEqual([
      'INIT',
      'NEXT',
      'INVARIANT',
      'INVARIANTS',
      'PROPERTY',
      'PROPERTIES',
      'CONSTRAINT',
      'CONSTRAINTS',
      'ACTION_CONSTRAINT',
      'ACTION_CONSTRAINTS',
      'SYMMETRY',
      'VIEW',
      'ALIAS',
      'POSTCONDITION',
      'POSTCONDITIONS',
      'CHECK_DEADLOCK',
    ]);
    const s = summarizeConfig(config);
    expect(s.init?.name).toBe('Init');
    expect(s.next?.name).toBe('Next');
    expect(s.specification).toBeUndefined();
    expect(s.invariants.map((n) => n.name)).toEqual(['TypeOK', 'Safety', 'Consistency', 'Agreement']);
    expect(s.properties.map((n) => n.name)).toEqual(['Live', 'Fair1', 'Fair2']);
    expect(s.constraints.map((n) => n.name)).toEqual(['Bound', 'Bound2']);
    expect(s.actionConstraints.map((n) => n.name)).toEqual(['Step', 'Step2']);
    expect(s.postconditions.map((n) => n.name)).toEqual(['Post', 'Post2']);
    expect(s.symmetry?.name).toBe('Perms');
    expect(s.view?.name).toBe('View');
    expect(s.alias?.name).toBe('Alias');
    expect(s.checkDeadlock).toBe(false);
  });

  it('reads SPECIFICATION; deadlock checking defaults to on', () => {
    const s = summarizeConfig(parseOk('SPECIFICATION Spec\nPROPERTY Termination'));
    expect(s.specification?.name).toBe('Spec');
    expect(s.checkDeadlock).toBe(true);
    expect(summarizeConfig(parseOk('SPECIFICATION Spec CHECK_DEADLOCK TRUE')).checkDeadlock).toBe(true);
  });

  it('lets list keywords repeat and be empty (TLC accepts both)', () => {
    const config = parseOk('INVARIANT A\nPROPERTIES\n\\* Commented out\nINVARIANT B\nSPECIFICATION Spec');
    expect(summarizeConfig(config).invariants.map((n) => n.name)).toEqual(['A', 'B']);
    const props = config.sections[1];
    expect(props.kind === 'Names' && props.names).toEqual([]);
  });

  it('keeps spans of keywords, names and sections', () => {
    const config = parseOk('\n  INVARIANT\n    TypeOK   Safety\nINIT Init');
    const inv = config.sections[0];
    expect(inv.keyword.span.start).toMatchObject({ line: 2, column: 3, offset: 3 });
    expect(inv.kind).toBe('Names');
    if (inv.kind !== 'Names') return;
    expect(inv.role).toBe('invariant');
    expect(inv.names[1].span.start).toMatchObject({ line: 3, column: 14 });
    expect(inv.names[1].span.end).toMatchObject({ line: 3, column: 20 });
    expect(inv.span.start.line).toBe(2);
    expect(inv.span.end).toMatchObject({ line: 3, column: 20 });
    expect(config.span.file).toBe('MC.cfg');
  });

  it('reads the experimental underscore keywords TLC knows', () => {
    const config = parseOk(
      'SPECIFICATION Spec\n_PERIODIC Report\n_RL_REWARD Reward\n_POSSIBLE Reach1 Reach2',
    );
    expect(config.sections.map((s) => (s.kind === 'Names' ? `${s.role}:${s.names.length}` : ''))).toEqual([
      'specification:1',
      'periodic:1',
      'rlReward:1',
      'possible:2',
    ]);
  });
});

describe('parseConfig: CONSTANT entries and values', () => {
  it('reads assignments of every kind of value', () => {
    const config = parseOk(
      [
        'CONSTANTS',
        '  N = 3',
        '  Zero = 0',
        '  S = {a, b, c}',
        '  x = x',
        '  Nodes = {1, 2}',
        '  Init0 = "s"',
        '  B = TRUE',
        '  C = FALSE',
        '  Nested = {{1, 2}, {}, {"x", TRUE, m}}',
        '  Empty = {}',
        'CONSTANT Big = 2147483647',
      ].join('\n'),
    );
    expect(constants(config).map(showEntry)).toEqual([
      'N = 3',
      'Zero = 0',
      'S = {mv:a, mv:b, mv:c}',
      'x = mv:x',
      'Nodes = {1, 2}',
      'Init0 = "s"',
      'B = TRUE',
      'C = FALSE',
      'Nested = {{1, 2}, {}, {"x", TRUE, mv:m}}',
      'Empty = {}',
      'Big = 2147483647',
    ]);
  });

  it('reads substitutions, module-scoped overrides, qualified names and pointwise operator values', () => {
    const config = parseOk(
      [
        'CONSTANTS',
        '  Nat <- MCNat',
        '  Seq <- [ZSequences]ZSeqNat',
        '  NoBlock = [Nano]NoBlockVal',
        '  Limit = [Nano] 3',
        '  Inst!Op <- MCOp',
        '  F(0) = 1',
        '  F(1) = 2',
        '  G(a, {1}) = "x"',
      ].join('\n'),
    );
    expect(constants(config).map(showEntry)).toEqual([
      'Nat <- MCNat',
      'Seq <- [ZSequences] ZSeqNat',
      'NoBlock = [Nano] mv:NoBlockVal',
      'Limit = [Nano] 3',
      'Inst!Op <- MCOp',
      'F(0) = 1',
      'F(1) = 2',
      'G(mv:a, {1}) = "x"',
    ]);
    const qualified = constants(config)[4];
    expect(qualified.name.span.start.column).toBe(3);
    expect(qualified.name.span.end.column).toBe(10);
  });

  it('allows several entries on one line and entries across lines', () => {
    const config = parseOk('CONSTANTS N = 1 M = 2 S =\n {a,\n  b} T <- Def');
    expect(constants(config).map(showEntry)).toEqual(['N = 1', 'M = 2', 'S = {mv:a, mv:b}', 'T <- Def']);
  });

  it('reads string escapes, keeping the raw text TLC uses', () => {
    const [entry] = constants(parseOk('CONSTANT Q = "say \\"hi\\"\\n\\\\"'));
    expect(entry.kind).toBe('Assignment');
    if (entry.kind !== 'Assignment' || entry.value.kind !== 'String') throw new Error('expected a string');
    expect(entry.value.value).toBe('say "hi"\n\\');
    expect(entry.value.raw).toBe('say \\"hi\\"\\n\\\\');
  });

  it('accepts the Unicode arrow ← for <-', () => {
    expect(constants(parseOk('CONSTANT N ← Def')).map(showEntry)).toEqual(['N <- Def']);
  });

  it('keeps entry spans from the name to the end of the value', () => {
    const [entry] = constants(parseOk('CONSTANT\n  S = {a,\n   b}'));
    expect(entry.span.start).toMatchObject({ line: 2, column: 3 });
    expect(entry.span.end).toMatchObject({ line: 3, column: 6 });
    if (entry.kind !== 'Assignment') throw new Error('expected an assignment');
    expect(entry.value.span.start).toMatchObject({ line: 2, column: 7 });
  });

  it('reads a negative integer with a portability warning', () => {
    const { config, diagnostics } = parseConfig('CONSTANT N = -1', 'MC.cfg');
    expect(constants(config!).map(showEntry)).toEqual(['N = -1']);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([[CFG.NegativeInteger, 'warning']]);
  });
});

describe('parseConfig: lexical details', () => {
  it('skips line comments and nested block comments anywhere', () => {
    const config = parseOk(
      [
        '\\* a line comment INIT Bogus',
        '(* a block (* nested *) comment',
        '   spanning lines INIT Bogus *)',
        'INIT (* inline *) Init \\* trailing',
        'NEXT Next(**)',
      ].join('\n'),
    );
    const s = summarizeConfig(config);
    expect([s.init?.name, s.next?.name]).toEqual(['Init', 'Next']);
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const config = parseOk('\uFEFFCONSTANTS\r\n  N = 3\r\n  M =\r\n  4\r\nINIT Init\r\n');
    expect(constants(config).map(showEntry)).toEqual(['N = 3', 'M = 4']);
    expect(config.sections[1].keyword.span.start).toMatchObject({ line: 5, column: 1 });
  });

  it('treats a file of only comments and blanks as empty', () => {
    expect(parseOk('  \n\\* nothing\n(* here *)\n').sections).toEqual([]);
    expect(parseOk('').sections).toEqual([]);
  });

  it('reads identifiers that start with digits, as TLA+ does', () => {
    expect(constants(parseOk('CONSTANT S = {1a, a_1, _b}')).map(showEntry)).toEqual([
      'S = {mv:1a, mv:a_1, mv:_b}',
    ]);
  });
});

/** Each: the text, the code, and where the diagnostic must start. */
const NEGATIVE: readonly [string, string, string, number, number][] = [
  ['misspelt keyword', 'INIT Init\nNEXT Next\nINVARIANTT TypeOK', CFG.UnknownKeyword, 3, 1],
  ['lower-case keyword', 'invariant TypeOK', CFG.UnknownKeyword, 1, 1],
  ['misspelt keyword inside a list', 'INVARIANTS\n  TypeOK\n  PROPERTYY Live', CFG.UnknownKeyword, 3, 3],
  ['entry outside CONSTANT', '\nN = 3\nINIT Init', CFG.UnknownKeyword, 2, 1],
  ['missing = or <-', 'CONSTANTS\n  N 3', CFG.ExpectedAssignment, 2, 5],
  ['== instead of =', 'CONSTANTS\n  N == 3', CFG.ExpectedAssignment, 2, 5],
  ['name alone on its line', 'CONSTANTS\n  N\n  M = 3', CFG.ExpectedAssignment, 2, 3],
  ['missing value', 'CONSTANTS\n  N =\n  M = 3', CFG.MissingValue, 2, 5],
  ['missing value at the end', 'CONSTANT N =', CFG.MissingValue, 1, 12],
  ['bad value', 'CONSTANT N = +', CFG.BadValue, 1, 14],
  ['trailing comma in a set', 'CONSTANT S = {a, }', CFG.BadValue, 1, 18],
  ['unterminated string', 'CONSTANT\n  S = "abc\nINIT Init', CFG.UnterminatedString, 2, 7],
  ['unterminated comment', 'INIT Init\n  (* never (* closed *)\nNEXT Next', CFG.UnterminatedComment, 2, 3],
  ['unterminated set', 'CONSTANTS\n  S = {a, b\n  M = 3', CFG.UnterminatedSet, 2, 7],
  ['unterminated set at the end', 'CONSTANT S = {a, {b}', CFG.UnterminatedSet, 1, 14],
  ['missing comma in a set', 'CONSTANT S = {a b}', CFG.UnterminatedSet, 1, 17],
  ['INIT without a name', 'INIT\nNEXT Next', CFG.MissingName, 1, 1],
  ['SPECIFICATION at the end', 'INVARIANT Inv\nSPECIFICATION', CFG.MissingName, 2, 1],
  ['INIT twice', 'INIT Init\nNEXT Next\nINIT Init2', CFG.DuplicateKeyword, 3, 1],
  ['CHECK_DEADLOCK twice', 'CHECK_DEADLOCK TRUE\nCHECK_DEADLOCK FALSE', CFG.DuplicateKeyword, 2, 1],
  ['CHECK_DEADLOCK without a value', 'CHECK_DEADLOCK\nINIT Init', CFG.CheckDeadlockValue, 1, 1],
  ['CHECK_DEADLOCK with a bad value', 'CHECK_DEADLOCK false', CFG.CheckDeadlockValue, 1, 16],
  ['illegal character', 'INIT Init;\nNEXT Next', CFG.IllegalCharacter, 1, 10],
  ['non-ASCII character', 'INVARIANT Safe\u00e9', CFG.IllegalCharacter, 1, 15],
  ['number after <-', 'CONSTANT N <- 3', CFG.MissingSubstitutionTarget, 1, 15],
  ['nothing after <-', 'CONSTANTS\n  N <-\n  M = 3', CFG.MissingSubstitutionTarget, 2, 5],
  ['unclosed module scope', 'CONSTANT N <- [Mod Def', CFG.BadModuleScope, 1, 20],
  ['empty module scope', 'CONSTANT N <- [] Def', CFG.BadModuleScope, 1, 15],
  ['tuple value', 'CONSTANT T = <<1, 2>>', CFG.UnsupportedValue, 1, 14],
  ['record value', 'CONSTANT R = [a |-> 1]', CFG.UnsupportedValue, 1, 14],
  ['range value', 'CONSTANT R = 1..3', CFG.UnsupportedValue, 1, 15],
  ['set expression', 'CONSTANT S = {1} \\cup {2}', CFG.UnsupportedValue, 1, 18],
  ['integer out of range', 'CONSTANT N = 2147483648', CFG.BadNumber, 1, 14],
  ['non-decimal integer', 'CONSTANT N = \\h1F', CFG.BadNumber, 1, 14],
  ['operator parameters in a substitution', 'CONSTANT F(_, _) <- G', CFG.BadArguments, 1, 11],
  ['unclosed argument list', 'CONSTANT F(1, 2 = 3', CFG.BadArguments, 1, 17],
  ['commas between invariants', 'INVARIANTS A, B', CFG.CommaInNameList, 1, 13],
  ['expression after INVARIANT', "INVARIANT x' > x", CFG.ExpectedName, 1, 12],
  ['number after INIT', 'INIT 3', CFG.ExpectedName, 1, 6],
  ['two names after NEXT', 'INIT Init NEXT Next Other', CFG.ExtraName, 1, 21],
  ['qualified name without its tail', 'CONSTANT Inst! = 3', CFG.BadQualifiedName, 1, 16],
  ['entry not starting with a name', 'CONSTANTS\n  3 = N', CFG.ExpectedConstantName, 2, 3],
  ['bad escape', 'CONSTANT S = "a\\qb"', CFG.InvalidEscape, 1, 16],
];

describe('parseConfig: syntax errors', () => {
  it.each(NEGATIVE)('%s', (_label, text, code, line, column) => {
    const { config, diagnostics } = parseConfig(text, 'bad.cfg');
    expect(config).toBeDefined();
    expect(diagnostics.length).toBeGreaterThan(0);
    const [first] = diagnostics;
    expect({ code: first.code, line: first.span?.start.line, column: first.span?.start.column }).toEqual({
      code,
      line,
      column,
    });
    expect(first.span?.file).toBe('bad.cfg');
    expect(first.severity).toBe(
      CONFIG_DIAGNOSTIC_CODES[code as keyof typeof CONFIG_DIAGNOSTIC_CODES].severity,
    );
    expect(first.message.length).toBeGreaterThan(10);
  });

  it('covers every syntax code of the table', () => {
    const used = new Set(NEGATIVE.map(([, , code]) => code));
    used.add(CFG.NegativeInteger);
    const syntaxCodes = Object.keys(CONFIG_DIAGNOSTIC_CODES).filter((c) => c < 'CFG200');
    expect(syntaxCodes.filter((c) => !used.has(c))).toEqual([]);
  });

  it('suggests the keyword closest in spelling and length', () => {
    const [d] = parseConfig('INIT Init\nINVARIANTT TypeOK', 'x.cfg').diagnostics;
    expect(d.message).toBe('Unknown keyword `INVARIANTT`.');
    expect(d.hint).toBe('did you mean `INVARIANTS` or `INVARIANT`?');
    expect(parseConfig('PROPERTYS P', 'x.cfg').diagnostics[0].hint).toMatch(/^did you mean `PROPERTY`/);
    expect(parseConfig('CONSTRANTS P', 'x.cfg').diagnostics[0].hint).toMatch(/`CONSTRAINTS`/);
  });

  it('explains the unsupported forms with a way out', () => {
    const tuple = parseConfig('CONSTANT T = <<1, 2>>', 'x.cfg').diagnostics[0];
    expect(tuple.hint).toContain('T <- TValue');
    const subst = parseConfig('CONSTANT F(_, _) <- G', 'x.cfg').diagnostics[0];
    expect(subst.hint).toBe('remove `(_, _)`');
    const eq = parseConfig('CONSTANT N := 3', 'x.cfg').diagnostics[0];
    expect(eq.message).toContain('not `:=`');
  });

  it('recovers: reports several independent errors and keeps the good entries', () => {
    const text = [
      'CONSTANTS',
      '  N == 3',
      '  M = 4',
      '  S = {a b}',
      '  T = <<1>>',
      '  U <- Def',
      'INVARIANTT Foo',
      'INIT Init',
      'NEXT Next Extra',
      'INVARIANT TypeOK',
    ].join('\n');
    const { config, diagnostics } = parseConfig(text, 'x.cfg');
    expect(diagnostics.map((d) => `${d.code}@${d.span?.start.line}`)).toEqual([
      'CFG106@2',
      'CFG109@4',
      'CFG113@5',
      'CFG103@7',
      'CFG119@9',
    ]);
    expect(constants(config!).map(showEntry)).toEqual(['M = 4', 'S = {mv:a, mv:b}', 'U <- Def']);
    const s = summarizeConfig(config!);
    expect([s.init?.name, s.next?.name, s.invariants.map((n) => n.name)]).toEqual([
      'Init',
      'Next',
      ['TypeOK'],
    ]);
  });

  it('reports one error per bad expression line, not one per token', () => {
    const { diagnostics } = parseConfig("INVARIANT [][x' > x]_x\nINIT Init", 'x.cfg');
    expect(diagnostics.map((d) => d.code)).toEqual([CFG.ExpectedName]);
  });

  it('does not report a run of illegal characters more than once', () => {
    const { diagnostics } = parseConfig('INIT Init ;;; \u200b\nNEXT Next', 'x.cfg');
    expect(diagnostics.map((d) => d.code)).toEqual([CFG.IllegalCharacter, CFG.IllegalCharacter]);
    expect(diagnostics[1].message).toContain('U+200B');
  });
});
