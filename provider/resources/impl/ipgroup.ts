// The IP group: names are not unique, so a lost create is found among the groups of its name
// that were not there before; it belongs to the project, not to a load balancer.
import { ipGroupSpec } from "../../spec";
import { specResource, type Listed } from "./specResource";

export const ipGroup = specResource({
  spec: ipGroupSpec,
  collection: () => "/ipgroups",
  loadBalancerOf: async () => undefined,
  candidates: (ctx, desired) => ctx.client.list<Listed>("/ipgroups", "ipgroups", { name: String(desired.name ?? "") }, ctx.deadline),
});
