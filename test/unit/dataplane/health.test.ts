import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../provider/engine/clock";
import { compileExpectedCodes } from "../../../provider/engine/dataplane/expected-codes";
import { HealthChecker } from "../../../provider/engine/dataplane/health-checker";
import { HealthHistory, PROBES_KEPT } from "../../../provider/engine/dataplane/health-history";
import { HealthState } from "../../../provider/engine/dataplane/health-state";
import { failed, passed, type ProbeResult } from "../../../provider/engine/dataplane/probes";
import type { MemberHealth } from "../../../provider/engine/dataplane/types";
import { flush } from "./fixtures";

const run = (state: HealthState, results: boolean[]) => results.map((ok) => state.record(ok) ?? state.status);

describe("health state machine", () => {
  it("D3: starts INITIAL and goes ONLINE only after max_retries consecutive successes", () => {
    const s = new HealthState(3, 2);
    expect(s.status).toBe("INITIAL");
    expect(run(s, [true, true, false, true, true])).toEqual(["INITIAL", "INITIAL", "INITIAL", "INITIAL", "INITIAL"]);
    expect(s.record(true)).toBe("ONLINE");
  });

  it("D3: goes OFFLINE after max_retries_down consecutive failures, and a success resets the count", () => {
    const s = new HealthState(1, 3);
    s.record(true);
    expect(run(s, [false, false, true, false, false])).toEqual(["ONLINE", "ONLINE", "ONLINE", "ONLINE", "ONLINE"]);
    expect(s.record(false)).toBe("OFFLINE");
    expect(s.record(false)).toBeNull(); // no repeated transition
  });

  it("D3: INITIAL → OFFLINE on failures, OFFLINE → ONLINE needs max_retries successes again", () => {
    const s = new HealthState(2, 1);
    expect(s.record(false)).toBe("OFFLINE");
    expect(s.record(true)).toBeNull();
    expect(s.record(true)).toBe("ONLINE");
  });

  it("D3: expected_codes accepts a code, a list and ranges", () => {
    const single = compileExpectedCodes("200", "200");
    const list = compileExpectedCodes("200,202", "200");
    const range = compileExpectedCodes("200-204,301", "200");
    expect([200, 201, 202].map(single)).toEqual([true, false, false]);
    expect([200, 201, 202].map(list)).toEqual([true, false, true]);
    expect([199, 200, 204, 205, 301].map(range)).toEqual([false, true, true, false, true]);
    expect(compileExpectedCodes(null, "0")(0)).toBe(true);
  });
});

