// The ELB client on its own, against a scripted HTTP server: retry policy, error mapping,
// authentication headers and load balancer waits. Backoff sleeps are recorded, not slept.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ElbApiError, ElbClient, ElbTimeoutError, ElbTransportError } from "../../provider/client/http";
import { resolveSettings } from "../../provider/client/settings";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | "reset";

let server: http.Server;
let url: string;
let script: Reply[] = [];
let fallback: (req: Seen) => Reply = () => ({ status: 200, body: {} });
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c));
    req.on("end", () => {
      const s: Seen = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(s);
      const reply = script.shift() ?? fallback(s);
      if (reply === "reset") return req.socket.destroy();
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers }).end(reply.body === undefined ? "" : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  script = [];
  seen.length = 0;
  fallback = () => ({ status: 200, body: {} });
});

function client(values: Record<string, string> = {}, endpoint = url) {
  const sleeps: number[] = [];
  let now = 1_000_000;
  const c = new ElbClient(resolveSettings((k) => ({ "elb:endpoint": endpoint, "elb:projectId": "p1", ...values })[k], {}), {
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
    random: () => 0.5,
  });
  return { c, sleeps, deadline: (ms = 60_000) => c.deadline(ms) };
}

/** The error a call fails with (the test fails if it succeeds). */
async function failure<E extends Error = ElbApiError>(p: Promise<unknown>): Promise<E> {
  const outcome = await p.then(
    () => undefined,
    (e: unknown) => e as E,
  );
  if (!outcome) throw new Error("expected the call to fail");
  return outcome;
}

const apiError = (status: number, code: string, msg: string) => ({ status, body: { error_code: code, error_msg: msg, request_id: "req-1" } });

describe("retries", () => {
  it("repeats a read after 503 and a cut connection, with growing jittered pauses", async () => {
    const { c, sleeps, deadline } = client();
    script = [apiError(503, "ELB.8906", "busy"), "reset", { status: 200, body: { ok: 1 } }];
    expect(await c.get("/pools/x", { deadline: deadline() })).toEqual({ ok: 1 });
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([150, 300]);
  });

  it("repeats 429 as is, honouring Retry-After", async () => {
    const { c, sleeps, deadline } = client();
    script = [{ status: 429, body: {}, headers: { "retry-after": "3" } }, { status: 201, body: { listener: { id: "l1" } } }];
    await c.post("/listeners", { listener: {} }, { deadline: deadline() });
    expect(sleeps).toEqual([3000]);
  });

  it("does not repeat a create that may have been applied: 5xx and cut connections are ambiguous", async () => {
    const { c, deadline } = client();
    script = [apiError(500, "ELB.8906", "internal")];
    const e1 = await failure(c.post("/listeners", {}, { deadline: deadline() }));
    expect(e1).toBeInstanceOf(ElbApiError);
    expect(e1.ambiguous).toBe(true);
    script = ["reset"];
    const e2 = await failure<ElbTransportError>(c.post("/listeners", {}, { deadline: deadline() }));
    expect(e2).toBeInstanceOf(ElbTransportError);
    expect(e2.ambiguous).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it("repeats a create whose connection was refused (it never left), until the deadline", async () => {
    const { c, sleeps, deadline } = client({}, "http://127.0.0.1:1");
    const err = await failure<Error>(c.post("/listeners", {}, { deadline: deadline(2_000) }));
    expect(err).toBeInstanceOf(ElbTimeoutError);
    expect(err.message).toMatch(/Cannot reach the ELB API at http:\/\/127\.0\.0\.1:1\/v3\/p1\/elb\/listeners: ECONNREFUSED .*gave up at the 2s deadline \(elb:timeout\)/);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2_000);
    expect(sleeps.length).toBeGreaterThan(2);
  });

  it("waits out a PENDING load balancer on 409, then repeats; a 409 while ACTIVE is a real conflict", async () => {
    const { c, deadline } = client();
    const lb = (status: string) => ({ status: 200, body: { loadbalancer: { id: "lb1", provisioning_status: status } } });
    script = [apiError(409, "ELB.8907", "immutable"), lb("PENDING_UPDATE"), lb("PENDING_UPDATE"), lb("ACTIVE"), { status: 201, body: { member: { id: "m1" } } }];
    await c.post("/pools/p/members", {}, { deadline: deadline(), loadBalancer: async () => "lb1" });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      "POST /v3/p1/elb/pools/p/members",
      "GET /v3/p1/elb/loadbalancers/lb1",
      "GET /v3/p1/elb/loadbalancers/lb1",
      "GET /v3/p1/elb/loadbalancers/lb1",
      "POST /v3/p1/elb/pools/p/members",
    ]);

    seen.length = 0;
    fallback = (req) => (req.method === "GET" ? lb("ACTIVE") : apiError(409, "ELB.8907", "Listener port 80 is already used"));
    const err = await failure(c.post("/listeners", {}, { deadline: deadline(), loadBalancer: async () => "lb1" }));
    expect(err.status).toBe(409);
    expect(seen.filter((s) => s.method === "POST")).toHaveLength(3);
  });
});

