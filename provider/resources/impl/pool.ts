// The pool: hangs off a load balancer or, as its default pool, a listener (rule P3). A listener
// has one default pool, so a pool bound to a listener has a natural key; one without a listener
// has none (names are not unique).
import { poolSpec } from "../../spec";
import { loadBalancerIdOf, specResource, type Listed } from "./specResource";
import type { Obj } from "./values";

const listenerIdOf = (o: Obj): string | undefined => {
  if (typeof o.listener_id === "string" && o.listener_id) return o.listener_id;
  const refs = o.listeners as { id?: string }[] | undefined;
  return Array.isArray(refs) && refs[0]?.id ? refs[0].id : undefined;
};

export const pool = specResource({
  spec: poolSpec,
  collection: () => "/pools",
  async loadBalancerOf(ctx, o) {
    const direct = loadBalancerIdOf(o);
    if (direct) return direct;
    const listenerId = listenerIdOf(o);
    if (!listenerId) return undefined;
    const l = await ctx.client.find<{ listener: Obj }>(`/listeners/${listenerId}`, { deadline: ctx.deadline });
    return loadBalancerIdOf(l?.listener);
  },
  // The listener's default pool; without a listener, the load balancer's pools of that name.
  candidates: (ctx, desired) =>
    ctx.client.list<Listed>(
      "/pools",
      "pools",
      desired.listener_id
        ? { listener_id: String(desired.listener_id) }
        : { loadbalancer_id: desired.loadbalancer_id as string, name: desired.name as string | undefined },
      ctx.deadline,
    ),
  echo: (live) => ({ loadbalancer_id: loadBalancerIdOf(live), listener_id: listenerIdOf(live) }),
});
