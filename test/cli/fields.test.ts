// Huawei's wider field set through the real pulumi CLI: tags written as a map reach the engine
// as the API's list, a reordered map previews as no change, a changed tag as a replacement
// (tags are create-only), and an updatable new field (a flavor) as an update in place.
import { describe, expect, inject, it } from "vitest";
import { FLAVORS } from "../../provider/spec/flavors";
import { NET, testEngine } from "../provider/harness/engine";
import { Project, stepsFor } from "./support/project";

const cli = inject("pulumiCli");
const [L7_SMALL, L7_MEDIUM] = FLAVORS.filter((f) => f.type === "L7").map((f) => f.id);

const program = (tags: string, l7: string) => `
import * as elb from "pulumi-elb";
const lb = new elb.LoadBalancer("lb", {
  availabilityZoneList: ["local-1a"],
  vipSubnetCidrId: "${NET.privateSubnetA}",
  l7FlavorId: "${l7}",
  tags: ${tags},
});
export const id = lb.id;
export const tags = lb.tags;
`;

describe.skipIf(!cli)("new fields through the real pulumi CLI", () => {
  it("tags are a map: sent as the API's list, order-free in a preview, replaced when changed; a flavor updates in place", async () => {
    const eng = await testEngine();
    const p = await Project.create(cli!, { name: "fields", program: program(`{ env: "prod", team: "web" }`, L7_SMALL) });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      await p.up();
      const out = await p.outputs();
      expect(out.tags).toEqual({ env: "prod", team: "web" });
      const live = (await eng.api.get<{ loadbalancer: Record<string, unknown> }>(`/loadbalancers/${String(out.id)}`)).loadbalancer;
      expect(live.tags).toEqual([
        { key: "env", value: "prod" },
        { key: "team", value: "web" },
      ]);

      p.writeProgram(program(`{ team: "web", env: "prod" }`, L7_SMALL));
      expect((await p.previewJson()).changeSummary).toEqual({ same: 2 });

      p.writeProgram(program(`{ team: "web", env: "dev" }`, L7_MEDIUM));
      const changed = await p.previewJson();
      expect(stepsFor(changed, "lb").map((s) => s.op)).toContain("replace");

      p.writeProgram(program(`{ team: "web", env: "prod" }`, L7_MEDIUM));
      const resized = await p.previewJson();
      expect(stepsFor(resized, "lb").map((s) => s.op)).toEqual(["update"]);
      await p.up();
      expect((await eng.api.get<{ loadbalancer: Record<string, unknown> }>(`/loadbalancers/${String(out.id)}`)).loadbalancer.l7_flavor_id).toBe(L7_MEDIUM);
      await p.destroy();
    } finally {
      await p.cleanup();
      await eng.close();
    }
  });
});
