// Real-socket test kit for the data plane: an in-test ConfigSource (no control plane needed) and
// requests to its listeners. Backends, free ports and condition waits are in test/support.
import * as http from "node:http";
import * as net from "node:net";
import { isDeepStrictEqual } from "node:util";
import type { ConfigChange, ConfigKind, ConfigObjects, ConfigSource } from "../../../provider/engine/dataplane/types";

/** A test's configuration: the stored objects of each kind, as lists. */
export interface TestConfig {
  loadbalancers: ConfigObjects["loadbalancer"][];
  listeners: ConfigObjects["listener"][];
  pools: ConfigObjects["pool"][];
  members: ConfigObjects["member"][];
  healthmonitors: ConfigObjects["healthmonitor"][];
  /** Certificates HTTPS listeners name; none when left out. */
  certificates?: ConfigObjects["certificate"][];
  /** Custom security policies HTTPS listeners name; none when left out. */
  securityPolicies?: ConfigObjects["security_policy"][];
  /** IP groups listeners filter with; none when left out. */
  ipgroups?: ConfigObjects["ipgroup"][];
}

const LISTS: { [K in ConfigKind]: keyof TestConfig } = {
  loadbalancer: "loadbalancers",
  listener: "listeners",
  pool: "pools",
  member: "members",
  healthmonitor: "healthmonitors",
  certificate: "certificates",
  security_policy: "securityPolicies",
  ipgroup: "ipgroups",
};

/**
 * Configuration a test edits in place; each edit reaches the data plane as the changes it makes
 * (objects added, changed or removed), as the model's commits do. Objects are copied on the way,
 * so a later edit never reaches the data plane behind its back.
 */
export class TestSource implements ConfigSource {
  private readonly subscribers = new Set<(changes: readonly ConfigChange[]) => void>();

  constructor(public config: TestConfig) {}

  all<K extends ConfigKind>(kind: K): ConfigObjects[K][] {
    return structuredClone(this.config[LISTS[kind]] ?? []) as ConfigObjects[K][];
  }

  onChange(listener: (changes: readonly ConfigChange[]) => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Edits the stored configuration and tells the data plane what changed, as a control-plane write would. */
  change(edit: (config: TestConfig) => void): void {
    const before = structuredClone(this.config);
    edit(this.config);
    const changes: ConfigChange[] = [];
    for (const [kind, list] of Object.entries(LISTS) as [ConfigKind, keyof TestConfig][]) {
      const old = new Map<string, unknown>((before[list] ?? []).map((o) => [o.id, o]));
      for (const o of this.config[list] ?? []) {
        if (!isDeepStrictEqual(old.get(o.id), o)) changes.push({ op: "put", kind, obj: structuredClone(o) } as ConfigChange);
        old.delete(o.id);
      }
      for (const id of old.keys()) changes.push({ op: "delete", kind, id });
    }
    for (const s of this.subscribers) s(changes);
  }
}

export const empty = (): TestConfig => ({ loadbalancers: [], listeners: [], pools: [], members: [], healthmonitors: [] });

export interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One HTTP request; `agent` lets a test reuse one keep-alive connection for many requests. */
export function get(host: string, port: number, options: { path?: string; agent?: http.Agent; headers?: http.OutgoingHttpHeaders; localAddress?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host, port, path: options.path ?? "/", agent: options.agent ?? false, headers: options.headers, localAddress: options.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** Sends `n` requests one after another and counts the answering backends by body. */
export async function tally(host: string, port: number, n: number, agent?: http.Agent): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const r = await get(host, port, { agent });
    const key = r.status === 200 ? r.body : String(r.status);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
