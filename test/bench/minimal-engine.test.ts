// The minimal member engine is a baseline the apply bench divides by, so it must answer what the
// engine answers: the same member fields in the same order, a repeat reported "existed" (M8), and
// every member it makes kept. A baseline that did less than that would flatter the engine's gap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServerProcess } from "./lib/child";
import { elbApi, type Api, type Obj } from "./lib/api";
import { floorGraph, memberArgs, memberReplies, runGraph } from "./lib/stack";
import { NET } from "./lib/dist";

describe("bench: the minimal member engine", () => {
  let engineMember: Obj;
  let engineBatch: Obj[];
  let enginePool: Obj;
  let minimal: ServerProcess;
  let api: Api;

  beforeAll(async () => {
    const engine = await ServerProcess.start({ kind: "engine", memory: true });
    try {
      const replies = await memberReplies({ listeners: 2, members: 6, memberSets: true }, engine.url, "7e570000000000000000000000000001");
      engineMember = (JSON.parse(replies.single) as { member: Obj }).member;
      engineBatch = (JSON.parse(replies.batch) as { members: Obj[] }).members;
      enginePool = (JSON.parse(replies.pool) as { pool: Obj }).pool;
    } finally {
      await engine.close();
    }
    minimal = await ServerProcess.start({ kind: "minimal", member: engineMember, pool: enginePool });
    api = elbApi(minimal.url, "7e570000000000000000000000000002");
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await minimal?.close();
  });

  const item = (k: number) => ({ address: memberArgs(k).address, protocol_port: memberArgs(k).protocolPort, subnet_cidr_id: NET.privateSubnet });

  it("answers a member made alone with the engine's fields, in the engine's order", async () => {
    const { member } = await api.call<{ member: Obj }>("POST", "/pools/p-alone/members", { member: item(0) });
    expect(Object.keys(member)).toEqual(Object.keys(engineMember));
    expect(member).toMatchObject({ address: "192.168.0.1", protocol_port: 80, subnet_cidr_id: NET.privateSubnet });
    expect(member.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(member.id).not.toBe(engineMember.id);
    await expect(api.call("POST", "/pools/p-alone/members", { member: item(0) })).rejects.toThrow(/409/);
  });

  it("answers a batch as the engine does, and reports a member it already keeps as existed", async () => {
    const first = await api.call<{ members: Obj[] }>("POST", "/pools/p-batch/members/batch-add", { members: [item(0), item(1)] });
    expect(first.members.map((m) => Object.keys(m))).toEqual(engineBatch.slice(0, 2).map((m) => Object.keys(m)));
    expect(first.members.map((m) => m.ret_status)).toEqual(["successful", "successful"]);
    const again = await api.call<{ members: Obj[] }>("POST", "/pools/p-batch/members/batch-add", { members: [item(1), item(2)] });
    expect(again.members.map((m) => m.ret_status)).toEqual(["existed", "successful"]);
    expect(again.members[0].id).toBe(first.members[1].id);
  });

  it("answers the read of a pool with the engine's pool fields, naming the members it keeps there", async () => {
    const { members } = await api.call<{ members: Obj[] }>("POST", "/pools/p-read/members/batch-add", { members: [item(0), item(1)] });
    const { pool } = await api.call<{ pool: Obj }>("GET", "/pools/p-read");
    expect(Object.keys(pool)).toEqual(Object.keys(enginePool));
    expect(pool.id).toBe("p-read");
    expect(pool.members).toEqual(members.map((m) => ({ id: m.id })));
    expect((await api.call<{ pool: Obj }>("GET", "/pools/p-unknown")).pool.members).toEqual([]);
  });

  it("refuses an item without an address and port, and routes it does not serve", async () => {
    await expect(api.call("POST", "/pools/p-bad/members/batch-add", { members: [item(0), { address: "192.168.0.9" }] })).rejects.toThrow(/400/);
    // Nothing of a refused batch is kept.
    const after = await api.call<{ members: Obj[] }>("POST", "/pools/p-bad/members/batch-add", { members: [item(0)] });
    expect(after.members[0].ret_status).toBe("successful");
    await expect(api.call("GET", "/pools/p-bad/members")).rejects.toThrow(/404/);
  });

  it("takes the floor's member calls, both styles", async () => {
    const pools = new Map([["pool-0", "p-floor-0"], ["pool-1", "p-floor-1"]]);
    const shape = { listeners: 2, members: 40, memberSets: true };
    const made = await runGraph(floorGraph(shape, minimal.url).filter((t) => t.isMember), 4, pools);
    expect(made.ids.size).toBeGreaterThan(pools.size);
    const again = await api.call<{ members: Obj[] }>("POST", "/pools/p-floor-0/members/batch-add", { members: [item(0)] });
    expect(again.members[0].ret_status).toBe("existed");
  });
});
