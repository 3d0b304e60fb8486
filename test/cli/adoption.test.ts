// Scenario 5: bringing objects made outside the stack under management, with the real CLI.
// Pulumi's `import` option cannot reach a dynamic provider (its import step calls Read with no
// provider state, pulumi/pulumi#3550), so resources take `adoptId`, and a new MemberSet takes
// over the members its pool already has.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { NET, testEngine, type Obj, type TestEngine } from "../provider/harness/engine";
import { Project } from "./support/project";

const cli = inject("pulumiCli");

interface Existing {
  lb: string;
  listener: string;
  pool: string;
  member: string;
  monitor: string;
  setPool: string;
  handMade: string;
  kept: string;
}

/** Objects made through the API, as someone did before the stack existed. */
async function makeByHand(eng: TestEngine): Promise<Existing> {
  const post = async (path: string, body: Obj) => Object.values(await eng.api.post<Record<string, Obj>>(path, body))[0] as Obj & { id: string };
  const lb = await post("/loadbalancers", { loadbalancer: { name: "legacy", availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateSubnetA } });
  const listener = await post("/listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTP", protocol_port: 80, name: "old-name" } });
  const pool = await post("/pools", { pool: { listener_id: listener.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } });
  const member = await post(`/pools/${pool.id}/members`, { member: { address: "192.168.0.10", protocol_port: 8080, subnet_cidr_id: NET.privateSubnetA, weight: 7 } });
  const monitor = await post("/healthmonitors", { healthmonitor: { pool_id: pool.id, type: "TCP", delay: 10, timeout: 5, max_retries: 3 } });
  const setPool = await post("/pools", { pool: { loadbalancer_id: lb.id, protocol: "TCP", lb_algorithm: "LEAST_CONNECTIONS", name: "fleet" } });
  const kept = await post(`/pools/${setPool.id}/members`, { member: { address: "192.168.0.20", protocol_port: 9000, subnet_cidr_id: NET.privateSubnetA } });
  const handMade = await post(`/pools/${setPool.id}/members`, { member: { address: "192.168.0.99", protocol_port: 9000, subnet_cidr_id: NET.privateSubnetA } });
  return { lb: lb.id, listener: listener.id, pool: pool.id, member: member.id, monitor: monitor.id, setPool: setPool.id, handMade: handMade.id, kept: kept.id };
}

const program = (e: Existing, overrides: { listenerPort?: number } = {}) => `
import * as elb from "pulumi-elb";
const SUBNET = "${NET.privateSubnetA}";
const lb = new elb.LoadBalancer("legacy", { name: "legacy", availabilityZoneList: ["local-1a"], vipSubnetCidrId: SUBNET, adoptId: "${e.lb}" });
const web = new elb.Listener("web", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: ${overrides.listenerPort ?? 80}, name: "web", adoptId: "${e.listener}" });
const pool = new elb.Pool("web-pool", { listenerId: web.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", adoptId: "${e.pool}" });
new elb.Member("web-1", { poolId: pool.id, address: "192.168.0.10", protocolPort: 8080, subnetCidrId: SUBNET, weight: 3, adoptId: "${e.member}" });
new elb.HealthMonitor("web-check", { poolId: pool.id, type: "TCP", delay: 10, timeout: 5, maxRetries: 3, adoptId: "${e.monitor}" });
const fleetPool = new elb.Pool("fleet-pool", { loadbalancerId: lb.id, protocol: "TCP", lbAlgorithm: "LEAST_CONNECTIONS", name: "fleet", adoptId: "${e.setPool}" });
new elb.MemberSet("fleet", { poolId: fleetPool.id, members: [
  { address: "192.168.0.20", protocolPort: 9000, subnetCidrId: SUBNET, weight: 4 },
  { address: "192.168.0.21", protocolPort: 9000, subnetCidrId: SUBNET },
] });
`;

