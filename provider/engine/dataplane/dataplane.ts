// The engine's data plane: real traffic on loopback, driven by the stored configuration.
//
// It reads a snapshot of the control plane's objects, binds listeners (D1), runs health checks
// (D3), balances (D2) with slow start (D4) and sticky sessions (D5), and counts traffic per
// member. On every change it re-reads the snapshot and reconciles: listeners whose binding is
// unchanged keep their sockets and pick up the new configuration for the next connection or
// request; members keep their health, ramp and counters. Nothing here is persisted (G8):
// health starts over from INITIAL after a restart.
import type { Clock } from "../clock";
import type { CarriedListener, ListenerDeps } from "./carried-listener";
import { describeBindError } from "./carried-listener";
import { HttpListener } from "./http-listener";
import { planListener } from "./listener-plan";
import { PoolRuntime, type PoolDeps } from "./pool-runtime";
import { createProbe } from "./probes";
import { TcpListener } from "./tcp-listener";
import type {
  ConfigSnapshot,
  ConfigSource,
  DataPlaneCounters,
  DataPlaneOptions,
  ListenerStatus,
  MemberHealth,
  MemberObj,
  MonitorObj,
} from "./types";

/**
 * Changes arriving within this window are applied together (a batch-add of 200 members is one
 * reconcile, not 200). It is plumbing, not modelled time, so it runs on a real timer: a control
 * plane tested with a FakeClock still sees its writes reach traffic, well within the 1 s promise.
 */
const COALESCE_MS = 20;

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
    };
  }

  /** Reads the snapshot, binds listeners, starts health checks, then follows changes. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Subscribe first so a change made while the first snapshot is applied is not lost.
    this.unsubscribe = this.source.onChange(() => this.changed());
    this.running = this.reconcile(true).finally(() => this.reconciled());
    await this.running;
  }

  /** Health of a monitored member (D3, M7); undefined when it has no enabled monitor or is not tracked. */
  memberStatus(memberId: string): MemberHealth | undefined {
    return this.memberPools.get(memberId)?.memberHealth(memberId);
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

  private changed(): void {
    if (this.closed || this.coalesce) return;
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
    this.running = this.reconcile(false)
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

  private async reconcile(initial: boolean): Promise<void> {
    const snapshot = this.source.snapshot();
    this.applyPools(snapshot, initial);
    await this.applyListeners(snapshot);
  }

  private applyPools(snapshot: ConfigSnapshot, initial: boolean): void {
    const monitorsById = new Map<string, MonitorObj>();
    const monitorsByPool = new Map<string, MonitorObj>();
    for (const hm of snapshot.healthmonitors) {
      monitorsById.set(hm.id, hm);
      for (const ref of hm.pools) monitorsByPool.set(ref.id, hm);
    }
    const membersByPool = new Map<string, MemberObj[]>();
    for (const m of snapshot.members) {
      const list = membersByPool.get(m.pool_id);
      if (list) list.push(m);
      else membersByPool.set(m.pool_id, [m]);
    }

    const seen = new Set<string>();
    for (const pool of snapshot.pools) {
      seen.add(pool.id);
      let runtime = this.pools.get(pool.id);
      if (!runtime) {
        runtime = new PoolRuntime(pool.id, this.poolDeps);
        this.pools.set(pool.id, runtime);
      }
      const monitor = (pool.healthmonitor_id ? monitorsById.get(pool.healthmonitor_id) : undefined) ?? monitorsByPool.get(pool.id);
      // A disabled monitor checks nothing (M7 NO_MONITOR): members are then eligible unchecked.
      runtime.update(pool, monitor?.admin_state_up ? monitor : undefined, membersByPool.get(pool.id) ?? [], initial);
    }
    for (const [id, runtime] of this.pools) {
      if (!seen.has(id)) {
        runtime.dispose();
        this.pools.delete(id);
      }
    }
    this.memberPools.clear();
    for (const pool of this.pools.values()) for (const m of pool.members) this.memberPools.set(m.id, pool);
  }

  private async applyListeners(snapshot: ConfigSnapshot): Promise<void> {
    const lbs = new Map(snapshot.loadbalancers.map((lb) => [lb.id, lb]));
    const plans = new Map(snapshot.listeners.map((l) => [l.id, { listener: l, plan: planListener(l, lbs) }]));

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
        const runtime =
          plan.protocol === "TCP"
            ? new TcpListener(plan.host, plan.port, listener, this.listenerDeps)
            : new HttpListener(plan.host, plan.port, listener, this.listenerDeps);
        entry = { key: plan.key, runtime };
        this.listeners.set(id, entry);
      }
      const runtime = entry.runtime;
      const carried = (): ListenerStatus => {
        const pool = listener.default_pool_id ? this.pools.get(listener.default_pool_id) : undefined;
        if (pool) return { carrying: true };
        const effect = plan.protocol === "TCP" ? "connections are reset" : "requests are answered 503";
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
}
