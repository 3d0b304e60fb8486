// `npm run bench -- cli` end to end at smoke sizes (BENCH_QUICK: 20 members, one run of each),
// through the real CLI and the tier's installed package: every row is there, well formed and
// sane. How fast anything is belongs in the table, not in a test verdict.
import { describe, expect, inject, it } from "vitest";
import { measureCli } from "../bench/areas/cli";
import { contextFor } from "../bench/lib/context";
import { meetsTarget, type Row } from "../bench/lib/rows";

const cli = inject("pulumiCli");

/** Each row by its name (N=20 at smoke sizes), with whether it has a target and the range its value must fall in. */
const EXPECTED: [RegExp, string | null, [number, number]][] = [
  [/^N=20: pulumi up, MemberSet speed-up over single Members$/, ">= 10", [0.1, 100]],
  [/^N=20: pulumi up, the same speed-up for the do-nothing floor$/, null, [0.1, 100]],
  [/^N=20 as Member: pulumi up, provider plugin CPU ÷ wall time$/, "<= 10", [0.1, 100]],
  [/^N=20 as MemberSet: pulumi up, provider plugin CPU ÷ wall time$/, "<= 10", [0.1, 100]],
  [/^N=20 as Member: pulumi up, the do-nothing floor's plugin CPU ÷ its wall time$/, null, [0.1, 100]],
  [/^N=20 as MemberSet: pulumi up, the do-nothing floor's plugin CPU ÷ its wall time$/, null, [0.1, 100]],
  [/^N=20 as Member: pulumi up, provider ÷ do-nothing floor$/, null, [0.1, 10]],
  [/^N=20 as MemberSet: pulumi up, provider ÷ do-nothing floor$/, null, [0.1, 10]],
  [/^N=20 as Member: pulumi preview unchanged, per resource, provider ÷ do-nothing floor$/, "<= 1.2", [0.1, 10]],
  [/^N=20 as MemberSet: pulumi preview unchanged, per resource, provider ÷ do-nothing floor$/, "<= 1.2", [0.1, 10]],
  [/^N=20 as Member: pulumi preview unchanged, do-nothing floor shaped like the provider ÷ do-nothing floor$/, null, [0.1, 10]],
  [/^N=20 as Member: pulumi preview unchanged, provider ÷ do-nothing floor shaped like it$/, null, [0.1, 10]],
  // The provider's outputs hold the whole API object beside the same inputs, so its state is larger.
  [/^N=20 as Member: state per resource, provider ÷ do-nothing floor$/, null, [1, 10]],
  [/^N=20 as MemberSet: state per resource, provider ÷ do-nothing floor$/, null, [1, 10]],
];

describe.skipIf(!cli)("the CLI benchmark area, at smoke sizes", () => {
  it("runs pulumi up and preview through the real CLI and reports every row", async () => {
    const rows: Row[] = await measureCli(contextFor("cli", true, () => undefined, { installTools: false }), cli!);
    expect(rows.map((r) => r.name).sort()).toHaveLength(EXPECTED.length);
    for (const [pattern, target, [low, high]] of EXPECTED) {
      const row = rows.find((r) => pattern.test(r.name));
      expect(row, `a row matching ${pattern}`).toBeDefined();
      expect(row!.area).toBe("cli");
      expect(row!.target).toBe(target);
      expect(row!.meets).toBe(target === null ? null : meetsTarget(row!.value, target));
      expect(row!.value, row!.name).toBeGreaterThanOrEqual(low);
      expect(row!.value, row!.name).toBeLessThanOrEqual(high);
      expect(row!.reproduce).toMatchObject({ command: "npm run bench -- cli", env: { BENCH_QUICK: "1" } });
    }
    // Every plugin process left its exact total: the shim's lookup and the host, in each run.
    const share = rows.find((r) => r.name === "N=20 as Member: pulumi up, provider plugin CPU ÷ wall time")!;
    expect(share.detail).toMatch(/plugin CPU in 2 processes/);
    expect(share.detail).not.toMatch(/killed before/);
    // The shaped floor's serialized providers have exactly the provider's lengths.
    const shaped = /serialized texts of its length \((\d+)–(\d+) characters, the provider's (\d+)–(\d+), the plain floor's (\d+)–(\d+)\)/.exec(
      rows.find((r) => /floor shaped like the provider ÷/.test(r.name))!.detail!,
    );
    expect(shaped, "the shaped floor's text lengths").not.toBeNull();
    expect([shaped![1], shaped![2]]).toEqual([shaped![3], shaped![4]]);
    expect(Number(shaped![6])).toBeLessThan(Number(shaped![3]));
  });
});
