// Scenario 1: the package installed from its tarball into a project of its own, and each example
// program run from there with the real CLI: preview changes nothing, up makes what the outputs
// say, destroy leaves the engine empty.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testEngine, type TestEngine } from "../provider/harness/engine";
import { Project } from "./support/project";
import { freeUdpPort } from "../support/net";
import { answeredBy, tallyFlows, UdpClient, udpEchoServers } from "../support/udp";
import { waitFor } from "../support/wait";

const cli = inject("pulumiCli");

describe.skipIf(!cli)("examples through the real pulumi CLI, from the installed package", () => {
  let eng: TestEngine;
  beforeAll(async () => {
    eng = await testEngine();
  });
  afterAll(() => eng?.close());

  const everything = async (on = eng) => {
    const counts: Record<string, number> = {};
    for (const plural of ["loadbalancers", "listeners", "pools", "healthmonitors"]) counts[plural] = (await on.api.list(`/${plural}`, plural)).length;
    return counts;
  };
  const empty = { loadbalancers: 0, listeners: 0, pools: 0, healthmonitors: 0 };

  it("the project uses the packed package, not the repository", () => {
    const installed = path.join(cli!.installDir, "node_modules", "pulumi-elb");
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(installed, "dist", "provider", "index.js"))).toBe(true);
    expect(fs.existsSync(path.join(installed, "provider"))).toBe(false);
  });

  /**
   * Runs an example: its preview makes nothing, `applied` checks what up made (and may change
   * more), and destroy leaves the engine empty.
   */
  const example = async (
    name: string,
    applied: (p: Project, out: Record<string, unknown>) => Promise<void>,
    previewed?: (text: string) => void,
    options: { engine?: TestEngine; config?: Record<string, string> } = {},
  ) => {
    const on = options.engine ?? eng;
    const p = await Project.create(cli!, { name, program: { example: name } });
    try {
      await p.setConfig("elb:endpoint", on.url);
      for (const [key, value] of Object.entries(options.config ?? {})) await p.setConfig(key, value);
      previewed?.((await p.preview()).stdout);
      expect(await everything(on)).toEqual(empty);
      await p.up();
      await applied(p, await p.outputs());
      await p.destroy();
      expect(await everything(on)).toEqual(empty);
    } finally {
      p.cleanup();
    }
  };

  it("examples/basic: preview, up, outputs, destroy", () =>
    example(
      "basic",
      async (p, out) => {
        const lb = await eng.api.get<{ loadbalancer: { vip_address: string; listeners: { id: string }[] } }>(`/loadbalancers/${String(out.loadBalancerId)}`);
        expect(out.vipAddress).toBe(lb.loadbalancer.vip_address);
        expect(out.webUrl).toBe(`http://${lb.loadbalancer.vip_address}:8080/`);
        expect(lb.loadbalancer.listeners).toHaveLength(2);
        const pools = await eng.api.list("/pools", "pools");
        const members = (await Promise.all(pools.map((pool) => eng.api.list(`/pools/${pool.id}/members`, "members")))).flat();
        expect(members.map((m) => m.id).sort()).toEqual([...(out.webMembers as string[]), ...(out.tcpMembers as string[])].sort());
        expect(await everything()).toEqual({ loadbalancers: 1, listeners: 2, pools: 2, healthmonitors: 1 });
        expect((await p.preview()).stdout).toMatch(/12 unchanged/);
      },
      (text) => expect(text).toMatch(/\+ 12 to create/),
    ));

  it("examples/ip-backend: preview, up, outputs, destroy", () =>
    example("ip-backend", async (_p, out) => {
      const members = await eng.api.list(`/pools/${String(out.poolId)}/members`, "members");
      expect(members.map((m) => m.id).sort()).toEqual([...(out.memberIds as string[])].sort());
      expect(members.every((m) => m.member_type === "ip")).toBe(true);
      expect(await everything()).toEqual({ loadbalancers: 1, listeners: 1, pools: 1, healthmonitors: 1 });
    }));

  it("examples/member-set: preview, up, outputs, a delta-only change, destroy", () =>
    example("member-set", async (p, out) => {
      expect(out.memberCount).toBe(240);
      expect(await eng.api.list(`/pools/${String(out.poolId)}/members`, "members")).toHaveLength(240);
      await p.setConfig("fleet:size", "200");
      expect((await p.preview(["--diff"])).stdout).toMatch(/~ 1 to update/);
      await p.up();
      expect(await eng.api.list(`/pools/${String(out.poolId)}/members`, "members")).toHaveLength(200);
    }));

  it("examples/udp: up, real datagrams split by weight over the echo servers, destroy", async () => {
    // The echo servers the program names (127.0.0.41-43 on one port), and an engine that carries traffic.
    const echoes = await udpEchoServers(["127.0.0.41", "127.0.0.42", "127.0.0.43"]);
    const traffic = await testEngine({ dataPlane: true });
    try {
      const port = await freeUdpPort();
      await example(
        "udp",
        async (_p, out) => {
          const [vip, listenerPort] = String(out.endpoint).split(":");
          expect(Number(listenerPort)).toBe(port);
          expect(await everything(traffic)).toEqual({ loadbalancers: 1, listeners: 1, pools: 1, healthmonitors: 1 });
          const members = await traffic.api.list(`/pools/${String(out.poolId)}/members`, "members");
          await traffic.engine.dataPlane!.settled();
          await waitFor("the UDP_CONNECT monitor to find the three servers ONLINE", () => members.every((m) => traffic.engine.dataPlane!.memberStatus(m.id) === "ONLINE"), 15_000);
          // 60 flows, one datagram each: exactly 30/20/10 by weights 3:2:1.
          expect(await tallyFlows(vip, port, 60)).toEqual({ "127.0.0.41": 30, "127.0.0.42": 20, "127.0.0.43": 10 });
          // A flow stays with its server.
          const client = await UdpClient.open();
          try {
            const homes = new Set<string>();
            for (let i = 0; i < 5; i++) homes.add(answeredBy(await client.ask(vip, port)));
            expect(homes.size).toBe(1);
          } finally {
            await client.close();
          }
        },
        (text) => expect(text).toMatch(/\+ 8 to create/),
        { engine: traffic, config: { "udp:port": String(port), "udp:echoPort": String(echoes.port) } },
      );
    } finally {
      await traffic.close();
      await echoes.stop();
    }
  });
});
