// Tuning for the bench rows "HTTP listener ÷ nginx L7" and "HTTPS listener ÷ nginx terminating
// TLS" (`npm run bench -- dataplane`): the HTTP listener's side facing clients, as a small
// HTTP/1.1 server of its own instead of node:http's. A request head is found with one search for
// CRLFCRLF and split into lines; the response head is one string written with the first body
// bytes. There is no IncomingMessage or ServerResponse stream per request, which is most of what
// node:http spends on a small proxied request. Against node:http's server, which it replaces here,
// it moved the HTTP row by +43% and the HTTPS row by +24% (medians of five bench runs each,
// alternating with the code before; README › Performance).
//
// What it keeps from a general server, because clients are anyone:
// - strict request syntax (RFC 9112): a request line of token, target and HTTP/1.0 or 1.1;
//   header lines `token: value` with no obs-fold, no bare CR or LF, no control bytes; a head of
//   at most 16 KiB (431 beyond). Errors are answered with their status and a line naming the
//   fault, then the connection closes.
// - body framing with no room for request smuggling: chunked is the only transfer coding taken
//   (501 otherwise), Transfer-Encoding with Content-Length, two Content-Lengths, a Content-Length
//   that is not digits, or Transfer-Encoding on HTTP/1.0 are 400s. Bodies are decoded and handed
//   on as a stream, with backpressure to the client.
// - HTTP/1.1 needs exactly one Host; `Expect: 100-continue` is answered at once, any other
//   expectation is a 417; CONNECT is a 405 (a listener does not tunnel).
// - persistence: HTTP/1.1 keeps the connection unless `Connection: close`, HTTP/1.0 only with
//   `Connection: keep-alive`; pipelined requests are answered in order, one at a time, and a
//   client that pipelines more than a head's worth ahead is paused.
// - a response without Content-Length is chunked to an HTTP/1.1 client and delimited by the
//   close to an HTTP/1.0 one; HEAD, 1xx, 204 and 304 answers carry no body; Date is added when
//   the response has none.
// - timeouts, as nginx's client_header_timeout and client_body_timeout: a request head must be
//   whole within `client_timeout` of its first byte, and a body may pause (or a new connection
//   stay empty) for `client_timeout` at most, or the client gets a 408; an idle keep-alive
//   connection closes after `keepalive_timeout` (0: every response closes its connection).
import { STATUS_CODES } from "node:http";
import type * as net from "node:net";
import { PassThrough, type Readable } from "node:stream";
import { ChunkedDecoder, CONTENT_LENGTH, EMPTY, FramingError, joinUpTo, MAX_HEAD_BYTES, owsTrim, splitField, TOKEN } from "./h1-framing";

/** A request-target: any bytes but spaces and controls (origin, absolute or asterisk form). */
const TARGET = /^[\x21-\x7e\x80-\xff]+$/;
const VERSION = /^HTTP\/\d\.\d$/;
const BARE_LF = /(?:^|[^\r])\n/;

export interface ClientRequest {
  readonly method: string;
  /** The request-target as the client sent it. */
  readonly target: string;
  /** The raw header list, [name, value, …], names as sent, values without surrounding whitespace. */
  readonly rawHeaders: string[];
  /** The body decoded from its framing, or null when the request has none. */
  readonly body: Readable | null;
  readonly socket: net.Socket;
}

/** Where a response body goes: the client, or a stream in front of it. */
export interface BodySink {
  /** false: wait for onDrain before writing more. */
  write(chunk: Buffer): boolean;
  end(): void;
  /** Cuts the response short: the client sees the connection close. */
  destroy(): void;
  onDrain(listener: () => void): void;
}

export interface ServeOptions {
  /** client_timeout in ms: how long a started request (or a new connection) may go without a byte. */
  requestTimeoutMs(): number;
  /** keepalive_timeout in ms: how long an idle connection is kept; 0 closes it after each response. */
  keepAliveMs(): number;
}

export type RequestListener = (request: ClientRequest, response: ClientResponse) => void;

/** Serves HTTP/1.x on a connected socket (plain, or TLS after the handshake). */
export function serveHttp1(socket: net.Socket, options: ServeOptions, onRequest: RequestListener): void {
  new ClientConnection(socket, options, onRequest);
}

let dateSecond = -1;
let dateText = "";
/** The Date header's value; the text is made once a second. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

/** A request the server refuses before it reaches the listener. */
class Refusal {
  constructor(
    readonly status: number,
    readonly why: string,
  ) {}
}

