// Provider settings: stack config first, then the environment, then the local engine defaults.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { resolveSettings, parseDuration, DEFAULT_TIMEOUT_MS } from "../../provider/client/settings";
import { DEFAULT_ENDPOINT, DEFAULT_LOCAL_TOKEN, DEFAULT_PROJECT_ID } from "../../provider/defaults";

const config = (values: Record<string, string>) => (key: string) => values[key];

describe("resolveSettings", () => {
  it("needs nothing to talk to a fresh local engine", () => {
    const s = resolveSettings(config({}), {});
    expect(s).toMatchObject({ endpoint: DEFAULT_ENDPOINT, projectId: DEFAULT_PROJECT_ID, timeoutMs: DEFAULT_TIMEOUT_MS });
    expect(s.credentials).toEqual({ token: DEFAULT_LOCAL_TOKEN });
  });

  it("takes stack config over the environment, and the environment over defaults", () => {
    const env = { ELB_ENDPOINT: "http://env:1", HW_PROJECT_ID: "envproject", HW_AUTH_TOKEN: "env-token", ELB_TIMEOUT: "30" };
    expect(resolveSettings(config({}), env)).toMatchObject({ endpoint: "http://env:1", projectId: "envproject", timeoutMs: 30_000 });
    const s = resolveSettings(config({ "elb:endpoint": "http://cfg:2/", "elb:projectId": "cfgproject", "elb:token": "cfg-token", "elb:timeout": "2m" }), env);
    expect(s).toMatchObject({ endpoint: "http://cfg:2", projectId: "cfgproject", timeoutMs: 120_000 });
    expect(s.credentials.token).toBe("cfg-token");
  });

  it("signs with AK/SK when both are set, and names Huawei's endpoint from a region alone", () => {
    const s = resolveSettings(config({ "elb:accessKey": "AK1", "elb:secretKey": "SK1", "elb:region": "ap-southeast-1" }), { HW_SECURITY_TOKEN: "sts" });
    expect(s.endpoint).toBe("https://elb.ap-southeast-1.myhuaweicloud.com");
    expect(s.credentials).toEqual({ accessKey: "AK1", secretKey: "SK1", securityToken: "sts" });
  });

  it("refuses unusable settings with the config key in the message", () => {
    expect(() => resolveSettings(config({ "elb:endpoint": "ftp://x" }), {})).toThrow(/elb:endpoint: "ftp:\/\/x" must use http or https/);
    expect(() => resolveSettings(config({ "elb:endpoint": "http://user:pw@x" }), {})).toThrow(/must not carry credentials/);
    expect(() => resolveSettings(config({ "elb:accessKey": "AK1" }), {})).toThrow(/elb:accessKey is set but elb:secretKey is not/);
    expect(() => resolveSettings(config({ "elb:timeout": "soon" }), {})).toThrow(/elb:timeout: "soon" is not a duration/);
    expect(() => resolveSettings(config({ "elb:projectId": "a/b" }), {})).toThrow(/elb:projectId/);
  });

  it("tolerates a provider host that was never sent any config", () => {
    const throwing = () => {
      throw new TypeError("Cannot read properties of undefined");
    };
    expect(resolveSettings(throwing, { ELB_ENDPOINT: "http://e:3" }).endpoint).toBe("http://e:3");
  });

  it("never shows credentials in JSON, spreads or util.inspect", () => {
    const s = resolveSettings(config({ "elb:accessKey": "AK-VISIBLE-NOT", "elb:secretKey": "SK-VISIBLE-NOT", "elb:token": "TOKEN-VISIBLE-NOT" }), {});
    for (const shown of [JSON.stringify(s), JSON.stringify({ ...s }), inspect(s, { depth: 5 }), String(Object.values(s))]) {
      expect(shown).not.toMatch(/VISIBLE-NOT/);
    }
    expect(inspect(s)).toMatch(/AK\/SK/);
  });
});

describe("parseDuration", () => {
  it("reads seconds and suffixed durations", () => {
    expect(parseDuration("600", "k")).toBe(600_000);
    expect(parseDuration("1.5h", "k")).toBe(5_400_000);
    expect(parseDuration("250ms", "k")).toBe(250);
    expect(() => parseDuration("0", "elb:timeout")).toThrow(/longer than zero/);
  });
});
