// The last row of the README's "Reading a preview" table: bad input fails `pulumi preview` on
// the property, with the value and what is allowed, in one line and no stack trace; and since
// it comes from `check`, before anything is sent, `pulumi up` creates nothing either. Each case
// is examples/basic with one bad value, on a stack that was never applied.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testEngine, type TestEngine } from "../provider/harness/engine";
import { engineHoldings } from "./support/holdings";
import { edit, exampleSource } from "./support/program";
import { Project } from "./support/project";

const cli = inject("pulumiCli");

const BASIC = exampleSource("basic");


const NOTHING = { loadbalancers: [], listeners: [], pools: [], healthmonitors: [], members: [] };

describe.skipIf(!cli)("bad input fails at preview on the property, and up creates nothing", () => {
  let eng: TestEngine;
  let p: Project;
  beforeAll(async () => {
    eng = await testEngine();
    p = await Project.create(cli!, { name: "basic", program: BASIC });
    await p.setConfig("elb:endpoint", eng.url);
  });
  afterAll(async () => {
    p?.cleanup();
    await eng?.close();
  });

  /** Previews and then runs `pulumi up` (which previews first) on `program`; both must fail with `message`. */
  async function refused(program: string, message: string): Promise<void> {
    p.writeProgram(program);
    for (const args of [["preview", "--non-interactive"], ["up", "--yes", "--non-interactive"]]) {
      const r = await p.run(args, { allowFailure: true });
      const output = r.stdout + r.stderr;
      expect({ command: args[0], failed: r.code !== 0 }).toEqual({ command: args[0], failed: true });
      expect(output).toContain(message);
      // The message stands alone: no stack trace, no transport error around it.
      expect(output).not.toMatch(/^\s+at \S|Error: |grpc|UNKNOWN:/m);
      expect(await engineHoldings(eng.api)).toEqual(NOTHING);
    }
  }

  it("`weight: 101` on a member", async () => {
    await refused(
      edit(BASIC, ["const weights = [5, 3, 1];", "const weights = [101, 3, 1];"]),
      "error: pulumi-nodejs:dynamic/elb:Member resource 'web-1': property weight value {101} has a problem: 101 is out of range, allowed 0-100.",
    );
  });

  it("a public IP as a backend (a member without a subnet on an `ipTargetEnable` load balancer)", async () => {
    await refused(
      edit(
        BASIC,
        ["  vipSubnetCidrId: LOOPBACK_SUBNET,\n", "  vipSubnetCidrId: LOOPBACK_SUBNET,\n  ipTargetEnable: true,\n"],
        ["      address: `127.0.0.${11 + i}`,\n      protocolPort: 8081 + i,\n      subnetCidrId: LOOPBACK_SUBNET,", "      address: i === 0 ? \"8.8.8.8\" : `127.0.0.${11 + i}`,\n      protocolPort: 8081 + i,\n      subnetCidrId: i === 0 ? undefined : LOOPBACK_SUBNET,"],
      ),
      "error: pulumi-nodejs:dynamic/elb:Member resource 'web-1': property address value {8.8.8.8} has a problem: " +
        '"8.8.8.8" is not allowed for an IP backend (no subnetCidrId), allowed a private IPv4 address (10/8, 172.16/12, 192.168/16, 100.64/10) or loopback.',
    );
  });

  it("slow start with `LEAST_CONNECTIONS`", async () => {
    // A nested property is named in the reason; the CLI would print its value as <nil> beside the property.
    await refused(
      edit(BASIC, ['  lbAlgorithm: "ROUND_ROBIN",\n', '  lbAlgorithm: "LEAST_CONNECTIONS",\n']),
      "error: pulumi-nodejs:dynamic/elb:Pool resource 'web-pool' has a problem: property slowStart.enable: " +
        "true is not allowed with lbAlgorithm LEAST_CONNECTIONS while slow start is on, allowed slow start only with ROUND_ROBIN.",
    );
  });
});
