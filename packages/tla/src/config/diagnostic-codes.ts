import type { Severity } from '@modelcheck/core';

/**
 * Diagnostic codes of the TLC configuration-file front end.
 *
 * - `CFG100`–`CFG199`: syntax, reported by `parseConfig` (no module needed).
 * - `CFG200`–`CFG299`: meaning, reported by `checkConfig` against the symbols of the root module.
 *
 * Codes are stable: tests, docs and scripts refer to them. Where a check mirrors one of TLC's own
 * errors, `tlc` names TLC's error constant (`tlc2.output.EC`) so that the two can be compared.
 */
export const CFG = {
  // ---- syntax (parseConfig) -----------------------------------------------------------------
  IllegalCharacter: 'CFG100',
  UnterminatedString: 'CFG101',
  UnterminatedComment: 'CFG102',
  UnknownKeyword: 'CFG103',
  MissingName: 'CFG104',
  DuplicateKeyword: 'CFG105',
  ExpectedAssignment: 'CFG106',
  MissingValue: 'CFG107',
  BadValue: 'CFG108',
  UnterminatedSet: 'CFG109',
  CheckDeadlockValue: 'CFG110',
  MissingSubstitutionTarget: 'CFG111',
  BadModuleScope: 'CFG112',
  UnsupportedValue: 'CFG113',
  NegativeInteger: 'CFG114',
  BadNumber: 'CFG115',
  BadArguments: 'CFG116',
  CommaInNameList: 'CFG117',
  ExpectedName: 'CFG118',
  ExtraName: 'CFG119',
  BadQualifiedName: 'CFG120',
  ExpectedConstantName: 'CFG121',
  InvalidEscape: 'CFG122',

  // ---- meaning (checkConfig) ----------------------------------------------------------------
  UnknownName: 'CFG200',
  NeedsNoArguments: 'CFG201',
  LevelTooHigh: 'CFG202',
  NotADefinition: 'CFG203',
  PropertyIsAction: 'CFG204',
  PropertyIsStatePredicate: 'CFG205',
  ConstantInvariant: 'CFG206',
  SpecAndInitNext: 'CFG207',
  MissingInit: 'CFG208',
  MissingNext: 'CFG209',
  UnknownConstant: 'CFG210',
  ConstantNotAssigned: 'CFG211',
  UndefinedSubstitutionTarget: 'CFG212',
  SubstitutionArity: 'CFG213',
  NonConstantSubstitution: 'CFG214',
  AssignmentArity: 'CFG215',
  UnknownModule: 'CFG216',
  NotInModule: 'CFG217',
  ChainedSubstitution: 'CFG218',
  ModelValueNamesDefinition: 'CFG219',
  DuplicateAssignment: 'CFG220',
  VariableAssigned: 'CFG221',
  ModuleScopedConstant: 'CFG222',
} as const;

export type ConfigDiagnosticCode = (typeof CFG)[keyof typeof CFG];

export interface ConfigCodeInfo {
  readonly severity: Severity;
  /** One line: what the code means. */
  readonly summary: string;
  /** TLC's corresponding error or warning (`tlc2.output.EC`), when there is one. */
  readonly tlc?: string;
}

