// One pool as the data plane runs it: its members in a stable order (created_at, then id, as
// the API lists them, G6), who is eligible right now, the picker its `lb_algorithm` names (D2),
// health checks (D3), slow start (D4) and sticky pins (D5).
//
// Eligibility (D2, D3, M1): admin_state_up, weight > 0, a loopback address, and ONLINE when the
// pool has an enabled monitor. Nothing eligible means no member: the listener answers 503 (HTTP)
// or resets the connection (TCP). The engine does not fail open (Huawei sends no traffic to
// unhealthy members; anchors §3.5).
import type { Clock } from "../clock";
import { persistenceTimeoutRange } from "../../spec/protocols";
import type { CheckTiming } from "./health-checker";
import { HealthChecker } from "./health-checker";
import { HashRing } from "./hash-ring";
import { WeightedLeastConnections } from "./least-connections";
import { MemberRuntime } from "./member-runtime";
import type { Probe } from "./probes";
import { SmoothWeightedRoundRobin } from "./smooth-wrr";
import { StickyTable } from "./sticky-table";
import type { MemberHealth, MemberConfig, MonitorConfig, PoolConfig, SessionPersistence } from "./types";

export interface PoolDeps {
  clock: Clock;
  /** Builds the probe for one member (real sockets in the engine, scripted in unit tests). */
  probeFor: (monitor: MonitorConfig, member: MemberRuntime) => Probe;
  log: (message: string) => void;
}


