// F1-F5: the breadth of Huawei's documented fields — flavors, tags, the stand-ins for what the
// engine does not run (orders, EIPs, IPv6, WAF), a project id in the body, and the extra
// listener, pool and member fields — accepted, stored, answered, and refused with 400 naming
// the field, the value and what is allowed.
import fc from "fast-check";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEngine } from "../../../provider/engine";
import { api, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { createLb, createListener, createMember, createMonitor, createPool, invalid, MISSING_ID, NET, notFound, ok, tlsFields } from "../helpers/factories";
import { DEFAULT_FLAVORS, FLAVORS } from "../../../provider/spec/flavors";

const t = useEngine();
const L4 = FLAVORS.filter((f) => f.type === "L4").map((f) => f.id);
const L7 = FLAVORS.filter((f) => f.type === "L7").map((f) => f.id);
/** Subnet object ids (what elb_virsubnet_ids and ipv6_vip_virsubnet_id name). */
const SUBNET_A = NET.privateAObjectId;
const SUBNET_B = "5b7c1d2e-3f40-4a51-8b62-000000000003";
const OTHER_VPC_SUBNET = "5b7c1d2e-3f40-4a51-8b62-000000000004";
const ENTERPRISE = "2b3c4d5e-6f70-4a81-9b92-a3b4c5d6e7f8";
const tagList = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe("F1 flavors", () => {
  it("GET /flavors lists L4 and L7 flavors in Huawei's shape, filters by type, and shows one by id (404 for another)", async () => {
    const c = t.project();
    const all = ok(await c.get("flavors"), 200, "flavors");
    expect(all.map((f: Json) => f.type).sort()).toEqual(["L4", "L4", "L7", "L7"]);
    for (const f of all) {
      expect(Object.keys(f).sort()).toEqual(["category", "flavor_sold_out", "id", "info", "name", "project_id", "public_border_group", "shared", "type"]);
      expect(Object.keys(f.info).sort()).toEqual(["bandwidth", "connection", "cps", "https_cps", "lcu", "qps"]);
      expect(f.project_id).toBe(c.project);
    }
    const l7 = ok(await c.get("flavors", { type: "L7" }), 200, "flavors");
    expect(l7.map((f: Json) => f.id).sort()).toEqual([...L7].sort());
    expect(ok(await c.get("flavors", { type: "L4", list_all: true }), 200, "flavors")).toHaveLength(2);
    expect(ok(await c.get(`flavors/${L4[1]}`), 200, "flavor")).toMatchObject({ id: L4[1], type: "L4" });
    notFound(await c.get(`flavors/${MISSING_ID}`), MISSING_ID);
  });

  it("a load balancer takes both default flavors, only the layer given, or the flavors named; an unknown or wrong-layer flavor → 400 naming the field", async () => {
    const c = t.project();
    const plain = await createLb(c);
    expect([plain.l4_flavor_id, plain.l7_flavor_id]).toEqual([DEFAULT_FLAVORS.l4_flavor_id, DEFAULT_FLAVORS.l7_flavor_id]);
    const l4Only = await createLb(c, { l4_flavor_id: L4[1] });
    expect([l4Only.l4_flavor_id, l4Only.l7_flavor_id]).toEqual([L4[1], null]);
    const both = await createLb(c, { l4_flavor_id: L4[0], l7_flavor_id: L7[1] });
    expect(ok(await c.get(`loadbalancers/${both.id}`), 200, "loadbalancer")).toMatchObject({ l4_flavor_id: L4[0], l7_flavor_id: L7[1] });
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, l4_flavor_id: MISSING_ID } }), "l4_flavor_id", MISSING_ID, "not a known flavor", L4[0]);
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, l7_flavor_id: L4[0] } }), "l7_flavor_id", L4[0], "is a L4 flavor", L7[0]);
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, l7_flavor_id: "big" } }), "l7_flavor_id", "big", "UUID");
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, l4_flavor_id: null, l7_flavor_id: null } }), "l7_flavor_id", "without a flavor");
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, autoscaling: { enable: true, min_l7_flavor_id: L4[0] } } }), "autoscaling.min_l7_flavor_id", L4[0]);
    // Update: resize, and a wrong flavor names the field.
    const resized = ok(await c.put(`loadbalancers/${plain.id}`, { loadbalancer: { l7_flavor_id: L7[1] } }), 200, "loadbalancer");
    expect(resized.l7_flavor_id).toBe(L7[1]);
    invalid(await c.put(`loadbalancers/${plain.id}`, { loadbalancer: { l4_flavor_id: L7[0] } }), "l4_flavor_id", L7[0]);
  });

  it("listener protocols follow the flavors: no L7 flavor, no HTTP listener; a layer in use cannot be dropped", async () => {
    const c = t.project();
    const l4Only = await createLb(c, { l4_flavor_id: L4[0] });
    invalid(await c.post("listeners", { listener: { loadbalancer_id: l4Only.id, protocol: "HTTP", protocol_port: 80 } }), "protocol", "HTTP", "L7 flavor", "TCP, UDP or TLS");
    await createListener(c, l4Only.id, { protocol: "TCP" });
    const l7Only = await createLb(c, { l7_flavor_id: L7[0] });
    invalid(await c.post("listeners", { listener: { loadbalancer_id: l7Only.id, protocol: "UDP", protocol_port: 53 } }), "protocol", "UDP", "L4 flavor");
    const http = await createListener(c, l7Only.id, { protocol: "HTTP" });
    invalid(await c.put(`loadbalancers/${l7Only.id}`, { loadbalancer: { l4_flavor_id: L4[0], l7_flavor_id: null } }), "l7_flavor_id", http.id);
    const full = await createLb(c);
    await createListener(c, full.id, { protocol: "TCP" });
    const dropped = ok(await c.put(`loadbalancers/${full.id}`, { loadbalancer: { l7_flavor_id: null } }), 200, "loadbalancer");
    expect(dropped.l7_flavor_id).toBeNull();
    invalid(await c.put(`loadbalancers/${full.id}`, { loadbalancer: { l4_flavor_id: null } }), "l4_flavor_id");
  });
});

