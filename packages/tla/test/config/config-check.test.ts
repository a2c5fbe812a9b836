import { LineIndex, type SourceSpan } from '@modelcheck/core';
import { describe, expect, it } from 'vitest';
import {
  CFG,
  checkConfig,
  type DefinitionInfo,
  type ModuleSymbols,
  parseConfig,
} from '../../src/config/index.js';

interface FakeModule {
  file?: string;
  /** name -> arity */
  constants?: Record<string, number>;
  variables?: string[];
  /** name -> [arity, level] */
  defs?: Record<string, [number, 0 | 1 | 2 | 3]>;
  modules?: Record<string, ModuleSymbols>;
  /** Declaration spans are given when the module text is. */
  text?: string;
}

/** A hand-built stand-in for the resolved root module. */
function fakeModule(m: FakeModule): ModuleSymbols {
  const file = m.file ?? 'Spec.tla';
  const constants = m.constants ?? {};
  const defs = m.defs ?? {};
  const lines = m.text === undefined ? undefined : new LineIndex(m.text);
  const spanOf = (name: string): SourceSpan | undefined => {
    if (!lines || m.text === undefined) return undefined;
    const at = m.text.search(new RegExp(`\\b${name}\\b`));
    return at < 0 ? undefined : lines.span(file, at, at + name.length);
  };
  return {
    file,
    constantNames: () => Object.keys(constants),
    constantArity: (name) => (Object.hasOwn(constants, name) ? constants[name] : undefined),
    constantSpan: spanOf,
    variableNames: () => m.variables ?? [],
    definition(name): DefinitionInfo | undefined {
      if (!Object.hasOwn(defs, name)) return undefined;
      const [arity, level] = defs[name];
      const span = spanOf(name);
      return span ? { arity, level, span } : { arity, level };
    },
    allNames: () => [...Object.keys(constants), ...(m.variables ?? []), ...Object.keys(defs)],
    moduleNamed: (name) => m.modules?.[name],
    moduleNames: () => Object.keys(m.modules ?? {}),
  };
}

/** The usual shape: one variable, Init/Next/Spec and a few properties. */
const BASE: FakeModule = {
  variables: ['x'],
  defs: {
    Init: [0, 1],
    Next: [0, 2],
    Spec: [0, 3],
    vars: [0, 1],
    TypeOK: [0, 1],
    Step: [0, 2],
    Live: [0, 3],
    Pos: [0, 1],
    Const: [0, 0],
    Perms: [0, 0],
    Inv: [1, 1],
  },
};

function check(cfg: string, module: FakeModule = BASE) {
  const { config, diagnostics } = parseConfig(cfg, 'MC.cfg');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return checkConfig(config!, fakeModule(module));
}

function codes(cfg: string, module: FakeModule = BASE): string[] {
  return check(cfg, module).map((d) => d.code);
}

function only(cfg: string, module: FakeModule = BASE) {
  const ds = check(cfg, module);
  expect(ds.map((d) => d.code)).toHaveLength(1);
  return ds[0];
}

describe('checkConfig: names in sections', () => {
  it('accepts a well-formed configuration', () => {
    expect(codes('INIT Init\nNEXT Next\nINVARIANT TypeOK\nPROPERTY Live\nSYMMETRY Perms\nVIEW vars')).toEqual(
      [],
    );
    expect(
      codes('SPECIFICATION Spec\nINVARIANTS TypeOK\nACTION_CONSTRAINT Step\nCONSTRAINT Pos\nALIAS Step'),
    ).toEqual([]);
  });

  it('reports an unknown name with a did-you-mean hint, at the name', () => {
    const d = only('SPECIFICATION Spec\nINVARIANT TypeOk');
    expect(d.code).toBe(CFG.UnknownName);
    expect(d.message).toBe('INVARIANT names `TypeOk`, which is not defined in the specification.');
    expect(d.hint).toBe('did you mean `TypeOK`?');
    expect(d.span?.start).toMatchObject({ line: 2, column: 11 });
  });

  it('hints at a keyword when an unknown name looks like one', () => {
    const d = only('SPECIFICATION Spec\nINVARIANTS TypeOK PROPERTIE');
    expect(d.code).toBe(CFG.UnknownName);
    expect(d.hint).toContain('PROPERTIES');
  });

  it('requires definitions without parameters', () => {
    const d = only('SPECIFICATION Spec\nINVARIANT Inv');
    expect(d.code).toBe(CFG.NeedsNoArguments);
    expect(d.message).toContain('takes 1 argument');
  });

  it('rejects constants and variables where a definition is expected', () => {
    const module = { ...BASE, constants: { N: 0 } };
    expect(codes('CONSTANT N = 3\nINIT x\nNEXT Next', module)).toEqual([CFG.NotADefinition]);
  });
});

