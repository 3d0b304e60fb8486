// G9: provisioning. ACTIVE at once by default; with a provisioning delay a load balancer is
// PENDING_* after each write to it or its children, and writes wait it out (409) while reads work.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakeClock, startEngine } from "../../../provider/engine";
import { api, parallel, type Api, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { conflict, createLb, NET, ok } from "../helpers/factories";

const DELAY = 5000;
const clock = new FakeClock();
const t = useEngine({ clock, provisioningDelayMs: DELAY });

const lbStatus = async (c: Api, id: string) => ok(await c.get(`loadbalancers/${id}`), 200, "loadbalancer").provisioning_status;
/** Lets the provisioning window pass. */
const settle = () => clock.advance(DELAY);

/** Expects the write to be refused by the G9 lock of `lbId`, in `status`. */
const locked = (res: Awaited<ReturnType<Api["get"]>>, lbId: string, status: string) => conflict(res, lbId, status);

describe("G9 provisioning", () => {
  it("G9: without a provisioning delay a new load balancer is ACTIVE/ONLINE at once and writes follow immediately", async () => {
    const engine = await startEngine({ port: 0, memory: true });
    try {
      const c = api(engine.url);
      const lb = await createLb(c);
      expect([lb.provisioning_status, lb.operating_status]).toEqual(["ACTIVE", "ONLINE"]);
      ok(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80 } }), 201, "listener");
      ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: "x" } }), 200, "loadbalancer");
      expect(await lbStatus(c, lb.id)).toBe("ACTIVE");
    } finally {
      await engine.close();
    }
  });

  it("G9: a new load balancer is PENDING_CREATE; writes to it or a child → 409; reads work; after the delay it is ACTIVE and writes work", async () => {
    const c = t.project();
    const lb = await createLb(c);
    expect(lb.provisioning_status).toBe("PENDING_CREATE");
    expect(await lbStatus(c, lb.id)).toBe("PENDING_CREATE");
    expect(ok(await c.get("loadbalancers"), 200, "loadbalancers")[0].provisioning_status).toBe("PENDING_CREATE");
    expect(ok(await c.get(`loadbalancers/${lb.id}/statuses`), 200, "statuses").loadbalancer.provisioning_status).toBe("PENDING_CREATE");
    locked(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: "x" } }), lb.id, "PENDING_CREATE");
    locked(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80 } }), lb.id, "PENDING_CREATE");
    locked(await c.post("pools", { pool: { loadbalancer_id: lb.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } }), lb.id, "PENDING_CREATE");
    locked(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-add`, { availability_zone_list: ["local-1b"] }), lb.id, "PENDING_CREATE");
    locked(await c.del(`loadbalancers/${lb.id}`), lb.id, "PENDING_CREATE");
    // Validation still comes first: a bad body is a 400 whatever the status.
    expect((await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: 5 } })).status).toBe(400);
    clock.advance(DELAY - 1);
    expect(await lbStatus(c, lb.id)).toBe("PENDING_CREATE");
    clock.advance(1);
    expect(await lbStatus(c, lb.id)).toBe("ACTIVE");
    expect(ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: "x" } }), 200, "loadbalancer").provisioning_status).toBe("PENDING_UPDATE");
  });

  it("G9: every write to a child puts the load balancer in PENDING_UPDATE; the lock covers every child kind and every write path", async () => {
    const c = t.project();
    const lb = await createLb(c);
    settle();
    const step = async <T>(write: () => Promise<T>): Promise<T> => {
      const out = await write();
      expect(await lbStatus(c, lb.id)).toBe("PENDING_UPDATE");
      // While pending, a write to any child of this load balancer waits.
      locked(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "UDP", protocol_port: 9 } }), lb.id, "PENDING_UPDATE");
      settle();
      expect(await lbStatus(c, lb.id)).toBe("ACTIVE");
      return out;
    };
    const listener: Json = await step(async () => ok(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80 } }), 201, "listener"));
    const pool: Json = await step(async () => ok(await c.post("pools", { pool: { listener_id: listener.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } }), 201, "pool"));
    const member: Json = await step(async () => ok(await c.post(`pools/${pool.id}/members`, { member: { address: "192.168.0.10", protocol_port: 80, subnet_cidr_id: NET.privateA } }), 201, "member"));
    const hm: Json = await step(async () => ok(await c.post("healthmonitors", { healthmonitor: { pool_id: pool.id, type: "TCP", delay: 5, timeout: 3, max_retries: 3 } }), 201, "healthmonitor"));
    await step(async () => ok(await c.put(`listeners/${listener.id}`, { listener: { name: "l" } }), 200, "listener"));
    await step(async () => ok(await c.put(`pools/${pool.id}`, { pool: { name: "p" } }), 200, "pool"));
    await step(async () => ok(await c.put(`pools/${pool.id}/members/${member.id}`, { member: { weight: 3 } }), 200, "member"));
    await step(async () => ok(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { delay: 6 } }), 200, "healthmonitor"));
    await step(async () => ok(await c.post(`pools/${pool.id}/members/batch-add`, { members: [{ address: "192.168.0.11", protocol_port: 80, subnet_cidr_id: NET.privateA }] }), 200, "members"));
    await step(async () => ok(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: member.id, weight: 4 }] }), 200, "members"));
    await step(async () => ok(await c.post(`pools/${pool.id}/members/batch-delete`, { members: [{ id: member.id }] }), 200, "members"));
    await step(async () => ok(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-add`, { availability_zone_list: ["local-1b"] }), 200, "loadbalancer"));

    // While pending, every write path on every child kind is refused, and every read works.
    ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { description: "d" } }), 200, "loadbalancer");
    const refused = [
      await c.put(`listeners/${listener.id}`, { listener: { name: "x" } }),
      await c.del(`listeners/${listener.id}/force`),
      await c.put(`pools/${pool.id}`, { pool: { name: "x" } }),
      await c.del(`pools/${pool.id}/delete-cascade`),
      await c.post(`pools/${pool.id}/members`, { member: { address: "192.168.0.12", protocol_port: 80, subnet_cidr_id: NET.privateA } }),
      await c.post(`pools/${pool.id}/members/batch-add`, { members: [{ address: "192.168.0.12", protocol_port: 80, subnet_cidr_id: NET.privateA }] }),
      await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { delay: 7 } }),
      await c.del(`healthmonitors/${hm.id}`),
      await c.del(`loadbalancers/${lb.id}/force-elb`),
    ];
    for (const res of refused) locked(res, lb.id, "PENDING_UPDATE");
    for (const path of [`listeners/${listener.id}`, `pools/${pool.id}`, `pools/${pool.id}/members`, `healthmonitors/${hm.id}`, "listeners", "pools", "healthmonitors", `loadbalancers/${lb.id}/statuses`]) {
      expect((await c.get(path)).status).toBe(200);
    }
    settle();
    expect((await c.del(`loadbalancers/${lb.id}/force-elb`)).status).toBe(204);
  });

  it("G9: the lock is per load balancer: a pending one does not hold up another", async () => {
    const c = t.project();
    const a = await createLb(c);
    settle();
    const b = await createLb(c);
    expect(await lbStatus(c, b.id)).toBe("PENDING_CREATE");
    expect(await lbStatus(c, a.id)).toBe("ACTIVE");
    ok(await c.post("listeners", { listener: { loadbalancer_id: a.id, protocol: "TCP", protocol_port: 80 } }), 201, "listener");
    locked(await c.post("listeners", { listener: { loadbalancer_id: b.id, protocol: "TCP", protocol_port: 80 } }), b.id, "PENDING_CREATE");
  });

  it("G9 + G10: of parallel writes to one ACTIVE load balancer exactly one gets in, the rest meet the lock", async () => {
    const c = t.project();
    const lb = await createLb(c);
    settle();
    const replies = await parallel(20, (i) => c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 100 + i } }));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 201)) locked(r, lb.id, "PENDING_UPDATE");
  });

  it("G9 + G10: the same holds with durable state, where each write waits for the disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), "elb-g9-"));
    const fileClock = new FakeClock();
    const engine = await startEngine({ port: 0, dataDir: dir, clock: fileClock, provisioningDelayMs: DELAY });
    try {
      const c = api(engine.url);
      const lb = await createLb(c);
      fileClock.advance(DELAY);
      const replies = await parallel(20, (i) => c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 100 + i } }));
      expect(replies.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
      for (const r of replies.filter((x) => x.status !== 201)) locked(r, lb.id, "PENDING_UPDATE");
    } finally {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