describe("F1 with objects stored before the new fields", () => {
  it("a load balancer an older data directory holds, without flavor fields, still updates and takes listeners", async () => {
    const c = t.project();
    const lb = await createLb(c);
    // As an engine of an earlier version stored it: none of the fields added since.
    const older: Json = { ...t.engine.context.model.get("loadbalancer", lb.id) };
    for (const key of ["l4_flavor_id", "l7_flavor_id", "tags", "elb_virsubnet_ids", "eips", "publicips", "enterprise_project_id", "autoscaling"]) delete older[key];
    await t.engine.context.model.commit([{ op: "put", kind: "loadbalancer", obj: older }]);
    expect(ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { name: "renamed" } }), 200, "loadbalancer").name).toBe("renamed");
    await createListener(c, lb.id, { protocol: "HTTP" });
    await createListener(c, lb.id, { protocol: "TCP" });
  });
});

describe("F2 tags", () => {
  it("load balancers and listeners store and answer tags; Huawei's limits name the tag at fault; a PUT takes no tags", async () => {
    const c = t.project();
    const tags = [
      { key: "env", value: "prod" },
      { key: "team_a-1", value: "" },
    ];
    const lb = await createLb(c, { tags });
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer").tags).toEqual(tags);
    const listener = await createListener(c, lb.id, { tags: tagList(20) });
    expect(ok(await c.get(`listeners/${listener.id}`), 200, "listener").tags).toEqual(tagList(20));
    const post = (tags: unknown) => c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, tags } });
    invalid(await post(tagList(21)), "tags", "21 items", "at most 20");
    invalid(await post([{ key: "k".repeat(37), value: "v" }]), "tags[0].key", "1-36");
    invalid(await post([{ key: "", value: "v" }]), "tags[0].key", "1-36");
    invalid(await post([{ key: "ok", value: "v" }, { key: "bad key", value: "v" }]), "tags[1].key", "bad key", "letters, digits");
    invalid(await post([{ key: "k", value: "v".repeat(44) }]), "tags[0].value", "0-43");
    invalid(await post([{ key: "k", value: "a=b" }]), "tags[0].value", "a=b");
    invalid(await post([{ key: "k", value: "1" }, { key: "k", value: "2" }]), "tags[1].key", "repeats tags[0].key");
    invalid(await post([{ key: "k" }]), "tags[0].value", "required");
    invalid(await post([{ key: "k", value: "v", extra: 1 }]), "tags[0].extra", "not a known field");
    invalid(await post({ env: "prod" }), "tags", "expected a list");
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { tags } }), "tags", "only be set when the load balancer is created");
    invalid(await c.put(`listeners/${listener.id}`, { listener: { tags } }), "tags", "only be set when the listener is created");
  });

  it("the tag action adds, overwrites and deletes tags in place on load balancers and listeners; GET .../tags answers them", async () => {
    const c = t.project();
    const lb = await createLb(c, { tags: [{ key: "env", value: "prod" }, { key: "team", value: "web" }] });
    const listener = await createListener(c, lb.id);
    // Huawei's paths: under the project, not under /elb.
    const action = (plural: string, id: string, body: Json) => c.post(`/v3/${c.project}/${plural}/${id}/tags/action`, body);
    const tagsOf = async (plural: string, id: string) => ok(await c.get(`/v3/${c.project}/${plural}/${id}/tags`), 200, "tags");

    const added = await action("loadbalancers", lb.id, { action: "create", tags: [{ key: "env", value: "staging" }, { key: "owner", value: "ops" }] });
    expect(added.status, added.text).toBe(204);
    expect(added.text).toBe("");
    expect(await tagsOf("loadbalancers", lb.id)).toEqual([{ key: "env", value: "staging" }, { key: "team", value: "web" }, { key: "owner", value: "ops" }]);
    // The object itself answers the new tags, and nothing else about it changed.
    const after = ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer");
    expect(after).toEqual({ ...lb, provisioning_status: "ACTIVE", listeners: [{ id: listener.id }], tags: [{ key: "env", value: "staging" }, { key: "team", value: "web" }, { key: "owner", value: "ops" }] });

    // delete: a key whose value matches, or any value with ""; a key not there is no error.
    expect((await action("loadbalancers", lb.id, { action: "delete", tags: [{ key: "team", value: "web" }, { key: "owner", value: "" }, { key: "absent", value: "x" }] })).status).toBe(204);
    expect(await tagsOf("loadbalancers", lb.id)).toEqual([{ key: "env", value: "staging" }]);
    expect((await action("loadbalancers", lb.id, { action: "delete", tags: [{ key: "env", value: "prod" }] })).status).toBe(204);
    expect(await tagsOf("loadbalancers", lb.id)).toEqual([{ key: "env", value: "staging" }]);

    expect((await action("listeners", listener.id, { action: "create", tags: [{ key: "tier", value: "edge" }] })).status).toBe(204);
    expect(ok(await c.get(`listeners/${listener.id}`), 200, "listener").tags).toEqual([{ key: "tier", value: "edge" }]);
    expect((await action("listeners", listener.id, { action: "delete", tags: [{ key: "tier", value: "edge" }] })).status).toBe(204);
    expect(await tagsOf("listeners", listener.id)).toEqual([]);
  });

  it("a tag action is durable: an engine restarted on the same data dir answers the changed tags", async () => {
    const dir = await mkdtemp(join(tmpdir(), "elb-f2-"));
    try {
      const first = await startEngine({ port: 0, dataDir: dir, log: () => {} });
      const c = api(first.url);
      const lb = await createLb(c, { tags: [{ key: "env", value: "prod" }] });
      const listener = await createListener(c, lb.id);
      expect((await c.post(`/v3/${c.project}/loadbalancers/${lb.id}/tags/action`, { action: "create", tags: [{ key: "env", value: "dev" }] })).status).toBe(204);
      expect((await c.post(`/v3/${c.project}/listeners/${listener.id}/tags/action`, { action: "create", tags: [{ key: "tier", value: "edge" }] })).status).toBe(204);
      await first.close();
      const second = await startEngine({ port: 0, dataDir: dir, log: () => {} });
      try {
        const again = api(second.url, c.project);
        expect(ok(await again.get(`loadbalancers/${lb.id}`), 200, "loadbalancer").tags).toEqual([{ key: "env", value: "dev" }]);
        expect(ok(await again.get(`listeners/${listener.id}`), 200, "listener").tags).toEqual([{ key: "tier", value: "edge" }]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the tag action checks its body with the tag rules and keeps the 20-tag limit for the result (400 naming the field); an unknown object or another project's is 404", async () => {
    const c = t.project();
    const lb = await createLb(c, { tags: tagList(15) });
    const listener = await createListener(c, lb.id, { tags: tagList(20) });
    const action = (plural: string, id: string, body: Json, api = c) => api.post(`/v3/${api.project}/${plural}/${id}/tags/action`, body);
    invalid(await action("loadbalancers", lb.id, { action: "create", tags: tagList(21) }), "tags", "21 items", "at most 20");
    invalid(await action("loadbalancers", lb.id, { action: "create", tags: [{ key: "bad key", value: "v" }] }), "tags[0].key", "bad key", "letters, digits");
    invalid(await action("loadbalancers", lb.id, { action: "create", tags: [{ key: "k", value: "v".repeat(44) }] }), "tags[0].value", "0-43");
    invalid(await action("loadbalancers", lb.id, { action: "create", tags: [{ key: "k", value: "1" }, { key: "k", value: "2" }] }), "tags[1].key", "repeats tags[0].key");
    invalid(await action("loadbalancers", lb.id, { action: "update", tags: [] }), "action", "update", "create, delete");
    invalid(await action("loadbalancers", lb.id, { tags: [] }), "action", "required");
    invalid(await action("loadbalancers", lb.id, { action: "create" }), "tags", "required");
    invalid(await action("loadbalancers", lb.id, { action: "create", tags: [], extra: 1 }), "extra", "not a known field");
    // 15 held + 6 new keys is 21: refused whole; overwriting held keys is not adding.
    const six = Array.from({ length: 6 }, (_, i) => ({ key: `new${i}`, value: "x" }));
    invalid(await action("loadbalancers", lb.id, { action: "create", tags: six }), "tags", "21 tags", "15 already", "at most 20");
    invalid(await action("listeners", listener.id, { action: "create", tags: [{ key: "one-more", value: "" }] }), "tags", "21 tags", "at most 20");
    expect((await action("listeners", listener.id, { action: "create", tags: [{ key: "k0", value: "changed" }] })).status).toBe(204);
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer").tags).toEqual(tagList(15));
    expect(ok(await c.get(`listeners/${listener.id}`), 200, "listener").tags).toEqual([{ key: "k0", value: "changed" }, ...tagList(20).slice(1)]);

    notFound(await action("loadbalancers", MISSING_ID, { action: "create", tags: [] }), MISSING_ID);
    notFound(await action("listeners", MISSING_ID, { action: "create", tags: [] }), MISSING_ID);
    notFound(await c.get(`/v3/${c.project}/listeners/${MISSING_ID}/tags`), MISSING_ID);
    // G4: another project's objects do not exist there, and its action changes nothing here.
    const other = t.project();
    notFound(await action("loadbalancers", lb.id, { action: "delete", tags: [{ key: "k0", value: "" }] }, other), lb.id);
    notFound(await action("listeners", listener.id, { action: "create", tags: [{ key: "x", value: "y" }] }, other), listener.id);
    notFound(await other.get(`/v3/${other.project}/loadbalancers/${lb.id}/tags`), lb.id);
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer").tags).toEqual(tagList(15));
  });
});

describe("F3 stand-ins for what the engine does not run", () => {
  it("pay-per-use is accepted; a prepaid order is refused with 400 saying the engine takes no orders", async () => {
    const c = t.project();
    expect((await createLb(c, { billing_info: "" })).billing_info).toBe("");
    expect((await createLb(c, { billing_info: null, prepaid_options: null })).billing_info).toBeNull();
    const body = (extra: Json) => ({ loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, ...extra } });
    invalid(await c.post("loadbalancers", body({ billing_info: "order-1" })), "billing_info", "order-1", "takes no orders", "pay-per-use");
    invalid(await c.post("loadbalancers", body({ prepaid_options: { period_type: "month", period_num: 1 } })), "prepaid_options", "takes no orders");
    invalid(await c.post("loadbalancers", body({ prepaid_options: { period_type: "week", period_num: 1 } })), "prepaid_options.period_type", "week", "month, year");
    const lb = await createLb(c);
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { prepaid_options: { period_type: "year", period_num: 1 } } }), "prepaid_options", "takes no orders");
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { billing_info: "" } }), "billing_info", "only be set when the load balancer is created");
    // Refused writes changed nothing.
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer")).toEqual({ ...lb, provisioning_status: "ACTIVE" });
  });

  it("publicip gets a stand-in EIP listed in eips and publicips; publicip_ids names no EIP the engine holds; IPv6 subnets do not exist", async () => {
    const c = t.project();
    const eipBody = { network_type: "5_bgp", bandwidth: { name: "bw", size: 10, charge_mode: "traffic", share_type: "PER" } };
    const first = await createLb(c, { vip_subnet_cidr_id: NET.privateA, publicip: eipBody });
    expect(first.eips).toEqual([{ eip_id: expect.any(String), eip_address: "198.51.100.1", ip_version: 4 }]);
    expect(first.publicips).toEqual([{ publicip_id: first.eips[0].eip_id, publicip_address: "198.51.100.1", ip_version: 4 }]);
    expect(first).not.toHaveProperty("publicip");
    const second = await createLb(c, { vip_subnet_cidr_id: NET.privateA, publicip: { network_type: "5_bgp", bandwidth: { share_type: "WHOLE", id: MISSING_ID } } });
    expect(second.eips[0].eip_address).toBe("198.51.100.2");
    expect(ok(await c.get(`loadbalancers/${second.id}`), 200, "loadbalancer").publicips).toEqual(second.publicips);
    const body = (extra: Json) => ({ loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, ...extra } });
    invalid(await c.post("loadbalancers", body({ publicip: eipBody })), "publicip", "IPv4 VIP");
    invalid(await c.post("loadbalancers", body({ vip_subnet_cidr_id: NET.privateA, publicip: { network_type: "5_bgp", bandwidth: { share_type: "WHOLE" } } })), "publicip.bandwidth.id", "WHOLE");
    invalid(await c.post("loadbalancers", body({ vip_subnet_cidr_id: NET.privateA, publicip: { network_type: "5_bgp", bandwidth: { share_type: "PER", size: 5 } } })), "publicip.bandwidth.charge_mode", "new bandwidth");
    invalid(await c.post("loadbalancers", body({ vip_subnet_cidr_id: NET.privateA, publicip: { ...eipBody, billing_info: "order" } })), "publicip.billing_info", "takes no orders");
    invalid(await c.post("loadbalancers", body({ vip_subnet_cidr_id: NET.privateA, publicip: { ...eipBody, ip_version: 5 } })), "publicip.ip_version", "4 or 6");
    notFound(await c.post("loadbalancers", body({ publicip_ids: [MISSING_ID] })), "publicip", MISSING_ID);
    invalid(await c.post("loadbalancers", body({ vip_subnet_cidr_id: NET.privateA, publicip: eipBody, publicip_ids: [MISSING_ID] })), "publicip_ids", "cannot be combined");
    invalid(await c.post("loadbalancers", body({ ipv6_vip_virsubnet_id: SUBNET_A })), "ipv6_vip_virsubnet_id", SUBNET_A, "no IPv6");
    invalid(await c.post("loadbalancers", body({ ipv6_vip_address: "2001:db8::1" })), "ipv6_vip_address", "ipv6_vip_virsubnet_id");
    invalid(await c.post("loadbalancers", body({ ipv6_vip_address: "10.0.0.1" })), "ipv6_vip_address", "IPv6 address");
    invalid(await c.post("loadbalancers", body({ ipv6_bandwidth: { id: MISSING_ID } })), "ipv6_bandwidth", "IPv6 VIP");
    const lb = await createLb(c, { ipv6_vip_virsubnet_id: null, ipv6_bandwidth: null });
    expect(lb).toMatchObject({ ipv6_vip_virsubnet_id: null, ipv6_vip_address: null, ipv6_vip_port_id: null, ipv6_bandwidth: null, elb_virsubnet_type: "ipv4" });
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { ipv6_vip_virsubnet_id: SUBNET_B } }), "ipv6_vip_virsubnet_id", "no IPv6");
  });

  it("WAF, autoscaling, charge mode, protection and enterprise project are stored, answered and checked", async () => {
    const c = t.project();
    const lb = await createLb(c, {
      waf_failure_action: "discard",
      autoscaling: { enable: true, min_l7_flavor_id: L7[0] },
      charge_mode: "lcu",
      protection_status: "consoleProtection",
      protection_reason: "change freeze",
      enterprise_project_id: ENTERPRISE,
    });
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer")).toMatchObject({
      waf_failure_action: "discard",
      autoscaling: { enable: true, min_l7_flavor_id: L7[0] },
      charge_mode: "lcu",
      protection_status: "consoleProtection",
      protection_reason: "change freeze",
      enterprise_project_id: ENTERPRISE,
    });
    const put = (fields: Json) => c.put(`loadbalancers/${lb.id}`, { loadbalancer: fields });
    const updated = ok(await put({ waf_failure_action: "forward", autoscaling: { enable: false }, charge_mode: "flavor", protection_status: "nonProtection", protection_reason: null }), 200, "loadbalancer");
    expect(updated).toMatchObject({ waf_failure_action: "forward", autoscaling: { enable: false, min_l7_flavor_id: null }, charge_mode: "flavor", protection_status: "nonProtection", protection_reason: null });
    invalid(await put({ waf_failure_action: "drop" }), "waf_failure_action", "drop", "discard, forward");
    invalid(await put({ charge_mode: "lcu" }), "charge_mode", "lcu", "flavor");
    invalid(await put({ protection_status: "locked" }), "protection_status", "nonProtection, consoleProtection");
    invalid(await put({ protection_reason: "<script>" }), "protection_reason", "'<'");
    invalid(await put({ autoscaling: { min_l7_flavor_id: L7[0] } }), "autoscaling.enable", "required");
    invalid(await put({ enterprise_project_id: ENTERPRISE }), "enterprise_project_id", "only be set when the load balancer is created");
    // Huawei: "0" is the default project and cannot be sent.
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, enterprise_project_id: "0" } }), "enterprise_project_id", '"0"', "UUID");
  });

  it("elb_virsubnet_ids: the VIP's subnet by default, the VPC's first without a VIP; others must be in the load balancer's VPC", async () => {
    const c = t.project();
    expect((await createLb(c, { vip_subnet_cidr_id: NET.privateB })).elb_virsubnet_ids).toEqual([SUBNET_B]);
    expect((await createLb(c)).elb_virsubnet_ids).toEqual(["5b7c1d2e-3f40-4a51-8b62-000000000001"]);
    const lb = await createLb(c, { elb_virsubnet_ids: [SUBNET_A, SUBNET_B] });
    expect(lb.elb_virsubnet_ids).toEqual([SUBNET_A, SUBNET_B]);
    expect(ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { elb_virsubnet_ids: [SUBNET_B] } }), 200, "loadbalancer").elb_virsubnet_ids).toEqual([SUBNET_B]);
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { elb_virsubnet_ids: [OTHER_VPC_SUBNET] } }), "elb_virsubnet_ids", OTHER_VPC_SUBNET, NET.vpc, SUBNET_A);
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { elb_virsubnet_ids: [] } }), "elb_virsubnet_ids", "1-64");
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, elb_virsubnet_ids: [MISSING_ID] } }), "elb_virsubnet_ids", MISSING_ID);
  });
});

