// Preview: what `pulumi preview` of a large unchanged stack costs in the provider — CPU per
// resource for check + diff, peak memory — and how many bytes the serialized provider adds to
// every resource. The stack (one load balancer, 20 listeners, 20 pools with health monitors and
// single Members up to 10,000 resources) is applied for real through the provider first, so the
// states are exactly what Pulumi would hold; the measurement runs in a process of its own (see
// lib/preview-worker.ts), beside the host's own per-resource conversion work as the baseline.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ServerProcess } from "../lib/child";
import type { BenchArea, BenchContext } from "../lib/context";
import { REPO_ROOT } from "../lib/dist";
import type { PreviewResult, StatesFile } from "../lib/preview-worker";
import type { Row } from "../lib/rows";
import { providerGraph, ProviderDriver, runGraph, type ResourceState, type StackShape } from "../lib/stack";
import { median } from "../lib/stats";

const LISTENERS = 20;
const WORKER = path.join(REPO_ROOT, "test", "bench", "lib", "preview-worker.ts");
const TS_REGISTER = path.join(REPO_ROOT, "scripts", "ts-register.js");

const resourcesFor = (quick: boolean) => (quick ? 500 : 10_000);

async function applyStack(ctx: BenchContext, resources: number): Promise<{ texts: Record<string, string>; states: ResourceState[] }> {
  // Everything but the members: 1 load balancer and a listener, pool and monitor per listener.
  const shape: StackShape = { listeners: LISTENERS, members: resources - 1 - 3 * LISTENERS, memberSets: false };
  const driver = await ProviderDriver.load();
  const engine = await ServerProcess.start({ kind: "engine", memory: true });
  try {
    await driver.configure(engine.url);
    const states: ResourceState[] = [];
    const t = await runGraph(providerGraph(shape, driver, states), 16);
    ctx.log(`applied ${states.length} resources through the provider in ${(t.totalMs / 1000).toFixed(1)} s`);
    return { texts: driver.texts, states };
  } finally {
    await engine.close();
  }
}

function runWorker(file: string): Promise<PreviewResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--expose-gc", "-r", TS_REGISTER, WORKER, file], { cwd: REPO_ROOT, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`preview worker failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout.trim().split("\n").pop()!) as PreviewResult);
    });
  });
}

const strip = (o: Record<string, unknown>) => {
  const { __provider: _omitted, ...rest } = o;
  return rest;
};

export const previewArea: BenchArea = {
  name: "preview",
  title: "Preview (check + diff of an unchanged stack, in the provider process)",
  async run(ctx: BenchContext): Promise<Row[]> {
    const resources = resourcesFor(ctx.quick);
    const { texts, states } = await applyStack(ctx, resources);
    const file = path.join(REPO_ROOT, ".bench", "preview-states.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const data: StatesFile = {
      texts: texts as StatesFile["texts"],
      states: states.map((s) => ({ ...s, program: strip(s.program), inputs: strip(s.inputs), outputs: strip(s.outputs) })),
    };
    fs.writeFileSync(file, JSON.stringify(data));
    let r: PreviewResult;
    try {
      r = await runWorker(file);
    } finally {
      fs.rmSync(file, { force: true });
    }

    const rows = ctx.rowSet(
      `${r.resources} resources (1 load balancer, ${LISTENERS} listeners, ${LISTENERS} pools, ${LISTENERS} health monitors, single Members) applied through the provider, ` +
        "then in a fresh process (--expose-gc): providers deserialized from their text as the host does, check(old inputs, program) + diff(id, old outputs, checked) per resource; " +
        "CPU from process.cpuUsage, median of 5 passes after a warm-up; baseline: the host's Struct ↔ JS conversions for the same calls",
    );
    const cpu = median(r.cpuUsPerResource);
    const host = median(r.hostUsPerResource);
    rows.add({
      name: `check + diff CPU per resource (${r.resources} unchanged)`,
      value: cpu,
      unit: "µs",
      target: "<= 50",
      detail: `passes ${r.cpuUsPerResource.map((v) => v.toFixed(1)).join(", ")} µs; the host's own conversions ${host.toFixed(1)} µs`,
    });
    rows.add({ name: "check + diff CPU ÷ the host's conversions", value: cpu / host, unit: "×", detail: `${cpu.toFixed(1)} µs vs ${host.toFixed(1)} µs per resource` });
    rows.add({
      name: `peak heap growth during check + diff of ${r.resources}`,
      value: r.peakHeapGrowth / 2 ** 20,
      unit: "MiB",
      detail: `sampled every 50 resources above the heap holding the states; the process peaked at ${(r.maxRss / 2 ** 20).toFixed(0)} MiB RSS holding the states and the per-call copies of six passes`,
    });
    rows.add({ name: "unchanged resources that diff reported as changed", value: r.changed, unit: "resources", target: "== 0" });
    const largest = Object.entries(r.providerBytes).sort((a, b) => b[1] - a[1]);
    rows.add({
      name: "serialized provider per resource (largest kind)",
      value: largest[0][1],
      unit: "bytes",
      target: "< 4096",
      detail: largest.map(([k, b]) => `${k} ${b}`).join(", "),
      method: "serializeFunction(() => provider, { allowSecrets: true }) from @pulumi/pulumi, exactly as dynamic.Resource does; the text is stored in each resource's inputs and outputs",
    });
    rows.add({
      name: "state per resource (inputs + outputs as JSON)",
      value: r.stateBytesPerResource,
      unit: "bytes",
      detail: "both carry the serialized provider (__provider)",
    });
    return rows.rows;
  },
};
