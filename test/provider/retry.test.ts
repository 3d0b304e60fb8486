// Retries and idempotency through the real provider host: an API that fails first attempts,
// cuts connections after applying a write, throttles, or answers 409 while a load balancer is
// PENDING_* still ends with exactly one of each object.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NET, testEngine, type TestEngine } from "./harness/engine";
import { ProviderHost } from "./harness/host";
import { Resources, type State } from "./harness/lifecycle";
import { startProxy, type Proxy } from "./harness/proxy";

const lbArgs = (name: string) => ({ name, availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet });

describe("through a proxy that fails first attempts", () => {
  let eng: TestEngine;
  let proxy: Proxy;
  let host: ProviderHost;
  let r: Resources;
  let lb: State;

  beforeAll(async () => {
    eng = await testEngine();
    proxy = await startProxy(eng.url);
    host = await ProviderHost.start({ "elb:endpoint": proxy.url });
    r = await Resources.on(host);
    lb = await r.create("loadbalancer", lbArgs("lb"));
  });
  beforeEach(() => {
    proxy.rules.length = 0;
    proxy.log.length = 0;
  });
  afterAll(async () => {
    await host?.close();
    await proxy?.close();
    await eng?.close();
  });

  const posts = (path: RegExp) => proxy.log.filter((l) => l.method === "POST" && path.test(l.path));

  it("a create applied but answered 503 is found by its natural key, not posted again", async () => {
    proxy.rules.push({ method: "POST", path: /\/listeners$/, times: 2, fault: "error-after" });
    const l = await r.create("listener", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 80 });
    const all = await eng.api.list("/listeners", "listeners", { loadbalancer_id: lb.id });
    expect(all.map((x) => x.id)).toEqual([l.id]);
    // Found by the lookup after the first failure: the second fault never gets its chance.
    expect(posts(/\/listeners$/)).toHaveLength(1);
  });

  it("a create whose connection is cut after it was applied is found, for members and load balancers too", async () => {
    const pool = await r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
    proxy.rules.push({ method: "POST", path: /\/members$/, times: 1, fault: "reset-after" });
    const m = await r.create("member", { poolId: pool.id, address: "127.0.0.9", protocolPort: 80, subnetCidrId: NET.loopbackSubnet });
    expect((await eng.api.list(`/pools/${pool.id}/members`, "members")).map((x) => x.id)).toEqual([m.id]);

    proxy.rules.push({ method: "POST", path: /\/loadbalancers$/, times: 1, fault: "reset-after" });
    const again = await r.create("loadbalancer", lbArgs("lb-reset"));
    expect((await eng.api.list("/loadbalancers", "loadbalancers", { name: "lb-reset" })).map((x) => x.id)).toEqual([again.id]);
  });

  it("a same-named object that existed before the create is never taken for the create's own", async () => {
    const theirs = (await eng.api.post<{ pool: { id: string } }>("/pools", { pool: { loadbalancer_id: lb.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN", name: "shared-name" } })).pool;
    proxy.rules.push({ method: "POST", path: /\/pools$/, times: 1, fault: "reset-after" });
    const ours = await r.create("pool", { loadbalancerId: lb.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN", name: "shared-name" });
    expect(ours.id).not.toBe(theirs.id);
    expect((await eng.api.list("/pools", "pools", { name: "shared-name" })).map((x) => x.id).sort()).toEqual([theirs.id, ours.id].sort());
  });

  it("a create that never reached the API is posted again once the lookup finds nothing", async () => {
    proxy.rules.push({ method: "POST", path: /\/listeners$/, times: 1, fault: "reset-before" });
    proxy.rules.push({ method: "POST", path: /\/listeners$/, times: 1, fault: "error-before" });
    const l = await r.create("listener", { loadbalancerId: lb.id, protocol: "UDP", protocolPort: 53 });
    expect(posts(/\/listeners$/).map((p) => p.status)).toEqual(["reset", 503, 201]);
    expect((await eng.api.list("/listeners", "listeners", { loadbalancer_id: lb.id, protocol_port: 53 })).map((x) => x.id)).toEqual([l.id]);
  });

  it("S2: after an unclear create, a listener of another protocol at the same key is someone else's, not the create's", async () => {
    // HTTP and TCP share a port space, so both hold the same natural key; the protocol is
    // create-only, so the HTTP listener cannot be what a TCP create made.
    const theirs = (await eng.api.post<{ listener: { id: string } }>("/listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTP", protocol_port: 7100 } })).listener;
    proxy.rules.push({ method: "POST", path: /\/listeners$/, times: 1, fault: "error-before" });
    const err = await r.create("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 7100 }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/creating listener: .*HTTP 409/);
    // Posted again after the lookup found nothing of its own: the API's conflict, no listener made.
    const statuses = posts(/\/listeners$/).map((p) => p.status);
    expect(statuses[0]).toBe(503);
    expect(statuses.slice(1).length).toBeGreaterThan(0);
    expect(statuses.slice(1).every((s) => s === 409)).toBe(true);
    expect((await eng.api.list("/listeners", "listeners", { loadbalancer_id: lb.id, protocol_port: 7100 })).map((x) => x.id)).toEqual([theirs.id]);
  });

  it("429 is retried as is; updates and deletes retry 5xx and cut connections", async () => {
    proxy.rules.push({ method: "POST", path: /\/listeners$/, times: 2, fault: "throttle" });
    const l = await r.create("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 8443 });
    expect(posts(/\/listeners$/).map((p) => p.status)).toEqual([429, 429, 201]);

    proxy.rules.push({ method: "PUT", times: 1, fault: "error-after" }, { method: "PUT", times: 1, fault: "reset-before" });
    const renamed = await r.apply("listener", l, { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 8443, name: "renamed" });
    expect(renamed.state.outputs.name).toBe("renamed");

    proxy.rules.push({ method: "DELETE", times: 1, fault: "reset-after" });
    await r.delete("listener", renamed.state);
    expect(await eng.api.find(`/listeners/${l.id}`)).toBeUndefined();
  });

  it("a create that meets exactly its own object at the natural key takes it over; anything else there is a conflict", async () => {
    // What a `pulumi up` killed mid-apply leaves: a member made, its create never recorded.
    const pool = await r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", name: "taken-over" });
    const made = await eng.api.post<{ member: { id: string } }>(`/pools/${pool.id}/members`, { member: { address: "127.0.0.40", protocol_port: 80, subnet_cidr_id: NET.loopbackSubnet, weight: 3 } });
    const args = { poolId: pool.id, address: "127.0.0.40", protocolPort: 80, subnetCidrId: NET.loopbackSubnet, weight: 3 };
    const m = await r.create("member", args);
    expect(m.id).toBe(made.member.id);
    expect(await r.diff("member", m, args)).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
    // The same address and port with another weight is someone else's member.
    const err = await r.create("member", { ...args, weight: 4 }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/creating member: .*already has member .* 127\.0\.0\.40 .*\(ELB\.8907, HTTP 409/);
    expect((await eng.api.list(`/pools/${pool.id}/members`, "members")).map((x) => [x.id, x.weight])).toEqual([[made.member.id, 3]]);

    // The same for every kind with a natural key: a listener's port, a listener's default pool, a pool's monitor.
    const listener = await eng.api.post<{ listener: { id: string } }>("/listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 7000 } });
    expect((await r.create("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 7000 })).id).toBe(listener.listener.id);
    const defaultPool = await eng.api.post<{ pool: { id: string } }>("/pools", { pool: { listener_id: listener.listener.id, protocol: "TCP", lb_algorithm: "SOURCE_IP" } });
    expect((await r.create("pool", { listenerId: listener.listener.id, protocol: "TCP", lbAlgorithm: "SOURCE_IP" })).id).toBe(defaultPool.pool.id);
    const monitor = await eng.api.post<{ healthmonitor: { id: string } }>("/healthmonitors", { healthmonitor: { pool_id: defaultPool.pool.id, type: "TCP", delay: 5, timeout: 3, max_retries: 2 } });
    const monitorArgs = { poolId: defaultPool.pool.id, type: "TCP", delay: 5, timeout: 3, maxRetries: 2 };
    expect((await r.create("healthmonitor", monitorArgs)).id).toBe(monitor.healthmonitor.id);
    await expect(r.create("healthmonitor", { ...monitorArgs, delay: 6 })).rejects.toThrow(/creating health monitor: .*HTTP 409/);
  });

  it("errors name the operation and the API's answer, never the credentials", async () => {
    // HTTP on 80 is taken by the first test's listener, which has no name.
    const err = await r.create("listener", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 80, name: "another" }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/creating listener: .*port.*80.*\(ELB\.8907, HTTP 409, request [0-9a-f-]{36}\)/);
    expect((err as Error).message).not.toMatch(/local-engine/);
  });
});

describe("against a load balancer that stays PENDING after every write (G9)", () => {
  let eng: TestEngine;
  let host: ProviderHost;
  let r: Resources;

  beforeAll(async () => {
    eng = await testEngine({ provisioningDelayMs: 50 });
    host = await ProviderHost.start({ "elb:endpoint": eng.url });
    r = await Resources.on(host);
  });
  afterAll(async () => {
    await host?.close();
    await eng?.close();
  });

  it("returns a new load balancer only once it is ACTIVE", async () => {
    const lb = await r.create("loadbalancer", lbArgs("slow"));
    expect(lb.outputs.provisioningStatus).toBe("ACTIVE");
    const updated = await r.apply("loadbalancer", lb, { ...lbArgs("slow"), availabilityZoneList: ["local-1a", "local-1b"], description: "both" });
    expect(updated.state.outputs).toMatchObject({ provisioningStatus: "ACTIVE", description: "both" });
  });

  it("many child writes in parallel wait out the lock and each lands exactly once", async () => {
    const lb = await r.create("loadbalancer", lbArgs("busy"));
    const listener = await r.create("listener", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 80 });
    const pool = await r.create("pool", { listenerId: listener.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
    const members = await Promise.all(
      Array.from({ length: 6 }, (_, i) => r.create("member", { poolId: pool.id, address: `127.0.3.${i + 1}`, protocolPort: 80, subnetCidrId: NET.loopbackSubnet, weight: i % 3 })),
    );
    const live = await eng.api.list(`/pools/${pool.id}/members`, "members");
    expect(live.map((m) => m.id).sort()).toEqual(members.map((m) => m.id).sort());
    expect(live.map((m) => m.weight).sort()).toEqual(members.map((_, i) => i % 3).sort());
    await Promise.all(members.map((m) => r.delete("member", m)));
    expect(await eng.api.list(`/pools/${pool.id}/members`, "members")).toEqual([]);
  });
});

describe("under the engine's own random faults", () => {
  let eng: TestEngine;
  let host: ProviderHost;
  let r: Resources;

  beforeAll(async () => {
    // Seeded: a failure replays exactly. Resets after a write are the case that duplicates naive clients.
    eng = await testEngine({ faults: { seed: 7, errorRate: 0.2, resetBeforeRate: 0.1, resetAfterRate: 0.2, pendingRate: 0.3, pendingMs: 50 } });
    host = await ProviderHost.start({ "elb:endpoint": eng.url });
    r = await Resources.on(host);
  });
  afterAll(async () => {
    await host?.close();
    await eng?.close();
  });

  it("a whole stack is created and destroyed with exactly one of each object", async () => {
    const lb = await r.create("loadbalancer", lbArgs("faulty"));
    const listener = await r.create("listener", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 80 });
    const pool = await r.create("pool", { listenerId: listener.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
    const monitor = await r.create("healthmonitor", { poolId: pool.id, type: "TCP", delay: 5, timeout: 3, maxRetries: 3 });
    const members = [];
    for (let i = 0; i < 4; i++) members.push(await r.create("member", { poolId: pool.id, address: `127.0.4.${i + 1}`, protocolPort: 80, subnetCidrId: NET.loopbackSubnet }));
    const api = eng.api;
    expect((await api.list("/loadbalancers", "loadbalancers")).map((x) => x.id)).toEqual([lb.id]);
    expect((await api.list("/listeners", "listeners")).map((x) => x.id)).toEqual([listener.id]);
    expect((await api.list("/pools", "pools")).map((x) => x.id)).toEqual([pool.id]);
    expect((await api.list("/healthmonitors", "healthmonitors")).map((x) => x.id)).toEqual([monitor.id]);
    expect((await api.list(`/pools/${pool.id}/members`, "members")).map((x) => x.id).sort()).toEqual(members.map((m) => m.id).sort());

    for (const m of members) await r.delete("member", m);
    await r.delete("healthmonitor", monitor);
    await r.delete("pool", pool);
    await r.delete("listener", listener);
    await r.delete("loadbalancer", lb);
    expect(await api.list("/loadbalancers", "loadbalancers")).toEqual([]);
    expect(eng.engine.faults!.counters.resetsAfter).toBeGreaterThan(0);
  });
});
