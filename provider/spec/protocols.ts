// Cross-resource protocol rules, in one place: port spaces (S2), listener → pool pairings (P2),
// health monitor types by pool protocol (H2), and which protocols carry layer-7 settings (S7).

export const LISTENER_PROTOCOLS = ["TCP", "UDP", "HTTP", "HTTPS", "TERMINATED_HTTPS", "QUIC", "TLS"] as const;
export type ListenerProtocol = "TCP" | "UDP" | "HTTP" | "HTTPS" | "QUIC" | "TLS";

export const POOL_PROTOCOLS = ["TCP", "UDP", "HTTP", "HTTPS", "QUIC", "TLS", "GRPC"] as const;
export type PoolProtocol = (typeof POOL_PROTOCOLS)[number];

export const MONITOR_TYPES = ["TCP", "UDP_CONNECT", "HTTP", "HTTPS", "TLS", "GRPC"] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

/** S1: `TERMINATED_HTTPS` is stored as `HTTPS` on dedicated load balancers. */
export const normalizeListenerProtocol = (p: string): string => (p === "TERMINATED_HTTPS" ? "HTTPS" : p);

/** S2: listeners of one load balancer share a port only across different port spaces. */
export const portSpace = (protocol: string): "stream" | "datagram" =>
  protocol === "UDP" || protocol === "QUIC" ? "datagram" : "stream";

/** S3: listeners that terminate TLS need a server certificate. */
export const needsCertificate = (protocol: string): boolean => ["HTTPS", "TERMINATED_HTTPS", "TLS", "QUIC"].includes(protocol);

/** S7: layer-7 listeners (the ones whose timeouts, headers and retries mean anything). */
export const isLayer7Listener = (protocol: string): boolean => ["HTTP", "HTTPS", "TERMINATED_HTTPS", "QUIC"].includes(protocol);

/** S7: the keepalive_timeout range, by listener protocol (seconds). */
export const keepaliveRange = (protocol: string): [number, number] => (isLayer7Listener(protocol) ? [0, 4000] : [10, 4000]);

/** P2: which pool protocols a listener protocol may forward to. */
export const POOL_PROTOCOLS_FOR_LISTENER: Record<ListenerProtocol, readonly PoolProtocol[]> = {
  TCP: ["TCP"],
  UDP: ["UDP", "QUIC"],
  HTTP: ["HTTP"],
  HTTPS: ["HTTP", "HTTPS", "GRPC"],
  TLS: ["TLS", "TCP"],
  QUIC: ["HTTP", "HTTPS", "GRPC"],
};

/**
 * P2: why a listener cannot forward to a pool, or null when it can. GRPC pools behind an HTTPS
 * listener additionally need its `http2_enable`.
 */
export function pairingProblem(listenerProtocol: string, http2Enable: boolean, poolProtocol: string): string | null {
  const allowed = POOL_PROTOCOLS_FOR_LISTENER[normalizeListenerProtocol(listenerProtocol) as ListenerProtocol] ?? [];
  if (!allowed.includes(poolProtocol as PoolProtocol)) {
    return `a ${listenerProtocol} listener forwards only to ${allowed.join(" or ")} pools, not ${poolProtocol}`;
  }
  // HTTP/2 is the HTTPS listener's choice; a QUIC listener speaks HTTP/3 and always reports
  // http2_enable true (Huawei), so it forwards to GRPC pools as it is.
  if (poolProtocol === "GRPC" && normalizeListenerProtocol(listenerProtocol) === "HTTPS" && !http2Enable) {
    return "a GRPC pool needs its listener's http2_enable to be true";
  }
  return null;
}

/** H2: health monitor types allowed for a pool protocol. */
export function monitorTypesFor(poolProtocol: string): readonly MonitorType[] {
  if (poolProtocol === "UDP" || poolProtocol === "QUIC") return ["UDP_CONNECT"];
  if (poolProtocol === "TCP") return ["TCP", "HTTP", "HTTPS"];
  return ["TCP", "HTTP", "HTTPS", "TLS", "GRPC"];
}

/** P4: pools that may use slow start. */
export const slowStartProtocols = ["HTTP", "HTTPS"] as const;

/** P5: pools whose sticky sessions may use cookies, and their persistence timeout range (minutes). */
export const isHttpPool = (protocol: string): boolean => protocol === "HTTP" || protocol === "HTTPS";
export const persistenceTimeoutRange = (protocol: string): [number, number] => (isHttpPool(protocol) ? [1, 1440] : [1, 60]);

/** M5: pool protocols that accept IP-backend members. */
export const IP_MEMBER_POOL_PROTOCOLS = ["TCP", "HTTP", "HTTPS"] as const;

/** L4: listener protocols a load balancer with IP as a backend accepts. */
export const IP_TARGET_LISTENER_PROTOCOLS = ["TCP", "HTTP", "HTTPS", "TERMINATED_HTTPS"] as const;

/** S8: listeners that can send backend servers a PROXY protocol header. */
export const PROXY_PROTOCOL_LISTENERS = ["TCP", "TLS"] as const;

/** S8: listeners that compress responses (gzip_enable). */
export const GZIP_LISTENERS = ["HTTP", "HTTPS", "QUIC"] as const;

/**
 * S8: listeners that pass the client's address on. Dedicated load balancers always do, and a TLS
 * listener never can (ProxyProtocol carries it there instead).
 */
export const transparentClientIp = (listenerProtocol: string): boolean => normalizeListenerProtocol(listenerProtocol) !== "TLS";

/** P10: pools whose members' connections can be drained. */
export const CONNECTION_DRAIN_POOLS = ["TCP", "UDP", "QUIC"] as const;

/** D10: the media types a listener with gzip_enable compresses (Huawei's data compression page). */
export const GZIP_TYPES = [
  "text/html",
  "text/xml",
  "text/plain",
  "text/css",
  "application/javascript",
  "application/x-javascript",
  "application/rss+xml",
  "application/atom+xml",
  "application/xml",
  "application/json",
] as const;

/** D10: the response statuses whose bodies are compressed. */
export const GZIP_STATUSES = [200, 403, 404] as const;
