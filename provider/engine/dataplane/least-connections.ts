// Weighted least connections (D2, LEAST_CONNECTIONS): the member with the lowest
// active ÷ weight wins (Huawei's score; nginx least_conn compares conns × other.weight, the same
// order without division). Members that tie are served by smooth weighted round robin among
// just the tied set, as nginx does — so equal loads rotate (a b c a b c for equal weights) and
// an idle pool still splits by weight instead of collapsing to the first member.
//
// "Active" is what the caller counts: open connections at L4, requests in flight at L7.
// Pure and allocation-free; weights <= 0 mean "not eligible".

export class WeightedLeastConnections {
  private readonly current: Float64Array;

  constructor(readonly size: number) {
    this.current = new Float64Array(size);
  }

  /** The index of the next member, or -1 when no weight is positive. */
  pick(weights: ArrayLike<number>, active: ArrayLike<number>): number {
    const n = this.size;
    let best = -1;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w > 0)) continue;
      // active_i / w_i < active_best / w_best, cross-multiplied so integer inputs compare exactly.
      if (best < 0 || active[i] * weights[best] < active[best] * w) best = i;
    }
    if (best < 0) return -1;

    const cur = this.current;
    const bestLoad = active[best];
    const bestWeight = weights[best];
    let total = 0;
    let winner = -1;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w > 0) || active[i] * bestWeight !== bestLoad * w) continue;
      total += w;
      cur[i] += w;
      if (winner < 0 || cur[i] > cur[winner]) winner = i;
    }
    cur[winner] -= total;
    return winner;
  }

  reset(): void {
    this.current.fill(0);
  }
}
