// Scenario 10: a stack applied with one release of the package, then previewed, refreshed,
// updated and destroyed after upgrading to the next. The next release here is this build as a
// later version whose serialized providers read differently too (as a release that changes
// them would), so state holds provider texts the installed package no longer makes.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testEngine, type TestEngine } from "../provider/harness/engine";
import { install, pack } from "./support/package";
import { Project } from "./support/project";

const cli = inject("pulumiCli");

/** A program with single members and a member set, so both kinds of resource are upgraded. */
const PROGRAM = `
import * as elb from "pulumi-elb";
const SUBNET = "9d2e4f60-1a2b-4c3d-8e4f-000000000002";
const lb = new elb.LoadBalancer("lb", { name: "upgrade", availabilityZoneList: ["local-1a"], vipSubnetCidrId: SUBNET });
const listener = new elb.Listener("tcp", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 443 });
const pool = new elb.Pool("pool", { listenerId: listener.id, protocol: "TCP", lbAlgorithm: "ROUND_ROBIN" });
new elb.HealthMonitor("check", { poolId: pool.id, type: "TCP", delay: 5, timeout: 3, maxRetries: 2 });
for (let i = 0; i < 3; i++) new elb.Member("m" + i, { poolId: pool.id, address: "192.168.0." + (10 + i), protocolPort: 80, subnetCidrId: SUBNET });
const pool2 = new elb.Pool("pool2", { loadbalancerId: lb.id, protocol: "TCP", lbAlgorithm: "LEAST_CONNECTIONS" });
new elb.MemberSet("fleet", { poolId: pool2.id, members: Array.from({ length: 50 }, (_, i) => ({ address: "192.168.0." + (100 + i), protocolPort: 8080, subnetCidrId: SUBNET })) });
export const poolId = pool.id;
`;

describe.skipIf(!cli)("upgrading the package under an applied stack", () => {
  let eng: TestEngine;
  let work: string;
  let nextModules: string;

  beforeAll(async () => {
    eng = await testEngine();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "elb-upgrade-"));
    // The next release: a later version whose provider methods are written differently.
    const tarball = pack(work, {
      version: "99.0.0",
      edit: (dir) => {
        const file = path.join(dir, "dist", "provider", "resources", "providers.js");
        const before = fs.readFileSync(file, "utf8");
        const after = before.replace(/return require\(IMPLEMENTATION\)/g, "/* next release */ return require(IMPLEMENTATION)");
        expect(after).not.toBe(before);
        fs.writeFileSync(file, after);
      },
    });
    install(path.join(work, "next"), tarball);
    nextModules = path.join(work, "next", "node_modules");
  });
  afterAll(async () => {
    await eng?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("shows no change where no input changed, and refresh, update and destroy run under the new release", async () => {
    const p = await Project.create(cli!, { name: "upgrade", program: PROGRAM });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      await p.up();
      const storedBefore = Object.fromEntries([...(await p.resources())].map(([name, r]) => [name, r.outputs?.__provider]));

      p.useModules(nextModules);
      const installed = JSON.parse(fs.readFileSync(path.join(p.dir, "node_modules", "pulumi-elb", "package.json"), "utf8")) as { version: string };
      expect(installed.version).toBe("99.0.0");

      const preview = await p.previewJson();
      expect((preview.steps ?? []).filter((s) => s.op !== "same").map((s) => [s.urn, s.op, s.diffReasons])).toEqual([]);
      expect(preview.changeSummary).toEqual({ same: 10 });
      expect(await p.up(["--expect-no-changes"])).toMatchObject({ code: 0 });

      // Refresh and destroy run the provider text stored in state, written by the earlier release.
      const refreshed = await p.refresh(["--expect-no-changes"]);
      expect(refreshed.code).toBe(0);
      const storedAfter = Object.fromEntries([...(await p.resources())].map(([name, r]) => [name, r.outputs?.__provider]));
      expect(storedAfter).toEqual(storedBefore);

      // A real change still goes through, with the new release's code.
      p.writeProgram(PROGRAM.replace('name: "upgrade"', 'name: "upgraded"'));
      const change = await p.previewJson();
      expect(change.changeSummary).toEqual({ same: 9, update: 1 });
      await p.up();
      expect((await eng.api.list("/loadbalancers", "loadbalancers")).map((l) => l.name)).toEqual(["upgraded"]);

      await p.destroy();
      expect(await eng.api.list("/loadbalancers", "loadbalancers")).toEqual([]);
      expect(await eng.api.list("/pools", "pools")).toEqual([]);
    } finally {
      p.cleanup();
    }
  });
});
