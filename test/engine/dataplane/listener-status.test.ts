import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../../provider/engine/clock";
import { DataPlane } from "../../../provider/engine/dataplane";
import { lb, listener, member, pool } from "../../unit/dataplane/fixtures";
import { empty, get, TestSource } from "./helpers";
import { startBackend } from "../../support/backend";
import { freePort } from "../../support/net";

const VIP = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: VIP, port });
    s.on("connect", () => (s.destroy(), resolve(false)));
    s.on("error", (e: NodeJS.ErrnoException) => resolve(e.code === "ECONNREFUSED"));
  });

describe("listener status", () => {
  it("D1: a port already in use is reported through listenerStatus, the engine keeps going, and binds once freed", async () => {
    const a = await startBackend("a");
    cleanups.push(() => a.stop());
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, VIP, resolve));
    const busy = (squatter.address() as net.AddressInfo).port;
    const okPort = await freePort(VIP);
    const source = new TestSource({
      ...empty(),
      loadbalancers: [lb("lb1", VIP)],
      listeners: [listener("busy", "lb1", "HTTP", busy, "p1"), listener("ok", "lb1", "HTTP", okPort, "p1")],
      pools: [pool("p1")],
      members: [member("ma", "p1", a.port)],
    });
    const dp = new DataPlane({ clock: systemClock, source });
    cleanups.push(() => dp.close());
    await expect(dp.start()).resolves.toBeUndefined();
    expect(dp.listenerStatus("busy")).toEqual({
      carrying: false,
      reason: `cannot bind ${VIP}:${busy}: the address is already in use (EADDRINUSE); the listener carries no traffic until the port is free`,
    });
    expect(dp.listenerStatus("ok")).toEqual({ carrying: true });
    expect((await get(VIP, okPort)).body).toBe("a");

    await new Promise<void>((resolve) => squatter.close(() => resolve()));
    source.change((cfg) => (cfg.members[0].weight = 2)); // any change retries the bind
    await dp.settled();
    expect(dp.listenerStatus("busy")).toEqual({ carrying: true });
    expect((await get(VIP, busy)).body).toBe("a");
  });

  it("D1: non-loopback VIPs and uncarried protocols say why; unknown listeners too", async () => {
    const source = new TestSource({
      ...empty(),
      loadbalancers: [lb("lb1", "192.168.0.10"), lb("lb2", VIP)],
      listeners: [listener("remote", "lb1", "HTTP", 80, null), listener("udp", "lb2", "UDP", 5353, null)],
    });
    const dp = new DataPlane({ clock: systemClock, source });
    cleanups.push(() => dp.close());
    await dp.start();
    expect(dp.listenerStatus("remote").carrying).toBe(false);
    expect(dp.listenerStatus("remote").reason).toContain("VIP 192.168.0.10; only VIPs in 127.0.0.0/8 carry traffic");
    expect(dp.listenerStatus("udp")).toEqual({ carrying: false, reason: "UDP listeners carry no traffic in the reference engine; only TCP, HTTP and HTTPS are carried" });
    expect(dp.listenerStatus("nope")).toEqual({ carrying: false, reason: "listener nope is not in the configuration" });
  });

  it("D1: moving, disabling or deleting a listener rebinds or frees its port; close() frees everything", async () => {
    const a = await startBackend("a");
    cleanups.push(() => a.stop());
    const [p1, p2] = [await freePort(VIP), await freePort(VIP)];
    const source = new TestSource({
      ...empty(),
      loadbalancers: [lb("lb1", VIP)],
      listeners: [listener("l1", "lb1", "HTTP", p1, "p1")],
      pools: [pool("p1")],
      members: [member("ma", "p1", a.port)],
    });
    const dp = new DataPlane({ clock: systemClock, source });
    await dp.start();
    expect((await get(VIP, p1)).body).toBe("a");

    source.change((cfg) => (cfg.listeners[0].protocol_port = p2));
    await dp.settled();
    expect(await refused(p1)).toBe(true);
    expect((await get(VIP, p2)).body).toBe("a");

    source.change((cfg) => (cfg.listeners[0].admin_state_up = false));
    await dp.settled();
    expect(await refused(p2)).toBe(true);
    expect(dp.listenerStatus("l1")).toEqual({ carrying: false, reason: "the listener is administratively down (admin_state_up false)" });

    source.change((cfg) => (cfg.listeners[0].admin_state_up = true));
    await dp.settled();
    expect((await get(VIP, p2)).body).toBe("a");
    await dp.close();
    expect(await refused(p2)).toBe(true);
    expect(dp.counters()).toEqual({ members: {} });
  });
});
