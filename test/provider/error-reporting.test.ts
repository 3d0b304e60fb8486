// What a failed operation hands the provider host, which prints a failed read's or delete's
// stack beside its message: a refusal by the API names the operation and the object and carries
// no stack frames; a programming error keeps its frames.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NET, testEngine, type TestEngine } from "./harness/engine";
import { requireFromRoot } from "./harness/paths";

type Run = (provider: { kind: string }, method: string, args: unknown[]) => Promise<unknown>;
const { run } = requireFromRoot("pulumi-elb/dist/provider/resources/impl") as { run: Run };

let eng: TestEngine;
beforeAll(async () => {
  eng = await testEngine();
  await run({ kind: "loadbalancer" }, "configure", [{ config: { get: (k: string) => (k === "elb:endpoint" ? eng.url : undefined) } }]);
});
afterAll(() => eng?.close());

const failure = async (p: Promise<unknown>): Promise<Error> => {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a failure");
};

describe("errors from provider operations", () => {
  it("an API refusal names the operation and object, with no stack frames", async () => {
    const lb = (await eng.api.post<{ loadbalancer: { id: string } }>("/loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateSubnetA } })).loadbalancer;
    await eng.api.post("/pools", { pool: { loadbalancer_id: lb.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } });
    const e = await failure(run({ kind: "loadbalancer" }, "delete", [lb.id, {}]));
    expect(e.message).toMatch(new RegExp(`^deleting load balancer ${lb.id}: .*still has pool`));
    expect(e.stack).toBe(`${e.name}: ${e.message}`);
  });

  it("a programming error keeps its frames", async () => {
    // A member set read with no state at all: the implementation trips over the missing value.
    const e = await failure(run({ kind: "memberset" }, "read", [undefined, undefined]));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.stack).toMatch(/\n\s+at /);
  });
});
