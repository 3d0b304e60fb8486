// Engine-side authentication (rule G7): X-Auth-Token or an SDK-HMAC-SHA256 AK/SK signature.
//
// Two modes:
// - lenient (no credentials file): any non-empty X-Auth-Token, or a well-formed SDK-HMAC-SHA256
//   Authorization plus an X-Sdk-Date, is accepted unchecked, so any SDK configuration works offline;
// - strict (credentials file): the signature is recomputed from the request as received
//   (shared/reference/signing.md §4) with the canonicalisation in signing/index.ts, tokens are
//   checked against the list, and keys/tokens are limited to the projects they are granted.
//
// Error codes (Huawei API Gateway's, as a client of the real service sees them), from the one
// error catalogue (spec/errors.ts):
// - 401 APIGW.0301 "Incorrect IAM authentication information": no credentials at all, a malformed
//   Authorization or X-Sdk-Date, an unknown AK, a missing signed header, a wrong signature, an AK
//   locked after repeated wrong signatures, an X-Auth-Token that is not in the list.
// - 401 APIGW.0303 signature expired: X-Sdk-Date more than 15 minutes from the engine clock
//   (the code and wording signing.md §2.3 reports for the gateway).
// - 403 APIGW.0302 "The IAM user is not authorized to access the API": a valid key or token used
//   on a project (path or X-Project-Id) it is not granted.
// Messages never contain the SK, a token, or the expected signature: they end up in response
// bodies and logs.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Clock } from "./clock";
import { errors, type ElbError } from "../spec/errors";
import {
  canonicalRequest,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  SDK_SIGNING_ALGORITHM,
  sha256Hex,
  stringToSign,
} from "../signing";

/** G7: how far X-Sdk-Date may be from the engine clock, either way (Huawei: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** Consecutive wrong signatures that lock an AK (Huawei FAQ: lock after repeated failures). */
export const LOCKOUT_THRESHOLD = 5;
/** How long a locked AK stays locked. */
export const LOCKOUT_MS = 5 * 60 * 1000;

const nonEmptyString = (what: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `is required (${what})` : `must be a string (${what})`) })
    .min(1, { error: `must not be empty (${what})` });

const projectList = z
  .array(nonEmptyString("a project id"), {
    error: (issue) => (issue.input === undefined ? "is required (a list of project ids)" : "must be a list of project ids"),
  })
  .min(1, { error: "must name at least one project id" });

export const credentialsSchema = z
  .strictObject(
    {
      accessKeys: z
        .array(
          z.strictObject({ ak: nonEmptyString("the access key id"), sk: nonEmptyString("the secret key"), projects: projectList }),
          { error: "must be a list of {ak, sk, projects} objects" },
        )
        .default([]),
      tokens: z
        .array(
          z.strictObject({
            token: nonEmptyString("the token"),
            // Logs and the console show this instead of the token, which is a secret.
            name: nonEmptyString("a name for the token, shown instead of it").optional(),
            projects: projectList,
          }),
          { error: "must be a list of {token, name?, projects} objects" },
        )
        .default([]),
    },
    {
      // Only the wrong-type case gets this wording; unknown keys keep zod's "Unrecognized key" message.
      error: (issue) => (issue.code === "invalid_type" ? 'must be an object {"accessKeys": [...], "tokens": [...]}' : undefined),
    },
  )
  .superRefine((creds, ctx) => {
    // A repeated AK or token would make "which projects may it use" ambiguous.
    const firstAk = new Map<string, number>();
    creds.accessKeys.forEach((key, i) => {
      const first = firstAk.get(key.ak);
      if (first === undefined) firstAk.set(key.ak, i);
      else ctx.addIssue({ code: "custom", path: ["accessKeys", i, "ak"], message: `duplicates accessKeys[${first}].ak (${key.ak})` });
    });
    const firstToken = new Map<string, number>();
    creds.tokens.forEach((entry, i) => {
      const first = firstToken.get(entry.token);
      // The token itself is a secret, so the message points at the other entry instead of quoting it.
      if (first === undefined) firstToken.set(entry.token, i);
      else ctx.addIssue({ code: "custom", path: ["tokens", i, "token"], message: `duplicates tokens[${first}].token` });
    });
  });

export type Credentials = z.output<typeof credentialsSchema>;

