/**
 * Diagnostic codes of the TLA+ lexer and parser. Codes are stable: tests, scripts and docs refer
 * to them.
 *
 * | Code   | Meaning                                                                              |
 * |--------|--------------------------------------------------------------------------------------|
 * | TLA100 | Unterminated string literal (a string must end with `"` on the same line).           |
 * | TLA101 | Unterminated comment (a `(*` without its matching `*)`).                               |
 * | TLA102 | Illegal character (not part of any TLA+ token).                                      |
 * | TLA103 | Malformed number (a digit that is not valid in the number's base, e.g. `\b102`).     |
 * | TLA104 | Invalid escape sequence in a string (only `\"`, `\\`, `\n`, `\t`, `\r`, `\f`).       |
 * | TLA120 | No module header: the file has no `---- MODULE Name ----` line.                      |
 * | TLA121 | Missing end of module: no `====` line closes the module.                             |
 * | TLA122 | Unexpected token: the parser expected something else here.                           |
 * | TLA123 | Unclosed bracket: a `(`, `[`, `{` or `<<` is not closed where it should be.           |
 * | TLA124 | Precedence conflict: two operators with overlapping precedence need parentheses.     |
 * | TLA125 | Misaligned bulleted list: a `/\` or `\/` bullet, or a token of an item, is not       |
 * |        | aligned with / indented past the list's bullets.                                     |
 * | TLA126 | Incomplete IF: `IF` without `THEN` or `ELSE`.                                        |
 * | TLA127 | Missing `==` in a definition.                                                        |
 * | TLA128 | A reserved word is used where a name is expected.                                    |
 * | TLA129 | EXCEPT update without `!`.                                                           |
 * | TLA130 | CASE without any arm.                                                                |
 * | TLA131 | Expression expected.                                                                 |
 * | TLA132 | Two expressions follow each other without an operator between them.                   |
 * | TLA133 | Proof structure error (step level, QED, a proof after a step that takes none).        |
 * | TLA134 | Misplaced label or selector (`::` not after a label, `@` in `!.@`).                   |
 * | TLA135 | Malformed declaration (`CONSTANT`, `NEW`, parameters).                               |
 * | TLA136 | Input nested too deeply for the parser (brackets more than 200 deep).                |
 * | TLA199 | Internal error in the parser: a bug, please report it with the input that caused it. |
 */
export const TlaSyntaxCodes = {
  unterminatedString: 'TLA100',
  unterminatedComment: 'TLA101',
  illegalCharacter: 'TLA102',
  malformedNumber: 'TLA103',
  invalidEscape: 'TLA104',
  missingModuleHeader: 'TLA120',
  missingModuleEnd: 'TLA121',
  unexpectedToken: 'TLA122',
  unclosedBracket: 'TLA123',
  precedenceConflict: 'TLA124',
  misalignedBullet: 'TLA125',
  incompleteIf: 'TLA126',
  missingDefEq: 'TLA127',
  reservedWord: 'TLA128',
  exceptWithoutBang: 'TLA129',
  emptyCase: 'TLA130',
  expressionExpected: 'TLA131',
  missingOperator: 'TLA132',
  proofStructure: 'TLA133',
  misplacedLabel: 'TLA134',
  malformedDeclaration: 'TLA135',
  tooDeep: 'TLA136',
  internalError: 'TLA199',
} as const;
