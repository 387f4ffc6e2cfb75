import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // One embedded database per worker, one schema per test file (see test/support/database.ts), reused by a
    // later file of the worker once emptied (test/support/schema-pool.ts, handed back by setup.ts).
    isolate: false,
    setupFiles: ['test/support/setup.ts'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
});