/**
 * Validates a parsed credentials file. Throws an Error listing every problem as `field: problem`
 * (for example `accessKeys[0].sk: is required (the secret key)`); values are never echoed.
 */
export function loadCredentials(json: unknown): Credentials {
  const result = credentialsSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new Error(`invalid credentials file: ${problems.join("; ")}`);
}

export interface AuthRequest {
  method: string;
  /** Path and query exactly as received on the wire (node's `req.url`). */
  rawUrl: string;
  /** node's IncomingHttpHeaders: lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The project id taken from the path, or null for paths without one. */
  projectId: string | null;
}

/** A refusal names the principal when it was one the engine knows (a key or token not granted the project). */
export type AuthResult = { ok: true; principal: string } | { ok: false; error: ElbError; principal?: string };

/** What the console's sign-in form sends. */
export type SignInCredential = { token: string } | { accessKey: string; secretKey: string };
export type SignInResult = { ok: true; principal: string; projects: ReadonlySet<string> } | { ok: false; error: ElbError };

interface KeyEntry {
  secretKey: Buffer;
  projects: ReadonlySet<string>;
}

interface TokenEntry {
  digest: Buffer;
  /** What a principal shows of the token: its name, or a fingerprint when it has none. */
  label: string;
  projects: ReadonlySet<string>;
}

interface FailureState {
  consecutive: number;
  lockedUntil: number | null;
}

export class Authenticator {
  private readonly keys: Map<string, KeyEntry> | null;
  private readonly tokens: TokenEntry[];
  private readonly clock: Clock;
  private readonly failures = new Map<string, FailureState>();

  constructor(options: { credentials?: Credentials; clock: Clock }) {
    this.clock = options.clock;
    const creds = options.credentials;
    this.keys = creds ? new Map(creds.accessKeys.map((k) => [k.ak, { secretKey: Buffer.from(k.sk, "utf8"), projects: new Set(k.projects) }])) : null;
    this.tokens = (creds?.tokens ?? []).map((t) => ({
      digest: sha256(t.token),
      label: t.name ?? tokenFingerprint(t.token),
      projects: new Set(t.projects),
    }));
  }

  /** True when a credentials file was given: signatures and tokens are verified. */
  get strict(): boolean {
    return this.keys !== null;
  }

  authenticate(req: AuthRequest): AuthResult {
    const authorization = header(req.headers, "authorization");
    const token = header(req.headers, "x-auth-token")?.trim() || undefined;
    const sdkDate = header(req.headers, "x-sdk-date")?.trim() || undefined;
    // A signature takes precedence over a token when both are sent: the SDK never sends both, and
    // verifying the stronger credential means a bad signature is never masked by a token.
    const signed = authorization !== undefined && authorization.trim().startsWith(SDK_SIGNING_ALGORITHM);

    if (this.keys === null) return this.lenient(authorization, token, sdkDate);
    if (signed) return this.verifySignature(req, authorization, sdkDate, this.keys);
    if (token !== undefined) return this.verifyToken(req, token);
    if (authorization !== undefined && authorization.trim() !== "") {
      return unauthenticated(`unsupported Authorization scheme; expected ${SDK_SIGNING_ALGORITHM} or an X-Auth-Token header`);
    }
    return unauthenticated("the request carries neither an X-Auth-Token nor an SDK-HMAC-SHA256 signature");
  }

  /** Clients send the same token on every request; hashing it once keeps SHA-256 off the hot path. */
  private lastToken: { token: string; fingerprint: string } | undefined;
  private fingerprintOf(token: string): string {
    if (this.lastToken?.token !== token) this.lastToken = { token, fingerprint: tokenFingerprint(token) };
    return this.lastToken.fingerprint;
  }

  private lenient(authorization: string | undefined, token: string | undefined, sdkDate: string | undefined): AuthResult {
    const parsed = authorization === undefined ? null : parseAuthorization(authorization);
    if (parsed && sdkDate !== undefined) return { ok: true, principal: `ak:${parsed.accessKey}` };
    if (token !== undefined) return { ok: true, principal: `token:${this.fingerprintOf(token)}` };
    if (parsed) return unauthenticated("an SDK-HMAC-SHA256 signature needs an X-Sdk-Date header");
    if (authorization !== undefined && authorization.trim() !== "") {
      return unauthenticated(`Authorization is not a well-formed ${SDK_SIGNING_ALGORITHM} header (Access=..., SignedHeaders=..., Signature=<64 hex>)`);
    }
    return unauthenticated("the request carries neither an X-Auth-Token nor an SDK-HMAC-SHA256 signature");
  }