describe('checkConfig: levels', () => {
  const rules: [string, string, string][] = [
    ['INIT must be at most state level', 'NEXT Next\nINIT Step', CFG.LevelTooHigh],
    ['INIT cannot be temporal', 'NEXT Next\nINIT Spec', CFG.LevelTooHigh],
    ['NEXT cannot be temporal', 'INIT Init\nNEXT Live', CFG.LevelTooHigh],
    ['an invariant cannot be an action', 'SPECIFICATION Spec\nINVARIANT Step', CFG.LevelTooHigh],
    ['an invariant cannot be temporal', 'SPECIFICATION Spec\nINVARIANT Live', CFG.LevelTooHigh],
    ['a constraint cannot be an action', 'SPECIFICATION Spec\nCONSTRAINT Step', CFG.LevelTooHigh],
    [
      'an action constraint cannot be temporal',
      'SPECIFICATION Spec\nACTION_CONSTRAINT Live',
      CFG.LevelTooHigh,
    ],
    ['a view cannot be an action', 'SPECIFICATION Spec\nVIEW Step', CFG.LevelTooHigh],
    ['SYMMETRY must be constant', 'SPECIFICATION Spec\nSYMMETRY Pos', CFG.LevelTooHigh],
    ['a postcondition must be constant', 'SPECIFICATION Spec\nPOSTCONDITION Pos', CFG.LevelTooHigh],
    ['a property cannot be an action', 'SPECIFICATION Spec\nPROPERTY Step', CFG.PropertyIsAction],
    [
      'a state-level property is only checked initially',
      'SPECIFICATION Spec\nPROPERTY Pos',
      CFG.PropertyIsStatePredicate,
    ],
    ['a constant invariant is suspicious', 'SPECIFICATION Spec\nINVARIANT Const', CFG.ConstantInvariant],
  ];
  it.each(rules)('%s', (_label, cfg, code) => {
    const d = only(cfg);
    expect(d.code).toBe(code);
    expect(d.span?.start.line).toBe(2);
  });

  it('explains an invariant with primes in TLC terms', () => {
    const d = only('SPECIFICATION Spec\nINVARIANT Step');
    expect(d.message).toBe(
      'INVARIANT Step is an action (it contains primed variables); an invariant must be a state predicate. Did you mean to check it as a PROPERTY [][Step]_vars?',
    );
    expect(d.severity).toBe('error');
  });

  it('allows temporal SPECIFICATION and PROPERTY, action NEXT and ALIAS', () => {
    expect(codes('SPECIFICATION Live\nPROPERTY Spec\nALIAS Step')).toEqual([]);
    expect(codes('INIT Pos\nNEXT Step')).toEqual([]);
  });

  it('uses the level of the substituted definition', () => {
    // `Pos <- Step` makes the invariant Pos an action.
    expect(codes('CONSTANT Pos <- Step\nSPECIFICATION Spec\nINVARIANT Pos')).toEqual([CFG.LevelTooHigh]);
    // `Next <- Step` keeps NEXT an action.
    expect(codes('CONSTANT Next <- Step\nINIT Init\nNEXT Next')).toEqual([]);
  });

  it('gives related spans at the definition when known', () => {
    const text = "VARIABLE x\nStep == x' = x + 1\nSpec == TRUE\n";
    const d = only('SPECIFICATION Spec\nINVARIANT Step', { ...BASE, text });
    expect(d.related?.[0].span).toMatchObject({ file: 'Spec.tla', start: { line: 2, column: 1 } });
  });
});