describe("waiting for a load balancer", () => {
  it("polls at once, then backs off, and reports a deadline in the user's terms", async () => {
    const { c, sleeps, deadline } = client();
    fallback = () => ({ status: 200, body: { loadbalancer: { id: "lb1", provisioning_status: "PENDING_CREATE" } } });
    const err = await failure<Error>(c.waitForLoadBalancer("lb1", deadline(5_000)));
    expect(sleeps[0]).toBe(150);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(2_000);
    expect(err.message).toBe("Load balancer lb1 did not become ACTIVE within 5s (provisioning_status PENDING_CREATE); raise elb:timeout if it needs longer.");
    seen.length = 0;
    script = [{ status: 200, body: { loadbalancer: { id: "lb1", provisioning_status: "ACTIVE" } } }];
    const before = sleeps.length;
    await c.waitForLoadBalancer("lb1", deadline());
    expect(sleeps.length).toBe(before);
  });

  it("waits for a deleted load balancer to read 404", async () => {
    const { c, deadline } = client();
    script = [{ status: 200, body: { loadbalancer: { provisioning_status: "PENDING_DELETE" } } }, apiError(404, "ELB.8904", "gone")];
    expect(await c.waitForLoadBalancer("lb1", deadline(), "gone")).toBeUndefined();
    expect(seen).toHaveLength(2);
  });
});

describe("errors and authentication", () => {
  it("maps API errors to ElbApiError with code, status and request id", async () => {
    const { c, deadline } = client();
    script = [apiError(400, "ELB.8902", "Invalid input for 'weight': 101 is out of range, allowed 0-100.")];
    const err = await failure(c.put("/pools/p/members/m", { member: { weight: 101 } }, { deadline: deadline() }));
    expect(err).toMatchObject({ status: 400, code: "ELB.8902", requestId: "req-1", ambiguous: false });
    expect(err.message).toBe("Invalid input for 'weight': 101 is out of range, allowed 0-100. (ELB.8902, HTTP 400, request req-1)");
  });

  it("takes only the ELB API's own 404 for a missing object, not a wrong endpoint's", async () => {
    const { c, deadline } = client();
    script = [apiError(404, "ELB.8904", "Pool p could not be found.")];
    expect(await c.find("/pools/p", { deadline: deadline() })).toBeUndefined();
    script = [apiError(404, "APIGW.0101", "The API does not exist or has not been published.")];
    await expect(c.find("/pools/p", { deadline: deadline() })).rejects.toThrow(/APIGW\.0101/);
    script = [{ status: 404, body: undefined }];
    await expect(c.find("/pools/p", { deadline: deadline() })).rejects.toThrow(/HTTP 404 from GET \/pools\/p/);
  });

  it("keeps a gateway's non-JSON answer readable", async () => {
    const { c, deadline } = client();
    script = [{ status: 404, body: undefined }];
    const err = await failure(c.get("/nowhere", { deadline: deadline() }));
    expect(err.message).toBe("HTTP 404 from GET /nowhere (HTTP.404, HTTP 404)");
  });

  it("sends the token as X-Auth-Token, or signs with AK/SK, and never puts either in a message", async () => {
    const token = client({ "elb:token": "tok-secret" });
    script = [apiError(401, "APIGW.0301", "Incorrect IAM authentication information")];
    const e1 = await failure(token.c.get("/loadbalancers", { deadline: token.deadline() }));
    expect(seen[0].headers["x-auth-token"]).toBe("tok-secret");
    expect(e1.message).not.toContain("tok-secret");

    const aksk = client({ "elb:accessKey": "AKCLIENTTEST", "elb:secretKey": "sk-client-secret" });
    await aksk.c.post("/listeners", { listener: { name: "x" } }, { deadline: aksk.deadline() });
    const h = seen[1].headers;
    expect(h["x-auth-token"]).toBeUndefined();
    expect(h.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AKCLIENTTEST, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}$/);
    expect(h["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(JSON.stringify(seen)).not.toContain("sk-client-secret");
  });

  it("follows list pages by marker", async () => {
    const { c, deadline } = client();
    const page = (n: number, from: number) => ({ status: 200, body: { members: Array.from({ length: n }, (_, i) => ({ id: `m${from + i}` })) } });
    script = [page(2000, 0), page(3, 2000)];
    const all = await c.list("/pools/p/members", "members", { address: "10.0.0.1" }, deadline());
    expect(all).toHaveLength(2003);
    expect(seen.map((s) => s.url)).toEqual(["/v3/p1/elb/pools/p/members?address=10.0.0.1&limit=2000", "/v3/p1/elb/pools/p/members?address=10.0.0.1&limit=2000&marker=m1999"]);
  });
});
