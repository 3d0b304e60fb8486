// Where the traffic went over the last minute, per member: the console draws each member's share
// of its pool's requests and connections from this. The data plane already counts every request
// and connection a member gets (cumulative counters); once a second this takes a sample of those
// counters, and a minute's traffic is the counter now less the sample of a minute ago. Nothing is
// added to the path a request takes, and memory is a fixed number of samples per member.
import type { Clock, TimerHandle } from "../clock";
import type { DataPlaneCounters } from "../dataplane";

/** The window the console shows, in seconds. */
export const WINDOW_SECONDS = 60;
const SAMPLE_MS = 1000;
/** One sample per second of the window, plus the one the window starts at. */
const SLOTS = WINDOW_SECONDS + 1;

interface Series {
  requests: Float64Array;
  connections: Float64Array;
}

export interface MemberTraffic {
  /** Requests (L7) or client connections (L4) the member was chosen for over the window. */
  requests: number;
  /** Connections the engine opened to the member over the window. */
  connections: number;
  /** Requests in each full second of the window, oldest first. */
  perSecond: number[];
}

export class TrafficWindow {
  /** Sample times, by slot; NaN until taken. */
  private readonly times = new Float64Array(SLOTS).fill(NaN);
  private readonly series = new Map<string, Series>();
  /** The slot the next sample goes in. */
  private slot = 0;
  private timer: TimerHandle | undefined;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly counters: () => DataPlaneCounters,
  ) {}

  /** Takes a sample now and then every second, until stop(). */
  start(): void {
    this.sample();
    const tick = () => {
      if (this.stopped) return;
      this.sample();
      this.timer = this.clock.setTimer(SAMPLE_MS, tick);
    };
    this.timer = this.clock.setTimer(SAMPLE_MS, tick);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** Records every member's counters in the next slot; members gone from the data plane are dropped. */
  sample(): void {
    const { members } = this.counters();
    const slot = this.slot;
    this.times[slot] = this.clock.now();
    for (const [id, c] of Object.entries(members)) {
      let s = this.series.get(id);
      // A member seen for the first time started from zero: its earlier slots are zero.
      if (!s) this.series.set(id, (s = { requests: new Float64Array(SLOTS), connections: new Float64Array(SLOTS) }));
      s.requests[slot] = c.requests;
      s.connections[slot] = c.connections;
    }
    for (const id of this.series.keys()) if (!Object.hasOwn(members, id)) this.series.delete(id);
    this.slot = (slot + 1) % SLOTS;
  }

  /** Seconds the window really spans now: less than a minute just after the engine started. */
  spanSeconds(now = this.clock.now()): number {
    const oldest = this.oldestSlot();
    return oldest === undefined ? 0 : Math.max(0, (now - this.times[oldest]) / 1000);
  }

  /** One member's traffic over the window, against its counters now (which include this second). */
  read(memberId: string, now: { requests: number; connections: number }): MemberTraffic {
    const s = this.series.get(memberId);
    const oldest = this.oldestSlot();
    if (!s || oldest === undefined) return { requests: now.requests, connections: now.connections, perSecond: [] };
    const perSecond: number[] = [];
    for (let i = 0; i < SLOTS - 1; i++) {
      const a = (oldest + i) % SLOTS;
      const b = (a + 1) % SLOTS;
      if (Number.isNaN(this.times[a]) || Number.isNaN(this.times[b])) break;
      perSecond.push(Math.max(0, s.requests[b] - s.requests[a]));
    }
    // A counter below its sample means the member was made anew (a new runtime): count from zero.
    const since = (current: number, then: number) => (current >= then ? current - then : current);
    return { requests: since(now.requests, s.requests[oldest]), connections: since(now.connections, s.connections[oldest]), perSecond };
  }

  /** The oldest sample still in the window, or undefined before the first. */
  private oldestSlot(): number | undefined {
    // Once every slot is taken, the next one to be overwritten is the oldest.
    if (!Number.isNaN(this.times[this.slot])) return this.slot;
    return Number.isNaN(this.times[0]) ? undefined : 0;
  }
}
