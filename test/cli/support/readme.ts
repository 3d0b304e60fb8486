// The README's own words for the scenarios that run what it documents, so a README change that no
// longer works fails the test instead of going stale.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./package";

/** The text of the README section under `heading` (a `###` or `##` line, without the hashes), up to the next heading of any level. */
export function readmeSection(heading: string): string {
  const lines = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8").split("\n");
  const start = lines.findIndex((l) => /^#{2,3} /.test(l) && l.replace(/^#+ /, "") === heading);
  if (start < 0) throw new Error(`README.md has no section "${heading}"`);
  const end = lines.findIndex((l, i) => i > start && /^#{1,6} /.test(l) && !inFence(lines, i));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

/** Whether line `i` is inside a ``` fence (a `#` comment in a code block is no heading). */
function inFence(lines: string[], i: number): boolean {
  let open = false;
  for (let j = 0; j < i; j++) if (lines[j].startsWith("```")) open = !open;
  return open;
}

/** The fenced code blocks of a text in the given language, in order. */
export function codeBlocks(text: string, language: string): string[] {
  const out: string[] = [];
  const fence = new RegExp("^```" + language + "\\n([\\s\\S]*?)^```", "gm");
  for (let m = fence.exec(text); m; m = fence.exec(text)) out.push(m[1]);
  return out;
}

/** The commands of a shell block: one per line, `#` comments and blank lines dropped, split on spaces. */
export function shellCommands(block: string): string[][] {
  return block
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split(/\s+/));
}
