// Listener and pool settings that change what traffic does (D6-D11), each shown with real
// connections on loopback: connection draining, forwarded headers, the client's address at
// layer 4 (transparent client IP, PROXY protocol), the connection limit, gzip and idle timeouts.
import * as http from "node:http";
import * as net from "node:net";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock, systemClock, type Clock } from "../../../provider/engine/clock";
import { DataPlane } from "../../../provider/engine/dataplane";
import type { ListenerConfig, PoolConfig } from "../../../provider/engine/dataplane/types";
import { lb, listener, member, pool } from "../../unit/dataplane/fixtures";
import { empty, TestSource, type TestConfig } from "./helpers";
import { startBackend } from "../../support/backend";
import { freePort } from "../../support/net";
import { waitFor } from "../../support/wait";

const VIP = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Held {
  port: number;
  /** Every connection the backend accepted, with the first bytes it received. */
  accepted: { socket: net.Socket; remoteAddress: string; received: string }[];
}

/** A TCP backend that keeps each connection open and echoes what it receives. */
async function holdingBackend(): Promise<Held> {
  const held: Held = { port: 0, accepted: [] };
  const server = net.createServer((socket) => {
    const entry = { socket, remoteAddress: socket.remoteAddress ?? "", received: "" };
    held.accepted.push(entry);
    socket.on("data", (d) => {
      entry.received += d.toString("latin1");
      socket.write(d);
    });
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  held.port = (server.address() as net.AddressInfo).port;
  cleanups.push(async () => {
    for (const a of held.accepted) a.socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return held;
}

async function setup(config: Partial<TestConfig> & { listener: Partial<ListenerConfig>; pool?: Partial<PoolConfig>; protocol: "TCP" | "HTTP" }, clock: Clock = systemClock) {
  const port = await freePort(VIP);
  const source = new TestSource({
    ...empty(),
    loadbalancers: [lb("lb1", VIP)],
    listeners: [listener("l1", "lb1", config.protocol, port, "p1", config.listener)],
    pools: [pool("p1", { protocol: config.protocol, ...config.pool })],
    members: config.members ?? [],
  });
  const dp = new DataPlane({ clock, source });
  cleanups.push(() => dp.close());
  await dp.start();
  expect(dp.listenerStatus("l1")).toEqual({ carrying: true });
  return { port, source, dp };
}

/** A client connection that records what it receives and whether it was closed. */
async function open(port: number, localAddress = "127.0.0.1") {
  const socket = net.connect({ host: VIP, port, localAddress });
  const state = { socket, received: "", closed: false };
  socket.on("data", (d) => (state.received += d.toString()));
  socket.on("error", () => undefined);
  socket.on("close", () => (state.closed = true));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("error", reject);
  });
  cleanups.push(() => void socket.destroy());
  return state;
}

/** Sends `text` and waits for its echo. */
async function roundTrip(c: Awaited<ReturnType<typeof open>>, text: string): Promise<void> {
  const before = c.received.length;
  c.socket.write(text);
  await waitFor(`echo of ${text}`, () => c.received.length >= before + text.length, 2000);
}

describe("listener and pool traffic settings", () => {
  for (const how of ["removed", "set to weight 0"] as const) {
    it(`D6: with connection_drain, a member ${how} keeps its open connections for the drain timeout, then they are closed`, async () => {
      const clock = new FakeClock();
      const backend = await holdingBackend();
      const { port, source, dp } = await setup(
        { protocol: "TCP", listener: {}, pool: { connection_drain: { enable: true, timeout: 10 } }, members: [member("m1", "p1", backend.port)] },
        clock,
      );
      const c = await open(port);
      await roundTrip(c, "a");
      source.change((cfg) => {
        if (how === "removed") cfg.members = [];
        else cfg.members[0].weight = 0;
      });
      await dp.settled();
      // Draining: the open connection still carries traffic.
      await roundTrip(c, "b");
      clock.advance(9_999);
      await roundTrip(c, "c");
      expect(c.closed).toBe(false);
      clock.advance(1);
      await waitFor("the drained connection to close", () => c.closed, 2000);
      expect(c.received).toBe("abc");
    });
  }

  it("D6: without connection_drain a removed member's open connection stays until idle", async () => {
    const clock = new FakeClock();
    const backend = await holdingBackend();
    const { port, source, dp } = await setup({ protocol: "TCP", listener: {}, members: [member("m1", "p1", backend.port)] }, clock);
    const c = await open(port);
    await roundTrip(c, "a");
    source.change((cfg) => (cfg.members = []));
    await dp.settled();
    clock.advance(4_000_000);
    await roundTrip(c, "b");
    expect(c.closed).toBe(false);
  });

  it("D6: a member back to weight > 0 before its drain ends keeps its connections", async () => {
    const clock = new FakeClock();
    const backend = await holdingBackend();
    const { port, source, dp } = await setup(
      { protocol: "TCP", listener: {}, pool: { connection_drain: { enable: true, timeout: 10 } }, members: [member("m1", "p1", backend.port)] },
      clock,
    );
    const c = await open(port);
    await roundTrip(c, "a");
    source.change((cfg) => (cfg.members[0].weight = 0));
    await dp.settled();
    source.change((cfg) => (cfg.members[0].weight = 1));
    await dp.settled();
    clock.advance(20_000);
    await roundTrip(c, "b");
    expect(c.closed).toBe(false);
  });

  it("D8: a TCP listener connects to the member from the client's own address (transparent client IP), except for an IP backend", async () => {
    const backend = await holdingBackend();
    const { port, source, dp } = await setup({ protocol: "TCP", listener: { transparent_client_ip_enable: true }, members: [member("m1", "p1", backend.port)] });
    const c = await open(port, "127.0.0.9");
    await roundTrip(c, "a");
    expect(backend.accepted.map((a) => a.remoteAddress)).toEqual(["127.0.0.9"]);
    source.change((cfg) => (cfg.members[0].member_type = "ip"));
    await dp.settled();
    const d = await open(port, "127.0.0.9");
    await roundTrip(d, "b");
    expect(backend.accepted[1].remoteAddress).not.toBe("127.0.0.9");
  });

  it("D8: with proxy_protocol_enable the member first receives a PROXY protocol v1 line with the client's and the listener's addresses", async () => {
    const backend = await holdingBackend();
    const { port, source, dp } = await setup({ protocol: "TCP", listener: { proxy_protocol_enable: true }, members: [member("m1", "p1", backend.port)] });
    const c = await open(port, "127.0.0.9");
    await roundTrip(c, "ping");
    const clientPort = c.socket.localPort;
    expect(backend.accepted[0].received).toBe(`PROXY TCP4 127.0.0.9 ${VIP} ${clientPort} ${port}\r\nping`);
    // The client only ever sees its own bytes back.
    expect(c.received).toBe(`PROXY TCP4 127.0.0.9 ${VIP} ${clientPort} ${port}\r\nping`);
    source.change((cfg) => (cfg.listeners[0].proxy_protocol_enable = false));
    await dp.settled();
    const d = await open(port);
    await roundTrip(d, "pong");
    expect(backend.accepted[1].received).toBe("pong");
  });

  it("D9: a TCP listener at its `connection` cap refuses the next connection until one closes", async () => {
    const backend = await holdingBackend();
    const { port } = await setup({ protocol: "TCP", listener: { connection: 2 }, members: [member("m1", "p1", backend.port)] });
    const a = await open(port);
    const b = await open(port);
    await roundTrip(a, "a");
    await roundTrip(b, "b");
    const refused = await open(port);
    refused.socket.write("c");
    await waitFor("the third connection to be closed", () => refused.closed, 2000);
    expect(backend.accepted).toHaveLength(2);
    a.socket.destroy();
    await waitFor("the listener to count the closed connection", () => a.closed, 2000);
    await new Promise((r) => setTimeout(r, 50));
    const next = await open(port);
    await roundTrip(next, "d");
    expect(backend.accepted).toHaveLength(3);
  });

  it("D9: an HTTP listener at its `connection` cap closes the next connection without an answer", async () => {
    const web = await startBackend("a");
    cleanups.push(() => web.stop());
    const { port } = await setup({ protocol: "HTTP", listener: { connection: 1 }, members: [member("m1", "p1", web.port)] });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    const request = (a: http.Agent | false) =>
      new Promise<string>((resolve) => {
        const req = http.get({ host: VIP, port, agent: a }, (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve(`${res.statusCode} ${body}`));
        });
        req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      });
    expect(await request(agent)).toBe("200 a");
    // The agent's keep-alive connection is the one the listener allows.
    expect(await request(false)).toMatch(/ECONNRESET|socket hang up/);
    expect(await request(agent)).toBe("200 a");
    expect(web.hits).toBe(2);
  });

  it("D10: with gzip_enable a JSON response is compressed for a client that accepts gzip, and only then", async () => {
    const body = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item-${i}` })) });
    const web = await startBackend("json", (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(body);
    });
    cleanups.push(() => web.stop());
    const { port, source, dp } = await setup({ protocol: "HTTP", listener: { gzip_enable: true }, members: [member("m1", "p1", web.port)] });
    const fetchRaw = (headers: http.OutgoingHttpHeaders) =>
      new Promise<{ headers: http.IncomingHttpHeaders; raw: Buffer }>((resolve, reject) => {
        http
          .get({ host: VIP, port, agent: false, headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (d: Buffer) => chunks.push(d));
            res.on("end", () => resolve({ headers: res.headers, raw: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
    const zipped = await fetchRaw({ "accept-encoding": "gzip, deflate" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["content-length"]).toBeUndefined();
    expect(zipped.raw.length).toBeLessThan(body.length / 2);
    expect(gunzipSync(zipped.raw).toString()).toBe(body);
    const plain = await fetchRaw({});
    expect([plain.headers["content-encoding"], plain.raw.toString()]).toEqual([undefined, body]);
    source.change((cfg) => (cfg.listeners[0].gzip_enable = false));
    await dp.settled();
    const off = await fetchRaw({ "accept-encoding": "gzip" });
    expect([off.headers["content-encoding"], off.raw.toString()]).toEqual([undefined, body]);
  });

  it("D11: an HTTP listener closes a keep-alive connection idle for keepalive_timeout", async () => {
    const web = await startBackend("a");
    cleanups.push(() => web.stop());
    const { port } = await setup({ protocol: "HTTP", listener: { keepalive_timeout: 1 }, members: [member("m1", "p1", web.port)] });
    const c = await open(port);
    c.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    await waitFor("the answer", () => c.received.endsWith("a"), 2000);
    const answered = Date.now();
    await waitFor("the idle connection to be closed", () => c.closed, 3000);
    expect(Date.now() - answered).toBeGreaterThanOrEqual(900);
  });

  it("D11: an HTTP listener answers 408 to a client that leaves its request unfinished for client_timeout, and the member never sees it", async () => {
    const web = await startBackend("a");
    cleanups.push(() => web.stop());
    const { port } = await setup({ protocol: "HTTP", listener: { client_timeout: 1 }, members: [member("m1", "p1", web.port)] });
    const c = await open(port);
    c.socket.write("GET / HTTP/1.1\r\nHost: x\r\nX-Half:");
    const sent = Date.now();
    await waitFor("the listener to give up on the request", () => c.closed, 3000);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(900);
    expect(c.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*connection: close[\s\S]*client_timeout \(1 s without a byte\)/);
    expect(web.hits).toBe(0);
  });
});
