// G10: rules hold under parallel requests — of N concurrent conflicting creates, exactly the
// allowed number succeed, on a memory engine and on a durable one (where writes wait for disk).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngine, type RunningEngine } from "../../../provider/engine";
import { api, parallel, type Api, type Reply } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { conflict, createCertificate, createLb, createListener, createPool, endpoints, fillPool, NET, ok, quota } from "../helpers/factories";

const memory = useEngine();
let durable: RunningEngine;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "elb-g10-"));
  durable = await startEngine({ port: 0, dataDir: dir });
});
afterAll(async () => {
  await durable?.close();
  await rm(dir, { recursive: true, force: true });
});

const created = (replies: Reply[]) => replies.filter((r) => r.status === 201 || r.status === 200);
const refused = (replies: Reply[]) => replies.filter((r) => r.status >= 400);

const engines: [string, () => Api][] = [
  ["memory", () => memory.project()],
  ["durable", () => api(durable.url)],
];

describe.each(engines)("G10 concurrency (%s store)", (_, project) => {
  it("G10: 50 parallel creates of the same listener port → exactly 1 succeeds, 49 get 409 ELB.8907", async () => {
    const c = project();
    const lb = await createLb(c);
    const replies = await parallel(50, () => c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80 } }));
    expect(created(replies)).toHaveLength(1);
    for (const r of refused(replies)) conflict(r, "80");
    expect(ok(await c.get("listeners", { loadbalancer_id: lb.id }), 200, "listeners")).toHaveLength(1);
  });

  it("G10: 600 parallel member creates on one pool → exactly 500 exist afterwards, the rest 409 ELB.8905", async () => {
    const c = project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    const replies = await parallel(600, (i) =>
      c.post(`pools/${pool.id}/members`, { member: { address: `192.168.0.${10 + (i % 200)}`, protocol_port: 1000 + Math.floor(i / 200), subnet_cidr_id: NET.privateA } }),
    );
    expect(created(replies)).toHaveLength(500);
    for (const r of refused(replies)) quota(r, "members_per_pool");
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").members).toHaveLength(500);
    expect(ok(await c.get(`pools/${pool.id}/members`), 200, "members")).toHaveLength(500);
  });
});

