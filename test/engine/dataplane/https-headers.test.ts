// D12: the TLS and client-certificate headers of `insert_headers`, with real HTTPS traffic through
// the ELB API: each switched-on header carries what the client's handshake settled (certificate
// presented, protocol, suite, server name, ALPN, and the client certificate under mutual TLS),
// under its alias when one is set; the client's own copies never reach the member; an HTTP
// listener adds none of them.
import { X509Certificate } from "node:crypto";
import type * as http from "node:http";
import * as https from "node:https";
import type * as tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROJECT_ID } from "../../../provider/defaults";
import { startEngine, type RunningEngine } from "../../../provider/engine/engine";
import { startBackend, type Backend } from "../../support/backend";
import { freePort } from "../../support/net";
import { issue } from "../helpers/certificates";

const LOOPBACK = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";
const apiHeaders = { "X-Auth-Token": "t", "Content-Type": "application/json" };

const ca = issue({ cn: "Test Root CA", ca: true });
const www = issue({ cn: "www.example.test", issuer: ca });
const shop = issue({ cn: "shop.example.test", issuer: ca });
const clientCa = issue({ cn: "Client CA", organization: "Example Trust", ca: true });
const alice = issue({ cn: "alice", organization: "Example Org", client: true, issuer: clientCa });
const zoe = issue({ cn: "Zoë", organization: "Example Org", client: true, issuer: clientCa });

