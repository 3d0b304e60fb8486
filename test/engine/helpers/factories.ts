// Quick builders for the objects most tests need, and assertions for the engine's reply shapes.
import { expect } from "vitest";
import type { Api, Json, Reply } from "./api";
import { issue } from "./certificates";

/** The seeded network (N1), by the ids tests use. */
export const NET = {
  vpc: "3c5ae0b5-7a6b-4c1e-9f0e-000000000001",
  otherVpc: "3c5ae0b5-7a6b-4c1e-9f0e-000000000002",
  /** neutron_subnet_id values (N2). */
  loopback: "9d2e4f60-1a2b-4c3d-8e4f-000000000001",
  privateA: "9d2e4f60-1a2b-4c3d-8e4f-000000000002",
  privateB: "9d2e4f60-1a2b-4c3d-8e4f-000000000003",
  otherSubnet: "9d2e4f60-1a2b-4c3d-8e4f-000000000004",
  /** The subnet object id of private-a (not what ELB fields take). */
  privateAObjectId: "5b7c1d2e-3f40-4a51-8b62-000000000002",
  azs: ["local-1a", "local-1b", "local-1c"],
} as const;

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** An id of the right shape that names nothing. */
export const MISSING_ID = "00000000-0000-4000-8000-000000000000";

/** Expects a success reply wrapping `key`, and returns the wrapped object. */
export function ok(res: Reply, status: number, key: string): Json {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  expect(typeof res.body?.request_id).toBe("string");
  expect(res.headers["x-request-id"]).toBe(res.body.request_id);
  expect(res.body[key], `reply wraps '${key}'`).toBeTypeOf("object");
  return res.body[key];
}

/**
 * Expects an error reply: the status, the code, exactly the three G2 keys, and an error_msg
 * that mentions every given fragment (the field, the value, ...).
 */
export function fails(res: Reply, status: number, code: string, ...mentions: (string | number)[]): void {
  if (res.status !== status || res.body?.error_code !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status}: ${res.text}`);
  }
  expect(Object.keys(res.body).sort()).toEqual(["error_code", "error_msg", "request_id"]);
  expect(res.headers["x-request-id"]).toBe(res.body.request_id);
  for (const m of mentions) expect(res.body.error_msg).toContain(String(m));
}

/** 400 ELB.8902 naming the field (in quotes, API spelling) and the other fragments. */
export const invalid = (res: Reply, field: string, ...mentions: (string | number)[]) => fails(res, 400, "ELB.8902", `'${field}'`, ...mentions);
export const notFound = (res: Reply, ...mentions: (string | number)[]) => fails(res, 404, "ELB.8904", ...mentions);
export const conflict = (res: Reply, ...mentions: (string | number)[]) => fails(res, 409, "ELB.8907", ...mentions);
export const quota = (res: Reply, ...mentions: (string | number)[]) => fails(res, 409, "ELB.8905", ...mentions);

/** A load balancer placed by VPC only (no VIP, so bulk creation never runs a subnet dry). */
export async function createLb(c: Api, fields: Json = {}): Promise<Json> {
  return ok(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, ...fields } }), 201, "loadbalancer");
}

let nextPort = 1000;
/** A listener; TCP on a port no other factory listener used unless told otherwise. */
export async function createListener(c: Api, lbId: string, fields: Json = {}): Promise<Json> {
  const body = { loadbalancer_id: lbId, protocol: "TCP", protocol_port: nextPort++, ...fields };
  return ok(await c.post("listeners", { listener: body }), 201, "listener");
}

/** A pool; pass `loadbalancer_id` or `listener_id`. TCP round robin unless told otherwise. */
export async function createPool(c: Api, fields: Json): Promise<Json> {
  return ok(await c.post("pools", { pool: { protocol: "TCP", lb_algorithm: "ROUND_ROBIN", ...fields } }), 201, "pool");
}

/** A member in private-a (192.168.0.0/24) unless told otherwise. */
export async function createMember(c: Api, poolId: string, fields: Json = {}): Promise<Json> {
  const body = { address: "192.168.0.10", protocol_port: 80, subnet_cidr_id: NET.privateA, ...fields };
  return ok(await c.post(`pools/${poolId}/members`, { member: body }), 201, "member");
}

/** A TCP health monitor unless told otherwise. */
export async function createMonitor(c: Api, poolId: string, fields: Json = {}): Promise<Json> {
  const body = { pool_id: poolId, type: "TCP", delay: 5, timeout: 3, max_retries: 3, ...fields };
  return ok(await c.post("healthmonitors", { healthmonitor: body }), 201, "healthmonitor");
}

/** Members `count` distinct endpoints: one address, consecutive ports from `firstPort`. */
export function endpoints(count: number, address = "192.168.0.10", firstPort = 1, extra: Json = { subnet_cidr_id: NET.privateA }): Json[] {
  return Array.from({ length: count }, (_, i) => ({ address, protocol_port: firstPort + i, ...extra }));
}

/** Adds members in batches of 200 (M8) and expects every one to be added. */
export async function fillPool(c: Api, poolId: string, members: Json[]): Promise<void> {
  for (let i = 0; i < members.length; i += 200) {
    const res = await c.post(`pools/${poolId}/members/batch-add`, { members: members.slice(i, i + 200) });
    const added = ok(res, 200, "members") as Json[];
    expect(added.every((m) => m.ret_status === "successful")).toBe(true);
  }
}

/** A whole chain LB → listener → pool → member → monitor, for tests that need one of each. */
export async function createTree(c: Api): Promise<{ lb: Json; listener: Json; pool: Json; member: Json; monitor: Json }> {
  const lb = await createLb(c);
  const listener = await createListener(c, lb.id);
  const pool = await createPool(c, { listener_id: listener.id });
  const member = await createMember(c, pool.id);
  const monitor = await createMonitor(c, pool.id);
  return { lb, listener, pool, member, monitor };
}

/** A server certificate (a fresh self-signed one unless `certificate` and `private_key` are given). */
export async function createCertificate(c: Api, fields: Json = {}): Promise<Json> {
  const own = fields.certificate === undefined ? issue({ cn: "www.example.test" }) : undefined;
  const body = own ? { certificate: own.cert, private_key: own.key, ...fields } : fields;
  return ok(await c.post("certificates", { certificate: body }), 201, "certificate");
}

/** A listener field set that names a new server certificate of the project: what HTTPS, TLS and QUIC listeners need (S3). */
export async function tlsFields(c: Api): Promise<{ default_tls_container_ref: string }> {
  return { default_tls_container_ref: (await createCertificate(c)).id };
}
