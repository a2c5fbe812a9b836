/**
 * Stable diagnostic codes of the temporal package. `LTL1xx`: formula syntax; `LTL2xx`: the formula
 * does not fit what it is used for (unknown atoms, an action where a state predicate belongs, a
 * formula outside CTL or LTL); `LTL3xx`: warnings about verdicts (vacuity under fairness).
 */
export const TemporalCodes = {
  unexpectedCharacter: 'LTL101',
  expectedFormula: 'LTL102',
  unclosedGroup: 'LTL103',
  trailingText: 'LTL104',
  unterminatedString: 'LTL105',
  bracketWithoutBinaryOperator: 'LTL106',
  tooDeep: 'LTL107',
  badAtom: 'LTL110',
  emptyFormula: 'LTL111',

  unknownAtom: 'LTL201',
  actionWhereStateBelongs: 'LTL202',
  notLtl: 'LTL203',
  notCtl: 'LTL204',
  temporalWhereStateBelongs: 'LTL205',
  tooManyAtoms: 'LTL206',
  tooManyAcceptanceSets: 'LTL207',
  badInitialState: 'LTL208',

  noFairPath: 'LTL301',
} as const;

export type TemporalCode = (typeof TemporalCodes)[keyof typeof TemporalCodes];
