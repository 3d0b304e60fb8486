// How stored objects look on the wire: references as lists of {id} (G5), statuses computed at
// read time (G9 provisioning, M7 member health), internal parent ids left out as the API does.
import type { EngineContext } from "./context";
import type { ObjectKind, StoredObject } from "./store/types";
import { template } from "../util/template";

const refs = (ids: Iterable<string>) => [...ids].map((id) => ({ id }));
const ref = (id: unknown) => (id ? [{ id: String(id) }] : []);

/** Fields kept in storage to link objects, which the API expresses as reference lists instead. */
const INTERNAL: Record<ObjectKind, string[]> = {
  loadbalancer: [],
  listener: ["loadbalancer_id"],
  pool: ["loadbalancer_id", "listener_id"],
  member: ["pool_id"],
  healthmonitor: ["pool_id"],
};

/** Keys render adds to the stored ones. */
const COMPUTED: Record<ObjectKind, string[]> = {
  loadbalancer: ["provisioning_status", "operating_status", "listeners", "pools"],
  listener: ["loadbalancers"],
  pool: ["loadbalancers", "listeners", "members", "healthmonitor_id"],
  member: ["operating_status"],
  healthmonitor: ["pools"],
};

/** Reply templates by kind (and extra key), from the first object rendered (util/template.ts). */
const replyTemplates = new Map<string, Record<string, unknown>>();

/**
 * The stored object without its internal keys, in a copy laid out for the computed ones too,
 * and for `extra` (a batch answer's `ret_status`) when given.
 */
function without(kind: ObjectKind, o: StoredObject, extra?: string): Record<string, unknown> {
  const internal = INTERNAL[kind];
  const name = extra ? `${kind}+${extra}` : kind;
  let t = replyTemplates.get(name);
  if (!t) {
    t = template([...Object.keys(o).filter((k) => !internal.includes(k)), ...COMPUTED[kind], ...(extra ? [extra] : [])]);
    replyTemplates.set(name, t);
  }
  const out: Record<string, unknown> = { ...t };
  for (const k in o) if (!internal.includes(k)) out[k] = o[k];
  return out;
}

/** M7: the part of a member's status that is the same for every member of its pool. */
function poolMemberStatus(ctx: EngineContext, poolId: string): string | undefined {
  const pool = ctx.model.get("pool", poolId);
  if (!pool || !pool.loadbalancer_id) return "UNKNOWN";
  const monitorId = ctx.model.first("monitor.pool", pool.id);
  const monitor = monitorId ? ctx.model.get("healthmonitor", monitorId) : undefined;
  if (!monitor || monitor.admin_state_up === false) return "NO_MONITOR";
  return undefined;
}

/** M7: a member's operating status. */
export function memberStatus(ctx: EngineContext, m: StoredObject, poolStatus = poolMemberStatus(ctx, String(m.pool_id))): string {
  // Until the data plane has checked a member it reports ONLINE (M7), and INITIAL while checks run.
  return poolStatus ?? ctx.memberHealth(m.id) ?? "ONLINE";
}

/** Renders members of one pool, looking the pool's monitor up once; `extra` as for `without`. */
export function memberRenderer(ctx: EngineContext, poolId: string, extra?: "ret_status"): (o: StoredObject) => Record<string, unknown> {
  const poolStatus = poolMemberStatus(ctx, poolId);
  return (o) => {
    const out = without("member", o, extra);
    out.operating_status = memberStatus(ctx, o, poolStatus);
    return out;
  };
}

export function render(ctx: EngineContext, kind: ObjectKind, o: StoredObject): Record<string, unknown> {
  const out = without(kind, o);
  const m = ctx.model;
  switch (kind) {
    case "loadbalancer":
      out.provisioning_status = ctx.provisioningStatus(o.id);
      out.operating_status = "ONLINE";
      out.listeners = refs(m.ids("listener.lb", o.id));
      out.pools = refs(m.ids("pool.lb", o.id));
      break;
    case "listener":
      out.loadbalancers = ref(o.loadbalancer_id);
      break;
    case "pool":
      out.loadbalancers = ref(o.loadbalancer_id);
      out.listeners = refs(m.ids("listener.defaultPool", o.id));
      out.members = refs(m.ids("member.pool", o.id));
      out.healthmonitor_id = m.first("monitor.pool", o.id) ?? null;
      break;
    case "member":
      out.operating_status = memberStatus(ctx, o);
      break;
    case "healthmonitor":
      out.pools = ref(o.pool_id);
      break;
  }
  return out;
}

/** The stored object plus the references the data plane needs (it reads all projects). */
export function renderForDataPlane(ctx: EngineContext, kind: ObjectKind, o: StoredObject): Record<string, unknown> {
  return { ...render(ctx, kind, o), ...Object.fromEntries(INTERNAL[kind].map((k) => [k, o[k]])) };
}