describe("F4 project_id in a create body", () => {
  it("is accepted when it is the URL's project, on every kind, and refused naming the project otherwise", async () => {
    const c = t.project();
    const p = c.project;
    const lb = await createLb(c, { project_id: p });
    expect(lb.project_id).toBe(p);
    const listener = await createListener(c, lb.id, { project_id: p });
    const pool = await createPool(c, { listener_id: listener.id, project_id: p });
    await createMember(c, pool.id, { project_id: p });
    const hm = await createMonitor(c, pool.id, { project_id: p });
    expect(hm.project_id).toBe(p);
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, project_id: "someone-else" } }), "project_id", "someone-else", p);
    invalid(await c.post("healthmonitors", { healthmonitor: { pool_id: pool.id, type: "TCP", delay: 5, timeout: 3, max_retries: 3, project_id: 7 } }), "project_id", "7");
  });
});

describe("replies carry every field Huawei's replies carry", () => {
  it("a load balancer, a listener, a pool, a member, the status tree and the AZ list", async () => {
    const c = t.project();
    const lb = await createLb(c, { vip_subnet_cidr_id: NET.privateA });
    expect(lb).toMatchObject({
      tags: [],
      eips: [],
      publicips: [],
      elb_virsubnet_ids: [SUBNET_A],
      enterprise_project_id: "0",
      l4_flavor_id: DEFAULT_FLAVORS.l4_flavor_id,
      l7_flavor_id: DEFAULT_FLAVORS.l7_flavor_id,
      billing_info: "",
      ipv6_vip_address: null,
      ipv6_vip_virsubnet_id: null,
      ipv6_vip_port_id: null,
      public_border_group: "center",
      waf_failure_action: "forward",
      protection_status: "nonProtection",
      charge_mode: "flavor",
      autoscaling: { enable: false, min_l7_flavor_id: null },
    });
    for (const internal of ["publicip", "publicip_ids", "prepaid_options"]) expect(lb).not.toHaveProperty(internal);
    const listener = await createListener(c, lb.id);
    expect(listener).toMatchObject({ tags: [], enterprise_project_id: "0", port_ranges: [], quic_config: null, cps: 0, connection: 0, protection_status: "nonProtection" });
    const pool = await createPool(c, { listener_id: listener.id });
    expect(pool).toMatchObject({
      healthmonitor_id: "",
      any_port_enable: false,
      az_affinity: { enable: false, az_minimum_healthy_member_percentage: -1, az_minimum_healthy_member_count: -1, az_unhealthy_fallback_strategy: "forward_to_all_member_of_local_az" },
      protection_status: "nonProtection",
      protection_reason: null,
      enterprise_project_id: "0",
      public_border_group: "center",
      pool_health: { minimum_healthy_member_count: 0 },
    });
    const member = await createMember(c, pool.id);
    expect(member).toMatchObject({ availability_zone: "", reason: null, status: [{ listener_id: listener.id, operating_status: "NO_MONITOR", reason: null }] });
    const tree = ok(await c.get(`loadbalancers/${lb.id}/statuses`), 200, "statuses").loadbalancer;
    expect(tree.listeners[0].l7policies).toEqual([]);
    expect(tree.listeners[0].pools[0]).not.toHaveProperty("healthmonitor");
    await createMonitor(c, pool.id);
    const withMonitor = ok(await c.get(`loadbalancers/${lb.id}/statuses`), 200, "statuses").loadbalancer;
    expect(withMonitor.listeners[0].pools[0].healthmonitor).toMatchObject({ type: "TCP", provisioning_status: "ACTIVE" });
    const azs = ok(await c.get("availability-zones"), 200, "availability_zones");
    for (const az of azs[0]) expect(az.spec_code).toBe("elb.dedicated");
  });

  it("batch answers: port_id, status and reason, no ip_version (Huawei's BatchMember)", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const listener = await createListener(c, lb.id);
    const pool = await createPool(c, { listener_id: listener.id });
    const added = ok(await c.post(`pools/${pool.id}/members/batch-add`, { members: [{ address: "192.168.0.20", protocol_port: 80, subnet_cidr_id: NET.privateA, availability_zone: "local-1b" }] }), 200, "members");
    expect(added[0]).toMatchObject({ port_id: null, reason: null, ret_status: "successful", availability_zone: "local-1b", status: [{ listener_id: listener.id }] });
    expect(added[0]).not.toHaveProperty("ip_version");
    const updated = ok(await c.post(`pools/${pool.id}/members/batch-update`, { members: [{ id: added[0].id, availability_zone: "local-1c" }] }), 200, "members");
    expect(updated[0]).toMatchObject({ port_id: null, availability_zone: "local-1c" });
    expect(updated[0]).not.toHaveProperty("ip_version");
    // The single-member answer keeps ip_version.
    expect(ok(await c.get(`pools/${pool.id}/members/${added[0].id}`), 200, "member")).toMatchObject({ ip_version: "v4", availability_zone: "local-1c" });
    invalid(await c.post(`pools/${pool.id}/members/batch-add`, { members: [{ address: "192.168.0.21", protocol_port: 80, subnet_cidr_id: NET.privateA, availability_zone: "mars-1a" }] }), "members[0].availability_zone", "mars-1a", "local-1a");
    invalid(await c.put(`pools/${pool.id}/members/${added[0].id}`, { member: { availability_zone: "x".repeat(65) } }), "availability_zone");
  });
});

