import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites start real servers on loopback ports; files run in separate processes.
    pool: 'forks',
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
