// Engine ids: random version-4 UUIDs in the API's lower-case form, never repeated, across the
// refills of the entropy buffer.
import { describe, expect, it } from "vitest";
import { flatUUID } from "../../provider/util/uuid";
import { uuid } from "../../provider/spec/kinds";

describe("flatUUID", () => {
  it("gives version-4, RFC 4122 variant UUIDs in lower case", () => {
    for (let i = 0; i < 1000; i++) {
      const id = flatUUID();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(uuid().accepts?.(id)).toBe(true);
    }
  });

  it("never repeats over many refills of its random bytes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(flatUUID());
    expect(seen.size).toBe(20_000);
  });

  it("uses every hex digit in every free position (the bytes are random, not a counter)", () => {
    const digits = Array.from({ length: 36 }, () => new Set<string>());
    for (let i = 0; i < 2000; i++) [...flatUUID()].forEach((c, k) => digits[k].add(c));
    const free = [...Array(36).keys()].filter((k) => ![8, 13, 14, 18, 19, 23].includes(k));
    for (const k of free) expect(digits[k].size, `position ${k}`).toBe(16);
    expect([...digits[19]].sort()).toEqual(["8", "9", "a", "b"]);
  });
});
