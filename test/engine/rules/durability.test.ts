// G8 for real: an engine process is killed with SIGKILL in the middle of a burst of writes, then
// restarted on the same data dir. Every write it answered 2xx must be there, the state must load,
// and the indexes rebuilt from it must enforce the rules again. Three rounds on one data dir.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, type Api, type Json } from "../helpers/api";
import { conflict, createLb, createPool, NET, ok, quota } from "../helpers/factories";

const root = resolve(__dirname, "../../..");
const cli = join(root, "dist", "provider", "engine", "cli.js");
const engineModule = join(root, "dist", "provider", "engine");
const ROUNDS = 3;
/** Acknowledged writes to wait for before the kill; the burst keeps more in flight. */
const ACKS_BEFORE_KILL = 60;
const WORKERS = 12;

/** Sources the engine process runs, compiled: testing a stale build would test yesterday's engine. */
function staleBuild(): string[] {
  const stale: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const js = join(root, "dist", path.replace(/\.ts$/, ".js"));
        if (!existsSync(js) || statSync(js).mtimeMs < statSync(join(root, path)).mtimeMs) stale.push(path);
      }
    }
  };
  for (const rel of ["provider/engine", "provider/spec"]) walk(rel);
  return stale;
}

let dir: string;
beforeAll(async () => {
  const stale = staleBuild();
  if (stale.length) throw new Error(`dist/ is missing or older than ${stale.join(", ")}: run \`npm run build\` first (npm test does)`);
  dir = await mkdtemp(join(tmpdir(), "elb-g8-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Engine {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

/** Starts an engine process on the data dir: the CLI, or the module when the CLI is not built. */
async function spawnEngine(): Promise<Engine> {
  const args = existsSync(cli)
    ? [cli, "--port", "0", "--data", dir, "--no-data-plane"]
    : ["-e", `require(${JSON.stringify(engineModule)}).startEngine({ port: 0, dataDir: ${JSON.stringify(dir)} }).then((e) => console.log("listening on " + e.url))`];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  let out = "";
  let err = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine did not print its URL in 15 s; stdout: ${out}; stderr: ${err}`)), 15_000);
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[0]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited (${code}) before listening; stderr: ${err}`));
    });
  });
  return { child, url, exited };
}

/** What the acknowledged writes say an object must look like after a restart. */
interface Expected {
  path: string;
  state: "present" | "gone";
  weight?: number;
  /** A write in flight at the kill: its outcome is unknown, so either state is fine. */
  pending?: { kind: "delete" } | { kind: "update"; weight: number };
}

describe("G8 durability", () => {
  it(`G8: writes answered 2xx survive kill -9 mid-burst and a restart, ${ROUNDS} rounds on one data dir; the state loads and its rules hold`, async () => {
    const project = "0123456789abcdef0123456789abcdef";
    const expected = new Map<string, Expected>();
    let lbId = "";
    for (let round = 0; round < ROUNDS; round++) {
      const engine = await spawnEngine();
      const c = api(engine.url, project);
      // Everything acknowledged in earlier rounds is still there.
      await verify(c, expected);
      if (!lbId) lbId = (await createLb(c)).id;
      const pool = await createPool(c, { loadbalancer_id: lbId, name: `round-${round}` });
      expected.set(pool.id, { path: `pools/${pool.id}`, state: "present" });

      // The burst: creates, updates and deletes of members, each object touched by one write at a time.
      let acks = 0;
      let nextPort = 1;
      let killed = false;
      const idle: string[] = [];
      const worker = async () => {
        while (!killed) {
          const i = nextPort++;
          const target = i % 3 === 0 ? idle.shift() : undefined;
          const e = target ? expected.get(target)! : undefined;
          try {
            if (target && e && i % 2 === 0) {
              e.pending = { kind: "delete" };
              const res = await c.del(e.path);
              e.pending = undefined;
              if (res.status === 204) {
                e.state = "gone";
                acks++;
              } else idle.push(target);
            } else if (target && e) {
              const weight = i % 101;
              e.pending = { kind: "update", weight };
              const res = await c.put(e.path, { member: { weight } });
              e.pending = undefined;
              if (res.status === 200) {
                e.weight = weight;
                acks++;
              }
              idle.push(target);
            } else {
              const weight = i % 101;
              const res = await c.post(`pools/${pool.id}/members`, { member: { address: "192.168.0.10", protocol_port: i, subnet_cidr_id: NET.privateA, weight } });
              if (res.status === 201) {
                const id = res.body.member.id;
                expected.set(id, { path: `pools/${pool.id}/members/${id}`, state: "present", weight });
                idle.push(id);
                acks++;
              }
            }
          } catch {
            // The process died under this request; `pending` records that its outcome is unknown.
          }
          if (acks >= ACKS_BEFORE_KILL && !killed) {
            killed = true;
            engine.child.kill("SIGKILL");
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));
      await engine.exited;
      expect(acks).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

      // Restart on the same dir: every acknowledged write is there, and the rebuilt indexes enforce the rules.
      const again = await spawnEngine();
      try {
        const d = api(again.url, project);
        await verify(d, expected);
        const [member] = ok(await d.get(`pools/${pool.id}/members`, { limit: 1 }), 200, "members");
        conflict(await d.post(`pools/${pool.id}/members`, { member: { address: member.address, protocol_port: member.protocol_port, subnet_cidr_id: NET.privateA } }), member.address);
        const lbs = ok(await d.get("loadbalancers"), 200, "loadbalancers");
        expect(lbs.map((x: Json) => x.id)).toEqual([lbId]);
        expect(lbs[0].pools.map((p: Json) => p.id)).toContain(pool.id);
      } finally {
        again.child.kill("SIGKILL");
        await again.exited;
      }
    }
    // A last clean start: quotas count what was restored.
    const engine = await spawnEngine();
    try {
      const c = api(engine.url, project);
      await verify(c, expected);
      const pools = ok(await c.get("pools"), 200, "pools");
      expect(pools).toHaveLength(ROUNDS);
      const lbs = await Promise.all(Array.from({ length: 49 }, () => c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc } })));
      expect(lbs.every((r) => r.status === 201)).toBe(true);
      quota(await c.post("loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vpc_id: NET.vpc } }), "loadbalancer");
    } finally {
      engine.child.kill("SIGTERM");
      await engine.exited;
    }
  });
});

/**
 * Checks every object the acknowledged writes describe. A write whose outcome was unknown may
 * have landed or not; what the restarted engine shows is then durable, so it becomes expected.
 */
async function verify(c: Api, expected: Map<string, Expected>): Promise<void> {
  const checks = [...expected.entries()].map(async ([id, e]) => {
    const res = await c.get(e.path);
    const obj = res.status === 200 ? (Object.values(res.body).find((v) => v && typeof v === "object") as Json) : undefined;
    if (e.pending?.kind === "delete") {
      expect([200, 404], `${id}: its delete was in flight`).toContain(res.status);
    } else if (e.state === "gone") {
      expect(res.status, `${id} was deleted (204) and must stay deleted`).toBe(404);
    } else {
      expect(res.status, `${id} was acknowledged: ${res.text}`).toBe(200);
    }
    if (obj) {
      expect(obj.id).toBe(id);
      if (e.weight !== undefined) {
        const allowed = e.pending?.kind === "update" ? [e.weight, e.pending.weight] : [e.weight];
        expect(allowed, `${id} weight`).toContain(obj.weight);
        e.weight = obj.weight;
      }
    }
    if (e.pending?.kind === "delete" && res.status === 404) e.state = "gone";
    e.pending = undefined;
  });
  await Promise.all(checks);
}
