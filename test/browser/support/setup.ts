// Global setup of the browser tier (vitest project "browser"): finds Chromium. Debian's
// `chromium` package puts it at /usr/bin/chromium (ELB_CHROMIUM names another); browser
// downloads cannot work here, so playwright-core drives that one. Without it the tier is skipped
// and says so loudly; with ELB_REQUIRE_CHROMIUM=1 (set by .ci/run) that is an error instead.
import * as fs from "node:fs";
import * as path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Chromium executable, or null when the tier cannot run here. */
    chromium: string | null;
  }
}

export default function setup(project: TestProject): void {
  const executable = process.env.ELB_CHROMIUM ?? "/usr/bin/chromium";
  if (!fs.existsSync(executable)) {
    const why = `the browser tier (test/browser) cannot run: there is no Chromium at ${executable}`;
    if (process.env.ELB_REQUIRE_CHROMIUM === "1") throw new Error(`${why}, and ELB_REQUIRE_CHROMIUM=1 requires it.`);
    process.stderr.write(`\n${"!".repeat(100)}\n!! SKIPPED: ${why}.\n!! Install it (apt-get install chromium) and run npm test again.\n${"!".repeat(100)}\n\n`);
    project.provide("chromium", null);
    return;
  }
  // The engine serves the console from the build; a stale or missing build would test old pages.
  const page = path.resolve(__dirname, "../../../dist/console/index.html");
  if (!fs.existsSync(page)) throw new Error(`the console is not built (${page} is missing): run npm run build first`);
  project.provide("chromium", executable);
}
