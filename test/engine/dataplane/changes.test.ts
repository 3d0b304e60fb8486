// The data plane reads the stored objects once, when it starts, and then follows the changes
// the control plane commits (objects put and deleted), as the engine's model reports them.
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../../provider/engine/clock";
import { DataPlane } from "../../../provider/engine/dataplane";
import type { ConfigKind, ConfigSource } from "../../../provider/engine/dataplane/types";
import { lb, listener, member, pool } from "../../unit/dataplane/fixtures";
import { freePort } from "../../support/net";
import { empty, get, tally, TestSource } from "./helpers";
import { startBackend } from "../../support/backend";

const VIP = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("data plane configuration", () => {
  it("reads the stored objects once, then applies each change it is told, with no other read", async () => {
    const [a, b] = [await startBackend("a"), await startBackend("b")];
    cleanups.push(() => a.stop(), () => b.stop());
    const port = await freePort(VIP);
    const source = new TestSource({
      ...empty(),
      loadbalancers: [lb("lb1", VIP)],
      listeners: [listener("l1", "lb1", "HTTP", port, "p1")],
      pools: [pool("p1")],
      members: [member("ma", "p1", a.port)],
    });
    const reads: ConfigKind[] = [];
    const counted: ConfigSource = { all: (kind) => (reads.push(kind), source.all(kind)), onChange: (l) => source.onChange(l) };
    const dp = new DataPlane({ clock: systemClock, source: counted });
    cleanups.push(() => dp.close());
    await dp.start();
    expect([...reads].sort()).toEqual(["certificate", "healthmonitor", "ipgroup", "listener", "loadbalancer", "member", "pool", "security_policy"]);
    expect(await tally(VIP, port, 4)).toEqual({ a: 4 });

    source.change((cfg) => cfg.members.push(member("mb", "p1", b.port)));
    await dp.settled();
    expect(await tally(VIP, port, 4)).toEqual({ a: 2, b: 2 });

    source.change((cfg) => (cfg.members = cfg.members.filter((m) => m.id !== "ma")));
    await dp.settled();
    expect(await tally(VIP, port, 4)).toEqual({ b: 4 });
    expect(dp.counters().members.ma).toBeUndefined();

    // The pool goes: the listener stays bound and answers that nothing serves it (D1).
    source.change((cfg) => {
      cfg.pools = [];
      cfg.members = [];
    });
    await dp.settled();
    expect((await get(VIP, port)).status).toBe(503);
    expect(dp.listenerStatus("l1")).toEqual({ carrying: true, reason: "the listener has no default pool: requests are answered 503" });
    expect(reads).toHaveLength(8);
  });
});
