// Engine-side authentication (G7): credentials file validation, lenient and strict modes, every
// rejection, project grants, and the AK lockout, timed with FakeClock instead of sleeping.
import { describe, expect, it } from "vitest";
import { signRequest, type SigningCredentials } from "../../provider/signing";
import {
  Authenticator,
  type AuthRequest,
  type AuthResult,
  type Credentials,
  LOCKOUT_MS,
  loadCredentials,
  MAX_CLOCK_SKEW_MS,
} from "../../provider/engine/auth";
import { FakeClock } from "../../provider/engine/clock";

const PID = "0123456789abcdef0123456789abcdef";
const OTHER_PID = "fedcba9876543210fedcba9876543210";
const AK = "TESTAK1234567890ABCD";
const SK = "testSecretKey0123456789abcdefghijklmnopqr";
const AK2 = "SECONDAK000000000000";
const SK2 = "secondSecretKey-zzzzzzzzzzzzzzzzzzzzzzzz";
const TOKEN = "MIIEhQYJKoZIhvcNAQcCoIIEdjCCBHICAQExDTALBglghkgBZQMEAgEwggLX-token";
const ENDPOINT = "http://127.0.0.1:18080";
const LB_PATH = `/v3/${PID}/elb/loadbalancers`;
const BODY = '{"loadbalancer":{"name":"lb1","vpc_id":"vpc-1","availability_zone_list":["cn-north-4a"]}}';

const CREDENTIALS: Credentials = {
  accessKeys: [
    { ak: AK, sk: SK, projects: [PID] },
    { ak: AK2, sk: SK2, projects: [PID, OTHER_PID] },
  ],
  tokens: [{ token: TOKEN, projects: [PID] }],
};
const KEY: SigningCredentials = { accessKey: AK, secretKey: SK, projectId: PID };

interface Wire {
  method?: string;
  /** Path and query as sent. */
  target?: string;
  body?: string;
  cred?: SigningCredentials;
  /** When the client signed; defaults to the clock's now. */
  signedAt?: number;
  projectId?: string | null;
}

/** A request as node's http server would hand it to the engine, signed by the client module. */
function signed(clock: FakeClock, wire: Wire = {}): AuthRequest {
  const method = wire.method ?? "POST";
  const target = wire.target ?? LB_PATH;
  const body = wire.body ?? (method === "POST" ? BODY : undefined);
  const base = { "Content-Type": "application/json" };
  const added = signRequest(
    { method, url: ENDPOINT + target, headers: base, body },
    wire.cred ?? KEY,
    new Date(wire.signedAt ?? clock.now()),
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...base, ...added })) headers[name.toLowerCase()] = value;
  return { method, rawUrl: target, headers, body: Buffer.from(body ?? ""), projectId: wire.projectId === undefined ? PID : wire.projectId };
}

function unsigned(headers: Record<string, string>, projectId: string | null = PID): AuthRequest {
  return { method: "GET", rawUrl: LB_PATH, headers, body: Buffer.alloc(0), projectId };
}

function strict(clock = new FakeClock()) {
  return { clock, auth: new Authenticator({ credentials: CREDENTIALS, clock }) };
}

function expectRejected(result: AuthResult, status: 401 | 403, code: string): string {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("unreachable");
  expect({ status: result.error.status, code: result.error.code }).toEqual({ status, code });
  return result.error.message;
}

/** The signature the engine would have expected for this (tampered) request: must never be disclosed. */
function signatureFor(req: AuthRequest): string {
  return /Signature=([0-9a-f]{64})/.exec(req.headers.authorization as string)![1]!;
}

