// `npm run bench [-- <area>...]`: runs the benchmark areas, prints one table per area and writes
// every row to .bench/results.json (rows of areas not run this time are kept from the last run).
// `npm run bench -- --markdown` prints the last results as Markdown without measuring.
// A missed target is a result, not a failure: the exit code is non-zero only when an area could
// not be measured.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { applyArea } from "./areas/apply";
import { cliArea } from "./areas/cli";
import { dataPlaneArea } from "./areas/dataplane";
import { engineArea } from "./areas/engine";
import { previewArea } from "./areas/preview";
import { contextFor, type BenchArea } from "./lib/context";
import { REPO_ROOT } from "./lib/dist";
import type { Row } from "./lib/rows";
import { renderTable } from "./lib/table";

export const AREAS: BenchArea[] = [engineArea, dataPlaneArea, applyArea, previewArea, cliArea];

export const RESULTS_DIR = path.join(REPO_ROOT, ".bench");
export const RESULTS_FILE = path.join(RESULTS_DIR, "results.json");

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${os.platform()} ${os.release()}`;
}

function readPrevious(): Row[] {
  try {
    const data = JSON.parse(fs.readFileSync(RESULTS_FILE, "utf8")) as unknown;
    return Array.isArray(data) ? (data as Row[]) : [];
  } catch {
    return [];
  }
}

/** The last results as Markdown tables, one per area (for the README's Performance section). */
export function markdown(rows: Row[]): string {
  return AREAS.filter((a) => rows.some((r) => r.area === a.name))
    .map((a) => `### ${a.title}\n\n${renderTable(rows.filter((r) => r.area === a.name))}\n`)
    .join("\n");
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--markdown")) {
    // Prints the last run's tables without measuring anything.
    console.log(markdown(readPrevious()));
    return 0;
  }
  const quick = process.env.BENCH_QUICK === "1";
  const wanted = argv.filter((a) => !a.startsWith("-"));
  const unknown = wanted.filter((w) => !AREAS.some((a) => a.name === w));
  if (unknown.length) {
    console.error(`unknown area(s) ${unknown.join(", ")}; choose from ${AREAS.map((a) => a.name).join(", ")}`);
    return 2;
  }
  const areas = wanted.length ? AREAS.filter((a) => wanted.includes(a.name)) : AREAS;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  console.log(`pulumi-elb benchmarks${quick ? " (BENCH_QUICK=1: smoke sizes, do not quote)" : ""}\nmachine: ${machine()}\n`);

  let rows = readPrevious().filter((r) => !areas.some((a) => a.name === r.area));
  let failed = 0;
  for (const area of areas) {
    const started = Date.now();
    try {
      const got = await area.run(contextFor(area.name, quick, log, { installTools: true }));
      rows = [...rows, ...got];
      console.log(`## ${area.title}\n\n${renderTable(got)}\n\n(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    } catch (e) {
      failed++;
      console.log(`## ${area.title}\n\nnot measured: ${(e as Error).stack ?? String(e)}\n`);
    }
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const order = (r: Row) => AREAS.findIndex((a) => a.name === r.area);
  rows.sort((a, b) => order(a) - order(b));
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(rows, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), RESULTS_FILE)} (${rows.length} rows)`);
  const missed = rows.filter((r) => areas.some((a) => a.name === r.area) && r.meets === false);
  if (missed.length) console.log(`targets missed: ${missed.map((r) => `${r.area}: ${r.name}`).join("; ")}`);
  return failed ? 1 : 0;
}
