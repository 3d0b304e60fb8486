// MemberSet through the real provider host against a live engine, with a recording proxy in
// between to see exactly which batch calls an apply makes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NET, testEngine, type TestEngine } from "./harness/engine";
import { ProviderHost } from "./harness/host";
import { Resources, type State } from "./harness/lifecycle";
import { startProxy, type Proxy } from "./harness/proxy";
import { UNKNOWN } from "./harness/values";

let eng: TestEngine;
let proxy: Proxy;
let host: ProviderHost;
let r: Resources;
let pool: State;
let pool2: State;

beforeAll(async () => {
  eng = await testEngine();
  proxy = await startProxy(eng.url);
  host = await ProviderHost.start({ "elb:endpoint": proxy.url });
  r = await Resources.on(host);
  const lb = await r.create("loadbalancer", { name: "lb", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet });
  pool = await r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
  pool2 = await r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", name: "two" });
});
beforeEach(() => {
  proxy.log.length = 0;
});
afterAll(async () => {
  await host?.close();
  await proxy?.close();
  await eng?.close();
});

/** n backends 127.0.1.x:port in the loopback subnet. */
interface Entry {
  address: string;
  protocolPort: number;
  subnetCidrId?: string | null;
  weight?: number;
}
const backends = (n: number, port = 80, from = 0): Entry[] =>
  Array.from({ length: n }, (_, i) => ({ address: `127.0.${1 + Math.floor((from + i) / 250)}.${1 + ((from + i) % 250)}`, protocolPort: port, subnetCidrId: NET.loopbackSubnet }));
const batches = (op: string) =>
  proxy.log.filter((l) => l.method === "POST" && l.path.endsWith(`/members/batch-${op}`)).map((l) => (l.body as { members: unknown[] }).members.length);
const live = () => eng.api.list(`/pools/${pool.id}/members`, "members");

describe("check", () => {
  it("refuses bad entries by index, and repeated address+port", async () => {
    const members = [...backends(3), { address: "127.0.1.1", protocolPort: 80 }, { address: "127.0.9.9", protocolPort: 80, weight: 101 }];
    const res = await r.check("memberset", { poolId: pool.id, members });
    expect(res.failures).toEqual([
      { property: "", reason: expect.stringMatching(/^property members\[3\]: repeats address 127\.0\.1\.1 port 80 of members\[0\]/) },
      { property: "", reason: expect.stringMatching(/^property members\[4\]\.weight: 101 is out of range/) },
    ]);
    // The whole list is too long for the CLI to print beside the reason (see asReported).
    expect((await r.check("memberset", { poolId: pool.id, members: backends(501) })).failures).toEqual([
      { property: "", reason: expect.stringMatching(/^property members: has 501 entries; .*at most 500/) },
    ]);
    expect((await r.check("memberset", { poolId: pool.id })).failures).toEqual([{ property: "members", reason: expect.stringMatching(/^is required/) }]);
    expect((await r.check("memberset", { poolId: "nope", members: [] })).failures.map((f) => f.property)).toEqual(["poolId"]);
  });

  it("checks every kind of entry the same, plainly valid or not", async () => {
    const sub = NET.loopbackSubnet;
    const entries: [Record<string, unknown>, string[]][] = [
      [{ address: "127.0.7.1", protocolPort: 80, subnetCidrId: sub, weight: 0, name: "a" }, []],
      [{ address: "10.0.0.1", protocolPort: 80 }, []],
      [{ address: "8.8.8.8", protocolPort: 80 }, ["address"]],
      [{ address: "8.8.8.8", protocolPort: 80, subnetCidrId: null }, ["address"]],
      [{ address: "127.0.7.3", protocolPort: 0, subnetCidrId: sub }, ["protocolPort"]],
      [{ address: "127.0.7.4", protocolPort: "80", subnetCidrId: sub }, ["protocolPort"]],
      [{ address: "127.0.7.5", protocolPort: 80, subnetCidrId: sub, colour: "red" }, ["colour"]],
      [{ address: "127.0.7.6", protocolPort: 80, subnetCidrId: sub, name: "x".repeat(256) }, ["name"]],
      [{ protocolPort: 80, subnetCidrId: sub }, ["address"]],
      [{ address: "127.0.7.7", protocolPort: 80, subnetCidrId: UNKNOWN, name: UNKNOWN }, []],
      [{ address: "127.0.7.8", protocolPort: 80, subnetCidrId: "not-a-uuid" }, ["subnetCidrId"]],
    ];
    for (const [entry, fields] of entries) {
      const res = await r.check("memberset", { poolId: pool.id, members: [entry] });
      const failed = res.failures.map((f) => /^property (\S+):/.exec(f.reason)?.[1]);
      expect({ entry, failed }).toEqual({ entry, failed: fields.map((f) => `members[0].${f}`) });
    }
  });

  it("lets unknowns through", async () => {
    expect((await r.check("memberset", { poolId: UNKNOWN, members: UNKNOWN })).failures).toEqual([]);
    expect((await r.check("memberset", { poolId: pool.id, members: [UNKNOWN, { address: UNKNOWN, protocolPort: 80 }] })).failures).toEqual([]);
  });
});

