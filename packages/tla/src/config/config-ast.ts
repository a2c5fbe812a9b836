import type { SourceSpan } from '@modelcheck/core';

/**
 * The syntax tree of a TLC model configuration file (`.cfg`).
 *
 * A file is a sequence of sections, each introduced by a keyword. Sections are kept in source order,
 * repeated keywords included, and every piece carries the span of the text it came from, so that
 * later phases (checkConfig, the model checker, an editor) can point back at the file.
 *
 * The language is the one TLC's `ModelConfig` reads:
 *
 *     CONSTANT(S)   N = 3   S = {a, b}   F(1, 2) = TRUE   Op <- Def   Op <- [Mod] Def   Op = [Mod] 3
 *     INIT Name   NEXT Name   SPECIFICATION Name   VIEW Name   SYMMETRY Name   ALIAS Name
 *     INVARIANT(S) | PROPERTY | PROPERTIES | CONSTRAINT(S) | ACTION_CONSTRAINT(S) | POSTCONDITION(S)  Name...
 *     CHECK_DEADLOCK TRUE|FALSE
 */
export interface ConfigFile {
  readonly kind: 'ConfigFile';
  readonly file: string;
  /** The whole text. */
  readonly span: SourceSpan;
  /** Every section in source order. A keyword may appear in several sections. */
  readonly sections: readonly ConfigSection[];
}

export type ConfigSection = ConstantsSection | NamesSection | CheckDeadlockSection;

/** Every keyword TLC reads. The `_`-prefixed ones are TLC's experimental hooks. */
export const CONFIG_KEYWORDS = [
  'CONSTANT',
  'CONSTANTS',
  'INIT',
  'NEXT',
  'SPECIFICATION',
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
  '_PERIODIC',
  '_RL_REWARD',
  '_POSSIBLE',
] as const;

export type ConfigKeyword = (typeof CONFIG_KEYWORDS)[number];

/** What the names of a section are for; a keyword and its plural share a role. */
export type NameRole =
  | 'init'
  | 'next'
  | 'specification'
  | 'invariant'
  | 'property'
  | 'constraint'
  | 'actionConstraint'
  | 'symmetry'
  | 'view'
  | 'alias'
  | 'postcondition'
  | 'periodic'
  | 'rlReward'
  | 'possible';

export type NamesKeyword = Exclude<ConfigKeyword, 'CONSTANT' | 'CONSTANTS' | 'CHECK_DEADLOCK'>;

export const NAME_ROLES: Readonly<Record<NamesKeyword, NameRole>> = {
  INIT: 'init',
  NEXT: 'next',
  SPECIFICATION: 'specification',
  INVARIANT: 'invariant',
  INVARIANTS: 'invariant',
  PROPERTY: 'property',
  PROPERTIES: 'property',
  CONSTRAINT: 'constraint',
  CONSTRAINTS: 'constraint',
  ACTION_CONSTRAINT: 'actionConstraint',
  ACTION_CONSTRAINTS: 'actionConstraint',
  SYMMETRY: 'symmetry',
  VIEW: 'view',
  ALIAS: 'alias',
  POSTCONDITION: 'postcondition',
  POSTCONDITIONS: 'postcondition',
  _PERIODIC: 'periodic',
  _RL_REWARD: 'rlReward',
  _POSSIBLE: 'possible',
};

/** Roles whose keyword takes exactly one name and may appear only once in a file (TLC's rule). */
export const SINGLE_NAME_ROLES: ReadonlySet<NameRole> = new Set<NameRole>([
  'init',
  'next',
  'specification',
  'symmetry',
  'view',
  'alias',
  'periodic',
  'rlReward',
]);

/** A keyword as written. */
export interface ConfigKeywordToken {
  readonly text: ConfigKeyword;
  readonly span: SourceSpan;
}

/** A name as written. In a CONSTANT entry's left side it may be qualified: `Inst!Op`. */
export interface ConfigName {
  readonly name: string;
  readonly span: SourceSpan;
}

interface SectionBase {
  readonly keyword: ConfigKeywordToken;
  /** From the keyword to the end of its last item. */
  readonly span: SourceSpan;
}

/** `CONSTANT` / `CONSTANTS` and its entries. */
export interface ConstantsSection extends SectionBase {
  readonly kind: 'Constants';
  readonly entries: readonly ConstantEntry[];
}

/** `INIT Init`, `INVARIANTS A B C`, ... */
export interface NamesSection extends SectionBase {
  readonly kind: 'Names';
  readonly role: NameRole;
  readonly names: readonly ConfigName[];
}

