// G1-G3, G5, G7 over real HTTP: paths and envelopes, the error body, strict input, object shapes,
// authentication in lenient and strict mode.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { signRequest } from "../../../provider/signing";
import { FakeClock } from "../../../provider/engine";
import { api, newProject, send, type Api, type Json, type Reply } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import {
  createLb,
  createListener,
  createMember,
  createMonitor,
  createPool,
  createTree,
  fails,
  invalid,
  NET,
  ok,
  TIMESTAMP,
  UUID_V4,
} from "../helpers/factories";

const t = useEngine();

/** Expects a 204 with an empty body and a request id header. */
function noContent(res: Reply): void {
  expect(res.status, res.text).toBe(204);
  expect(res.text).toBe("");
  expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
}

describe("G1 paths and envelopes", () => {
  it("G1: every resource answers create 201, show/list/update 200, delete 204 with no body, wrapped in its singular key", async () => {
    const c = t.project();
    const lbRes = await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc } });
    const lb = ok(lbRes, 201, "loadbalancer");
    const listener = ok(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTP", protocol_port: 80 } }), 201, "listener");
    const pool = ok(await c.post("pools", { pool: { listener_id: listener.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } }), 201, "pool");
    const member = ok(await c.post(`pools/${pool.id}/members`, { member: { address: "192.168.0.5", protocol_port: 80, subnet_cidr_id: NET.privateA } }), 201, "member");
    const hm = ok(await c.post("healthmonitors", { healthmonitor: { pool_id: pool.id, type: "HTTP", delay: 5, timeout: 3, max_retries: 3 } }), 201, "healthmonitor");

    const resources: [string, string, string, Json][] = [
      ["loadbalancers", "loadbalancer", "loadbalancers", lb],
      ["listeners", "listener", "listeners", listener],
      ["pools", "pool", "pools", pool],
      [`pools/${pool.id}/members`, "member", "members", member],
      ["healthmonitors", "healthmonitor", "healthmonitors", hm],
    ];
    for (const [path, key, plural, obj] of resources) {
      expect(ok(await c.get(`${path}/${obj.id}`), 200, key).id).toBe(obj.id);
      const list = await c.get(path);
      const items = ok(list, 200, plural);
      expect(items.map((x: Json) => x.id)).toEqual([obj.id]);
      expect(list.body.page_info).toEqual({ previous_marker: obj.id, next_marker: obj.id, current_count: 1 });
      expect(ok(await c.put(`${path}/${obj.id}`, { [key]: { name: "renamed" } }), 200, key).name).toBe("renamed");
    }
    // Children first (L6, S5, P6), each answered 204 with an empty body.
    noContent(await c.del(`healthmonitors/${hm.id}`));
    noContent(await c.del(`pools/${pool.id}/members/${member.id}`));
    noContent(await c.del(`pools/${pool.id}`));
    noContent(await c.del(`listeners/${listener.id}`));
    noContent(await c.del(`loadbalancers/${lb.id}`));
    fails(await c.get(`loadbalancers/${lb.id}`), 404, "ELB.8904", lb.id);
  });

  it("G1: every JSON reply carries request_id, equal to its X-Request-Id header, and each request gets its own", async () => {
    const c = t.project();
    const a = await c.get("loadbalancers");
    const b = await c.get("loadbalancers");
    const err = await c.get("loadbalancers/not-there");
    for (const r of [a, b, err]) {
      expect(r.body.request_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.headers["x-request-id"]).toBe(r.body.request_id);
      expect(r.headers["content-type"]).toMatch(/^application\/json/);
    }
    expect(new Set([a.body.request_id, b.body.request_id, err.body.request_id]).size).toBe(3);
  });

  it("G1: the extra endpoints (force-elb, statuses, AZ batch, member batches, listener force, pool delete-cascade) live under the same paths", async () => {
    const c = t.project();
    const { lb, listener, pool } = await createTree(c);
    ok(await c.get(`loadbalancers/${lb.id}/statuses`), 200, "statuses");
    ok(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-add`, { availability_zone_list: ["local-1b"] }), 200, "loadbalancer");
    ok(await c.post(`pools/${pool.id}/members/batch-add`, { members: [{ address: "192.168.0.77", protocol_port: 1, subnet_cidr_id: NET.privateA }] }), 200, "members");
    noContent(await c.del(`listeners/${listener.id}/force`));
    const pool2 = await createPool(c, { loadbalancer_id: lb.id });
    await createMember(c, pool2.id);
    noContent(await c.del(`pools/${pool2.id}/delete-cascade`));
    await createListener(c, lb.id);
    noContent(await c.del(`loadbalancers/${lb.id}/force-elb`));
  });
});

describe("G2 error body", () => {
  it("G2: an unknown route is 404 APIGW.0101 with exactly error_code, error_msg and request_id", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const cases: [string, string][] = [
      ["GET", c.path("widgets")],
      ["GET", `/v2/${c.project}/elb/loadbalancers`],
      ["PATCH", c.path(`loadbalancers/${lb.id}`)],
      ["POST", c.path(`loadbalancers/${lb.id}`)],
      ["GET", c.path(`loadbalancers/${lb.id}/nothing`)],
      ["GET", "/"],
      // Paths are matched as sent: no normalisation turns them into another (G4).
      ["GET", `/v3/${c.project}//elb/loadbalancers`],
      ["GET", `/v3/${c.project}/elb/./loadbalancers`],
      ["GET", `/v3/other/elb/../../v3/${c.project}/elb/loadbalancers`],
      ["GET", `/v3/${c.project}%2Felb/loadbalancers`],
      ["GET", `/v3/${c.project}/elb/loadbalancers/%E0%A4%A`],
    ];
    for (const [method, path] of cases) {
      const res = await c.raw(method, path);
      fails(res, 404, "APIGW.0101");
    }
  });

  it("G2: a body over 1 MiB is 413, by Content-Length or while streaming; 1 MiB exactly still reaches validation", async () => {
    const c = t.project();
    const limit = 1024 * 1024;
    const payload = (size: number) => {
      const head = '{"loadbalancer":{"name":"';
      const tail = '"}}';
      return head + "x".repeat(size - head.length - tail.length) + tail;
    };
    const big = payload(limit + 1);
    expect(Buffer.byteLength(big)).toBe(limit + 1);
    const tooLarge = await c.raw("POST", "loadbalancers", { body: big, headers: { "Content-Type": "application/json" } });
    expect(tooLarge.status).toBe(413);
    expect(Object.keys(tooLarge.body).sort()).toEqual(["error_code", "error_msg", "request_id"]);
    expect(tooLarge.headers["x-request-id"]).toBe(tooLarge.body.request_id);
    expect(tooLarge.body.error_msg).toContain(String(limit));

    // Chunked, no Content-Length: the engine counts as it reads.
    const chunks = async function* () {
      for (let i = 0; i < 17; i++) yield Buffer.alloc(64 * 1024, 0x20);
    };
    const streamed = await c.raw("POST", "loadbalancers", { body: Readable.from(chunks()), headers: { "Content-Type": "application/json" } });
    expect(streamed.status).toBe(413);

    // At the limit the body is read and judged on its content instead (a too-long name: 400).
    const atLimit = await c.raw("POST", "loadbalancers", { body: payload(limit), headers: { "Content-Type": "application/json" } });
    invalid(atLimit, "name");
  });

  it("G2: no request a client can send gets a 5xx", async () => {
    const c = t.project();
    const { lb, pool } = await createTree(c);
    const bodies = ["null", "[]", '"text"', "42", "true", "{}", '{"loadbalancer":null}', '{"loadbalancer":[]}', '{"loadbalancer":"x"}', "\u0000", "{".repeat(5000), "[".repeat(100_000), '{"a":1e999}'];
    const paths = ["loadbalancers", `loadbalancers/${lb.id}`, "listeners", "pools", `pools/${pool.id}`, `pools/${pool.id}/members`, `pools/${pool.id}/members/batch-add`, `pools/${pool.id}/members/batch-update`, `pools/${pool.id}/members/batch-delete`, "healthmonitors", `loadbalancers/${lb.id}/availability-zone/batch-add`, `loadbalancers/${lb.id}/availability-zone/batch-remove`];
    const replies: Reply[] = [];
    for (const path of paths) {
      for (const method of ["POST", "PUT"]) {
        replies.push(...(await Promise.all(bodies.map((body) => c.raw(method, path, { body, headers: { "Content-Type": "application/json" } })))));
      }
    }
    const queries = ["limit=-1", "limit=abc", "limit=99999999999999999999", "marker=", "marker=%ZZ", "page_reverse=maybe", "name", "a[b]=1", "__proto__=1", "constructor=x"];
    replies.push(...(await Promise.all(queries.map((q) => c.get("loadbalancers", q)))));
    replies.push(...(await Promise.all(["%00", "..", "a".repeat(5000), "%F0%9F%98%80"].map((id) => c.get(`pools/${id}/members`)))));
    for (const r of replies) {
      expect(r.status, r.text).toBeLessThan(500);
      expect(Object.keys(r.body ?? {}).length).toBeGreaterThan(0);
    }
  });
});

