// What every handler works with: the model, the network, the clock, the provisioning lock (G9),
// and the shared steps of a write — parse the wrapper, validate with the spec, render a reply.
import { randomUUID } from "node:crypto";
import type { Clock } from "./clock";
import type { Change, Model } from "./model";
import type { Network, Subnet } from "./network";
import type { ObjectKind } from "./store/types";
import { errors } from "../spec/errors";
import { checkValue, formatValue, type Violation } from "../spec/kinds";
import { entriesOf, fillDefaults, validateBody, withDefaults, type Mode, type ResourceSpec } from "../spec/resource";
import { ownRules, sentKeys } from "../spec/rules";
import type { StoredOf } from "../spec/types";

export interface ApiRequest {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  projectId: string;
}

export interface ApiResponse {
  status: number;
  body?: Record<string, unknown>;
}

export type Handler = (req: ApiRequest) => Promise<ApiResponse> | ApiResponse;

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path pattern with `:name` segments, e.g. `/v3/:project_id/elb/pools/:pool_id/members`. */
  path: string;
  handler: Handler;
}

/** Health the data plane reports for a member (D3), when it checks it. */
export type MemberHealth = (memberId: string) => "ONLINE" | "OFFLINE" | "INITIAL" | undefined;

/** A UTC timestamp in the API's form (G5): YYYY-MM-DDTHH:MM:SSZ. */
export const timestamp = (() => {
  // One string per second: a batch of hundreds of objects shares it.
  let second = NaN;
  let text = "";
  return (ms: number): string => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      text = new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    }
    return text;
  };
})();

export class EngineContext {
  /** Load balancers still provisioning (G9): id → status and the time it ends. Not persisted. */
  private readonly pending = new Map<string, { status: "PENDING_CREATE" | "PENDING_UPDATE"; until: number }>();
  memberHealth: MemberHealth = () => undefined;
  /** Whether the data plane carries a listener's traffic, and why not (D1). */
  listenerTraffic: (listenerId: string) => { carrying: boolean; reason?: string } = () => ({ carrying: false, reason: "the data plane is off (start the engine with it on to carry traffic)" });
  /** Extra provisioning time after a write (fault injection), in ms. */
  extraPending: () => number = () => 0;

  constructor(
    readonly model: Model,
    readonly network: Network,
    readonly clock: Clock,
    readonly provisioningDelayMs: number,
  ) {}

  newId(): string {
    return randomUUID();
  }

  now(): string {
    return timestamp(this.clock.now());
  }

  // --- G9: provisioning lock -------------------------------------------------------------

  provisioningStatus(lbId: string): string {
    const p = this.pending.get(lbId);
    if (p && p.until > this.clock.now()) return p.status;
    if (p) this.pending.delete(lbId);
    return "ACTIVE";
  }

  /** Refuses a write to a load balancer, or to one of its children, while it is provisioning. */
  assertWritable(lbId: string): void {
    const status = this.provisioningStatus(lbId);
    if (status !== "ACTIVE") throw errors.conflict("G9", { loadbalancer: lbId, status });
  }

  /**
   * Starts the provisioning window of a write (only with --provisioning-delay). Handlers call it
   * in the same synchronous step as `commit`, before awaiting durability: a durable commit
   * takes a disk flush, and a write checked during that wait must already meet the lock (G10).
   */
  markPending(lbId: string, status: "PENDING_CREATE" | "PENDING_UPDATE"): void {
    const ms = Math.max(this.provisioningDelayMs, this.extraPending());
    if (ms > 0) this.pending.set(lbId, { status, until: this.clock.now() + ms });
  }

  forget(lbId: string): void {
    this.pending.delete(lbId);
  }

  // --- network (N2) --------------------------------------------------------------------------

  subnetByNeutronId(id: string): Subnet {
    const subnet = this.network.subnets.find((s) => s.neutron_subnet_id === id);
    if (!subnet) throw errors.notFound("subnet", id);
    return subnet;
  }

  // --- request bodies (G3) -----------------------------------------------------------------

