// Rules that can be decided from one resource's own fields. The engine runs them on the object
// a request would store (rules L, S, P, M, H); the provider runs them in `check`, so a stack
// fails at preview with the same words instead of half-way through `pulumi up`.
//
// `obj` uses API names. A value may be `UNKNOWN` (not known until apply, during preview); a rule
// that needs an unknown value does not fire. `sent` is the set of fields the request or the
// program actually gave, for rules about fields that are only allowed in some cases.
import { HIDDEN, isIPv4, violation, type Violation } from "./kinds";
import { readCertificates, readPrivateKey } from "./pem";
import { cipherSuits } from "./security-policy";
import {
  CONNECTION_DRAIN_POOLS,
  GZIP_LISTENERS,
  isHttpPool,
  isLayer7Listener,
  keepaliveRange,
  needsCertificate,
  normalizeListenerProtocol,
  persistenceTimeoutRange,
  PROXY_PROTOCOL_LISTENERS,
  slowStartProtocols,
  transparentClientIp,
} from "./protocols";
import type { ResourceKind } from "./resource";
import { FLAVOR_FIELDS, FLAVORS, flavorById } from "./flavors";
import { ipEntryKey } from "./ipgroup";

export const UNKNOWN: unique symbol = Symbol("unknown");

type Obj = Record<string, unknown>;
const isSet = (v: unknown) => v !== undefined && v !== null;
const known = (...vs: unknown[]) => vs.every((v) => v !== UNKNOWN);
const asObj = (v: unknown): Obj | null => (v !== UNKNOWN && v && typeof v === "object" ? (v as Obj) : null);

