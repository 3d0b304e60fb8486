// I1-I4: IP groups and the listeners that use them.
import { describe, expect, it } from "vitest";
import { IPGROUP_MAX_ENTRIES, LIMITS } from "../../../provider/spec";
import type { Api, Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { conflict, createLb, createListener, invalid, ok, quota } from "../helpers/factories";

const t = useEngine();
const post = (c: Api, fields: Json) => c.post("ipgroups", { ipgroup: fields });

describe("I IP groups", () => {
  it("I1: entries are addresses or CIDR blocks, IPv4 or IPv6, each once, at most the documented number; an update replaces the list", async () => {
    const c = t.project();
    const g = ok(await post(c, { name: "office", ip_list: [{ ip: "10.0.0.0/8", description: "lan" }, { ip: "127.0.0.2" }, { ip: "2001:db8::/32" }] }), 201, "ipgroup");
    expect(g).toMatchObject({
      name: "office",
      ip_list: [{ ip: "10.0.0.0/8", description: "lan" }, { ip: "127.0.0.2", description: "" }, { ip: "2001:db8::/32", description: "" }],
      listeners: [],
      project_id: c.project,
    });
    invalid(await post(c, { ip_list: [{ ip: "10.0.0.0/33" }] }), "ip_list[0].ip", "10.0.0.0/33", "CIDR block");
    invalid(await post(c, { ip_list: [{ ip: "127.0.0.1" }, { ip: "example.com" }] }), "ip_list[1].ip", "example.com");
    invalid(await post(c, { ip_list: [{ addr: "10.0.0.1" }] }), "ip_list[0].addr", "not a known field");
    invalid(await post(c, { ip_list: [{ ip: "10.1.1.1" }, { ip: "10.1.1.1" }] }), "ip_list", "10.1.1.1", "listed twice");
    invalid(await post(c, { ip_list: [{ ip: "::1" }, { ip: "0:0:0:0:0:0:0:1/128" }] }), "ip_list", "0:0:0:0:0:0:0:1/128", 'listed twice (also as "::1")');
    invalid(await post(c, { name: "x" }), "ip_list", "required");
    invalid(await post(c, { ip_list: Array.from({ length: IPGROUP_MAX_ENTRIES + 1 }, (_, i) => ({ ip: `10.0.${i >> 8}.${i & 255}` })) }), "ip_list", `at most ${IPGROUP_MAX_ENTRIES} items`);
    const updated = ok(await c.put(`ipgroups/${g.id}`, { ipgroup: { ip_list: [{ ip: "192.168.0.0/24" }] } }), 200, "ipgroup");
    expect(updated.ip_list).toEqual([{ ip: "192.168.0.0/24", description: "" }]);
  });

  it("I2: at most the IP group quota per project", async () => {
    const c = t.project();
    await Promise.all(Array.from({ length: LIMITS.ipGroupsPerProject }, () => post(c, { ip_list: [] })));
    quota(await post(c, { ip_list: [] }), "ipgroup", LIMITS.ipGroupsPerProject);
  });

  it("I3: an IP group serves at most the documented number of listeners; a listener already using it may be updated", async () => {
    const c = t.project();
    const g = ok(await post(c, { ip_list: [{ ip: "127.0.0.2" }] }), 201, "ipgroup");
    // Spread over load balancers, each below its own listener quota (S6).
    const lbs = [await createLb(c), await createLb(c), await createLb(c)];
    const made: Json[] = [];
    for (let i = 0; i < LIMITS.listenersPerIpGroup; i++) {
      made.push(await createListener(c, lbs[i % 2].id, { protocol_port: 7100 + i, ipgroup: { ipgroup_id: g.id } }));
    }
    const lb2 = lbs[2];
    quota(await c.post("listeners", { listener: { loadbalancer_id: lb2.id, protocol: "TCP", protocol_port: 7099, ipgroup: { ipgroup_id: g.id } } }), "listeners_per_ipgroup", LIMITS.listenersPerIpGroup);
    // A listener that already uses the group changes its other settings, and its type, freely.
    ok(await c.put(`listeners/${made[0].id}`, { listener: { ipgroup: { ipgroup_id: g.id, type: "black" } } }), 200, "listener");
    // Another listener takes the group once one lets go of it.
    const other = await createListener(c, lb2.id, { protocol_port: 7098 });
    quota(await c.put(`listeners/${other.id}`, { listener: { ipgroup: { ipgroup_id: g.id } } }), "listeners_per_ipgroup", LIMITS.listenersPerIpGroup);
    ok(await c.put(`listeners/${made[1].id}`, { listener: { ipgroup: null } }), 200, "listener");
    ok(await c.put(`listeners/${other.id}`, { listener: { ipgroup: { ipgroup_id: g.id } } }), 200, "listener");
  });

  it("I3, I4: a listener's ipgroup names groups of its project; a group lists its listeners and cannot be deleted while one uses it", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const a = ok(await post(c, { ip_list: [{ ip: "127.0.0.2" }] }), 201, "ipgroup");
    const b = ok(await post(c, { ip_list: [{ ip: "127.0.0.3" }] }), 201, "ipgroup");
    const foreign = ok(await post(t.project(), { ip_list: [] }), 201, "ipgroup");
    const listener = (ipgroup: Json) => c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 7000, ipgroup } });
    invalid(await listener({ ipgroup_id: foreign.id }), "ipgroup.ipgroup_id", foreign.id, "not an IP group of this project");
    invalid(await listener({ ipgroup_id: a.id, type: "grey" }), "ipgroup.type", "grey", "white, black");
    invalid(await listener({ type: "white" }), "ipgroup.ipgroup_id", "required");
    const l = await createListener(c, lb.id, { ipgroup: { ipgroup_id: `${a.id},${b.id}` } });
    expect(l.ipgroup).toEqual({ ipgroup_id: `${a.id},${b.id}`, enable_ipgroup: true, type: "white" });
    expect(ok(await c.get(`ipgroups/${b.id}`), 200, "ipgroup").listeners).toEqual([{ id: l.id }]);
    conflict(await c.del(`ipgroups/${a.id}`), a.id, l.id);
    ok(await c.put(`listeners/${l.id}`, { listener: { ipgroup: { ipgroup_id: b.id, type: "black" } } }), 200, "listener");
    expect((await c.del(`ipgroups/${a.id}`)).status).toBe(204);
    ok(await c.put(`listeners/${l.id}`, { listener: { ipgroup: null } }), 200, "listener");
    expect((await c.del(`ipgroups/${b.id}`)).status).toBe(204);
  });
});