  /** The object inside the body's single wrapper key (`{"pool": {...}}`). */
  unwrap(body: unknown, key: string): Record<string, unknown> {
    if (body === undefined) throw errors.badBody(`a JSON object with the key '${key}' is required`);
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw errors.badBody(`expected a JSON object with the key '${key}'`);
    const keys = Object.keys(body);
    const extra = keys.find((k) => k !== key);
    if (extra !== undefined) throw errors.invalid({ field: extra, value: (body as Record<string, unknown>)[extra], reason: `is not allowed here; the body wraps one '${key}' object.` });
    const inner = (body as Record<string, unknown>)[key];
    if (inner === undefined) throw errors.badBody(`the key '${key}' is missing`);
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) {
      throw errors.invalid({ field: key, value: inner, reason: "is not an object." });
    }
    return inner as Record<string, unknown>;
  }

  /**
   * F4: a create body may name its project (Huawei's create options carry `project_id`); it must
   * be the URL's project, which every object already records, so it is taken out of the body.
   */
  takeProjectId(body: Record<string, unknown>, projectId: string): void {
    if (!Object.hasOwn(body, "project_id")) return;
    const v = body.project_id;
    if (v !== projectId) throw errors.invalid({ field: "project_id", value: v, reason: `${formatValue(v)} is not the project of the request, allowed ${JSON.stringify(projectId)}.` });
    delete body.project_id;
  }

  /** Validates a create or update body with the spec's field table and own-field rules. */
  validate(spec: ResourceSpec, body: Record<string, unknown>, mode: Mode, merged: Record<string, unknown>, name: (field: string) => string = (f) => f): void {
    const first = validateBody(spec, body, mode)[0] ?? ownRules(spec.kind, merged, mode, sentKeys(body))[0];
    if (first) throw errors.invalid({ ...first, field: name(first.field) });
  }

  /**
   * Refuses `obj` when another object holds its value of one of the spec's natural keys (M2, S2,
   * L2, H1): the 409 names the rule's values and the holder. `except` is the object itself, on
   * an update.
   */
  assertUnique(spec: ResourceSpec, obj: Readonly<Record<string, unknown>>, except?: string): void {
    for (const key of spec.naturalKeys) {
      if (!key.indexed) continue;
      const holder = this.model.holder(key, obj, except);
      if (holder !== undefined) throw errors.keyTaken(key, obj, holder);
    }
  }

  /**
   * Creates the stored object: the server's fields (`extra`) first, then the spec's fields in
   * table order, each as sent or with its default filled in (G5: values as sent).
   */
  build(spec: ResourceSpec, body: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(extra)) out[key] = extra[key];
    for (const [key, def] of entriesOf(spec.fields)) {
      if (!def.inPath && !Object.hasOwn(extra, key)) out[key] = body[key];
    }
    // Fields the table does not know stay in the object, so validation can name them.
    for (const key of Object.keys(body)) if (!Object.hasOwn(out, key)) out[key] = body[key];
    return fillDefaults(spec.fields, out);
  }

  /**
   * The object an update would store: the stored one with the sent fields replaced. A nested
   * object sent in an update replaces the old one whole, with its own defaults filled.
   */
  merge<T extends object>(spec: ResourceSpec, stored: T, body: Record<string, unknown>): T {
    const merged: Record<string, unknown> = { ...stored, ...body };
    for (const [key, value] of Object.entries(body)) {
      const def = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
      if (def?.kind.fields && value && typeof value === "object") {
        merged[key] = withDefaults(def.kind.fields, value as Record<string, unknown>, merged);
      }
    }
    return merged as T;
  }

  static check(path: string, value: unknown, kind: Parameters<typeof checkValue>[2]): void {
    const v: Violation | undefined = checkValue(path, value, kind)[0];
    if (v) throw errors.invalid(v);
  }

  /**
   * A write to a load balancer or its children: the provisioning window (G9) opens in the same
   * synchronous step the mutations apply in, so a parallel write cannot slip in while this one
   * waits for its disk flush.
   */
  write(lbId: string, changes: Change[], status: "PENDING_CREATE" | "PENDING_UPDATE" = "PENDING_UPDATE"): Promise<void> {
    this.markPending(lbId, status);
    return this.model.commit(changes);
  }

  commit(changes: Change[]): Promise<void> {
    return this.model.commit(changes);
  }

  put<K extends ObjectKind>(kind: K, obj: StoredOf<K>): Change {
    return { op: "put", kind, obj } as Change;
  }

  del(kind: ObjectKind, id: string): Change {
    return { op: "delete", kind, id };
  }
}

