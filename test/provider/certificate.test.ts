// Certificate through the real provider host against a live engine: the private key is checked
// at preview without ever being quoted, and outputs keep the program's key whatever the API
// echoes (C5).
import { describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { UNKNOWN } from "./harness/values";
import { issue } from "../engine/helpers/certificates";

const p = useProvider();

const server = issue({ cn: "www.example.test", dns: ["api.example.test"] });
const other = issue({ cn: "other.example.test" });
const keyLines = (key: string) => key.split("\n").filter((l) => l.length > 0 && !l.startsWith("-----"));

describe("check", () => {
  it("C2, C3: a bad or mismatched key fails at preview, named in the reason and never quoted", async () => {
    const res = await p.r.check("certificate", { certificate: server.cert, privateKey: other.key });
    expect(res.failures).toEqual([{ property: "", reason: expect.stringMatching(/^property privateKey: \[secret\] does not match the public key/) }]);
    const failures = JSON.stringify(res.failures);
    for (const line of keyLines(other.key)) expect(failures).not.toContain(line);
    const bad = await p.r.check("certificate", { certificate: "nope", privateKey: "not a key" });
    expect(bad.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/^"nope" is not a PEM certificate/),
      expect.stringMatching(/^property privateKey: \[secret\] is not a PEM private key/),
    ]);
    expect(JSON.stringify(bad.failures)).not.toContain("not a key");
    const missing = await p.r.check("certificate", { certificate: server.cert });
    expect(missing.failures).toEqual([{ property: "", reason: expect.stringMatching(/^property privateKey: nothing is required for a server certificate/) }]);
  });

  it("lets an unknown key through at preview", async () => {
    expect((await p.r.check("certificate", { certificate: server.cert, privateKey: UNKNOWN })).failures).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("C4, C5: create reports the certificate's facts; with echo off the outputs keep the program's key and a read shows no drift", async () => {
    const args = { name: "web", certificate: server.cert, privateKey: server.key };
    const cert = await p.r.create("certificate", args);
    expect(cert.outputs).toMatchObject({ type: "server", domain: "www.example.test,api.example.test", commonName: "www.example.test", privateKey: server.key });
    await p.eng.api.post("/certificates/settings/private-key-echo", { private_key_echo: false });
    const live = await p.eng.api.get<{ certificate: { private_key: string } }>(`/certificates/${cert.id}`);
    expect(live.certificate.private_key).toBe("******");
    const read = await p.r.refresh("certificate", cert);
    expect(read?.outputs.privateKey).toBe(server.key);
    expect(await p.r.diff("certificate", read!, args)).toMatchObject({ changes: "none" });
    // A new key and certificate change in place (C3: sent as a pair).
    const changed = await p.r.apply("certificate", cert, { ...args, certificate: other.cert, privateKey: other.key });
    expect(changed.replaced).toBe(false);
    expect(changed.state.outputs).toMatchObject({ commonName: "other.example.test", privateKey: other.key });
    await p.eng.api.post("/certificates/settings/private-key-echo", { private_key_echo: true });
    await p.r.delete("certificate", changed.state);
  });
});
