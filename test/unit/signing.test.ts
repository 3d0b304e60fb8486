// Client-side SDK-HMAC-SHA256 signing (G7), pinned to the test vectors of
// shared/reference/signing.md §3 and to expectations computed with its independent Python
// reference signer (§7), so a bug shared by signer and verifier cannot hide.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { describe, expect, it } from "vitest";
import {
  canonicalQueryString,
  canonicalRequest,
  canonicalUri,
  EMPTY_PAYLOAD_SHA256,
  encodeRfc3986,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  signRequest,
} from "../../provider/signing";
import { Authenticator, type AuthRequest } from "../../provider/engine/auth";
import { FakeClock } from "../../provider/engine/clock";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

// §3.1: Huawei's published example.
const GUIDE = {
  ak: "QTWAOYTTINDUT2QVKYUC",
  sk: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
  url: "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
  now: new Date(Date.UTC(2019, 10, 15, 3, 36, 55)),
};

// §3.2: vectors computed with the SDK's own AKSKSigner.
const PID = "0123456789abcdef0123456789abcdef";
const ELB = {
  cred: { accessKey: "TESTAK1234567890ABCD", secretKey: "testSecretKey0123456789abcdefghijklmnopqr", projectId: PID },
  endpoint: "http://127.0.0.1:18080",
  headers: { "Content-Type": "application/json" },
  now: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
};
const ELB_SIGNED = "content-type;host;x-project-id;x-sdk-date";
const elbAuthorization = (signature: string) =>
  `SDK-HMAC-SHA256 Access=TESTAK1234567890ABCD, SignedHeaders=${ELB_SIGNED}, Signature=${signature}`;
const BODY_A =
  '{"loadbalancer":{"name":"lb1","vpc_id":"vpc-1","vip_subnet_cidr_id":"subnet-1","availability_zone_list":["cn-north-4a"]}}';

/** The canonical request the ELB vectors produce, for the parts that vary. */
function elbCanonical(method: string, path: string, query: string, payloadHash: string): string {
  return canonicalRequest({
    method,
    rawPath: path,
    rawQuery: query,
    headers: [
      ["content-type", "application/json"],
      ["host", "127.0.0.1:18080"],
      ["x-project-id", PID],
      ["x-sdk-date", "20240102T030405Z"],
    ],
    payloadHash,
  });
}

describe("signRequest: signing.md test vectors", () => {
  it("G7: reproduces Huawei's published signing-guide example (§3.1)", () => {
    const expectedCanonical = [
      "GET",
      "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/",
      "limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
      "content-type:application/json",
      "host:service.region.example.com",
      "x-sdk-date:20191115T033655Z",
      "",
      "content-type;host;x-sdk-date",
      EMPTY_PAYLOAD_SHA256,
    ].join("\n");
    const url = new URL(GUIDE.url);
    const canonical = canonicalRequest({
      method: "GET",
      rawPath: url.pathname,
      rawQuery: url.search.slice(1),
      headers: [
        ["content-type", "application/json"],
        ["host", "service.region.example.com"],
        ["x-sdk-date", "20191115T033655Z"],
      ],
      payloadHash: EMPTY_PAYLOAD_SHA256,
    });
    expect(canonical).toBe(expectedCanonical);
    expect(sha256(canonical)).toBe("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");

    const headers = signRequest(
      { method: "GET", url: GUIDE.url, headers: { "Content-Type": "application/json" }, body: undefined },
      { accessKey: GUIDE.ak, secretKey: GUIDE.sk },
      GUIDE.now,
    );
    expect(headers).toEqual({
      "X-Sdk-Date": "20191115T033655Z",
      Host: "service.region.example.com",
      Authorization:
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe",
    });
  });

  it("G7: vector A, POST with a JSON body (§3.2)", () => {
    expect(sha256(BODY_A)).toBe("fd0440de0a5b940c81f54ed71b4588c9993e4fbff7a1fec72b54cc729fbd1580");
    const canonical = elbCanonical("POST", `/v3/${PID}/elb/loadbalancers`, "", sha256(BODY_A));
    expect(canonical).toBe(
      [
        "POST",
        `/v3/${PID}/elb/loadbalancers/`,
        "",
        "content-type:application/json",
        "host:127.0.0.1:18080",
        `x-project-id:${PID}`,
        "x-sdk-date:20240102T030405Z",
        "",
        ELB_SIGNED,
        "fd0440de0a5b940c81f54ed71b4588c9993e4fbff7a1fec72b54cc729fbd1580",
      ].join("\n"),
    );
    expect(sha256(canonical)).toBe("afce6bdca1151965833f330b0078b37f878a22563bbf666becf6f392539f2bc1");

    const headers = signRequest(
      { method: "POST", url: `${ELB.endpoint}/v3/${PID}/elb/loadbalancers`, headers: ELB.headers, body: BODY_A },
      ELB.cred,
      ELB.now,
    );
    expect(headers).toEqual({
      "X-Sdk-Date": "20240102T030405Z",
      Host: "127.0.0.1:18080",
      "X-Project-Id": PID,
      Authorization: elbAuthorization("4f78d16047a50679867c82430126dcc23f6933e88207cfc2f32dade40b3e9621"),
    });
  });

  it("G7: vector B, GET with a repeated, unsorted query parameter needing escaping (§3.2)", () => {
    // The wire order differs from the signed order on purpose: the signer must sort.
    const query = "name=lb1&limit=2&name=a%20b&marker=m~1";
    expect(canonicalQueryString(query)).toBe("limit=2&marker=m~1&name=a%20b&name=lb1");
    const canonical = elbCanonical("GET", `/v3/${PID}/elb/loadbalancers`, query, EMPTY_PAYLOAD_SHA256);
    expect(sha256(canonical)).toBe("543f69c8b2ae9fcbfc00994376f806c4d1975eaf16308d581294e0ad486640ba");

    const headers = signRequest(
      { method: "GET", url: `${ELB.endpoint}/v3/${PID}/elb/loadbalancers?${query}`, headers: ELB.headers, body: undefined },
      ELB.cred,
      ELB.now,
    );
    expect(headers.Authorization).toBe(elbAuthorization("8d0cc296389efe994ea6a0238dec2564d6123789cd604f081d969b4a38517bb2"));
  });

  it("G7: vector C, DELETE of one load balancer (§3.2)", () => {
    const path = `/v3/${PID}/elb/loadbalancers/7a0c0e4d-9c2f-4d5e-8b1a-2f3e4d5c6b7a`;
    expect(sha256(elbCanonical("DELETE", path, "", EMPTY_PAYLOAD_SHA256))).toBe(
      "fea673ae0ef59253602eb62e7621d17e754edc6bfbd61371f49aef08c3f68343",
    );
    const headers = signRequest(
      { method: "DELETE", url: `${ELB.endpoint}${path}`, headers: ELB.headers, body: undefined },
      ELB.cred,
      ELB.now,
    );
    expect(headers.Authorization).toBe(elbAuthorization("0fcf5d3d964794dc2e161178c06a52bf7060a948d12f658c7cb0c291289c0678"));
  });
});

