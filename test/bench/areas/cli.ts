// CLI: the provider under the real `pulumi` CLI, installed from its packed tarball as users get it,
// against the reference engine in its own process — the apply benchmark's stack (lib/stack.ts: 1
// load balancer, 10 listeners, 10 pools with health monitors, N members as single Members or one
// MemberSet per pool), written out as a Pulumi program (lib/cli-program.ts):
//
// - `pulumi up` of each style, from an empty stack every run: the MemberSet speed-up is the ratio
//   of the two wall times;
// - the provider's share of each `pulumi up`: CPU time of the dynamic-provider plugin processes
//   (lib/node-cpu.ts) ÷ the command's wall time;
// - `pulumi preview` of each stack unchanged against the CLI's own floor: a stack with the same
//   names, inputs and dependencies whose dynamic provider does nothing (lib/cli-program.ts).
// Beside them, as evidence for the verdicts: the floor's own figures (its speed-up, its plugin's
// share), the program's CPU, the state's size, and previews of the floor shaped like the provider's
// resources (the same output properties and values, serialized texts of the same length), which
// split the provider's preview cost into what its resources' shape costs the CLI and the SDK and
// what its code costs.
//
// Every run gets a stack of its own and a project of its own on the engine (so a load balancer's
// same-name lookup never finds another run's), rather than a destroy between runs, which would
// take as long again as the up.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { installedPackage, type CliTier } from "../../cli/support/package";
import { Project } from "../../cli/support/project";
import { ServerProcess } from "../lib/child";
import { CLASS_OF, floorProgram, providerProgram, type ProviderLikeness } from "../lib/cli-program";
import type { BenchArea, BenchContext } from "../lib/context";
import { REPO_ROOT } from "../lib/dist";
import { NodeCpuMeter, type NodeCpu } from "../lib/node-cpu";
import type { Row } from "../lib/rows";
import type { ProviderKind, StackShape } from "../lib/stack";
import { median, ms } from "../lib/stats";

const LISTENERS = 10;

interface Sizes {
  members: number;
  /** `pulumi up` runs of each stack, each from empty (medians are reported). */
  ups: number;
  /** `pulumi preview` runs of each unchanged stack, provider and floor alternating. */
  previews: number;
}
const sizesFor = (quick: boolean): Sizes => (quick ? { members: 20, ups: 1, previews: 1 } : { members: 1_000, ups: 3, previews: 5 });

type Style = "Member" | "MemberSet";
const STYLES: Style[] = ["Member", "MemberSet"];
/** The stack through the provider, the do-nothing floor, and that floor shaped like the provider's resources. */
type Side = "provider" | "floor" | "shaped";

/**
 * The file backend writes the whole state after every step by default, so an up's time grows with
 * the square of the stack: on this machine a 331-resource floor stack took 37.5 s with those
 * checkpoints and 11.9 s without (PULUMI_SKIP_CHECKPOINTS, which keeps only the final state), and
 * the 1,031-resource stack 332 s through the provider and 269 s as the floor, where the ups below
 * take 10-22 s. That is the backend's cost, not the CLI engine's or the provider's, and it would
 * drown both, so the ups skip the checkpoints unless BENCH_CLI_CHECKPOINTS=1. Skipping them is the
 * conservative side for both targets: it lowers the single-Member time (so the MemberSet speed-up)
 * and the wall time the plugin's CPU is divided by.
 */
const keepCheckpoints = () => process.env.BENCH_CLI_CHECKPOINTS === "1";

/** `node scripts/pulumi-bin.js`: finds or builds the CLI and prints its directory last. */
export function locateCli(): string {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "pulumi-bin.js")], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const dir = r.stdout?.trim().split("\n").pop();
  if (r.status !== 0 || !dir) throw new Error(`no Pulumi CLI: scripts/pulumi-bin.js exited ${r.status ?? r.signal}: ${(r.stderr ?? "").trim() || r.error?.message}`);
  return dir;
}

/** A fresh engine project id per stack. */
const projectIds = (() => {
  let n = 0;
  return () => `c${(++n).toString(16).padStart(31, "0")}`;
})();

