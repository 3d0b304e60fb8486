// The model's indexes: relations and the natural keys the specs declare, kept right through
// every put and delete, and equal to what a rebuild from the same objects makes.
import { describe, expect, it } from "vitest";
import { Model, type Change } from "../../provider/engine/model";
import { MemoryStore } from "../../provider/engine/store/memory";
import { listenerSpec, memberSpec, naturalKey } from "../../provider/spec";
import type { StoredListener, StoredMember } from "../../provider/spec/types";

const endpoint = naturalKey(memberSpec, "M2");
const port = naturalKey(listenerSpec, "S2");

const member = (id: string, protocol_port: number, pool_id = "pool-1") =>
  ({ id, project_id: "p", pool_id, address: "10.0.0.1", protocol_port, member_type: "instance" }) as StoredMember;
const put = (obj: StoredMember): Change => ({ op: "put", kind: "member", obj });
const del = (id: string): Change => ({ op: "delete", kind: "member", id });

async function model(): Promise<Model> {
  const store = new MemoryStore();
  await store.open();
  return new Model(store);
}

describe("model indexes", () => {
  it("M2: find the holder of a member's address and port in its pool, and only there", async () => {
    const m = await model();
    await m.commit([put(member("a", 80)), put(member("b", 80, "pool-2"))]);
    expect(m.holder(endpoint, { pool_id: "pool-1", address: "10.0.0.1", protocol_port: 80 })).toBe("a");
    expect(m.holder(endpoint, { pool_id: "pool-2", address: "10.0.0.1", protocol_port: 80 })).toBe("b");
    expect(m.holder(endpoint, { pool_id: "pool-1", address: "10.0.0.1", protocol_port: 81 })).toBeUndefined();
    // The object itself is not its own rival (an update that keeps its address and port).
    expect(m.holder(endpoint, member("a", 80), "a")).toBeUndefined();
    // A port sent as text names the same endpoint (a batch-delete item).
    expect(m.holder(endpoint, { pool_id: "pool-1", address: "10.0.0.1", protocol_port: "80" })).toBe("a");
  });

  it("S2: a listener holds its port in its port space only", async () => {
    const m = await model();
    const l = { id: "l1", project_id: "p", loadbalancer_id: "lb-1", protocol: "TCP", protocol_port: 80 } as StoredListener;
    await m.commit([{ op: "put", kind: "listener", obj: l }]);
    expect(m.holder(port, { loadbalancer_id: "lb-1", protocol: "HTTP", protocol_port: 80 })).toBe("l1");
    expect(m.holder(port, { loadbalancer_id: "lb-1", protocol: "TERMINATED_HTTPS", protocol_port: 80 })).toBe("l1");
    expect(m.holder(port, { loadbalancer_id: "lb-1", protocol: "UDP", protocol_port: 80 })).toBeUndefined();
    expect(m.holder(port, { loadbalancer_id: "lb-2", protocol: "TCP", protocol_port: 80 })).toBeUndefined();
  });

  it("keep every id under a key while a commit moves objects through it", async () => {
    const m = await model();
    const at = (p: number) => ({ pool_id: "pool-1", address: "10.0.0.1", protocol_port: p });
    await m.commit([put(member("a", 80))]);
    // Two objects under one key happen within a commit (one moves in before the other moves out).
    await m.commit([put(member("b", 80)), put(member("c", 80))]);
    await m.commit([del("a")]);
    expect(m.holder(endpoint, at(80))).toBe("b");
    await m.commit([put(member("b", 81)), del("c")]);
    expect(m.holder(endpoint, at(80))).toBeUndefined();
    expect(m.holder(endpoint, at(81))).toBe("b");
    expect([...m.ids("member.pool", "pool-1")]).toEqual(["b"]);
  });

  it("index the object as earlier changes of the same commit left it", async () => {
    const m = await model();
    const at = (p: number) => ({ pool_id: "pool-1", address: "10.0.0.1", protocol_port: p });
    await m.commit([put(member("a", 80)), put(member("a", 81)), put(member("a", 82))]);
    expect(m.holder(endpoint, at(80))).toBeUndefined();
    expect(m.holder(endpoint, at(81))).toBeUndefined();
    expect(m.holder(endpoint, at(82))).toBe("a");
    await m.commit([put(member("a", 83)), del("a")]);
    expect(m.ids("member.pool", "pool-1").size).toBe(0);
    expect(m.holder(endpoint, at(83))).toBeUndefined();
  });

  it("hold after any run of commits what a rebuild from the same objects holds, and nothing for parents left empty", async () => {
    const m = await model();
    await m.commit([put(member("a", 80)), put(member("b", 81)), put(member("c", 80, "pool-2")), put(member("d", 81, "pool-2"))]);
    await m.commit([put(member("a", 82)), del("b"), put(member("c", 82, "pool-2"))]);
    await m.commit([del("c"), del("d")]);
    const rebuilt = new Model(m.store);
    rebuilt.rebuild();
    expect(m.describeIndexes()).toEqual(rebuilt.describeIndexes());
    // pool-2 has no members left: no index keeps a key for it.
    expect(m.describeIndexes()).toEqual({
      "member.pool": { "pool-1": ["a"] },
      "key M2": { "pool-1": { "10.0.0.1|82": ["a"] } },
    });
  });

  it("tell subscribers each commit's changes, as applied", async () => {
    const m = await model();
    const seen: (readonly Change[])[] = [];
    const stop = m.onChange((changes) => seen.push(changes));
    const commit = [put(member("a", 80)), del("a")];
    await m.commit(commit);
    stop();
    await m.commit([put(member("b", 80))]);
    expect(seen).toEqual([commit]);
  });
});
