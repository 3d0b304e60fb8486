// The model's indexes: a key holds its one id until a second arrives, and gives ids back in
// the order they came, however many there are, through every put and delete.
import { describe, expect, it } from "vitest";
import { Model } from "../../provider/engine/model";
import { MemoryStore } from "../../provider/engine/store/memory";
import type { Mutation, StoredObject } from "../../provider/engine/store/types";

const member = (id: string, port: number): StoredObject =>
  ({ id, project_id: "p", pool_id: "pool-1", address: "10.0.0.1", protocol_port: port, member_type: "instance" }) as StoredObject;
const put = (obj: StoredObject): Mutation => ({ op: "put", kind: "member", obj });
const del = (id: string): Mutation => ({ op: "delete", kind: "member", id });

async function model(): Promise<Model> {
  const store = new MemoryStore();
  await store.open();
  return new Model(store);
}

describe("model indexes", () => {
  it("keep one id, then several, then one again, under a key", async () => {
    const m = await model();
    const endpoint = (port: number) => [...m.ids("member.endpoint", "pool-1", `10.0.0.1|${port}`)];
    await m.commit([put(member("a", 80))]);
    expect(endpoint(80)).toEqual(["a"]);
    expect(m.first("member.endpoint", "pool-1", "10.0.0.1|80")).toBe("a");
    // Two objects under one key happen within a commit (one moves in before the other moves out).
    await m.commit([put(member("b", 80)), put(member("c", 80))]);
    expect(endpoint(80)).toEqual(["a", "b", "c"]);
    await m.commit([del("a")]);
    expect(m.first("member.endpoint", "pool-1", "10.0.0.1|80")).toBe("b");
    await m.commit([put(member("b", 81)), del("c")]);
    expect(endpoint(80)).toEqual([]);
    expect(m.first("member.endpoint", "pool-1", "10.0.0.1|80")).toBeUndefined();
    expect(endpoint(81)).toEqual(["b"]);
    expect([...m.ids("member.pool", "pool-1")]).toEqual(["b"]);
  });

  it("index the object as earlier mutations of the same commit left it", async () => {
    const m = await model();
    await m.commit([put(member("a", 80)), put(member("a", 81)), put(member("a", 82))]);
    expect(m.first("member.endpoint", "pool-1", "10.0.0.1|80")).toBeUndefined();
    expect(m.first("member.endpoint", "pool-1", "10.0.0.1|81")).toBeUndefined();
    expect(m.first("member.endpoint", "pool-1", "10.0.0.1|82")).toBe("a");
    await m.commit([put(member("a", 83)), del("a")]);
    expect(m.ids("member.pool", "pool-1").size).toBe(0);
    expect(m.first("member.endpoint", "pool-1", "10.0.0.1|83")).toBeUndefined();
  });

  it("hold after any run of commits what a rebuild from the same objects holds, and nothing for parents left empty", async () => {
    const m = await model();
    const other = (id: string, pool: string, port: number) => ({ ...member(id, port), pool_id: pool }) as StoredObject;
    await m.commit([put(member("a", 80)), put(member("b", 81)), put(other("c", "pool-2", 80)), put(other("d", "pool-2", 81))]);
    await m.commit([put(member("a", 82)), del("b"), put(other("c", "pool-2", 82))]);
    await m.commit([del("c"), del("d")]);
    const rebuilt = new Model(m.store);
    rebuilt.rebuild();
    expect(m.describeIndexes()).toEqual(rebuilt.describeIndexes());
    // pool-2 has no members left: neither index keeps a table or a key for it.
    expect(m.describeIndexes()).toEqual({
      "member.pool": { "pool-1": ["a"] },
      "member.endpoint": { "pool-1": { "10.0.0.1|82": ["a"] } },
    });
  });
});