describe("loadCredentials", () => {
  it("G7: accepts the documented credentials file format", () => {
    const file = { accessKeys: [{ ak: AK, sk: SK, projects: [PID] }], tokens: [{ token: TOKEN, projects: [PID, OTHER_PID] }] };
    expect(loadCredentials(file)).toEqual(file);
    expect(loadCredentials({ tokens: [{ token: TOKEN, projects: [PID] }] })).toEqual({ accessKeys: [], tokens: [{ token: TOKEN, projects: [PID] }] });
  });

  it("G7: names the bad field in every error", () => {
    const cases: [unknown, string][] = [
      [null, '(file): must be an object {"accessKeys": [...], "tokens": [...]}'],
      [{ accessKeys: "x" }, "accessKeys: must be a list of {ak, sk, projects} objects"],
      [{ accessKeys: [{ ak: AK, projects: [PID] }] }, "accessKeys[0].sk: is required (the secret key)"],
      [{ accessKeys: [{ ak: AK, sk: 42, projects: [PID] }] }, "accessKeys[0].sk: must be a string (the secret key)"],
      [{ accessKeys: [{ ak: "", sk: SK, projects: [PID] }] }, "accessKeys[0].ak: must not be empty (the access key id)"],
      [{ accessKeys: [{ ak: AK, sk: SK, projects: [] }] }, "accessKeys[0].projects: must name at least one project id"],
      [{ accessKeys: [{ ak: AK, sk: SK, projects: PID }] }, "accessKeys[0].projects: must be a list of project ids"],
      [{ tokens: [{ token: TOKEN, projects: [PID, ""] }] }, "tokens[0].projects[1]: must not be empty (a project id)"],
      [{ accessKeys: [{ ak: AK, sk: SK, projects: [PID], secret: SK }] }, 'accessKeys[0]: Unrecognized key: "secret"'],
      [{ accessKey: [] }, '(file): Unrecognized key: "accessKey"'],
      [
        { accessKeys: [{ ak: AK, sk: SK, projects: [PID] }, { ak: AK, sk: SK2, projects: [PID] }] },
        `accessKeys[1].ak: duplicates accessKeys[0].ak (${AK})`,
      ],
      [{ tokens: [{ token: TOKEN, projects: [PID] }, { token: TOKEN, projects: [OTHER_PID] }] }, "tokens[1].token: duplicates tokens[0].token"],
    ];
    for (const [input, problem] of cases) {
      expect(() => loadCredentials(input), problem).toThrow(`invalid credentials file: ${problem}`);
    }
  });

  it("G7: errors never echo a secret key or a token", () => {
    for (const input of [
      { accessKeys: [{ ak: AK, sk: SK, projects: [PID], extra: SK }] },
      { accessKeys: [{ ak: AK, sk: SK, projects: "nope" }] },
      { tokens: [{ token: TOKEN, projects: [PID] }, { token: TOKEN, projects: [PID] }] },
      { tokens: [{ token: TOKEN, projects: [7] }] },
    ]) {
      let message = "";
      try {
        loadCredentials(input);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/^invalid credentials file: /);
      expect(message).not.toContain(SK);
      expect(message).not.toContain(TOKEN);
    }
  });
});

describe("lenient mode (no credentials file)", () => {
  const auth = new Authenticator({ clock: new FakeClock() });

  it("G7: accepts any non-empty X-Auth-Token", () => {
    const result = auth.authenticate(unsigned({ "x-auth-token": "anything-at-all" }));
    expect(result.ok).toBe(true);
    // The principal names the token by fingerprint, never by value.
    expect(result.ok && result.principal).toMatch(/^token:[0-9a-f]{12}$/);
    expect(JSON.stringify(result)).not.toContain("anything-at-all");
  });

  it("G7: accepts a well-formed signature with X-Sdk-Date without verifying it", () => {
    const result = auth.authenticate(
      unsigned({
        authorization: `SDK-HMAC-SHA256 Access=ANYAK, SignedHeaders=host;x-sdk-date, Signature=${"0".repeat(64)}`,
        "x-sdk-date": "19990101T000000Z",
      }),
    );
    expect(result).toEqual({ ok: true, principal: "ak:ANYAK" });
  });

  it("G7: neither a token nor a signature -> 401 APIGW.0301", () => {
    expectRejected(auth.authenticate(unsigned({})), 401, "APIGW.0301");
    expectRejected(auth.authenticate(unsigned({ "x-auth-token": "   " })), 401, "APIGW.0301");
  });

  it("G7: a malformed Authorization, or a signature without X-Sdk-Date -> 401 APIGW.0301", () => {
    expectRejected(auth.authenticate(unsigned({ authorization: "SDK-HMAC-SHA256 garbage", "x-sdk-date": "20240102T030405Z" })), 401, "APIGW.0301");
    expectRejected(auth.authenticate(unsigned({ authorization: "Basic dXNlcjpwYXNz" })), 401, "APIGW.0301");
    const message = expectRejected(
      auth.authenticate(unsigned({ authorization: `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${"0".repeat(64)}` })),
      401,
      "APIGW.0301",
    );
    expect(message).toContain("X-Sdk-Date");
  });

  it("G7: does not restrict projects", () => {
    expect(auth.authenticate(unsigned({ "x-auth-token": "t" }, OTHER_PID)).ok).toBe(true);
  });
});

