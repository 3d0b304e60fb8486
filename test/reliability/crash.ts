// Crash safety: an engine process under a write workload is killed with SIGKILL at random
// moments and restarted on the same data directory. After every kill: the store loads, every
// write answered 2xx is there (unless something that could remove it was sent), and nothing
// unanswered is half-applied (the store's invariants hold, batches are all-or-nothing).
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkInvariants } from "../../provider/engine/invariants";
import { FileStore } from "../../provider/engine/store";
import type { ObjectKind } from "../../provider/engine/store/types";

const ROOT = path.resolve(__dirname, "../..");
const PROJECT = "0f1e2d3c4b5a49687766554433221100";
const PRIVATE_A = "9d2e4f60-1a2b-4c3d-8e4f-000000000002";

export interface CrashStats {
  kills: number;
  acknowledged: number;
  objectsChecked: number;
  violations: string[];
}

/** Deterministic randomness for the workload and the kill moments. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const cli = path.join(ROOT, "dist/provider/engine/cli.js");
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const child = spawn(process.execPath, [cli, "--port", "0", "--data", dataDir, "--no-data-plane"], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`engine did not start: ${out}${err}`)), 15_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code}: ${out}${err}`));
    });
  });
  return { child, url };
}

interface Ledger {
  /** Objects whose create was answered 2xx: kind → ids. */
  created: Map<string, { kind: ObjectKind; parent?: string }>;
  /** Ids a delete was *sent* for (answered or not), including cascades' roots. */
  deleteSent: Set<string>;
  /** Ids whose delete was answered 2xx. */
  deleted: Set<string>;
  /** Batches answered 2xx: every member in them must exist together. */
  batches: string[][];
  acknowledged: number;
}

async function workload(url: string, ledger: Ledger, random: () => number, stop: { now: boolean }): Promise<void> {
  const base = `${url}/v3/${PROJECT}/elb`;
  const headers = { "X-Auth-Token": "crash", "Content-Type": "application/json" };
  const alive = (kind: ObjectKind) => [...ledger.created].filter(([id, o]) => o.kind === kind && !ledger.deleteSent.has(id) && !(o.parent && ledger.deleteSent.has(o.parent))).map(([id]) => id);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(base + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status < 300) ledger.acknowledged++;
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const step = async () => {
    const r = random();
    const lbs = alive("loadbalancer");
    if (lbs.length < 3 || r < 0.1) {
      const res = await call("POST", "/loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: PRIVATE_A } });
      if (res.status === 201) ledger.created.set(res.body.loadbalancer.id, { kind: "loadbalancer" });
      return;
    }
    const lb = pick(lbs);
    if (r < 0.3) {
      // Two objects in one commit: the pool and its listener's default_pool_id.
      const port = 1000 + Math.floor(random() * 60000);
      const l = await call("POST", "/listeners", { listener: { loadbalancer_id: lb, protocol: "TCP", protocol_port: port } });
      if (l.status !== 201) return;
      ledger.created.set(l.body.listener.id, { kind: "listener", parent: lb });
      const p = await call("POST", "/pools", { pool: { listener_id: l.body.listener.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } });
      if (p.status === 201) ledger.created.set(p.body.pool.id, { kind: "pool", parent: lb });
    } else if (r < 0.7) {
      const pools = alive("pool").filter((id) => ledger.created.get(id)?.parent === lb);
      if (!pools.length) return;
      const pool = pick(pools);
      const n = 1 + Math.floor(random() * 20);
      const start = Math.floor(random() * 200);
      const members = Array.from({ length: n }, (_, i) => ({ address: `192.168.0.${((start + i) % 250) + 2}`, protocol_port: 80 + Math.floor(random() * 3), subnet_cidr_id: PRIVATE_A }));
      const res = await call("POST", `/pools/${pool}/members/batch-add`, { members });
      if (res.status === 200) {
        const added = (res.body.members as { id: string; ret_status: string }[]).filter((m) => m.ret_status === "successful").map((m) => m.id);
        for (const id of added) ledger.created.set(id, { kind: "member", parent: pool });
        ledger.batches.push(added);
      }
    } else if (r < 0.85) {
      const pools = alive("pool").filter((id) => ledger.created.get(id)?.parent === lb);
      if (!pools.length) return;
      const pool = pick(pools);
      ledger.deleteSent.add(pool);
      const res = await call("DELETE", `/pools/${pool}/delete-cascade`);
      if (res.status === 204) ledger.deleted.add(pool);
    } else {
      ledger.deleteSent.add(lb);
      const res = await call("DELETE", `/loadbalancers/${lb}/force-elb`);
      if (res.status === 204) ledger.deleted.add(lb);
    }
  };
  const worker = async () => {
    while (!stop.now) {
      try {
        await step();
      } catch {
        // The engine was killed mid-request: that request is unanswered, which is the point.
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Checks the data directory against the ledger with the engine stopped. */
async function verify(dataDir: string, ledger: Ledger): Promise<{ checked: number; problems: string[] }> {
  const store = new FileStore(dataDir);
  await store.open();
  try {
    const problems = checkInvariants(store);
    let checked = 0;
    const parentGone = (o: { parent?: string }) => !!o.parent && (ledger.deleteSent.has(o.parent) || (ledger.created.get(o.parent)?.parent !== undefined && ledger.deleteSent.has(ledger.created.get(o.parent)!.parent!)));
    for (const [id, o] of ledger.created) {
      checked++;
      const present = store.get(o.kind, id) !== undefined;
      if (ledger.deleted.has(id) && present) problems.push(`${o.kind} ${id}: delete was answered 204 but it is still there`);
      if (!present && !ledger.deleteSent.has(id) && !parentGone(o)) problems.push(`${o.kind} ${id}: create was answered but it is gone`);
    }
    for (const batch of ledger.batches) {
      const present = batch.filter((id) => store.get("member", id)).length;
      if (present !== 0 && present !== batch.length) {
        const removable = batch.some((id) => parentGone(ledger.created.get(id)!));
        if (!removable) problems.push(`an answered batch-add is partly present: ${present} of ${batch.length}`);
      }
    }
    return { checked, problems };
  } finally {
    await store.close();
  }
}

/** Writes a round sees answered before its kill may come. */
const MIN_ACKNOWLEDGED_PER_ROUND = 15;

export async function crashRounds(opts: { rounds: number; seed: number }): Promise<CrashStats> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "elb-crash-"));
  const random = prng(opts.seed);
  const ledger: Ledger = { created: new Map(), deleteSent: new Set(), deleted: new Set(), batches: [], acknowledged: 0 };
  const stats: CrashStats = { kills: 0, acknowledged: 0, objectsChecked: 0, violations: [] };
  try {
    for (let round = 0; round < opts.rounds; round++) {
      const { child, url } = await startChild(dataDir);
      const stop = { now: false };
      const before = ledger.acknowledged;
      const running = workload(url, ledger, random, stop);
      // A random moment inside the burst, once the round has some answered writes to check: a
      // loaded machine answers fewer per millisecond, and a round that acknowledged nothing
      // proves nothing. Bounded so the run stays short.
      const enough = Date.now() + 10_000;
      while (ledger.acknowledged < before + MIN_ACKNOWLEDGED_PER_ROUND && Date.now() < enough) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, Math.floor(random() * 250)));
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      stop.now = true;
      await running;
      stats.kills++;
      const { checked, problems } = await verify(dataDir, ledger);
      stats.objectsChecked += checked;
      stats.violations.push(...problems.map((p) => `round ${round}: ${p}`));
      if (problems.length) break;
    }
    stats.acknowledged = ledger.acknowledged;
    return stats;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
