// The whole user journey with the Pulumi CLI through the Automation API: preview, up, a
// replacement, refresh and destroy of examples/basic against a live engine, state in a local
// file backend. It needs the `pulumi` binary, which the Automation API shells out to; without
// one on PATH the suite is reported as skipped, saying why.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine, type TestEngine } from "./harness/engine";
import { REPO_ROOT } from "./harness/paths";

const hasPulumi = (() => {
  try {
    execFileSync("pulumi", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPulumi)("Automation API with the pulumi CLI (skipped: no `pulumi` binary on PATH)", () => {
  let eng: TestEngine;
  let workDir: string;
  let stateDir: string;

  beforeAll(async () => {
    eng = await testEngine();
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "elb-state-"));
    // A project directory outside the repository, so no stack file lands in the checkout. It
    // resolves pulumi-elb by name through node_modules, as a user's project does.
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "elb-project-"));
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(workDir, "node_modules"), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "examples/basic"), path.join(workDir, "program"), "dir");
    fs.copyFileSync(path.join(REPO_ROOT, "tsconfig.json"), path.join(workDir, "tsconfig.json"));
    fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: "basic-e2e", private: true }));
  }, 60_000);
  afterAll(async () => {
    await eng?.close();
    for (const dir of [workDir, stateDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("previews, creates, replaces, refreshes and destroys examples/basic", async () => {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "e2e", workDir },
      {
        projectSettings: { name: "basic", runtime: { name: "nodejs", options: { typescript: true } }, main: "program/" },
        envVars: { PULUMI_BACKEND_URL: `file://${stateDir}`, PULUMI_CONFIG_PASSPHRASE: "test-only", PULUMI_SKIP_UPDATE_CHECK: "true" },
      },
    );
    await stack.setConfig("elb:endpoint", { value: eng.url });
    const count = async (plural: string) => (await eng.api.list(`/${plural}`, plural)).length;

    const preview = await stack.preview();
    expect(preview.changeSummary.create).toBe(12); // the stack and its eleven resources
    expect(await count("loadbalancers")).toBe(0);

    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(await count("listeners")).toBe(2);
    const oldTcp = (await eng.api.list("/listeners", "listeners", { protocol_port: 9000 }))[0];

    // A new port replaces the TCP listener (and the pool and members bound to it).
    await stack.setConfig("basic:tcpPort", { value: "9001" });
    const moved = await stack.up();
    expect(moved.summary.resourceChanges?.replace).toBeGreaterThanOrEqual(1);
    expect(await eng.api.find(`/listeners/${oldTcp.id}`)).toBeUndefined();
    expect((await eng.api.list("/listeners", "listeners")).map((l) => l.protocol_port).sort()).toEqual([8080, 9001]);

    const refresh = await stack.refresh();
    expect(refresh.summary.result).toBe("succeeded");
    expect((await stack.preview()).changeSummary.same).toBe(12);

    await stack.destroy();
    expect(await count("loadbalancers")).toBe(0);
    await stack.workspace.removeStack("e2e");
  }, 300_000);
});
