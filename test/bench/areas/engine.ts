// Engine: what the reference engine's API costs per request, against a bare node:http server
// answering the very same bytes (the floor for any Node HTTP service on this box), both measured
// by the same undici client in the same run; and whether a durable write gets slower as state
// grows (it must not: an append-only log with group commit, compacted in the background).
//
// Server and load generator run in separate processes so each has a core. Rounds alternate
// between the engine and the bare server and the medians are compared, so drift on a shared
// machine hits both sides.
import * as fs from "node:fs";
import * as path from "node:path";
import { elbApi, parallel, type Api, type Obj } from "../lib/api";
import { ServerProcess, withServers } from "../lib/child";
import type { BenchArea, BenchContext } from "../lib/context";
import { NET, REPO_ROOT } from "../lib/dist";
import { closedLoop, type LoadRequest, type LoadResult } from "../lib/load";
import type { Row } from "../lib/rows";
import { human, median, ms } from "../lib/stats";
import type { BareRoute } from "../servers/server";

const CONCURRENCY = 32;
const MEMBERS_PER_POOL = 500;

interface Sizes {
  rounds: number;
  durationMs: number;
  warmupMs: number;
  /** Pools that take the created members (500 each). */
  createPools: number;
  /** Objects stored in the "large" durable engine. */
  seeded: number;
  latencyRounds: number;
  latencyPerRound: number;
}

const sizesFor = (quick: boolean): Sizes =>
  quick
    ? { rounds: 1, durationMs: 400, warmupMs: 100, createPools: 8, seeded: 2_000, latencyRounds: 2, latencyPerRound: 15 }
    : { rounds: 3, durationMs: 1_500, warmupMs: 300, createPools: 80, seeded: 20_000, latencyRounds: 6, latencyPerRound: 50 };

/** Member n of a pool: unique address+port among the pool's 500 (rule M2), in subnet-private-a. */
const memberBody = (n: number) => ({
  address: `192.168.0.${1 + (n % 250)}`,
  protocol_port: 80 + Math.floor(n / 250),
  subnet_cidr_id: NET.privateSubnet,
});

async function createLoadBalancer(api: Api, name: string): Promise<string> {
  const lb = await api.call<{ loadbalancer: Obj }>("POST", "/loadbalancers", {
    loadbalancer: { name, availability_zone_list: [NET.zone], vip_subnet_cidr_id: NET.privateSubnet },
  });
  return String(lb.loadbalancer.id);
}

async function createPool(api: Api, loadbalancerId: string, name: string): Promise<string> {
  const pool = await api.call<{ pool: Obj }>("POST", "/pools", { pool: { name, loadbalancer_id: loadbalancerId, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } });
  return String(pool.pool.id);
}

/** Fills a pool with `count` members through batch-add (200 per call, rule M8). */
async function fillPool(api: Api, poolId: string, count: number): Promise<void> {
  for (let from = 0; from < count; from += 200) {
    const members = Array.from({ length: Math.min(200, count - from) }, (_, k) => memberBody(from + k));
    await api.call("POST", `/pools/${poolId}/members/batch-add`, { members });
  }
}

interface ThroughputSetup {
  /** The API path prefix, /v3/{project}/elb. */
  basePath: string;
  showPath: string;
  listPath: string;
  createPools: string[];
  bodies: { show: string; list: string; create: string };
}

async function setUpThroughput(api: Api, sizes: Sizes): Promise<ThroughputSetup> {
  // Show: a load balancer with a listener and a pool, so its body carries references.
  const showLb = await createLoadBalancer(api, "show");
  const listener = await api.call<{ listener: Obj }>("POST", "/listeners", { listener: { loadbalancer_id: showLb, protocol: "HTTP", protocol_port: 80 } });
  await api.call("POST", "/pools", { pool: { listener_id: listener.listener.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } });
  // List: one pool with the most members a pool may hold.
  const listLb = await createLoadBalancer(api, "list");
  const listPool = await createPool(api, listLb, "list");
  await fillPool(api, listPool, MEMBERS_PER_POOL);
  // Create: empty pools the load fills, 500 members each.
  const createLb = await createLoadBalancer(api, "create");
  const createPools: string[] = [];
  for (let i = 0; i < sizes.createPools; i++) createPools.push(await createPool(api, createLb, `create-${i}`));

  const basePath = new URL(api.base).pathname;
  const showPath = `${basePath}/loadbalancers/${showLb}`;
  const listPath = `${basePath}/pools/${listPool}/members`;
  const list = JSON.stringify(await api.call("GET", `/pools/${listPool}/members`));
  const listed = (JSON.parse(list) as { members: unknown[] }).members.length;
  if (listed !== MEMBERS_PER_POOL) throw new Error(`the list pool holds ${listed} members, expected ${MEMBERS_PER_POOL}`);
  // The bare server answers a create with the bytes of a real one (taken from a scratch pool).
  const scratch = await createPool(api, listLb, "scratch");
  const create = JSON.stringify(await api.call("POST", `/pools/${scratch}/members`, { member: memberBody(0) }));
  const show = JSON.stringify(await api.call("GET", `/loadbalancers/${showLb}`));
  return { basePath, showPath, listPath, createPools, bodies: { show, list, create } };
}

