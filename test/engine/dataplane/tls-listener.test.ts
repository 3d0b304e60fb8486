// D1, C8: TLS listeners, driven through the ELB API as a user drives the engine: TLS terminated
// with the stored certificate (checked by a Node tls client that trusts only the test CA), the
// SNI certificate chosen by server name, the security policy's versions, client certificates
// required with a client CA, and the decrypted bytes forwarded to TCP pools by weight (with a
// PROXY protocol line when asked) or re-encrypted to TLS pools; IP groups reset before the handshake.
import * as net from "node:net";
import * as tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROJECT_ID } from "../../../provider/defaults";
import { startEngine, type RunningEngine } from "../../../provider/engine/engine";
import { freePort } from "../../support/net";
import { issue } from "../helpers/certificates";

const LOOPBACK = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";
const headers = { "X-Auth-Token": "t", "Content-Type": "application/json" };

const ca = issue({ cn: "Test Root CA", ca: true });
const www = issue({ cn: "www.example.test", issuer: ca });
const api2 = issue({ cn: "api.example.test", dns: ["*.api.example.test"], issuer: ca });
const rotated = issue({ cn: "www.example.test", issuer: ca });
const clientCa = issue({ cn: "Client CA", ca: true });
const alice = issue({ cn: "alice", client: true, issuer: clientCa });

interface Answer {
  /** What the member sent back. */
  reply: string;
  /** The certificate the listener presented. */
  peer: tls.PeerCertificate;
}

/** One TLS connection trusting only the test CA: sends `ping`, reads the member's whole reply. `localAddress` reaches net.connect. */
function exchange(host: string, port: number, servername: string, opts: tls.ConnectionOptions & { localAddress?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let secured = false;
    const s = tls.connect({ host, port, servername, ca: ca.cert, ...opts }, () => {
      secured = true;
      s.write("ping");
    });
    let reply = "";
    s.on("data", (d: Buffer) => (reply += d.toString()));
    s.on("end", () => (secured ? resolve({ reply, peer: s.getPeerCertificate() }) : reject(new Error("closed before the handshake"))));
    s.on("error", reject);
  });
}

