import { afterEach, describe, expect, it } from "vitest";
import { FakeClock, systemClock, type Clock } from "../../../provider/engine/clock";
import { DataPlane } from "../../../provider/engine/dataplane";
import type { ListenerConfig, PoolConfig } from "../../../provider/engine/dataplane/types";
import { lb, listener, member, monitor, pool } from "../../unit/dataplane/fixtures";
import { empty, TestSource, type TestConfig } from "./helpers";
import { freeUdpPort } from "../../support/net";
import { answeredBy, tallyFlows, UdpClient, udpBackend, type UdpBackend } from "../../support/udp";
import { waitFor } from "../../support/wait";

const VIP = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function backend(name: string, options: { answer?: boolean } = {}): Promise<UdpBackend> {
  const b = await udpBackend(name, options);
  cleanups.push(() => b.stop());
  return b;
}

async function client(localAddress?: string): Promise<UdpClient> {
  const c = await UdpClient.open(localAddress);
  cleanups.push(() => c.close());
  return c;
}

async function udpSetup(
  members: TestConfig["members"],
  options: { pool?: Partial<PoolConfig>; listener?: Partial<ListenerConfig>; clock?: Clock; monitors?: TestConfig["healthmonitors"] } = {},
) {
  const port = await freeUdpPort(VIP);
  const source = new TestSource({
    ...empty(),
    loadbalancers: [lb("lb1", VIP)],
    listeners: [listener("l1", "lb1", "UDP", port, "p1", options.listener)],
    pools: [pool("p1", { protocol: "UDP", ...options.pool })],
    members,
    healthmonitors: options.monitors ?? [],
  });
  const dp = new DataPlane({ clock: options.clock ?? systemClock, source });
  cleanups.push(() => dp.close());
  await dp.start();
  expect(dp.listenerStatus("l1")).toEqual({ carrying: true });
  return { port, source, dp };
}