interface ParsedHead {
  method: string;
  target: string;
  minor: number;
  rawHeaders: string[];
  keepAlive: boolean;
  /** -1: chunked; otherwise the body's length. */
  length: number;
  expectContinue: boolean;
}

const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

/** The body of an answer the engine makes itself (a refusal, or the listener's 502/503/504): the status and why. */
export function answerText(status: number, why: string): string {
  return `${status} ${STATUS_CODES[status]}: ${why}\n`;
}

/** Why a header line is not a field, for the 400 that refuses it. */
function fieldFault(line: string): string {
  if (line.startsWith(" ") || line.startsWith("\t")) return `the header line ${quote(line)} continues the line before it (obs-fold)`;
  const colon = line.indexOf(":");
  if (colon <= 0 || !TOKEN.test(line.slice(0, colon))) return `the header line ${quote(line)} is not "name: value"`;
  return `the header ${line.slice(0, colon)} carries a control byte (CR, LF, NUL or another control)`;
}

/** Parses a request head (without its final CRLFCRLF); a Refusal says why it cannot be served. */
function parseHead(head: string): ParsedHead | Refusal {
  const lines = head.split("\r\n");
  const requestLine = lines[0];
  const sp1 = requestLine.indexOf(" ");
  const sp2 = requestLine.indexOf(" ", sp1 + 1);
  if (sp1 <= 0 || sp2 < 0) return new Refusal(400, `the request line ${quote(requestLine)} is not "METHOD target HTTP/1.1"`);
  const method = requestLine.slice(0, sp1);
  const target = requestLine.slice(sp1 + 1, sp2);
  const version = requestLine.slice(sp2 + 1);
  if (!TOKEN.test(method)) return new Refusal(400, `the method ${quote(method)} is not a token`);
  if (!TARGET.test(target)) return new Refusal(400, `the request target ${quote(target)} is empty or holds a space or control byte`);
  let minor: number;
  if (version === "HTTP/1.1") minor = 1;
  else if (version === "HTTP/1.0") minor = 0;
  else if (VERSION.test(version)) return new Refusal(505, `${version} is not served here; the listener speaks HTTP/1.0 and HTTP/1.1`);
  else return new Refusal(400, `the request line ${quote(requestLine)} does not end in an HTTP version`);
  if (method === "CONNECT") return new Refusal(405, "CONNECT is not served: the listener does not tunnel");

  const rawHeaders: string[] = [];
  let hosts = 0;
  let contentLength: string | undefined;
  let transferEncoding: string | undefined;
  let close = false;
  let keepAliveToken = false;
  let expect: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const field = splitField(lines[i]);
    if (!field) return new Refusal(400, fieldFault(lines[i]));
    const [name, value] = field;
    rawHeaders.push(name, value);
    switch (name.toLowerCase()) {
      case "host":
        hosts++;
        break;
      case "content-length":
        if (contentLength !== undefined) return new Refusal(400, "the request has more than one Content-Length header");
        if (!CONTENT_LENGTH.test(value)) return new Refusal(400, `Content-Length ${quote(value)} is not a length in digits`);
        contentLength = value;
        break;
      case "transfer-encoding":
        transferEncoding = transferEncoding === undefined ? value : `${transferEncoding}, ${value}`;
        break;
      case "connection":
        for (const token of value.split(",")) {
          const t = owsTrim(token).toLowerCase();
          if (t === "close") close = true;
          else if (t === "keep-alive") keepAliveToken = true;
        }
        break;
      case "expect":
        expect = value;
        break;
    }
  }
  if (hosts > 1) return new Refusal(400, "the request has more than one Host header");
  if (minor === 1 && hosts === 0) return new Refusal(400, "an HTTP/1.1 request needs a Host header");

  let length = 0;
  if (transferEncoding !== undefined) {
    if (minor === 0) return new Refusal(400, "Transfer-Encoding is not allowed in an HTTP/1.0 request");
    if (contentLength !== undefined) return new Refusal(400, "the request has both Transfer-Encoding and Content-Length");
    if (transferEncoding.toLowerCase() !== "chunked") return new Refusal(501, `Transfer-Encoding ${quote(transferEncoding)} is not supported; the listener takes chunked only`);
    length = -1;
  } else if (contentLength !== undefined) length = Number(contentLength);

  let expectContinue = false;
  if (expect !== undefined) {
    if (minor !== 1 || expect.toLowerCase() !== "100-continue") return new Refusal(417, `Expect ${quote(expect)} is not supported; the listener takes 100-continue only`);
    expectContinue = length !== 0;
  }
  const keepAlive = !close && (minor === 1 || keepAliveToken);
  return { method, target, minor, rawHeaders, keepAlive, length, expectContinue };
}

