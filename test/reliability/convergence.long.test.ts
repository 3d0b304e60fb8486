import { expect, it } from "vitest";
import { converge } from "./convergence";
import { record } from "./report";

it("provider convergence: 200 members, 20% transient faults, engine restarted mid-apply (long)", async () => {
  const stats = await converge({ members: 200, faultSpec: `seed=${process.env.CONVERGE_SEED ?? 11},error=0.1,reset-before=0.05,reset-after=0.05`, restarts: 3, maxUps: 6 });
  record({ check: "convergence", faultsInjected: stats.faultsInjected, objectsChecked: stats.objectsChecked, violations: stats.violations.length, detail: stats.violations.slice(0, 2).join("; ") || `${stats.ups} up(s), ${stats.restarts} restarts` });
  expect(stats.violations).toEqual([]);
  expect(stats.objectsChecked).toBe(1 + 4 + 4 + 4 + 200);
}, 1_800_000);
