// A minimal ELB API client for setting up what a benchmark measures (not the thing measured).
import { Agent, request } from "undici";
import { defaults } from "./dist";

export type Obj = Record<string, unknown>;

export interface Api {
  readonly base: string;
  call<T = Obj>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export function elbApi(url: string, projectId = defaults().DEFAULT_PROJECT_ID): Api {
  const dispatcher = new Agent({ connections: 64 });
  const base = `${url}/v3/${projectId}/elb`;
  return {
    base,
    async call<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
      const res = await request(base + path, {
        method,
        dispatcher,
        headers: { "x-auth-token": "bench", "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.body.text();
      if (res.statusCode >= 300) throw new Error(`${method} ${path} → ${res.statusCode}: ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    close: () => dispatcher.close(),
  };
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` in flight. */
export async function parallel(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
}
