import { defineConfig } from 'vitest/config';

// One root config, one project per package plus the cross-package tests in test/.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'core', root: 'packages/core', include: ['test/**/*.test.ts'] } },
      { test: { name: 'tla', root: 'packages/tla', include: ['test/**/*.test.ts'], testTimeout: 120_000 } },
      { test: { name: 'explorer', root: 'packages/explorer', include: ['test/**/*.test.ts'] } },
      {
        test: {
          name: 'temporal',
          root: 'packages/temporal',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: { name: 'petri', root: 'packages/petri', include: ['test/**/*.test.ts'], testTimeout: 300_000 },
      },
      { test: { name: 'cli', root: 'packages/cli', include: ['test/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'cross-package', root: '.', include: ['test/**/*.test.ts'], testTimeout: 600_000 } },
    ],
  },
});
