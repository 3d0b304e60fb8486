// BENCH_SERVER_NODE_FLAGS hands Node flags to the bench's servers only: how a server is profiled
// under the bench's own load (README, Performance).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ServerProcess, serverNodeFlags } from "./lib/child";

describe("bench: BENCH_SERVER_NODE_FLAGS", () => {
  const saved = process.env.BENCH_SERVER_NODE_FLAGS;
  afterEach(() => {
    if (saved === undefined) delete process.env.BENCH_SERVER_NODE_FLAGS;
    else process.env.BENCH_SERVER_NODE_FLAGS = saved;
  });

  it("splits the variable on whitespace and adds nothing when it is unset or blank", () => {
    expect(serverNodeFlags({})).toEqual([]);
    expect(serverNodeFlags({ BENCH_SERVER_NODE_FLAGS: "   " })).toEqual([]);
    expect(serverNodeFlags({ BENCH_SERVER_NODE_FLAGS: " --cpu-prof   --cpu-prof-dir=/tmp/p\t--max-semi-space-size=64 " })).toEqual([
      "--cpu-prof",
      "--cpu-prof-dir=/tmp/p",
      "--max-semi-space-size=64",
    ]);
  });

  it("reaches the server process: --cpu-prof leaves the server's profile behind when it closes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-flags-"));
    try {
      process.env.BENCH_SERVER_NODE_FLAGS = `--cpu-prof --cpu-prof-dir=${dir}`;
      const server = await ServerProcess.start({ kind: "bare", routes: [{ method: "GET", path: "/", status: 200, body: "{}" }] });
      const res = await fetch(`${server.url}/`);
      expect(res.status).toBe(200);
      await res.text();
      await server.close();
      const profiles = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
      expect(profiles).toHaveLength(1);
      const profile = JSON.parse(fs.readFileSync(path.join(dir, profiles[0]), "utf8")) as { nodes: unknown[] };
      expect(profile.nodes.length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
