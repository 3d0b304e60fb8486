// The engine's HTTP surface: a route table matched against the raw path, bodies capped at
// 1 MiB (G2), authentication (G7), and one reply shape for success and error (G1, G2).
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { Authenticator } from "./auth";
import type { FaultInjector } from "./faults";
import type { ApiRequest, ApiResponse, Route } from "./context";
import { ElbError, errors } from "../spec/errors";
import { LIMITS } from "../spec";

interface CompiledRoute extends Route {
  segments: string[];
  /** More literal segments win: `/members/batch-add` before `/members/:id`. */
  literals: number;
}

export interface ServerOptions {
  routes: Route[];
  auth: Authenticator;
  /** Called for faults that are bugs (anything not an ElbError); the client still gets an answer. */
  onInternalError?: (err: unknown, req: { method: string; url: string }) => void;
  /** Opt-in faults for testing clients (off by default). */
  faults?: FaultInjector;
}

export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes
    .map((r) => {
      const segments = r.path.split("/").slice(1);
      return { ...r, segments, literals: segments.filter((s) => !s.startsWith(":")).length };
    })
    .sort((a, b) => b.literals - a.literals);
}

/**
 * Matches a raw path. Paths are not normalised: a doubled slash, a dot segment or an encoded
 * slash never turns into another path, so a request cannot reach another project's objects
 * by spelling (G4).
 */
export function matchRoute(routes: CompiledRoute[], method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
  const parts = path.split("/").slice(1);
  if (parts.some((p) => p === "" || p === "." || p === "..")) return undefined;
  let decoded: string[];
  try {
    decoded = parts.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  if (decoded.some((p) => p.includes("/") || p === "." || p === "..")) return undefined;
  for (const route of routes) {
    if (route.method !== method || route.segments.length !== decoded.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < decoded.length && ok; i++) {
      const seg = route.segments[i];
      if (seg.startsWith(":")) params[seg.slice(1)] = decoded[i];
      else ok = seg === decoded[i];
    }
    if (ok) return { route, params };
  }
  return undefined;
}

function send(res: http.ServerResponse, requestId: string, status: number, body?: Record<string, unknown>, close = false): void {
  res.setHeader("X-Request-Id", requestId);
  if (close) res.setHeader("Connection", "close");
  if (status === 204 || body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify({ ...body, request_id: requestId });
  res.writeHead(status, { "Content-Type": "application/json;charset=UTF-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: http.ServerResponse, requestId: string, e: ElbError, close = false): void {
  send(res, requestId, e.status, { error_code: e.code, error_msg: e.message }, close);
}

/** Reads the body, refusing more than the limit without buffering it. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return resolve("too-large");
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve("too-large");
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function createServer(options: ServerOptions): http.Server {
  const routes = compileRoutes(options.routes);
  const server = http.createServer(async (req, res) => {
    const requestId = randomUUID().replace(/-/g, "");
    const method = req.method ?? "GET";
    const rawUrl = req.url ?? "/";
    try {
      const q = rawUrl.indexOf("?");
      const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
      const faults = options.faults;
      if (faults) {
        const ms = faults.delay(method, path);
        if (ms > 0) await new Promise((r) => setTimeout(r, ms));
        const fault = faults.before(method, path);
        if (fault.kind === "reset") return void req.socket.destroy();
        if (fault.kind === "error") {
          const code = fault.status === 429 ? "APIGW.0308" : fault.status === 503 ? "SYS.0503" : "ELB.8906";
          return sendError(res, requestId, new ElbError(fault.status, code, `Injected fault: ${fault.status}.`));
        }
      }
      const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1));
      const body = await readBody(req, LIMITS.bodyBytes);
      if (body === "too-large") return sendError(res, requestId, errors.tooLarge(LIMITS.bodyBytes), true);
      const found = matchRoute(routes, method, path);
      if (!found) return sendError(res, requestId, errors.noRoute(method, path));
      const projectId = found.params.project_id;
      // G7: every request is authenticated; strict mode verifies signatures and project grants.
      const verdict = options.auth.authenticate({ method, rawUrl, headers: req.headers, body, projectId });
      if (!verdict.ok) return sendError(res, requestId, new ElbError(verdict.status, verdict.code, verdict.message));
      let parsed: unknown;
      if (body.length > 0) {
        try {
          parsed = JSON.parse(body.toString("utf8"));
        } catch (e) {
          return sendError(res, requestId, errors.badBody(`malformed JSON (${(e as Error).message})`));
        }
      }
      const apiReq: ApiRequest = { method, params: found.params, query, body: parsed, projectId };
      const out: ApiResponse = await found.route.handler(apiReq);
      // The ambiguous failure: the write is applied and durable, but the client never hears so.
      if (faults && out.status < 300 && faults.resetAfter(method, path)) return void req.socket.destroy();
      send(res, requestId, out.status, out.body);
    } catch (e) {
      if (e instanceof ElbError) return sendError(res, requestId, e);
      options.onInternalError?.(e, { method, url: rawUrl });
      // G2 forbids 5xx for anything a client can send; reaching here is an engine bug, reported as one.
      if (!res.headersSent) sendError(res, requestId, new ElbError(500, "ELB.8906", "Internal error; the engine logged the details."));
      else res.destroy();
    }
  });
  // Slow clients cannot hold connections open forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  return server;
}
