// The preview measurement, in a process of its own (started with --expose-gc) so its CPU time and
// heap are the provider's and not left over from other benchmarks. For every resource of an
// applied stack it does what the provider host does on `pulumi preview` when nothing changed:
// `check(old inputs, program inputs)` then `diff(id, old outputs, checked inputs)`, on providers
// deserialized from their text exactly as the host does.
//
// Baseline: the host's own work for the same resource, converting the requests' and the check
// response's property bags between protobuf Structs and JavaScript.
//   argv[2]  a states file written by areas/preview.ts   →   one JSON line on stdout
import * as fs from "node:fs";
import type { Obj } from "./api";
import { requireFromRoot } from "./dist";
import { deserializeProviders, type ProviderKind, type ResourceState } from "./stack";

export interface StatesFile {
  texts: Record<ProviderKind, string>;
  /** States with `__provider` left out (put back from `texts` on load). */
  states: ResourceState[];
}

export interface PreviewResult {
  resources: number;
  /** µs of CPU (user + system) per resource for check + diff, one figure per timed pass. */
  cpuUsPerResource: number[];
  /** The same for the host's Struct conversions of those calls. */
  hostUsPerResource: number[];
  /** Highest heap growth seen during one pass, in bytes. */
  peakHeapGrowth: number;
  /** Peak resident set of this process, in bytes (it also holds the 10,000 states). */
  maxRss: number;
  changed: number;
  providerBytes: Record<ProviderKind, number>;
  /** Mean bytes of one resource's inputs + outputs as JSON (what state and every RPC carry). */
  stateBytesPerResource: number;
}

type StructClass = { fromJavaScript(o: Obj): { toJavaScript(): Obj } };

const gc = (globalThis as { gc?: () => void }).gc;
const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function main(): Promise<void> {
  const file = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as StatesFile;
  const { texts } = file;
  const states = file.states.map((s) => ({
    ...s,
    program: { ...s.program, __provider: texts[s.kind] },
    inputs: { ...s.inputs, __provider: texts[s.kind] },
    outputs: { ...s.outputs, __provider: texts[s.kind] },
  }));
  const providers = deserializeProviders(texts);
  // check and diff never call the API; the endpoint only has to be configured.
  for (const p of Object.values(providers)) await p.configure({ config: { get: () => undefined } });

  // Every call gets its own copies, as the host builds new objects from each request.
  const copies = () => states.map((s) => ({ s, checkOlds: structuredClone(s.inputs), news: structuredClone(s.program), diffOlds: structuredClone(s.outputs) }));
  let changed = 0;
  const pass = async (batch: ReturnType<typeof copies>, sample?: () => void) => {
    changed = 0;
    for (let i = 0; i < batch.length; i++) {
      const { s, checkOlds, news, diffOlds } = batch[i];
      const p = providers[s.kind];
      const checked = await p.check(checkOlds, news);
      const inputs = { ...(checked.inputs ?? news), __provider: news.__provider };
      const diff = await p.diff(s.id, diffOlds, inputs);
      if (diff.changes || diff.replaces?.length) changed++;
      if (sample && i % 50 === 0) sample();
    }
  };

  const cpuUsPerResource: number[] = [];
  await pass(copies()); // warm-up: the host process also compiles the provider's code once
  for (let round = 0; round < 5; round++) {
    const batch = copies();
    gc?.();
    const t0 = cpuNow();
    await pass(batch);
    cpuUsPerResource.push((cpuNow() - t0) / states.length);
  }

  const memBatch = copies();
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  await pass(memBatch, () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  peak = Math.max(peak, process.memoryUsage().heapUsed);

  // The host's side: Struct ↔ JavaScript for check's olds/news and result, diff's olds/news.
  const { Struct } = requireFromRoot("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass };
  const hostUsPerResource: number[] = [];
  for (let round = 0; round < 3; round++) {
    const wire = states.map((s) => ({
      checkOlds: Struct.fromJavaScript(s.inputs),
      news: Struct.fromJavaScript(s.program),
      diffOlds: Struct.fromJavaScript(s.outputs),
      diffNews: Struct.fromJavaScript(s.inputs),
      result: s.inputs,
    }));
    gc?.();
    const t0 = cpuNow();
    for (const w of wire) {
      w.checkOlds.toJavaScript();
      w.news.toJavaScript();
      Struct.fromJavaScript(w.result);
      w.diffOlds.toJavaScript();
      w.diffNews.toJavaScript();
    }
    hostUsPerResource.push((cpuNow() - t0) / states.length);
  }

  const result: PreviewResult = {
    resources: states.length,
    cpuUsPerResource,
    hostUsPerResource,
    peakHeapGrowth: peak - base,
    maxRss: process.resourceUsage().maxRSS * 1024,
    changed,
    providerBytes: Object.fromEntries(Object.entries(texts).map(([k, t]) => [k, Buffer.byteLength(t)])) as Record<ProviderKind, number>,
    stateBytesPerResource: states.reduce((n, s) => n + Buffer.byteLength(JSON.stringify(s.inputs)) + Buffer.byteLength(JSON.stringify(s.outputs)), 0) / states.length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`preview worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
