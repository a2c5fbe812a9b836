export * from './build-model.js';
export * from './model-types.js';
export * from './symmetry.js';
export * from './temporal-formula.js';
export * from './tlc-variable-order.js';
