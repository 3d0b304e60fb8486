// C8: HTTPS listeners, driven through the ELB API as a user drives the engine: TLS terminated
// with the stored certificate (checked by a Node https client that trusts only the test CA),
// the SNI certificate chosen by server name, client certificates required and verified when
// the listener names a client CA, HTTP and HTTPS pools (re-encrypted), HTTPS health checks, and
// a certificate replaced in place reaching the next handshake.
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROJECT_ID } from "../../../provider/defaults";
import { startEngine, type RunningEngine } from "../../../provider/engine/engine";
import { startBackend, type Backend } from "../../support/backend";
import { freePort } from "../../support/net";
import { waitFor } from "../../support/wait";
import { issue } from "../helpers/certificates";

const LOOPBACK = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";
const headers = { "X-Auth-Token": "t", "Content-Type": "application/json" };

const ca = issue({ cn: "Test Root CA", ca: true });
const www = issue({ cn: "www.example.test", issuer: ca });
const api2 = issue({ cn: "api.example.test", dns: ["*.api.example.test"], issuer: ca });
const rotated = issue({ cn: "www.example.test", issuer: ca });
const clientCa = issue({ cn: "Client CA", ca: true });
const alice = issue({ cn: "alice", client: true, issuer: clientCa });
const mallory = issue({ cn: "mallory", client: true });

interface Answer {
  status: number;
  body: string;
  /** The certificate the listener presented. */
  peer: tls.PeerCertificate;
}

