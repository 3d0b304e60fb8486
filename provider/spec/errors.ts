// The error catalogue: one factory per error the engine can answer, so handlers never assemble
// codes or messages by hand, and the provider maps the same codes back to user-facing errors.
// Codes and statuses follow the Huawei ELB v3 catalogue and, for authentication, Huawei's API
// Gateway (ENGINE-RULES error shorthand).
import { healthMonitorSpec } from "./healthmonitor";
import { keyValues, naturalKey, type KeyConflictValues, type NaturalKey } from "./keys";
import type { Violation } from "./kinds";
import { listenerSpec } from "./listener";
import { loadBalancerSpec } from "./loadbalancer";
import { memberSpec } from "./member";
import { poolSpec } from "./pool";
import type { ResourceSpec } from "./resource";
import type { RuleId } from "./rule-ids";

export class ElbError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ElbError";
  }
}

/** A rule's conflict message, as the spec's natural key for it words it. */
const keyConflict = (spec: ResourceSpec, rule: RuleId): NaturalKey["conflict"] => {
  const key = naturalKey(spec, rule);
  return (v) => key.conflict(v);
};
const l2Key = keyConflict(loadBalancerSpec, "L2");

/**
 * 409 ELB.8907 messages by rule id. A natural key's message comes from its declaration in the
 * spec; the values name the objects involved.
 */
const CONFLICTS = {
  /** G9: the load balancer is being provisioned. */
  G9: (v: { loadbalancer: string; status: string }) =>
    `Load balancer ${v.loadbalancer} is immutable while its provisioning_status is ${v.status}; retry when it is ACTIVE.`,
  /** L2: the VIP is taken in its VPC, or the subnet has none left to assign. */
  L2: (v: KeyConflictValues | { subnet: string }) => ("subnet" in v ? `Subnet ${v.subnet} has no free IP address left for a VIP.` : l2Key(v)),
  L5: (v: { loadbalancer: string }) => `Load balancer ${v.loadbalancer} has deletion_protection_enable set to true; set it to false before deleting.`,
  L6: (v: { loadbalancer: string; child: "listener" | "pool"; id: string }) =>
    `Load balancer ${v.loadbalancer} still has ${v.child} ${v.id}; delete it first or use force-elb.`,
  S2: keyConflict(listenerSpec, "S2"),
  S5: (v: { listener: string; pool: string }) =>
    `Listener ${v.listener} still has default pool ${v.pool}; set default_pool_id to null or delete the pool first, or use force.`,
  P3: keyConflict(poolSpec, "P3"),
  P6: (v: { pool: string; members: number } | { pool: string; monitor: string }) =>
    "members" in v
      ? `Pool ${v.pool} still has ${v.members} member(s); delete them first or use delete-cascade.`
      : `Pool ${v.pool} still has health monitor ${v.monitor}; delete it first or use delete-cascade.`,
  P7: (v: { pool: string }) => `Pool ${v.pool} has member_deletion_protection_enable set to true; its members cannot be removed.`,
  M2: keyConflict(memberSpec, "M2"),
  H1: keyConflict(healthMonitorSpec, "H1"),
  I4: (v: { ipgroup: string; listener: string }) => `IP group ${v.ipgroup} is in use by listener ${v.listener}; remove it from the listener's ipgroup first.`,
  T4: (v: { policy: string; listener: string }) => `Security policy ${v.policy} is in use by listener ${v.listener}; point the listener elsewhere first.`,
  C6: (v: { certificate: string; listener: string }) =>
    `Certificate ${v.certificate} is in use by listener ${v.listener}; remove it from the listener's certificate references first.`,
};

/** The rules a 409 ELB.8907 can cite. */
export type ConflictRule = keyof typeof CONFLICTS;
/** The values a rule's conflict message names. */
export type ConflictValues<R extends ConflictRule> = Parameters<(typeof CONFLICTS)[R]>[0];

/** Whether a rule has a 409 ELB.8907 message. */
export const isConflictRule = (rule: string): rule is ConflictRule => Object.hasOwn(CONFLICTS, rule);

const conflict = <R extends ConflictRule>(rule: R, values: ConflictValues<R>) =>
  new ElbError(409, "ELB.8907", (CONFLICTS[rule] as (v: ConflictValues<R>) => string)(values));

export const errors = {
  /** 400 ELB.8902: a field's value is refused. */
  invalid: (v: Violation) => new ElbError(400, "ELB.8902", `Invalid input for '${v.field}': ${v.reason}`),
  /** 400 ELB.8902: the body itself is unusable (not JSON, wrong wrapper). */
  badBody: (what: string) => new ElbError(400, "ELB.8902", `Invalid request body: ${what}.`),
  /** 400 ELB.8902: a query parameter is refused. */
  badQuery: (name: string, value: string, allowed: string) =>
    new ElbError(400, "ELB.8902", `Invalid input for '${name}': ${JSON.stringify(value)} is not valid, allowed ${allowed}.`),
  /** 400 ELB.8939 (M5). */
  ipTargetDisabled: () => new ElbError(400, "ELB.8939", "The load balancer's ip_target_enable must be true when adding IP members (members without subnet_cidr_id)."),
  /** 400 ELB.8938 (M5). */
  ipMemberProtocol: (protocol: string) =>
    new ElbError(400, "ELB.8938", `The IP member is supported only when the pool protocol is TCP, HTTP or HTTPS; this pool is ${protocol}.`),
  /** 404 ELB.8904. */
  notFound: (what: string, id: string) => new ElbError(404, "ELB.8904", `${what} ${id} could not be found.`),
  /** 409 ELB.8907: the request conflicts with existing state, as rule `rule` says. */
  conflict,
  /**
   * 409 ELB.8907 under a natural key's rule: `owner` already holds `obj`'s value of the key
   * (or, in a batch, `moving` would take the value `owner` takes).
   */
  keyTaken: (key: NaturalKey, obj: Readonly<Record<string, unknown>>, owner: string, moving?: string) => {
    if (!isConflictRule(key.rule)) throw new Error(`rule ${key.rule} has no conflict message`);
    const values: KeyConflictValues = { ...keyValues(key, obj), owner, ...(moving === undefined ? {} : { moving }) };
    return conflict(key.rule, values as never);
  },
  /** 409 ELB.8905. */
  quota: (resource: string, limit: number) => new ElbError(409, "ELB.8905", `Quota exceeded for resources: ${resource} (limit ${limit}).`),
  /** 401 APIGW.0301 (G7): no credentials, or credentials that do not check out. */
  unauthenticated: (detail: string) => new ElbError(401, "APIGW.0301", `Incorrect IAM authentication information: ${detail}`),
  /** 403 APIGW.0302 (G7): valid credentials used on a project they are not granted. */
  forbiddenProject: (principal: string, project: string) =>
    new ElbError(403, "APIGW.0302", `The IAM user is not authorized to access the API: ${principal} is not granted project ${project}`),
  /** 401 APIGW.0303 (G7): the signature's date is too far from the engine's clock. */
  signatureExpired: (signedAt: string, serverTime: string) =>
    new ElbError(401, "APIGW.0303", `signature expired, signature time: ${signedAt}, server time: ${serverTime}`),
  /** 404 APIGW.0101 (G2). */
  noRoute: (method: string, path: string) => new ElbError(404, "APIGW.0101", `The API does not exist or has not been published: ${method} ${path}.`),
  /** 413 (G2). */
  tooLarge: (limit: number) => new ElbError(413, "APIGW.0201", `Request body too large: the limit is ${limit} bytes.`),
};

export type ErrorFactory = keyof typeof errors;
