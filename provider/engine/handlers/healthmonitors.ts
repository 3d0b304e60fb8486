// Health monitors: rules H1-H3.
import { errors } from "../../spec/errors";
import { healthMonitorSpec as spec } from "../../spec";
import { monitorTypesFor } from "../../spec/protocols";
import type { StoredHealthMonitor, StoredPool } from "../../spec/types";
import type { ApiRequest, EngineContext, Route } from "../context";
import { objectAccess } from "./objects";
import { listResponse } from "./list";

const base = "/v3/:project_id/elb/healthmonitors";

export function healthMonitorRoutes(ctx: EngineContext): Route[] {
  const m = ctx.model;
  const { find, reply, listed } = objectAccess(ctx, "healthmonitor");
  const lbOf = (hm: StoredHealthMonitor) => String(m.get("pool", String(hm.pool_id))?.loadbalancer_id);

  /** H2: the check type suits the pool's protocol. */
  const checkType = (pool: StoredPool, type: unknown) => {
    const allowed = monitorTypesFor(String(pool.protocol));
    if (!allowed.includes(type as never)) {
      throw errors.invalid({ field: "type", value: type, reason: `"${String(type)}" is not allowed for a ${String(pool.protocol)} pool, allowed one of ${allowed.join(", ")}.` });
    }
  };

  const create = async (req: ApiRequest) => {
    const body = ctx.unwrap(req.body, "healthmonitor");
    ctx.takeProjectId(body, req.projectId);
    const filled = ctx.build(spec, body, {});
    ctx.validate(spec, body, "create", filled);
    // H1: the pool exists and has no monitor yet.
    const pool = m.find("pool", String(body.pool_id), req.projectId);
    if (!pool) throw errors.notFound("pool", String(body.pool_id));
    checkType(pool, body.type);
    ctx.assertUnique(spec, { pool_id: pool.id });
    ctx.assertWritable(String(pool.loadbalancer_id));
    const now = ctx.now();
    const hm = { ...filled, id: ctx.newId(), project_id: req.projectId, created_at: now, updated_at: now } as StoredHealthMonitor;
    await ctx.write(String(pool.loadbalancer_id), [ctx.put("healthmonitor", hm)]);
    return reply(201, hm);
  };

  const update = async (req: ApiRequest) => {
    const hm = find(req);
    const body = ctx.unwrap(req.body, "healthmonitor");
    const merged = ctx.merge(spec, hm, body);
    ctx.validate(spec, body, "update", merged);
    const pool = m.get("pool", String(hm.pool_id));
    if (pool && body.type !== undefined) checkType(pool, body.type);
    ctx.assertWritable(lbOf(hm));
    merged.updated_at = ctx.now();
    await ctx.write(lbOf(hm), [ctx.put("healthmonitor", merged)]);
    return reply(200, merged);
  };

  const remove = async (req: ApiRequest) => {
    const hm = find(req);
    ctx.assertWritable(lbOf(hm));
    await ctx.write(lbOf(hm), [ctx.del("healthmonitor", hm.id)]);
    return { status: 204 };
  };

  const list = (req: ApiRequest) => {
    const items = listed(req);
    return listResponse("healthmonitors", items, req.query);
  };

  return [
    { method: "POST", path: base, handler: create },
    { method: "GET", path: base, handler: list },
    { method: "GET", path: `${base}/:id`, handler: (req) => reply(200, find(req)) },
    { method: "PUT", path: `${base}/:id`, handler: update },
    { method: "DELETE", path: `${base}/:id`, handler: remove },
  ];
}
