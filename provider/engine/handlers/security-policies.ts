// TLS security policies: the system policies (T1) and custom ones (T2-T4).
import { errors } from "../../spec/errors";
import { securityPolicySpec as spec, SYSTEM_SECURITY_POLICIES } from "../../spec";
import type { StoredSecurityPolicy } from "../../spec/types";
import type { ApiRequest, EngineContext, Route } from "../context";
import { objectAccess } from "./objects";
import { listResponse } from "./list";

const base = "/v3/:project_id/elb/security-policies";

export function securityPolicyRoutes(ctx: EngineContext): Route[] {
  const m = ctx.model;
  const { find, reply, listed } = objectAccess(ctx, "security_policy");

  const create = async (req: ApiRequest) => {
    const body = ctx.unwrap(req.body, "security_policy");
    const filled = ctx.build(spec, body, {});
    ctx.validate(spec, body, "create", filled);
    const now = ctx.now();
    const policy = { ...filled, id: ctx.newId(), project_id: req.projectId, created_at: now, updated_at: now } as StoredSecurityPolicy;
    await ctx.commit([ctx.put("security_policy", policy)]);
    return reply(201, policy);
  };

  const update = async (req: ApiRequest) => {
    const policy = find(req);
    const body = ctx.unwrap(req.body, "security_policy");
    const merged = ctx.merge(spec, policy, body);
    ctx.validate(spec, body, "update", merged);
    merged.updated_at = ctx.now();
    await ctx.commit([ctx.put("security_policy", merged)]);
    return reply(200, merged);
  };

  const remove = async (req: ApiRequest) => {
    const policy = find(req);
    // T4: a policy a listener uses stays until the listener lets go of it.
    const user = m.first("listener.securityPolicy", policy.id);
    if (user !== undefined) throw errors.conflict("T4", { policy: policy.id, listener: user });
    await ctx.commit([ctx.del("security_policy", policy.id)]);
    return { status: 204 };
  };

  const list = (req: ApiRequest) => {
    const items = listed(req);
    return listResponse("security_policies", items, req.query);
  };

  /** T1: the system policies, as Huawei lists them (versions space-separated, suites colon-separated). */
  const system = (req: ApiRequest) => ({
    status: 200,
    body: {
      system_security_policies: Object.entries(SYSTEM_SECURITY_POLICIES).map(([name, p]) => ({
        name,
        protocols: p.protocols.join(" "),
        ciphers: p.ciphers.join(":"),
        project_id: req.projectId,
      })),
    },
  });

  return [
    { method: "GET", path: "/v3/:project_id/elb/system-security-policies", handler: system },
    { method: "POST", path: base, handler: create },
    { method: "GET", path: base, handler: list },
    { method: "GET", path: `${base}/:id`, handler: (req) => reply(200, find(req)) },
    { method: "PUT", path: `${base}/:id`, handler: update },
    { method: "DELETE", path: `${base}/:id`, handler: remove },
  ];
}
