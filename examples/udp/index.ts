// A UDP service on the local engine's loopback subnet: a UDP listener whose ROUND_ROBIN pool
// spreads flows (one per client address and port) over three UDP echo servers by weights 3:2:1,
// and a UDP_CONNECT health monitor that takes a server out when its port answers with ICMP
// port-unreachable. A flow stays on its server until it has been idle for `keepaliveTimeout`.
//
// Start the echo servers (127.0.0.41-43 on `udp:echoPort`, default 5301) with
// `node examples/udp/echo.mjs`, then `pulumi up -C examples/udp` against `npm start`;
// `node examples/udp/echo.mjs ask <vipAddress> 5300 12` sends twelve flows and prints who answered.
import * as pulumi from "@pulumi/pulumi";
import * as elb from "pulumi-elb";

/** The seeded loopback subnet (127.0.0.0/8) of the local engine, by its neutron_subnet_id. */
const LOOPBACK_SUBNET = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";

const config = new pulumi.Config("udp");
const port = config.getNumber("port") ?? 5300;
const echoPort = config.getNumber("echoPort") ?? 5301;

const lb = new elb.LoadBalancer("udp", {
  name: "udp",
  availabilityZoneList: ["local-1a"],
  vipSubnetCidrId: LOOPBACK_SUBNET,
});

// Huawei applies the idle timeout to UDP listeners too: 10-4000 s, 300 when left out.
const listener = new elb.Listener("echo", { loadbalancerId: lb.id, protocol: "UDP", protocolPort: port, keepaliveTimeout: 60 });

const pool = new elb.Pool("echo-pool", { listenerId: listener.id, protocol: "UDP", lbAlgorithm: "ROUND_ROBIN" });

// Three, two and one parts of the flows.
const weights = [3, 2, 1];
export const memberIds = weights.map(
  (weight, i) =>
    new elb.Member(`echo-${i + 1}`, {
      poolId: pool.id,
      address: `127.0.0.${41 + i}`,
      protocolPort: echoPort,
      subnetCidrId: LOOPBACK_SUBNET,
      weight,
    }).id,
);

// UDP pools take UDP_CONNECT checks only; they have no path or expected codes.
new elb.HealthMonitor("echo-check", { poolId: pool.id, type: "UDP_CONNECT", delay: 2, timeout: 1, maxRetries: 2 });

export const loadBalancerId = lb.id;
export const vipAddress = lb.vipAddress;
export const poolId = pool.id;
export const endpoint = pulumi.interpolate`${lb.vipAddress}:${listener.protocolPort}`;