describe('checkConfig: constants', () => {
  const module: FakeModule = {
    variables: ['x'],
    constants: { N: 0, Procs: 0, F: 1, Leader: 0 },
    defs: {
      Spec: [0, 3],
      Init: [0, 1],
      Next: [0, 2],
      Nat: [0, 0],
      MCNat: [0, 0],
      Succ: [1, 0],
      Succ1: [1, 0],
      Double: [2, 0],
      Proc3: [0, 0],
      XVal: [0, 1],
      Max: [0, 0],
    },
    text: 'CONSTANT N, Procs, F(_), Leader\nVARIABLE x\n',
  };
  const ALL = 'CONSTANTS\n  N = 3\n  Procs = {p1, p2}\n  F <- Succ\n  Leader = p1\nSPECIFICATION Spec\n';

  it('accepts values, model values, substitutions and definition overrides', () => {
    expect(codes(`${ALL}CONSTANTS Nat <- MCNat Max = 10`, module)).toEqual([]);
    expect(codes(ALL.replace('F <- Succ', 'F(1) = 2\n  F(2) = 1'), module)).toEqual([]);
  });

  it('reports a constant without a value, at the CONSTANT section, with the declaration', () => {
    const ds = check(ALL.replace('  Leader = p1\n', ''), module);
    expect(ds.map((d) => d.code)).toEqual([CFG.ConstantNotAssigned]);
    const [d] = ds;
    expect(d.message).toBe('The constant Leader is not assigned a value by the configuration file.');
    expect(d.span?.start).toMatchObject({ line: 1, column: 1 });
    expect(d.related?.[0]).toMatchObject({ span: { file: 'Spec.tla', start: { line: 1, column: 26 } } });
  });

  it('anchors missing constants at the start of a file without CONSTANT', () => {
    const ds = check('SPECIFICATION Spec', module);
    expect(ds.map((d) => d.code)).toEqual(Array(4).fill(CFG.ConstantNotAssigned));
    expect(ds[0].span?.start).toMatchObject({ line: 1, column: 1, offset: 0 });
    expect(ds[2].hint).toContain('F <- Def');
  });

  it('reports an unknown name on the left, with a hint', () => {
    const d = only(`${ALL}CONSTANT Lader = p2`, module);
    expect(d.code).toBe(CFG.UnknownConstant);
    expect(d.hint).toBe('did you mean `Leader`?');
    expect(d.span?.start).toMatchObject({ line: 7, column: 10 });
  });

  it('accepts the `p1 = p1` idiom for undeclared model values (TLC ignores such entries)', () => {
    expect(codes(`${ALL}CONSTANTS p1 = p1 p2 = p2`, module)).toEqual([]);
    expect(codes(`${ALL}CONSTANTS p1 = p2`, module)).toEqual([CFG.UnknownConstant]);
  });

  it('rejects values for variables', () => {
    expect(codes(`${ALL}CONSTANT x = 3`, module)).toEqual([CFG.VariableAssigned]);
  });

  it('checks substitution arity', () => {
    const d = only(ALL.replace('F <- Succ', 'F <- Double'), module);
    expect(d.code).toBe(CFG.SubstitutionArity);
    expect(d.message).toContain('`F` is declared with 1 parameter but `Double` takes 2 arguments');
    expect(codes(ALL.replace('N = 3', 'N <- Succ'), module)).toEqual([CFG.SubstitutionArity]);
  });

  it('checks the arity of values', () => {
    expect(codes(ALL.replace('F <- Succ', 'F = 3'), module)).toEqual([CFG.AssignmentArity]);
    expect(codes(ALL.replace('N = 3', 'N(1) = 3'), module)).toEqual([CFG.AssignmentArity]);
  });

  it('reports an undefined substitution target with a hint', () => {
    const d = only(ALL.replace('F <- Succ', 'F <- Suc'), module);
    expect(d.code).toBe(CFG.UndefinedSubstitutionTarget);
    expect(d.hint).toBe('did you mean `Succ`?');
  });

  it('rejects a constant replaced by a state-level definition', () => {
    expect(codes(ALL.replace('N = 3', 'N <- XVal'), module)).toEqual([CFG.NonConstantSubstitution]);
  });

  it('rejects chained substitutions, as TLC does', () => {
    const ds = check(`${ALL}CONSTANTS Nat <- Max Max <- Proc3`, module);
    expect(ds.map((d) => d.code)).toEqual([CFG.ChainedSubstitution]);
  });

  it('warns when a model value is spelled like a definition', () => {
    const d = only(ALL.replace('N = 3', 'N = Proc3'), module);
    expect(d.code).toBe(CFG.ModelValueNamesDefinition);
    expect(d.severity).toBe('warning');
    expect(d.hint).toBe('to use the definition, write `N <- Proc3`');
  });

  it('warns when a constant gets two values', () => {
    const ds = check(`${ALL}CONSTANT N = 4`, module);
    expect(ds.map((d) => [d.code, d.severity])).toEqual([[CFG.DuplicateAssignment, 'warning']]);
    expect(ds[0].related?.[0].span.start.line).toBe(2);
  });
});

