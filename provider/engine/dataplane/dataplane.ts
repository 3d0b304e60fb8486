// The engine's data plane: real traffic on loopback, driven by the stored configuration.
//
// It reads the control plane's stored objects once, binds listeners (D1), runs health checks
// (D3), balances (D2) with slow start (D4) and sticky sessions (D5), and counts traffic per
// member. Then it follows the changes the control plane commits: each change updates its copy of
// the configuration and marks the pool it touches, and a reconcile applies the marked pools and
// re-plans the listeners. Listeners whose binding is unchanged keep their sockets and pick up the
// new configuration for the next connection or request; members keep their health, ramp and
// counters. Nothing here is persisted (G8): health starts over from INITIAL after a restart.
import type { Clock } from "../clock";
import type { CarriedListener, ListenerDeps } from "./carried-listener";
import { describeBindError } from "./carried-listener";
import { HttpListener } from "./http-listener";
import { planListener, type CarriedProtocol } from "./listener-plan";
import { PoolRuntime, type PoolDeps } from "./pool-runtime";
import { createProbe } from "./probes";
import { TcpListener } from "./tcp-listener";
import { TlsListener } from "./tls-listener";
import { UdpListener } from "./udp-listener";
import type {
  ConfigChange,
  OtherChange,
  ConfigKind,
  ConfigObjects,
  ConfigSource,
  DataPlaneCounters,
  DataPlaneOptions,
  ListenerConfig,
  ListenerStatus,
  MemberHealth,
  MemberView,
} from "./types";

/**
 * Changes arriving within this window are applied together (a batch-add of 200 members is one
 * reconcile, not 200). It is plumbing, not modelled time, so it runs on a real timer: a control
 * plane tested with a FakeClock still sees its writes reach traffic, well within the 1 s promise.
 */
const COALESCE_MS = 20;

/** What a carried listener with no default pool does with its traffic. */
const NO_POOL_EFFECT: Record<CarriedProtocol, string> = {
  TCP: "connections are reset",
  UDP: "datagrams are dropped",
  HTTP: "requests are answered 503",
  HTTPS: "requests are answered 503",
  TLS: "connections are closed after the handshake",
};

interface ListenerEntry {
  key: string;
  runtime: CarriedListener;
}

export class DataPlane {
  private readonly clock: Clock;
  private readonly source: ConfigSource;
  private readonly log: (message: string) => void;
  private readonly pools = new Map<string, PoolRuntime>();
  private readonly memberPools = new Map<string, PoolRuntime>();
  private readonly listeners = new Map<string, ListenerEntry>();
  private readonly statuses = new Map<string, ListenerStatus>();
  /** The configuration, as the changes so far leave it. */
  private readonly config: { [K in ConfigKind]: Map<string, ConfigObjects[K]> } = {
    loadbalancer: new Map(),
    listener: new Map(),
    pool: new Map(),
    member: new Map(),
    healthmonitor: new Map(),
    certificate: new Map(),
    security_policy: new Map(),
    ipgroup: new Map(),
  };
  private readonly membersByPool = new Map<string, Set<string>>();
  /**
   * Members added by a write to a pool that already had members (D4: they ramp), until their
   * pool is next applied. Decided per write, because the coalescing window may fold the write
   * that adds a pool's first member and the one that adds its second into one reconcile.
   */
  private readonly joinedServing = new Set<string>();
  private readonly monitorByPool = new Map<string, string>();
  /** Pools whose configuration, members or monitor changed since the last reconcile. */
  private readonly dirtyPools = new Set<string>();
  private readonly poolDeps: PoolDeps;
  private readonly listenerDeps: ListenerDeps;
  private unsubscribe: (() => void) | undefined;
  private coalesce: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  private started = false;
  private closed = false;

  constructor(options: DataPlaneOptions) {
    this.clock = options.clock;
    this.source = options.source;
    this.log = options.log ?? (() => undefined);
    this.poolDeps = {
      clock: this.clock,
      probeFor: (monitor, member) => createProbe(monitor, member, this.clock),
      log: this.log,
    };
    this.listenerDeps = {
      clock: this.clock,
      pool: (id) => (id ? this.pools.get(id) : undefined),
      log: this.log,
      certificate: (id) => this.config.certificate.get(id),
      securityPolicy: (id: string) => this.config.security_policy.get(id),
      ipGroup: (id: string) => this.config.ipgroup.get(id),
    };
  }

