// D4 decides who ramps by the write that added the member, not by how the data plane happens to
// batch what it is told: writes arriving within its coalescing window are applied together, yet a
// member added by its own write to a pool that already had one still ramps.
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../../provider/engine/clock";
import { DataPlane } from "../../../provider/engine/dataplane";
import { member, pool } from "../../unit/dataplane/fixtures";
import { empty, TestSource } from "./helpers";

const slowPool = () => pool("p1", { slow_start: { enable: true, duration: 600 } });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function started(source: TestSource): Promise<DataPlane> {
  const dp = new DataPlane({ clock: systemClock, source });
  cleanups.push(() => dp.close());
  await dp.start();
  return dp;
}

const phase = (dp: DataPlane, id: string) => dp.memberView(id)?.ramp.phase;

describe("slow start follows the writes (D4)", () => {
  it("two writes in one coalescing window: the pool's first member does not ramp, the second does", async () => {
    const source = new TestSource({ ...empty(), pools: [slowPool()] });
    const dp = await started(source);
    source.change((cfg) => cfg.members.push(member("a", "p1", 1001)));
    source.change((cfg) => cfg.members.push(member("b", "p1", 1002)));
    await dp.settled();
    expect([phase(dp, "a"), phase(dp, "b")]).toEqual(["none", "ramping"]);
  });

  it("one write that fills an empty pool ramps none of its members", async () => {
    const source = new TestSource({ ...empty(), pools: [slowPool()] });
    const dp = await started(source);
    source.change((cfg) => cfg.members.push(member("a", "p1", 1001), member("b", "p1", 1002)));
    await dp.settled();
    expect([phase(dp, "a"), phase(dp, "b")]).toEqual(["none", "none"]);
    source.change((cfg) => cfg.members.push(member("c", "p1", 1003)));
    await dp.settled();
    expect(phase(dp, "c")).toBe("ramping");
  });

  it("members present when the data plane starts do not ramp", async () => {
    const source = new TestSource({ ...empty(), pools: [slowPool()], members: [member("a", "p1", 1001), member("b", "p1", 1002)] });
    const dp = await started(source);
    expect([phase(dp, "a"), phase(dp, "b")]).toEqual(["none", "none"]);
  });
});
