// UDP listener (D1, D2, D5): datagrams balanced per flow. A flow is one client address and port;
// its first datagram picks a member with the pool's algorithm (smooth weighted round robin,
// least active flows ÷ weight, or the client address on the hash ring), or the member its
// address is pinned to under SOURCE_IP persistence, and every later datagram of the flow goes to
// that member. Each flow has its own upstream socket, connected to the member, so the member's
// replies are told apart by flow and sent back to the client from the listener's address.
//
// A flow ends after the listener's `keepalive_timeout` with no datagram either way (Huawei's
// idle timeout applies to UDP listeners of dedicated load balancers: 10-4000 s, default 300,
// rule S7); the client's next datagram starts a new flow and may land elsewhere. A flow whose
// member left the pool, moved, or went OFFLINE is balanced afresh on its next datagram (UDP has
// no connection to lose); a member drained to weight 0 or switched off keeps its flows, as a
// TCP member keeps its connections, and takes no new ones. "Active" for weighted least
// connections is the number of live flows (anchors §3.2).
import * as dgram from "node:dgram";
import type { TimerHandle } from "../clock";
import { listenerSpec } from "../../spec/listener";
import { defaultOf } from "../../spec/resource";
import type { CarriedListener, ListenerDeps } from "./carried-listener";
import type { MemberRuntime } from "./member-runtime";
import type { PoolRuntime } from "./pool-runtime";
import type { ListenerConfig } from "./types";

interface Flow {
  readonly key: string;
  readonly address: string;
  readonly port: number;
  readonly pool: PoolRuntime;
  readonly member: MemberRuntime;
  /** The member's endpoint when the flow began: a member that moved is another server. */
  readonly memberAddress: string;
  readonly memberPort: number;
  readonly upstream: dgram.Socket;
  /** Datagrams waiting for the upstream socket to connect; null once connected. */
  pending: Buffer[] | null;
  lastSeen: number;
  ended: boolean;
}

/** The idle timeout the API stores for a UDP listener that was given none (S7). */
const DEFAULT_IDLE_S = defaultOf(listenerSpec.fields.keepalive_timeout, { protocol: "UDP" }) as number;

/** Datagrams a flow holds while its upstream socket connects (the first few of a burst). */
const MAX_PENDING = 64;

export class UdpListener implements CarriedListener {
  private socket: dgram.Socket | undefined;
  private readonly flows = new Map<string, Flow>();
  private sweeper: TimerHandle | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
    public config: ListenerConfig,
    private readonly deps: ListenerDeps,
  ) {}

  get listening(): boolean {
    return this.socket !== undefined;
  }

  /** Live flows (for tests and diagnostics). */
  get flowCount(): number {
    return this.flows.size;
  }

  async bind(): Promise<void> {
    // A fresh socket per attempt: a failed bind is retried on the next configuration change.
    const socket = dgram.createSocket({ type: "udp4" });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        socket.close();
        reject(err);
      };
      socket.once("error", onError);
      // exclusive: a port is one listener's, even inside a cluster.
      socket.bind({ address: this.host, port: this.port, exclusive: true }, () => {
        socket.removeListener("error", onError);
        resolve();
      });
    });
    // Nothing a client sends can fail the listener socket; a send error loses one datagram, as UDP may.
    socket.on("error", (err) => this.deps.log(`UDP listener ${this.host}:${this.port}: ${err.message}`));
    socket.on("message", (msg, rinfo) => this.onDatagram(msg, rinfo.address, rinfo.port));
    this.socket = socket;
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.sweeper?.cancel();
    this.sweeper = undefined;
    for (const flow of [...this.flows.values()]) this.end(flow);
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private get idleMs(): number {
    return (this.config.keepalive_timeout ?? DEFAULT_IDLE_S) * 1000;
  }

  private onDatagram(msg: Buffer, address: string, port: number): void {
    const key = `${address}:${port}`;
    const now = this.deps.clock.now();
    let flow = this.flows.get(key);
    if (flow && !this.serves(flow, now)) {
      this.end(flow);
      flow = undefined;
    }
    if (!flow) {
      flow = this.begin(key, address, port, now);
      // No default pool or no eligible member: the datagram is dropped, as UDP allows.
      if (!flow) return;
    }
    flow.lastSeen = now;
    if (flow.pending) {
      if (flow.pending.length < MAX_PENDING) flow.pending.push(msg);
      return;
    }
    flow.upstream.send(msg);
  }

  /** Whether an existing flow still goes where it went: not idle too long, same pool, member still there. */
  private serves(flow: Flow, now: number): boolean {
    if (now - flow.lastSeen >= this.idleMs) return false;
    const m = flow.member;
    if (m.isRetired || m.checker?.status === "OFFLINE") return false;
    if (m.address !== flow.memberAddress || m.port !== flow.memberPort) return false;
    return this.deps.pool(this.config.default_pool_id) === flow.pool;
  }

  private begin(key: string, address: string, port: number, now: number): Flow | undefined {
    const pool = this.deps.pool(this.config.default_pool_id);
    const member = pool && pool.pickForAddress(address);
    if (!pool || !member) return undefined;
    member.begin();
    member.connections++;
    const upstream = dgram.createSocket({ type: "udp4" });
    const flow: Flow = {
      key,
      address,
      port,
      pool,
      member,
      memberAddress: member.address,
      memberPort: member.port,
      upstream,
      pending: [],
      lastSeen: now,
      ended: false,
    };
    this.flows.set(key, flow);
    // A member that is not listening answers with ICMP port-unreachable, which a connected
    // socket reports as ECONNREFUSED: that datagram is lost, the flow stays (health checks,
    // not the traffic, decide whether the member is down). Anything else ends the flow.
    upstream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "ECONNREFUSED") this.end(flow);
    });
    upstream.on("message", (reply) => this.onReply(flow, reply));
    upstream.connect(member.port, member.address, () => {
      const queued = flow.pending ?? [];
      flow.pending = null;
      if (flow.ended) return;
      for (const datagram of queued) upstream.send(datagram);
    });
    this.scheduleSweep();
    return flow;
  }

  private onReply(flow: Flow, reply: Buffer): void {
    const socket = this.socket;
    if (flow.ended || !socket) return;
    const now = this.deps.clock.now();
    // A reply after the idle timeout belongs to a flow that has already ended.
    if (now - flow.lastSeen >= this.idleMs) return this.end(flow);
    flow.lastSeen = now;
    socket.send(reply, flow.port, flow.address);
  }

  private end(flow: Flow): void {
    if (flow.ended) return;
    flow.ended = true;
    if (this.flows.get(flow.key) === flow) this.flows.delete(flow.key);
    flow.member.end();
    try {
      flow.upstream.close();
    } catch {
      // already closed
    }
  }

  /**
   * Idle flows are found on their next datagram; the sweep frees the sockets of flows that never
   * send again. It runs while there are flows, every half idle timeout (at most every 30 s).
   */
  private scheduleSweep(): void {
    if (this.sweeper || !this.socket) return;
    const every = Math.max(50, Math.min(this.idleMs / 2, 30_000));
    this.sweeper = this.deps.clock.setTimer(every, () => {
      this.sweeper = undefined;
      const now = this.deps.clock.now();
      for (const flow of [...this.flows.values()]) if (now - flow.lastSeen >= this.idleMs) this.end(flow);
      if (this.flows.size > 0) this.scheduleSweep();
    });
  }
}
