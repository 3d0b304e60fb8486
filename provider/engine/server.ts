// The engine's HTTP surface: a route table matched against the raw path, bodies capped at
// 1 MiB (G2), authentication (G7), and one reply shape for success and error (G1, G2).
import { randomBytes } from "node:crypto";
import * as http from "node:http";
import type { Authenticator } from "./auth";
import type { ApiCall, ApiLog } from "./console/api-log";
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
  /** Where every API call is written down for the console's API log. */
  apiLog?: ApiLog;
  /**
   * Serves `/console` and everything under it: the console's page and its own JSON. These are no
   * API routes: no faults, no API authentication, and never in the API log.
   */
  console?: (req: http.IncomingMessage, res: http.ServerResponse, path: string) => void;
}

const isConsolePath = (path: string) => path === "/console" || path.startsWith("/console/");

/** Routes grouped by method and segment count, each group most-literal first. */
export type RouteTable = Map<string, CompiledRoute[]>;

export function compileRoutes(routes: Route[]): RouteTable {
  const table: RouteTable = new Map();
  const compiled = routes
    .map((r) => {
      const segments = r.path.split("/").slice(1);
      return { ...r, segments, literals: segments.filter((s) => !s.startsWith(":")).length };
    })
    .sort((a, b) => b.literals - a.literals);
  for (const r of compiled) {
    const key = `${r.method} ${r.segments.length}`;
    const group = table.get(key);
    if (group) group.push(r);
    else table.set(key, [r]);
  }
  return table;
}

/**
 * Matches a raw path. Paths are not normalised: a doubled slash, a dot segment or an encoded
 * slash never turns into another path, so a request cannot reach another project's objects
 * by spelling (G4).
 */
export function matchRoute(routes: RouteTable, method: string, path: string): { route: CompiledRoute; params: Record<string, string> } | undefined {
  const parts = path.split("/");
  parts.shift();
  const encoded = path.includes("%");
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i];
    if (p === "" || p === "." || p === "..") return undefined;
    if (encoded) {
      try {
        p = decodeURIComponent(p);
      } catch {
        return undefined;
      }
      if (p.includes("/") || p === "." || p === "..") return undefined;
      parts[i] = p;
    }
  }
  const group = routes.get(`${method} ${parts.length}`);
  if (!group) return undefined;
  for (const route of group) {
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = route.segments[i];
      if (seg.charCodeAt(0) === 58 /* ":" */) params[seg.slice(1)] = parts[i];
      else ok = seg === parts[i];
    }
    if (ok) return { route, params };
  }
  return undefined;
}

/**
 * Request ids, UUID-shaped as Huawei's ELB v3 replies show them (8-4-4-4-12 hex digits): a random
 * half per engine process and a counter half.
 */
const requestIds = (() => {
  const r = randomBytes(8).toString("hex");
  const prefix = `${r.slice(0, 8)}-${r.slice(8, 12)}-${r.slice(12, 16)}-`;
  let n = 0;
  return () => {
    const c = (n++).toString(16).padStart(16, "0");
    return `${prefix}${c.slice(0, 4)}-${c.slice(4)}`;
  };
})();

const JSON_TYPE = "application/json;charset=UTF-8";

function send(res: http.ServerResponse, requestId: string, status: number, body?: Record<string, unknown>, close = false): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, close ? { "X-Request-Id": requestId, Connection: "close" } : { "X-Request-Id": requestId });
    res.end();
    return;
  }
  // The body's own keys, then request_id (G1), without copying the body to add it.
  const json = JSON.stringify(body);
  // Encoded once: its length and its bytes come from the same pass.
  const bytes = Buffer.from(`${json.length > 2 ? json.slice(0, -1) + "," : "{"}"request_id":"${requestId}"}`);
  const headers: Record<string, string | number> = { "X-Request-Id": requestId, "Content-Type": JSON_TYPE, "Content-Length": bytes.length };
  if (close) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(bytes);
}

