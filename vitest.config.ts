import { defineConfig } from 'vitest/config';

// Three projects: fast pure/unit tests, integration tests that need DynamoDB Local (started once by globalSetup), and
// end-to-end tests that drive Debian's Chromium against the whole local system served on 127.0.0.1.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'test/e2e/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['./test/support/dynamodb-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['./test/support/dynamodb-global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One browser at a time: each file starts its own Chromium, and two of them on two cores starve each other.
          fileParallelism: false,
          // After the unit and integration projects, so the browser does not compete with them for the CPU.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
