// Members (backend servers), singly and in batches: rules M1-M8, P7, P8.
import { errors } from "../../spec/errors";
import { keyInScope, naturalKey } from "../../spec/keys";
import { isIPv4 } from "../../spec/kinds";
import { LIMITS, memberSpec as spec } from "../../spec";
import { IP_MEMBER_POOL_PROTOCOLS } from "../../spec/protocols";
import type { StoredLoadBalancer, StoredMember, StoredPool } from "../../spec/types";
import { newMember } from "../member-objects";
import { inCidr } from "../network";
import { batchMemberReply, memberRenderer, render } from "../render";
import type { ApiRequest, EngineContext, Route } from "../context";
import { listResponse } from "./list";
import { assertMembersRemovable } from "./pools";

const base = "/v3/:project_id/elb/pools/:pool_id/members";
/** M2: a member's address and port are unique in its pool. */
const endpoint = naturalKey(spec, "M2");

export function memberRoutes(ctx: EngineContext): Route[] {
  const m = ctx.model;

  const findPool = (req: ApiRequest): StoredPool => {
    const pool = m.find("pool", req.params.pool_id, req.projectId);
    if (!pool) throw errors.notFound("pool", req.params.pool_id);
    return pool;
  };
  const findMember = (req: ApiRequest, pool: StoredPool, id = req.params.id): StoredMember => {
    const mem = m.find("member", id, req.projectId);
    if (!mem || mem.pool_id !== pool.id) throw errors.notFound("member", id);
    return mem;
  };
  const lbOf = (pool: StoredPool) => m.get("loadbalancer", String(pool.loadbalancer_id));
  const ipMembersOf = (lbId: string) => [...m.ids("pool.lb", lbId)].reduce((n, poolId) => n + m.ids("member.ipPool", poolId).size, 0);

  /**
   * Validates one member body against its pool and its pool's load balancer (`lb`), and makes
   * the stored member (M1, M4, M5, P8). `field` prefixes names in messages (`members[3].weight`
   * in a batch).
   */
  const prepare = (req: ApiRequest, pool: StoredPool, lb: StoredLoadBalancer | undefined, body: Record<string, unknown>, field = (f: string) => f): StoredMember => {
    const rename = <T extends { field: string }>(v: T): T => ({ ...v, field: field(v.field) });
    ctx.validate(spec, body, "create", body, field);
    knownAz(body, field);
    const address = String(body.address);
    const v4 = isIPv4(address);
    let memberType: "instance" | "ip";
    // The network's own copy of the subnet id, so every stored member shares one string rather
    // than keeping the one parsed from its request body.
    let subnetId: string | null = null;
    if (body.subnet_cidr_id !== undefined && body.subnet_cidr_id !== null) {
      // M4: a member with a subnet lives in it, in the load balancer's VPC.
      const subnet = ctx.subnetByNeutronId(String(body.subnet_cidr_id));
      subnetId = subnet.neutron_subnet_id;
      if (lb && subnet.vpc_id !== lb.vpc_id && lb.ip_target_enable !== true) {
        throw errors.invalid(rename({ field: "subnet_cidr_id", value: body.subnet_cidr_id, reason: `"${String(body.subnet_cidr_id)}" is in VPC ${subnet.vpc_id}, not the load balancer's VPC ${String(lb.vpc_id)}; backends in another VPC need ip_target_enable.` }));
      }
      if (v4 && !inCidr(address, subnet.cidr)) {
        throw errors.invalid(rename({ field: "address", value: address, reason: `"${address}" is not in subnet ${subnet.neutron_subnet_id} (${subnet.cidr}).` }));
      }
      if (!v4) throw errors.invalid(rename({ field: "address", value: address, reason: `"${address}" is not in subnet ${subnet.neutron_subnet_id} (${subnet.cidr}), an IPv4 subnet.` }));
      memberType = "instance";
    } else {
      // M5: an IP backend needs IP as a backend on the load balancer and a TCP/HTTP/HTTPS pool.
      if (!lb || lb.ip_target_enable !== true) throw errors.ipTargetDisabled();
      if (!(IP_MEMBER_POOL_PROTOCOLS as readonly string[]).includes(String(pool.protocol))) throw errors.ipMemberProtocol(String(pool.protocol));
      memberType = "ip";
    }
    // P8: a typed pool takes only its kind of member.
    if (pool.type === "ip" && memberType !== "ip") {
      throw errors.invalid(rename({ field: "subnet_cidr_id", value: body.subnet_cidr_id, reason: `is not allowed: pool ${pool.id} has type "ip" and accepts only IP backends (no subnet_cidr_id).` }));
    }
    if (pool.type === "instance" && memberType !== "instance") {
      throw errors.invalid(rename({ field: "subnet_cidr_id", value: undefined, reason: `is required: pool ${pool.id} has type "instance" and accepts only members with a subnet.` }));
    }
    return newMember(body, {
      id: ctx.newId(),
      project_id: req.projectId,
      pool_id: pool.id,
      subnet_cidr_id: subnetId,
      ip_version: v4 ? "v4" : "v6",
      member_type: memberType,
      created_at: ctx.now(),
    });
  };

  /** M3, M6: room for `added` more members, `addedIp` of them IP backends. */
  const assertRoom = (pool: StoredPool, added: number, addedIp: number) => {
    if (m.ids("member.pool", pool.id).size + added > LIMITS.membersPerPool) throw errors.quota("members_per_pool", LIMITS.membersPerPool);
    if (addedIp > 0 && ipMembersOf(String(pool.loadbalancer_id)) + addedIp > LIMITS.ipMembersPerLoadBalancer) {
      throw errors.quota("ip_members_per_loadbalancer", LIMITS.ipMembersPerLoadBalancer);
    }
  };

  const create = async (req: ApiRequest) => {
    const pool = findPool(req);
    const body = ctx.unwrap(req.body, "member");
    ctx.takeProjectId(body, req.projectId);
    const mem = prepare(req, pool, lbOf(pool), body);
    ctx.assertWritable(String(pool.loadbalancer_id));
    ctx.assertUnique(spec, mem);
    assertRoom(pool, 1, mem.member_type === "ip" ? 1 : 0);
    await ctx.write(String(pool.loadbalancer_id), [ctx.put("member", mem)]);
    return { status: 201, body: { member: render(ctx, "member", mem) } };
  };

  /** A member's availability_zone is "" or one of the engine's AZ codes. */
  const knownAz = (body: Record<string, unknown>, field: (f: string) => string) => {
    const az = body.availability_zone;
    if (typeof az !== "string" || az === "") return;
    const codes = ctx.network.availability_zones.map((a) => a.code);
    if (!codes.includes(az)) throw errors.invalid({ field: field("availability_zone"), value: az, reason: `"${az}" is not a known availability zone, allowed "" or one of ${codes.join(", ")}.` });
  };

  /** The member an update body would store, after M1/M2 checks. */
  const updated = (mem: StoredMember, body: Record<string, unknown>, field = (f: string) => f): StoredMember => {
    const merged = ctx.merge(spec, mem, body);
    ctx.validate(spec, body, "update", merged, field);
    knownAz(body, field);
    ctx.assertUnique(spec, merged, mem.id);
    merged.updated_at = ctx.now();
    return merged;
  };

  const update = async (req: ApiRequest) => {
    const pool = findPool(req);
    const mem = findMember(req, pool);
    const body = ctx.unwrap(req.body, "member");
    const next = updated(mem, body);
    ctx.assertWritable(String(pool.loadbalancer_id));
    await ctx.write(String(pool.loadbalancer_id), [ctx.put("member", next)]);
    return { status: 200, body: { member: render(ctx, "member", next) } };
  };

  const remove = async (req: ApiRequest) => {
    const pool = findPool(req);
    const mem = findMember(req, pool);
    assertMembersRemovable(ctx, pool);
    ctx.assertWritable(String(pool.loadbalancer_id));
    await ctx.write(String(pool.loadbalancer_id), [ctx.del("member", mem.id)]);
    return { status: 204 };
  };

  /** M8: the `members` list of a batch body, at most 200 objects. */
  const batchItems = (body: unknown): Record<string, unknown>[] => {
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw errors.badBody("expected a JSON object with the key 'members'");
    const extra = Object.keys(body).find((k) => k !== "members");
    if (extra) throw errors.invalid({ field: extra, value: (body as Record<string, unknown>)[extra], reason: "is not a known field; the body is {\"members\": [...]}." });
    const items = (body as Record<string, unknown>).members;
    if (!Array.isArray(items)) throw errors.invalid({ field: "members", value: items, reason: `${JSON.stringify(items) ?? "nothing"} is not a list, allowed a list of 1-${LIMITS.batchItems} members.` });
    if (items.length === 0 || items.length > LIMITS.batchItems) {
      throw errors.invalid({ field: "members", value: items.length, reason: `has ${items.length} items, allowed 1-${LIMITS.batchItems}.` });
    }
    items.forEach((it, i) => {
      if (it === null || typeof it !== "object" || Array.isArray(it)) throw errors.invalid({ field: `members[${i}]`, value: it, reason: "is not an object." });
    });
    return items as Record<string, unknown>[];
  };
  const at = (i: number) => (f: string) => `members[${i}].${f}`;
  const batchAdd = async (req: ApiRequest) => {
    const pool = findPool(req);
    const items = batchItems(req.body);
    const added: StoredMember[] = [];
    const results: Record<string, unknown>[] = [];
    const seen = new Map<string, StoredMember>();
    const show = memberRenderer(ctx, pool.id);
    const lb = lbOf(pool);
    items.forEach((item, i) => {
      const mem = prepare(req, pool, lb, item, at(i));
      // M8: a member that already exists (or repeats in this batch) is reported, not refused.
      const key = keyInScope(endpoint, mem)!;
      const existing = m.holder(endpoint, mem);
      const twin = seen.get(key);
      if (existing || twin) {
        const shown = batchMemberReply(show(existing ? m.get("member", existing)! : twin!));
        shown.ret_status = "existed";
        results.push(shown);
        return;
      }
      seen.set(key, mem);
      added.push(mem);
      const shown = batchMemberReply(show(mem));
      shown.ret_status = "successful";
      results.push(shown);
    });
    ctx.assertWritable(String(pool.loadbalancer_id));
    // M8: quotas are checked for the batch as a whole; nothing is added when it would not fit.
    assertRoom(pool, added.length, added.filter((x) => x.member_type === "ip").length);
    if (added.length) await ctx.write(String(pool.loadbalancer_id), added.map((x) => ctx.put("member", x)));
    return { status: 200, body: { members: results } };
  };

  const batchUpdate = async (req: ApiRequest) => {
    const pool = findPool(req);
    const items = batchItems(req.body);
    const next: StoredMember[] = [];
    const ports = new Map<string, string>();
    items.forEach((item, i) => {
      const { id, ...body } = item;
      if (typeof id !== "string") throw errors.invalid({ field: `members[${i}].id`, value: id, reason: `${JSON.stringify(id) ?? "nothing"} is not a member id, allowed the id of a member of pool ${pool.id}.` });
      const mem = findMember(req, pool, id);
      const n = updated(next.find((x) => x.id === id) ?? mem, body, at(i));
      // M2 within the batch: two members may not move onto the same address and port.
      const key = keyInScope(endpoint, n)!;
      const clash = ports.get(key);
      if (clash && clash !== id) throw errors.keyTaken(endpoint, n, clash, id);
      ports.set(key, id);
      const prev = next.findIndex((x) => x.id === id);
      if (prev >= 0) next[prev] = n;
      else next.push(n);
    });
    ctx.assertWritable(String(pool.loadbalancer_id));
    await ctx.write(String(pool.loadbalancer_id), next.map((x) => ctx.put("member", x)));
    const show = memberRenderer(ctx, pool.id);
    return { status: 200, body: { members: next.map((x) => batchMemberReply(show(x))) } };
  };

  const batchDelete = async (req: ApiRequest) => {
    const pool = findPool(req);
    const items = batchItems(req.body);
    const gone = new Set<string>();
    const results: Record<string, unknown>[] = [];
    items.forEach((item, i) => {
      const keys = Object.keys(item).sort().join(",");
      let id: string | undefined;
      if (keys === "id") {
        if (typeof item.id !== "string") throw errors.invalid({ field: `members[${i}].id`, value: item.id, reason: `${JSON.stringify(item.id)} is not a member id.` });
        const mem = m.find("member", item.id, req.projectId);
        id = mem && mem.pool_id === pool.id ? mem.id : undefined;
        if (!id) results.push({ id: item.id, ret_status: "not found" });
      } else if (keys === "address,protocol_port") {
        id = m.holder(endpoint, { ...item, pool_id: pool.id });
        if (!id) results.push({ address: item.address, protocol_port: item.protocol_port, ret_status: "not found" });
      } else {
        throw errors.invalid({ field: `members[${i}]`, value: item, reason: `${JSON.stringify(item)} is not valid, allowed {"id"} or {"address", "protocol_port"}.` });
      }
      if (id && !gone.has(id)) {
        gone.add(id);
        results.push({ id, ret_status: "successful" });
      }
    });
    if (gone.size) {
      assertMembersRemovable(ctx, pool);
      ctx.assertWritable(String(pool.loadbalancer_id));
    }
    if (gone.size) await ctx.write(String(pool.loadbalancer_id), [...gone].map((id) => ctx.del("member", id)));
    return { status: 200, body: { members: results } };
  };

  const list = (req: ApiRequest) => {
    const pool = findPool(req);
    const items = m.children("member.pool", pool.id).map(memberRenderer(ctx, pool.id));
    return listResponse("members", items, req.query);
  };

  /**
   * M9: every member of the project (Huawei's ListAllMembers), each with the pool and load
   * balancer it is in, so a backend server can be traced to its load balancers in one call;
   * filtered and paged as every list is (G6).
   */
  const listAll = (req: ApiRequest) => {
    const items: Record<string, unknown>[] = [];
    const renderers = new Map<string, (o: StoredMember) => Record<string, unknown>>();
    for (const mem of m.all("member")) {
      if (mem.project_id !== req.projectId) continue;
      let show = renderers.get(mem.pool_id);
      if (!show) renderers.set(mem.pool_id, (show = memberRenderer(ctx, mem.pool_id)));
      const lbId = m.get("pool", mem.pool_id)?.loadbalancer_id ?? null;
      items.push({ ...show(mem), pool_id: mem.pool_id, loadbalancer_id: lbId, loadbalancers: lbId ? [{ id: lbId }] : [] });
    }
    return listResponse("members", items, req.query);
  };

  return [
    { method: "GET", path: "/v3/:project_id/elb/members", handler: listAll },
    { method: "POST", path: base, handler: create },
    { method: "GET", path: base, handler: list },
    { method: "POST", path: `${base}/batch-add`, handler: batchAdd },
    { method: "POST", path: `${base}/batch-update`, handler: batchUpdate },
    { method: "POST", path: `${base}/batch-delete`, handler: batchDelete },
    { method: "GET", path: `${base}/:id`, handler: (req) => ({ status: 200, body: { member: render(ctx, "member", findMember(req, findPool(req))) } }) },
    { method: "PUT", path: `${base}/:id`, handler: update },
    { method: "DELETE", path: `${base}/:id`, handler: remove },
  ];
}
