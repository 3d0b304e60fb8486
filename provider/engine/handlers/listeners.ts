// Listeners: rules S1-S7 (and L4 for load balancers with IP as a backend).
import { errors } from "../../spec/errors";
import { ipGroupIdsOf, LIMITS, listenerSpec as spec } from "../../spec";
import { IP_TARGET_LISTENER_PROTOCOLS, isLayer7Listener, normalizeListenerProtocol, pairingProblem } from "../../spec/protocols";
import type { StoredListener } from "../../spec/types";
import type { Change } from "../model";
import type { ApiRequest, EngineContext, Route } from "../context";
import { objectAccess } from "./objects";
import { listResponse, refsMatch } from "./list";
import { assertMembersRemovable, cascadePool } from "./pools";
import { CERTIFICATE_REFS } from "./certificates";

const base = "/v3/:project_id/elb/listeners";

/**
 * The removal of a listener, detaching its default pool first; with `withPool`, the default pool
 * (its members and monitor) goes too unless another listener still uses it (S5 force).
 */
export function cascadeListener(ctx: EngineContext, l: StoredListener, withPool: boolean): Change[] {
  const out: Change[] = [];
  if (withPool && l.default_pool_id) {
    const pool = ctx.model.get("pool", String(l.default_pool_id));
    const sharedWith = [...ctx.model.ids("listener.defaultPool", String(l.default_pool_id))].filter((id) => id !== l.id);
    if (pool && sharedWith.length === 0) out.push(...cascadePool(ctx, pool));
  }
  out.push(ctx.del("listener", l.id));
  return out;
}

