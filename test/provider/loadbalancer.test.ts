// LoadBalancer through the real provider host against a live engine.
import { describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { NET, testEngine } from "./harness/engine";
import { HostError, ProviderHost } from "./harness/host";
import { Resources, type State } from "./harness/lifecycle";
import { UNKNOWN } from "./harness/values";

const p = useProvider();

const base = { name: "web", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet };

describe("check", () => {
  it("accepts valid inputs and returns them unchanged", async () => {
    const res = await p.r.check("loadbalancer", base);
    expect(res.failures).toEqual([]);
    expect(res.inputs).toMatchObject(base);
  });

  it("refuses what the API would refuse, on the camelCase property, in words", async () => {
    const res = await p.r.check("loadbalancer", { name: "x".repeat(256), availabilityZoneList: [], guaranteed: false, vipAddress: "10.0.0.300" });
    const byProperty = Object.fromEntries(res.failures.map((f) => [f.property, f.reason]));
    expect(Object.keys(byProperty).sort()).toEqual(["availabilityZoneList", "guaranteed", "name", "vipAddress", "vipSubnetCidrId"]);
    expect(byProperty.vipSubnetCidrId).toMatch(/required when vpcId is not given/);
    expect(byProperty.guaranteed).toMatch(/only true/);
  });

  it("lets preview-unknown values through", async () => {
    const res = await p.r.check("loadbalancer", { ...base, vipSubnetCidrId: UNKNOWN, availabilityZoneList: [UNKNOWN] });
    expect(res.failures).toEqual([]);
    expect(res.inputs.vipSubnetCidrId).toBe(UNKNOWN);
  });
});

describe("lifecycle", () => {
  let lb: State;

  it("creates an ACTIVE load balancer and reports every API field as an output", async () => {
    lb = await p.r.create("loadbalancer", base);
    const live = (await p.eng.api.get<{ loadbalancer: Record<string, unknown> }>(`/loadbalancers/${lb.id}`)).loadbalancer;
    expect(live.provisioning_status).toBe("ACTIVE");
    expect(lb.outputs).toMatchObject({
      name: "web",
      provisioningStatus: "ACTIVE",
      operatingStatus: "ONLINE",
      vipAddress: live.vip_address,
      vpcId: NET.defaultVpc,
      ipTargetEnable: false,
      availabilityZoneList: ["local-1a"],
    });
    expect(lb.outputs.__provider).toBe(p.r.texts.loadbalancer);
    expect(lb.outputs).not.toHaveProperty("id");
  });

  it("sees no change when nothing changed, server-decided fields omitted", async () => {
    expect(await p.r.diff("loadbalancer", lb, base)).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("updates the name in place, and removing it restores the default", async () => {
    const renamed = await p.r.apply("loadbalancer", lb, { ...base, name: "web-2" });
    expect(renamed.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect(renamed.state.id).toBe(lb.id);
    expect((await p.eng.api.get<{ loadbalancer: { name: string } }>(`/loadbalancers/${lb.id}`)).loadbalancer.name).toBe("web-2");
    const { name: _n, ...unnamed } = base;
    const cleared = await p.r.apply("loadbalancer", renamed.state, unnamed);
    expect(cleared.diff.changes).toBe("some");
    expect(cleared.state.outputs.name).toBe("");
    lb = cleared.state;
  });

  it("changes the AZ list in place: adds first, then removes", async () => {
    const moved = await p.r.apply("loadbalancer", lb, { ...base, name: "", availabilityZoneList: ["local-1b", "local-1c"] });
    expect(moved.diff).toMatchObject({ changes: "some", replaces: [] });
    expect(moved.state.id).toBe(lb.id);
    expect([...(moved.state.outputs.availabilityZoneList as string[])].sort()).toEqual(["local-1b", "local-1c"]);
    lb = moved.state;
  });

  it("turns IP as a backend on in place, and replaces to turn it off", async () => {
    const args = { ...base, name: "", availabilityZoneList: ["local-1b", "local-1c"] };
    const on = await p.r.apply("loadbalancer", lb, { ...args, ipTargetEnable: true });
    expect(on.diff).toMatchObject({ changes: "some", replaces: [] });
    expect(on.state.outputs.ipTargetEnable).toBe(true);
    expect(await p.r.diff("loadbalancer", on.state, { ...args, ipTargetEnable: false })).toEqual({
      changes: "some",
      replaces: ["ipTargetEnable"],
      deleteBeforeReplace: false,
    });
    // Omitting it wants the default (false), which is the same one-way move back.
    expect((await p.r.diff("loadbalancer", on.state, args)).replaces).toEqual(["ipTargetEnable"]);
    lb = on.state;
  });

  it("replaces on a create-only field, and on an unknown one", async () => {
    const args = { ...base, name: "", availabilityZoneList: ["local-1b", "local-1c"], ipTargetEnable: true };
    expect(await p.r.diff("loadbalancer", lb, { ...args, vpcId: NET.otherVpc })).toEqual({ changes: "some", replaces: ["vpcId"], deleteBeforeReplace: false });
    expect((await p.r.diff("loadbalancer", lb, { ...args, vpcId: UNKNOWN })).replaces).toEqual(["vpcId"]);
    expect(await p.r.diff("loadbalancer", lb, { ...args, description: UNKNOWN })).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  });

  it("refresh shows out-of-band changes in outputs and inputs, and the next diff puts them back", async () => {
    await p.eng.api.put(`/loadbalancers/${lb.id}`, { loadbalancer: { description: "changed by hand" } });
    const refreshed = await p.r.refresh("loadbalancer", lb);
    expect(refreshed?.outputs.description).toBe("changed by hand");
    expect(refreshed?.inputs.description).toBe("changed by hand");
    const args = { ...base, name: "", availabilityZoneList: ["local-1b", "local-1c"], ipTargetEnable: true };
    expect(await p.r.diff("loadbalancer", refreshed!, args)).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    lb = (await p.r.apply("loadbalancer", refreshed!, args)).state;
    expect(lb.outputs.description).toBe("");
  });

  it("imports by id", async () => {
    const fetched = await p.r.get("loadbalancer", lb.id);
    expect(fetched.id).toBe(lb.id);
    expect(fetched.properties).toMatchObject({ vipSubnetCidrId: NET.loopbackSubnet, ipTargetEnable: true });
    // The inputs a program would write: what differs from the defaults.
    expect(fetched.inputs).toMatchObject({ availabilityZoneList: ["local-1b", "local-1c"], vipSubnetCidrId: NET.loopbackSubnet, ipTargetEnable: true });
    expect(fetched.inputs).not.toHaveProperty("name");
  });

  it("deletes, and a deleted load balancer reads as gone; deleting again is done", async () => {
    await p.r.delete("loadbalancer", lb);
    expect(await p.eng.api.find(`/loadbalancers/${lb.id}`)).toBeUndefined();
    expect(await p.r.refresh("loadbalancer", lb)).toBeUndefined();
    await p.r.delete("loadbalancer", lb);
  });
});

describe("replacement collisions", () => {
  it("deletes before replacing only when a fixed VIP address would collide", async () => {
    // Turning IP as a backend off replaces the load balancer; a fixed VIP is held by the old one.
    const fixed = await p.r.create("loadbalancer", { ...base, vipAddress: "127.0.0.50", ipTargetEnable: true });
    const replaced = await p.r.apply("loadbalancer", fixed, { ...base, vipAddress: "127.0.0.50" });
    expect(replaced.diff).toEqual({ changes: "some", replaces: ["ipTargetEnable"], deleteBeforeReplace: true });
    expect(replaced.replaced).toBe(true);
    expect(replaced.state.outputs.vipAddress).toBe("127.0.0.50");
    expect(await p.eng.api.find(`/loadbalancers/${fixed.id}`)).toBeUndefined();

    // An assigned VIP does not collide: the replacement is created first (zero downtime).
    const floating = await p.r.create("loadbalancer", { ...base, ipTargetEnable: true });
    expect(await p.r.diff("loadbalancer", floating, base)).toEqual({ changes: "some", replaces: ["ipTargetEnable"], deleteBeforeReplace: false });
    // A new VIP address is no collision either.
    expect((await p.r.diff("loadbalancer", replaced.state, { ...base, vipAddress: "127.0.0.51", ipTargetEnable: false, vpcId: NET.otherVpc })).deleteBeforeReplace).toBe(false);
    await p.r.delete("loadbalancer", floating);
    await p.r.delete("loadbalancer", replaced.state);
  });

  it("a provider text an earlier version stored is no change, and deletes through the installed package", async () => {
    const lb = await p.r.create("loadbalancer", base);
    const olderText = p.r.texts.loadbalancer.replace("kind:", "/* an earlier version */ kind:");
    expect(olderText).not.toBe(p.r.texts.loadbalancer);
    const fromOlder = { ...lb, outputs: { ...lb.outputs, __provider: olderText } };
    expect(await p.r.diff("loadbalancer", fromOlder, base)).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
    await p.r.delete("loadbalancer", fromOlder);
    expect(await p.eng.api.find(`/loadbalancers/${lb.id}`)).toBeUndefined();
  });
});

describe("partial initialization", () => {
  it("reports a load balancer that never turns ACTIVE as a partial-init error with its id", async () => {
    const slow = await testEngine({ provisioningDelayMs: 60_000 });
    const slowHost = await ProviderHost.start({ "elb:endpoint": slow.url, "elb:timeout": "1s" });
    try {
      const rs = await Resources.on(slowHost);
      const err = await rs.create("loadbalancer", base).then(
        () => undefined,
        (e: unknown) => e as HostError,
      );
      expect(err).toBeInstanceOf(HostError);
      const lbs = await slow.api.list("/loadbalancers", "loadbalancers");
      expect(lbs).toHaveLength(1);
      expect(err!.initFailed?.id).toBe(lbs[0].id);
      expect(err!.initFailed?.properties.__provider).toBe(rs.texts.loadbalancer);
      expect(err!.initFailed?.properties.provisioningStatus).toBe("PENDING_CREATE");
      expect(err!.initFailed?.reasons[0]).toMatch(/did not become ACTIVE within 1s .*elb:timeout/);
    } finally {
      await slowHost.close();
      await slow.close();
    }
  });
});
