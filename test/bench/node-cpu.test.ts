// The CLI benchmark's CPU meter (lib/node-cpu.ts): a process ended the way the CLI ends its
// plugins (SIGINT) still leaves its exact total, dies of the signal as it would without the hook,
// and is told apart by its command line.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { NodeCpuMeter, roleOf } from "./lib/node-cpu";

describe("NodeCpuMeter", () => {
  let meter: NodeCpuMeter | undefined;
  afterEach(() => meter?.cleanup());

  /** Spins until the process has used 400 ms of CPU (by the clock it could get less on a busy machine). */
  const busy = "while (process.cpuUsage().user < 400_000);";

  it("a process interrupted with SIGINT writes its final total and still dies of the signal", async () => {
    meter = new NodeCpuMeter();
    // Spins, then waits forever, as a plugin waits for requests until the CLI interrupts it.
    const child = spawn(process.execPath, ["-e", `${busy} process.stdout.write("ready\\n"); setInterval(() => {}, 1000);`], {
      env: { ...process.env, ...meter.env() },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    child.kill("SIGINT");
    expect(await exited).toBe("SIGINT");
    const cpu = await meter.take();
    expect(cpu.other).toMatchObject({ processes: 1, notFinal: 0 });
    expect(cpu.other.cpuMs).toBeGreaterThanOrEqual(400);
    // Taken: the next reading starts empty.
    expect((await meter.take()).other.processes).toBe(0);
  });

  it("a process that exits by itself writes its final total", async () => {
    meter = new NodeCpuMeter();
    const child = spawn(process.execPath, ["-e", busy], { env: { ...process.env, ...meter.env() }, stdio: "ignore" });
    expect(await new Promise((resolve) => child.once("exit", resolve))).toBe(0);
    expect((await meter.take()).other).toMatchObject({ processes: 1, notFinal: 0 });
  });

  it("tells the plugin and the program apart by their command lines", () => {
    expect(roleOf(["/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:1234"])).toBe("plugin");
    expect(roleOf(["-e", "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))"])).toBe("plugin");
    expect(roleOf(["/repo/test/cli/support/bin/pulumi-language-nodejs", "127.0.0.1:1234"])).toBe("program");
    expect(roleOf(["-e", "1"])).toBe("other");
  });
});
