// This package as a user gets it: `npm pack`, then `npm install <tarball>` into a project of its
// own, beside the TypeScript compiler a Pulumi TypeScript project has. The installation is kept
// in .cache/cli-tier/ under the tarball's hash, so an unchanged build is installed once.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../../..");

export interface CliTier {
  /** The directory `npm run --silent pulumi:bin` prints: `pulumi` and its dynamic-provider plugin. */
  binDir: string;
  /** A project directory where the packed package is installed; scenarios share its node_modules. */
  installDir: string;
  /** The tarball that was installed. */
  tarball: string;
}

const repoPackage = () => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string; devDependencies: Record<string, string> };

export interface PackOptions {
  /** The version the package says it is. */
  version?: string;
  /** Changes the packed tree (its root is the `package` folder) before it is packed again. */
  edit?: (packageDir: string) => void;
}

/** `npm pack` of the repository (dist/ must be built), optionally as another version; returns the tarball's path. */
export function pack(into: string, options: PackOptions = {}): string {
  fs.mkdirSync(into, { recursive: true });
  const npmPack = (dir: string) => execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", into], { cwd: dir, encoding: "utf8" }).trim().split("\n").pop()!;
  if (!options.version && !options.edit) return path.join(into, npmPack(REPO_ROOT));
  // Another release of the same build: the packed tree, changed, packed again.
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "elb-pack-"));
  try {
    const tarball = pack(stage);
    execFileSync("tar", ["-xzf", tarball, "-C", stage]);
    const packageDir = path.join(stage, "package");
    if (options.version) {
      const manifest = path.join(packageDir, "package.json");
      fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, "utf8")), version: options.version }, null, 2));
    }
    options.edit?.(packageDir);
    return path.join(into, npmPack(packageDir));
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** What the example programs use beyond the package (examples/https signs its certificate with node-forge). */
const EXAMPLE_DEPENDENCIES = ["node-forge", "@types/node-forge"];

/** Installs a tarball into `dir` with what a Pulumi TypeScript project also has, and what the examples use. */
export function install(dir: string, tarball: string): void {
  const dev = repoPackage().devDependencies;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "elb-user-project", private: true }, null, 2));
  execFileSync(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball, `typescript@${dev.typescript}`, `@types/node@${dev["@types/node"]}`, ...EXAMPLE_DEPENDENCIES.map((d) => `${d}@${dev[d]}`)],
    { cwd: dir, stdio: ["ignore", "ignore", "inherit"] },
  );
}

export async function installedPackage(): Promise<Omit<CliTier, "binDir">> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "elb-tarball-"));
  const packed = pack(staging);
  const hash = createHash("sha256").update(fs.readFileSync(packed)).digest("hex").slice(0, 16);
  const installDir = path.join(REPO_ROOT, ".cache", "cli-tier", `install-${hash}`);
  const tarball = path.join(path.dirname(installDir), path.basename(packed));
  if (!fs.existsSync(path.join(installDir, ".complete"))) {
    // Installations of earlier builds are of no more use.
    for (const old of fs.existsSync(path.dirname(installDir)) ? fs.readdirSync(path.dirname(installDir)) : []) {
      if (old.startsWith("install-")) fs.rmSync(path.join(path.dirname(installDir), old), { recursive: true, force: true });
    }
    fs.mkdirSync(path.dirname(installDir), { recursive: true });
    fs.copyFileSync(packed, tarball);
    install(installDir, tarball);
    fs.writeFileSync(path.join(installDir, ".complete"), "");
  }
  fs.rmSync(staging, { recursive: true, force: true });
  return { installDir, tarball };
}
