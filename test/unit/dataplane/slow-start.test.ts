import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../provider/engine/clock";
import { PoolRuntime } from "../../../provider/engine/dataplane/pool-runtime";
import { rampFactor, SLOW_START_FLOOR } from "../../../provider/engine/dataplane/slow-start";
import type { MemberConfig, MonitorConfig, PoolConfig } from "../../../provider/engine/dataplane/types";
import { countBy, flush, member, monitor, none, only, pool, scripted } from "./fixtures";

const DURATION_S = 100;
const ssPool = (extra: Partial<PoolConfig> = {}) => pool("p1", { slow_start: { enable: true, duration: DURATION_S }, ...extra });

/** A pool runtime on a FakeClock whose members' health is scripted by address:port. */
function harness() {
  const clock = new FakeClock();
  const up = new Map<number, boolean>();
  const runtime = new PoolRuntime("p1", {
    clock,
    probeFor: (_m, mr) => async () => scripted(up.get(mr.port) ?? false),
    log: () => undefined,
  });
  const weight = (id: string) => runtime.effectiveWeight(runtime.member(id)!);
  /** Lets pending checks run: advance in 1 s steps so every probe result settles. */
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      clock.advance(Math.min(1000, ms - t));
      await flush();
    }
  };
  return { clock, up, runtime, weight, advance };
}

/** A monitor that checks every second and flips on one result. */
const quick: MonitorConfig = monitor("hm1", "p1", { delay: 1, timeout: 1, max_retries: 1, max_retries_down: 1 });

describe("slow start", () => {
  it("D4: the effective weight ramps linearly from ~0 to full over the duration", () => {
    const d = DURATION_S * 1000;
    expect(rampFactor(0, d, 0)).toBe(SLOW_START_FLOOR);
    expect([0.25, 0.5, 0.75].map((f) => rampFactor(0, d, f * d))).toEqual([0.25, 0.5, 0.75]);
    expect(rampFactor(0, d, d)).toBe(1);
    expect(rampFactor(0, d, 5 * d)).toBe(1);
  });

  it("D4: a member that joined a pool already serving ramps from when it joins (no monitor); the others keep their weight", async () => {
    const { runtime, weight, advance } = harness();
    const a = member("a", "p1", 1001, 10);
    runtime.update(ssPool(), undefined, [a], none);
    expect(weight("a")).toBe(10);
    const b = member("b", "p1", 1002, 10);
    runtime.update(ssPool(), undefined, [a, b], only("b"));
    expect(weight("b")).toBe(10 * SLOW_START_FLOOR);
    await advance(50_000);
    expect(weight("b")).toBeCloseTo(5, 9);
    await advance(50_000);
    expect(weight("b")).toBe(10);
    expect(weight("a")).toBe(10);
  });

  it("D4: a ramping member's share follows its effective weight (half way: 1/3 of 1:1)", async () => {
    const { runtime, advance } = harness();
    const a = member("a", "p1", 1001, 1);
    const b = member("b", "p1", 1002, 1);
    runtime.update(ssPool(), undefined, [a], none);
    runtime.update(ssPool(), undefined, [a, b], only("b"));
    await advance(50_000);
    const picks = Array.from({ length: 300 }, () => runtime.pick("c")!.id);
    expect(countBy(picks)).toEqual({ a: 200, b: 100 });
  });

  it("D4: members not marked as joining a serving pool do not ramp", () => {
    const { runtime, weight } = harness();
    runtime.update(ssPool(), undefined, [member("a", "p1", 1001, 4), member("b", "p1", 1002, 4)], none);
    expect([weight("a"), weight("b")]).toEqual([4, 4]);
  });

  it("D4: under a health check the ramp starts when the member is first found healthy", async () => {
    const { runtime, up, weight, advance } = harness();
    const a: MemberConfig = member("a", "p1", 1001, 10);
    up.set(1001, true);
    runtime.update(ssPool(), quick, [a], none);
    await advance(1000);
    const b: MemberConfig = member("b", "p1", 1002, 10);
    runtime.update(ssPool(), quick, [a, b], only("b")); // b is down for 30 s
    await advance(30_000);
    expect(runtime.memberHealth("b")).toBe("OFFLINE");
    expect(weight("b")).toBe(0);
    up.set(1002, true);
    await advance(1000);
    expect(runtime.memberHealth("b")).toBe("ONLINE");
    expect(weight("b")).toBeLessThan(10 * 0.02); // ramp just began, not 30 % in
    await advance(50_000);
    expect(weight("b")).toBeCloseTo(5, 0);
  });

  it("D4: a health flap neither pauses nor restarts the ramp, and a finished ramp is never re-entered", async () => {
    const { runtime, up, weight, advance } = harness();
    const a = member("a", "p1", 1001, 10);
    const b = member("b", "p1", 1002, 10);
    up.set(1001, true);
    up.set(1002, true);
    runtime.update(ssPool(), quick, [a], none);
    await advance(1000);
    runtime.update(ssPool(), quick, [a, b], only("b"));
    await advance(1000); // b ONLINE: ramp starts
    const begun = weight("b");
    await advance(20_000);
    up.set(1002, false);
    await advance(10_000);
    expect(runtime.memberHealth("b")).toBe("OFFLINE");
    expect(weight("b")).toBe(0);
    up.set(1002, true);
    await advance(1000);
    // Back ONLINE ~32 s after the ramp began: it carries on at ~32 %, it does not start over.
    expect(begun).toBeLessThan(0.5);
    expect(weight("b")).toBeGreaterThan(2.9);
    expect(weight("b")).toBeLessThan(3.5);
    await advance(70_000);
    expect(weight("b")).toBe(10);
    // Flap again after the ramp ended: back at full weight immediately.
    up.set(1002, false);
    await advance(2000);
    up.set(1002, true);
    await advance(2000);
    expect(runtime.memberHealth("b")).toBe("ONLINE");
    expect(weight("b")).toBe(10);
  });
});