/** One client connection: requests read in turn, each answered before the next is read. */
class ClientConnection {
  /** Bytes not yet read: a partial head, or pipelined requests waiting for the response before. */
  private held: Buffer | undefined;
  /** The response in flight, until it ends. */
  private response: ClientResponse | undefined;
  /** The current request's body is still arriving (it may outlive its response, and is then dropped). */
  private readingBody = false;
  /** Length-framed body bytes still to come. */
  private left = 0;
  private chunks: ChunkedDecoder | undefined;
  private body: PassThrough | null = null;
  /** No further request is read: the connection closes once the response in flight ends. */
  closing = false;
  private dead = false;
  private pausedForBody = false;
  private pausedForPipeline = false;
  private paused = false;
  /** When the first byte of a head still incomplete arrived (0: none is). */
  private headStarted = 0;
  /** The client has ended its side of the connection (half-close). */
  private clientEnded = false;

  constructor(
    readonly socket: net.Socket,
    private readonly options: ServeOptions,
    private readonly onRequest: RequestListener,
  ) {
    socket.on("data", (data: Buffer) => this.onData(data));
    socket.on("end", () => this.onEnd());
    socket.on("timeout", () => this.onTimeout());
    // A reset or a failed write ends in 'close', where the exchange is given up.
    socket.on("error", () => undefined);
    socket.on("close", () => this.onClose());
    socket.setTimeout(options.requestTimeoutMs());
  }

  /** The keep-alive hint a response carries, in whole seconds. */
  keepAliveSeconds(): number {
    return Math.max(1, Math.round(this.options.keepAliveMs() / 1000));
  }

  private onData(data: Buffer): void {
    if (this.dead) return;
    let buf = this.held ? Buffer.concat([this.held, data]) : data;
    this.held = undefined;
    while (buf.length > 0 && !this.dead) {
      if (this.readingBody) buf = this.readBody(buf);
      else if (this.response || this.closing) {
        // A pipelined request waits for the response before it.
        this.held = buf;
        if (buf.length > MAX_HEAD_BYTES) this.pauseFor("pipeline", true);
        return;
      } else buf = this.readHead(buf);
    }
  }

  private readHead(data: Buffer): Buffer {
    let buf = data;
    // RFC 9112 §2.2: empty lines before a request line are ignored.
    while (buf.length >= 2 && buf[0] === 13 && buf[1] === 10) buf = buf.subarray(2);
    let at: number;
    try {
      at = joinUpTo(undefined, buf, "\r\n\r\n", "the request head").at;
    } catch (err) {
      return this.refuse(431, (err as Error).message);
    }
    if (at < 0) {
      if (BARE_LF.test(buf.toString("latin1"))) return this.refuse(400, "the request head ends a line with a bare LF, not CRLF");
      if (buf.length > 0) {
        // A head has started: it must be whole within client_timeout of its first byte, so a
        // client cannot hold the connection by sending it a byte at a time.
        const now = Date.now();
        const limit = this.options.requestTimeoutMs();
        if (this.headStarted === 0) {
          this.headStarted = now;
          this.socket.setTimeout(limit);
        } else if (now - this.headStarted > limit) return this.refuse(408, `the request head was not complete within client_timeout (${limit / 1000} s)`);
      }
      this.held = buf.length > 0 ? buf : undefined;
      return EMPTY;
    }
    this.headStarted = 0;
    const head = parseHead(buf.toString("latin1", 0, at));
    if (head instanceof Refusal) return this.refuse(head.status, head.why);
    const rest = buf.subarray(at + 4);

    if (!head.keepAlive || this.options.keepAliveMs() <= 0) this.closing = true;
    const body = head.length !== 0 ? new PassThrough() : null;
    // A body given up on is destroyed with the reason: whoever reads it hears why, and a body
    // nobody reads yet (its exchange waiting for a member socket) cannot crash the engine.
    body?.on("error", () => undefined);
    this.body = body;
    this.readingBody = body !== null;
    this.left = head.length > 0 ? head.length : 0;
    this.chunks = head.length < 0 ? new ChunkedDecoder() : undefined;
    // While the body arrives the client has client_timeout between bytes; after it, the member has member_timeout.
    this.socket.setTimeout(body ? this.options.requestTimeoutMs() : 0);
    if (head.expectContinue) this.socket.write("HTTP/1.1 100 Continue\r\n\r\n", "latin1");
    const response = new ClientResponse(this, head.method === "HEAD", head.minor);
    this.response = response;
    this.onRequest({ method: head.method, target: head.target, rawHeaders: head.rawHeaders, body, socket: this.socket }, response);
    return rest;
  }

