export type * from './ast.js';
export { TlaSyntaxCodes } from './diagnostic-codes.js';
export {
  canonicalOperator,
  OPERATORS,
  type OperatorFix,
  type OperatorInfo,
  operatorInfo,
} from './operators.js';
export { type ExprParseResult, type ParseResult, parseExpression, parseModule } from './parser.js';
export * from './printer.js';
export { forEachExpression, subExpressions } from './sub-expressions.js';