describe("canonicalisation", () => {
  it("G7: query characters axios leaves raw ('*()!) are escaped as the SDK signed them (§3.2 harder case)", () => {
    expect(canonicalQueryString("marker=it's~&name=b*(c)!&name=p%26q%3Dr&name=x%2By&name=%E4%B8%AD")).toBe(
      "marker=it%27s~&name=b%2A%28c%29%21&name=p%26q%3Dr&name=x%2By&name=%E4%B8%AD",
    );
  });

  it("G7: query escaping: space is %20 never +, '+' on the wire is a space, reserved characters are encoded", () => {
    expect(canonicalQueryString("q=a+b")).toBe("q=a%20b");
    expect(canonicalQueryString("q=a%20b")).toBe("q=a%20b");
    expect(canonicalQueryString("q=a%2Bb")).toBe("q=a%2Bb");
    expect(canonicalQueryString("a%3Db=c%26d&e=%2F%3F%23%5B%5D%40")).toBe("a%3Db=c%26d&e=%2F%3F%23%5B%5D%40");
    // Lower-case escapes on the wire still canonicalise to upper-case hex.
    expect(canonicalQueryString("k=%c3%a9")).toBe("k=%C3%A9");
    // A name with no "=" has an empty value; empty pieces between "&&" are dropped.
    expect(canonicalQueryString("flag&&x=1")).toBe("flag=&x=1");
    expect(canonicalQueryString("")).toBe("");
  });

  it("G7: query pairs are sorted on the decoded strings, before encoding", () => {
    // Encoded, "%E4%B8%AD" would sort ahead of "b"; decoded, "中" sorts after it.
    expect(canonicalQueryString("name=%E4%B8%AD&name=b")).toBe("name=b&name=%E4%B8%AD");
    // "%41" is "A", which sorts ahead of "B" only once decoded.
    expect(canonicalQueryString("B=1&%41=2")).toBe("A=2&B=1");
  });

  it("G7: path segments are decoded then re-encoded, and a trailing slash is added once", () => {
    expect(canonicalUri("/v3/p/elb/loadbalancers")).toBe("/v3/p/elb/loadbalancers/");
    expect(canonicalUri("/v3/p/elb/loadbalancers/")).toBe("/v3/p/elb/loadbalancers/");
    expect(canonicalUri("")).toBe("/");
    expect(canonicalUri("/a%20b/it's/%E4%B8%AD/%e4%b8%ad")).toBe("/a%20b/it%27s/%E4%B8%AD/%E4%B8%AD/");
    // A malformed escape is kept literally, so its "%" is encoded.
    expect(canonicalUri("/bad%zz")).toBe("/bad%25zz/");
  });

  it("G7: encodes every byte outside the RFC 3986 unreserved set, in upper-case hex UTF-8", () => {
    expect(encodeRfc3986("AZaz09-_.~")).toBe("AZaz09-_.~");
    expect(encodeRfc3986(" !'()*+,/:;=?@")).toBe("%20%21%27%28%29%2A%2B%2C%2F%3A%3B%3D%3F%40");
    expect(encodeRfc3986("é中😀")).toBe("%C3%A9%E4%B8%AD%F0%9F%98%80");
  });

  it("G7: non-ASCII path and query values match the independent reference signer (§7)", () => {
    // Expected value from signing.md §7's Python signer with path ".../loadbalancers/负载均衡器",
    // query {name: ["é ü", "中"], 标签: "a+b&c=d", b: "it's (x)*!"}.
    const url = new URL(`${ELB.endpoint}/v3/${PID}/elb/loadbalancers/负载均衡器`);
    url.searchParams.append("标签", "a+b&c=d");
    url.searchParams.append("name", "中");
    url.searchParams.append("b", "it's (x)*!");
    url.searchParams.append("name", "é ü");
    const headers = signRequest({ method: "GET", url: url.href, headers: ELB.headers, body: undefined }, ELB.cred, ELB.now);
    expect(headers.Authorization).toBe(elbAuthorization("55cd07ef968087de48e5413a468716cc3911ea17ef6d1cac4ee5e771b1a54f29"));
  });

  it("G7: a non-ASCII body is hashed as its UTF-8 bytes, string or Uint8Array alike (§7)", () => {
    const body = '{"loadbalancer":{"name":"负载-ü"}}';
    const url = `${ELB.endpoint}/v3/${PID}/elb/loadbalancers/7a0c0e4d-9c2f-4d5e-8b1a-2f3e4d5c6b7a`;
    const expected = elbAuthorization("5067709b28df3cbc0d9acda06240667eed02f6572e316159f2e15aedbd8ff192");
    expect(signRequest({ method: "PUT", url, headers: ELB.headers, body }, ELB.cred, ELB.now).Authorization).toBe(expected);
    expect(
      signRequest({ method: "PUT", url, headers: ELB.headers, body: new TextEncoder().encode(body) }, ELB.cred, ELB.now).Authorization,
    ).toBe(expected);
  });
});

