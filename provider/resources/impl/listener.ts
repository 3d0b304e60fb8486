// The listener: unique per load balancer, port space and port (rule S2, its natural key); its
// tags change through the tag action (F2); its delete detaches a default pool first when the API
// refuses to delete a listener that still has one (rule S5).
import { isGone } from "../../client/http";
import { listenerSpec, normalizeListenerProtocol } from "../../spec";
import { loadBalancerIdOf, specResource, type Listed } from "./specResource";
import { changeTags } from "./tags";
import type { Obj } from "./values";

export const listener = specResource({
  spec: listenerSpec,
  collection: () => "/listeners",
  loadBalancerOf: async (_ctx, o) => loadBalancerIdOf(o),
  // The load balancer's listeners on the port: the API filters by neither protocol nor port space.
  candidates: (ctx, desired) =>
    ctx.client.list<Listed>("/listeners", "listeners", { loadbalancer_id: String(desired.loadbalancer_id), protocol_port: Number(desired.protocol_port) }, ctx.deadline),
  normalize: (field, v) => (field === "protocol" && typeof v === "string" ? normalizeListenerProtocol(v) : v),
  echo: (live) => ({ loadbalancer_id: loadBalancerIdOf(live) }),
  applySpecial: (ctx, id, changes, loadBalancer) => changeTags(ctx, "listeners", id, changes, loadBalancer),
  async deleteObject(ctx, path, old) {
    const options = { deadline: ctx.deadline, loadBalancer: async () => loadBalancerIdOf(old) };
    for (let detached = false; ; detached = true) {
      try {
        await ctx.client.delete(path, options);
        return;
      } catch (e) {
        if (isGone(e)) return;
        if ((e as { status?: number }).status !== 409 || detached) throw e;
        const live = await ctx.client.find<{ listener: Obj }>(path, { deadline: ctx.deadline });
        if (!live) return;
        if (!live.listener.default_pool_id) throw e;
        await ctx.client.put(path, { listener: { default_pool_id: null } }, options);
      }
    }
  },
});
