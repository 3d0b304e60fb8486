// One member as the data plane runs it: its configuration, counters (requirement 6), health
// checker (D3), slow-start ramp (D4) and — for HTTP listeners — its keep-alive upstream agent.
// Counters and health live here only, never in the store (G8).
import * as http from "node:http";
import { isLoopback } from "./addresses";
import type { HealthChecker } from "./health-checker";
import { SlowStartRamp } from "./slow-start";
import type { MemberCounters, MemberObj } from "./types";

/** Upstream sockets per member; enough for a 2-vCPU box (anchors §4.3) without unbounded fan-out. */
const MAX_SOCKETS_PER_MEMBER = 256;
/** Idle upstream sockets are dropped before Node's default server keep-alive (5 s) can race a reuse. */
const IDLE_SOCKET_MS = 4_000;

export class MemberRuntime implements MemberCounters {
  requests = 0;
  connections = 0;
  active = 0;
  checker: HealthChecker | undefined;
  readonly ramp: SlowStartRamp;
  private agent: http.Agent | undefined;
  /** Agents of a previous endpoint (or of a removed member), destroyed once idle. */
  private draining: http.Agent[] = [];
  private retired = false;

  constructor(
    public config: MemberObj,
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
  reconfigure(config: MemberObj): boolean {
    const moved = config.address !== this.config.address || config.protocol_port !== this.config.protocol_port;
    this.config = config;
    if (moved) this.retireAgent();
    return moved;
  }

  /** Keep-alive agent for the HTTP proxy: requests reuse upstream sockets (anchors §4.2). */
  httpAgent(): http.Agent {
    if (!this.agent) {
      const agent = new http.Agent({
        keepAlive: true,
        maxSockets: MAX_SOCKETS_PER_MEMBER,
        maxFreeSockets: MAX_SOCKETS_PER_MEMBER,
        timeout: IDLE_SOCKET_MS,
      });
      // A retired member may still finish a retry; its agent goes straight to draining.
      if (this.retired) {
        this.draining.push(agent);
        return agent;
      }
      this.agent = agent;
    }
    return this.agent;
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
    this.retireAgent();
  }

  get isRetired(): boolean {
    return this.retired;
  }

  /** Closes everything now (engine shutdown). */
  destroy(): void {
    this.retire();
    for (const a of this.draining) a.destroy();
    this.draining = [];
  }

  private retireAgent(): void {
    if (this.agent) this.draining.push(this.agent);
    this.agent = undefined;
    if (this.active === 0) this.destroyDrained();
  }

  private destroyDrained(): void {
    for (const a of this.draining) a.destroy();
    this.draining = [];
  }
}
