// P1-P9: pools (backend server groups).
import { describe, expect, it } from "vitest";
import { parallel, type Api, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import {
  conflict,
  createLb,
  createListener,
  createMember,
  createMonitor,
  createPool,
  invalid,
  MISSING_ID,
  NET,
  notFound,
  ok,
  quota,
  tlsFields,
} from "../helpers/factories";

const t = useEngine();
const post = (c: Api, fields: Json) => c.post("pools", { pool: { lb_algorithm: "ROUND_ROBIN", ...fields } });
/** Fields a pool of this protocol needs to be valid on its own (P5: QUIC pools pin by source IP). */
const needs = (protocol: string): Json => (protocol === "QUIC" ? { session_persistence: { type: "SOURCE_IP" } } : {});

const POOL_PROTOCOLS = ["TCP", "UDP", "HTTP", "HTTPS", "QUIC", "TLS", "GRPC"];
/** P2 as ENGINE-RULES writes it (not the engine's own table, so the test can disagree with it). */
const P2: Record<string, string[]> = {
  TCP: ["TCP"],
  UDP: ["UDP", "QUIC"],
  HTTP: ["HTTP"],
  HTTPS: ["HTTP", "HTTPS", "GRPC"],
  TLS: ["TLS", "TCP"],
  QUIC: ["HTTP", "HTTPS", "GRPC"],
};

describe("P pools", () => {
  it("P1: lb_algorithm ROUND_ROBIN, LEAST_CONNECTIONS, SOURCE_IP; QUIC_CID for QUIC pools only; anything else → 400", async () => {
    const c = t.project();
    const lb = await createLb(c);
    for (const algorithm of ["ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP"]) {
      expect((await createPool(c, { loadbalancer_id: lb.id, lb_algorithm: algorithm })).lb_algorithm).toBe(algorithm);
    }
    for (const protocol of POOL_PROTOCOLS.filter((p) => p !== "QUIC")) {
      invalid(await post(c, { loadbalancer_id: lb.id, protocol, lb_algorithm: "QUIC_CID" }), "lb_algorithm", "QUIC_CID", protocol);
    }
    const quic = await createPool(c, { loadbalancer_id: lb.id, protocol: "QUIC", lb_algorithm: "QUIC_CID", ...needs("QUIC") });
    expect(quic.lb_algorithm).toBe("QUIC_CID");
    for (const bad of ["WEIGHTED", "5_TUPLE_HASH", "round_robin", ""]) invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", lb_algorithm: bad }), "lb_algorithm", JSON.stringify(bad));
    invalid(await c.post("pools", { pool: { loadbalancer_id: lb.id, protocol: "TCP" } }), "lb_algorithm", "required");
    const tcp = await createPool(c, { loadbalancer_id: lb.id });
    invalid(await c.put(`pools/${tcp.id}`, { pool: { lb_algorithm: "QUIC_CID" } }), "lb_algorithm", "QUIC_CID");
    expect(ok(await c.put(`pools/${tcp.id}`, { pool: { lb_algorithm: "LEAST_CONNECTIONS" } }), 200, "pool").lb_algorithm).toBe("LEAST_CONNECTIONS");
  });

  it("P1: protocol is TCP, UDP, HTTP, HTTPS, QUIC, TLS or GRPC → 400 otherwise", async () => {
    const c = t.project();
    const lb = await createLb(c);
    for (const protocol of POOL_PROTOCOLS) expect((await createPool(c, { loadbalancer_id: lb.id, protocol, ...needs(protocol) })).protocol).toBe(protocol);
    for (const bad of ["IP", "SCTP", "TERMINATED_HTTPS", "http"]) invalid(await post(c, { loadbalancer_id: lb.id, protocol: bad }), "protocol", bad);
    invalid(await post(c, { loadbalancer_id: lb.id }), "protocol", "required");
  });

  it("P2: listener → pool protocols follow the matrix, whether the pool is created with listener_id or attached as default_pool_id", async () => {
    const c = t.project();
    const cert = await tlsFields(c);
    const lb = await createLb(c);
    let port = 100;
    const listeners: Record<string, Json> = {};
    for (const lp of Object.keys(P2)) {
      const extra = ["HTTPS", "TLS", "QUIC"].includes(lp) ? cert : {};
      listeners[lp] = await createListener(c, lb.id, { protocol: lp, protocol_port: port++, ...extra, ...(lp === "HTTPS" || lp === "QUIC" ? { http2_enable: true } : {}) });
    }
    const loosePools: Record<string, Json> = {};
    for (const pp of POOL_PROTOCOLS) loosePools[pp] = await createPool(c, { loadbalancer_id: lb.id, protocol: pp, ...needs(pp) });
    for (const [lp, allowed] of Object.entries(P2)) {
      const l = listeners[lp];
      for (const pp of POOL_PROTOCOLS) {
        const created = await post(c, { listener_id: l.id, protocol: pp, ...needs(pp) });
        const attached = await c.put(`listeners/${l.id}`, { listener: { default_pool_id: loosePools[pp].id } });
        if (allowed.includes(pp)) {
          const pool = ok(created, 201, "pool");
          expect(pool.listeners, `${lp} → ${pp}`).toEqual([{ id: l.id }]);
          // The listener's default pool was taken by the create, so the PUT replaced it.
          expect(ok(attached, 200, "listener").default_pool_id).toBe(loosePools[pp].id);
          ok(await c.put(`listeners/${l.id}`, { listener: { default_pool_id: null } }), 200, "listener");
        } else {
          invalid(created, "protocol", pp, lp);
          invalid(attached, "default_pool_id", loosePools[pp].id);
        }
      }
    }
  });

  it("P2: a GRPC pool needs its HTTPS listener's http2_enable → 400 without it", async () => {
    const c = t.project();
    const cert = await tlsFields(c);
    const lb = await createLb(c);
    const l = await createListener(c, lb.id, { protocol: "HTTPS", protocol_port: 443, ...cert });
    invalid(await post(c, { listener_id: l.id, protocol: "GRPC" }), "protocol", "http2_enable");
    ok(await c.put(`listeners/${l.id}`, { listener: { http2_enable: true } }), 200, "listener");
    expect((await createPool(c, { listener_id: l.id, protocol: "GRPC" })).protocol).toBe("GRPC");
    // The HTTP/2 condition is the HTTPS listener's: QUIC (HTTP/3) forwards to GRPC pools as it is.
    const quic = await createListener(c, lb.id, { protocol: "QUIC", protocol_port: 443, ...cert });
    expect((await createPool(c, { listener_id: quic.id, protocol: "GRPC" })).listeners).toEqual([{ id: quic.id }]);
  });

  it("P3: one of loadbalancer_id, listener_id is required (400); listener_id makes the default pool; a second → 409; both must agree → 400", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const otherLb = await createLb(c);
    const l = await createListener(c, lb.id);
    invalid(await post(c, { protocol: "TCP" }), "loadbalancer_id", "listener_id");
    notFound(await post(c, { listener_id: MISSING_ID, protocol: "TCP" }), MISSING_ID);
    notFound(await post(c, { loadbalancer_id: MISSING_ID, protocol: "TCP" }), MISSING_ID);
    invalid(await post(c, { listener_id: l.id, loadbalancer_id: otherLb.id, protocol: "TCP" }), "loadbalancer_id", otherLb.id);
    const pool = await createPool(c, { listener_id: l.id, loadbalancer_id: lb.id });
    expect(pool).toMatchObject({ listeners: [{ id: l.id }], loadbalancers: [{ id: lb.id }] });
    expect(ok(await c.get(`listeners/${l.id}`), 200, "listener").default_pool_id).toBe(pool.id);
    conflict(await post(c, { listener_id: l.id, protocol: "TCP" }), l.id, pool.id);
    const byListener = await createPool(c, { listener_id: (await createListener(c, lb.id)).id });
    expect(byListener.loadbalancers).toEqual([{ id: lb.id }]);
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer").pools.map((p: Json) => p.id).sort()).toEqual([pool.id, byListener.id].sort());
  });

  it("P4: slow start only on HTTP/HTTPS pools with ROUND_ROBIN, duration 30-1200 (default 30) → 400 otherwise", async () => {
    const c = t.project();
    const lb = await createLb(c);
    for (const protocol of ["TCP", "UDP", "TLS", "GRPC", "QUIC"]) {
      invalid(await post(c, { loadbalancer_id: lb.id, protocol, ...needs(protocol), slow_start: { enable: true } }), "slow_start.enable", protocol);
    }
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "HTTP", lb_algorithm: "LEAST_CONNECTIONS", slow_start: { enable: true } }), "slow_start.enable", "LEAST_CONNECTIONS");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "HTTP", lb_algorithm: "SOURCE_IP", slow_start: { enable: true } }), "slow_start.enable", "SOURCE_IP");
    for (const d of [29, 1201]) invalid(await post(c, { loadbalancer_id: lb.id, protocol: "HTTP", slow_start: { enable: true, duration: d } }), "slow_start.duration", d);
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "HTTP", slow_start: { duration: 60 } }), "slow_start.enable", "required");
    const http = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP", slow_start: { enable: true } });
    expect(http.slow_start).toEqual({ enable: true, duration: 30 });
    const https = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTPS", slow_start: { enable: true, duration: 1200 } });
    expect(https.slow_start).toEqual({ enable: true, duration: 1200 });
    // A disabled slow start is allowed anywhere (it ramps nothing).
    await createPool(c, { loadbalancer_id: lb.id, protocol: "TCP", slow_start: { enable: false } });
    // Switching the algorithm away from ROUND_ROBIN while slow start is on → 400 naming lb_algorithm.
    invalid(await c.put(`pools/${http.id}`, { pool: { lb_algorithm: "LEAST_CONNECTIONS" } }), "lb_algorithm", "LEAST_CONNECTIONS");
    ok(await c.put(`pools/${http.id}`, { pool: { slow_start: { enable: false } } }), 200, "pool");
    ok(await c.put(`pools/${http.id}`, { pool: { lb_algorithm: "LEAST_CONNECTIONS" } }), 200, "pool");
    invalid(await c.put(`pools/${http.id}`, { pool: { slow_start: { enable: true, duration: 60 } } }), "slow_start.enable", "LEAST_CONNECTIONS");
  });

  it("P5: session_persistence types, cookie_name with APP_COOKIE only, cookie types only on HTTP/HTTPS pools → 400 otherwise", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const sp = (protocol: string, session_persistence: Json, lb_algorithm = "ROUND_ROBIN") => post(c, { loadbalancer_id: lb.id, protocol, lb_algorithm, session_persistence });
    invalid(await sp("HTTP", { type: "JSESSIONID" }), "session_persistence.type", "JSESSIONID");
    invalid(await sp("HTTP", { type: "APP_COOKIE" }), "session_persistence.cookie_name", "APP_COOKIE");
    invalid(await sp("HTTP", { type: "HTTP_COOKIE", cookie_name: "sid" }), "session_persistence.cookie_name", "HTTP_COOKIE");
    invalid(await sp("TCP", { type: "SOURCE_IP", cookie_name: "sid" }), "session_persistence.cookie_name", "SOURCE_IP");
    invalid(await sp("HTTP", { type: "APP_COOKIE", cookie_name: "bad name!" }), "session_persistence.cookie_name");
    for (const protocol of ["TCP", "UDP", "TLS", "GRPC"]) {
      invalid(await sp(protocol, { type: "HTTP_COOKIE" }), "session_persistence.type", protocol);
      invalid(await sp(protocol, { type: "APP_COOKIE", cookie_name: "sid" }), "session_persistence.type", protocol);
    }
    const app = ok(await sp("HTTP", { type: "APP_COOKIE", cookie_name: "sid" }), 201, "pool");
    expect(app.session_persistence).toMatchObject({ type: "APP_COOKIE", cookie_name: "sid" });
    const cookie = ok(await sp("HTTPS", { type: "HTTP_COOKIE" }), 201, "pool");
    expect(cookie.session_persistence).toEqual({ type: "HTTP_COOKIE", cookie_name: null, persistence_timeout: 1440 });
    const src = ok(await sp("TCP", { type: "SOURCE_IP" }), 201, "pool");
    expect(src.session_persistence).toEqual({ type: "SOURCE_IP", cookie_name: null, persistence_timeout: 1 });
  });

  it("P5: persistence timeout 1-60 min for TCP/UDP/QUIC pools, 1-1440 for HTTP/HTTPS → 400 outside", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const sp = (protocol: string, persistence_timeout: number) =>
      post(c, { loadbalancer_id: lb.id, protocol, session_persistence: { type: protocol.startsWith("HTTP") ? "HTTP_COOKIE" : "SOURCE_IP", persistence_timeout } });
    for (const protocol of ["TCP", "UDP", "QUIC"]) {
      ok(await sp(protocol, 60), 201, "pool");
      ok(await sp(protocol, 1), 201, "pool");
      invalid(await sp(protocol, 61), "session_persistence.persistence_timeout", 61, "1-60");
      invalid(await sp(protocol, 0), "session_persistence.persistence_timeout", 0);
    }
    for (const protocol of ["HTTP", "HTTPS"]) {
      ok(await sp(protocol, 1440), 201, "pool");
      invalid(await sp(protocol, 1441), "session_persistence.persistence_timeout", 1441);
    }
    const tcp = ok(await sp("TCP", 30), 201, "pool");
    invalid(await c.put(`pools/${tcp.id}`, { pool: { session_persistence: { type: "SOURCE_IP", persistence_timeout: 100 } } }), "session_persistence.persistence_timeout", 100);
    ok(await c.put(`pools/${tcp.id}`, { pool: { session_persistence: null } }), 200, "pool");
  });

  it("P5: sticky sessions cannot be combined with the SOURCE_IP algorithm; a QUIC pool must use SOURCE_IP persistence → 400", async () => {
    const c = t.project();
    const lb = await createLb(c);
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", lb_algorithm: "SOURCE_IP", session_persistence: { type: "SOURCE_IP" } }), "session_persistence", "SOURCE_IP");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "HTTP", lb_algorithm: "SOURCE_IP", session_persistence: { type: "HTTP_COOKIE" } }), "session_persistence", "SOURCE_IP");
    const sticky = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP", session_persistence: { type: "HTTP_COOKIE" } });
    const res = await c.put(`pools/${sticky.id}`, { pool: { lb_algorithm: "SOURCE_IP" } });
    expect([res.status, res.body.error_code]).toEqual([400, "ELB.8902"]);
    expect(res.body.error_msg).toContain("SOURCE_IP");
    ok(await c.put(`pools/${sticky.id}`, { pool: { lb_algorithm: "SOURCE_IP", session_persistence: null } }), 200, "pool");

    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "QUIC" }), "session_persistence", "QUIC");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "QUIC", session_persistence: null }), "session_persistence", "QUIC");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "QUIC", session_persistence: { type: "HTTP_COOKIE" } }), "session_persistence.type", "QUIC");
    const quic = await createPool(c, { loadbalancer_id: lb.id, protocol: "QUIC", session_persistence: { type: "SOURCE_IP" } });
    invalid(await c.put(`pools/${quic.id}`, { pool: { session_persistence: null } }), "session_persistence", "QUIC");
  });

  it("P6: DELETE of a pool with members or a health monitor → 409; delete-cascade removes both with it", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const l = await createListener(c, lb.id);
    const pool = await createPool(c, { listener_id: l.id });
    const member = await createMember(c, pool.id);
    conflict(await c.del(`pools/${pool.id}`), "member");
    expect((await c.del(`pools/${pool.id}/members/${member.id}`)).status).toBe(204);
    const hm = await createMonitor(c, pool.id);
    conflict(await c.del(`pools/${pool.id}`), hm.id);
    const m2 = await createMember(c, pool.id, { address: "192.168.0.12" });
    expect((await c.del(`pools/${pool.id}/delete-cascade`)).status).toBe(204);
    for (const path of [`pools/${pool.id}`, `healthmonitors/${hm.id}`]) notFound(await c.get(path));
    notFound(await c.get(`pools/${pool.id}/members/${m2.id}`));
    // The listener lost its default pool with it.
    expect(ok(await c.get(`listeners/${l.id}`), 200, "listener").default_pool_id).toBeNull();
    expect((await c.del(`listeners/${l.id}`)).status).toBe(204);
    // An empty pool deletes plainly.
    const empty = await createPool(c, { loadbalancer_id: lb.id });
    expect((await c.del(`pools/${empty.id}`)).status).toBe(204);
    notFound(await c.del(`pools/${empty.id}`));
  });

  it("P7: member_deletion_protection_enable refuses every path that removes members (single, batch, pool cascade, listener force, force-elb) → 409", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const l = await createListener(c, lb.id);
    const pool = await createPool(c, { listener_id: l.id, member_deletion_protection_enable: true });
    const member = await createMember(c, pool.id);
    const refused = [
      await c.del(`pools/${pool.id}/members/${member.id}`),
      await c.post(`pools/${pool.id}/members/batch-delete`, { members: [{ id: member.id }] }),
      await c.post(`pools/${pool.id}/members/batch-delete`, { members: [{ address: member.address, protocol_port: member.protocol_port }] }),
      await c.del(`pools/${pool.id}/delete-cascade`),
      await c.del(`listeners/${l.id}/force`),
      await c.del(`loadbalancers/${lb.id}/force-elb`),
    ];
    for (const res of refused) conflict(res, "member_deletion_protection_enable");
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").members).toEqual([{ id: member.id }]);
    // Other member writes still work; a batch-delete naming only missing members removes nothing and is fine.
    ok(await c.put(`pools/${pool.id}/members/${member.id}`, { member: { weight: 5 } }), 200, "member");
    await createMember(c, pool.id, { address: "192.168.0.13" });
    ok(await c.post(`pools/${pool.id}/members/batch-delete`, { members: [{ id: MISSING_ID }] }), 200, "members");
    // Off again, every path works.
    ok(await c.put(`pools/${pool.id}`, { pool: { member_deletion_protection_enable: false } }), 200, "pool");
    expect((await c.del(`pools/${pool.id}/members/${member.id}`)).status).toBe(204);
    expect((await c.del(`loadbalancers/${lb.id}/force-elb`)).status).toBe(204);
  });

  it("P8: type and vpc_id may be set later only while still empty → 400", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    expect([pool.type, pool.vpc_id]).toEqual(["", ""]);
    expect(ok(await c.put(`pools/${pool.id}`, { pool: { type: "ip" } }), 200, "pool").type).toBe("ip");
    ok(await c.put(`pools/${pool.id}`, { pool: { type: "ip" } }), 200, "pool");
    invalid(await c.put(`pools/${pool.id}`, { pool: { type: "instance" } }), "type", "instance", "ip");
    invalid(await c.put(`pools/${pool.id}`, { pool: { type: "" } }), "type");
    invalid(await c.put(`pools/${pool.id}`, { pool: { type: "other" } }), "type", "other");
    expect(ok(await c.put(`pools/${pool.id}`, { pool: { vpc_id: NET.vpc } }), 200, "pool").vpc_id).toBe(NET.vpc);
    invalid(await c.put(`pools/${pool.id}`, { pool: { vpc_id: NET.otherVpc } }), "vpc_id", NET.otherVpc);
    invalid(await c.put(`pools/${pool.id}`, { pool: { vpc_id: "" } }), "vpc_id");
    const typed = await createPool(c, { loadbalancer_id: lb.id, type: "instance", vpc_id: NET.vpc });
    expect([typed.type, typed.vpc_id]).toEqual(["instance", NET.vpc]);
    invalid(await c.put(`pools/${typed.id}`, { pool: { type: "ip" } }), "type");
  });

  it("P8: an ip pool accepts only IP members, an instance pool only members with a subnet → 400; a type that existing members break → 400", async () => {
    const c = t.project();
    const lb = await createLb(c, { ip_target_enable: true });
    const ipPool = await createPool(c, { loadbalancer_id: lb.id, type: "ip" });
    const instPool = await createPool(c, { loadbalancer_id: lb.id, type: "instance" });
    invalid(await c.post(`pools/${ipPool.id}/members`, { member: { address: "192.168.0.10", protocol_port: 80, subnet_cidr_id: NET.privateA } }), "subnet_cidr_id", "ip");
    expect((await createMember(c, ipPool.id, { subnet_cidr_id: undefined, address: "10.0.0.1" })).member_type).toBe("ip");
    invalid(await c.post(`pools/${instPool.id}/members`, { member: { address: "10.0.0.1", protocol_port: 80 } }), "subnet_cidr_id", "instance");
    expect((await createMember(c, instPool.id)).member_type).toBe("instance");
    invalid(await c.post(`pools/${ipPool.id}/members/batch-add`, { members: [{ address: "10.0.0.2", protocol_port: 80 }, { address: "192.168.0.10", protocol_port: 80, subnet_cidr_id: NET.privateA }] }), "members[1].subnet_cidr_id");
    const mixed = await createPool(c, { loadbalancer_id: lb.id });
    const inst = await createMember(c, mixed.id);
    invalid(await c.put(`pools/${mixed.id}`, { pool: { type: "ip" } }), "type", inst.id);
    await createMember(c, mixed.id, { subnet_cidr_id: undefined, address: "10.0.0.3" });
    invalid(await c.put(`pools/${mixed.id}`, { pool: { type: "instance" } }), "type");
  });

  it("P9: 500 pools per project, the 501st → 409 ELB.8905; another project is unaffected", async () => {
    const c = t.project();
    const lbs = await parallel(5, () => createLb(c));
    await parallel(500, (i) => createPool(c, { loadbalancer_id: lbs[i % 5].id }));
    quota(await post(c, { loadbalancer_id: lbs[0].id, protocol: "TCP" }), "pool", "500");
    const l = await createListener(c, lbs[1].id);
    quota(await post(c, { listener_id: l.id, protocol: "TCP" }), "pool");
    expect(ok(await c.get(`listeners/${l.id}`), 200, "listener").default_pool_id).toBeNull();
    const other = t.project();
    await createPool(other, { loadbalancer_id: (await createLb(other)).id });
    const [first] = ok(await c.get("pools", { limit: 1 }), 200, "pools");
    expect((await c.del(`pools/${first.id}`)).status).toBe(204);
    await createPool(c, { loadbalancer_id: lbs[0].id });
    expect(ok(await c.get("pools"), 200, "pools")).toHaveLength(500);
  });
  it("P10: connection_drain only on TCP/UDP/QUIC pools and only with a timeout of 10-4000 s → 400; stored and echoed", async () => {
    const c = t.project();
    const lb = await createLb(c);
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "HTTP", connection_drain: { enable: true, timeout: 30 } }), "connection_drain.enable", "HTTP", "only for TCP, UDP, QUIC pools");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", connection_drain: { enable: true } }), "connection_drain.timeout", "required");
    for (const v of [9, 4001]) invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", connection_drain: { enable: true, timeout: v } }), "connection_drain.timeout", String(v), "10-4000");
    invalid(await post(c, { loadbalancer_id: lb.id, protocol: "TCP", connection_drain: { timeout: 30 } }), "connection_drain.enable", "required");
    const plain = ok(await post(c, { loadbalancer_id: lb.id, protocol: "TCP" }), 201, "pool");
    expect(plain.connection_drain).toBeNull();
    const drained = ok(await post(c, { loadbalancer_id: lb.id, protocol: "UDP", connection_drain: { enable: true, timeout: 60 } }), 201, "pool");
    expect(drained.connection_drain).toEqual({ enable: true, timeout: 60 });
    // Off needs no timeout; an update is checked the same way.
    expect(ok(await c.put(`pools/${plain.id}`, { pool: { connection_drain: { enable: false } } }), 200, "pool").connection_drain).toEqual({ enable: false, timeout: null });
    invalid(await c.put(`pools/${plain.id}`, { pool: { connection_drain: { enable: true } } }), "connection_drain.timeout", "required");
    expect(ok(await c.get(`pools/${drained.id}`), 200, "pool").connection_drain).toEqual({ enable: true, timeout: 60 });
  });
});
