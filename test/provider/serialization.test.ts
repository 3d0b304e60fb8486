// The provider text stored in every resource's state: small, no absolute path, no secret, and
// loadable by package name wherever the program runs.
import * as os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine, type TestEngine } from "./harness/engine";
import { ProviderHost } from "./harness/host";
import { REPO_ROOT, requireFromRoot } from "./harness/paths";
import { providerTexts, type ProviderKind } from "./harness/serialize";
import { TYPE } from "./harness/lifecycle";

const SECRETS = { token: "tok-3b1f9e2a-never-in-state", ak: "AKSERIALIZETEST00001", sk: "sk-serialize-test-secret-value" };

let texts: Record<ProviderKind, string>;
let eng: TestEngine;
let host: ProviderHost;

beforeAll(async () => {
  // Credentials present everywhere they could leak from: the environment and a configured
  // implementation in this very process, before the providers are serialized.
  process.env.HW_AUTH_TOKEN = SECRETS.token;
  const impl = requireFromRoot("pulumi-elb/dist/provider/resources/impl") as { run: (p: object, m: string, a: unknown[]) => Promise<unknown> };
  await impl.run({ kind: "loadbalancer" }, "configure", [
    { config: { get: (k: string) => ({ "elb:accessKey": SECRETS.ak, "elb:secretKey": SECRETS.sk })[k] } },
  ]);
  texts = await providerTexts();
  eng = await testEngine();
  host = await ProviderHost.start({ "elb:endpoint": eng.url });
});
afterAll(async () => {
  delete process.env.HW_AUTH_TOKEN;
  await host?.close();
  await eng?.close();
});

describe("serialized providers", () => {
  it("stay under 4 KB", () => {
    for (const text of Object.values(texts)) expect(text.length).toBeLessThan(4096);
  });

  it("hold no absolute path and no secret", () => {
    for (const text of Object.values(texts)) {
      for (const local of [REPO_ROOT, os.tmpdir(), os.homedir()]) expect(text).not.toContain(local);
      // No quoted path that starts at a filesystem root.
      expect(text).not.toMatch(/["'`](\/|[A-Za-z]:\\)[^"'`]*["'`]/);
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    }
  });

  it("load the implementation by package name, and name no package version", () => {
    const version = (requireFromRoot("pulumi-elb/package.json") as { version: string }).version;
    for (const [kind, text] of Object.entries(texts)) {
      expect(text).toContain('"pulumi-elb/dist/provider/resources/impl"');
      expect(text).toContain(`kind: "${kind}"`);
      expect(text).not.toContain(version);
      expect(text).not.toMatch(/require\("(?!pulumi-elb\/)/);
    }
  });

  it("are each accepted by the real provider host", async () => {
    for (const [kind, text] of Object.entries(texts) as [ProviderKind, string][]) {
      const res = await host.check(TYPE[kind], {}, { __provider: text });
      expect(res.inputs.__provider).toBe(text);
      expect(res.failures.length).toBeGreaterThan(0); // nothing given: the required inputs are missing
    }
  });
});

describe("calls through a deserialized provider", () => {
  type Provider = Record<string, (...a: unknown[]) => Promise<unknown>>;
  const requireFromString = requireFromRoot("require-from-string") as (code: string) => { handler(): Provider };
  const { providers } = requireFromRoot("pulumi-elb/dist/provider/resources/providers") as { providers: Record<ProviderKind, Provider> };
  const { serializeFunction } = requireFromRoot("@pulumi/pulumi/runtime/closure/serializeClosure") as {
    serializeFunction: (f: () => unknown, a: { allowSecrets: boolean }) => Promise<{ text: string }>;
  };
  const memberArgs = { poolId: "3f1e2d3c-4b5a-4968-8776-554433221100", address: "192.168.0.7", protocolPort: 80, subnetCidrId: "9d2e4f60-1a2b-4c3d-8e4f-000000000002" };

  it("answer as the package's own provider objects do", async () => {
    const copy = requireFromString(texts.member).handler();
    const args = { ...memberArgs, weight: 101, __provider: texts.member };
    const checked = (await copy.check({}, args)) as { failures: { property: string }[] };
    expect(checked).toEqual(await providers.member.check({}, args));
    expect(checked.failures.map((f) => f.property)).toEqual(["weight"]);
    expect(await copy.diff("id", { ...memberArgs, __provider: texts.member }, { ...memberArgs, address: "192.168.0.8", __provider: texts.member })).toMatchObject({ replaces: ["address"] });
  });

  it("a different provider text alone is no change (an upgrade, or a text an earlier version stored)", async () => {
    const copy = requireFromString(texts.member).handler();
    const olderText = texts.member.replace("kind:", "/* an earlier version */ kind:");
    // The outputs a member has: every field, defaults included.
    const outputs = { ...memberArgs, weight: 1, name: "", adminStateUp: true };
    expect(await copy.diff("id", { ...outputs, __provider: texts.member }, { ...memberArgs, __provider: texts.member })).toMatchObject({ changes: false, replaces: [] });
    expect(await copy.diff("id", { ...outputs, __provider: olderText }, { ...memberArgs, __provider: texts.member })).toMatchObject({ changes: false, replaces: [] });
  });

  it("never change the package's own provider objects, so the next serialization is the same text", async () => {
    // Named as dynamic.Resource names it: the variable's name is part of the text.
    const provider = providers.member;
    const before = { ...provider };
    await provider.check({}, { ...memberArgs, __provider: texts.member });
    expect({ ...provider }).toEqual(before);
    expect((await serializeFunction(() => provider, { allowSecrets: true })).text).toBe(texts.member);
  });
});

describe("provider settings in the provider host", () => {
  it("a bad setting fails every operation with its config key, and never falls back to the default endpoint", async () => {
    const bad = await ProviderHost.start({ "elb:endpoint": "ftp://elb.example" });
    try {
      const args = { name: "x", availabilityZoneList: ["local-1a"], vipSubnetCidrId: "9d2e4f60-1a2b-4c3d-8e4f-000000000001", __provider: texts.loadbalancer };
      for (let i = 0; i < 2; i++) await expect(bad.create("LoadBalancer", args)).rejects.toThrow(/elb:endpoint: "ftp:\/\/elb\.example" must use http or https/);
    } finally {
      await bad.close();
    }
  });
});