describe("G3 strict input", () => {
  const post = (c: Api, path: string, text: string) => c.raw("POST", path, { body: text, headers: { "Content-Type": "application/json" } });

  it("G3: malformed JSON → 400 ELB.8902; a valid body on the same path → 201", async () => {
    const c = t.project();
    for (const text of ['{"loadbalancer": {', "{'loadbalancer': {}}", '{"loadbalancer": {"name": "a",}}', "not json"]) {
      fails(await post(c, "loadbalancers", text), 400, "ELB.8902", "JSON");
    }
    ok(await post(c, "loadbalancers", JSON.stringify({ loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc } })), 201, "loadbalancer");
  });

  it("G3: a missing or wrong wrapper key → 400", async () => {
    const c = t.project();
    const inner = { availability_zone_list: ["local-1a"], vpc_id: NET.vpc };
    fails(await c.post("loadbalancers", undefined), 400, "ELB.8902", "loadbalancer");
    fails(await c.post("loadbalancers", {}), 400, "ELB.8902", "loadbalancer");
    fails(await c.post("loadbalancers", inner), 400, "ELB.8902");
    invalid(await c.post("loadbalancers", { listener: inner }), "listener");
    invalid(await c.post("loadbalancers", { loadbalancer: inner, extra: 1 }), "extra");
    invalid(await c.post("loadbalancers", { loadbalancer: [inner] }), "loadbalancer");
    fails(await c.post("loadbalancers", [{ loadbalancer: inner }]), 400, "ELB.8902");
  });

  it("G3: a value of the wrong type → 400 naming the field and the value", async () => {
    const c = t.project();
    const lb = await createLb(c);
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: "local-1a", vpc_id: NET.vpc } }), "availability_zone_list", '"local-1a"');
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: "80" } }), "protocol_port", '"80"');
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 80.5 } }), "protocol_port", "80.5");
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: 5 } }), "name", "5");
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { deletion_protection_enable: "true" } }), "deletion_protection_enable", '"true"');
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { admin_state_up: null } }), "admin_state_up", "null");
    const pool = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP" });
    invalid(await c.put(`pools/${pool.id}`, { pool: { session_persistence: { type: "HTTP_COOKIE", persistence_timeout: "10" } } }), "session_persistence.persistence_timeout", '"10"');
  });

  it("G3: an unknown field → 400 naming it, at the top level and inside nested objects", async () => {
    const c = t.project();
    const lb = await createLb(c);
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 81, colour: "red" } }), "colour", '"red"');
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { flavour: 1 } }), "flavour");
    // Read-only output fields are not inputs either.
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { provisioning_status: "ACTIVE" } }), "provisioning_status");
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { id: lb.id } }), "id");
    const pool = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP" });
    invalid(await c.put(`pools/${pool.id}`, { pool: { slow_start: { enable: false, speed: 3 } } }), "slow_start.speed");
    // A member's pool lives in the URL, not the body.
    invalid(await c.post(`pools/${pool.id}/members`, { member: { pool_id: pool.id, address: "192.168.0.3", protocol_port: 80, subnet_cidr_id: NET.privateA } }), "pool_id");
  });

  it("G3: __proto__, constructor and other Object.prototype names are just unknown fields (and pollute nothing)", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP" });
    const texts: [string, string, string][] = [
      ["loadbalancers", `{"loadbalancer":{"availability_zone_list":["local-1a"],"vpc_id":"${NET.vpc}","__proto__":{"polluted":true}}}`, "__proto__"],
      ["loadbalancers", `{"loadbalancer":{"availability_zone_list":["local-1a"],"vpc_id":"${NET.vpc}","constructor":{"prototype":{"polluted":true}}}}`, "constructor"],
      ["loadbalancers", `{"loadbalancer":{"availability_zone_list":["local-1a"],"vpc_id":"${NET.vpc}","toString":"x"}}`, "toString"],
      ["loadbalancers", `{"loadbalancer":{"availability_zone_list":["local-1a"],"vpc_id":"${NET.vpc}","hasOwnProperty":1}}`, "hasOwnProperty"],
      ["loadbalancers", `{"__proto__":{"polluted":true},"loadbalancer":{"availability_zone_list":["local-1a"],"vpc_id":"${NET.vpc}"}}`, "__proto__"],
      ["healthmonitors", `{"healthmonitor":{"pool_id":"${pool.id}","type":"TCP","delay":5,"timeout":3,"max_retries":3,"__proto__":{"delay":99}}}`, "__proto__"],
    ];
    for (const [path, text, field] of texts) invalid(await post(c, path, text), field);
    const nested = `{"pool":{"session_persistence":{"type":"HTTP_COOKIE","__proto__":{"cookie_name":"x"}}}}`;
    invalid(await c.raw("PUT", `pools/${pool.id}`, { body: nested, headers: { "Content-Type": "application/json" } }), "session_persistence.__proto__");
    const ctor = `{"pool":{"session_persistence":{"type":"HTTP_COOKIE","constructor":1}}}`;
    invalid(await c.raw("PUT", `pools/${pool.id}`, { body: ctor, headers: { "Content-Type": "application/json" } }), "session_persistence.constructor");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Nothing was created by the refused bodies.
    expect(ok(await c.get("loadbalancers"), 200, "loadbalancers")).toHaveLength(1);
  });

  it("G3: a create-only field in a PUT → 400 naming it; the updatable fields of the same resource → 200", async () => {
    const c = t.project();
    const { lb, listener, pool, member, monitor } = await createTree(c);
    const cases: [string, string, Json, string][] = [
      [`loadbalancers/${lb.id}`, "loadbalancer", { vpc_id: NET.vpc }, "vpc_id"],
      [`loadbalancers/${lb.id}`, "loadbalancer", { availability_zone_list: ["local-1b"] }, "availability_zone_list"],
      [`loadbalancers/${lb.id}`, "loadbalancer", { guaranteed: true }, "guaranteed"],
      [`loadbalancers/${lb.id}`, "loadbalancer", { provider: "vlb" }, "provider"],
      [`listeners/${listener.id}`, "listener", { protocol: "HTTP" }, "protocol"],
      [`listeners/${listener.id}`, "listener", { protocol_port: 9999 }, "protocol_port"],
      [`listeners/${listener.id}`, "listener", { loadbalancer_id: lb.id }, "loadbalancer_id"],
      [`pools/${pool.id}`, "pool", { protocol: "UDP" }, "protocol"],
      [`pools/${pool.id}`, "pool", { loadbalancer_id: lb.id }, "loadbalancer_id"],
      [`pools/${pool.id}`, "pool", { listener_id: listener.id }, "listener_id"],
      [`pools/${pool.id}`, "pool", { ip_version: "v4" }, "ip_version"],
      [`pools/${pool.id}/members/${member.id}`, "member", { address: "192.168.0.11" }, "address"],
      [`pools/${pool.id}/members/${member.id}`, "member", { subnet_cidr_id: NET.privateA }, "subnet_cidr_id"],
      [`healthmonitors/${monitor.id}`, "healthmonitor", { pool_id: pool.id }, "pool_id"],
    ];
    for (const [path, key, body, field] of cases) {
      invalid(await c.put(path, { [key]: { name: "ok", ...body } }), field, "created");
    }
    // Nothing was half-applied: the name sent beside the refused field is not stored.
    expect(ok(await c.get(`listeners/${listener.id}`), 200, "listener").name).toBe("");
    ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: "a", description: "b", admin_state_up: true } }), 200, "loadbalancer");
    ok(await c.put(`listeners/${listener.id}`, { listener: { name: "a", keepalive_timeout: 100 } }), 200, "listener");
    ok(await c.put(`pools/${pool.id}`, { pool: { name: "a", lb_algorithm: "LEAST_CONNECTIONS" } }), 200, "pool");
    ok(await c.put(`pools/${pool.id}/members/${member.id}`, { member: { name: "a", weight: 7, protocol_port: 81 } }), 200, "member");
    ok(await c.put(`healthmonitors/${monitor.id}`, { healthmonitor: { name: "a", delay: 10 } }), 200, "healthmonitor");
  });
});

