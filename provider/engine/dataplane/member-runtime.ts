// One member as the data plane runs it: its configuration, counters (requirement 6), health
// checker (D3), slow-start ramp (D4) and — for HTTP listeners — its keep-alive upstream pool.
// Counters and health live here only, never in the store (G8).
import { Pool } from "undici";
import type { Clock, TimerHandle } from "../clock";
import { isLoopback } from "./addresses";
import type { HealthChecker } from "./health-checker";
import { HealthHistory } from "./health-history";
import { SlowStartRamp } from "./slow-start";
import type { MemberCounters, MemberConfig } from "./types";

/** Upstream sockets per member; enough for a 2-vCPU box (anchors §4.3) without unbounded fan-out. */
const MAX_SOCKETS_PER_MEMBER = 256;
/** Idle upstream sockets are dropped before Node's default server keep-alive (5 s) can race a reuse. */
const IDLE_SOCKET_MS = 4_000;
/** At most this long idle even when the member advertises a longer `Keep-Alive: timeout`. */
const MAX_IDLE_SOCKET_MS = 60_000;

export class MemberRuntime implements MemberCounters {
  requests = 0;
  connections = 0;
  active = 0;
  checker: HealthChecker | undefined;
  /** Recent checks and status changes; kept across checkers, so a monitor change keeps the story. */
  readonly health = new HealthHistory();
  readonly ramp: SlowStartRamp;
  private pool: Pool | undefined;
  /** Upstream pools of a previous endpoint (or of a removed member), destroyed once idle. */
  private draining: Pool[] = [];
  private retired = false;
  /** D6: how to close each open layer-4 connection to this member, for a drain that ends. */
  private readonly open = new Set<() => void>();
  private drainTimer: TimerHandle | undefined;

  constructor(
    public config: MemberConfig,
    ramps: boolean,
  ) {
    this.ramp = new SlowStartRamp(ramps);
  }

  get id(): string {
    return this.config.id;
  }
  get address(): string {
    return this.config.address;
  }
  get port(): number {
    return this.config.protocol_port;
  }
  /** Only loopback members carry traffic or get probed (see addresses.ts). */
  get reachable(): boolean {
    return isLoopback(this.config.address);
  }

  /** Takes the new configuration; returns true when the endpoint (address or port) moved. */
  reconfigure(config: MemberConfig): boolean {
    const moved = config.address !== this.config.address || config.protocol_port !== this.config.protocol_port;
    this.config = config;
    if (moved) this.retireUpstream();
    return moved;
  }

  /**
   * Keep-alive upstream for the HTTP proxy: requests reuse sockets (anchors §4.2). undici's
   * client rather than http.request: it parses responses without per-request ClientRequest and
   * agent bookkeeping, the largest single cost of a Node proxy's hot path (anchors §4.2:
   * fast-proxy on undici ≈ 1.6× the http-module version).
   */
  upstream(secure = false): Pool {
    if (!this.pool) {
      const host = this.config.address.includes(":") ? `[${this.config.address}]` : this.config.address;
      // An HTTPS pool re-encrypts towards its members. Like Huawei's, the load balancer does not
      // verify a member's certificate: members commonly present self-signed ones.
      const pool = new Pool(`${secure ? "https" : "http"}://${host}:${this.config.protocol_port}`, {
        ...(secure ? { connect: { rejectUnauthorized: false } } : {}),
        connections: MAX_SOCKETS_PER_MEMBER,
        pipelining: 1,
        keepAliveTimeout: IDLE_SOCKET_MS,
        keepAliveMaxTimeout: MAX_IDLE_SOCKET_MS,
        // member_timeout is enforced by the listener on the engine's Clock, not here.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      // Counts new upstream connections (a refused attempt too), not reused ones (requirement 6).
      pool.on("connect", () => this.connections++);
      pool.on("connectionError", () => this.connections++);
      // A retired member may still finish a retry; its pool goes straight to draining.
      if (this.retired) {
        this.draining.push(pool);
        return pool;
      }
      this.pool = pool;
    }
    return this.pool;
  }

  /** Registers an open layer-4 connection and how to close it; returns the call that forgets it. */
  trackConnection(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  /** Open layer-4 connections (for tests and the drain). */
  get openConnections(): number {
    return this.open.size;
  }

  /**
   * D6: the member takes no new traffic (removed, or weight 0) and its pool drains connections:
   * the ones open now are closed after `ms`. A drain already running keeps its end.
   */
  drain(ms: number, clock: Clock): void {
    if (this.drainTimer) return;
    this.drainTimer = clock.setTimer(ms, () => {
      this.drainTimer = undefined;
      for (const close of [...this.open]) close();
      this.open.clear();
    });
  }

  /** D6: the member takes traffic again before its drain ended; its connections stay. */
  cancelDrain(): void {
    this.drainTimer?.cancel();
    this.drainTimer = undefined;
  }

  get connectionsDraining(): boolean {
    return this.drainTimer !== undefined;
  }

  /** One request (L7) or connection (L4) starts on this member. */
  begin(countRequest = true): void {
    if (countRequest) this.requests++;
    this.active++;
  }

  /** It finished (answered, failed or closed). */
  end(): void {
    this.active--;
    if (this.active === 0) this.destroyDrained();
  }

  /** The member left the configuration: stop checks, and close its sockets once idle. */
  retire(): void {
    this.retired = true;
    this.checker?.stop();
    this.checker = undefined;
    this.retireUpstream();
  }

  get isRetired(): boolean {
    return this.retired;
  }

  /** Closes everything now (engine shutdown). */
  destroy(): void {
    this.cancelDrain();
    this.retire();
    this.destroyDrained();
  }

  private retireUpstream(): void {
    if (this.pool) this.draining.push(this.pool);
    this.pool = undefined;
    if (this.active === 0) this.destroyDrained();
  }

  private destroyDrained(): void {
    // Nothing is in flight on them (active is 0), so destroying only closes idle sockets.
    for (const p of this.draining) p.destroy().catch(() => undefined);
    this.draining = [];
  }
}