/** A member that answers `<name>:<everything it received up to ping>` and closes. */
function member(name: string, server: net.Server): Promise<number> {
  server.on(server instanceof tls.Server ? "secureConnection" : "connection", (s: net.Socket) => {
    let got = "";
    s.on("error", () => undefined);
    s.on("data", (d: Buffer) => {
      got += d.toString();
      if (got.endsWith("ping")) s.end(`${name}:${got}`);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
}

describe("D1, C8: TLS listeners carry real traffic", () => {
  let engine: RunningEngine;
  const servers: net.Server[] = [];
  const ports: Record<string, number> = {};
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${engine.url}/v3/${DEFAULT_PROJECT_ID}/elb${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const vip = `127.0.${60 + ((process.pid + 7) % 150)}.${10 + ((process.pid + 7) % 200)}`;
  let lbId = "";
  const cert = (c: { cert: string; key?: string }, extra: object = {}) =>
    api("POST", "/certificates", { certificate: { certificate: c.cert, ...(c.key ? { private_key: c.key } : {}), ...extra } }).then((r) => r.certificate.id as string);
  /** A TLS listener forwarding to a pool of `protocol` with members [port, weight]; answers its port and id. */
  const listenerWith = async (listener: object, protocol: "TCP" | "TLS", members: [number, number][]) => {
    const port = await freePort(vip);
    const l = (await api("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol: "TLS", protocol_port: port, ...listener } })).listener;
    const pool = (await api("POST", "/pools", { pool: { listener_id: l.id, protocol, lb_algorithm: "ROUND_ROBIN" } })).pool;
    for (const [p, weight] of members) await api("POST", `/pools/${pool.id}/members`, { member: { address: "127.0.0.1", protocol_port: p, weight, subnet_cidr_id: LOOPBACK } });
    await engine.dataPlane!.settled();
    return { port, listenerId: l.id as string };
  };

  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, dataPlane: true });
    for (const name of ["a", "b"]) {
      const server = net.createServer();
      servers.push(server);
      ports[name] = await member(name, server);
    }
    // A member that speaks TLS itself, with a self-signed certificate the load balancer does not verify.
    const own = issue({ cn: "member.internal" });
    const secure = tls.createServer({ cert: own.cert, key: own.key });
    servers.push(secure);
    ports.secure = await member("tls-member", secure);
    lbId = (await api("POST", "/loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: LOOPBACK, vip_address: vip } })).loadbalancer.id;
  });
  afterAll(async () => {
    await engine?.close();
    for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
  });

  it("C8: terminates TLS with the stored certificate and passes the decrypted bytes to a TCP pool by weight (2:1 → 4/2 of 6)", async () => {
    const wwwId = await cert(www);
    const { port, listenerId } = await listenerWith({ default_tls_container_ref: wwwId }, "TCP", [
      [ports.a, 2],
      [ports.b, 1],
    ]);
    const seen: Record<string, number> = {};
    for (let i = 0; i < 6; i++) {
      const r = await exchange(vip, port, "www.example.test");
      expect(r.peer.subject.CN).toBe("www.example.test");
      seen[r.reply] = (seen[r.reply] ?? 0) + 1;
    }
    expect(seen).toEqual({ "a:ping": 4, "b:ping": 2 });
    // The client checks the name: a certificate for www does not serve another name.
    await expect(exchange(vip, port, "shop.example.test")).rejects.toThrow(/altnames|Hostname/i);
    expect((await api("GET", `/loadbalancers/${lbId}/traffic`)).traffic.listeners.find((l: { id: string }) => l.id === listenerId)).toMatchObject({ carrying: true });
  });

  it("C8: picks the SNI certificate by the client's server name, else the default; a replaced certificate reaches the next handshake", async () => {
    const wwwId = await cert(www);
    const apiId = await cert(api2);
    const { port } = await listenerWith({ default_tls_container_ref: wwwId, sni_container_refs: [apiId] }, "TCP", [[ports.a, 1]]);
    expect((await exchange(vip, port, "v2.api.example.test")).peer.subject.CN).toBe("api.example.test");
    const before = await exchange(vip, port, "www.example.test");
    expect(before).toMatchObject({ reply: "a:ping", peer: { subject: { CN: "www.example.test" } } });
    await api("PUT", `/certificates/${wwwId}`, { certificate: { certificate: rotated.cert, private_key: rotated.key } });
    await engine.dataPlane!.settled();
    const after = await exchange(vip, port, "www.example.test");
    expect(after.peer.serialNumber).toBe(new (await import("node:crypto")).X509Certificate(rotated.cert).serialNumber);
    expect(after.peer.serialNumber).not.toBe(before.peer.serialNumber);
  });

  it("T5, C8: a TLS 1.0-only client is refused under tls-1-2; with a client CA a client without a certificate is refused", async () => {
    const wwwId = await cert(www);
    const tls10 = { minVersion: "TLSv1", maxVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" } as const;
    // tls_ciphers_policy is an HTTPS listener's field (T5): a TLS listener holds Huawei's default, tls-1-2.
    const strict = await listenerWith({ default_tls_container_ref: wwwId }, "TCP", [[ports.a, 1]]);
    await expect(exchange(vip, strict.port, "www.example.test", tls10)).rejects.toThrow();
    expect((await exchange(vip, strict.port, "www.example.test", { maxVersion: "TLSv1.2" })).reply).toBe("a:ping");

    const caId = await cert({ cert: clientCa.cert }, { type: "client" });
    const mtls = await listenerWith({ default_tls_container_ref: wwwId, client_ca_tls_container_ref: caId }, "TCP", [[ports.a, 1]]);
    await expect(exchange(vip, mtls.port, "www.example.test")).rejects.toThrow();
    expect((await exchange(vip, mtls.port, "www.example.test", { cert: alice.cert, key: alice.key })).reply).toBe("a:ping");
  });

  it("P2, D8: a TLS pool is re-encrypted to its member without verifying it; a TCP pool gets the PROXY protocol line first", async () => {
    const wwwId = await cert(www);
    const reencrypt = await listenerWith({ default_tls_container_ref: wwwId }, "TLS", [[ports.secure, 1]]);
    expect((await exchange(vip, reencrypt.port, "www.example.test")).reply).toBe("tls-member:ping");
    const proxied = await listenerWith({ default_tls_container_ref: wwwId, proxy_protocol_enable: true }, "TCP", [[ports.b, 1]]);
    expect((await exchange(vip, proxied.port, "www.example.test", { localAddress: "127.0.0.1" })).reply).toMatch(
      new RegExp(`^b:PROXY TCP4 127\\.0\\.0\\.1 ${vip.replace(/\./g, "\\.")} \\d+ ${proxied.port}\\r\\nping$`),
    );
  });

  it("D9: at its `connection` cap the listener refuses the next client before the handshake, until one closes", async () => {
    const wwwId = await cert(www);
    const { port } = await listenerWith({ default_tls_container_ref: wwwId, connection: 1 }, "TCP", [[ports.a, 1]]);
    // A client that completes its handshake and holds the connection without sending `ping`.
    const held = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ host: vip, port, servername: "www.example.test", ca: ca.cert }, () => resolve(s));
      s.on("error", reject);
    });
    await expect(exchange(vip, port, "www.example.test")).rejects.toThrow();
    await new Promise<void>((resolve) => {
      held.once("close", () => resolve());
      held.resume();
      held.end("ping");
    });
    expect((await exchange(vip, port, "www.example.test")).reply).toBe("a:ping");
  });

  it("I5: a client the IP group refuses is reset before the handshake; others are served", async () => {
    const wwwId = await cert(www);
    const group = (await api("POST", "/ipgroups", { ipgroup: { ip_list: [{ ip: "127.0.0.2" }] } })).ipgroup.id;
    const { port } = await listenerWith({ default_tls_container_ref: wwwId, ipgroup: { ipgroup_id: group, type: "black" } }, "TCP", [[ports.a, 1]]);
    // A plain socket that never sends a ClientHello: only a check before the handshake can reset it.
    const silent = await new Promise<string>((resolve) => {
      const s = net.connect({ host: vip, port, localAddress: "127.0.0.2" });
      s.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
      s.on("close", () => resolve("closed"));
      setTimeout(() => (s.destroy(), resolve("still open")), 2000);
    });
    expect(silent).toBe("ECONNRESET");
    await expect(exchange(vip, port, "www.example.test", { localAddress: "127.0.0.2" })).rejects.toThrow();
    expect((await exchange(vip, port, "www.example.test", { localAddress: "127.0.0.3" })).reply).toBe("a:ping");
  });
});