describe("F5 listener and pool extras", () => {
  it("listener: port_ranges on layer-4 listeners, quic_config naming a QUIC listener of the same load balancer, early data, NAT64, limits, one-way enhanced policies", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const ranged = await createListener(c, lb.id, { protocol: "UDP", port_ranges: [{ start_port: 1000, end_port: 1010 }, { start_port: 2000, end_port: 2000 }], nat64_enable: true, cps: 500, connection: 1000000 });
    expect(ok(await c.get(`listeners/${ranged.id}`), 200, "listener")).toMatchObject({ port_ranges: [{ start_port: 1000, end_port: 1010 }, { start_port: 2000, end_port: 2000 }], nat64_enable: true, cps: 500, connection: 1000000 });
    const post = (fields: Json) => c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 9000, ...fields } });
    invalid(await post({ protocol: "HTTP", port_ranges: [{ start_port: 1, end_port: 2 }] }), "port_ranges", "HTTP", "TCP, UDP and TLS");
    invalid(await post({ port_ranges: [{ start_port: 10, end_port: 5 }] }), "port_ranges[0].end_port", "start_port 10");
    invalid(await post({ port_ranges: [{ start_port: 10, end_port: 20 }, { start_port: 15, end_port: 30 }] }), "port_ranges[1]", "overlaps port_ranges[0]");
    invalid(await post({ port_ranges: Array.from({ length: 11 }, (_, i) => ({ start_port: i + 1, end_port: i + 1 })) }), "port_ranges", "11 items");
    invalid(await post({ port_ranges: [{ start_port: 0, end_port: 5 }] }), "port_ranges[0].start_port", "1-65535");
    invalid(await post({ cps: 1000001 }), "cps", "0-1000000");
    invalid(await post({ nat64_enable: true, protocol: "HTTP" }), "nat64_enable", "TCP and UDP");
    invalid(await post({ ssl_early_data_enable: true }), "ssl_early_data_enable", "HTTPS");
    const cert = await tlsFields(c);
    const quic = await createListener(c, lb.id, { protocol: "QUIC", ...cert });
    const https = await createListener(c, lb.id, { protocol: "HTTPS", ...cert, quic_config: { quic_listener_id: quic.id }, ssl_early_data_enable: true });
    expect(https.quic_config).toEqual({ quic_listener_id: quic.id, enable_quic_upgrade: false });
    invalid(await post({ quic_config: { quic_listener_id: quic.id } }), "quic_config", "TCP", "HTTPS");
    invalid(await c.put(`listeners/${https.id}`, { listener: { quic_config: { quic_listener_id: ranged.id } } }), "quic_config.quic_listener_id", ranged.id, "QUIC listener");
    const upgraded = ok(await c.put(`listeners/${https.id}`, { listener: { quic_config: { quic_listener_id: quic.id, enable_quic_upgrade: true } } }), 200, "listener");
    expect(upgraded.quic_config.enable_quic_upgrade).toBe(true);
    expect(ok(await c.put(`listeners/${https.id}`, { listener: { quic_config: null } }), 200, "listener").quic_config).toBeNull();
    const enhanced = ok(await c.put(`listeners/${https.id}`, { listener: { enhance_l7policy_enable: true } }), 200, "listener");
    expect(enhanced.enhance_l7policy_enable).toBe(true);
    invalid(await c.put(`listeners/${https.id}`, { listener: { enhance_l7policy_enable: false } }), "enhance_l7policy_enable", "cannot be turned off");
    invalid(await c.put(`listeners/${ranged.id}`, { listener: { port_ranges: [] } }), "port_ranges", "only be set when the listener is created");
  });

  it("pool: any_port_enable and az_affinity on layer-4 pools with one threshold, QUIC hashing on QUIC pools, protection and enterprise project", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, {
      loadbalancer_id: lb.id,
      protocol: "UDP",
      any_port_enable: true,
      az_affinity: { enable: true, az_minimum_healthy_member_percentage: 50 },
      pool_health: { minimum_healthy_member_count: 1 },
      protection_status: "consoleProtection",
      protection_reason: "frozen",
      enterprise_project_id: ENTERPRISE,
    });
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool")).toMatchObject({
      any_port_enable: true,
      az_affinity: { enable: true, az_minimum_healthy_member_percentage: 50, az_minimum_healthy_member_count: -1, az_unhealthy_fallback_strategy: "forward_to_all_member_of_local_az" },
      pool_health: { minimum_healthy_member_count: 1 },
      protection_status: "consoleProtection",
      protection_reason: "frozen",
      enterprise_project_id: ENTERPRISE,
    });
    const post = (fields: Json) => c.post("pools", { pool: { loadbalancer_id: lb.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN", ...fields } });
    invalid(await post({ any_port_enable: true }), "any_port_enable", "HTTP", "TCP, UDP and QUIC");
    invalid(await post({ az_affinity: { enable: true, az_minimum_healthy_member_count: 2 } }), "az_affinity.enable", "TCP and UDP");
    invalid(await post({ protocol: "TCP", az_affinity: { enable: true } }), "az_affinity", "exactly one threshold");
    invalid(await post({ protocol: "TCP", az_affinity: { enable: true, az_minimum_healthy_member_percentage: 10, az_minimum_healthy_member_count: 1 } }), "az_affinity", "exactly one threshold");
    invalid(await post({ protocol: "TCP", az_affinity: { enable: true, az_minimum_healthy_member_percentage: 101 } }), "az_affinity.az_minimum_healthy_member_percentage", "-1-100");
    invalid(await post({ quic_cid_hash_strategy: { len: 4 } }), "quic_cid_hash_strategy", "QUIC pools");
    invalid(await post({ pool_health: { minimum_healthy_member_count: 2 } }), "pool_health.minimum_healthy_member_count", "0-1");
    invalid(await post({ public_border_group: "edge" }), "public_border_group", "center");
    const put = (fields: Json) => c.put(`pools/${pool.id}`, { pool: fields });
    expect(ok(await put({ az_affinity: { enable: false }, any_port_enable: false }), 200, "pool")).toMatchObject({ any_port_enable: false, az_affinity: { enable: false, az_minimum_healthy_member_percentage: -1 } });
    invalid(await put({ enterprise_project_id: ENTERPRISE }), "enterprise_project_id", "only be set when the pool is created");
  });
});

