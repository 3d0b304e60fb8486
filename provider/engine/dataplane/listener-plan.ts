// Which listeners carry traffic, and why not when they don't (D1). A listener is carried when
// its load balancer's VIP is in 127.0.0.0/8, both are administratively up, and its protocol is
// TCP, HTTP or HTTPS (with its server certificate stored, C8); it then binds
// `vip_address:protocol_port`. Everything else is reported through listenerStatus in the
// user's terms. Pure.
import { isLoopbackV4 } from "./addresses";
import type { CertificateLookup } from "./tls";
import type { LoadBalancerConfig, ListenerConfig } from "./types";

export type CarriedProtocol = "TCP" | "HTTP" | "HTTPS";

export type ListenerPlan =
  | { carry: true; protocol: CarriedProtocol; host: string; port: number; key: string }
  | { carry: false; reason: string };

export function planListener(
  listener: ListenerConfig,
  loadbalancers: ReadonlyMap<string, LoadBalancerConfig>,
  certificates: CertificateLookup = () => undefined,
): ListenerPlan {
  const lb = loadbalancers.get(listener.loadbalancer_id);
  if (!lb) return { carry: false, reason: "the listener has no load balancer" };
  if (!isLoopbackV4(lb.vip_address)) {
    return {
      carry: false,
      reason: `load balancer ${lb.id} has VIP ${lb.vip_address ?? "none"}; only VIPs in 127.0.0.0/8 carry traffic on this machine`,
    };
  }
  if (!lb.admin_state_up) return { carry: false, reason: `load balancer ${lb.id} is administratively down (admin_state_up false)` };
  if (!listener.admin_state_up) return { carry: false, reason: "the listener is administratively down (admin_state_up false)" };
  if (listener.protocol !== "TCP" && listener.protocol !== "HTTP" && listener.protocol !== "HTTPS") {
    return {
      carry: false,
      reason: `${listener.protocol} listeners carry no traffic in the reference engine; only TCP, HTTP and HTTPS are carried`,
    };
  }
  const host = lb.vip_address;
  const port = listener.protocol_port;
  if (listener.protocol === "HTTPS") {
    const cert = listener.default_tls_container_ref ? certificates(listener.default_tls_container_ref) : undefined;
    if (!cert) return { carry: false, reason: `the listener's certificate ${listener.default_tls_container_ref ?? "(none)"} is not stored` };
    // Verifying clients is decided when the socket is made: turning it on or off rebinds.
    const mtls = listener.client_ca_tls_container_ref ? " verify-clients" : "";
    return { carry: true, protocol: "HTTPS", host, port, key: `HTTPS ${host}:${port}${mtls}` };
  }
  return { carry: true, protocol: listener.protocol, host, port, key: `${listener.protocol} ${host}:${port}` };
}
