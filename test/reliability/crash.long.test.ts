import { expect, it } from "vitest";
import { crashRounds } from "./crash";
import { record } from "./report";

it("crash safety: SIGKILL at random moments, at least 20 times (long)", async () => {
  const stats = await crashRounds({ rounds: Number(process.env.CRASH_ROUNDS ?? 25), seed: Number(process.env.CRASH_SEED ?? 2026) });
  record({ check: "crash", killsSurvived: stats.kills, objectsChecked: stats.objectsChecked, violations: stats.violations.length, detail: stats.violations.slice(0, 3).join("; ") || `${stats.acknowledged} answered writes` });
  expect(stats.violations).toEqual([]);
  expect(stats.kills).toBeGreaterThanOrEqual(20);
}, 1_800_000);
