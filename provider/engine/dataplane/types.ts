// The contract between the engine's control plane and its data plane.
//
// The control plane owns configuration; the data plane reads the stored objects (all projects)
// once when it starts and then follows every change the model commits, as typed stored objects:
// nothing is rendered for it. Health and traffic counters live only here and are never
// persisted (G8): a restart rebuilds them from the stored objects.
import type { Clock } from "../clock";
import type { HealthTransition, ProbeRecord } from "./health-history";
import type { RampPhase } from "./slow-start";
import type { StoredCertificate, StoredIpGroup, StoredSecurityPolicy, StoredHealthMonitor, StoredListener, StoredLoadBalancer, StoredMember, StoredPool } from "../../spec/types";

/** What the data plane reads of each stored object (the spec's stored types, narrowed). */
export type LoadBalancerConfig = Pick<StoredLoadBalancer, "id" | "vip_address" | "admin_state_up">;
export type ListenerConfig = Pick<
  StoredListener,
  "id" | "loadbalancer_id" | "protocol" | "protocol_port" | "default_pool_id" | "member_timeout" | "client_timeout" | "keepalive_timeout" | "admin_state_up"
  | "default_tls_container_ref"
  | "sni_container_refs"
  | "client_ca_tls_container_ref"
  | "tls_ciphers_policy"
  | "sni_match_algo"
  | "security_policy_id"
  | "ipgroup"
> &
  /** Traffic settings (D7-D10); absent from objects stored before they existed, which then behave as their defaults. */
  Partial<Pick<StoredListener, "insert_headers" | "proxy_protocol_enable" | "transparent_client_ip_enable" | "gzip_enable" | "connection">>;
export type PoolConfig = Pick<StoredPool, "id" | "protocol" | "lb_algorithm" | "session_persistence" | "slow_start" | "admin_state_up"> &
  /** D6; absent from pools stored before it existed. */
  Partial<Pick<StoredPool, "connection_drain">>;
export type MemberConfig = Pick<StoredMember, "id" | "pool_id" | "address" | "protocol_port" | "weight" | "admin_state_up" | "created_at"> &
  /** D8: an IP backend does not see the client's address as the source (Huawei). */
  Partial<Pick<StoredMember, "member_type">>;
export type MonitorConfig = Pick<
  StoredHealthMonitor,
  "id" | "pool_id" | "type" | "delay" | "timeout" | "max_retries" | "max_retries_down" | "monitor_port" | "url_path" | "expected_codes" | "http_method" | "domain_name" | "admin_state_up"
>;
export type IpGroupConfig = Pick<StoredIpGroup, "id" | "ip_list">;
export type SecurityPolicyConfig = Pick<StoredSecurityPolicy, "id" | "protocols" | "ciphers">;
export type CertificateConfig = Pick<StoredCertificate, "id" | "type" | "certificate" | "private_key" | "domain">;
export type SessionPersistence = NonNullable<StoredPool["session_persistence"]>;

/** The configuration objects of each kind. */
export interface ConfigObjects {
  loadbalancer: LoadBalancerConfig;
  listener: ListenerConfig;
  pool: PoolConfig;
  member: MemberConfig;
  healthmonitor: MonitorConfig;
  certificate: CertificateConfig;
  security_policy: SecurityPolicyConfig;
  ipgroup: IpGroupConfig;
}
export type ConfigKind = keyof ConfigObjects;

/** One committed change: an object stored (created or replaced whole) or deleted. */
export type ConfigChange = { [K in ConfigKind]: { op: "put"; kind: K; obj: ConfigObjects[K] } | { op: "delete"; kind: K; id: string } }[ConfigKind];

/** A change to an object the data plane does not read (a project's settings): skipped. */
export type OtherChange = { op: "put"; kind: "settings"; obj: { id: string } } | { op: "delete"; kind: "settings"; id: string };

/** Where the configuration comes from: the engine's model, or a test's own objects. */
export interface ConfigSource {
  /** Every stored object of a kind, now. */
  all<K extends ConfigKind>(kind: K): Iterable<ConfigObjects[K]>;
  /** Calls `listener` with every commit's changes once they are applied; returns the unsubscribe function. */
  onChange(listener: (changes: readonly (ConfigChange | OtherChange)[]) => void): () => void;
}

/** Member health as the data plane sees it (D3, M7); never persisted. */
export type MemberHealth = "ONLINE" | "OFFLINE" | "INITIAL";

export interface ListenerStatus {
  carrying: boolean;
  /** Why the listener carries no traffic, or a caveat about the traffic it carries. */
  reason?: string;
}

export interface MemberCounters {
  /** Times the member was chosen: HTTP requests (L7), client connections or UDP flows (L4). */
  requests: number;
  /** Connections the engine opened to the member (L7 reuses them through keep-alive; one upstream socket per UDP flow). */
  connections: number;
  /** In flight now: requests awaiting their response (L7), open connections or live UDP flows (L4). This is
   *  the "connections" that weighted least connections divides by the weight (D2). */
  active: number;
}

/** One member as the data plane runs it right now (for the console). */
export interface MemberView {
  /** undefined when the member is not health-checked. */
  health: MemberHealth | undefined;
  /** The weight it competes with now (D2-D4). */
  effectiveWeight: number;
  /** Slow start (D4): waiting for the first healthy check, ramping (factor < 1), or none. */
  ramp: { phase: RampPhase; startedAt: number | null; factor: number };
  /** Requests or connections in flight. */
  active: number;
  probes: ProbeRecord[];
  transitions: HealthTransition[];
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
