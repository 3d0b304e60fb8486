// The provider's collision test for deleteBeforeReplace, read from the spec's natural keys: a
// replacement deletes first when, for some key, every part may be the old object's.
import { describe, expect, it } from "vitest";
import { holdsKey, mayCollide, sameKey } from "../../provider/resources/impl/keys";
import { UNKNOWN_SENTINEL as UNKNOWN } from "../../provider/resources/impl/values";
import { healthMonitorSpec, listenerSpec, loadBalancerSpec, memberSpec, poolSpec } from "../../provider/spec";

describe("replacement collisions from the natural keys", () => {
  it("L2: only a fixed VIP collides; an omitted VPC is derived from the subnet, so it may be the old one's", () => {
    const old = { vpc_id: "v1", vip_address: "10.0.0.5", vip_subnet_cidr_id: "s1" };
    expect(mayCollide(loadBalancerSpec, { vip_address: "10.0.0.5" }, old)).toBe(true);
    expect(mayCollide(loadBalancerSpec, { vpc_id: "v1", vip_address: "10.0.0.5" }, old)).toBe(true);
    // Another VPC is another address space; another address, or none (a fresh one), is free.
    expect(mayCollide(loadBalancerSpec, { vpc_id: "v2", vip_address: "10.0.0.5" }, old)).toBe(false);
    expect(mayCollide(loadBalancerSpec, { vip_address: "10.0.0.6" }, old)).toBe(false);
    expect(mayCollide(loadBalancerSpec, {}, old)).toBe(false);
    expect(mayCollide(loadBalancerSpec, { vip_address: null }, old)).toBe(false);
    expect(mayCollide(loadBalancerSpec, { vip_address: UNKNOWN }, old)).toBe(true);
  });

  it("S2: the same load balancer, port space and port; an unknown part may be the same", () => {
    const old = { loadbalancer_id: "lb", protocol: "HTTPS", protocol_port: 443 };
    expect(mayCollide(listenerSpec, { loadbalancer_id: "lb", protocol: "TCP", protocol_port: 443 }, old)).toBe(true);
    expect(mayCollide(listenerSpec, { loadbalancer_id: "lb", protocol: "TERMINATED_HTTPS", protocol_port: 443 }, old)).toBe(true);
    expect(mayCollide(listenerSpec, { loadbalancer_id: "lb", protocol: "UDP", protocol_port: 443 }, old)).toBe(false);
    expect(mayCollide(listenerSpec, { loadbalancer_id: "lb", protocol: UNKNOWN, protocol_port: 443 }, old)).toBe(true);
    expect(mayCollide(listenerSpec, { loadbalancer_id: "lb2", protocol: "TCP", protocol_port: 443 }, old)).toBe(false);
    expect(mayCollide(listenerSpec, { loadbalancer_id: UNKNOWN, protocol: "TCP", protocol_port: 443 }, old)).toBe(true);
  });

  it("P3: a pool without a listener takes no listener's slot", () => {
    expect(mayCollide(poolSpec, { listener_id: "l1" }, { listener_id: "l1" })).toBe(true);
    expect(mayCollide(poolSpec, { loadbalancer_id: "lb" }, { listener_id: "l1", loadbalancer_id: "lb" })).toBe(false);
    expect(mayCollide(poolSpec, { listener_id: "l1" }, { loadbalancer_id: "lb" })).toBe(false);
    expect(mayCollide(poolSpec, { listener_id: UNKNOWN }, { listener_id: "l1" })).toBe(true);
  });

  it("M2 and H1: the same pool, address and port; one monitor per pool", () => {
    const old = { pool_id: "p", address: "10.0.0.1", protocol_port: 80 };
    expect(mayCollide(memberSpec, { ...old, subnet_cidr_id: null }, old)).toBe(true);
    expect(mayCollide(memberSpec, { ...old, protocol_port: 81 }, old)).toBe(false);
    expect(mayCollide(memberSpec, { ...old, pool_id: UNKNOWN }, old)).toBe(true);
    expect(mayCollide(healthMonitorSpec, { pool_id: "p" }, { pool_id: "p" })).toBe(true);
    expect(mayCollide(healthMonitorSpec, { pool_id: "q" }, { pool_id: "p" })).toBe(false);
  });

  it("a lookup reads the same keys: whether the desired object holds one, and which candidate shares it", () => {
    expect(holdsKey(poolSpec, { loadbalancer_id: "lb", name: "web" })).toBe(false);
    expect(holdsKey(poolSpec, { listener_id: "l1" })).toBe(true);
    expect(holdsKey(loadBalancerSpec, { name: "lb", vip_address: "10.0.0.5" })).toBe(false);
    const want = { loadbalancer_id: "lb", protocol: "TCP", protocol_port: 80 };
    expect(sameKey(listenerSpec, want, { loadbalancer_id: "lb", protocol: "HTTP", protocol_port: 80 })).toBe(true);
    expect(sameKey(listenerSpec, want, { loadbalancer_id: "lb", protocol: "UDP", protocol_port: 80 })).toBe(false);
  });
});