describe('checkConfig: module-scoped overrides', () => {
  const zseq = fakeModule({
    file: 'ZSequences.tla',
    constants: { Bound: 0 },
    defs: { Nat: [0, 0], ZSeq: [1, 0] },
  });
  const module: FakeModule = {
    variables: ['x'],
    defs: { Spec: [0, 3], ZSeqNat: [0, 0], Val: [0, 0], Unary: [1, 0] },
    modules: { ZSequences: zseq },
  };

  it('accepts `Op <- [Mod] Def` and `Op = [Mod] value`', () => {
    expect(codes('CONSTANTS Nat <- [ZSequences]ZSeqNat\nSPECIFICATION Spec', module)).toEqual([]);
    expect(codes('CONSTANTS Nat = [ZSequences] 3\nSPECIFICATION Spec', module)).toEqual([]);
    // Both at once: the second silently wins in TLC.
    expect(
      codes('CONSTANTS Nat <- [ZSequences]ZSeqNat\n  Nat = [ZSequences] 3\nSPECIFICATION Spec', module),
    ).toEqual([CFG.DuplicateAssignment]);
  });

  it('reports an unknown module with a hint', () => {
    const d = only('CONSTANT Nat <- [ZSequence]ZSeqNat\nSPECIFICATION Spec', module);
    expect(d.code).toBe(CFG.UnknownModule);
    expect(d.hint).toBe('did you mean `ZSequences`?');
    expect(d.span?.start).toMatchObject({ line: 1, column: 18 });
  });

  it('reports a name the module does not define', () => {
    const d = only('CONSTANT Nats <- [ZSequences]ZSeqNat\nSPECIFICATION Spec', module);
    expect(d.code).toBe(CFG.NotInModule);
    expect(d.hint).toBe('did you mean `Nat`?');
  });

  it('rejects a scoped override of a declared constant', () => {
    expect(codes('CONSTANT Bound = [ZSequences] 3\nSPECIFICATION Spec', module)).toEqual([
      CFG.ModuleScopedConstant,
    ]);
  });

  it('checks arity and the root-module target', () => {
    expect(codes('CONSTANT ZSeq <- [ZSequences]ZSeqNat\nSPECIFICATION Spec', module)).toEqual([
      CFG.SubstitutionArity,
    ]);
    expect(codes('CONSTANT ZSeq <- [ZSequences]Unary\nSPECIFICATION Spec', module)).toEqual([]);
    expect(codes('CONSTANT Nat <- [ZSequences]Missing\nSPECIFICATION Spec', module)).toEqual([
      CFG.UndefinedSubstitutionTarget,
    ]);
  });
});

describe('checkConfig: SPECIFICATION, INIT and NEXT', () => {
  it('rejects both SPECIFICATION and INIT/NEXT', () => {
    const d = only('SPECIFICATION Spec\nINIT Init\nNEXT Next');
    expect(d.code).toBe(CFG.SpecAndInitNext);
    expect(d.span?.start.line).toBe(2);
    expect(d.related?.[0].span.start.line).toBe(1);
  });

  it('requires a behavior spec when the module has variables', () => {
    const d = only('INVARIANT TypeOK');
    expect(d.code).toBe(CFG.MissingInit);
    expect(d.hint).toBe('the module defines `Spec`: add `SPECIFICATION Spec`');
  });

  it('does not require one for a constant-only module (TLC just checks assumptions)', () => {
    expect(codes('', { defs: { Spec: [0, 3] } })).toEqual([]);
    expect(codes('CHECK_DEADLOCK FALSE', { defs: {} })).toEqual([]);
  });

  it('requires NEXT with INIT and INIT with NEXT', () => {
    expect(codes('INIT Init')).toEqual([CFG.MissingNext]);
    expect(codes('NEXT Next')).toEqual([CFG.MissingInit]);
  });
});
