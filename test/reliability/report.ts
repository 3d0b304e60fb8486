// Rows of the reliability report: each long test records what it did, and
// scripts/reliability-report.js prints them after the run.
import * as fs from "node:fs";
import * as path from "node:path";

export interface ReportRow {
  check: string;
  requestsFuzzed?: number;
  faultsInjected?: number;
  killsSurvived?: number;
  objectsChecked?: number;
  violations: number;
  detail?: string;
}

export const REPORT_DIR = path.resolve(__dirname, "../../.reliability");

export function record(row: ReportRow): void {
  fs.mkdirSync(REPORT_DIR, { recursive: true });
  fs.appendFileSync(path.join(REPORT_DIR, "report.jsonl"), `${JSON.stringify(row)}\n`);
}
