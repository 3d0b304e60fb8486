// Natural keys: each resource spec declares its uniqueness rules once, and the key helpers read
// any object (stored, sent in a request, or a program's inputs) the same way.
import { describe, expect, it } from "vitest";
import {
  errors,
  healthMonitorSpec,
  isConflictRule,
  keyInScope,
  keyOf,
  keyValues,
  listenerSpec,
  loadBalancerSpec,
  memberSpec,
  naturalKey,
  poolSpec,
  RULE_IDS,
  specs,
} from "../../provider/spec";

const endpoint = naturalKey(memberSpec, "M2");
const port = naturalKey(listenerSpec, "S2");
const vip = naturalKey(loadBalancerSpec, "L2");
const monitorSlot = naturalKey(healthMonitorSpec, "H1");
const defaultPool = naturalKey(poolSpec, "P3");

describe("natural keys", () => {
  it("are declared with the rule that makes them unique", () => {
    expect(Object.values(specs).flatMap((s) => s.naturalKeys.map((k) => `${s.kind}:${k.rule}`))).toEqual([
      "loadbalancer:L2",
      "listener:S2",
      "pool:P3",
      "member:M2",
      "healthmonitor:H1",
    ]);
  });

  it("name only fields their resource has, and cite known rules that answer 409", () => {
    for (const spec of Object.values(specs)) {
      for (const key of spec.naturalKeys) {
        expect(RULE_IDS).toContain(key.rule);
        expect(isConflictRule(key.rule), key.rule).toBe(true);
        for (const part of [...key.scope, ...key.fields]) {
          for (const f of part.fields) expect(Object.keys(spec.fields), `${key.rule} part ${part.name}`).toContain(f);
        }
      }
    }
  });

  it("M2: a member's key is its pool, address and port; within the pool, address and port", () => {
    const m = { pool_id: "p1", address: "10.0.0.1", protocol_port: 80, weight: 3 };
    expect(keyOf(endpoint, m)).toBe("p1|10.0.0.1|80");
    expect(keyInScope(endpoint, m)).toBe("10.0.0.1|80");
    // A MemberSet entry has no pool of its own: its identity within the pool still reads.
    expect(keyInScope(endpoint, { address: "10.0.0.1", protocol_port: 80 })).toBe("10.0.0.1|80");
    expect(keyOf(endpoint, { address: "10.0.0.1", protocol_port: 80 })).toBeUndefined();
    // A port sent as text is the same port.
    expect(keyOf(endpoint, { ...m, protocol_port: "80" })).toBe(keyOf(endpoint, m));
  });

  it("S2: listeners of one port space share a key; TERMINATED_HTTPS is HTTPS's", () => {
    const at = (protocol: string) => keyOf(port, { loadbalancer_id: "lb", protocol, protocol_port: 443 });
    expect(at("TCP")).toBe(at("HTTP"));
    expect(at("TERMINATED_HTTPS")).toBe(at("HTTPS"));
    expect(at("UDP")).toBe(at("QUIC"));
    expect(at("UDP")).not.toBe(at("TCP"));
    expect(keyValues(port, { loadbalancer_id: "lb", protocol: "UDP", protocol_port: 53 })).toEqual({ loadbalancer_id: "lb", port_space: "datagram", protocol_port: "53" });
  });

  it("L2, P3: an absent part means the object holds no key (no VIP, no listener)", () => {
    expect(keyOf(vip, { vpc_id: "v", vip_address: null })).toBeUndefined();
    expect(keyOf(vip, { vpc_id: "v", vip_address: "192.168.0.5" })).toBe("v|192.168.0.5");
    expect(keyOf(defaultPool, { listener_id: null, loadbalancer_id: "lb" })).toBeUndefined();
    expect(keyOf(defaultPool, { listener_id: "l1" })).toBe("l1");
    expect(keyOf(monitorSlot, { pool_id: "p1", type: "TCP" })).toBe("p1");
  });

  it("are found by their rule; a rule a spec does not key is refused", () => {
    expect(naturalKey(memberSpec, "M2")).toBe(memberSpec.naturalKeys[0]);
    expect(() => naturalKey(memberSpec, "S2")).toThrow("member declares no natural key for rule S2");
  });

  it("conflicts are made from the rule and its values, in the declaration's words", () => {
    const m = { pool_id: "p1", address: "10.0.0.1", protocol_port: 80 };
    const taken = errors.keyTaken(endpoint, m, "m-old");
    expect({ status: taken.status, code: taken.code, message: taken.message }).toEqual({
      status: 409,
      code: "ELB.8907",
      message: "Pool p1 already has member m-old with address 10.0.0.1 and protocol_port 80.",
    });
    expect(errors.keyTaken(endpoint, m, "m-a", "m-b").message).toBe("Batch moves members m-a and m-b onto the same address and port 10.0.0.1:80.");
    expect(errors.keyTaken(port, { loadbalancer_id: "lb", protocol: "HTTP", protocol_port: 80 }, "l-old").message).toBe(
      "Load balancer lb already has a listener on port 80 in the same port space (listener l-old).",
    );
    expect(errors.conflict("P3", { listener_id: "l1", owner: "pool-a" }).message).toBe("Listener l1 already has default pool pool-a.");
    expect(errors.conflict("L2", { subnet: "s1" }).message).toBe("Subnet s1 has no free IP address left for a VIP.");
    expect(errors.conflict("P6", { pool: "p", members: 2 }).message).toBe("Pool p still has 2 member(s); delete them first or use delete-cascade.");
  });
});
