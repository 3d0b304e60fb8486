// Listener through the real provider host against a live engine.
import { beforeAll, describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { NET } from "./harness/engine";
import { type State } from "./harness/lifecycle";
import { UNKNOWN } from "./harness/values";
import { issue } from "../engine/helpers/certificates";

const p = useProvider();
let lb: State;
let lb2: State;

beforeAll(async () => {
  lb = await p.r.create("loadbalancer", { name: "lb", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet });
  lb2 = await p.r.create("loadbalancer", { name: "lb2", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.privateSubnetA });
});

const http = () => ({ loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 8080 });
const listenersOn = async (lbId: string) => p.eng.api.list("/listeners", "listeners", { loadbalancer_id: lbId });

describe("check", () => {
  it("refuses what the API would refuse", async () => {
    const res = await p.r.check("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 0, clientTimeout: 30, keepaliveTimeout: 5 });
    expect(res.failures.map((f) => f.property).sort()).toEqual(["clientTimeout", "keepaliveTimeout", "protocolPort"]);
    const https = await p.r.check("listener", { loadbalancerId: lb.id, protocol: "HTTPS", protocolPort: 443 });
    expect(https.failures).toEqual([{ property: "defaultTlsContainerRef", reason: expect.stringMatching(/required for HTTPS listeners/) }]);
  });

  it("lets unknowns through, and does not guess rules that depend on them", async () => {
    const res = await p.r.check("listener", { loadbalancerId: UNKNOWN, protocol: UNKNOWN, protocolPort: 443, clientTimeout: 30 });
    expect(res.failures).toEqual([]);
  });
});

describe("lifecycle", () => {
  let l: State;

  it("creates with only what the program set, the API filling the rest", async () => {
    l = await p.r.create("listener", { ...http(), keepaliveTimeout: 0, enableMemberRetry: false, name: "" });
    const live = (await p.eng.api.get<{ listener: Record<string, unknown> }>(`/listeners/${l.id}`)).listener;
    // 0, false and "" are sent, not dropped.
    expect(live).toMatchObject({ keepalive_timeout: 0, enable_member_retry: false, name: "", client_timeout: 60 });
    expect(l.outputs).toMatchObject({ loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 8080, keepaliveTimeout: 0, clientTimeout: 60 });
    expect(await p.r.diff("listener", l, { ...http(), keepaliveTimeout: 0, enableMemberRetry: false, name: "" })).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("updates in place, and removing an input restores its API default", async () => {
    const up = await p.r.apply("listener", l, { ...http(), keepaliveTimeout: 120, insertHeaders: { "X-Forwarded-Host": true } });
    expect(up.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect(up.state.outputs.insertHeaders).toMatchObject({ "X-Forwarded-Host": true, "X-Real-IP": false });
    const back = await p.r.apply("listener", up.state, http());
    expect(back.state.outputs).toMatchObject({ keepaliveTimeout: 60, enableMemberRetry: true, insertHeaders: { "X-Forwarded-Host": false } });
    expect(await p.r.diff("listener", back.state, http())).toMatchObject({ changes: "none" });
    l = back.state;
  });

  it("deletes before replacing exactly when the new listener takes the same load balancer, port space and port", async () => {
    const diff = (args: Record<string, unknown>) => p.r.diff("listener", l, args);
    // HTTP and TCP share a port space: TCP:8080 would collide with HTTP:8080.
    expect(await diff({ ...http(), protocol: "TCP" })).toEqual({ changes: "some", replaces: ["protocol"], deleteBeforeReplace: true });
    // UDP has its own port space; another port or another load balancer is free.
    expect(await diff({ ...http(), protocol: "UDP" })).toEqual({ changes: "some", replaces: ["protocol"], deleteBeforeReplace: false });
    expect(await diff({ ...http(), protocolPort: 8081 })).toEqual({ changes: "some", replaces: ["protocolPort"], deleteBeforeReplace: false });
    expect(await diff({ ...http(), loadbalancerId: lb2.id })).toEqual({ changes: "some", replaces: ["loadbalancerId"], deleteBeforeReplace: false });
    // Unknown until apply: it may be the same port, so the old one goes first.
    expect(await diff({ ...http(), protocolPort: UNKNOWN })).toEqual({ changes: "some", replaces: ["protocolPort"], deleteBeforeReplace: true });
  });

  it("the collision is real: without deleting first the API refuses the second listener on the port", async () => {
    await expect(p.r.create("listener", { ...http(), protocol: "TCP" })).rejects.toThrow(/ELB\.8907/);
    const replaced = await p.r.apply("listener", l, { ...http(), protocol: "TCP" });
    expect(replaced.replaced).toBe(true);
    const now = await listenersOn(lb.id);
    expect(now.map((x) => [x.protocol, x.protocol_port])).toEqual([["TCP", 8080]]);
    l = replaced.state;
  });

  it("replaces across port spaces without deleting first (zero downtime)", async () => {
    const replaced = await p.r.apply("listener", l, { ...http(), protocol: "UDP" });
    expect(replaced.diff.deleteBeforeReplace).toBe(false);
    expect((await listenersOn(lb.id)).map((x) => x.protocol)).toEqual(["UDP"]);
    l = replaced.state;
  });

  it("TERMINATED_HTTPS reads back as HTTPS without a perpetual diff", async () => {
    const server = issue({ cn: "www.example.test" });
    const cert = await p.r.create("certificate", { certificate: server.cert, privateKey: server.key });
    const args = { loadbalancerId: lb.id, protocol: "TERMINATED_HTTPS", protocolPort: 443, defaultTlsContainerRef: cert.id };
    const tls = await p.r.create("listener", args);
    expect(tls.outputs.protocol).toBe("HTTPS");
    expect(await p.r.diff("listener", tls, args)).toMatchObject({ changes: "none" });
    await p.r.delete("listener", tls);
    await p.r.delete("certificate", cert);
  });

  it("refresh shows drift in outputs and inputs; get by id", async () => {
    await p.eng.api.put(`/listeners/${l.id}`, { listener: { name: "renamed" } });
    const refreshed = await p.r.refresh("listener", l);
    expect(refreshed?.outputs.name).toBe("renamed");
    expect(refreshed?.inputs).toMatchObject({ name: "renamed", loadbalancerId: lb.id, protocol: "UDP", protocolPort: 8080 });
    expect(await p.r.diff("listener", refreshed!, { ...http(), protocol: "UDP" })).toMatchObject({ changes: "some", replaces: [] });
    const fetched = await p.r.get("listener", l.id);
    expect(fetched.id).toBe(l.id);
    expect(fetched.inputs).toMatchObject({ loadbalancerId: lb.id, protocol: "UDP", protocolPort: 8080, name: "renamed" });
  });

  it("deletes; gone reads as gone and a second delete is done", async () => {
    await p.r.delete("listener", l);
    expect(await p.r.refresh("listener", l)).toBeUndefined();
    await p.r.delete("listener", l);
  });
});

describe("delete with a default pool", () => {
  it("detaches the default pool the API would otherwise refuse to leave behind", async () => {
    const pool = await p.r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
    const l = await p.r.create("listener", { ...http(), protocolPort: 9090, defaultPoolId: pool.id });
    expect(l.outputs.defaultPoolId).toBe(pool.id);
    await expect(p.eng.api.delete(`/listeners/${l.id}`)).rejects.toThrow(/ELB\.8907/);
    await p.r.delete("listener", l);
    expect(await p.eng.api.find(`/listeners/${l.id}`)).toBeUndefined();
    const left = (await p.eng.api.get<{ pool: { listeners: unknown[] } }>(`/pools/${pool.id}`)).pool;
    expect(left.listeners).toEqual([]);
    await p.r.delete("pool", pool);
  });
});

describe("traffic settings", () => {
  it("S8: check refuses each on the wrong listener protocol, by camelCase property, before anything is sent", async () => {
    const tcp = await p.r.check("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 9300, gzipEnable: true, transparentClientIpEnable: false, connection: -1 });
    expect(tcp.failures.map((f) => f.property).sort()).toEqual(["connection", "gzipEnable", "transparentClientIpEnable"]);
    const web = await p.r.check("listener", { ...http(), proxyProtocolEnable: true });
    expect(web.failures).toEqual([{ property: "proxyProtocolEnable", reason: expect.stringMatching(/true is not allowed on a HTTP listener, allowed only on TCP and TLS listeners/) }]);
  });

  it("S8, D8, D9, D10: proxyProtocolEnable, connection and gzipEnable are set, updated in place and go back to their defaults when removed", async () => {
    const tcpArgs = { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 9301 };
    const tcp = await p.r.create("listener", { ...tcpArgs, proxyProtocolEnable: true, connection: 100 });
    expect(tcp.outputs).toMatchObject({ proxyProtocolEnable: true, connection: 100, connectionLimit: -1, transparentClientIpEnable: true, gzipEnable: false });
    const up = await p.r.apply("listener", tcp, { ...tcpArgs, connection: 5 });
    expect(up.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const live = (await p.eng.api.get<{ listener: Record<string, unknown> }>(`/listeners/${tcp.id}`)).listener;
    expect([live.proxy_protocol_enable, live.connection, live.connection_limit]).toEqual([false, 5, -1]);

    const webArgs = { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 9302 };
    const web = await p.r.create("listener", { ...webArgs, gzipEnable: true, insertHeaders: { "X-Forwarded-ELB-ID": true, "X-Forwarded-For-Processing-Mode": "preserve" } });
    expect(web.outputs.insertHeaders).toMatchObject({ "X-Forwarded-ELB-ID": true, "X-Forwarded-For-Processing-Mode": "preserve", "X-Real-IP": false });
    const back = await p.r.apply("listener", web, webArgs);
    expect(back.diff.replaces).toEqual([]);
    expect(back.state.outputs).toMatchObject({ gzipEnable: false, insertHeaders: { "X-Forwarded-ELB-ID": false, "X-Forwarded-For-Processing-Mode": "append" } });
  });
});

