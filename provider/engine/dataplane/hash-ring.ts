// Source-IP consistent hashing (D2, SOURCE_IP): a hash ring with virtual nodes (Ketama-style,
// as HAProxy `hash-type consistent` and Envoy ring hash). A client hashes to a point and takes
// the first eligible member clockwise, so a member joining or leaving moves only ~1/N of the
// clients — a map-based `hash % N` would move most of them. Huawei ignores weights under
// SOURCE_IP (except that weight 0 takes no traffic), so every member gets the same number of
// points and a weight change never moves a client.

/** Points per member: enough that N members split the ring within a few percent. */
export const VNODES_PER_MEMBER = 160;

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser for avalanche. No allocation. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class HashRing {
  private readonly points: Uint32Array;
  private readonly owners: Int32Array;

  /** `memberKeys[i]` (a stable member id) owns the points of member index i. */
  constructor(memberKeys: readonly string[], vnodes = VNODES_PER_MEMBER) {
    const all: { h: number; owner: number }[] = [];
    memberKeys.forEach((key, owner) => {
      for (let v = 0; v < vnodes; v++) all.push({ h: hash32(`${key}#${v}`), owner });
    });
    // Ties broken by owner so the ring is the same whatever order members arrive in.
    all.sort((a, b) => a.h - b.h || a.owner - b.owner);
    this.points = Uint32Array.from(all, (p) => p.h);
    this.owners = Int32Array.from(all, (p) => p.owner);
  }

  /** The member index for `clientKey`, skipping members whose weight is <= 0; -1 if none. */
  pick(clientKey: string, weights: ArrayLike<number>): number {
    const pts = this.points;
    const len = pts.length;
    if (len === 0) return -1;
    const h = hash32(clientKey);
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pts[mid] < h) lo = mid + 1;
      else hi = mid;
    }
    for (let step = 0; step < len; step++) {
      const owner = this.owners[(lo + step) % len];
      if (weights[owner] > 0) return owner;
    }
    return -1;
  }
}