describe("full create bodies in the SDK's model shape", () => {
  // Every field of the SDK's CreateLoadBalancerOption, CreateListenerOption and CreatePoolOption
  // outside the parts other rules cover, each with a value the engine accepts. Left out:
  // publicip_ids (it cannot be combined with publicip, F3) and, on listeners and pools, the
  // fields that are not this table's.
  const LB_OPTION = [
    "project_id", "name", "description", "vip_address", "vip_subnet_cidr_id", "ipv6_vip_virsubnet_id", "provider", "l4_flavor_id", "l7_flavor_id", "guaranteed", "vpc_id",
    "availability_zone_list", "enterprise_project_id", "tags", "admin_state_up", "billing_info", "ipv6_bandwidth", "publicip", "elb_virsubnet_ids", "ip_target_enable",
    "deletion_protection_enable", "prepaid_options", "autoscaling", "waf_failure_action", "protection_status", "protection_reason", "charge_mode", "ipv6_vip_address",
  ];

  it("a load balancer created with every field of CreateLoadBalancerOption is accepted and answers each", async () => {
    const c = t.project();
    const body: Json = {
      project_id: c.project,
      name: "全-fields",
      description: "every field",
      vip_address: "192.168.0.77",
      vip_subnet_cidr_id: NET.privateA,
      ipv6_vip_virsubnet_id: null,
      provider: "vlb",
      l4_flavor_id: L4[1],
      l7_flavor_id: L7[1],
      guaranteed: true,
      vpc_id: NET.vpc,
      availability_zone_list: ["local-1a", "local-1b"],
      enterprise_project_id: ENTERPRISE,
      tags: [{ key: "env", value: "test" }],
      admin_state_up: true,
      billing_info: "",
      ipv6_bandwidth: null,
      publicip: { ip_version: 4, network_type: "5_bgp", description: "eip", bandwidth: { name: "bw", size: 5, charge_mode: "bandwidth", share_type: "PER" } },
      elb_virsubnet_ids: [SUBNET_A],
      ip_target_enable: true,
      deletion_protection_enable: false,
      prepaid_options: null,
      autoscaling: { enable: true },
      waf_failure_action: "discard",
      protection_status: "consoleProtection",
      protection_reason: "all fields",
      charge_mode: "flavor",
      ipv6_vip_address: null,
    };
    expect(Object.keys(body).sort()).toEqual([...LB_OPTION].sort());
    const lb = ok(await c.post("loadbalancers", { loadbalancer: body }), 201, "loadbalancer");
    for (const key of LB_OPTION.filter((k) => !["publicip", "prepaid_options", "autoscaling"].includes(k))) expect(lb[key], key).toEqual(body[key]);
    expect(lb.eips).toHaveLength(1);
  });

  it("a listener and a pool with every field of this part of CreateListenerOption and CreatePoolOption", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const listener = ok(
      await c.post("listeners", {
        listener: {
          project_id: c.project,
          loadbalancer_id: lb.id,
          protocol: "TCP",
          protocol_port: 7000,
          name: "l",
          description: "d",
          admin_state_up: true,
          tags: [{ key: "a", value: "b" }],
          port_ranges: [{ start_port: 7001, end_port: 7002 }],
          enhance_l7policy_enable: false,
          cps: 10,
          connection: 20,
          nat64_enable: false,
          protection_status: "nonProtection",
          protection_reason: null,
        },
      }),
      201,
      "listener",
    );
    expect(listener).toMatchObject({ tags: [{ key: "a", value: "b" }], port_ranges: [{ start_port: 7001, end_port: 7002 }], cps: 10, connection: 20 });
    const pool = ok(
      await c.post("pools", {
        pool: {
          project_id: c.project,
          loadbalancer_id: lb.id,
          protocol: "QUIC",
          lb_algorithm: "QUIC_CID",
          session_persistence: { type: "SOURCE_IP" },
          any_port_enable: true,
          az_affinity: { enable: false },
          pool_health: { minimum_healthy_member_count: 0 },
          quic_cid_hash_strategy: { len: 4, offset: 2 },
          public_border_group: "center",
          enterprise_project_id: ENTERPRISE,
          protection_status: "nonProtection",
          protection_reason: "",
          member_deletion_protection_enable: false,
          ip_version: "v4",
          type: "",
        },
      }),
      201,
      "pool",
    );
    expect(pool).toMatchObject({ quic_cid_hash_strategy: { len: 4, offset: 2 }, any_port_enable: true, enterprise_project_id: ENTERPRISE });
  });

  it("a member and a health monitor with every field of CreateMemberOption and CreateHealthMonitorOption", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const pool = await createPool(c, { loadbalancer_id: lb.id, protocol: "HTTP" });
    const memberBody = { address: "192.168.0.30", admin_state_up: true, name: "m", project_id: c.project, protocol_port: 8080, subnet_cidr_id: NET.privateA, weight: 3, availability_zone: "local-1a" };
    const member = ok(await c.post(`pools/${pool.id}/members`, { member: memberBody }), 201, "member");
    const { project_id: _p, ...rest } = memberBody;
    expect(member).toMatchObject({ ...rest, project_id: c.project });
    const monitorBody = {
      admin_state_up: true, delay: 5, domain_name: "www.example.com", expected_codes: "200-204", http_method: "HEAD", max_retries: 3, max_retries_down: 2,
      monitor_port: 8081, name: "hm", pool_id: pool.id, project_id: c.project, timeout: 3, type: "HTTP", url_path: "/health",
    };
    const hm = ok(await c.post("healthmonitors", { healthmonitor: monitorBody }), 201, "healthmonitor");
    const { pool_id: _pool, ...answered } = monitorBody;
    expect(hm).toMatchObject({ ...answered, pools: [{ id: pool.id }] });
  });

  it("unknown fields are still refused", async () => {
    const c = t.project();
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, l5_flavor_id: L4[0] } }), "l5_flavor_id", "not a known field");
    const lb = await createLb(c);
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 1, quic: {} } }), "quic", "not a known field");
  });
});

