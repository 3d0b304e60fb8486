// The contract between the engine's control plane and its data plane.
//
// The control plane owns configuration; the data plane only reads it (a snapshot of the stored
// API objects, across all projects) and is told when it changed. Health and traffic counters
// live only here and are never persisted (G8): a restart rebuilds them from the snapshot.
import type { Clock } from "../clock";

/** `{ "id": ... }` reference lists, as the API returns them (G5). */
export interface Ref {
  id: string;
}

export interface LbObj {
  id: string;
  project_id: string;
  vip_address: string | null;
  vip_subnet_cidr_id: string | null;
  admin_state_up: boolean;
  provisioning_status: string;
}

export type ListenerProtocolName = "TCP" | "UDP" | "HTTP" | "HTTPS" | "QUIC" | "TLS";

export interface ListenerObj {
  id: string;
  loadbalancers: Ref[];
  protocol: ListenerProtocolName;
  protocol_port: number;
  default_pool_id: string | null;
  /** Seconds to wait for a member's response (layer 7 only). */
  member_timeout: number | null;
  /** Seconds to wait for a client's request (layer 7 only). */
  client_timeout: number | null;
  /** Idle seconds before a client connection is closed. */
  keepalive_timeout: number | null;
  admin_state_up: boolean;
}

export type LbAlgorithm = "ROUND_ROBIN" | "LEAST_CONNECTIONS" | "SOURCE_IP" | "QUIC_CID";
export type PersistenceType = "SOURCE_IP" | "HTTP_COOKIE" | "APP_COOKIE";

export interface SessionPersistence {
  type: PersistenceType;
  cookie_name: string | null;
  /** Minutes of inactivity after which a pin expires (null: the API default for the pool). */
  persistence_timeout: number | null;
}

export interface SlowStartConfig {
  enable: boolean;
  /** Seconds. */
  duration: number;
}

export interface PoolObj {
  id: string;
  protocol: string;
  lb_algorithm: LbAlgorithm;
  loadbalancers: Ref[];
  listeners: Ref[];
  healthmonitor_id: string | null;
  session_persistence: SessionPersistence | null;
  slow_start: SlowStartConfig | null;
  /** Optional here: a pool without the field is treated as up. */
  admin_state_up?: boolean;
}

export interface MemberObj {
  id: string;
  pool_id: string;
  address: string;
  protocol_port: number;
  /** 0-100; 0 takes the member out of new traffic (M1). */
  weight: number;
  admin_state_up: boolean;
  created_at: string;
}

export type MonitorType = "TCP" | "HTTP" | "HTTPS" | "UDP_CONNECT" | "TLS" | "GRPC";

export interface MonitorObj {
  id: string;
  pools: Ref[];
  type: MonitorType;
  /** Seconds between checks. */
  delay: number;
  /** Seconds a check may take. */
  timeout: number;
  /** Consecutive successes to go ONLINE. */
  max_retries: number;
  /** Consecutive failures to go OFFLINE. */
  max_retries_down: number;
  /** null: each member's own port. */
  monitor_port: number | null;
  url_path: string | null;
  /** "200", "200,202", "200-204" (gRPC status codes for GRPC checks). */
  expected_codes: string | null;
  http_method: string | null;
  /** Host header of HTTP/HTTPS checks; optional here. */
  domain_name?: string | null;
  admin_state_up: boolean;
}

export interface ConfigSnapshot {
  loadbalancers: LbObj[];
  listeners: ListenerObj[];
  pools: PoolObj[];
  members: MemberObj[];
  healthmonitors: MonitorObj[];
}

export interface ConfigSource {
  snapshot(): ConfigSnapshot;
  /** Calls `listener` after every configuration change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** Member health as the data plane sees it (D3, M7); never persisted. */
export type MemberHealth = "ONLINE" | "OFFLINE" | "INITIAL";

export interface ListenerStatus {
  carrying: boolean;
  /** Why the listener carries no traffic, or a caveat about the traffic it carries. */
  reason?: string;
}

export interface MemberCounters {
  /** Times the member was chosen: HTTP requests (L7) or client connections (L4). */
  requests: number;
  /** TCP connections the engine opened to the member (L7 reuses them through keep-alive). */
  connections: number;
  /** In flight now: requests awaiting their response (L7) or open connections (L4). This is
   *  the "connections" that weighted least connections divides by the weight (D2). */
  active: number;
}

export interface DataPlaneCounters {
  members: Record<string, MemberCounters>;
}

export interface DataPlaneOptions {
  clock: Clock;
  source: ConfigSource;
  /** Operational messages (listener bound, port refused, member went OFFLINE). */
  log?: (message: string) => void;
}
