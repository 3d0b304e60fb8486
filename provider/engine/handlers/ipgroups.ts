// IP groups: rules I1-I4.
import { errors } from "../../spec/errors";
import { ipGroupSpec as spec, LIMITS } from "../../spec";
import type { StoredIpGroup } from "../../spec/types";
import type { ApiRequest, EngineContext, Route } from "../context";
import { objectAccess } from "./objects";
import { listResponse } from "./list";

const base = "/v3/:project_id/elb/ipgroups";

/** I1: every entry with its description, as the API reads it back. */
const entries = (list: unknown) => (Array.isArray(list) ? list.map((e: Record<string, unknown>) => ({ ip: e.ip, description: e.description ?? "" })) : list);

export function ipGroupRoutes(ctx: EngineContext): Route[] {
  const m = ctx.model;
  const { find, reply, listed, count } = objectAccess(ctx, "ipgroup");

  const create = async (req: ApiRequest) => {
    const body = ctx.unwrap(req.body, "ipgroup");
    const filled = ctx.build(spec, body, {});
    ctx.validate(spec, body, "create", filled);
    // I2: quota per project.
    if (count(req.projectId) >= LIMITS.ipGroupsPerProject) throw errors.quota("ipgroup", LIMITS.ipGroupsPerProject);
    const now = ctx.now();
    const group = { ...filled, ip_list: entries(filled.ip_list), id: ctx.newId(), project_id: req.projectId, created_at: now, updated_at: now } as StoredIpGroup;
    await ctx.commit([ctx.put("ipgroup", group)]);
    return reply(201, group);
  };

  const update = async (req: ApiRequest) => {
    const group = find(req);
    const body = ctx.unwrap(req.body, "ipgroup");
    const merged = ctx.merge(spec, group, body);
    ctx.validate(spec, body, "update", merged);
    merged.ip_list = entries(merged.ip_list) as StoredIpGroup["ip_list"];
    merged.updated_at = ctx.now();
    await ctx.commit([ctx.put("ipgroup", merged)]);
    return reply(200, merged);
  };

  const remove = async (req: ApiRequest) => {
    const group = find(req);
    // I4: a group a listener uses stays until the listener lets go of it.
    const user = m.first("listener.ipgroup", group.id);
    if (user !== undefined) throw errors.conflict("I4", { ipgroup: group.id, listener: user });
    await ctx.commit([ctx.del("ipgroup", group.id)]);
    return { status: 204 };
  };

  const list = (req: ApiRequest) => {
    const items = listed(req);
    return listResponse("ipgroups", items, req.query);
  };

  return [
    { method: "POST", path: base, handler: create },
    { method: "GET", path: base, handler: list },
    { method: "GET", path: `${base}/:id`, handler: (req) => reply(200, find(req)) },
    { method: "PUT", path: `${base}/:id`, handler: update },
    { method: "DELETE", path: `${base}/:id`, handler: remove },
  ];
}
