import { describe, expect, it } from "vitest";
import { converge } from "../reliability/convergence";

// The short version (a smaller stack, one restart); `npm run test:reliability` runs 200 members,
// 20% faults and several restarts.
describe("provider convergence under faults", () => {
  it("a stack applied while requests fail and the engine restarts converges to exactly the declared objects, and destroys to nothing", async () => {
    const stats = await converge({ members: 40, faultSpec: "seed=5,error=0.1,reset-before=0.05,reset-after=0.05", restarts: 1, maxUps: 5 });
    expect(stats.violations).toEqual([]);
    expect(stats.restarts).toBe(1);
    expect(stats.faultsInjected).toBeGreaterThan(5);
    expect(stats.objectsChecked).toBe(1 + 4 + 4 + 4 + 40);
  }, 180_000);
});
