// What every benchmark area gets from the runner, and what it gives back.
import { RowSet, type Row } from "./rows";
import { installTools, requireTools } from "./tools";

export interface BenchContext {
  /** BENCH_QUICK=1: smoke sizes, seconds instead of minutes, figures not meant to be quoted. */
  quick: boolean;
  /** Progress lines (stderr), so the tables on stdout stay clean. */
  log(line: string): void;
  /** A row collector whose rows say how to reproduce them. */
  rowSet(method: string): RowSet;
  /** Makes sure external programs are there: installs them for `npm run bench`, only checks otherwise. */
  ensureTools(commands: readonly string[]): void;
}

export interface BenchArea {
  name: string;
  title: string;
  /** External programs the area runs (nginx, wrk, ...), if any. */
  tools?: readonly string[];
  run(ctx: BenchContext): Promise<Row[]>;
}

/**
 * The context an area runs in. `installTools`: missing external programs are installed (the
 * bench command, run on purpose); otherwise a missing one is an error (the test suite never
 * installs system packages).
 */
export function contextFor(area: string, quick: boolean, log: (line: string) => void, options: { installTools: boolean }): BenchContext {
  const prefixed = (line: string) => log(`[${area}] ${line}`);
  return {
    quick,
    log: prefixed,
    ensureTools: (commands) => (options.installTools ? installTools(commands, prefixed) : requireTools(commands)),
    rowSet: (method) =>
      new RowSet(area, (m) => ({ command: `npm run bench -- ${area}`, env: quick ? { BENCH_QUICK: "1" } : ({} as Record<string, string>), method: m }), method),
  };
}
