// Starts a bench server (servers/server.ts) in its own process and talks to it over IPC.
import { fork, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { ServerSpec } from "../servers/server";
import { REPO_ROOT } from "./dist";

const SERVER = path.join(REPO_ROOT, "test", "bench", "servers", "server.ts");
const TS_REGISTER = path.join(REPO_ROOT, "scripts", "ts-register.js");

/**
 * Node flags for every bench server, from BENCH_SERVER_NODE_FLAGS (space-separated), so a server
 * can be looked into under the bench's own load without touching the bench, e.g.
 * `BENCH_SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench -- dataplane`.
 * Only the servers get them: the bench process and its client are left as they are.
 */
export function serverNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.BENCH_SERVER_NODE_FLAGS ?? "").split(/\s+/).filter((f) => f !== "");
}

type Reply = { id: number; ok: boolean; error?: string };

export class ServerProcess {
  private nextId = 0;
  private readonly waiting = new Map<number, (r: Reply) => void>();
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on("message", (msg: Reply) => this.waiting.get(msg.id)?.(msg));
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(spec: ServerSpec): Promise<ServerProcess> {
    // execArgv is explicit so a parent running under vitest does not hand its loader flags down.
    const child = fork(SERVER, [], {
      cwd: REPO_ROOT,
      execArgv: [...serverNodeFlags(), "-r", TS_REGISTER],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.send({ type: "spec", spec });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench server (${spec.kind}) did not start within 30 s`)), 30_000);
      child.once("exit", (code) => reject(new Error(`bench server (${spec.kind}) exited with ${code} before it was ready`)));
      child.once("message", (msg: { type?: string; url?: string }) => {
        clearTimeout(timer);
        if (msg.type === "ready" && msg.url) resolve(msg.url);
        else reject(new Error(`bench server sent ${JSON.stringify(msg)} instead of ready`));
      });
    });
    return new ServerProcess(child, url);
  }

  private call(cmd: "compact" | "close"): Promise<void> {
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, (r) => {
        this.waiting.delete(id);
        if (r.ok) resolve();
        else reject(new Error(`bench server ${cmd} failed: ${r.error}`));
      });
      this.child.send({ id, cmd });
    });
  }

  /** Durable engines: writes a snapshot now, so no background compaction overlaps a measurement. */
  compact(): Promise<void> {
    return this.call("compact");
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    try {
      if (this.child.connected) await this.call("close").catch(() => undefined);
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Starts servers, runs `body`, and always closes them. */
export async function withServers<T>(specs: ServerSpec[], body: (servers: ServerProcess[]) => Promise<T>): Promise<T> {
  const servers: ServerProcess[] = [];
  try {
    for (const spec of specs) servers.push(await ServerProcess.start(spec));
    return await body(servers);
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}
