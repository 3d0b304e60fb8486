// Value helpers shared by every resource implementation: the preview-unknown sentinel, deep
// comparison with the API's null-means-unset convention, and plain-JSON results (the provider
// host refuses `undefined` anywhere in a result: "Unexpected struct type").
import { UNKNOWN } from "../../spec";

/** What the engine sends for a value not known until apply (during preview). */
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Obj = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

export const isUnknown = (v: unknown): boolean => v === UNKNOWN_SENTINEL;

/** Whether a value is, or holds anywhere inside it, a preview-unknown. */
export function containsUnknown(v: unknown): boolean {
  if (v === null || typeof v !== "object") return isUnknown(v);
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (isPlainObject(v)) {
    for (const k in v) if (containsUnknown(v[k])) return true;
  }
  return false;
}

/** Replaces the sentinel with the spec's `UNKNOWN` symbol, which the own-field rules understand. */
export function toRuleValues(v: unknown): unknown {
  // Known values (every one, at apply) are used as they are.
  if (!containsUnknown(v)) return v;
  if (isUnknown(v)) return UNKNOWN;
  if (Array.isArray(v)) return v.map(toRuleValues);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toRuleValues(x)]));
  return v;
}

/** Deep equality where null and undefined both mean "unset". */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (b === undefined || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

/** Order-insensitive comparison of two lists of strings (availability zones). */
export const sameSet = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) && sameValue([...a].map(String).sort(), [...b].map(String).sort());

/** A copy without `undefined` anywhere, as the provider host requires. */
export function plain<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.filter((x) => x !== undefined).map(plain) as T;
  if (isPlainObject(v)) {
    const out: Obj = {};
    for (const k in v) {
      const x = v[k];
      if (x !== undefined) out[k] = plain(x);
    }
    return out as T;
  }
  return v;
}

/** The provider's own bookkeeping key in inputs and outputs (the serialized provider). */
export const PROVIDER_KEY = "__provider";

/**
 * Whether the live value `actual` is what `desired` asks for. Objects are compared on the keys
 * the desired value names, so read-only extras the API adds inside an object never cause a diff.
 */
export function satisfies(desired: unknown, actual: unknown): boolean {
  if (isPlainObject(desired) && isPlainObject(actual)) return Object.keys(desired).every((k) => satisfies(desired[k], actual[k]));
  if (Array.isArray(desired) && Array.isArray(actual)) return desired.length === actual.length && desired.every((x, i) => satisfies(x, actual[i]));
  return sameValue(desired, actual);
}
