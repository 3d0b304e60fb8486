import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../provider/engine/clock";
import { PoolRuntime } from "../../../provider/engine/dataplane/pool-runtime";
import { countBy, flush, member, monitor, none, pool, scripted } from "./fixtures";

function harness() {
  const clock = new FakeClock();
  const up = new Map<number, boolean>();
  const runtime = new PoolRuntime("p1", { clock, probeFor: (_m, mr) => async () => scripted(up.get(mr.port) ?? false), log: () => undefined });
  const picks = (n: number) => countBy(Array.from({ length: n }, () => runtime.pick("10.0.0.1")?.id ?? "none"));
  return { clock, up, runtime, picks };
}

describe("pool eligibility", () => {
  it("D2: members are kept in API order (created_at, then id), whatever order the snapshot lists them", () => {
    const { runtime } = harness();
    const a = member("a", "p1", 1001);
    const b = member("b", "p1", 1002);
    runtime.update(pool("p1"), undefined, [b, a], none);
    expect(runtime.members.map((m) => m.id)).toEqual(["a", "b"]);
  });

  it("D2: weight 0, admin_state_up false and non-loopback members get no new traffic", () => {
    const { runtime, picks } = harness();
    runtime.update(
      pool("p1"),
      undefined,
      [
        member("ok", "p1", 1001),
        member("zero", "p1", 1002, 0),
        member("down", "p1", 1003, 1, { admin_state_up: false }),
        member("remote", "p1", 1004, 1, { address: "192.168.0.10" }),
      ],
      none,
    );
    expect(picks(20)).toEqual({ ok: 20 });
    runtime.update(pool("p1", { admin_state_up: false }), undefined, [member("ok2", "p1", 1001)], none);
    expect(picks(3)).toEqual({ none: 3 });
  });

  it("D3: with an enabled monitor only ONLINE members receive traffic (INITIAL and OFFLINE do not)", async () => {
    const { clock, up, runtime, picks } = harness();
    up.set(1001, true);
    const hm = monitor("hm1", "p1", { delay: 1, timeout: 1, max_retries: 2, max_retries_down: 1 });
    runtime.update(pool("p1"), hm, [member("a", "p1", 1001), member("b", "p1", 1002)], none);
    expect(runtime.memberHealth("a")).toBe("INITIAL");
    expect(picks(2)).toEqual({ none: 2 }); // nobody has passed yet: no fail-open
    clock.advance(0);
    await flush();
    clock.advance(1000);
    await flush();
    expect([runtime.memberHealth("a"), runtime.memberHealth("b")]).toEqual(["ONLINE", "OFFLINE"]);
    expect(picks(10)).toEqual({ a: 10 });
    expect(runtime.memberHealth("remote")).toBeUndefined();
  });
});
