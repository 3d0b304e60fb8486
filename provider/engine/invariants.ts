// The store's invariants: what must hold after any sequence of requests, crashes or faults.
// Fuzzing, crash and convergence tests check them; they read only the stored objects.
import { LIMITS } from "../spec";
import { portSpace } from "../spec/protocols";
import type { ObjectKind, Store, StoredObject } from "./store/types";

export function checkInvariants(store: Pick<Store, "all">): string[] {
  const problems: string[] = [];
  const byKind = (kind: ObjectKind) => new Map<string, StoredObject>([...store.all(kind)].map((o) => [o.id, o]));
  const lbs = byKind("loadbalancer");
  const listeners = byKind("listener");
  const pools = byKind("pool");
  const members = byKind("member");
  const monitors = byKind("healthmonitor");

  const count = new Map<string, number>();
  const bump = (key: string) => count.set(key, (count.get(key) ?? 0) + 1);
  const unique = new Map<string, string>();
  const claim = (key: string, id: string, what: string) => {
    const other = unique.get(key);
    if (other) problems.push(`${what} is used twice: ${other} and ${id}`);
    else unique.set(key, id);
  };
  const sameProject = (child: StoredObject, parent: StoredObject | undefined, what: string) => {
    if (parent && parent.project_id !== child.project_id) problems.push(`${what} ${child.id} references an object of another project`);
  };

  for (const lb of lbs.values()) {
    bump(`lb:${lb.project_id}`);
    if (lb.vip_address) claim(`vip:${String(lb.vpc_id)}:${String(lb.vip_address)}`, lb.id, `VIP ${String(lb.vip_address)}`);
    if (!Array.isArray(lb.availability_zone_list) || lb.availability_zone_list.length === 0) problems.push(`load balancer ${lb.id} has no availability zone`);
  }
  for (const l of listeners.values()) {
    const lb = lbs.get(String(l.loadbalancer_id));
    if (!lb) problems.push(`listener ${l.id} has no load balancer ${String(l.loadbalancer_id)}`);
    sameProject(l, lb, "listener");
    bump(`listeners:${String(l.loadbalancer_id)}`);
    claim(`port:${String(l.loadbalancer_id)}:${portSpace(String(l.protocol))}:${String(l.protocol_port)}`, l.id, `port ${String(l.protocol_port)}`);
    if (l.default_pool_id) {
      const pool = pools.get(String(l.default_pool_id));
      if (!pool) problems.push(`listener ${l.id} has missing default pool ${String(l.default_pool_id)}`);
      else if (pool.loadbalancer_id !== l.loadbalancer_id) problems.push(`listener ${l.id} uses pool ${pool.id} of another load balancer`);
    }
  }
  for (const p of pools.values()) {
    const lb = lbs.get(String(p.loadbalancer_id));
    if (!lb) problems.push(`pool ${p.id} has no load balancer ${String(p.loadbalancer_id)}`);
    sameProject(p, lb, "pool");
    bump(`pools:${p.project_id}`);
  }
  for (const m of members.values()) {
    const pool = pools.get(String(m.pool_id));
    if (!pool) problems.push(`member ${m.id} has no pool ${String(m.pool_id)}`);
    sameProject(m, pool, "member");
    bump(`members:${String(m.pool_id)}`);
    if (m.member_type === "ip" && pool) bump(`ipmembers:${String(pool.loadbalancer_id)}`);
    claim(`endpoint:${String(m.pool_id)}:${String(m.address)}:${String(m.protocol_port)}`, m.id, `member endpoint ${String(m.address)}:${String(m.protocol_port)}`);
    if (typeof m.weight !== "number" || m.weight < 0 || m.weight > 100) problems.push(`member ${m.id} has weight ${String(m.weight)}`);
  }
  for (const h of monitors.values()) {
    const pool = pools.get(String(h.pool_id));
    if (!pool) problems.push(`health monitor ${h.id} has no pool ${String(h.pool_id)}`);
    sameProject(h, pool, "health monitor");
    claim(`monitor:${String(h.pool_id)}`, h.id, `pool ${String(h.pool_id)}'s monitor slot`);
  }

  const limits: [string, number][] = [
    ["lb:", LIMITS.loadbalancersPerProject],
    ["listeners:", LIMITS.listenersPerLoadBalancer],
    ["pools:", LIMITS.poolsPerProject],
    ["members:", LIMITS.membersPerPool],
    ["ipmembers:", LIMITS.ipMembersPerLoadBalancer],
  ];
  for (const [key, n] of count) {
    const limit = limits.find(([prefix]) => key.startsWith(prefix));
    if (limit && n > limit[1]) problems.push(`quota exceeded: ${key} has ${n}, limit ${limit[1]}`);
  }
  return problems;
}
