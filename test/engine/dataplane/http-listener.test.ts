import * as http from "node:http";
import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock, systemClock, type Clock } from "../../../provider/engine/clock";
import { DataPlane } from "../../../provider/engine/dataplane";
import { lb, listener, member, pool } from "../../unit/dataplane/fixtures";
import { empty, get, tally, TestSource, type TestConfig } from "./helpers";
import { startBackend, type Backend } from "../../support/backend";
import { freePort } from "../../support/net";
import { waitFor } from "../../support/wait";

const VIP = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function backends(...names: string[]): Promise<Backend[]> {
  const out = await Promise.all(names.map((n) => startBackend(n)));
  for (const b of out) cleanups.push(() => b.stop());
  return out;
}

/** An HTTP listener on a free loopback port in front of pool p1 with the given members. */
async function httpSetup(members: TestConfig["members"], extra: Partial<TestConfig> = {}, clock: Clock = systemClock) {
  const port = await freePort(VIP);
  const source = new TestSource({
    ...empty(),
    loadbalancers: [lb("lb1", VIP)],
    listeners: [listener("l1", "lb1", "HTTP", port, "p1")],
    pools: [pool("p1")],
    members,
    ...extra,
  });
  const dp = new DataPlane({ clock, source });
  cleanups.push(() => dp.close());
  await dp.start();
  expect(dp.listenerStatus("l1")).toEqual({ carrying: true });
  return { port, source, dp };
}

