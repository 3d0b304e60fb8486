// The health monitor: one per pool (rule H1), so the pool is its natural key and a replacement
// on the same pool collides with it.
import { healthMonitorSpec } from "../../spec";
import { mayEqual } from "./diff";
import { loadBalancerOfPool } from "./member";
import { specResource } from "./specResource";
import type { Obj } from "./values";

const poolIdOf = (o: Obj): string | undefined => {
  if (typeof o.pool_id === "string" && o.pool_id) return o.pool_id;
  const refs = o.pools as { id?: string }[] | undefined;
  return Array.isArray(refs) && refs[0]?.id ? refs[0].id : undefined;
};

export const healthMonitor = specResource({
  spec: healthMonitorSpec,
  collection: () => "/healthmonitors",
  loadBalancerOf: (ctx, o) => loadBalancerOfPool(ctx, poolIdOf(o)),
  async lookup(ctx, desired) {
    const pool = await ctx.client.find<{ pool: Obj }>(`/pools/${String(desired.pool_id)}`, { deadline: ctx.deadline });
    const monitorId = pool?.pool.healthmonitor_id;
    if (typeof monitorId !== "string" || !monitorId) return undefined;
    return (await ctx.client.find<{ healthmonitor: Obj }>(`/healthmonitors/${monitorId}`, { deadline: ctx.deadline }))?.healthmonitor;
  },
  collides: (old, desired) => mayEqual(desired.pool_id, old.pool_id),
  echo: (live) => ({ pool_id: poolIdOf(live) }),
});
