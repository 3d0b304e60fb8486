import { describe, expect, it } from "vitest";
import { WeightedLeastConnections } from "../../../provider/engine/dataplane/least-connections";
import { countBy } from "./fixtures";

describe("weighted least connections", () => {
  it("D2: held connections converge to active ÷ weight being equal (2:1:1 → 20:10:10)", () => {
    const weights = Float64Array.from([2, 1, 1]);
    const active = new Float64Array(3);
    const wlc = new WeightedLeastConnections(3);
    for (let i = 0; i < 40; i++) active[wlc.pick(weights, active)]++; // never released
    expect(Array.from(active)).toEqual([20, 10, 10]);
  });

  it("D2: the next connection goes to the member whose connections closed", () => {
    const weights = Float64Array.from([1, 1, 1]);
    const active = Float64Array.from([5, 5, 5]);
    const wlc = new WeightedLeastConnections(3);
    active[1] -= 3; // three of member 1's connections close
    const next = [0, 1, 2].map(() => {
      const i = wlc.pick(weights, active);
      active[i]++;
      return i;
    });
    expect(next).toEqual([1, 1, 1]);
  });

  it("D2: ties are broken round robin — equal idle members rotate a b c a b c", () => {
    const weights = Float64Array.from([1, 1, 1]);
    const idle = new Float64Array(3);
    const wlc = new WeightedLeastConnections(3);
    expect(Array.from({ length: 6 }, () => wlc.pick(weights, idle))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("D2: an idle pool (sequential requests) still splits by weight, 3:2:1", () => {
    const weights = Float64Array.from([3, 2, 1]);
    const idle = new Float64Array(3);
    const wlc = new WeightedLeastConnections(3);
    expect(countBy(Array.from({ length: 600 }, () => wlc.pick(weights, idle)))).toEqual({ 0: 300, 1: 200, 2: 100 });
  });

  it("D2: weight 0 gets nothing even when it has the fewest connections", () => {
    const weights = Float64Array.from([0, 1]);
    const active = Float64Array.from([0, 50]);
    const wlc = new WeightedLeastConnections(2);
    expect(wlc.pick(weights, active)).toBe(1);
    expect(new WeightedLeastConnections(2).pick(Float64Array.from([0, 0]), active)).toBe(-1);
  });
});
