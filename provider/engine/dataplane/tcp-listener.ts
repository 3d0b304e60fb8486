// TCP listener (D1, D2): byte pass-through, one balancing decision per client connection.
// With SOURCE_IP persistence (D5) a client address stays on its member until the pin expires.
// "Active" for weighted least connections is the number of open connections (anchors §3.2).
import * as net from "node:net";
import { clientAddress } from "./addresses";
import { admits } from "./ip-filter";
import { listenOn, OpenSockets, type CarriedListener, type ListenerDeps } from "./carried-listener";
import type { MemberRuntime } from "./member-runtime";
import type { PoolRuntime } from "./pool-runtime";
import type { ListenerConfig } from "./types";

export class TcpListener implements CarriedListener {
  private server: net.Server | undefined;
  private readonly sockets = new OpenSockets();

  constructor(
    readonly host: string,
    readonly port: number,
    public config: ListenerConfig,
    private readonly deps: ListenerDeps,
  ) {}

  get listening(): boolean {
    return !!this.server?.listening;
  }

  async bind(): Promise<void> {
    // A fresh server per attempt: a failed bind is retried on the next configuration change.
    const server = net.createServer({ allowHalfOpen: true }, (socket) => this.onConnection(socket));
    await listenOn(server, this.host, this.port);
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await this.sockets.closeWith(server);
  }

  private choose(pool: PoolRuntime, client: string): MemberRuntime | undefined {
    if (pool.persistence?.type !== "SOURCE_IP") return pool.pick(client);
    const pinned = pool.pinned(client);
    if (pinned) return pinned;
    const member = pool.pick(client);
    if (member) pool.pin(client, member);
    return member;
  }

  private onConnection(client: net.Socket): void {
    this.sockets.track(client);
    client.on("error", () => client.destroy());
    // I5: a client the listener's IP group keeps out is reset at once.
    if (!admits(this.config, this.deps.ipGroup, client.remoteAddress)) return void client.resetAndDestroy();
    const pool = this.deps.pool(this.config.default_pool_id);
    const member = pool && this.choose(pool, clientAddress(client.remoteAddress));
    if (!member) {
      // No default pool or no eligible member: refuse the connection outright, as a load
      // balancer with no healthy backend does, rather than accept and hang.
      client.resetAndDestroy();
      return;
    }

    member.begin();
    member.connections++;
    const upstream = net.connect({ host: member.address, port: member.port, allowHalfOpen: true });
    this.sockets.track(upstream);
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
      if (!client.destroyed) client.resetAndDestroy();
      upstream.destroy();
    });
    client.once("close", () => upstream.destroy());

    const idle = this.config.keepalive_timeout;
    if (idle && idle > 0) {
      client.setTimeout(idle * 1000, () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