describe("strict mode: accepted requests", () => {
  it("G7: a correctly signed request is accepted and names the AK", () => {
    const { clock, auth } = strict();
    expect(auth.authenticate(signed(clock))).toEqual({ ok: true, principal: `ak:${AK}` });
  });

  it("G7: verifies the SDK's own vector A (signing.md §3.2) as received on the wire", () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 2, 3, 4, 5));
    const auth = new Authenticator({ clock, credentials: CREDENTIALS });
    const body =
      '{"loadbalancer":{"name":"lb1","vpc_id":"vpc-1","vip_subnet_cidr_id":"subnet-1","availability_zone_list":["cn-north-4a"]}}';
    const result = auth.authenticate({
      method: "POST",
      rawUrl: LB_PATH,
      headers: {
        "content-type": "application/json",
        host: "127.0.0.1:18080",
        "x-project-id": PID,
        "x-sdk-date": "20240102T030405Z",
        // Added by the SDK after signing, so not listed in SignedHeaders.
        "user-agent": "huaweicloud-usdk-nodejs/3.0",
        "content-length": String(Buffer.byteLength(body)),
        authorization:
          "SDK-HMAC-SHA256 Access=TESTAK1234567890ABCD, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=4f78d16047a50679867c82430126dcc23f6933e88207cfc2f32dade40b3e9621",
      },
      body: Buffer.from(body),
      projectId: PID,
    });
    expect(result).toEqual({ ok: true, principal: `ak:${AK}` });
  });

  it("G7: query characters the wire leaves raw ('*()!) and '+' verify (signing.md §2.7 quirk 3)", () => {
    const { clock, auth } = strict();
    const req = signed(clock, { method: "GET", target: `${LB_PATH}?name=it's*(x)!&name=a+b&marker=%e4%b8%ad` });
    expect(auth.authenticate(req).ok).toBe(true);
  });

  it("G7: an absolute-form request target verifies on its path", () => {
    const { clock, auth } = strict();
    const req = signed(clock, { method: "GET", target: `${LB_PATH}?limit=1` });
    expect(auth.authenticate({ ...req, rawUrl: `${ENDPOINT}${LB_PATH}?limit=1` }).ok).toBe(true);
  });

  it("G7: a valid token from the list is accepted and named by fingerprint only", () => {
    const { auth } = strict();
    const result = auth.authenticate(unsigned({ "x-auth-token": TOKEN }));
    expect(result.ok && result.principal).toMatch(/^token:[0-9a-f]{12}$/);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it("G7: a path without a project id needs no project grant", () => {
    const { clock, auth } = strict();
    expect(auth.authenticate(signed(clock, { method: "GET", target: "/versions", projectId: null })).ok).toBe(true);
  });

  it("G7: a date exactly 15 minutes off either way is still accepted", () => {
    const { clock, auth } = strict();
    expect(auth.authenticate(signed(clock, { signedAt: clock.now() - MAX_CLOCK_SKEW_MS })).ok).toBe(true);
    expect(auth.authenticate(signed(clock, { signedAt: clock.now() + MAX_CLOCK_SKEW_MS })).ok).toBe(true);
  });

  it("G7: X-Sdk-Content-Sha256 replaces the body hash, as the SDK signs uploads", () => {
    const { clock, auth } = strict();
    const added = signRequest(
      { method: "POST", url: ENDPOINT + LB_PATH, headers: { "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }, body: "original" },
      KEY,
      new Date(clock.now()),
    );
    const headers: Record<string, string> = { "x-sdk-content-sha256": "UNSIGNED-PAYLOAD" };
    for (const [name, value] of Object.entries(added)) headers[name.toLowerCase()] = value;
    const result = auth.authenticate({ method: "POST", rawUrl: LB_PATH, headers, body: Buffer.from("different"), projectId: PID });
    expect(result.ok).toBe(true);
  });
});

describe("strict mode: rejections", () => {
  it("G7: no token and no signature -> 401 APIGW.0301", () => {
    const { auth } = strict();
    expectRejected(auth.authenticate(unsigned({})), 401, "APIGW.0301");
    expectRejected(auth.authenticate(unsigned({ authorization: "Bearer abc" })), 401, "APIGW.0301");
  });

  it("G7: an unknown AK -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const message = expectRejected(
      auth.authenticate(signed(clock, { cred: { accessKey: "UNKNOWNAK", secretKey: SK, projectId: PID } })),
      401,
      "APIGW.0301",
    );
    expect(message).toContain("ak UNKN… (9 characters) does not exist");
  });

  it("G7: an unknown access key is echoed only by its first characters (a swapped secret key stays unseen)", () => {
    const { clock, auth } = strict();
    const swapped = "SECRET-KEY-PUT-WHERE-THE-AK-GOES";
    const message = expectRejected(auth.authenticate(signed(clock, { cred: { accessKey: swapped, secretKey: SK, projectId: PID } })), 401, "APIGW.0301");
    expect(message).not.toContain(swapped.slice(4, 12));
  });

  it("G7: a signature made with the wrong SK -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const message = expectRejected(auth.authenticate(signed(clock, { cred: { ...KEY, secretKey: SK2 } })), 401, "APIGW.0301");
    expect(message).toContain("verify aksk signature fail");
  });

  it("G7: a tampered body -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const req = signed(clock);
    const tampered = { ...req, body: Buffer.from(BODY.replace("lb1", "lb2")) };
    const message = expectRejected(auth.authenticate(tampered), 401, "APIGW.0301");
    expect(message).not.toContain(signatureFor(signed(clock, { body: BODY.replace("lb1", "lb2") })));
    expect(message).not.toContain(SK);
  });

  it("G7: a tampered path -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const req = signed(clock, { method: "DELETE", target: `${LB_PATH}/11111111-1111-1111-1111-111111111111` });
    const tampered = { ...req, rawUrl: `${LB_PATH}/22222222-2222-2222-2222-222222222222` };
    expectRejected(auth.authenticate(tampered), 401, "APIGW.0301");
  });

  it("G7: a tampered query (value changed, parameter added or removed) -> 401 APIGW.0301", () => {
    for (const rawUrl of [`${LB_PATH}?limit=3&name=lb1`, `${LB_PATH}?limit=2&name=lb1&marker=x`, `${LB_PATH}?limit=2`]) {
      const { clock, auth } = strict();
      const req = signed(clock, { method: "GET", target: `${LB_PATH}?limit=2&name=lb1` });
      expectRejected(auth.authenticate({ ...req, rawUrl }), 401, "APIGW.0301");
    }
  });

  it("G7: a tampered method or signed header -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const req = signed(clock, { method: "GET" });
    expectRejected(auth.authenticate({ ...req, method: "DELETE" }), 401, "APIGW.0301");
    expectRejected(auth.authenticate({ ...req, headers: { ...req.headers, "content-type": "text/plain" } }), 401, "APIGW.0301");
    expectRejected(auth.authenticate({ ...req, headers: { ...req.headers, host: "elsewhere:18080" } }), 401, "APIGW.0301");
  });

  it("G7: adding X-Sdk-Content-Sha256 to a body-signed request does not detach the body -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const req = signed(clock);
    const tampered = { ...req, headers: { ...req.headers, "x-sdk-content-sha256": "UNSIGNED-PAYLOAD" }, body: Buffer.from("{}") };
    expectRejected(auth.authenticate(tampered), 401, "APIGW.0301");
  });

  it("G7: a signed header missing from the request -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const { "content-type": _dropped, ...headers } = signed(clock).headers;
    const message = expectRejected(auth.authenticate({ ...signed(clock), headers }), 401, "APIGW.0301");
    expect(message).toContain("content-type");
  });

  it("G7: SignedHeaders without host or x-sdk-date -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const req = signed(clock);
    const authorization = (req.headers.authorization as string).replace("content-type;host;", "content-type;");
    const message = expectRejected(auth.authenticate({ ...req, headers: { ...req.headers, authorization } }), 401, "APIGW.0301");
    expect(message).toContain("SignedHeaders must include host");
  });

  it("G7: a stale or future X-Sdk-Date (more than 15 minutes off the clock) -> 401 APIGW.0303", () => {
    const { clock, auth } = strict();
    const req = signed(clock);
    clock.advance(MAX_CLOCK_SKEW_MS + 1000);
    const message = expectRejected(auth.authenticate(req), 401, "APIGW.0303");
    expect(message).toMatch(/^signature expired, signature time: \d{8}T\d{6}Z, server time: \d{8}T\d{6}Z$/);
    expectRejected(auth.authenticate(signed(clock, { signedAt: clock.now() + MAX_CLOCK_SKEW_MS + 1000 })), 401, "APIGW.0303");
  });

  it("G7: a missing or malformed X-Sdk-Date -> 401 APIGW.0301", () => {
    const { clock, auth } = strict();
    const req = signed(clock);
    const { "x-sdk-date": _dropped, ...withoutDate } = req.headers;
    expectRejected(auth.authenticate({ ...req, headers: withoutDate }), 401, "APIGW.0301");
    expectRejected(auth.authenticate({ ...req, headers: { ...req.headers, "x-sdk-date": "2024-01-02T03:04:05Z" } }), 401, "APIGW.0301");
  });

  it("G7: a token not in the list -> 401 APIGW.0301", () => {
    const { auth } = strict();
    const message = expectRejected(auth.authenticate(unsigned({ "x-auth-token": `${TOKEN}x` })), 401, "APIGW.0301");
    expect(message).not.toContain(TOKEN);
  });

  it("G7: a signature takes precedence over a token, so a bad signature is not masked by a good token", () => {
    const { clock, auth } = strict();
    const req = signed(clock, { cred: { ...KEY, secretKey: SK2 } });
    expectRejected(auth.authenticate({ ...req, headers: { ...req.headers, "x-auth-token": TOKEN } }), 401, "APIGW.0301");
  });

  it("G7: a valid key on a project it is not granted -> 403 APIGW.0302", () => {
    const { clock, auth } = strict();
    const target = `/v3/${OTHER_PID}/elb/loadbalancers`;
    const message = expectRejected(
      auth.authenticate(signed(clock, { target, cred: { ...KEY, projectId: OTHER_PID }, projectId: OTHER_PID })),
      403,
      "APIGW.0302",
    );
    expect(message).toContain(OTHER_PID);
    // AK2 holds both projects.
    expect(auth.authenticate(signed(clock, { target, cred: { accessKey: AK2, secretKey: SK2, projectId: OTHER_PID }, projectId: OTHER_PID })).ok).toBe(true);
  });

  it("G7: a granted path project with an ungranted X-Project-Id -> 403 APIGW.0302", () => {
    const { clock, auth } = strict();
    expectRejected(auth.authenticate(signed(clock, { cred: { ...KEY, projectId: OTHER_PID } })), 403, "APIGW.0302");
  });

  it("G7: a valid token on a project it is not granted -> 403 APIGW.0302", () => {
    const { auth } = strict();
    const message = expectRejected(auth.authenticate(unsigned({ "x-auth-token": TOKEN }, OTHER_PID)), 403, "APIGW.0302");
    expect(message).not.toContain(TOKEN);
  });
});

