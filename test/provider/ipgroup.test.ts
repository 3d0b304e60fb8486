// IpGroup through the real provider host against a live engine; a listener's ipgroup is
// checked at preview.
import { describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { NET } from "./harness/engine";

const p = useProvider();

describe("IpGroup", () => {
  it("I1: a bad or repeated entry fails at preview", async () => {
    expect((await p.r.check("ipgroup", { ipList: [{ ip: "10.0.0.0/40" }] })).failures.map((f) => f.reason)).toEqual([
      'property ipList[0].ip: "10.0.0.0/40" is not a valid address or CIDR block, allowed an IPv4 or IPv6 address, or a CIDR block (10.0.0.0/8).',
    ]);
    expect((await p.r.check("ipgroup", { ipList: [{ ip: "10.0.0.1" }, { ip: "10.0.0.1" }] })).failures.map((f) => f.reason)).toEqual([expect.stringMatching(/listed twice/)]);
    const listener = await p.r.check("listener", { loadbalancerId: NET.defaultVpc, protocol: "TCP", protocolPort: 80, ipgroup: { ipgroupId: NET.defaultVpc, type: "grey" } });
    expect(listener.failures.map((f) => f.reason)).toEqual([expect.stringMatching(/^property ipgroup.type: "grey" is not a valid value/)]);
  });

  it("I1: creates, shows no diff for entries the API fills in, updates the list in place, and deletes", async () => {
    const args = { name: "office", ipList: [{ ip: "10.0.0.0/8" }, { ip: "127.0.0.2", description: "ci" }] };
    const group = await p.r.create("ipgroup", args);
    expect(group.outputs).toMatchObject({ ipList: [{ ip: "10.0.0.0/8", description: "" }, { ip: "127.0.0.2", description: "ci" }], listeners: [] });
    expect(await p.r.diff("ipgroup", group, args)).toMatchObject({ changes: "none" });
    const changed = await p.r.apply("ipgroup", group, { ...args, ipList: [{ ip: "192.168.0.0/24" }] });
    expect(changed.replaced).toBe(false);
    expect((await p.eng.api.get<{ ipgroup: { ip_list: unknown } }>(`/ipgroups/${group.id}`)).ipgroup.ip_list).toEqual([{ ip: "192.168.0.0/24", description: "" }]);
    await p.r.delete("ipgroup", changed.state);
  });
});