interface Timed {
  wallMs: number;
  cpu: NodeCpu;
}

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** One Pulumi project per stack kind; a stack of its own per run. */
class BenchProject {
  private stacks = 0;

  private constructor(
    readonly project: Project,
    private readonly meter: NodeCpuMeter,
    private readonly endpoint: string | undefined,
  ) {}

  static async create(tier: CliTier, meter: NodeCpuMeter, name: string, program: string, endpoint?: string): Promise<BenchProject> {
    return new BenchProject(await Project.create(tier, { name, program, stack: "run-1" }), meter, endpoint);
  }

  /** A new empty stack (configured for a project of its own on the engine); the first is the one the project was made with. */
  async newStack(): Promise<string> {
    const stack = `run-${++this.stacks}`;
    if (this.stacks > 1) await this.project.run(["stack", "init", stack]);
    if (this.endpoint) {
      // What `pulumi config set` writes, without two more CLI commands: the file `stack init`
      // made holds only the encryption salt.
      fs.appendFileSync(path.join(this.project.dir, `Pulumi.${stack}.yaml`), `config:\n  elb:endpoint: ${this.endpoint}\n  elb:projectId: ${projectIds()}\n`);
    }
    return stack;
  }

  /** Runs `pulumi <args>` on a stack: wall time and the CPU of its Node processes. */
  async timed(args: string[], stack: string, env: Record<string, string> = {}): Promise<Timed> {
    await this.meter.take();
    const started = performance.now();
    await this.project.run([...args, "--stack", stack], { env: { ...this.meter.env(), ...env } });
    const wallMs = performance.now() - started;
    return { wallMs, cpu: await this.meter.take() };
  }

  up(stack: string): Promise<Timed> {
    return this.timed(["up", "--yes", "--non-interactive", "--skip-preview"], stack, keepCheckpoints() ? {} : { PULUMI_SKIP_CHECKPOINTS: "true" });
  }

  preview(stack: string): Promise<Timed> {
    return this.timed(["preview", "--non-interactive"], stack);
  }

  private state(stack: string): { bytes: number; resources: StateResource[] } {
    // The file backend's layout: .pulumi/stacks/<project>/<stack>.json.
    const text = fs.readFileSync(path.join(this.project.stateDir, ".pulumi", "stacks", this.project.name, `${stack}.json`), "utf8");
    const checkpoint = JSON.parse(text) as { checkpoint: { latest: { resources: StateResource[] } } };
    return { bytes: Buffer.byteLength(text), resources: checkpoint.checkpoint.latest.resources };
  }

  /** The size of a stack's state file. */
  stateBytes(stack: string): number {
    return this.state(stack).bytes;
  }

  /** The serialized provider lengths (`__provider`) in a stack's state: the shortest and the longest. */
  providerTextLengths(stack: string): [number, number] {
    const lengths = this.state(stack).resources.flatMap((r) => (typeof r.inputs?.__provider === "string" ? [r.inputs.__provider.length] : []));
    return [Math.min(...lengths), Math.max(...lengths)];
  }

  /** What a floor needs to look like this (provider) stack's resources, kind by kind. */
  likeness(stack: string): ProviderLikeness {
    const like: ProviderLikeness = { outputs: {}, textLength: {} };
    const kindOf = new Map(Object.entries(CLASS_OF).map(([kind, cls]) => [`pulumi-nodejs:dynamic/elb:${cls}`, kind as ProviderKind]));
    for (const r of this.state(stack).resources) {
      const kind = kindOf.get(r.type);
      if (!kind || like.outputs[kind] || !r.inputs || !r.outputs) continue;
      const { __provider: text, ...outputs } = r.outputs;
      like.outputs[kind] = Object.fromEntries(Object.entries(outputs).filter(([k]) => !(k in r.inputs!)));
      like.textLength[kind] = String(text).length;
    }
    return like;
  }