describe("strict mode: AK lockout", () => {
  const wrong = (clock: FakeClock) => signed(clock, { cred: { ...KEY, secretKey: "not-the-secret" } });

  it("G7: five consecutive bad signatures lock the AK for five minutes; a correct signature is refused meanwhile", () => {
    const { clock, auth } = strict();
    for (let i = 1; i <= 4; i++) expectRejected(auth.authenticate(wrong(clock)), 401, "APIGW.0301");
    // Four failures do not lock yet.
    expect(auth.authenticate(signed(clock)).ok).toBe(true);
    for (let i = 1; i <= 4; i++) expectRejected(auth.authenticate(wrong(clock)), 401, "APIGW.0301");
    expect(expectRejected(auth.authenticate(wrong(clock)), 401, "APIGW.0301")).toContain("now locked for 5 minutes");

    const lockedMessage = expectRejected(auth.authenticate(signed(clock)), 401, "APIGW.0301");
    expect(lockedMessage).toContain(`ak ${AK} is locked for 300 more seconds`);
    // Another AK is unaffected.
    expect(auth.authenticate(signed(clock, { cred: { accessKey: AK2, secretKey: SK2, projectId: PID } })).ok).toBe(true);

    clock.advance(LOCKOUT_MS - 1);
    expectRejected(auth.authenticate(signed(clock)), 401, "APIGW.0301");
    clock.advance(1);
    expect(auth.authenticate(signed(clock))).toEqual({ ok: true, principal: `ak:${AK}` });
  });

  it("G7: after a lock runs out the AK starts again with a clean count", () => {
    const { clock, auth } = strict();
    for (let i = 0; i < 5; i++) auth.authenticate(wrong(clock));
    clock.advance(LOCKOUT_MS);
    expectRejected(auth.authenticate(wrong(clock)), 401, "APIGW.0301");
    // One failure after the lock is not enough to lock again.
    expect(auth.authenticate(signed(clock)).ok).toBe(true);
  });

  it("G7: a success resets the count of consecutive failures", () => {
    const { clock, auth } = strict();
    for (let i = 0; i < 4; i++) auth.authenticate(wrong(clock));
    expect(auth.authenticate(signed(clock)).ok).toBe(true);
    for (let i = 0; i < 4; i++) auth.authenticate(wrong(clock));
    expect(auth.authenticate(signed(clock)).ok).toBe(true);
  });

  it("G7: stale dates do not count toward the lock (they say nothing about the SK)", () => {
    const { clock, auth } = strict();
    for (let i = 0; i < 6; i++) {
      expectRejected(auth.authenticate(signed(clock, { signedAt: clock.now() - 2 * MAX_CLOCK_SKEW_MS })), 401, "APIGW.0303");
    }
    expect(auth.authenticate(signed(clock)).ok).toBe(true);
  });
});

