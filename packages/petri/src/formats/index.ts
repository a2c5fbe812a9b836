export * from './lola-reader.js';
export * from './pnml-reader.js';
export * from './pnml-writer.js';
export * from './read-net.js';
export * from './text-format.js';
export * from './xml-tree.js';
