// Hundreds of backends in one pool with MemberSet: the set owns every member of the pool and
// applies only what changed, through the batch endpoints (at most 200 per call). Growing the
// fleet, draining a server (weight 0) or removing one is one small update, not hundreds of
// resources; members added by hand show up as drift on `pulumi refresh`.
import * as pulumi from "@pulumi/pulumi";
import * as elb from "pulumi-elb";

/** The seeded private subnet 192.168.0.0/24 of the local engine, by its neutron_subnet_id. */
const PRIVATE_SUBNET = "9d2e4f60-1a2b-4c3d-8e4f-000000000002";

const config = new pulumi.Config("fleet");
/** How many backends: 1-253, the host addresses of 192.168.0.0/24. */
const size = config.getNumber("size") ?? 240;
/** Backends taken out of rotation (weight 0) without removing them. */
const drained = new Set(config.getObject<number[]>("drained") ?? []);

const lb = new elb.LoadBalancer("fleet", { name: "fleet", availabilityZoneList: ["local-1a"], vipSubnetCidrId: PRIVATE_SUBNET });
const listener = new elb.Listener("fleet-tcp", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 443 });
const pool = new elb.Pool("fleet-pool", { listenerId: listener.id, protocol: "TCP", lbAlgorithm: "LEAST_CONNECTIONS" });

const members = new elb.MemberSet("fleet-members", {
  poolId: pool.id,
  members: Array.from({ length: size }, (_, i) => ({
    address: `192.168.0.${i + 2}`,
    protocolPort: 8443,
    subnetCidrId: PRIVATE_SUBNET,
    weight: drained.has(i) ? 0 : 10,
    name: `node-${i}`,
  })),
});

export const poolId = pool.id;
export const memberCount = members.members.apply((m) => m.length);
