// HTTP listener (D1, D2, D5): a reverse proxy that balances every request, not every
// connection, so a keep-alive client is spread over members by weight.
//
// Proxy hygiene (anchors §3.7): hop-by-hop headers are stripped both ways, X-Forwarded-For /
// -Proto / -Port are added, and each member has a keep-alive upstream pool so sockets are
// reused (anchors §4.2: without it a Node proxy churns sockets and collapses). Failures are
// answered in HTTP: 503 when no member is eligible, 502 when the member refuses or drops the
// connection, 504 when it does not answer within `member_timeout` (read from the Clock).
// "Active" for weighted least connections is requests in flight (anchors §3.2).
//
// Clients are read and answered by the listener's own HTTP/1.1 server (downstream-h1.ts), which
// also enforces client_timeout and keepalive_timeout (D11); members are reached through its own
// keep-alive client (upstream-h1.ts).
import { randomBytes } from "node:crypto";
import * as net from "node:net";
import * as tls from "node:tls";
import { clientAddress } from "./addresses";
import { admits } from "./ip-filter";
import { connectionLimit, listenOn, OpenSockets, type CarriedListener, type ListenerDeps } from "./carried-listener";
import { forwardRequestHeaders, headerPlan, headerValues, readCookie, setCookieValue, withoutHopByHop, type HeaderPlan } from "./http-headers";
import { compressesResponse, gzipStream } from "./compression";
import { answerText, serveHttp1, type BodySink, type ClientRequest, type ClientResponse, type ServeOptions } from "./downstream-h1";
import type { MemberRuntime } from "./member-runtime";
import type { PoolRuntime } from "./pool-runtime";
import { listenerTls, pickSni, presentedCertificateId, tlsKey, type ListenerTls } from "./tls";
import type { ListenerConfig } from "./types";
import type { UpstreamHandler } from "./upstream-h1";

/** The cookie the engine inserts for HTTP_COOKIE persistence (D5). */
export const STICKY_COOKIE = "ELB_STICKY";

/** Huawei's defaults, in seconds, when a listener leaves these null. */
const DEFAULT_MEMBER_TIMEOUT_S = 60;
const DEFAULT_CLIENT_TIMEOUT_S = 60;
const DEFAULT_KEEPALIVE_S = 60;

/** A compressed body has a new length, sent chunked. */
const COMPRESSED_AWAY = new Set(["content-length"]);

/** Connection failures before any answer, where a bodiless idempotent request may be retried once. */
const RETRYABLE = new Set(["ECONNRESET", "EPIPE"]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);

/** The request's cookies as one Cookie header (several are joined with "; ", as RFC 6265 §5.4 writes them). */
const cookieHeader = (req: ClientRequest): string => headerValues(req.rawHeaders, "cookie").join("; ");

interface Decision {
  member: MemberRuntime;
  /** A new HTTP_COOKIE token to hand the client. */
  newToken?: string;
}

export class HttpListener implements CarriedListener {
  private server: net.Server | tls.Server | undefined;
  private readonly sockets = new OpenSockets();
  /** D7: the headers this listener's insert_headers add, worked out once per configuration. */
  private headers: HeaderPlan;
  /** An HTTPS listener's certificates as the server presents them now (C8). */
  private tls: Extract<ListenerTls, { ok: true }> | undefined;
  /** The certificate each client connection's handshake presented, for X-Forwarded-TLS-Certificate-ID. */
  private readonly presented = new WeakMap<tls.TLSSocket, string>();
  /** Timeouts are read from the configuration in force when they are set, so changes apply at once. */
  private readonly serveOptions: ServeOptions = {
    requestTimeoutMs: () => (this.current.client_timeout ?? DEFAULT_CLIENT_TIMEOUT_S) * 1000,
    keepAliveMs: () => (this.current.keepalive_timeout ?? DEFAULT_KEEPALIVE_S) * 1000,
  };

  constructor(
    readonly host: string,
    readonly port: number,
    private current: ListenerConfig,
    private readonly deps: ListenerDeps,
  ) {
    this.headers = this.planHeaders(current);
  }

  get config(): ListenerConfig {
    return this.current;
  }
  set config(config: ListenerConfig) {
    this.current = config;
    this.headers = this.planHeaders(config);
    // D9: Node drops connections accepted beyond maxConnections at once.
    if (this.server) this.server.maxConnections = connectionLimit(config);
    // A new certificate (or a changed SNI list) applies to the next handshake.
    if (this.server instanceof tls.Server && this.tls && tlsKey(config, this.deps) !== this.tls.key) {
      const next = listenerTls(config, this.deps);
      if (next.ok) {
        this.server.setSecureContext(next.defaults);
        this.tls = next;
      }
    }
  }

  /** Whether clients speak TLS to this listener. */
  private get secure(): boolean {
    return this.current.protocol === "HTTPS";
  }