describe("G5 shapes", () => {
  it("G5: ids are UUIDv4 and timestamps YYYY-MM-DDTHH:MM:SSZ on every resource", async () => {
    const c = t.project();
    const tree = await createTree(c);
    for (const obj of Object.values(tree)) {
      expect(obj.id).toMatch(UUID_V4);
      expect(obj.created_at).toMatch(TIMESTAMP);
      expect(obj.updated_at).toMatch(TIMESTAMP);
      expect(obj.project_id).toBe(c.project);
    }
    expect(tree.lb.vip_port_id).toBeNull(); // no VIP subnet given
    const withVip = await createLb(c, { vip_subnet_cidr_id: NET.privateA });
    expect(withVip.vip_port_id).toMatch(UUID_V4);
  });

  it("G5: unset optional values are null, empty collections [], references lists of {id}", async () => {
    const c = t.project();
    const lb = await createLb(c);
    expect(lb.listeners).toEqual([]);
    expect(lb.pools).toEqual([]);
    expect(lb.vip_address).toBeNull();
    expect(lb.vip_subnet_cidr_id).toBeNull();
    const listener = await createListener(c, lb.id);
    expect(listener.default_pool_id).toBeNull();
    expect(listener.default_tls_container_ref).toBeNull();
    expect(listener.sni_container_refs).toEqual([]);
    expect(listener.loadbalancers).toEqual([{ id: lb.id }]);
    const pool = await createPool(c, { loadbalancer_id: lb.id });
    expect(pool.session_persistence).toBeNull();
    expect(pool.slow_start).toBeNull();
    expect(pool.healthmonitor_id).toBe("");
    expect(pool.members).toEqual([]);
    expect(pool.listeners).toEqual([]);
    expect(pool.loadbalancers).toEqual([{ id: lb.id }]);
    expect(pool.type).toBe("");
    expect(pool.vpc_id).toBe("");
    const member = await createMember(c, pool.id);
    const monitor = await createMonitor(c, pool.id);
    expect(monitor.pools).toEqual([{ id: pool.id }]);
    expect(monitor.monitor_port).toBeNull();
    const again = ok(await c.get(`pools/${pool.id}`), 200, "pool");
    expect(again.members).toEqual([{ id: member.id }]);
    expect(again.healthmonitor_id).toBe(monitor.id);
    const lbAgain = ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer");
    expect(lbAgain.listeners).toEqual([{ id: listener.id }]);
    expect(lbAgain.pools).toEqual([{ id: pool.id }]);
  });

  it("G5: 0, false and \"\" are stored as sent, on create and on update, never replaced by a default", async () => {
    const c = t.project();
    const lb = await createLb(c, { name: "", description: "", admin_state_up: false });
    const readLb = ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer");
    expect([readLb.name, readLb.description, readLb.admin_state_up]).toEqual(["", "", false]);
    const listener = await createListener(c, lb.id, { protocol: "HTTP", keepalive_timeout: 0, http2_enable: false, enable_member_retry: false });
    const readL = ok(await c.get(`listeners/${listener.id}`), 200, "listener");
    expect([readL.keepalive_timeout, readL.http2_enable, readL.enable_member_retry]).toEqual([0, false, false]);
    const pool = await createPool(c, { loadbalancer_id: lb.id, member_deletion_protection_enable: false, name: "" });
    const member = await createMember(c, pool.id, { weight: 0 });
    expect(member.weight).toBe(0);
    const listed = ok(await c.get(`pools/${pool.id}/members`), 200, "members");
    expect(listed[0].weight).toBe(0);
    // Update to the "falsy" values from non-default ones.
    const m2 = await createMember(c, pool.id, { address: "192.168.0.11", weight: 50, name: "x" });
    const updated = ok(await c.put(`pools/${pool.id}/members/${m2.id}`, { member: { weight: 0, name: "" } }), 200, "member");
    expect([updated.weight, updated.name]).toEqual([0, ""]);
    const shown = ok(await c.get(`pools/${pool.id}/members/${m2.id}`), 200, "member");
    expect([shown.weight, shown.name]).toEqual([0, ""]);
    ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: "named" } }), 200, "loadbalancer");
    const cleared = ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: "", admin_state_up: false } }), 200, "loadbalancer");
    expect([cleared.name, cleared.admin_state_up]).toEqual(["", false]);
  });

  it("G5: timestamps come from the engine clock; updated_at moves on update, created_at does not", async () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 13, 6, 28, 36, 789));
    const { startEngine } = await import("../../../provider/engine");
    const engine = await startEngine({ port: 0, memory: true, clock });
    try {
      const c = api(engine.url);
      const lb = await createLb(c);
      expect(lb.created_at).toBe("2026-03-13T06:28:36Z");
      clock.advance(61_000);
      const later = ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: "x" } }), 200, "loadbalancer");
      expect(later.created_at).toBe("2026-03-13T06:28:36Z");
      expect(later.updated_at).toBe("2026-03-13T06:29:37Z");
    } finally {
      await engine.close();
    }
  });
});

