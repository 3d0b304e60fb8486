import { afterAll, beforeAll, expect, it } from "vitest";
import { startEngine, type RunningEngine } from "../../provider/engine/engine";
import { fuzzEngine } from "./fuzz";
import { record } from "./report";

let engine: RunningEngine;
const internal: string[] = [];
beforeAll(async () => {
  engine = await startEngine({ port: 0, memory: true, log: (l) => internal.push(l) });
});
afterAll(() => engine.close());

it("fuzzing: no 5xx, no crash, invariants hold (long)", async () => {
  const runs = Number(process.env.FUZZ_RUNS ?? 1500);
  const stats = await fuzzEngine(engine, { seed: Number(process.env.FUZZ_SEED ?? 1121), runs, maxRequests: 40 }).catch((e: Error) => {
    record({ check: "fuzz", violations: 1, detail: e.message.split("\n")[0] });
    throw e;
  });
  record({ check: "fuzz", requestsFuzzed: stats.requests, violations: stats.violations.length + internal.length, detail: JSON.stringify(stats.statuses) });
  expect(internal).toEqual([]);
  expect(stats.violations).toEqual([]);
}, 1_800_000);
