export * from './build-model.js';
export * from './model-types.js';