  private planHeaders(config: ListenerConfig): HeaderPlan {
    return headerPlan(config.insert_headers as Record<string, unknown> | null | undefined, {
      loadbalancerId: config.loadbalancer_id,
      vipAddress: this.host,
      certificateId: config.protocol === "HTTPS" ? (socket) => this.presented.get(socket) : undefined,
    });
  }

  get listening(): boolean {
    return !!this.server?.listening;
  }

  async bind(): Promise<void> {
    const server = this.secure ? this.httpsServer() : net.createServer({ noDelay: true, allowHalfOpen: true });
    server.on("connection", (socket: net.Socket) => {
      // I5: a client the listener's IP group keeps out is reset before a byte is read (before TLS).
      if (!admits(this.current, this.deps.ipGroup, socket.remoteAddress)) return void socket.resetAndDestroy();
      this.sockets.track(socket);
      if (!this.secure) this.serve(socket);
    });
    server.maxConnections = connectionLimit(this.current);
    await listenOn(server, this.host, this.port);
    this.server = server;
  }

  /**
   * C8: TLS is terminated here with the listener's certificate, or the SNI certificate whose
   * domain names the client's server name. With a client CA, a client must present a
   * certificate that chains to it, or the handshake fails.
   */
  private httpsServer(): tls.Server {
    const config = listenerTls(this.current, this.deps);
    if (!config.ok) throw new Error(config.reason);
    this.tls = config;
    const verify = config.clientCa !== undefined;
    const server = tls.createServer({
      ...config.defaults,
      ALPNProtocols: ["http/1.1"],
      noDelay: true,
      // A client may end its side after its requests and still read the answers.
      allowHalfOpen: true,
      requestCert: verify,
      rejectUnauthorized: verify,
      SNICallback: (name, done) => done(null, this.tls ? pickSni(this.tls.sni, name, this.current.sni_match_algo) : undefined),
    });
    server.on("tlsClientError", (_err, socket) => socket.destroy());
    server.on("secureConnection", (socket: tls.TLSSocket) => {
      // SNICallback is not told which connection it chooses for, so the choice is made again once
      // the handshake is done, from the same server name and certificates.
      if (this.tls) this.presented.set(socket, presentedCertificateId(this.tls, socket.servername, this.current.sni_match_algo));
      this.serve(socket);
    });
    return server;
  }

  private serve(socket: net.Socket): void {
    serveHttp1(socket, this.serveOptions, (req, res) => this.onRequest(req, res));
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await this.sockets.closeWith(server);
  }

  private onRequest(req: ClientRequest, res: ClientResponse): void {
    const pool = this.deps.pool(this.current.default_pool_id);
    if (!pool) return this.fail(res, 503, "the listener has no default pool");
    const client = clientAddress(req.socket.remoteAddress);
    const decision = this.choose(pool, req, client);
    if (!decision) return this.fail(res, 503, `no member of pool ${pool.id} can take traffic (none healthy with weight > 0)`);
    this.forward(req, res, pool, client, decision, 0);
  }

  /** D5 first (a live pin to an eligible member), then a fresh D2 decision. */
  private choose(pool: PoolRuntime, req: ClientRequest, client: string): Decision | undefined {
    const sp = pool.persistence;
    switch (sp?.type) {
      case "HTTP_COOKIE": {
        const token = readCookie(cookieHeader(req), STICKY_COOKIE);
        const pinned = token ? pool.pinned(token) : undefined;
        if (pinned) return { member: pinned };
        const member = pool.pick(client);
        if (!member) return undefined;
        // A fresh token rather than the stale one: a client can never choose its own key.
        const newToken = randomBytes(12).toString("base64url");
        pool.pin(newToken, member);
        return { member, newToken };
      }
      case "APP_COOKIE": {
        const value = sp.cookie_name ? readCookie(cookieHeader(req), sp.cookie_name) : undefined;
        const pinned = value ? pool.pinned(value) : undefined;
        if (pinned) return { member: pinned };
        const member = pool.pick(client);
        // The session already has its cookie: it follows its new member from now on.
        if (member && value) pool.pin(value, member);
        return member && { member };
      }
      case "SOURCE_IP": {
        const member = pool.pickForAddress(client);
        return member && { member };
      }
      default: {
        const member = pool.pick(client);
        return member && { member };
      }
    }
  }

  private forward(
    req: ClientRequest,
    res: ClientResponse,
    pool: PoolRuntime,
    client: string,
    decision: Decision,
    attempt: number,
  ): void {
    const { member } = decision;
    const listener = this.current;
    const sp = pool.persistence;
    // A retry is the same request: count it once.
    member.begin(attempt === 0);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      member.end();
    };

    const headers = forwardRequestHeaders(
      req.rawHeaders,
      {
        clientAddress: client,
        clientPort: req.socket.remotePort ?? 0,
        proto: this.secure ? "https" : "http",
        listenerPort: listener.protocol_port,
        dropCookie: sp?.type === "HTTP_COOKIE" ? STICKY_COOKIE : undefined,
        tls: this.headers.readsTls ? (req.socket as tls.TLSSocket) : undefined,
      },
      this.headers,
    );
    // The body stream is the request's own, apart from the client's socket: an upstream failure
    // that destroys it leaves the socket (and the 502 on it) alone.
    const hasBody = req.body !== null;
    const body = attempt === 0 ? req.body : null;

