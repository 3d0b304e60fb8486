// The console's bookkeeping, without sockets: the API log's ring and filters, and the traffic
// window's minute of per-member counts, sampled on a FakeClock.
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../provider/engine/clock";
import { ApiLog, parseStatusFilter, resourceOf, type ApiCall } from "../../provider/engine/console/api-log";
import { cookieValue } from "../../provider/engine/console/sessions";
import { TrafficWindow, WINDOW_SECONDS } from "../../provider/engine/console/traffic-window";
import type { DataPlaneCounters } from "../../provider/engine/dataplane";
import { Ring } from "../../provider/engine/ring";

const call = (n: number, status: number | null, path = "/v3/p/elb/loadbalancers", project: string | null = "p"): ApiCall => ({
  at: n,
  method: "GET",
  path,
  status,
  error_code: status !== null && status >= 400 ? "ELB.8902" : null,
  latency_ms: 1,
  principal: "token:abc",
  project_id: project,
  request_id: String(n),
});

describe("console: ring and API log", () => {
  it("a ring keeps the newest entries, oldest first", () => {
    const ring = new Ring<number>(3);
    expect(ring.toArray()).toEqual([]);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.last()).toBe(5);
    expect(() => new Ring(0)).toThrow("a ring needs a capacity of at least 1, got 0");
  });

  it("names the resource a path is about by its last collection", () => {
    expect(resourceOf("/v3/p/elb/pools/abc/members/batch-add")).toBe("members");
    expect(resourceOf("/v3/p/elb/loadbalancers/abc/availability-zone/batch-add")).toBe("loadbalancers");
    expect(resourceOf("/v3/p/elb/listeners?name=pools")).toBe("listeners");
    // The tag actions sit under the project, not under /elb (F2).
    expect(resourceOf("/v3/p/loadbalancers/abc/tags/action")).toBe("loadbalancers");
    expect(resourceOf("/v3/p/listeners/abc/tags")).toBe("listeners");
    expect(resourceOf("/v1/p/subnets")).toBe("subnets");
    expect(resourceOf("/v3/p/elb/certificates/abc")).toBe("certificates");
    expect(resourceOf("/v3/p/elb/certificates/settings/private-key-echo")).toBe("certificates");
    expect(resourceOf("/v3/p/elb/ipgroups/abc/iplist/create-or-update")).toBe("ipgroups");
    expect(resourceOf("/v3/p/elb/security-policies/abc")).toBe("security-policies");
    expect(resourceOf("/v3/p/elb/system-security-policies")).toBe("system-security-policies");
    expect(resourceOf("/v3/p/elb/flavors/abc")).toBe("flavors");
    expect(resourceOf("/v3/nowhere")).toBeNull();
  });

  it("filters newest first by status class, errors, one status, resource and project", () => {
    const log = new ApiLog(10);
    log.record(call(1, 200));
    log.record(call(2, 409, "/v3/p/elb/listeners"));
    log.record(call(3, null, "/v3/q/elb/pools", "q"));
    log.record(call(4, 404, "/v3/nowhere", null));
    const ids = (f: Parameters<ApiLog["list"]>[0]) => log.list(f).map((c) => c.request_id);
    const all = () => true;
    expect(ids({ project: all })).toEqual(["4", "3", "2", "1"]);
    expect(ids({ project: all, status: "error" })).toEqual(["4", "3", "2"]);
    expect(ids({ project: all, status: "4xx" })).toEqual(["4", "2"]);
    expect(ids({ project: all, status: 409 })).toEqual(["2"]);
    expect(ids({ project: all, status: "2xx", resource: "loadbalancers" })).toEqual(["1"]);
    expect(ids({ project: (p) => p === "p" })).toEqual(["2", "1"]);
    expect(log.list({ project: all })[1].resource).toBe("pools");
    expect(parseStatusFilter("5xx")).toBe("5xx");
    expect(parseStatusFilter("409")).toBe(409);
    expect(parseStatusFilter(null)).toBeUndefined();
    expect(() => parseStatusFilter("40")).toThrow('status "40" is not allowed');
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(cookieValue("a=1; elb_console=xyz; b=2", "elb_console")).toBe("xyz");
    expect(cookieValue("my_elb_console=1", "elb_console")).toBeUndefined();
    expect(cookieValue(undefined, "elb_console")).toBeUndefined();
  });
});

describe("console: the traffic window", () => {
  function harness() {
    const clock = new FakeClock();
    const members: DataPlaneCounters["members"] = {};
    const window = new TrafficWindow(clock, () => ({ members: structuredClone(members) }));
    /** `n` requests and one connection on `id` this second. */
    const serve = (id: string, n: number) => {
      const m = (members[id] ??= { requests: 0, connections: 0, active: 0 });
      m.requests += n;
      m.connections += 1;
    };
    const read = (id: string) => window.read(id, members[id] ?? { requests: 0, connections: 0 });
    return { clock, members, window, serve, read };
  }

  it("counts what each member served over the last minute, second by second, and forgets what is older", () => {
    const { clock, window, serve, read } = harness();
    window.start();
    serve("a", 5);
    clock.advance(1000);
    serve("a", 3);
    serve("b", 2);
    clock.advance(1000);
    expect(read("a")).toEqual({ requests: 8, connections: 2, perSecond: [5, 3] });
    expect(read("b")).toEqual({ requests: 2, connections: 1, perSecond: [0, 2] });
    // Traffic in the current second counts before its sample is taken.
    serve("b", 1);
    expect(read("b").requests).toBe(3);
    clock.advance(WINDOW_SECONDS * 1000);
    expect(read("a")).toEqual({ requests: 0, connections: 0, perSecond: new Array(WINDOW_SECONDS).fill(0) });
    expect(window.spanSeconds()).toBe(WINDOW_SECONDS);
    window.stop();
  });

  it("drops members the data plane no longer runs; a member counted anew starts from zero", () => {
    const { clock, members, window, serve, read } = harness();
    window.start();
    serve("a", 10);
    clock.advance(1000);
    delete members.a;
    clock.advance(1000);
    serve("a", 2);
    expect(read("a").requests).toBe(2);
    clock.advance(1000);
    // The old member's counts are gone: the window holds only the new one's 2 requests.
    expect(read("a")).toEqual({ requests: 2, connections: 1, perSecond: [0, 0, 2] });
    window.stop();
  });

  it("stops sampling when stopped", () => {
    const { clock, window, serve, read } = harness();
    window.start();
    window.stop();
    serve("a", 4);
    clock.advance(5000);
    expect(read("a")).toEqual({ requests: 4, connections: 1, perSecond: [] });
  });
});
