// Provider convergence: a realistic stack applied through the real provider host while the
// engine fails a share of requests (errors, resets before and after the write) and is killed and
// restarted mid-apply. A second `up` must converge, the engine must then hold exactly the
// declared objects (no duplicates, no orphans), and a destroy must leave nothing.
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { startEngine, type RunningEngine } from "../../provider/engine/engine";
import { parseFaultSpec } from "../../provider/engine/faults";
import { Api, NET } from "../provider/harness/engine";
import { HostError, ProviderHost } from "../provider/harness/host";
import { Resources, type Obj, type State } from "../provider/harness/lifecycle";
import type { ProviderKind } from "../provider/harness/serialize";
import { freePort } from "../support/net";

export interface ConvergenceStats {
  declared: number;
  faultsInjected: number;
  restarts: number;
  ups: number;
  objectsChecked: number;
  violations: string[];
}

interface Declared {
  name: string;
  kind: ProviderKind;
  args: (ids: Map<string, string>) => Obj;
  dependsOn: string[];
}

/** The stack: 1 load balancer, 4 listeners, 4 pools with monitors, members singly and as a MemberSet. */
function stack(members: number): Declared[] {
  const out: Declared[] = [
    { name: "lb", kind: "loadbalancer", dependsOn: [], args: () => ({ name: "converge", availabilityZoneList: ["local-1a", "local-1b"], vipSubnetCidrId: NET.privateSubnetA }) },
  ];
  const single = Math.floor(members / 2);
  for (let i = 0; i < 4; i++) {
    out.push({ name: `listener${i}`, kind: "listener", dependsOn: ["lb"], args: (ids) => ({ loadbalancerId: ids.get("lb"), protocol: i % 2 ? "TCP" : "HTTP", protocolPort: 8000 + i }) });
    out.push({ name: `pool${i}`, kind: "pool", dependsOn: [`listener${i}`], args: (ids) => ({ listenerId: ids.get(`listener${i}`), protocol: i % 2 ? "TCP" : "HTTP", lbAlgorithm: "ROUND_ROBIN" }) });
    out.push({ name: `monitor${i}`, kind: "healthmonitor", dependsOn: [`pool${i}`], args: (ids) => ({ poolId: ids.get(`pool${i}`), type: "TCP", delay: 5, timeout: 3, maxRetries: 3 }) });
  }
  // Single members spread over pools 0-2; pool 3's members are one MemberSet.
  for (let m = 0; m < single; m++) {
    const pool = `pool${m % 3}`;
    out.push({ name: `member${m}`, kind: "member", dependsOn: [pool], args: (ids) => ({ poolId: ids.get(pool), address: `192.168.0.${(m % 250) + 2}`, protocolPort: 80 + Math.floor(m / 250), subnetCidrId: NET.privateSubnetA, weight: m % 101 }) });
  }
  out.push({
    name: "memberset",
    kind: "memberset",
    dependsOn: ["pool3"],
    args: (ids) => ({
      poolId: ids.get("pool3"),
      members: Array.from({ length: members - single }, (_, m) => ({ address: `192.168.1.${(m % 250) + 2}`, protocolPort: 9000 + Math.floor(m / 250), subnetCidrId: NET.privateSubnetB, weight: (m * 7) % 101 })),
    }),
  });
  return out;
}

/** The engine on a fixed port and data dir, so the provider finds it again after a restart. */
class RestartableEngine {
  private running?: RunningEngine;
  faults = 0;
  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly faultSpec: string,
  ) {}
  async start(): Promise<void> {
    this.running = await startEngine({ port: this.port, dataDir: this.dataDir, faults: this.faultSpec ? parseFaultSpec(this.faultSpec) : undefined, log: () => {} });
  }
  /** Stops abruptly: open connections are dropped mid-request, as in a crash. */
  async kill(): Promise<void> {
    const r = this.running;
    this.running = undefined;
    if (!r) return;
    const c = r.faults?.counters;
    if (c) this.faults += c.errors + c.resetsBefore + c.resetsAfter + c.pending;
    await r.close();
  }
}

/** One `pulumi up`: creates what state lacks, in dependency order, in parallel where it can. */
async function up(res: Resources, declared: Declared[], state: Map<string, State>, parallel: number, onProgress: (done: number) => void): Promise<string[]> {
  const failures: string[] = [];
  const ids = () => new Map([...state].map(([k, v]) => [k, v.id]));
  let done = 0;
  const remaining = declared.filter((d) => !state.has(d.name));
  const failed = new Set<string>();
  while (remaining.length) {
    const ready = remaining.filter((d) => d.dependsOn.every((dep) => state.has(dep)));
    const blocked = remaining.filter((d) => d.dependsOn.some((dep) => failed.has(dep)));
    if (ready.length === 0) {
      for (const b of blocked) failures.push(`${b.name}: skipped, a dependency failed`);
      break;
    }
    const queue = [...ready];
    const work = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        remaining.splice(remaining.indexOf(d), 1);
        try {
          state.set(d.name, await res.create(d.kind, d.args(ids())));
        } catch (e) {
          const init = e instanceof HostError ? e.initFailed : undefined;
          // A partial initialization is recorded with its id, as Pulumi records it; the next up updates it.
          if (init?.id) state.set(d.name, { id: init.id, inputs: res.inputs(d.kind, d.args(ids())), outputs: init.properties });
          else failed.add(d.name);
          failures.push(`${d.name}: ${(e as Error).message.split("\n")[0]}`);
        }
        onProgress(++done);
      }
    };
    await Promise.all(Array.from({ length: parallel }, work));
    if (remaining.every((d) => d.dependsOn.some((dep) => failed.has(dep) || !state.has(dep)))) {
      for (const b of remaining) failures.push(`${b.name}: skipped, a dependency failed`);
      break;
    }
  }
  return failures;
}

