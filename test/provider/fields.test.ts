// Huawei's wider field set through the real provider host: tags as a `{ key: value }` map (F2)
// sent as the API's list, compared as a map and changed in place through the tag action,
// create-only fields that replace, flavor and stand-in rules at check time (F1, F3), and
// states written before these fields existed.
import { describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { FLAVORS } from "../../provider/spec/flavors";
import { NET } from "./harness/engine";
import { type State } from "./harness/lifecycle";

const p = useProvider();

const base = { availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet };
const L4 = FLAVORS.find((f) => f.type === "L4")!.id;
const L7 = FLAVORS.find((f) => f.type === "L7")!.id;
type Live = { loadbalancer: Record<string, unknown> };

describe("tags: a map in the program, the API's list on the wire", () => {
  let lb: State;
  const args = { ...base, tags: { env: "prod", team: "web" } };

  it("creates with the list the API takes, and reports the map", async () => {
    lb = await p.r.create("loadbalancer", args);
    const live = (await p.eng.api.get<Live>(`/loadbalancers/${lb.id}`)).loadbalancer;
    expect(live.tags).toEqual([
      { key: "env", value: "prod" },
      { key: "team", value: "web" },
    ]);
    expect(lb.outputs.tags).toEqual({ env: "prod", team: "web" });
  });

  it("sees no change for the same map in another key order", async () => {
    expect(await p.r.diff("loadbalancer", lb, { ...base, tags: { team: "web", env: "prod" } })).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("updates in place for a changed, added or removed tag: the tag action changes them, not the PUT", async () => {
    for (const tags of [{ env: "dev", team: "web" }, { env: "prod", team: "web", x: "" }, { env: "prod" }]) {
      expect(await p.r.diff("loadbalancer", lb, { ...base, tags })).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    }
    // Leaving tags out wants the API's default, no tags: an update too.
    expect(await p.r.diff("loadbalancer", lb, base)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  });

  it("applies a tags-only change with the tag action, keeping the load balancer; with another change it sends the PUT and the tags", async () => {
    const tagsOf = async (id: string) => (await p.eng.api.get<Live>(`/loadbalancers/${id}`)).loadbalancer.tags;
    const made = await p.r.create("loadbalancer", { ...base, tags: { env: "prod", team: "web", gone: "x" } });
    const changed = await p.r.apply("loadbalancer", made, { ...base, tags: { env: "staging", team: "web", owner: "ops" } });
    expect(changed.replaced).toBe(false);
    expect(changed.state.id).toBe(made.id);
    expect(changed.state.outputs.tags).toEqual({ env: "staging", team: "web", owner: "ops" });
    expect(await tagsOf(made.id)).toEqual(expect.arrayContaining([{ key: "env", value: "staging" }, { key: "team", value: "web" }, { key: "owner", value: "ops" }]));
    expect(await tagsOf(made.id)).toHaveLength(3);
    // Read back, the new tags are what the object holds: no change left.
    expect(await p.r.diff("loadbalancer", changed.state, { ...base, tags: { owner: "ops", team: "web", env: "staging" } })).toMatchObject({ changes: "none" });

    const both = await p.r.apply("loadbalancer", changed.state, { ...base, name: "renamed", tags: { env: "prod" } });
    expect([both.replaced, both.state.id]).toEqual([false, made.id]);
    expect(both.state.outputs).toMatchObject({ name: "renamed", tags: { env: "prod" } });
    expect(await tagsOf(made.id)).toEqual([{ key: "env", value: "prod" }]);

    // Tags changed outside the program are made the program's, from what the object holds.
    const tagAction = { deadline: p.eng.api.client.deadline(30_000), underProject: true };
    await p.eng.api.client.post(`/loadbalancers/${made.id}/tags/action`, { action: "create", tags: [{ key: "stray", value: "1" }] }, tagAction);
    const cleared = await p.r.apply("loadbalancer", both.state, { ...base, name: "renamed", tags: { env: "prod", team: "api" } });
    expect(cleared.state.id).toBe(made.id);
    expect(await tagsOf(made.id)).toEqual([{ key: "env", value: "prod" }, { key: "team", value: "api" }]);
    await p.r.delete("loadbalancer", cleared.state);
  });

  it("adopting an object whose tags the API lists in another order finds them the same", async () => {
    const made = (
      await p.eng.api.post<Live>("/loadbalancers", {
        loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.loopbackSubnet, tags: [{ key: "z", value: "1" }, { key: "a", value: "2" }] },
      })
    ).loadbalancer;
    const adopted = await p.r.create("loadbalancer", { ...base, tags: { a: "2", z: "1" }, adoptId: made.id });
    expect(adopted.id).toBe(made.id);
    expect(adopted.outputs.tags).toEqual({ a: "2", z: "1" });
  });

  it("adopting an object whose tags differ takes it over and gives it the program's tags", async () => {
    const made = (
      await p.eng.api.post<Live>("/loadbalancers", {
        loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.loopbackSubnet, tags: [{ key: "old", value: "1" }, { key: "keep", value: "x" }] },
      })
    ).loadbalancer;
    const adopted = await p.r.create("loadbalancer", { ...base, tags: { keep: "y" }, adoptId: made.id });
    expect(adopted.id).toBe(made.id);
    expect(adopted.outputs.tags).toEqual({ keep: "y" });
    expect((await p.eng.api.get<Live>(`/loadbalancers/${made.id}`)).loadbalancer.tags).toEqual([{ key: "keep", value: "y" }]);
  });

  it("check applies Huawei's tag rules to the map, naming the tag", async () => {
    const failures = async (tags: unknown) => (await p.r.check("loadbalancer", { ...base, tags })).failures;
    expect(await failures({ "bad key": "v" })).toEqual([{ property: "", reason: expect.stringMatching(/tags\[0\]\.key: "bad key" is not valid, allowed 1-36 letters, digits/) }]);
    expect(await failures({ k: "v".repeat(44) })).toEqual([{ property: "", reason: expect.stringMatching(/tags\[0\]\.value: .* allowed 0-43/) }]);
    expect((await failures(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"]))))[0].reason).toMatch(/has 21 items, allowed a list of at most 20 tags/);
    expect(await failures({ a: "b" })).toEqual([]);
  });

  it("refresh reads the tags back as a map, and a listener's tags work the same way", async () => {
    const read = await p.r.refresh("loadbalancer", lb);
    expect(read?.outputs.tags).toEqual({ env: "prod", team: "web" });
    expect(read?.inputs.tags).toEqual({ env: "prod", team: "web" });
    const listener = await p.r.create("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 81, tags: { tier: "edge" } });
    expect(listener.outputs.tags).toEqual({ tier: "edge" });
    expect(await p.r.diff("listener", listener, { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 81, tags: { tier: "edge" } })).toMatchObject({ changes: "none" });
    const args = { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 81, tags: { tier: "core", zone: "a" } };
    expect(await p.r.diff("listener", listener, args)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const changed = await p.r.apply("listener", listener, args);
    expect([changed.replaced, changed.state.id]).toEqual([false, listener.id]);
    expect(changed.state.outputs.tags).toEqual({ tier: "core", zone: "a" });
    expect((await p.eng.api.get<{ listener: Record<string, unknown> }>(`/listeners/${listener.id}`)).listener.tags).toEqual([
      { key: "tier", value: "core" },
      { key: "zone", value: "a" },
    ]);
  });
});

describe("other new fields", () => {
  it("a create-only field (enterpriseProjectId) replaces; an updatable one (wafFailureAction, flavors) updates in place", async () => {
    const args = { ...base, wafFailureAction: "discard", l4FlavorId: L4, l7FlavorId: L7 };
    const lb = await p.r.create("loadbalancer", args);
    expect(lb.outputs).toMatchObject({ enterpriseProjectId: "0", wafFailureAction: "discard", eips: [], publicips: [], publicBorderGroup: "center" });
    expect(await p.r.diff("loadbalancer", lb, { ...args, enterpriseProjectId: "2b3c4d5e-6f70-4a81-9b92-a3b4c5d6e7f8" })).toEqual({
      changes: "some",
      replaces: ["enterpriseProjectId"],
      deleteBeforeReplace: false,
    });
    const { state: updated, replaced } = await p.r.apply("loadbalancer", lb, { ...args, wafFailureAction: "forward", l7FlavorId: FLAVORS.filter((f) => f.type === "L7")[1].id });
    expect(replaced).toBe(false);
    expect((await p.eng.api.get<Live>(`/loadbalancers/${lb.id}`)).loadbalancer).toMatchObject({ waf_failure_action: "forward", l7_flavor_id: FLAVORS.filter((f) => f.type === "L7")[1].id });
    expect(updated.outputs.wafFailureAction).toBe("forward");
  });

  it("check refuses an unknown flavor and a prepaid order at preview, in the API's words", async () => {
    const res = await p.r.check("loadbalancer", { ...base, l4FlavorId: L7, billingInfo: "order-7", prepaidOptions: { periodType: "month", periodNum: 1 } });
    const byProperty = Object.fromEntries(res.failures.map((f) => [f.property, f.reason]));
    expect(byProperty.l4FlavorId).toMatch(/is a L7 flavor, allowed an L4 flavor/);
    expect(byProperty.billingInfo).toMatch(/takes no orders/);
    expect(byProperty.prepaidOptions).toMatch(/takes no orders/);
  });

  it("a state written before the new fields existed shows no change, let alone a replacement", async () => {
    const lb = await p.r.create("loadbalancer", base);
    const older: Record<string, unknown> = { ...lb.outputs };
    for (const key of ["tags", "enterpriseProjectId", "wafFailureAction", "autoscaling", "chargeMode", "protectionStatus", "protectionReason", "billingInfo", "ipv6VipVirsubnetId"]) delete older[key];
    expect(await p.r.diff("loadbalancer", { ...lb, outputs: older }, base)).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });
});
