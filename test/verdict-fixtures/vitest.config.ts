import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The suites the verdict's self-test runs, each on its own (test/verdict.test.ts): never part of `npm test` itself.
// VERDICT_GLOBAL_SETUP=throw adds a global setup that throws.
const here = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({
  test: {
    root: here,
    include: ['*.fixture.ts'],
    reporters: [fileURLToPath(new URL('../support/summary-reporter.ts', import.meta.url))],
    ...(process.env.VERDICT_GLOBAL_SETUP === 'throw' ? { globalSetup: [fileURLToPath(new URL('./global-setup-throws.ts', import.meta.url))] } : {}),
  },
});
