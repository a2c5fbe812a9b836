export * from './diagnostic.js';
export * from './diagnostic-printer.js';
export * from './edit-distance.js';
export * from './line-index.js';
export * from './transition-system.js';
