import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Engine, provider-host and data-plane tests open real sockets and child processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores: run at most two files at a time so timing-sensitive socket tests stay stable.
    maxWorkers: 2,
  },
});
