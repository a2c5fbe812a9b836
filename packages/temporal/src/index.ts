export * from './ctl/index.js';
export * from './diagnostic-codes.js';
export * from './formula/index.js';
export * from './graph/index.js';
export * from './ltl/index.js';
export * from './model.js';