  private readBody(buf: Buffer): Buffer {
    if (this.chunks) {
      let rest: Buffer | undefined;
      try {
        rest = this.chunks.read(buf, (chunk) => this.deliver(chunk));
      } catch (err) {
        if (!(err instanceof FramingError)) throw err;
        return this.refuse(400, `the chunked request body is malformed: ${err.message}`);
      }
      if (rest === undefined) return EMPTY;
      this.bodyDone();
      return rest;
    }
    const take = Math.min(this.left, buf.length);
    this.left -= take;
    this.deliver(take === buf.length ? buf : buf.subarray(0, take));
    if (this.left === 0) this.bodyDone();
    return buf.subarray(take);
  }

  /** Body bytes to the listener; dropped once the exchange no longer wants them. */
  private deliver(chunk: Buffer): void {
    const body = this.body;
    if (!body || body.destroyed || chunk.length === 0) return;
    if (!body.write(chunk) && !this.pausedForBody) {
      this.pauseFor("body", true);
      body.once("drain", () => this.pauseFor("body", false));
      // A body nobody reads any more must not hold the client up.
      body.once("close", () => this.pauseFor("body", false));
    }
  }

  private bodyDone(): void {
    this.body?.end();
    this.body = null;
    this.chunks = undefined;
    this.readingBody = false;
    this.pauseFor("body", false);
    if (this.response) this.socket.setTimeout(0);
    else this.idle();
  }

  /** Stops reading from the client while a body or pipelined requests wait, and reads again once neither does. */
  private pauseFor(reason: "body" | "pipeline", on: boolean): void {
    if (reason === "body") this.pausedForBody = on;
    else this.pausedForPipeline = on;
    const paused = this.pausedForBody || this.pausedForPipeline;
    if (this.dead || paused === this.paused) return;
    this.paused = paused;
    if (paused) this.socket.pause();
    else this.socket.resume();
  }

  /** The response in flight has ended (the listener wrote all of it). */
  responseDone(): void {
    this.response = undefined;
    if (this.dead) return;
    if (this.closing) {
      this.finishWrites();
      return;
    }
    if (this.readingBody) {
      // The rest of the body still has to be read before the next request; nobody wants it now.
      this.body?.destroy();
      this.body = null;
      this.pauseFor("body", false);
      this.socket.setTimeout(this.options.requestTimeoutMs());
      return;
    }
    this.idle();
  }

  /** Between requests: the next one is read, or the connection waits keepalive_timeout for it. */
  private idle(): void {
    if (this.response) return;
    this.socket.setTimeout(this.options.keepAliveMs());
    this.pauseFor("pipeline", false);
    const held = this.held;
    this.held = undefined;
    if (held) this.onData(held);
    // A client that has ended its side is sent no more once the requests it sent are answered.
    if (this.clientEnded && !this.response && !this.dead) this.finishWrites();
  }

  /** Ends the connection once what was written has gone. */
  private finishWrites(): void {
    this.dead = true;
    this.held = undefined;
    // Writes are flushed before the FIN; a client that never closes its side is dropped later.
    this.socket.end();
    this.socket.setTimeout(this.options.requestTimeoutMs());
  }

  /**
   * Answers `status` with a line saying why, then closes: used when the client's bytes cannot be
   * read as HTTP, or it stops sending mid-request. A response already on the wire is cut instead.
   */
  private refuse(status: number, why: string): Buffer {
    const response = this.response;
    this.closing = true;
    this.readingBody = false;
    this.body?.destroy(new Error(why));
    this.body = null;
    if (response?.started) {
      this.socket.destroy();
      return EMPTY;
    }
    response?.cancel();
    this.response = undefined;
    const body = answerText(status, why);
    this.socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `date: ${httpDate()}\r\nconnection: close\r\n\r\n${body}`,
      "utf8",
    );
    this.finishWrites();
    return EMPTY;
  }

  private onTimeout(): void {
    if (this.dead) return void this.socket.destroy();
    if (this.readingBody || this.held) {
      this.refuse(408, `the request was not completed within client_timeout (${this.options.requestTimeoutMs() / 1000} s without a byte)`);
      return;
    }
    // An idle connection (keepalive_timeout), or a new one that never sent a request.
    this.dead = true;
    this.socket.destroy();
  }

  /** The client ended its side: the requests it sent are answered, then the connection closes. */
  private onEnd(): void {
    this.clientEnded = true;
    if (this.readingBody) {
      this.body?.destroy(new Error("the client closed its side of the connection before the request body was complete"));
      this.body = null;
      this.readingBody = false;
    }
    if (!this.response && !this.dead) this.finishWrites();
  }

  private onClose(): void {
    this.dead = true;
    this.held = undefined;
    this.body?.destroy();
    this.body = null;
    const response = this.response;
    this.response = undefined;
    response?.cancel();
  }
}

