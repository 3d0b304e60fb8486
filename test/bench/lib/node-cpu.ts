// The CPU time of the Node processes a `pulumi` command starts, by role: the dynamic-provider
// plugin (`pulumi-resource-pulumi-nodejs`: a shell script that runs `node -e require.resolve(...)`
// to find the host, then `node @pulumi/pulumi/cmd/dynamic-provider`) and the program (the
// language host, which runs it in-process).
//
// The CLI ends a plugin with SIGINT to its process group and SIGKILL 5 s later, so a plugin never
// exits by itself. Ways to learn such a process's CPU that were weighed:
// - polling /proc/<pid>/stat from the bench: the processes have to be found among the CLI's
//   descendants while they live, and whatever they spend after the last poll (the end of the
//   run, where the CLI shuts the plugin down) is lost;
// - a wrapper plugin earlier on PATH that starts the real one with a `--require` hook: exact,
//   but it sees the plugin only, and the CLI warns on every run that it uses a plugin from PATH;
// - the same hook (node-cpu/hook.js) through NODE_OPTIONS in the command's environment, which
//   reaches every Node process the CLI starts: each reads `process.cpuUsage()` itself, writes
//   its exact total on SIGINT and on exit (and a reading every 100 ms in case it is killed
//   outright), with its command line, by which it is told apart here.
// The last is used: the figures are exact, the plugin is the real one found where the CLI finds
// it, and the program's CPU comes for free. Not counted: the shell running the plugin's shim
// (about a millisecond) and the CLI itself (Go).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const HOOK = path.join(__dirname, "node-cpu", "hook.js");

interface Reading {
  pid: number;
  command: string[];
  userUs: number;
  systemUs: number;
  final: boolean;
}

export type Role = "plugin" | "program" | "other";

/** Which part of a `pulumi` run a Node process is, from its command line. */
export function roleOf(command: string[]): Role {
  const text = command.join(" ");
  // The host itself, or the shim's lookup of it (`node -e "...require.resolve('@pulumi/pulumi/cmd/dynamic-provider')"`).
  if (/@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider/.test(text)) return "plugin";
  if (command.some((c) => path.basename(c) === "pulumi-language-nodejs")) return "program";
  return "other";
}

export interface RoleCpu {
  /** User + system CPU of the role's processes, in ms. */
  cpuMs: number;
  processes: number;
  /** Processes whose last reading was a periodic one (killed before they could write their total). */
  notFinal: number;
}

export type NodeCpu = Record<Role, RoleCpu>;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

export class NodeCpuMeter {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "elb-bench-node-cpu-"));

  /** Environment for a `pulumi` command whose Node processes are measured. */
  env(): Record<string, string> {
    const options = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : "";
    return { NODE_OPTIONS: `${options}--require ${JSON.stringify(HOOK)}`, BENCH_NODE_CPU_DIR: this.dir };
  }

  /**
   * What the processes recorded since the last call, by role; clears the readings. A process
   * still alive without its final reading (the CLI has returned while a plugin is shutting down)
   * is waited for, up to 6 s: the CLI's own grace period before SIGKILL, and a little more.
   */
  async take(): Promise<NodeCpu> {
    const deadline = Date.now() + 6_000;
    let readings = this.read();
    while (readings.some((r) => !r.final && alive(r.pid)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      readings = this.read();
    }
    for (const name of fs.readdirSync(this.dir)) fs.rmSync(path.join(this.dir, name), { force: true });
    const out: NodeCpu = { plugin: none(), program: none(), other: none() };
    for (const r of readings) {
      const role = out[roleOf(r.command)];
      role.cpuMs += (r.userUs + r.systemUs) / 1000;
      role.processes++;
      if (!r.final) role.notFinal++;
    }
    return out;
  }

  private read(): Reading[] {
    return fs
      .readdirSync(this.dir)
      .filter((name) => name.endsWith(".json"))
      .map((name) => JSON.parse(fs.readFileSync(path.join(this.dir, name), "utf8")) as Reading);
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const none = (): RoleCpu => ({ cpuMs: 0, processes: 0, notFinal: 0 });
