// The console's own routes (/console/api/...) over HTTP: what the engine records for it, what it
// answers, and who may see what. The page itself is tested in Chromium (test/browser).
import * as http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../provider/engine/clock";
import { API_LOG_CAPACITY } from "../../provider/engine/console/api-log";
import { SESSION_MS } from "../../provider/engine/console/sessions";
import type { CallsView, FindView, SessionView, TopologyView, TrafficView } from "../../provider/engine/console/types";
import { DEFAULT_PROJECT_ID } from "../../provider/defaults";
import { NET, testEngine, type TestEngine } from "../provider/harness/engine";

const P = DEFAULT_PROJECT_ID;
const SECRET_TOKEN = "lenient-token-d41d8cd98f00b204";

interface Reply<T = unknown> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
  text: string;
}

/** One request with full control of the headers (Host included), as the console's clients send it. */
function request<T = unknown>(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply<T>> {
  const target = new URL(path, url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: options.method ?? "GET",
        agent: false,
        headers: { ...(payload ? { "content-type": "application/json" } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: the page and its assets
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body as T, text });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** An API call with a token, as any client sends it. */
const api = (url: string, method: string, path: string, body?: unknown, token = SECRET_TOKEN, project = P) =>
  request<Record<string, unknown>>(url, `/v3/${project}/elb${path}`, { method, body, headers: { "x-auth-token": token } });

const lbBody = (name: string) => ({ loadbalancer: { name, availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateSubnetA } });

describe("console: the API log", () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await testEngine();
  });
  afterAll(() => t.close());

  it("records each API call: method, path, status, error code, latency and the caller — never the token", async () => {
    const made = await api(t.url, "POST", "/loadbalancers", lbBody("logged"));
    expect(made.status).toBe(201);
    const refused = await api(t.url, "POST", "/loadbalancers", { loadbalancer: { name: "bad", availability_zone_list: ["local-1a"], vip_subnet_cidr_id: "nope" } });
    expect(refused.status).toBe(400);
    const lost = await request(t.url, "/v3/nowhere", { headers: { "x-auth-token": SECRET_TOKEN } });
    expect(lost.status).toBe(404);
    const before = (await request<CallsView>(t.url, "/console/api/calls")).body.calls.length;
    // The console's own requests are no API calls.
    for (const route of ["topology", "traffic", "health", "session", "calls"]) expect((await request(t.url, `/console/api/${route}`)).status).toBe(200);
    const { body, text } = await request<CallsView>(t.url, "/console/api/calls");
    expect(body.calls).toHaveLength(before);
    expect(body.capacity).toBe(API_LOG_CAPACITY);
    const [noRoute, bad, ok] = body.calls;
    expect(ok).toMatchObject({ method: "POST", path: `/v3/${P}/elb/loadbalancers`, status: 201, error_code: null, project_id: P, resource: "loadbalancers", request_id: made.headers["x-request-id"] });
    expect(bad).toMatchObject({ method: "POST", status: 400, error_code: (refused.body as { error_code: string }).error_code, project_id: P });
    expect(noRoute).toMatchObject({ method: "GET", path: "/v3/nowhere", status: 404, error_code: "APIGW.0101", project_id: null, principal: null, resource: null });
    expect(ok.principal).toMatch(/^token:[0-9a-f]{12}$/);
    expect(ok.latency_ms).toBeGreaterThan(0);
    expect(Math.abs(ok.at - Date.now())).toBeLessThan(60_000);
    expect(text).not.toContain(SECRET_TOKEN);
  });

  it("filters by status (a class, errors, or one code) and by resource; a bad filter says what is allowed", async () => {
    const lb = (await api(t.url, "POST", "/loadbalancers", lbBody("filtered"))).body.loadbalancer as { id: string };
    await api(t.url, "POST", "/pools", { pool: { loadbalancer_id: lb.id, protocol: "HTTP", lb_algorithm: "NOPE" } });
    await api(t.url, "GET", `/loadbalancers/${lb.id}`);
    const calls = async (q: string) => (await request<CallsView>(t.url, `/console/api/calls?${q}`)).body.calls;
    expect((await calls("status=4xx")).every((c) => c.status! >= 400 && c.status! < 500)).toBe(true);
    expect((await calls("status=error&resource=pools")).map((c) => [c.method, c.status, c.error_code])).toEqual([["POST", 400, "ELB.8902"]]);
    expect((await calls("status=201&resource=loadbalancers")).length).toBeGreaterThanOrEqual(2);
    expect((await calls("resource=loadbalancers")).every((c) => c.path.includes("/loadbalancers"))).toBe(true);
    const bad = await request<{ error: string }>(t.url, "/console/api/calls?status=teapot");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('status "teapot" is not allowed: use 2xx, 4xx, 5xx, error or a status code such as 409');
    const badResource = await request<{ error: string }>(t.url, "/console/api/calls?resource=l7policies");
    expect(badResource.body.error).toMatch(/^resource "l7policies" is not allowed: use one of loadbalancers, listeners, pools, members/);
  });

  it(`keeps the last ${API_LOG_CAPACITY} calls and drops older ones`, async () => {
    const first = await api(t.url, "GET", "/loadbalancers?name=first");
    for (let i = 0; i < API_LOG_CAPACITY; i++) await api(t.url, "GET", `/loadbalancers?name=n${i}`);
    const { calls } = (await request<CallsView>(t.url, "/console/api/calls")).body;
    expect(calls).toHaveLength(API_LOG_CAPACITY);
    expect(calls[0].path).toBe(`/v3/${P}/elb/loadbalancers?name=n${API_LOG_CAPACITY - 1}`);
    expect(calls.at(-1)!.path).toBe(`/v3/${P}/elb/loadbalancers?name=n0`);
    expect(calls.some((c) => c.request_id === first.headers["x-request-id"])).toBe(false);
  });
});

