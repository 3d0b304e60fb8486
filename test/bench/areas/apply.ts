// Apply: how long a stack takes to create through the provider, against the floor — the minimal
// raw API calls for the same objects at the same concurrency — on the same kind of engine (memory
// store, its own process, warmed, a fresh project for every run). See lib/stack.ts for the stack and both paths.
import { randomUUID } from "node:crypto";
import { ServerProcess } from "../lib/child";
import type { BenchArea, BenchContext } from "../lib/context";
import type { Obj } from "../lib/api";
import type { Row } from "../lib/rows";
import { floorGraph, memberReplies, providerGraph, ProviderDriver, runGraph, type StackShape, type Task } from "../lib/stack";
import { median, ms } from "../lib/stats";

const CONCURRENCY = 16;
const LISTENERS = 10;
/** A project of its own for the warm-up, so its objects never count against the measured stack's quotas. */
const WARM_UP_PROJECT = "5eed0000000000000000000000000000";

interface Sizes {
  /** Member counts, smallest first; the middle one is where MemberSet is compared with Member. */
  counts: number[];
  /** Repetitions per count (medians are reported), fewer for the big runs. */
  reps: (n: number) => number;
  /** Members in each warm-up stack. */
  warmUp: number;
  /** Warm-up rounds (each: a stack of each style, raw and through the provider). */
  warmUpRounds: number;
}
const sizesFor = (quick: boolean): Sizes =>
  quick
    ? { counts: [20, 100, 200], reps: () => 1, warmUp: 50, warmUpRounds: 1 }
    : { counts: [100, 1_000, 5_000], reps: (n) => (n <= 100 ? 31 : n <= 1_000 ? 15 : 7), warmUp: 1_000, warmUpRounds: 2 };

type Variant = "provider" | "floor";
type Style = "Member" | "MemberSet";
const STYLES: Style[] = ["Member", "MemberSet"];

/**
 * A fresh engine, warmed first in another project — raw calls and the provider, both styles,
 * `rounds` times — so the figures are the steady state of a long-running API and a warm client
 * rather than a new process's first requests running unoptimised code (a cold engine answers
 * single creates about 3× slower, and takes some thousands of them to warm up).
 */
async function withWarmEngine<T>(sizes: Sizes, driver: ProviderDriver, body: (endpoint: string) => Promise<T>): Promise<T> {
  const engine = await ServerProcess.start({ kind: "engine", memory: true });
  try {
    await driver.configure(engine.url, WARM_UP_PROJECT);
    for (let round = 0; round < sizes.warmUpRounds; round++) {
      for (const memberSets of [false, true]) {
        const shape = { listeners: LISTENERS, members: sizes.warmUp, memberSets };
        await runGraph(floorGraph(shape, engine.url, WARM_UP_PROJECT), CONCURRENCY);
        await runGraph(providerGraph(shape, driver), CONCURRENCY);
      }
    }
    return await body(engine.url);
  } finally {
    await engine.close();
  }
}

async function graphFor(variant: Variant, shape: StackShape, endpoint: string, driver: ProviderDriver, projectId: string): Promise<Task[]> {
  if (variant === "floor") return floorGraph(shape, endpoint, projectId);
  await driver.configure(endpoint, projectId);
  return providerGraph(shape, driver);
}

/** A project of its own for every measured run: quotas and lists never see another run's objects. */
const runProject = (() => {
  let n = 0;
  return () => `b${(++n).toString(16).padStart(31, "0")}`;
})();

interface MemberCalls {
  /** Medians, in ms, of the floor's member calls one by one and as batches. */
  singles: number;
  sets: number;
}

/**
 * The floor's member calls (members alone, both styles) against another server, `reps` runs of
 * each style after a warm-up; or, given a driver, the provider's member resources. Every run
 * names pools of its own, so a server that keeps members never finds a run's address and port
 * taken by an earlier run.
 */