export function listenerRoutes(ctx: EngineContext): Route[] {
  const m = ctx.model;
  const { find, reply, listed } = objectAccess(ctx, "listener");

  /** S4: a default pool belongs to the same load balancer and suits the listener's protocol. */
  const checkDefaultPool = (req: ApiRequest, l: Record<string, unknown>) => {
    const poolId = l.default_pool_id;
    if (poolId === null || poolId === undefined) return;
    const pool = m.find("pool", String(poolId), req.projectId);
    if (!pool) throw errors.notFound("pool", String(poolId));
    if (pool.loadbalancer_id !== l.loadbalancer_id) {
      throw errors.invalid({ field: "default_pool_id", value: poolId, reason: `"${String(poolId)}" belongs to load balancer ${String(pool.loadbalancer_id)}, not ${String(l.loadbalancer_id)}.` });
    }
    const problem = pairingProblem(String(l.protocol), l.http2_enable === true, String(pool.protocol));
    if (problem) throw errors.invalid({ field: "default_pool_id", value: poolId, reason: `"${String(poolId)}" cannot be used: ${problem}.` });
  };

  /** F5: `quic_config` names a QUIC listener of the same load balancer. */
  const checkQuicConfig = (req: ApiRequest, body: Record<string, unknown>, lbId: string) => {
    const config = body.quic_config as { quic_listener_id?: string } | null | undefined;
    if (!config) return;
    const target = m.find("listener", String(config.quic_listener_id), req.projectId);
    if (!target || target.loadbalancer_id !== lbId || target.protocol !== "QUIC") {
      throw errors.invalid({
        field: "quic_config.quic_listener_id",
        value: config.quic_listener_id,
        reason: `"${String(config.quic_listener_id)}" is not a QUIC listener of load balancer ${lbId}, allowed the id of one.`,
      });
    }
  };

  /** S3: certificate references name certificates of the listener's project, of the type each field takes. */
  const checkCertificates = (req: ApiRequest, l: Record<string, unknown>, sent: Record<string, unknown>) => {
    for (const { field, type } of CERTIFICATE_REFS) {
      if (sent[field] === undefined) continue;
      const value = l[field];
      const ids = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
      for (const id of ids) {
        const cert = m.find("certificate", String(id), req.projectId);
        const what = type === "server" ? "a server certificate" : "a client (CA) certificate";
        if (!cert) throw errors.invalid({ field, value: id, reason: `"${String(id)}" is not a certificate of this project, allowed the id of ${what}.` });
        if (cert.type !== type) throw errors.invalid({ field, value: id, reason: `"${String(id)}" is a ${cert.type} certificate, allowed the id of ${what}.` });
      }
    }
  };

  /** T3: a custom security policy of the listener's project. */
  const checkSecurityPolicy = (req: ApiRequest, l: Record<string, unknown>, sent: Record<string, unknown>) => {
    const id = l.security_policy_id;
    if (sent.security_policy_id === undefined || id === null || id === undefined) return;
    if (!m.find("security_policy", String(id), req.projectId)) {
      throw errors.invalid({ field: "security_policy_id", value: id, reason: `"${String(id)}" is not a security policy of this project, allowed the id of a custom security policy.` });
    }
  };

  /** I3: the listener's IP groups are groups of its project. */
  const checkIpGroups = (req: ApiRequest, l: Record<string, unknown>, sent: Record<string, unknown>) => {
    if (sent.ipgroup === undefined) return;
    for (const id of ipGroupIdsOf(l.ipgroup)) {
      if (!m.find("ipgroup", id, req.projectId)) {
        throw errors.invalid({ field: "ipgroup.ipgroup_id", value: id, reason: `"${id}" is not an IP group of this project, allowed the ids of IP groups.` });
      }
      // I3: an IP group serves at most so many listeners (Huawei's documented limit).
      const users = m.ids("listener.ipgroup", id);
      if (!users.has(String(l.id)) && users.size >= LIMITS.listenersPerIpGroup) throw errors.quota("listeners_per_ipgroup", LIMITS.listenersPerIpGroup);
    }
  };

  const create = async (req: ApiRequest) => {
    const body = ctx.unwrap(req.body, "listener");
    ctx.takeProjectId(body, req.projectId);
    ctx.validate(spec, body, "create", body);
    // S1: the load balancer exists in this project.
    const lb = m.find("loadbalancer", String(body.loadbalancer_id), req.projectId);
    if (!lb) throw errors.notFound("loadbalancer", String(body.loadbalancer_id));
    const protocol = normalizeListenerProtocol(String(body.protocol));
    // F1: the listener's layer needs a flavor of that layer (Huawei, "Adding a Listener").
    const layer7 = isLayer7Listener(protocol);
    if ((layer7 ? lb.l7_flavor_id : lb.l4_flavor_id) === null) {
      throw errors.invalid({
        field: "protocol",
        value: body.protocol,
        reason: `"${String(body.protocol)}" needs an ${layer7 ? "L7" : "L4"} flavor, and load balancer ${lb.id} has none, allowed ${layer7 ? "TCP, UDP or TLS" : "HTTP, HTTPS or QUIC"}.`,
      });
    }
    checkQuicConfig(req, body, String(body.loadbalancer_id));
    // L4: IP as a backend limits the listener protocols.
    if (lb.ip_target_enable === true && !(IP_TARGET_LISTENER_PROTOCOLS as readonly string[]).includes(protocol)) {
      throw errors.invalid({ field: "protocol", value: body.protocol, reason: `"${String(body.protocol)}" is not allowed on a load balancer with ip_target_enable, allowed TCP, HTTP or HTTPS.` });
    }
    ctx.assertWritable(lb.id);
    // S2: one listener per port in each port space.
    ctx.assertUnique(spec, { ...body, protocol });
    // S6: quota per load balancer.
    if (m.ids("listener.lb", lb.id).size >= LIMITS.listenersPerLoadBalancer) throw errors.quota("listeners_per_loadbalancer", LIMITS.listenersPerLoadBalancer);
    const now = ctx.now();
    const l = ctx.build(spec, { ...body, protocol }, { id: ctx.newId(), project_id: req.projectId, created_at: now, updated_at: now }) as StoredListener;
    checkDefaultPool(req, l);
    checkCertificates(req, l, body);
    checkSecurityPolicy(req, l, body);
    checkIpGroups(req, l, body);
    await ctx.write(lb.id, [ctx.put("listener", l)]);
    return reply(201, l);
  };

  const update = async (req: ApiRequest) => {
    const l = find(req);
    const body = ctx.unwrap(req.body, "listener");
    const merged = ctx.merge(spec, l, body);
    ctx.validate(spec, body, "update", merged);
    // Enhanced forwarding policies, once on, stay on (Huawei; the spec's one-way change).
    if (l.enhance_l7policy_enable === true && body.enhance_l7policy_enable === false) {
      throw errors.invalid({ field: "enhance_l7policy_enable", value: false, reason: "false is not allowed: enhanced forwarding policies cannot be turned off once enabled, allowed true." });
    }
    checkQuicConfig(req, body, String(l.loadbalancer_id));
    if (body.default_pool_id !== undefined) checkDefaultPool(req, merged);
    else if (body.http2_enable === false && l.default_pool_id) checkDefaultPool(req, merged); // a GRPC pool needs HTTP/2 (P2)
    checkCertificates(req, merged, body);
    checkSecurityPolicy(req, merged, body);
    checkIpGroups(req, merged, body);
    ctx.assertWritable(String(l.loadbalancer_id));
    merged.updated_at = ctx.now();
    await ctx.write(String(l.loadbalancer_id), [ctx.put("listener", merged)]);
    return reply(200, merged);
  };

  const remove = async (req: ApiRequest, force: boolean) => {
    const l = find(req);
    // S5: the default pool is detached or deleted first, or forced away.
    if (!force && l.default_pool_id) {
      throw errors.conflict("S5", { listener: l.id, pool: l.default_pool_id });
    }
    if (force && l.default_pool_id) {
      const pool = m.get("pool", String(l.default_pool_id));
      if (pool) assertMembersRemovable(ctx, pool);
    }
    ctx.assertWritable(String(l.loadbalancer_id));
    await ctx.write(String(l.loadbalancer_id), cascadeListener(ctx, l, force));
    return { status: 204 };
  };

  const list = (req: ApiRequest) => {
    const items = listed(req);
    // loadbalancer_id filters by the listener's load balancer, which the body lists as `loadbalancers`.
    return listResponse("listeners", items, req.query, { loadbalancer_id: (item, wanted) => refsMatch(item.loadbalancers, wanted) });
  };

  return [
    { method: "POST", path: base, handler: create },
    { method: "GET", path: base, handler: list },
    { method: "GET", path: `${base}/:id`, handler: (req) => reply(200, find(req)) },
    { method: "PUT", path: `${base}/:id`, handler: update },
    { method: "DELETE", path: `${base}/:id`, handler: (req) => remove(req, false) },
    { method: "DELETE", path: `${base}/:id/force`, handler: (req) => remove(req, true) },
  ];
}