interface OpResult {
  engine: LoadResult[];
  bare: LoadResult[];
}

async function measureThroughput(ctx: BenchContext, sizes: Sizes): Promise<Record<"show" | "list" | "create", OpResult>> {
  const engine = await ServerProcess.start({ kind: "engine", memory: true });
  let bare: ServerProcess | undefined;
  const api = elbApi(engine.url);
  try {
    ctx.log("setting up the memory engine (500-member pool, create pools)");
    const setup = await setUpThroughput(api, sizes);
    const routes: BareRoute[] = [
      { method: "GET", path: setup.showPath, status: 200, body: setup.bodies.show },
      { method: "GET", path: setup.listPath, status: 200, body: setup.bodies.list },
      { method: "POST", status: 201, body: setup.bodies.create },
    ];
    bare = await ServerProcess.start({ kind: "bare", routes });

    let created = 0;
    const capacity = setup.createPools.length * MEMBERS_PER_POOL;
    const createRequest = (): LoadRequest => {
      const n = created++;
      const pool = setup.createPools[n % setup.createPools.length];
      const member = memberBody(Math.floor(n / setup.createPools.length));
      return { method: "POST", path: `${setup.basePath}/pools/${pool}/members`, body: JSON.stringify({ member }) };
    };
    const ops = {
      show: { expect: 200, request: (): LoadRequest => ({ method: "GET", path: setup.showPath }) },
      list: { expect: 200, request: (): LoadRequest => ({ method: "GET", path: setup.listPath }) },
      create: { expect: 201, request: createRequest },
    };
    const out = { show: { engine: [], bare: [] }, list: { engine: [], bare: [] }, create: { engine: [], bare: [] } } as Record<keyof typeof ops, OpResult>;
    for (let round = 0; round < sizes.rounds; round++) {
      for (const [name, op] of Object.entries(ops) as [keyof typeof ops, (typeof ops)[keyof typeof ops]][]) {
        for (const [side, server] of [
          ["bare", bare],
          ["engine", engine],
        ] as const) {
          const before = created;
          const result = await closedLoop({
            url: server.url,
            connections: CONCURRENCY,
            durationMs: sizes.durationMs,
            warmupMs: sizes.warmupMs,
            expectStatus: op.expect,
            request: op.request,
            // The bare server stores nothing, so only the engine's creates use up pool capacity.
            maxRequests: name === "create" && side === "engine" ? capacity - created : undefined,
          });
          if (name === "create" && side === "bare") created = before;
          if (result.errors > 0) throw new Error(`${side} ${name}: ${result.errors} of ${result.requests} requests failed, first: ${result.firstError}`);
          out[name][side].push(result);
          ctx.log(`round ${round + 1} ${name} ${side}: ${human(result.rps)} req/s, p50 ${ms(result.p50Ms)}, p99 ${ms(result.p99Ms)}`);
        }
      }
    }
    return out;
  } finally {
    await api.close();
    await bare?.close();
    await engine.close();
  }
}