describe("strict mode: secrets stay out of error messages", () => {
  it("G7: no rejection message contains the SK, a token, or the expected signature", () => {
    const { clock, auth } = strict();
    const good = signed(clock);
    const rejections: [AuthRequest, string][] = [
      [unsigned({}), ""],
      [unsigned({ "x-auth-token": `${TOKEN}-expired` }), ""],
      [unsigned({ "x-auth-token": TOKEN }, OTHER_PID), ""],
      [{ ...good, body: Buffer.from("{}") }, signatureFor(signed(clock, { body: "{}" }))],
      [{ ...good, rawUrl: `${LB_PATH}?x=1` }, signatureFor(signed(clock, { target: `${LB_PATH}?x=1` }))],
      [signed(clock, { cred: { ...KEY, secretKey: SK2 } }), signatureFor(good)],
      [signed(clock, { cred: { accessKey: "NOPE", secretKey: SK, projectId: PID } }), signatureFor(good)],
      [signed(clock, { signedAt: clock.now() - 3_600_000 }), signatureFor(signed(clock, { signedAt: clock.now() - 3_600_000 }))],
      [signed(clock, { cred: { ...KEY, projectId: OTHER_PID } }), ""],
    ];
    // Lock the AK too, so the lockout messages are covered.
    for (let i = 0; i < 5; i++) rejections.push([signed(clock, { cred: { ...KEY, secretKey: `wrong-${i}` } }), signatureFor(good)]);
    rejections.push([good, signatureFor(good)]);

    for (const [req, expectedSignature] of rejections) {
      const result = auth.authenticate(req);
      expect(result.ok).toBe(false);
      const text = JSON.stringify(result);
      for (const secret of [SK, SK2, TOKEN, expectedSignature].filter((s) => s !== "")) expect(text).not.toContain(secret);
    }
  });
});
