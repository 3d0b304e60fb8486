// Proves every benchmark area runs end to end (BENCH_QUICK sizes) and produces well-formed rows.
// It never asserts how fast anything is: figures on a shared 2-core box belong in the table,
// not in a test verdict. It never installs system packages either: an area that needs external
// programs (the data plane's nginx, HAProxy and wrk) runs only where they are installed, and
// says loudly when they are not; `npm run bench` installs them.
import { describe, expect, it } from "vitest";
import { AREAS } from "./run";
import { contextFor, type BenchContext } from "./lib/context";
import { isComparison, meetsTarget, type Row } from "./lib/rows";
import { renderTable } from "./lib/table";
import { missingTools } from "./lib/tools";

/** The rows each area must produce: a name pattern and whether it carries a target. */
const EXPECTED: Record<string, [RegExp, boolean][]> = {
  engine: [
    [/^show .* ÷ bare, c32$/, true],
    [/^list .*500 members.* ÷ bare, c32$/, false],
    [/^create .* ÷ bare, c32$/, false],
    [/^durable create latency/, true],
  ],
  dataplane: [
    [/^HTTP listener ÷ nginx L7$/, true],
    [/^HTTPS listener ÷ nginx terminating TLS$/, true],
    [/^TCP listener ÷ HAProxy TCP mode$/, true],
    [/^UDP listener ÷ plain Node UDP relay$/, true],
    [/^HTTP distribution error/, true],
    [/^TCP distribution error/, true],
  ],
  apply: [
    [/^N=\d+ as Member: provider ÷ floor$/, true],
    [/^N=\d+ as MemberSet: provider ÷ floor$/, true],
    [/^N=\d+: MemberSet speed-up over single Members$/, false],
    [/^N=\d+: the same speed-up against a bare node:http server \(ceiling\)$/, false],
    [/^N=\d+: the same speed-up against a minimal member engine \(no rules\)$/, false],
    [/^N=\d+: the provider's speed-up against the minimal member engine ÷ the floor's$/, false],
    [/^N=\d+: MemberSet speed-up ÷ the minimal member engine's$/, true],
    [/^linear in N: per-member time .*, Member$/, true],
    [/^linear in N: per-member time .*, MemberSet$/, true],
  ],
  preview: [
    [/^check \+ diff CPU per resource/, true],
    [/^peak heap growth/, false],
    [/^unchanged resources that diff reported as changed$/, true],
    [/^serialized provider per resource/, true],
  ],
};

function expectWellFormed(area: string, rows: Row[]): void {
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    expect(r.area).toBe(area);
    expect(r.name).toMatch(/\S/);
    expect(typeof r.value).toBe("number");
    expect(Number.isFinite(r.value), `${r.name} has value ${r.value}`).toBe(true);
    expect(r.unit).toMatch(/\S/);
    if (r.target === null) expect(r.meets).toBeNull();
    else {
      expect(isComparison(r.target), `${r.name}: target ${r.target}`).toBe(true);
      expect(r.meets).toBe(meetsTarget(r.value, r.target));
    }
    expect(r.reproduce.command).toBe(`npm run bench -- ${area}`);
    expect(r.reproduce.env).toEqual({ BENCH_QUICK: "1" });
    expect(r.reproduce.method).toMatch(/\S/);
  }
  // The JSON file holds exactly these fields; a round trip must not lose any.
  expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  for (const [pattern, hasTarget] of EXPECTED[area]) {
    const found = rows.filter((r) => pattern.test(r.name));
    expect(found.length, `${area}: a row matching ${pattern}`).toBeGreaterThan(0);
    for (const r of found) expect(r.target !== null, `${r.name} target`).toBe(hasTarget);
  }
  expect(renderTable(rows).split("\n")).toHaveLength(rows.length + 2);
}

/** Areas whose smoke test needs the CLI tier's setup (the Pulumi CLI, the installed package): test/cli/bench-cli.test.ts. */
const SMOKED_IN_CLI_TIER = ["cli"];
const smoked = AREAS.filter((a) => !SMOKED_IN_CLI_TIER.includes(a.name));

describe("bench areas in BENCH_QUICK mode", () => {
  it("covers every area", () => {
    expect(smoked.map((a) => a.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(AREAS.filter((a) => SMOKED_IN_CLI_TIER.includes(a.name))).toHaveLength(SMOKED_IN_CLI_TIER.length);
  });

  for (const area of smoked) {
    const missing = missingTools(area.tools ?? []);
    if (missing.length) {
      process.stderr.write(`\n!! bench smoke: the ${area.name} area needs ${missing.join(", ")}, which are not installed; it is not run here (npm run bench -- ${area.name} installs them)\n\n`);
    }
    it.runIf(missing.length === 0)(`${area.name}: runs and reports well-formed rows`, { timeout: 240_000 }, async () => {
      const rows = await area.run(contextFor(area.name, true, () => undefined, { installTools: false }));
      expectWellFormed(area.name, rows);
    });
  }

  it("never installs a missing program: the area fails, naming what to install", () => {
    const ctx: BenchContext = contextFor("dataplane", true, () => undefined, { installTools: false });
    expect(() => ctx.ensureTools(["wrk", "no-such-program-for-the-bench"])).toThrow(/missing no-such-program-for-the-bench: install the Debian packages no-such-program-for-the-bench/);
  });
});

describe("targets", () => {
  it("read as comparisons", () => {
    expect(meetsTarget(1.25, "<= 1.25")).toBe(true);
    expect(meetsTarget(1.26, "<= 1.25")).toBe(false);
    expect(meetsTarget(0.6, ">= 0.6")).toBe(true);
    expect(meetsTarget(0.59, ">= 0.6")).toBe(false);
    expect(meetsTarget(2047, "< 2048")).toBe(true);
    expect(meetsTarget(2048, "< 2048")).toBe(false);
    expect(meetsTarget(0, "== 0")).toBe(true);
    expect(meetsTarget(1, "== 0")).toBe(false);
    expect(() => meetsTarget(1, "fast")).toThrow(/not a comparison/);
  });
});
