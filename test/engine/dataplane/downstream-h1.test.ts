// The HTTP listener's own HTTP/1.1 server for clients (downstream-h1.ts), against scripted
// clients on loopback: each test writes the exact bytes a client sends and reads the exact bytes
// that come back, so framing, persistence, refusals and timeouts are seen as a client sees them.
import * as net from "node:net";
import type { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { serveHttp1, type ClientRequest, type ClientResponse, type ServeOptions } from "../../../provider/engine/dataplane/downstream-h1";
import { freePort } from "../../support/net";
import { waitFor } from "../../support/wait";

const HOST = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Seen {
  method: string;
  target: string;
  headers: string[];
  body: string | null;
}

async function readAll(body: Readable | null): Promise<string | null> {
  if (!body) return null;
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString("latin1");
}

/** What the listener does with each request; by default it answers with what it read, after reading the body. */
type Handler = (req: ClientRequest, res: ClientResponse, seen: Seen) => void | Promise<void>;

const echo: Handler = (_req, res, seen) => {
  const body = JSON.stringify(seen);
  res.writeHead(200, undefined, ["content-type", "application/json", "content-length", String(Buffer.byteLength(body))]);
  res.end(body);
};

async function server(handler: Handler = echo, options: Partial<ServeOptions> = {}) {
  const port = await freePort(HOST);
  const seen: Seen[] = [];
  const closed: string[] = [];
  const sockets = new Set<net.Socket>();
  const opts: ServeOptions = { requestTimeoutMs: () => 5_000, keepAliveMs: () => 5_000, ...options };
  const srv = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serveHttp1(socket, opts, (req, res) => {
      res.onClose(() => closed.push(req.target));
      void (async () => {
        const s: Seen = { method: req.method, target: req.target, headers: req.rawHeaders, body: null };
        seen.push(s);
        if (handler === echo) s.body = await readAll(req.body);
        await handler(req, res, s);
      })().catch(() => undefined); // a body the server gave up on rejects its reader
    });
  });
  await new Promise<void>((resolve) => srv.listen(port, HOST, resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  );
  return { port, seen, closed };
}

/** A raw client: what it has read so far, and whether the server closed the connection. */
async function client(port: number) {
  const socket = net.connect(port, HOST);
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  const state = { text: "", ended: false, socket };
  socket.on("data", (d) => (state.text += d.toString("latin1")));
  socket.on("end", () => (state.ended = true));
  socket.on("close", () => (state.ended = true));
  socket.on("error", () => undefined);
  cleanups.push(() => void socket.destroy());
  return state;
}

/** Sends `bytes` on a fresh connection and waits until the server closes it. */
async function sendAndClose(port: number, bytes: string | string[]) {
  const c = await client(port);
  for (const piece of Array.isArray(bytes) ? bytes : [bytes]) {
    c.socket.write(piece, "latin1");
    await new Promise((r) => setTimeout(r, 5));
  }
  await waitFor("the server to close the connection", () => c.ended, 3_000);
  return c.text;
}

/** The responses in `text`, framed by Content-Length or chunked (the ones this suite's servers send). */
function responses(text: string): { status: number; headers: Record<string, string>; body: string }[] {
  const out: { status: number; headers: Record<string, string>; body: string }[] = [];
  let rest = text;
  while (rest.length) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) break;
    const [statusLine, ...lines] = rest.slice(0, end).split("\r\n");
    const headers: Record<string, string> = {};
    for (const l of lines) headers[l.slice(0, l.indexOf(":")).toLowerCase()] = l.slice(l.indexOf(":") + 1).trim();
    rest = rest.slice(end + 4);
    let body = "";
    if (headers["content-length"] !== undefined) {
      body = rest.slice(0, Number(headers["content-length"]));
      rest = rest.slice(body.length);
    } else if (headers["transfer-encoding"] === "chunked") {
      for (;;) {
        const eol = rest.indexOf("\r\n");
        const size = parseInt(rest.slice(0, eol), 16);
        rest = rest.slice(eol + 2);
        if (size === 0) {
          rest = rest.slice(2);
          break;
        }
        body += rest.slice(0, size);
        rest = rest.slice(size + 2);
      }
    }
    out.push({ status: Number(statusLine.split(" ")[1]), headers, body });
  }
  return out;
}