describe("UDP listener", () => {
  it("D2: each flow is balanced by weight (3:1 → 30/10 of 40) and replies come back from the listener's address", async () => {
    const [a, b] = [await backend("a"), await backend("b")];
    const { port, dp } = await udpSetup([member("ma", "p1", a.port, 3), member("mb", "p1", b.port, 1)]);
    const c = await client();
    expect(await c.ask(VIP, port, "hello")).toEqual({ text: "a:hello", from: `${VIP}:${port}` });
    expect(await tallyFlows(VIP, port, 39)).toEqual({ a: 29, b: 10 });
    // One flow per client socket: the 40 flows are live, counted as connections of their member.
    expect(dp.counters().members).toEqual({ ma: { requests: 30, connections: 30, active: 30 }, mb: { requests: 10, connections: 10, active: 10 } });
  });

  it("D2: a flow stays on its member until it is idle for keepalive_timeout, then its next datagram is balanced afresh", async () => {
    const clock = new FakeClock();
    const [a, b] = [await backend("a"), await backend("b")];
    const { port, dp } = await udpSetup([member("ma", "p1", a.port), member("mb", "p1", b.port)], { clock, listener: { keepalive_timeout: 10 } });
    const c = await client();
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      seen.push(answeredBy(await c.ask(VIP, port)));
      clock.advance(9_000); // never idle for the whole 10 s
    }
    expect(seen).toEqual(Array(10).fill("a"));
    // Round robin's next pick is b: a new flow from another client goes there.
    expect(answeredBy(await (await client()).ask(VIP, port))).toBe("b");
    clock.advance(10_000);
    // The sweep ended both idle flows; the first client's next datagram is a new flow, on a.
    expect(dp.counters().members.ma.active + dp.counters().members.mb.active).toBe(0);
    expect(answeredBy(await c.ask(VIP, port))).toBe("a");
    expect(dp.counters().members.ma).toEqual({ requests: 2, connections: 2, active: 1 });
  });

  it("D2: with no datagram for keepalive_timeout the flow moves even before any sweep (lookups check the idle time)", async () => {
    const clock = new FakeClock();
    const [a, b] = [await backend("a"), await backend("b")];
    const { port } = await udpSetup([member("ma", "p1", a.port), member("mb", "p1", b.port)], { clock, listener: { keepalive_timeout: 10 } });
    const c = await client();
    expect(answeredBy(await c.ask(VIP, port))).toBe("a");
    // Sweeps run every 5 s from the flow's start (at 5, 10, 15 and 20 s); none of them finds the
    // flow idle, yet at 19.999 s it has been idle for 10 s since its datagram at 9.999 s.
    clock.advance(9_999);
    expect(answeredBy(await c.ask(VIP, port))).toBe("a");
    clock.advance(10_000);
    expect(answeredBy(await c.ask(VIP, port))).toBe("b");
  });

  it("D2: SOURCE_IP keeps every client address on one member, whatever its port; clients spread", async () => {
    const bs = [await backend("a"), await backend("b"), await backend("c")];
    const { port } = await udpSetup(bs.map((b, i) => member(`m${i}`, "p1", b.port)), { pool: { lb_algorithm: "SOURCE_IP" } });
    const used = new Set<string>();
    for (let n = 1; n <= 12; n++) {
      const from = `127.0.3.${n}`;
      const seen = new Set<string>();
      for (let i = 0; i < 3; i++) seen.add(answeredBy(await (await client(from)).ask(VIP, port)));
      expect(seen.size, `client ${from}`).toBe(1);
      used.add([...seen][0]);
    }
    expect(used.size).toBeGreaterThan(1);
  });

  it("D5: SOURCE_IP persistence pins a client address across flows under round robin", async () => {
    const [a, b] = [await backend("a"), await backend("b")];
    const { port } = await udpSetup([member("ma", "p1", a.port), member("mb", "p1", b.port)], {
      pool: { session_persistence: { type: "SOURCE_IP", cookie_name: null, persistence_timeout: 1 } },
    });
    const homes: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const from = `127.0.4.${n}`;
      const replies = new Set<string>();
      for (let i = 0; i < 3; i++) replies.add(answeredBy(await (await client(from)).ask(VIP, port)));
      expect(replies.size, `client ${from}`).toBe(1);
      homes.push([...replies][0]);
    }
    expect(homes).toEqual(["a", "b", "a", "b"]);
  });

  it("D2: least connections counts live flows ÷ weight (2:1 → 4 and 2 of 6)", async () => {
    const [a, b] = [await backend("a"), await backend("b")];
    const { port, dp } = await udpSetup([member("ma", "p1", a.port, 2), member("mb", "p1", b.port, 1)], { pool: { lb_algorithm: "LEAST_CONNECTIONS" } });
    expect(await tallyFlows(VIP, port, 6)).toEqual({ a: 4, b: 2 });
    expect([dp.counters().members.ma.active, dp.counters().members.mb.active]).toEqual([4, 2]);
  });

  it("D2: weight 0 takes no new flows but keeps its own; admin down likewise; nothing eligible drops the datagram", async () => {
    const [a, b] = [await backend("a"), await backend("b")];
    const { port, source, dp } = await udpSetup([member("ma", "p1", a.port), member("mb", "p1", b.port)]);
    const onA = await client();
    expect(answeredBy(await onA.ask(VIP, port))).toBe("a");
    source.change((cfg) => (cfg.members[0].weight = 0));
    await dp.settled();
    expect(await tallyFlows(VIP, port, 6)).toEqual({ b: 6 });
    expect(answeredBy(await onA.ask(VIP, port))).toBe("a");
    source.change((cfg) => (cfg.members[1].admin_state_up = false));
    await dp.settled();
    expect(await tallyFlows(VIP, port, 2, "127.0.5.1")).toEqual({ none: 2 });
    expect(answeredBy(await onA.ask(VIP, port))).toBe("a");
  });

  it("D2: a flow whose member leaves the pool is balanced afresh on its next datagram", async () => {
    const [a, b] = [await backend("a"), await backend("b")];
    const { port, source, dp } = await udpSetup([member("ma", "p1", a.port), member("mb", "p1", b.port)]);
    const c = await client();
    expect(answeredBy(await c.ask(VIP, port))).toBe("a");
    source.change((cfg) => (cfg.members = cfg.members.filter((m) => m.id !== "ma")));
    await dp.settled();
    expect(answeredBy(await c.ask(VIP, port))).toBe("b");
  });

  it("D1: a UDP listener with no default pool drops datagrams and says so; keepalive_timeout null idles flows out after Huawei's 300 s", async () => {
    const clock = new FakeClock();
    const a = await backend("a");
    const { port, source, dp } = await udpSetup([member("ma", "p1", a.port)], { clock, listener: { keepalive_timeout: null } });
    const c = await client();
    expect(answeredBy(await c.ask(VIP, port))).toBe("a");
    clock.advance(299_000);
    expect(dp.counters().members.ma.active).toBe(1);
    clock.advance(1_000);
    expect(dp.counters().members.ma.active).toBe(0);
    source.change((cfg) => (cfg.listeners[0].default_pool_id = null));
    await dp.settled();
    expect(dp.listenerStatus("l1")).toEqual({ carrying: true, reason: "the listener has no default pool: datagrams are dropped" });
    expect(await c.ask(VIP, port, "ping", 300)).toBeUndefined();
  });
});

