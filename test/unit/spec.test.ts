import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  camel,
  healthMonitorSpec,
  ipEntryKey,
  listenerSpec,
  loadBalancerSpec,
  memberSpec,
  ownRules,
  pairingProblem,
  poolSpec,
  portSpace,
  specs,
  toApiNames,
  toPulumiNames,
  UNKNOWN,
  validateBody,
  withDefaults,
  type FieldDef,
} from "../../provider/spec";
import { fieldDoc, resourcesMarkdown } from "../../provider/spec/docs";

const reasons = (vs: { field: string; reason: string }[]) => vs.map((v) => `${v.field}: ${v.reason}`);

describe("field tables", () => {
  it("Pulumi names are the camelCase of API names, nested ones included", () => {
    expect(camel("vip_subnet_cidr_id")).toBe("vipSubnetCidrId");
    const api = { session_persistence: { type: "APP_COOKIE", cookie_name: "sid" }, lb_algorithm: "ROUND_ROBIN" };
    const pulumi = toPulumiNames(poolSpec.fields, api);
    expect(pulumi).toEqual({ sessionPersistence: { type: "APP_COOKIE", cookieName: "sid" }, lbAlgorithm: "ROUND_ROBIN" });
    expect(toApiNames(poolSpec.fields, pulumi)).toEqual(api);
  });

  it("M1: weight 101 is refused with the field, the value and the range; 0 is accepted", () => {
    expect(reasons(validateBody(memberSpec, { address: "127.0.0.1", protocol_port: 80, weight: 101 }, "create"))).toEqual([
      "weight: 101 is out of range, allowed 0-100.",
    ]);
    expect(validateBody(memberSpec, { address: "127.0.0.1", protocol_port: 80, weight: 0 }, "create")).toEqual([]);
  });

  it("G3: a wrong type, an unknown field and a create-only field in an update are refused", () => {
    expect(reasons(validateBody(memberSpec, { address: "127.0.0.1", protocol_port: "80" }, "create"))).toEqual([
      'protocol_port: "80" is a string, expected an integer, allowed 1-65535.',
    ]);
    expect(reasons(validateBody(memberSpec, { address: "127.0.0.1", protocol_port: 80, __proto__x: 1 }, "create"))[0]).toMatch(/^__proto__x: 1 is not a known field/);
    expect(reasons(validateBody(listenerSpec, { protocol: "TCP" }, "update"))).toEqual(['protocol: "TCP" can only be set when the listener is created.']);
  });

  it("required fields are named when missing", () => {
    expect(reasons(validateBody(healthMonitorSpec, { pool_id: "6f1d6c1e-7d3a-4d1e-9a53-0d4b1c2f3e4a", type: "TCP", delay: 5, timeout: 3 }, "create"))).toEqual([
      "max_retries: nothing is required, allowed 1-10.",
    ]);
  });

  it("nested objects are checked field by field", () => {
    expect(reasons(validateBody(poolSpec, { protocol: "HTTP", lb_algorithm: "ROUND_ROBIN", loadbalancer_id: "6f1d6c1e-7d3a-4d1e-9a53-0d4b1c2f3e4a", slow_start: { enable: true, duration: 20 } }, "create"))).toEqual([
      "slow_start.duration: 20 is out of range, allowed 30-1200.",
    ]);
  });

  it("defaults depend on the object where the API says so", () => {
    expect(withDefaults(listenerSpec.fields, { protocol: "TCP" }).keepalive_timeout).toBe(300);
    expect(withDefaults(listenerSpec.fields, { protocol: "HTTP" }).keepalive_timeout).toBe(60);
    expect(withDefaults(listenerSpec.fields, { protocol: "TCP" }).client_timeout).toBeNull();
    const pool = withDefaults(poolSpec.fields, { protocol: "TCP", session_persistence: { type: "SOURCE_IP" } });
    expect(pool.session_persistence).toEqual({ type: "SOURCE_IP", cookie_name: null, persistence_timeout: 1 });
  });

  it("a field's full doc is what it means, then what is allowed, its default and what a change does, from its table", () => {
    expect(fieldDoc(memberSpec, memberSpec.fields.weight)).toBe(
      "Share of new requests relative to the pool's other members; 0 takes the member out of rotation. Allowed: 0-100. Default: 1. Changes in place.",
    );
    expect(fieldDoc(memberSpec, memberSpec.fields.address)).toBe("Address of the backend server. Allowed: an IPv4 or IPv6 address. Required. Changing it replaces the member.");
    expect(fieldDoc(listenerSpec, listenerSpec.fields.keepalive_timeout)).toContain("Default: 300 for TCP, UDP, TLS; 60 for HTTP, HTTPS, TERMINATED_HTTPS, QUIC.");
    expect(fieldDoc(loadBalancerSpec, loadBalancerSpec.fields.ip_target_enable)).toMatch(/Changes in place only to true; any other change replaces the load balancer\.$/);
    expect(fieldDoc(poolSpec, poolSpec.fields.type)).toMatch(/Can be set in place while still empty; any other change replaces the pool\.$/);
    // A nested field's default can depend on its resource's fields.
    const timeout = poolSpec.fields.session_persistence.kind.fields!.persistence_timeout;
    expect(fieldDoc(poolSpec, timeout)).toContain("Default: 1 for TCP, UDP, QUIC, TLS, GRPC; 1440 for HTTP, HTTPS.");
  });

  it("no field's doc repeats the range, the default or the change effect its table gives", () => {
    const all = (fields: Record<string, FieldDef>, at: string): [string, FieldDef][] =>
      Object.entries(fields).flatMap(([k, d]) => [[`${at}.${k}`, d] as [string, FieldDef], ...(d.kind.fields ? all(d.kind.fields, `${at}.${k}`) : [])]);
    for (const spec of Object.values(specs)) {
      for (const [name, def] of all(spec.fields, spec.kind)) {
        expect(def.doc, name).not.toMatch(/\bDefault\b|Changing it|Changes in place|One-way/);
        if (def.kind.range) expect(def.doc, name).not.toContain(def.kind.range.join("-"));
        expect(def.doc, name).toMatch(/\S\.$/);
      }
    }
  });

  it("docs/RESOURCES.md is what the spec tables say (regenerate with npm run docs)", () => {
    const committed = fs.readFileSync(path.join(__dirname, "../../docs/RESOURCES.md"), "utf8");
    expect(committed).toBe(resourcesMarkdown(Object.values(specs)));
  });
});

