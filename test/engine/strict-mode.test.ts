// Issue 4 over real HTTP: the provider's own client signing with AK/SK against an engine in strict
// mode (every route it uses, with queries that need escaping and non-ASCII names), X-Auth-Token in
// strict mode, every rejection with its Huawei-style body, the AK lockout timed with a FakeClock,
// and paths crafted to cross projects (G4) in both lenient and strict mode.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, type Dispatcher } from "undici";
import { ElbApiError, ElbClient } from "../../provider/client/http";
import { resolveSettings } from "../../provider/client/settings";
import {
  canonicalRequest,
  computeSignature,
  formatAuthorization,
  formatSdkDate,
  sha256Hex,
  signRequest,
} from "../../provider/signing";
import { LOCKOUT_MS, type Credentials } from "../../provider/engine/auth";
import { FakeClock } from "../../provider/engine/clock";
import { engineRoutes, startEngine, type RunningEngine } from "../../provider/engine/engine";
import { compileRoutes, matchRoute } from "../../provider/engine/server";
import { api, newProject, send, type Json, type Reply } from "./helpers/api";
import { createTree, fails, NET, ok } from "./helpers/factories";
import { issue } from "./helpers/certificates";

type Obj = Record<string, unknown>;
type Key = { ak: string; sk: string };

const REPO_ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(REPO_ROOT, "dist/provider/engine/cli.js");

const PA = newProject();
const PB = newProject();
const KEY_A: Key = { ak: "HPUAKEYAAAAAAAAAAAAA", sk: "kA1Xv8rQ0pZ7mT2nW9yL4cF6hJ3gS5dB0eR7tU1i" };
const KEY_B: Key = { ak: "HPUAKEYBBBBBBBBBBBBB", sk: "kB9Zw2sE4rT6yU8iO0pA1sD3fG5hJ7kL9zX1cV3b" };
/** Only the lockout test uses this key, so its failures cannot lock anything another test needs. */
const KEY_L: Key = { ak: "HPUAKEYLOCKLOCKLOCKL", sk: "kL0ck3dOutAfterFiveBadSignaturesXXXXXXXX" };
/**
 * Each tampering test signs with its own key: every tampered request is a wrong signature, and
 * five in a row would lock a shared key (the rule the lockout test proves) and fail other tests.
 */
const KEY_BODY: Key = { ak: "HPUAKEYTAMPERBODY000", sk: "kTamperBody0000000000000000000000000000a" };
const KEY_PATH: Key = { ak: "HPUAKEYTAMPERPATH000", sk: "kTamperPath0000000000000000000000000000b" };
const KEY_QUERY: Key = { ak: "HPUAKEYTAMPERQUERY00", sk: "kTamperQuery000000000000000000000000000c" };
const TOKEN_A = "MIIDtokenForProjectA-only-0123456789abcdefghijklmnopqrstuvwxyz";
const TOKEN_B = "MIIDtokenForProjectB-only-9876543210zyxwvutsrqponmlkjihgfedcba";

const CREDENTIALS: Credentials = {
  accessKeys: [
    { ak: KEY_A.ak, sk: KEY_A.sk, projects: [PA] },
    { ak: KEY_B.ak, sk: KEY_B.sk, projects: [PB] },
    { ak: KEY_L.ak, sk: KEY_L.sk, projects: [PA] },
    ...[KEY_BODY, KEY_PATH, KEY_QUERY].map((k) => ({ ak: k.ak, sk: k.sk, projects: [PA] })),
  ],
  tokens: [
    { token: TOKEN_A, projects: [PA] },
    { token: TOKEN_B, projects: [PB] },
  ],
};

/** The names the issue asks for: CJK, Latin-1, a space and a symbol outside the BMP's ASCII. */
const UNICODE_NAME = "负载均衡-ü ✓";
/** Every character URLSearchParams, the canonical form and the path/query syntax treat differently. */
const ODD_NAME = "a b+c&d=e%f'*()!~/?#[]@;,$ü";

