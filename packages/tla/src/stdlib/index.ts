export * from './standard-modules.js';
