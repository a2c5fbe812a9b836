export * from './compiler.js';
export * from './frame.js';
export * from './natives.js';
