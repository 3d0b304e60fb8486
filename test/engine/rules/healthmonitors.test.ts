// H1-H3: health monitors.
import { describe, expect, it } from "vitest";
import { parallel, type Api, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { conflict, createLb, createMonitor, createPool, invalid, MISSING_ID, notFound, ok } from "../helpers/factories";

const t = useEngine();
const hmBody = (poolId: string, fields: Json = {}) => ({ healthmonitor: { pool_id: poolId, type: "TCP", delay: 5, timeout: 3, max_retries: 3, ...fields } });
const post = (c: Api, poolId: string, fields: Json = {}) => c.post("healthmonitors", hmBody(poolId, fields));
const needs = (protocol: string): Json => (protocol === "QUIC" ? { session_persistence: { type: "SOURCE_IP" } } : {});

async function poolsByProtocol(c: Api): Promise<Record<string, Json>> {
  const lb = await createLb(c);
  const protocols = ["TCP", "UDP", "HTTP", "HTTPS", "QUIC", "TLS", "GRPC"];
  const pools = await Promise.all(protocols.map((protocol) => createPool(c, { loadbalancer_id: lb.id, protocol, ...needs(protocol) })));
  return Object.fromEntries(protocols.map((p, i) => [p, pools[i]]));
}

describe("H health monitors", () => {
  it("H1: pool_id must exist (404) and is required (400); creating sets the pool's healthmonitor_id, deleting clears it", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    notFound(await post(c, MISSING_ID), "pool", MISSING_ID);
    invalid(await c.post("healthmonitors", { healthmonitor: { type: "TCP", delay: 5, timeout: 3, max_retries: 3 } }), "pool_id", "required");
    const hm = await createMonitor(c, pool.id);
    expect(hm.pools).toEqual([{ id: pool.id }]);
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").healthmonitor_id).toBe(hm.id);
    expect(ok(await c.get("pools", { healthmonitor_id: hm.id }), 200, "pools").map((p: Json) => p.id)).toEqual([pool.id]);
    expect((await c.del(`healthmonitors/${hm.id}`)).status).toBe(204);
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").healthmonitor_id).toBe("");
    notFound(await c.get(`healthmonitors/${hm.id}`));
  });

  it("H1: one monitor per pool → 409 naming the existing one; after deleting it a new one is allowed", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    const first = await createMonitor(c, pool.id);
    conflict(await post(c, pool.id, { type: "HTTP" }), pool.id, first.id);
    expect((await c.del(`healthmonitors/${first.id}`)).status).toBe(204);
    const second = await createMonitor(c, pool.id);
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").healthmonitor_id).toBe(second.id);
    // Parallel attempts on a fresh pool: exactly one wins (G10).
    const fresh = await createPool(c, { loadbalancer_id: lb.id });
    const replies = await parallel(10, () => post(c, fresh.id));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of replies.filter((x) => x.status !== 201)) conflict(r, fresh.id);
  });

  it("H2: the monitor type suits the pool protocol — UDP/QUIC → UDP_CONNECT; TCP → TCP, HTTP, HTTPS; HTTP/HTTPS/GRPC/TLS → TCP, HTTP, HTTPS, TLS, GRPC", async () => {
    const c = t.project();
    const pools = await poolsByProtocol(c);
    const allowed: Record<string, string[]> = {
      UDP: ["UDP_CONNECT"],
      QUIC: ["UDP_CONNECT"],
      TCP: ["TCP", "HTTP", "HTTPS"],
      HTTP: ["TCP", "HTTP", "HTTPS", "TLS", "GRPC"],
      HTTPS: ["TCP", "HTTP", "HTTPS", "TLS", "GRPC"],
      GRPC: ["TCP", "HTTP", "HTTPS", "TLS", "GRPC"],
      TLS: ["TCP", "HTTP", "HTTPS", "TLS", "GRPC"],
    };
    for (const [protocol, types] of Object.entries(allowed)) {
      const pool = pools[protocol];
      for (const type of ["TCP", "UDP_CONNECT", "HTTP", "HTTPS", "TLS", "GRPC"]) {
        const res = await post(c, pool.id, { type });
        if (types.includes(type)) {
          const hm = ok(res, 201, "healthmonitor");
          expect((await c.del(`healthmonitors/${hm.id}`)).status).toBe(204);
        } else {
          invalid(res, "type", type, protocol);
        }
      }
    }
    invalid(await post(c, pools.TCP.id, { type: "PING" }), "type", "PING");
    // An update is held to the same table.
    const hm = await createMonitor(c, pools.TCP.id);
    invalid(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { type: "UDP_CONNECT" } }), "type", "UDP_CONNECT", "TCP");
    ok(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { type: "HTTP" } }), 200, "healthmonitor");
  });

  it("H3: delay 1-50, timeout 1-50 and not above delay, max_retries 1-10, max_retries_down 1-10 (default 3) → 400 outside", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    for (const [field, bad] of [["delay", 0], ["delay", 51], ["timeout", 0], ["timeout", 51], ["max_retries", 0], ["max_retries", 11], ["max_retries_down", 0], ["max_retries_down", 11]] as const) {
      invalid(await post(c, pool.id, { delay: 50, [field]: bad }), field, bad);
    }
    for (const field of ["type", "delay", "timeout", "max_retries"]) {
      const body = hmBody(pool.id);
      delete body.healthmonitor[field];
      invalid(await c.post("healthmonitors", body), field, "required");
    }
    invalid(await post(c, pool.id, { delay: 5, timeout: 6 }), "timeout", "6", "5");
    const hm = await createMonitor(c, pool.id, { delay: 50, timeout: 50, max_retries: 10, max_retries_down: 10 });
    expect([hm.delay, hm.timeout, hm.max_retries, hm.max_retries_down]).toEqual([50, 50, 10, 10]);
    // The delay/timeout relation holds across updates that send only one of them.
    invalid(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { delay: 10 } }), "delay", "10", "50");
    ok(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { delay: 10, timeout: 10 } }), 200, "healthmonitor");
    invalid(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { timeout: 11 } }), "timeout", "11");
    const defaults = await createMonitor(c, (await createPool(c, { loadbalancer_id: lb.id })).id, { delay: 1, timeout: 1, max_retries: 1 });
    expect(defaults.max_retries_down).toBe(3);
  });

  it("H3: monitor_port 1-65535 or null (default null) → 400 otherwise", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    for (const bad of [0, 65536]) invalid(await post(c, pool.id, { monitor_port: bad }), "monitor_port", bad);
    invalid(await post(c, pool.id, { monitor_port: "80" }), "monitor_port");
    const hm = await createMonitor(c, pool.id, { monitor_port: 65535 });
    expect(hm.monitor_port).toBe(65535);
    expect(ok(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { monitor_port: null } }), 200, "healthmonitor").monitor_port).toBeNull();
    expect(ok(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { monitor_port: 1 } }), 200, "healthmonitor").monitor_port).toBe(1);
  });

  it("H3: url_path starts with '/' and http_method is GET/HEAD/POST, both for HTTP/HTTPS checks only; expected_codes like 200, 200,202 or 200-204", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const newPool = () => createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP" });
    const pool = await newPool();
    invalid(await post(c, pool.id, { type: "HTTP", url_path: "health" }), "url_path", "health");
    invalid(await post(c, pool.id, { type: "HTTP", url_path: "/" + "a".repeat(80) }), "url_path");
    invalid(await post(c, pool.id, { type: "HTTP", url_path: "/a b" }), "url_path");
    invalid(await post(c, pool.id, { type: "HTTP", url_path: "/q?a=1" }), "url_path"); // "=" is not among the documented characters
    invalid(await post(c, pool.id, { type: "HTTP", http_method: "PUT" }), "http_method", "PUT");
    for (const field of ["url_path", "http_method", "domain_name"]) {
      const value = { url_path: "/health", http_method: "GET", domain_name: "www.example.com" }[field];
      invalid(await post(c, pool.id, { type: "TCP", [field]: value }), field, "TCP");
    }
    invalid(await post(c, pool.id, { type: "TCP", expected_codes: "200" }), "expected_codes", "TCP");
    for (const bad of ["abc", "200-", "20x", "200;202", "99", "600", ""]) invalid(await post(c, pool.id, { type: "HTTP", expected_codes: bad }), "expected_codes", JSON.stringify(bad));

    const defaults = await createMonitor(c, pool.id, { type: "HTTP" });
    expect([defaults.url_path, defaults.http_method, defaults.expected_codes]).toEqual(["/", "GET", "200"]);
    const tcp = await createMonitor(c, (await newPool()).id, { type: "TCP" });
    expect([tcp.url_path, tcp.http_method, tcp.expected_codes]).toEqual([null, null, null]);
    for (const [codes, method, path] of [["200", "GET", "/health"], ["200,202", "HEAD", "/a/b?x&y#z"], ["200-204", "POST", "/"], ["200-204,301,400-404", "GET", "/x"]]) {
      const hm = await createMonitor(c, (await newPool()).id, { type: "HTTPS", expected_codes: codes, http_method: method, url_path: path });
      expect([hm.expected_codes, hm.http_method, hm.url_path]).toEqual([codes, method, path]);
    }
    const grpc = await createMonitor(c, (await newPool()).id, { type: "GRPC" });
    expect(grpc.expected_codes).toBe("0");
    invalid(await c.put(`healthmonitors/${defaults.id}`, { healthmonitor: { url_path: "nope" } }), "url_path", "nope");
    ok(await c.put(`healthmonitors/${defaults.id}`, { healthmonitor: { url_path: "/ready", expected_codes: "204" } }), 200, "healthmonitor");
  });

  it("H3: a UDP_CONNECT check takes no url_path, http_method, domain_name or expected_codes (400 naming the field); they read null", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id, protocol: "UDP" });
    const values: Json = { url_path: "/health", http_method: "GET", domain_name: "www.example.com", expected_codes: "200" };
    for (const [field, value] of Object.entries(values)) invalid(await post(c, pool.id, { type: "UDP_CONNECT", [field]: value }), field, "UDP_CONNECT");
    const hm = await createMonitor(c, pool.id, { type: "UDP_CONNECT" });
    expect([hm.url_path, hm.http_method, hm.domain_name, hm.expected_codes]).toEqual([null, null, null, null]);
    for (const [field, value] of Object.entries(values)) invalid(await c.put(`healthmonitors/${hm.id}`, { healthmonitor: { [field]: value } }), field, "UDP_CONNECT");
  });
});
