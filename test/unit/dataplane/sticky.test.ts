import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../provider/engine/clock";
import { PoolRuntime } from "../../../provider/engine/dataplane/pool-runtime";
import { StickyTable } from "../../../provider/engine/dataplane/sticky-table";
import type { PoolConfig } from "../../../provider/engine/dataplane/types";
import { flush, member, monitor, none, pool, scripted } from "./fixtures";

const MIN = 60_000;

describe("sticky table", () => {
  it("D5: a pin expires after persistence_timeout of inactivity, and every use refreshes it", () => {
    const t = new StickyTable(20 * MIN);
    t.pin("10.0.0.1", "m1", 0);
    expect(t.lookup("10.0.0.1", 19 * MIN)).toBe("m1"); // used at 19 min: refreshed
    expect(t.lookup("10.0.0.1", 38 * MIN)).toBe("m1"); // 19 min idle
    expect(t.lookup("10.0.0.1", 58 * MIN)).toBeUndefined(); // 20 min idle: expired
    expect(t.size).toBe(0);
  });

  it("D5: releasing a member frees exactly its clients", () => {
    const t = new StickyTable(MIN);
    t.pin("a", "m1", 0);
    t.pin("b", "m2", 0);
    t.pin("c", "m1", 0);
    expect(t.releaseMember("m1")).toBe(2);
    expect([t.lookup("a", 1), t.lookup("b", 1), t.lookup("c", 1)]).toEqual([undefined, "m2", undefined]);
  });

  it("D5: expired pins are swept, so the table does not grow without bound", () => {
    const t = new StickyTable(MIN);
    for (let i = 0; i < 1000; i++) t.pin(`old${i}`, "m1", 0);
    for (let i = 0; i < 100; i++) t.pin(`new${i}`, "m1", 2 * MIN);
    expect(t.size).toBeLessThan(200);
  });
});

describe("sticky sessions in a pool", () => {
  const sticky = (extra: Partial<PoolConfig> = {}) =>
    pool("p1", { session_persistence: { type: "SOURCE_IP", cookie_name: null, persistence_timeout: 10 }, ...extra });

  function harness() {
    const clock = new FakeClock();
    const up = new Map<number, boolean>([
      [1001, true],
      [1002, true],
    ]);
    const runtime = new PoolRuntime("p1", { clock, probeFor: (_m, mr) => async () => scripted(up.get(mr.port) ?? false), log: () => undefined });
    const advance = async (ms: number) => {
      for (let t = 0; t < ms; t += 1000) {
        clock.advance(1000);
        await flush();
      }
    };
    return { clock, up, runtime, advance };
  }

  /** What a listener does: the live pin, else a fresh pick that is then pinned. */
  const route = (runtime: PoolRuntime, key: string) => {
    const pinned = runtime.pinned(key);
    if (pinned) return pinned.id;
    const m = runtime.pick(key)!;
    runtime.pin(key, m);
    return m.id;
  };

  it("D5: a pinned client stays on its member while round robin would have moved it", () => {
    const { runtime } = harness();
    runtime.update(sticky(), undefined, [member("a", "p1", 1001), member("b", "p1", 1002)], none);
    const first = route(runtime, "10.0.0.1");
    expect(Array.from({ length: 10 }, () => route(runtime, "10.0.0.1"))).toEqual(Array(10).fill(first));
    expect(route(runtime, "10.0.0.2")).not.toBe(first); // a new client is balanced
  });

  it("D5: after persistence_timeout minutes idle the client is balanced afresh", () => {
    const { clock, runtime } = harness();
    runtime.update(sticky(), undefined, [member("a", "p1", 1001), member("b", "p1", 1002)], none);
    route(runtime, "10.0.0.1");
    expect(runtime.pinCount).toBe(1);
    clock.advance(10 * MIN);
    expect(runtime.pinned("10.0.0.1")).toBeUndefined();
    expect(runtime.pinCount).toBe(0);
  });

  it("D5: a pinned member that goes OFFLINE releases its clients, who stay released when it returns", async () => {
    const { up, runtime, advance } = harness();
    const hm = monitor("hm1", "p1", { delay: 1, timeout: 1, max_retries: 1, max_retries_down: 1 });
    runtime.update(sticky(), hm, [member("a", "p1", 1001), member("b", "p1", 1002)], none);
    await advance(1000);
    const home = route(runtime, "10.0.0.1");
    const homePort = home === "a" ? 1001 : 1002;
    up.set(homePort, false);
    await advance(2000);
    expect(runtime.memberHealth(home)).toBe("OFFLINE");
    expect(runtime.pinCount).toBe(0);
    const moved = route(runtime, "10.0.0.1");
    expect(moved).not.toBe(home);
    up.set(homePort, true);
    await advance(2000);
    expect(runtime.memberHealth(home)).toBe("ONLINE");
    expect(route(runtime, "10.0.0.1")).toBe(moved); // pinned to its new member now
  });

  it("D5: weight 0 or removal of the pinned member releases its clients", () => {
    const { runtime } = harness();
    const a = member("a", "p1", 1001);
    const b = member("b", "p1", 1002);
    runtime.update(sticky(), undefined, [a, b], none);
    const home = route(runtime, "10.0.0.1");
    const [mine, other] = home === "a" ? [a, b] : [b, a];
    runtime.update(sticky(), undefined, [{ ...mine, weight: 0 }, other], none);
    expect(runtime.pinCount).toBe(0);
    expect(route(runtime, "10.0.0.1")).toBe(other.id);
    route(runtime, "10.0.0.9");
    runtime.update(sticky(), undefined, [mine], none); // `other` removed
    expect(runtime.pinCount).toBe(0);
  });
});
