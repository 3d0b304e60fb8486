// Quick tests: plain-code checks that answer true only for values a kind's schema accepts, tried
// before the schema in `checkValue` (kinds.ts). A value a test refuses still goes through the
// schema, which has the last word and words the refusal; test/unit/kinds-accepts.test.ts checks
// every kind's test against its schema.
//
// Kept for the apply bench's MemberSet rows. A batch-add validates every member it makes (the
// engine), and a MemberSet's check every entry (the provider, impl/memberset-quick-check.ts); a
// zod parse costs several times these tests (a member body: about 1.9 µs against 0.8; a set's
// check of 1,000 entries 4.3 ms against 1.7). Over five alternating runs of `npm run bench --
// apply`, without them and with them: "N=1000: MemberSet speed-up ÷ the minimal member engine's"
// 0.63 against 0.73 (medians; 0.36-0.89 against 0.62-0.79), "N=1000 as MemberSet: provider ÷
// floor" 1.34 against 1.23. The preview row ("check + diff CPU per resource") did not move.

export type QuickTest = (value: unknown) => boolean;

/** An integer from `min` to `max`. */
export const integerIn =
  (min: number, max: number): QuickTest =>
  (v) =>
    typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max;

export const isBoolean: QuickTest = (v) => typeof v === "boolean";

/** Exactly `only`. */
export const exactly =
  (only: unknown): QuickTest =>
  (v) =>
    v === only;

/** A string of `min` to `max` characters that passes `test`, when given. */
export const stringOf =
  (min: number, max: number, test?: (s: string) => boolean): QuickTest =>
  (v) =>
    typeof v === "string" && v.length >= min && v.length <= max && (test === undefined || test(v));

/** One of `values`. */
export const oneOfValues = (values: readonly string[]): QuickTest => {
  const allowed = new Set<unknown>(values);
  return (v) => allowed.has(v);
};

/** A list of `min` to `max` items, each passing `item`; none where the item has no quick test. */
export const listOf = (item: QuickTest | undefined, min: number, max: number): QuickTest | undefined =>
  item &&
  ((v) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return false;
    // Indexed, not `every`: a hole in a sparse list is a missing item, which the schema refuses.
    for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
    return true;
  });

/** null, or a value passing `test`; none where the kind has no quick test. */
export const orNull = (test: QuickTest | undefined): QuickTest | undefined => test && ((v) => v === null || test(v));