describe.skipIf(!cli)("adopting existing objects with the real CLI", () => {
  let eng: TestEngine;
  beforeAll(async () => {
    eng = await testEngine();
  });
  afterAll(() => eng?.close());

  /** Every object the engine holds, by kind, as ids. */
  const holdings = async () => {
    const ids = async (path: string, plural: string) => (await eng.api.list(path, plural)).map((o) => o.id).sort();
    const pools = await ids("/pools", "pools");
    const members: string[] = [];
    for (const pool of pools) members.push(...(await ids(`/pools/${pool}/members`, "members")));
    return { loadbalancers: await ids("/loadbalancers", "loadbalancers"), listeners: await ids("/listeners", "listeners"), pools, members: members.sort(), healthmonitors: await ids("/healthmonitors", "healthmonitors") };
  };

  it("adoptId takes over a load balancer, listener, pool, member and monitor, and a MemberSet its pool's members; nothing is made twice", async () => {
    const e = await makeByHand(eng);
    const before = await holdings();
    const p = await Project.create(cli!, { name: "adopt", program: program(e) });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      await p.preview();
      expect(await holdings()).toEqual(before);

      await p.up();
      const after = await holdings();
      // The same objects, no new ones, except the set's new member; the hand-made one is gone.
      expect(after.loadbalancers).toEqual(before.loadbalancers);
      expect(after.listeners).toEqual(before.listeners);
      expect(after.pools).toEqual(before.pools);
      expect(after.healthmonitors).toEqual(before.healthmonitors);
      expect(after.members).toContain(e.member);
      expect(after.members).toContain(e.kept);
      expect(after.members).not.toContain(e.handMade);
      expect(after.members).toHaveLength(3);
      // Updated to what the program says.
      expect((await eng.api.get<{ listener: Obj }>(`/listeners/${e.listener}`)).listener.name).toBe("web");
      expect((await eng.api.get<{ member: Obj }>(`/pools/${e.pool}/members/${e.member}`)).member.weight).toBe(3);
      expect((await eng.api.get<{ member: Obj }>(`/pools/${e.setPool}/members/${e.kept}`)).member.weight).toBe(4);

      // State holds the adopted ids; the stack is now in step with the engine.
      const state = await p.resources();
      expect(state.get("legacy")?.id).toBe(e.lb);
      expect(state.get("web-1")?.id).toBe(e.member);
      expect((await p.previewJson()).changeSummary).toEqual({ same: 8 });
      expect((await p.refresh(["--expect-no-changes"])).code).toBe(0);

      // Managed from now on: destroy deletes them.
      await p.destroy();
      expect(await holdings()).toEqual({ loadbalancers: [], listeners: [], pools: [], members: [], healthmonitors: [] });
    } finally {
      p.cleanup();
    }
  });

  it("refuses to adopt an object whose create-only inputs differ, or that does not exist, naming the input; nothing is made", async () => {
    const e = await makeByHand(eng);
    const before = await holdings();
    const p = await Project.create(cli!, { name: "adopt-wrong", program: program(e, { listenerPort: 8080 }) });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      const wrongPort = await p.up([], { allowFailure: true });
      expect(wrongPort.code).not.toBe(0);
      expect(wrongPort.stdout).toContain(`cannot adopt listener ${e.listener}: protocolPort is 80 there and 8080 in the program`);
      const missing = "0b7c8f5e-0000-4000-8000-000000000000";
      p.writeProgram(program({ ...e, monitor: missing }));
      const gone = await p.up([], { allowFailure: true });
      expect(gone.code).not.toBe(0);
      expect(gone.stdout).toContain(`adoptId: there is no health monitor ${missing}`);
      p.writeProgram(program({ ...e, pool: "not-an-id" }));
      const malformed = await p.preview([], { allowFailure: true });
      expect(malformed.code).not.toBe(0);
      expect(malformed.stdout).toMatch(/adoptId.*"not-an-id" is not a UUID/);
      // Nothing new in the engine: the failed applies adopted or made nothing beyond what existed.
      const after = await holdings();
      expect(after.listeners).toEqual(before.listeners);
      expect(after.healthmonitors).toEqual(before.healthmonitors);
      expect(after.pools).toEqual(before.pools);
      expect(after.loadbalancers).toEqual(before.loadbalancers);
    } finally {
      p.cleanup();
    }
  });

  it("get reads existing objects into a program without managing them", async () => {
    const e = await makeByHand(eng);
    const p = await Project.create(cli!, {
      name: "get",
      program: `
import * as elb from "pulumi-elb";
const lb = elb.LoadBalancer.get("legacy", "${e.lb}");
const member = elb.Member.get("web-1", "${e.pool}/${e.member}");
const fleet = elb.MemberSet.get("fleet", "${e.setPool}");
export const vip = lb.vipAddress;
export const weight = member.weight;
export const fleetAddresses = fleet.members.apply((ms) => ms.map((m) => m.address).sort());
`,
    });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      const before = await holdings();
      await p.up();
      const lb = (await eng.api.get<{ loadbalancer: Obj }>(`/loadbalancers/${e.lb}`)).loadbalancer;
      expect(await p.outputs()).toEqual({ vip: lb.vip_address, weight: 7, fleetAddresses: ["192.168.0.20", "192.168.0.99"] });
      await p.destroy();
      expect(await holdings()).toEqual(before);
    } finally {
      p.cleanup();
    }
  });

  it("Pulumi's import option cannot reach a dynamic provider, which is why adoptId exists", async () => {
    const e = await makeByHand(eng);
    const p = await Project.create(cli!, {
      name: "import-option",
      program: `import * as elb from "pulumi-elb";\nnew elb.LoadBalancer("legacy", { name: "legacy", availabilityZoneList: ["local-1a"], vipSubnetCidrId: "${NET.privateSubnetA}" }, { import: "${e.lb}" });\n`,
    });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      const r = await p.preview([], { allowFailure: true });
      expect(r.code).not.toBe(0);
      // The provider host finds no provider in the empty state the import step reads with.
      expect(r.stdout).toContain("code must be a string");
    } finally {
      p.cleanup();
    }
  });
});
