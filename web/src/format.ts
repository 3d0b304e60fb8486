// Small formatting helpers shared by the views.
import type { ApiObject } from "../../provider/engine/console/types";

export const percent = (share: number) => `${Math.round(share * 100)}%`;

const two = (n: number) => String(n).padStart(2, "0");

/** Local time of day, to the second. */
export function clock(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export const str = (o: ApiObject, field: string) => (o[field] === null || o[field] === undefined ? "" : String(o[field]));

/** An object's name, or the start of its id when it has none. */
export const label = (o: ApiObject) => str(o, "name") || o.id.slice(0, 8);

export const jsonHref = (kind: string, id: string) => `/console/api/objects/${kind}/${encodeURIComponent(id)}`;
