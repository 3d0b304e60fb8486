// Prints one area's rows as a table (also used for the README's Performance section).
import { round, type Row } from "./rows";

const fmt = (v: number): string => (Number.isFinite(v) ? String(round(v)) : "n/a");
const verdict = (r: Row): string => (r.meets === null ? "" : r.meets ? "yes" : "**no**");

/** A Markdown table: readable in a terminal, pasteable into the README. */
export function renderTable(rows: Row[]): string {
  const header = ["measure", "value", "unit", "target", "meets", "measured"];
  const body = rows.map((r) => [r.name, fmt(r.value), r.unit, r.target ?? "", verdict(r), r.detail ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((c) => c[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