describe("G7 authentication", () => {
  it("G7: lenient mode — no credentials → 401 APIGW.0301; any token, or an SDK-HMAC-SHA256 header with X-Sdk-Date, is accepted", async () => {
    const project = newProject();
    const path = `/v3/${project}/elb/loadbalancers`;
    fails(await send(t.url, "GET", path, { noAuth: true }), 401, "APIGW.0301");
    fails(await send(t.url, "GET", path, { noAuth: true, headers: { "X-Auth-Token": "" } }), 401, "APIGW.0301");
    fails(await send(t.url, "GET", path, { noAuth: true, headers: { "X-Auth-Token": "   " } }), 401, "APIGW.0301");
    // A write without credentials changes nothing.
    const body = JSON.stringify({ loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc } });
    fails(await send(t.url, "POST", path, { noAuth: true, body, headers: { "Content-Type": "application/json" } }), 401, "APIGW.0301");

    ok(await send(t.url, "GET", path, { noAuth: true, headers: { "X-Auth-Token": "anything-at-all" } }), 200, "loadbalancers");
    const signature = "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=" + "ab".repeat(32);
    ok(await send(t.url, "GET", path, { noAuth: true, headers: { Authorization: signature, "X-Sdk-Date": "20260313T062836Z" } }), 200, "loadbalancers");
    // The signature header alone, or another scheme, is not enough.
    fails(await send(t.url, "GET", path, { noAuth: true, headers: { Authorization: signature } }), 401, "APIGW.0301");
    fails(await send(t.url, "GET", path, { noAuth: true, headers: { Authorization: "Basic dXNlcjpwYXNz", "X-Sdk-Date": "20260313T062836Z" } }), 401, "APIGW.0301");
    const res = await send(t.url, "GET", path, { noAuth: true });
    expect(res.headers["x-request-id"]).toBe(res.body.request_id);
    expect(ok(await send(t.url, "GET", path), 200, "loadbalancers")).toEqual([]);
  });

  it("G7: strict mode — a correct signature or a listed token passes; unknown AK, wrong signature, a date 16 minutes off, an unlisted token → 401", async () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 13, 6, 28, 36));
    const project = newProject();
    const { startEngine } = await import("../../../provider/engine");
    const engine = await startEngine({
      port: 0,
      memory: true,
      clock,
      credentials: { accessKeys: [{ ak: "AKGOOD", sk: "secret-key", projects: [project] }], tokens: [{ token: "listed-token", projects: [project] }] },
    });
    try {
      const url = `${engine.url}/v3/${project}/elb/loadbalancers`;
      const body = JSON.stringify({ loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc } });
      const signed = (ak: string, sk: string, at: number, payload = body) =>
        signRequest({ method: "POST", url, headers: { "Content-Type": "application/json" }, body: payload }, { accessKey: ak, secretKey: sk }, new Date(at));
      const post = (headers: Record<string, string>, payload = body) =>
        send(engine.url, "POST", `/v3/${project}/elb/loadbalancers`, { noAuth: true, body: payload, headers: { "Content-Type": "application/json", ...headers } });

      ok(await post(signed("AKGOOD", "secret-key", clock.now())), 201, "loadbalancer");
      ok(await post(signed("AKGOOD", "secret-key", clock.now() - 14 * 60_000)), 201, "loadbalancer");
      ok(await post({ "X-Auth-Token": "listed-token" }), 201, "loadbalancer");
      fails(await post(signed("AKUNKNOWN", "secret-key", clock.now())), 401, "APIGW.0301");
      fails(await post(signed("AKGOOD", "wrong-key", clock.now())), 401, "APIGW.0301");
      // The signature covers the body: the same headers on another body fail.
      fails(await post(signed("AKGOOD", "secret-key", clock.now()), body.replace("local-1a", "local-1b")), 401, "APIGW.0301");
      const stale = await post(signed("AKGOOD", "secret-key", clock.now() - 16 * 60_000));
      expect(stale.status).toBe(401);
      expect(stale.body.error_code).toMatch(/^APIGW\.030[13]$/);
      const future = await post(signed("AKGOOD", "secret-key", clock.now() + 16 * 60_000));
      expect(future.status).toBe(401);
      fails(await post({ "X-Auth-Token": "not-listed" }), 401, "APIGW.0301");
      fails(await post({}), 401, "APIGW.0301");
      expect(ok(await send(engine.url, "GET", `/v3/${project}/elb/loadbalancers`, { noAuth: true, headers: { "X-Auth-Token": "listed-token" } }), 200, "loadbalancers")).toHaveLength(3);
    } finally {
      await engine.close();
    }
  });
});