describe("no combination of the new fields makes a 5xx or loses an acknowledged write", () => {
  const values = {
    l4_flavor_id: fc.constantFrom(L4[0], L7[0], MISSING_ID, null, "x"),
    l7_flavor_id: fc.constantFrom(L7[1], L4[1], null, 3),
    tags: fc.oneof(fc.constant(tagList(2)), fc.constant(tagList(21)), fc.constant([{ key: "a", value: "b" }, { key: "a", value: "c" }]), fc.constant({ a: "b" }), fc.constant(null)),
    elb_virsubnet_ids: fc.constantFrom([SUBNET_A], [OTHER_VPC_SUBNET], [], null),
    enterprise_project_id: fc.constantFrom(ENTERPRISE, "0", ""),
    ipv6_vip_virsubnet_id: fc.constantFrom(null, SUBNET_A, "nope"),
    ipv6_vip_address: fc.constantFrom(null, "2001:db8::5", "1.2.3.4"),
    ipv6_bandwidth: fc.constantFrom(null, { id: MISSING_ID }, { id: 1 }),
    publicip: fc.constantFrom(null, { network_type: "5_bgp", bandwidth: { size: 1, charge_mode: "traffic", share_type: "PER" } }, { network_type: "5_bgp", bandwidth: {} }, { bandwidth: { id: MISSING_ID, share_type: "WHOLE" } }),
    publicip_ids: fc.constantFrom([MISSING_ID], [], null),
    billing_info: fc.constantFrom("", null, "order"),
    prepaid_options: fc.constantFrom(null, { period_type: "month", period_num: 1 }, { period_num: 99 }),
    autoscaling: fc.constantFrom({ enable: true }, { enable: false, min_l7_flavor_id: L7[0] }, { min_l7_flavor_id: L4[0] }, null),
    waf_failure_action: fc.constantFrom("discard", "forward", "x", null),
    protection_status: fc.constantFrom("nonProtection", "consoleProtection", ""),
    protection_reason: fc.constantFrom(null, "r", "<b>"),
    charge_mode: fc.constantFrom("flavor", "lcu", "per-use"),
    vip_subnet_cidr_id: fc.constantFrom(NET.privateA, NET.otherSubnet, null),
  };
  type Key = keyof typeof values;
  // A few of the fields at a time, so bodies are often valid and the run builds real objects.
  const fields = fc
    .uniqueArray(fc.constantFrom(...(Object.keys(values) as Key[])), { maxLength: 4 })
    .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, values[k] as fc.Arbitrary<unknown>]))));

  it("creates and updates with any mix of them answer 201/200 or 4xx, and what was acknowledged reads back", async () => {
    const c = t.project();
    const created: string[] = [];
    let updated = 0;
    await fc.assert(
      fc.asyncProperty(fields, fields, async (create, update) => {
        const res = await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, ...create } });
        expect(res.status, res.text).toBeLessThan(500);
        if (res.status !== 201) return;
        const lb = res.body.loadbalancer;
        created.push(lb.id);
        const updatable = Object.fromEntries(Object.entries(update).filter(([k]) => !["tags", "enterprise_project_id", "publicip", "publicip_ids", "billing_info"].includes(k)));
        const put = await c.put(`loadbalancers/${lb.id}`, { loadbalancer: updatable });
        expect(put.status, put.text).toBeLessThan(500);
        if (put.status === 200) updated++;
        const now = ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer");
        if (put.status === 200) expect(now).toEqual({ ...put.body.loadbalancer, provisioning_status: "ACTIVE" });
        else expect(now).toEqual({ ...lb, provisioning_status: "ACTIVE" });
        // Stay under the load balancer quota.
        expect((await c.del(`loadbalancers/${lb.id}`)).status).toBe(204);
      }),
      { seed: 20261203, numRuns: 150 },
    );
    // The run reached real objects and real updates, not only refusals.
    expect(created.length).toBeGreaterThan(10);
    expect(updated).toBeGreaterThan(5);
  });
});