  cleanup(): void {
    this.project.cleanup();
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(ms >= 10_000 ? 1 : 2)} s`;
const resourceCount = (shape: StackShape) => 1 + 3 * shape.listeners + (shape.memberSets ? shape.listeners : shape.members);

/** Measures everything with a CLI and an installed package (the area finds them; the CLI tier's smoke test passes its own). */
export async function measureCli(ctx: BenchContext, tier: CliTier): Promise<Row[]> {
  const sizes = sizesFor(ctx.quick);
  const shapeOf = (style: Style): StackShape => ({ listeners: LISTENERS, members: sizes.members, memberSets: style === "MemberSet" });
  const engine = await ServerProcess.start({ kind: "engine", memory: true });
  const meter = new NodeCpuMeter();
  const projects = new Map<string, BenchProject>();
  const key = (style: Style, side: Side) => `${style}|${side}`;
  const project = (style: Style, side: Side) => projects.get(key(style, side))!;
  const ups = new Map<string, Timed[]>();
  const previews = new Map<string, Timed[]>();
  const lastStack = new Map<string, string>();
  const record = (m: Map<string, Timed[]>, style: Style, side: Side, t: Timed) => m.set(key(style, side), [...(m.get(key(style, side)) ?? []), t]);
  const cpuText = (t: Timed) => `plugin CPU ${s(t.cpu.plugin.cpuMs)} in ${t.cpu.plugin.processes} processes, program CPU ${s(t.cpu.program.cpuMs)}`;
  try {
    for (const style of STYLES) {
      const shape = shapeOf(style);
      projects.set(key(style, "provider"), await BenchProject.create(tier, meter, `bench-${style.toLowerCase()}`, providerProgram(shape), engine.url));
      projects.set(key(style, "floor"), await BenchProject.create(tier, meter, `floor-${style.toLowerCase()}`, floorProgram(shape)));
    }

    // Ups: every run from an empty stack, the four stacks in turn, their order alternating.
    for (let rep = 0; rep < sizes.ups; rep++) {
      const order = STYLES.flatMap((style) => (["provider", "floor"] as const).map((side) => [style, side] as const));
      for (const [style, side] of rep % 2 ? order.reverse() : order) {
        const p = project(style, side);
        const stack = await p.newStack();
        const t = await p.up(stack);
        record(ups, style, side, t);
        lastStack.set(key(style, side), stack);
        ctx.log(`up ${style} ${side}: ${s(t.wallMs)}, ${cpuText(t)}`);
      }
    }

    // The single-Member floor again, shaped like the provider's last stack.
    const providerStack = lastStack.get(key("Member", "provider"))!;
    const shaped = await BenchProject.create(tier, meter, "shaped-member", floorProgram(shapeOf("Member"), project("Member", "provider").likeness(providerStack)));
    projects.set(key("Member", "shaped"), shaped);
    const shapedStack = await shaped.newStack();
    ctx.log(`up Member shaped: ${s((await shaped.up(shapedStack)).wallMs)}`);
    lastStack.set(key("Member", "shaped"), shapedStack);
    const texts = (side: Side) => project("Member", side).providerTextLengths(lastStack.get(key("Member", side))!).join("–");

    // Previews of the last stacks, unchanged, their order rotating.
    for (const style of STYLES) {
      const sides: Side[] = style === "Member" ? ["provider", "floor", "shaped"] : ["provider", "floor"];
      for (let rep = 0; rep < sizes.previews; rep++) {
        for (let i = 0; i < sides.length; i++) {
          const side = sides[(i + rep) % sides.length];
          const t = await project(style, side).preview(lastStack.get(key(style, side))!);
          record(previews, style, side, t);
          ctx.log(`preview ${style} ${side}: ${s(t.wallMs)}, ${cpuText(t)}`);
        }
      }
    }

    const runs = (m: Map<string, Timed[]>, style: Style, side: Side) => m.get(key(style, side))!;
    const wall = (m: Map<string, Timed[]>, style: Style, side: Side) => median(runs(m, style, side).map((t) => t.wallMs));
    const cpu = (m: Map<string, Timed[]>, style: Style, side: Side, role: "plugin" | "program") => median(runs(m, style, side).map((t) => t.cpu[role].cpuMs));
    const n = sizes.members;
    const rows = ctx.rowSet(
      `${cliVersion(tier)} from scripts/pulumi-bin.js, the packed package installed as a user installs it, a TypeScript program run by test/cli's stand-in nodejs language host; ` +
        `stack: 1 load balancer, ${LISTENERS} listeners, ${LISTENERS} pools with health monitors, N=${n} members as single Members or one MemberSet per pool; ` +
        "one memory engine in its own process, a project of its own on it per stack; " +
        `pulumi up --skip-preview (default --parallel, 4 × cores) of an empty new stack, ${sizes.ups} runs of each${keepCheckpoints() ? "" : ", PULUMI_SKIP_CHECKPOINTS=true (the file backend writes only the final state)"}; ` +
        `pulumi preview of the last stack unchanged, ${sizes.previews} runs of each, in rotation with its floors; medians; ` +
        "floor: the same names, inputs and dependencies as dynamic resources whose provider only returns its inputs; " +
        "CPU: process.cpuUsage() of every Node process the CLI starts, read by a --require hook (NODE_OPTIONS), by role: the dynamic-provider plugin, the program (language host)",
    );

    const speedUp = (side: Side) => wall(ups, "Member", side) / wall(ups, "MemberSet", side);
    const wallsOf = (m: Map<string, Timed[]>, style: Style, side: Side) => runs(m, style, side).map((t) => s(t.wallMs)).join(", ");
    rows.add({
      name: `N=${n}: pulumi up, MemberSet speed-up over single Members`,
      value: speedUp("provider"),
      unit: "×",
      target: ">= 10",
      detail:
        `${s(wall(ups, "MemberSet", "provider"))} as MemberSets (${resourceCount(shapeOf("MemberSet"))} resources) vs ${s(wall(ups, "Member", "provider"))} as Members ` +
        `(${resourceCount(shapeOf("Member"))}); runs ${wallsOf(ups, "MemberSet", "provider")} vs ${wallsOf(ups, "Member", "provider")}`,
    });
    rows.add({
      name: `N=${n}: pulumi up, the same speed-up for the do-nothing floor`,
      value: speedUp("floor"),
      unit: "×",
      detail: `${s(wall(ups, "MemberSet", "floor"))} vs ${s(wall(ups, "Member", "floor"))} for the same stacks through a provider that does nothing: what the CLI alone allows`,
    });
    /** Plugin CPU ÷ wall of each run, in %. */
    const shares = (style: Style, side: Side) => runs(ups, style, side).map((t) => (100 * t.cpu.plugin.cpuMs) / t.wallMs);
    for (const style of STYLES) {
      const all = runs(ups, style, "provider");
      const notFinal = [...all, ...runs(ups, style, "floor")].reduce((sum, t) => sum + t.cpu.plugin.notFinal + t.cpu.program.notFinal, 0);
      rows.add({
        name: `N=${n} as ${style}: pulumi up, provider plugin CPU ÷ wall time`,
        value: median(shares(style, "provider")),
        unit: "%",
        target: "<= 10",
        detail:
          `runs ${all.map((t) => `${s(t.cpu.plugin.cpuMs)} / ${s(t.wallMs)}`).join(", ")} (plugin CPU in ${all[0].cpu.plugin.processes} processes / wall)` +
          (notFinal ? `; ${notFinal} process(es) killed before writing their total (figure up to 100 ms short)` : ""),
      });
      const floorCpu = cpu(ups, style, "floor", "plugin");
      const ownCpu = cpu(ups, style, "provider", "plugin") - floorCpu;
      rows.add({
        name: `N=${n} as ${style}: pulumi up, the do-nothing floor's plugin CPU ÷ its wall time`,
        value: median(shares(style, "floor")),
        unit: "%",
        detail:
          `${s(floorCpu)} / ${s(wall(ups, style, "floor"))}: the dynamic-provider host's own share; ` +
          `the provider's plugin CPU above it, ${s(ownCpu)}, is ${((100 * ownCpu) / wall(ups, style, "provider")).toFixed(1)}% of the provider's wall time`,
      });
    }
    for (const style of STYLES) {
      const p = wall(ups, style, "provider");
      const f = wall(ups, style, "floor");
      rows.add({
        name: `N=${n} as ${style}: pulumi up, provider ÷ do-nothing floor`,
        value: p / f,
        unit: "×",
        detail: `${s(p)} vs ${s(f)}; runs ${wallsOf(ups, style, "provider")} vs ${wallsOf(ups, style, "floor")}; program CPU ${s(cpu(ups, style, "provider", "program"))} vs ${s(cpu(ups, style, "floor", "program"))}`,
      });
    }
    for (const style of STYLES) {
      const count = resourceCount(shapeOf(style));
      const p = wall(previews, style, "provider");
      const f = wall(previews, style, "floor");
      const both = (role: "plugin" | "program") => `${role} CPU ${s(cpu(previews, style, "provider", role))} vs ${s(cpu(previews, style, "floor", role))}`;
      rows.add({
        name: `N=${n} as ${style}: pulumi preview unchanged, per resource, provider ÷ do-nothing floor`,
        value: p / count / (f / count),
        unit: "×",
        target: "<= 1.2",
        detail: `${ms(p / count)} vs ${ms(f / count)} per resource (${count} resources: ${s(p)} vs ${s(f)}; runs ${wallsOf(previews, style, "provider")} vs ${wallsOf(previews, style, "floor")}); ${both("plugin")}, ${both("program")}`,
      });
    }
    const shapedWall = wall(previews, "Member", "shaped");
    const floorWall = wall(previews, "Member", "floor");
    const providerWall = wall(previews, "Member", "provider");
    rows.add({
      name: `N=${n} as Member: pulumi preview unchanged, do-nothing floor shaped like the provider ÷ do-nothing floor`,
      value: shapedWall / floorWall,
      unit: "×",
      detail:
        `${s(shapedWall)} vs ${s(floorWall)}: the floor with the provider's output properties and values and serialized texts of its length ` +
        `(${texts("shaped")} characters, the provider's ${texts("provider")}, the plain floor's ${texts("floor")}); ` +
        `program CPU ${s(cpu(previews, "Member", "shaped", "program"))} vs ${s(cpu(previews, "Member", "floor", "program"))}, plugin CPU ${s(cpu(previews, "Member", "shaped", "plugin"))} vs ${s(cpu(previews, "Member", "floor", "plugin"))}`,
    });
    rows.add({
      name: `N=${n} as Member: pulumi preview unchanged, provider ÷ do-nothing floor shaped like it`,
      value: providerWall / shapedWall,
      unit: "×",
      detail:
        `${s(providerWall)} vs ${s(shapedWall)}: what the provider's code costs; ` +
        `program CPU ${s(cpu(previews, "Member", "provider", "program"))} vs ${s(cpu(previews, "Member", "shaped", "program"))}, plugin CPU ${s(cpu(previews, "Member", "provider", "plugin"))} vs ${s(cpu(previews, "Member", "shaped", "plugin"))}`,
    });
    for (const style of STYLES) {
      const count = resourceCount(shapeOf(style));
      const bytes = (side: Side) => project(style, side).stateBytes(lastStack.get(key(style, side))!) / count;
      rows.add({
        name: `N=${n} as ${style}: state per resource, provider ÷ do-nothing floor`,
        value: bytes("provider") / bytes("floor"),
        unit: "×",
        detail: `${bytes("provider").toFixed(0)} B vs ${bytes("floor").toFixed(0)} B per resource in the stack's state file, which every preview reads and sends, resource by resource, to the plugin`,
      });
    }
    if (keepCheckpoints()) for (const r of rows.rows) r.reproduce.env.BENCH_CLI_CHECKPOINTS = "1";
    return rows.rows;
  } finally {
    for (const p of projects.values()) p.cleanup();
    meter.cleanup();
    await engine.close();
  }
}

/** The CLI's version, for the method text. */
function cliVersion(tier: CliTier): string {
  const r = spawnSync(path.join(tier.binDir, "pulumi"), ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
  return `pulumi CLI ${r.stdout?.trim() || "(unknown version)"}`;
}

export const cliArea: BenchArea = {
  name: "cli",
  title: "CLI (`pulumi up` and `pulumi preview` through the real CLI)",
  async run(ctx: BenchContext): Promise<Row[]> {
    const binDir = locateCli();
    ctx.log(`pulumi CLI in ${binDir}; packing and installing the package`);
    return measureCli(ctx, { binDir, ...(await installedPackage()) });
  },
};
