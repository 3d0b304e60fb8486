import * as dgram from "node:dgram";
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { systemClock } from "../../../provider/engine/clock";
import { DataPlane } from "../../../provider/engine/dataplane";
import { createProbe } from "../../../provider/engine/dataplane/probes";
import { lb, listener, member, monitor, pool } from "../../unit/dataplane/fixtures";
import { empty, tally, TestSource } from "./helpers";
import { startBackend, type Backend } from "../../support/backend";
import { freePort } from "../../support/net";
import { waitFor } from "../../support/wait";

const VIP = "127.0.0.1";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Checks every second, a 1 s timeout, ONLINE on one pass, OFFLINE on two failures. */
const fast = (type: "TCP" | "HTTP") =>
  monitor("hm1", "p1", { type, delay: 1, timeout: 1, max_retries: 1, max_retries_down: 2, ...(type === "HTTP" ? { url_path: "/health", expected_codes: "200-204", http_method: "GET" } : {}) });

const probeOnce = (m: ReturnType<typeof monitor>, port: number, timeoutMs = 1000) => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  return createProbe(m, { address: "127.0.0.1", port }, systemClock)(controller.signal, timeoutMs).finally(() => clearTimeout(timer));
};

describe("health checks over real sockets", () => {
  it("D3: a killed backend goes OFFLINE within the window and gets no traffic, then recovers when restarted", async () => {
    const bs: Backend[] = [];
    for (const n of ["a", "b", "c"]) {
      const b = await startBackend(n, (req, res, self) => res.end(req.url === "/health" ? "ok" : self.name));
      cleanups.push(() => b.stop());
      bs.push(b);
    }
    const [a, b, c] = bs;
    const port = await freePort(VIP);
    const source = new TestSource({
      ...empty(),
      loadbalancers: [lb("lb1", VIP)],
      listeners: [listener("l1", "lb1", "HTTP", port, "p1")],
      pools: [pool("p1")],
      members: [member("ma", "p1", a.port), member("mb", "p1", b.port), member("mc", "p1", c.port)],
      healthmonitors: [fast("HTTP")],
    });
    const dp = new DataPlane({ clock: systemClock, source });
    cleanups.push(() => dp.close());
    await dp.start();
    await waitFor("all members ONLINE", () => ["ma", "mb", "mc"].every((id) => dp.memberStatus(id) === "ONLINE"), 2000);

    await b.stop();
    // Window: the next check plus one more (max_retries_down 2), each within delay + timeout.
    const detected = await waitFor("b OFFLINE", () => dp.memberStatus("mb") === "OFFLINE", 3500);
    expect(detected).toBeLessThanOrEqual(3500);
    const hitsWhileDown = b.hits;
    expect(await tally(VIP, port, 30)).toEqual({ a: 15, c: 15 });
    expect(b.hits).toBe(hitsWhileDown);

    await b.restart();
    await waitFor("b ONLINE again", () => dp.memberStatus("mb") === "ONLINE", 2500);
    expect(await tally(VIP, port, 30)).toEqual({ a: 10, b: 10, c: 10 });
  });

  it("D3: health is not persisted — a restarted data plane starts INITIAL and re-learns it; no monitor → undefined", async () => {
    const a = await startBackend("a");
    cleanups.push(() => a.stop());
    const source = new TestSource({
      ...empty(),
      pools: [pool("p1"), pool("p2")],
      members: [member("ma", "p1", a.port), member("m2", "p2", a.port)],
      healthmonitors: [{ ...fast("TCP"), delay: 50, timeout: 1 }],
    });
    const first = new DataPlane({ clock: systemClock, source });
    await first.start();
    await waitFor("ONLINE", () => first.memberStatus("ma") === "ONLINE", 2000);
    await first.close();
    const second = new DataPlane({ clock: systemClock, source });
    cleanups.push(() => second.close());
    const starting = second.start();
    expect(second.memberStatus("ma")).toBe("INITIAL");
    await starting;
    await waitFor("ONLINE after restart", () => second.memberStatus("ma") === "ONLINE", 2000);
    expect(second.memberStatus("m2")).toBeUndefined();
    // Disabling the monitor stops tracking (M7 NO_MONITOR).
    source.change((cfg) => (cfg.healthmonitors[0].admin_state_up = false));
    await second.settled();
    expect(second.memberStatus("ma")).toBeUndefined();
  });

  it("D3: an HTTP check passes only on expected_codes for http_method url_path", async () => {
    let status = 500;
    const seen: string[] = [];
    const b = await startBackend("b", (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.statusCode = status;
      res.end();
    });
    cleanups.push(() => b.stop());
    const hm = monitor("hm1", "p1", { type: "HTTP", url_path: "/healthz", http_method: "HEAD", expected_codes: "200,202-204" });
    expect(await probeOnce(hm, b.port)).toEqual({ ok: false, failure: "status", detail: "HEAD /healthz answered 500, expected 200,202-204" });
    status = 203;
    expect(await probeOnce(hm, b.port)).toEqual({ ok: true, detail: "HEAD /healthz answered 203" });
    status = 201;
    expect(await probeOnce(hm, b.port)).toMatchObject({ ok: false, failure: "status" });
    expect(seen).toEqual(["HEAD /healthz", "HEAD /healthz", "HEAD /healthz"]);
  });

  it("D3: a TCP check passes on accept and fails on refusal (said so); monitor_port overrides the member port", async () => {
    const b = await startBackend("b");
    cleanups.push(() => b.stop());
    const closed = await freePort();
    expect(await probeOnce(monitor("hm1", "p1"), b.port)).toEqual({ ok: true, detail: "connected" });
    expect(await probeOnce(monitor("hm1", "p1"), closed)).toEqual({ ok: false, failure: "refused", detail: "connection refused" });
    expect((await probeOnce(monitor("hm1", "p1", { monitor_port: b.port }), closed)).ok).toBe(true);
  });

  it("D3: UDP_CONNECT fails on ICMP port-unreachable and passes on a live socket", async () => {
    const live = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => live.bind(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => live.close(() => resolve())));
    const dead = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => dead.bind(0, "127.0.0.1", resolve));
    const deadPort = (dead.address() as AddressInfo).port;
    await new Promise<void>((resolve) => dead.close(() => resolve()));
    const hm = monitor("hm1", "p1", { type: "UDP_CONNECT" });
    expect((await probeOnce(hm, (live.address() as AddressInfo).port, 400)).ok).toBe(true);
    expect(await probeOnce(hm, deadPort, 400)).toMatchObject({ ok: false, failure: "refused" });
  });

  it("D3: a GRPC check compares grpc-status with expected_codes (default 0)", async () => {
    let grpcStatus = "0";
    const server = http2.createServer();
    server.on("stream", (stream) => {
      stream.resume();
      if (grpcStatus !== "0") {
        // A trailers-only answer: the status travels in the headers.
        stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": grpcStatus }, { endStream: true });
        return;
      }
      stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
      stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": grpcStatus }));
      stream.end(Buffer.from([0, 0, 0, 0, 2, 8, 1])); // HealthCheckResponse{status: SERVING}
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const hm = monitor("hm1", "p1", { type: "GRPC" });
    expect(await probeOnce(hm, port)).toEqual({ ok: true, detail: "grpc-status 0" });
    grpcStatus = "14"; // UNAVAILABLE
    expect(await probeOnce(hm, port)).toEqual({ ok: false, failure: "status", detail: "grpc-status 14, expected 0" });
  });
});
