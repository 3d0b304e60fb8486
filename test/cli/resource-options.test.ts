// Pulumi's resource options on ELB resources, through the real CLI, proven against what the
// engine holds and the requests it received (the provider talks to it through a recording
// proxy): dependsOn, aliases, ignoreChanges, deleteBeforeReplace, protect, retainOnDelete. The
// scenarios share one stack and run in order; each starts by applying the program it needs.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testEngine, type TestEngine } from "../provider/harness/engine";
import { startProxy, type Proxy } from "../provider/harness/proxy";
import { engineHoldings, stateHoldings } from "./support/holdings";
import { Project, stepsFor } from "./support/project";

const cli = inject("pulumiCli");

const SUBNET = "9d2e4f60-1a2b-4c3d-8e4f-000000000002";

interface Shape {
  /** Resource options of the load balancer, the listener and the member, as TypeScript source. */
  lb?: string;
  listener?: string;
  member?: string;
  memberName?: string;
  address?: string;
  weight?: number;
  port?: number;
  /** Leave the member out of the program. */
  noMember?: boolean;
}

/** A load balancer with a TCP listener, its pool, the pool's health check and one member. */
const program = (s: Shape = {}) => `import * as elb from "pulumi-elb";
const SUBNET = "${SUBNET}";
const lb = new elb.LoadBalancer("lb", { name: "options", availabilityZoneList: ["local-1a"], vipSubnetCidrId: SUBNET }, ${s.lb ?? "{}"});
const listener = new elb.Listener("tcp", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: ${s.port ?? 9000} }, ${s.listener ?? "{}"});
const pool = new elb.Pool("pool", { listenerId: listener.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN" });
const check = new elb.HealthMonitor("check", { poolId: pool.id, type: "TCP", delay: 5, timeout: 3, maxRetries: 2 });
${s.noMember ? "" : `new elb.Member("${s.memberName ?? "app-1"}", { poolId: pool.id, address: "${s.address ?? "192.168.0.11"}", protocolPort: 80, subnetCidrId: SUBNET, weight: ${s.weight ?? 5} }, ${s.member ?? "{}"});`}
`;

interface Member {
  id: string;
  address: string;
  weight: number;
  created_at: string;
}

