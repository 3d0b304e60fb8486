// Provider settings: where the ELB API is and how to authenticate, read from stack config
// (`elb:*`, delivered to the dynamic provider's `configure`) with environment fallbacks, so a
// stack pointed at a fresh local engine needs no configuration at all.
//
// Credentials live only in this object inside the provider process. They are never part of the
// serialized provider, never written to state, and hidden from JSON and `util.inspect`, so an
// accidental log line or error cannot print them.
import { inspect } from "node:util";
import { DEFAULT_ENDPOINT, DEFAULT_LOCAL_TOKEN, DEFAULT_PROJECT_ID } from "../defaults";

/** Ten minutes: how long one create, update or delete may take, retries and waits included. */
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

export interface Credentials {
  /** IAM token, sent as `X-Auth-Token`. */
  token?: string;
  /** AK/SK pair: requests are signed (SDK-HMAC-SHA256) instead of carrying a token. */
  accessKey?: string;
  secretKey?: string;
  /** Temporary (STS) credentials only. */
  securityToken?: string;
}

export interface ProviderSettings {
  /** Base URL of the ELB API, without the `/v3/...` path. */
  endpoint: string;
  projectId: string;
  region?: string;
  /** Deadline for one operation (create, update, delete, read), retries and waits included. */
  timeoutMs: number;
  readonly credentials: Credentials;
}

/** One setting: its stack config key (`elb:<name>`) and its environment fallback. */
const SOURCES = {
  endpoint: ["elb:endpoint", "ELB_ENDPOINT"],
  projectId: ["elb:projectId", "HW_PROJECT_ID"],
  region: ["elb:region", "HW_REGION_NAME"],
  token: ["elb:token", "HW_AUTH_TOKEN"],
  accessKey: ["elb:accessKey", "HW_ACCESS_KEY"],
  secretKey: ["elb:secretKey", "HW_SECRET_KEY"],
  securityToken: ["elb:securityToken", "HW_SECURITY_TOKEN"],
  timeout: ["elb:timeout", "ELB_TIMEOUT"],
} as const;

export type ConfigLookup = (key: string) => string | undefined;

/** Thrown for a setting that cannot be used; names the config key, never a credential's value. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/**
 * Parses a timeout: a bare number is seconds; `ms`, `s`, `m` and `h` suffixes are accepted
 * (`90s`, `10m`, `1.5h`).
 */
export function parseDuration(text: string, key: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new SettingsError(`${key}: ${JSON.stringify(text)} is not a duration, allowed seconds (600) or 90s, 10m, 1h.`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? "s") as "ms" | "s" | "m" | "h"];
  const ms = Math.round(Number(m[1]) * unit);
  if (ms <= 0) throw new SettingsError(`${key}: ${JSON.stringify(text)} must be longer than zero.`);
  return ms;
}

/**
 * Resolves settings from stack config (`config("elb:endpoint")`) and the environment. With
 * nothing set it talks to the local engine's default URL with the default project and token.
 */
export function resolveSettings(config: ConfigLookup, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const read = (name: keyof typeof SOURCES): string | undefined => {
    const [key, envName] = SOURCES[name];
    let value: unknown;
    try {
      value = config(key);
    } catch {
      // The provider host throws when it was never sent any config (no Configure call).
      value = undefined;
    }
    if (value === undefined || value === null || value === "") value = env[envName];
    return value === undefined || value === null || value === "" ? undefined : String(value);
  };

  const region = read("region");
  // A region alone names Huawei Cloud's public endpoint for it, as the Huawei SDKs do.
  const endpoint = (read("endpoint") ?? (region ? `https://elb.${region}.myhuaweicloud.com` : DEFAULT_ENDPOINT)).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new SettingsError(`elb:endpoint: ${JSON.stringify(endpoint)} is not a URL, expected e.g. ${DEFAULT_ENDPOINT}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SettingsError(`elb:endpoint: ${JSON.stringify(endpoint)} must use http or https.`);
  }
  if (url.username || url.password) {
    throw new SettingsError("elb:endpoint must not carry credentials; use elb:token or elb:accessKey/elb:secretKey.");
  }

  const projectId = read("projectId") ?? DEFAULT_PROJECT_ID;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(projectId)) {
    throw new SettingsError(`elb:projectId: ${JSON.stringify(projectId)} is not a project id, expected 32 lowercase letters and digits.`);
  }

  const accessKey = read("accessKey");
  const secretKey = read("secretKey");
  if ((accessKey === undefined) !== (secretKey === undefined)) {
    throw new SettingsError(
      accessKey === undefined ? "elb:secretKey is set but elb:accessKey is not; set both or neither." : "elb:accessKey is set but elb:secretKey is not; set both or neither.",
    );
  }
  const token = read("token");
  const credentials: Credentials =
    accessKey !== undefined
      ? { accessKey, secretKey, securityToken: read("securityToken") }
      : // No credentials at all: the local engine accepts any token in lenient mode (rule G7).
        { token: token ?? DEFAULT_LOCAL_TOKEN };

  const timeoutText = read("timeout");
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(timeoutText, "elb:timeout");

  return hideCredentials({ endpoint, projectId, region, timeoutMs, credentials });
}

/** Makes the credentials invisible to JSON.stringify, object spread and util.inspect. */
function hideCredentials(s: Omit<ProviderSettings, "credentials"> & { credentials: Credentials }): ProviderSettings {
  const { credentials, ...visible } = s;
  const out = { ...visible } as ProviderSettings;
  Object.defineProperty(out, "credentials", { value: Object.freeze({ ...credentials }), enumerable: false });
  Object.defineProperty(out, inspect.custom, {
    value: () => ({ ...visible, credentials: describeCredentials(credentials) }),
    enumerable: false,
  });
  return out;
}

/** What kind of credentials are configured, without any of their values. */
export function describeCredentials(c: Credentials): string {
  if (c.accessKey) return c.securityToken ? "AK/SK (temporary)" : "AK/SK";
  return c.token === DEFAULT_LOCAL_TOKEN ? "default local token" : "token";
}
