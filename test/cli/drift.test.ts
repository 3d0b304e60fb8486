// Changes made behind Pulumi's back, through the engine's API, as the real CLI sees them: a
// preview does not see them, `pulumi refresh` records them in state (outputs and inputs), the
// next preview shows the updates and creates that put the program back, and `pulumi up` does.
import { describe, expect, inject, it } from "vitest";
import { NET, testEngine } from "../provider/harness/engine";
import { Project, stepsFor, type PreviewJson } from "./support/project";

const cli = inject("pulumiCli");

const PROGRAM = `
import * as elb from "pulumi-elb";
const SUBNET = "${NET.privateSubnetA}";
const lb = new elb.LoadBalancer("lb", { name: "drift", availabilityZoneList: ["local-1a"], vipSubnetCidrId: SUBNET });
const listener = new elb.Listener("http", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 80, name: "front" });
const pool = new elb.Pool("pool", { listenerId: listener.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
const m1 = new elb.Member("m1", { poolId: pool.id, address: "192.168.0.10", protocolPort: 80, subnetCidrId: SUBNET, weight: 5 });
const m2 = new elb.Member("m2", { poolId: pool.id, address: "192.168.0.11", protocolPort: 80, subnetCidrId: SUBNET });
const fleetPool = new elb.Pool("fleet-pool", { loadbalancerId: lb.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN" });
new elb.MemberSet("fleet", { poolId: fleetPool.id, members: ["192.168.0.100", "192.168.0.101", "192.168.0.102"].map((address) => ({ address, protocolPort: 8080, subnetCidrId: SUBNET })) });
export const ids = { listener: listener.id, pool: pool.id, m1: m1.id, m2: m2.id, fleetPool: fleetPool.id };
`;

/** The operation the CLI reports for each resource, by name, from `--json` events. */
function operations(events: string): Record<string, string> {
  const ops: Record<string, string> = {};
  for (const line of events.split("\n")) {
    if (!line.trim()) continue;
    const meta = (JSON.parse(line) as { resOutputsEvent?: { metadata: { op: string; urn: string; type: string } } }).resOutputsEvent?.metadata;
    if (meta && meta.type.startsWith("pulumi-nodejs:dynamic/elb:")) ops[meta.urn.split("::").pop()!] = meta.op;
  }
  return ops;
}

/** Each resource's steps in a preview ("" for none: `--json` leaves unchanged resources out). */
const previewOps = (preview: PreviewJson, names: string[]) => Object.fromEntries(names.map((n) => [n, stepsFor(preview, n).map((s) => s.op).join(",")]));
const NAMES = ["lb", "http", "pool", "m1", "m2", "fleet-pool", "fleet"];
const addressesOf = (members: unknown) => (members as { address: string }[]).map((m) => m.address).sort();

describe.skipIf(!cli)("drift through the real pulumi CLI", () => {
  it("refresh records changes and deletions made out of band, the next preview shows what puts them back, and up does", async () => {
    const eng = await testEngine();
    const p = await Project.create(cli!, { name: "drift", program: PROGRAM });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      await p.up();
      const ids = (await p.outputs()).ids as Record<string, string>;

      // Behind Pulumi's back: a weight, a name and an algorithm changed, a member deleted, and the
      // member set's pool given one member less and one the program does not know.
      await eng.api.put(`/pools/${ids.pool}/members/${ids.m1}`, { member: { weight: 9 } });
      await eng.api.put(`/listeners/${ids.listener}`, { listener: { name: "renamed" } });
      await eng.api.put(`/pools/${ids.pool}`, { pool: { lb_algorithm: "LEAST_CONNECTIONS" } });
      await eng.api.delete(`/pools/${ids.pool}/members/${ids.m2}`);
      const fleet = await eng.api.list(`/pools/${ids.fleetPool}/members`, "members");
      await eng.api.delete(`/pools/${ids.fleetPool}/members/${fleet.find((m) => m.address === "192.168.0.101")!.id}`);
      await eng.api.post(`/pools/${ids.fleetPool}/members`, { member: { address: "192.168.0.200", protocol_port: 8080, subnet_cidr_id: NET.privateSubnetA } });

      // A preview compares the program with state, which has not seen any of it.
      const blind = await p.previewJson();
      expect(blind.changeSummary).toEqual({ same: NAMES.length + 1 });

      // Refresh reports each change as an update of its resource and the deletion as a delete.
      const refresh = await p.refresh(["--json"]);
      expect(operations(refresh.stdout)).toEqual({ lb: "same", http: "update", pool: "update", m1: "update", m2: "delete", "fleet-pool": "same", fleet: "update" });

      // State now holds the live values, in outputs and in inputs alike.
      const state = await p.resources();
      expect(state.has("m2")).toBe(false);
      expect([state.get("m1")!.inputs?.weight, state.get("m1")!.outputs?.weight]).toEqual([9, 9]);
      expect([state.get("http")!.inputs?.name, state.get("http")!.outputs?.name]).toEqual(["renamed", "renamed"]);
      expect([state.get("pool")!.inputs?.lbAlgorithm, state.get("pool")!.outputs?.lbAlgorithm]).toEqual(["LEAST_CONNECTIONS", "LEAST_CONNECTIONS"]);
      const live = ["192.168.0.100", "192.168.0.102", "192.168.0.200"];
      expect(addressesOf(state.get("fleet")!.inputs?.members)).toEqual(live);
      expect(addressesOf(state.get("fleet")!.outputs?.members)).toEqual(live);

      // So the next preview shows what puts the program back.
      const seen = await p.previewJson();
      expect(previewOps(seen, NAMES)).toEqual({ lb: "", http: "update", pool: "update", m1: "update", m2: "create", "fleet-pool": "", fleet: "update" });
      expect(seen.changeSummary).toEqual({ same: 3, update: 4, create: 1 });

      const up = await p.up();
      // The CLI lists the inputs that differ between state and program; a server-decided field the
      // refresh recorded (the default pool the pool's listenerId set) shows as removed, but the
      // update leaves it as it is.
      expect(up.stdout).toMatch(/Listener http updated .*\[diff: -defaultPoolId~name\]/);
      expect((await eng.api.get<{ member: { weight: number } }>(`/pools/${ids.pool}/members/${ids.m1}`)).member.weight).toBe(5);
      expect((await eng.api.get<{ listener: { name: string; default_pool_id: string } }>(`/listeners/${ids.listener}`)).listener).toMatchObject({ name: "front", default_pool_id: ids.pool });
      expect((await eng.api.get<{ pool: { lb_algorithm: string } }>(`/pools/${ids.pool}`)).pool.lb_algorithm).toBe("ROUND_ROBIN");
      const members = await eng.api.list(`/pools/${ids.pool}/members`, "members");
      expect(members.map((m) => m.address).sort()).toEqual(["192.168.0.10", "192.168.0.11"]);
      expect(members.find((m) => m.address === "192.168.0.11")!.id).not.toBe(ids.m2);
      expect(addressesOf(await eng.api.list(`/pools/${ids.fleetPool}/members`, "members"))).toEqual(["192.168.0.100", "192.168.0.101", "192.168.0.102"]);

      expect((await p.preview(["--expect-no-changes"])).code).toBe(0);
    } finally {
      p.cleanup();
      await eng.close();
    }
  });
});
