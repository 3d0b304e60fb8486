// The member: lives under its pool (`/pools/{pool_id}/members`), unique by address and port in
// it (rule M2). Its Pulumi id is the member id; `<poolId>/<memberId>` is accepted too, for import.
import { memberSpec } from "../../spec";
import { loadBalancerIdOf, specResource, type OpContext, type Listed } from "./specResource";
import type { Obj } from "./values";

/** The load balancer of a pool, whose lock (rule G9) every member write waits out. */
export async function loadBalancerOfPool(ctx: OpContext, poolId: unknown): Promise<string | undefined> {
  if (typeof poolId !== "string" || !poolId) return undefined;
  const p = await ctx.client.find<{ pool: Obj }>(`/pools/${poolId}`, { deadline: ctx.deadline });
  return loadBalancerIdOf(p?.pool);
}

export const member = specResource({
  spec: memberSpec,
  collection: (o) => `/pools/${String(o.pool_id)}/members`,
  parseId(id) {
    const slash = id.indexOf("/");
    return slash < 0 ? { objectId: id, known: {} } : { objectId: id.slice(slash + 1), known: { pool_id: id.slice(0, slash) } };
  },
  loadBalancerOf: (ctx, o) => loadBalancerOfPool(ctx, o.pool_id),
  candidates: (ctx, desired) =>
    ctx.client.list<Listed>(
      `/pools/${String(desired.pool_id)}/members`,
      "members",
      { address: String(desired.address), protocol_port: Number(desired.protocol_port) },
      ctx.deadline,
    ),
  echo: (_live, known) => ({ pool_id: known.pool_id }),
});
