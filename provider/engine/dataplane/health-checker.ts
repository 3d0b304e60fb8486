// Runs one member's health checks (D3): a probe every `delay` seconds, each given `timeout`
// seconds, results fed to the state machine. The first check runs at once, so a restarted
// engine re-learns health quickly (G8: health is never persisted). All timing comes from the
// injected Clock, so tests drive checks by advancing a FakeClock.
import type { Clock, TimerHandle } from "../clock";
import type { HealthHistory } from "./health-history";
import { HealthState } from "./health-state";
import { failed, timedOut, type Probe, type ProbeResult } from "./probes";
import type { MemberHealth } from "./types";

export interface CheckTiming {
  delayMs: number;
  timeoutMs: number;
  /** Consecutive successes to go ONLINE (`max_retries`). */
  rise: number;
  /** Consecutive failures to go OFFLINE (`max_retries_down`). */
  fall: number;
}

export class HealthChecker {
  private readonly state: HealthState;
  private next: TimerHandle | undefined;
  private deadline: TimerHandle | undefined;
  private inFlight: AbortController | undefined;
  /** Bumped by stop() and by every probe, so a late result of an abandoned probe is ignored. */
  private generation = 0;
  private running = false;

  constructor(
    private readonly clock: Clock,
    private timing: CheckTiming,
    private probe: Probe,
    private readonly onTransition: (status: MemberHealth) => void,
    /** Where each check and status change is written down for people to read, if anywhere. */
    private readonly history?: HealthHistory,
  ) {
    this.state = new HealthState(timing.rise, timing.fall);
  }

  get status(): MemberHealth {
    return this.state.status;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** A monitor update: new thresholds and probe apply from the next check; the status stays. */
  update(timing: CheckTiming, probe: Probe): void {
    const delayChanged = timing.delayMs !== this.timing.delayMs;
    this.timing = timing;
    this.probe = probe;
    this.state.setThresholds(timing.rise, timing.fall);
    if (delayChanged && this.running && !this.inFlight) this.schedule(timing.delayMs);
  }

  stop(): void {
    this.running = false;
    this.generation++;
    this.next?.cancel();
    this.deadline?.cancel();
    this.inFlight?.abort();
    this.next = this.deadline = this.inFlight = undefined;
  }

  private schedule(ms: number): void {
    this.next?.cancel();
    this.next = this.clock.setTimer(ms, () => this.check());
  }

  private check(): void {
    if (!this.running) return;
    const gen = ++this.generation;
    const startedAt = this.clock.now();
    const controller = new AbortController();
    this.inFlight = controller;
    const settle = (result: ProbeResult) => {
      if (gen !== this.generation || !this.running) return;
      this.generation++;
      this.deadline?.cancel();
      this.deadline = this.inFlight = undefined;
      controller.abort();
      const before = this.state.status;
      const changed = this.state.record(result.ok);
      const now = this.clock.now();
      this.history?.recordProbe(startedAt, result, now - startedAt);
      if (changed) this.history?.recordTransition(now, before, changed, result.ok ? this.timing.rise : this.timing.fall, result);
      // Checks keep a fixed cadence from each check's start, however long the probe took.
      this.schedule(Math.max(0, startedAt + this.timing.delayMs - now));
      if (changed) this.onTransition(changed);
    };
    this.deadline = this.clock.setTimer(this.timing.timeoutMs, () => settle(timedOut(this.timing.timeoutMs)));
    const broken = (err: unknown) => failed("error", `the check itself failed: ${(err as Error)?.message ?? String(err)}`);
    let result: Promise<ProbeResult>;
    try {
      result = this.probe(controller.signal, this.timing.timeoutMs);
    } catch (err) {
      result = Promise.resolve(broken(err));
    }
    result.then(settle, (err: unknown) => settle(broken(err)));
  }
}
