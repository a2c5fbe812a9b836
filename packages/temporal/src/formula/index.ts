export * from './ast.js';
export * from './atom-parsers.js';
export * from './classify.js';
export * from './parser.js';
export * from './printer.js';
export * from './transform.js';
