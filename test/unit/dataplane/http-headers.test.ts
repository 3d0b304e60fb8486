import { describe, expect, it } from "vitest";
import { forwardRequestHeaders, readCookie, setCookieValue, withoutCookie, withoutHopByHop } from "../../../provider/engine/dataplane/http-headers";

describe("proxy header hygiene", () => {
  it("D1: hop-by-hop headers, and those the Connection header names, do not cross the proxy", () => {
    const out = withoutHopByHop({
      connection: "keep-alive, x-private",
      "keep-alive": "timeout=5",
      "transfer-encoding": "chunked",
      upgrade: "websocket",
      te: "trailers",
      "proxy-authorization": "secret",
      "x-private": "1",
      "content-type": "text/plain",
    });
    expect(out).toEqual({ "content-type": "text/plain" });
  });

  it("D1: X-Forwarded-For is appended to, and -Proto / -Port name the listener", () => {
    const out = forwardRequestHeaders({ host: "x", "x-forwarded-for": "10.1.1.1" }, { clientAddress: "127.0.0.5", proto: "http", listenerPort: 8080 });
    expect(out).toMatchObject({ host: "x", "x-forwarded-for": "10.1.1.1, 127.0.0.5", "x-forwarded-proto": "http", "x-forwarded-port": "8080" });
  });

  it("D5: the engine's sticky cookie is read and hidden from the member; the app's cookies pass", () => {
    const header = "a=1; ELB_STICKY=tok; b=2";
    expect(readCookie(header, "ELB_STICKY")).toBe("tok");
    expect(withoutCookie(header, "ELB_STICKY")).toBe("a=1; b=2");
    const out = forwardRequestHeaders({ cookie: "ELB_STICKY=tok" }, { clientAddress: "127.0.0.1", proto: "http", listenerPort: 80, dropCookie: "ELB_STICKY" });
    expect(out.cookie).toBeUndefined();
    expect(setCookieValue(["x=1", "SESSION=abc; Path=/; HttpOnly"], "SESSION")).toBe("abc");
    expect(setCookieValue(["x=1"], "SESSION")).toBeUndefined();
  });
});
