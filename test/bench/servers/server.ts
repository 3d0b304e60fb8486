// A server the bench measures from another process, so the load generator and the server under
// test each have a core of their own on a 2-vCPU box. Started with fork() (see lib/child.ts):
//   ←        { type: "spec", spec }   (over IPC: a bare server's bodies can exceed argv limits)
//   →        { type: "ready", url }
//   ←        { id, cmd: "compact" | "close" }   →   { id, ok, error? }
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { FileStore } from "../../../provider/engine/store";
import { engineModule } from "../lib/dist";

export type ServerSpec =
  | { kind: "engine"; memory?: boolean; dataDir?: string; dataPlane?: boolean }
  /** A bare node:http server answering fixed bodies: the baseline for the engine's API cost. */
  | { kind: "bare"; routes: BareRoute[] };

export interface BareRoute {
  method: string;
  /** Exact path (with query); absent = any path. */
  path?: string;
  /** Or any path ending so (a route with ids in it, like `/members/batch-add`). */
  pathSuffix?: string;
  status: number;
  body: string;
}

type Command = { id: number; cmd: "compact" | "close" };

const send = (msg: unknown) => process.send?.(msg);

async function startBare(routes: BareRoute[]): Promise<{ url: string; close(): Promise<void> }> {
  const prepared = routes.map((r) => ({ ...r, bytes: Buffer.from(r.body), length: String(Buffer.byteLength(r.body)) }));
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    const route = prepared.find(
      (r) => r.method === req.method && (r.path === undefined || r.path === url) && (r.pathSuffix === undefined || url.endsWith(r.pathSuffix)),
    );
    // Read the request body as the engine does before answering.
    req.on("data", () => undefined);
    req.on("end", () => {
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(route.status, { "content-type": "application/json", "content-length": route.length });
      res.end(route.bytes);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const spec = await new Promise<ServerSpec>((resolve) => process.once("message", (msg: { spec: ServerSpec }) => resolve(msg.spec)));
  let close: () => Promise<void>;
  let compact: () => Promise<void> = async () => undefined;
  let url: string;
  if (spec.kind === "bare") {
    ({ url, close } = await startBare(spec.routes));
  } else {
    const engine = await engineModule().startEngine({
      port: 0,
      memory: spec.memory,
      dataDir: spec.dataDir,
      dataPlane: spec.dataPlane,
      log: (line) => process.stderr.write(`[engine] ${line}\n`),
    });
    url = engine.url;
    close = () => engine.close();
    // Durable stores compact on demand, so a measurement never overlaps a background snapshot.
    const store = engine.context.model.store as Partial<FileStore>;
    if (store.compact) compact = () => store.compact!();
  }
  process.on("message", (msg: Command) => {
    const run = msg.cmd === "compact" ? compact() : close();
    run.then(
      () => {
        send({ id: msg.id, ok: true });
        if (msg.cmd === "close") process.disconnect();
      },
      (err: Error) => send({ id: msg.id, ok: false, error: err.message }),
    );
  });
  // The bench went away without closing us: do not linger.
  process.on("disconnect", () => void close().finally(() => process.exit(0)));
  send({ type: "ready", url });
}

main().catch((err) => {
  process.stderr.write(`bench server failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
