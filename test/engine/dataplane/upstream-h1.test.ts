// The HTTP listener's own keep-alive client for members (upstream-h1.ts), against scripted
// members on loopback: each test writes the exact bytes a member answers, so framing, reuse and
// every protocol error are seen as the client sees them.
import * as net from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { UpstreamConnections, type UpstreamHandler, type UpstreamRequest } from "../../../provider/engine/dataplane/upstream-h1";
import { freePort } from "../../support/net";
import { waitFor } from "../../support/wait";

const HOST = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** One request as the member read it. */
interface Received {
  head: string;
  body: Buffer;
  socket: net.Socket;
  /** Which connection (1, 2, …) it came on. */
  connection: number;
}

/**
 * A member that answers each request it reads with `answer(request)`: bytes written as they are
 * given (an array is written piece by piece, a tick apart). A request body is read by
 * Content-Length, or up to the chunked terminator.
 */
async function member(answer: (r: Received) => string | Buffer | (string | Buffer)[] | undefined) {
  const port = await freePort(HOST);
  const received: Received[] = [];
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const connection = ++connections;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    let buf = Buffer.alloc(0);
    socket.on("data", async (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buf.subarray(0, end).toString("latin1");
        const length = /\r\ncontent-length: (\d+)/i.exec(head);
        let bodyEnd = end + 4;
        if (length) bodyEnd += Number(length[1]);
        else if (/\r\ntransfer-encoding: chunked/i.test(head)) {
          const term = buf.indexOf("0\r\n\r\n", end + 4);
          if (term < 0) return;
          bodyEnd = term + 5;
        }
        if (buf.length < bodyEnd) return;
        const r: Received = { head, body: buf.subarray(end + 4, bodyEnd), socket, connection };
        buf = buf.subarray(bodyEnd);
        received.push(r);
        const out = answer(r);
        for (const piece of Array.isArray(out) ? out : out === undefined ? [] : [out]) {
          socket.write(piece);
          if (Array.isArray(out)) await new Promise((res) => setImmediate(res));
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, HOST, resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { port, received, connections: () => connections };
}

interface Outcome {
  status?: number;
  statusText?: string;
  headers?: string[];
  body: Buffer;
  error?: Error & { code?: string };
  completed: boolean;
  dataCalls: number;
}

/** Sends one request and resolves when it completes or fails. */
function send(up: UpstreamConnections, request: Partial<UpstreamRequest> = {}, hooks: Partial<UpstreamHandler> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const out: Outcome = { body: Buffer.alloc(0), completed: false, dataCalls: 0 };
    const handler: UpstreamHandler = {
      onConnect: (abort) => hooks.onConnect?.(abort),
      onHeaders: (status, headers, resume, statusText) => {
        Object.assign(out, { status, headers, statusText });
        return hooks.onHeaders?.(status, headers, resume, statusText) ?? true;
      },
      onData: (chunk) => {
        out.dataCalls++;
        out.body = Buffer.concat([out.body, chunk]);
        return hooks.onData?.(chunk) ?? true;
      },
      onComplete: () => {
        out.completed = true;
        resolve(out);
      },
      onError: (err) => {
        out.error = err;
        resolve(out);
      },
    };
    up.dispatch({ method: "GET", path: "/", headers: [], body: null, ...request }, handler);
  });
}

function upstream(port: number): { up: UpstreamConnections; opened: () => number } {
  let opened = 0;
  const up = new UpstreamConnections(HOST, port, false, () => opened++);
  cleanups.push(() => up.close());
  return { up, opened: () => opened };
}

const ok = (body: string, extra = "") => `HTTP/1.1 200 OK\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe("upstream HTTP/1.1 client", () => {
  it("sends the request line, the headers as given and a Host when absent; reuses one socket for sequential exchanges", async () => {
    const m = await member(() => ok("hello", "x-a: 1\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"));
    const { up, opened } = upstream(m.port);
    const first = await send(up, { method: "GET", path: "/p?q=1", headers: ["X-Trace", "abc"] });
    expect(first).toMatchObject({ status: 200, statusText: "OK", completed: true });
    expect(first.headers).toEqual(["content-length", "5", "x-a", "1", "Set-Cookie", "a=1", "Set-Cookie", "b=2"]);
    expect(first.body.toString()).toBe("hello");
    expect(m.received[0].head).toBe(`GET /p?q=1 HTTP/1.1\r\nX-Trace: abc\r\nhost: ${HOST}:${m.port}`);
    await send(up, { headers: ["Host", "example.test"] });
    expect(m.received[1].head).toBe("GET / HTTP/1.1\r\nHost: example.test");
    for (let i = 0; i < 5; i++) expect((await send(up)).completed).toBe(true);
    expect(m.connections()).toBe(1);
    expect(opened()).toBe(1);
  });

  it("reads a chunked body however the bytes are split, with extensions and trailers, and reuses the socket", async () => {
    const wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\nC\r\nworld, again\r\n0\r\nx-trailer: t\r\n\r\n";
    // Every byte on its own, a tick apart.
    const m = await member(() => [...Buffer.from(wire)].map((b) => Buffer.from([b])));
    const { up } = upstream(m.port);
    const r = await send(up);
    expect(r).toMatchObject({ status: 200, completed: true });
    expect(r.body.toString()).toBe("hello world, again");
    expect((await send(up)).body.toString()).toBe("hello world, again");
    expect(m.connections()).toBe(1);
  });

  it("a body without a length ends when the member closes; that socket is not reused", async () => {
    const m = await member((r) => {
      r.socket.end("HTTP/1.1 200 OK\r\n\r\nuntil close");
      return undefined;
    });
    const { up } = upstream(m.port);
    expect((await send(up)).body.toString()).toBe("until close");
    expect((await send(up)).body.toString()).toBe("until close");
    expect(m.connections()).toBe(2);
  });

  it("HEAD, 204 and 304 have no body whatever their Content-Length says; a 1xx answer is skipped", async () => {
    const m = await member((r) => {
      if (r.head.startsWith("HEAD")) return "HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n";
      if (r.head.includes("/204")) return "HTTP/1.1 204 No Content\r\n\r\n";
      if (r.head.includes("/304")) return "HTTP/1.1 304 Not Modified\r\ncontent-length: 7\r\n\r\n";
      return ["HTTP/1.1 100 Continue\r\n\r\n", "HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n", ok("final")];
    });
    const { up } = upstream(m.port);
    expect(await send(up, { method: "HEAD" })).toMatchObject({ status: 200, completed: true, dataCalls: 0 });
    expect(await send(up, { path: "/204" })).toMatchObject({ status: 204, completed: true, dataCalls: 0 });
    expect(await send(up, { path: "/304" })).toMatchObject({ status: 304, completed: true, dataCalls: 0 });
    const r = await send(up);
    expect(r).toMatchObject({ status: 200, completed: true });
    expect(r.body.toString()).toBe("final");
    // All four on one socket: none of them left bytes unread.
    expect(m.connections()).toBe(1);
  });

  it("does not reuse a socket after Connection: close, an HTTP/1.0 answer, or bytes beyond the response", async () => {
    const answers = [
      ok("a", "Connection: close\r\n"),
      "HTTP/1.0 200 OK\r\ncontent-length: 1\r\n\r\nb",
      ok("c") + "HTTP/1.1 200 OK\r\n",
      "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\ncontent-length: 1\r\n\r\nd",
      ok("e"),
    ];
    const m = await member(() => answers.shift());
    const { up } = upstream(m.port);
    const bodies: string[] = [];
    for (let i = 0; i < 5; i++) bodies.push((await send(up)).body.toString());
    expect(bodies).toEqual(["a", "b", "c", "d", "e"]);
    // a, b and c each leave their socket; d (1.0 with keep-alive) shares the fourth with e.
    expect(m.received.map((r) => r.connection)).toEqual([1, 2, 3, 4, 4]);
  });

  it("honours a member's Keep-Alive timeout hint, less a second: timeout=1 is never reused, timeout=2 only within a second", async () => {
    let hint = "1";
    const m = await member(() => ok("x", `Keep-Alive: timeout=${hint}\r\n`));
    const { up } = upstream(m.port);
    await send(up);
    await send(up);
    expect(m.connections()).toBe(2);
    hint = "2";
    await send(up);
    await send(up);
    expect(m.connections()).toBe(3);
    await new Promise((r) => setTimeout(r, 1_100));
    await send(up);
    expect(m.connections()).toBe(4);
  });

  it.each([
    ["a status line that is not HTTP/1.x", "HTTP/2 200 OK\r\n\r\n", /not an HTTP\/1.x status line/],
    ["a control byte in the reason phrase", "HTTP/1.1 200 O\x00K\r\ncontent-length: 0\r\n\r\n", /not an HTTP\/1.x status line/],
    ["a value edged with a vertical tab", "HTTP/1.1 200 OK\r\nx-a: 1\x0b\r\ncontent-length: 0\r\n\r\n", /malformed header line/],
    ["a header line without a colon", "HTTP/1.1 200 OK\r\nbroken\r\ncontent-length: 0\r\n\r\n", /malformed header line "broken"/],
    ["a folded header line", "HTTP/1.1 200 OK\r\nx-a: 1\r\n  more\r\ncontent-length: 0\r\n\r\n", /malformed header line/],
    ["a bare LF inside a value", "HTTP/1.1 200 OK\r\nx-a: 1\nx-b: 2\r\ncontent-length: 0\r\n\r\n", /malformed header line/],
    ["two different lengths", "HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\nab", /Content-Length "2", which is not one length/],
    ["a length that is not a number", "HTTP/1.1 200 OK\r\ncontent-length: -1\r\n\r\n", /Content-Length "-1"/],
    ["a chunk size that is not hex", "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n", /chunk size "zz"/],
    ["chunk data not followed by CRLF", "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1\r\nab\r\n0\r\n\r\n", /not followed by CRLF/],
    ["a switch of protocols", "HTTP/1.1 101 Switching Protocols\r\nupgrade: x\r\n\r\n", /status 101/],
    ["a head over 16 KiB", `HTTP/1.1 200 OK\r\nx-big: ${"a".repeat(17_000)}\r\n\r\n`, /larger than 16 KiB/],
  ])("%s is a protocol error, never a crash, and the socket is dropped", async (_name, wire, message) => {
    const m = await member(() => wire);
    const { up } = upstream(m.port);
    const r = await send(up);
    expect(r.completed).toBe(false);
    expect(r.error?.code).toBe("UPSTREAM_PROTOCOL");
    expect(r.error?.message).toMatch(message);
    expect(up.sockets).toBe(0);
  });

  it("a member that closes mid-response fails the exchange with ECONNRESET; a refused connection with ECONNREFUSED, counted", async () => {
    const m = await member((r) => {
      r.socket.end("HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc");
      return undefined;
    });
    const { up } = upstream(m.port);
    const r = await send(up);
    expect(r.error?.code).toBe("ECONNRESET");
    expect(r.body.toString()).toBe("abc");

    const closed = upstream(await freePort(HOST));
    const refused = await send(closed.up);
    expect(refused.error?.code).toBe("ECONNREFUSED");
    expect(closed.opened()).toBe(1);
  });

  it("an idle socket the member closed is not used for the next request", async () => {
    const m = await member((r) => {
      // Answer, then close the socket a moment later, as a member's keep-alive timeout does.
      setTimeout(() => r.socket.end(), 20);
      return ok("x");
    });
    const { up } = upstream(m.port);
    await send(up);
    await waitFor("the member to close the idle socket", () => up.sockets === 0);
    expect((await send(up)).completed).toBe(true);
    expect(m.connections()).toBe(2);
  });

  it("sends a body with its Content-Length as is, and one without a length chunked", async () => {
    const m = await member(() => ok("ok"));
    const { up } = upstream(m.port);
    const fixed = new PassThrough();
    const sent = send(up, { method: "POST", headers: ["content-length", "11"], body: fixed });
    fixed.write("hello ");
    setImmediate(() => fixed.end("world"));
    expect((await sent).completed).toBe(true);
    expect(m.received[0].body.toString()).toBe("hello world");

    const streamed = new PassThrough();
    const sent2 = send(up, { method: "POST", headers: [], body: streamed });
    streamed.write("abc");
    setImmediate(() => streamed.end("de"));
    expect((await sent2).completed).toBe(true);
    expect(m.received[1].head).toMatch(/\r\ntransfer-encoding: chunked$/);
    expect(m.received[1].body.toString()).toBe("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    expect(m.connections()).toBe(1);
  });

  it("false from onData pauses the member until resume is called", async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, "z");
    const m = await member(() => [`HTTP/1.1 200 OK\r\ncontent-length: ${big.length}\r\n\r\n`, big]);
    const { up } = upstream(m.port);
    let resume: (() => void) | undefined;
    let paused = true;
    const calls: number[] = [];
    const done = send(up, {}, {
      onHeaders: (_s, _h, r) => {
        resume = r;
        return true;
      },
      onData: () => {
        calls.push(Date.now());
        return !paused;
      },
    });
    await waitFor("the first body bytes", () => calls.length > 0);
    await new Promise((r) => setTimeout(r, 150));
    // Paused after the first delivery: nothing more arrives while the listener's client is slow.
    expect(calls.length).toBe(1);
    paused = false;
    resume!();
    const r = await done;
    expect(r.completed).toBe(true);
    expect(r.body.length).toBe(big.length);
  });

  it("abort ends its own exchange only: a late abort from a finished exchange cannot touch the next on the same socket", async () => {
    const m = await member((r) => (r.head.includes("/slow") ? undefined : ok("fine")));
    const { up } = upstream(m.port);
    let abort: ((e: Error) => void) | undefined;
    const slow = send(up, { path: "/slow" }, { onConnect: (a) => (abort = a) });
    await waitFor("the member to read the request", () => m.received.length === 1);
    abort!(new Error("member_timeout"));
    expect((await slow).error?.message).toBe("member_timeout");

    let first: ((e: Error) => void) | undefined;
    expect((await send(up, {}, { onConnect: (a) => (first = a) })).completed).toBe(true);
    let second = false;
    const next = send(up, {}, { onConnect: () => (second = true) });
    first!(new Error("too late"));
    const r = await next;
    expect(second).toBe(true);
    expect(r).toMatchObject({ completed: true });
    expect(r.body.toString()).toBe("fine");
  });
});
