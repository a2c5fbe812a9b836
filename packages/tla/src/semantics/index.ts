export * from './analyze.js';
export * from './diagnostic-codes.js';
export * from './levels.js';
export * from './module-symbols.js';
export type { AnalyzeOptions, SpecAnalysis } from './resolver.js';
export { arityOf, builtinSymbol, paramArities } from './resolver.js';
export * from './source-host.js';
export * from './symbols.js';
