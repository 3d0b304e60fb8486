// A small HTTP proxy in front of the engine that records every request and injects faults on
// demand: the first N matching requests fail, before or after the engine applied them. It makes
// "what if the network broke right after the create went through" a deterministic test.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export type Fault =
  /** 503 without forwarding: the engine never sees the request. */
  | "error-before"
  /** Forwarded and applied, then answered 503: the ambiguous case. */
  | "error-after"
  /** The connection is cut without forwarding. */
  | "reset-before"
  /** Forwarded and applied, then the connection is cut: the other ambiguous case. */
  | "reset-after"
  /** 429 without forwarding. */
  | "throttle"
  /** Forwarded after `delayMs`, so a request sent later can reach the engine first. */
  | "delay-before";

export interface Rule {
  method?: string;
  path?: RegExp;
  /** How many matching requests fail before the rest pass. */
  times: number;
  fault: Fault;
  /** For "delay-before": how long the request is held. */
  delayMs?: number;
}

export interface Logged {
  method: string;
  path: string;
  body: unknown;
  status: number | "reset";
}

export interface Proxy {
  url: string;
  rules: Rule[];
  log: Logged[];
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<Proxy> {
  const rules: Rule[] = [];
  const log: Logged[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? "/";
      const method = req.method ?? "GET";
      const entry: Logged = { method, path, body: raw.length ? JSON.parse(raw.toString()) : undefined, status: 0 };
      log.push(entry);
      const rule = rules.find((r) => r.times > 0 && (!r.method || r.method === method) && (!r.path || r.path.test(path)));
      if (rule) rule.times--;
      const fault = rule?.fault;
      const reset = () => {
        entry.status = "reset";
        res.socket?.destroy();
      };
      const answer = (status: number, body: object) => {
        entry.status = status;
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      };
      if (fault === "reset-before") return reset();
      if (fault === "error-before") return answer(503, { error_code: "APIGW.0503", error_msg: "Service unavailable (injected)." });
      if (fault === "throttle") return answer(429, { error_code: "APIGW.0308", error_msg: "Too many requests (injected)." });
      const headers = { ...req.headers };
      delete headers.host;
      const forward = () => {
        const upstream = http.request(new URL(path, target), { method, headers }, (up) => {
          const body: Buffer[] = [];
          up.on("data", (c: Buffer) => body.push(c));
          up.on("end", () => {
            if (fault === "reset-after") return reset();
            if (fault === "error-after") return answer(503, { error_code: "APIGW.0503", error_msg: "Service unavailable (injected after the request was applied)." });
            entry.status = up.statusCode ?? 0;
            res.writeHead(up.statusCode ?? 502, up.headers).end(Buffer.concat(body));
          });
        });
        upstream.on("error", () => reset());
        upstream.end(raw);
      };
      if (fault === "delay-before") return void setTimeout(forward, rule?.delayMs ?? 0);
      forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    rules,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
