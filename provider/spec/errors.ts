// The error catalogue: one factory per error the engine can answer, so handlers never assemble
// codes or messages by hand, and the provider maps the same codes back to user-facing errors.
// Codes and statuses follow the Huawei ELB v3 catalogue (ENGINE-RULES error shorthand).
import type { Violation } from "./kinds";

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
  /** 409 ELB.8907: the request conflicts with existing state. */
  conflict: (message: string) => new ElbError(409, "ELB.8907", message),
  /** 409 ELB.8907 (G9): the load balancer is being provisioned. */
  immutable: (lbId: string, status: string) =>
    new ElbError(409, "ELB.8907", `Load balancer ${lbId} is immutable while its provisioning_status is ${status}; retry when it is ACTIVE.`),
  /** 409 ELB.8905. */
  quota: (resource: string, limit: number) => new ElbError(409, "ELB.8905", `Quota exceeded for resources: ${resource} (limit ${limit}).`),
  /** 401 APIGW.0301 (G7). */
  unauthenticated: (why: string) => new ElbError(401, "APIGW.0301", `Incorrect IAM authentication information: ${why}.`),
  /** 404 APIGW.0101 (G2). */
  noRoute: (method: string, path: string) => new ElbError(404, "APIGW.0101", `The API does not exist or has not been published: ${method} ${path}.`),
  /** 413 (G2). */
  tooLarge: (limit: number) => new ElbError(413, "APIGW.0201", `Request body too large: the limit is ${limit} bytes.`),
};

export type ErrorFactory = keyof typeof errors;
