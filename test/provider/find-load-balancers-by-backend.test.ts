// findLoadBalancersByBackend: a backend server traced to its load balancers, listeners and pools
// through the API (M9), with the stack's `elb:*` config and credentials, as resources use them.
import * as pulumi from "@pulumi/pulumi";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findLoadBalancersByBackend, findLoadBalancersByBackendOutput, type FindLoadBalancersByBackendResult } from "../../provider/functions";
import { NET, testEngine, type Obj, type TestEngine } from "./harness/engine";
import { ElbClient } from "../../provider/client/http";
import { resolveSettings } from "../../provider/client/settings";

const PROJECT = "5e4d3c2b1a0f49e8d7c6b5a493827160";
const AK = "FINDBACKENDAK0000001";
const SK = "find-backend-secret-key";

let t: TestEngine;
let api: ElbClient;
const deadline = () => api.deadline(30_000);
const post = async (path: string, body: Obj) => Object.values(await api.post<Obj>(path, body, { deadline: deadline() }))[0] as Obj & { id: string };

/** Sets the stack config a program would see (`pulumi config set elb:...`). */
function stackConfig(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) pulumi.runtime.setConfig(k, v);
}
const CONFIG_KEYS = ["elb:endpoint", "elb:projectId", "elb:accessKey", "elb:secretKey", "elb:token"];

beforeAll(async () => {
  t = await testEngine({ credentials: { accessKeys: [{ ak: AK, sk: SK, projects: [PROJECT] }], tokens: [] } });
  api = new ElbClient(resolveSettings((k) => ({ "elb:endpoint": t.url, "elb:projectId": PROJECT, "elb:accessKey": AK, "elb:secretKey": SK })[k], {}));
});
afterAll(() => t?.close());
afterEach(() => {
  const all = pulumi.runtime.allConfig();
  pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(all).filter(([k]) => !CONFIG_KEYS.includes(k))));
});

describe("findLoadBalancersByBackend", () => {
  it("M9: finds every load balancer, listener and pool a backend address is in, with the stack's credentials", async () => {
    const lb = await post("/loadbalancers", { loadbalancer: { name: "web", availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateSubnetA } });
    const other = await post("/loadbalancers", { loadbalancer: { name: "other", availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateSubnetA } });
    const http = await post("/listeners", { listener: { loadbalancer_id: lb.id, protocol: "HTTP", protocol_port: 80 } });
    const tcp = await post("/listeners", { listener: { loadbalancer_id: lb.id, protocol: "TCP", protocol_port: 9000 } });
    const webPool = await post("/pools", { pool: { listener_id: http.id, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } });
    const tcpPool = await post("/pools", { pool: { listener_id: tcp.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } });
    const spare = await post("/pools", { pool: { loadbalancer_id: other.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } });
    const member = (pool: string, address: string, port: number) =>
      post(`/pools/${pool}/members`, { member: { address, protocol_port: port, subnet_cidr_id: NET.privateSubnetA } });
    const inWeb = await member(webPool.id, "192.168.0.10", 8080);
    const inTcp = await member(tcpPool.id, "192.168.0.10", 9090);
    await member(spare.id, "192.168.0.11", 9090);

    stackConfig({ "elb:endpoint": t.url, "elb:projectId": PROJECT, "elb:accessKey": AK, "elb:secretKey": SK });
    const found = await findLoadBalancersByBackend({ address: "192.168.0.10" });
    expect(found.members.map((m) => [m.id, m.poolId, m.loadbalancerId, m.protocolPort]).sort()).toEqual(
      [
        [inWeb.id, webPool.id, lb.id, 8080],
        [inTcp.id, tcpPool.id, lb.id, 9090],
      ].sort(),
    );
    expect(found.loadBalancers).toEqual([{ id: lb.id, name: "web", vipAddress: lb.vip_address, provisioningStatus: "ACTIVE" }]);
    expect(found.listeners.map((l) => [l.id, l.protocol, l.protocolPort, l.defaultPoolId]).sort()).toEqual(
      [
        [http.id, "HTTP", 80, webPool.id],
        [tcp.id, "TCP", 9000, tcpPool.id],
      ].sort(),
    );
    expect(found.pools.map((p) => [p.id, p.listenerIds, p.loadbalancerId]).sort()).toEqual(
      [
        [webPool.id, [http.id], lb.id],
        [tcpPool.id, [tcp.id], lb.id],
      ].sort(),
    );

    // By member id: that member only.
    const one = await findLoadBalancersByBackend({ memberId: inTcp.id });
    expect([one.members.map((m) => m.id), one.listeners.map((l) => l.id), one.loadBalancers.map((l) => l.id)]).toEqual([[inTcp.id], [tcp.id], [lb.id]]);

    // An address no member has finds nothing, and makes no further calls.
    expect(await findLoadBalancersByBackend({ address: "192.168.0.99" })).toEqual({ members: [], pools: [], listeners: [], loadBalancers: [] });

    // The Output variant waits for its inputs, as a member's address from a resource.
    const later = findLoadBalancersByBackendOutput({ address: pulumi.output(Promise.resolve("192.168.0.11")) });
    const got = await new Promise<FindLoadBalancersByBackendResult>((resolve) => later.apply(resolve));
    expect(got.loadBalancers.map((l) => l.name)).toEqual(["other"]);
    expect(got.listeners).toEqual([]);
  });

  it("uses the stack's credentials: a wrong secret key is refused by a strict engine, naming no secret", async () => {
    stackConfig({ "elb:endpoint": t.url, "elb:projectId": PROJECT, "elb:accessKey": AK, "elb:secretKey": "not-the-secret" });
    const err = await findLoadBalancersByBackend({ address: "192.168.0.10" }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/APIGW\.0301/);
    expect(err?.message).not.toContain("not-the-secret");
  });

  it("refuses bad arguments naming the argument, the value and what is allowed", async () => {
    await expect(findLoadBalancersByBackend({})).rejects.toThrow(/'address' is required when memberId is not given, allowed an IPv4 or IPv6 address/);
    await expect(findLoadBalancersByBackend({ address: "300.1.1.1" })).rejects.toThrow(/'address' "300\.1\.1\.1" is not a valid address, allowed an IPv4 or IPv6 address/);
    await expect(findLoadBalancersByBackend({ memberId: "m-1" })).rejects.toThrow(/'memberId' "m-1" is not a UUID, allowed a UUID/);
  });
});
