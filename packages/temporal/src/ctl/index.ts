export * from './check-ctl.js';
export { normaliseLasso } from './ctl-graph.js';
