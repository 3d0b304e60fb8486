// Tags of load balancers and listeners change in place through Huawei's tag action (rule F2):
// the objects' PUT takes no tags, and replacing a load balancer to change a label would be an
// outage.
import type { Tag } from "../../spec";
import type { FieldChange } from "./diff";
import type { OpContext } from "./specResource";

/**
 * Makes the object's tags the wanted ones: deletes the keys it should not have, then creates the
 * keys that are missing or hold another value. Computed from the tags the object holds now (not
 * the last state), so tags changed outside the program and a retry after an unclear failure both
 * come out right; deleting first keeps the object within the 20-tag limit on the way.
 */
export async function changeTags(ctx: OpContext, plural: "loadbalancers" | "listeners", id: string, changes: FieldChange[], loadBalancer: () => Promise<string | undefined>): Promise<void> {
  const change = changes.find((c) => c.field === "tags");
  if (!change) return;
  const wanted = new Map(((change.desired ?? []) as Tag[]).map((t) => [t.key, t.value]));
  // Huawei's tag paths sit under the project, not under /elb.
  const path = `/${plural}/${id}/tags`;
  const held = (await ctx.client.get<{ tags?: Tag[] }>(path, { deadline: ctx.deadline, underProject: true })).tags ?? [];
  const remove = held.filter((t) => !wanted.has(t.key));
  const create = [...wanted].filter(([key, value]) => !held.some((t) => t.key === key && t.value === value)).map(([key, value]) => ({ key, value }));
  // The action is idempotent (Huawei), so an unclear failure may be retried.
  const options = { deadline: ctx.deadline, loadBalancer, underProject: true, idempotent: true };
  if (remove.length > 0) await ctx.client.post(`${path}/action`, { action: "delete", tags: remove }, options);
  if (create.length > 0) await ctx.client.post(`${path}/action`, { action: "create", tags: create }, options);
}