describe("cross-field rules", () => {
  it("S2: TCP, HTTP, HTTPS and TLS share a port space; UDP and QUIC share the other", () => {
    expect(new Set(["TCP", "HTTP", "HTTPS", "TLS"].map(portSpace)).size).toBe(1);
    expect(portSpace("UDP")).toBe(portSpace("QUIC"));
    expect(portSpace("UDP")).not.toBe(portSpace("TCP"));
  });

  it("P2: listener → pool pairings, GRPC needs HTTP/2", () => {
    expect(pairingProblem("HTTPS", false, "HTTP")).toBeNull();
    expect(pairingProblem("TLS", false, "TCP")).toBeNull();
    expect(pairingProblem("TCP", false, "HTTP")).toMatch(/forwards only to TCP/);
    expect(pairingProblem("HTTPS", false, "GRPC")).toMatch(/http2_enable/);
    expect(pairingProblem("HTTPS", true, "GRPC")).toBeNull();
  });

  it("P4: slow start only for HTTP/HTTPS with ROUND_ROBIN, not decided while a value is unknown", () => {
    const bad = ownRules("pool", { protocol: "TCP", lb_algorithm: "ROUND_ROBIN", loadbalancer_id: "x", slow_start: { enable: true } }, "create", new Set(["slow_start"]));
    expect(reasons(bad)).toEqual(["slow_start.enable: true is not allowed for a TCP pool, allowed slow start only for HTTP and HTTPS pools."]);
    const lc = ownRules("pool", { protocol: "HTTP", lb_algorithm: "LEAST_CONNECTIONS", loadbalancer_id: "x", slow_start: { enable: true } }, "update", new Set(["lb_algorithm"]));
    expect(reasons(lc)[0]).toMatch(/^lb_algorithm: "LEAST_CONNECTIONS" is not allowed/);
    expect(ownRules("pool", { protocol: UNKNOWN, lb_algorithm: UNKNOWN, loadbalancer_id: "x", slow_start: { enable: true } }, "create", new Set())).toEqual([]);
  });

  it("P5: cookie name with APP_COOKIE only; cookie types on HTTP pools only; not with SOURCE_IP; QUIC pins by source", () => {
    const rule = (o: Record<string, unknown>) => reasons(ownRules("pool", { loadbalancer_id: "x", ...o }, "create", new Set(Object.keys(o))));
    expect(rule({ protocol: "HTTP", lb_algorithm: "ROUND_ROBIN", session_persistence: { type: "APP_COOKIE" } })[0]).toMatch(/cookie_name: nothing is required with APP_COOKIE/);
    expect(rule({ protocol: "HTTP", lb_algorithm: "ROUND_ROBIN", session_persistence: { type: "HTTP_COOKIE", cookie_name: "a" } })[0]).toMatch(/cookie_name: "a" is not allowed with HTTP_COOKIE/);
    expect(rule({ protocol: "TCP", lb_algorithm: "ROUND_ROBIN", session_persistence: { type: "HTTP_COOKIE" } })[0]).toMatch(/type: "HTTP_COOKIE" is not allowed for a TCP pool/);
    expect(rule({ protocol: "TCP", lb_algorithm: "ROUND_ROBIN", session_persistence: { type: "SOURCE_IP", persistence_timeout: 61 } })[0]).toMatch(/61 is out of range for a TCP pool, allowed 1-60 minutes/);
    expect(rule({ protocol: "TCP", lb_algorithm: "SOURCE_IP", session_persistence: { type: "SOURCE_IP" } })[0]).toMatch(/cannot be combined with lb_algorithm SOURCE_IP/);
    expect(rule({ protocol: "QUIC", lb_algorithm: "QUIC_CID" })[0]).toMatch(/must be SOURCE_IP persistence for a QUIC pool/);
    expect(rule({ protocol: "QUIC", lb_algorithm: "QUIC_CID", session_persistence: { type: "SOURCE_IP" } })).toEqual([]);
  });

  it("H3: timeout not above delay; HTTP settings only on HTTP checks", () => {
    const rule = (o: Record<string, unknown>) => reasons(ownRules("healthmonitor", o, "create", new Set(Object.keys(o))));
    expect(rule({ type: "TCP", delay: 5, timeout: 6 })[0]).toMatch(/^timeout: 6 is not allowed: timeout 6 is above delay 5/);
    expect(rule({ type: "TCP", delay: 5, timeout: 5, url_path: "/x" })[0]).toMatch(/^url_path: "\/x" is not allowed for a TCP check/);
    expect(rule({ type: "HTTP", delay: 5, timeout: 5, url_path: "/x", expected_codes: "200-204" })).toEqual([]);
  });

  it("M5: an IP backend is a private IPv4 address", () => {
    expect(reasons(ownRules("member", { address: "8.8.8.8", subnet_cidr_id: null }, "create", new Set()))[0]).toMatch(/^address: "8.8.8.8" is not allowed for an IP backend/);
    expect(ownRules("member", { address: "10.0.0.5" }, "create", new Set())).toEqual([]);
    expect(ownRules("member", { address: "8.8.8.8", subnet_cidr_id: "s" }, "create", new Set())).toEqual([]);
  });

  it("I1: one address is one entry of an IP group however it is spelled; blocks and other addresses are their own", () => {
    expect(ipEntryKey("0.0.0.0/32")).toBe(ipEntryKey("0.0.0.0"));
    expect(new Set(["0:0:0:0:0:0:0:1", "::1", "::1/128", "0000::0001/128"].map(ipEntryKey)).size).toBe(1);
    expect(ipEntryKey("2001:DB8::0:1/064")).toBe(ipEntryKey("2001:db8::1/64"));
    expect(new Set(["0.0.0.0", "0.0.0.0/31", "::", "::/127", "::ffff:0.0.0.0"].map(ipEntryKey)).size).toBe(5);
    const rule = (...ips: string[]) => reasons(ownRules("ipgroup", { ip_list: ips.map((ip) => ({ ip })) }, "create", new Set()));
    expect(rule("::1", "10.0.0.0/8", "0:0:0:0:0:0:0:1/128")).toEqual(['ip_list: "0:0:0:0:0:0:0:1/128" is listed twice (also as "::1"), allowed each address or CIDR block once.']);
    expect(rule("10.1.1.1", "10.1.1.1")[0]).toMatch(/^ip_list: "10.1.1.1" is listed twice, allowed/);
    expect(rule("0.0.0.0", "0.0.0.0/1", "::", "not an address")).toEqual([]);
  });
});
