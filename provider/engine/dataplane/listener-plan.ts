// Which listeners carry traffic, and why not when they don't (D1). A listener is carried when
// its load balancer's VIP is in 127.0.0.0/8, both are administratively up, and its protocol is
// TCP, UDP, HTTP, HTTPS or TLS (HTTPS and TLS with their server certificate stored, C8); it then binds
// `vip_address:protocol_port`. QUIC listeners, and UDP listeners whose default pool is a QUIC
// pool, are stored and validated but not carried: Node has no QUIC. Everything else is reported
// through listenerStatus in the user's terms. Pure.
import { isLoopbackV4 } from "./addresses";
import type { CertificateLookup } from "./tls";
import type { LoadBalancerConfig, ListenerConfig, PoolConfig } from "./types";

export type CarriedProtocol = "TCP" | "UDP" | "HTTP" | "HTTPS" | "TLS";

const CARRIED: readonly string[] = ["TCP", "UDP", "HTTP", "HTTPS", "TLS"] satisfies CarriedProtocol[];

/** Why QUIC traffic is not carried, in one place for QUIC listeners and QUIC pools. */
const NO_QUIC = "QUIC is stored and validated but not carried: Node.js has no QUIC";

export type ListenerPlan =
  | { carry: true; protocol: CarriedProtocol; host: string; port: number; key: string }
  | { carry: false; reason: string };

export function planListener(
  listener: ListenerConfig,
  loadbalancers: ReadonlyMap<string, LoadBalancerConfig>,
  pools: ReadonlyMap<string, Pick<PoolConfig, "protocol">> = new Map(),
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
  if (listener.protocol === "QUIC") return { carry: false, reason: `the listener is a QUIC listener; ${NO_QUIC}` };
  if (!CARRIED.includes(listener.protocol)) {
    return {
      carry: false,
      reason: `${listener.protocol} listeners carry no traffic in the reference engine; only TCP, UDP, HTTP, HTTPS and TLS are carried`,
    };
  }
  // P2: a UDP listener may forward to a QUIC pool.
  const pool = listener.default_pool_id ? pools.get(listener.default_pool_id) : undefined;
  if (pool?.protocol === "QUIC") return { carry: false, reason: `its default pool ${listener.default_pool_id} is a QUIC pool; ${NO_QUIC}` };
  const host = lb.vip_address;
  const port = listener.protocol_port;
  if (listener.protocol === "HTTPS" || listener.protocol === "TLS") {
    const protocol = listener.protocol;
    const cert = listener.default_tls_container_ref ? certificates(listener.default_tls_container_ref) : undefined;
    if (!cert) return { carry: false, reason: `the listener's certificate ${listener.default_tls_container_ref ?? "(none)"} is not stored` };
    // Verifying clients is decided when the socket is made: turning it on or off rebinds.
    const mtls = listener.client_ca_tls_container_ref ? " verify-clients" : "";
    return { carry: true, protocol, host, port, key: `${protocol} ${host}:${port}${mtls}` };
  }
  const protocol = listener.protocol as CarriedProtocol;
  return { carry: true, protocol, host, port, key: `${protocol} ${host}:${port}` };
}
