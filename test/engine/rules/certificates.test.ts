// C1-C7: certificates; S3: listeners name certificates of their project, of the right type.
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../../provider/spec";
import type { Api, Json } from "../helpers/api";
import { issue } from "../helpers/certificates";
import { useEngine } from "../helpers/engine";
import { conflict, createCertificate, createLb, createListener, invalid, notFound, ok, quota, TIMESTAMP } from "../helpers/factories";

const t = useEngine();
const post = (c: Api, fields: Json) => c.post("certificates", { certificate: fields });

const ca = issue({ cn: "Test Root CA", ca: true });
const server = issue({ cn: "www.example.test", dns: ["api.example.test"], issuer: ca });
const other = issue({ cn: "other.example.test" });
/** The key's body lines: none may appear in any reply. */
const keyLines = (key: string) => key.split("\n").filter((l) => l.length > 0 && !l.startsWith("-----"));
const leaksNoKey = (text: string, ...keys: string[]) => {
  for (const k of keys) for (const line of keyLines(k)) expect(text).not.toContain(line);
};

describe("C certificates", () => {
  it("C1, C4: a server certificate is stored as sent and reports its names, fingerprint and expiry read from the PEM", async () => {
    const c = t.project();
    const cert = ok(await post(c, { name: "web", certificate: server.cert + ca.cert, private_key: server.key }), 201, "certificate");
    const x = new X509Certificate(server.cert);
    expect(cert).toMatchObject({
      name: "web",
      type: "server",
      certificate: server.cert + ca.cert,
      private_key: server.key,
      domain: "www.example.test,api.example.test",
      common_name: "www.example.test",
      subject_alternative_names: ["www.example.test", "api.example.test"],
      fingerprint: x.fingerprint256,
      project_id: c.project,
    });
    expect(cert.expire_time).toMatch(TIMESTAMP);
    expect(Date.parse(cert.expire_time)).toBe(Math.floor(Date.parse(x.validTo) / 1000) * 1000);
    expect(ok(await c.get(`certificates/${cert.id}`), 200, "certificate")).toEqual(cert);
    expect((await c.get("certificates", { name: "web" })).body.certificates.map((o: Json) => o.id)).toEqual([cert.id]);
    // A domain given is kept as given.
    expect((await createCertificate(c, { certificate: server.cert, private_key: server.key, domain: "*.example.test" })).domain).toBe("*.example.test");
  });

  it("C1: certificate must be PEM certificate blocks; type server or client → 400 naming the field", async () => {
    const c = t.project();
    invalid(await post(c, { private_key: server.key }), "certificate", "required");
    invalid(await post(c, { certificate: "hello", private_key: server.key }), "certificate", "not a PEM certificate");
    invalid(await post(c, { certificate: server.cert + "trailing words", private_key: server.key }), "certificate", "other than PEM certificate blocks");
    const broken = server.cert.replace(/\n[A-Za-z0-9+/]{20}/, "\nAAAAAAAAAAAAAAAAAAAA");
    invalid(await post(c, { certificate: broken, private_key: server.key }), "certificate", "not a valid X.509 certificate");
    invalid(await post(c, { certificate: ca.cert, type: "server_sm" }), "type", "server_sm", "one of server, client");
  });

  it("C2, C3: a bad, missing or mismatched private key → 400 naming private_key, never quoting it", async () => {
    const c = t.project();
    const missing = await post(c, { certificate: server.cert });
    invalid(missing, "private_key", "required for a server certificate");
    const garbage = "-----BEGIN PRIVATE KEY-----\nTk9UQUtFWU5PVEFLRVlOT1RBS0VZTk9UQUtFWQ==\n-----END PRIVATE KEY-----\n";
    const bad = await post(c, { certificate: server.cert, private_key: garbage });
    invalid(bad, "private_key", "[secret]", "not a PEM private key");
    leaksNoKey(bad.text, garbage);
    const mismatched = await post(c, { certificate: server.cert, private_key: other.key });
    invalid(mismatched, "private_key", "[secret]", "does not match the public key");
    leaksNoKey(mismatched.text, other.key);
    // A key too long for its field is refused by length, still unquoted.
    const long = await post(c, { certificate: server.cert, private_key: other.key.repeat(6) });
    invalid(long, "private_key", "[secret] has the wrong length");
    leaksNoKey(long.text, other.key);
    // A CA certificate takes no key.
    const caWithKey = await post(c, { type: "client", certificate: ca.cert, private_key: ca.key });
    invalid(caWithKey, "private_key", "not allowed for a client (CA) certificate");
    leaksNoKey(caWithKey.text, ca.key);
    const client = ok(await post(c, { type: "client", certificate: ca.cert }), 201, "certificate");
    expect(client).toMatchObject({ type: "client", private_key: null, common_name: "Test Root CA" });
  });

  it("C3, C4: an update checks the key and certificate as a pair; a derived domain follows a new certificate", async () => {
    const c = t.project();
    const cert = await createCertificate(c, { certificate: server.cert, private_key: server.key });
    // A new certificate alone must match the stored key.
    const alone = await c.put(`certificates/${cert.id}`, { certificate: { certificate: other.cert } });
    invalid(alone, "private_key", "does not match");
    leaksNoKey(alone.text, server.key);
    const both = ok(await c.put(`certificates/${cert.id}`, { certificate: { certificate: other.cert, private_key: other.key } }), 200, "certificate");
    expect(both).toMatchObject({ domain: "other.example.test", common_name: "other.example.test", fingerprint: new X509Certificate(other.cert).fingerprint256 });
    // A domain the program set is kept across a new certificate.
    ok(await c.put(`certificates/${cert.id}`, { certificate: { domain: "fixed.example.test" } }), 200, "certificate");
    const kept = ok(await c.put(`certificates/${cert.id}`, { certificate: { certificate: server.cert, private_key: server.key } }), 200, "certificate");
    expect(kept.domain).toBe("fixed.example.test");
    // type is create-only (G3).
    invalid(await c.put(`certificates/${cert.id}`, { certificate: { type: "client" } }), "type", "can only be set when the certificate is created");
  });

  it("C5: the private-key echo is on by default; off, every reply masks private_key as ******", async () => {
    const c = t.project();
    expect((await c.get("certificates/settings/private-key-echo")).body.private_key_echo).toBe(true);
    const cert = await createCertificate(c, { certificate: server.cert, private_key: server.key });
    expect(cert.private_key).toBe(server.key);
    const off = await c.post("certificates/settings/private-key-echo", { private_key_echo: false });
    expect(off.status).toBe(200);
    expect(off.body.private_key_echo).toBe(false);
    const replies = [
      await c.get(`certificates/${cert.id}`),
      await c.get("certificates"),
      await c.put(`certificates/${cert.id}`, { certificate: { name: "renamed" } }),
      await c.post("certificates", { certificate: { certificate: other.cert, private_key: other.key } }),
    ];
    for (const r of replies) {
      expect(r.status).toBeLessThan(300);
      leaksNoKey(r.text, server.key, other.key);
      expect(r.text).toContain('"private_key":"******"');
    }
    // Another project still echoes.
    const d = t.project();
    expect((await d.get("certificates/settings/private-key-echo")).body.private_key_echo).toBe(true);
    invalid(await c.post("certificates/settings/private-key-echo", { private_key_echo: "no" }), "private_key_echo", "true or false");
    invalid(await c.post("certificates/settings/private-key-echo", { echo: true }), "echo", "not a known field");
    expect((await c.post("certificates/settings/private-key-echo", { private_key_echo: true })).body.private_key_echo).toBe(true);
    expect((await c.get(`certificates/${cert.id}`)).body.certificate.private_key).toBe(server.key);
  });

  it("C6: a certificate a listener names cannot be deleted (409 naming the listener) until the listener lets go", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const cert = await createCertificate(c, { certificate: server.cert, private_key: server.key });
    const sni = await createCertificate(c, { certificate: other.cert, private_key: other.key });
    const caCert = ok(await post(c, { type: "client", certificate: ca.cert }), 201, "certificate");
    const l = await createListener(c, lb.id, { protocol: "HTTPS", default_tls_container_ref: cert.id, sni_container_refs: [sni.id], client_ca_tls_container_ref: caCert.id });
    for (const id of [cert.id, sni.id, caCert.id]) conflict(await c.del(`certificates/${id}`), id, l.id);
    ok(await c.put(`listeners/${l.id}`, { listener: { sni_container_refs: [], client_ca_tls_container_ref: null } }), 200, "listener");
    expect((await c.del(`certificates/${sni.id}`)).status).toBe(204);
    expect((await c.del(`certificates/${caCert.id}`)).status).toBe(204);
    expect((await c.del(`listeners/${l.id}`)).status).toBe(204);
    expect((await c.del(`certificates/${cert.id}`)).status).toBe(204);
    notFound(await c.get(`certificates/${cert.id}`), cert.id);
  });

  it("C7: at most the certificate quota per project", async () => {
    const c = t.project();
    await Promise.all(Array.from({ length: LIMITS.certificatesPerProject }, () => post(c, { type: "client", certificate: ca.cert })));
    quota(await post(c, { type: "client", certificate: ca.cert }), "certificate", LIMITS.certificatesPerProject);
  });

  it("S3: certificate references name certificates of the project, of the type each field takes → 400 naming the field", async () => {
    const c = t.project();
    const lb = await createLb(c);
    const cert = await createCertificate(c, { certificate: server.cert, private_key: server.key });
    const caCert = ok(await post(c, { type: "client", certificate: ca.cert }), 201, "certificate");
    const foreign = await createCertificate(t.project(), { certificate: server.cert, private_key: server.key });
    const https = (fields: Json) => c.post("listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTPS", protocol_port: 443, ...fields } });
    invalid(await https({}), "default_tls_container_ref", "required");
    invalid(await https({ default_tls_container_ref: "cert-1" }), "default_tls_container_ref", "cert-1", "not a certificate of this project");
    invalid(await https({ default_tls_container_ref: foreign.id }), "default_tls_container_ref", foreign.id, "not a certificate of this project");
    invalid(await https({ default_tls_container_ref: caCert.id }), "default_tls_container_ref", "is a client certificate", "server certificate");
    invalid(await https({ default_tls_container_ref: cert.id, sni_container_refs: [cert.id, caCert.id] }), "sni_container_refs", caCert.id);
    invalid(await https({ default_tls_container_ref: cert.id, client_ca_tls_container_ref: cert.id }), "client_ca_tls_container_ref", "is a server certificate", "client (CA) certificate");
    const l = ok(await https({ default_tls_container_ref: cert.id, client_ca_tls_container_ref: caCert.id }), 201, "listener");
    invalid(await c.put(`listeners/${l.id}`, { listener: { default_tls_container_ref: caCert.id } }), "default_tls_container_ref", caCert.id);
  });
});
