// G6: list responses — filters with repeated values, stable order, marker pagination.
import { errors } from "../../spec/errors";
import type { ApiResponse } from "../context";

/** Whether a reference list (`[{id}, ...]`) names one of the wanted ids. */
export const refsMatch = (refs: unknown, wanted: string[]): boolean =>
  Array.isArray(refs) && refs.some((r) => r && typeof r === "object" && wanted.includes(String((r as { id?: unknown }).id)));

const RESERVED = new Set(["limit", "marker", "page_reverse"]);

const matches = (value: unknown, wanted: string[]): boolean => {
  if (Array.isArray(value)) return value.some((v) => matches(typeof v === "object" && v && "id" in v ? (v as { id: unknown }).id : v, wanted));
  if (value === null || value === undefined) return wanted.includes("") || wanted.includes("null");
  return wanted.includes(String(value));
};

/**
 * Creation time, then id. Both are ASCII (timestamps and engine-made UUIDs), so one key per
 * item compared by code unit orders them; NUL sorts before any character of a longer time.
 */
function byCreation(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const keyed = rows.map((r) => ({ key: `${String(r.created_at)}\u0000${String(r.id)}`, r }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.r);
}

/**
 * Filters, orders (created_at, then id) and pages rendered objects. `extraFilters` serve query
 * parameters that are not fields of the object (load balancers' member_address, ...).
 */
export function listResponse(
  plural: string,
  items: Record<string, unknown>[],
  query: URLSearchParams,
  extraFilters: Record<string, (item: Record<string, unknown>, wanted: string[]) => boolean> = {},
): ApiResponse {
  const limitText = query.get("limit");
  let limit = 2000;
  if (limitText !== null) {
    if (!/^\d+$/.test(limitText) || Number(limitText) > 2000) throw errors.badQuery("limit", limitText, "an integer 0-2000");
    limit = Number(limitText);
  }
  const reverseText = query.get("page_reverse");
  if (reverseText !== null && reverseText !== "true" && reverseText !== "false") throw errors.badQuery("page_reverse", reverseText, "true or false");
  const reverse = reverseText === "true";

  const names = new Set([...query.keys()].filter((k) => !RESERVED.has(k)));
  let rows = items;
  for (const name of names) {
    const wanted = query.getAll(name);
    // Own properties only: a query such as `__proto__=1` or `constructor=x` names no filter or field.
    const extra = Object.hasOwn(extraFilters, name) ? extraFilters[name] : undefined;
    // A key holding undefined is a field the object does not have (it never reaches the wire).
    rows = rows.filter((item) => (extra ? extra(item, wanted) : Object.hasOwn(item, name) && item[name] !== undefined ? matches(item[name], wanted) : false));
  }
  rows = byCreation(rows);

  const marker = query.get("marker");
  let page: Record<string, unknown>[];
  if (marker !== null) {
    const at = rows.findIndex((r) => r.id === marker);
    if (at < 0) {
      // A marker must name an object that exists: it is the last item of the previous page.
      if (!items.some((r) => r.id === marker)) throw errors.badQuery("marker", marker, "the id of the last item of the previous page");
      page = [];
    } else {
      page = reverse ? rows.slice(Math.max(0, at - limit), at) : rows.slice(at + 1, at + 1 + limit);
    }
  } else {
    page = reverse ? rows.slice(Math.max(0, rows.length - limit)) : rows.slice(0, limit);
  }
  return {
    status: 200,
    body: {
      [plural]: page,
      page_info: {
        previous_marker: page.length ? page[0].id : null,
        next_marker: page.length ? page[page.length - 1].id : null,
        current_count: page.length,
      },
    },
  };
}