describe("lifecycle", () => {
  let set: State;
  let program: Entry[];

  it("creates 450 members in batches of at most 200", async () => {
    program = backends(450);
    set = await r.create("memberset", { poolId: pool.id, members: program });
    expect(set.id).toBe(pool.id);
    // A new set sends its add batches at once, so they may arrive in any order.
    expect(batches("add").sort((a, b) => b - a)).toEqual([200, 200, 50]);
    expect(await live()).toHaveLength(450);
    expect((set.outputs.members as unknown[]).length).toBe(450);
    // In program order, with the batch answers' item status left out.
    const outs = set.outputs.members as Record<string, unknown>[];
    expect(outs.map((m) => m.address)).toEqual(program.map((m) => m.address));
    expect(outs.some((m) => "retStatus" in m)).toBe(false);
    expect(await r.diff("memberset", set, { poolId: pool.id, members: program })).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("sends a weight or name only where the program's differs from the API's default", async () => {
    const lbId = String(pool.outputs.loadbalancerId);
    const p = await r.create("pool", { loadbalancerId: lbId, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", name: "defaults" });
    const members = [
      { address: "127.0.60.1", protocolPort: 80, subnetCidrId: NET.loopbackSubnet },
      { address: "127.0.60.2", protocolPort: 80, subnetCidrId: NET.loopbackSubnet, weight: 1, name: "" },
      { address: "127.0.60.3", protocolPort: 80, subnetCidrId: NET.loopbackSubnet, weight: 0, name: "web" },
    ];
    proxy.log.length = 0;
    const made = await r.create("memberset", { poolId: p.id, members });
    const sent = proxy.log.find((l) => l.path.endsWith("/members/batch-add"))!.body as { members: Record<string, unknown>[] };
    expect(sent.members).toEqual([
      { address: "127.0.60.1", protocol_port: 80, subnet_cidr_id: NET.loopbackSubnet },
      { address: "127.0.60.2", protocol_port: 80, subnet_cidr_id: NET.loopbackSubnet },
      { address: "127.0.60.3", protocol_port: 80, subnet_cidr_id: NET.loopbackSubnet, weight: 0, name: "web" },
    ]);
    const outs = made.outputs.members as { weight: number; name: string }[];
    expect(outs.map((m) => [m.weight, m.name])).toEqual([[1, ""], [1, ""], [0, "web"]]);
    expect(await r.diff("memberset", made, { poolId: p.id, members })).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("applies only the delta: weights (0 included), additions and removals", async () => {
    const next = program.slice(50).map((m, i) => (i < 10 ? { ...m, weight: i === 0 ? 0 : 7 } : m));
    next.push(...backends(20, 81));
    const up = await r.apply("memberset", set, { poolId: pool.id, members: next });
    expect(up.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect(batches("add")).toEqual([20]);
    expect(batches("update")).toEqual([10]);
    expect(batches("delete")).toEqual([50]);
    const now = await live();
    expect(now).toHaveLength(420);
    const byKey = new Map(now.map((m) => [`${m.address}:${m.protocol_port}`, m]));
    expect(byKey.get(`${next[0].address}:80`)?.weight).toBe(0);
    expect(byKey.get(`${next[1].address}:80`)?.weight).toBe(7);
    expect(byKey.has(`${program[0].address}:80`)).toBe(false);
    program = next;
    set = up.state;
  });

  it("shows an out-of-band member as drift on refresh, and the next update removes it", async () => {
    await eng.api.post(`/pools/${pool.id}/members`, { member: { address: "127.0.200.1", protocol_port: 9000, subnet_cidr_id: NET.loopbackSubnet } });
    const refreshed = await r.refresh("memberset", set);
    const extra = (refreshed!.inputs.members as { address: string }[]).filter((m) => m.address === "127.0.200.1");
    expect(extra).toEqual([{ address: "127.0.200.1", protocolPort: 9000, subnetCidrId: NET.loopbackSubnet }]);
    expect((refreshed!.outputs.members as unknown[]).length).toBe(421);
    // Members the program does not list come after the ones it does.
    expect((refreshed!.outputs.members as { address: string }[]).at(-1)!.address).toBe("127.0.200.1");
    const fixed = await r.apply("memberset", refreshed!, { poolId: pool.id, members: program });
    expect(fixed.diff.changes).toBe("some");
    expect(batches("delete")).toEqual([1]);
    expect(await live()).toHaveLength(420);
    set = fixed.state;
  });

  it("re-adds a member whose subnet changed", async () => {
    const before = (await live()).find((m) => m.address === program[5].address && m.protocol_port === 80)!;
    const next = program.map((m, i) => (i === 5 ? { ...m, subnetCidrId: null } : m));
    // IP backends need the load balancer's ipTargetEnable; the engine refuses without it.
    await expect(r.apply("memberset", set, { poolId: pool.id, members: next })).rejects.toThrow(/ELB\.8939/);
    const lbId = (pool.outputs.loadbalancerId as string) ?? "";
    await eng.api.put(`/loadbalancers/${lbId}`, { loadbalancer: { ip_target_enable: true } });
    const moved = await r.apply("memberset", set, { poolId: pool.id, members: next });
    const after = (await live()).find((m) => m.address === program[5].address && m.protocol_port === 80)!;
    expect(after.id).not.toBe(before.id);
    expect(after.subnet_cidr_id).toBeNull();
    program = next;
    set = moved.state;
  });

  it("replaces on another pool without deleting first; an unknown pool may be the same one", async () => {
    expect(await r.diff("memberset", set, { poolId: pool2.id, members: program })).toEqual({ changes: "some", replaces: ["poolId"], deleteBeforeReplace: false });
    expect(await r.diff("memberset", set, { poolId: UNKNOWN, members: program })).toEqual({ changes: "some", replaces: ["poolId"], deleteBeforeReplace: true });
    expect(await r.diff("memberset", set, { poolId: pool.id, members: UNKNOWN })).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
  });

  it("imports by pool id", async () => {
    const fetched = await r.get("memberset", pool.id);
    expect(fetched.id).toBe(pool.id);
    expect((fetched.inputs!.members as unknown[]).length).toBe(420);
    expect(fetched.inputs!.poolId).toBe(pool.id);
  });

  it("deletes every member of the pool in batches", async () => {
    await r.delete("memberset", set);
    expect(batches("delete")).toEqual([200, 200, 20]);
    expect(await live()).toEqual([]);
    expect((await r.refresh("memberset", set))?.outputs.members).toEqual([]);
  });
});

describe("a new set over a pool that already has members", () => {
  // The set reads the pool's member ids while its adds run. Either may reach the engine first:
  // held back by the proxy, the pool read sees the pool before the adds or after them.
  const orders = [
    { name: "as they come", rules: [] },
    { name: "the pool read after the adds", rules: [{ method: "GET", path: /\/pools\/[^/]+$/, times: 1, fault: "delay-before" as const, delayMs: 150 }] },
    { name: "the adds after the pool read", rules: [{ method: "POST", path: /\/batch-add$/, times: 1, fault: "delay-before" as const, delayMs: 150 }] },
  ];
  it.each(orders)("adds while it reads the pool ($name), then fixes weights and removes the members it does not want: the pool ends as the program says", async ({ name, rules }) => {
    const lbId = String(pool.outputs.loadbalancerId);
    const p = (await eng.api.post<{ pool: { id: string } }>("/pools", { pool: { loadbalancer_id: lbId, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN", name: `occupied ${name}` } })).pool;
    const at = (i: number, weight?: number) => ({ address: `127.0.50.${i}`, protocol_port: 80, subnet_cidr_id: NET.loopbackSubnet, ...(weight === undefined ? {} : { weight }) });
    // Already there: .1 (weight 5, wanted at the default weight 1), .3 and .5 (not wanted at all).
    await eng.api.post(`/pools/${p.id}/members/batch-add`, { members: [at(1, 5), at(3), at(5)] });
    const before = new Map((await eng.api.list(`/pools/${p.id}/members`, "members")).map((m) => [m.address, m.id]));
    proxy.log.length = 0;
    proxy.rules.push(...rules.map((rule) => ({ ...rule })));

    const members = [1, 2, 4].map((i) => ({ address: `127.0.50.${i}`, protocolPort: 80, subnetCidrId: NET.loopbackSubnet }));
    const made = await r.create("memberset", { poolId: p.id, members });
    expect(proxy.rules.every((rule) => rule.times === 0)).toBe(true);

    // One batch-add of the whole set (.1 answered "existed"), then only the fixes; the pool is
    // read for its member ids, never listed.
    expect(batches("add")).toEqual([3]);
    expect(batches("update")).toEqual([1]);
    expect(batches("delete")).toEqual([2]);
    expect(proxy.log.filter((l) => l.method === "GET").map((l) => l.path.replace(/\?.*/, ""))).toEqual([expect.stringMatching(new RegExp(`/pools/${p.id}$`))]);
    const deleted = (proxy.log.find((l) => l.path.endsWith("/batch-delete"))!.body as { members: { id: string }[] }).members.map((m) => m.id);
    expect(deleted.sort()).toEqual([before.get("127.0.50.3"), before.get("127.0.50.5")].sort());
    const now = await eng.api.list(`/pools/${p.id}/members`, "members");
    expect(now.map((m) => [m.address, m.weight]).sort()).toEqual([
      ["127.0.50.1", 1],
      ["127.0.50.2", 1],
      ["127.0.50.4", 1],
    ]);
    // The member that existed kept its id; the outputs describe the live members in program order.
    expect(now.find((m) => m.address === "127.0.50.1")!.id).toBe(before.get("127.0.50.1"));
    const outs = made.outputs.members as { id: string; address: string; weight: number }[];
    expect(outs.map((m) => [m.address, m.weight])).toEqual([
      ["127.0.50.1", 1],
      ["127.0.50.2", 1],
      ["127.0.50.4", 1],
    ]);
    expect(new Set(outs.map((m) => m.id))).toEqual(new Set(now.map((m) => m.id)));
    expect(await r.diff("memberset", made, { poolId: p.id, members })).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("over an empty pool: one read of the pool and one batch-add, nothing else", async () => {
    const lbId = String(pool.outputs.loadbalancerId);
    const p = (await eng.api.post<{ pool: { id: string } }>("/pools", { pool: { loadbalancer_id: lbId, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN", name: "empty" } })).pool;
    proxy.log.length = 0;
    const members = [1, 2].map((i) => ({ address: `127.0.51.${i}`, protocolPort: 80, subnetCidrId: NET.loopbackSubnet }));
    const made = await r.create("memberset", { poolId: p.id, members });
    expect(proxy.log.map((l) => `${l.method} ${l.path.replace(/^.*\/elb/, "")}`).sort()).toEqual([`GET /pools/${p.id}`, `POST /pools/${p.id}/members/batch-add`]);
    expect((made.outputs.members as { address: string }[]).map((m) => m.address)).toEqual(["127.0.51.1", "127.0.51.2"]);
  });
});

describe("partial initialization", () => {
  it("reports a create that fails half-way with the pool id, so the set is recorded and the next update continues", async () => {
    const lb = await r.create("loadbalancer", { name: "no-ip-backends", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet });
    const p = await r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
    // The first batch is fine; the second holds IP backends, which this load balancer refuses (M5).
    const members = [...backends(200), ...backends(10, 80, 200).map(({ subnetCidrId: _s, ...ip }) => ip)];
    const err = await r.create("memberset", { poolId: p.id, members }).then(
      () => undefined,
      (e: unknown) => e as import("./harness/host").HostError,
    );
    expect(err?.initFailed).toEqual({
      id: p.id,
      properties: { poolId: p.id, members: [], __provider: r.texts.memberset },
      reasons: [expect.stringMatching(/ELB\.8939.*1 member batch was applied; the pool has 200 members now/)],
    });
    const recorded = { id: p.id, inputs: r.inputs("memberset", { poolId: p.id, members }), outputs: err!.initFailed!.properties };
    await eng.api.put(`/loadbalancers/${lb.id}`, { loadbalancer: { ip_target_enable: true } });
    const finished = await r.apply("memberset", recorded, { poolId: p.id, members });
    expect(finished.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect(await eng.api.list(`/pools/${p.id}/members`, "members")).toHaveLength(210);
  });
});
