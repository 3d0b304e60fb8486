// G6: lists — limit bounds, marker paging to [] at the end, stable order, repeated filter values,
// and the load balancer filters by backend (member_address, member_device_id).
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../../provider/engine";
import { parallel, type Api, type Json } from "../helpers/api";
import { useEngine } from "../helpers/engine";
import { createLb, createListener, createMember, createPool, fails, invalid, MISSING_ID, NET, ok } from "../helpers/factories";

// A fake clock that stands still: every object gets the same created_at, so order falls to the id.
const clock = new FakeClock(Date.UTC(2026, 0, 1));
const t = useEngine({ clock });

const ids = (items: Json[]) => items.map((x) => x.id);

/** Expected order: created_at, then id. */
const sorted = (items: Json[]) => [...items].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));

async function manyLbs(c: Api, n: number): Promise<Json[]> {
  const lbs: Json[] = [];
  // Three creation times, several objects per time, so both sort keys matter.
  for (let i = 0; i < n; i += 3) {
    lbs.push(...(await parallel(Math.min(3, n - i), (k) => createLb(c, { name: `lb-${i + k}` }))));
    clock.advance(1000);
  }
  return lbs;
}

describe("G6 lists", () => {
  it("G6: order is stable by created_at, then id, and page_info describes the page", async () => {
    const c = t.project();
    const lbs = await manyLbs(c, 8);
    const res = await c.get("loadbalancers");
    const all = ok(res, 200, "loadbalancers");
    expect(ids(all)).toEqual(ids(sorted(lbs)));
    expect(res.body.page_info).toEqual({ previous_marker: all[0].id, next_marker: all[7].id, current_count: 8 });
    expect(ids(ok(await c.get("loadbalancers"), 200, "loadbalancers"))).toEqual(ids(all));
  });

  it("G6: limit takes 0-2000 (default 2000); anything else → 400 naming limit", async () => {
    const c = t.project();
    await manyLbs(c, 4);
    const zero = await c.get("loadbalancers", { limit: 0 });
    expect(ok(zero, 200, "loadbalancers")).toEqual([]);
    expect(zero.body.page_info).toEqual({ previous_marker: null, next_marker: null, current_count: 0 });
    expect(ok(await c.get("loadbalancers", { limit: 2 }), 200, "loadbalancers")).toHaveLength(2);
    expect(ok(await c.get("loadbalancers", { limit: 2000 }), 200, "loadbalancers")).toHaveLength(4);
    for (const bad of ["2001", "-1", "abc", "1.5", ""]) invalid(await c.get("loadbalancers", `limit=${bad}`), "limit", JSON.stringify(bad));
  });

  it("G6: without limit a page holds at most 2000 items; the marker then leads to the rest", async () => {
    const c = t.project();
    // 2050 listeners: 41 load balancers with 50 each (the only list a project can grow past 2000).
    const lbs = await parallel(41, () => createLb(c));
    for (let i = 0; i < 41; i += 8) {
      await Promise.all(lbs.slice(i, i + 8).flatMap((lb) => Array.from({ length: 50 }, (_, k) => createListener(c, lb.id, { protocol_port: 1 + k }))));
    }
    const first = await c.get("listeners");
    expect(ok(first, 200, "listeners")).toHaveLength(2000);
    expect(first.body.page_info.current_count).toBe(2000);
    const rest = ok(await c.get("listeners", { marker: first.body.page_info.next_marker }), 200, "listeners");
    expect(rest).toHaveLength(50);
    expect(new Set([...ids(first.body.listeners), ...ids(rest)]).size).toBe(2050);
    expect(ok(await c.get("listeners", { marker: rest[49].id }), 200, "listeners")).toEqual([]);
  });

  it("G6: marker paging walks every item once and ends with []; page_reverse walks back", async () => {
    const c = t.project();
    const all = sorted(await manyLbs(c, 7));
    const seen: string[] = [];
    let marker: string | undefined;
    const sizes: number[] = [];
    for (let round = 0; round < 10; round++) {
      const res = await c.get("loadbalancers", marker ? { limit: 3, marker } : { limit: 3 });
      const page = ok(res, 200, "loadbalancers");
      sizes.push(page.length);
      expect(res.body.page_info.current_count).toBe(page.length);
      if (page.length === 0) {
        expect(res.body.page_info).toEqual({ previous_marker: null, next_marker: null, current_count: 0 });
        break;
      }
      expect(res.body.page_info.next_marker).toBe(page[page.length - 1].id);
      expect(res.body.page_info.previous_marker).toBe(page[0].id);
      seen.push(...ids(page));
      marker = res.body.page_info.next_marker;
    }
    expect(sizes).toEqual([3, 3, 1, 0]);
    expect(seen).toEqual(ids(all));
    // A marker at the last item returns [] (golangsdk's pager stops on an empty page).
    expect(ok(await c.get("loadbalancers", { marker: all[6].id }), 200, "loadbalancers")).toEqual([]);
    // Backwards from the last page's previous_marker: the page before it.
    const back = await c.get("loadbalancers", { limit: 3, marker: all[6].id, page_reverse: true });
    expect(ids(ok(back, 200, "loadbalancers"))).toEqual(ids(all.slice(3, 6)));
    const backAgain = await c.get("loadbalancers", { limit: 3, marker: back.body.page_info.previous_marker, page_reverse: true });
    expect(ids(ok(backAgain, 200, "loadbalancers"))).toEqual(ids(all.slice(0, 3)));
    expect(ok(await c.get("loadbalancers", { limit: 3, marker: all[0].id, page_reverse: true }), 200, "loadbalancers")).toEqual([]);
    expect(ids(ok(await c.get("loadbalancers", { limit: 2, page_reverse: true }), 200, "loadbalancers"))).toEqual(ids(all.slice(5)));
    invalid(await c.get("loadbalancers", { page_reverse: "yes" }), "page_reverse");
  });

  it("G6: an unknown marker → 400 naming marker and the value; a marker filtered out of the list returns []", async () => {
    const c = t.project();
    const lbs = sorted(await manyLbs(c, 3));
    invalid(await c.get("loadbalancers", { limit: 2, marker: MISSING_ID }), "marker", MISSING_ID);
    invalid(await c.get("loadbalancers", { marker: "not-an-id" }), "marker", "not-an-id");
    const lb = await createLb(c, { name: "only" });
    const page = await c.get("loadbalancers", { name: "only", marker: lbs[0].id });
    expect(ok(page, 200, "loadbalancers")).toEqual([]);
    expect(ids(ok(await c.get("loadbalancers", { name: "only" }), 200, "loadbalancers"))).toEqual([lb.id]);
    // Every list pages the same way.
    const listener = await createListener(c, lb.id);
    fails(await c.get("listeners", { marker: MISSING_ID }), 400, "ELB.8902", "marker");
    expect(ok(await c.get("listeners", { marker: listener.id }), 200, "listeners")).toEqual([]);
  });

  it("G6: filters accept repeated values (name=a&name=b) and numbers and booleans by their text", async () => {
    const c = t.project();
    const [a, b] = await Promise.all([createLb(c, { name: "a" }), createLb(c, { name: "b" }), createLb(c, { name: "c" })]);
    expect(new Set(ids(ok(await c.get("loadbalancers", { name: ["a", "b"] }), 200, "loadbalancers")))).toEqual(new Set([a.id, b.id]));
    expect(ids(ok(await c.get("loadbalancers", { name: "a" }), 200, "loadbalancers"))).toEqual([a.id]);
    expect(ok(await c.get("loadbalancers", { name: "zzz" }), 200, "loadbalancers")).toEqual([]);
    const tcp = await createListener(c, a.id, { protocol: "TCP", protocol_port: 80 });
    const udp = await createListener(c, a.id, { protocol: "UDP", protocol_port: 80 });
    const http = await createListener(c, b.id, { protocol: "HTTP", protocol_port: 8080 });
    expect(new Set(ids(ok(await c.get("listeners", { protocol_port: 80 }), 200, "listeners")))).toEqual(new Set([tcp.id, udp.id]));
    expect(ids(ok(await c.get("listeners", { protocol_port: 80, protocol: "UDP" }), 200, "listeners"))).toEqual([udp.id]);
    expect(new Set(ids(ok(await c.get("listeners", { protocol: ["UDP", "HTTP"] }), 200, "listeners")))).toEqual(new Set([udp.id, http.id]));
    expect(ids(ok(await c.get("listeners", { loadbalancer_id: b.id }), 200, "listeners"))).toEqual([http.id]);
    expect(ok(await c.get("listeners", { loadbalancer_id: b.id }), 200, "listeners")[0]).not.toHaveProperty("loadbalancer_id");
    expect(ids(ok(await c.get("loadbalancers", { deletion_protection_enable: false, name: "c" }), 200, "loadbalancers"))).toHaveLength(1);
    expect(ids(ok(await c.get("loadbalancers", { id: [a.id, b.id] }), 200, "loadbalancers")).sort()).toEqual([a.id, b.id].sort());
  });

  it("G6: load balancers filter by member_address and member_device_id — which load balancers is this backend in", async () => {
    const c = t.project();
    const [lb1, lb2, lb3] = await Promise.all([createLb(c), createLb(c), createLb(c)]);
    const [p1, p1b, p2] = await Promise.all([
      createPool(c, { loadbalancer_id: lb1.id }),
      createPool(c, { loadbalancer_id: lb1.id }),
      createPool(c, { loadbalancer_id: lb2.id }),
      createPool(c, { loadbalancer_id: lb3.id }), // no members at all
    ]);
    const m1 = await createMember(c, p1.id, { address: "192.168.0.10" });
    await createMember(c, p1b.id, { address: "192.168.0.10", protocol_port: 81 });
    const m2 = await createMember(c, p2.id, { address: "192.168.0.11" });
    await createMember(c, p2.id, { address: "192.168.1.10", subnet_cidr_id: NET.privateB });
    const byAddress = async (q: Json) => ids(ok(await c.get("loadbalancers", q), 200, "loadbalancers")).sort();
    expect(await byAddress({ member_address: "192.168.0.10" })).toEqual([lb1.id]);
    expect(await byAddress({ member_address: "192.168.1.10" })).toEqual([lb2.id]);
    expect(await byAddress({ member_address: ["192.168.0.10", "192.168.0.11"] })).toEqual([lb1.id, lb2.id].sort());
    expect(await byAddress({ member_address: "192.168.0.99" })).toEqual([]);
    // A member's id stands for its device here (the engine models no ECS instances).
    expect(await byAddress({ member_device_id: m2.id })).toEqual([lb2.id]);
    expect(await byAddress({ member_device_id: [m1.id, m2.id] })).toEqual([lb1.id, lb2.id].sort());
    expect(await byAddress({ member_device_id: MISSING_ID })).toEqual([]);
    // Members have no device (instance_id ""), so an empty device id names no backend at all.
    expect(await byAddress({ member_device_id: "" })).toEqual([]);
    expect(await byAddress({ member_address: "192.168.0.10", member_device_id: m2.id })).toEqual([]);
    // The filter follows deletes.
    expect((await c.del(`pools/${p2.id}/members/${m2.id}`)).status).toBe(204);
    expect(await byAddress({ member_address: "192.168.0.11" })).toEqual([]);
    // Pools filter by member_address too.
    expect(ids(ok(await c.get("pools", { member_address: "192.168.0.10" }), 200, "pools")).sort()).toEqual([p1.id, p1b.id].sort());
  });
});