/** Sequential create latency on an engine with a small and one with a large durable state. */
async function measureDurableLatency(ctx: BenchContext, sizes: Sizes): Promise<{ small: number[]; large: number[]; stored: number }> {
  const work = fs.mkdtempSync(path.join(REPO_ROOT, ".bench", "durable-"));
  try {
    return await withServers(
      [
        { kind: "engine", dataDir: path.join(work, "small") },
        { kind: "engine", dataDir: path.join(work, "large") },
      ],
      async ([small, large]) => {
        const apis = [elbApi(small.url), elbApi(large.url)];
        try {
          const targets: string[] = [];
          for (const api of apis) targets.push(await createPool(api, await createLoadBalancer(api, "latency"), "latency"));
          // The large state: pools of 500 members under one load balancer, written through the API.
          ctx.log(`seeding ${sizes.seeded} objects into the large durable engine`);
          const lb = await createLoadBalancer(apis[1], "seed");
          const pools = Math.ceil(sizes.seeded / (MEMBERS_PER_POOL + 1));
          const members = sizes.seeded - pools;
          await parallel(pools, 4, async (p) => {
            const pool = await createPool(apis[1], lb, `seed-${p}`);
            await fillPool(apis[1], pool, Math.floor(members / pools) + (p < members % pools ? 1 : 0));
          });
          // The seeded objects plus the seed load balancer and the latency load balancer and pool.
          const stored = sizes.seeded + 3;
          // Snapshot both now, so no background compaction overlaps the measurement.
          await small.compact();
          await large.compact();
          ctx.log(`large engine holds ${stored} objects; measuring sequential creates`);

          const latencies: [number[], number[]] = [[], []];
          let n = 0;
          for (let round = 0; round < sizes.latencyRounds; round++) {
            // Alternate which engine goes first, so neither always follows the other's fsyncs.
            const order = round % 2 ? [1, 0] : [0, 1];
            for (const side of order) {
              for (let k = 0; k < sizes.latencyPerRound; k++) {
                const t0 = performance.now();
                await apis[side].call("POST", `/pools/${targets[side]}/members`, { member: memberBody(n + k) });
                latencies[side].push(performance.now() - t0);
              }
            }
            n += sizes.latencyPerRound;
          }
          return { small: latencies[0], large: latencies[1], stored };
        } finally {
          await Promise.all(apis.map((a) => a.close()));
        }
      },
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export const engineArea: BenchArea = {
  name: "engine",
  title: "Engine API (reference engine vs a bare node:http server with the same bytes)",
  async run(ctx): Promise<Row[]> {
    const sizes = sizesFor(ctx.quick);
    fs.mkdirSync(path.join(REPO_ROOT, ".bench"), { recursive: true });
    const throughputMethod =
      `undici Pool, ${CONCURRENCY} keep-alive connections, closed loop; ${sizes.rounds} alternating rounds of ${sizes.durationMs / 1000} s ` +
      `(after ${sizes.warmupMs} ms warm-up) against the engine (memory store) and a bare node:http server answering the engine's own response bytes; ` +
      "medians compared; servers and client in separate processes";
    const rows = ctx.rowSet(throughputMethod);

    const t = await measureThroughput(ctx, sizes);
    const rps = (rs: LoadResult[]) => median(rs.map((r) => r.rps));
    const p50 = (rs: LoadResult[]) => median(rs.map((r) => r.p50Ms));
    const labels = { show: "show (GET load balancer)", list: "list (GET 500 members)", create: "create (POST member)" };
    for (const op of ["show", "list", "create"] as const) {
      const e = rps(t[op].engine);
      const b = rps(t[op].bare);
      rows.add({
        name: `${labels[op]} ÷ bare, c${CONCURRENCY}`,
        value: e / b,
        unit: "×",
        target: op === "show" ? ">= 0.6" : undefined,
        detail: `engine ${human(e, "req/s")} (p50 ${ms(p50(t[op].engine))}) vs bare ${human(b, "req/s")} (p50 ${ms(p50(t[op].bare))})`,
      });
    }

    const d = await measureDurableLatency(ctx, sizes);
    const small = median(d.small);
    const large = median(d.large);
    rows.add({
      name: `durable create latency, ${human(d.stored)} vs ~0 stored objects (slower ÷ faster)`,
      value: Math.max(small, large) / Math.min(small, large),
      unit: "×",
      target: "<= 1.2",
      detail: `median ${ms(large)} with ${human(d.stored)} objects vs ${ms(small)} empty (file store, fdatasync per commit)`,
      method:
        `two durable engines (FileStore under .bench/, fdatasync), one seeded with ${human(d.stored)} objects through the API (pools of 500 members by batch-add), ` +
        `both compacted; then ${sizes.latencyRounds} alternating rounds of ${sizes.latencyPerRound} sequential POST member per engine; medians compared`,
    });
    return rows.rows;
  },
};
