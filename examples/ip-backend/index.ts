// IP as a backend: a load balancer with `ipTargetEnable` forwards to servers given only by their
// private IP address (members without `subnetCidrId`), here across VPC borders to 10.1.0.0/24
// and 192.168.1.0/24 as well as to loopback servers that carry real traffic on this machine.
//
// `ipTargetEnable` can only be switched on in place; switching it off replaces the load balancer.
import * as elb from "pulumi-elb";

/** The seeded loopback subnet (127.0.0.0/8) of the local engine, by its neutron_subnet_id. */
const LOOPBACK_SUBNET = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";

const lb = new elb.LoadBalancer("hybrid", {
  name: "hybrid",
  availabilityZoneList: ["local-1a", "local-1b"],
  vipSubnetCidrId: LOOPBACK_SUBNET,
  ipTargetEnable: true,
});

const listener = new elb.Listener("api", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 8180 });

const pool = new elb.Pool("api-pool", { listenerId: listener.id, protocol: "HTTP", lbAlgorithm: "LEAST_CONNECTIONS", type: "ip" });

// Private addresses only; a public address is refused at preview.
const backends = [
  { address: "127.0.0.31", protocolPort: 8181, weight: 2 },
  { address: "10.1.0.15", protocolPort: 80, weight: 1 },
  { address: "192.168.1.20", protocolPort: 80, weight: 0 }, // drained: no new requests
];

export const memberIds = backends.map((b, i) => new elb.Member(`ip-${i + 1}`, { poolId: pool.id, ...b }).id);

new elb.HealthMonitor("api-check", { poolId: pool.id, type: "TCP", delay: 10, timeout: 5, maxRetries: 3 });

export const vipAddress = lb.vipAddress;
export const poolId = pool.id;
