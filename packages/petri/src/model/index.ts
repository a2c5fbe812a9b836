export * from './builder.js';
export * from './net.js';