async function memberCallsAgainst(url: string, sizes: Sizes, n: number, reps: number, provider?: ProviderDriver): Promise<MemberCalls> {
  const shapeOf = (memberSets: boolean): StackShape => ({ listeners: LISTENERS, members: n, memberSets });
  if (provider) await provider.configure(url, runProject());
  let runs = 0;
  const run = async (memberSets: boolean) => {
    const r = ++runs;
    // The provider checks that a pool id is one (a UUID); the floor sends whatever it is given.
    const poolId = (i: number) => (provider ? randomUUID() : `run${r}-pool-${i}`);
    const pools = new Map(Array.from({ length: LISTENERS }, (_, i) => [`pool-${i}`, poolId(i)] as [string, string]));
    const graph = provider ? providerGraph(shapeOf(memberSets), provider) : floorGraph(shapeOf(memberSets), url);
    return (await runGraph(graph.filter((t) => t.isMember), CONCURRENCY, pools)).totalMs;
  };
  for (let round = 0; round < sizes.warmUpRounds * 2; round++) for (const sets of [false, true]) await run(sets);
  const singles: number[] = [];
  const sets: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    singles.push(await run(false));
    sets.push(await run(true));
  }
  return { singles: median(singles), sets: median(sets) };
}

/**
 * The speed-up's two bounds, from the floor's member calls against two servers that answer the
 * engine's own bytes:
 * - the ceiling: a bare node:http server replaying the engine's replies, so only HTTP, the client
 *   and the bytes on the wire remain — the most any Node API server could give;
 * - a minimal member engine (servers/server.ts) that makes and keeps each member and answers it,
 *   and checks no rule — the most an engine that really makes members could give on this machine.
 * And the provider's member resources against the minimal member engine too (`minimalProvider`):
 * what the speed-up through the provider would be with an engine that cost no more than that one.
 */
async function speedUpBounds(
  sizes: Sizes,
  n: number,
  reps: number,
  driver: ProviderDriver,
): Promise<{ bare: MemberCalls; minimal: MemberCalls; minimalProvider: MemberCalls; singleBytes: number; batchBytes: number; batchMembers: number }> {
  const engine = await ServerProcess.start({ kind: "engine", memory: true });
  let replies: Awaited<ReturnType<typeof memberReplies>>;
  try {
    replies = await memberReplies({ listeners: LISTENERS, members: n, memberSets: true }, engine.url, runProject());
  } finally {
    await engine.close();
  }
  const bare = await ServerProcess.start({
    kind: "bare",
    routes: [
      { method: "POST", pathSuffix: "/members/batch-add", status: 200, body: replies.batch },
      { method: "POST", pathSuffix: "/members", status: 201, body: replies.single },
    ],
  });
  let bareCalls: MemberCalls;
  try {
    bareCalls = await memberCallsAgainst(bare.url, sizes, n, reps);
  } finally {
    await bare.close();
  }
  const minimal = await ServerProcess.start({
    kind: "minimal",
    member: (JSON.parse(replies.single) as { member: Obj }).member,
    pool: (JSON.parse(replies.pool) as { pool: Obj }).pool,
  });
  try {
    return {
      bare: bareCalls,
      minimal: await memberCallsAgainst(minimal.url, sizes, n, reps),
      minimalProvider: await memberCallsAgainst(minimal.url, sizes, n, reps, driver),
      singleBytes: Buffer.byteLength(replies.single),
      batchBytes: Buffer.byteLength(replies.batch),
      batchMembers: replies.batchMembers,
    };
  } finally {
    await minimal.close();
  }
}

