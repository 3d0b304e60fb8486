// A benchmark result row, as printed in the tables and written to .bench/results.json. Every
// figure with a target is a ratio (or a count) against a baseline measured in the same run, so
// it holds on a noisy machine; absolute figures are kept beside it as information.

export interface Reproduce {
  /** The command that measures this row again. */
  command: string;
  /** Environment that changes what is measured (BENCH_QUICK=1 for the smoke sizes). */
  env: Record<string, string>;
  /** What is measured and how: load, concurrency, rounds, baseline. */
  method: string;
}

export interface Row {
  area: string;
  name: string;
  value: number;
  unit: string;
  /** The goal as a comparison ("<= 1.25", ">= 0.6", "== 0"); null for information only. */
  target: string | null;
  /** Whether `value` meets `target`; null when there is no target. */
  meets: boolean | null;
  /** The measured figures the value was computed from (both sides of a ratio). */
  detail?: string;
  reproduce: Reproduce;
}

const COMPARISON = /^(<=|>=|<|>|==)\s*(-?\d+(?:\.\d+)?)$/;

/** Whether `value` meets a target written as a comparison. */
export function meetsTarget(value: number, target: string): boolean {
  const m = COMPARISON.exec(target.trim());
  if (!m) throw new Error(`target ${JSON.stringify(target)} is not a comparison like "<= 1.25"`);
  const bound = Number(m[2]);
  switch (m[1]) {
    case "<=":
      return value <= bound;
    case ">=":
      return value >= bound;
    case "<":
      return value < bound;
    case ">":
      return value > bound;
    default:
      return value === bound;
  }
}

export const isComparison = (target: string): boolean => COMPARISON.test(target.trim());

export interface RowInput {
  name: string;
  value: number;
  unit: string;
  target?: string;
  detail?: string;
  /** Overrides the area's method text for this row. */
  method?: string;
}

/** Collects one area's rows with the area's reproduce command. */
export class RowSet {
  readonly rows: Row[] = [];

  constructor(
    readonly area: string,
    private readonly reproduceFor: (method: string) => Reproduce,
    private readonly method: string,
  ) {}

  add(input: RowInput): Row {
    const value = Number.isFinite(input.value) ? input.value : NaN;
    const target = input.target ?? null;
    const row: Row = {
      area: this.area,
      name: input.name,
      value,
      unit: input.unit,
      target,
      meets: target === null ? null : Number.isFinite(value) && meetsTarget(value, target),
      ...(input.detail ? { detail: input.detail } : {}),
      reproduce: this.reproduceFor(input.method ?? this.method),
    };
    this.rows.push(row);
    return row;
  }
}

/** Rounds for display and JSON: 3 significant digits, integers kept whole. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}