  private verifySignature(req: AuthRequest, authorization: string, sdkDate: string | undefined, keys: Map<string, KeyEntry>): AuthResult {
    const parsed = parseAuthorization(authorization);
    if (!parsed) {
      return unauthenticated(`Authorization is not a well-formed ${SDK_SIGNING_ALGORITHM} header (Access=..., SignedHeaders=..., Signature=<64 hex>)`);
    }
    const { accessKey } = parsed;
    const key = keys.get(accessKey);
    // Only a prefix of an unknown key is echoed: a user who swapped access and secret key in
    // their config would otherwise see (and log) the secret key in this message.
    if (!key) return unauthenticated(`Get secretKey failed: ak ${accessKey.slice(0, 4)}… (${accessKey.length} characters) does not exist`);

    // Checked before the signature so a locked AK cannot be probed; a correct signature is refused too.
    const now = this.clock.now();
    const locked = this.lockOf(accessKey, now);
    if (locked) return locked;

    if (sdkDate === undefined) return unauthenticated("an SDK-HMAC-SHA256 signature needs an X-Sdk-Date header");
    const signedAt = parseSdkDate(sdkDate);
    if (signedAt === null) return unauthenticated(`X-Sdk-Date "${sdkDate}" is not a UTC time in the form YYYYMMDDTHHMMSSZ`);
    if (Math.abs(now - signedAt) > MAX_CLOCK_SKEW_MS) {
      return { ok: false, error: errors.signatureExpired(sdkDate, formatSdkDate(new Date(now))) };
    }
    // signing.md §4 step 2: without these two, a signature could be replayed to another host or
    // be detached from the date that limits its lifetime.
    for (const required of ["host", "x-sdk-date"]) {
      if (!parsed.signedHeaders.includes(required)) return unauthenticated(`SignedHeaders must include ${required}`);
    }
    const headerLines: [string, string][] = [];
    for (const name of parsed.signedHeaders) {
      const value = header(req.headers, name.toLowerCase());
      if (value === undefined) return unauthenticated(`signed header ${name} is missing from the request`);
      headerLines.push([name, value]);
    }

    // The SDK substitutes X-Sdk-Content-Sha256 (e.g. UNSIGNED-PAYLOAD) for the body hash (§4 step 6).
    // Adding it to someone else's request detaches nothing: the signature covers the hash line, so
    // it only verifies if the signer used the same substitute.
    const contentSha = header(req.headers, "x-sdk-content-sha256")?.trim();
    const queryAt = req.rawUrl.indexOf("?");
    const canonical = canonicalRequest({
      method: req.method,
      rawPath: pathOf(queryAt < 0 ? req.rawUrl : req.rawUrl.slice(0, queryAt)),
      rawQuery: queryAt < 0 ? "" : req.rawUrl.slice(queryAt + 1),
      headers: headerLines,
      payloadHash: contentSha ?? sha256Hex(req.body),
    });
    const expected = createHmac("sha256", key.secretKey).update(stringToSign(sdkDate, canonical)).digest();
    // parseAuthorization guarantees 64 hex characters, so both sides are 32-byte digests.
    if (!timingSafeEqual(expected, Buffer.from(parsed.signature, "hex"))) {
      // Only a wrong signature counts toward the lock: it is the one failure that tests a guess
      // at the SK. A stale date or a missing header says nothing about the key.
      return unauthenticated(`verify aksk signature fail${this.countWrongSecret(accessKey, now)}`);
    }
    this.failures.delete(accessKey);
    return this.checkProjects(req, `ak:${accessKey}`, key.projects);
  }

