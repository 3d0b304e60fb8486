// The health monitor: one per pool (rule H1), so the pool is its natural key.
import { healthMonitorSpec } from "../../spec";
import { loadBalancerOfPool } from "./member";
import { specResource, type Listed } from "./specResource";
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
  // The pool names its monitor, the one object that may hold the key: one read, not a listing.
  async candidates(ctx, desired) {
    const pool = await ctx.client.find<{ pool: Obj }>(`/pools/${String(desired.pool_id)}`, { deadline: ctx.deadline });
    const monitorId = pool?.pool.healthmonitor_id;
    if (typeof monitorId !== "string" || !monitorId) return [];
    const monitor = await ctx.client.find<{ healthmonitor: Obj }>(`/healthmonitors/${monitorId}`, { deadline: ctx.deadline });
    return monitor ? [monitor.healthmonitor as Listed] : [];
  },
  echo: (live) => ({ pool_id: poolIdOf(live) }),
});
