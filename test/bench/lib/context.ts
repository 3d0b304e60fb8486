// What every benchmark area gets from the runner, and what it gives back.
import { RowSet, type Row } from "./rows";

export interface BenchContext {
  /** BENCH_QUICK=1: smoke sizes, seconds instead of minutes, figures not meant to be quoted. */
  quick: boolean;
  /** Progress lines (stderr), so the tables on stdout stay clean. */
  log(line: string): void;
  /** A row collector whose rows say how to reproduce them. */
  rowSet(method: string): RowSet;
}

export interface BenchArea {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

export function contextFor(area: string, quick: boolean, log: (line: string) => void): BenchContext {
  return {
    quick,
    log: (line) => log(`[${area}] ${line}`),
    rowSet: (method) =>
      new RowSet(area, (m) => ({ command: `npm run bench -- ${area}`, env: quick ? { BENCH_QUICK: "1" } : ({} as Record<string, string>), method: m }), method),
  };
}