  /** Reads the stored objects, binds listeners, starts health checks, then follows changes. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Read and subscribe in one synchronous step: no commit can fall between the two.
    for (const kind of Object.keys(this.config) as ConfigKind[]) {
      for (const obj of this.source.all(kind)) this.apply({ op: "put", kind, obj } as ConfigChange);
    }
    this.unsubscribe = this.source.onChange((changes) => this.changed(changes));
    this.running = this.reconcile().finally(() => this.reconciled());
    await this.running;
  }

  /** Health of a monitored member (D3, M7); undefined when it has no enabled monitor or is not tracked. */
  memberStatus(memberId: string): MemberHealth | undefined {
    return this.memberPools.get(memberId)?.memberHealth(memberId);
  }

  /**
   * What the console shows of one member beside its configuration: its health and checks, the
   * weight it competes with right now (0 when weight 0, down or not ONLINE; less while slow start
   * ramps it, D4) and where its ramp is. Undefined for a member not in the configuration.
   */
  memberView(memberId: string): MemberView | undefined {
    const pool = this.memberPools.get(memberId);
    const m = pool?.member(memberId);
    if (!pool || !m) return undefined;
    const now = this.clock.now();
    const ss = pool.config.slow_start;
    return {
      health: m.checker?.status,
      effectiveWeight: pool.effectiveWeight(m, now),
      ramp: { phase: m.ramp.phase, startedAt: m.ramp.started, factor: ss?.enable ? m.ramp.factor(ss.duration * 1000, now) : 1 },
      active: m.active,
      probes: m.health.recentProbes(),
      transitions: m.health.recentTransitions(),
    };
  }

  listenerStatus(listenerId: string): ListenerStatus {
    return this.statuses.get(listenerId) ?? { carrying: false, reason: `listener ${listenerId} is not in the configuration` };
  }

  counters(): DataPlaneCounters {
    const members: DataPlaneCounters["members"] = {};
    for (const pool of this.pools.values()) {
      for (const m of pool.members) members[m.id] = { requests: m.requests, connections: m.connections, active: m.active };
    }
    return { members };
  }

  /** Resolves once every change reported so far has been applied. */
  async settled(): Promise<void> {
    while (this.coalesce || this.running) {
      if (this.coalesce) {
        clearTimeout(this.coalesce);
        this.coalesce = undefined;
        this.kick();
      }
      await this.running;
    }
  }

