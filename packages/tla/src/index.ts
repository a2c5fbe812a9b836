export * from './config/index.js';
export * from './eval/index.js';
export * from './model/index.js';
export * from './semantics/index.js';
export * from './stdlib/index.js';
export * from './syntax/index.js';
export * from './values/index.js';