/** The table of every code: its default severity and meaning. */
export const CONFIG_DIAGNOSTIC_CODES: Readonly<Record<ConfigDiagnosticCode, ConfigCodeInfo>> = {
  CFG100: { severity: 'error', summary: 'a character that cannot appear in a configuration file' },
  CFG101: { severity: 'error', summary: 'a string literal is not closed on its line' },
  CFG102: { severity: 'error', summary: 'a (* comment *) is not closed' },
  CFG103: {
    severity: 'error',
    summary: 'expected a keyword (CONSTANT, INIT, NEXT, SPECIFICATION, INVARIANT, ...)',
    tlc: 'CFG_EXPECTED_SYMBOL',
  },
  CFG104: { severity: 'error', summary: 'a keyword is not followed by a name', tlc: 'CFG_MISSING_ID' },
  CFG105: { severity: 'error', summary: 'a single-valued keyword appears twice', tlc: 'CFG_TWICE_KEYWORD' },
  CFG106: {
    severity: 'error',
    summary: 'a constant entry lacks `=` or `<-` after its name',
    tlc: 'CFG_EXPECTED_SYMBOL',
  },
  CFG107: { severity: 'error', summary: '`=` is not followed by a value', tlc: 'CFG_EXPECTED_SYMBOL' },
  CFG108: { severity: 'error', summary: 'a token that is not a value where a value is expected' },
  CFG109: {
    severity: 'error',
    summary: 'a set `{...}` is not closed or its elements are not separated by commas',
  },
  CFG110: {
    severity: 'error',
    summary: 'CHECK_DEADLOCK is not followed by TRUE or FALSE',
    tlc: 'CFG_EXPECTED_SYMBOL',
  },
  CFG111: {
    severity: 'error',
    summary: '`<-` is not followed by the name of a definition',
    tlc: 'CFG_EXPECT_ID',
  },
  CFG112: { severity: 'error', summary: 'a module scope `[Mod]` is malformed', tlc: 'CFG_EXPECTED_SYMBOL' },
  CFG113: {
    severity: 'error',
    summary: 'a value TLC cannot read from a configuration file (tuple, record, range, expression)',
  },
  CFG114: {
    severity: 'warning',
    summary: 'a negative integer, which TLC does not accept in a configuration file',
  },
  CFG115: { severity: 'error', summary: 'an integer TLC cannot read (outside 32 bits, or not decimal)' },
  CFG116: { severity: 'error', summary: 'a malformed argument list `F(v1, v2) = v`', tlc: 'CFG_GENERAL' },
  CFG117: {
    severity: 'error',
    summary: 'names after a keyword are separated by commas (use spaces or lines)',
  },
  CFG118: {
    severity: 'error',
    summary: 'a token that is not a name where the name of a definition is expected',
  },
  CFG119: { severity: 'error', summary: 'a keyword that takes one name is followed by several' },
  CFG120: { severity: 'error', summary: 'a qualified name `A!B` lacks a name after `!`' },
  CFG121: { severity: 'error', summary: 'a constant entry does not start with a name' },
  CFG122: { severity: 'error', summary: 'an unknown escape sequence in a string' },

  CFG200: {
    severity: 'error',
    summary: 'a name that the module does not define',
    tlc: 'TLC_CONFIG_SPECIFIED_NOT_DEFINED',
  },
  CFG201: {
    severity: 'error',
    summary: 'a definition that takes arguments',
    tlc: 'TLC_CONFIG_ID_REQUIRES_NO_ARG',
  },
  CFG202: {
    severity: 'error',
    summary: 'a definition whose level is too high for its keyword (e.g. a primed invariant)',
    tlc: 'TLC_INVARIANT_VIOLATED_LEVEL',
  },
  CFG203: {
    severity: 'error',
    summary: 'a constant or variable where a definition is expected',
    tlc: 'TLC_CONFIG_ID_MUST_NOT_BE_CONSTANT',
  },
  CFG204: {
    severity: 'error',
    summary: 'a PROPERTY that is an action',
    tlc: 'TLC_CONFIG_PROPERTY_ACTION_LEVEL',
  },
  CFG205: {
    severity: 'warning',
    summary: 'a PROPERTY that is a state predicate (checked in initial states only)',
    tlc: 'TLC_LIVE_FORMULA_STATE_LEVEL',
  },
  CFG206: {
    severity: 'warning',
    summary: 'an INVARIANT that is constant (use ASSUME)',
    tlc: 'TLC_INVARIANT_CONSTANT_LEVEL',
  },
  CFG207: {
    severity: 'error',
    summary: 'both SPECIFICATION and INIT/NEXT',
    tlc: 'TLC_CONFIG_NOT_BOTH_SPEC_AND_INIT',
  },
  CFG208: {
    severity: 'error',
    summary: 'no initial-state predicate (SPECIFICATION or INIT)',
    tlc: 'TLC_CONFIG_MISSING_INIT',
  },
  CFG209: { severity: 'error', summary: 'INIT without NEXT', tlc: 'TLC_CONFIG_MISSING_NEXT' },
  CFG210: {
    severity: 'error',
    summary: 'a value or substitution for a name that is neither a constant nor a definition',
    tlc: 'TLC_CONFIG_ID_DOES_NOT_APPEAR_IN_SPEC',
  },
  CFG211: {
    severity: 'error',
    summary: 'a declared constant gets no value',
    tlc: 'TLC_CONFIG_VALUE_NOT_ASSIGNED_TO_CONSTANT_PARAM',
  },
  CFG212: {
    severity: 'error',
    summary: '`<-` names an undefined identifier',
    tlc: 'TLC_CONFIG_WRONG_SUBSTITUTION',
  },
  CFG213: {
    severity: 'error',
    summary: '`<-` substitutes an operator of a different arity',
    tlc: 'TLC_CONFIG_WRONG_SUBSTITUTION_NUMBER_OF_ARGS',
  },
  CFG214: {
    severity: 'error',
    summary: 'a constant substituted by a non-constant definition',
    tlc: 'TLC_CONFIG_SUBSTITUTION_NON_CONSTANT',
  },
  CFG215: {
    severity: 'error',
    summary: '`=` gives a value with the wrong number of arguments',
    tlc: 'TLC_CONFIG_OP_ARITY_INCONSISTENT',
  },
  CFG216: {
    severity: 'error',
    summary: '`[Mod]` names a module the specification does not use',
    tlc: 'TLC_NO_MODULES',
  },
  CFG217: {
    severity: 'error',
    summary: '`[Mod]` override of a name that module does not define',
    tlc: 'TLC_CONFIG_ID_DOES_NOT_APPEAR_IN_SPEC',
  },
  CFG218: {
    severity: 'error',
    summary: 'the right side of `<-` is itself substituted',
    tlc: 'TLC_CONFIG_RHS_ID_APPEARED_AFTER_LHS_ID',
  },
  CFG219: { severity: 'warning', summary: 'a model value spelled like a definition (did you mean `<-`?)' },
  CFG220: { severity: 'warning', summary: 'a constant given a value twice (the last one wins in TLC)' },
  CFG221: { severity: 'error', summary: 'a variable given a value in the CONSTANT section' },
  CFG222: {
    severity: 'error',
    summary: '`[Mod]` override of a declared constant (TLC allows only definitions)',
  },
};
