// Tuning for the bench rows "HTTP listener ÷ nginx L7" and "HTTPS listener ÷ nginx terminating
// TLS" (`npm run bench -- dataplane`): the HTTP listener's keep-alive connections to one member,
// as a small HTTP/1.1 client of its own. A request is one string written to an idle socket, and
// a response is read by splitting its head on CRLF and counting its body, with no per-request
// request object, queue scan, timer or deferred write. Against undici's Pool, which it replaces
// here, it moved the HTTP row by +18% and the HTTPS row by +13% (medians of three bench runs
// each, alternating with the code before) and cut the proxy's CPU per request by about a third
// (README › Performance).
//
// What it keeps from a general client, because a member is a server like any other:
// - response framing by RFC 9112 §6.3: no body for HEAD, 1xx, 204 and 304; chunked when
//   Transfer-Encoding ends in chunked; Content-Length; otherwise everything until the member
//   closes. Informational answers (1xx) are skipped.
// - a malformed or oversized head, a bad chunk size, conflicting lengths or a header byte Node
//   would refuse to send on are a protocol error (the listener answers 502), never a crash.
// - a socket is reused only after a complete exchange on HTTP/1.1 without `Connection: close`,
//   with nothing left over, and is dropped after it idles past the member's `Keep-Alive: timeout`
//   hint less a second, or 4 s without one, at most 60 s.
// - at most MAX_SOCKETS exchanges run at once; further requests wait for a socket.
import * as net from "node:net";
import type { Readable } from "node:stream";
import * as tls from "node:tls";
import { BAD_VALUE, ChunkedDecoder, CONTENT_LENGTH, EMPTY, FramingError, joinUpTo, splitField } from "./h1-framing";

/** Exchanges in flight to one member at once (a 2-vCPU box never needs more). */
const MAX_SOCKETS = 256;
/** Idle sockets are dropped before a member's own keep-alive (Node's default is 5 s) can race a reuse. */
const IDLE_MS = 4_000;
const MAX_IDLE_MS = 60_000;
/** Taken off a member's `Keep-Alive: timeout` hint, so the member never closes a socket as it is reused. */
const HINT_MARGIN_MS = 1_000;
/** How often idle sockets are checked for expiry. */
const SWEEP_MS = 1_000;

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;

export interface UpstreamRequest {
  method: string;
  path: string;
  /** Raw header list, [name, value, …]; `host` is added when absent. */
  headers: string[];
  /** The request body, or null. Sent as is with a Content-Length header, chunked without one. */
  body: Readable | null;
}

/** How the listener hears of one exchange; `false` from onHeaders or onData pauses the member. */
export interface UpstreamHandler {
  onConnect(abort: (reason: Error) => void): void;
  onHeaders(statusCode: number, headers: string[], resume: () => void, statusText: string): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(): void;
  onError(err: Error): void;
}

/** An error with the code the listener reads to explain a 502. */
function upstreamError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

/** The keep-alive connections of one member endpoint. */
export class UpstreamConnections {
  private readonly idle: Connection[] = [];
  private readonly waiting: { request: UpstreamRequest; handler: UpstreamHandler }[] = [];
  private busy = 0;
  private closed = false;
  private sweeper: NodeJS.Timeout | undefined;
  readonly hostHeader: string;

  constructor(
    readonly host: string,
    readonly port: number,
    readonly secure: boolean,
    /** Called for every connection opened (refused attempts too). */
    private readonly onConnection: () => void = () => undefined,
  ) {
    this.hostHeader = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  }

  dispatch(request: UpstreamRequest, handler: UpstreamHandler): void {
    if (this.busy >= MAX_SOCKETS) {
      this.waiting.push({ request, handler });
      return;
    }
    this.busy++;
    (this.reuse() ?? this.open()).start(request, handler);
  }

  /** The most recently used idle socket still fit for a request, dropping stale ones on the way. */
  private reuse(): Connection | undefined {
    const now = Date.now();
    for (let conn = this.idle.pop(); conn; conn = this.idle.pop()) {
      if (conn.idleUntil > now && conn.usable) return conn;
      conn.destroy();
    }
    return undefined;
  }

