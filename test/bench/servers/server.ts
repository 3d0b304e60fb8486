// A server the bench measures from another process, so the load generator and the server under
// test each have a core of their own on a 2-vCPU box. Started with fork() (see lib/child.ts):
//   ←        { type: "spec", spec }   (over IPC: a bare server's bodies can exceed argv limits)
//   →        { type: "ready", url }
//   ←        { id, cmd: "compact" | "close" }   →   { id, ok, error? }
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { FileStore } from "../../../provider/engine/store";
import { engineModule } from "../lib/dist";
import { startUdpEcho, startUdpRelay } from "./udp";

export type ServerSpec =
  | { kind: "engine"; memory?: boolean; dataDir?: string; dataPlane?: boolean }
  /** A bare node:http server answering fixed bodies: the baseline for the engine's API cost. */
  | { kind: "bare"; routes: BareRoute[] }
  /**
   * The least any engine must do to create members (see `startMinimal`): the bound on the
   * engine's own work. `member` and `pool` are the engine's own replies its answers are made from.
   */
  | { kind: "minimal"; member: Record<string, unknown>; pool: Record<string, unknown> }
  /** UDP echo servers on 127.0.0.1 (the UDP row's backends); the url lists their ports. */
  | { kind: "udp-echo"; count: number }
  /** The plain Node UDP relay the engine's UDP listener is measured against. */
  | { kind: "udp-relay"; host: string; backendPort: number };

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

/** Listens on a free loopback port, keeping connections open as a load generator expects. */
async function listen(server: http.Server): Promise<{ url: string; close(): Promise<void> }> {
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
  return listen(server);
}

/**
 * A minimal member engine: the engine's two member-creating routes (`POST .../pools/{id}/members`
 * and `.../members/batch-add`), doing only what any engine answering them must do per member and
 * no rule beyond that: parse the body, check each item's address and port, give the member an id,
 * keep it by id and by address and port within its pool (a repeat is answered "existed", M8), and
 * answer the whole member. Members are made from the engine's own reply (`member`), so the bytes
 * on the wire are the engine's. With the engine's HTTP layer and id maker (node:crypto's randomUUID), what separates the two
 * is the engine's rules and bookkeeping; what a batch costs here is what no engine can go below.
 * It also answers the one other call the provider's member resources make, the read of a pool a
 * new MemberSet sends alongside its adds (`GET .../pools/{id}`: the engine's pool reply, `pool`,
 * naming the members kept for that pool), so the provider can run against it as well.
 */
async function startMinimal(template: Record<string, unknown>, poolTemplate: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }> {
  const members = new Map<string, Record<string, unknown>>();
  const endpoints = new Map<string, Map<string, string>>();
  const isItem = (item: unknown): item is Record<string, unknown> =>
    typeof item === "object" && item !== null && typeof (item as Record<string, unknown>).address === "string" && Number.isInteger((item as Record<string, unknown>).protocol_port);
  const make = (projectId: string, poolId: string, item: unknown, now: string): Record<string, unknown> | undefined => {
    if (!isItem(item)) return undefined;
    const it = item;
    let inPool = endpoints.get(poolId);
    if (!inPool) endpoints.set(poolId, (inPool = new Map()));
    const key = `${it.address}|${String(it.protocol_port)}`;
    const existing = inPool.get(key);
    if (existing !== undefined) return { ...members.get(existing), ret_status: "existed" };
    const member = {
      ...template,
      id: randomUUID(),
      project_id: projectId,
      subnet_cidr_id: it.subnet_cidr_id ?? null,
      address: it.address,
      protocol_port: it.protocol_port,
      weight: it.weight ?? template.weight,
      name: it.name ?? template.name,
      created_at: now,
      updated_at: now,
    };
    members.set(member.id, member);
    inPool.set(key, member.id);
    return member;
  };
  const reply = (res: http.ServerResponse, status: number, body: Record<string, unknown>) => {
    const json = JSON.stringify(body);
    const bytes = Buffer.from(`${json.slice(0, -1)},"request_id":"${randomUUID()}"}`);
    res.writeHead(status, { "content-type": "application/json;charset=UTF-8", "content-length": bytes.length });
    res.end(bytes);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      // /v3/{project_id}/elb/pools/{pool_id}/members[/batch-add]
      const parts = (req.url ?? "/").split("/");
      const [projectId, poolId, action] = [parts[2], parts[5], parts[7]];
      if (req.method === "GET" && parts.length === 6 && parts[4] === "pools") {
        const ids = [...(endpoints.get(poolId)?.values() ?? [])];
        return reply(res, 200, { pool: { ...poolTemplate, id: poolId, members: ids.map((id) => ({ id })) } });
      }
      const route = req.method !== "POST" || parts[6] !== "members" ? undefined : action === "batch-add" ? "batch" : action === undefined ? "single" : undefined;
      if (!route) return reply(res, 404, { error_code: "APIGW.0101", error_msg: "no such route here" });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return reply(res, 400, { error_code: "ELB.8902", error_msg: "malformed JSON" });
      }
      const now = new Date().toISOString().slice(0, 19) + "Z";
      const refused = () => reply(res, 400, { error_code: "ELB.8902", error_msg: "a member needs an address and a protocol_port" });
      if (route === "batch") {
        // All or nothing, as the engine: every item is checked before any is kept.
        if (!Array.isArray(body.members) || !body.members.every(isItem)) return refused();
        const out: Record<string, unknown>[] = [];
        for (const item of body.members) {
          const member = make(projectId, poolId, item, now);
          if (!member) return refused();
          // A batch answers Huawei's BatchMember, as the engine: no ip_version, a port_id.
          const { ip_version: _ipVersion, ret_status: existed, ...rest } = member;
          out.push({ ...rest, port_id: null, ret_status: existed ?? "successful" });
        }
        return reply(res, 200, { members: out });
      }
      const member = make(projectId, poolId, body.member, now);
      if (!member) return refused();
      if (member.ret_status) return reply(res, 409, { error_code: "ELB.8907", error_msg: "the address and port are in use" });
      reply(res, 201, { member });
    });
  });
  return listen(server);
}

async function main(): Promise<void> {
  const spec = await new Promise<ServerSpec>((resolve) => process.once("message", (msg: { spec: ServerSpec }) => resolve(msg.spec)));
  let close: () => Promise<void>;
  let compact: () => Promise<void> = async () => undefined;
  let url: string;
  if (spec.kind === "bare") {
    ({ url, close } = await startBare(spec.routes));
  } else if (spec.kind === "minimal") {
    ({ url, close } = await startMinimal(spec.member, spec.pool));
  } else if (spec.kind === "udp-echo") {
    ({ url, close } = await startUdpEcho(spec.count));
  } else if (spec.kind === "udp-relay") {
    ({ url, close } = await startUdpRelay(spec.host, spec.backendPort));
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
