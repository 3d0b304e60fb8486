// TCP listener (D1, D2): byte pass-through, one balancing decision per client connection.
// With SOURCE_IP persistence (D5) a client address stays on its member until the pin expires.
// "Active" for weighted least connections is the number of open connections (anchors §3.2).
// The member learns the client's address (D8) as the source of the connection (transparent
// client IP, on loopback where every 127/8 address is this machine's) or from a PROXY protocol
// line; `connection` caps open client connections (D9); a member being drained has its
// connections closed when the drain ends (D6). A TLS listener (tls-listener.ts) is this listener
// behind a TLS server: it hands its decrypted streams to the same forwarding.
import * as net from "node:net";
import * as tls from "node:tls";
import { clientAddress, isLoopback } from "./addresses";
import { admits } from "./ip-filter";
import { connectionLimit, listenOn, OpenSockets, type CarriedListener, type ListenerDeps } from "./carried-listener";
import type { MemberRuntime } from "./member-runtime";
import type { ListenerConfig } from "./types";

export class TcpListener implements CarriedListener {
  protected server: net.Server | undefined;
  private readonly sockets = new OpenSockets();

  constructor(
    readonly host: string,
    readonly port: number,
    protected current: ListenerConfig,
    protected readonly deps: ListenerDeps,
  ) {}

  get listening(): boolean {
    return !!this.server?.listening;
  }

  async bind(): Promise<void> {
    // A fresh server per attempt: a failed bind is retried on the next configuration change.
    const server = this.createServer();
    this.applyLimit(server);
    await listenOn(server, this.host, this.port);
    this.server = server;
  }

  /** The server clients connect to: here plain TCP, each connection forwarded as it arrives. */
  protected createServer(): net.Server {
    return net.createServer({ allowHalfOpen: true }, (socket) => {
      if (this.admit(socket)) this.forward(socket);
    });
  }

  /** D9: Node drops connections accepted beyond maxConnections at once. */
  private applyLimit(server: net.Server): void {
    server.maxConnections = connectionLimit(this.current);
  }

  get config(): ListenerConfig {
    return this.current;
  }
  set config(config: ListenerConfig) {
    this.current = config;
    if (this.server) this.applyLimit(this.server);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await this.sockets.closeWith(server);
  }

  /**
   * Tracks a new client connection, as it arrives (before any TLS), and says whether it may stay.
   * I5: a client the listener's IP group keeps out is reset at once.
   */
  protected admit(client: net.Socket): boolean {
    this.sockets.track(client);
    client.on("error", () => client.destroy());
    if (admits(this.current, this.deps.ipGroup, client.remoteAddress)) return true;
    client.resetAndDestroy();
    return false;
  }

  /** Forwards a client's byte stream (decrypted, on a TLS listener) to a member of the default pool. */
  protected forward(client: net.Socket): void {
    const pool = this.deps.pool(this.current.default_pool_id);
    const member = pool && pool.pickForAddress(clientAddress(client.remoteAddress));
    if (!member) {
      // No default pool or no eligible member: refuse the connection outright, as a load
      // balancer with no healthy backend does, rather than accept and hang.
      refuse(client);
      return;
    }

    member.begin();
    member.connections++;
    const config = this.current;
    const from = clientAddress(client.remoteAddress);
    const raw = net.connect({ host: member.address, port: member.port, allowHalfOpen: true, localAddress: sourceFor(config, member, from) });
    this.sockets.track(raw);
    // D6: a drained member's connections are closed when its drain ends.
    const untrack = member.trackConnection(() => {
      client.destroy();
      raw.destroy();
    });
    if (config.proxy_protocol_enable === true) {
      // D8: the PROXY protocol v1 line comes before any byte of the client's (and, to a TLS
      // pool, before the handshake, as HAProxy's send-proxy does).
      raw.write(proxyProtocolV1(from, client.remotePort ?? 0, clientAddress(client.localAddress), client.localPort ?? this.port));
    }
    // P2: a TLS pool (behind a TLS listener) is re-encrypted towards its members. Like Huawei's,
    // the load balancer does not verify a member's certificate: members commonly present
    // self-signed ones.
    const upstream: net.Socket = pool.config.protocol === "TLS" ? tls.connect({ socket: raw, rejectUnauthorized: false }) : raw;
    if (upstream !== raw) {
      raw.on("error", () => upstream.destroy(new Error("member connection failed")));
      raw.once("close", () => upstream.destroy());
    }
    upstream.once("close", untrack);
    let ended = false;
    // Each side's FIN is passed on by pipe(); allowHalfOpen keeps the other direction open
    // until it has flushed, so a member's last bytes are never cut off.
    upstream.once("close", () => {
      if (!ended) {
        ended = true;
        member.end();
      }
    });
    upstream.on("error", () => {
      // The member refused or dropped us: the client sees a reset, not a silent close.
      if (!client.destroyed) refuse(client);
      upstream.destroy();
    });
    client.once("close", () => {
      upstream.destroy();
      raw.destroy();
    });

    const idle = config.keepalive_timeout;
    if (idle && idle > 0) {
      client.setTimeout(idle * 1000, () => {
        client.destroy();
        raw.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/**
 * Refuses a client: a TCP client sees a reset; a TLS client, whose socket Node cannot reset once
 * it speaks TLS, sees the connection closed.
 */
function refuse(client: net.Socket): void {
  if (client instanceof tls.TLSSocket) client.destroy();
  else client.resetAndDestroy();
}

/**
 * D8: the address the engine connects to a member from. With transparent client IP (always on
 * for TCP listeners of dedicated load balancers) it is the client's own address, which on
 * loopback this machine can use; an IP backend, or a client of another address family, sees the
 * engine's address instead, as Huawei's IP backends see the load balancer's.
 */
function sourceFor(config: ListenerConfig, member: MemberRuntime, client: string): string | undefined {
  if (config.transparent_client_ip_enable === false || member.config.member_type === "ip") return undefined;
  if (!isLoopback(client) || net.isIPv4(client) !== net.isIPv4(member.address)) return undefined;
  // The loopback route's own source: binding it first would only cost an ephemeral port per
  // connection that connect() alone shares across destinations.
  if (client === "127.0.0.1" || client === "::1") return undefined;
  return client;
}

/** D8: a PROXY protocol version 1 header (HAProxy's proxy-protocol.txt): client, then listener. */
export function proxyProtocolV1(source: string, sourcePort: number, destination: string, destinationPort: number): string {
  const family = net.isIPv4(source) && net.isIPv4(destination) ? "TCP4" : net.isIPv6(source) && net.isIPv6(destination) ? "TCP6" : undefined;
  if (!family) return "PROXY UNKNOWN\r\n";
  return `PROXY ${family} ${source} ${destination} ${sourcePort} ${destinationPort}\r\n`;
}