/** The response to one request, written straight to the connection. */
export class ClientResponse implements BodySink {
  /** writeHead has been called. */
  headersSent = false;
  /** end() has been called. */
  finished = false;
  /** The connection went away (or the response was given up) before end(). */
  destroyed = false;
  /** Bytes of this response have been written to the socket. */
  started = false;
  /** The head, kept until the first body bytes (or the end) so both leave in one write. */
  private head: string | undefined;
  private chunked = false;
  private bodiless = false;
  private closeListener: (() => void) | undefined;

  constructor(
    private readonly connection: ClientConnection,
    private readonly isHead: boolean,
    private readonly minor: number,
  ) {}

  /** `headers` is a raw list of valid names and values, without hop-by-hop headers or Date (added here when absent). */
  writeHead(status: number, statusText: string | undefined, headers: readonly string[]): void {
    if (this.headersSent || this.destroyed) return;
    this.headersSent = true;
    this.bodiless = this.isHead || status < 200 || status === 204 || status === 304;
    let hasLength = false;
    let hasDate = false;
    let head = `HTTP/1.1 ${status} ${statusText ?? STATUS_CODES[status] ?? ""}\r\n`;
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i];
      if (name.length === 14 && name.toLowerCase() === "content-length") hasLength = true;
      else if (name.length === 4 && name.toLowerCase() === "date") hasDate = true;
      head += `${name}: ${headers[i + 1]}\r\n`;
    }
    if (!this.bodiless && !hasLength) {
      if (this.minor === 1) {
        this.chunked = true;
        head += "Transfer-Encoding: chunked\r\n";
        // An HTTP/1.0 client learns where the body ends from the connection closing.
      } else this.connection.closing = true;
    }
    if (!hasDate) head += `Date: ${httpDate()}\r\n`;
    head += this.connection.closing ? "Connection: close\r\n\r\n" : `Connection: keep-alive\r\nKeep-Alive: timeout=${this.connection.keepAliveSeconds()}\r\n\r\n`;
    this.head = head;
  }

  write(chunk: Buffer): boolean {
    if (this.destroyed || this.finished || !this.headersSent) return true;
    if (this.bodiless || chunk.length === 0) return true;
    const socket = this.connection.socket;
    this.started = true;
    socket.cork();
    if (this.head !== undefined) socket.write(this.head, "latin1");
    this.head = undefined;
    let ok: boolean;
    if (this.chunked) {
      socket.write(`${chunk.length.toString(16)}\r\n`, "latin1");
      socket.write(chunk);
      ok = socket.write("\r\n", "latin1");
    } else ok = socket.write(chunk);
    socket.uncork();
    return ok;
  }

  /** Ends the response, after `body` if given (for answers made whole, with their Content-Length). */
  end(body?: string): void {
    if (this.destroyed || this.finished || !this.headersSent) return;
    if (body) this.write(Buffer.from(body, "utf8"));
    this.finished = true;
    const tail = this.chunked ? "0\r\n\r\n" : "";
    if (this.head !== undefined || tail) {
      this.started = true;
      this.connection.socket.write((this.head ?? "") + tail, "latin1");
      this.head = undefined;
    }
    this.connection.responseDone();
  }

  destroy(): void {
    if (this.finished || this.destroyed) return;
    this.connection.socket.destroy();
  }

  onDrain(listener: () => void): void {
    this.connection.socket.once("drain", listener);
  }

  /** `listener` runs if the client goes away before the response ends. */
  onClose(listener: () => void): void {
    this.closeListener = listener;
  }

  /** The exchange is over without this response: nothing more of it is written. */
  cancel(): void {
    if (this.finished || this.destroyed) return;
    this.destroyed = true;
    this.head = undefined;
    this.closeListener?.();
  }
}
