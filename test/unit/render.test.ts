// Replies are copies of stored objects without their internal keys, with the computed keys
// after them (G5). The copy is specialised per key layout, so every layout — the usual one,
// a reordered one, unusual key names, and more layouts than are specialised — must come out
// exactly as a plain key-by-key copy would.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { EngineContext } from "../../provider/engine/context";
import type * as Render from "../../provider/engine/render";
import type { StoredObject } from "../../provider/engine/store/types";

// A health monitor's reply needs nothing from the model: its one computed key comes from pool_id.
const ctx = { model: {} } as unknown as EngineContext;

/** What the reply must be: every stored key but pool_id, in order, then `pools`. */
const expected = (o: Record<string, unknown>) => {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (k !== "pool_id") out[k] = o[k];
  out.pools = [{ id: o.pool_id }];
  return out;
};

const monitor = (extra: Record<string, unknown> = {}): StoredObject =>
  ({ id: "hm-1", project_id: "p", pool_id: "pool-1", type: "HTTP", delay: 5, max_retries: 3, ...extra }) as StoredObject;

// A fresh module per test: the layouts it has specialised are module state, and each test
// starts with none, so each one covers both the specialised copies and the ones past the last.
let render: typeof Render.render;
beforeEach(async () => {
  vi.resetModules();
  ({ render } = await import("../../provider/engine/render"));
});

describe("rendered replies", () => {
  it("are the stored object without internal keys, computed keys last, for every layout", () => {
    const layouts: StoredObject[] = [
      monitor(),
      monitor({ url_path: "/healthz" }),
      // The same keys in another order are another layout.
      { pool_id: "pool-2", id: "hm-2", project_id: "p", type: "TCP", delay: 1, max_retries: 1 } as StoredObject,
      // Key names that need quoting in source text.
      monitor({ 'quote"key': 1, "back\\slash": 2, "new\nline": 3, "": "empty", "__proto__x": 4 }),
      // More layouts than are specialised: the rest are copied key by key.
      ...Array.from({ length: 12 }, (_, i) => monitor({ [`extra_${i}`]: i })),
    ];
    for (let round = 0; round < 3; round++) {
      for (const o of layouts) {
        const out = render(ctx, "healthmonitor", o);
        expect(Object.keys(out)).toEqual(Object.keys(expected(o)));
        expect(out).toEqual(expected(o));
      }
    }
  });

  it("keep a stored `__proto__` key as a key, in a specialised layout and past the last one", () => {
    // JSON.parse makes "__proto__" an own key; a copy must not turn it into a prototype.
    const odd = (i: number) => JSON.parse(`{"id": "hm-${i}", "pool_id": "pool-1", "__proto__": {"polluted": ${i}}, "odd_${i}": true}`) as StoredObject;
    for (let i = 0; i < 12; i++) {
      const out = render(ctx, "healthmonitor", odd(i));
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(Object.keys(out)).toEqual(["id", "__proto__", `odd_${i}`, "pools"]);
      expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ polluted: i });
      expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    }
  });

  it("share nothing with the stored object or with each other", () => {
    const o = monitor();
    const a = render(ctx, "healthmonitor", o);
    const b = render(ctx, "healthmonitor", o);
    a.delay = 99;
    expect(o.delay).toBe(5);
    expect(b.delay).toBe(5);
    expect(a).not.toBe(b);
  });
});
