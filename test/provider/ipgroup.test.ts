// IpGroup through the real provider host against a live engine; a listener's ipgroup is
// checked at preview.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NET, testEngine, type TestEngine } from "./harness/engine";
import { ProviderHost } from "./harness/host";
import { Resources } from "./harness/lifecycle";

let eng: TestEngine;
let host: ProviderHost;
let r: Resources;

beforeAll(async () => {
  eng = await testEngine();
  host = await ProviderHost.start({ "elb:endpoint": eng.url });
  r = await Resources.on(host);
});
afterAll(async () => {
  await host?.close();
  await eng?.close();
});

describe("IpGroup", () => {
  it("I1: a bad or repeated entry fails at preview", async () => {
    expect((await r.check("ipgroup", { ipList: [{ ip: "10.0.0.0/40" }] })).failures.map((f) => f.reason)).toEqual([
      'property ipList[0].ip: "10.0.0.0/40" is not a valid address or CIDR block, allowed an IPv4 or IPv6 address, or a CIDR block (10.0.0.0/8).',
    ]);
    expect((await r.check("ipgroup", { ipList: [{ ip: "10.0.0.1" }, { ip: "10.0.0.1" }] })).failures.map((f) => f.reason)).toEqual([expect.stringMatching(/listed twice/)]);
    const listener = await r.check("listener", { loadbalancerId: NET.defaultVpc, protocol: "TCP", protocolPort: 80, ipgroup: { ipgroupId: NET.defaultVpc, type: "grey" } });
    expect(listener.failures.map((f) => f.reason)).toEqual([expect.stringMatching(/^property ipgroup.type: "grey" is not a valid value/)]);
  });

  it("I1: creates, shows no diff for entries the API fills in, updates the list in place, and deletes", async () => {
    const args = { name: "office", ipList: [{ ip: "10.0.0.0/8" }, { ip: "127.0.0.2", description: "ci" }] };
    const group = await r.create("ipgroup", args);
    expect(group.outputs).toMatchObject({ ipList: [{ ip: "10.0.0.0/8", description: "" }, { ip: "127.0.0.2", description: "ci" }], listeners: [] });
    expect(await r.diff("ipgroup", group, args)).toMatchObject({ changes: "none" });
    const changed = await r.apply("ipgroup", group, { ...args, ipList: [{ ip: "192.168.0.0/24" }] });
    expect(changed.replaced).toBe(false);
    expect((await eng.api.get<{ ipgroup: { ip_list: unknown } }>(`/ipgroups/${group.id}`)).ipgroup.ip_list).toEqual([{ ip: "192.168.0.0/24", description: "" }]);
    await r.delete("ipgroup", changed.state);
  });
});
