export * from './formulas.js';
export * from './json.js';
export * from './sequence.js';
export * from './text-report.js';
