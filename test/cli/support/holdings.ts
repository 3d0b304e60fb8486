// What the engine holds, and what a stack's state says it should hold, in one shape: an apply
// that leaves a duplicate or an orphan behind shows as a difference between the two.
import type { Api } from "../../provider/harness/engine";
import type { ExportedResource } from "./project";

export interface Holdings {
  loadbalancers: string[];
  listeners: string[];
  pools: string[];
  healthmonitors: string[];
  /** Members of every pool. */
  members: string[];
}

/** The ids of every object the engine holds, by kind, sorted. */
export async function engineHoldings(api: Api): Promise<Holdings> {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  const [loadbalancers, listeners, pools, healthmonitors] = await Promise.all(
    ["loadbalancers", "listeners", "pools", "healthmonitors"].map((plural) => api.list(`/${plural}`, plural)),
  );
  const members = (await Promise.all(pools.map((pool) => api.list(`/pools/${pool.id}/members`, "members")))).flat();
  return { loadbalancers: ids(loadbalancers), listeners: ids(listeners), pools: ids(pools), healthmonitors: ids(healthmonitors), members: ids(members) };
}

const KIND_OF_CLASS: Record<string, keyof Holdings> = {
  LoadBalancer: "loadbalancers",
  Listener: "listeners",
  Pool: "pools",
  HealthMonitor: "healthmonitors",
  Member: "members",
};

/** The ids state records, in the shape of `engineHoldings` (a MemberSet's members from its outputs). */
export function stateHoldings(resources: Iterable<ExportedResource>): Holdings {
  const out: Holdings = { loadbalancers: [], listeners: [], pools: [], healthmonitors: [], members: [] };
  for (const r of resources) {
    const cls = r.type.split(":").pop()!;
    if (cls === "MemberSet") out.members.push(...((r.outputs?.members as { id: string }[] | undefined) ?? []).map((m) => m.id));
    else if (KIND_OF_CLASS[cls] && r.id) out[KIND_OF_CLASS[cls]].push(r.id);
  }
  for (const ids of Object.values(out)) ids.sort();
  return out;
}
