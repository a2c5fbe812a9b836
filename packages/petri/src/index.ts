export * from './analysis/index.js';
export * from './diagnostic-codes.js';
export * from './formats/index.js';
export * from './formulas/index.js';
export * from './model/index.js';
export * from './state-space/index.js';
export * from './system.js';
