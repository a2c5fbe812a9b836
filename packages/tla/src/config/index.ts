export * from './config-ast.js';
export * from './config-check.js';
export * from './config-parser.js';
export * from './diagnostic-codes.js';
