// Real health probes (D3), one per monitor type. A probe answers one question — did this
// member pass one check? — and gives up when `signal` aborts (the checker's `timeout`).
// Each probe opens its own connection (no keep-alive), as a load balancer's checker does.
import * as dgram from "node:dgram";
import * as http from "node:http";
import * as http2 from "node:http2";
import * as https from "node:https";
import * as net from "node:net";
import * as tls from "node:tls";
import type { Clock } from "../clock";
import { compileExpectedCodes } from "./expected-codes";
import type { MonitorConfig } from "./types";

/** Why a check failed, in the terms a person debugging a backend asks about. */
export type ProbeFailure = "timeout" | "refused" | "status" | "error";

/** One check's outcome: whether it passed, and what was seen (a status code, "connection refused"). */
export interface ProbeResult {
  ok: boolean;
  /** Set when the check failed. */
  failure?: ProbeFailure;
  detail: string;
}

/** Resolves with the check's result. Never rejects (a rejection counts as a failure anyway). */
export type Probe = (signal: AbortSignal, timeoutMs: number) => Promise<ProbeResult>;

export const passed = (detail: string): ProbeResult => ({ ok: true, detail });
export const failed = (failure: ProbeFailure, detail: string): ProbeResult => ({ ok: false, failure, detail });

/** The checker gave up waiting (its `timeout`). */
export const timedOut = (timeoutMs: number): ProbeResult => failed("timeout", `no answer within ${timeoutMs / 1000} s`);

/** A socket error as a result: a refusal (nothing listens there) is told apart from other errors. */
function socketFailure(err: NodeJS.ErrnoException): ProbeResult {
  if (err.code === "ECONNREFUSED") return failed("refused", "connection refused");
  return failed("error", err.code ? `${err.code}: ${err.message}` : err.message);
}

export interface ProbeTarget {
  address: string;
  port: number;
}

/** The probe for `monitor` against one member (the monitor's port overrides the member's). */
export function createProbe(monitor: MonitorConfig, member: ProbeTarget, clock: Clock): Probe {
  const target = { address: member.address, port: monitor.monitor_port ?? member.port };
  switch (monitor.type) {
    case "HTTP":
    case "HTTPS":
      return httpProbe(monitor, target);
    case "TLS":
      return tlsProbe(target);
    case "UDP_CONNECT":
      return udpProbe(target, clock);
    case "GRPC":
      return grpcProbe(monitor, target);
    case "TCP":
    default:
      return tcpProbe(target);
  }
}

/** Settles a probe exactly once, running `cleanup` first. */
function once(resolve: (result: ProbeResult) => void, cleanup: () => void): (result: ProbeResult) => void {
  let done = false;
  return (result) => {
    if (done) return;
    done = true;
    cleanup();
    resolve(result);
  };
}

/** Passes when a TCP connection is accepted. */
export function tcpProbe(target: ProbeTarget): Probe {
  return (signal, timeoutMs) =>
    new Promise((resolve) => {
      const socket = net.connect({ host: target.address, port: target.port });
      const settle = once(resolve, () => {
        signal.removeEventListener("abort", onAbort);
        socket.destroy();
      });
      const onAbort = () => settle(timedOut(timeoutMs));
      signal.addEventListener("abort", onAbort);
      socket.once("connect", () => settle(passed("connected")));
      socket.once("error", (err) => settle(socketFailure(err)));
    });
}

/** Passes when a TLS handshake completes (certificates are not modelled, S3, so any is accepted). */
export function tlsProbe(target: ProbeTarget): Probe {
  return (signal, timeoutMs) =>
    new Promise((resolve) => {
      const socket = tls.connect({ host: target.address, port: target.port, rejectUnauthorized: false });
      const settle = once(resolve, () => {
        signal.removeEventListener("abort", onAbort);
        socket.destroy();
      });
      const onAbort = () => settle(timedOut(timeoutMs));
      signal.addEventListener("abort", onAbort);
      socket.once("secureConnect", () => settle(passed("TLS handshake completed")));
      socket.once("error", (err) => settle(socketFailure(err)));
    });
}

