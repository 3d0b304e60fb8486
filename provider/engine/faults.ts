// Fault injection: a bad day on demand, for testing clients. Off unless configured, and
// deterministic from a seed, so a failing run can be replayed exactly.
//
// Faults are the only way the engine answers 5xx (G2 forbids it otherwise): they exist to prove
// that a client retries, waits out a busy load balancer, and never duplicates an object after an
// ambiguous failure (a connection reset *after* the write was applied).

export interface FaultOptions {
  /** Seed of the pseudo-random sequence. */
  seed: number;
  /** Share of requests answered 500, 503 or 429 without being applied. */
  errorRate?: number;
  /** Share of requests whose connection is reset before they are applied. */
  resetBeforeRate?: number;
  /** Share of write requests applied and then answered by a connection reset (the ambiguous case). */
  resetAfterRate?: number;
  /** Added latency in milliseconds for every request (`latencyJitterMs` adds up to that much more). */
  latencyMs?: number;
  latencyJitterMs?: number;
  /** Share of successful writes after which the load balancer is held PENDING_UPDATE for `pendingMs` (G9). */
  pendingRate?: number;
  pendingMs?: number;
  /** Only requests for which this holds are faulted. Default: every request under /v3/. */
  applies?: (method: string, path: string) => boolean;
}

export type BeforeFault = { kind: "error"; status: 500 | 503 | 429 } | { kind: "reset" } | { kind: "none" };

export interface FaultCounters {
  requests: number;
  errors: number;
  resetsBefore: number;
  resetsAfter: number;
  delayed: number;
  pending: number;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every platform. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isWrite = (method: string) => method !== "GET" && method !== "HEAD";

export class FaultInjector {
  private readonly random: () => number;
  readonly counters: FaultCounters = { requests: 0, errors: 0, resetsBefore: 0, resetsAfter: 0, delayed: 0, pending: 0 };

  constructor(readonly options: FaultOptions) {
    for (const key of ["errorRate", "resetBeforeRate", "resetAfterRate", "pendingRate"] as const) {
      const v = options[key];
      if (v !== undefined && !(v >= 0 && v <= 1)) throw new Error(`fault option ${key} must be a share between 0 and 1, got ${v}`);
    }
    this.random = prng(options.seed);
  }

  private applies(method: string, path: string): boolean {
    return this.options.applies ? this.options.applies(method, path) : path.startsWith("/v3/");
  }

  /** Latency to add before handling, in ms. */
  delay(method: string, path: string): number {
    const base = this.options.latencyMs ?? 0;
    const jitter = this.options.latencyJitterMs ?? 0;
    if ((!base && !jitter) || !this.applies(method, path)) return 0;
    this.counters.delayed++;
    return base + Math.floor(this.random() * (jitter + 1));
  }

  /** What happens to a request before it is applied. */
  before(method: string, path: string): BeforeFault {
    if (!this.applies(method, path)) return { kind: "none" };
    this.counters.requests++;
    const r = this.random();
    const errorRate = this.options.errorRate ?? 0;
    if (r < errorRate) {
      this.counters.errors++;
      const statuses = [500, 503, 429] as const;
      return { kind: "error", status: statuses[Math.floor(this.random() * statuses.length)] };
    }
    if (r < errorRate + (this.options.resetBeforeRate ?? 0)) {
      this.counters.resetsBefore++;
      return { kind: "reset" };
    }
    return { kind: "none" };
  }

  /** Whether a write that was applied is answered by a connection reset. */
  resetAfter(method: string, path: string): boolean {
    if (!isWrite(method) || !this.applies(method, path) || !this.options.resetAfterRate) return false;
    const hit = this.random() < this.options.resetAfterRate;
    if (hit) this.counters.resetsAfter++;
    return hit;
  }

  /** How long to hold a load balancer PENDING_UPDATE after a write to it or a child, or 0. */
  pendingAfter(): number {
    if (!this.options.pendingRate) return 0;
    if (this.random() >= this.options.pendingRate) return 0;
    this.counters.pending++;
    return this.options.pendingMs ?? 1000;
  }
}

/**
 * Parses the CLI form: `seed=7,error=0.1,reset-before=0.02,reset-after=0.05,latency=20,jitter=30,pending=0.1,pending-ms=1500`.
 */
export function parseFaultSpec(spec: string): FaultOptions {
  const out: FaultOptions = { seed: 1 };
  const keys: Record<string, keyof FaultOptions> = {
    seed: "seed",
    error: "errorRate",
    "reset-before": "resetBeforeRate",
    "reset-after": "resetAfterRate",
    latency: "latencyMs",
    jitter: "latencyJitterMs",
    pending: "pendingRate",
    "pending-ms": "pendingMs",
  };
  for (const part of spec.split(",").filter(Boolean)) {
    const [name, value] = part.split("=");
    const key = keys[name];
    if (!key) throw new Error(`unknown fault "${name}", allowed ${Object.keys(keys).join(", ")}`);
    const n = Number(value);
    if (value === undefined || value === "" || !Number.isFinite(n) || n < 0) throw new Error(`fault ${name} needs a non-negative number, got "${value ?? ""}"`);
    (out as unknown as Record<string, number>)[key] = n;
  }
  return out;
}
