// Member through the real provider host against a live engine.
import { beforeAll, describe, expect, it } from "vitest";
import { useProvider } from "./harness/use-provider";
import { NET } from "./harness/engine";
import { type State } from "./harness/lifecycle";
import { UNKNOWN } from "./harness/values";

const p = useProvider();
let pool: State;
let pool2: State;

beforeAll(async () => {
  const lb = await p.r.create("loadbalancer", { name: "lb", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet, ipTargetEnable: true });
  pool = await p.r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
  pool2 = await p.r.create("pool", { loadbalancerId: lb.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", name: "second" });
});

const args = () => ({ poolId: pool.id, address: "127.0.0.20", protocolPort: 80, subnetCidrId: NET.loopbackSubnet });
const liveMember = async (m: State) => (await p.eng.api.get<{ member: Record<string, unknown> }>(`/pools/${pool.id}/members/${m.id}`)).member;

describe("check", () => {
  it("refuses out-of-range weights and public IP backends, by property", async () => {
    const res = await p.r.check("member", { poolId: pool.id, address: "8.8.8.8", protocolPort: 70000, weight: 101 });
    expect(Object.fromEntries(res.failures.map((f) => [f.property, f.reason]))).toEqual({
      address: expect.stringMatching(/IP backend.*private IPv4/),
      protocolPort: expect.stringMatching(/70000 is out of range, allowed 1-65535/),
      weight: expect.stringMatching(/101 is out of range, allowed 0-100/),
    });
    expect((await p.r.check("member", { address: "127.0.0.1", protocolPort: 80 })).failures.map((f) => f.property)).toEqual(["poolId"]);
  });

  it("lets unknowns through", async () => {
    expect((await p.r.check("member", { poolId: UNKNOWN, address: UNKNOWN, protocolPort: UNKNOWN, weight: 0 })).failures).toEqual([]);
  });
});

describe("lifecycle", () => {
  let m: State;

  it("sends weight 0 and reads it back as 0, with no diff afterwards", async () => {
    m = await p.r.create("member", { ...args(), weight: 0 });
    expect((await liveMember(m)).weight).toBe(0);
    expect(m.outputs).toMatchObject({ weight: 0, poolId: pool.id, address: "127.0.0.20", protocolPort: 80 });
    expect(await p.r.diff("member", m, { ...args(), weight: 0 })).toEqual({ changes: "none", replaces: [], deleteBeforeReplace: false });
  });

  it("changes weight (to 0 included) and port in place", async () => {
    const five = await p.r.apply("member", m, { ...args(), weight: 5 });
    expect(five.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    const zero = await p.r.apply("member", five.state, { ...args(), weight: 0, protocolPort: 8080 });
    expect(zero.diff).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    expect(zero.state.id).toBe(m.id);
    expect(await liveMember(m)).toMatchObject({ weight: 0, protocol_port: 8080 });
    // Removing the weight restores the API default, 1.
    const dflt = await p.r.apply("member", zero.state, { ...args(), protocolPort: 8080 });
    expect((await liveMember(m)).weight).toBe(1);
    m = dflt.state;
  });

  it("deletes before replacing exactly when pool, address and port stay the same", async () => {
    const now = { ...args(), protocolPort: 8080 };
    const diff = (a: Record<string, unknown>) => p.r.diff("member", m, a);
    expect(await diff({ ...now, address: "127.0.0.21" })).toEqual({ changes: "some", replaces: ["address"], deleteBeforeReplace: false });
    expect(await diff({ ...now, poolId: pool2.id })).toEqual({ changes: "some", replaces: ["poolId"], deleteBeforeReplace: false });
    expect(await diff({ ...now, subnetCidrId: null })).toEqual({ changes: "some", replaces: ["subnetCidrId"], deleteBeforeReplace: true });
    // Leaving it out means the same as null: an IP backend, so the preview says replace.
    const { subnetCidrId: _removed, ...withoutSubnet } = now;
    expect(await diff(withoutSubnet)).toEqual({ changes: "some", replaces: ["subnetCidrId"], deleteBeforeReplace: true });
    expect(await diff({ ...now, poolId: UNKNOWN })).toEqual({ changes: "some", replaces: ["poolId"], deleteBeforeReplace: true });
    // The address changes and the port changes in place: the replacement is a new address, no collision.
    expect(await diff({ ...now, address: "127.0.0.21", protocolPort: 80 })).toEqual({ changes: "some", replaces: ["address"], deleteBeforeReplace: false });
  });

  it("turns into an IP backend by replacement, deleting the old member first", async () => {
    const replaced = await p.r.apply("member", m, { ...args(), protocolPort: 8080, subnetCidrId: null });
    expect(replaced.replaced).toBe(true);
    const members = await p.eng.api.list(`/pools/${pool.id}/members`, "members");
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ id: replaced.state.id, member_type: "ip", subnet_cidr_id: null });
    m = replaced.state;
  });

  it("refresh shows an out-of-band weight; get takes <poolId>/<memberId>", async () => {
    await p.eng.api.put(`/pools/${pool.id}/members/${m.id}`, { member: { weight: 42 } });
    const refreshed = await p.r.refresh("member", m);
    expect(refreshed?.outputs.weight).toBe(42);
    expect(refreshed?.inputs).toMatchObject({ weight: 42, poolId: pool.id, address: "127.0.0.20", protocolPort: 8080 });
    expect(await p.r.diff("member", refreshed!, { ...args(), protocolPort: 8080, subnetCidrId: null })).toMatchObject({ changes: "some", replaces: [] });

    const fetched = await p.r.get("member", `${pool.id}/${m.id}`);
    expect(fetched.id).toBe(`${pool.id}/${m.id}`);
    expect(fetched.properties).toMatchObject({ poolId: pool.id, weight: 42 });
    expect(fetched.inputs).toMatchObject({ poolId: pool.id, address: "127.0.0.20", protocolPort: 8080, weight: 42 });
    // A member known by its composite id can be updated and deleted too.
    const fetchedState = { id: fetched.id, inputs: fetched.inputs!, outputs: fetched.properties };
    const updated = await p.r.apply("member", fetchedState, { ...args(), protocolPort: 8080, subnetCidrId: null, weight: 3 });
    expect(updated.diff.replaces).toEqual([]);
    expect((await liveMember(m)).weight).toBe(3);
    await p.r.delete("member", fetchedState);
    expect(await p.r.refresh("member", fetchedState)).toBeUndefined();
  });

  it("a member deleted out of band reads as gone, and its delete is done", async () => {
    const gone = await p.r.create("member", { ...args(), address: "127.0.0.30" });
    await p.eng.api.delete(`/pools/${pool.id}/members/${gone.id}`);
    expect(await p.r.refresh("member", gone)).toBeUndefined();
    await p.r.delete("member", gone);
  });
});
