// A small typed client for engine tests: real HTTP over undici, one shared connection pool,
// replies read whole ({status, body, text, headers}) so a test can assert every part of them.
import { randomBytes } from "node:crypto";
import { Agent, type Dispatcher } from "undici";

type IncomingHttpHeaders = Dispatcher.ResponseData["headers"];

/** Enough connections that hundreds of parallel requests really run in parallel (G10). */
const agent = new Agent({ connections: 1024, pipelining: 1, keepAliveTimeout: 30_000 });

// A test body or reply is arbitrary JSON; tests index into it freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  status: number;
  /** The parsed JSON body, or undefined when there was none (204) or it was not JSON. */
  body: Json;
  /** The body exactly as received. */
  text: string;
  headers: IncomingHttpHeaders;
}

export type Query = Record<string, string | number | boolean | readonly (string | number)[]>;

export interface RawOptions {
  headers?: Record<string, string>;
  /** Sent as is: a string or bytes (with Content-Length), or an async iterable (chunked). */
  body?: string | Buffer | AsyncIterable<Uint8Array>;
  /** Leave out the default X-Auth-Token (G7 tests). */
  noAuth?: boolean;
}

/** A fresh project id: 32 lowercase hex characters, as Huawei Cloud's. */
export const newProject = (): string => randomBytes(16).toString("hex");

export const TOKEN = "test-token";

function queryString(query?: Query | string): string {
  if (query === undefined) return "";
  if (typeof query === "string") return query ? `?${query}` : "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) for (const x of v) params.append(k, String(x));
    else params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** One request with nothing added but the auth header; `path` is absolute (`/v3/...`). */
export async function send(baseUrl: string, method: string, path: string, opts: RawOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.noAuth ? {} : { "X-Auth-Token": TOKEN }), ...opts.headers };
  // The dispatcher sends the path exactly as given (undici's `request(url)` would normalise
  // `..` and `.` segments away before the engine could see them).
  const res = await agent.request({ origin: baseUrl, path, method: method as Dispatcher.HttpMethod, headers, body: opts.body as string | undefined });
  const text = await res.body.text();
  let body: Json;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: res.statusCode, body, text, headers: res.headers };
}

export interface Api {
  readonly url: string;
  readonly project: string;
  /** `/v3/{project}/elb/<path>` for a relative path; an absolute path is used as is. */
  path(p: string): string;
  get(path: string, query?: Query | string): Promise<Reply>;
  post(path: string, body?: Json): Promise<Reply>;
  put(path: string, body?: Json): Promise<Reply>;
  del(path: string): Promise<Reply>;
  /** Any method, any body bytes, any headers (G2, G3, G7). */
  raw(method: string, path: string, opts?: RawOptions): Promise<Reply>;
}

/** A client for one project of the engine at `url`. */
export function api(url: string, project: string = newProject(), defaults: { headers?: Record<string, string> } = {}): Api {
  const full = (p: string) => (p.startsWith("/") ? p : `/v3/${project}/elb/${p}`);
  const json = (method: string, p: string, body: Json) =>
    send(url, method, full(p), {
      headers: { "Content-Type": "application/json", ...defaults.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    url,
    project,
    path: full,
    get: (p, query) => send(url, "GET", full(p) + queryString(query), { headers: defaults.headers }),
    post: (p, body) => json("POST", p, body),
    put: (p, body) => json("PUT", p, body),
    del: (p) => send(url, "DELETE", full(p), { headers: defaults.headers }),
    raw: (method, p, opts = {}) => send(url, method, full(p), { ...opts, headers: { ...defaults.headers, ...opts.headers } }),
  };
}

/** Runs `n` calls of `fn` at once and waits for all of them. */
export function parallel<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
}
