// Global setup of the CLI tier (vitest project "cli"), run once before its files:
// 1. finds or builds the Pulumi CLI (`scripts/pulumi-bin.js`, the same recipe as
//    `npm run --silent pulumi:bin`);
// 2. packs this package with `npm pack` and installs the tarball, as a user's project would, into
//    a directory the scenarios share as their node_modules.
// Without a CLI and without Go to build one the tier is skipped, and says so loudly; with
// ELB_REQUIRE_PULUMI_CLI=1 (set by .ci/run) that is an error instead.
import { spawnSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { installedPackage, REPO_ROOT, type CliTier } from "./package";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where the CLI and the installed package are; null when the tier cannot run here. */
    pulumiCli: CliTier | null;
  }
}

function locateCli(): string | undefined {
  // Progress of a build goes to this terminal; the directory is the last line of stdout.
  const r = spawnSync(process.execPath, ["scripts/pulumi-bin.js"], { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) return undefined;
  return r.stdout.trim().split("\n").pop();
}

export default async function setup(project: TestProject): Promise<void> {
  const binDir = locateCli();
  if (!binDir) {
    const why = "the CLI tier (test/cli) cannot run: there is no `pulumi` on PATH and no Go toolchain to build one";
    if (process.env.ELB_REQUIRE_PULUMI_CLI === "1") throw new Error(`${why}, and ELB_REQUIRE_PULUMI_CLI=1 requires it.`);
    process.stderr.write(`\n${"!".repeat(100)}\n!! SKIPPED: ${why}.\n!! Install the Pulumi CLI or Go 1.26+ and run npm test again.\n${"!".repeat(100)}\n\n`);
    project.provide("pulumiCli", null);
    return;
  }
  project.provide("pulumiCli", { binDir, ...(await installedPackage()) });
}
