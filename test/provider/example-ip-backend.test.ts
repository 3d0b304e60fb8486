// examples/ip-backend as a real Pulumi program under setMocks against a live engine.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine, type TestEngine } from "./harness/engine";
import { RealProviderMocks, valueOf } from "./harness/mocks";
import { waitFor } from "../support/wait";

let eng: TestEngine;
let mocks: RealProviderMocks;

beforeAll(async () => {
  eng = await testEngine();
  mocks = new RealProviderMocks({ "elb:endpoint": eng.url });
  await pulumi.runtime.setMocks(mocks, "ip-backend", "test", false);
});
afterAll(async () => {
  await eng?.close();
});

describe("examples/ip-backend", () => {
  it("creates IP-backend members (no subnet) behind a load balancer with ipTargetEnable, weight 0 included", async () => {
    const program = await import("../../examples/ip-backend/index");
    const poolId = await valueOf(program.poolId);
    await waitFor("seven resources", () => mocks.created.length === 7, 20_000);
    const [lb] = await eng.api.list("/loadbalancers", "loadbalancers");
    expect(lb).toMatchObject({ ip_target_enable: true });
    expect([...(lb.availability_zone_list as string[])].sort()).toEqual(["local-1a", "local-1b"]);
    const pool = (await eng.api.get<{ pool: Record<string, unknown> }>(`/pools/${poolId}`)).pool;
    expect(pool).toMatchObject({ type: "ip", lb_algorithm: "LEAST_CONNECTIONS" });
    const members = await eng.api.list(`/pools/${poolId}/members`, "members");
    expect(members.map((m) => [m.address, m.weight, m.member_type, m.subnet_cidr_id]).sort()).toEqual([
      ["10.1.0.15", 1, "ip", null],
      ["127.0.0.31", 2, "ip", null],
      ["192.168.1.20", 0, "ip", null],
    ]);
  });
});