describe("console: lenient mode", () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await testEngine();
  });
  afterAll(() => t.close());

  it("serves the page and its assets offline: only its own script and stylesheet, which exist", async () => {
    const page = await request(t.url, "/console");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((r) => !r.startsWith("data:"));
    expect(refs.sort()).toEqual(["/console/console.css", "/console/console.js"]);
    for (const ref of refs) expect((await request(t.url, ref)).status).toBe(200);
    expect((await request(t.url, "/console/")).status).toBe(200);
    expect((await request(t.url, "/console/nothing.js")).status).toBe(404);
  });

  it("answers only requests to a loopback name: another Host (a rebound DNS name) is refused", async () => {
    for (const host of ["127.0.0.1:9", "localhost", "[::1]:80", "127.8.9.10"]) {
      expect((await request(t.url, "/console/api/session", { headers: { host } })).status, host).toBe(200);
    }
    for (const host of ["evil.example", "127.0.0.1.evil.example", "10.0.0.1"]) {
      const r = await request<{ error: string }>(t.url, "/console/api/topology", { headers: { host } });
      expect(r.status, host).toBe(403);
      expect(r.body.error).toContain("only requests to a loopback address");
    }
  });

  it("shows every project, each object as the API renders it, and links to its JSON", async () => {
    const other = "aa11bb22cc33dd44ee55ff6600778899";
    const mine = (await api(t.url, "POST", "/loadbalancers", lbBody("mine"))).body.loadbalancer as { id: string };
    const theirs = (await api(t.url, "POST", "/loadbalancers", lbBody("theirs"), SECRET_TOKEN, other)).body.loadbalancer as { id: string };
    const session = (await request<SessionView>(t.url, "/console/api/session")).body;
    expect(session).toEqual({ mode: "lenient", principal: null, projects: [P, other].sort(), data_plane: false });
    const topology = (await request<TopologyView>(t.url, "/console/api/topology")).body;
    const lbs = Object.fromEntries(topology.projects.map((p) => [p.id, p.loadbalancers.map((l) => l.loadbalancer.id)]));
    expect(lbs[P]).toContain(mine.id);
    expect(lbs[other]).toEqual([theirs.id]);
    const shown = (await request<{ loadbalancer: Record<string, unknown> }>(t.url, `/console/api/objects/loadbalancer/${theirs.id}`)).body.loadbalancer;
    const fromApi = (await api(t.url, "GET", `/loadbalancers/${theirs.id}`, undefined, SECRET_TOKEN, other)).body.loadbalancer;
    expect(shown).toEqual(fromApi);
    expect((await request(t.url, `/console/api/objects/loadbalancer/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await request<{ error: string }>(t.url, `/console/api/objects/flavor/${theirs.id}`)).body.error).toContain("kinds: loadbalancer, listener, pool, member, healthmonitor");
    // With the data plane off nothing is carried or promised.
    const traffic = (await request<TrafficView>(t.url, "/console/api/traffic")).body;
    expect(traffic).toEqual({ window_seconds: 0, data_plane: false, pools: [] });
  });

  it("finds a backend by address, address and port, or member id, in every pool it is in", async () => {
    const lb1 = (await api(t.url, "POST", "/loadbalancers", lbBody("one"))).body.loadbalancer as { id: string };
    const lb2 = (await api(t.url, "POST", "/loadbalancers", lbBody("two"))).body.loadbalancer as { id: string };
    const listener = (await api(t.url, "POST", "/listeners", { listener: { loadbalancer_id: lb1.id, protocol: "HTTP", protocol_port: 80 } })).body.listener as { id: string };
    const pool1 = (await api(t.url, "POST", "/pools", { pool: { listener_id: listener.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } })).body.pool as { id: string };
    const pool2 = (await api(t.url, "POST", "/pools", { pool: { loadbalancer_id: lb2.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } })).body.pool as { id: string };
    const add = async (pool: string, port: number) =>
      ((await api(t.url, "POST", `/pools/${pool}/members`, { member: { address: "192.168.0.42", protocol_port: port, subnet_cidr_id: NET.privateSubnetA } })).body.member as { id: string }).id;
    const m1 = await add(pool1.id, 8080);
    const m2 = await add(pool2.id, 9090);
    const find = async (q: string) => (await request<FindView>(t.url, `/console/api/find?q=${encodeURIComponent(q)}`)).body;
    const byAddress = await find("192.168.0.42");
    // In API order (created_at, then id): both were made within the same second here.
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(byAddress.matches.map((m) => [m.member.id, m.pool.id, m.loadbalancer?.id, m.listeners.map((l) => l.id)]).sort(byId)).toEqual(
      [
        [m1, pool1.id, lb1.id, [listener.id]],
        [m2, pool2.id, lb2.id, []],
      ].sort(byId),
    );
    expect((await find("192.168.0.42:9090")).matches.map((m) => m.member.id)).toEqual([m2]);
    expect((await find(` ${m1} `)).matches.map((m) => m.pool.id)).toEqual([pool1.id]);
    expect((await find("192.168.0.43")).matches).toEqual([]);
    expect((await find("")).matches).toEqual([]);
  });
});

describe("console: strict mode", () => {
  const PA = "0a0a0a0a0a0a4a0a8a0a0a0a0a0a0a01";
  const PB = "0b0b0b0b0b0b4b0b8b0b0b0b0b0b0b02";
  const TOKEN_A = "team-a-token-4f1c2e9d";
  const TOKEN_B = "team-b-token-8e2d1c0b";
  const UNNAMED = "unnamed-token-5a5a5a5a";
  const AK = "TEAMAKEY000000000001";
  const SK = "team-a-secret-key-77";
  const clock = new FakeClock(Date.now());
  let t: TestEngine;
  const ids: Record<string, string> = {};

  const signIn = (body: unknown, contentType = "application/json") =>
    request<SessionView & { error?: string }>(t.url, "/console/api/session", { method: "POST", body, headers: { "content-type": contentType } });
  const cookieOf = (r: Reply) => String(r.headers["set-cookie"]?.[0]).split(";")[0];
  const as = (cookie: string, path: string) => request(t.url, path, { headers: { cookie } });

  beforeAll(async () => {
    t = await testEngine({
      clock,
      credentials: {
        accessKeys: [{ ak: AK, sk: SK, projects: [PA] }],
        tokens: [
          { token: TOKEN_A, name: "team-a", projects: [PA] },
          { token: TOKEN_B, name: "team-b", projects: [PB] },
          { token: UNNAMED, projects: [PB] },
        ],
      },
    });
    for (const [project, token] of [
      [PA, TOKEN_A],
      [PB, TOKEN_B],
    ] as const) {
      const lb = (await api(t.url, "POST", "/loadbalancers", lbBody(`lb-${project}`), token, project)).body.loadbalancer as { id: string };
      const pool = (await api(t.url, "POST", "/pools", { pool: { loadbalancer_id: lb.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } }, token, project)).body.pool as { id: string };
      const member = (await api(t.url, "POST", `/pools/${pool.id}/members`, { member: { address: "192.168.0.9", protocol_port: 80, subnet_cidr_id: NET.privateSubnetA } }, token, project)).body
        .member as { id: string };
      const monitor = (await api(t.url, "POST", "/healthmonitors", { healthmonitor: { pool_id: pool.id, type: "TCP", delay: 5, timeout: 3, max_retries: 3 } }, token, project)).body
        .healthmonitor as { id: string };
      Object.assign(ids, { [`lb${project}`]: lb.id, [`pool${project}`]: pool.id, [`member${project}`]: member.id, [`monitor${project}`]: monitor.id });
    }
    // Team A's token tries project B: refused (403), and logged in B with A's name.
    expect((await api(t.url, "GET", "/loadbalancers", undefined, TOKEN_A, PB)).status).toBe(403);
  });
  afterAll(() => t.close());

  it("every JSON route asks for a session first; the page itself loads, to show the sign-in form", async () => {
    for (const route of ["session", "topology", "traffic", "health", "calls", "find?q=192.168.0.9", `objects/loadbalancer/${ids[`lb${PA}`]}`]) {
      const r = await request<{ error: string }>(t.url, `/console/api/${route}`);
      expect(r.status, route).toBe(401);
      expect(r.body.error).toBe("sign in with a token or an access key from the engine's credentials file");
    }
    expect((await request(t.url, "/console")).status).toBe(200);
    // A made-up or stale cookie is no session.
    expect((await as("elb_console=made-up", "/console/api/topology")).status).toBe(401);
  });

  it("a token signs in with an HttpOnly cookie and sees its projects only, on every route (G4)", async () => {
    const r = await signIn({ token: TOKEN_A });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ mode: "strict", principal: "token:team-a", projects: [PA], data_plane: false });
    const cookie = r.headers["set-cookie"]![0];
    expect(cookie).toMatch(/^elb_console=[A-Za-z0-9_-]{43}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    expect(cookie).not.toContain(TOKEN_A);
    const session = cookieOf(r);
    const bodies: string[] = [];
    for (const route of ["session", "topology", "traffic", "health", "calls", "find?q=192.168.0.9"]) {
      const reply = await as(session, `/console/api/${route}`);
      expect(reply.status, route).toBe(200);
      bodies.push(reply.text);
    }
    const all = bodies.join("\n");
    for (const own of [ids[`lb${PA}`], ids[`pool${PA}`], ids[`member${PA}`], ids[`monitor${PA}`]]) expect(all).toContain(own);
    for (const foreign of [PB, ids[`lb${PB}`], ids[`pool${PB}`], ids[`member${PB}`], ids[`monitor${PB}`]]) expect(all).not.toContain(foreign);
    for (const secret of [TOKEN_A, TOKEN_B, SK]) expect(all).not.toContain(secret);
    for (const [kind, id] of [
      ["loadbalancer", ids[`lb${PB}`]],
      ["pool", ids[`pool${PB}`]],
      ["member", ids[`member${PB}`]],
      ["healthmonitor", ids[`monitor${PB}`]],
    ]) {
      const foreign = await as(session, `/console/api/objects/${kind}/${id}`);
      expect(foreign.status, kind).toBe(404);
      expect(foreign.body).toEqual({ error: `${kind} ${id} could not be found` });
    }
    expect((await as(session, `/console/api/objects/member/${ids[`member${PA}`]}`)).status).toBe(200);
    expect(((await as(session, `/console/api/find?q=${ids[`member${PB}`]}`)).body as FindView).matches).toEqual([]);
  });

  it("the API log shows a project's calls to that project's viewers only, naming the caller by key id or token name", async () => {
    const b = cookieOf(await signIn({ token: TOKEN_B }));
    const { calls } = (await as(b, "/console/api/calls")).body as CallsView;
    expect(new Set(calls.map((c) => c.project_id))).toEqual(new Set([PB]));
    expect(calls.find((c) => c.status === 403)).toMatchObject({ error_code: "APIGW.0302", principal: "token:team-a" });
    expect(calls.filter((c) => c.status === 201).every((c) => c.principal === "token:team-b")).toBe(true);
    // A token without a name is shown by a fingerprint, never by itself.
    await api(t.url, "GET", "/loadbalancers", undefined, UNNAMED, PB);
    const text = (await as(b, "/console/api/calls")).text;
    expect(text).toMatch(/"principal":"token:[0-9a-f]{12}"/);
    expect(text).not.toContain(UNNAMED);
  });

  it("an access key signs in with its secret key; wrong secret keys count toward its lockout, as wrong signatures do", async () => {
    const ok = await signIn({ access_key: AK, secret_key: SK });
    expect(ok.body).toMatchObject({ principal: `ak:${AK}`, projects: [PA] });
    for (let i = 1; i <= 4; i++) {
      const wrong = await signIn({ access_key: AK, secret_key: `guess-${i}` });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe(`Incorrect IAM authentication information: the secret key does not match ak ${AK}`);
    }
    const fifth = await signIn({ access_key: AK, secret_key: "guess-5" });
    expect(fifth.body.error).toBe(`Incorrect IAM authentication information: the secret key does not match ak ${AK}; ak ${AK} is now locked for 5 minutes after 5 consecutive failures`);
    const locked = await signIn({ access_key: AK, secret_key: SK });
    expect(locked.status).toBe(401);
    expect(locked.body.error).toMatch(/is locked for \d+ more seconds/);
    expect(JSON.stringify(locked.body)).not.toContain(SK);
    clock.advance(5 * 60 * 1000);
    expect((await signIn({ access_key: AK, secret_key: SK })).status).toBe(200);
  });

  it("refuses a malformed or cross-site sign-in, an unknown token or key; signing out ends the session", async () => {
    expect((await signIn({ token: TOKEN_A }, "text/plain")).status).toBe(415);
    expect((await signIn({ token: "not-listed" })).body.error).toBe("Incorrect IAM authentication information: the token is not valid");
    expect((await signIn({ access_key: "NOSUCHKEY", secret_key: "x" })).body.error).toBe("Incorrect IAM authentication information: ak NOSU… (9 characters) does not exist");
    expect((await signIn({ token: TOKEN_A, access_key: AK, secret_key: SK })).status).toBe(400);
    expect((await signIn("just a string")).status).toBe(400);
    const session = cookieOf(await signIn({ token: TOKEN_A }));
    const out = await request(t.url, "/console/api/session", { method: "DELETE", headers: { cookie: session } });
    expect(out.headers["set-cookie"]![0]).toContain("Max-Age=0");
    expect((await as(session, "/console/api/topology")).status).toBe(401);
  });

  it("a session ends eight hours after sign-in", async () => {
    const session = cookieOf(await signIn({ token: TOKEN_A }));
    clock.advance(SESSION_MS - 1000);
    expect((await as(session, "/console/api/session")).status).toBe(200);
    clock.advance(1000);
    expect((await as(session, "/console/api/session")).status).toBe(401);
  });
});
