// The invariants checker reads the natural keys the specs declare, so a store holding two
// objects with one key value is caught whichever rule the key belongs to.
import { describe, expect, it } from "vitest";
import { checkInvariants } from "../../provider/engine/invariants";
import { MemoryStore } from "../../provider/engine/store/memory";
import type { Mutation, ObjectKind, StoredObject } from "../../provider/engine/store/types";

const P = "p";
const put = (kind: ObjectKind, obj: Record<string, unknown> & { id: string }): Mutation => ({ op: "put", kind, obj: { project_id: P, ...obj } as StoredObject });

async function storeWith(mutations: Mutation[]): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.open();
  await store.commit(mutations);
  return store;
}

const base = [
  put("loadbalancer", { id: "lb", vpc_id: "vpc", vip_address: "192.168.0.2", availability_zone_list: ["az"] }),
  put("pool", { id: "pool", loadbalancer_id: "lb" }),
];

describe("store invariants", () => {
  it("hold for a store whose keys are all distinct", async () => {
    const store = await storeWith([
      ...base,
      put("loadbalancer", { id: "lb2", vpc_id: "vpc", vip_address: null, availability_zone_list: ["az"] }),
      put("listener", { id: "l1", loadbalancer_id: "lb", protocol: "TCP", protocol_port: 80 }),
      put("listener", { id: "l2", loadbalancer_id: "lb", protocol: "UDP", protocol_port: 80 }),
      put("member", { id: "m1", pool_id: "pool", address: "10.0.0.1", protocol_port: 80, weight: 1 }),
      put("member", { id: "m2", pool_id: "pool", address: "10.0.0.1", protocol_port: 81, weight: 1 }),
    ]);
    expect(checkInvariants(store)).toEqual([]);
  });

  it("M2, S2, L2, H1: report every key held twice, naming the rule and both objects", async () => {
    const store = await storeWith([
      ...base,
      put("loadbalancer", { id: "lb2", vpc_id: "vpc", vip_address: "192.168.0.2", availability_zone_list: ["az"] }),
      put("listener", { id: "l1", loadbalancer_id: "lb", protocol: "TCP", protocol_port: 80 }),
      put("listener", { id: "l2", loadbalancer_id: "lb", protocol: "HTTP", protocol_port: 80 }),
      put("member", { id: "m1", pool_id: "pool", address: "10.0.0.1", protocol_port: 80, weight: 1 }),
      put("member", { id: "m2", pool_id: "pool", address: "10.0.0.1", protocol_port: 80, weight: 1 }),
      put("healthmonitor", { id: "h1", pool_id: "pool" }),
      put("healthmonitor", { id: "h2", pool_id: "pool" }),
    ]);
    const problems = checkInvariants(store);
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith("L2:"))).toMatch(/lb and lb2$/);
    expect(problems.find((p) => p.startsWith("S2:"))).toMatch(/l1 and l2$/);
    expect(problems.find((p) => p.startsWith("M2:"))).toMatch(/m1 and m2$/);
    expect(problems.find((p) => p.startsWith("H1:"))).toMatch(/h1 and h2$/);
  });
});
