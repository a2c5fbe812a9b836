/**
 * Stable diagnostic codes of the Petri-net front-end. `PN1xx`: the file cannot be read as a net
 * (syntax, encoding, unsupported elements); `PN2xx`: it reads, but does not make sense (unknown
 * nodes, bad weights, names a formula uses that the net lacks). Codes never change meaning.
 */
export const PN = {
  /** The XML is not well-formed (saxes' message, at its line and column). */
  malformedXml: 'PN100',
  /** No `<net>` element (or not a PNML document at all). */
  noNet: 'PN101',
  /** A required attribute (`id`, `source`, `target`, `idref`) is missing. */
  missingAttribute: 'PN102',
  /** A number was expected (marking, weight, bound). */
  notANumber: 'PN103',
  /** A syntax error in a LoLA `.net` file or in the text format. */
  syntax: 'PN104',
  /** Inhibitor, reset, read arcs, or a coloured / high-level net: outside place/transition nets. */
  unsupported: 'PN105',
  /** The property XML (`--formula`) is not what the Model Checking Contest writes. */
  badProperty: 'PN106',
  /** An arc or a marking names a node that the net does not have. */
  unknownNode: 'PN200',
  /** An arc joins two places or two transitions. */
  arcKind: 'PN201',
  /** Two nodes share one id. */
  duplicateId: 'PN202',
  /** An arc weight that is zero or negative. */
  badWeight: 'PN203',
  /** A negative number of tokens. */
  badMarking: 'PN204',
  /** A formula names a place the net does not have. */
  unknownPlace: 'PN205',
  /** A formula names a transition the net does not have. */
  unknownTransition: 'PN206',
  /** The file holds more than one net: the first is used (warning). */
  severalNets: 'PN207',
  /** Token counts beyond 2^31 - 1 (warning or error). */
  tooManyTokens: 'PN208',
} as const;
