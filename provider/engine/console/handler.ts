// Everything under /console: the page and the JSON it reads. None of it is an API route: no fault
// injection, no API authentication, nothing written to the API log.
//
// Access:
// - lenient mode (no credentials file): open, but only to requests addressed to a loopback name
//   (Host 127.x, localhost or [::1]). A lenient engine binds loopback only; checking the Host too
//   keeps a web page elsewhere from reading the console through a DNS name rebound to 127.0.0.1.
// - strict mode: every JSON route needs a session, made by POST /console/api/session with a token
//   or an access key and its secret key from the credentials file; a session sees only the
//   projects that key or token is granted (G4), on every route.
import type * as http from "node:http";
import { isIPv4 } from "node:net";
import type { Authenticator, SignInCredential } from "../auth";
import type { Clock } from "../clock";
import type { EngineContext } from "../context";
import type { DataPlane } from "../dataplane";
import { parseResourceFilter, parseStatusFilter, type ApiLog } from "./api-log";
import { loadAssets, type Asset } from "./assets";
import { cookieValue, SESSION_COOKIE, SESSION_MS, Sessions } from "./sessions";
import type { TrafficWindow } from "./traffic-window";
import type { CallsView, ConsoleError, ObjectKindName, SessionView } from "./types";
import { findView, healthView, OBJECT_KINDS, objectView, projectsOf, sees, topologyView, trafficView, type Viewer, type ViewSources } from "./views";

export interface ConsoleOptions {
  ctx: EngineContext;
  auth: Authenticator;
  clock: Clock;
  apiLog: ApiLog;
  dataPlane?: DataPlane;
  window?: TrafficWindow;
  /** The built page; default: read from dist/console. */
  assets?: Map<string, Asset>;
}

/** A sign-in body is a token or a key pair: a few hundred bytes. */
const SIGN_IN_BODY_LIMIT = 16 * 1024;

// The page loads only its own script and stylesheet and talks only to this engine.
const PAGE_HEADERS = {
  "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

class ConsoleRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    ...PAGE_HEADERS,
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": bytes.length,
    "Cache-Control": "no-store",
  });
  res.end(bytes);
}

