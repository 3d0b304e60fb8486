import { defineConfig } from "vitest/config";

// `npm run test:reliability`: the long versions of the fuzzing, crash and convergence checks.
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.long.test.ts"],
    testTimeout: 1_800_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 1,
  },
});