describe("health checker", () => {
  const timing = { delayMs: 5000, timeoutMs: 2000, rise: 2, fall: 3 };

  /** Advances in small steps so each probe result settles before the next check is due. */
  async function advance(clock: FakeClock, ms: number, step = 500): Promise<void> {
    for (let t = 0; t < ms; t += step) {
      clock.advance(step);
      await flush();
    }
  }

  it("D3: checks at once and then every `delay`, from the Clock", async () => {
    const clock = new FakeClock();
    const at: number[] = [];
    const start = clock.now();
    const checker = new HealthChecker(clock, timing, async () => (at.push(clock.now() - start), passed("connected")), () => undefined);
    checker.start();
    clock.advance(0);
    await flush();
    await advance(clock, 15_000);
    expect(at).toEqual([0, 5000, 10_000, 15_000]);
    checker.stop();
  });

  it("D3: a dead member goes OFFLINE within the detection window and back ONLINE after max_retries passes", async () => {
    const clock = new FakeClock();
    let up = true;
    const transitions: [number, MemberHealth][] = [];
    const start = clock.now();
    const checker = new HealthChecker(clock, timing, async () => (up ? passed("connected") : failed("refused", "connection refused")), (s) => transitions.push([clock.now() - start, s]));
    checker.start();
    clock.advance(0);
    await flush();
    await advance(clock, 5000);
    expect(checker.status).toBe("ONLINE"); // checks at 0 and 5 s pass (rise 2)
    up = false;
    await advance(clock, 15_000); // fails at 10, 15, 20 s (fall 3)
    up = true;
    await advance(clock, 10_000); // passes at 25, 30 s
    expect(transitions).toEqual([
      [5000, "ONLINE"],
      [20_000, "OFFLINE"],
      [30_000, "ONLINE"],
    ]);
    checker.stop();
  });

  it("D3: a probe that does not answer within `timeout` counts as a failure", async () => {
    const clock = new FakeClock();
    const aborted: boolean[] = [];
    const hang = (signal: AbortSignal) =>
      new Promise<ProbeResult>(() => signal.addEventListener("abort", () => aborted.push(true)));
    const checker = new HealthChecker(clock, { ...timing, fall: 1 }, hang, () => undefined);
    checker.start();
    clock.advance(0);
    await flush();
    clock.advance(1999);
    expect(checker.status).toBe("INITIAL");
    clock.advance(1);
    expect(checker.status).toBe("OFFLINE");
    expect(aborted).toEqual([true]); // the probe's sockets are released
    checker.stop();
  });

  it("D3: the member's history keeps each check's result and every status change with its cause", async () => {
    const clock = new FakeClock();
    const history = new HealthHistory();
    const start = clock.now();
    let next: "up" | "refused" | "hang" = "up";
    const probe = (signal: AbortSignal) =>
      next === "up" ? Promise.resolve(passed("GET / answered 200")) : next === "refused" ? Promise.resolve(failed("refused", "connection refused")) : new Promise<ProbeResult>(() => signal.addEventListener("abort", () => undefined));
    const checker = new HealthChecker(clock, { delayMs: 1000, timeoutMs: 500, rise: 1, fall: 2 }, probe, () => undefined, history);
    checker.start();
    clock.advance(0);
    await flush();
    next = "refused";
    await advance(clock, 2000, 250); // checks at 1 s and 2 s are refused: OFFLINE at 2 s
    next = "hang";
    await advance(clock, 1000, 250); // the check at 3 s times out after 500 ms
    next = "up";
    await advance(clock, 1000, 250); // passes at 4 s: ONLINE again
    checker.stop();
    expect(history.recentProbes().map((p) => [p.at - start, p.ok, p.failure, p.ms])).toEqual([
      [0, true, null, 0],
      [1000, false, "refused", 0],
      [2000, false, "refused", 0],
      [3000, false, "timeout", 500],
      [4000, true, null, 0],
    ]);
    expect(history.recentProbes()[3].detail).toBe("no answer within 0.5 s");
    expect(history.recentTransitions().map((t) => [t.at - start, t.from, t.to, t.cause])).toEqual([
      [0, "INITIAL", "ONLINE", "1 consecutive check passed; last: GET / answered 200"],
      [2000, "ONLINE", "OFFLINE", "2 consecutive checks failed; last: refused: connection refused"],
      [4000, "OFFLINE", "ONLINE", "1 consecutive check passed; last: GET / answered 200"],
    ]);
  });

  it("D3: the history is bounded: a month of checks keeps the last PROBES_KEPT", async () => {
    const clock = new FakeClock();
    const history = new HealthHistory();
    const checker = new HealthChecker(clock, { delayMs: 1000, timeoutMs: 500, rise: 1, fall: 1 }, async () => passed("connected"), () => undefined, history);
    checker.start();
    await advance(clock, (PROBES_KEPT + 25) * 1000, 1000);
    checker.stop();
    const probes = history.recentProbes();
    expect(probes).toHaveLength(PROBES_KEPT);
    expect(probes[probes.length - 1].at - probes[0].at).toBe((PROBES_KEPT - 1) * 1000);
  });

  it("D3: after stop() no more checks run and a late result changes nothing", async () => {
    const clock = new FakeClock();
    let release: (result: ProbeResult) => void = () => undefined;
    let probes = 0;
    const checker = new HealthChecker(
      clock,
      { ...timing, rise: 1 },
      () => (probes++, new Promise<ProbeResult>((r) => (release = r))),
      () => undefined,
    );
    checker.start();
    clock.advance(0);
    checker.stop();
    release(passed("connected"));
    await flush();
    await advance(clock, 20_000);
    expect(checker.status).toBe("INITIAL");
    expect(probes).toBe(1);
  });
});
