export * from './config/index.js';
export * from './semantics/index.js';
export * from './stdlib/index.js';
export * from './syntax/index.js';
