import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../../provider/engine/clock";
import { DataPlane } from "../../../provider/engine/dataplane";
import type { PoolConfig } from "../../../provider/engine/dataplane/types";
import { countBy, lb, listener, member, pool } from "../../unit/dataplane/fixtures";
import { empty, TestSource, type TestConfig } from "./helpers";
import { freePort } from "../../support/net";
import { waitFor } from "../../support/wait";

const VIP = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A TCP backend that answers `<name>:<what it received>` and closes. */
async function echo(name: string): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
    s.on("data", (d) => s.end(`${name}:${d}`));
    s.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as net.AddressInfo).port;
}

/** One connection: send `ping`, read the whole reply. Resolves "RESET" if the proxy refuses. */
function exchange(port: number, localAddress = "127.0.0.1"): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: VIP, port, localAddress });
    let data = "";
    s.on("connect", () => s.write("ping"));
    s.on("data", (d) => (data += d));
    s.on("end", () => resolve(data));
    s.on("error", (e: NodeJS.ErrnoException) => (e.code === "ECONNRESET" ? resolve("RESET") : reject(e)));
  });
}

async function tcpSetup(members: TestConfig["members"], poolExtra: Partial<PoolConfig> = {}) {
  const port = await freePort(VIP);
  const source = new TestSource({
    ...empty(),
    loadbalancers: [lb("lb1", VIP)],
    listeners: [listener("l1", "lb1", "TCP", port, "p1")],
    pools: [pool("p1", { protocol: "TCP", ...poolExtra })],
    members,
  });
  const dp = new DataPlane({ clock: systemClock, source });
  cleanups.push(() => dp.close());
  await dp.start();
  expect(dp.listenerStatus("l1")).toEqual({ carrying: true });
  return { port, source, dp };
}

const name = (reply: string) => reply.split(":")[0];

describe("TCP listener", () => {
  it("D2: bytes pass through and each connection is balanced by weight (2:1 → 20/10 of 30)", async () => {
    const [a, b] = [await echo("a"), await echo("b")];
    const { port, dp } = await tcpSetup([member("ma", "p1", a, 2), member("mb", "p1", b, 1)]);
    const replies: string[] = [];
    for (let i = 0; i < 30; i++) replies.push(await exchange(port));
    expect(new Set(replies.map((r) => r.slice(2)))).toEqual(new Set(["ping"]));
    expect(countBy(replies.map(name))).toEqual({ a: 20, b: 10 });
    await waitFor("connections to close", () => dp.counters().members.ma.active === 0, 1000);
    expect(dp.counters().members).toEqual({ ma: { requests: 20, connections: 20, active: 0 }, mb: { requests: 10, connections: 10, active: 0 } });
  });

  it("D2: SOURCE_IP keeps every client address on one member and spreads different clients", async () => {
    const ports = [await echo("a"), await echo("b"), await echo("c")];
    const { port } = await tcpSetup(ports.map((p, i) => member(`m${i}`, "p1", p)), { lb_algorithm: "SOURCE_IP" });
    const used = new Set<string>();
    for (let client = 1; client <= 12; client++) {
      const from = `127.0.1.${client}`;
      const seen = new Set<string>();
      for (let i = 0; i < 4; i++) seen.add(name(await exchange(port, from)));
      expect(seen.size, `client ${from}`).toBe(1);
      used.add([...seen][0]);
    }
    expect(used.size).toBeGreaterThan(1);
  });

  it("D5: SOURCE_IP persistence pins each client under round robin", async () => {
    const ports = [await echo("a"), await echo("b")];
    const { port } = await tcpSetup(ports.map((p, i) => member(`m${i}`, "p1", p)), {
      session_persistence: { type: "SOURCE_IP", cookie_name: null, persistence_timeout: 1 },
    });
    const homes: string[] = [];
    for (let client = 1; client <= 4; client++) {
      const from = `127.0.2.${client}`;
      const replies = [];
      for (let i = 0; i < 4; i++) replies.push(name(await exchange(port, from)));
      expect(new Set(replies).size, `client ${from}`).toBe(1);
      homes.push(replies[0]);
    }
    // Round robin still balances new clients: they alternate.
    expect(homes).toEqual(["a", "b", "a", "b"]);
  });

  it("D2: least connections counts open connections (held 2:1 → 4 and 2)", async () => {
    const holders: net.Socket[] = [];
    const hold = async (n: string) => {
      const server = net.createServer((s) => {
        holders.push(s);
        s.on("error", () => undefined);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      cleanups.push(async () => {
        for (const s of holders) s.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      });
      void n;
      return (server.address() as net.AddressInfo).port;
    };
    const { port, dp } = await tcpSetup([member("ma", "p1", await hold("a"), 2), member("mb", "p1", await hold("b"), 1)], { lb_algorithm: "LEAST_CONNECTIONS" });
    const clients: net.Socket[] = [];
    for (let i = 0; i < 6; i++) {
      const c = net.connect({ host: VIP, port });
      c.on("error", () => undefined);
      clients.push(c);
      await waitFor(`connection ${i + 1} to reach a member`, () => holders.length === i + 1, 1000);
    }
    expect([dp.counters().members.ma.active, dp.counters().members.mb.active]).toEqual([4, 2]);
    for (const c of clients) c.destroy();
    await waitFor("active back to 0", () => dp.counters().members.ma.active + dp.counters().members.mb.active === 0, 1000);
  });

  it("D2: with no eligible member, or a member that refuses, the client connection is reset", async () => {
    const closed = await freePort();
    const { port, source, dp } = await tcpSetup([member("ma", "p1", closed)]);
    expect(await exchange(port)).toBe("RESET");
    expect(dp.counters().members.ma.requests).toBe(1);
    source.change((cfg) => (cfg.members[0].admin_state_up = false));
    await dp.settled();
    expect(await exchange(port)).toBe("RESET");
    expect(dp.counters().members.ma.requests).toBe(1);
  });
});