describe("signRequest: headers", () => {
  const url = `${ELB.endpoint}/v3/${PID}/elb/loadbalancers`;

  it("G7: signs and returns X-Security-Token for temporary credentials", () => {
    const headers = signRequest(
      { method: "GET", url, headers: ELB.headers, body: undefined },
      { ...ELB.cred, securityToken: "sts-token-value" },
      ELB.now,
    );
    expect(headers["X-Security-Token"]).toBe("sts-token-value");
    expect(parseAuthorization(headers.Authorization!)?.signedHeaders).toEqual([
      "content-type",
      "host",
      "x-project-id",
      "x-sdk-date",
      "x-security-token",
    ]);
  });

  it("G7: without a project id no X-Project-Id is sent or signed", () => {
    const headers = signRequest(
      { method: "GET", url, headers: ELB.headers, body: undefined },
      { accessKey: ELB.cred.accessKey, secretKey: ELB.cred.secretKey },
      ELB.now,
    );
    expect(Object.keys(headers).sort()).toEqual(["Authorization", "Host", "X-Sdk-Date"]);
    expect(parseAuthorization(headers.Authorization!)?.signedHeaders).toEqual(["content-type", "host", "x-sdk-date"]);
  });

  it("G7: Host omits a default port, as HTTP clients send it", () => {
    const headers = signRequest(
      { method: "GET", url: "https://elb.example.com:443/v3/p/elb/loadbalancers", headers: {}, body: undefined },
      ELB.cred,
      ELB.now,
    );
    expect(headers.Host).toBe("elb.example.com");
  });

  it("G7: framing and hop-by-hop headers are not signed; a caller's Authorization and X-Sdk-Date are replaced", () => {
    const headers = signRequest(
      {
        method: "POST",
        url,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": String(BODY_A.length),
          Connection: "keep-alive",
          "Transfer-Encoding": "chunked",
          Authorization: "Bearer stale",
          "x-sdk-date": "19990101T000000Z",
        },
        body: BODY_A,
      },
      ELB.cred,
      ELB.now,
    );
    // Same signature as vector A: the extra headers changed nothing.
    expect(headers.Authorization).toBe(elbAuthorization("4f78d16047a50679867c82430126dcc23f6933e88207cfc2f32dade40b3e9621"));
    expect(headers["X-Sdk-Date"]).toBe("20240102T030405Z");
  });

  it("G7: X-Sdk-Content-Sha256 stands in for the body hash, as in the SDK", () => {
    const unsigned = signRequest(
      { method: "POST", url, headers: { ...ELB.headers, "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }, body: "one" },
      ELB.cred,
      ELB.now,
    );
    const otherBody = signRequest(
      { method: "POST", url, headers: { ...ELB.headers, "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD" }, body: "two" },
      ELB.cred,
      ELB.now,
    );
    expect(unsigned.Authorization).toBe(otherBody.Authorization);
  });
});

describe("X-Sdk-Date and Authorization parsing", () => {
  it("G7: X-Sdk-Date is UTC YYYYMMDDTHHMMSSZ and round-trips", () => {
    expect(formatSdkDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe("20240102T030405Z");
    expect(parseSdkDate("20240102T030405Z")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    for (const bad of ["20241302T030405Z", "20240230T000000Z", "20240102T250000Z", "2024-01-02T03:04:05Z", "20240102T030405", ""]) {
      expect(parseSdkDate(bad), bad).toBeNull();
    }
  });

  it("G7: Authorization parses only the SDK's form, not the older Credential= form", () => {
    const sig = "a".repeat(64);
    expect(parseAuthorization(`SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=${sig}`)).toEqual({
      accessKey: "AK",
      signedHeaders: ["host", "x-sdk-date"],
      signature: sig,
    });
    expect(parseAuthorization(`SDK-HMAC-SHA256 Credential=AK/20240102/region/elb/sdk_request, SignedHeaders=host, Signature=${sig}`)).toBeNull();
    expect(parseAuthorization(`SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${"A".repeat(64)}`)).toBeNull();
    expect(parseAuthorization(`SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;;x, Signature=${sig}`)).toBeNull();
  });
});

describe("round trip: signRequest -> Authenticator (strict)", () => {
  const clock = new FakeClock(ELB.now.getTime());
  const auth = new Authenticator({
    clock,
    credentials: { accessKeys: [{ ak: ELB.cred.accessKey, sk: ELB.cred.secretKey, projects: [PID] }], tokens: [] },
  });

  /** What node's http server would hand the engine for this request. */
  function received(method: string, url: string, body: string | undefined): AuthRequest {
    const signed = signRequest({ method, url, headers: ELB.headers, body }, ELB.cred, ELB.now);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...ELB.headers, ...signed })) headers[name.toLowerCase()] = value;
    const u = new URL(url);
    return { method, rawUrl: u.pathname + u.search, headers, body: Buffer.from(body ?? ""), projectId: PID };
  }

  const lb = `${ELB.endpoint}/v3/${PID}/elb/loadbalancers`;
  const cases: [string, string, string | undefined][] = [
    ["GET", `${lb}?limit=2&name=a%20b&name=it's*(x)!&tag=%E4%B8%AD+x`, undefined],
    ["POST", lb, BODY_A],
    ["PUT", `${lb}/7a0c0e4d-9c2f-4d5e-8b1a-2f3e4d5c6b7a`, '{"loadbalancer":{"name":"负载-ü","description":""}}'],
    ["DELETE", `${lb}/7a0c0e4d-9c2f-4d5e-8b1a-2f3e4d5c6b7a`, '{"force":true}'],
  ];
  for (const [method, url, body] of cases) {
    it(`G7: ${method} with ${body === undefined ? "no body" : "a body"} verifies`, () => {
      expect(auth.authenticate(received(method, url, body))).toEqual({ ok: true, principal: `ak:${ELB.cred.accessKey}` });
    });
  }

  it("G7: the same request over real HTTP (undici client, node:http server) verifies", async () => {
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const result = auth.authenticate({
          method: req.method!,
          rawUrl: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks),
          projectId: PID,
        });
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(result));
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      const requests: [string, string, string | undefined][] = [
        ["GET", `/v3/${PID}/elb/loadbalancers?name=it's*(x)!&name=中 文&limit=2`, undefined],
        ["POST", `/v3/${PID}/elb/loadbalancers`, '{"loadbalancer":{"name":"负载-ü"}}'],
      ];
      for (const [method, path, body] of requests) {
        const url = `http://127.0.0.1:${port}${path}`;
        const signed = signRequest({ method, url, headers: ELB.headers, body }, ELB.cred, ELB.now);
        const res = await request(url, { method: method as "GET" | "POST", headers: { ...ELB.headers, ...signed }, body });
        expect(await res.body.json(), `${method} ${path}`).toEqual({ ok: true, principal: `ak:${ELB.cred.accessKey}` });
      }
    } finally {
      server.close();
      await once(server, "close");
    }
  });
});
