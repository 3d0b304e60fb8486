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

  it("C6, T4, I4: report a listener naming a certificate, policy or IP group that is gone or of another project, and an IP group holding an entry twice", async () => {
    const store = await storeWith([
      ...base,
      put("certificate", { id: "cert", type: "server" }),
      put("ipgroup", { id: "g1", ip_list: [{ ip: "0.0.0.0" }, { ip: "0.0.0.0/32" }] }),
      put("ipgroup", { id: "g2", project_id: "other", ip_list: [] }),
      put("listener", {
        id: "l1",
        loadbalancer_id: "lb",
        protocol: "HTTPS",
        protocol_port: 443,
        default_tls_container_ref: "cert",
        sni_container_refs: ["gone-cert"],
        security_policy_id: "gone-policy",
        ipgroup: { ipgroup_id: "g1,g2", type: "white" },
      }),
    ]);
    expect(checkInvariants(store).sort()).toEqual([
      "IP group g1 holds an entry twice",
      "listener l1 names missing certificate gone-cert",
      "listener l1 names missing security policy gone-policy",
      "listener l1 references an object of another project",
    ]);
  });
});
