// Slow start (D4): a member added to a pool that already has members ramps its effective
// weight linearly from about 1 % (HAProxy's floor, so it is never starved outright) to 100 %
// over `duration`. The ramp starts the first time the member is found healthy — at once when
// the pool has no health check — and then runs on the clock alone: a health flap neither
// pauses nor restarts it, and a member never ramps twice. The first member of an empty pool,
// and members present when the engine starts, never ramp (there is no one to protect them from).
// Pure: callers pass `now`.

export const SLOW_START_FLOOR = 0.01;

/** Share of the full weight `elapsed` into a ramp of `durationMs`. */
export function rampFactor(startedAt: number, durationMs: number, now: number): number {
  if (!(durationMs > 0)) return 1;
  const f = (now - startedAt) / durationMs;
  return f >= 1 ? 1 : Math.max(SLOW_START_FLOOR, f);
}

export type RampPhase = "none" | "waiting" | "ramping";

export class SlowStartRamp {
  private startedAt: number | null = null;
  private pending: boolean;

  /** `ramps`: whether this member joined a non-empty pool while slow start was on. */
  constructor(ramps: boolean) {
    this.pending = ramps;
  }

  get phase(): RampPhase {
    return this.startedAt !== null ? "ramping" : this.pending ? "waiting" : "none";
  }

  get started(): number | null {
    return this.startedAt;
  }

  /** Starts the ramp if it is still waiting; later calls (health flaps) change nothing. */
  begin(now: number): void {
    if (!this.pending) return;
    this.pending = false;
    this.startedAt = now;
  }

  /** Weight multiplier in (0, 1]. A waiting member is not eligible anyway (not yet healthy). */
  factor(durationMs: number, now: number): number {
    return this.startedAt === null ? 1 : rampFactor(this.startedAt, durationMs, now);
  }
}
