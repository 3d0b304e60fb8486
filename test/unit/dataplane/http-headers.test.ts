import { describe, expect, it } from "vitest";
import { forwardRequestHeaders, headerValues, readCookie, setCookieValue, withoutCookie, withoutHopByHop, type RawHeaders } from "../../../provider/engine/dataplane/http-headers";

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

  it("D1: X-Forwarded-For is appended to, and -Proto / -Port name the listener", () => {
    const out = forwardRequestHeaders(["Host", "x", "X-Forwarded-For", "10.1.1.1", "X-Forwarded-Port", "1"], { clientAddress: "127.0.0.5", proto: "http", listenerPort: 8080 });
    expect(asObject(out)).toEqual({ host: "x", "x-forwarded-for": "10.1.1.1, 127.0.0.5", "x-forwarded-proto": "http", "x-forwarded-port": "8080" });
  });

  it("D1: Expect is not forwarded (the proxy's server already answered 100 Continue)", () => {
    const out = forwardRequestHeaders(["Expect", "100-continue", "Content-Length", "3"], { clientAddress: "127.0.0.1", proto: "http", listenerPort: 80 });
    expect(asObject(out)).toEqual({ "content-length": "3", "x-forwarded-for": "127.0.0.1", "x-forwarded-proto": "http", "x-forwarded-port": "80" });
  });

  it("D5: the engine's sticky cookie is read and hidden from the member; the app's cookies pass", () => {
    const header = "a=1; ELB_STICKY=tok; b=2";
    expect(readCookie(header, "ELB_STICKY")).toBe("tok");
    expect(withoutCookie(header, "ELB_STICKY")).toBe("a=1; b=2");
    const ctx = { clientAddress: "127.0.0.1", proto: "http", listenerPort: 80, dropCookie: "ELB_STICKY" };
    expect(asObject(forwardRequestHeaders(["Cookie", "ELB_STICKY=tok"], ctx)).cookie).toBeUndefined();
    expect(asObject(forwardRequestHeaders(["Cookie", header], ctx)).cookie).toBe("a=1; b=2");
    expect(asObject(forwardRequestHeaders(["Cookie", header], { ...ctx, dropCookie: undefined })).cookie).toBe(header);
    expect(setCookieValue(["x=1", "SESSION=abc; Path=/; HttpOnly"], "SESSION")).toBe("abc");
    expect(setCookieValue(["x=1"], "SESSION")).toBeUndefined();
  });
});
