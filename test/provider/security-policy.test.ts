// SecurityPolicy through the real provider host against a live engine; a listener's policy
// fields are checked at preview.
import { describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { NET } from "./harness/engine";

const p = useProvider();

describe("SecurityPolicy", () => {
  it("T2: a suite no version can use fails at preview, on the property", async () => {
    const res = await p.r.check("security_policy", { protocols: ["TLSv1.2"], ciphers: ["TLS_AES_128_GCM_SHA256"] });
    expect(res.failures).toEqual([{ property: "ciphers", reason: expect.stringMatching(/cannot be used with protocols TLSv1.2/) }]);
  });

  it("T1: a listener's tlsCiphersPolicy is checked at preview: a listed name, on HTTPS listeners only", async () => {
    const bad = await p.r.check("listener", { loadbalancerId: NET.defaultVpc, protocol: "HTTP", protocolPort: 80, tlsCiphersPolicy: "tls-1-2" });
    expect(bad.failures).toEqual([{ property: "tlsCiphersPolicy", reason: expect.stringMatching(/only on HTTPS listeners/) }]);
    const unknown = await p.r.check("listener", { loadbalancerId: NET.defaultVpc, protocol: "HTTPS", protocolPort: 443, defaultTlsContainerRef: NET.defaultVpc, tlsCiphersPolicy: "tls-9" });
    expect(unknown.failures.map((f) => f.property)).toEqual(["tlsCiphersPolicy"]);
  });

  it("T2, T4: creates, updates in place, reports the listeners using it, and deletes", async () => {
    const args = { name: "modern", protocols: ["TLSv1.2", "TLSv1.3"], ciphers: ["ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256"] };
    const policy = await p.r.create("security_policy", args);
    expect(policy.outputs).toMatchObject({ protocols: ["TLSv1.2", "TLSv1.3"], listeners: [] });
    expect(await p.r.diff("security_policy", policy, args)).toMatchObject({ changes: "none" });
    const changed = await p.r.apply("security_policy", policy, { ...args, protocols: ["TLSv1.3"], ciphers: ["TLS_AES_128_GCM_SHA256"] });
    expect(changed.replaced).toBe(false);
    expect((await p.eng.api.get<{ security_policy: { protocols: string[] } }>(`/security-policies/${policy.id}`)).security_policy.protocols).toEqual(["TLSv1.3"]);
    await p.r.delete("security_policy", changed.state);
    expect(await p.eng.api.list("/security-policies", "security_policies")).toEqual([]);
  });
});