/** One request as the client handed it to undici: method, raw path with query, headers. */
interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** An undici dispatcher that records what the client sends, exactly as it goes on the wire. */
function recordingDispatcher(): { dispatcher: Dispatcher; sent: Sent[]; close(): Promise<void> } {
  const agent = new Agent();
  const sent: Sent[] = [];
  const dispatcher = agent.compose((dispatch) => (opts, handler) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((opts.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = String(v);
    sent.push({ method: opts.method, path: opts.path, headers });
    return dispatch(opts, handler);
  });
  return { dispatcher, sent, close: () => agent.close() };
}

interface ClientAuth {
  key?: Key;
  token?: string;
  securityToken?: string;
}

/** The provider's client, configured the way `elb:*` stack config configures it (no environment). */
function elbClient(url: string, project: string, auth: ClientAuth, options: { dispatcher?: Dispatcher; now?: () => number } = {}): ElbClient {
  const config: Record<string, string | undefined> = {
    "elb:endpoint": url,
    "elb:projectId": project,
    "elb:accessKey": auth.key?.ak,
    "elb:secretKey": auth.key?.sk,
    "elb:token": auth.token,
    "elb:securityToken": auth.securityToken,
  };
  return new ElbClient(resolveSettings((k) => config[k], {}), options);
}

async function apiError(p: Promise<unknown>): Promise<ElbApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ElbApiError) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe("round trip: the provider's ElbClient signing with AK/SK, accepted by a strict engine", () => {
  let engine: RunningEngine;
  const logged: string[] = [];
  const rec = recordingDispatcher();

  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, credentials: CREDENTIALS, log: (l) => logged.push(l) });
  });
  afterAll(async () => {
    await engine?.close();
    await rec.close();
    // An internal fault would be a bug even when the request that caused it looked fine.
    expect(logged).toEqual([]);
  });

  it("every /v3 route (all methods, batch members, AZ batch-add/remove, force/cascade deletes, filtered and paged lists) accepts signed requests, with unicode names and queries that need escaping", async () => {
    const c = elbClient(engine.url, PA, { key: KEY_A }, { dispatcher: rec.dispatcher });
    const opts = () => ({ deadline: c.deadline(30_000) });
    const post = async <T = Obj>(p: string, body: unknown) => c.post<Record<string, T>>(p, body, opts());
    const put = async <T = Obj>(p: string, body: unknown) => c.put<Record<string, T>>(p, body, opts());
    const get = async <T = Obj>(p: string, query?: Record<string, string | number | boolean | readonly (string | number)[] | undefined>) =>
      c.get<Record<string, T>>(p, { ...opts(), query });

    expect((await get<Obj[]>("/availability-zones")).availability_zones.length).toBeGreaterThan(0);
    const flavors = (await get<Obj[]>("/flavors", { type: "L7" })).flavors;
    expect(flavors.length).toBeGreaterThan(0);
    expect((await get<Obj>(`/flavors/${String(flavors[0].id)}`)).flavor.type).toBe("L7");

    // Load balancers: non-ASCII bodies, and names that are hard to put in a query.
    const lbBody = (name: string) => ({ loadbalancer: { name, description: ODD_NAME, availability_zone_list: ["local-1a"], vpc_id: NET.vpc } });
    const lb1 = (await post("/loadbalancers", lbBody(UNICODE_NAME))).loadbalancer;
    const lb2 = (await post("/loadbalancers", lbBody(ODD_NAME))).loadbalancer;
    const lb3 = (await post("/loadbalancers", lbBody("plain"))).loadbalancer;
    expect([lb1.name, lb1.description, lb2.name]).toEqual([UNICODE_NAME, ODD_NAME, ODD_NAME]);
    expect((await get(`/loadbalancers/${lb1.id}`)).loadbalancer.name).toBe(UNICODE_NAME);

    // The provider's list call (limit=2000, undefined filters dropped) with filters that need escaping.
    const lbs = (query: Obj) => c.list<{ id: string }>("/loadbalancers", "loadbalancers", query as never, c.deadline(30_000));
    expect(ids(await lbs({ name: UNICODE_NAME, vip_subnet_cidr_id: undefined }))).toEqual([lb1.id]);
    expect(ids(await lbs({ name: ODD_NAME }))).toEqual([lb2.id]);
    expect(ids(await lbs({ name: [ODD_NAME, UNICODE_NAME], vpc_id: NET.vpc }))).toEqual(ids([lb1, lb2] as { id: string }[]));
    expect(await lbs({ name: "负载均衡-ü" })).toEqual([]);

    // Marker pagination, forwards and back (G6), with a repeated unicode filter in the same query.
    const names = [UNICODE_NAME, ODD_NAME, "plain"];
    const page1 = await get<Obj[]>("/loadbalancers", { limit: 1, name: names });
    const page2 = await get<Obj[]>("/loadbalancers", { limit: 1, name: names, marker: String(page1.loadbalancers[0].id) });
    const page3 = await get<Obj[]>("/loadbalancers", { limit: 1, name: names, marker: String(page2.loadbalancers[0].id) });
    const back = await get<Obj[]>("/loadbalancers", { limit: 1, name: names, marker: String(page2.loadbalancers[0].id), page_reverse: true });
    expect([page1, page2, page3].flatMap((p) => p.loadbalancers.map((l) => l.id)).sort()).toEqual(ids([lb1, lb2, lb3] as { id: string }[]));
    expect(back.loadbalancers.map((l) => l.id)).toEqual([page1.loadbalancers[0].id]);

    expect((await put(`/loadbalancers/${lb1.id}`, { loadbalancer: { name: `${UNICODE_NAME} 2`, description: "ü" } })).loadbalancer.name).toBe(`${UNICODE_NAME} 2`);
    await post(`/loadbalancers/${lb1.id}/availability-zone/batch-add`, { availability_zone_list: ["local-1b"] });
    expect((await get(`/loadbalancers/${lb1.id}`)).loadbalancer.availability_zone_list).toEqual(["local-1a", "local-1b"]);
    await post(`/loadbalancers/${lb1.id}/availability-zone/batch-remove`, { availability_zone_list: ["local-1b"] });
    expect((await get(`/loadbalancers/${lb1.id}/statuses`)).statuses).toBeTypeOf("object");
    expect((await get(`/loadbalancers/${lb1.id}/traffic`)).traffic.loadbalancer_id).toBe(lb1.id);
    // The tag action and tag list sit under the project, not under /elb (F2).
    const tagged = { ...opts(), underProject: true };
    await c.post(`/loadbalancers/${lb1.id}/tags/action`, { action: "create", tags: [{ key: "env", value: "prod" }] }, tagged);
    expect((await c.get<{ tags: Obj[] }>(`/loadbalancers/${lb1.id}/tags`, tagged)).tags).toEqual([{ key: "env", value: "prod" }]);

    // Listeners.
    const listener = (await post("/listeners", { listener: { loadbalancer_id: lb1.id, protocol: "TCP", protocol_port: 80, name: UNICODE_NAME } })).listener;
    const listener2 = (await post("/listeners", { listener: { loadbalancer_id: lb1.id, protocol: "TCP", protocol_port: 81, name: ODD_NAME } })).listener;
    expect(ids(await c.list("/listeners", "listeners", { loadbalancer_id: String(lb1.id), protocol_port: 80 }, c.deadline(30_000)))).toEqual([listener.id]);
    expect(ids(await c.list("/listeners", "listeners", { name: ODD_NAME }, c.deadline(30_000)))).toEqual([listener2.id]);
    expect((await get(`/listeners/${listener.id}`)).listener.name).toBe(UNICODE_NAME);
    expect((await put(`/listeners/${listener.id}`, { listener: { name: ODD_NAME } })).listener.name).toBe(ODD_NAME);
    await c.post(`/listeners/${listener.id}/tags/action`, { action: "create", tags: [{ key: "tier", value: "edge" }] }, tagged);
    expect((await c.get<{ tags: Obj[] }>(`/listeners/${listener.id}/tags`, tagged)).tags).toEqual([{ key: "tier", value: "edge" }]);

    // Pools: one as the listener's default pool, one on the load balancer only.
    const pool = (await post("/pools", { pool: { listener_id: listener.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN", name: UNICODE_NAME } })).pool;
    const pool2 = (await post("/pools", { pool: { loadbalancer_id: lb1.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN", name: ODD_NAME } })).pool;
    expect(ids(await c.list("/pools", "pools", { listener_id: String(listener.id) }, c.deadline(30_000)))).toEqual([pool.id]);
    expect(ids(await c.list("/pools", "pools", { loadbalancer_id: String(lb1.id), name: ODD_NAME }, c.deadline(30_000)))).toEqual([pool2.id]);
    expect((await get(`/pools/${pool.id}`)).pool.name).toBe(UNICODE_NAME);
    expect((await put(`/pools/${pool.id}`, { pool: { name: ODD_NAME } })).pool.name).toBe(ODD_NAME);

    // Members: single and batch endpoints.
    const members = `/pools/${pool.id}/members`;
    const member = (await post(members, { member: { address: "192.168.0.10", protocol_port: 80, subnet_cidr_id: NET.privateA, name: UNICODE_NAME } })).member;
    expect(ids(await c.list(members, "members", { address: "192.168.0.10", protocol_port: 80 }, c.deadline(30_000)))).toEqual([member.id]);
    expect(ids(await c.list("/members", "members", { address: "192.168.0.10", pool_id: String(pool.id) }, c.deadline(30_000)))).toEqual([member.id]);
    expect((await get(`${members}/${member.id}`)).member.name).toBe(UNICODE_NAME);
    expect((await put(`${members}/${member.id}`, { member: { name: ODD_NAME, weight: 5 } })).member.weight).toBe(5);
    const added = (
      await post<Obj[]>(`${members}/batch-add`, {
        members: [11, 12].map((n) => ({ address: `192.168.0.${n}`, protocol_port: 80, subnet_cidr_id: NET.privateA, name: UNICODE_NAME })),
      })
    ).members;
    expect(added.map((m) => m.ret_status)).toEqual(["successful", "successful"]);
    const updated = (await post<Obj[]>(`${members}/batch-update`, { members: [{ id: added[0].id, weight: 3, name: ODD_NAME }] })).members;
    expect(updated[0]).toMatchObject({ weight: 3, name: ODD_NAME });
    expect((await post<Obj[]>(`${members}/batch-delete`, { members: [{ id: added[0].id }] })).members[0].ret_status).toBe("successful");
    await c.delete(`${members}/${member.id}`, opts());

    // Health monitor.
    const monitor = (await post("/healthmonitors", { healthmonitor: { pool_id: pool.id, type: "TCP", delay: 5, timeout: 3, max_retries: 3, name: UNICODE_NAME } })).healthmonitor;
    expect(ids(await c.list("/healthmonitors", "healthmonitors", { name: UNICODE_NAME }, c.deadline(30_000)))).toEqual([monitor.id]);
    expect((await get(`/healthmonitors/${monitor.id}`)).healthmonitor.name).toBe(UNICODE_NAME);
    expect((await put(`/healthmonitors/${monitor.id}`, { healthmonitor: { name: ODD_NAME } })).healthmonitor.name).toBe(ODD_NAME);
    await c.delete(`/healthmonitors/${monitor.id}`, opts());

    // Certificates and the project's private-key echo (C5).
    const issued = issue({ cn: "www.example.test" });
    const cert = (await post("/certificates", { certificate: { certificate: issued.cert, private_key: issued.key, name: UNICODE_NAME } })).certificate;
    expect(ids(await c.list("/certificates", "certificates", { name: UNICODE_NAME }, c.deadline(30_000)))).toEqual([cert.id]);
    expect((await get(`/certificates/${cert.id}`)).certificate.name).toBe(UNICODE_NAME);
    expect((await put(`/certificates/${cert.id}`, { certificate: { name: ODD_NAME } })).certificate.name).toBe(ODD_NAME);
    expect((await post("/certificates/settings/private-key-echo", { private_key_echo: false })).private_key_echo).toBe(false);
    expect((await get("/certificates/settings/private-key-echo")).private_key_echo).toBe(false);
    await c.delete(`/certificates/${cert.id}`, opts());

    // Security policies, system and custom (T1, T2).
    expect((await get("/system-security-policies")).system_security_policies.length).toBeGreaterThan(5);
    const policy = (await post("/security-policies", { security_policy: { name: UNICODE_NAME, protocols: ["TLSv1.2"], ciphers: ["ECDHE-RSA-AES128-GCM-SHA256"] } })).security_policy;
    expect(ids(await c.list("/security-policies", "security_policies", { name: UNICODE_NAME }, c.deadline(30_000)))).toEqual([policy.id]);
    expect((await get(`/security-policies/${policy.id}`)).security_policy.name).toBe(UNICODE_NAME);
    expect((await put(`/security-policies/${policy.id}`, { security_policy: { name: ODD_NAME } })).security_policy.name).toBe(ODD_NAME);
    await c.delete(`/security-policies/${policy.id}`, opts());

    // IP groups (I1).
    const group = (await post("/ipgroups", { ipgroup: { name: UNICODE_NAME, ip_list: [{ ip: "10.0.0.0/8" }] } })).ipgroup;
    expect(ids(await c.list("/ipgroups", "ipgroups", { name: UNICODE_NAME }, c.deadline(30_000)))).toEqual([group.id]);
    expect((await get(`/ipgroups/${group.id}`)).ipgroup.name).toBe(UNICODE_NAME);
    expect((await put(`/ipgroups/${group.id}`, { ipgroup: { name: ODD_NAME } })).ipgroup.name).toBe(ODD_NAME);
    // The IP-list edits (I6).
    const grown = (await post(`/ipgroups/${group.id}/iplist/create-or-update`, { ipgroup: { ip_list: [{ ip: "::1", description: UNICODE_NAME }] } })).ipgroup;
    expect(grown.ip_list).toEqual([{ ip: "10.0.0.0/8", description: "" }, { ip: "::1", description: UNICODE_NAME }]);
    expect((await post(`/ipgroups/${group.id}/iplist/batch-delete`, { ipgroup: { ip_list: [{ ip: "10.0.0.0/8" }] } })).ipgroup.ip_list).toEqual([{ ip: "::1", description: UNICODE_NAME }]);
    await c.delete(`/ipgroups/${group.id}`, opts());

    // Deletes, including the force and cascade endpoints (the pool still has a member).
    await c.delete(`/pools/${pool.id}/delete-cascade`, opts());
    await c.delete(`/pools/${pool2.id}`, opts());
    await c.delete(`/listeners/${listener2.id}/force`, opts());
    await c.delete(`/listeners/${listener.id}`, opts());
    await c.delete(`/loadbalancers/${lb2.id}/force-elb`, opts());
    await c.delete(`/loadbalancers/${lb1.id}`, opts());
    await c.delete(`/loadbalancers/${lb3.id}`, opts());
    expect(await c.waitForLoadBalancer(String(lb3.id), c.deadline(30_000), "gone")).toBeUndefined();
    expect(await lbs({})).toEqual([]);

    // What went on the wire: every request signed (never a token), with the escapes that differ
    // from the canonical form — `+` for a space and a bare `*` from URLSearchParams, `~` as %7E.
    for (const s of rec.sent) {
      expect(s.headers.authorization, `${s.method} ${s.path}`).toMatch(/^SDK-HMAC-SHA256 Access=HPUAKEYAAAAAAAAAAAAA, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/);
      expect(s.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
      expect(s.headers["x-project-id"]).toBe(PA);
      expect(s.headers).not.toHaveProperty("x-auth-token");
    }
    const queries = rec.sent.map((s) => s.path.split("?")[1] ?? "").join("&");
    for (const escape of ["%E8%B4%9F", "%C3%BC", "+", "*", "%7E", "%2B", "%26", "%3D", "%25"]) expect(queries).toContain(escape);

    // Every /v3 route the engine serves was reached by an accepted, signed request.
    const routes = engineRoutes(engine.context).filter((r) => r.path.startsWith("/v3/"));
    const table = compileRoutes(routes);
    const reached = new Set(rec.sent.map((s) => matchRoute(table, s.method, s.path.split("?")[0])?.route).filter(Boolean).map((r) => `${r!.method} ${r!.path}`));
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((r) => !reached.has(r));
    expect(missing).toEqual([]);
  });

  it("X-Auth-Token in strict mode: a listed token works on its project; unlisted → 401 APIGW.0301, another project → 403 APIGW.0302", async () => {
    const byToken = elbClient(engine.url, PA, { token: TOKEN_A });
    const lb = (await byToken.post<{ loadbalancer: Obj }>("/loadbalancers", { loadbalancer: { name: UNICODE_NAME, availability_zone_list: ["local-1a"], vpc_id: NET.vpc } }, { deadline: byToken.deadline() })).loadbalancer;
    // One project, two principals: what the token made, the project's key sees (G4 is per project).
    const byKey = elbClient(engine.url, PA, { key: KEY_A });
    expect(ids(await byKey.list("/loadbalancers", "loadbalancers", { name: UNICODE_NAME }, byKey.deadline()))).toEqual([lb.id]);
    expect(ids(await byToken.list("/loadbalancers", "loadbalancers", { name: UNICODE_NAME }, byToken.deadline()))).toEqual([lb.id]);

    const unlisted = await apiError(elbClient(engine.url, PA, { token: `${TOKEN_B}-not-listed` }).get("/loadbalancers", { deadline: byToken.deadline() }));
    expect({ status: unlisted.status, code: unlisted.code }).toEqual({ status: 401, code: "APIGW.0301" });
    const elsewhere = await apiError(elbClient(engine.url, PB, { token: TOKEN_A }).get("/loadbalancers", { deadline: byToken.deadline() }));
    expect({ status: elsewhere.status, code: elsewhere.code }).toEqual({ status: 403, code: "APIGW.0302" });
    const keyElsewhere = await apiError(elbClient(engine.url, PB, { key: KEY_A }).get(`/loadbalancers/${lb.id}`, { deadline: byToken.deadline() }));
    expect({ status: keyElsewhere.status, code: keyElsewhere.code }).toEqual({ status: 403, code: "APIGW.0302" });
    const wrongSecret = await apiError(elbClient(engine.url, PB, { key: { ak: KEY_B.ak, sk: `${KEY_B.sk}x` } }).get("/loadbalancers", { deadline: byToken.deadline() }));
    expect({ status: wrongSecret.status, code: wrongSecret.code }).toEqual({ status: 401, code: "APIGW.0301" });

    await byToken.delete(`/loadbalancers/${lb.id}`, { deadline: byToken.deadline() });
    expect(await byKey.find(`/loadbalancers/${lb.id}`, { deadline: byKey.deadline() })).toBeUndefined();
  });

  it("temporary credentials: X-Security-Token is sent and signed, and the engine verifies the signature over it", async () => {
    const rec2 = recordingDispatcher();
    try {
      const sts = elbClient(engine.url, PA, { key: KEY_A, securityToken: "sts-session-token-0001" }, { dispatcher: rec2.dispatcher });
      expect((await sts.get<{ loadbalancers: unknown[] }>("/loadbalancers", { deadline: sts.deadline(), query: { name: UNICODE_NAME } })).loadbalancers).toEqual([]);
      expect(rec2.sent[0].headers["x-security-token"]).toBe("sts-session-token-0001");
      expect(rec2.sent[0].headers.authorization).toContain("SignedHeaders=accept;host;x-project-id;x-sdk-date;x-security-token,");
    } finally {
      await rec2.close();
    }
  });
});

describe("rejections over real HTTP, with Huawei-style error bodies (strict mode, FakeClock)", () => {
  const clock = new FakeClock(Date.UTC(2026, 2, 13, 6, 28, 36));
  let engine: RunningEngine;
  const lbs = `/v3/${PA}/elb/loadbalancers`;
  const lbBody = (name: string) => JSON.stringify({ loadbalancer: { name, availability_zone_list: ["local-1a"], vpc_id: NET.vpc } });
  const faults: string[] = [];

  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, clock, credentials: CREDENTIALS, log: (l) => faults.push(l) });
  });
  afterAll(async () => {
    await engine?.close();
    expect(faults).toEqual([]);
  });

  /** The headers the client module would send for this request, signed at `at` (default: the engine's now). */
  function signed(method: string, target: string, o: { body?: string; key?: Key; at?: number; project?: string | null } = {}): Record<string, string> {
    const key = o.key ?? KEY_A;
    const base = { "Content-Type": "application/json" };
    const added = signRequest(
      { method, url: engine.url + target, headers: base, body: o.body },
      { accessKey: key.ak, secretKey: key.sk, projectId: o.project === null ? undefined : (o.project ?? PA) },
      new Date(o.at ?? clock.now()),
    );
    return { ...base, ...added };
  }
  const call = (method: string, target: string, headers: Record<string, string>, body?: string): Promise<Reply> =>
    send(engine.url, method, target, { noAuth: true, headers, body });
  const create = async (name: string): Promise<Json> => ok(await call("POST", lbs, signed("POST", lbs, { body: lbBody(name) }), lbBody(name)), 201, "loadbalancer");
  const names = async (): Promise<string[]> => ok(await call("GET", lbs, signed("GET", lbs)), 200, "loadbalancers").map((l: Json) => l.name);

  it("no credentials at all → 401 APIGW.0301 (also an empty token, a date without a signature, another scheme); nothing is written", async () => {
    fails(await call("GET", lbs, {}), 401, "APIGW.0301", "neither an X-Auth-Token nor an SDK-HMAC-SHA256 signature");
    fails(await call("GET", lbs, { "X-Auth-Token": "  " }), 401, "APIGW.0301");
    fails(await call("GET", lbs, { "X-Sdk-Date": formatSdkDate(new Date(clock.now())) }), 401, "APIGW.0301");
    fails(await call("GET", lbs, { Authorization: "Basic dXNlcjpwYXNz" }), 401, "APIGW.0301", "unsupported Authorization scheme");
    fails(await call("POST", lbs, { "Content-Type": "application/json" }, lbBody("anonymous")), 401, "APIGW.0301");
    expect(await names()).not.toContain("anonymous");
  });

  it("an unknown AK → 401 APIGW.0301 naming the AK; a malformed Authorization → 401", async () => {
    fails(await call("GET", lbs, signed("GET", lbs, { key: { ak: "UNKNOWNAK00000000000", sk: KEY_A.sk } })), 401, "APIGW.0301", "ak UNKN… (20 characters) does not exist");
    const good = signed("GET", lbs);
    fails(await call("GET", lbs, { ...good, Authorization: good.Authorization.replace(/Signature=\w+/, "Signature=short") }), 401, "APIGW.0301", "not a well-formed");
  });

  it("a tampered body → 401 APIGW.0301, and nothing is created", async () => {
    const headers = signed("POST", lbs, { body: lbBody("signed-body"), key: KEY_BODY });
    fails(await call("POST", lbs, headers, lbBody("tampered-body")), 401, "APIGW.0301", "verify aksk signature fail");
    // One byte of whitespace is a different body too.
    fails(await call("POST", lbs, headers, `${lbBody("signed-body")} `), 401, "APIGW.0301");
    expect(await names()).not.toContain("tampered-body");
    expect(await names()).not.toContain("signed-body");
    ok(await call("POST", lbs, headers, lbBody("signed-body")), 201, "loadbalancer");
  });

  it("a tampered path → 401 APIGW.0301, and the object it was redirected to is untouched", async () => {
    const kept = await create("kept");
    const victim = await create("victim");
    const headers = signed("DELETE", `${lbs}/${kept.id}`, { key: KEY_PATH });
    fails(await call("DELETE", `${lbs}/${victim.id}`, headers), 401, "APIGW.0301");
    // The path's project is covered too: the same id under another project's path is another request.
    fails(await call("DELETE", `/v3/${PB}/elb/loadbalancers/${kept.id}`, headers), 401, "APIGW.0301");
    expect(await names()).toEqual(expect.arrayContaining(["kept", "victim"]));
    // The method is covered as well: a signed GET cannot be replayed as a DELETE.
    fails(await call("DELETE", `${lbs}/${kept.id}`, signed("GET", `${lbs}/${kept.id}`, { key: KEY_PATH })), 401, "APIGW.0301");
    expect(await call("DELETE", `${lbs}/${kept.id}`, headers)).toMatchObject({ status: 204 });
  });

  it("a tampered query → 401 APIGW.0301 (changed, added, dropped, a value moved between names); reordering is not tampering", async () => {
    const q = `?name=${encodeURIComponent(UNICODE_NAME)}&name=b&limit=5`;
    const headers = signed("GET", lbs + q, { key: KEY_QUERY });
    ok(await call("GET", lbs + q, headers), 200, "loadbalancers");
    ok(await call("GET", `${lbs}?limit=5&name=b&name=${encodeURIComponent(UNICODE_NAME)}`, headers), 200, "loadbalancers");
    for (const tampered of [
      `?name=${encodeURIComponent(UNICODE_NAME)}&name=c&limit=5`,
      `?name=${encodeURIComponent(UNICODE_NAME)}&name=b&limit=5&marker=x`,
      `?name=${encodeURIComponent(UNICODE_NAME)}&limit=5`,
      `?name=${encodeURIComponent(UNICODE_NAME)}&name=b&limit=6`,
      `?name=${encodeURIComponent(UNICODE_NAME)}&nam=eb&limit=5`,
      "",
    ]) {
      fails(await call("GET", lbs + tampered, headers), 401, "APIGW.0301", "verify aksk signature fail");
      // The untampered request again, so the failures are never five in a row (no lockout here).
      ok(await call("GET", lbs + q, headers), 200, "loadbalancers");
    }
    // A signed header changed after signing.
    fails(await call("GET", lbs + q, { ...headers, "Content-Type": "text/plain" }), 401, "APIGW.0301");
  });

  it("a stale or future X-Sdk-Date → 401 APIGW.0303 'signature expired'; a captured request replayed 16 minutes later too", async () => {
    const minutes = (n: number) => n * 60_000;
    ok(await call("GET", lbs, signed("GET", lbs, { at: clock.now() - minutes(14) })), 200, "loadbalancers");
    ok(await call("GET", lbs, signed("GET", lbs, { at: clock.now() + minutes(14) })), 200, "loadbalancers");
    fails(await call("GET", lbs, signed("GET", lbs, { at: clock.now() - minutes(16) })), 401, "APIGW.0303", "signature expired", "server time");
    fails(await call("GET", lbs, signed("GET", lbs, { at: clock.now() + minutes(16) })), 401, "APIGW.0303", "signature expired");
    // Used at once it creates; the same bytes sent again 16 minutes later are refused.
    const captured = signed("POST", lbs, { body: lbBody("replayed") });
    ok(await call("POST", lbs, captured, lbBody("replayed")), 201, "loadbalancer");
    clock.advance(minutes(16));
    fails(await call("POST", lbs, captured, lbBody("replayed")), 401, "APIGW.0303", "signature expired");
    expect((await names()).filter((n) => n === "replayed")).toHaveLength(1);
  });

  it("a key on a project it is not granted → 403 APIGW.0302, through the path or through X-Project-Id", async () => {
    const other = `/v3/${PB}/elb/loadbalancers`;
    fails(await call("GET", other, signed("GET", other)), 403, "APIGW.0302", "not granted project", PB);
    fails(await call("GET", other, signed("GET", other, { project: null })), 403, "APIGW.0302", PB);
    fails(await call("GET", lbs, signed("GET", lbs, { project: PB })), 403, "APIGW.0302", PB);
    fails(await call("POST", other, signed("POST", other, { body: lbBody("cross") }), lbBody("cross")), 403, "APIGW.0302");
    // The key that is granted PB is let in.
    ok(await call("GET", other, signed("GET", other, { key: KEY_B, project: PB })), 200, "loadbalancers");
  });

  it("five consecutive bad signatures lock the AK for five minutes (a correct signature is refused meanwhile); other keys are unaffected; then it is released", async () => {
    const bad = () => signed("GET", lbs, { key: { ak: KEY_L.ak, sk: "guessed-secret" } });
    const good = () => signed("GET", lbs, { key: KEY_L });
    // A good signature resets the count: four failures, a success, four more failures stay unlocked.
    for (let i = 0; i < 4; i++) fails(await call("GET", lbs, bad()), 401, "APIGW.0301", "verify aksk signature fail");
    ok(await call("GET", lbs, good()), 200, "loadbalancers");
    for (let i = 0; i < 4; i++) fails(await call("GET", lbs, bad()), 401, "APIGW.0301");
    ok(await call("GET", lbs, good()), 200, "loadbalancers");

    for (let i = 0; i < 4; i++) fails(await call("GET", lbs, bad()), 401, "APIGW.0301");
    fails(await call("GET", lbs, bad()), 401, "APIGW.0301", `ak ${KEY_L.ak} is now locked for 5 minutes`);
    fails(await call("GET", lbs, good()), 401, "APIGW.0301", "is locked for 300 more seconds");
    ok(await call("GET", lbs, signed("GET", lbs)), 200, "loadbalancers");
    ok(await call("GET", lbs, { "X-Auth-Token": TOKEN_A }), 200, "loadbalancers");

    clock.advance(LOCKOUT_MS - 1000);
    fails(await call("GET", lbs, good()), 401, "APIGW.0301", "is locked for 1 more seconds");
    clock.advance(1000);
    ok(await call("GET", lbs, good()), 200, "loadbalancers");
    // Released with a clean count: one more failure does not lock it again.
    fails(await call("GET", lbs, bad()), 401, "APIGW.0301");
    ok(await call("GET", lbs, good()), 200, "loadbalancers");
  });
});

/** Headers with a correct signature over a raw target, dot segments and escapes left as they are. */
function signRaw(url: string, method: string, target: string, key: Key, at: number, body = ""): Record<string, string> {
  const q = target.indexOf("?");
  const date = formatSdkDate(new Date(at));
  // No X-Project-Id: a refusal can then only come from the project in the path.
  const headers: [string, string][] = [
    ["content-type", "application/json"],
    ["host", new URL(url).host],
    ["x-sdk-date", date],
  ];
  const creq = canonicalRequest({
    method,
    rawPath: q < 0 ? target : target.slice(0, q),
    rawQuery: q < 0 ? "" : target.slice(q + 1),
    headers,
    payloadHash: sha256Hex(body),
  });
  return {
    "Content-Type": "application/json",
    "X-Sdk-Date": date,
    Authorization: formatAuthorization(key.ak, headers.map(([n]) => n), computeSignature(key.sk, date, creq)),
  };
}

interface Tree {
  lb: Json;
  listener: Json;
  pool: Json;
  member: Json;
  monitor: Json;
}

/** Lookalikes of a project id: a Cyrillic е for its first hex letter, a fullwidth digit for its first digit. */
function lookalikes(project: string): string[] {
  const letter = project.search(/[a-f]/);
  const digit = project.search(/[0-9]/);
  const cyrillic: Record<string, string> = { a: "%D0%B0", c: "%D1%81", e: "%D0%B5", b: "%D0%AC", d: "%D4%81", f: "%D2%93" };
  const out: string[] = [];
  if (letter >= 0) out.push(project.slice(0, letter) + cyrillic[project[letter]] + project.slice(letter + 1));
  if (digit >= 0) out.push(project.slice(0, digit) + encodeURIComponent(String.fromCharCode(0xff10 + Number(project[digit]))) + project.slice(digit + 1));
  return out;
}

/**
 * Requests from project A (or a spelling of B that is not B) aiming at B's objects. `list` marks
 * the ones whose route is a list: those may answer 200, with none of B's objects in it.
 */
function crossingPaths(a: string, b: string, B: Tree, A: Tree): { target: string; list?: boolean }[] {
  const lb = B.lb.id as string;
  const v3 = (project: string, rest: string) => `/v3/${project}/elb/${rest}`;
  const byId = [
    // Encoded slashes and dot segments inside an id or the project id.
    v3(a, `loadbalancers/..%2F..%2F..%2F${b}%2Felb%2Floadbalancers%2F${lb}`),
    v3(a, `loadbalancers/..%2f..%2f..%2f${b}%2felb%2floadbalancers%2f${lb}`),
    v3(a, `loadbalancers/%2e%2e/%2e%2e/%2e%2e/${b}/elb/loadbalancers/${lb}`),
    v3(a, `loadbalancers/%2E%2E/%2E%2E/%2E%2E/${b}/elb/loadbalancers/${lb}`),
    `/v3/${a}%2F..%2F${b}/elb/loadbalancers/${lb}`,
    `/v3/${a}%2f%2e%2e%2f${b}/elb/loadbalancers/${lb}`,
    v3(a, `loadbalancers/%252e%252e%252f${lb}`),
    // Dot segments.
    `/v3/${a}/../${b}/elb/loadbalancers/${lb}`,
    `/v3/${a}/./../${b}/elb/loadbalancers/${lb}`,
    `/v3/${a}/elb/../../${b}/elb/loadbalancers/${lb}`,
    `/v3/${a}/elb/loadbalancers/../../../${b}/elb/loadbalancers/${lb}`,
    `/v3/./${b}/elb/loadbalancers/${lb}`,
    `/v3/${a}/..\\${b}/elb/loadbalancers/${lb}`,
    `/v3/${a}\\..\\${b}/elb/loadbalancers/${lb}`,
    // Doubled slashes.
    `/v3//${b}/elb/loadbalancers/${lb}`,
    `//v3/${b}/elb/loadbalancers/${lb}`,
    `/v3/${a}//${b}/elb/loadbalancers/${lb}`,
    `/v3/${b}//elb/loadbalancers/${lb}`,
    // Case variants of B's project id (and of the object id).
    v3(b.toUpperCase(), `loadbalancers/${lb}`),
    v3(b.toUpperCase(), `loadbalancers/${lb.toUpperCase()}`),
    v3(b.replace(/[a-f]/, (c) => c.toUpperCase()), `loadbalancers/${lb}`),
    v3(a, `loadbalancers/${lb.toUpperCase()}`),
    // Trailing slashes.
    v3(a, `loadbalancers/${lb}/`),
    `/v3/${b}/`,
    `/v3/${b}/elb/loadbalancers/`,
    // ; path parameters.
    v3(`${b};`, `loadbalancers/${lb}`),
    v3(`${b};jsessionid=${a}`, `loadbalancers/${lb}`),
    v3(`${a};${b}`, `loadbalancers/${lb}`),
    v3(`${b}%3B`, `loadbalancers/${lb}`),
    v3(a, `loadbalancers/${lb};`),
    // Unicode lookalikes, a NUL, surrounding whitespace.
    ...lookalikes(b).map((l) => v3(l, `loadbalancers/${lb}`)),
    v3(`${b}%00`, `loadbalancers/${lb}`),
    v3(`%20${b}`, `loadbalancers/${lb}`),
    v3(`${b}%20`, `loadbalancers/${lb}`),
    v3(`${b}%09`, `loadbalancers/${lb}`),
    // Project A's own paths with B's ids, at every level.
    v3(a, `loadbalancers/${lb}`),
    v3(a, `loadbalancers/${lb}/statuses`),
    v3(a, `loadbalancers/${lb}/traffic`),
    v3(a, `listeners/${B.listener.id}`),
    v3(a, `pools/${B.pool.id}`),
    v3(a, `pools/${B.pool.id}/members/${B.member.id}`),
    v3(a, `pools/${A.pool.id}/members/${B.member.id}`),
    v3(a, `pools/${A.pool.id}/members/..%2F..%2F${B.pool.id}%2Fmembers%2F${B.member.id}`),
    v3(a, `healthmonitors/${B.monitor.id}`),
  ].map((target) => ({ target }));
  const lists = [
    v3(b.toUpperCase(), "loadbalancers"),
    v3(`${b};`, "loadbalancers"),
    ...lookalikes(b).map((l) => v3(l, "loadbalancers")),
    v3(a, `loadbalancers?project_id=${b}`),
    v3(a, `loadbalancers?id=${lb}`),
    v3(a, `loadbalancers?id=${lb}&project_id=${b}&tenant_id=${b}`),
    v3(a, `pools/${A.pool.id}/members?id=${B.member.id}`),
    v3(a, `listeners?loadbalancer_id=${lb}`),
    v3(a, `pools?loadbalancer_id=${lb}`),
  ].map((target) => ({ target, list: true }));
  return [...byId, ...lists];
}

/** B's objects are all there, unchanged (names as the factories made them). */
async function expectIntact(owner: ReturnType<typeof api>, tree: Tree): Promise<void> {
  const paths: [string, string, Json][] = [
    [`loadbalancers/${tree.lb.id}`, "loadbalancer", tree.lb],
    [`listeners/${tree.listener.id}`, "listener", tree.listener],
    [`pools/${tree.pool.id}`, "pool", tree.pool],
    [`pools/${tree.pool.id}/members/${tree.member.id}`, "member", tree.member],
    [`healthmonitors/${tree.monitor.id}`, "healthmonitor", tree.monitor],
  ];
  for (const [p, key, made] of paths) {
    const live = ok(await owner.get(p), 200, key);
    expect({ name: live.name, weight: live.weight }, p).toEqual({ name: made.name, weight: made.weight });
  }
}

/** No part of a 2xx reply names one of B's objects. */
function expectNoneOf(res: Reply, tree: Tree, what: string): void {
  const idsOfB = [tree.lb.id, tree.listener.id, tree.pool.id, tree.member.id, tree.monitor.id] as string[];
  for (const id of idsOfB) expect(res.text, what).not.toContain(id);
}

describe("G4 isolation: paths crafted to cross projects never reach another project's objects", () => {
  // Fixed ids with both letters and digits, so every case variant and lookalike differs from the original.
  const a = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5";
  const b = "5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a";
  let lenient: RunningEngine;
  let strict: RunningEngine;
  const keyA: Key = { ak: "ISOLATIONKEYFORPROJA", sk: "isolation-secret-for-project-a-000000000" };
  const keyB: Key = { ak: "ISOLATIONKEYFORPROJB", sk: "isolation-secret-for-project-b-000000000" };
  const faults: string[] = [];

  beforeAll(async () => {
    lenient = await startEngine({ port: 0, memory: true, log: (l) => faults.push(l) });
    strict = await startEngine({
      port: 0,
      memory: true,
      log: (l) => faults.push(l),
      credentials: {
        accessKeys: [
          { ak: keyA.ak, sk: keyA.sk, projects: [a] },
          { ak: keyB.ak, sk: keyB.sk, projects: [b] },
        ],
        tokens: [
          { token: "isolation-token-a", projects: [a] },
          { token: "isolation-token-b", projects: [b] },
        ],
      },
    });
  });
  afterAll(async () => {
    await lenient?.close();
    await strict?.close();
    expect(faults).toEqual([]);
  });

  it("lenient mode: every crafted path answers 404 (or a list without B's objects), writes through them change nothing, and B's own path still works", async () => {
    const ownerA = api(lenient.url, a);
    const ownerB = api(lenient.url, b);
    const treeA = await createTree(ownerA);
    const treeB = await createTree(ownerB);
    for (const { target, list } of crossingPaths(a, b, treeB, treeA)) {
      const res = await send(lenient.url, "GET", target);
      if (list && res.status === 200) expectNoneOf(res, treeB, target);
      else {
        expect(res.status, `GET ${target}: ${res.text}`).toBe(404);
        expect(["APIGW.0101", "ELB.8904"], target).toContain(res.body.error_code);
      }
      if (list) continue;
      const body = JSON.stringify({ loadbalancer: { name: "stolen" }, listener: { name: "stolen" }, pool: { name: "stolen" }, member: { name: "stolen" }, healthmonitor: { name: "stolen" } });
      for (const method of ["PUT", "DELETE"]) {
        const w = await send(lenient.url, method, target, { headers: { "Content-Type": "application/json" }, body: method === "PUT" ? body : undefined });
        expect(w.status, `${method} ${target}: ${w.text}`).toBeGreaterThanOrEqual(400);
      }
    }
    // Batch endpoints of A's own pool, naming B's member.
    const batch = await ownerA.post(`pools/${treeA.pool.id}/members/batch-delete`, { members: [{ id: treeB.member.id }] });
    expect(ok(batch, 200, "members")[0].ret_status).toBe("not found");
    const update = await ownerA.post(`pools/${treeA.pool.id}/members/batch-update`, { members: [{ id: treeB.member.id, weight: 7 }] });
    expect(update.status).toBeGreaterThanOrEqual(400);
    // A project id smuggled into a body does not move the object: the path's project owns it.
    const smuggled = await ownerA.post("loadbalancers", { loadbalancer: { project_id: b, name: "smuggled", availability_zone_list: ["local-1a"], vpc_id: NET.vpc } });
    fails(smuggled, 400, "ELB.8902", "'project_id'", "is not the project of the request");
    expect(ok(await ownerB.get("loadbalancers"), 200, "loadbalancers").map((l: Json) => l.id)).toEqual([treeB.lb.id]);
    // B simply sees 404 for A's objects, and A's for B's.
    fails(await ownerB.get(`loadbalancers/${treeA.lb.id}`), 404, "ELB.8904");
    fails(await ownerA.get(`loadbalancers/${treeB.lb.id}`), 404, "ELB.8904");
    await expectIntact(ownerB, treeB);
    await expectIntact(ownerA, treeA);
  });

  it("strict mode: key A with a correct signature gets 403 for project B and for every spelling of it, 404 for unroutable paths, never B's objects; key B still works", async () => {
    const tokenA = api(strict.url, a, { headers: { "X-Auth-Token": "isolation-token-a" } });
    const tokenB = api(strict.url, b, { headers: { "X-Auth-Token": "isolation-token-b" } });
    const treeA = await createTree(tokenA);
    const treeB = await createTree(tokenB);
    const now = Date.now();
    const sign = (method: string, target: string, key: Key = keyA, body = "") => signRaw(strict.url, method, target, key, now, body);

    // The signing helper is right: A's own objects, through the same raw signing, are served.
    ok(await send(strict.url, "GET", `/v3/${a}/elb/loadbalancers/${treeA.lb.id}`, { noAuth: true, headers: sign("GET", `/v3/${a}/elb/loadbalancers/${treeA.lb.id}`) }), 200, "loadbalancer");
    // Correct signature, project not granted: 403 — for B itself and every list of it.
    for (const target of [`/v3/${b}/elb/loadbalancers/${treeB.lb.id}`, `/v3/${b}/elb/loadbalancers`, `/v3/${b}/elb/pools/${treeB.pool.id}/members`]) {
      fails(await send(strict.url, "GET", target, { noAuth: true, headers: sign("GET", target) }), 403, "APIGW.0302", b);
    }

    const routes = compileRoutes(engineRoutes(strict.context));
    for (const { target } of crossingPaths(a, b, treeB, treeA)) {
      const q = target.indexOf("?");
      const routed = matchRoute(routes, "GET", q < 0 ? target : target.slice(0, q));
      const res = await send(strict.url, "GET", target, { noAuth: true, headers: sign("GET", target) });
      if (!routed) fails(res, 404, "APIGW.0101");
      else if (routed.params.project_id !== a) fails(res, 403, "APIGW.0302");
      else {
        // Project A's own path: the signature passed, and B's objects are absent from it.
        expect(res.status, `GET ${target}: ${res.text}`).toBeOneOf([200, 404]);
        if (res.status === 200) expectNoneOf(res, treeB, target);
        else fails(res, 404, "ELB.8904");
      }
      const body = JSON.stringify({ loadbalancer: { name: "stolen" } });
      for (const [method, payload] of [["PUT", body], ["DELETE", ""]] as const) {
        const w = await send(strict.url, method, target, { noAuth: true, headers: sign(method, target, keyA, payload), body: payload || undefined });
        expect(w.status, `${method} ${target}: ${w.text}`).toBeGreaterThanOrEqual(400);
        expect(w.status, `${method} ${target}: a correct signature is never the reason`).not.toBe(401);
      }
    }
    // B's key is not granted a case variant or lookalike of its own project either: they are other projects.
    for (const spelling of [b.toUpperCase(), ...lookalikes(b)]) {
      const target = `/v3/${spelling}/elb/loadbalancers`;
      fails(await send(strict.url, "GET", target, { noAuth: true, headers: sign("GET", target, keyB) }), 403, "APIGW.0302");
    }
    // X-Project-Id cannot widen a key's reach either: A's key naming B in the header, on A's path.
    const signedA = signRequest({ method: "GET", url: `${strict.url}/v3/${a}/elb/loadbalancers`, headers: {}, body: undefined }, { accessKey: keyA.ak, secretKey: keyA.sk, projectId: b }, new Date(now));
    fails(await send(strict.url, "GET", `/v3/${a}/elb/loadbalancers`, { noAuth: true, headers: signedA }), 403, "APIGW.0302", b);

    await expectIntact(tokenB, treeB);
    await expectIntact(tokenA, treeA);
    expect(ok(await send(strict.url, "GET", `/v3/${b}/elb/loadbalancers`, { noAuth: true, headers: sign("GET", `/v3/${b}/elb/loadbalancers`, keyB) }), 200, "loadbalancers").map((l: Json) => l.id)).toEqual([treeB.lb.id]);
  });
});

describe("safe defaults of `elb-engine` (the CLI)", () => {
  /** Runs the built CLI to exit (or until `until` matches its stdout), with a deadline instead of sleeps. */
  function runCli(args: string[], until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string; url?: string; stop(): Promise<void> }> {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void stop();
        reject(new Error(`elb-engine did not ${until ? "start" : "exit"} within 20s: ${stdout}${stderr}`));
      }, 20_000);
      if (until) {
        child.stdout.on("data", () => {
          const m = until.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve({ code: null, stdout, stderr, url: m[1], stop });
          }
        });
      }
      void exited.then((code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, stop });
      });
    });
  }

  it("refuses to bind a non-loopback address without --credentials, including a host *name* that only starts with 127.", async () => {
    for (const host of ["0.0.0.0", "::", "127.0.0.1.example.invalid", "127.evil.example"]) {
      const run = await runCli(["--memory", "--no-data-plane", "--port", "0", "--host", host]);
      expect(run.code, host).toBe(2);
      expect(run.stderr).toContain(`refusing to bind ${host} without --credentials`);
    }
  });

  it("with --credentials it binds another address in strict mode: unsigned requests → 401, a signed one → 200", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "elb-strict-"));
    const file = path.join(dir, "creds.json");
    fs.writeFileSync(file, JSON.stringify(CREDENTIALS));
    const run = await runCli(["--memory", "--no-data-plane", "--port", "0", "--host", "0.0.0.0", "--credentials", file], /listening on (http:\/\/\S+)/);
    try {
      expect(run.stdout).toContain("mode: strict (signatures verified)");
      const url = run.url!.replace("0.0.0.0", "127.0.0.1");
      fails(await send(url, "GET", `/v3/${PA}/elb/loadbalancers`, { noAuth: true }), 401, "APIGW.0301");
      fails(await send(url, "GET", `/v3/${PA}/elb/loadbalancers`, { noAuth: true, headers: { "X-Auth-Token": "local-engine" } }), 401, "APIGW.0301");
      const c = elbClient(url, PA, { key: KEY_A });
      expect((await c.get<{ loadbalancers: unknown[] }>("/loadbalancers", { deadline: c.deadline(10_000) })).loadbalancers).toEqual([]);
    } finally {
      await run.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
