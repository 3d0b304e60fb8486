import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngine, type RunningEngine } from "../../provider/engine/engine";
import { fuzzEngine } from "../reliability/fuzz";

// The short version (fixed seed, seconds); `npm run test:reliability` runs the long one.
describe("G2/G3: fuzzing the HTTP surface", () => {
  let engine: RunningEngine;
  const internal: string[] = [];
  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, log: (l) => internal.push(l) });
  });
  afterAll(() => engine.close());

  it("G2: generated requests never get a 5xx, and the store's invariants hold afterwards", async () => {
    const stats = await fuzzEngine(engine, { seed: 20261121, runs: 60, maxRequests: 30 }).catch((e: Error) => {
      throw new Error(`${e.message}\nengine log:\n${internal.join("\n")}`);
    });
    console.log(`fuzzed ${stats.requests} requests: ${JSON.stringify(stats.statuses)}`);
    expect(internal).toEqual([]);
    expect(stats.violations).toEqual([]);
    expect(stats.requests).toBeGreaterThan(500);
    // The run reached real objects, not only 404s and 400s.
    expect((stats.statuses["201"] ?? 0) + (stats.statuses["200"] ?? 0)).toBeGreaterThan(20);
  });

  it("G3: keys such as constructor and __proto__ in an update are unknown fields, not a crash (found by fuzzing)", async () => {
    const headers = { "X-Auth-Token": "t", "Content-Type": "application/json" };
    const base = `${engine.url}/v3/0f1e2d3c4b5a49687766554433221100/elb/loadbalancers`;
    const created = await fetch(base, { method: "POST", headers, body: JSON.stringify({ loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: "9d2e4f60-1a2b-4c3d-8e4f-000000000002" } }) });
    const { loadbalancer } = (await created.json()) as { loadbalancer: { id: string } };
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const res = await fetch(`${base}/${loadbalancer.id}`, { method: "PUT", headers, body: `{"loadbalancer": {"${key}": {"a": 1}}}` });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error_msg: string }).error_msg).toContain(`'${key}'`);
    }
    expect(internal).toEqual([]);
  });
});
