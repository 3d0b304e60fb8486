// M1-M8: members (backend servers), singly and in batches.
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { FakeClock, startEngine } from "../../../provider/engine";
import { api, type Api, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import {
  conflict,
  createLb,
  createMember,
  createMonitor,
  createPool,
  endpoints,
  fails,
  fillPool,
  invalid,
  MISSING_ID,
  NET,
  notFound,
  ok,
  quota,
} from "../helpers/factories";

const t = useEngine();
const add = (c: Api, poolId: string, fields: Json) => c.post(`pools/${poolId}/members`, { member: fields });
const inA = (address: string, protocol_port = 80) => ({ address, protocol_port, subnet_cidr_id: NET.privateA });
const count = async (c: Api, poolId: string) => ok(await c.get(`pools/${poolId}`), 200, "pool").members.length;

async function poolOn(c: Api, lbFields: Json = {}, poolFields: Json = {}): Promise<{ lb: Json; pool: Json }> {
  const lb = await createLb(c, lbFields);
  const pool = await createPool(c, { loadbalancer_id: lb.id, ...poolFields });
  return { lb, pool };
}

describe("M members", () => {
  it("M1: address is an IP address (ip_version derived), protocol_port 1-65535, weight 0-100 default 1 → 400 outside", async () => {
    const c = t.project();
    const { pool } = await poolOn(c);
    for (const bad of ["300.1.1.1", "192.168.0", "host.example", ""]) invalid(await add(c, pool.id, inA(bad)), "address", JSON.stringify(bad));
    invalid(await add(c, pool.id, { protocol_port: 80, subnet_cidr_id: NET.privateA }), "address", "required");
    for (const port of [0, 65536]) invalid(await add(c, pool.id, inA("192.168.0.10", port)), "protocol_port", port, "1-65535");
    invalid(await add(c, pool.id, { address: "192.168.0.10", subnet_cidr_id: NET.privateA }), "protocol_port", "required");
    for (const w of [-1, 101]) invalid(await add(c, pool.id, { ...inA("192.168.0.10"), weight: w }), "weight", w, "0-100");
    invalid(await add(c, pool.id, { ...inA("192.168.0.10"), weight: 1.5 }), "weight", "1.5");
    const m = await createMember(c, pool.id, inA("192.168.0.10", 1));
    expect([m.weight, m.ip_version, m.member_type, m.subnet_cidr_id]).toEqual([1, "v4", "instance", NET.privateA]);
    expect((await createMember(c, pool.id, inA("192.168.0.10", 65535))).protocol_port).toBe(65535);
    expect((await createMember(c, pool.id, { ...inA("192.168.0.10", 2), weight: 100 })).weight).toBe(100);
    invalid(await c.put(`pools/${pool.id}/members/${m.id}`, { member: { weight: 101 } }), "weight", 101);
    invalid(await c.put(`pools/${pool.id}/members/${m.id}`, { member: { protocol_port: 0 } }), "protocol_port", 0);
  });

  it("M1: weight 0 is stored as 0 (no new requests), on create, update and batch", async () => {
    const c = t.project();
    const { pool } = await poolOn(c);
    const zero = await createMember(c, pool.id, { ...inA("192.168.0.10"), weight: 0 });
    expect(ok(await c.get(`pools/${pool.id}/members/${zero.id}`), 200, "member").weight).toBe(0);
    const one = await createMember(c, pool.id, inA("192.168.0.11"));
    expect(ok(await c.put(`pools/${pool.id}/members/${one.id}`, { member: { weight: 0 } }), 200, "member").weight).toBe(0);
    const [batch] = ok(await c.post(`pools/${pool.id}/members/batch-add`, { members: [{ ...inA("192.168.0.12"), weight: 0 }] }), 200, "members");
    expect(batch.weight).toBe(0);
    expect(ok(await c.get(`pools/${pool.id}/members`, { weight: 0 }), 200, "members")).toHaveLength(3);
  });

  it("M2: (address, protocol_port) is unique within a pool → 409; the same pair in another pool, or another port, is fine", async () => {
    const c = t.project();
    const { lb, pool } = await poolOn(c);
    const first = await createMember(c, pool.id, inA("192.168.0.10", 80));
    conflict(await add(c, pool.id, inA("192.168.0.10", 80)), "192.168.0.10", "80", first.id);
    const second = await createMember(c, pool.id, inA("192.168.0.10", 81));
    const other = await createPool(c, { loadbalancer_id: lb.id });
    await createMember(c, other.id, inA("192.168.0.10", 80));
    // Moving a member onto a taken port is the same conflict.
    conflict(await c.put(`pools/${pool.id}/members/${second.id}`, { member: { protocol_port: 80 } }), "80");
    ok(await c.put(`pools/${pool.id}/members/${second.id}`, { member: { protocol_port: 81, weight: 3 } }), 200, "member");
    // Once the first is gone, the pair is free.
    expect((await c.del(`pools/${pool.id}/members/${first.id}`)).status).toBe(204);
    await createMember(c, pool.id, inA("192.168.0.10", 80));
  });

  it("M3: at most 500 members per pool → 409 ELB.8905; another pool has its own quota", async () => {
    const c = t.project();
    const { lb, pool } = await poolOn(c);
    await fillPool(c, pool.id, endpoints(500));
    quota(await add(c, pool.id, inA("192.168.0.20")), "members_per_pool", "500");
    quota(await c.post(`pools/${pool.id}/members/batch-add`, { members: [inA("192.168.0.20")] }), "members_per_pool");
    expect(await count(c, pool.id)).toBe(500);
    const other = await createPool(c, { loadbalancer_id: lb.id });
    await createMember(c, other.id);
    const [m] = ok(await c.get(`pools/${pool.id}/members`, { limit: 1 }), 200, "members");
    expect((await c.del(`pools/${pool.id}/members/${m.id}`)).status).toBe(204);
    await createMember(c, pool.id, inA("192.168.0.20"));
  });

  it("M4: with subnet_cidr_id the subnet must exist (404), be in the load balancer's VPC and contain the address (400)", async () => {
    const c = t.project();
    const { pool } = await poolOn(c);
    notFound(await add(c, pool.id, { address: "192.168.0.10", protocol_port: 80, subnet_cidr_id: MISSING_ID }), "subnet", MISSING_ID);
    invalid(await add(c, pool.id, { address: "10.1.0.10", protocol_port: 80, subnet_cidr_id: NET.otherSubnet }), "subnet_cidr_id", NET.otherSubnet, NET.vpc);
    invalid(await add(c, pool.id, { address: "192.168.1.10", protocol_port: 80, subnet_cidr_id: NET.privateA }), "address", "192.168.1.10", "192.168.0.0/24");
    invalid(await add(c, pool.id, { address: "fd00::10", protocol_port: 80, subnet_cidr_id: NET.privateA }), "address", "fd00::10");
    const b = await createMember(c, pool.id, { address: "192.168.1.10", protocol_port: 80, subnet_cidr_id: NET.privateB });
    expect([b.member_type, b.subnet_cidr_id]).toEqual(["instance", NET.privateB]);
    await createMember(c, pool.id, { address: "127.0.0.2", protocol_port: 80, subnet_cidr_id: NET.loopback });
    // IP as a backend lifts the same-VPC requirement (seed: backends in another VPC).
    const cross = await poolOn(c, { ip_target_enable: true });
    expect((await createMember(c, cross.pool.id, { address: "10.1.0.10", protocol_port: 80, subnet_cidr_id: NET.otherSubnet })).member_type).toBe("instance");
    invalid(await add(c, cross.pool.id, { address: "10.1.1.10", protocol_port: 80, subnet_cidr_id: NET.otherSubnet }), "address", "10.1.1.10");
  });

  it("M5: without subnet_cidr_id the load balancer needs ip_target_enable → 400 ELB.8939", async () => {
    const c = t.project();
    const { lb, pool } = await poolOn(c);
    fails(await add(c, pool.id, { address: "10.0.0.1", protocol_port: 80 }), 400, "ELB.8939", "ip_target_enable");
    fails(await add(c, pool.id, { address: "10.0.0.1", protocol_port: 80, subnet_cidr_id: null }), 400, "ELB.8939");
    ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { ip_target_enable: true } }), 200, "loadbalancer");
    const m = await createMember(c, pool.id, { address: "10.0.0.1", subnet_cidr_id: undefined });
    expect([m.member_type, m.subnet_cidr_id, m.ip_version]).toEqual(["ip", null, "v4"]);
  });

  it("M5: an IP backend is a private IPv4 (10/8, 172.16/12, 192.168/16, 100.64/10) or loopback address → 400 otherwise", async () => {
    const c = t.project();
    const { pool } = await poolOn(c, { ip_target_enable: true });
    let port = 1;
    for (const address of ["10.255.255.254", "172.16.0.1", "172.31.255.1", "192.168.200.1", "100.64.0.1", "100.127.255.1", "127.0.0.1"]) {
      expect((await createMember(c, pool.id, { address, protocol_port: port++, subnet_cidr_id: undefined })).member_type).toBe("ip");
    }
    for (const address of ["8.8.8.8", "172.32.0.1", "172.15.255.1", "100.128.0.1", "192.169.0.1", "fd00::1", "::1"]) {
      invalid(await add(c, pool.id, { address, protocol_port: 80 }), "address", address);
    }
  });

  it("M5: IP backends only in TCP, HTTP and HTTPS pools → 400 ELB.8938", async () => {
    const c = t.project();
    const lb = await createLb(c, { ip_target_enable: true });
    for (const protocol of ["UDP", "TLS", "GRPC", "QUIC"]) {
      const pool = await createPool(c, { loadbalancer_id: lb.id, protocol, ...(protocol === "QUIC" ? { session_persistence: { type: "SOURCE_IP" } } : {}) });
      fails(await add(c, pool.id, { address: "10.0.0.1", protocol_port: 80 }), 400, "ELB.8938", protocol);
      // The same pool takes members with a subnet.
      await createMember(c, pool.id);
    }
    for (const protocol of ["TCP", "HTTP", "HTTPS"]) {
      const pool = await createPool(c, { loadbalancer_id: lb.id, protocol });
      await createMember(c, pool.id, { address: "10.0.0.1", subnet_cidr_id: undefined });
    }
  });

  it("M6: at most 492 IP-backend members per load balancer, across its pools → 409 ELB.8905; members with a subnet do not count", async () => {
    const c = t.project();
    const lb = await createLb(c, { ip_target_enable: true });
    const a = await createPool(c, { loadbalancer_id: lb.id });
    const b = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP" });
    const ip = { subnet_cidr_id: undefined };
    await fillPool(c, a.id, endpoints(300, "10.0.0.1", 1, ip));
    await fillPool(c, b.id, endpoints(192, "10.0.0.2", 1, ip));
    quota(await add(c, a.id, { address: "10.0.0.3", protocol_port: 80 }), "ip_members_per_loadbalancer", "492");
    quota(await add(c, b.id, { address: "10.0.0.3", protocol_port: 80 }), "ip_members_per_loadbalancer");
    quota(await c.post(`pools/${b.id}/members/batch-add`, { members: [{ address: "10.0.0.3", protocol_port: 80 }] }), "ip_members_per_loadbalancer");
    await createMember(c, a.id, inA("192.168.0.10"));
    // Another load balancer has its own 492.
    const other = await poolOn(c, { ip_target_enable: true });
    await createMember(c, other.pool.id, { address: "10.0.0.3", subnet_cidr_id: undefined });
    const [m] = ok(await c.get(`pools/${b.id}/members`, { limit: 1 }), 200, "members");
    expect((await c.del(`pools/${b.id}/members/${m.id}`)).status).toBe(204);
    await createMember(c, a.id, { address: "10.0.0.3", subnet_cidr_id: undefined });
    expect((await count(c, a.id)) + (await count(c, b.id))).toBe(493);
  });

  describe("M7 operating status", () => {
    it("M7: NO_MONITOR without an enabled health monitor; without health checks running, a monitored member reports ONLINE", async () => {
      const c = t.project();
      const { lb, pool } = await poolOn(c);
      const m = await createMember(c, pool.id);
      expect(m.operating_status).toBe("NO_MONITOR");
      const hm = await createMonitor(c, pool.id);
      expect(ok(await c.get(`pools/${pool.id}/members/${m.id}`), 200, "member").operating_status).toBe("ONLINE");
      expect(ok(await c.get(`pools/${pool.id}/members`), 200, "members")[0].operating_status).toBe("ONLINE");
      expect(ok(await c.get(`loadbalancers/${lb.id}/statuses`), 200, "statuses").loadbalancer.pools[0].members[0].operating_status).toBe("ONLINE");
      ok(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { admin_state_up: false } }), 200, "healthmonitor");
      expect(ok(await c.get(`pools/${pool.id}/members/${m.id}`), 200, "member").operating_status).toBe("NO_MONITOR");
      ok(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { admin_state_up: true } }), 200, "healthmonitor");
      expect(ok(await c.get(`pools/${pool.id}/members/${m.id}`), 200, "member").operating_status).toBe("ONLINE");
      expect((await c.del(`healthmonitors/${hm.id}`)).status).toBe(204);
      expect(ok(await c.get(`pools/${pool.id}/members/${m.id}`), 200, "member").operating_status).toBe("NO_MONITOR");
    });

    it("M7: with health checks running, a monitored member is INITIAL until the first result, then ONLINE or OFFLINE", async () => {
      const clock = new FakeClock();
      const engine = await startEngine({ port: 0, memory: true, dataPlane: true, clock });
      const backend = net.createServer((s) => s.end());
      await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
      // A port nothing listens on: bind, note it, close.
      const closed = net.createServer();
      await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((r) => closed.close(() => r()));
      try {
        const c = api(engine.url);
        const { pool } = await poolOn(c);
        const loop = (protocol_port: number) => ({ address: "127.0.0.1", protocol_port, subnet_cidr_id: NET.loopback });
        const up = await createMember(c, pool.id, loop((backend.address() as AddressInfo).port));
        const down = await createMember(c, pool.id, loop(closedPort));
        const status = async () => {
          await engine.dataPlane!.settled();
          const members = ok(await c.get(`pools/${pool.id}/members`), 200, "members");
          return Object.fromEntries(members.map((m: Json) => [m.id === up.id ? "up" : "down", m.operating_status]));
        };
        expect(await status()).toEqual({ up: "NO_MONITOR", down: "NO_MONITOR" });
        await createMonitor(c, pool.id, { delay: 1, timeout: 1, max_retries: 1, max_retries_down: 1 });
        // The fake clock has not moved: no check has run yet.
        expect(await status()).toEqual({ up: "INITIAL", down: "INITIAL" });
        clock.advance(0);
        const deadline = Date.now() + 10_000;
        let seen = await status();
        while (!(seen.up === "ONLINE" && seen.down === "OFFLINE") && Date.now() < deadline) {
          await new Promise((r) => setImmediate(r));
          seen = await status();
        }
        expect(seen).toEqual({ up: "ONLINE", down: "OFFLINE" });
      } finally {
        await engine.close();
        await new Promise<void>((r) => backend.close(() => r()));
      }
    });
  });

  it("M8: batches take 1-200 items → 400 otherwise; batch-add answers 200 with ret_status per item", async () => {
    const c = t.project();
    const { pool } = await poolOn(c);
    for (const op of ["batch-add", "batch-update", "batch-delete"]) {
      invalid(await c.post(`pools/${pool.id}/members/${op}`, { members: endpoints(201) }), "members", "201", "200");
      invalid(await c.post(`pools/${pool.id}/members/${op}`, { members: [] }), "members");
      invalid(await c.post(`pools/${pool.id}/members/${op}`, { members: "all" }), "members");
      invalid(await c.post(`pools/${pool.id}/members/${op}`, { members: [], extra: true }), "extra");
      invalid(await c.post(`pools/${pool.id}/members/${op}`, { members: [42] }), "members[0]");
    }
    const res = await c.post(`pools/${pool.id}/members/batch-add`, { members: endpoints(200) });
    const added = ok(res, 200, "members");
    expect(added).toHaveLength(200);
    expect(added.every((m: Json) => m.ret_status === "successful" && /^[0-9a-f-]{36}$/.test(m.id))).toBe(true);
    expect(await count(c, pool.id)).toBe(200);
  });

  it("M8: batch-add marks existing and repeated members 'existed'; one invalid item refuses the whole batch", async () => {
    const c = t.project();
    const { pool } = await poolOn(c);
    const existing = await createMember(c, pool.id, inA("192.168.0.10", 80));
    const reply = ok(
      await c.post(`pools/${pool.id}/members/batch-add`, { members: [inA("192.168.0.10", 80), inA("192.168.0.11", 80), inA("192.168.0.11", 80), { ...inA("192.168.0.12", 80), weight: 0 }] }),
      200,
      "members",
    );
    expect(reply.map((m: Json) => m.ret_status)).toEqual(["existed", "successful", "existed", "successful"]);
    expect(reply[0].id).toBe(existing.id);
    expect(reply[2].id).toBe(reply[1].id);
    expect(await count(c, pool.id)).toBe(3);
    const before = await count(c, pool.id);
    invalid(await c.post(`pools/${pool.id}/members/batch-add`, { members: [inA("192.168.0.20"), { ...inA("192.168.0.21"), weight: 500 }] }), "members[1].weight", 500);
    invalid(await c.post(`pools/${pool.id}/members/batch-add`, { members: [inA("192.168.0.20"), inA("192.168.1.21")] }), "members[1].address");
    notFound(await c.post(`pools/${pool.id}/members/batch-add`, { members: [inA("192.168.0.20"), { address: "192.168.0.22", protocol_port: 80, subnet_cidr_id: MISSING_ID }] }), MISSING_ID);
    expect(await count(c, pool.id)).toBe(before);
  });

  it("M8: a batch-add that would pass M3 is refused whole (quota), nothing added; 'existed' items do not count", async () => {
    const c = t.project();
    const { pool } = await poolOn(c);
    await fillPool(c, pool.id, endpoints(450));
    quota(await c.post(`pools/${pool.id}/members/batch-add`, { members: endpoints(51, "192.168.0.11") }), "members_per_pool");
    expect(await count(c, pool.id)).toBe(450);
    const reply = ok(await c.post(`pools/${pool.id}/members/batch-add`, { members: [...endpoints(20, "192.168.0.10"), ...endpoints(50, "192.168.0.11")] }), 200, "members");
    expect(reply.filter((m: Json) => m.ret_status === "existed")).toHaveLength(20);
    expect(await count(c, pool.id)).toBe(500);
  });

  it("M8: batch-update changes listed members (200), all or nothing: unknown id → 404, create-only field → 400, two onto one port → 409", async () => {
    const c = t.project();
    const { pool } = await poolOn(c);
    const [a, b] = ok(await c.post(`pools/${pool.id}/members/batch-add`, { members: [inA("192.168.0.10", 80), inA("192.168.0.11", 80)] }), 200, "members");
    const res = ok(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: a.id, weight: 0, name: "a" }, { id: b.id, weight: 9 }] }), 200, "members");
    expect(res.map((m: Json) => [m.id, m.weight])).toEqual([[a.id, 0], [b.id, 9]]);
    expect(ok(await c.get(`pools/${pool.id}/members/${a.id}`), 200, "member")).toMatchObject({ weight: 0, name: "a" });
    notFound(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: a.id, weight: 50 }, { id: MISSING_ID, weight: 1 }] }), MISSING_ID);
    invalid(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ weight: 1 }] }), "members[0].id");
    invalid(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: a.id, address: "192.168.0.99" }] }), "members[0].address");
    invalid(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: a.id, weight: 1 }, { id: b.id, weight: 101 }] }), "members[1].weight", 101);
    const twin = await createMember(c, pool.id, inA("192.168.0.10", 90));
    conflict(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: a.id, protocol_port: 91 }, { id: twin.id, protocol_port: 91 }] }), "91");
    conflict(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: a.id, weight: 2 }, { id: twin.id, protocol_port: 80 }] }), "80");
    // None of the refused batches changed anything.
    expect(ok(await c.get(`pools/${pool.id}/members/${a.id}`), 200, "member")).toMatchObject({ weight: 0, protocol_port: 80 });
    expect(ok(await c.get(`pools/${pool.id}/members/${b.id}`), 200, "member")).toMatchObject({ weight: 9, protocol_port: 80 });
    // A member of another pool is not in this one.
    const other = await createPool(c, { loadbalancer_id: pool.loadbalancers[0].id });
    const stranger = await createMember(c, other.id);
    notFound(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: stranger.id, weight: 1 }] }), stranger.id);
  });

  it("M8: batch-delete (200) removes by id or by address and port, and marks missing members 'not found'", async () => {
    const c = t.project();
    const { pool } = await poolOn(c);
    const [a, b] = ok(await c.post(`pools/${pool.id}/members/batch-add`, { members: [inA("192.168.0.10", 80), inA("192.168.0.11", 80), inA("192.168.0.12", 80)] }), 200, "members");
    const res = ok(
      await c.post(`pools/${pool.id}/members/batch-delete`, {
        members: [{ id: a.id }, { address: "192.168.0.11", protocol_port: 80 }, { id: MISSING_ID }, { address: "192.168.0.99", protocol_port: 80 }],
      }),
      200,
      "members",
    );
    expect(res).toEqual([
      { id: a.id, ret_status: "successful" },
      { id: b.id, ret_status: "successful" },
      { id: MISSING_ID, ret_status: "not found" },
      { address: "192.168.0.99", protocol_port: 80, ret_status: "not found" },
    ]);
    expect(await count(c, pool.id)).toBe(1);
    invalid(await c.post(`pools/${pool.id}/members/batch-delete`, { members: [{ id: b.id, address: "192.168.0.12", protocol_port: 80 }] }), "members[0]");
    invalid(await c.post(`pools/${pool.id}/members/batch-delete`, { members: [{ address: "192.168.0.12" }] }), "members[0]");
    expect(await count(c, pool.id)).toBe(1);
  });
  it("M9: GET .../elb/members lists the project's members with pool_id and loadbalancer_id, filtered and paged as every list", async () => {
    const c = t.project();
    const a = await poolOn(c);
    const b = await poolOn(c);
    const inA1 = await createMember(c, a.pool.id, inA("192.168.0.10", 80));
    const inA2 = await createMember(c, a.pool.id, inA("192.168.0.11", 80));
    const inB1 = await createMember(c, b.pool.id, inA("192.168.0.10", 8080));
    // Another project's member at the same address is not listed (G4).
    const other = t.project();
    const o = await poolOn(other);
    await createMember(other, o.pool.id, inA("192.168.0.10", 80));

    const all = ok(await c.get("members"), 200, "members");
    // G6: created_at, then id (members made in one second are in id order).
    const inOrder = (...ms: Json[]) => [...ms].sort((x, y) => (x.created_at + x.id < y.created_at + y.id ? -1 : 1)).map((x) => x.id);
    expect(all.map((x: Json) => x.id)).toEqual(inOrder(inA1, inA2, inB1));
    const shown = all.find((x: Json) => x.id === inB1.id);
    expect(shown).toMatchObject({ address: "192.168.0.10", protocol_port: 8080, pool_id: b.pool.id, loadbalancer_id: b.lb.id, loadbalancers: [{ id: b.lb.id }], operating_status: "NO_MONITOR" });

    const ids = async (query: Json) => ok(await c.get("members", query), 200, "members").map((x: Json) => x.id);
    expect(await ids({ address: "192.168.0.10" })).toEqual(inOrder(inA1, inB1));
    expect(await ids({ pool_id: a.pool.id })).toEqual(inOrder(inA1, inA2));
    expect(await ids({ loadbalancer_id: b.lb.id })).toEqual([inB1.id]);
    expect(await ids({ id: [inA2.id, inB1.id] })).toEqual(inOrder(inA2, inB1));
    expect(await ids({ protocol_port: 8080 })).toEqual([inB1.id]);
    expect(await ids({ address: "192.168.0.10", protocol_port: 80 })).toEqual([inA1.id]);
    expect(await ids({ ip_version: "v4", operating_status: "NO_MONITOR" })).toHaveLength(3);
    expect(await ids({ address: "10.9.9.9" })).toEqual([]);

    const page1 = await c.get("members", { limit: 2 });
    expect(page1.body.members.map((x: Json) => x.id)).toEqual(inOrder(inA1, inA2, inB1).slice(0, 2));
    expect(await ids({ limit: 2, marker: page1.body.page_info.next_marker })).toEqual(inOrder(inA1, inA2, inB1).slice(2));
    invalid(await c.get("members", { limit: 2001 }), "limit", "2001");
  });
});