describe.skipIf(!cli)("resource options through the real CLI", () => {
  let eng: TestEngine;
  let proxy: Proxy;
  let p: Project;
  let poolId: string;

  beforeAll(async () => {
    eng = await testEngine();
    proxy = await startProxy(eng.url);
    p = await Project.create(cli!, { name: "options", program: program() });
    await p.setConfig("elb:endpoint", proxy.url);
  });
  afterAll(async () => {
    p?.cleanup();
    await proxy?.close();
    await eng?.close();
  });

  const members = () => eng.api.list(`/pools/${poolId}/members`, "members") as Promise<(Member & Record<string, unknown>)[]>;
  /** The engine holds exactly what state records. */
  async function engineMatchesState() {
    const resources = await p.resources();
    const held = await engineHoldings(eng.api);
    expect(held).toEqual(stateHoldings(resources.values()));
    return { resources, held };
  }
  async function apply(source: string) {
    p.writeProgram(source);
    await p.up();
  }

  it("dependsOn: a member that depends on the health check is created after it", async () => {
    // The check's create is held 2.5 s on its way to the engine: a member created alongside it
    // rather than after it would reach the engine first and be stamped seconds earlier.
    proxy.rules.push({ method: "POST", path: /\/healthmonitors$/, times: 1, fault: "delay-before", delayMs: 2500 });
    await apply(program({ member: "{ dependsOn: [check] }" }));
    expect(proxy.rules.map((r) => r.times)).toEqual([0]);
    const { resources } = await engineMatchesState();
    poolId = resources.get("pool")!.id!;
    const [member] = await members();
    const { healthmonitor } = await eng.api.get<{ healthmonitor: { created_at: string } }>(`/healthmonitors/${resources.get("check")!.id!}`);
    expect(member.created_at >= healthmonitor.created_at, `member created ${member.created_at}, check ${healthmonitor.created_at}`).toBe(true);
    const posts = proxy.log.filter((l) => l.method === "POST").map((l) => l.path.split("/").pop());
    expect(posts.indexOf("members")).toBeGreaterThan(posts.indexOf("healthmonitors"));
  });

  it("aliases: renaming a member with an alias to its old name is no change, not a replacement", async () => {
    const [before] = await members();
    const renamed = program({ memberName: "backend-1", member: '{ dependsOn: [check], aliases: [{ name: "app-1" }] }' });
    p.writeProgram(renamed);
    const preview = await p.previewJson();
    expect((preview.steps ?? []).filter((s) => s.op !== "same")).toEqual([]);
    expect(preview.changeSummary).toEqual({ same: 6 });

    await p.up();
    const { resources } = await engineMatchesState();
    expect([...resources.keys()]).toContain("backend-1");
    expect([...resources.keys()]).not.toContain("app-1");
    expect(resources.get("backend-1")!.id).toBe(before.id);
    expect((await members()).map((m) => m.id)).toEqual([before.id]);
  });

  it("ignoreChanges: a changed ignored input is no diff and is not sent; refresh and up keep drift in it", async () => {
    const ignoring = program({ memberName: "backend-1", weight: 9, member: '{ dependsOn: [check], ignoreChanges: ["weight"] }' });
    p.writeProgram(ignoring);
    const preview = await p.previewJson();
    expect(stepsFor(preview, "backend-1").map((s) => s.op)).toEqual([]);
    expect(preview.changeSummary).toEqual({ same: 6 });
    const sent = proxy.log.length;
    await p.up();
    expect(proxy.log.slice(sent).filter((l) => l.method === "PUT")).toEqual([]);
    const [member] = await members();
    expect(member.weight).toBe(5);

    // Drift in the ignored input: refresh records it, and the next up leaves it alone.
    await eng.api.put(`/pools/${poolId}/members/${member.id}`, { member: { weight: 7 } });
    await p.refresh();
    expect((await p.resources()).get("backend-1")!.inputs).toMatchObject({ weight: 7 });
    await p.up();
    expect((await members()).map((m) => m.weight)).toEqual([7]);
  });

  it("deleteBeforeReplace: a replacement that would create first deletes first, and the engine never holds both", async () => {
    const [old] = await members();
    // A new address does not collide with the old member, so without the option Pulumi would create first.
    const moved = program({ memberName: "backend-1", address: "192.168.0.12", weight: 7, member: "{ dependsOn: [check], deleteBeforeReplace: true }" });
    p.writeProgram(moved);
    const ops = stepsFor(await p.previewJson(["--show-replacement-steps"]), "backend-1").map((s) => s.op);
    expect(ops.indexOf("delete-replaced")).toBeGreaterThanOrEqual(0);
    expect(ops.indexOf("delete-replaced")).toBeLessThan(ops.indexOf("create-replacement"));

    const sent = proxy.log.length;
    await p.up();
    const writes = proxy.log.slice(sent).filter((l) => l.method !== "GET" && l.path.includes("/members"));
    expect(writes.map((l) => [l.method, l.path.split("/elb")[1], l.status])).toEqual([
      ["DELETE", `/pools/${poolId}/members/${old.id}`, 204],
      ["POST", `/pools/${poolId}/members`, 201],
    ]);
    await engineMatchesState();
    expect((await members()).map((m) => m.address)).toEqual(["192.168.0.12"]);
  });

  it("protect: a replacing change and destroy are refused, and the protected listener is never deleted", async () => {
    const base = { memberName: "backend-1", address: "192.168.0.12", weight: 7, member: "{ dependsOn: [check] }" };
    await apply(program({ ...base, listener: "{ protect: true }" }));
    const before = await engineMatchesState();
    const listenerId = before.resources.get("tcp")!.id!;

    p.writeProgram(program({ ...base, listener: "{ protect: true }", port: 9001 }));
    const replacing = await p.up([], { allowFailure: true });
    expect(replacing.code).not.toBe(0);
    expect(replacing.stdout).toMatch(/unable to replace resource "urn:[^"]+::tcp"\s+as it is currently marked for protection/);
    expect(await engineHoldings(eng.api)).toEqual(before.held);

    // Destroy deletes what it may and refuses the protected listener (and the load balancer it needs).
    const destroy = await p.destroy([], { allowFailure: true });
    expect(destroy.code).not.toBe(0);
    expect(destroy.stdout).toMatch(/resource "urn:[^"]+::tcp" cannot be deleted\s+because it is protected/);
    const { held } = await engineMatchesState();
    expect(held.listeners).toEqual([listenerId]);
    expect(held.loadbalancers).toEqual(before.held.loadbalancers);
  });

  it("retainOnDelete: a member removed from the program, and a load balancer destroyed, stay in the engine", async () => {
    const retained = { memberName: "backend-1", address: "192.168.0.12", weight: 7, lb: "{ retainOnDelete: true }", member: "{ retainOnDelete: true }" };
    await apply(program(retained));
    const { resources } = await engineMatchesState();
    poolId = resources.get("pool")!.id!;
    const memberId = resources.get("backend-1")!.id!;

    await apply(program({ ...retained, noMember: true }));
    expect((await p.resources()).has("backend-1")).toBe(false);
    expect((await members()).map((m) => m.id)).toEqual([memberId]);

    // The retained member belongs to no stack now, but still counts in its pool, which the API
    // refuses to delete while it has members (rule P6): destroy stops there until it is gone.
    const blocked = await p.destroy([], { allowFailure: true });
    expect(blocked.code).not.toBe(0);
    expect(blocked.stdout).toContain(`Pool ${poolId} still has 1 member(s)`);
    await eng.api.delete(`/pools/${poolId}/members/${memberId}`);
    await p.destroy();
    expect((await p.resources()).size).toBe(0);
    expect(await engineHoldings(eng.api)).toEqual({ loadbalancers: [resources.get("lb")!.id], listeners: [], pools: [], healthmonitors: [], members: [] });
  });
});
