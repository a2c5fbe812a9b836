export * from './args.js';
export * from './exit-codes.js';
export { run, VERSION } from './main.js';
