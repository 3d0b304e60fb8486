// I1-I4: IP groups and the listeners that use them; I6: editing a group's IP list.
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../provider/engine";
import { IPGROUP_MAX_ENTRIES, LIMITS } from "../../../provider/spec";
import type { Api, Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { conflict, createLb, createListener, invalid, notFound, ok, quota } from "../helpers/factories";

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

describe("I6 IP list edits", () => {
  const clock = new FakeClock(Date.UTC(2026, 4, 2, 9, 0, 0));
  const t6 = useEngine({ clock });
  const upsert = (c: Api, id: string, ipgroup: Json) => c.post(`ipgroups/${id}/iplist/create-or-update`, { ipgroup });
  const drop = (c: Api, id: string, ipgroup: Json) => c.post(`ipgroups/${id}/iplist/batch-delete`, { ipgroup });
  const shown = async (c: Api, id: string) => ok(await c.get(`ipgroups/${id}`), 200, "ipgroup");

  it("I6: create-or-update adds the entries the group lacks and sets the descriptions of those it holds, however spelled; nothing is removed", async () => {
    const c = t6.project();
    const g = ok(await post(c, { name: "office", description: "d", ip_list: [{ ip: "10.0.0.0/8", description: "lan" }, { ip: "127.0.0.2" }, { ip: "::1", description: "loop" }] }), 201, "ipgroup");
    clock.advance(61_000);
    const edited = ok(
      await upsert(c, g.id, {
        name: "renamed",
        ip_list: [{ ip: "127.0.0.2", description: "me" }, { ip: "0:0:0:0:0:0:0:1/128" }, { ip: "0.0.0.0" }, { ip: "0.0.0.0/32", description: "any" }, { ip: "2001:db8::/32" }],
      }),
      200,
      "ipgroup",
    );
    // Held entries keep their spelling; one sent without a description keeps its own.
    expect(edited.ip_list).toEqual([
      { ip: "10.0.0.0/8", description: "lan" },
      { ip: "127.0.0.2", description: "me" },
      { ip: "::1", description: "loop" },
      { ip: "0.0.0.0", description: "any" },
      { ip: "2001:db8::/32", description: "" },
    ]);
    expect(edited).toMatchObject({ name: "renamed", description: "d", created_at: g.created_at, updated_at: "2026-05-02T09:01:01Z" });
    expect(edited).toEqual(await shown(c, g.id));
    // Only the group's own fields: the list stays as it is.
    const described = ok(await upsert(c, g.id, { description: "office net" }), 200, "ipgroup");
    expect([described.description, described.ip_list]).toEqual(["office net", edited.ip_list]);
  });

  it("I6: batch-delete removes the named entries however spelled; an entry the group does not hold is refused and nothing changes", async () => {
    const c = t6.project();
    const g = ok(await post(c, { ip_list: [{ ip: "127.0.0.2" }, { ip: "0.0.0.0/32" }, { ip: "::1" }, { ip: "10.0.0.0/8", description: "lan" }] }), 201, "ipgroup");
    clock.advance(5_000);
    const left = ok(await drop(c, g.id, { ip_list: [{ ip: "0.0.0.0" }, { ip: "0:0:0:0:0:0:0:1" }] }), 200, "ipgroup");
    expect(left.ip_list).toEqual([
      { ip: "127.0.0.2", description: "" },
      { ip: "10.0.0.0/8", description: "lan" },
    ]);
    expect(left.updated_at).not.toBe(g.updated_at);
    expect(left).toEqual(await shown(c, g.id));
    invalid(await drop(c, g.id, { ip_list: [{ ip: "127.0.0.2" }, { ip: "10.0.0.0/16" }] }), "ip_list[1].ip", '"10.0.0.0/16" is not an entry of IP group', "the addresses and blocks the group holds");
    expect(await shown(c, g.id)).toEqual(left);
    // Huawei's ip_list is optional here: without it nothing is removed.
    expect(ok(await drop(c, g.id, {}), 200, "ipgroup").ip_list).toEqual(left.ip_list);
    expect(ok(await drop(c, g.id, { ip_list: [{ ip: "127.0.0.2" }, { ip: "10.0.0.0/8" }] }), 200, "ipgroup").ip_list).toEqual([]);
  });

  it("I6: bad bodies are refused naming the field, the value and what is allowed", async () => {
    const c = t6.project();
    const g = ok(await post(c, { ip_list: [{ ip: "127.0.0.2" }] }), 201, "ipgroup");
    invalid(await upsert(c, g.id, { ip_list: [{ ip: "10.0.0.300" }] }), "ip_list[0].ip", "10.0.0.300", "an IPv4 or IPv6 address, or a CIDR block");
    invalid(await upsert(c, g.id, { ip_list: [{ description: "x" }] }), "ip_list[0].ip", "is required");
    invalid(await upsert(c, g.id, { ip_list: [{ ip: "127.0.0.3", addr: "x" }] }), "ip_list[0].addr", "not a known field");
    invalid(await upsert(c, g.id, { enable: true }), "enable", "not a known field");
    invalid(await c.post(`ipgroups/${g.id}/iplist/create-or-update`, { ip_list: [] }), "ip_list", "the body wraps one 'ipgroup' object");
    invalid(await drop(c, g.id, { ip_list: [{ ip: "127.0.0.2", description: "x" }] }), "ip_list[0].description", "not a known field", "fields ip");
    invalid(await drop(c, g.id, { name: "x" }), "name", "not a known field of an IP-list removal", "allowed ip_list");
    invalid(await drop(c, g.id, { ip_list: "127.0.0.2" }), "ip_list", '"127.0.0.2" is a string, expected a list');
    invalid(await drop(c, g.id, { ip_list: null }), "ip_list", "null is not allowed", "a list of at most");
    invalid(await upsert(c, g.id, { ip_list: null }), "ip_list", "null is not allowed", "a list of at most");
    invalid(await drop(c, g.id, { ip_list: [{ ip: "example.com" }] }), "ip_list[0].ip", "example.com", "CIDR block");
    expect((await shown(c, g.id)).ip_list).toEqual([{ ip: "127.0.0.2", description: "" }]);
  });

  it("I6: the group afterwards holds at most the documented number of entries", async () => {
    const c = t6.project();
    const full = Array.from({ length: IPGROUP_MAX_ENTRIES - 1 }, (_, i) => ({ ip: `10.0.${i >> 8}.${i & 255}` }));
    const g = ok(await post(c, { ip_list: full }), 201, "ipgroup");
    invalid(await upsert(c, g.id, { ip_list: [{ ip: "10.9.0.1" }, { ip: "10.0.0.0", description: "held" }, { ip: "10.9.0.2" }] }), "ip_list", `adds 2 entries to the ${IPGROUP_MAX_ENTRIES - 1} the group holds`, `at most ${IPGROUP_MAX_ENTRIES} items`);
    expect((await shown(c, g.id)).ip_list).toHaveLength(IPGROUP_MAX_ENTRIES - 1);
    expect(ok(await upsert(c, g.id, { ip_list: [{ ip: "10.9.0.1" }, { ip: "10.0.0.0/32", description: "held" }] }), 200, "ipgroup").ip_list).toHaveLength(IPGROUP_MAX_ENTRIES);
    // A full group still takes new descriptions for the entries it holds.
    const relabelled = ok(await upsert(c, g.id, { ip_list: [{ ip: "10.9.0.1/32", description: "last" }] }), 200, "ipgroup");
    expect(relabelled.ip_list.at(-1)).toEqual({ ip: "10.9.0.1", description: "last" });
    expect(relabelled.ip_list[0]).toEqual({ ip: "10.0.0.0", description: "held" });
  });

  it("I6: another project's group, or an unknown id, is not found by either edit", async () => {
    const c = t6.project();
    const other = t6.project();
    const foreign = ok(await post(other, { ip_list: [{ ip: "127.0.0.2" }] }), 201, "ipgroup");
    notFound(await upsert(c, foreign.id, { ip_list: [{ ip: "127.0.0.3" }] }), foreign.id);
    notFound(await drop(c, foreign.id, { ip_list: [{ ip: "127.0.0.2" }] }), foreign.id);
    const unknown = "00000000-0000-4000-8000-000000000000";
    notFound(await upsert(c, unknown, {}), unknown);
    notFound(await drop(c, unknown, {}), unknown);
    expect((await shown(other, foreign.id)).ip_list).toEqual([{ ip: "127.0.0.2", description: "" }]);
  });
});
