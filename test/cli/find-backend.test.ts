// findLoadBalancersByBackendOutput through the real CLI: a program that declares a member and
// exports where its address is served finds it in the stack's own load balancer and in one made
// outside the stack, reading the stack's `elb:*` config (a token kept as a secret) against an
// engine in strict mode.
import { describe, expect, inject, it } from "vitest";
import { NET, testEngine } from "../provider/harness/engine";
import { Project } from "./support/project";

const cli = inject("pulumiCli");

const PROJECT = "7a6b5c4d3e2f40a1b2c3d4e5f6a7b8c9";
const TOKEN = "find-backend-cli-token";

const PROGRAM = `
import * as elb from "pulumi-elb";
const SUBNET = "${NET.privateSubnetA}";
const lb = new elb.LoadBalancer("lb", { name: "stack", availabilityZoneList: ["local-1a"], vipSubnetCidrId: SUBNET });
const listener = new elb.Listener("http", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 80 });
const pool = new elb.Pool("pool", { listenerId: listener.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
const member = new elb.Member("web-1", { poolId: pool.id, address: "192.168.0.10", protocolPort: 8080, subnetCidrId: SUBNET });
export const where = elb.findLoadBalancersByBackendOutput({ address: member.address });
export const ids = { lb: lb.id, listener: listener.id, pool: pool.id, member: member.id };
`;

describe.skipIf(!cli)("findLoadBalancersByBackend through the real pulumi CLI", () => {
  it("M9: a program exports every load balancer, listener and pool its backend's address is in", async () => {
    const eng = await testEngine({ credentials: { accessKeys: [], tokens: [{ token: TOKEN, projects: [PROJECT] }] } });
    const p = await Project.create(cli!, { name: "find-backend", program: PROGRAM });
    try {
      // The same backend address in a load balancer made outside the stack.
      const auth = { "X-Auth-Token": TOKEN, "Content-Type": "application/json" };
      const call = async (path: string, body: unknown) => {
        const res = await fetch(`${eng.url}/v3/${PROJECT}/elb${path}`, { method: "POST", headers: auth, body: JSON.stringify(body) });
        return Object.values((await res.json()) as Record<string, { id: string }>)[0];
      };
      const legacy = await call("/loadbalancers", { loadbalancer: { name: "legacy", availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateSubnetA } });
      const legacyPool = await call("/pools", { pool: { loadbalancer_id: legacy.id, protocol: "TCP", lb_algorithm: "ROUND_ROBIN" } });
      const legacyMember = await call(`/pools/${legacyPool.id}/members`, { member: { address: "192.168.0.10", protocol_port: 22, subnet_cidr_id: NET.privateSubnetA } });

      await p.run(["config", "set-all", "--plaintext", `elb:endpoint=${eng.url}`, "--plaintext", `elb:projectId=${PROJECT}`, "--secret", `elb:token=${TOKEN}`]);
      const up = await p.up();
      // The secret token is read as the provider reads it, without the CLI's "secret read as plain" warning.
      expect(up.stdout + up.stderr).not.toMatch(/getSecret|is a secret/);
      const out = await p.outputs();
      const ids = out.ids as Record<string, string>;
      const where = out.where as {
        members: { id: string; poolId: string; loadbalancerId: string }[];
        pools: { id: string; listenerIds: string[] }[];
        listeners: { id: string; protocolPort: number; defaultPoolId: string }[];
        loadBalancers: { id: string; name: string }[];
      };
      expect(where.members.map((m) => [m.id, m.poolId, m.loadbalancerId]).sort()).toEqual(
        [
          [ids.member, ids.pool, ids.lb],
          [legacyMember.id, legacyPool.id, legacy.id],
        ].sort(),
      );
      expect(where.loadBalancers.map((l) => l.name).sort()).toEqual(["legacy", "stack"]);
      expect(where.listeners).toEqual([expect.objectContaining({ id: ids.listener, protocolPort: 80, defaultPoolId: ids.pool })]);
      expect(where.pools.map((x) => [x.id, x.listenerIds]).sort()).toEqual(
        [
          [ids.pool, [ids.listener]],
          [legacyPool.id, []],
        ].sort(),
      );
    } finally {
      p.cleanup();
      await eng.close();
    }
  });
});
