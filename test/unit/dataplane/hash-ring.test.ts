import { describe, expect, it } from "vitest";
import { HashRing } from "../../../provider/engine/dataplane/hash-ring";

const clients = Array.from({ length: 20_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
const all = (n: number) => new Float64Array(n).fill(1);

describe("source-IP consistent hashing", () => {
  it("D2: a client always lands on the same member, and members share the clients evenly", () => {
    const ring = new HashRing(["m1", "m2", "m3", "m4"]);
    const w = all(4);
    const counts = [0, 0, 0, 0];
    let unstable = 0;
    for (const c of clients) {
      const i = ring.pick(c, w);
      if (ring.pick(c, w) !== i) unstable++;
      counts[i]++;
    }
    expect(unstable).toBe(0);
    for (const n of counts) expect(n / clients.length).toBeGreaterThan(0.17);
    for (const n of counts) expect(n / clients.length).toBeLessThan(0.33);
    // A ring rebuilt from the same members (an engine restart) maps every client the same way.
    const again = new HashRing(["m1", "m2", "m3", "m4"]);
    expect(clients.every((c) => again.pick(c, w) === ring.pick(c, w))).toBe(true);
  });

  it("D2: adding a fifth member moves about 1/5 of the clients, all of them to the new member", () => {
    const before = new HashRing(["m1", "m2", "m3", "m4"]);
    const after = new HashRing(["m1", "m2", "m3", "m4", "m5"]);
    let moved = 0;
    let movedElsewhere = 0;
    for (const c of clients) {
      const a = before.pick(c, all(4));
      const b = after.pick(c, all(5));
      if (a !== b) {
        moved++;
        if (b !== 4) movedElsewhere++;
      }
    }
    expect(movedElsewhere).toBe(0);
    expect(moved / clients.length).toBeGreaterThan(0.12);
    expect(moved / clients.length).toBeLessThan(0.28);
  });

  it("D2: a member with weight 0 (or unhealthy) loses only its own clients; the rest stay put", () => {
    const ring = new HashRing(["m1", "m2", "m3", "m4"]);
    const without = Float64Array.from([1, 0, 1, 1]);
    let moved = 0;
    let wrong = 0;
    for (const c of clients) {
      const a = ring.pick(c, all(4));
      const b = ring.pick(c, without);
      if (b === 1 || (a !== 1 && b !== a)) wrong++;
      if (a === 1) moved++;
    }
    expect(wrong).toBe(0);
    expect(moved / clients.length).toBeGreaterThan(0.17);
    expect(moved / clients.length).toBeLessThan(0.33);
  });

  it("D2: weights other than 0 do not move clients (Huawei ignores weights under SOURCE_IP)", () => {
    const ring = new HashRing(["m1", "m2", "m3"]);
    const a = Float64Array.from([1, 1, 1]);
    const b = Float64Array.from([100, 1, 7]);
    expect(clients.every((c) => ring.pick(c, a) === ring.pick(c, b))).toBe(true);
    expect(ring.pick("10.0.0.1", new Float64Array(3))).toBe(-1);
  });
});