export async function converge(opts: { members: number; faultSpec: string; restarts: number; maxUps: number }): Promise<ConvergenceStats> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "elb-converge-"));
  const port = await freePort();
  const engine = new RestartableEngine(port, dataDir, opts.faultSpec);
  const url = `http://127.0.0.1:${port}`;
  const declared = stack(opts.members);
  const stats: ConvergenceStats = { declared: declared.length - 1 + opts.members - Math.floor(opts.members / 2), faultsInjected: 0, restarts: 0, ups: 0, objectsChecked: 0, violations: [] };
  await engine.start();
  const host = await ProviderHost.start({ "elb:endpoint": url, "elb:timeout": "120s" });
  try {
    const res = await Resources.on(host);
    const state = new Map<string, State>();
    // Kill and restart the engine at evenly spread points of the first apply.
    const killAt = new Set(Array.from({ length: opts.restarts }, (_, i) => Math.floor(((i + 1) * declared.length) / (opts.restarts + 1))));
    let restarting = Promise.resolve();
    const onProgress = (done: number) => {
      if (!killAt.delete(done)) return;
      restarting = restarting.then(async () => {
        await engine.kill();
        await new Promise((r) => setTimeout(r, 200));
        await engine.start();
        stats.restarts++;
      });
    };
    let failures: string[] = [];
    do {
      stats.ups++;
      failures = await up(res, declared, state, 16, onProgress);
      await restarting;
      // A partially initialized resource is brought to its declared inputs by the next up.
      for (const d of declared) {
        const s = state.get(d.name);
        if (!s || s.outputs.provisioningStatus === "ACTIVE" || failures.every((f) => !f.startsWith(`${d.name}:`))) continue;
        try {
          state.set(d.name, (await res.apply(d.kind, s, d.args(new Map([...state].map(([k, v]) => [k, v.id]))))).state);
        } catch (e) {
          failures.push(`${d.name} (update): ${(e as Error).message.split("\n")[0]}`);
        }
      }
    } while (failures.length && stats.ups < opts.maxUps);
    if (failures.length) stats.violations.push(`did not converge after ${stats.ups} ups: ${failures.slice(0, 3).join("; ")}`);

    // Exactly the declared objects, read without faults from a clean engine on the same state.
    await engine.kill();
    const verifier = new RestartableEngine(port, dataDir, "");
    await verifier.start();
    const api = new Api(url);
    const lbs = await api.list("/loadbalancers", "loadbalancers");
    const listeners = await api.list("/listeners", "listeners");
    const pools = await api.list("/pools", "pools");
    const monitors = await api.list("/healthmonitors", "healthmonitors");
    const members = (await Promise.all(pools.map((p) => api.list(`/pools/${p.id}/members`, "members")))).flat();
    const expect = (what: string, got: number, want: number) => {
      if (got !== want) stats.violations.push(`${what}: ${got} in the engine, ${want} declared`);
    };
    expect("load balancers", lbs.length, 1);
    expect("listeners", listeners.length, 4);
    expect("pools", pools.length, 4);
    expect("health monitors", monitors.length, 4);
    expect("members", members.length, opts.members);
    for (const [name, s] of state) {
      if (name === "memberset") continue;
      const kind = declared.find((d) => d.name === name)!.kind;
      const found = { loadbalancer: lbs, listener: listeners, pool: pools, healthmonitor: monitors, member: members, memberset: [], certificate: [], security_policy: [], ipgroup: [] }[kind].some((o) => o.id === s.id);
      if (!found) stats.violations.push(`${name}: state says ${s.id}, the engine has no such ${kind}`);
    }
    stats.objectsChecked = lbs.length + listeners.length + pools.length + monitors.length + members.length;
    await verifier.kill();

    // Destroy, in reverse dependency order, with the faults still on.
    await engine.start();
    const order: ProviderKind[] = ["memberset", "member", "healthmonitor", "pool", "listener", "loadbalancer"];
    for (const kind of order) {
      const doomed = declared.filter((d) => d.kind === kind && state.has(d.name));
      const queue = [...doomed];
      const work = async () => {
        for (let d = queue.shift(); d; d = queue.shift()) {
          for (let attempt = 1; ; attempt++) {
            try {
              await res.delete(kind, state.get(d.name)!);
              break;
            } catch (e) {
              if (attempt >= opts.maxUps) {
                stats.violations.push(`destroy of ${d.name} failed: ${(e as Error).message.split("\n")[0]}`);
                break;
              }
            }
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, work));
    }
    await engine.kill();
    const after = new RestartableEngine(port, dataDir, "");
    await after.start();
    const left = (await api.list("/loadbalancers", "loadbalancers")).length + (await api.list("/pools", "pools")).length + (await api.list("/listeners", "listeners")).length;
    if (left) stats.violations.push(`destroy left ${left} object(s) behind`);
    await after.kill();
    stats.faultsInjected = engine.faults;
    return stats;
  } finally {
    await host.close().catch(() => {});
    await engine.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