/** One HTTPS request trusting the test CA; answers the headers the member received, and the protocol and suite the client negotiated. */
function send(backend: Backend, host: string, port: number, opts: https.RequestOptions & Pick<tls.ConnectionOptions, "ALPNProtocols">): Promise<http.IncomingHttpHeaders & { client: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, port, path: "/", ca: ca.cert, agent: false, ...opts }, (res) => {
      const socket = res.socket as tls.TLSSocket;
      const client = `${socket.getProtocol()} ${socket.getCipher().name}`;
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve({ ...backend.last, client }) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("D12: an HTTPS listener adds the TLS and client-certificate headers switched on", () => {
  let engine: RunningEngine;
  let backend: Backend;
  let lbId = "";
  const vip = `127.0.${60 + ((process.pid + 7) % 150)}.${10 + ((process.pid + 7) % 200)}`;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${engine.url}/v3/${DEFAULT_PROJECT_ID}/elb${path}`, { method, headers: apiHeaders, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const cert = (c: { cert: string; key?: string }, extra: object = {}) =>
    api("POST", "/certificates", { certificate: { certificate: c.cert, ...(c.key ? { private_key: c.key } : {}), ...extra } }).then((r) => r.certificate.id as string);
  /** A listener on the load balancer forwarding to the backend; answers its port and id. */
  const listener = async (fields: object) => {
    const port = await freePort(vip);
    const l = (await api("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol_port: port, ...fields } })).listener;
    const pool = (await api("POST", "/pools", { pool: { listener_id: l.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } })).pool;
    await api("POST", `/pools/${pool.id}/members`, { member: { address: "127.0.0.1", protocol_port: backend.port, subnet_cidr_id: LOOPBACK } });
    await engine.dataPlane!.settled();
    return { port, id: l.id as string };
  };

  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, dataPlane: true });
    backend = await startBackend("m");
    lbId = (await api("POST", "/loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: LOOPBACK, vip_address: vip } })).loadbalancer.id;
  });
  afterAll(async () => {
    await engine?.close();
    await backend?.stop();
  });

  it("D12: certificate id (default or SNI), protocol under its alias, cipher, SNI and ALPN come from the handshake; the client's copies are dropped", async () => {
    const wwwId = await cert(www);
    const shopId = await cert(shop, { domain: "shop.example.test" });
    const { port } = await listener({
      protocol: "HTTPS",
      default_tls_container_ref: wwwId,
      sni_container_refs: [shopId],
      insert_headers: {
        "X-Forwarded-TLS-Certificate-ID": true,
        "X-Forwarded-TLS-Protocol": true,
        "X-Forwarded-TLS-Protocol-alias": "tls-version",
        "X-Forwarded-TLS-Cipher": true,
        "X-Forwarded-Tls-Sni-enable": true,
        "X-Forwarded-Tls-Alpn-Protocol-enable": true,
      },
    });
    const spoofed = {
      "X-Forwarded-TLS-Certificate-ID": "forged",
      "X-Forwarded-TLS-Protocol": "SSLv2",
      "tls-version": "SSLv2",
      "X-Forwarded-TLS-Cipher": "NULL",
      "X-Forwarded-Tls-Sni": "bank.example",
    };
    const tls12 = await send(backend, vip, port, {
      servername: "shop.example.test",
      headers: { ...spoofed, host: "shop.example.test" },
      maxVersion: "TLSv1.2",
      ciphers: "ECDHE-RSA-AES128-GCM-SHA256",
      ALPNProtocols: ["http/1.1"],
    });
    expect(tls12.client).toBe("TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256");
    expect(tls12).toMatchObject({
      "x-forwarded-tls-certificate-id": shopId,
      "tls-version": "TLSv1.2",
      "x-forwarded-tls-cipher": "ECDHE-RSA-AES128-GCM-SHA256",
      "x-forwarded-tls-sni": "shop.example.test",
      "x-forwarded-tls-alpn-protocol": "http/1.1",
    });
    // Under its alias, the protocol is not also sent under its own name, nor is the client's copy passed.
    expect(tls12["x-forwarded-tls-protocol"]).toBeUndefined();

    // No SNI and no ALPN offered: the default certificate, and no SNI or ALPN header.
    const bare = await send(backend, vip, port, { servername: "", checkServerIdentity: () => undefined, headers: spoofed });
    expect(bare["x-forwarded-tls-certificate-id"]).toBe(wwwId);
    expect(`${bare["tls-version"]} ${bare["x-forwarded-tls-cipher"]}`).toBe(bare.client);
    expect(bare["x-forwarded-tls-sni"]).toBeUndefined();
    expect(bare["x-forwarded-tls-alpn-protocol"]).toBeUndefined();
    expect(bare["x-forwarded-tls-protocol"]).toBeUndefined();
  });

  it("D12: switched on through the API, the headers reach requests on a connection opened before", async () => {
    const wwwId = await cert(www);
    const { port, id } = await listener({ protocol: "HTTPS", default_tls_container_ref: wwwId });
    const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
    const reused: boolean[] = [];
    const once = () =>
      new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
        const req = https.request({ host: vip, port, servername: "www.example.test", path: "/", ca: ca.cert, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve({ ...backend.last }));
        });
        req.on("socket", () => reused.push(req.reusedSocket));
        req.on("error", reject);
        req.end();
      });
    try {
      expect((await once())["x-forwarded-tls-certificate-id"]).toBeUndefined();
      await api("PUT", `/listeners/${id}`, { listener: { insert_headers: { "X-Forwarded-TLS-Certificate-ID": true } } });
      await engine.dataPlane!.settled();
      expect((await once())["x-forwarded-tls-certificate-id"]).toBe(wwwId);
      expect(reused).toEqual([false, true]);
    } finally {
      agent.destroy();
    }
  });

  it("D12: under mutual TLS the member learns the client certificate (an alias renames one header); without a client certificate none is added", async () => {
    const wwwId = await cert(www);
    const caId = await cert({ cert: clientCa.cert }, { type: "client" });
    const switches = {
      "X-Forwarded-Clientcert-subjectdn-enable": true,
      "X-Forwarded-Clientcert-subjectdn-alias": "x-client-dn",
      "X-Forwarded-Clientcert-issuerdn-enable": true,
      "X-Forwarded-Clientcert-fingerprint-enable": true,
      "X-Forwarded-Clientcert-clientverify-enable": true,
      "X-Forwarded-Clientcert-serialnumber-enable": true,
      "X-Forwarded-Clientcert-end-enable": true,
      "X-Forwarded-Clientcert-enable": true,
      "X-Forwarded-Clientcert-ciphers-enable": true,
      "X-Forwarded-Tls-Ja3-enable": true,
      "X-Forwarded-Tls-Ja4-enable": true,
    };
    const spoofed = {
      "x-client-dn": "CN=admin",
      "X-Forwarded-Clientcert-subjectdn": "CN=admin",
      "X-Forwarded-Clientcert-clientverify": "SUCCESS",
      "X-Forwarded-Clientcert": "forged",
      "X-Forwarded-Clientcert-ciphers": "NULL-SHA",
      "X-Forwarded-Tls-Ja3": "forged-ja3",
      "X-Forwarded-Tls-Ja4": "forged-ja4",
    };
    const mutual = await listener({ protocol: "HTTPS", default_tls_container_ref: wwwId, client_ca_tls_container_ref: caId, insert_headers: switches });
    const seen = await send(backend, vip, mutual.port, { servername: "www.example.test", cert: alice.cert, key: alice.key, headers: spoofed });
    const x509 = new X509Certificate(alice.cert);
    expect(seen).toMatchObject({
      "x-client-dn": "CN=alice,O=Example Org",
      "x-forwarded-clientcert-issuerdn": "CN=Client CA,O=Example Trust",
      "x-forwarded-clientcert-fingerprint": x509.fingerprint.replaceAll(":", "").toLowerCase(),
      "x-forwarded-clientcert-clientverify": "SUCCESS",
      "x-forwarded-clientcert-serialnumber": x509.serialNumber.toUpperCase(),
      "x-forwarded-clientcert-end": x509.validTo,
    });
    expect(seen["x-forwarded-clientcert-fingerprint"]).toMatch(/^[0-9a-f]{40}$/);
    expect(seen["x-forwarded-clientcert-subjectdn"]).toBeUndefined();
    // The suites the client offered and its JA3/JA4 fingerprints are not known to the listener (D12): the headers are not set, and the client's are dropped.
    expect(seen["x-forwarded-clientcert-ciphers"]).toBeUndefined();
    expect(seen["x-forwarded-tls-ja3"]).toBeUndefined();
    expect(seen["x-forwarded-tls-ja4"]).toBeUndefined();
    // The whole certificate, URL-encoded PEM: one header line that decodes to the certificate the client presented.
    const pem = decodeURIComponent(String(seen["x-forwarded-clientcert"]));
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(new X509Certificate(pem).fingerprint256).toBe(x509.fingerprint256);

    // A name beyond ASCII: its UTF-8 bytes escaped as \XX (OpenSSL's RFC 2253 form), so the header stays valid.
    const accented = await send(backend, vip, mutual.port, { servername: "www.example.test", cert: zoe.cert, key: zoe.key });
    expect(accented["x-client-dn"]).toBe("CN=Zo\\C3\\AB,O=Example Org");

    // A listener that asks for no client certificate has none to pass: no header, and the client's copies dropped.
    const oneWay = await listener({ protocol: "HTTPS", default_tls_container_ref: wwwId, insert_headers: switches });
    const none = await send(backend, vip, oneWay.port, { servername: "www.example.test", cert: alice.cert, key: alice.key, headers: spoofed });
    for (const h of ["x-client-dn", ...Object.keys(switches).filter((k) => k.endsWith("-enable")).map((k) => k.slice(0, -"-enable".length).toLowerCase())]) expect(none[h]).toBeUndefined();
  });

  it("D12: an HTTP listener has no handshake: the switches add nothing, and the client's copies are still dropped", async () => {
    const { port } = await listener({
      protocol: "HTTP",
      insert_headers: { "X-Forwarded-TLS-Protocol": true, "X-Forwarded-TLS-Certificate-ID": true, "X-Forwarded-Clientcert-subjectdn-enable": true, "X-Forwarded-Tls-Sni-enable": true, "X-Real-IP": true },
    });
    const r = await fetch(`http://${vip}:${port}/`, { headers: { "X-Forwarded-TLS-Protocol": "TLSv1.3", "X-Forwarded-Clientcert-subjectdn": "CN=admin", "X-Custom": "kept" } });
    await r.text();
    expect(r.status).toBe(200);
    const seen = backend.last ?? {};
    expect(seen).toMatchObject({ "x-real-ip": "127.0.0.1", "x-custom": "kept" });
    for (const h of ["x-forwarded-tls-protocol", "x-forwarded-tls-certificate-id", "x-forwarded-clientcert-subjectdn", "x-forwarded-tls-sni"]) expect(seen[h]).toBeUndefined();
  });
});