describe("HTTP/1.1 server for listener clients", () => {
  it("reads a request, answers with the head and body, and keeps the connection for the next", async () => {
    const { port, seen } = await server();
    const c = await client(port);
    c.socket.write("GET /a?x=1 HTTP/1.1\r\nHost: vip\r\nX-Spaced:   padded value \t\r\n\r\n");
    await waitFor("the first response", () => responses(c.text).length === 1);
    c.socket.write("GET /b HTTP/1.1\r\nHost: vip\r\n\r\n");
    await waitFor("the second response", () => responses(c.text).length === 2);
    const [first, second] = responses(c.text);
    expect(first.status).toBe(200);
    expect(first.headers.connection).toBe("keep-alive");
    expect(first.headers["keep-alive"]).toBe("timeout=5");
    expect(first.headers.date).toMatch(/GMT$/);
    expect(JSON.parse(first.body)).toEqual({ method: "GET", target: "/a?x=1", headers: ["Host", "vip", "X-Spaced", "padded value"], body: null });
    expect(JSON.parse(second.body).target).toBe("/b");
    expect(c.ended).toBe(false);
    expect(seen).toHaveLength(2);
  });

  it("reads a head that arrives one byte at a time, after empty lines", async () => {
    const { port } = await server();
    const req = "\r\n\r\nPUT /slow HTTP/1.1\r\nHost: vip\r\nContent-Length: 3\r\n\r\nabc";
    const c = await client(port);
    for (const byte of req) {
      c.socket.write(byte, "latin1");
      await new Promise((r) => setImmediate(r));
    }
    await waitFor("the response", () => responses(c.text).length === 1);
    expect(JSON.parse(responses(c.text)[0].body)).toMatchObject({ method: "PUT", target: "/slow", body: "abc" });
  });

  it("answers pipelined requests in order, one at a time, and never reads a body as a request", async () => {
    const delays: Record<string, number> = { "/1": 60, "/2": 0, "/3": 20 };
    let inFlight = 0;
    let most = 0;
    const { port } = await server(async (req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const body = (await readAll(req.body)) ?? "";
      await new Promise((r) => setTimeout(r, delays[req.target] ?? 0));
      inFlight--;
      const text = `${req.target}:${body}`;
      res.writeHead(200, undefined, ["content-length", String(text.length)]);
      res.end(text);
    });
    const c = await client(port);
    const smuggled = "GET /evil HTTP/1.1\r\nHost: vip\r\n\r\n";
    c.socket.write(
      `GET /1 HTTP/1.1\r\nHost: vip\r\n\r\nPOST /2 HTTP/1.1\r\nHost: vip\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}` +
        "POST /3 HTTP/1.1\r\nHost: vip\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
    );
    await waitFor("three responses", () => responses(c.text).length === 3);
    expect(responses(c.text).map((r) => r.body)).toEqual(["/1:", `/2:${smuggled}`, "/3:hello"]);
    expect(most).toBe(1);
  });

  it("decodes a chunked body split anywhere, with extensions and trailers, and frames the next request exactly", async () => {
    const { port } = await server();
    const c = await client(port);
    const bytes = "POST /c HTTP/1.1\r\nHost: vip\r\nTransfer-Encoding: Chunked\r\n\r\n3;ext=1\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-Trailer: t\r\n\r\nGET /after HTTP/1.1\r\nHost: vip\r\n\r\n";
    for (let i = 0; i < bytes.length; i += 7) {
      c.socket.write(bytes.slice(i, i + 7), "latin1");
      await new Promise((r) => setImmediate(r));
    }
    await waitFor("two responses", () => responses(c.text).length === 2);
    const [post, after] = responses(c.text).map((r) => JSON.parse(r.body) as Seen);
    expect(post.body).toBe("abc0123456789abcdef");
    expect(after.target).toBe("/after");
  });

  it("carries a 3 MiB body to a listener that reads it slowly, byte for byte", async () => {
    const { port } = await server(async (req, res) => {
      let total = 0;
      let sum = 0;
      for await (const chunk of req.body!) {
        for (const b of chunk as Buffer) sum = (sum + b) % 65521;
        total += (chunk as Buffer).length;
        await new Promise((r) => setImmediate(r));
      }
      const text = `${total}/${sum}`;
      res.writeHead(200, undefined, ["content-length", String(text.length)]);
      res.end(text);
    });
    const body = Buffer.alloc(3 * 1024 * 1024, 0);
    for (let i = 0; i < body.length; i++) body[i] = (i * 31) % 251;
    let sum = 0;
    for (const b of body) sum = (sum + b) % 65521;
    const c = await client(port);
    c.socket.write(`POST /big HTTP/1.1\r\nHost: vip\r\nContent-Length: ${body.length}\r\n\r\n`);
    c.socket.write(body);
    await waitFor("the response", () => responses(c.text).length === 1, 10_000);
    expect(responses(c.text)[0].body).toBe(`${body.length}/${sum}`);
  });

  it("drops the rest of a body the listener answered without reading, and serves the next request", async () => {
    const { port } = await server((req, res) => {
      const text = `early ${req.target}`;
      res.writeHead(req.body ? 413 : 200, undefined, ["content-length", String(text.length)]);
      res.end(text);
    });
    const c = await client(port);
    const body = Buffer.alloc(2 * 1024 * 1024, 120);
    c.socket.write(`POST /big HTTP/1.1\r\nHost: v\r\nContent-Length: ${body.length}\r\n\r\n`);
    c.socket.write(body);
    c.socket.write("GET /next HTTP/1.1\r\nHost: v\r\n\r\n");
    await waitFor("both responses", () => responses(c.text).length === 2, 10_000);
    expect(responses(c.text).map((r) => `${r.status} ${r.body}`)).toEqual(["413 early /big", "200 early /next"]);
  });

  const refusals: [string, string, number, RegExp][] = [
    ["Transfer-Encoding with Content-Length", "POST / HTTP/1.1\r\nHost: v\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, /both Transfer-Encoding and Content-Length/],
    ["two Content-Lengths", "POST / HTTP/1.1\r\nHost: v\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400, /more than one Content-Length/],
    ["a signed Content-Length", "POST / HTTP/1.1\r\nHost: v\r\nContent-Length: +3\r\n\r\nabc", 400, /Content-Length "\+3" is not a length/],
    ["a Content-Length list", "POST / HTTP/1.1\r\nHost: v\r\nContent-Length: 3, 3\r\n\r\nabc", 400, /Content-Length "3, 3"/],
    ["a transfer coding other than chunked", "POST / HTTP/1.1\r\nHost: v\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, /"gzip, chunked" is not supported/],
    ["chunked twice over two headers", "POST / HTTP/1.1\r\nHost: v\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501, /"chunked, chunked"/],
    ["Transfer-Encoding on HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, /not allowed in an HTTP\/1.0 request/],
    ["an obs-fold line", "GET / HTTP/1.1\r\nHost: v\r\nX-A: 1\r\n  folded\r\n\r\n", 400, /obs-fold/],
    ["a space before the colon", "GET / HTTP/1.1\r\nHost : v\r\n\r\n", 400, /"Host : v" is not "name: value"/],
    ["bare LF line ends", "GET / HTTP/1.1\nHost: v\n\n", 400, /bare LF/],
    ["a bare LF inside the head", "GET / HTTP/1.1\r\nHost: v\nX: y\r\n\r\n", 400, /control byte/],
    ["a control byte in a value", "GET / HTTP/1.1\r\nHost: v\r\nX-A: a\x01b\r\n\r\n", 400, /X-A carries a control byte/],
    ["no Host on HTTP/1.1", "GET / HTTP/1.1\r\nX: y\r\n\r\n", 400, /needs a Host header/],
    ["two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, /more than one Host/],
    ["a method that is not a token", "G(T / HTTP/1.1\r\nHost: v\r\n\r\n", 400, /method "G\(T" is not a token/],
    ["a space in the target", "GET /a b HTTP/1.1\r\nHost: v\r\n\r\n", 400, /does not end in an HTTP version/],
    ["HTTP/2 prior knowledge", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, /HTTP\/2.0 is not served/],
    ["CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405, /does not tunnel/],
    ["an unknown expectation", "POST / HTTP/1.1\r\nHost: v\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\nx", 417, /Expect "200-ok" is not supported/],
    ["a head over 16 KiB", `GET / HTTP/1.1\r\nHost: v\r\nX-Big: ${"a".repeat(17 * 1024)}\r\n\r\n`, 431, /request head is larger than 16 KiB/],
    ["a bad chunk size", "POST / HTTP/1.1\r\nHost: v\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, /chunk size "zz"/],
    ["chunk data without its CRLF", "POST / HTTP/1.1\r\nHost: v\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n", 400, /not followed by CRLF/],
  ];
  for (const [what, bytes, status, why] of refusals) {
    it(`refuses ${what} with ${status}, says why, and closes`, async () => {
      const { port, seen } = await server();
      const text = await sendAndClose(port, bytes);
      const [answer, ...more] = responses(text);
      expect(answer.status).toBe(status);
      expect(answer.headers.connection).toBe("close");
      expect(answer.body).toMatch(why);
      expect(more).toEqual([]);
      // Refused at the head, the listener never saw it (a body fault comes after the head, and the exchange is given up).
      if (!/chunk/.test(what)) expect(seen).toEqual([]);
    });
  }

  it("gives up the exchange when the body turns out malformed before the listener answered", async () => {
    const { port, closed } = await server(() => undefined);
    const text = await sendAndClose(port, ["POST /broken HTTP/1.1\r\nHost: v\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n", "nope\r\n"]);
    expect(responses(text).map((r) => r.status)).toEqual([400]);
    expect(closed).toEqual(["/broken"]);
  });

  it("answers Expect: 100-continue before reading the body, and only when there is one", async () => {
    const { port } = await server();
    const c = await client(port);
    c.socket.write("POST /e HTTP/1.1\r\nHost: v\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n");
    await waitFor("100 Continue", () => c.text.startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    c.socket.write("hi");
    await waitFor("the final response", () => c.text.includes('"body":"hi"'));
    const d = await client(port);
    d.socket.write("GET /e HTTP/1.1\r\nHost: v\r\nExpect: 100-continue\r\n\r\n");
    await waitFor("the response", () => responses(d.text).length === 1);
    expect(d.text.startsWith("HTTP/1.1 200 ")).toBe(true);
  });

  it("closes after the response for Connection: close, HTTP/1.0 without keep-alive, and keepalive_timeout 0", async () => {
    const { port } = await server();
    for (const req of ["GET / HTTP/1.1\r\nHost: v\r\nConnection: close\r\n\r\n", "GET / HTTP/1.0\r\n\r\n"]) {
      const [r] = responses(await sendAndClose(port, req));
      expect([r.status, r.headers.connection]).toEqual([200, "close"]);
    }
    const keep = await client(port);
    keep.socket.write("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    await waitFor("the response", () => responses(keep.text).length === 1);
    expect(responses(keep.text)[0].headers.connection).toBe("keep-alive");
    expect(keep.ended).toBe(false);
    const never = await server(echo, { keepAliveMs: () => 0 });
    const [r] = responses(await sendAndClose(never.port, "GET / HTTP/1.1\r\nHost: v\r\n\r\n"));
    expect(r.headers.connection).toBe("close");
  });

  it("chunks a response without a length to HTTP/1.1, closes it for HTTP/1.0, and sends no body for HEAD", async () => {
    const streaming: Handler = (_req, res) => {
      res.writeHead(200, "Fine", ["content-type", "text/plain", "date", "Thu, 01 Jan 2026 00:00:00 GMT"]);
      res.write(Buffer.from("part1-"));
      setTimeout(() => {
        res.write(Buffer.from("part2"));
        res.end();
      }, 10);
    };
    const { port } = await server(streaming);
    const c = await client(port);
    c.socket.write("GET / HTTP/1.1\r\nHost: v\r\n\r\n");
    await waitFor("the last chunk", () => c.text.endsWith("0\r\n\r\n"));
    const [r] = responses(c.text);
    expect(c.text.startsWith("HTTP/1.1 200 Fine\r\n")).toBe(true);
    expect([r.headers["transfer-encoding"], r.body, r.headers.date]).toEqual(["chunked", "part1-part2", "Thu, 01 Jan 2026 00:00:00 GMT"]);
    expect(c.text.match(/\r\ndate:/gi)).toHaveLength(1);

    const old = await sendAndClose(port, "GET / HTTP/1.0\r\n\r\n");
    expect(old).toMatch(/\r\nConnection: close\r\n\r\npart1-part2$/);
    expect(old).not.toMatch(/transfer-encoding/i);

    const head = await client(port);
    head.socket.write("HEAD / HTTP/1.1\r\nHost: v\r\n\r\nGET /next HTTP/1.1\r\nHost: v\r\n\r\n");
    await waitFor("both responses", () => (head.text.match(/HTTP\/1\.1 200/g) ?? []).length === 2 && head.text.endsWith("0\r\n\r\n"));
    const headAnswer = head.text.slice(0, head.text.indexOf("\r\n\r\n") + 4);
    expect(headAnswer).not.toMatch(/transfer-encoding/i);
    expect(head.text.slice(headAnswer.length).startsWith("HTTP/1.1 200 Fine")).toBe(true);
  });

  it("answers 408 to a request left unfinished for client_timeout, and quietly closes an idle connection after keepalive_timeout", async () => {
    const { port, seen } = await server(echo, { requestTimeoutMs: () => 150, keepAliveMs: () => 300 });
    const partial = await sendAndClose(port, "GET / HTTP/1.1\r\nHost:");
    expect(responses(partial)[0].status).toBe(408);
    expect(responses(partial)[0].body).toMatch(/client_timeout \(0.15 s without a byte\)/);
    const body = await sendAndClose(port, "POST / HTTP/1.1\r\nHost: v\r\nContent-Length: 10\r\n\r\nabc");
    expect(responses(body)[0].status).toBe(408);

    const idle = await client(port);
    idle.socket.write("GET /once HTTP/1.1\r\nHost: v\r\n\r\n");
    await waitFor("the response", () => responses(idle.text).length === 1);
    const answered = Date.now();
    await waitFor("the idle close", () => idle.ended, 3_000);
    // The keep-alive timeout (300 ms), not the request timeout (150 ms), and nothing written.
    expect(Date.now() - answered).toBeGreaterThanOrEqual(250);
    expect(responses(idle.text)).toHaveLength(1);
    expect(seen.map((s) => s.target)).toEqual(["/", "/once"]);
  });

  it("answers 408 to a head sent a byte at a time for longer than client_timeout, though no pause is that long", async () => {
    const { port, seen } = await server(echo, { requestTimeoutMs: () => 300 });
    const c = await client(port);
    for (const byte of "GET /drip HTTP/1.1\r\nHost: v\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n") {
      if (c.ended) break;
      c.socket.write(byte);
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor("the server to close", () => c.ended, 3_000);
    expect(responses(c.text)[0].status).toBe(408);
    expect(responses(c.text)[0].body).toMatch(/request head was not complete within client_timeout \(0.3 s\)/);
    expect(seen).toEqual([]);
  });

  it("tells the listener when the client goes away before the response ends", async () => {
    const { port, closed } = await server((_req, res) => {
      res.writeHead(200, undefined, ["content-length", "100"]);
      res.write(Buffer.from("partial"));
    });
    const c = await client(port);
    c.socket.write("GET /gone HTTP/1.1\r\nHost: v\r\n\r\n");
    await waitFor("the first bytes", () => c.text.includes("partial"));
    c.socket.resetAndDestroy();
    await waitFor("the close to reach the listener", () => closed.length === 1);
    expect(closed).toEqual(["/gone"]);
  });

  it("answers every request a client sent before half-closing, then closes", async () => {
    const { port } = await server(async (req, res, seen) => {
      await new Promise((r) => setTimeout(r, 30));
      echo(req, res, seen);
    });
    const c = await client(port);
    c.socket.end("GET /half HTTP/1.1\r\nHost: v\r\n\r\nGET /second HTTP/1.1\r\nHost: v\r\n\r\n");
    await waitFor("the server to close", () => c.ended);
    expect(responses(c.text).map((r) => (JSON.parse(r.body) as Seen).target)).toEqual(["/half", "/second"]);
  });
});
