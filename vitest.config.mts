import { defineConfig } from "vitest/config";

// One project per test tier; `npm run test:<tier>` runs one, `npm test` runs them all.
export default defineConfig({
  test: {
    // Engine, provider-host and data-plane tests open real sockets and child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores: run at most two files at a time so timing-sensitive socket tests stay stable.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { extends: true, test: { name: "engine", include: ["test/engine/**/*.test.ts"] } },
      { extends: true, test: { name: "provider", include: ["test/provider/**/*.test.ts", "test/e2e/**/*.test.ts"] } },
      { extends: true, test: { name: "bench", include: ["test/bench/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          // Finds Chromium (Debian's package) once for the tier.
          globalSetup: ["test/browser/support/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "cli",
          include: ["test/cli/**/*.test.ts"],
          // Finds or builds the Pulumi CLI and installs the packed package once for the tier.
          globalSetup: ["test/cli/support/setup.ts"],
          // Each step runs the real `pulumi` CLI, a few seconds per command.
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
