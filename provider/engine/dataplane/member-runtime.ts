// One member as the data plane runs it: its configuration, counters (requirement 6), health
// checker (D3), slow-start ramp (D4) and — for HTTP listeners — its keep-alive upstream pool.
// Counters and health live here only, never in the store (G8).
import type { Clock, TimerHandle } from "../clock";
import { isLoopback } from "./addresses";
import type { HealthChecker } from "./health-checker";
import { HealthHistory } from "./health-history";
import { SlowStartRamp } from "./slow-start";
import type { MemberCounters, MemberConfig } from "./types";
import { UpstreamConnections } from "./upstream-h1";

export class MemberRuntime implements MemberCounters {
  requests = 0;
  connections = 0;
  active = 0;
  checker: HealthChecker | undefined;
  /** Recent checks and status changes; kept across checkers, so a monitor change keeps the story. */
  readonly health = new HealthHistory();
  readonly ramp: SlowStartRamp;
  private pool: UpstreamConnections | undefined;
  /** Upstream connections of a previous endpoint (or of a removed member), closed once idle. */
  private draining: UpstreamConnections[] = [];
  private retired = false;
  /** D6: how to close each open layer-4 connection to this member, for a drain that ends. */
  private readonly open = new Set<() => void>();
  private drainTimer: TimerHandle | undefined;
  /** Only loopback members carry traffic or get probed (see addresses.ts); read on every pick, so worked out per address. */
  reachable: boolean;

  constructor(
    public config: MemberConfig,
    ramps: boolean,
  ) {
    this.ramp = new SlowStartRamp(ramps);
    this.reachable = isLoopback(config.address);
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

  /** Takes the new configuration; returns true when the endpoint (address or port) moved. */
  reconfigure(config: MemberConfig): boolean {
    const moved = config.address !== this.config.address || config.protocol_port !== this.config.protocol_port;
    this.config = config;
    if (moved) {
      this.reachable = isLoopback(config.address);
      this.retireUpstream();
    }
    return moved;
  }

  /**
   * Keep-alive upstream for the HTTP proxy: requests reuse sockets (anchors §4.2: without it a
   * Node proxy churns sockets and collapses). An HTTPS pool re-encrypts towards its members
   * (`secure`); like Huawei's, the load balancer does not verify a member's certificate, as
   * members commonly present self-signed ones. member_timeout is the listener's to enforce.
   */
  upstream(secure = false): UpstreamConnections {
    if (this.pool && this.pool.secure !== secure) this.retireUpstream();
    if (!this.pool) {
      // Counts new upstream connections (a refused attempt too), not reused ones (requirement 6).
      const pool = new UpstreamConnections(this.config.address, this.config.protocol_port, secure, () => this.connections++);
      // A retired member may still finish a retry; its connections go straight to draining.
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
    // Nothing is in flight on them (active is 0), so this closes idle sockets only.
    for (const p of this.draining) p.close();
    this.draining = [];
  }
}