/** Only a literal loopback name: a host *name* such as 127.example.com may resolve anywhere. */
function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d+$/, "");
  return name === "localhost" || name === "[::1]" || (isIPv4(name) && name.startsWith("127."));
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new ConsoleRefusal(413, `the body is over ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The sign-in form's body: {"token": ...} or {"access_key": ..., "secret_key": ...}. */
function parseSignIn(text: string): SignInCredential {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ConsoleRefusal(400, "the body must be JSON: {\"token\": ...} or {\"access_key\": ..., \"secret_key\": ...}");
  }
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => typeof v === "string" && v.trim() !== "";
  if (str(b.token) && b.access_key === undefined && b.secret_key === undefined) return { token: String(b.token).trim() };
  if (str(b.access_key) && str(b.secret_key) && b.token === undefined) return { accessKey: String(b.access_key).trim(), secretKey: String(b.secret_key) };
  throw new ConsoleRefusal(400, "sign in with a token ({\"token\": ...}) or an access key and its secret key ({\"access_key\": ..., \"secret_key\": ...})");
}

export function consoleHandler(options: ConsoleOptions): (req: http.IncomingMessage, res: http.ServerResponse, path: string) => void {
  const { ctx, auth, apiLog } = options;
  const assets = options.assets ?? loadAssets();
  const sessions = new Sessions(options.clock);
  const sources: ViewSources = { ctx, dataPlane: options.dataPlane, window: options.window };

  /** Who is asking: every project (lenient), a session's projects (strict), or a refusal. */
  const viewerOf = (req: http.IncomingMessage): Viewer => {
    if (!auth.strict) return { principal: null, projects: null };
    const session = sessions.get(cookieValue(req.headers.cookie, SESSION_COOKIE));
    if (!session) throw new ConsoleRefusal(401, "sign in with a token or an access key from the engine's credentials file");
    return { principal: session.principal, projects: session.projects };
  };

  const sessionView = (viewer: Viewer): SessionView => ({
    mode: auth.strict ? "strict" : "lenient",
    principal: viewer.principal,
    projects: projectsOf(ctx, viewer),
    data_plane: !!options.dataPlane,
  });

  const signIn = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!auth.strict) throw new ConsoleRefusal(400, "the engine is lenient: the console is open on loopback, with nothing to sign in to");
    // A JSON content type cannot be sent cross-site without the browser asking first (CORS), so
    // another site's form cannot sign a browser in.
    if (!/^application\/json\b/.test(req.headers["content-type"] ?? "")) throw new ConsoleRefusal(415, "send the sign-in as Content-Type: application/json");
    const verdict = auth.signIn(parseSignIn(await readBody(req, SIGN_IN_BODY_LIMIT)));
    if (!verdict.ok) throw new ConsoleRefusal(401, verdict.error.message);
    const id = sessions.open(verdict.principal, verdict.projects);
    const viewer: Viewer = { principal: verdict.principal, projects: verdict.projects };
    sendJson(res, 200, sessionView(viewer), {
      "Set-Cookie": `${SESSION_COOKIE}=${id}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}`,
    });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, path: string, query: URLSearchParams) => {
    if (!auth.strict && !isLoopbackHost(req.headers.host)) {
      throw new ConsoleRefusal(403, "a lenient engine's console answers only requests to a loopback address (127.0.0.1, localhost, [::1])");
    }
    const method = req.method ?? "GET";
    if (!path.startsWith("/console/api/")) {
      if (method !== "GET" && method !== "HEAD") throw new ConsoleRefusal(405, `${method} is not allowed here`);
      const asset = assets.get(path === "/console/" ? "/console" : path);
      if (!asset) {
        if (path === "/console" || path === "/console/") throw new ConsoleRefusal(503, "the console is not built: run npm run build");
        throw new ConsoleRefusal(404, `nothing at ${path}`);
      }
      res.writeHead(200, { ...PAGE_HEADERS, "Content-Type": asset.type, "Content-Length": asset.body.length, "Cache-Control": "no-cache" });
      res.end(method === "HEAD" ? undefined : asset.body);
      return;
    }
    const route = path.slice("/console/api/".length);
    if (route === "session") {
      if (method === "POST") return signIn(req, res);
      if (method === "DELETE") {
        sessions.close(cookieValue(req.headers.cookie, SESSION_COOKIE));
        return sendJson(res, 200, { signed_out: true }, { "Set-Cookie": `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0` });
      }
    }
    if (method !== "GET") throw new ConsoleRefusal(405, `${method} is not allowed on ${path}`);
    const viewer = viewerOf(req);
    switch (route) {
      case "session":
        return sendJson(res, 200, sessionView(viewer));
      case "topology":
        return sendJson(res, 200, topologyView(sources, viewer));
      case "traffic":
        return sendJson(res, 200, trafficView(sources, viewer));
      case "health":
        return sendJson(res, 200, healthView(sources, viewer));
      case "calls": {
        let status, resource;
        try {
          status = parseStatusFilter(query.get("status"));
          resource = parseResourceFilter(query.get("resource"));
        } catch (e) {
          throw new ConsoleRefusal(400, (e as Error).message);
        }
        // A call with no project (a path that matches no route) is shown only to a viewer of every project.
        const calls = apiLog.list({ status, resource, project: (p) => (p === null ? viewer.projects === null : sees(viewer, p)) });
        return sendJson(res, 200, { capacity: apiLog.capacity, calls } satisfies CallsView);
      }
      case "find":
        return sendJson(res, 200, findView(sources, viewer, query.get("q") ?? ""));
    }
    const object = /^objects\/([a-z]+)\/([^/]+)$/.exec(route);
    if (object) {
      const kind = object[1] as ObjectKindName;
      if (!OBJECT_KINDS.includes(kind)) throw new ConsoleRefusal(404, `there are no ${kind} objects; kinds: ${OBJECT_KINDS.join(", ")}`);
      let id: string;
      try {
        id = decodeURIComponent(object[2]);
      } catch {
        throw new ConsoleRefusal(404, `${kind} ${object[2]} could not be found`);
      }
      const found = objectView(sources, viewer, kind, id);
      // Another project's object is absent, exactly as the API says (G4).
      if (!found) throw new ConsoleRefusal(404, `${kind} ${id} could not be found`);
      return sendJson(res, 200, { [kind]: found });
    }
    throw new ConsoleRefusal(404, `nothing at ${path}`);
  };

  return (req, res, path) => {
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1));
    handle(req, res, path, query).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (e instanceof ConsoleRefusal) return sendJson(res, e.status, { error: e.message } satisfies ConsoleError);
      sendJson(res, 500, { error: `the console failed: ${(e as Error)?.message ?? String(e)}` } satisfies ConsoleError);
    });
  };
}
