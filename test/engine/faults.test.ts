import { afterEach, describe, expect, it } from "vitest";
import { startEngine, type RunningEngine } from "../../provider/engine/engine";
import { FaultInjector, parseFaultSpec } from "../../provider/engine/faults";
import { DEFAULT_PROJECT_ID } from "../../provider/defaults";

const LOOPBACK_SUBNET = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";
const base = (e: RunningEngine) => `${e.url}/v3/${DEFAULT_PROJECT_ID}/elb`;
const headers = { "X-Auth-Token": "t", "Content-Type": "application/json" };
const lbBody = (name: string) => JSON.stringify({ loadbalancer: { name, availability_zone_list: ["local-1a"], vip_subnet_cidr_id: LOOPBACK_SUBNET } });
const listLbs = async (e: RunningEngine) => ((await (await fetch(`${base(e)}/loadbalancers`, { headers })).json()) as { loadbalancers: { name: string }[] }).loadbalancers;

let engine: RunningEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe("fault injection", () => {
  it("is deterministic: the same seed gives the same faults", () => {
    const run = () => {
      const f = new FaultInjector({ seed: 42, errorRate: 0.3, resetBeforeRate: 0.1 });
      return Array.from({ length: 200 }, () => f.before("POST", "/v3/p/elb/pools").kind);
    };
    const a = run();
    expect(run()).toEqual(a);
    expect(a.filter((k) => k === "error").length).toBeGreaterThan(30);
    expect(a.filter((k) => k === "reset").length).toBeGreaterThan(5);
    expect(a.filter((k) => k === "none").length).toBeGreaterThan(100);
  });

  it("injected errors are answered before anything is applied", async () => {
    engine = await startEngine({ port: 0, memory: true, faults: { seed: 1, errorRate: 1 } });
    const res = await fetch(`${base(engine)}/loadbalancers`, { method: "POST", headers, body: lbBody("a") });
    expect([500, 503, 429]).toContain(res.status);
    expect(Object.keys((await res.json()) as object).sort()).toEqual(["error_code", "error_msg", "request_id"]);
    expect(engine.context.model.store.count("loadbalancer")).toBe(0);
  });

  it("a reset after the write leaves the write applied but unanswered (the ambiguous case)", async () => {
    engine = await startEngine({ port: 0, memory: true, faults: { seed: 1, resetAfterRate: 1 } });
    await expect(fetch(`${base(engine)}/loadbalancers`, { method: "POST", headers, body: lbBody("ambiguous") })).rejects.toThrow();
    expect((await listLbs(engine)).map((l) => l.name)).toEqual(["ambiguous"]);
  });

  it("G9: a write can leave the load balancer pending, and writes meanwhile get 409", async () => {
    engine = await startEngine({ port: 0, memory: true, faults: { seed: 1, pendingRate: 1, pendingMs: 60_000 } });
    const created = await fetch(`${base(engine)}/loadbalancers`, { method: "POST", headers, body: lbBody("busy") });
    const lb = ((await created.json()) as { loadbalancer: { id: string } }).loadbalancer;
    const show = await (await fetch(`${base(engine)}/loadbalancers/${lb.id}`, { headers })).json();
    expect((show as { loadbalancer: { provisioning_status: string } }).loadbalancer.provisioning_status).toBe("PENDING_CREATE");
    const put = await fetch(`${base(engine)}/loadbalancers/${lb.id}`, { method: "PUT", headers, body: JSON.stringify({ loadbalancer: { name: "x" } }) });
    expect(put.status).toBe(409);
    expect(((await put.json()) as { error_code: string }).error_code).toBe("ELB.8907");
  });

  it("the CLI form names every knob and refuses unknown ones", () => {
    expect(parseFaultSpec("seed=7,error=0.1,reset-after=0.05,latency=20,pending=0.1,pending-ms=1500")).toEqual({
      seed: 7,
      errorRate: 0.1,
      resetAfterRate: 0.05,
      latencyMs: 20,
      pendingRate: 0.1,
      pendingMs: 1500,
    });
    expect(() => parseFaultSpec("explode=1")).toThrow(/unknown fault "explode"/);
    expect(() => new FaultInjector({ seed: 1, errorRate: 2 })).toThrow(/errorRate must be a share between 0 and 1, got 2/);
  });
});