describe("HTTP listener", () => {
  it("D2: weights 3:2:1 get exactly 300/200/100 of 600 sequential requests on one keep-alive connection", async () => {
    const [a, b, c] = await backends("a", "b", "c");
    const { port, dp } = await httpSetup([member("ma", "p1", a.port, 3), member("mb", "p1", b.port, 2), member("mc", "p1", c.port, 1)]);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    expect(await tally(VIP, port, 600, agent)).toEqual({ a: 300, b: 200, c: 100 });
    const counters = dp.counters().members;
    expect([counters.ma.requests, counters.mb.requests, counters.mc.requests]).toEqual([300, 200, 100]);
    expect([counters.ma.active, counters.mb.active, counters.mc.active]).toEqual([0, 0, 0]);
    // Upstream keep-alive: 300 requests to a member reuse a handful of connections, not 300.
    expect(counters.ma.connections).toBeGreaterThan(0);
    expect(counters.ma.connections).toBeLessThanOrEqual(3);
  });

  it("D7: the member sees X-Forwarded-For and no hop-by-hop headers; with insert_headers it sees the switched-on headers and only those", async () => {
    const [a] = await backends("a");
    const { port, source, dp } = await httpSetup([member("ma", "p1", a.port)]);
    const r = await get(VIP, port, { headers: { "x-private": "1", connection: "x-private", "keep-alive": "timeout=9", "x-forwarded-for": "10.9.9.9", "x-forwarded-proto": "https" } });
    expect(r.status).toBe(200);
    expect(a.last).toMatchObject({ "x-forwarded-for": "10.9.9.9, 127.0.0.1", "x-forwarded-proto": "https" });
    for (const h of ["x-private", "keep-alive", "x-forwarded-port", "x-real-ip", "x-forwarded-elb-id"]) expect(a.last?.[h]).toBeUndefined();

    source.change((cfg) => {
      cfg.listeners[0].insert_headers = { "X-Real-IP": true, "X-Forwarded-Port": true, "X-Forwarded-Proto": true, "X-Forwarded-ELB-ID": true, "X-Forwarded-For-Processing-Mode": "remove" };
    });
    await dp.settled();
    await get(VIP, port, { headers: { "x-forwarded-for": "10.9.9.9", "x-forwarded-proto": "https", host: "shop.example" }, localAddress: "127.0.0.7" });
    expect(a.last).toMatchObject({ "x-real-ip": "127.0.0.7", "x-forwarded-port": String(port), "x-forwarded-proto": "http", "x-forwarded-elb-id": "lb1", host: "shop.example" });
    for (const h of ["x-forwarded-for", "x-forwarded-host", "x-forwarded-for-port", "x-forwarded-elb-ip"]) expect(a.last?.[h]).toBeUndefined();
  });

  it("D2: a weight change through the source takes the member out of new requests within a second", async () => {
    const [a, b] = await backends("a", "b");
    const { port, source } = await httpSetup([member("ma", "p1", a.port), member("mb", "p1", b.port)]);
    expect(await tally(VIP, port, 10)).toEqual({ a: 5, b: 5 });
    source.change((cfg) => (cfg.members.find((m) => m.id === "mb")!.weight = 0));
    const waited = await waitFor("member b to leave rotation", async () => (await tally(VIP, port, 4)).a === 4, 1000);
    expect(waited).toBeLessThan(1000);
    const before = b.hits;
    expect(await tally(VIP, port, 20)).toEqual({ a: 20 });
    expect(b.hits).toBe(before);
  });

  it("D2: a pool with no eligible member answers 503, and a listener without a default pool too", async () => {
    const [a] = await backends("a");
    const { port, source, dp } = await httpSetup([member("ma", "p1", a.port, 0)]);
    const r = await get(VIP, port);
    expect(r.status).toBe(503);
    expect(r.body).toContain("no member of pool p1 can take traffic");
    expect(a.hits).toBe(0);
    source.change((cfg) => (cfg.listeners[0].default_pool_id = null));
    await dp.settled();
    expect(dp.listenerStatus("l1")).toEqual({ carrying: true, reason: "the listener has no default pool: requests are answered 503" });
    expect((await get(VIP, port)).status).toBe(503);
  });

  it("a request that could be framed two ways never reaches a member: 400 naming it, and the connection closed", async () => {
    const [a] = await backends("a");
    const { port } = await httpSetup([member("ma", "p1", a.port)]);
    const smuggled = "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n";
    const socket = net.connect(port, VIP);
    let text = "";
    let closed = false;
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("close", () => (closed = true));
    socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${smuggled.length + 5}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`);
    await waitFor("the listener to close the connection", () => closed, 3000);
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*connection: close\r\n\r\n400 Bad Request: the request has both Transfer-Encoding and Content-Length\n$/);
    expect(a.hits).toBe(0);
  });

  it("D2: a member that refuses the connection gives 502", async () => {
    const closed = await freePort();
    const { port, dp } = await httpSetup([member("ma", "p1", closed)]);
    const r = await get(VIP, port);
    expect(r.status).toBe(502);
    expect(r.body).toContain(`member 127.0.0.1:${closed} refused the connection`);
    expect(dp.counters().members.ma).toEqual({ requests: 1, connections: 1, active: 0 });
  });

  it("D2: a member that answers what HTTP/1.1 does not allow gives 502 saying what was wrong; a chunked answer is forwarded whole", async () => {
    // A member speaking raw bytes: a chunked answer on /chunked, a malformed head otherwise.
    const raw = net.createServer((socket) => {
      socket.on("error", () => undefined);
      socket.once("data", (d) => {
        if (d.toString("latin1").startsWith("GET /chunked ")) {
          socket.write("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nx-member: raw\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        } else socket.write("HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab");
      });
    });
    const rawPort = await freePort();
    await new Promise<void>((resolve) => raw.listen(rawPort, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => raw.close(() => resolve())));
    const { port } = await httpSetup([member("ma", "p1", rawPort)]);
    const bad = await get(VIP, port);
    expect(bad.status).toBe(502);
    expect(bad.body).toContain(`member 127.0.0.1:${rawPort} broke HTTP/1.1 (the member sent Content-Length "2", which is not one length)`);
    const chunked = await get(VIP, port, { path: "/chunked" });
    expect(chunked).toMatchObject({ status: 200, body: "abcde" });
    expect(chunked.headers["x-member"]).toBe("raw");
  });

  it("forwards request bodies: with a Content-Length as it came, without one chunked, large ones whole", async () => {
    // The member answers with how the body was framed and what it held.
    const echo = await startBackend("echo", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const framing = req.headers["content-length"] !== undefined ? `length ${req.headers["content-length"]}` : `te ${req.headers["transfer-encoding"]}`;
        res.end(`${req.method} ${framing} ${body.length} ${body.subarray(0, 11).toString()}`);
      });
    });
    cleanups.push(() => echo.stop());
    const { port } = await httpSetup([member("ma", "p1", echo.port)]);
    const send = (headers: http.OutgoingHttpHeaders, parts: (string | Buffer)[]) =>
      new Promise<string>((resolve, reject) => {
        const req = http.request({ host: VIP, port, method: "POST", path: "/", agent: false, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(`${res.statusCode} ${Buffer.concat(chunks).toString()}`));
        });
        req.on("error", reject);
        for (const p of parts) req.write(p);
        req.end();
      });
    expect(await send({ "content-length": 11 }, ["hello ", "world"])).toBe("200 POST length 11 11 hello world");
    expect(await send({ "transfer-encoding": "chunked" }, ["hello ", "world"])).toBe("200 POST te chunked 11 hello world");
    const big = Buffer.alloc(3 * 1024 * 1024, "x");
    expect(await send({ "content-length": big.length }, [big])).toBe(`200 POST length ${big.length} ${big.length} xxxxxxxxxxx`);
  });

  it("D2: a member that does not answer within member_timeout gives 504 (timed on the Clock)", async () => {
    const clock = new FakeClock();
    const silent = await startBackend("silent", () => undefined); // never responds
    cleanups.push(() => silent.stop());
    const port = await freePort(VIP);
    const source = new TestSource({
      ...empty(),
      loadbalancers: [lb("lb1", VIP)],
      listeners: [listener("l1", "lb1", "HTTP", port, "p1", { member_timeout: 3 })],
      pools: [pool("p1")],
      members: [member("ma", "p1", silent.port)],
    });
    const dp = new DataPlane({ clock, source });
    cleanups.push(() => dp.close());
    await dp.start();
    const reply = get(VIP, port);
    await waitFor("the member to receive the request", () => silent.hits === 1, 2000);
    clock.advance(2999);
    expect(dp.counters().members.ma.active).toBe(1);
    clock.advance(1);
    const r = await reply;
    expect(r.status).toBe(504);
    expect(r.body).toContain("did not answer within 3 s (member_timeout)");
    expect(dp.counters().members.ma.active).toBe(0);
  });

  it("D5: HTTP_COOKIE inserts ELB_STICKY and the cookie pins the client; the member never sees it", async () => {
    const [a, b] = await backends("a", "b");
    const { port } = await httpSetup([member("ma", "p1", a.port), member("mb", "p1", b.port)], {
      pools: [pool("p1", { session_persistence: { type: "HTTP_COOKIE", cookie_name: null, persistence_timeout: 10 } })],
    });
    const first = await get(VIP, port);
    const setCookie = first.headers["set-cookie"]?.[0] ?? "";
    expect(setCookie).toMatch(/^ELB_STICKY=[\w-]+; Path=\/; HttpOnly$/);
    const cookie = setCookie.split(";")[0];
    const again = await Promise.all(Array.from({ length: 10 }, () => get(VIP, port, { headers: { cookie: `${cookie}; app=1` } })));
    expect(new Set(again.map((r) => r.body))).toEqual(new Set([first.body]));
    expect(again.every((r) => r.headers["set-cookie"] === undefined)).toBe(true);
    const pinned = first.body === "a" ? a : b;
    expect(pinned.last?.cookie).toBe("app=1");
    // Without the cookie, round robin moves on.
    expect(new Set((await Promise.all([get(VIP, port), get(VIP, port)])).map((r) => r.body))).toEqual(new Set(["a", "b"]));
  });

  it("D5: APP_COOKIE pins the application's session to the member that issued it", async () => {
    const issue = (name: string) => async () => {
      const b = await startBackend(name, (req, res, self) => {
        if (!req.headers.cookie?.includes("SID=")) res.setHeader("set-cookie", `SID=${self.name}-${self.hits}; Path=/`);
        res.end(self.name);
      });
      cleanups.push(() => b.stop());
      return b;
    };
    const a = await issue("a")();
    const b = await issue("b")();
    const { port } = await httpSetup([member("ma", "p1", a.port), member("mb", "p1", b.port)], {
      pools: [pool("p1", { session_persistence: { type: "APP_COOKIE", cookie_name: "SID", persistence_timeout: null } })],
    });
    const first = await get(VIP, port);
    const sid = (first.headers["set-cookie"]?.[0] ?? "").split(";")[0];
    expect(sid).toMatch(/^SID=/);
    const bodies = [];
    for (let i = 0; i < 6; i++) bodies.push((await get(VIP, port, { headers: { cookie: sid } })).body);
    expect(bodies).toEqual(Array(6).fill(first.body));
  });
});