  /** Open sockets, idle ones included. */
  get sockets(): number {
    return this.busy + this.idle.length;
  }

  /** Closes idle sockets now; busy ones close when their exchange ends. */
  close(): void {
    this.closed = true;
    for (const c of this.idle.splice(0)) c.destroy();
    this.stopSweeping();
  }

  private open(): Connection {
    this.onConnection();
    const socket = this.secure
      ? tls.connect({ host: this.host, port: this.port, rejectUnauthorized: false, ...(net.isIP(this.host) ? {} : { servername: this.host }) })
      : net.connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    return new Connection(socket, this);
  }

  /** An exchange ended; the socket is reusable or already destroyed. */
  released(conn: Connection, reusable: boolean, idleMs: number): void {
    this.busy--;
    if (reusable && idleMs > 0 && !this.closed) {
      conn.idleUntil = Date.now() + idleMs;
      this.idle.push(conn);
      this.startSweeping();
    } else {
      conn.destroy();
    }
    const next = this.waiting.shift();
    if (next) this.dispatch(next.request, next.handler);
  }

  /** An idle socket the member closed (or that errored) is forgotten. */
  lost(conn: Connection): void {
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
  }

  private startSweeping(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (let i = this.idle.length - 1; i >= 0; i--) {
        if (this.idle[i].idleUntil <= now) this.idle.splice(i, 1)[0].destroy();
      }
      if (this.idle.length === 0) this.stopSweeping();
    }, SWEEP_MS);
    this.sweeper.unref();
  }

  private stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}

type Framing = "none" | "length" | "chunked" | "close";

/** One socket to the member and the exchange on it, if any. */
class Connection {
  idleUntil = 0;
  private handler: UpstreamHandler | undefined;
  private method = "GET";
  /** Bytes of a response head not yet complete. */
  private pending: Buffer | undefined;
  private inBody = false;
  private framing: Framing = "none";
  /** Body bytes still expected (length framing), or left in the current chunk. */
  private left = 0;
  private chunks = new ChunkedDecoder();
  private keepAlive = true;
  private idleMs = IDLE_MS;
  private requestSent = false;
  private body: Readable | null = null;
  private paused = false;
  private dead = false;
  /** Numbers exchanges, so a late abort or resume from a finished one cannot touch the next. */
  private exchange = 0;

  constructor(
    private readonly socket: net.Socket,
    private readonly owner: UpstreamConnections,
  ) {
    socket.on("data", (data: Buffer) => this.onData(data));
    socket.on("end", () => this.onClosed(undefined));
    socket.on("error", (err) => this.onClosed(err));
    socket.on("close", () => this.onClosed(undefined));
  }

  start(request: UpstreamRequest, handler: UpstreamHandler): void {
    this.handler = handler;
    this.method = request.method;
    this.pending = undefined;
    this.inBody = false;
    this.keepAlive = true;
    this.requestSent = false;
    const exchange = ++this.exchange;
    handler.onConnect((reason) => {
      if (this.exchange === exchange) this.fail(reason);
    });
    if (!this.handler) return; // aborted at once
    this.write(request);
  }

  /** Whether the socket can take another request (the member may have closed it meanwhile). */
  get usable(): boolean {
    return !this.dead && this.socket.writable && !this.socket.readableEnded;
  }

  destroy(): void {
    this.dead = true;
    this.socket.destroy();
  }