  /**
   * The console's sign-in (strict mode): a listed token, or an access key with its secret key.
   * Nothing of the secret is kept. A wrong secret key counts toward the key's lockout as a wrong
   * signature does, and a locked key is refused, so signing in is no easier way to guess one.
   */
  signIn(credential: SignInCredential): SignInResult {
    if (this.keys === null) return { ok: false, error: errors.unauthenticated("the engine is lenient: there is nothing to sign in to") };
    if ("token" in credential) {
      const match = this.matchToken(credential.token);
      if (!match) return { ok: false, error: errors.unauthenticated("the token is not valid") };
      return { ok: true, principal: `token:${match.label}`, projects: match.projects };
    }
    const { accessKey, secretKey } = credential;
    const key = this.keys.get(accessKey);
    if (!key) return { ok: false, error: errors.unauthenticated(`ak ${accessKey.slice(0, 4)}… (${accessKey.length} characters) does not exist`) };
    const now = this.clock.now();
    const locked = this.lockOf(accessKey, now);
    if (locked) return locked;
    // Digests of equal length, so the comparison takes the same time whatever was typed.
    if (!timingSafeEqual(sha256(secretKey), createHash("sha256").update(key.secretKey).digest())) {
      return { ok: false, error: errors.unauthenticated(`the secret key does not match ak ${accessKey}${this.countWrongSecret(accessKey, now)}`) };
    }
    this.failures.delete(accessKey);
    return { ok: true, principal: `ak:${accessKey}`, projects: key.projects };
  }

  /** The refusal for a locked AK, or undefined; a lock that has run out is cleared. */
  private lockOf(accessKey: string, now: number): { ok: false; error: ElbError } | undefined {
    const lockedUntil = this.failures.get(accessKey)?.lockedUntil ?? null;
    if (lockedUntil === null) return undefined;
    if (now < lockedUntil) {
      const seconds = Math.ceil((lockedUntil - now) / 1000);
      return { ok: false, error: errors.unauthenticated(`ak ${accessKey} is locked for ${seconds} more seconds after ${LOCKOUT_THRESHOLD} consecutive signature failures`) };
    }
    // The lock has run out: the AK starts again with a clean count.
    this.failures.delete(accessKey);
    return undefined;
  }

  /** Counts a wrong secret against the AK; returns what to add to the message when that locks it. */
  private countWrongSecret(accessKey: string, now: number): string {
    const failures = (this.failures.get(accessKey)?.consecutive ?? 0) + 1;
    const locked = failures >= LOCKOUT_THRESHOLD;
    this.failures.set(accessKey, { consecutive: failures, lockedUntil: locked ? now + LOCKOUT_MS : null });
    return locked ? `; ak ${accessKey} is now locked for ${LOCKOUT_MS / 60000} minutes after ${LOCKOUT_THRESHOLD} consecutive failures` : "";
  }

  private matchToken(token: string): TokenEntry | undefined {
    const digest = sha256(token);
    // Compare against every configured token without stopping at a match, so the time taken does
    // not reveal how many tokens there are before the right one.
    let match: TokenEntry | undefined;
    for (const entry of this.tokens) {
      if (timingSafeEqual(entry.digest, digest) && match === undefined) match = entry;
    }
    return match;
  }

  private verifyToken(req: AuthRequest, token: string): AuthResult {
    const match = this.matchToken(token);
    if (!match) return unauthenticated("the X-Auth-Token is not valid");
    return this.checkProjects(req, `token:${match.label}`, match.projects);
  }

  private checkProjects(req: AuthRequest, principal: string, granted: ReadonlySet<string>): AuthResult {
    // Both the path's project and X-Project-Id (which the SDK signs) must be granted, so a key
    // cannot reach a project through either one.
    const headerProject = header(req.headers, "x-project-id")?.trim() || null;
    for (const project of [req.projectId, headerProject]) {
      if (project !== null && !granted.has(project)) return { ok: false, error: errors.forbiddenProject(principal, project), principal };
    }
    return { ok: true, principal };
  }
}

function unauthenticated(detail: string): AuthResult {
  return { ok: false, error: errors.unauthenticated(detail) };
}

/** A header as one string: node gives repeated headers as an array (or pre-joined with ", "). */
function header(headers: AuthRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

// node passes an absolute-form request target (`GET http://host/path`) through verbatim; the
// signature covers only the path, as it does for the usual origin-form target.
function pathOf(target: string): string {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(target);
  return absolute ? target.slice(absolute[0].length) : target;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

// A short, non-reversible name for a token, so principals and logs can tell tokens apart
// without carrying the secret.
function tokenFingerprint(token: string): string {
  return sha256(token).toString("hex").slice(0, 12);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(file)";
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}
