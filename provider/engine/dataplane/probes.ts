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

/** Resolves true when the check passed. Never rejects (a rejection counts as a failure anyway). */
export type Probe = (signal: AbortSignal, timeoutMs: number) => Promise<boolean>;

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
function once(resolve: (ok: boolean) => void, cleanup: () => void): (ok: boolean) => void {
  let done = false;
  return (ok) => {
    if (done) return;
    done = true;
    cleanup();
    resolve(ok);
  };
}

/** Passes when a TCP connection is accepted. */
export function tcpProbe(target: ProbeTarget): Probe {
  return (signal) =>
    new Promise((resolve) => {
      const socket = net.connect({ host: target.address, port: target.port });
      const settle = once(resolve, () => {
        signal.removeEventListener("abort", onAbort);
        socket.destroy();
      });
      const onAbort = () => settle(false);
      signal.addEventListener("abort", onAbort);
      socket.once("connect", () => settle(true));
      socket.once("error", () => settle(false));
    });
}

/** Passes when a TLS handshake completes (certificates are not modelled, S3, so any is accepted). */
export function tlsProbe(target: ProbeTarget): Probe {
  return (signal) =>
    new Promise((resolve) => {
      const socket = tls.connect({ host: target.address, port: target.port, rejectUnauthorized: false });
      const settle = once(resolve, () => {
        signal.removeEventListener("abort", onAbort);
        socket.destroy();
      });
      const onAbort = () => settle(false);
      signal.addEventListener("abort", onAbort);
      socket.once("secureConnect", () => settle(true));
      socket.once("error", () => settle(false));
    });
}

/** Passes when `http_method url_path` answers with one of `expected_codes`. */
export function httpProbe(monitor: MonitorConfig, target: ProbeTarget): Probe {
  const expected = compileExpectedCodes(monitor.expected_codes, "200");
  const client = monitor.type === "HTTPS" ? https : http;
  const method = monitor.http_method || "GET";
  const path = monitor.url_path || "/";
  return (signal) =>
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
      const onAbort = () => settle(false);
      signal.addEventListener("abort", onAbort);
      req.once("response", (res) => {
        res.resume();
        settle(expected(res.statusCode ?? 0));
      });
      req.once("error", () => settle(false));
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
      const grace = clock.setTimer(Math.max(1, timeoutMs / 2), () => settle(true));
      const settle = once(resolve, () => {
        grace.cancel();
        signal.removeEventListener("abort", onAbort);
        try {
          socket.close();
        } catch {
          // already closed by an error
        }
      });
      const onAbort = () => settle(false);
      signal.addEventListener("abort", onAbort);
      socket.on("error", () => settle(false));
      socket.on("message", () => settle(true));
      socket.connect(target.port, target.address, () => {
        socket.send(Buffer.from("elb-engine-health-check"), (err) => {
          if (err) settle(false);
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
  return (signal) =>
    new Promise((resolve) => {
      const session = http2.connect(`http://${hostHeader(target)}`);
      const settle = once(resolve, () => {
        signal.removeEventListener("abort", onAbort);
        session.destroy();
      });
      const onAbort = () => settle(false);
      signal.addEventListener("abort", onAbort);
      session.on("error", () => settle(false));
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
      stream.on("error", () => settle(false));
      stream.on("data", () => undefined);
      stream.on("close", () => settle(status !== undefined && expected(status)));
      // One length-prefixed, uncompressed, empty message: HealthCheckRequest{service: ""}.
      stream.end(Buffer.alloc(5));
    });
}

function hostHeader(target: ProbeTarget): string {
  return net.isIPv6(target.address) ? `[${target.address}]:${target.port}` : `${target.address}:${target.port}`;
}
