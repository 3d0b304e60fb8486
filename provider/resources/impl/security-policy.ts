// The custom security policy: names are not unique, so a lost create is found among the
// policies of its name that were not there before; it belongs to the project, not to a load
// balancer.
import { securityPolicySpec } from "../../spec";
import { specResource, type Listed } from "./specResource";

export const securityPolicy = specResource({
  spec: securityPolicySpec,
  collection: () => "/security-policies",
  loadBalancerOf: async () => undefined,
  candidates: (ctx, desired) => ctx.client.list<Listed>("/security-policies", "security_policies", { name: String(desired.name ?? "") }, ctx.deadline),
});