/** Passes when `http_method url_path` answers with one of `expected_codes`. */
export function httpProbe(monitor: MonitorConfig, target: ProbeTarget): Probe {
  const expected = compileExpectedCodes(monitor.expected_codes, "200");
  const client = monitor.type === "HTTPS" ? https : http;
  const method = monitor.http_method || "GET";
  const path = monitor.url_path || "/";
  const allowed = monitor.expected_codes || "200";
  return (signal, timeoutMs) =>
    new Promise((resolve) => {
      const req = client.request({
        host: target.address,
        port: target.port,
        method,
        path,
        agent: false,
        rejectUnauthorized: false,
        headers: {
          host: monitor.domain_name || hostHeader(target),
          "user-agent": "elb-engine-health-check",
          connection: "close",
        },
      });
      const settle = once(resolve, () => {
        signal.removeEventListener("abort", onAbort);
        req.destroy();
      });
      const onAbort = () => settle(timedOut(timeoutMs));
      signal.addEventListener("abort", onAbort);
      req.once("response", (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        const seen = `${method} ${path} answered ${code}`;
        settle(expected(code) ? passed(seen) : failed("status", `${seen}, expected ${allowed}`));
      });
      req.once("error", (err) => settle(socketFailure(err)));
      req.end();
    });
}

/**
 * Huawei's UDP_CONNECT: send a datagram; an ICMP port-unreachable (ECONNREFUSED on a connected
 * socket) fails the check, a reply passes it, and silence for half the timeout passes it too —
 * a UDP service need not answer.
 */
export function udpProbe(target: ProbeTarget, clock: Clock): Probe {
  return (signal, timeoutMs) =>
    new Promise((resolve) => {
      const socket = dgram.createSocket(net.isIPv6(target.address) ? "udp6" : "udp4");
      const grace = clock.setTimer(Math.max(1, timeoutMs / 2), () => settle(passed("no reply, and no port-unreachable")));
      const settle = once(resolve, () => {
        grace.cancel();
        signal.removeEventListener("abort", onAbort);
        try {
          socket.close();
        } catch {
          // already closed by an error
        }
      });
      const onAbort = () => settle(timedOut(timeoutMs));
      signal.addEventListener("abort", onAbort);
      // On a connected UDP socket an ICMP port-unreachable arrives as ECONNREFUSED.
      socket.on("error", (err) => settle(socketFailure(err)));
      socket.on("message", () => settle(passed("replied")));
      socket.connect(target.port, target.address, () => {
        socket.send(Buffer.from("elb-engine-health-check"), (err) => {
          if (err) settle(socketFailure(err));
        });
      });
    });
}

/**
 * gRPC over cleartext HTTP/2: POST `url_path` (default the standard health service) with an
 * empty message and compare the `grpc-status` (headers or trailers) with `expected_codes`
 * (default "0", OK).
 */
export function grpcProbe(monitor: MonitorConfig, target: ProbeTarget): Probe {
  const expected = compileExpectedCodes(monitor.expected_codes, "0");
  const path = monitor.url_path || "/grpc.health.v1.Health/Check";
  const allowed = monitor.expected_codes || "0";
  return (signal, timeoutMs) =>
    new Promise((resolve) => {
      const session = http2.connect(`http://${hostHeader(target)}`);
      const settle = once(resolve, () => {
        signal.removeEventListener("abort", onAbort);
        session.destroy();
      });
      const onAbort = () => settle(timedOut(timeoutMs));
      signal.addEventListener("abort", onAbort);
      session.on("error", (err) => settle(socketFailure(err)));
      let status: number | undefined;
      const read = (headers: http2.IncomingHttpHeaders) => {
        const s = headers["grpc-status"];
        if (s !== undefined) status = Number(s);
      };
      const stream = session.request({
        ":method": "POST",
        ":path": path,
        "content-type": "application/grpc",
        te: "trailers",
      });
      stream.on("response", read);
      stream.on("trailers", read);
      stream.on("error", (err) => settle(socketFailure(err)));
      stream.on("data", () => undefined);
      stream.on("close", () => {
        if (status === undefined) settle(failed("status", `${path} answered no grpc-status`));
        else settle(expected(status) ? passed(`grpc-status ${status}`) : failed("status", `grpc-status ${status}, expected ${allowed}`));
      });
      // One length-prefixed, uncompressed, empty message: HealthCheckRequest{service: ""}.
      stream.end(Buffer.alloc(5));
    });
}

function hostHeader(target: ProbeTarget): string {
  return net.isIPv6(target.address) ? `[${target.address}]:${target.port}` : `${target.address}:${target.port}`;
}
