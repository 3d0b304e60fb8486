// examples/udp as a real Pulumi program under setMocks, each resource handed to its real
// provider, against a live engine that carries traffic: real datagrams reach the echo servers
// the program names, by weight.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine, type TestEngine } from "./harness/engine";
import { RealProviderMocks, valueOf } from "./harness/mocks";
import { freeUdpPort } from "../support/net";
import { tallyFlows, udpEchoServers } from "../support/udp";
import { waitFor } from "../support/wait";

let eng: TestEngine;
let mocks: RealProviderMocks;
let echoes: { port: number; stop(): Promise<void> };
let port: number;

beforeAll(async () => {
  echoes = await udpEchoServers(["127.0.0.41", "127.0.0.42", "127.0.0.43"]);
  eng = await testEngine({ dataPlane: true });
  port = await freeUdpPort();
  mocks = new RealProviderMocks({ "elb:endpoint": eng.url });
  pulumi.runtime.setAllConfig({ "udp:port": String(port), "udp:echoPort": String(echoes.port) });
  await pulumi.runtime.setMocks(mocks, "udp", "test", false);
});
afterAll(async () => {
  await eng?.close();
  await echoes?.stop();
});

describe("examples/udp", () => {
  it("creates a UDP listener, pool, UDP_CONNECT monitor and three members, and datagrams split 3:2:1 over the echo servers", async () => {
    const program = await import("../../examples/udp/index");
    const poolId = await valueOf(program.poolId);
    await waitFor("seven resources", () => mocks.created.length === 7, 20_000);
    const [listener] = await eng.api.list("/listeners", "listeners");
    expect(listener).toMatchObject({ protocol: "UDP", protocol_port: port, keepalive_timeout: 60, default_pool_id: poolId });
    const [monitor] = await eng.api.list("/healthmonitors", "healthmonitors");
    expect(monitor).toMatchObject({ type: "UDP_CONNECT", url_path: null, expected_codes: null, http_method: null });
    const members = await eng.api.list(`/pools/${poolId}/members`, "members");
    expect(members.map((m) => [m.address, m.protocol_port, m.weight]).sort()).toEqual([
      ["127.0.0.41", echoes.port, 3],
      ["127.0.0.42", echoes.port, 2],
      ["127.0.0.43", echoes.port, 1],
    ]);
    const dp = eng.engine.dataPlane!;
    await dp.settled();
    await waitFor("members ONLINE", () => members.every((m) => dp.memberStatus(m.id) === "ONLINE"), 15_000);
    const vip = String(await valueOf(program.vipAddress));
    expect(await tallyFlows(vip, port, 12)).toEqual({ "127.0.0.41": 6, "127.0.0.42": 4, "127.0.0.43": 2 });
  });
});
