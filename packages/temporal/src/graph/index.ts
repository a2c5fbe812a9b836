export * from './bitset.js';
export * from './fair-cycle.js';
export * from './kripke.js';
export * from './scc.js';
