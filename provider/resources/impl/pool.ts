// The pool: hangs off a load balancer or, as its default pool, a listener (rule P3). A listener
// has one default pool, so a pool bound to a listener has a unique natural key, and its
// replacement on the same listener collides with it.
import { poolSpec } from "../../spec";
import { mayEqual } from "./diff";
import { loadBalancerIdOf, specResource, type OpContext } from "./specResource";
import type { Obj } from "./values";

type Listed = Obj & { id: string };

/** Pools of the same load balancer and name, for a pool without a listener (names are not unique). */
const sameNamed = (ctx: OpContext, desired: Obj) =>
  ctx.client.list<Listed>("/pools", "pools", { loadbalancer_id: desired.loadbalancer_id as string, name: desired.name as string | undefined }, ctx.deadline);

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
  snapshot: async (ctx, desired) => (desired.listener_id ? undefined : new Set((await sameNamed(ctx, desired)).map((p) => p.id))),
  async lookup(ctx, desired, before) {
    if (desired.listener_id) {
      return (await ctx.client.list<Listed>("/pools", "pools", { listener_id: String(desired.listener_id) }, ctx.deadline))[0];
    }
    return (await sameNamed(ctx, desired)).find((p) => !before?.has(p.id));
  },
  collides: (old, desired) => desired.listener_id !== undefined && mayEqual(desired.listener_id, old.listener_id),
  echo: (live) => ({ loadbalancer_id: loadBalancerIdOf(live), listener_id: listenerIdOf(live) }),
});
