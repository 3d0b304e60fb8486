import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEngine, type RunningEngine } from "../../provider/engine/engine";
import { DEFAULT_PROJECT_ID } from "../../provider/defaults";
import { startBackend, type Backend } from "../support/backend";
import { freePort, freeUdpPort } from "../support/net";
import { tallyFlows, udpBackend } from "../support/udp";
import { waitFor } from "../support/wait";
import { issue } from "./helpers/certificates";

// The data plane driven only through the ELB API, as a user of the engine drives it.
const LOOPBACK = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";
const headers = { "X-Auth-Token": "t", "Content-Type": "application/json" };

describe("D1-D3: the engine carries traffic for what its API stores", () => {
  let engine: RunningEngine;
  const backends: Backend[] = [];
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${engine.url}/v3/${DEFAULT_PROJECT_ID}/elb${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  // A VIP of its own, so parallel test files never contend for an address.
  const vip = `127.0.${40 + (process.pid % 200)}.${10 + (process.pid % 200)}`;
  let lbId = "";
  let poolId = "";
  let listenerId = "";
  let port = 0;
  const memberIds: string[] = [];

  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, dataPlane: true });
    for (const name of ["a", "b", "c"]) backends.push(await startBackend(name));
    port = await freePort(vip);
    lbId = (await api("POST", "/loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: LOOPBACK, vip_address: vip } })).body.loadbalancer.id;
    const listener = (await api("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol: "HTTP", protocol_port: port } })).body.listener;
    listenerId = listener.id;
    poolId = (await api("POST", "/pools", { pool: { listener_id: listener.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } })).body.pool.id;
    for (const [i, weight] of [3, 2, 1].entries()) {
      const member = { address: "127.0.0.1", protocol_port: backends[i].port, subnet_cidr_id: LOOPBACK, weight };
      memberIds.push((await api("POST", `/pools/${poolId}/members`, { member })).body.member.id);
    }
  });
  afterAll(async () => {
    await engine.close();
    await Promise.all(backends.map((b) => b.stop()));
  });

  const hit = async () => {
    const res = await fetch(`http://${vip}:${port}/`);
    return { status: res.status, body: await res.text() };
  };

  it("D1/D2: 600 requests to the VIP split 300/200/100 by weights 3:2:1, as the traffic endpoint reports", async () => {
    // Every stored change has reached the data plane before the count starts.
    await engine.dataPlane!.settled();
    const before = (await api("GET", `/loadbalancers/${lbId}/traffic`)).body.traffic.members.map((m: { requests: number }) => m.requests);
    const seen: Record<string, number> = {};
    for (let i = 0; i < 600; i++) {
      const r = await hit();
      seen[r.body] = (seen[r.body] ?? 0) + 1;
    }
    expect(seen).toEqual({ a: 300, b: 200, c: 100 });
    const traffic = (await api("GET", `/loadbalancers/${lbId}/traffic`)).body.traffic;
    expect(traffic.data_plane).toBe("on");
    expect(traffic.listeners[0]).toMatchObject({ carrying: true, address: vip, protocol_port: port });
    expect(traffic.members.map((m: { requests: number }, i: number) => m.requests - before[i])).toEqual([300, 200, 100]);
  });

  it("D2: a weight set to 0 through the API takes the member out of new requests", async () => {
    await api("PUT", `/pools/${poolId}/members/${memberIds[0]}`, { member: { weight: 0 } });
    await waitFor("weight 0 to apply", async () => {
      const bodies = await Promise.all(Array.from({ length: 6 }, () => hit()));
      return bodies.every((b) => b.body !== "a");
    });
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) seen.add((await hit()).body);
    expect([...seen].sort()).toEqual(["b", "c"]);
  });

  it("D7: insert_headers set through the API reach the member, and only the headers switched on", async () => {
    const put = await api("PUT", `/listeners/${listenerId}`, { listener: { insert_headers: { "X-Forwarded-ELB-ID": true, "X-Real-IP": true } } });
    expect(put.status).toBe(200);
    const seenBy = () => backends.find((b) => b.last?.["x-forwarded-elb-id"] !== undefined);
    await waitFor("the headers to reach a member", async () => (await hit(), seenBy() !== undefined));
    expect(seenBy()!.last).toMatchObject({ "x-forwarded-elb-id": lbId, "x-real-ip": "127.0.0.1", "x-forwarded-for": "127.0.0.1" });
    expect(seenBy()!.last?.["x-forwarded-port"]).toBeUndefined();
  });

  it("D3/M7: with a health monitor, a stopped backend reads OFFLINE through the API and gets no traffic", async () => {
    await api("POST", "/healthmonitors", { healthmonitor: { pool_id: poolId, type: "HTTP", delay: 1, timeout: 1, max_retries: 1, max_retries_down: 1 } });
    const status = async (id: string) => (await api("GET", `/pools/${poolId}/members/${id}`)).body.member.operating_status as string;
    await waitFor("members ONLINE", async () => (await status(memberIds[1])) === "ONLINE" && (await status(memberIds[2])) === "ONLINE");
    await backends[2].stop();
    await waitFor("member c OFFLINE", async () => (await status(memberIds[2])) === "OFFLINE");
    const tree = (await api("GET", `/loadbalancers/${lbId}/statuses`)).body.statuses.loadbalancer;
    expect(tree.listeners[0].pools[0].members.find((m: { id: string }) => m.id === memberIds[2]).operating_status).toBe("OFFLINE");
    for (let i = 0; i < 20; i++) expect((await hit()).body).toBe("b");
  });

  it("D1/D3: a UDP listener carries datagrams to its UDP pool, checked by UDP_CONNECT; QUIC listeners and QUIC pools are stored but say they are not carried", async () => {
    const echo = await udpBackend("u");
    try {
      const udpPort = await freeUdpPort(vip);
      const udp = (await api("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol: "UDP", protocol_port: udpPort } })).body.listener;
      expect(udp.keepalive_timeout).toBe(300);
      const udpPool = (await api("POST", "/pools", { pool: { listener_id: udp.id, protocol: "UDP", lb_algorithm: "ROUND_ROBIN" } })).body.pool;
      const m = (await api("POST", `/pools/${udpPool.id}/members`, { member: { address: "127.0.0.1", protocol_port: echo.port, subnet_cidr_id: LOOPBACK } })).body.member;
      await api("POST", "/healthmonitors", { healthmonitor: { pool_id: udpPool.id, type: "UDP_CONNECT", delay: 1, timeout: 1, max_retries: 1 } });
      // The monitor has reached the data plane (until then the member reads ONLINE unchecked, M7).
      await engine.dataPlane!.settled();
      await waitFor("UDP member ONLINE", async () => (await api("GET", `/pools/${udpPool.id}/members/${m.id}`)).body.member.operating_status === "ONLINE");
      expect(await tallyFlows(vip, udpPort, 3)).toEqual({ u: 3 });

      const quicPool = (await api("POST", "/pools", {
        pool: { loadbalancer_id: lbId, protocol: "QUIC", lb_algorithm: "QUIC_CID", session_persistence: { type: "SOURCE_IP", persistence_timeout: 1 } },
      })).body.pool;
      const toQuic = (await api("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol: "UDP", protocol_port: udpPort + 1, default_pool_id: quicPool.id } })).body.listener;
      const own = issue({ cn: "www.example.test" });
      const cert = (await api("POST", "/certificates", { certificate: { certificate: own.cert, private_key: own.key } })).body.certificate;
      const quic = (await api("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol: "QUIC", protocol_port: udpPort + 2, default_tls_container_ref: cert.id } })).body.listener;
      await engine.dataPlane!.settled();
      const tree = (await api("GET", `/loadbalancers/${lbId}/statuses`)).body.statuses.loadbalancer;
      const traffic = (id: string) => tree.listeners.find((l: { id: string }) => l.id === id).traffic;
      expect(traffic(udp.id)).toEqual({ carrying: true });
      expect(traffic(toQuic.id)).toEqual({ carrying: false, reason: `its default pool ${quicPool.id} is a QUIC pool; QUIC is stored and validated but not carried: Node.js has no QUIC` });
      expect(traffic(quic.id)).toEqual({ carrying: false, reason: "the listener is a QUIC listener; QUIC is stored and validated but not carried: Node.js has no QUIC" });
    } finally {
      await echo.stop();
    }
  });
});