describe("UDP_CONNECT health checks through the data plane", () => {
  it("D3: a member that refuses datagrams goes OFFLINE and gets no flows; one that answers or stays silent is ONLINE", async () => {
    const answers = await backend("answers");
    const silent = await backend("silent", { answer: false });
    const gone = await backend("gone");
    await gone.stop();
    const { port, dp } = await udpSetup([member("m1", "p1", answers.port), member("m2", "p1", silent.port), member("m3", "p1", gone.port)], {
      monitors: [monitor("hm1", "p1", { type: "UDP_CONNECT", delay: 1, timeout: 1, max_retries: 1, max_retries_down: 1 })],
    });
    await waitFor("health known", () => ["m1", "m2", "m3"].every((id) => dp.memberStatus(id) !== "INITIAL"), 3000);
    expect([dp.memberStatus("m1"), dp.memberStatus("m2"), dp.memberStatus("m3")]).toEqual(["ONLINE", "ONLINE", "OFFLINE"]);
    expect(await tallyFlows(VIP, port, 6)).toEqual({ answers: 3, none: 3 });
    // The silent member got its three flows (it just never answers); the refusing one none.
    expect(silent.received.filter((d) => d.startsWith("flow ")).length).toBe(3);
    expect(dp.counters().members.m3.requests).toBe(0);
    // A flow whose member goes OFFLINE is balanced afresh: its next datagram reaches another member.
    const c = await client();
    expect(answeredBy(await c.ask(VIP, port))).toBe("answers");
    await answers.stop();
    await waitFor("m1 OFFLINE", () => dp.memberStatus("m1") === "OFFLINE", 3000);
    expect(await c.ask(VIP, port, "moved", 300)).toBeUndefined();
    expect(silent.received).toContain("moved");
  });

  it("D3: a refusing member that starts listening comes back ONLINE and takes flows again", async () => {
    const gone = await backend("back");
    const goneport = gone.port;
    await gone.stop();
    const { port, dp } = await udpSetup([member("m1", "p1", goneport)], {
      monitors: [monitor("hm1", "p1", { type: "UDP_CONNECT", delay: 1, timeout: 1, max_retries: 1, max_retries_down: 1 })],
    });
    await waitFor("OFFLINE", () => dp.memberStatus("m1") === "OFFLINE", 3000);
    expect(await tallyFlows(VIP, port, 1)).toEqual({ none: 1 });
    const back = await udpBackend("back", { port: goneport });
    cleanups.push(() => back.stop());
    await waitFor("ONLINE", () => dp.memberStatus("m1") === "ONLINE", 3000);
    expect(await tallyFlows(VIP, port, 2)).toEqual({ back: 2 });
  });
});