    let abort: ((reason: Error) => void) | undefined;
    /** Why the exchange was given up, if it was (possibly before the upstream handed us `abort`). */
    let abandoned: Error | undefined;
    const abandon = (why: string) => {
      abandoned ??= new Error(why);
      abort?.(abandoned);
    };

    let timedOut = false;
    const memberTimeoutMs = (listener.member_timeout ?? DEFAULT_MEMBER_TIMEOUT_S) * 1000;
    const timer = this.deps.clock.setTimer(memberTimeoutMs, () => {
      timedOut = true;
      abandon("member_timeout");
      finish();
      this.fail(res, 504, `member ${member.address}:${member.port} did not answer within ${memberTimeoutMs / 1000} s (member_timeout)`);
    });

    // The client went away: stop working for it.
    res.onClose(() => {
      timer.cancel();
      abandon("client closed the connection");
      finish();
    });

    let draining = false;
    /** Where the response body goes: the client, or a gzip stream in front of it (D10). */
    let sink: BodySink = res;
    const fail = (err: Error & { code?: string }) => {
      timer.cancel();
      finish();
      if (timedOut || res.destroyed) return;
      if (res.headersSent) {
        // The member dropped the response midway: the client must not take it for complete.
        if (sink !== res) sink.destroy();
        res.destroy();
        return;
      }
      // Typically an idle keep-alive socket the member closed just as it was reused. The request
      // may have reached the member all the same, so the one retry is kept to bodiless requests
      // with idempotent methods, which a client may repeat automatically (RFC 9110 §9.2.2).
      if (attempt === 0 && !hasBody && IDEMPOTENT.has(req.method) && RETRYABLE.has(err.code ?? "")) {
        this.forward(req, res, pool, client, decision, 1);
        return;
      }
      const code = err.code ?? (err.cause as { code?: string } | undefined)?.code;
      const why =
        code === "ECONNREFUSED" ? "refused the connection" : code === "UPSTREAM_PROTOCOL" ? `broke HTTP/1.1 (${err.message})` : `failed (${code ?? err.message})`;
      this.fail(res, 502, `member ${member.address}:${member.port} ${why}`);
    };

    let resume: (() => void) | undefined;
    const onDrain = () => {
      draining = false;
      resume?.();
    };
    // Raw header lists in and out, and false to pause: nothing is parsed into objects that this
    // proxy would only flatten again.
    const handler: UpstreamHandler = {
      onConnect: (a) => {
        abort = a;
        if (abandoned) a(abandoned);
      },
      onHeaders: (statusCode, upstreamHeaders, resumeUpstream, statusText) => {
        timer.cancel();
        resume = resumeUpstream;
        if (sp?.type === "APP_COOKIE" && sp.cookie_name) {
          // D5: the application started (or renewed) a session; pin it to the member that issued it.
          const value = setCookieValue(headerValues(upstreamHeaders, "set-cookie"), sp.cookie_name);
          if (value) pool.pin(value, member);
        }
        // D10: gzip where the listener, the client and the response all allow it.
        const gzip = listener.gzip_enable === true && compressesResponse(req.method, req.rawHeaders, statusCode, upstreamHeaders);
        const out = withoutHopByHop(upstreamHeaders, gzip ? COMPRESSED_AWAY : undefined);
        if (gzip) out.push("Content-Encoding", "gzip", "Vary", "Accept-Encoding");
        if (decision.newToken) out.push("Set-Cookie", `${STICKY_COOKIE}=${decision.newToken}; Path=/; HttpOnly`);
        if (res.destroyed) {
          abandon("client closed the connection");
          finish();
          return false;
        }
        res.writeHead(statusCode, statusText, out);
        if (gzip) sink = gzipStream(res);
        return true;
      },
      onData: (chunk) => {
        if (sink.write(chunk)) return true;
        // Backpressure: the member waits while the client is slower than it.
        if (!draining) {
          draining = true;
          sink.onDrain(onDrain);
        }
        return false;
      },
      onComplete: () => {
        sink.end();
        finish();
      },
      onError: (err) => fail(err),
    };
    // An HTTPS pool re-encrypts towards its members (P2).
    member.upstream(pool.config.protocol === "HTTPS").dispatch({ path: req.target, method: req.method, headers, body }, handler);
  }

  private fail(res: ClientResponse, status: number, message: string): void {
    if (res.headersSent || res.destroyed) return;
    const body = answerText(status, message);
    res.writeHead(status, undefined, ["content-type", "text/plain; charset=utf-8", "content-length", String(Buffer.byteLength(body))]);
    res.end(body);
  }
}
