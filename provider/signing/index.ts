// Huawei Cloud AK/SK request signing (SDK-HMAC-SHA256), as done by the official SDK's
// `AKSKSigner` (see shared/reference/signing.md §2). This module is the single definition of
// the scheme, in a module of its own that both layers import: the client signs with
// `signRequest`, and the engine's verifier (engine/auth.ts, G7) rebuilds the canonical request
// with the same helpers from what it received on the wire.
//
// Both sides canonicalise the request *as it travels on the wire* (decode each path segment and
// query component, then re-encode with the RFC 3986 unreserved-only rule). That is what lets the
// verifier accept the SDK's own traffic despite the quirks listed in signing.md §2.7: axios leaves
// `'*()!` unescaped on the wire while the signer escapes them, and array values arrive in
// whatever order the client chose.
import { createHash, createHmac } from "node:crypto";

export const SDK_SIGNING_ALGORITHM = "SDK-HMAC-SHA256";

/** Hex SHA-256 of the empty body: what a GET/DELETE without a body signs (signing.md §2.2). */
export const EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface SignableRequest {
  method: string;
  /** Absolute URL including the query, exactly as it will be requested. */
  url: string;
  /** Headers the caller will send; all of them are signed except the ones listed in UNSIGNED_HEADERS. */
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

export interface SigningCredentials {
  accessKey: string;
  secretKey: string;
  /** Temporary (STS) credentials only: sent, and signed, as X-Security-Token. */
  securityToken?: string;
  /** Sent, and signed, as X-Project-Id, like the SDK's BasicCredentials.projectId (signing.md §2.5). */
  projectId?: string;
}

// Headers never signed even when the caller passes them. Authorization is the output; the rest are
// hop-by-hop or framing headers that HTTP stacks and proxies add, drop or rewrite (a body sent
// chunked loses Content-Length), so signing them would make valid requests fail verification.
// The SDK likewise adds Content-Length and Connection only after signing (signing.md §2.4).
const UNSIGNED_HEADERS = new Set([
  "authorization",
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "content-length",
]);

/**
 * Signs a request the way the Huawei SDK does and returns the headers to add to it:
 * `X-Sdk-Date`, `Host`, `X-Project-Id` (when `cred.projectId` is set), `X-Security-Token` (when
 * `cred.securityToken` is set) and `Authorization`.
 *
 * Merge them over the request's own headers case-insensitively (they replace any caller header of
 * the same name). `Host` is signed, so it is returned; HTTP clients derive the same value from the
 * URL, so sending it is harmless and optional. Send the URL's path and query exactly as given and
 * the body bytes unchanged: they are what the signature covers.
 */
export function signRequest(
  req: SignableRequest,
  cred: SigningCredentials,
  now: Date,
): Record<string, string> {
  const url = new URL(req.url);
  const sdkDate = formatSdkDate(now);

  const signed = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (!UNSIGNED_HEADERS.has(lower)) signed.set(lower, value);
  }
  // URL.host drops a default port, as HTTP clients do when they write the Host header; a caller
  // who sets Host explicitly sends that value instead, so that is the one to sign.
  const host = signed.get("host") ?? url.host;
  signed.set("host", host);
  signed.set("x-sdk-date", sdkDate);
  if (cred.projectId !== undefined) signed.set("x-project-id", cred.projectId);
  if (cred.securityToken !== undefined) signed.set("x-security-token", cred.securityToken);

  const names = [...signed.keys()].sort();
  // The SDK lets X-Sdk-Content-Sha256 (e.g. UNSIGNED-PAYLOAD for uploads) stand in for the body hash.
  const payloadHash = signed.get("x-sdk-content-sha256")?.trim() ?? sha256Hex(req.body);
  const creq = canonicalRequest({
    method: req.method,
    rawPath: url.pathname,
    rawQuery: url.search.slice(1),
    headers: names.map((n) => [n, signed.get(n)!] as const),
    payloadHash,
  });
  const signature = computeSignature(cred.secretKey, sdkDate, creq);

  const out: Record<string, string> = { "X-Sdk-Date": sdkDate, Host: host };
  if (cred.projectId !== undefined) out["X-Project-Id"] = cred.projectId;
  if (cred.securityToken !== undefined) out["X-Security-Token"] = cred.securityToken;
  out.Authorization = formatAuthorization(cred.accessKey, names, signature);
  return out;
}

export interface CanonicalRequestParts {
  method: string;
  /** The path as sent on the wire (percent-encoded), without the query. */
  rawPath: string;
  /** The query as sent on the wire, without the leading `?`. */
  rawQuery: string;
  /** The signed headers in SignedHeaders order: names as listed there, values as sent. */
  headers: ReadonlyArray<readonly [name: string, value: string]>;
  /** Lower-case hex SHA-256 of the body, or the X-Sdk-Content-Sha256 value. */
  payloadHash: string;
}

