export * from './atom-syntax.js';
export * from './check.js';
export * from './mcc-xml.js';
export * from './predicates.js';
