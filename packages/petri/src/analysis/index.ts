export * from './analyze.js';
export * from './invariants.js';
export * from './siphons.js';
export * from './structure.js';
export * from './unbounded-deadlock.js';
