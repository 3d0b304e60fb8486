// examples/member-set as a real Pulumi program under setMocks, through a recording proxy so the
// batch calls the MemberSet makes are visible.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine, type TestEngine } from "./harness/engine";
import { RealProviderMocks, valueOf } from "./harness/mocks";
import { startProxy, type Proxy } from "./harness/proxy";

let eng: TestEngine;
let proxy: Proxy;
let mocks: RealProviderMocks;

beforeAll(async () => {
  eng = await testEngine();
  proxy = await startProxy(eng.url);
  mocks = new RealProviderMocks({ "elb:endpoint": proxy.url });
  pulumi.runtime.setAllConfig({ "fleet:size": "240", "fleet:drained": "[3, 7]" });
  await pulumi.runtime.setMocks(mocks, "member-set", "test", false);
});
afterAll(async () => {
  await proxy?.close();
  await eng?.close();
});

describe("examples/member-set", () => {
  it("adds 240 members through two batch calls, drained ones at weight 0", async () => {
    const program = await import("../../examples/member-set/index");
    expect(await valueOf(program.memberCount)).toBe(240);
    const poolId = await valueOf(program.poolId);
    const adds = proxy.log.filter((l) => l.path.endsWith("/members/batch-add")).map((l) => (l.body as { members: unknown[] }).members.length);
    expect(adds).toEqual([200, 40]);
    expect(proxy.log.filter((l) => l.method === "POST" && /\/members$/.test(l.path))).toEqual([]);
    const members = await eng.api.list(`/pools/${poolId}/members`, "members");
    expect(members).toHaveLength(240);
    const drained = members.filter((m) => m.weight === 0).map((m) => m.name);
    expect(drained.sort()).toEqual(["node-3", "node-7"]);
    expect(mocks.created.map((c) => c.type.split(":").pop())).toEqual(["LoadBalancer", "Listener", "Pool", "MemberSet"]);
  });
});
