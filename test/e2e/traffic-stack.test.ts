// A stack deployed through the real provider host to an engine that carries traffic: the
// weights, health checks and persistence the stack declares decide where real requests go.
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NET, testEngine, type TestEngine } from "../provider/harness/engine";
import { ProviderHost } from "../provider/harness/host";
import { Resources, type State } from "../provider/harness/lifecycle";
import { startBackend, type Backend } from "../support/backend";
import { freePort } from "../support/net";
import { waitFor } from "../support/wait";

/** Health checks here run every second: each wait has room for several of them. */
const CHECKS_MS = 15_000;

/** A TCP backend that answers each connection with its name. */
async function tcpBackend(name: string): Promise<net.Server> {
  const s = net.createServer((sock) => sock.end(name));
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return s;
}

describe("D1-D5 end to end: a stack applied through the provider carries real traffic", () => {
  let t: TestEngine;
  let host: ProviderHost;
  let res: Resources;
  const vip = `127.0.${60 + (process.pid % 150)}.${20 + (process.pid % 200)}`;
  let httpPort = 0;
  let tcpPort = 0;
  let lb: State;
  const httpBackends: Backend[] = [];
  const tcpBackends: net.Server[] = [];
  const members: { state: State; args: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    t = await testEngine({ dataPlane: true });
    host = await ProviderHost.start({ "elb:endpoint": t.url });
    res = await Resources.on(host);
    for (const n of ["a", "b", "c"]) httpBackends.push(await startBackend(n));
    for (const n of ["x", "y", "z"]) tcpBackends.push(await tcpBackend(n));
    httpPort = await freePort(vip);
    tcpPort = await freePort(vip);

    lb = await res.create("loadbalancer", { name: "traffic", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet, vipAddress: vip });
    const web = await res.create("listener", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: httpPort });
    const pool = await res.create("pool", { listenerId: web.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
    for (const [i, weight] of [3, 2, 1].entries()) {
      const args = { poolId: pool.id, address: "127.0.0.1", protocolPort: httpBackends[i].port, subnetCidrId: NET.loopbackSubnet, weight };
      members.push({ state: await res.create("member", args), args });
    }
    await res.create("healthmonitor", { poolId: pool.id, type: "HTTP", delay: 1, timeout: 1, maxRetries: 1, maxRetriesDown: 1, urlPath: "/" });

    const tcp = await res.create("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: tcpPort });
    const sticky = await res.create("pool", { listenerId: tcp.id, protocol: "TCP", lbAlgorithm: "SOURCE_IP" });
    for (const s of tcpBackends) {
      await res.create("member", { poolId: sticky.id, address: "127.0.0.1", protocolPort: (s.address() as AddressInfo).port, subnetCidrId: NET.loopbackSubnet });
    }
  });

  afterAll(async () => {
    await host?.close();
    await t?.close();
    await Promise.all(httpBackends.map((b) => b.stop()));
    await Promise.all(tcpBackends.map((s) => new Promise((r) => s.close(r))));
  });

  const get = async () => {
    const r = await fetch(`http://${vip}:${httpPort}/`);
    return r.status === 200 ? await r.text() : `status ${r.status}`;
  };
  const statusOf = async (m: State) => (await res.refresh("member", m))?.outputs.operatingStatus;

  it("D2/D3: once the monitor finds all three ONLINE, 600 requests split exactly 300/200/100 by weights 3:2:1", async () => {
    await waitFor("all members ONLINE", async () => (await Promise.all(members.map((m) => statusOf(m.state)))).every((s) => s === "ONLINE"), CHECKS_MS);
    await t.engine.dataPlane!.settled();
    const seen: Record<string, number> = {};
    for (let i = 0; i < 600; i++) {
      const name = await get();
      seen[name] = (seen[name] ?? 0) + 1;
    }
    expect(seen).toEqual({ a: 300, b: 200, c: 100 });
  });

  it("D3: a killed backend goes OFFLINE, stops receiving traffic, and recovers when it returns", async () => {
    const c = httpBackends[2];
    await c.stop();
    await waitFor("member c OFFLINE", async () => (await statusOf(members[2].state)) === "OFFLINE", CHECKS_MS);
    for (let i = 0; i < 30; i++) expect(await get()).not.toBe("c");
    await c.restart();
    await waitFor("member c ONLINE again", async () => (await statusOf(members[2].state)) === "ONLINE", CHECKS_MS);
    await waitFor("c to receive traffic again", async () => (await Promise.all(Array.from({ length: 6 }, get))).includes("c"), CHECKS_MS);
  });

  it("D2: weight 0 applied as an in-place update takes the member out of new requests", async () => {
    const { state, diff, replaced } = await res.apply("member", members[0].state, { ...members[0].args, weight: 0 });
    expect(diff).toMatchObject({ changes: "some", replaces: [] });
    expect(replaced).toBe(false);
    expect(state.outputs.weight).toBe(0);
    await t.engine.dataPlane!.settled();
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) seen.add(await get());
    expect([...seen].sort()).toEqual(["b", "c"]);
  });

  it("D2/D5: the TCP listener with SOURCE_IP keeps each client address on one member", async () => {
    const ask = (from: string) =>
      new Promise<string>((resolve, reject) => {
        const sock = net.connect({ host: vip, port: tcpPort, localAddress: from });
        let data = "";
        sock.on("data", (d) => (data += d.toString()));
        sock.on("end", () => resolve(data));
        sock.on("error", reject);
      });
    const placements = new Map<string, Set<string>>();
    for (let round = 0; round < 5; round++) {
      for (let c = 1; c <= 12; c++) {
        const from = `127.0.1.${c}`;
        const got = await ask(from);
        placements.set(from, (placements.get(from) ?? new Set()).add(got));
      }
    }
    for (const [from, names] of placements) expect([...names], `client ${from}`).toHaveLength(1);
    // The clients are spread over more than one member, not all pinned to one.
    expect(new Set([...placements.values()].map((s) => [...s][0])).size).toBeGreaterThan(1);
  });
});
