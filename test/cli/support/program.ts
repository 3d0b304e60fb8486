// Programs for scenarios: an example's source, and that source with small edits made to it.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./package";

/** The index.ts of a folder of examples/. */
export const exampleSource = (example: string): string => fs.readFileSync(path.join(REPO_ROOT, "examples", example, "index.ts"), "utf8");

/**
 * `source` with each `[from, to]` made; `from` must occur exactly once, so a scenario fails
 * loudly, instead of silently testing nothing, when the example it edits has changed.
 */
export function edit(source: string, ...pairs: [from: string, to: string][]): string {
  let out = source;
  for (const [from, to] of pairs) {
    const found = out.split(from).length - 1;
    if (found !== 1) throw new Error(`the program holds ${JSON.stringify(from)} ${found} times, not once`);
    out = out.replace(from, to);
  }
  return out;
}
