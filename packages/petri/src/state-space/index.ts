export * from './compiled-net.js';
export * from './coverability.js';
export * from './growable.js';
export * from './limits.js';
export * from './marking-store.js';
export * from './reachability.js';
export * from './scc.js';
