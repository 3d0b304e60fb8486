// The load balancer: waits for ACTIVE after create and update (rule G9), changes its AZ list in
// place through the AZ endpoints (add first, so it never runs without a zone) and its tags
// through the tag action (F2), and deletes only once the API confirms it is gone.
import { loadBalancerSpec } from "../../spec";
import { deleteTolerant, specResource, type OpContext, type Listed } from "./specResource";
import { changeTags } from "./tags";
import type { Obj } from "./values";

/**
 * Adds the wanted zones the load balancer lacks, or removes the ones it should not have,
 * computed from the live list each attempt: after an unclear failure the retry sends only
 * what is still missing, so it never trips over its own first attempt.
 */
async function changeZones(ctx: OpContext, id: string, wanted: string[], op: "add" | "remove"): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const live = (await ctx.client.get<{ loadbalancer: Obj }>(`/loadbalancers/${id}`, { deadline: ctx.deadline })).loadbalancer;
    const current = (live.availability_zone_list as string[] | undefined) ?? [];
    const zones = op === "add" ? wanted.filter((z) => !current.includes(z)) : current.filter((z) => !wanted.includes(z));
    if (zones.length === 0) return;
    try {
      await ctx.client.post(`/loadbalancers/${id}/availability-zone/batch-${op}`, { availability_zone_list: zones }, { deadline: ctx.deadline, loadBalancer: async () => id });
      return;
    } catch (e) {
      if (!(e as { ambiguous?: boolean }).ambiguous) throw e;
      await ctx.client.pause(attempt, ctx.deadline, e as Error);
    }
  }
}

export const loadBalancer = specResource({
  spec: loadBalancerSpec,
  collection: () => "/loadbalancers",
  loadBalancerOf: async (_ctx, _o, objectId) => objectId,
  // Names are not unique, and the VIP key (L2) needs a VPC and address the server usually
  // chooses: load balancers with the same name (and VIP subnet, when given) are the candidates.
  candidates: (ctx, desired) =>
    ctx.client.list<Listed>(
      "/loadbalancers",
      "loadbalancers",
      { name: desired.name as string | undefined, vip_subnet_cidr_id: desired.vip_subnet_cidr_id as string | undefined },
      ctx.deadline,
    ),
  // A create answered ACTIVE is ready; otherwise wait until it is.
  afterCreate: async (ctx, obj) => (obj.provisioning_status === "ACTIVE" ? obj : ((await ctx.client.waitForLoadBalancer(String(obj.id), ctx.deadline)) as Obj)),
  async applySpecial(ctx, id, changes, loadBalancer) {
    const az = changes.find((c) => c.field === "availability_zone_list");
    if (az) {
      await changeZones(ctx, id, az.desired as string[], "add");
      await changeZones(ctx, id, az.desired as string[], "remove");
    }
    await changeTags(ctx, "loadbalancers", id, changes, loadBalancer);
  },
  afterUpdate: async (ctx, id) => void (await ctx.client.waitForLoadBalancer(id, ctx.deadline)),
  async deleteObject(ctx, path, _old, id) {
    await deleteTolerant(ctx, path, async () => id);
    await ctx.client.waitForLoadBalancer(id, ctx.deadline, "gone");
  },
});
