// The last API calls the engine answered, for the console's API log: method, path, status, error
// code, latency and who made the call (an access key id or a token's name, never a secret). A
// fixed-size ring: recording a call costs one small object whatever the engine has seen, and
// nothing is stored on disk. Filtering happens when someone reads the log, never on the API's path.
import { Ring } from "../ring";
import { RESOURCES, type ResourceName } from "./resources";
import type { ApiCallView } from "./types";

/** Calls kept: a few hundred, enough to read one failing `pulumi up` end to end. */
export const API_LOG_CAPACITY = 500;


/** One API call as the log keeps it. */
export type ApiCall = Omit<ApiCallView, "resource">;

/** Which calls to list: a status class ("2xx", "4xx", "5xx"), "error" (4xx, 5xx, reset) or one status. */
export type StatusFilter = "2xx" | "4xx" | "5xx" | "error" | number;

export interface CallFilter {
  status?: StatusFilter;
  resource?: ResourceName;
  /** Only calls in projects this accepts (the viewer's projects); calls with no project need `true` for null. */
  project: (projectId: string | null) => boolean;
}

/** Parses the `status` query parameter; undefined for none, an Error naming what is allowed otherwise. */
export function parseStatusFilter(text: string | null): StatusFilter | undefined {
  if (text === null || text === "") return undefined;
  if (text === "2xx" || text === "4xx" || text === "5xx" || text === "error") return text;
  if (/^[1-5]\d\d$/.test(text)) return Number(text);
  throw new Error(`status "${text}" is not allowed: use 2xx, 4xx, 5xx, error or a status code such as 409`);
}

/** Parses the `resource` query parameter. */
export function parseResourceFilter(text: string | null): ResourceName | undefined {
  if (text === null || text === "") return undefined;
  if ((RESOURCES as readonly string[]).includes(text)) return text as ResourceName;
  throw new Error(`resource "${text}" is not allowed: use one of ${RESOURCES.join(", ")}`);
}

/**
 * The collection a path is about: its last collection segment, so
 * `/v3/{p}/elb/pools/{id}/members/batch-add` is about members and
 * `/v3/{p}/elb/loadbalancers/{id}/availability-zone/batch-add` about load balancers.
 */
export function resourceOf(path: string): ResourceName | null {
  const q = path.indexOf("?");
  let found: ResourceName | null = null;
  for (const segment of (q < 0 ? path : path.slice(0, q)).split("/")) {
    if ((RESOURCES as readonly string[]).includes(segment)) found = segment as ResourceName;
  }
  return found;
}

function statusMatches(filter: StatusFilter, status: number | null): boolean {
  if (typeof filter === "number") return status === filter;
  if (filter === "error") return status === null || status >= 400;
  if (status === null) return false;
  return Math.floor(status / 100) === Number(filter[0]);
}

export class ApiLog {
  private readonly calls: Ring<ApiCall>;

  constructor(capacity = API_LOG_CAPACITY) {
    this.calls = new Ring(capacity);
  }

  get capacity(): number {
    return this.calls.capacity;
  }

  record(call: ApiCall): void {
    this.calls.push(call);
  }

  /** The calls the filter lets through, newest first. */
  list(filter: CallFilter): ApiCallView[] {
    const out: ApiCallView[] = [];
    const all = this.calls.toArray();
    for (let i = all.length - 1; i >= 0; i--) {
      const call = all[i];
      if (!filter.project(call.project_id)) continue;
      if (filter.status !== undefined && !statusMatches(filter.status, call.status)) continue;
      const resource = resourceOf(call.path);
      if (filter.resource !== undefined && resource !== filter.resource) continue;
      out.push({ ...call, resource });
    }
    return out;
  }
}