/** The six-line canonical request of signing.md §2.2. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.rawPath),
    canonicalQueryString(parts.rawQuery),
    // Each header line ends in "\n", so an empty line separates them from SignedHeaders.
    parts.headers.map(([name, value]) => `${name}:${value.trim()}\n`).join(""),
    parts.headers.map(([name]) => name).join(";"),
    parts.payloadHash,
  ].join("\n");
}

/**
 * Each segment decoded then re-encoded, and a trailing `/` added: the SDK signs
 * `/v3/{pid}/elb/loadbalancers/` for a request sent as `/v3/{pid}/elb/loadbalancers`.
 */
export function canonicalUri(rawPath: string): string {
  const uri = rawPath
    .split("/")
    .map((segment) => encodeRfc3986(decodeLenient(segment)))
    .join("/");
  return uri.endsWith("/") ? uri : `${uri}/`;
}

/**
 * Pairs decoded, sorted by name then value on the *decoded* strings (sorting after encoding would
 * put `%E4…` ahead of `b…`), then encoded and joined. A name without `=` has an empty value.
 * `+` means a space, as in URLSearchParams (which serialises spaces that way) and the engine's
 * router; the canonical form always writes a space as `%20`.
 */
export function canonicalQueryString(rawQuery: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    pairs.push([decodeQueryComponent(name), decodeQueryComponent(value)]);
  }
  // Code-unit order, i.e. JavaScript's default string order, which is what the SDK's sort() uses.
  pairs.sort(([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv));
  return pairs.map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`).join("&");
}

/** Percent-encodes every UTF-8 byte except the RFC 3986 unreserved characters, with upper-case hex. */
export function encodeRfc3986(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const unreserved =
      (byte >= 0x41 && byte <= 0x5a) || // A-Z
      (byte >= 0x61 && byte <= 0x7a) || // a-z
      (byte >= 0x30 && byte <= 0x39) || // 0-9
      byte === 0x2d || // -
      byte === 0x5f || // _
      byte === 0x2e || // .
      byte === 0x7e; // ~
    out += unreserved ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

export function sha256Hex(body: string | Uint8Array | undefined): string {
  return createHash("sha256")
    .update(body ?? "")
    .digest("hex");
}

/** StringToSign of signing.md §2.3; the date is the X-Sdk-Date header value verbatim. */
export function stringToSign(sdkDate: string, canonical: string): string {
  return `${SDK_SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Lower-case hex HMAC-SHA256 of the string to sign, keyed with the SK's UTF-8 bytes. */
export function computeSignature(secretKey: string | Uint8Array, sdkDate: string, canonical: string): string {
  return createHmac("sha256", secretKey).update(stringToSign(sdkDate, canonical)).digest("hex");
}

export function formatAuthorization(accessKey: string, signedHeaders: readonly string[], signature: string): string {
  return `${SDK_SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
}

export interface ParsedAuthorization {
  accessKey: string;
  /** Names as listed, in the order listed: the canonical request uses them verbatim. */
  signedHeaders: string[];
  /** 64 lower-case hex characters. */
  signature: string;
}

// signing.md §4 step 1. The older `Credential=AK/date/region/...` form (§2.6) deliberately does
// not match: the current SDK never sends it.
const AUTHORIZATION_PATTERN =
  /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/** Parses an `Authorization: SDK-HMAC-SHA256 ...` value; null when it is not in that exact form. */
export function parseAuthorization(value: string): ParsedAuthorization | null {
  const match = AUTHORIZATION_PATTERN.exec(value.trim());
  if (!match) return null;
  const signedHeaders = match[2]!.split(";");
  if (signedHeaders.some((name) => name === "")) return null;
  return { accessKey: match[1]!, signedHeaders, signature: match[3]! };
}

/** X-Sdk-Date format: UTC, `YYYYMMDD'T'HHMMSS'Z'`. */
export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** Milliseconds since the epoch for a well-formed X-Sdk-Date, or null (including impossible dates like month 13). */
export function parseSdkDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls over out-of-range fields; formatting back exposes that.
  return formatSdkDate(new Date(ms)) === value ? ms : null;
}

function decodeQueryComponent(text: string): string {
  return decodeLenient(text.replace(/\+/g, " "));
}

// A malformed escape (`%zz`, a truncated UTF-8 sequence) is kept literally rather than refused:
// client and verifier both run this, so they agree, and its `%` is re-encoded as `%25`.
function decodeLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
