// The ELB API client the provider uses inside the provider process: JSON over undici, errors
// mapped to `ElbApiError`s a user can read, retries with jittered exponential backoff inside a
// per-operation deadline, and the waits a dedicated load balancer needs (rule G9: while it is
// PENDING_*, writes to it or its children answer 409 until it is ACTIVE again).
//
// Retry policy, by what a failure tells us about the request:
// - 429, and connections refused before anything was sent: the request was not processed, so it
//   is repeated as is.
// - 5xx, and connections that broke after the request left: it may or may not have been applied.
//   Reads, PUTs, DELETEs and the batch endpoints are idempotent and repeated; a create (POST) is
//   not — it is reported as `ambiguous` so the caller looks the object up by its natural key
//   before posting again, and a retry never duplicates an object.
// - 409 while the load balancer is PENDING_*: wait until it is ACTIVE (first poll at once), then
//   repeat. A 409 while it is ACTIVE is a real conflict and is reported.
import { getGlobalDispatcher, type Dispatcher } from "undici";
import type { ProviderSettings } from "./settings";
import { signRequest } from "../signing";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** An error answered by the ELB API, in the user's terms. Never carries credentials. */
export class ElbApiError extends Error {
  override name = "ElbApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string | undefined,
    readonly method: Method,
    readonly path: string,
    /** A create that may have been applied although it failed (5xx). */
    readonly ambiguous = false,
  ) {
    super(`${apiMessage} (${code}, HTTP ${status}${requestId ? `, request ${requestId}` : ""})`);
  }
}

/**
 * Whether an error says the object does not exist. Only the ELB API's own 404 (ELB.8904) counts:
 * a gateway's "no such route" or a 404 page from something that is not the ELB API means a wrong
 * endpoint, and taking it for "gone" would make a refresh drop every resource from state.
 */
export const isGone = (e: unknown): boolean => e instanceof ElbApiError && e.status === 404 && e.code.startsWith("ELB.");

/** The API could not be reached, or the connection broke. */
export class ElbTransportError extends Error {
  override name = "ElbTransportError";
  constructor(
    readonly method: Method,
    readonly url: string,
    readonly reason: string,
    /** The request may have reached the server before the connection broke. */
    readonly ambiguous: boolean,
  ) {
    super(`Cannot reach the ELB API at ${url}: ${reason}`);
  }
}

/** The operation's deadline passed while retrying or waiting. */
export class ElbTimeoutError extends Error {
  override name = "ElbTimeoutError";
}

/** A point in time an operation must finish by (milliseconds since the epoch). */
export interface Deadline {
  readonly at: number;
  /** The configured budget, for messages. */
  readonly budgetMs: number;
}

export interface ClientOptions {
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** First backoff step and caps, in milliseconds: for retries, and for polling a PENDING load balancer. */
  backoff?: { baseMs: number; maxMs: number; pollMaxMs: number };
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | readonly (string | number)[] | undefined>;
  deadline: Deadline;
  /** Whether repeating the request after an unclear failure is harmless. Default: every method but POST. */
  idempotent?: boolean;
  /** The load balancer whose PENDING_* lock (409) this write may hit; resolved only when needed. */
  loadBalancer?: () => Promise<string | undefined>;
  /**
   * The path is under the project (`/v3/{project_id}`), not under its `/elb`: where Huawei puts
   * the tag actions (`/v3/{project_id}/loadbalancers/{id}/tags/action`).
   */
  underProject?: boolean;
}

/** What one exchange answered. */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface Page<T> {
  items: T[];
}

/** Paths sent as they are: segments of letters, digits and `-_.~` that are not dot segments. */
const PLAIN_PATH = /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9._~-]+)+$/;

const CONNECT_FAILURES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

/** The error code of a network failure, looking through undici's and Node's wrappers. */
function networkCode(e: unknown): string | undefined {
  const err = e as { code?: string; cause?: { code?: string }; errors?: { code?: string }[] };
  return err?.code ?? err?.cause?.code ?? err?.errors?.[0]?.code;
}

