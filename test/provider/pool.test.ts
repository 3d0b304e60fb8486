// Pool through the real provider host against a live engine.
import { beforeAll, describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { NET } from "./harness/engine";
import { type State } from "./harness/lifecycle";
import { UNKNOWN } from "./harness/values";
import { issue } from "../engine/helpers/certificates";

const p = useProvider();
let lb: State;
let web: State;
let tls: State;

beforeAll(async () => {
  lb = await p.r.create("loadbalancer", { name: "lb", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet });
  web = await p.r.create("listener", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 80 });
  const server = issue({ cn: "www.example.test" });
  const cert = await p.r.create("certificate", { certificate: server.cert, privateKey: server.key });
  tls = await p.r.create("listener", { loadbalancerId: lb.id, protocol: "TLS", protocolPort: 443, defaultTlsContainerRef: cert.id });
});

describe("check", () => {
  it("refuses slow start without ROUND_ROBIN, cookie rules and persistence ranges, by property", async () => {
    const slow = await p.r.check("pool", { listenerId: web.id, protocol: "HTTP", lbAlgorithm: "LEAST_CONNECTIONS", slowStart: { enable: true } });
    // A nested property is named in the reason: the CLI would print its value as <nil> (see asReported).
    expect(slow.failures).toEqual([{ property: "", reason: expect.stringMatching(/^property slowStart\.enable: true .*lbAlgorithm LEAST_CONNECTIONS .* only with ROUND_ROBIN/) }]);
    const cookie = await p.r.check("pool", { listenerId: web.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", sessionPersistence: { type: "APP_COOKIE" } });
    expect(cookie.failures).toEqual([{ property: "", reason: expect.stringMatching(/^property sessionPersistence\.cookieName: nothing is required with APP_COOKIE/) }]);
    const tcp = await p.r.check("pool", { loadbalancerId: lb.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN", sessionPersistence: { type: "SOURCE_IP", persistenceTimeout: 100 } });
    expect(tcp.failures).toEqual([{ property: "", reason: expect.stringMatching(/^property sessionPersistence\.persistenceTimeout: 100 .*1-60 minutes/) }]);
    const orphan = await p.r.check("pool", { protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
    expect(orphan.failures.map((f) => f.property)).toEqual(["loadbalancerId"]);
  });

  it("lets unknowns through", async () => {
    const res = await p.r.check("pool", { listenerId: UNKNOWN, protocol: "HTTP", lbAlgorithm: UNKNOWN, slowStart: { enable: true, duration: UNKNOWN } });
    expect(res.failures).toEqual([]);
  });
});

describe("lifecycle", () => {
  const args = () => ({ listenerId: web.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", slowStart: { enable: true } });
  let pool: State;

  it("creates as the listener's default pool; nested defaults cause no diff", async () => {
    pool = await p.r.create("pool", args());
    expect(pool.outputs).toMatchObject({ listenerId: web.id, loadbalancerId: lb.id, slowStart: { enable: true, duration: 30 }, type: "" });
    expect((await p.eng.api.get<{ listener: { default_pool_id: string } }>(`/listeners/${web.id}`)).listener.default_pool_id).toBe(pool.id);
    expect(await p.r.diff("pool", pool, args())).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("removing slow start restores the default (off) in place, so the algorithm can change", async () => {
    const { slowStart: _s, ...rest } = args();
    const up = await p.r.apply("pool", pool, { ...rest, lbAlgorithm: "LEAST_CONNECTIONS" });
    expect(up.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect(up.state.outputs).toMatchObject({ slowStart: null, lbAlgorithm: "LEAST_CONNECTIONS" });
    pool = up.state;
  });

  it("sets type once in place while empty, and replaces to change it afterwards", async () => {
    const base = { listenerId: web.id, protocol: "HTTP", lbAlgorithm: "LEAST_CONNECTIONS" };
    const typed = await p.r.apply("pool", pool, { ...base, type: "ip" });
    expect(typed.diff).toMatchObject({ changes: "some", replaces: [] });
    expect(typed.state.outputs.type).toBe("ip");
    pool = typed.state;
    expect(await p.r.diff("pool", pool, { ...base, type: "instance", vpcId: NET.defaultVpc })).toMatchObject({ replaces: ["type"] });
  });

  it("deletes before replacing exactly when the new pool is bound to the same listener", async () => {
    const base = { listenerId: web.id, protocol: "HTTP", lbAlgorithm: "LEAST_CONNECTIONS", type: "ip" };
    expect(await p.r.diff("pool", pool, { ...base, ipVersion: "dualstack" })).toEqual({ changes: "some", replaces: ["ipVersion"], deleteBeforeReplace: true });
    expect(await p.r.diff("pool", pool, { ...base, listenerId: tls.id })).toEqual({ changes: "some", replaces: ["listenerId"], deleteBeforeReplace: false });
    expect(await p.r.diff("pool", pool, { ...base, listenerId: UNKNOWN })).toEqual({ changes: "some", replaces: ["listenerId"], deleteBeforeReplace: true });
    // A pool on the load balancer only (no listener) never collides with its replacement.
    const loose = await p.r.create("pool", { loadbalancerId: lb.id, protocol: "TCP", lbAlgorithm: "SOURCE_IP" });
    expect(await p.r.diff("pool", loose, { loadbalancerId: lb.id, protocol: "UDP", lbAlgorithm: "SOURCE_IP" })).toEqual({
      changes: "some",
      replaces: ["protocol"],
      deleteBeforeReplace: false,
    });
    await p.r.delete("pool", loose);
  });

  it("replaces a listener's pool by deleting the old one first (the listener takes one default pool)", async () => {
    const onTls = await p.r.create("pool", { listenerId: tls.id, protocol: "TLS", lbAlgorithm: "ROUND_ROBIN" });
    const replaced = await p.r.apply("pool", onTls, { listenerId: tls.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN" });
    expect(replaced.diff).toEqual({ changes: "some", replaces: ["protocol"], deleteBeforeReplace: true });
    expect(replaced.replaced).toBe(true);
    expect((await p.eng.api.get<{ listener: { default_pool_id: string } }>(`/listeners/${tls.id}`)).listener.default_pool_id).toBe(replaced.state.id);
    await p.r.delete("pool", replaced.state);
  });

  it("refresh shows drift in outputs and inputs; get by id", async () => {
    await p.eng.api.put(`/pools/${pool.id}`, { pool: { session_persistence: { type: "HTTP_COOKIE" } } });
    const refreshed = await p.r.refresh("pool", pool);
    expect(refreshed?.outputs.sessionPersistence).toMatchObject({ type: "HTTP_COOKIE", persistenceTimeout: 1440 });
    expect(refreshed?.inputs).toMatchObject({ sessionPersistence: { type: "HTTP_COOKIE" }, listenerId: web.id });
    const program = { listenerId: web.id, protocol: "HTTP", lbAlgorithm: "LEAST_CONNECTIONS", type: "ip" };
    const fixed = await p.r.apply("pool", refreshed!, program);
    expect(fixed.diff).toMatchObject({ changes: "some", replaces: [] });
    expect(fixed.state.outputs.sessionPersistence).toBeNull();
    const fetched = await p.r.get("pool", pool.id);
    expect(fetched.inputs).toMatchObject({ ...program });
    pool = fixed.state;
  });

  it("deletes; gone reads as gone", async () => {
    await p.r.delete("pool", pool);
    expect(await p.r.refresh("pool", pool)).toBeUndefined();
    await p.r.delete("pool", pool);
  });
});

describe("connection draining", () => {
  it("P10, D6: connectionDrain is checked before anything is sent, set, updated in place and removed back to null", async () => {
    const tcpListener = await p.r.create("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 9400 });
    const args = { listenerId: tcpListener.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN" };
    const missing = await p.r.check("pool", { ...args, connectionDrain: { enable: true } });
    expect(missing.failures).toEqual([{ property: "", reason: expect.stringMatching(/^property connectionDrain\.timeout: nothing is required when connectionDrain\.enable is true/) }]);
    const onHttp = await p.r.check("pool", { listenerId: web.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", connectionDrain: { enable: true, timeout: 30 } });
    expect(onHttp.failures).toEqual([{ property: "", reason: expect.stringMatching(/^property connectionDrain\.enable: true is not allowed for a HTTP pool/) }]);

    const pool = await p.r.create("pool", { ...args, connectionDrain: { enable: true, timeout: 30 } });
    expect(pool.outputs.connectionDrain).toEqual({ enable: true, timeout: 30 });
    const up = await p.r.apply("pool", pool, { ...args, connectionDrain: { enable: true, timeout: 300 } });
    expect(up.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect((await p.eng.api.get<{ pool: Record<string, unknown> }>(`/pools/${pool.id}`)).pool.connection_drain).toEqual({ enable: true, timeout: 300 });
    const off = await p.r.apply("pool", up.state, args);
    expect(off.state.outputs.connectionDrain).toBeNull();
  });
});