export function memberOrder(a: MemberConfig, b: MemberConfig): number {
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function timingOf(monitor: MonitorConfig): CheckTiming {
  return {
    delayMs: monitor.delay * 1000,
    timeoutMs: monitor.timeout * 1000,
    rise: Math.max(1, monitor.max_retries),
    fall: Math.max(1, monitor.max_retries_down),
  };
}

export class PoolRuntime {
  config!: PoolConfig;
  members: MemberRuntime[] = [];
  private readonly byId = new Map<string, MemberRuntime>();
  // Reused on every pick so the hot path allocates nothing.
  private weights = new Float64Array(0);
  private active = new Float64Array(0);
  private wrr = new SmoothWeightedRoundRobin(0);
  private wlc = new WeightedLeastConnections(0);
  private ring = new HashRing([]);
  private sticky: StickyTable | undefined;
  private stickyShape = "";

  constructor(
    readonly id: string,
    private readonly deps: PoolDeps,
  ) {}

  get persistence(): SessionPersistence | null {
    return this.sticky ? this.config.session_persistence : null;
  }

  member(id: string): MemberRuntime | undefined {
    return this.byId.get(id);
  }

  /** undefined when the member is not health-checked (no enabled monitor, or not loopback). */
  memberHealth(id: string): MemberHealth | undefined {
    return this.byId.get(id)?.checker?.status;
  }

  /**
   * Applies a configuration snapshot of this pool. `joinedServing` tells, for a member new to
   * this runtime, whether it was added to a pool that already had members: only such a member
   * ramps (D4). The caller decides it per write, since one snapshot may fold several writes.
   */
  update(pool: PoolConfig, monitor: MonitorConfig | undefined, members: MemberConfig[], joinedServing: (memberId: string) => boolean): void {
    const now = this.deps.clock.now();
    this.config = pool;
    const slowStartOn = !!pool.slow_start?.enable;

    const sorted = [...members].sort(memberOrder);
    const next = new Map<string, MemberRuntime>();
    for (const cfg of sorted) {
      let m = this.byId.get(cfg.id);
      if (!m) {
        m = new MemberRuntime(cfg, slowStartOn && joinedServing(cfg.id));
      } else if (m.reconfigure(cfg)) {
        // A new endpoint is a different server: its health is learnt again.
        m.checker?.stop();
        m.checker = undefined;
      }
      next.set(cfg.id, m);
    }
    // D6: with connection draining on, a member that leaves the pool or drops to weight 0 keeps
    // its open connections for the drain timeout, then they are closed; without it they stay
    // until idle (Huawei: "requests are still routed to it ... until the connection times out").
    const drain = pool.connection_drain?.enable === true && pool.connection_drain.timeout ? pool.connection_drain.timeout * 1000 : undefined;
    for (const [id, m] of this.byId) {
      if (!next.has(id)) {
        m.retire();
        this.sticky?.releaseMember(id);
        if (drain !== undefined) m.drain(drain, this.deps.clock);
      }
    }
    for (const m of next.values()) {
      if (m.config.weight > 0) m.cancelDrain();
      else if (drain !== undefined) m.drain(drain, this.deps.clock);
    }

    const idsBefore = this.members.map((m) => m.id).join(",");
    this.byId.clear();
    for (const [id, m] of next) this.byId.set(id, m);
    this.members = [...next.values()];
    if (this.members.map((m) => m.id).join(",") !== idsBefore) this.rebuildPickers();

    this.updateSticky(pool.session_persistence);
    for (const m of this.members) {
      this.updateChecker(m, monitor);
      // D4: with no health check the ramp starts as soon as the member is in the pool.
      if (!m.checker) m.ramp.begin(now);
      // D5: a member that can no longer take new traffic lets its clients go.
      if (!m.config.admin_state_up || !(m.config.weight > 0)) this.sticky?.releaseMember(m.id);
    }
  }

  /** Stops every checker and drains every member (pool removed or engine closing). */
  dispose(destroy = false): void {
    for (const m of this.members) (destroy ? m.destroy() : m.retire());
    this.members = [];
    this.byId.clear();
  }

  /** The weight `m` competes with right now: 0 when it may not take new traffic. */
  effectiveWeight(m: MemberRuntime, now = this.deps.clock.now()): number {
    const c = m.config;
    if (!c.admin_state_up || !(c.weight > 0) || !m.reachable) return 0;
    if (m.checker && m.checker.status !== "ONLINE") return 0;
    const ss = this.config.slow_start;
    return ss?.enable ? c.weight * m.ramp.factor(ss.duration * 1000, now) : c.weight;
  }

  /** A fresh balancing decision (D2); `clientKey` is the client address for SOURCE_IP. */
  pick(clientKey: string): MemberRuntime | undefined {
    if (this.config.admin_state_up === false) return undefined;
    const now = this.deps.clock.now();
    const members = this.members;
    const weights = this.weights;
    for (let i = 0; i < members.length; i++) {
      weights[i] = this.effectiveWeight(members[i], now);
      this.active[i] = members[i].active;
    }
    let index: number;
    switch (this.config.lb_algorithm) {
      case "LEAST_CONNECTIONS":
        index = this.wlc.pick(weights, this.active);
        break;
      case "SOURCE_IP":
      case "QUIC_CID": // QUIC is not carried; hashing the client keeps the choice stable anyway.
        index = this.ring.pick(clientKey, weights);
        break;
      case "ROUND_ROBIN":
      default:
        index = this.wrr.pick(weights);
    }
    return index < 0 ? undefined : members[index];
  }

  /**
   * The member for a client address: the one SOURCE_IP stickiness pins it to (D5), pinning a
   * fresh pick; without SOURCE_IP stickiness, a fresh pick (D2).
   */
  pickForAddress(client: string): MemberRuntime | undefined {
    if (this.persistence?.type !== "SOURCE_IP") return this.pick(client);
    const pinned = this.pinned(client);
    if (pinned) return pinned;
    const member = this.pick(client);
    if (member) this.pin(client, member);
    return member;
  }

  /** The member `key` is pinned to (D5), if the pin is alive and the member still eligible. */
  pinned(key: string): MemberRuntime | undefined {
    if (!this.sticky || this.config.admin_state_up === false) return undefined;
    const now = this.deps.clock.now();
    const id = this.sticky.lookup(key, now);
    if (id === undefined) return undefined;
    const m = this.byId.get(id);
    if (m && this.effectiveWeight(m, now) > 0) return m;
    this.sticky.release(key);
    return undefined;
  }

  pin(key: string, member: MemberRuntime): void {
    this.sticky?.pin(key, member.id, this.deps.clock.now());
  }

  /** Live pins (for tests and diagnostics). */
  get pinCount(): number {
    return this.sticky?.size ?? 0;
  }

  private rebuildPickers(): void {
    const n = this.members.length;
    this.weights = new Float64Array(n);
    this.active = new Float64Array(n);
    this.wrr = new SmoothWeightedRoundRobin(n);
    this.wlc = new WeightedLeastConnections(n);
    this.ring = new HashRing(this.members.map((m) => m.id));
  }

  private updateSticky(sp: SessionPersistence | null): void {
    const shape = sp ? `${sp.type}|${sp.cookie_name ?? ""}` : "";
    if (shape !== this.stickyShape) {
      // A different kind of key (or none): old pins mean nothing any more.
      this.stickyShape = shape;
      this.sticky = undefined;
    }
    if (!sp) return;
    // APP_COOKIE leaves persistence_timeout null: a pin then lives as long as P5 lets the pool's protocol.
    const [, longest] = persistenceTimeoutRange(this.config.protocol);
    const timeoutMs = (sp.persistence_timeout ?? longest) * 60_000;
    if (this.sticky) this.sticky.timeoutMs = timeoutMs;
    else this.sticky = new StickyTable(timeoutMs);
  }

  private updateChecker(m: MemberRuntime, monitor: MonitorConfig | undefined): void {
    if (!monitor || !m.reachable) {
      m.checker?.stop();
      m.checker = undefined;
      return;
    }
    if (m.checker) {
      // A monitor update keeps each member's status; new settings apply from the next check.
      m.checker.update(timingOf(monitor), this.deps.probeFor(monitor, m));
      return;
    }
    const checker = new HealthChecker(
      this.deps.clock,
      timingOf(monitor),
      this.deps.probeFor(monitor, m),
      (status) => this.onHealth(m, checker, status),
      m.health,
    );
    m.checker = checker;
    checker.start();
  }

  private onHealth(m: MemberRuntime, checker: HealthChecker, status: MemberHealth): void {
    if (m.checker !== checker) return;
    this.deps.log(`member ${m.id} (${m.address}:${m.port}) of pool ${this.id} is ${status}`);
    // D4: the ramp starts the first time the member is found healthy, and only then.
    if (status === "ONLINE") m.ramp.begin(this.deps.clock.now());
    // D5: clients pinned to a member that went OFFLINE are balanced afresh.
    if (status === "OFFLINE") this.sticky?.releaseMember(m.id);
  }
}
