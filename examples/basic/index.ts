// A load balancer on the local engine's loopback subnet, so it carries real traffic on this
// machine: an HTTP listener on 8080 whose ROUND_ROBIN pool (slow start on) spreads requests over
// three weighted members and drops them when an HTTP health check fails, plus a TCP listener on
// 9000 whose SOURCE_IP pool keeps each client on one backend.
//
// Run it from the repository root (Pulumi.yaml points here) against `npm start`; no
// configuration is needed. `basic:tcpPort` moves the TCP listener, which replaces it.
import * as pulumi from "@pulumi/pulumi";
import * as elb from "pulumi-elb";

/** The seeded loopback subnet (127.0.0.0/8) of the local engine, by its neutron_subnet_id. */
const LOOPBACK_SUBNET = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";

const config = new pulumi.Config("basic");
const tcpPort = config.getNumber("tcpPort") ?? 9000;

const lb = new elb.LoadBalancer("web", {
  name: "web",
  availabilityZoneList: ["local-1a"],
  vipSubnetCidrId: LOOPBACK_SUBNET,
});

const http = new elb.Listener("http", { loadbalancerId: lb.id, protocol: "HTTP", protocolPort: 8080, name: "http" });

const webPool = new elb.Pool("web-pool", {
  listenerId: http.id,
  protocol: "HTTP",
  lbAlgorithm: "ROUND_ROBIN",
  // New members ramp up over a minute instead of taking their full share at once.
  slowStart: { enable: true, duration: 60 },
});

// Five, three and one parts of the traffic.
const weights = [5, 3, 1];
export const webMembers = weights.map(
  (weight, i) =>
    new elb.Member(`web-${i + 1}`, {
      poolId: webPool.id,
      address: `127.0.0.${11 + i}`,
      protocolPort: 8081 + i,
      subnetCidrId: LOOPBACK_SUBNET,
      weight,
    }).id,
);

new elb.HealthMonitor("web-check", {
  poolId: webPool.id,
  type: "HTTP",
  delay: 5,
  timeout: 3,
  maxRetries: 2,
  urlPath: "/healthz",
  expectedCodes: "200",
});

const tcp = new elb.Listener("tcp", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: tcpPort, name: "tcp" });

const tcpPool = new elb.Pool("tcp-pool", { listenerId: tcp.id, protocol: "TCP", lbAlgorithm: "SOURCE_IP" });

export const tcpMembers = [0, 1].map(
  (i) => new elb.Member(`tcp-${i + 1}`, { poolId: tcpPool.id, address: `127.0.0.${21 + i}`, protocolPort: 7001 + i, subnetCidrId: LOOPBACK_SUBNET }).id,
);

export const loadBalancerId = lb.id;
export const vipAddress = lb.vipAddress;
export const webUrl = pulumi.interpolate`http://${lb.vipAddress}:8080/`;
export const tcpEndpoint = pulumi.interpolate`${lb.vipAddress}:${tcp.protocolPort}`;
