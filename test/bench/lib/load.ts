// Closed-loop HTTP load with undici: `connections` workers, each with one request in flight on
// its own keep-alive connection of a Pool, for a fixed time after a warm-up. The same client
// measures the server under test and its baseline, so the ratio cancels the client's own cost.
import { Pool } from "undici";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  body?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** The i-th request (i counts across all workers; unique per run). */
  request: (i: number) => LoadRequest;
  /** The status every answer must have; anything else counts as an error. */
  expectStatus: number;
  /** Stop early after this many requests (a capacity limit, e.g. member quota). */
  maxRequests?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
}

const HEADERS = { "x-auth-token": "bench", "content-type": "application/json" };

export async function closedLoop(o: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(o.url, { connections: o.connections, pipelining: 1 });
  let i = 0;
  let measuring = false;
  let stop = false;
  let requests = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const max = o.maxRequests ?? Infinity;

  const worker = async () => {
    while (!stop && i < max) {
      const req = o.request(i++);
      const t0 = performance.now();
      let ok = false;
      try {
        const res = await pool.request({ method: req.method, path: req.path, body: req.body, headers: HEADERS });
        await res.body.dump({ limit: Infinity });
        ok = res.statusCode === o.expectStatus;
        if (!ok) firstError ??= `${req.method} ${req.path} → ${res.statusCode}`;
      } catch (e) {
        firstError ??= `${req.method} ${req.path} → ${(e as Error).message}`;
      }
      if (!measuring) continue;
      requests++;
      if (ok) latencies.push(performance.now() - t0);
      else errors++;
    }
  };

  const workers = Array.from({ length: o.connections }, worker);
  await new Promise((r) => setTimeout(r, o.warmupMs));
  measuring = true;
  const start = performance.now();
  let end: number;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, o.durationMs);
    // A capacity limit can end the run before the time is up.
    void Promise.all(workers).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  end = performance.now();
  measuring = false;
  stop = true;
  await Promise.all(workers);
  await pool.close();
  const seconds = (end - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
  return { requests, errors, seconds, rps: (requests - errors) / seconds, p50Ms: at(0.5), p99Ms: at(0.99), firstError };
}