  private write(request: UpstreamRequest): void {
    const h = request.headers;
    let head = `${request.method} ${request.path} HTTP/1.1\r\n`;
    let hasHost = false;
    let hasLength = false;
    for (let i = 0; i < h.length; i += 2) {
      const name = h[i];
      if (name.length === 4 && name.toLowerCase() === "host") hasHost = true;
      else if (name.length === 14 && name.toLowerCase() === "content-length") hasLength = true;
      head += `${name}: ${h[i + 1]}\r\n`;
    }
    if (!hasHost) head += `host: ${this.owner.hostHeader}\r\n`;
    const body = request.body;
    if (!body) {
      this.socket.write(`${head}\r\n`, "latin1");
      this.requestSent = true;
      return;
    }
    const chunked = !hasLength;
    if (chunked) head += "transfer-encoding: chunked\r\n";
    this.socket.write(`${head}\r\n`, "latin1");
    this.body = body;
    body.on("data", (chunk: Buffer) => {
      if (this.body !== body || chunk.length === 0) return;
      let ok: boolean;
      if (chunked) {
        // Size line, data and CRLF leave as one write.
        this.socket.cork();
        this.socket.write(`${chunk.length.toString(16)}\r\n`, "latin1");
        this.socket.write(chunk);
        ok = this.socket.write("\r\n", "latin1");
        this.socket.uncork();
      } else ok = this.socket.write(chunk);
      if (!ok) {
        body.pause();
        this.socket.once("drain", () => body.resume());
      }
    });
    body.once("end", () => {
      if (this.body !== body) return;
      if (chunked) this.socket.write("0\r\n\r\n");
      this.requestSent = true;
      this.body = null;
    });
    body.once("error", (err) => {
      if (this.body === body) this.fail(err);
    });
  }

  private onData(data: Buffer): void {
    if (!this.handler) {
      // Bytes from a member with no request outstanding: it is not speaking HTTP to us.
      this.owner.lost(this);
      this.destroy();
      return;
    }
    let buf = data;
    while (buf.length > 0 && this.handler && !this.dead) {
      buf = this.inBody ? this.readBody(buf) : this.readHead(buf);
    }
  }

  /** Consumes head bytes; returns what is left after the head (or nothing while incomplete). */
  private readHead(data: Buffer): Buffer {
    let found: { buf: Buffer; at: number };
    try {
      found = joinUpTo(this.pending, data, "\r\n\r\n", "the response head");
    } catch (err) {
      return this.protocolError((err as Error).message);
    }
    const { buf, at: end } = found;
    this.pending = end < 0 ? buf : undefined;
    if (end < 0) return EMPTY;
    const rest = buf.subarray(end + 4);
    const lines = buf.toString("latin1", 0, end).split("\r\n");
    const status = STATUS_LINE.exec(lines[0]);
    if (!status || BAD_VALUE.test(status[3] ?? "")) {
      this.protocolError(`the member answered "${lines[0].slice(0, 60)}", not an HTTP/1.x status line`);
      return EMPTY;
    }
    const code = Number(status[2]);
    if (code < 100 || code === 101) {
      this.protocolError(`the member answered status ${code}, which the listener does not forward`);
      return EMPTY;
    }
    const headers: string[] = [];
    let length = -1;
    let transferEncoding: string | undefined;
    let keepAlive = status[1] === "1";
    let idleMs = IDLE_MS;
    for (let i = 1; i < lines.length; i++) {
      const field = splitField(lines[i]);
      if (!field) {
        this.protocolError(`the member sent a malformed header line "${lines[i].slice(0, 60)}"`);
        return EMPTY;
      }
      const [name, value] = field;
      switch (name.toLowerCase()) {
        case "content-length": {
          const n = CONTENT_LENGTH.test(value) ? Number(value) : NaN;
          if (Number.isNaN(n) || (length >= 0 && n !== length)) {
            this.protocolError(`the member sent Content-Length "${value}", which is not one length`);
            return EMPTY;
          }
          length = n;
          break;
        }
        case "transfer-encoding":
          transferEncoding = transferEncoding ? `${transferEncoding},${value}` : value;
          break;
        case "connection":
          for (const token of value.toLowerCase().split(",")) {
            const t = token.trim();
            if (t === "close") keepAlive = false;
            else if (t === "keep-alive" && status[1] === "0") keepAlive = true;
          }
          break;
        case "keep-alive": {
          const hint = /(?:^|[,;\s])timeout=(\d+)/i.exec(value);
          if (hint) idleMs = Math.min(MAX_IDLE_MS, Number(hint[1]) * 1000 - HINT_MARGIN_MS);
          break;
        }
      }
      headers.push(name, value);
    }
    if (code < 200) return rest; // 1xx: the final answer follows on the same socket.

    this.keepAlive = keepAlive;
    this.idleMs = idleMs;
    if (this.method === "HEAD" || code === 204 || code === 304) this.framing = "none";
    else if (transferEncoding !== undefined) {
      const codings = transferEncoding.toLowerCase().split(",");
      this.framing = codings[codings.length - 1].trim() === "chunked" ? "chunked" : "close";
      // RFC 9112 §6.3: with both, Transfer-Encoding wins and the connection must close after.
      if (length >= 0 || this.framing === "close") this.keepAlive = false;
    } else if (length >= 0) this.framing = "length";
    else this.framing = "close";
    if (this.framing === "close") this.keepAlive = false;
    this.left = this.framing === "length" ? length : 0;
    if (this.framing === "chunked") this.chunks = new ChunkedDecoder();
    this.inBody = true;

    const handler = this.handler!;
    const exchange = this.exchange;
    const resume = () => {
      if (this.exchange === exchange) this.resume();
    };
    if (!handler.onHeaders(code, headers, resume, status[3] ?? "")) this.pause();
    if (this.handler && (this.framing === "none" || (this.framing === "length" && this.left === 0))) this.complete(rest.length > 0);
    return rest;
  }

