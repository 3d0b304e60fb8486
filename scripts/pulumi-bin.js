// `npm run --silent pulumi:bin`: prints, as its last line, the absolute path of a directory that
// holds `pulumi` and `pulumi-resource-pulumi-nodejs` (the plugin that runs dynamic providers).
//
// - A `pulumi` already on PATH is used when it is recent enough and the plugin is beside it or
//   on PATH (a normal Pulumi install has both).
// - Otherwise, where Go is installed, the CLI is built from its Go modules at the version pinned
//   in scripts/pulumi-cli/go.mod (with go.sum), and cached in .cache/pulumi-cli/<version>/ (git
//   ignored): later runs print the cached directory at once. The plugin is the shell script the
//   Pulumi SDK module ships under nodejs/dist/.
// - Otherwise it exits 1 saying what to install.
//
// The Node.js language host (`pulumi-language-nodejs`) is a Go module of its own that the module
// proxy does not serve, so it is never built here; see test/cli/README.md for how the test tier
// runs programs without it.
//
// Flags: --no-build  print a usable directory if there is one, else exit 3 (never builds).
//        --rebuild   build even when a cached build exists.
// Progress goes to stderr; a cold build takes a few minutes.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..");
const MODULE_DIR = path.join(__dirname, "pulumi-cli");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const SDK_MODULE = "github.com/pulumi/pulumi/sdk/v3";
const PLUGIN = "pulumi-resource-pulumi-nodejs";
/** The oldest CLI whose behaviour the tests and docs rely on (`ReadResult.inputs` on refresh). */
const MIN_VERSION = [3, 216, 0];

const log = (line) => process.stderr.write(`pulumi:bin: ${line}\n`);

/** The version the wrapper module pins, read from its go.mod so it is written down once. */
function pinnedVersion() {
  const mod = fs.readFileSync(path.join(MODULE_DIR, "go.mod"), "utf8");
  const m = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\d+\.\d+\.\d+)/.exec(mod);
  if (!m) throw new Error(`scripts/pulumi-cli/go.mod does not pin ${CLI_PACKAGE}`);
  return m[1];
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

function versionOf(pulumi) {
  const r = spawnSync(pulumi, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(r.stdout ?? "");
  return m ? m.slice(1).map(Number) : undefined;
}

const atLeast = (v, min) => {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
};

/** A directory holding both programs when they sit in different PATH directories: links to each. */
function linkedDir(pulumi, plugin) {
  const dir = path.join(ROOT, ".cache", "pulumi-cli", "from-path");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(pulumi, path.join(dir, "pulumi"));
  fs.symlinkSync(plugin, path.join(dir, PLUGIN));
  return dir;
}

/** The `pulumi` on PATH, when it will do. */
function fromPath() {
  const pulumi = onPath("pulumi");
  if (!pulumi) return undefined;
  const version = versionOf(pulumi);
  if (!version || !atLeast(version, MIN_VERSION)) {
    log(`ignoring ${pulumi}: version ${version ? version.join(".") : "unknown"} is older than ${MIN_VERSION.join(".")}`);
    return undefined;
  }
  const dir = path.dirname(fs.realpathSync(pulumi));
  if (fs.existsSync(path.join(dir, PLUGIN))) return dir;
  const plugin = onPath(PLUGIN);
  if (plugin) return linkedDir(fs.realpathSync(pulumi), fs.realpathSync(plugin));
  log(`ignoring ${pulumi}: ${PLUGIN} is neither beside it nor on PATH`);
  return undefined;
}

const goEnv = () => ({
  ...process.env,
  CGO_ENABLED: "0",
  // Build with the Go that is installed; never download another toolchain.
  GOTOOLCHAIN: "local",
  GOFLAGS: "-mod=readonly -buildvcs=false",
});

/** Runs a go command, relaying a line of progress every 15 s and counting packages compiled (`-v` lists them). */
function go(args, what) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn("go", args, { cwd: MODULE_DIR, env: goEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let packages = 0;
    let errors = "";
    const count = (chunk) => {
      const text = chunk.toString();
      for (const line of text.split("\n")) {
        if (/^[\w.\-/]+$/.test(line.trim()) && line.trim()) packages++;
        else if (line.trim()) errors += `${line}\n`;
      }
    };
    child.stdout.on("data", count);
    child.stderr.on("data", count);
    const timer = setInterval(() => {
      const s = Math.round((Date.now() - started) / 1000);
      log(`${what}: ${s} s${packages ? `, ${packages} packages compiled` : ""}`);
    }, 15_000);
    child.on("error", (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      if (code === 0) resolve();
      else reject(new Error(`go ${args[0]} failed (exit ${code}):\n${errors.slice(-4000)}`));
    });
  });
}

function goOutput(args) {
  const r = spawnSync("go", args, { cwd: MODULE_DIR, env: goEnv(), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`go ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout.trim();
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
};

/**
 * Holds .cache/pulumi-cli/build.lock while `work` runs, so two builds (two test processes, say)
 * never write one directory: a second caller waits for the first, then finds its build.
 */
async function withBuildLock(work) {
  const lock = path.join(ROOT, ".cache", "pulumi-cli", "build.lock");
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const owner = Number(fs.readFileSync(lock, "utf8").trim());
      if (!owner || !alive(owner)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (!waiting) log(`waiting for the build of process ${owner} to finish`);
      waiting = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Builds the pinned CLI into .cache/pulumi-cli/<version>/, unless a complete build is there. */
async function built(version, rebuild) {
  const dir = path.join(ROOT, ".cache", "pulumi-cli", version);
  const stamp = path.join(dir, ".complete");
  if (!rebuild && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === version) return dir;
  log(`building the Pulumi CLI ${version} from its Go modules into ${path.relative(ROOT, dir)} (a cold build takes several minutes)`);
  const started = Date.now();
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    await go(["mod", "download"], "downloading modules");
    const ldflags = `-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${version}`;
    await go(["build", "-v", "-trimpath", "-ldflags", ldflags, "-o", path.join(tmp, "pulumi"), CLI_PACKAGE], "compiling");
    // The dynamic-provider plugin: a shell script in the SDK module (stored without its exec bit).
    const sdkDir = goOutput(["list", "-m", "-f", "{{.Dir}}", SDK_MODULE]);
    fs.copyFileSync(path.join(sdkDir, "nodejs", "dist", PLUGIN), path.join(tmp, PLUGIN));
    fs.chmodSync(path.join(tmp, PLUGIN), 0o755);
    fs.writeFileSync(path.join(tmp, ".complete"), `${version}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return dir;
}

async function main(argv) {
  const noBuild = argv.includes("--no-build");
  const rebuild = argv.includes("--rebuild");
  const version = pinnedVersion();
  if (!rebuild) {
    const existing = fromPath();
    if (existing) return existing;
    const cached = path.join(ROOT, ".cache", "pulumi-cli", version);
    if (fs.existsSync(path.join(cached, ".complete"))) return cached;
  }
  if (noBuild) {
    log("no usable pulumi CLI yet (run `npm run --silent pulumi:bin` to build one)");
    process.exit(3);
  }
  if (!onPath("go")) {
    log("no `pulumi` on PATH and no Go toolchain to build one.");
    log("Install the Pulumi CLI (https://www.pulumi.com/docs/install/) or Go 1.26 or later, then run this again.");
    process.exit(1);
  }
  return withBuildLock(() => built(version, rebuild));
}

main(process.argv.slice(2)).then(
  (dir) => process.stdout.write(`${dir}\n`),
  (e) => {
    log(e.message);
    process.exit(1);
  },
);
