export * from './check-ltl.js';
export { ALIVE_ATOM, encodeFiniteTraces } from './finite.js';
export {
  type CompiledGba,
  compileGba,
  END_STATE,
  type ProductOptions,
  type ProductResult,
  productEmptiness,
} from './product.js';
export * from './translate.js';
