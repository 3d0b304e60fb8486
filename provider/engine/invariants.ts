// The store's invariants: what must hold after any sequence of requests, crashes or faults.
// Fuzzing, crash and convergence tests check them; they read only the stored objects.
import { IPGROUP_MAX_ENTRIES, ipEntryKey, ipGroupIdsOf, keyOf, LIMITS, specs } from "../spec";
import type { ObjectKind, Store, StoredObject } from "./store/types";

export function checkInvariants(store: Pick<Store, "all">): string[] {
  const problems: string[] = [];
  const byKind = (kind: ObjectKind) => new Map<string, StoredObject>([...store.all(kind)].map((o) => [o.id, o]));
  const lbs = byKind("loadbalancer");
  const listeners = byKind("listener");
  const pools = byKind("pool");
  const members = byKind("member");
  const monitors = byKind("healthmonitor");
  const certificates = byKind("certificate");
  const policies = byKind("security_policy");
  const ipGroups = byKind("ipgroup");

  const count = new Map<string, number>();
  const bump = (key: string) => count.set(key, (count.get(key) ?? 0) + 1);
  // Natural keys (M2, S2, L2, H1), as each spec declares them: no two objects share a value.
  // P3's slot is the listener's single default_pool_id, which cannot hold two pools.
  for (const spec of Object.values(specs)) {
    for (const key of spec.naturalKeys) {
      if (!key.indexed) continue;
      const holders = new Map<string, string>();
      for (const o of store.all(spec.kind)) {
        const value = keyOf(key, o);
        if (value === undefined) continue;
        const other = holders.get(value);
        if (other) problems.push(`${key.rule}: ${key.unique} is held twice (${value}): ${other} and ${o.id}`);
        else holders.set(value, o.id);
      }
    }
  }
  const sameProject = (child: StoredObject, parent: StoredObject | undefined, what: string) => {
    if (parent && parent.project_id !== child.project_id) problems.push(`${what} ${child.id} references an object of another project`);
  };

  for (const lb of lbs.values()) {
    bump(`lb:${lb.project_id}`);
    if (!Array.isArray(lb.availability_zone_list) || lb.availability_zone_list.length === 0) problems.push(`load balancer ${lb.id} has no availability zone`);
  }
  for (const l of listeners.values()) {
    const lb = lbs.get(String(l.loadbalancer_id));
    if (!lb) problems.push(`listener ${l.id} has no load balancer ${String(l.loadbalancer_id)}`);
    sameProject(l, lb, "listener");
    bump(`listeners:${String(l.loadbalancer_id)}`);
    if (l.default_pool_id) {
      const pool = pools.get(String(l.default_pool_id));
      if (!pool) problems.push(`listener ${l.id} has missing default pool ${String(l.default_pool_id)}`);
      else if (pool.loadbalancer_id !== l.loadbalancer_id) problems.push(`listener ${l.id} uses pool ${pool.id} of another load balancer`);
    }
    // C6, T4, I4 (and C8, T3, I3 on the way in): what a listener names exists in its project, so no delete left it dangling.
    const names = (what: string, kind: Map<string, StoredObject>, id: unknown) => {
      if (typeof id !== "string" || id === "") return;
      const target = kind.get(id);
      if (!target) problems.push(`listener ${l.id} names missing ${what} ${id}`);
      sameProject(l, target, "listener");
    };
    names("certificate", certificates, l.default_tls_container_ref);
    names("certificate", certificates, l.client_ca_tls_container_ref);
    for (const ref of Array.isArray(l.sni_container_refs) ? l.sni_container_refs : []) names("certificate", certificates, ref);
    names("security policy", policies, l.security_policy_id);
    for (const id of ipGroupIdsOf(l.ipgroup)) {
      names("IP group", ipGroups, id);
      bump(`ipgroup-listeners:${id}`);
    }
  }
  for (const g of ipGroups.values()) {
    bump(`ipgroups:${g.project_id}`);
    const entries = Array.isArray(g.ip_list) ? (g.ip_list as { ip: string }[]) : [];
    if (entries.length > IPGROUP_MAX_ENTRIES) problems.push(`IP group ${g.id} holds ${entries.length} entries, limit ${IPGROUP_MAX_ENTRIES}`);
    if (new Set(entries.map((e) => ipEntryKey(e.ip))).size !== entries.length) problems.push(`IP group ${g.id} holds an entry twice`);
  }
  for (const c of certificates.values()) bump(`certificates:${c.project_id}`);
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
    if (typeof m.weight !== "number" || m.weight < 0 || m.weight > 100) problems.push(`member ${m.id} has weight ${String(m.weight)}`);
  }
  for (const h of monitors.values()) {
    const pool = pools.get(String(h.pool_id));
    if (!pool) problems.push(`health monitor ${h.id} has no pool ${String(h.pool_id)}`);
    sameProject(h, pool, "health monitor");
  }

  const limits: [string, number][] = [
    ["lb:", LIMITS.loadbalancersPerProject],
    ["listeners:", LIMITS.listenersPerLoadBalancer],
    ["pools:", LIMITS.poolsPerProject],
    ["members:", LIMITS.membersPerPool],
    ["ipmembers:", LIMITS.ipMembersPerLoadBalancer],
    ["ipgroups:", LIMITS.ipGroupsPerProject],
    ["ipgroup-listeners:", LIMITS.listenersPerIpGroup],
    ["certificates:", LIMITS.certificatesPerProject],
  ];
  for (const [key, n] of count) {
    const limit = limits.find(([prefix]) => key.startsWith(prefix));
    if (limit && n > limit[1]) problems.push(`quota exceeded: ${key} has ${n}, limit ${limit[1]}`);
  }
  return problems;
}
