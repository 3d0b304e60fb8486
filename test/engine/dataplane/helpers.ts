// Real-socket test kit for the data plane: an in-test ConfigSource (no control plane needed),
// backends on OS-assigned loopback ports, free ports for listeners, and condition waits with
// deadlines instead of sleeps.
import * as http from "node:http";
import * as net from "node:net";
import type { ConfigSnapshot, ConfigSource } from "../../../provider/engine/dataplane/types";

export class TestSource implements ConfigSource {
  private readonly subscribers = new Set<() => void>();

  constructor(public config: ConfigSnapshot) {}

  snapshot(): ConfigSnapshot {
    return structuredClone(this.config);
  }

  onChange(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Edits the stored configuration and tells the data plane, as a control-plane write would. */
  change(edit: (config: ConfigSnapshot) => void): void {
    edit(this.config);
    for (const s of this.subscribers) s();
  }
}

export const empty = (): ConfigSnapshot => ({ loadbalancers: [], listeners: [], pools: [], members: [], healthmonitors: [] });

/** A port the OS says is free on `host` right now (bind 0, read, close). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Backend {
  name: string;
  port: number;
  hits: number;
  /** Headers of the last request it received. */
  last: http.IncomingHttpHeaders | undefined;
  server: http.Server;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, backend: Backend) => void;

const answerName: Handler = (_req, res, b) => {
  res.setHeader("content-type", "text/plain");
  res.end(b.name);
};

/** An HTTP server on 127.0.0.1, port from the OS, that answers with its name by default. */
export async function startBackend(name: string, handler: Handler = answerName): Promise<Backend> {
  const sockets = new Set<net.Socket>();
  const backend: Backend = {
    name,
    port: 0,
    hits: 0,
    last: undefined,
    server: http.createServer((req, res) => {
      backend.hits++;
      backend.last = req.headers;
      handler(req, res, backend);
    }),
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => backend.server.close(() => resolve()));
    },
    async restart() {
      await new Promise<void>((resolve, reject) => {
        backend.server.once("error", reject);
        backend.server.listen(backend.port, "127.0.0.1", () => resolve());
      });
    },
  };
  backend.server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => backend.server.listen(0, "127.0.0.1", resolve));
  backend.port = (backend.server.address() as net.AddressInfo).port;
  return backend;
}

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

/** Polls `condition` until it holds; fails with `what` after `deadlineMs`. Returns the wait. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, deadlineMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await condition()) return Date.now() - start;
    if (Date.now() - start > deadlineMs) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
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
