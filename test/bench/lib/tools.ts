// External programs the data-plane benchmark compares against (nginx, HAProxy) and drives load
// with (wrk): Debian packages, run in the foreground as children of the bench so they are stopped
// by their own pid. `npm run bench` installs missing ones on first use; the test suite's bench
// smoke never does (it runs the area only where the tools are already present).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

/** Command → the Debian package that provides it. */
const PACKAGES: Record<string, string> = { nginx: "nginx-light", haproxy: "haproxy", wrk: "wrk" };

/** Full path of a command (nginx and haproxy live in /usr/sbin, which a non-login PATH may lack). */
export function which(command: string): string {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).concat(["/usr/sbin", "/sbin"]);
  for (const d of dirs) {
    const p = path.join(d, command);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  throw new Error(`${command} is not installed`);
}

/** The commands of `commands` that are not installed. */
export function missingTools(commands: readonly string[]): string[] {
  return commands.filter((c) => !onPath(c));
}

/** Throws, saying what to install, when a command is missing; never installs anything. */
export function requireTools(commands: readonly string[]): void {
  const missing = missingTools(commands);
  if (missing.length) {
    const packages = missing.map((c) => PACKAGES[c] ?? c);
    throw new Error(`missing ${missing.join(", ")}: install the Debian packages ${packages.join(" ")} (apt-get install ${packages.join(" ")}) and run again`);
  }
}

function onPath(command: string): boolean {
  try {
    which(command);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs the missing tools with apt-get (the package lists are refreshed only when an install
 * fails without them), for `npm run bench` only. It needs root; otherwise it says what to install.
 */
export function installTools(commands: readonly string[], log: (line: string) => void): void {
  const missing = missingTools(commands);
  if (missing.length === 0) return;
  const packages = missing.map((c) => PACKAGES[c] ?? c);
  if (process.getuid?.() !== 0 || !onPath("apt-get")) requireTools(commands);
  log(`installing ${packages.join(", ")} with apt-get`);
  // RUNLEVEL=1 keeps the packages' maintainer scripts from starting system services.
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive", RUNLEVEL: "1" };
  const install = () => execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...packages], { env, stdio: ["ignore", "ignore", "pipe"] });
  try {
    install();
  } catch {
    execFileSync("apt-get", ["update", "-q"], { env, stdio: ["ignore", "ignore", "pipe"] });
    install();
  }
  const still = missing.filter((c) => !onPath(c));
  if (still.length) throw new Error(`apt-get installed ${packages.join(", ")} but ${still.join(", ")} is still missing`);
}

/** Waits until something accepts connections on host:port. */
export async function waitForPort(host: string, port: number, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host, port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${host}:${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A foreground daemon (nginx, HAProxy) started by the bench and stopped by its pid. */
export class Daemon {
  private stderr = "";
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.stderr?.on("data", (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  static start(name: string, command: string, args: string[]): Daemon {
    return new Daemon(name, spawn(which(command), args, { stdio: ["ignore", "ignore", "pipe"] }));
  }

  /** Waits for the port, failing with what the daemon said if it exits first. */
  async ready(host: string, port: number): Promise<void> {
    const died = this.exited.then(() => {
      throw new Error(`${this.name} exited: ${this.stderr.trim() || "(no output)"}`);
    });
    await Promise.race([waitForPort(host, port, this.name), died]);
    died.catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface WrkResult {
  rps: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx/3xx answers plus socket errors: a proxy that fails fast must not look fast. */
  errors: number;
}

const toMs = (value: string, unit: string): number => Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit];

/** Runs wrk (keep-alive HTTP/1.1) and parses its report. */
export async function wrk(url: string, options: { threads: number; connections: number; seconds: number }): Promise<WrkResult> {
  const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${options.seconds}s`, "--latency", url];
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(which("wrk"), args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.stderr.on("data", (d: Buffer) => (text += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk ${args.join(" ")} exited with ${code}: ${text}`))));
  });
  const num = (re: RegExp) => {
    const m = re.exec(out);
    if (!m) throw new Error(`could not read ${re} from wrk's output:\n${out}`);
    return m;
  };
  const p50 = num(/^\s*50%\s+([\d.]+)(us|ms|s|m)\s*$/m);
  const p99 = num(/^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m);
  const requests = Number(num(/(\d+) requests in/)[1]);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = Number(non2xx?.[1] ?? 0) + (socketErrors ? socketErrors.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  return {
    rps: Number(num(/Requests\/sec:\s+([\d.]+)/)[1]),
    requests,
    p50Ms: toMs(p50[1], p50[2]),
    p99Ms: toMs(p99[1], p99[2]),
    errors,
  };
}
