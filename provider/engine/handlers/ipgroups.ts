// IP groups: rules I1-I4, and the IP-list edits (I6).
import { errors } from "../../spec/errors";
import { ipEntryKey, ipGroupSpec as spec, LIMITS } from "../../spec";
import { ipListRemoval } from "../../spec/ipgroup";
import { checkValue, violation } from "../../spec/kinds";
import type { StoredIpGroup } from "../../spec/types";
import { EngineContext, type ApiRequest, type Route } from "../context";
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

  /**
   * I6: UpdateIpList. Each sent entry the group holds already (however spelled, I1) takes the sent
   * description; each other one is added, in the order sent. Nothing is removed.
   */
  const addOrUpdateEntries = async (req: ApiRequest) => {
    const group = find(req);
    const body = ctx.unwrap(req.body, "ipgroup");
    ctx.validate(spec, body, "update", group);
    const next = group.ip_list.map((e) => ({ ...e }));
    const at = new Map(next.map((e, i) => [ipEntryKey(e.ip), i]));
    for (const sent of (body.ip_list ?? []) as { ip: string; description?: string }[]) {
      const key = ipEntryKey(sent.ip);
      const i = at.get(key);
      if (i === undefined) {
        at.set(key, next.length);
        next.push({ ip: sent.ip, description: sent.description ?? "" });
      } else if (sent.description !== undefined) {
        next[i].description = sent.description;
      }
    }
    // I1: the group afterwards holds no more entries than a group may.
    const over = checkValue("ip_list", next, spec.fields.ip_list.kind)[0];
    if (over) {
      const added = next.length - group.ip_list.length;
      throw errors.invalid({ field: "ip_list", value: added, reason: `adds ${added} entries to the ${group.ip_list.length} the group holds, so its list ${over.reason}` });
    }
    return store({ ...ctx.merge(spec, group, body), ip_list: next });
  };

  /** I6: BatchDeleteIpList. Every entry named is one the group holds (however spelled, I1). */
  const removeEntries = async (req: ApiRequest) => {
    const group = find(req);
    const body = ctx.unwrap(req.body, "ipgroup");
    const extra = Object.keys(body).find((k) => k !== "ip_list");
    if (extra !== undefined) throw errors.invalid(violation(extra, body[extra], "is not a known field of an IP-list removal", "ip_list"));
    // Huawei marks ip_list optional: leaving it out removes nothing (null is refused, as in a PUT).
    const removed = body.ip_list === undefined ? [] : body.ip_list;
    EngineContext.check("ip_list", removed, ipListRemoval);
    const held = new Set(group.ip_list.map((e) => ipEntryKey(e.ip)));
    const gone = new Set<string>();
    (removed as { ip: string }[]).forEach(({ ip }, i) => {
      const key = ipEntryKey(ip);
      if (!held.has(key)) {
        throw errors.invalid(violation(`ip_list[${i}].ip`, ip, `is not an entry of IP group ${group.id}`, "the addresses and blocks the group holds"));
      }
      gone.add(key);
    });
    return store({ ...group, ip_list: group.ip_list.filter((e) => !gone.has(ipEntryKey(e.ip))) });
  };

  /** An edited group, stored with its new update time and answered whole, as GET shows it. */
  const store = async (group: StoredIpGroup) => {
    const updated = { ...group, updated_at: ctx.now() };
    await ctx.commit([ctx.put("ipgroup", updated)]);
    return reply(200, updated);
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
    { method: "POST", path: `${base}/:id/iplist/create-or-update`, handler: addOrUpdateEntries },
    { method: "POST", path: `${base}/:id/iplist/batch-delete`, handler: removeEntries },
  ];
}
