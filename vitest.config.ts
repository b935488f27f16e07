import { defineConfig } from 'vitest/config';

const LATENCY_TESTS = ['test/integration/no-stall.test.ts'];

export default defineConfig({
  // type-graphql uses legacy (experimental) decorators; Vite 8 transforms with oxc,
  // which only emits them when asked.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  resolve: {
    // graphql 16 ships CJS (index.js) and ESM (index.mjs) side by side. Node loads the CJS
    // build for every dependency (type-graphql, Apollo), so tests must use the same one or
    // graphql's instanceof checks fail with "from another module or realm".
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    // type-graphql's decorators need the Reflect metadata API before any type module loads.
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        // Two files at a time: most of a file's time is spent waiting on its hubs and databases.
        test: { name: 'suite', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], exclude: LATENCY_TESTS, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // Latency acceptance tests measure the hub, not the machine: they run alone, after the rest.
        test: { name: 'alone', include: LATENCY_TESTS, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