/** Sends an error reply, noting its code on the call being logged, if any. */
function sendError(res: http.ServerResponse, requestId: string, e: ElbError, call?: ApiCall, close = false): void {
  if (call) call.error_code = e.code;
  send(res, requestId, e.status, { error_code: e.code, error_msg: e.message }, close);
}

const EMPTY = Buffer.alloc(0);

/** Reads the body, refusing more than the limit without buffering it. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const length = req.headers["content-length"];
    // Nothing declared and nothing chunked: there is no body to wait for.
    if (length === undefined && req.headers["transfer-encoding"] === undefined) return resolve(EMPTY);
    const declared = Number(length ?? 0);
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
  const { apiLog } = options;
  const server = http.createServer(async (req, res) => {
    const method = req.method ?? "GET";
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    if (options.console && isConsolePath(path)) return options.console(req, res, path);
    const requestId = requestIds();
    const started = apiLog ? performance.now() : 0;
    const call: ApiCall | undefined = apiLog
      ? { at: Date.now(), method, path: rawUrl, status: null, error_code: null, latency_ms: 0, principal: null, project_id: null, request_id: requestId }
      : undefined;
    try {
      const faults = options.faults;
      if (faults) {
        const ms = faults.delay(method, path);
        if (ms > 0) await new Promise((r) => setTimeout(r, ms));
        const fault = faults.before(method, path);
        if (fault.kind === "reset") return void req.socket.destroy();
        if (fault.kind === "error") {
          const code = fault.status === 429 ? "APIGW.0308" : fault.status === 503 ? "SYS.0503" : "ELB.8906";
          return sendError(res, requestId, new ElbError(fault.status, code, `Injected fault: ${fault.status}.`), call);
        }
      }
      const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1));
      const body = await readBody(req, LIMITS.bodyBytes);
      if (body === "too-large") return sendError(res, requestId, errors.tooLarge(LIMITS.bodyBytes), call, true);
      const found = matchRoute(routes, method, path);
      if (!found) return sendError(res, requestId, errors.noRoute(method, path), call);
      const projectId = found.params.project_id;
      // G7: every request is authenticated; strict mode verifies signatures and project grants.
      const verdict = options.auth.authenticate({ method, rawUrl, headers: req.headers, body, projectId });
      if (call) {
        call.project_id = projectId ?? null;
        call.principal = verdict.principal ?? null;
      }
      if (!verdict.ok) return sendError(res, requestId, verdict.error, call);
      let parsed: unknown;
      if (body.length > 0) {
        try {
          parsed = JSON.parse(body.toString("utf8"));
        } catch (e) {
          return sendError(res, requestId, errors.badBody(`malformed JSON (${(e as Error).message})`), call);
        }
      }
      const apiReq: ApiRequest = { method, params: found.params, query, body: parsed, projectId };
      const out: ApiResponse = await found.route.handler(apiReq);
      // The ambiguous failure: the write is applied and durable, but the client never hears so.
      if (faults && out.status < 300 && faults.resetAfter(method, path)) return void req.socket.destroy();
      send(res, requestId, out.status, out.body);
    } catch (e) {
      if (e instanceof ElbError) return sendError(res, requestId, e, call);
      options.onInternalError?.(e, { method, url: rawUrl });
      // G2 forbids 5xx for anything a client can send; reaching here is an engine bug, reported as one.
      if (!res.headersSent) sendError(res, requestId, new ElbError(500, "ELB.8906", "Internal error; the engine logged the details."), call);
      else res.destroy();
    } finally {
      if (call) {
        // A reset (fault injection) sent nothing: it has no status.
        call.status = res.headersSent ? res.statusCode : null;
        call.latency_ms = performance.now() - started;
        apiLog!.record(call);
      }
    }
  });
  // Slow clients cannot hold connections open forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  return server;
}
