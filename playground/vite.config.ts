import { join } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

// A static site: relative base so the build works from any folder of any web server; workers as
// ES modules (the checker's packages are ESM); everything bundled, nothing from a CDN.
export default defineConfig({
  base: './',
  root: here,
  resolve: {
    // monaco's package exports map every subpath to `.js`, which hides its CSS and the individual
    // contributions; the playground imports those from the esm folder directly.
    alias: [
      { find: /^monaco-editor\/esm\//, replacement: `${join(here, 'node_modules/monaco-editor/esm')}/` },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
});
