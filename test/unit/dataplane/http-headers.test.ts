import { describe, expect, it } from "vitest";
import { forwardRequestHeaders, headerPlan, headerValues, readCookie, setCookieValue, withoutCookie, withoutHopByHop, type RawHeaders } from "../../../provider/engine/dataplane/http-headers";
import { acceptsGzip, compressesResponse } from "../../../provider/engine/dataplane/compression";
import { INSERT_HEADERS } from "../../../provider/spec";

/** A raw header list as an object (lower-case names, repeated names as lists), for assertions. */
function asObject(raw: RawHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const prior = out[name];
    out[name] = prior === undefined ? raw[i + 1] : [...(Array.isArray(prior) ? prior : [prior]), raw[i + 1]];
  }
  return out;
}

describe("proxy header hygiene", () => {
  it("D1: hop-by-hop headers, and those the Connection header names, do not cross the proxy", () => {
    const out = withoutHopByHop([
      "Connection", "keep-alive, X-Private",
      "Keep-Alive", "timeout=5",
      "Transfer-Encoding", "chunked",
      "Upgrade", "websocket",
      "TE", "trailers",
      "Proxy-Authorization", "secret",
      "X-Private", "1",
      "Content-Type", "text/plain",
    ]);
    expect(out).toEqual(["Content-Type", "text/plain"]);
  });

  it("D1: names keep their case and repeated headers stay separate lines", () => {
    expect(withoutHopByHop(["Set-Cookie", "a=1", "set-cookie", "b=2", "X-Id", "7"])).toEqual(["Set-Cookie", "a=1", "set-cookie", "b=2", "X-Id", "7"]);
    expect(headerValues(["Set-Cookie", "a=1", "X-Id", "7", "set-cookie", "b=2"], "set-cookie")).toEqual(["a=1", "b=2"]);
  });

  it("D7: with no insert_headers switch on, only X-Forwarded-For is added (appended to); the client's other X-Forwarded-* pass as sent", () => {
    const ctx = { clientAddress: "127.0.0.5", clientPort: 40001, proto: "http", listenerPort: 8080 };
    const out = forwardRequestHeaders(["Host", "x", "X-Forwarded-For", "10.1.1.1", "X-Forwarded-Port", "1"], ctx);
    expect(asObject(out)).toEqual({ host: "x", "x-forwarded-port": "1", "x-forwarded-for": "10.1.1.1, 127.0.0.5" });
  });

  it("D7: each switch sets its header in place of the client's, and only the switches on", () => {
    const id = { loadbalancerId: "lb-1", vipAddress: "127.0.10.1" };
    const ctx = { clientAddress: "127.0.0.5", clientPort: 40001, proto: "http", listenerPort: 8080 };
    const raw = ["Host", "shop.example:8080", "X-Real-IP", "6.6.6.6", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil"];
    const all = Object.fromEntries(INSERT_HEADERS.map((h) => [h, true]));
    expect(asObject(forwardRequestHeaders(raw, ctx, headerPlan(all, id)))).toEqual({
      host: "shop.example:8080",
      "x-forwarded-for": "127.0.0.5",
      "x-real-ip": "127.0.0.5",
      "x-forwarded-for-port": "40001",
      "x-forwarded-port": "8080",
      "x-forwarded-proto": "http",
      "x-forwarded-host": "shop.example:8080",
      "x-forwarded-elb-ip": "127.0.10.1",
      "x-forwarded-elb-id": "lb-1",
    });
    // One switch: that header is set, the client's others pass untouched, nothing else is added.
    expect(asObject(forwardRequestHeaders(raw, ctx, headerPlan({ "X-Forwarded-For-Port": true }, id)))).toEqual({
      host: "shop.example:8080",
      "x-real-ip": "6.6.6.6",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil",
      "x-forwarded-for": "127.0.0.5",
      "x-forwarded-for-port": "40001",
    });
  });

  it("D7: X-Forwarded-For-Processing-Mode appends the client, removes the header, or preserves it as received", () => {
    const id = { loadbalancerId: "lb-1", vipAddress: "127.0.10.1" };
    const ctx = { clientAddress: "127.0.0.5", clientPort: 1, proto: "http", listenerPort: 80 };
    const xff = (mode: string, raw: string[]) => asObject(forwardRequestHeaders(raw, ctx, headerPlan({ "X-Forwarded-For-Processing-Mode": mode }, id)))["x-forwarded-for"];
    expect(xff("append", ["X-Forwarded-For", "10.1.1.1"])).toBe("10.1.1.1, 127.0.0.5");
    expect(xff("preserve", ["X-Forwarded-For", "10.1.1.1"])).toBe("10.1.1.1");
    expect(xff("preserve", [])).toBeUndefined();
    expect(xff("remove", ["X-Forwarded-For", "10.1.1.1"])).toBeUndefined();
  });

  it("D12: TLS switches read the connection only on an HTTPS listener with one on; on any listener the client's copies (name and alias) are dropped", () => {
    const http = { loadbalancerId: "lb-1", vipAddress: "127.0.10.1" };
    const https = { ...http, certificateId: () => "cert-1" };
    const tlsSwitches = { "X-Forwarded-TLS-Protocol": true, "X-Forwarded-TLS-Protocol-alias": "tls-version", "X-Forwarded-Clientcert-enable": true };
    expect(headerPlan({ "X-Real-IP": true }, https).readsTls).toBe(false);
    expect(headerPlan(tlsSwitches, https).readsTls).toBe(true);
    expect(headerPlan(tlsSwitches, https).set.map((h) => h.name)).toEqual(["tls-version", "X-Forwarded-Clientcert"]);
    // An alias naming a header that frames the request is not used: the header keeps its own name.
    expect(headerPlan({ ...tlsSwitches, "X-Forwarded-TLS-Protocol-alias": "content-length" }, https).set.map((h) => h.name)).toEqual(["X-Forwarded-TLS-Protocol", "X-Forwarded-Clientcert"]);
    expect(headerPlan({ ...tlsSwitches, "X-Forwarded-TLS-Protocol-alias": "content-length" }, https).replaced.has("content-length")).toBe(false);
    const plain = headerPlan(tlsSwitches, http);
    expect(plain.readsTls).toBe(false);
    const ctx = { clientAddress: "127.0.0.5", clientPort: 40001, proto: "http", listenerPort: 8080 };
    const raw = ["Host", "x", "X-Forwarded-TLS-Protocol", "TLSv1.3", "Tls-Version", "TLSv1.3", "X-Forwarded-Clientcert", "forged", "X-Forwarded-TLS-Cipher", "passes"];
    expect(asObject(forwardRequestHeaders(raw, ctx, plain))).toEqual({ host: "x", "x-forwarded-tls-cipher": "passes", "x-forwarded-for": "127.0.0.5" });
  });

  it("D1: Expect is not forwarded (the proxy's server already answered 100 Continue)", () => {
    const out = forwardRequestHeaders(["Expect", "100-continue", "Content-Length", "3"], { clientAddress: "127.0.0.1", clientPort: 1, proto: "http", listenerPort: 80 });
    expect(asObject(out)).toEqual({ "content-length": "3", "x-forwarded-for": "127.0.0.1" });
  });

  it("D10: gzip only for clients that accept it, on 200/403/404 responses of the listed types the member did not encode", () => {
    expect([acceptsGzip(["gzip, deflate"]), acceptsGzip(["br;q=1, gzip;q=0"]), acceptsGzip(["*"]), acceptsGzip(["identity"]), acceptsGzip([])]).toEqual([true, false, true, false, false]);
    const req = ["Accept-Encoding", "gzip"];
    const json = ["Content-Type", "application/json; charset=utf-8", "Content-Length", "40"];
    expect(compressesResponse("GET", req, 200, json)).toBe(true);
    expect(compressesResponse("GET", req, 404, ["Content-Type", "text/html"])).toBe(true);
    expect(compressesResponse("HEAD", req, 200, json)).toBe(false);
    expect(compressesResponse("GET", [], 200, json)).toBe(false);
    expect(compressesResponse("GET", req, 500, json)).toBe(false);
    expect(compressesResponse("GET", req, 200, ["Content-Type", "image/png"])).toBe(false);
    expect(compressesResponse("GET", req, 200, [...json, "Content-Encoding", "br"])).toBe(false);
    expect(compressesResponse("GET", req, 200, ["Content-Type", "text/plain", "Content-Length", "0"])).toBe(false);
  });

  it("D5: the engine's sticky cookie is read and hidden from the member; the app's cookies pass", () => {
    const header = "a=1; ELB_STICKY=tok; b=2";
    expect(readCookie(header, "ELB_STICKY")).toBe("tok");
    expect(withoutCookie(header, "ELB_STICKY")).toBe("a=1; b=2");
    const ctx = { clientAddress: "127.0.0.1", clientPort: 1, proto: "http", listenerPort: 80, dropCookie: "ELB_STICKY" };
    expect(asObject(forwardRequestHeaders(["Cookie", "ELB_STICKY=tok"], ctx)).cookie).toBeUndefined();
    expect(asObject(forwardRequestHeaders(["Cookie", header], ctx)).cookie).toBe("a=1; b=2");
    expect(asObject(forwardRequestHeaders(["Cookie", header], { ...ctx, dropCookie: undefined })).cookie).toBe(header);
    expect(setCookieValue(["x=1", "SESSION=abc; Path=/; HttpOnly"], "SESSION")).toBe("abc");
    expect(setCookieValue(["x=1"], "SESSION")).toBeUndefined();
  });
});