/** One HTTPS request that trusts only the test CA and checks the host name against the certificate. */
function get(host: string, port: number, servername: string, opts: https.RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, port, servername, path: "/", ca: ca.cert, agent: false, headers: { host: servername }, ...opts }, (res) => {
      const peer = (res.socket as tls.TLSSocket).getPeerCertificate();
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, peer }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("C8: HTTPS listeners carry real traffic", () => {
  let engine: RunningEngine;
  const backends: Backend[] = [];
  let tlsBackend: https.Server;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${engine.url}/v3/${DEFAULT_PROJECT_ID}/elb${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return parsed;
  };
  const vip = `127.0.${60 + (process.pid % 150)}.${10 + (process.pid % 200)}`;
  let lbId = "";
  const cert = (c: { cert: string; key?: string }, extra: object = {}) =>
    api("POST", "/certificates", { certificate: { certificate: c.cert, ...(c.key ? { private_key: c.key } : {}), ...extra } }).then((r) => r.certificate.id as string);
  /**
   * An HTTPS listener forwarding to a pool of `protocol` with the given members; answers its port and ids.
   * It switches X-Forwarded-Proto on (D7: only headers switched on are added), so members see `https`.
   */
  const listenerWith = async (listener: object, protocol: "HTTP" | "HTTPS", ports: number[], monitor?: object) => {
    const port = await freePort(vip);
    const l = (await api("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol: "HTTPS", protocol_port: port, insert_headers: { "X-Forwarded-Proto": true }, ...listener } })).listener;
    const pool = (await api("POST", "/pools", { pool: { listener_id: l.id, protocol, lb_algorithm: "ROUND_ROBIN" } })).pool;
    for (const p of ports) await api("POST", `/pools/${pool.id}/members`, { member: { address: "127.0.0.1", protocol_port: p, subnet_cidr_id: LOOPBACK } });
    if (monitor) await api("POST", "/healthmonitors", { healthmonitor: { pool_id: pool.id, delay: 1, timeout: 1, max_retries: 1, max_retries_down: 1, ...monitor } });
    await engine.dataPlane!.settled();
    return { port, listenerId: l.id as string, poolId: pool.id as string };
  };

  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, dataPlane: true });
    for (const name of ["a", "b"]) {
      backends.push(
        await startBackend(name, (req, res, b) => {
          res.setHeader("content-type", "text/plain");
          res.end(`${b.name} ${String(req.headers["x-forwarded-proto"])}`);
        }),
      );
    }
    // A member that speaks HTTPS itself, with a self-signed certificate the load balancer does not verify.
    const own = issue({ cn: "member.internal" });
    tlsBackend = https.createServer({ cert: own.cert, key: own.key }, (req, res) => res.end(`tls-member ${String(req.headers["x-forwarded-proto"])}`));
    await new Promise<void>((resolve) => tlsBackend.listen(0, "127.0.0.1", resolve));
    lbId = (await api("POST", "/loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: LOOPBACK, vip_address: vip } })).loadbalancer.id;
  });
  afterAll(async () => {
    await engine?.close();
    await Promise.all(backends.map((b) => b.stop()));
    tlsBackend?.closeAllConnections();
    await new Promise<void>((resolve) => tlsBackend?.close(() => resolve()));
  });

  it("C8: terminates TLS with the stored certificate, balances over an HTTP pool, and says X-Forwarded-Proto: https", async () => {
    const wwwId = await cert(www);
    const { port, listenerId } = await listenerWith({ default_tls_container_ref: wwwId }, "HTTP", backends.map((b) => b.port));
    const seen: Record<string, number> = {};
    for (let i = 0; i < 6; i++) {
      const r = await get(vip, port, "www.example.test");
      expect(r.status).toBe(200);
      expect(r.peer.subject.CN).toBe("www.example.test");
      seen[r.body] = (seen[r.body] ?? 0) + 1;
    }
    expect(seen).toEqual({ "a https": 3, "b https": 3 });
    // The client checks the name: a certificate for www does not serve another name.
    await expect(get(vip, port, "shop.example.test")).rejects.toThrow(/altnames|Hostname/i);
    expect((await api("GET", `/loadbalancers/${lbId}/traffic`)).traffic.listeners.find((l: { id: string }) => l.id === listenerId)).toMatchObject({ carrying: true });
  });

  it("C8: over TLS, a client that pipelines two requests and half-closes still gets both answers, one from each member", async () => {
    const wwwId = await cert(www);
    const { port } = await listenerWith({ default_tls_container_ref: wwwId }, "HTTP", backends.map((b) => b.port));
    const socket = tls.connect({ host: vip, port, servername: "www.example.test", ca: ca.cert });
    await new Promise<void>((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
    let text = "";
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    const ended = new Promise<void>((resolve) => socket.once("end", resolve));
    socket.end("GET /1 HTTP/1.1\r\nHost: www.example.test\r\n\r\nGET /2 HTTP/1.1\r\nHost: www.example.test\r\n\r\n");
    await ended;
    socket.destroy();
    const bodies = text.split(/HTTP\/1\.1 200 OK\r\n/).slice(1).map((answer) => answer.slice(answer.indexOf("\r\n\r\n") + 4));
    // Which member round robin starts from is not fixed; that each takes one request is.
    expect(bodies.sort()).toEqual(["a https", "b https"]);
  });

  it("C8: picks the SNI certificate by the client's server name (exact, then wildcard; or longest suffix), else the default", async () => {
    const wwwId = await cert(www);
    const apiId = await cert(api2);
    const { port } = await listenerWith({ default_tls_container_ref: wwwId, sni_container_refs: [apiId] }, "HTTP", [backends[0].port]);
    expect((await get(vip, port, "api.example.test")).peer.subject.CN).toBe("api.example.test");
    expect((await get(vip, port, "v2.api.example.test")).peer.subject.CN).toBe("api.example.test");
    expect((await get(vip, port, "www.example.test")).peer.subject.CN).toBe("www.example.test");
    // wildcard matches one label only; longest_suffix takes the longest domain the name ends with.
    await expect(get(vip, port, "a.b.api.example.test")).rejects.toThrow(/altnames|Hostname/i);
    const longest = await listenerWith({ default_tls_container_ref: wwwId, sni_container_refs: [apiId], sni_match_algo: "longest_suffix" }, "HTTP", [backends[0].port]);
    const deep = await get(vip, longest.port, "a.b.api.example.test", { checkServerIdentity: () => undefined });
    expect(deep.peer.subject.CN).toBe("api.example.test");
  });

  it("C8: with a client CA, a client without a certificate or with one from elsewhere is refused; one the CA signed is served", async () => {
    const wwwId = await cert(www);
    const caId = await cert({ cert: clientCa.cert }, { type: "client" });
    const { port } = await listenerWith({ default_tls_container_ref: wwwId, client_ca_tls_container_ref: caId }, "HTTP", [backends[0].port]);
    await expect(get(vip, port, "www.example.test")).rejects.toThrow();
    await expect(get(vip, port, "www.example.test", { cert: mallory.cert, key: mallory.key })).rejects.toThrow();
    const ok = await get(vip, port, "www.example.test", { cert: alice.cert, key: alice.key });
    expect(ok).toMatchObject({ status: 200, body: "a https" });
  });

  it("C8: an HTTPS pool is re-encrypted to its members and checked with HTTPS health checks", async () => {
    const wwwId = await cert(www);
    const tlsPort = (tlsBackend.address() as AddressInfo).port;
    const refused = await freePort();
    const { port, poolId } = await listenerWith({ default_tls_container_ref: wwwId }, "HTTPS", [tlsPort, refused], { type: "HTTPS", url_path: "/" });
    await waitFor("the HTTPS checks to settle", async () => {
      const members = (await api("GET", `/pools/${poolId}/members`)).members as { protocol_port: number; operating_status: string }[];
      return members.find((m) => m.protocol_port === tlsPort)?.operating_status === "ONLINE" && members.find((m) => m.protocol_port === refused)?.operating_status === "OFFLINE";
    });
    for (let i = 0; i < 4; i++) expect(await get(vip, port, "www.example.test")).toMatchObject({ status: 200, body: "tls-member https" });
  });

  it("T5: the listener's policy decides the TLS versions: a TLS 1.0-only client is refused under tls-1-2 and served under tls-1-0", async () => {
    const wwwId = await cert(www);
    const tls10 = { minVersion: "TLSv1", maxVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" } as const;
    const strict = await listenerWith({ default_tls_container_ref: wwwId, tls_ciphers_policy: "tls-1-2" }, "HTTP", [backends[0].port]);
    await expect(get(vip, strict.port, "www.example.test", tls10)).rejects.toThrow();
    expect((await get(vip, strict.port, "www.example.test")).status).toBe(200);
    const broad = await listenerWith({ default_tls_container_ref: wwwId, tls_ciphers_policy: "tls-1-0" }, "HTTP", [backends[0].port]);
    expect(await get(vip, broad.port, "www.example.test", tls10)).toMatchObject({ status: 200, body: "a https" });
    // Switching the policy through the API applies to the next handshake.
    await api("PUT", `/listeners/${broad.listenerId}`, { listener: { tls_ciphers_policy: "tls-1-2" } });
    await engine.dataPlane!.settled();
    await expect(get(vip, broad.port, "www.example.test", tls10)).rejects.toThrow();
  });

  it("T5: a custom policy decides versions and suites: TLS 1.3 only refuses a TLS 1.2 client; a suite it does not offer is refused", async () => {
    const wwwId = await cert(www);
    const only13 = (await api("POST", "/security-policies", { security_policy: { protocols: ["TLSv1.3"], ciphers: ["TLS_AES_256_GCM_SHA384"] } })).security_policy.id;
    const l = await listenerWith({ default_tls_container_ref: wwwId, security_policy_id: only13 }, "HTTP", [backends[0].port]);
    await expect(get(vip, l.port, "www.example.test", { maxVersion: "TLSv1.2" })).rejects.toThrow();
    const served = await new Promise<string>((resolve, reject) => {
      const req = https.request({ host: vip, port: l.port, servername: "www.example.test", ca: ca.cert, agent: false }, (res) => {
        resolve(`${(res.socket as tls.TLSSocket).getProtocol()} ${(res.socket as tls.TLSSocket).getCipher().name}`);
        res.resume();
      });
      req.on("error", reject);
      req.end();
    });
    expect(served).toBe("TLSv1.3 TLS_AES_256_GCM_SHA384");
    const gcmOnly = (await api("POST", "/security-policies", { security_policy: { protocols: ["TLSv1.2"], ciphers: ["ECDHE-RSA-AES256-GCM-SHA384"] } })).security_policy.id;
    const g = await listenerWith({ default_tls_container_ref: wwwId, security_policy_id: gcmOnly }, "HTTP", [backends[0].port]);
    await expect(get(vip, g.port, "www.example.test", { maxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES128-GCM-SHA256" })).rejects.toThrow();
    expect((await get(vip, g.port, "www.example.test", { maxVersion: "TLSv1.2", ciphers: "ECDHE-RSA-AES256-GCM-SHA384" })).status).toBe(200);
  });

  it("C8: a certificate replaced through the API is presented at the next handshake, without rebinding", async () => {
    const wwwId = await cert(www);
    const { port } = await listenerWith({ default_tls_container_ref: wwwId }, "HTTP", [backends[0].port]);
    const before = await get(vip, port, "www.example.test");
    await api("PUT", `/certificates/${wwwId}`, { certificate: { certificate: rotated.cert, private_key: rotated.key } });
    await engine.dataPlane!.settled();
    const after = await get(vip, port, "www.example.test");
    expect(after.status).toBe(200);
    expect(after.peer.fingerprint256).not.toBe(before.peer.fingerprint256);
    expect(after.peer.serialNumber).toBe(new (await import("node:crypto")).X509Certificate(rotated.cert).serialNumber);
  });
});
