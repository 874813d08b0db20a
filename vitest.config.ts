import { defineConfig } from 'vitest/config';

// Two projects: fast pure-logic unit tests, and integration tests against a real
// Dovecot + Postfix started by the harness's global setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/harness/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration files start their own servers; two cores, so keep it modest.
          maxWorkers: 2,
        },
      },
    ],
  },
});
