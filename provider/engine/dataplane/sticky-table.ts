// Sticky-session pins (D5): key → member, expiring after `persistence_timeout` of inactivity
// (every use refreshes it). The key is the client address (SOURCE_IP), the engine's cookie
// token (HTTP_COOKIE) or the application's cookie value (APP_COOKIE). A member that goes
// OFFLINE, is removed, or drops to weight 0 / admin down releases every client pinned to it, so
// those clients are balanced afresh instead of following it back when it returns.
// Pure: callers pass `now`.

interface Pin {
  member: string;
  lastSeen: number;
}

/** Expired pins are swept after this many new pins, so memory stays bounded without a timer. */
const SWEEP_EVERY = 1024;

export class StickyTable {
  private readonly pins = new Map<string, Pin>();
  private sinceSweep = 0;

  constructor(public timeoutMs: number) {}

  get size(): number {
    return this.pins.size;
  }

  /** The pinned member id, refreshing the pin; undefined when absent or expired. */
  lookup(key: string, now: number): string | undefined {
    const pin = this.pins.get(key);
    if (!pin) return undefined;
    if (now - pin.lastSeen >= this.timeoutMs) {
      this.pins.delete(key);
      return undefined;
    }
    pin.lastSeen = now;
    return pin.member;
  }

  pin(key: string, member: string, now: number): void {
    const existing = this.pins.get(key);
    if (existing) {
      existing.member = member;
      existing.lastSeen = now;
      return;
    }
    this.pins.set(key, { member, lastSeen: now });
    if (++this.sinceSweep >= SWEEP_EVERY) this.sweep(now);
  }

  release(key: string): void {
    this.pins.delete(key);
  }

  /** Releases every client pinned to `member`; returns how many. */
  releaseMember(member: string): number {
    let n = 0;
    for (const [key, pin] of this.pins) {
      if (pin.member === member) {
        this.pins.delete(key);
        n++;
      }
    }
    return n;
  }

  sweep(now: number): void {
    this.sinceSweep = 0;
    for (const [key, pin] of this.pins) if (now - pin.lastSeen >= this.timeoutMs) this.pins.delete(key);
  }
}