const formatMs = (ms: number): string => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.round(ms / 100) / 10}s`);

export class ElbClient {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly backoff: { baseMs: number; maxMs: number; pollMaxMs: number };

  /** The endpoint split once: origin, and a path prefix ("" unless the endpoint has a path). */
  private readonly endpoint: { origin: string; prefix: string };

  constructor(
    readonly settings: ProviderSettings,
    private readonly options: ClientOptions = {},
  ) {
    const url = new URL(settings.endpoint);
    this.endpoint = { origin: url.origin, prefix: url.pathname.replace(/\/+$/, "") };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    // Polling stays frequent: while many writes contend for one load balancer's lock (G9) it is
    // ACTIVE only briefly between them, and a waiter that backs off far misses every window.
    this.backoff = options.backoff ?? { baseMs: 200, maxMs: 10_000, pollMaxMs: 2_000 };
  }

  /** A fresh deadline for one operation, from the configured timeout. */
  deadline(budgetMs = this.settings.timeoutMs): Deadline {
    return { at: this.now() + budgetMs, budgetMs };
  }

  /** The path prefix every ELB call shares. */
  get base(): string {
    return `/v3/${this.settings.projectId}/elb`;
  }

  /** Jittered exponential backoff: between half and all of base·2^attempt, capped. */
  delayFor(attempt: number, cap = this.backoff.maxMs): number {
    const exp = Math.min(cap, this.backoff.baseMs * 2 ** Math.min(attempt, 30));
    return Math.round(exp / 2 + (this.random() * exp) / 2);
  }

  /** Sleeps before the next attempt, or throws `lastError` when the deadline would pass. */
  async pause(attempt: number, deadline: Deadline, lastError: Error, minMs = 0): Promise<void> {
    const remaining = deadline.at - this.now();
    const delay = Math.max(minMs, this.delayFor(attempt));
    if (remaining <= 0 || delay > remaining) {
      throw new ElbTimeoutError(`${lastError.message} — still failing after ${attempt + 1} attempts; gave up at the ${formatMs(deadline.budgetMs)} deadline (elb:timeout).`);
    }
    await this.sleep(delay);
  }

  // Straight to `call`: a wrapper of its own would add a promise and a turn per request.
  get<T>(path: string, options: Omit<CallOptions, "body">): Promise<T> {
    return this.call<T>("GET", path, options);
  }
  post<T>(path: string, body: unknown, options: Omit<CallOptions, "body">): Promise<T> {
    return this.call<T>("POST", path, options, body);
  }
  put<T>(path: string, body: unknown, options: Omit<CallOptions, "body">): Promise<T> {
    return this.call<T>("PUT", path, options, body);
  }
  async delete(path: string, options: Omit<CallOptions, "body">): Promise<void> {
    await this.call("DELETE", path, options);
  }

  /** GET that answers undefined when the object does not exist. */
  async find<T>(path: string, options: Omit<CallOptions, "body">): Promise<T | undefined> {
    try {
      return await this.get<T>(path, options);
    } catch (e) {
      if (isGone(e)) return undefined;
      throw e;
    }
  }

  /** Every item of a list, following `page_info.next_marker` (rule G6). */
  async list<T extends { id: string }>(path: string, plural: string, query: CallOptions["query"], deadline: Deadline): Promise<T[]> {
    const limit = 2000;
    const out: T[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.get<Record<string, unknown>>(path, { deadline, query: { ...query, limit, marker } });
      const items = (page[plural] ?? []) as T[];
      out.push(...items);
      if (items.length < limit) return out;
      marker = items[items.length - 1].id;
    }
  }

  /**
   * Polls a load balancer until it is ACTIVE (returning it) or, with `until: "gone"`, until it is
   * deleted. The first poll happens at once; later ones back off.
   */
  async waitForLoadBalancer(id: string, deadline: Deadline, until: "active" | "gone" = "active"): Promise<Record<string, unknown> | undefined> {
    let last = "unknown";
    for (let attempt = 0; ; attempt++) {
      const lb = await this.find<{ loadbalancer: Record<string, unknown> }>(`/loadbalancers/${id}`, { deadline });
      if (!lb) {
        if (until === "gone") return undefined;
        throw new ElbApiError(404, "ELB.8904", `Load balancer ${id} could not be found.`, undefined, "GET", `/loadbalancers/${id}`);
      }
      last = String(lb.loadbalancer.provisioning_status);
      if (until === "active" && last === "ACTIVE") return lb.loadbalancer;
      if (last === "ERROR") throw new Error(`Load balancer ${id} is in provisioning_status ERROR.`);
      const remaining = deadline.at - this.now();
      const delay = this.delayFor(attempt, this.backoff.pollMaxMs);
      if (remaining <= 0 || delay > remaining) {
        throw new ElbTimeoutError(
          `Load balancer ${id} did not become ${until === "active" ? "ACTIVE" : "deleted"} within ${formatMs(deadline.budgetMs)} (provisioning_status ${last}); raise elb:timeout if it needs longer.`,
        );
      }
      await this.sleep(delay);
    }
  }

  /** One API call with the retry policy described at the top of this file. */
  async call<T>(method: Method, path: string, options: CallOptions, body: unknown = options.body): Promise<T> {
    const idempotent = options.idempotent ?? method !== "POST";
    // Target and body are the same on every attempt; headers (a signature's date) are not.
    const full = options.underProject ? `/v3/${this.settings.projectId}${path}` : this.base + path;
    const target = this.target(full, options.query);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let conflictsWhileActive = 0;
    for (let attempt = 0; ; attempt++) {
      const request = this.request(method, target, payload, options.deadline);
      let res: Answer;
      // The exchange is awaited here rather than in a helper of its own: one promise less per
      // call. The global dispatcher is read per call, so one a program installs (a proxy agent,
      // say) is honoured.
      try {
        const answer = await (this.options.dispatcher ?? getGlobalDispatcher()).request(request);
        res = { status: answer.statusCode, headers: answer.headers, text: await answer.body.text() };
      } catch (e) {
        const err = this.transportError(method, path, full, e);
        if (err.ambiguous && !idempotent) throw err;
        await this.pause(attempt, options.deadline, err);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return (res.text ? JSON.parse(res.text) : undefined) as T;

      const err = this.toApiError(method, path, res, !idempotent && res.status >= 500);
      if (res.status === 429) {
        const retryAfter = Number(res.headers["retry-after"]);
        await this.pause(attempt, options.deadline, err, Number.isFinite(retryAfter) ? retryAfter * 1000 : 0);
        continue;
      }
      if (res.status >= 500) {
        if (!idempotent) throw err;
        await this.pause(attempt, options.deadline, err);
        continue;
      }
      if (res.status === 409 && options.loadBalancer) {
        const lbId = await options.loadBalancer();
        if (lbId) {
          const lb = await this.find<{ loadbalancer: { provisioning_status?: string } }>(`/loadbalancers/${lbId}`, { deadline: options.deadline });
          if (lb && String(lb.loadbalancer.provisioning_status).startsWith("PENDING")) {
            await this.waitForLoadBalancer(lbId, options.deadline);
            conflictsWhileActive = 0;
            continue;
          }
          // It may have turned ACTIVE between the 409 and our look (and another writer may take
          // the lock again before our retry): a few quick tries tell a lock from a real conflict.
          if (lb && conflictsWhileActive < 2) {
            await this.pause(conflictsWhileActive++, options.deadline, err);
            continue;
          }
        }
      }
      throw err;
    }
  }

  private toApiError(method: Method, path: string, res: Answer, ambiguous: boolean): ElbApiError {
    let body: Record<string, unknown> = {};
    try {
      body = res.text ? JSON.parse(res.text) : {};
    } catch {
      // A proxy or gateway answered with something other than the API's JSON error body.
    }
    const header = res.headers["x-request-id"];
    const requestId = (body.request_id as string | undefined) ?? (Array.isArray(header) ? header[0] : header);
    const code = String(body.error_code ?? body.code ?? `HTTP.${res.status}`);
    const text = String(body.error_msg ?? body.message ?? (res.text.trim().slice(0, 200) || `HTTP ${res.status} from ${method} ${path}`));
    return new ElbApiError(res.status, code, text, requestId, method, path, ambiguous);
  }

  /** The request target: the endpoint's path prefix, the path from `/v3` on, and the query. */
  private target(path: string, query: CallOptions["query"]): string {
    let target = this.endpoint.prefix + path;
    // Anything beyond plain segments goes through URL, which escapes it (and resolves dot
    // segments) exactly as a full URL would; ids and literals never need it.
    if (!PLAIN_PATH.test(target)) target = new URL(this.endpoint.origin + target).pathname;
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        if (v === undefined) continue;
        for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
      }
      const text = params.toString();
      if (text) target += `?${text}`;
    }
    return target;
  }

  /** One attempt's request, dispatched by origin and path: no URL to parse per call. */
  private request(method: Method, target: string, body: string | undefined, deadline: Deadline): Dispatcher.RequestOptions {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json;charset=UTF-8";
    this.authenticate(method, target, headers, body);
    const remaining = Math.max(1, deadline.at - this.now());
    const timeout = Math.min(remaining, 120_000);
    return { origin: this.endpoint.origin, path: target, method, headers, body, headersTimeout: timeout, bodyTimeout: timeout };
  }

  /** A failed exchange in the user's terms. */
  private transportError(method: Method, path: string, full: string, e: unknown): ElbTransportError {
    const code = networkCode(e);
    // Refused connections never carried the request; anything later might have.
    const ambiguous = !(code && CONNECT_FAILURES.has(code));
    const shown = `${this.settings.endpoint}${full}`;
    return new ElbTransportError(method, shown, code ?? (e as Error).message, ambiguous);
  }

  /** Adds X-Auth-Token, or an AK/SK signature over exactly what is sent. */
  private authenticate(method: Method, target: string, headers: Record<string, string>, body: string | undefined): void {
    const c = this.settings.credentials;
    if (c.accessKey && c.secretKey) {
      const signed = signRequest(
        { method, url: this.endpoint.origin + target, headers, body },
        { accessKey: c.accessKey, secretKey: c.secretKey, securityToken: c.securityToken, projectId: this.settings.projectId },
        new Date(this.now()),
      );
      for (const name in signed) headers[name] = signed[name];
    } else if (c.token) headers["x-auth-token"] = c.token;
  }
}