  /** Consumes body bytes; returns what is left after the response. */
  private readBody(data: Buffer): Buffer {
    switch (this.framing) {
      case "close":
        this.deliver(data);
        return EMPTY;
      case "length": {
        const take = Math.min(this.left, data.length);
        this.left -= take;
        this.deliver(take === data.length ? data : data.subarray(0, take));
        if (this.left === 0 && this.handler) this.complete(take < data.length);
        return data.subarray(take);
      }
      default:
        return this.readChunked(data);
    }
  }

  private readChunked(data: Buffer): Buffer {
    let rest: Buffer | undefined;
    try {
      rest = this.chunks.read(data, (chunk) => this.deliver(chunk));
    } catch (err) {
      if (err instanceof FramingError) return this.protocolError(`the member sent a bad chunked body: ${err.message}`);
      throw err;
    }
    if (rest === undefined || !this.handler) return EMPTY;
    this.complete(rest.length > 0);
    return rest;
  }

  private deliver(chunk: Buffer): void {
    if (chunk.length > 0 && this.handler && !this.handler.onData(chunk)) this.pause();
  }

  private pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.socket.pause();
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.socket.resume();
  }

  /**
   * The response is whole. `leftover`: bytes followed it, so the socket's framing cannot be
   * trusted for another exchange.
   */
  private complete(leftover: boolean): void {
    const handler = this.handler!;
    this.handler = undefined;
    this.inBody = false;
    this.resume();
    // A response that ends before its request was sent leaves the socket mid-request.
    const reusable = this.keepAlive && this.requestSent && !this.dead && !leftover;
    if (!this.requestSent) this.body = null;
    handler.onComplete();
    this.owner.released(this, reusable, this.idleMs);
  }

  private protocolError(message: string): Buffer {
    this.fail(upstreamError("UPSTREAM_PROTOCOL", message));
    return EMPTY;
  }

  /** The exchange failed or was given up: its socket is not reused. */
  private fail(err: Error): void {
    const handler = this.handler;
    this.handler = undefined;
    this.body = null;
    this.destroy();
    if (!handler) return;
    handler.onError(err);
    this.owner.released(this, false, 0);
  }

  private onClosed(err: Error | undefined): void {
    if (!this.handler) {
      this.dead = true;
      this.owner.lost(this);
      return;
    }
    if (this.inBody && this.framing === "close" && !err) {
      // The member's close ends a body without a length.
      this.dead = true;
      this.complete(false);
      return;
    }
    // Closed before the response was whole. ECONNRESET is what a client retries on: the
    // member closed a socket it had kept alive just as it was reused.
    this.fail(err ?? upstreamError("ECONNRESET", "the member closed the connection before its response was complete"));
  }
}
