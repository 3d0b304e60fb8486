// The member health state machine (D3, M7): INITIAL until enough consecutive results agree,
// then ONLINE after `max_retries` consecutive successes or OFFLINE after `max_retries_down`
// consecutive failures. Any opposite result restarts the count, so one stray result never
// flips a member. Pure: no clock, no I/O — the checker feeds it results.
import type { MemberHealth } from "./types";

export class HealthState {
  private current: MemberHealth = "INITIAL";
  private successes = 0;
  private failures = 0;

  constructor(
    private rise: number,
    private fall: number,
  ) {}

  get status(): MemberHealth {
    return this.current;
  }

  /** New thresholds apply to the counts already gathered (a monitor update keeps the status). */
  setThresholds(rise: number, fall: number): void {
    this.rise = rise;
    this.fall = fall;
  }

  /** Records one check result; returns the new status when it changed, otherwise null. */
  record(ok: boolean): MemberHealth | null {
    if (ok) {
      this.failures = 0;
      this.successes++;
      if (this.current !== "ONLINE" && this.successes >= this.rise) return (this.current = "ONLINE");
    } else {
      this.successes = 0;
      this.failures++;
      if (this.current !== "OFFLINE" && this.failures >= this.fall) return (this.current = "OFFLINE");
    }
    return null;
  }
}
