// T1-T4: TLS security policies, system and custom, and the listeners that name them.
import { describe, expect, it } from "vitest";
import { SYSTEM_SECURITY_POLICIES } from "../../../provider/spec";
import type { Api, Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { conflict, createLb, createListener, invalid, ok, tlsFields } from "../helpers/factories";

const t = useEngine();
const post = (c: Api, fields: Json) => c.post("security-policies", { security_policy: fields });

describe("T security policies", () => {
  it("T1: the system policies are listed with their versions and suites; an HTTPS listener defaults to tls-1-2 and takes only a listed name", async () => {
    const c = t.project();
    const listed = (await c.get("system-security-policies")).body.system_security_policies as Json[];
    expect(listed.map((p) => p.name)).toEqual(Object.keys(SYSTEM_SECURITY_POLICIES));
    expect(listed.find((p) => p.name === "tls-1-2")).toMatchObject({ protocols: "TLSv1.2", ciphers: expect.stringContaining("ECDHE-RSA-AES128-GCM-SHA256") });
    expect(listed.find((p) => p.name === "tls-1-0-with-1-3").protocols).toBe("TLSv1 TLSv1.1 TLSv1.2 TLSv1.3");
    const lb = await createLb(c);
    const cert = await tlsFields(c);
    const https = await createListener(c, lb.id, { protocol: "HTTPS", ...cert });
    expect(https).toMatchObject({ tls_ciphers_policy: "tls-1-2", security_policy_id: null, sni_match_algo: "wildcard" });
    expect((await createListener(c, lb.id, { protocol: "HTTP" })).tls_ciphers_policy).toBeNull();
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTPS", protocol_port: 9443, ...cert, tls_ciphers_policy: "tls-9" } }), "tls_ciphers_policy", "tls-9", "tls-1-2-strict");
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTP", protocol_port: 9080, tls_ciphers_policy: "tls-1-2" } }), "tls_ciphers_policy", "only on HTTPS listeners");
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTP", protocol_port: 9080, sni_match_algo: "wildcard" } }), "sni_match_algo", "only on HTTPS listeners");
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTPS", protocol_port: 9443, ...cert, sni_match_algo: "exact" } }), "sni_match_algo", "wildcard, longest_suffix");
    ok(await c.put(`listeners/${https.id}`, { listener: { tls_ciphers_policy: "tls-1-2-strict" } }), 200, "listener");
  });

  it("T2: a custom policy has versions and suites from Huawei's lists, each suite usable with one of the versions", async () => {
    const c = t.project();
    const policy = ok(await post(c, { name: "modern", protocols: ["TLSv1.2", "TLSv1.3"], ciphers: ["ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256"] }), 201, "security_policy");
    expect(policy).toMatchObject({ name: "modern", protocols: ["TLSv1.2", "TLSv1.3"], listeners: [], project_id: c.project });
    invalid(await post(c, { protocols: ["TLSv1.4"], ciphers: ["AES128-SHA"] }), "protocols", "TLSv1.4");
    invalid(await post(c, { protocols: ["TLSv1.2"], ciphers: ["RC4-MD5"] }), "ciphers", "RC4-MD5");
    invalid(await post(c, { protocols: ["TLSv1.2"] }), "ciphers", "required");
    invalid(await post(c, { protocols: ["TLSv1.2"], ciphers: ["TLS_AES_128_GCM_SHA256"] }), "ciphers", "TLS_AES_128_GCM_SHA256", "cannot be used with protocols TLSv1.2");
    invalid(await c.put(`security-policies/${policy.id}`, { security_policy: { protocols: ["TLSv1.3"] } }), "ciphers", "ECDHE-RSA-AES128-GCM-SHA256");
    expect(ok(await c.put(`security-policies/${policy.id}`, { security_policy: { name: "renamed" } }), 200, "security_policy").name).toBe("renamed");
  });

  it("T3, T4: security_policy_id names a custom policy of the project; the policy lists its listeners and cannot be deleted while one uses it", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const cert = await tlsFields(c);
    const policy = ok(await post(c, { protocols: ["TLSv1.2"], ciphers: ["ECDHE-RSA-AES128-GCM-SHA256"] }), 201, "security_policy");
    const foreign = ok(await post(t.project(), { protocols: ["TLSv1.2"], ciphers: ["ECDHE-RSA-AES128-GCM-SHA256"] }), 201, "security_policy");
    invalid(await c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTPS", protocol_port: 443, ...cert, security_policy_id: foreign.id } }), "security_policy_id", foreign.id, "not a security policy of this project");
    const l = await createListener(c, lb.id, { protocol: "HTTPS", ...cert, security_policy_id: policy.id });
    expect(ok(await c.get(`security-policies/${policy.id}`), 200, "security_policy").listeners).toEqual([{ id: l.id }]);
    conflict(await c.del(`security-policies/${policy.id}`), policy.id, l.id);
    ok(await c.put(`listeners/${l.id}`, { listener: { security_policy_id: null } }), 200, "listener");
    expect((await c.del(`security-policies/${policy.id}`)).status).toBe(204);
  });
});
