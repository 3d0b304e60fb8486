// examples/basic as a real Pulumi program under setMocks, each resource handed to its real
// provider, creating real objects in a live engine.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine, type TestEngine } from "./harness/engine";
import { RealProviderMocks, valueOf } from "./harness/mocks";
import { waitFor } from "../support/wait";
import { providerTexts } from "./harness/serialize";

let eng: TestEngine;
let mocks: RealProviderMocks;

beforeAll(async () => {
  eng = await testEngine();
  mocks = new RealProviderMocks({ "elb:endpoint": eng.url });
  await pulumi.runtime.setMocks(mocks, "basic", "test", false);
});
afterAll(async () => {
  await eng?.close();
});

describe("examples/basic", () => {
  it("creates the load balancer, both listeners, pools, members and the health monitor", async () => {
    const program = await import("../../examples/basic/index");
    const vip = await valueOf(program.vipAddress);
    expect(await valueOf(program.webUrl)).toBe(`http://${vip}:8080/`);
    await waitFor("eleven resources", () => mocks.created.length === 11, 20_000);

    const api = eng.api;
    const [lb] = await api.list("/loadbalancers", "loadbalancers");
    expect(lb).toMatchObject({ name: "web", vip_address: vip, provisioning_status: "ACTIVE" });
    const listeners = await api.list("/listeners", "listeners", { loadbalancer_id: lb.id });
    expect(listeners.map((l) => [l.protocol, l.protocol_port]).sort()).toEqual([["HTTP", 8080], ["TCP", 9000]]);
    const pools = await api.list("/pools", "pools");
    const web = pools.find((p) => p.protocol === "HTTP")!;
    const tcp = pools.find((p) => p.protocol === "TCP")!;
    expect(web).toMatchObject({ lb_algorithm: "ROUND_ROBIN", slow_start: { enable: true, duration: 60 } });
    expect(tcp).toMatchObject({ lb_algorithm: "SOURCE_IP" });
    const byListener = Object.fromEntries(listeners.map((l) => [l.protocol as string, l.default_pool_id]));
    expect(byListener).toEqual({ HTTP: web.id, TCP: tcp.id });
    const webMembers = await api.list(`/pools/${web.id}/members`, "members");
    expect(webMembers.map((m) => [m.address, m.protocol_port, m.weight]).sort()).toEqual([
      ["127.0.0.11", 8081, 5],
      ["127.0.0.12", 8082, 3],
      ["127.0.0.13", 8083, 1],
    ]);
    expect(await api.list(`/pools/${tcp.id}/members`, "members")).toHaveLength(2);
    const [monitor] = await api.list("/healthmonitors", "healthmonitors");
    expect(monitor).toMatchObject({ type: "HTTP", url_path: "/healthz", pools: [{ id: web.id }] });
  });

  it("serialized its providers exactly as the harness that drives the provider host does", async () => {
    const texts = await providerTexts();
    expect([...mocks.texts].sort()).toEqual([texts.loadbalancer, texts.listener, texts.pool, texts.member, texts.healthmonitor].sort());
  });
});
