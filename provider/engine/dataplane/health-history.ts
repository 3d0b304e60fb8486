// What one member's health checks saw lately (D3), for people: each check's result and every
// change of status with its cause ("2 consecutive checks failed; last: connection refused").
// Bounded, so a member checked every second for a month costs what it costs after a minute; like
// all health, never persisted (G8).
import { Ring } from "../ring";
import type { ProbeFailure, ProbeResult } from "./probes";
import type { MemberHealth } from "./types";

/** Checks kept per member: at a 1 s delay, the last minute. */
export const PROBES_KEPT = 60;
/** Status changes kept per member. */
export const TRANSITIONS_KEPT = 20;

export interface ProbeRecord {
  /** When the check started (ms since the epoch). */
  at: number;
  ok: boolean;
  failure: ProbeFailure | null;
  detail: string;
  /** How long it took, up to the monitor's timeout. */
  ms: number;
}

export interface HealthTransition {
  at: number;
  from: MemberHealth;
  to: MemberHealth;
  /** Why, in words: how many checks agreed, and what the last one saw. */
  cause: string;
}

export class HealthHistory {
  private readonly probes = new Ring<ProbeRecord>(PROBES_KEPT);
  private readonly transitions = new Ring<HealthTransition>(TRANSITIONS_KEPT);

  recordProbe(at: number, result: ProbeResult, ms: number): void {
    this.probes.push({ at, ok: result.ok, failure: result.failure ?? null, detail: result.detail, ms });
  }

  /**
   * A change of status after `count` agreeing checks (`max_retries` passes or `max_retries_down`
   * failures), the last of which was `last`.
   */
  recordTransition(at: number, from: MemberHealth, to: MemberHealth, count: number, last: ProbeResult): void {
    const checks = `${count} consecutive check${count === 1 ? "" : "s"} ${last.ok ? "passed" : "failed"}`;
    const cause = last.ok ? `${checks}; last: ${last.detail}` : `${checks}; last: ${last.failure}: ${last.detail}`;
    this.transitions.push({ at, from, to, cause });
  }

  /** Checks, oldest first. */
  recentProbes(): ProbeRecord[] {
    return this.probes.toArray();
  }

  /** Status changes, oldest first. */
  recentTransitions(): HealthTransition[] {
    return this.transitions.toArray();
  }
}