describe("G10 concurrency, every limit", () => {
  it("G10: 50 parallel creates on one port across TCP, HTTP, HTTPS and TLS (one port space) → exactly 1", async () => {
    const c = memory.project();
    const lb = await createLb(c);
    const protocols = ["TCP", "HTTP", "HTTPS", "TLS", "TERMINATED_HTTPS"];
    const cert = await createCertificate(c);
    const replies = await parallel(50, (i) =>
      c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: protocols[i % 5], protocol_port: 443, default_tls_container_ref: cert.id } }),
    );
    expect(created(replies)).toHaveLength(1);
    for (const r of refused(replies)) conflict(r, "443");
    // The other port space is independent even under contention.
    const udp = await parallel(20, (i) => c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: i % 2 ? "UDP" : "QUIC", protocol_port: 443, default_tls_container_ref: cert.id } }));
    expect(created(udp)).toHaveLength(1);
  });

  it("G10: 100 parallel creates of one member endpoint → exactly 1 (M2)", async () => {
    const c = memory.project();
    const pool = await createPool(c, { loadbalancer_id: (await createLb(c)).id });
    const replies = await parallel(100, () => c.post(`pools/${pool.id}/members`, { member: { address: "192.168.0.10", protocol_port: 80, subnet_cidr_id: NET.privateA } }));
    expect(created(replies)).toHaveLength(1);
    for (const r of refused(replies)) conflict(r, "192.168.0.10");
  });

  it("G10: 60 parallel load balancer creates → exactly 50 (L7); 60 parallel listeners on distinct ports → exactly 50 (S6)", async () => {
    const c = memory.project();
    const lbs = await parallel(60, () => c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc } }));
    expect(created(lbs)).toHaveLength(50);
    for (const r of refused(lbs)) quota(r, "loadbalancer");
    const lbId = created(lbs)[0].body.loadbalancer.id;
    const listeners = await parallel(60, (i) => c.post("listeners", { listener: { loadbalancer_id: lbId, protocol: "TCP", protocol_port: 2000 + i } }));
    expect(created(listeners)).toHaveLength(50);
    for (const r of refused(listeners)) quota(r, "listeners_per_loadbalancer");
  });

  it("G10: 520 parallel pool creates in one project → exactly 500 (P9); parallel pools on one listener → exactly 1 default pool (P3)", async () => {
    const c = memory.project();
    const lbs = await parallel(4, () => createLb(c));
    const replies = await parallel(520, (i) => c.post("pools", { pool: { loadbalancer_id: lbs[i % 4].id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } }));
    expect(created(replies)).toHaveLength(500);
    for (const r of refused(replies)) quota(r, "pool");

    const d = memory.project();
    const listener = await createListener(d, (await createLb(d)).id);
    const attach = await parallel(30, () => d.post("pools", { pool: { listener_id: listener.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } }));
    expect(created(attach)).toHaveLength(1);
    for (const r of refused(attach)) conflict(r, listener.id);
    expect(ok(await d.get(`listeners/${listener.id}`), 200, "listener").default_pool_id).toBe(created(attach)[0].body.pool.id);
  });

  it("G10: parallel batch-adds are all-or-nothing: of five 200-member batches exactly two fit (M3, M8)", async () => {
    const c = memory.project();
    const pool = await createPool(c, { loadbalancer_id: (await createLb(c)).id });
    const replies = await parallel(5, (i) => c.post(`pools/${pool.id}/members/batch-add`, { members: endpoints(200, `192.168.0.${10 + i}`) }));
    expect(created(replies)).toHaveLength(2);
    for (const r of refused(replies)) quota(r, "members_per_pool");
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").members).toHaveLength(400);
  });

  it("G10: parallel IP members across two pools of one load balancer → exactly 492 (M6)", async () => {
    const c = memory.project();
    const lb = await createLb(c, { ip_target_enable: true });
    const [a, b] = await Promise.all([createPool(c, { loadbalancer_id: lb.id }), createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP" })]);
    await fillPool(c, a.id, endpoints(200, "10.0.0.1", 1, {}));
    await fillPool(c, b.id, endpoints(200, "10.0.0.2", 1, {}));
    const replies = await parallel(200, (i) => c.post(`pools/${i % 2 ? a.id : b.id}/members`, { member: { address: "10.0.1.1", protocol_port: 1 + i } }));
    expect(created(replies)).toHaveLength(92);
    for (const r of refused(replies)) quota(r, "ip_members_per_loadbalancer");
  });

  it("G10: parallel creates asking for one VIP → exactly 1 (L2); parallel monitors on one pool → exactly 1 (H1)", async () => {
    const c = memory.project();
    const vip = await parallel(20, () => c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateB, vip_address: "192.168.1.250" } }));
    expect(created(vip)).toHaveLength(1);
    for (const r of refused(vip)) conflict(r, "192.168.1.250");
    // Automatic VIPs under contention are all distinct.
    const auto = await parallel(30, () => createLb(memory.project(), { vip_subnet_cidr_id: NET.privateB }));
    expect(new Set(auto.map((lb) => lb.vip_address)).size).toBe(30);
  });

  it("G10: a cascade racing member creates leaves no orphans: once the pool is gone, so is every member", async () => {
    const c = memory.project();
    const pool = await createPool(c, { loadbalancer_id: (await createLb(c)).id });
    const [deletion, ...members] = await Promise.all([
      c.del(`pools/${pool.id}/delete-cascade`),
      ...Array.from({ length: 50 }, (_, i) => c.post(`pools/${pool.id}/members`, { member: { address: "192.168.0.10", protocol_port: 1 + i, subnet_cidr_id: NET.privateA } })),
    ]);
    expect(deletion.status).toBe(204);
    for (const r of members) expect([201, 404]).toContain(r.status);
    const orphans = [...memory.engine.context.model.all("member")].filter((m) => m.pool_id === pool.id);
    expect(orphans).toEqual([]);
  });
});
