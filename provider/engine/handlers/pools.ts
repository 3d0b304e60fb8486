// Pools (backend server groups): rules P1-P9.
import { errors } from "../../spec/errors";
import { LIMITS, poolSpec as spec } from "../../spec";
import { pairingProblem } from "../../spec/protocols";
import type { StoredListener, StoredPool } from "../../spec/types";
import type { Change } from "../model";
import type { ApiRequest, EngineContext, Route } from "../context";
import { objectAccess } from "./objects";
import { listResponse, refsMatch } from "./list";

const base = "/v3/:project_id/elb/pools";

/** P7: member deletion protection refuses every path that removes members. */
export function assertMembersRemovable(ctx: EngineContext, pool: StoredPool): void {
  if (pool.member_deletion_protection_enable === true && ctx.model.ids("member.pool", pool.id).size > 0) {
    throw errors.conflict("P7", { pool: pool.id });
  }
}

/** The removal of a pool with its members and health monitor, detached from its listeners (P6 cascade). */
export function cascadePool(ctx: EngineContext, pool: StoredPool): Change[] {
  const m = ctx.model;
  const out: Change[] = [];
  for (const id of m.ids("member.pool", pool.id)) out.push(ctx.del("member", id));
  for (const id of m.ids("monitor.pool", pool.id)) out.push(ctx.del("healthmonitor", id));
  out.push(...detachFromListeners(ctx, pool.id));
  out.push(ctx.del("pool", pool.id));
  return out;
}

function detachFromListeners(ctx: EngineContext, poolId: string): Change[] {
  return ctx.model.children("listener.defaultPool", poolId).map((l) => ctx.put("listener", { ...l, default_pool_id: null, updated_at: ctx.now() }));
}

export function poolRoutes(ctx: EngineContext): Route[] {
  const m = ctx.model;
  const { find, reply, listed } = objectAccess(ctx, "pool");

  const create = async (req: ApiRequest) => {
    const body = ctx.unwrap(req.body, "pool");
    ctx.takeProjectId(body, req.projectId);
    const filled = ctx.build(spec, body, {});
    ctx.validate(spec, body, "create", filled);
    // P3: attach to a load balancer, or to a listener as its default pool.
    let lbId = body.loadbalancer_id as string | undefined;
    let listener: StoredListener | undefined;
    if (body.listener_id) {
      listener = m.find("listener", String(body.listener_id), req.projectId);
      if (!listener) throw errors.notFound("listener", String(body.listener_id));
      if (lbId && lbId !== listener.loadbalancer_id) {
        throw errors.invalid({ field: "loadbalancer_id", value: lbId, reason: `"${lbId}" does not match listener ${listener.id}'s load balancer ${String(listener.loadbalancer_id)}.` });
      }
      // P3: the listener's one default-pool slot is taken.
      if (listener.default_pool_id) throw errors.conflict("P3", { listener_id: listener.id, owner: listener.default_pool_id });
      // P2: the listener must be able to forward to this protocol.
      const problem = pairingProblem(String(listener.protocol), listener.http2_enable === true, String(body.protocol));
      if (problem) throw errors.invalid({ field: "protocol", value: body.protocol, reason: `"${String(body.protocol)}" cannot be used with listener ${listener.id}: ${problem}.` });
      lbId = String(listener.loadbalancer_id);
    }
    const lb = m.find("loadbalancer", String(lbId), req.projectId);
    if (!lb) throw errors.notFound("loadbalancer", String(lbId));
    if (body.vpc_id && !ctx.network.vpcs.some((v) => v.id === body.vpc_id)) throw errors.notFound("vpc", String(body.vpc_id));
    ctx.assertWritable(lb.id);
    // P9: quota per project.
    if (m.ids("pool.project", req.projectId).size >= LIMITS.poolsPerProject) throw errors.quota("pool", LIMITS.poolsPerProject);
    const now = ctx.now();
    const pool = ctx.build(spec, body, {
      id: ctx.newId(),
      project_id: req.projectId,
      loadbalancer_id: lb.id,
      listener_id: listener?.id ?? null,
      vpc_id: body.vpc_id ?? "",
      created_at: now,
      updated_at: now,
    }) as StoredPool;
    const mutations: Change[] = [ctx.put("pool", pool)];
    if (listener) mutations.push(ctx.put("listener", { ...listener, default_pool_id: pool.id, updated_at: now }));
    await ctx.write(lb.id, mutations);
    return reply(201, pool);
  };

  const update = async (req: ApiRequest) => {
    const pool = find(req);
    const body = ctx.unwrap(req.body, "pool");
    const merged = ctx.merge(spec, pool, body);
    ctx.validate(spec, body, "update", merged);
    // P8: type and vpc_id may be set later only while still empty.
    for (const field of ["type", "vpc_id"] as const) {
      if (body[field] !== undefined && pool[field] !== "" && body[field] !== pool[field]) {
        throw errors.invalid({ field, value: body[field], reason: `${JSON.stringify(body[field])} is not allowed: ${field} is already ${JSON.stringify(pool[field])} and can be set only while empty.` });
      }
    }
    if (body.vpc_id && !ctx.network.vpcs.some((v) => v.id === body.vpc_id)) throw errors.notFound("vpc", String(body.vpc_id));
    if (body.type && body.type !== pool.type) {
      const members = m.children("member.pool", pool.id);
      const wrong = members.find((mem) => (body.type === "ip" ? mem.member_type !== "ip" : mem.member_type !== "instance"));
      if (wrong) {
        throw errors.invalid({ field: "type", value: body.type, reason: `"${String(body.type)}" is not allowed while member ${wrong.id} (${String(wrong.member_type)}) is in the pool.` });
      }
    }
    ctx.assertWritable(String(pool.loadbalancer_id));
    merged.updated_at = ctx.now();
    await ctx.write(String(pool.loadbalancer_id), [ctx.put("pool", merged)]);
    return reply(200, merged);
  };

  const remove = async (req: ApiRequest, cascade: boolean) => {
    const pool = find(req);
    const members = m.ids("member.pool", pool.id).size;
    const monitor = m.first("monitor.pool", pool.id);
    if (!cascade) {
      // P6: members and the monitor go first, unless cascading.
      if (members) throw errors.conflict("P6", { pool: pool.id, members });
      if (monitor) throw errors.conflict("P6", { pool: pool.id, monitor });
    }
    assertMembersRemovable(ctx, pool);
    ctx.assertWritable(String(pool.loadbalancer_id));
    await ctx.write(String(pool.loadbalancer_id), cascadePool(ctx, pool));
    return { status: 204 };
  };

  const list = (req: ApiRequest) => {
    const items = listed(req);
    // Parent filters match the reference lists the body carries (`loadbalancers`, `listeners`).
    return listResponse("pools", items, req.query, {
      loadbalancer_id: (item, wanted) => refsMatch(item.loadbalancers, wanted),
      listener_id: (item, wanted) => refsMatch(item.listeners, wanted),
      member_address: (item, wanted) => m.children("member.pool", String(item.id)).some((mem) => wanted.includes(String(mem.address))),
    });
  };

  return [
    { method: "POST", path: base, handler: create },
    { method: "GET", path: base, handler: list },
    { method: "GET", path: `${base}/:id`, handler: (req) => reply(200, find(req)) },
    { method: "PUT", path: `${base}/:id`, handler: update },
    { method: "DELETE", path: `${base}/:id`, handler: (req) => remove(req, false) },
    { method: "DELETE", path: `${base}/:id/delete-cascade`, handler: (req) => remove(req, true) },
  ];
}