/** `CHECK_DEADLOCK TRUE|FALSE`. */
export interface CheckDeadlockSection extends SectionBase {
  readonly kind: 'CheckDeadlock';
  readonly value: boolean;
  readonly valueSpan: SourceSpan;
}

export type ConstantEntry = ConstantAssignment | ConstantSubstitution;

/**
 * `N = v`: the constant (or zero-arity definition) `N` gets the value `v`.
 * `F(a, b) = v`: the operator constant `F` maps the arguments `a, b` to `v` (one line per point).
 * `N = [Mod] v`: the definition `N` of module `Mod` gets the value `v`.
 */
export interface ConstantAssignment {
  readonly kind: 'Assignment';
  readonly name: ConfigName;
  /** Present (possibly empty) only when written with parentheses. */
  readonly args?: readonly ConfigValue[];
  readonly module?: ConfigName;
  readonly value: ConfigValue;
  readonly span: SourceSpan;
}

/**
 * `N <- Op`: `N` (a constant or a definition of the root module) is replaced by the definition `Op`.
 * `N <- [Mod] Op`: the definition `N` of module `Mod` is replaced by `Op` of the root module.
 */
export interface ConstantSubstitution {
  readonly kind: 'Substitution';
  readonly name: ConfigName;
  readonly module?: ConfigName;
  readonly target: ConfigName;
  readonly span: SourceSpan;
}

export type ConfigValue = ConfigInt | ConfigString | ConfigBool | ConfigModelValue | ConfigSet;

export interface ConfigInt {
  readonly kind: 'Int';
  readonly value: number;
  readonly span: SourceSpan;
}

export interface ConfigString {
  readonly kind: 'String';
  /** The characters, escapes resolved (`\"` is `"`). */
  readonly value: string;
  /** The text between the quotes as written; TLC itself uses this (it does not resolve escapes). */
  readonly raw: string;
  readonly span: SourceSpan;
}

export interface ConfigBool {
  readonly kind: 'Bool';
  readonly value: boolean;
  readonly span: SourceSpan;
}

/** An identifier used as a value: a model value, equal only to itself. */
export interface ConfigModelValue {
  readonly kind: 'ModelValue';
  readonly name: string;
  readonly span: SourceSpan;
}

export interface ConfigSet {
  readonly kind: 'Set';
  readonly elements: readonly ConfigValue[];
  readonly span: SourceSpan;
}

/**
 * A flat view of a configuration, for the model checker: which names play which role, and the
 * constant entries in order. Names keep their spans; repeated single-valued keywords (an error) keep
 * the first occurrence.
 */
export interface ConfigSummary {
  readonly init?: ConfigName;
  readonly next?: ConfigName;
  readonly specification?: ConfigName;
  readonly invariants: readonly ConfigName[];
  readonly properties: readonly ConfigName[];
  readonly constraints: readonly ConfigName[];
  readonly actionConstraints: readonly ConfigName[];
  readonly postconditions: readonly ConfigName[];
  readonly symmetry?: ConfigName;
  readonly view?: ConfigName;
  readonly alias?: ConfigName;
  /** TLC checks deadlock unless the file says `CHECK_DEADLOCK FALSE`. */
  readonly checkDeadlock: boolean;
  readonly constants: readonly ConstantEntry[];
}

export function summarizeConfig(config: ConfigFile): ConfigSummary {
  const lists: Record<NameRole, ConfigName[]> = {
    init: [],
    next: [],
    specification: [],
    invariant: [],
    property: [],
    constraint: [],
    actionConstraint: [],
    symmetry: [],
    view: [],
    alias: [],
    postcondition: [],
    periodic: [],
    rlReward: [],
    possible: [],
  };
  const constants: ConstantEntry[] = [];
  let checkDeadlock: boolean | undefined;
  for (const section of config.sections) {
    if (section.kind === 'Constants') constants.push(...section.entries);
    else if (section.kind === 'Names') lists[section.role].push(...section.names);
    else checkDeadlock ??= section.value;
  }
  const summary: {
    -readonly [K in keyof ConfigSummary]: ConfigSummary[K];
  } = {
    invariants: lists.invariant,
    properties: lists.property,
    constraints: lists.constraint,
    actionConstraints: lists.actionConstraint,
    postconditions: lists.postcondition,
    checkDeadlock: checkDeadlock ?? true,
    constants,
  };
  if (lists.init[0]) summary.init = lists.init[0];
  if (lists.next[0]) summary.next = lists.next[0];
  if (lists.specification[0]) summary.specification = lists.specification[0];
  if (lists.symmetry[0]) summary.symmetry = lists.symmetry[0];
  if (lists.view[0]) summary.view = lists.view[0];
  if (lists.alias[0]) summary.alias = lists.alias[0];
  return summary;
}
