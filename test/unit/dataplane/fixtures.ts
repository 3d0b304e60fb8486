// Builders for the stored objects the data plane reads (Huawei ELB v3 snake_case, the spec's
// stored types), with the defaults the API gives, so each test states only what it is about.
import { failed, passed, type ProbeResult } from "../../../provider/engine/dataplane/probes";
import type { ListenerConfig, LoadBalancerConfig, MemberConfig, MonitorConfig, PoolConfig } from "../../../provider/engine/dataplane/types";

let seq = 0;
/** Creation times increase with each member built, so API order (created_at, id) = build order. */
const createdAt = () => new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + seq++ * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

export const lb = (id: string, vip: string | null, extra: Partial<LoadBalancerConfig> = {}): LoadBalancerConfig => ({
  id,
  vip_address: vip,
  admin_state_up: true,
  ...extra,
});

export const listener = (
  id: string,
  lbId: string,
  protocol: ListenerConfig["protocol"],
  port: number,
  poolId: string | null,
  extra: Partial<ListenerConfig> = {},
): ListenerConfig => ({
  id,
  loadbalancer_id: lbId,
  protocol,
  protocol_port: port,
  default_pool_id: poolId,
  member_timeout: protocol === "HTTP" || protocol === "HTTPS" ? 60 : null,
  client_timeout: protocol === "HTTP" || protocol === "HTTPS" ? 60 : null,
  keepalive_timeout: protocol === "HTTP" || protocol === "HTTPS" ? 60 : 300,
  admin_state_up: true,
  default_tls_container_ref: null,
  sni_container_refs: [],
  client_ca_tls_container_ref: null,
  tls_ciphers_policy: protocol === "HTTPS" ? "tls-1-2" : null,
  sni_match_algo: protocol === "HTTPS" ? "wildcard" : null,
  security_policy_id: null,
  ipgroup: null,
  ...extra,
});

export const pool = (id: string, extra: Partial<PoolConfig> = {}): PoolConfig => ({
  id,
  protocol: "HTTP",
  lb_algorithm: "ROUND_ROBIN",
  session_persistence: null,
  slow_start: null,
  admin_state_up: true,
  ...extra,
});

export const member = (id: string, poolId: string, port: number, weight = 1, extra: Partial<MemberConfig> = {}): MemberConfig => ({
  id,
  pool_id: poolId,
  address: "127.0.0.1",
  protocol_port: port,
  weight,
  admin_state_up: true,
  created_at: createdAt(),
  ...extra,
});

export const monitor = (id: string, poolId: string, extra: Partial<MonitorConfig> = {}): MonitorConfig => ({
  id,
  pool_id: poolId,
  type: "TCP",
  delay: 5,
  timeout: 3,
  max_retries: 3,
  max_retries_down: 3,
  monitor_port: null,
  url_path: null,
  expected_codes: null,
  http_method: null,
  domain_name: null,
  admin_state_up: true,
  ...extra,
});

/** A scripted check's result: up passes as a TCP connect does, down is refused. */
export const scripted = (up: boolean): ProbeResult => (up ? passed("connected") : failed("refused", "connection refused"));

/** Runs pending promise callbacks and I/O callbacks once (probe results settle here). */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Longest run of `value` in `seq`. */
export function longestRun<T>(seq: readonly T[], value: T): number {
  let best = 0;
  let run = 0;
  for (const x of seq) {
    run = x === value ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

export function countBy<T extends string | number>(seq: readonly T[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of seq) out[String(x)] = (out[String(x)] ?? 0) + 1;
  return out;
}

/** For `PoolRuntime.update`: no new member joined a pool that already served (D4: none ramps). */
export const none = (): boolean => false;

/** For `PoolRuntime.update`: exactly these members joined a pool that already served (D4). */
export const only =
  (...ids: string[]) =>
  (id: string): boolean =>
    ids.includes(id);
