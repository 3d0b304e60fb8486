// Huawei's wider field set through the real pulumi CLI: tags written as a map reach the engine
// as the API's list, a reordered map previews as no change, a changed tag as an update in place
// (through the tag action, F2) that keeps the load balancer, and an updatable new field (a
// flavor) together with a tag as one update.
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
  it("tags are a map: sent as the API's list, order-free in a preview, updated in place when changed; a flavor updates in place with them", async () => {
    const eng = await testEngine();
    const p = await Project.create(cli!, { name: "fields", program: program(`{ env: "prod", team: "web" }`, L7_SMALL) });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      await p.up();
      const out = await p.outputs();
      expect(out.tags).toEqual({ env: "prod", team: "web" });
      const live = async () => (await eng.api.get<{ loadbalancer: Record<string, unknown> }>(`/loadbalancers/${String(out.id)}`)).loadbalancer;
      expect((await live()).tags).toEqual([
        { key: "env", value: "prod" },
        { key: "team", value: "web" },
      ]);

      p.writeProgram(program(`{ team: "web", env: "prod" }`, L7_SMALL));
      expect((await p.previewJson()).changeSummary).toEqual({ same: 2 });

      // One tag changed, one added: an update of `tags`, not a replacement.
      p.writeProgram(program(`{ team: "web", env: "dev", owner: "ops" }`, L7_SMALL));
      const retagged = stepsFor(await p.previewJson(), "lb");
      expect(retagged.map((s) => s.op)).toEqual(["update"]);
      expect(retagged[0].replaceReasons ?? []).toEqual([]);
      await p.up();
      const afterTags = await p.outputs();
      expect(afterTags.id).toBe(out.id);
      expect(afterTags.tags).toEqual({ team: "web", env: "dev", owner: "ops" });
      expect(eng.engine.context.model.ids("lb.project", eng.api.client.settings.projectId).size).toBe(1);
      expect(new Map(((await live()).tags as { key: string; value: string }[]).map((t) => [t.key, t.value]))).toEqual(new Map([["env", "dev"], ["team", "web"], ["owner", "ops"]]));

      // A flavor and a removed tag: one update, the PUT and the tag action.
      p.writeProgram(program(`{ team: "web", env: "dev" }`, L7_MEDIUM));
      const resized = await p.previewJson();
      expect(stepsFor(resized, "lb").map((s) => s.op)).toEqual(["update"]);
      await p.up();
      expect(await live()).toMatchObject({ id: out.id, l7_flavor_id: L7_MEDIUM, tags: [{ key: "env", value: "dev" }, { key: "team", value: "web" }] });
      await p.destroy();
    } finally {
      await p.cleanup();
      await eng.close();
    }
  });
});