/** M5: private IPv4 ranges an IP backend may use (plus loopback, so IP backends carry traffic here). */
export function isPrivateIPv4(address: string): boolean {
  if (!isIPv4(address)) return false;
  const [a, b] = address.split(".").map(Number);
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

/** F3: the engine takes no orders; a value that would place one is refused with this. */
export const NO_ORDERS = "is a prepaid order, and the engine takes no orders";
const PAY_PER_USE = "pay-per-use only: leave it out, or \"\" or null";

/** F1: a flavor field names a flavor of its layer. */
function flavorRules(o: Obj, sent: Sent): Violation[] {
  const out: Violation[] = [];
  const auto = asObj(o.autoscaling);
  const values: Record<keyof typeof FLAVOR_FIELDS, unknown> = { l4_flavor_id: o.l4_flavor_id, l7_flavor_id: o.l7_flavor_id, "autoscaling.min_l7_flavor_id": auto?.min_l7_flavor_id };
  for (const [field, type] of Object.entries(FLAVOR_FIELDS)) {
    const id = values[field as keyof typeof FLAVOR_FIELDS];
    if (typeof id !== "string") continue;
    const f = flavorById(id);
    if (!f || f.type !== type) {
      const ids = FLAVORS.filter((x) => x.type === type).map((x) => x.id);
      out.push(violation(field, id, f ? `is a ${f.type} flavor` : "is not a known flavor", `an ${type} flavor: one of ${ids.join(", ")}`));
    }
  }
  // A load balancer keeps at least one layer: it could take no listener at all otherwise. Only a
  // request that names a flavor can take one away (a create naming neither takes both defaults).
  if ((sent.has("l4_flavor_id") || sent.has("l7_flavor_id")) && known(o.l4_flavor_id, o.l7_flavor_id) && !isSet(o.l4_flavor_id) && !isSet(o.l7_flavor_id)) {
    const field = sent.has("l7_flavor_id") ? "l7_flavor_id" : "l4_flavor_id";
    out.push(violation(field, null, "would leave the load balancer without a flavor", "an L4 or an L7 flavor, at least one of the two"));
  }
  return out;
}

function loadBalancerRules(o: Obj, mode: "create" | "update", sent: Sent): Violation[] {
  const out: Violation[] = flavorRules(o, sent);
  // F3: pay-per-use only; the engine places no yearly or monthly orders.
  if (typeof o.billing_info === "string" && o.billing_info !== "") out.push(violation("billing_info", o.billing_info, NO_ORDERS, PAY_PER_USE));
  if (isSet(o.prepaid_options) && known(o.prepaid_options) && sent.has("prepaid_options")) out.push(violation("prepaid_options", o.prepaid_options, NO_ORDERS, "null (pay-per-use)"));
  const eip = asObj(o.publicip);
  if (eip) {
    if (typeof eip.billing_info === "string" && eip.billing_info !== "") out.push(violation("publicip.billing_info", eip.billing_info, NO_ORDERS, PAY_PER_USE));
    const bw = asObj(eip.bandwidth);
    if (bw) {
      if (typeof bw.billing_info === "string" && bw.billing_info !== "") out.push(violation("publicip.bandwidth.billing_info", bw.billing_info, NO_ORDERS, PAY_PER_USE));
      // Huawei: a new bandwidth needs size, charge_mode and share_type; WHOLE names an existing shared one.
      if (bw.share_type === "WHOLE" && known(bw.id) && !isSet(bw.id)) out.push(violation("publicip.bandwidth.id", undefined, "is required with share_type WHOLE", "a shared bandwidth id"));
      if (known(bw.id) && !isSet(bw.id)) {
        for (const f of ["size", "charge_mode", "share_type"]) {
          if (known(bw[f]) && !isSet(bw[f])) out.push(violation(`publicip.bandwidth.${f}`, undefined, "is required for a new bandwidth", "a value, or bandwidth.id for a shared bandwidth"));
        }
      }
    }
    if (sent.has("publicip_ids") && isSet(o.publicip_ids)) out.push(violation("publicip_ids", o.publicip_ids, "cannot be combined with publicip", "one of publicip and publicip_ids"));
    if (eip.ip_version === 4 || eip.ip_version === undefined) {
      if (known(o.vip_subnet_cidr_id) && !isSet(o.vip_subnet_cidr_id)) out.push(violation("publicip", eip, "needs an IPv4 VIP to bind to", "publicip with vip_subnet_cidr_id"));
    } else if (known(o.ipv6_vip_virsubnet_id) && !isSet(o.ipv6_vip_virsubnet_id)) {
      out.push(violation("publicip.ip_version", eip.ip_version, "needs an IPv6 VIP to bind to", "4, or 6 with ipv6_vip_virsubnet_id"));
    }
  }
  // An IPv6 address and bandwidth belong to an IPv6 VIP.
  if (isSet(o.ipv6_vip_address) && known(o.ipv6_vip_address, o.ipv6_vip_virsubnet_id) && !isSet(o.ipv6_vip_virsubnet_id)) {
    out.push(violation("ipv6_vip_address", o.ipv6_vip_address, "needs ipv6_vip_virsubnet_id to say which subnet it is in"));
  }
  if (isSet(o.ipv6_bandwidth) && known(o.ipv6_bandwidth, o.ipv6_vip_virsubnet_id) && !isSet(o.ipv6_vip_virsubnet_id)) {
    out.push(violation("ipv6_bandwidth", o.ipv6_bandwidth, "needs an IPv6 VIP", "ipv6_bandwidth with ipv6_vip_virsubnet_id"));
  }
  // Huawei: an update may set charge_mode to flavor only.
  if (mode === "update" && sent.has("charge_mode") && o.charge_mode === "lcu") out.push(violation("charge_mode", "lcu", "cannot be set by an update", "flavor"));
  // L2: a load balancer is placed by its VPC or its VIP subnet.
  if (mode === "create" && !isSet(o.vpc_id) && !isSet(o.vip_subnet_cidr_id)) {
    out.push(violation("vip_subnet_cidr_id", o.vip_subnet_cidr_id, "is required when vpc_id is not given", "a subnet's neutron_subnet_id"));
  }
  // L2: a VIP address is chosen inside a subnet.
  if (mode === "create" && isSet(o.vip_address) && known(o.vip_address) && !isSet(o.vip_subnet_cidr_id)) {
    out.push(violation("vip_address", o.vip_address, "needs vip_subnet_cidr_id to say which subnet it is in"));
  }
  return out;
}

function listenerRules(o: Obj, sent: Sent): Violation[] {
  const out: Violation[] = [];
  if (!known(o.protocol) || !isSet(o.protocol)) return out;
  const protocol = normalizeListenerProtocol(String(o.protocol));
  // S3: TLS-terminating listeners need a certificate.
  if (needsCertificate(protocol) && known(o.default_tls_container_ref) && !isSet(o.default_tls_container_ref)) {
    out.push(violation("default_tls_container_ref", o.default_tls_container_ref ?? undefined, `is required for ${protocol} listeners`, "a certificate reference of 1-128 characters"));
  }
  // T1, T3: security policies are HTTPS listeners' settings.
  if (protocol !== "HTTPS") {
    for (const f of ["tls_ciphers_policy", "security_policy_id", "sni_match_algo"]) {
      if (sent.has(f) && isSet(o[f]) && known(o[f])) out.push(violation(f, o[f], `is not allowed on a ${protocol} listener`, "only on HTTPS listeners"));
    }
  }
  // S7: layer-7 settings mean nothing on a TCP, UDP or TLS listener.
  if (!isLayer7Listener(protocol)) {
    for (const f of ["client_timeout", "member_timeout", "insert_headers", "enable_member_retry"]) {
      if (sent.has(f) && isSet(o[f]) && known(o[f])) out.push(violation(f, o[f], `is not allowed on a ${protocol} listener`, "only on HTTP, HTTPS and QUIC listeners"));
    }
    if (sent.has("http2_enable") && o.http2_enable === true) {
      out.push(violation("http2_enable", true, `is not allowed on a ${protocol} listener`, "only on HTTPS and QUIC listeners"));
    }
  }
  // F5: port ranges are for layer-4 listeners, each range in order and none overlapping.
  if (Array.isArray(o.port_ranges) && o.port_ranges.length > 0 && known(o.port_ranges)) {
    if (!["TCP", "UDP", "TLS"].includes(protocol)) out.push(violation("port_ranges", o.port_ranges, `is not allowed on a ${protocol} listener`, "only on TCP, UDP and TLS listeners"));
    const ranges = o.port_ranges as { start_port: number; end_port: number }[];
    ranges.forEach((r, i) => {
      if (r.start_port > r.end_port) out.push(violation(`port_ranges[${i}].end_port`, r.end_port, `is below start_port ${r.start_port}`, "end_port >= start_port"));
      const j = ranges.findIndex((q, k) => k < i && q.start_port <= r.end_port && r.start_port <= q.end_port);
      if (j >= 0) out.push(violation(`port_ranges[${i}]`, r, `overlaps port_ranges[${j}]`, "ranges that do not overlap"));
    });
  }
  // F5: QUIC upgrade is an HTTPS listener's; early data is TLS 1.3 on HTTPS; NAT64 is layer 4 (TCP, UDP).
  if (isSet(o.quic_config) && known(o.quic_config) && protocol !== "HTTPS") out.push(violation("quic_config", o.quic_config, `is not allowed on a ${protocol} listener`, "only on HTTPS listeners"));
  if (o.ssl_early_data_enable === true && protocol !== "HTTPS") out.push(violation("ssl_early_data_enable", true, `is not allowed on a ${protocol} listener`, "only on HTTPS listeners"));
  if (o.nat64_enable === true && protocol !== "TCP" && protocol !== "UDP") out.push(violation("nat64_enable", true, `is not allowed on a ${protocol} listener`, "only on TCP and UDP listeners"));
  // S7: keepalive ranges differ by layer.
  if (isSet(o.keepalive_timeout) && known(o.keepalive_timeout) && typeof o.keepalive_timeout === "number") {
    const [min, max] = keepaliveRange(protocol);
    if (o.keepalive_timeout < min || o.keepalive_timeout > max) {
      out.push(violation("keepalive_timeout", o.keepalive_timeout, `is out of range for a ${protocol} listener`, `${min}-${max}`));
    }
  }
  out.push(...listenerTrafficRules(o, protocol));
  return out;
}

/** S8: settings that change what a listener does with traffic, by listener protocol. */
function listenerTrafficRules(o: Obj, protocol: string): Violation[] {
  const out: Violation[] = [];
  const among = (list: readonly string[]) => list.includes(protocol);
  if (o.proxy_protocol_enable === true && !among(PROXY_PROTOCOL_LISTENERS)) {
    out.push(violation("proxy_protocol_enable", true, `is not allowed on a ${protocol} listener`, `only on ${PROXY_PROTOCOL_LISTENERS.join(" and ")} listeners`));
  }
  if (typeof o.transparent_client_ip_enable === "boolean" && o.transparent_client_ip_enable !== transparentClientIp(protocol)) {
    out.push(
      o.transparent_client_ip_enable
        ? violation("transparent_client_ip_enable", true, `is not allowed on a ${protocol} listener`, "false on TLS listeners (use proxy_protocol_enable)")
        : violation("transparent_client_ip_enable", false, `is not allowed on a ${protocol} listener`, "only true: a dedicated load balancer always passes the client's address"),
    );
  }
  if (o.gzip_enable === true && !among(GZIP_LISTENERS)) {
    out.push(violation("gzip_enable", true, `is not allowed on a ${protocol} listener`, `only on ${GZIP_LISTENERS.join(", ")} listeners`));
  }
  return out;
}

/** P10: connection draining on the pools whose connections outlive a member's removal. */
function connectionDrainRules(o: Obj): Violation[] {
  const drain = asObj(o.connection_drain);
  if (!drain || drain.enable !== true) return [];
  const out: Violation[] = [];
  if (known(o.protocol) && isSet(o.protocol) && !(CONNECTION_DRAIN_POOLS as readonly string[]).includes(String(o.protocol))) {
    out.push(violation("connection_drain.enable", true, `is not allowed for a ${String(o.protocol)} pool`, `only for ${CONNECTION_DRAIN_POOLS.join(", ")} pools`));
  }
  // Huawei: "Connection drain timeout must be explict defined."
  if (known(drain.timeout) && !isSet(drain.timeout)) {
    out.push(violation("connection_drain.timeout", drain.timeout ?? undefined, "is required when connection_drain.enable is true", "10-4000 seconds"));
  }
  return out;
}

function poolRules(o: Obj, mode: "create" | "update", sent: Sent): Violation[] {
  const out: Violation[] = [];
  // P3: a pool hangs off a load balancer or a listener.
  if (mode === "create" && !isSet(o.loadbalancer_id) && !isSet(o.listener_id)) {
    out.push(violation("loadbalancer_id", undefined, "is required when listener_id is not given", "a load balancer id"));
  }
  const protocol = o.protocol;
  const algorithm = o.lb_algorithm;
  // P1: QUIC_CID hashes QUIC connection ids; nothing else has them.
  if (algorithm === "QUIC_CID" && known(protocol) && protocol !== "QUIC") {
    out.push(violation("lb_algorithm", algorithm, `is not allowed for a ${String(protocol)} pool`, "QUIC_CID only for QUIC pools"));
  }
  // P4: slow start ramps weighted round robin on HTTP(S) pools only.
  const slow = asObj(o.slow_start);
  if (slow && slow.enable === true) {
    if (known(protocol) && isSet(protocol) && !(slowStartProtocols as readonly string[]).includes(String(protocol))) {
      out.push(violation("slow_start.enable", true, `is not allowed for a ${String(protocol)} pool`, "slow start only for HTTP and HTTPS pools"));
    }
    if (known(algorithm) && isSet(algorithm) && algorithm !== "ROUND_ROBIN") {
      const field = sent.has("slow_start") ? "slow_start.enable" : "lb_algorithm";
      const value = field === "lb_algorithm" ? algorithm : true;
      out.push(violation(field, value, `is not allowed with lb_algorithm ${String(algorithm)} while slow start is on`, "slow start only with ROUND_ROBIN"));
    }
  }
  // F5: any-port forwarding is for layer-4 pools; AZ affinity for TCP and UDP pools, with one threshold.
  if (o.any_port_enable === true && known(protocol) && isSet(protocol) && !["TCP", "UDP", "QUIC"].includes(String(protocol))) {
    out.push(violation("any_port_enable", true, `is not allowed for a ${String(protocol)} pool`, "only for TCP, UDP and QUIC pools"));
  }
  const az = asObj(o.az_affinity);
  if (az && az.enable === true) {
    if (known(protocol) && isSet(protocol) && !["TCP", "UDP"].includes(String(protocol))) {
      out.push(violation("az_affinity.enable", true, `is not allowed for a ${String(protocol)} pool`, "only for TCP and UDP pools"));
    }
    const pct = az.az_minimum_healthy_member_percentage ?? -1;
    const count = az.az_minimum_healthy_member_count ?? -1;
    if (known(pct, count) && (pct === -1) === (count === -1)) {
      out.push(violation("az_affinity", az, "needs exactly one threshold set and the other -1", "az_minimum_healthy_member_percentage or az_minimum_healthy_member_count, the other -1"));
    }
  }
  if (isSet(o.quic_cid_hash_strategy) && known(o.quic_cid_hash_strategy, protocol) && protocol !== "QUIC") {
    out.push(violation("quic_cid_hash_strategy", o.quic_cid_hash_strategy, `is not allowed for a ${String(protocol)} pool`, "only for QUIC pools"));
  }
  // P5: sticky sessions.
  const sp = asObj(o.session_persistence);
  if (sp) {
    const type = sp.type;
    if (type === "APP_COOKIE" && known(sp.cookie_name) && !isSet(sp.cookie_name)) {
      out.push(violation("session_persistence.cookie_name", sp.cookie_name ?? undefined, "is required with APP_COOKIE", "1-1024 letters, digits, '-', '_' or '.'"));
    }
    if (known(type) && type !== "APP_COOKIE" && isSet(sp.cookie_name) && known(sp.cookie_name)) {
      out.push(violation("session_persistence.cookie_name", sp.cookie_name, `is not allowed with ${String(type)}`, "a cookie name only with APP_COOKIE"));
    }
    if (known(protocol) && isSet(protocol)) {
      if ((type === "HTTP_COOKIE" || type === "APP_COOKIE") && !isHttpPool(String(protocol))) {
        out.push(violation("session_persistence.type", type, `is not allowed for a ${String(protocol)} pool`, "cookie persistence only for HTTP and HTTPS pools"));
      }
      const t = sp.persistence_timeout;
      if (typeof t === "number" && type !== "APP_COOKIE") {
        const [min, max] = persistenceTimeoutRange(String(protocol));
        if (t < min || t > max) {
          out.push(violation("session_persistence.persistence_timeout", t, `is out of range for a ${String(protocol)} pool`, `${min}-${max} minutes`));
        }
      }
    }
    if (algorithm === "SOURCE_IP" && known(type)) {
      out.push(violation("session_persistence", sp, "cannot be combined with lb_algorithm SOURCE_IP", "null with SOURCE_IP"));
    }
  }
  out.push(...connectionDrainRules(o));
  // P5: QUIC pools pin clients by source address.
  if (protocol === "QUIC" && known(o.session_persistence) && (!sp || (known(sp.type) && sp.type !== "SOURCE_IP"))) {
    out.push(violation("session_persistence", o.session_persistence ?? undefined, "must be SOURCE_IP persistence for a QUIC pool", "{ type: SOURCE_IP }"));
  }
  return out;
}

function memberRules(o: Obj): Violation[] {
  const out: Violation[] = [];
  // M5: an IP backend (no subnet) is a private IPv4 address.
  if (known(o.subnet_cidr_id, o.address) && !isSet(o.subnet_cidr_id) && typeof o.address === "string" && !isPrivateIPv4(o.address)) {
    out.push(
      violation("address", o.address, "is not allowed for an IP backend (no subnet_cidr_id)", "a private IPv4 address (10/8, 172.16/12, 192.168/16, 100.64/10) or loopback"),
    );
  }
  return out;
}

function healthMonitorRules(o: Obj, sent: Sent): Violation[] {
  const out: Violation[] = [];
  // H3: a check must finish before the next one starts.
  if (typeof o.timeout === "number" && typeof o.delay === "number" && o.timeout > o.delay) {
    const field = sent.has("timeout") || !sent.has("delay") ? "timeout" : "delay";
    out.push(violation(field, o[field], `is not allowed: timeout ${o.timeout} is above delay ${o.delay}`, "timeout <= delay"));
  }
  // H3: HTTP settings apply only to HTTP checks.
  if (known(o.type) && isSet(o.type)) {
    const httpOnly = o.type === "HTTP" || o.type === "HTTPS";
    for (const f of ["url_path", "http_method", "domain_name"]) {
      if (!httpOnly && sent.has(f) && isSet(o[f]) && known(o[f])) out.push(violation(f, o[f], `is not allowed for a ${String(o.type)} check`, "only for HTTP and HTTPS checks"));
    }
    if (!httpOnly && o.type !== "GRPC" && sent.has("expected_codes") && isSet(o.expected_codes) && known(o.expected_codes)) {
      out.push(violation("expected_codes", o.expected_codes, `is not allowed for a ${String(o.type)} check`, "only for HTTP, HTTPS and GRPC checks"));
    }
  }
  // H3: each code or range bound is an HTTP status (GRPC uses 0-99).
  if (typeof o.expected_codes === "string") {
    const codes = o.expected_codes.split(/[,-]/).map(Number);
    const [lo, hi] = o.type === "GRPC" ? [0, 99] : [100, 599];
    if (codes.some((c) => c < lo || c > hi)) out.push(violation("expected_codes", o.expected_codes, "names a code out of range", `codes ${lo}-${hi}`));
  }
  return out;
}

function certificateRules(o: Obj, mode: "create" | "update"): Violation[] {
  const out: Violation[] = [];
  const type = o.type ?? "server";
  // C1: the certificate is PEM: one or more certificate blocks (the server certificate, then its chain).
  let first: ReturnType<typeof readCertificates> | undefined;
  if (typeof o.certificate === "string" && o.certificate.length > 0) {
    first = readCertificates(o.certificate);
    if ("problem" in first) out.push(violation("certificate", o.certificate, first.problem, "a PEM certificate (-----BEGIN CERTIFICATE-----), then its chain"));
  }
  if (!known(type, o.private_key)) return out;
  // C2: a server certificate comes with its private key; a CA certificate without one.
  if (type === "client") {
    if (isSet(o.private_key)) out.push(violation("private_key", HIDDEN, "is not allowed for a client (CA) certificate", "null"));
    return out;
  }
  if (!isSet(o.private_key)) {
    if (mode === "create" || isSet(o.certificate)) out.push(violation("private_key", undefined, "is required for a server certificate", "a PEM private key"));
    return out;
  }
  if (typeof o.private_key !== "string") return out;
  const key = readPrivateKey(o.private_key);
  if (!key) {
    out.push(violation("private_key", HIDDEN, "is not a PEM private key (-----BEGIN PRIVATE KEY-----, RSA or EC)"));
    return out;
  }
  // C3: the key is the certificate's own (its public half is in the first certificate).
  if (first && "certs" in first && !first.certs[0].checkPrivateKey(key)) {
    out.push(violation("private_key", HIDDEN, "does not match the public key of the certificate in 'certificate'", "the certificate's own private key"));
  }
  return out;
}

function securityPolicyRules(o: Obj): Violation[] {
  const out: Violation[] = [];
  // T2: every suite can be negotiated under one of the policy's versions.
  if (Array.isArray(o.protocols) && Array.isArray(o.ciphers) && known(...o.protocols, ...o.ciphers)) {
    const unusable = o.ciphers.filter((c) => typeof c === "string" && !cipherSuits(c, o.protocols as string[]));
    if (unusable.length > 0) {
      out.push(violation("ciphers", unusable, `cannot be used with protocols ${(o.protocols as string[]).join(", ")}`, "TLS_* suites with TLSv1.3, the others with TLSv1-TLSv1.2"));
    }
  }
  return out;
}

function ipGroupRules(o: Obj): Violation[] {
  // I1: each address or block at most once in a group, however it is spelled (`::1`, `::1/128`).
  if (!Array.isArray(o.ip_list) || !known(...o.ip_list)) return [];
  const seen = new Map<string, string>();
  for (const entry of o.ip_list) {
    const ip = asObj(entry)?.ip;
    if (typeof ip !== "string") continue;
    const first = seen.get(ipEntryKey(ip));
    if (first !== undefined) {
      const problem = first === ip ? "is listed twice" : `is listed twice (also as ${JSON.stringify(first)})`;
      return [violation("ip_list", ip, problem, "each address or CIDR block once")];
    }
    seen.set(ipEntryKey(ip), ip);
  }
  return [];
}

/** The fields a request or program sent: a Set, or anything that answers `has`. */
export type Sent = Pick<ReadonlySet<string>, "has">;

/** The keys of a body as `Sent`, without copying them (most rules never ask). */
export const sentKeys = (body: Record<string, unknown>): Sent => ({ has: (key) => Object.hasOwn(body, key) });

/** Every own-field rule of a resource kind. */
export function ownRules(kind: ResourceKind, obj: Obj, mode: "create" | "update", sent: Sent): Violation[] {
  switch (kind) {
    case "loadbalancer":
      return loadBalancerRules(obj, mode, sent);
    case "listener":
      return listenerRules(obj, sent);
    case "pool":
      return poolRules(obj, mode, sent);
    case "member":
      return memberRules(obj);
    case "healthmonitor":
      return healthMonitorRules(obj, sent);
    case "certificate":
      return certificateRules(obj, mode);
    case "security_policy":
      return securityPolicyRules(obj);
    case "ipgroup":
      return ipGroupRules(obj);
  }
}

