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
  const impl = requireFromRoot("pulumi-elb/dist/provider/resources/impl") as { run: (p: object, m: undefined, a: unknown[]) => Promise<unknown> };
  await impl.run({ kind: "loadbalancer", version: "" }, undefined, [
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
  it("stay under 2 KB", () => {
    for (const text of Object.values(texts)) expect(text.length).toBeLessThan(2048);
  });

  it("hold no absolute path and no secret", () => {
    for (const text of Object.values(texts)) {
      for (const local of [REPO_ROOT, os.tmpdir(), os.homedir()]) expect(text).not.toContain(local);
      // No quoted path that starts at a filesystem root.
      expect(text).not.toMatch(/["'`](\/|[A-Za-z]:\\)[^"'`]*["'`]/);
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    }
  });

  it("load the implementation by package name and carry the package version", () => {
    const version = (requireFromRoot("pulumi-elb/package.json") as { version: string }).version;
    for (const [kind, text] of Object.entries(texts)) {
      expect(text).toContain('"pulumi-elb/dist/provider/resources/impl"');
      expect(text).toContain(`kind: "${kind}"`);
      expect(text).toContain(`version: "${version}"`);
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
