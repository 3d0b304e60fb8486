// L1-L9: load balancers.
import { describe, expect, it } from "vitest";
import { parallel, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import {
  conflict,
  createLb,
  createListener,
  createMember,
  createMonitor,
  createPool,
  createTree,
  invalid,
  NET,
  notFound,
  ok,
  quota,
  tlsFields,
} from "../helpers/factories";

const t = useEngine();
const lbBody = (fields: Json) => ({ loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc, ...fields } });

describe("L load balancers", () => {
  it("L1: availability_zone_list is required, non-empty and made of known AZ codes → 400; valid lists are stored", async () => {
    const c = t.project();
    invalid(await c.post("loadbalancers", { loadbalancer: { vpc_id: NET.vpc } }), "availability_zone_list", "required");
    invalid(await c.post("loadbalancers", lbBody({ availability_zone_list: [] })), "availability_zone_list");
    invalid(await c.post("loadbalancers", lbBody({ availability_zone_list: ["local-1a", "mars-1a"] })), "availability_zone_list", "mars-1a", "local-1a");
    invalid(await c.post("loadbalancers", lbBody({ availability_zone_list: [""] })), "availability_zone_list");
    const lb = await createLb(c, { availability_zone_list: ["local-1a", "local-1c"] });
    expect(lb.availability_zone_list).toEqual(["local-1a", "local-1c"]);
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { availability_zone_list: ["local-1b"] } }), "availability_zone_list");
  });

  it("L1: AZs change through batch-add and batch-remove; unknown codes → 400; removing the last AZ → 400", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const added = ok(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-add`, { availability_zone_list: ["local-1b", "local-1a", "local-1b"] }), 200, "loadbalancer");
    expect(added.availability_zone_list).toEqual(["local-1a", "local-1b"]);
    invalid(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-add`, { availability_zone_list: ["nowhere"] }), "availability_zone_list", "nowhere");
    invalid(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-add`, { availability_zone_list: [] }), "availability_zone_list");
    invalid(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-add`, { availability_zone_list: ["local-1c"], extra: 1 }), "extra");
    invalid(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-remove`, { availability_zone_list: ["local-1c"] }), "availability_zone_list", "local-1c");
    const removed = ok(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-remove`, { availability_zone_list: ["local-1a"] }), 200, "loadbalancer");
    expect(removed.availability_zone_list).toEqual(["local-1b"]);
    invalid(await c.post(`loadbalancers/${lb.id}/availability-zone/batch-remove`, { availability_zone_list: ["local-1b"] }), "availability_zone_list", "last");
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer").availability_zone_list).toEqual(["local-1b"]);
    notFound(await c.post(`loadbalancers/00000000-0000-4000-8000-000000000000/availability-zone/batch-add`, { availability_zone_list: ["local-1a"] }));
  });

  it("L2: at least one of vpc_id, vip_subnet_cidr_id; the subnet must belong to the VPC → 400; the VPC is derived from the subnet", async () => {
    const c = t.project();
    invalid(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"] } }), "vip_subnet_cidr_id", "vpc_id");
    invalid(await c.post("loadbalancers", lbBody({ vpc_id: NET.otherVpc, vip_subnet_cidr_id: NET.privateA })), "vip_subnet_cidr_id", NET.privateA, NET.otherVpc);
    const bySubnet = await createLb(c, { vpc_id: undefined, vip_subnet_cidr_id: NET.otherSubnet });
    expect(bySubnet.vpc_id).toBe(NET.otherVpc);
    const both = await createLb(c, { vip_subnet_cidr_id: NET.privateB });
    expect(both.vpc_id).toBe(NET.vpc);
    const vpcOnly = await createLb(c);
    expect([vpcOnly.vip_address, vpcOnly.vip_subnet_cidr_id]).toEqual([null, null]);
    invalid(await c.post("loadbalancers", lbBody({ vip_address: "192.168.0.50" })), "vip_address", "vip_subnet_cidr_id");
  });

  it("L2: vip_address must lie in the subnet (400) and be unused in the VPC (409); omitted, a free one is assigned from the subnet", async () => {
    const c = t.project();
    const other = t.project();
    invalid(await c.post("loadbalancers", lbBody({ vip_subnet_cidr_id: NET.privateA, vip_address: "192.168.1.5" })), "vip_address", "192.168.1.5", "192.168.0.0/24");
    invalid(await c.post("loadbalancers", lbBody({ vip_subnet_cidr_id: NET.privateA, vip_address: "192.168.0.500" })), "vip_address");
    const fixed = await createLb(c, { vip_subnet_cidr_id: NET.privateB, vip_address: "192.168.1.200" });
    expect(fixed.vip_address).toBe("192.168.1.200");
    // The VIP is taken in the VPC, whichever project asks.
    conflict(await c.post("loadbalancers", lbBody({ vip_subnet_cidr_id: NET.privateB, vip_address: "192.168.1.200" })), "192.168.1.200");
    conflict(await other.post("loadbalancers", lbBody({ vip_subnet_cidr_id: NET.privateB, vip_address: "192.168.1.200" })), "192.168.1.200");
    const [a, b] = await parallel(2, () => createLb(c, { vip_subnet_cidr_id: NET.privateB }));
    for (const lb of [a, b]) {
      expect(lb.vip_address).toMatch(/^192\.168\.1\.\d+$/);
      expect(lb.vip_address).not.toBe("192.168.1.0");
      expect(lb.vip_address).not.toBe("192.168.1.1"); // the gateway
      expect(lb.vip_address).not.toBe("192.168.1.200");
    }
    expect(a.vip_address).not.toBe(b.vip_address);
    // Deleting frees the address; updating moves it within the VPC, and only within it.
    expect((await c.del(`loadbalancers/${fixed.id}`)).status).toBe(204);
    const again = await createLb(c, { vip_subnet_cidr_id: NET.privateB, vip_address: "192.168.1.200" });
    conflict(await c.put(`loadbalancers/${a.id}`, { loadbalancer: { vip_address: "192.168.1.200" } }), "192.168.1.200");
    const moved = ok(await c.put(`loadbalancers/${a.id}`, { loadbalancer: { vip_subnet_cidr_id: NET.privateA, vip_address: "192.168.0.200" } }), 200, "loadbalancer");
    expect([moved.vip_subnet_cidr_id, moved.vip_address]).toEqual([NET.privateA, "192.168.0.200"]);
    invalid(await c.put(`loadbalancers/${a.id}`, { loadbalancer: { vip_subnet_cidr_id: NET.otherSubnet } }), "vip_subnet_cidr_id", NET.otherSubnet);
    // Its own address is not "in use" by someone else.
    ok(await c.put(`loadbalancers/${again.id}`, { loadbalancer: { vip_address: "192.168.1.200" } }), 200, "loadbalancer");
    // vip_subnet_cidr_id: null in a PUT unbinds the IPv4 VIP (Huawei), freeing the address.
    const unbound = ok(await c.put(`loadbalancers/${again.id}`, { loadbalancer: { vip_subnet_cidr_id: null } }), 200, "loadbalancer");
    expect([unbound.vip_subnet_cidr_id, unbound.vip_address, unbound.vip_port_id]).toEqual([null, null, null]);
    await createLb(c, { vip_subnet_cidr_id: NET.privateB, vip_address: "192.168.1.200" });
    invalid(await c.put(`loadbalancers/${again.id}`, { loadbalancer: { vip_address: "192.168.1.201" } }), "vip_address", "vip_subnet_cidr_id");
  });

  it("L3: ip_target_enable may go false → true, never true → false (400)", async () => {
    const c = t.project();
    const lb = await createLb(c);
    expect(lb.ip_target_enable).toBe(false);
    ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { ip_target_enable: false } }), 200, "loadbalancer");
    expect(ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { ip_target_enable: true } }), 200, "loadbalancer").ip_target_enable).toBe(true);
    ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { ip_target_enable: true } }), 200, "loadbalancer");
    invalid(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { ip_target_enable: false } }), "ip_target_enable", "false");
    const born = await createLb(c, { ip_target_enable: true });
    invalid(await c.put(`loadbalancers/${born.id}`, { loadbalancer: { ip_target_enable: false, name: "x" } }), "ip_target_enable");
    expect(ok(await c.get(`loadbalancers/${born.id}`), 200, "loadbalancer")).toMatchObject({ ip_target_enable: true, name: "" });
  });

  it("L4: with ip_target_enable only TCP, HTTP and HTTPS listeners (UDP, QUIC, TLS → 400); enabling it beside such a listener → 400", async () => {
    const c = t.project();
    const lb = await createLb(c, { ip_target_enable: true });
    const cert = await tlsFields(c);
    for (const [protocol, extra] of [["UDP", {}], ["QUIC", cert], ["TLS", cert]] as const) {
      invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol, protocol_port: 443, ...extra } }), "protocol", protocol, "ip_target_enable");
    }
    await createListener(c, lb.id, { protocol: "TCP", protocol_port: 1 });
    await createListener(c, lb.id, { protocol: "HTTP", protocol_port: 2 });
    await createListener(c, lb.id, { protocol: "HTTPS", protocol_port: 3, ...cert });
    await createListener(c, lb.id, { protocol: "TERMINATED_HTTPS", protocol_port: 4, ...cert });

    for (const [protocol, extra] of [["UDP", {}], ["QUIC", cert], ["TLS", cert]] as const) {
      const plain = await createLb(c);
      const l = await createListener(c, plain.id, { protocol, protocol_port: 443, ...extra });
      invalid(await c.put(`loadbalancers/${plain.id}`, { loadbalancer: { ip_target_enable: true } }), "ip_target_enable", protocol, l.id);
      // Once the listener is gone, the flag can be turned on.
      expect((await c.del(`listeners/${l.id}`)).status).toBe(204);
      ok(await c.put(`loadbalancers/${plain.id}`, { loadbalancer: { ip_target_enable: true } }), 200, "loadbalancer");
    }
  });

  it("L5: deletion_protection_enable: true refuses DELETE and force-elb (409); turned off, the delete works", async () => {
    const c = t.project();
    const lb = await createLb(c, { deletion_protection_enable: true });
    conflict(await c.del(`loadbalancers/${lb.id}`), "deletion_protection_enable");
    await createListener(c, lb.id);
    conflict(await c.del(`loadbalancers/${lb.id}/force-elb`), "deletion_protection_enable");
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer").listeners).toHaveLength(1);
    ok(await c.put(`loadbalancers/${lb.id}`, { loadbalancer: { deletion_protection_enable: false } }), 200, "loadbalancer");
    expect((await c.del(`loadbalancers/${lb.id}/force-elb`)).status).toBe(204);
    notFound(await c.get(`loadbalancers/${lb.id}`));
  });

  it("L6: DELETE with listeners or pools → 409 naming one; force-elb removes listeners, pools, members and monitors with it", async () => {
    const c = t.project();
    const { lb, listener, pool, member, monitor } = await createTree(c);
    const loose = await createPool(c, { loadbalancer_id: lb.id });
    const looseMember = await createMember(c, loose.id, { address: "192.168.0.40" });
    conflict(await c.del(`loadbalancers/${lb.id}`), listener.id);
    expect((await c.del(`listeners/${listener.id}/force`)).status).toBe(204);
    // The forced listener is gone from every view, its port included.
    expect(ok(await c.get(`loadbalancers/${lb.id}`), 200, "loadbalancer").listeners).toEqual([]);
    const reused = await createListener(c, lb.id, { protocol: "TCP", protocol_port: listener.protocol_port });
    expect((await c.del(`listeners/${reused.id}`)).status).toBe(204);
    const res = await c.del(`loadbalancers/${lb.id}`);
    conflict(res, "pool");
    expect([pool.id, loose.id].some((id) => res.body.error_msg.includes(id))).toBe(true);

    const tree = await createTree(c);
    const extraPool = await createPool(c, { loadbalancer_id: tree.lb.id, protocol: "UDP" });
    await createMonitor(c, extraPool.id, { type: "UDP_CONNECT" });
    expect((await c.del(`loadbalancers/${tree.lb.id}/force-elb`)).status).toBe(204);
    for (const path of [`loadbalancers/${tree.lb.id}`, `listeners/${tree.listener.id}`, `pools/${tree.pool.id}`, `pools/${extraPool.id}`, `healthmonitors/${tree.monitor.id}`]) {
      notFound(await c.get(path));
    }
    expect(ok(await c.get("healthmonitors"), 200, "healthmonitors").map((h: Json) => h.id)).not.toContain(tree.monitor.id);
    // The first LB was untouched by the second's cascade.
    expect(ok(await c.get(`pools/${loose.id}/members/${looseMember.id}`), 200, "member").id).toBe(looseMember.id);
    expect(member.id).toBeTruthy();
    notFound(await c.get(`healthmonitors/${monitor.id}`)); // went with listener force
  });

  it("L6: force-elb is refused (409) while a pool has member deletion protection and members (P7); nothing is removed", async () => {
    const c = t.project();
    const { lb, listener, pool } = await createTree(c);
    ok(await c.put(`pools/${pool.id}`, { pool: { member_deletion_protection_enable: true } }), 200, "pool");
    conflict(await c.del(`loadbalancers/${lb.id}/force-elb`), "member_deletion_protection_enable");
    ok(await c.get(`listeners/${listener.id}`), 200, "listener");
    expect(ok(await c.get(`pools/${pool.id}`), 200, "pool").members).toHaveLength(1);
  });

  it("L7: 50 load balancers per project, the 51st → 409 ELB.8905; other projects have their own quota; a delete frees a slot", async () => {
    const c = t.project();
    const lbs = await parallel(50, () => createLb(c));
    quota(await c.post("loadbalancers", lbBody({})), "loadbalancer", "50");
    await createLb(t.project());
    expect((await c.del(`loadbalancers/${lbs[0].id}`)).status).toBe(204);
    await createLb(c);
    quota(await c.post("loadbalancers", lbBody({})), "loadbalancer");
    expect(ok(await c.get("loadbalancers"), 200, "loadbalancers")).toHaveLength(50);
  });

  it("L8: guaranteed may only be true and provider only vlb → 400 otherwise", async () => {
    const c = t.project();
    invalid(await c.post("loadbalancers", lbBody({ guaranteed: false })), "guaranteed", "false");
    invalid(await c.post("loadbalancers", lbBody({ provider: "octavia" })), "provider", "octavia", "vlb");
    invalid(await c.post("loadbalancers", lbBody({ provider: "" })), "provider");
    const lb = await createLb(c, { guaranteed: true, provider: "vlb" });
    expect([lb.guaranteed, lb.provider]).toEqual([true, "vlb"]);
    const defaults = await createLb(c);
    expect([defaults.guaranteed, defaults.provider]).toEqual([true, "vlb"]);
  });

  it("L9: statuses returns the tree: listeners → pools → members and health monitor, each with provisioning and operating status", async () => {
    const c = t.project();
    const { lb, listener, pool, member, monitor } = await createTree(c);
    const loose = await createPool(c, { loadbalancer_id: lb.id, protocol: "UDP" });
    const looseMember = await createMember(c, loose.id, { address: "192.168.0.66" });
    const tree = ok(await c.get(`loadbalancers/${lb.id}/statuses`), 200, "statuses").loadbalancer;
    expect(tree).toMatchObject({ id: lb.id, provisioning_status: "ACTIVE", operating_status: "ONLINE" });
    expect(tree.listeners).toHaveLength(1);
    const l = tree.listeners[0];
    expect(l).toMatchObject({ id: listener.id, provisioning_status: "ACTIVE", operating_status: "ONLINE" });
    expect(l.pools).toHaveLength(1);
    const p = l.pools[0];
    expect(p).toMatchObject({ id: pool.id, provisioning_status: "ACTIVE", operating_status: "ONLINE" });
    expect(p.healthmonitor).toMatchObject({ id: monitor.id, type: "TCP", provisioning_status: "ACTIVE" });
    expect(p.members).toEqual([expect.objectContaining({ id: member.id, address: member.address, protocol_port: member.protocol_port, provisioning_status: "ACTIVE", operating_status: "ONLINE" })]);
    // Every pool of the load balancer, attached or not, is in the top-level pools list.
    expect(tree.pools.map((x: Json) => x.id).sort()).toEqual([pool.id, loose.id].sort());
    const looseTree = tree.pools.find((x: Json) => x.id === loose.id);
    expect(looseTree.members).toEqual([expect.objectContaining({ id: looseMember.id, operating_status: "NO_MONITOR" })]);
    expect(looseTree).not.toHaveProperty("healthmonitor");
    notFound(await c.get("loadbalancers/00000000-0000-4000-8000-000000000000/statuses"));
  });
});