export const applyArea: BenchArea = {
  name: "apply",
  title: `Apply (provider vs the minimal raw API calls, concurrency ${CONCURRENCY})`,
  async run(ctx: BenchContext): Promise<Row[]> {
    const sizes = sizesFor(ctx.quick);
    const driver = await ProviderDriver.load();
    const [small, middle, large] = sizes.counts;
    /** Whole-stack times, and members-only times (pools made beforehand) at the middle count. */
    const stack = new Map<string, number[]>();
    const membersOnly = new Map<string, number[]>();
    const record = (m: Map<string, number[]>, key: string, v: number) => m.set(key, [...(m.get(key) ?? []), v]);
    const keyOf = (n: number, style: Style, variant: Variant) => `${n}|${style}|${variant}`;

    for (const n of sizes.counts) {
      for (const style of STYLES) {
        const shape: StackShape = { listeners: LISTENERS, members: n, memberSets: style === "MemberSet" };
        // One warm engine per size and style; every run in a fresh project on it.
        await withWarmEngine(sizes, driver, async (endpoint) => {
          for (let rep = 0; rep < sizes.reps(n); rep++) {
            // Alternate which side goes first, so neither always runs after the other.
            const variants: Variant[] = rep % 2 ? ["provider", "floor"] : ["floor", "provider"];
            for (const variant of variants) {
              const t = await runGraph(await graphFor(variant, shape, endpoint, driver, runProject()), CONCURRENCY);
              record(stack, keyOf(n, style, variant), t.totalMs);
              ctx.log(`N=${n} ${style} ${variant}: whole stack ${ms(t.totalMs)}`);
              if (n !== middle) continue;
              // The same members again, on a stack whose pools already exist: the members alone.
              const project = runProject();
              const made = await runGraph(
                floorGraph(shape, endpoint, project).filter((task) => !task.isMember),
                CONCURRENCY,
              );
              const graph = (await graphFor(variant, shape, endpoint, driver, project)).filter((task) => task.isMember);
              const m = await runGraph(graph, CONCURRENCY, made.ids);
              record(membersOnly, keyOf(n, style, variant), m.totalMs);
              ctx.log(`N=${n} ${style} ${variant}: members only ${ms(m.totalMs)}`);
            }
          }
        });
      }
    }

    const total = (n: number, style: Style, variant: Variant) => median(stack.get(keyOf(n, style, variant))!);
    const only = (style: Style, variant: Variant) => median(membersOnly.get(keyOf(middle, style, variant))!);
    const stackText = (n: number) => `1 load balancer, ${LISTENERS} listeners, ${LISTENERS} pools with health monitors, ${n} members`;
    const rows = ctx.rowSet(
      `${stackText(0).replace(", 0 members", "")} and N members, created at concurrency ${CONCURRENCY} in dependency order; ` +
        "provider: serialized providers deserialized as the Pulumi host does, check + create per resource, in-process; " +
        "floor: one POST per object (batch-add per 200 members for MemberSet) with the same HTTP library used the same way (undici's global dispatcher, by origin and path); " +
        `one memory engine in its own process per N and style, warmed first with ${sizes.warmUpRounds}× a ${sizes.warmUp}-member stack of each style, raw and through the provider; every run in a project of its own; ` +
        `medians of ${sizes.counts.map((n) => `${sizes.reps(n)} (N=${n})`).join(", ")} runs`,
    );
    for (const style of STYLES) {
      for (const n of sizes.counts) {
        const p = total(n, style, "provider");
        const f = total(n, style, "floor");
        rows.add({ name: `N=${n} as ${style}: provider ÷ floor`, value: p / f, unit: "×", target: "<= 1.25", detail: `provider ${ms(p)} vs floor ${ms(f)} for ${stackText(n)}` });
      }
    }
    const singles = only("Member", "provider");
    const sets = only("MemberSet", "provider");
    const speedUp = singles / sets;
    rows.add({
      name: `N=${middle}: MemberSet speed-up over single Members`,
      value: speedUp,
      unit: "×",
      detail:
        `members alone (pools already made): ${ms(sets)} as MemberSets vs ${ms(singles)} as Members; ` +
        `the floor's own ratio ${(only("Member", "floor") / only("MemberSet", "floor")).toFixed(1)}× (${ms(only("MemberSet", "floor"))} vs ${ms(only("Member", "floor"))})`,
    });
    const bounds = await speedUpBounds(sizes, middle, sizes.reps(middle), driver);
    const { bare, minimal, minimalProvider } = bounds;
    ctx.log(`N=${middle} bare ceiling: ${ms(bare.sets)} as batches vs ${ms(bare.singles)} one by one`);
    ctx.log(`N=${middle} minimal engine: ${ms(minimal.sets)} as batches vs ${ms(minimal.singles)} one by one`);
    rows.add({
      name: `N=${middle}: the same speed-up against a bare node:http server (ceiling)`,
      value: bare.singles / bare.sets,
      unit: "×",
      detail:
        `the floor's member calls against a bare node:http server replaying the engine's own replies (${bounds.singleBytes} B per member made alone, ` +
        `${bounds.batchBytes} B per batch-add of ${bounds.batchMembers}): ${ms(bare.sets)} as batches vs ${ms(bare.singles)} one by one — ` +
        "what HTTP, this client and the bytes allow; the rest of the engine's time is its own work per member",
    });
    const minimalSpeedUp = minimal.singles / minimal.sets;
    rows.add({
      name: `N=${middle}: the same speed-up against a minimal member engine (no rules)`,
      value: minimalSpeedUp,
      unit: "×",
      detail:
        `the floor's member calls against a server that only parses each item, gives it an id, keeps it by id and by address and port, and answers the whole member in the engine's bytes: ` +
        `${ms(minimal.sets)} as batches vs ${ms(minimal.singles)} one by one — the most an engine that really makes members gives on this machine; ` +
        `the engine's batches take ${(only("MemberSet", "floor") / minimal.sets).toFixed(2)}× this one's (its rules and bookkeeping)`,
    });
    // The target row's value for an engine as cheap as the minimal one: what the provider's own
    // work per resource leaves of the floor's speed-up there. The target row cannot go above it
    // by any work on the engine.
    const minimalProviderSpeedUp = minimalProvider.singles / minimalProvider.sets;
    rows.add({
      name: `N=${middle}: the provider's speed-up against the minimal member engine ÷ the floor's`,
      value: minimalProviderSpeedUp / minimalSpeedUp,
      unit: "×",
      detail:
        `the provider's member resources, members alone, against the minimal member engine (which also answers the pool read a new MemberSet makes): ` +
        `${ms(minimalProvider.sets)} as MemberSets vs ${ms(minimalProvider.singles)} as Members, ${minimalProviderSpeedUp.toFixed(1)}× against the floor's ${minimalSpeedUp.toFixed(1)}× — ` +
        "the next row's value for an engine that cost no more than the minimal one",
    });
    // The target: what this machine allows an engine that really makes members, not a fixed 10×
    // (a rule-free engine here reaches 10× in only some runs).
    rows.add({
      name: `N=${middle}: MemberSet speed-up ÷ the minimal member engine's`,
      value: speedUp / minimalSpeedUp,
      unit: "×",
      target: ">= 0.8",
      detail: `${speedUp.toFixed(1)}× through the provider against the engine vs ${minimalSpeedUp.toFixed(1)}× for the floor's calls against the minimal member engine, same run`,
    });
    for (const style of STYLES) {
      const perSmall = total(small, style, "provider") / small;
      const perLarge = total(large, style, "provider") / large;
      rows.add({
        name: `linear in N: per-member time N=${large} ÷ N=${small}, ${style}`,
        value: perLarge / perSmall,
        unit: "×",
        target: "<= 1.25",
        detail: `${(perLarge * 1000).toFixed(0)} µs vs ${(perSmall * 1000).toFixed(0)} µs per member (whole stack ÷ N)`,
      });
    }
    return rows.rows;
  },
};
