/**
 * Stable codes of the semantic phase (module loading, names, arity, levels). Scripts and docs refer
 * to them, so a code is never reused for another meaning.
 */
export const SemanticCode = {
  /** A module named in EXTENDS or INSTANCE is found in no search folder and is not a standard module. */
  moduleNotFound: 'TLA200',
  /** Modules EXTEND or INSTANCE each other in a cycle. */
  circularModules: 'TLA201',
  /** A module file's MODULE header names another module than its file name. */
  moduleNameMismatch: 'TLA202',
  /** The same name is defined or declared twice in one module scope. */
  duplicateDefinition: 'TLA203',
  /** A name that is neither defined, declared, nor bound here. */
  unknownName: 'TLA204',
  /** An operator applied to the wrong number of arguments. */
  wrongArity: 'TLA205',
  /** An operator that takes arguments is used without them (or as a value). */
  operatorAsValue: 'TLA206',
  /** `M!Op` where M is not an instance, or M has no definition Op. */
  badInstancePath: 'TLA207',
  /** WITH substitutes something that is not a CONSTANT or VARIABLE of the instantiated module. */
  badSubstitution: 'TLA208',
  /** INSTANCE leaves a constant or variable unsubstituted and no same-named symbol is in scope. */
  missingSubstitution: 'TLA209',
  /** A RECURSIVE declaration without a definition, or with another arity. */
  recursiveMismatch: 'TLA210',
  /** An operator argument (LAMBDA or name) with the wrong number of parameters for a higher-order parameter. */
  higherOrderArity: 'TLA211',
  /** A module that a file could not be read for (I/O error). */
  moduleUnreadable: 'TLA212',
  /** A primed expression that already contains primes, or a prime inside a state-level-only context. */
  doublePrime: 'TLA300',
  /** `[]` or `<>` applied to an action. */
  temporalOfAction: 'TLA301',
  /** ASSUME of a non-constant formula. */
  assumeNotConstant: 'TLA302',
  /** `[A]_v`, `<<A>>_v`, WF/SF, ENABLED or UNCHANGED applied to an expression of the wrong level. */
  actionOperandLevel: 'TLA303',
  /** `~>` or `-+->` with an action operand. */
  leadsToOfAction: 'TLA304',
  /** Two modules imported by EXTENDS or INSTANCE define the same name differently (warning, as in SANY). */
  importedTwice: 'TLA213',
  /** A PlusCal algorithm is present (info). */
  plusCalPresent: 'TLA290',
} as const;

export type SemanticCodeName = keyof typeof SemanticCode;