  /** Stops health checks and closes every listener and upstream connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.coalesce) clearTimeout(this.coalesce);
    this.coalesce = undefined;
    await this.running?.catch(() => undefined);
    await Promise.all([...this.listeners.values()].map((e) => e.runtime.close()));
    this.listeners.clear();
    for (const pool of this.pools.values()) pool.dispose(true);
    this.pools.clear();
    this.memberPools.clear();
    this.statuses.clear();
  }

  private changed(changes: readonly (ConfigChange | OtherChange)[]): void {
    if (this.closed) return;
    // One call is one write: a batch that fills an empty pool has no member to protect (D4).
    for (const change of changes) {
      if (change.kind === "member" && change.op === "put" && !this.config.member.has(change.obj.id) && this.membersByPool.has(change.obj.pool_id)) {
        this.joinedServing.add(change.obj.id);
      }
      if (change.kind === "member" && change.op === "delete") this.joinedServing.delete(change.id);
    }
    for (const change of changes) if (change.kind !== "settings") this.apply(change);
    if (this.coalesce) return;
    this.coalesce = setTimeout(() => {
      this.coalesce = undefined;
      this.kick();
    }, COALESCE_MS);
  }

  /** One reconcile at a time; changes during one are folded into a single follow-up. */
  private kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = this.reconcile()
      .catch((err: unknown) => this.log(`data plane: could not apply the configuration: ${(err as Error)?.stack ?? err}`))
      .finally(() => this.reconciled());
  }

  private reconciled(): void {
    this.running = undefined;
    if (this.dirty) {
      this.dirty = false;
      this.kick();
    }
  }

  /** Takes one change into the configuration and marks the pool it touches. */
  private apply(change: ConfigChange): void {
    const table = this.config[change.kind] as Map<string, ConfigObjects[ConfigKind]>;
    const id = change.op === "put" ? change.obj.id : change.id;
    const before = table.get(id);
    if (change.op === "put") table.set(id, change.obj);
    else table.delete(id);
    const after = change.op === "put" ? change.obj : undefined;
    switch (change.kind) {
      case "pool":
        this.dirtyPools.add(id);
        break;
      case "member":
        for (const m of [before, after] as (ConfigObjects["member"] | undefined)[]) {
          if (!m) continue;
          this.dirtyPools.add(m.pool_id);
          let ids = this.membersByPool.get(m.pool_id);
          if (!ids) this.membersByPool.set(m.pool_id, (ids = new Set()));
          if (m === after) ids.add(id);
          else ids.delete(id);
          if (ids.size === 0) this.membersByPool.delete(m.pool_id);
        }
        break;
      case "healthmonitor":
        for (const hm of [before, after] as (ConfigObjects["healthmonitor"] | undefined)[]) {
          if (!hm) continue;
          this.dirtyPools.add(hm.pool_id);
          // H1: one monitor per pool.
          if (hm === after) this.monitorByPool.set(hm.pool_id, id);
          else if (this.monitorByPool.get(hm.pool_id) === id) this.monitorByPool.delete(hm.pool_id);
        }
        break;
      // Load balancers and listeners are planned afresh on every reconcile.
    }
  }

  private async reconcile(): Promise<void> {
    const dirty = [...this.dirtyPools];
    this.dirtyPools.clear();
    for (const id of dirty) this.applyPool(id);
    await this.applyListeners();
  }

  private applyPool(id: string): void {
    const pool = this.config.pool.get(id);
    let runtime = this.pools.get(id);
    if (runtime) for (const m of runtime.members) this.memberPools.delete(m.id);
    if (!pool) {
      runtime?.dispose();
      this.pools.delete(id);
      return;
    }
    if (!runtime) {
      runtime = new PoolRuntime(id, this.poolDeps);
      this.pools.set(id, runtime);
    }
    const monitorId = this.monitorByPool.get(id);
    const monitor = monitorId === undefined ? undefined : this.config.healthmonitor.get(monitorId);
    const members = [...(this.membersByPool.get(id) ?? [])].map((memberId) => this.config.member.get(memberId)!);
    // A disabled monitor checks nothing (M7 NO_MONITOR): members are then eligible unchecked.
    // Members present when the engine starts were added by no write seen here: none ramps (D4).
    runtime.update(pool, monitor?.admin_state_up ? monitor : undefined, members, (memberId) => this.joinedServing.has(memberId));
    for (const m of members) this.joinedServing.delete(m.id);
    for (const m of runtime.members) this.memberPools.set(m.id, runtime);
  }

  private async applyListeners(): Promise<void> {
    const lbs = this.config.loadbalancer;
    const plans = new Map([...this.config.listener.values()].map((l) => [l.id, { listener: l, plan: planListener(l, lbs, this.config.pool, this.listenerDeps.certificate) }]));

    // Close what is gone or moved first, so a port handed from one listener to another is free.
    const closing: Promise<void>[] = [];
    for (const [id, entry] of this.listeners) {
      const plan = plans.get(id)?.plan;
      if (!plan || !plan.carry || plan.key !== entry.key) {
        this.listeners.delete(id);
        closing.push(entry.runtime.close());
        this.log(`listener ${id} stopped carrying traffic on ${entry.runtime.host}:${entry.runtime.port}`);
      }
    }
    await Promise.all(closing);
    for (const id of [...this.statuses.keys()]) if (!plans.has(id)) this.statuses.delete(id);

    const binding: Promise<void>[] = [];
    for (const [id, { listener, plan }] of plans) {
      if (!plan.carry) {
        this.statuses.set(id, { carrying: false, reason: plan.reason });
        continue;
      }
      let entry = this.listeners.get(id);
      if (entry) entry.runtime.config = listener;
      else {
        const runtime = this.newListener(plan.protocol, plan.host, plan.port, listener);
        entry = { key: plan.key, runtime };
        this.listeners.set(id, entry);
      }
      const runtime = entry.runtime;
      const carried = (): ListenerStatus => {
        const pool = listener.default_pool_id ? this.pools.get(listener.default_pool_id) : undefined;
        if (pool) return { carrying: true };
        const effect = NO_POOL_EFFECT[plan.protocol];
        return { carrying: true, reason: `the listener has no default pool: ${effect}` };
      };
      if (runtime.listening) {
        this.statuses.set(id, carried());
        continue;
      }
      // A listener whose port was refused is tried again on every reconcile.
      binding.push(
        runtime.bind().then(
          () => {
            this.statuses.set(id, carried());
            this.log(`listener ${id} carries ${plan.protocol} on ${plan.host}:${plan.port}`);
          },
          (err: unknown) => {
            const reason = describeBindError(plan.host, plan.port, err);
            this.statuses.set(id, { carrying: false, reason });
            this.log(`listener ${id}: ${reason}`);
          },
        ),
      );
    }
    await Promise.all(binding);
  }

  private newListener(protocol: CarriedProtocol, host: string, port: number, listener: ListenerConfig): CarriedListener {
    switch (protocol) {
      case "TCP":
        return new TcpListener(host, port, listener, this.listenerDeps);
      case "UDP":
        return new UdpListener(host, port, listener, this.listenerDeps);
      case "HTTP":
      case "HTTPS":
        return new HttpListener(host, port, listener, this.listenerDeps);
      case "TLS":
        return new TlsListener(host, port, listener, this.listenerDeps);
    }
  }
}
