// Smooth weighted round robin (D2, ROUND_ROBIN): nginx's algorithm plus a run cap.
//
// nginx (ngx_http_upstream_round_robin.c): every pick adds each eligible member's weight to its
// `current`; the largest `current` wins and gives back the total. Over any Σw consecutive picks
// from a settled state every member gets exactly its weight, interleaved (5:1:1 → a a b a c a a).
// Left alone, the cycle seams can still join runs of the heaviest member (… a a | a a …), so the
// winner may not extend a run past ceil(w / (Σw − w)) — the shortest run any schedule of those
// weights needs — while another member is eligible; the runner-up goes instead. The deficit
// bookkeeping is untouched, so every cycle stays exact (the unit tests check this exhaustively
// over small weight sets).
//
// Pure and allocation-free on the hot path: the caller passes effective weights (slow start
// fractions allowed, <= 0 meaning "not eligible") in a reused array; no clock is read here.

export class SmoothWeightedRoundRobin {
  private readonly current: Float64Array;
  private readonly eligible: Uint8Array;
  private last = -1;
  private run = 0;

  constructor(readonly size: number) {
    this.current = new Float64Array(size);
    this.eligible = new Uint8Array(size);
  }

  /** The index of the next member, or -1 when no weight is positive. */
  pick(weights: ArrayLike<number>): number {
    const n = this.size;
    const cur = this.current;
    // A member joining or leaving the eligible set (health, weight 0, admin) restarts the
    // cycle, so shares are exact again from the next pick instead of drifting from old deficits.
    let changed = false;
    for (let i = 0; i < n; i++) {
      const e = weights[i] > 0 ? 1 : 0;
      if (e !== this.eligible[i]) {
        this.eligible[i] = e;
        changed = true;
      }
    }
    if (changed) this.reset();

    let total = 0;
    let best = -1;
    let second = -1;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w > 0)) continue;
      total += w;
      cur[i] += w;
      if (best < 0 || cur[i] > cur[best]) {
        second = best;
        best = i;
      } else if (second < 0 || cur[i] > cur[second]) {
        second = i;
      }
    }
    if (best < 0) return -1;
    if (best === this.last && second >= 0 && this.run >= maxRun(weights[best], total)) best = second;
    cur[best] -= total;
    if (best === this.last) this.run++;
    else {
      this.last = best;
      this.run = 1;
    }
    return best;
  }

  reset(): void {
    this.current.fill(0);
    this.last = -1;
    this.run = 0;
  }
}

/** The longest run of a member of weight `w` that a cyclic schedule of total `total` needs. */
export function maxRun(w: number, total: number): number {
  const others = total - w;
  if (others <= 0) return Infinity;
  // The epsilon keeps float weights (slow start) from rounding 1.0000000001 up to 2.
  return Math.max(1, Math.ceil(w / others - 1e-9));
}
