// The console from the installed package: the `elb-engine` bin (what `npx elb-engine` runs) in a
// project that installed the packed tarball serves the built page and its JSON, so the console
// ships with the package.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";

const cli = inject("pulumiCli");

describe.skipIf(!cli)("the console from the installed package", () => {
  let engine: ChildProcess | undefined;
  afterAll(async () => {
    if (!engine || engine.exitCode !== null) return;
    const exited = new Promise((resolve) => engine!.once("exit", resolve));
    engine.kill("SIGTERM");
    await exited;
  });

  it("elb-engine serves /console, its script and stylesheet, and its JSON", async () => {
    const installed = path.join(cli!.installDir, "node_modules", "pulumi-elb");
    expect(fs.existsSync(path.join(installed, "dist", "console", "index.html"))).toBe(true);
    // The bin npx would run, started directly so the test owns the engine's process.
    const bin = path.join(cli!.installDir, "node_modules", ".bin", "elb-engine");
    engine = spawn(bin, ["--memory", "--port", "0"], { cwd: cli!.installDir, stdio: ["ignore", "pipe", "inherit"] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      engine!.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const found = /console: (http:\/\/\S+)\/console/.exec(out);
        if (found) resolve(found[1]);
      });
      engine!.once("exit", (code) => reject(new Error(`elb-engine exited (${code}): ${out}`)));
    });
    const page = await fetch(`${url}/console`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const asset of ["/console/console.js", "/console/console.css"]) {
      expect(html).toContain(asset);
      const r = await fetch(`${url}${asset}`);
      expect(r.status, asset).toBe(200);
      expect((await r.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
    }
    expect(await (await fetch(`${url}/console/api/session`)).json()).toMatchObject({ mode: "lenient", data_plane: true });
  });
});
