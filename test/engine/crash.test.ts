import { describe, expect, it } from "vitest";
import { crashRounds } from "../reliability/crash";

// The short version (fixed seed, a few kills); `npm run test:reliability` kills 25 times.
describe("G8: crash safety under a write workload", () => {
  it("G8: after SIGKILL at random moments the store loads, answered writes survive, nothing is half-applied", async () => {
    const stats = await crashRounds({ rounds: 4, seed: 8 });
    expect(stats.violations).toEqual([]);
    expect(stats.kills).toBe(4);
    expect(stats.acknowledged).toBeGreaterThan(50);
    expect(stats.objectsChecked).toBeGreaterThan(50);
  });
});
