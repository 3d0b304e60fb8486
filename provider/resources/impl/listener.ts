// The listener: unique per load balancer, port space and port (rule S2), which is both its
// natural key and what makes a replacement collide; its delete detaches a default pool first
// when the API refuses to delete a listener that still has one (rule S5).
import { isGone } from "../../client/http";
import { listenerSpec, normalizeListenerProtocol, portSpace } from "../../spec";
import { mayEqual } from "./diff";
import { loadBalancerIdOf, specResource } from "./specResource";
import { containsUnknown, type Obj } from "./values";

export const listener = specResource({
  spec: listenerSpec,
  collection: () => "/listeners",
  loadBalancerOf: async (_ctx, o) => loadBalancerIdOf(o),
  async lookup(ctx, desired) {
    const found = await ctx.client.list<Obj & { id: string }>(
      "/listeners",
      "listeners",
      { loadbalancer_id: String(desired.loadbalancer_id), protocol_port: Number(desired.protocol_port) },
      ctx.deadline,
    );
    // Same protocol, not just the same port space: a listener of another protocol on the port
    // is someone else's, and posting again gets the API's conflict error, as it should.
    return found.find((l) => l.protocol === normalizeListenerProtocol(String(desired.protocol)));
  },
  normalize: (field, v) => (field === "protocol" && typeof v === "string" ? normalizeListenerProtocol(v) : v),
  collides: (old, desired) =>
    mayEqual(desired.loadbalancer_id, old.loadbalancer_id) &&
    (containsUnknown(desired.protocol) || portSpace(normalizeListenerProtocol(String(desired.protocol))) === portSpace(String(old.protocol))) &&
    mayEqual(desired.protocol_port, old.protocol_port),
  echo: (live) => ({ loadbalancer_id: loadBalancerIdOf(live) }),
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
