import { describe, expect, it } from "vitest";
import { maxRun, SmoothWeightedRoundRobin } from "../../../provider/engine/dataplane/smooth-wrr";
import { countBy, longestRun } from "./fixtures";

function picks(weights: number[], n: number, wrr = new SmoothWeightedRoundRobin(weights.length)): number[] {
  const w = Float64Array.from(weights);
  return Array.from({ length: n }, () => wrr.pick(w));
}

describe("smooth weighted round robin", () => {
  it("D2: 3:2:1 gets exactly 3, 2 and 1 picks in every full cycle of 6, and 300/200/100 of 600", () => {
    const seq = picks([3, 2, 1], 600);
    expect(countBy(seq)).toEqual({ 0: 300, 1: 200, 2: 100 });
    for (let c = 0; c < 100; c++) expect(countBy(seq.slice(c * 6, c * 6 + 6))).toEqual({ 0: 3, 1: 2, 2: 1 });
  });

  it("D2: the heaviest member of 3:2:1 never runs twice in a row, across cycle seams too", () => {
    const seq = picks([3, 2, 1], 600);
    // Interleaved, not a burst: a naive round robin would send a a a b b c.
    expect(seq.slice(0, 6)).toEqual([0, 1, 0, 2, 1, 0]);
    expect(longestRun(seq, 0)).toBe(1);
  });

  it("D2: 5:1:1 runs the heaviest member at most 3 times in a row, the least any schedule can do", () => {
    const seq = picks([5, 1, 1], 700);
    expect(countBy(seq)).toEqual({ 0: 500, 1: 100, 2: 100 });
    // 5 picks of a around 2 others need a run of ceil(5/2) = 3 somewhere; plain nginx WRR
    // reaches 4 at the cycle seam (a a b a c a a | a a …).
    expect(longestRun(seq, 0)).toBe(3);
    expect(maxRun(5, 7)).toBe(3);
  });

  it("D2: every cycle is exact and no member runs longer than needed, for every small weight set", () => {
    let cases = 0;
    const failures: string[] = [];
    const visit = (weights: number[], n: number, max: number): void => {
      if (weights.length < n) {
        for (let w = 1; w <= max; w++) visit([...weights, w], n, max);
        return;
      }
      cases++;
      const total = weights.reduce((a, b) => a + b, 0);
      const seq = picks(weights, total * 6);
      for (let c = 0; c < 6; c++) {
        const counts = countBy(seq.slice(c * total, (c + 1) * total));
        weights.forEach((w, i) => counts[i] !== w && failures.push(`${weights.join(":")}: cycle ${c} gave member ${i} ${counts[i]}`));
      }
      weights.forEach((w, i) => {
        const run = longestRun(seq, i);
        if (run > maxRun(w, total)) failures.push(`${weights.join(":")}: member ${i} ran ${run} times`);
      });
    };
    visit([], 2, 30);
    visit([], 3, 12);
    visit([], 4, 6);
    expect(cases).toBe(30 ** 2 + 12 ** 3 + 6 ** 4);
    expect(failures).toEqual([]);
  });

  it("D2: weight 0 (or not eligible) gets nothing, and nothing eligible picks -1", () => {
    const seq = picks([2, 0, 1], 300);
    expect(countBy(seq)).toEqual({ 0: 200, 2: 100 });
    expect(picks([0, 0, 0], 5)).toEqual([-1, -1, -1, -1, -1]);
  });

  it("D2: a member leaving and rejoining restarts the cycle, so shares are exact again at once", () => {
    const wrr = new SmoothWeightedRoundRobin(3);
    picks([3, 2, 1], 4, wrr); // mid-cycle
    expect(countBy(picks([3, 0, 1], 8, wrr))).toEqual({ 0: 6, 2: 2 });
    expect(countBy(picks([3, 2, 1], 6, wrr))).toEqual({ 0: 3, 1: 2, 2: 1 });
  });

  it("D4: fractional (slow-start) weights still split in proportion", () => {
    const seq = picks([1, 0.25], 1000);
    expect(countBy(seq)).toEqual({ 0: 800, 1: 200 });
  });
});
