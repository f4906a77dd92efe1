import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Compiles src/ → lib/ once, so tests that spawn the `terms` bin or worker threads run current code.
    globalSetup: ['test/global-setup.ts'],
    // Some tests start processes (the CLI, Chromium, the Nu validator's JVM): generous, never used as a speed check.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
