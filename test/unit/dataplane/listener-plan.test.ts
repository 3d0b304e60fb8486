import { describe, expect, it } from "vitest";
import { planListener } from "../../../provider/engine/dataplane/listener-plan";
import type { LoadBalancerConfig } from "../../../provider/engine/dataplane/types";
import { lb, listener } from "./fixtures";

const lbs = (...items: LoadBalancerConfig[]) => new Map(items.map((l) => [l.id, l]));

describe("which listeners carry traffic", () => {
  it("D1: a TCP or HTTP listener on a loopback VIP binds vip_address:protocol_port", () => {
    expect(planListener(listener("l1", "lb1", "HTTP", 8080, null), lbs(lb("lb1", "127.0.0.9")))).toEqual({
      carry: true,
      protocol: "HTTP",
      host: "127.0.0.9",
      port: 8080,
      key: "HTTP 127.0.0.9:8080",
    });
  });

  it("D1: a VIP outside 127.0.0.0/8 carries nothing, and says so", () => {
    const plan = planListener(listener("l1", "lb1", "TCP", 80, null), lbs(lb("lb1", "192.168.0.10")));
    expect(plan).toEqual({ carry: false, reason: expect.stringContaining("192.168.0.10; only VIPs in 127.0.0.0/8") });
  });

  it("D1: a UDP listener on a loopback VIP binds vip_address:protocol_port in its own port space", () => {
    expect(planListener(listener("l1", "lb1", "UDP", 8080, null), lbs(lb("lb1", "127.0.0.9")))).toEqual({
      carry: true,
      protocol: "UDP",
      host: "127.0.0.9",
      port: 8080,
      key: "UDP 127.0.0.9:8080",
    });
  });

  it("D1: QUIC is stored but not carried — a QUIC listener, and a UDP listener whose default pool is a QUIC pool, say so", () => {
    const vip = lbs(lb("lb1", "127.0.0.1"));
    expect(planListener(listener("l1", "lb1", "QUIC", 443, null), vip)).toEqual({
      carry: false,
      reason: "the listener is a QUIC listener; QUIC is stored and validated but not carried: Node.js has no QUIC",
    });
    const pools = new Map([["pq", { protocol: "QUIC" as const }], ["pu", { protocol: "UDP" as const }]]);
    expect(planListener(listener("l1", "lb1", "UDP", 443, "pq"), vip, pools)).toEqual({
      carry: false,
      reason: "its default pool pq is a QUIC pool; QUIC is stored and validated but not carried: Node.js has no QUIC",
    });
    expect(planListener(listener("l1", "lb1", "UDP", 443, "pu"), vip, pools).carry).toBe(true);
  });

  it("C8: an HTTPS listener is carried once its certificate is stored; verifying clients is part of its binding", () => {
    const cert = { id: "c1", type: "server" as const, certificate: "PEM", private_key: "KEY", domain: "www.example.test" };
    const https = listener("l1", "lb1", "HTTPS", 443, null, { default_tls_container_ref: "c1" });
    expect(planListener(https, lbs(lb("lb1", "127.0.0.1")))).toEqual({ carry: false, reason: "the listener's certificate c1 is not stored" });
    const found = (id: string) => (id === "c1" ? cert : undefined);
    expect(planListener(https, lbs(lb("lb1", "127.0.0.1")), new Map(), found)).toEqual({ carry: true, protocol: "HTTPS", host: "127.0.0.1", port: 443, key: "HTTPS 127.0.0.1:443" });
    const mtls = { ...https, client_ca_tls_container_ref: "ca" };
    expect(planListener(mtls, lbs(lb("lb1", "127.0.0.1")), new Map(), found)).toMatchObject({ carry: true, key: "HTTPS 127.0.0.1:443 verify-clients" });
  });

  it("C8: a TLS listener is carried like an HTTPS listener: once its certificate is stored, verifying clients part of its binding", () => {
    const cert = { id: "c1", type: "server" as const, certificate: "PEM", private_key: "KEY", domain: "www.example.test" };
    const secure = listener("l1", "lb1", "TLS", 8443, null, { default_tls_container_ref: "c1" });
    expect(planListener(secure, lbs(lb("lb1", "127.0.0.1")))).toEqual({ carry: false, reason: "the listener's certificate c1 is not stored" });
    const found = (id: string) => (id === "c1" ? cert : undefined);
    expect(planListener(secure, lbs(lb("lb1", "127.0.0.1")), new Map(), found)).toEqual({ carry: true, protocol: "TLS", host: "127.0.0.1", port: 8443, key: "TLS 127.0.0.1:8443" });
    const mtls = { ...secure, client_ca_tls_container_ref: "ca" };
    expect(planListener(mtls, lbs(lb("lb1", "127.0.0.1")), new Map(), found)).toMatchObject({ carry: true, key: "TLS 127.0.0.1:8443 verify-clients" });
  });

  it("D1: an administratively down listener or load balancer carries nothing", () => {
    expect(planListener(listener("l1", "lb1", "TCP", 80, null, { admin_state_up: false }), lbs(lb("lb1", "127.0.0.1"))).carry).toBe(false);
    expect(planListener(listener("l1", "lb1", "TCP", 80, null), lbs(lb("lb1", "127.0.0.1", { admin_state_up: false }))).carry).toBe(false);
    expect(planListener(listener("l1", "lbX", "TCP", 80, null), lbs())).toEqual({ carry: false, reason: "the listener has no load balancer" });
  });
});
