// A `pulumi up` of 200 single members stopped half-way, with SIGINT (Ctrl-C) and with SIGKILL,
// and the recovery the README gives under "If `pulumi up` is interrupted", run as written there.
// Either way the end is the program's stack and nothing else: the load balancer, listener and pool
// and exactly the 200 members, each once, each known to state.
import { execFileSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { NET, testEngine, type TestEngine } from "../provider/harness/engine";
import { Project, type StackExport } from "./support/project";
import { codeBlocks, readmeSection, shellCommands } from "./support/readme";

const cli = inject("pulumiCli");

/** The README's recovery after a killed `pulumi up`: its commands, as written. */
const RECOVERY = shellCommands(codeBlocks(readmeSection("If `pulumi up` is interrupted"), "sh")[0]);

const MEMBERS = 200;
const ADDRESSES = Array.from({ length: MEMBERS }, (_, i) => `192.168.0.${1 + i}`);

/** Single `Member`s, so the creates are many and several are in flight at any moment. */
const PROGRAM = `
import * as elb from "pulumi-elb";
const SUBNET = "${NET.privateSubnetA}";
const lb = new elb.LoadBalancer("lb", { name: "interrupted", availabilityZoneList: ["local-1a"], vipSubnetCidrId: SUBNET });
const listener = new elb.Listener("tcp", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 443 });
const pool = new elb.Pool("pool", { listenerId: listener.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN" });
for (let i = 0; i < ${MEMBERS}; i++) new elb.Member("m" + i, { poolId: pool.id, address: "192.168.0." + (1 + i), protocolPort: 80, subnetCidrId: SUBNET });
`;

const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** What the engine holds: every object id by kind, and the members' addresses. */
async function engineHolds(eng: TestEngine) {
  const [loadbalancers, listeners, pools] = await Promise.all(["loadbalancers", "listeners", "pools"].map((plural) => eng.api.list(`/${plural}`, plural)));
  const members = (await Promise.all(pools.map((p) => eng.api.list(`/pools/${p.id}/members`, "members")))).flat();
  return { loadbalancers, listeners, pools, members };
}

const membersIn = (state: StackExport) => (state.deployment.resources ?? []).filter((r) => r.type === "pulumi-nodejs:dynamic/elb:Member");
const idsOf = (state: StackExport, type: string) => (state.deployment.resources ?? []).filter((r) => r.type === `pulumi-nodejs:dynamic/elb:${type}`).map((r) => r.id);

/** The engine holds the program's stack and nothing else, each object once and known to state. */
async function expectExactlyTheProgram(eng: TestEngine, state: StackExport) {
  const held = await engineHolds(eng);
  expect(state.deployment.pending_operations ?? []).toEqual([]);
  expect(held.loadbalancers.map((o) => o.id)).toEqual(idsOf(state, "LoadBalancer"));
  expect(held.listeners.map((o) => o.id)).toEqual(idsOf(state, "Listener"));
  expect(held.pools.map((o) => o.id)).toEqual(idsOf(state, "Pool"));
  expect(held.members.map((m) => String(m.address)).sort()).toEqual([...ADDRESSES].sort());
  expect(held.members.map((m) => m.id).sort()).toEqual(membersIn(state).map((m) => m.id).sort());
}

/**
 * Starts `pulumi up`, waits until the engine holds some but not all of the members, and signals
 * the `pulumi` process alone, as Ctrl-C in a terminal does (Pulumi starts its plugins in process
 * groups of their own). Returns how the CLI ended and the plugins it had started.
 */
async function interruptedUp(p: Project, eng: TestEngine, signal: NodeJS.Signals) {
  const run = p.start(["up", "--yes", "--non-interactive", "--skip-preview"]);
  const exited = { now: false };
  void run.done.then(() => (exited.now = true));
  await until("the engine holds some members", async () => {
    if (exited.now) throw new Error(`pulumi up ended before it could be interrupted:\n${(await run.done).stdout}`);
    const n = (await engineHolds(eng)).members.length;
    return n >= 20 ? n : undefined;
  });
  const plugins = execFileSync("pgrep", ["-P", String(run.child.pid)], { encoding: "utf8" }).trim().split("\n").map(Number);
  run.child.kill(signal);
  const result = await run.done;
  expect((await engineHolds(eng)).members.length).toBeLessThan(MEMBERS);
  return { result, plugins };
}

describe.skipIf(!cli)("a pulumi up interrupted half-way", () => {
  it("SIGINT: Pulumi finishes the creates in flight and saves them; the next up makes the rest", async () => {
    const eng = await testEngine();
    const p = await Project.create(cli!, { name: "interrupted-int", program: PROGRAM });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      const { result } = await interruptedUp(p, eng, "SIGINT");
      expect(result.code).not.toBe(0);
      expect(result.stdout).toMatch(/\^C received; cancelling/);
      expect(result.stdout).toMatch(/error: update canceled/);

      // Nothing is pending and nothing is unknown to state: every create that started was
      // finished and recorded before the CLI exited.
      const saved = await p.exported();
      expect(saved.deployment.pending_operations ?? []).toEqual([]);
      const held = await engineHolds(eng);
      expect(held.members.length).toBeGreaterThan(0);
      expect(held.members.map((m) => m.id).sort()).toEqual(membersIn(saved).map((m) => m.id).sort());

      // "run `pulumi up --yes` again"
      await p.run(["up", "--yes"]);
      await expectExactlyTheProgram(eng, await p.exported());
    } finally {
      p.cleanup();
      await eng.close();
    }
  });

  it("SIGKILL: the README's pulumi cancel, refresh --clear-pending-creates and up; members made while the CLI was dead are taken over, not made twice", async () => {
    const eng = await testEngine();
    const p = await Project.create(cli!, { name: "interrupted-kill", program: PROGRAM });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      const { result, plugins } = await interruptedUp(p, eng, "SIGKILL");
      expect(result.signal).toBe("SIGKILL");
      // The plugins outlive the CLI and finish the creates they were sent: members the CLI never
      // hears of. Once the engine is quiet they are stopped (each leads its process group).
      let before = -1;
      await until("the orphaned provider has finished its creates", async () => {
        const n = (await engineHolds(eng)).members.length;
        const quiet = n === before;
        before = n;
        await new Promise((r) => setTimeout(r, 300));
        return quiet ? n : undefined;
      });
      for (const pid of plugins) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }

      // State has the creates that were in flight as pending operations, and the engine holds
      // members state does not know: made by those creates, whose answers were lost.
      const killed = await p.exported();
      const pending = killed.deployment.pending_operations ?? [];
      expect(pending.length).toBeGreaterThan(0);
      expect(pending.every((op) => op.type === "creating" && op.resource.type === "pulumi-nodejs:dynamic/elb:Member")).toBe(true);
      const known = new Set(membersIn(killed).map((m) => String(m.inputs?.address)));
      const lost = (await engineHolds(eng)).members.filter((m) => !known.has(String(m.address))).map((m) => String(m.address));
      expect(lost.length).toBeGreaterThan(0);
      expect(pending.map((op) => String(op.resource.inputs?.address))).toEqual(expect.arrayContaining(lost));

      // Without the recovery the next up cannot even start: the killed CLI still holds the lock.
      const locked = await p.up([], { allowFailure: true });
      expect(locked.code).not.toBe(0);
      expect(locked.stdout + locked.stderr).toMatch(/the stack is currently locked/);

      // The recovery, as the README gives it.
      expect(RECOVERY.map((c) => c.slice(0, 2).join(" "))).toEqual(["pulumi cancel", "pulumi refresh", "pulumi up"]);
      for (const [, ...args] of RECOVERY) await p.run(args);

      await expectExactlyTheProgram(eng, await p.exported());
    } finally {
      p.cleanup();
      await eng.close();
    }
  });
});
