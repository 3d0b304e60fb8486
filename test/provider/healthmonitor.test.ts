// HealthMonitor through the real provider host against a live engine.
import { beforeAll, describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { NET } from "./harness/engine";
import { type State } from "./harness/lifecycle";
import { UNKNOWN } from "./harness/values";

const p = useProvider();
let pool: State;
let pool2: State;

beforeAll(async () => {
  const lb = await p.r.create("loadbalancer", { name: "lb", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet });
  pool = await p.r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
  pool2 = await p.r.create("pool", { loadbalancerId: lb.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN" });
});

const args = () => ({ poolId: pool.id, type: "HTTP", delay: 5, timeout: 3, maxRetries: 3 });

describe("check", () => {
  it("refuses a timeout above the delay and HTTP settings on a TCP check", async () => {
    const res = await p.r.check("healthmonitor", { poolId: pool.id, type: "TCP", delay: 2, timeout: 5, maxRetries: 11, urlPath: "/health" });
    expect(Object.fromEntries(res.failures.map((f) => [f.property, f.reason]))).toEqual({
      timeout: expect.stringMatching(/timeout 5 is above delay 2/),
      maxRetries: expect.stringMatching(/11 is out of range, allowed 1-10/),
      urlPath: expect.stringMatching(/not allowed for a TCP check/),
    });
  });

  it("lets unknowns through", async () => {
    expect((await p.r.check("healthmonitor", { ...args(), delay: UNKNOWN, type: UNKNOWN, urlPath: "/x" })).failures).toEqual([]);
  });
});

describe("lifecycle", () => {
  let hm: State;

  it("creates, with type-dependent defaults causing no diff", async () => {
    hm = await p.r.create("healthmonitor", args());
    expect(hm.outputs).toMatchObject({ poolId: pool.id, urlPath: "/", expectedCodes: "200", httpMethod: "GET", maxRetriesDown: 3 });
    expect((await p.eng.api.get<{ pool: { healthmonitor_id: string } }>(`/pools/${pool.id}`)).pool.healthmonitor_id).toBe(hm.id);
    expect(await p.r.diff("healthmonitor", hm, args())).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("updates path, codes and delay in place", async () => {
    const up = await p.r.apply("healthmonitor", hm, { ...args(), urlPath: "/healthz", expectedCodes: "200-204", delay: 10 });
    expect(up.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect(up.state.outputs).toMatchObject({ urlPath: "/healthz", expectedCodes: "200-204", delay: 10 });
    hm = up.state;
  });

  it("deletes before replacing only when the new monitor is on the same pool", async () => {
    expect(await p.r.diff("healthmonitor", hm, { ...args(), poolId: pool2.id, type: "TCP" })).toEqual({ changes: "some", replaces: ["poolId"], deleteBeforeReplace: false });
    expect(await p.r.diff("healthmonitor", hm, { ...args(), poolId: UNKNOWN })).toEqual({ changes: "some", replaces: ["poolId"], deleteBeforeReplace: true });
    const moved = await p.r.apply("healthmonitor", hm, { poolId: pool2.id, type: "TCP", delay: 5, timeout: 3, maxRetries: 3 });
    expect(moved.replaced).toBe(true);
    expect((await p.eng.api.get<{ pool: { healthmonitor_id: string } }>(`/pools/${pool.id}`)).pool.healthmonitor_id).toBe("");
    hm = moved.state;
  });

  it("refresh shows drift; get by id; delete tolerates a monitor already gone", async () => {
    await p.eng.api.put(`/healthmonitors/${hm.id}`, { healthmonitor: { max_retries_down: 7 } });
    const refreshed = await p.r.refresh("healthmonitor", hm);
    expect(refreshed?.inputs).toMatchObject({ maxRetriesDown: 7, poolId: pool2.id });
    const fetched = await p.r.get("healthmonitor", hm.id);
    expect(fetched.inputs).toMatchObject({ poolId: pool2.id, type: "TCP", delay: 5, timeout: 3, maxRetries: 3, maxRetriesDown: 7 });
    await p.eng.api.delete(`/healthmonitors/${hm.id}`);
    expect(await p.r.refresh("healthmonitor", hm)).toBeUndefined();
    await p.r.delete("healthmonitor", hm);
  });
});
