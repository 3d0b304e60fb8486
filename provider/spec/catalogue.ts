// The rule catalogue: every rule id the engine, the provider and the tests cite, with what it
// means. Where a rule's substance lives in the spec (a natural key, a limit, a field's range, a
// protocol table) its text is written from that, so docs/RULES.md (generated, `npm run docs`)
// cannot disagree with what the code enforces.
import { certificateSpec } from "./certificate";
import { IPGROUP_MAX_ENTRIES } from "./ipgroup";
import { SYSTEM_POLICY_NAMES, DEFAULT_TLS_POLICY, securityPolicySpec } from "./security-policy";
import { healthMonitorSpec } from "./healthmonitor";
import type { FieldDef } from "./kinds";
import type { NaturalKey } from "./keys";
import { LIMITS } from "./limits";
import { listenerSpec } from "./listener";
import { loadBalancerSpec } from "./loadbalancer";
import { memberSpec } from "./member";
import { LB_ALGORITHMS, poolSpec } from "./pool";
import {
  IP_MEMBER_POOL_PROTOCOLS,
  IP_TARGET_LISTENER_PROTOCOLS,
  isHttpPool,
  isLayer7Listener,
  keepaliveRange,
  LISTENER_PROTOCOLS,
  monitorTypesFor,
  normalizeListenerProtocol,
  persistenceTimeoutRange,
  POOL_PROTOCOLS,
  CONNECTION_DRAIN_POOLS,
  GZIP_LISTENERS,
  GZIP_STATUSES,
  GZIP_TYPES,
  PROXY_PROTOCOL_LISTENERS,
  POOL_PROTOCOLS_FOR_LISTENER,
  portSpace,
  slowStartProtocols,
} from "./protocols";
import type { ResourceSpec } from "./resource";
import { FLAVORS } from "./flavors";
import { tags, TAG_LIMITS } from "./kinds";
import { TAG_ACTIONS } from "./tag-action";
import type { RuleId } from "./rule-ids";

export interface RuleEntry {
  /** A few words naming the rule. */
  title: string;
  /** What the rule means, as the engine enforces it. */
  meaning: () => string;
  /** Where the rule lives in the spec, when it does. */
  source?: string;
}

const list = (xs: readonly string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);
const either = (xs: readonly string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);
const keyOfRule = (spec: ResourceSpec, rule: string): NaturalKey => spec.naturalKeys.find((k) => k.rule === rule)!;

/** A natural key in words: what is unique, and the parts that make it. */
function uniqueness(spec: ResourceSpec, rule: string): string {
  const key = keyOfRule(spec, rule);
  const names = (parts: NaturalKey["scope"]) => list(parts.map((p) => `\`${p.name}\``));
  const parts = key.fields.length ? `${names(key.fields)} per ${names(key.scope)}` : `one per ${names(key.scope)}`;
  return `Unique: ${key.unique} (${parts}). A ${spec.noun} whose key is held → 409 ELB.8907.`;
}

/** A field's range and default, from its table. */
function rangeOf(fields: Record<string, FieldDef>, name: string): string {
  const def = fields[name];
  const dflt = def.default === undefined || typeof def.default === "function" ? "" : `, default ${JSON.stringify(def.default)}`;
  return `\`${name}\` ${def.kind.allowed}${dflt}`;
}

/** Listener protocols by port space (S2). */
function portSpaces(): string {
  const spaces = new Map<string, string[]>();
  for (const p of LISTENER_PROTOCOLS) {
    if (p !== normalizeListenerProtocol(p)) continue;
    const space = portSpace(p);
    spaces.set(space, [...(spaces.get(space) ?? []), p]);
  }
  return [...spaces.values()].map((ps) => `{${ps.join(", ")}}`).join(" and ");
}

const stored = LISTENER_PROTOCOLS.filter((p) => p === normalizeListenerProtocol(p));
const layer4 = stored.filter((p) => !isLayer7Listener(p));
const layer7 = stored.filter((p) => isLayer7Listener(p));

const quota = (what: string, limit: number, name: string) => () => `At most ${limit} ${what} → quota (409 ELB.8905, \`${name}\`).`;

/** Every rule, by id, in the order of the specification. */
export const RULES: Record<RuleId, RuleEntry> = {
  G1: {
    title: "Paths and envelopes",
    meaning: () =>
      "Resources live under `/v3/{project_id}/elb/` (members under their pool). A body wraps one object in its singular key; a list answers with the plural key and `page_info`. Create answers 201, show, list and update 200, delete 204 without a body; every JSON answer carries `request_id` and every answer an `X-Request-Id` header.",
  },
  G2: {
    title: "Error body",
    meaning: () =>
      `A refusal is exactly {error_code, error_msg, request_id}. An unknown route is 404 APIGW.0101; a body over ${LIMITS.bodyBytes} bytes is 413. No request a client can send is answered 5xx: one would be a bug in the engine.`,
    source: "spec/errors.ts, LIMITS.bodyBytes",
  },
  G3: {
    title: "Strict input",
    meaning: () =>
      "Bad JSON, a missing wrapper key, a value of the wrong type or an unknown field → 400 naming the field, the value and what is allowed. A field that can only be set at creation, sent in an update → 400. `__proto__` and `constructor` are ordinary unknown fields.",
    source: "each field's create/update columns",
  },
  G4: {
    title: "Project isolation",
    meaning: () => "An object belongs to the project in its path. Other projects cannot see it, list it or reference it: to them it does not exist (404).",
  },
  G5: {
    title: "Shapes",
    meaning: () =>
      "Ids are UUIDv4 and times `YYYY-MM-DDTHH:MM:SSZ`; unset values read back as null, empty collections as [], references as lists of {id}. A value reads back as written: 0, false and \"\" are never replaced by a default.",
  },
  G6: {
    title: "Lists",
    meaning: () =>
      "`limit` 0-2000 (default 2000), `marker` (the last id of the previous page; an unknown one → 400) and `page_reverse`. Order is stable: created_at, then id. Filters take repeated values; load balancers also filter by `member_address` and `member_device_id`.",
  },
  G7: {
    title: "Authentication",
    meaning: () =>
      "Every request carries an X-Auth-Token or an SDK-HMAC-SHA256 signature, or gets 401 APIGW.0301. In strict mode signatures are verified (a date more than 15 minutes off → 401 APIGW.0303), tokens must be listed, and a key or token used on a project it is not granted → 403 APIGW.0302.",
    source: "spec/errors.ts (APIGW codes)",
  },
  G8: {
    title: "Durability",
    meaning: () => "A write answered 2xx survives kill -9 and a restart, and the state on disk is never half written. Health and traffic counters are not stored; they are learnt again after a restart.",
  },
  G9: {
    title: "Provisioning",
    meaning: () =>
      "A load balancer is ACTIVE at once. With a provisioning delay it stays PENDING_CREATE, or goes PENDING_UPDATE after each write to it or its children, for that long; writes meanwhile → 409 ELB.8907. Reads always work.",
  },
  G10: {
    title: "Concurrency",
    meaning: () => "Rules hold under parallel requests: of conflicting creates sent at once, exactly as many succeed as the rule allows.",
  },
  N1: {
    title: "Seeded network",
    meaning: () =>
      "The engine starts with a known network (VPCs, subnets, availability zones), served read-only; the default one has a loopback subnet so load balancers and backends carry real traffic on the machine. A file may replace it.",
  },
  N2: {
    title: "Subnet ids",
    meaning: () => "Fields that name a subnet take its `neutron_subnet_id`. An unknown VPC or subnet → 404.",
  },
  L1: {
    title: "Availability zones",
    meaning: () => `${rangeOf(loadBalancerSpec.fields, "availability_zone_list")}; every code must be a known zone (400). The list changes only through the AZ batch-add and batch-remove endpoints, and never becomes empty.`,
    source: "loadBalancerSpec.fields.availability_zone_list",
  },
  L2: {
    title: "VPC, subnet and VIP",
    meaning: () =>
      `A load balancer needs \`vpc_id\` or \`vip_subnet_cidr_id\`, and the subnet must be in the VPC (400). A VIP lies in its subnet; omitted, a free one is assigned. ${uniqueness(loadBalancerSpec, "L2")}`,
    source: "loadBalancerSpec.naturalKeys",
  },
  L3: {
    title: "IP as a backend is one-way",
    meaning: () => "`ip_target_enable` may go from false to true, never back (400).",
    source: "loadBalancerSpec.fields.ip_target_enable (one-way)",
  },
  L4: {
    title: "Listeners of an IP-backend load balancer",
    meaning: () => `While \`ip_target_enable\` is true only ${either(IP_TARGET_LISTENER_PROTOCOLS.filter((p) => p === normalizeListenerProtocol(p)))} listeners are accepted (400), and the flag cannot be turned on while the load balancer has a listener of another protocol (400).`,
    source: "IP_TARGET_LISTENER_PROTOCOLS",
  },
  L5: {
    title: "Deletion protection",
    meaning: () => "While `deletion_protection_enable` is true, deleting the load balancer, forced or not, → 409.",
  },
  L6: {
    title: "Children first",
    meaning: () => "Deleting a load balancer that still has listeners or pools → 409 naming one; the force-elb endpoint removes them with it (still refused under L5 and P7).",
  },
  L7: { title: "Load balancer quota", meaning: quota("load balancers per project", LIMITS.loadbalancersPerProject, "loadbalancer"), source: "LIMITS.loadbalancersPerProject" },
  L8: {
    title: "Dedicated only",
    meaning: () => `${rangeOf(loadBalancerSpec.fields, "guaranteed")}; ${rangeOf(loadBalancerSpec.fields, "provider")} (400 otherwise).`,
    source: "loadBalancerSpec.fields.guaranteed, provider",
  },
  L9: {
    title: "Status tree",
    meaning: () => "`GET .../loadbalancers/{id}/statuses` returns the listeners, pools, members and health monitors with their provisioning and operating status.",
  },
  S1: {
    title: "Listener basics",
    meaning: () => `The load balancer must exist (404). ${rangeOf(listenerSpec.fields, "protocol")} (TERMINATED_HTTPS is stored as HTTPS); ${rangeOf(listenerSpec.fields, "protocol_port")}.`,
    source: "listenerSpec.fields",
  },
  S2: {
    title: "Port spaces",
    meaning: () => `Listeners of one load balancer share a port only across port spaces: ${portSpaces()}. ${uniqueness(listenerSpec, "S2")}`,
    source: "listenerSpec.naturalKeys, portSpace",
  },
  S3: {
    title: "Certificates",
    meaning: () =>
      "HTTPS, TLS and QUIC listeners need `default_tls_container_ref` → 400. `default_tls_container_ref` and each of `sni_container_refs` name a `server` certificate of the listener's project, `client_ca_tls_container_ref` a `client` (CA) certificate; anything else → 400 naming the field.",
  },
  S4: {
    title: "Default pool",
    meaning: () => "`default_pool_id` names a pool of the same load balancer that the listener can forward to (P2) → 400 or 404; null detaches it.",
  },
  S5: {
    title: "Listener deletion",
    meaning: () => "Deleting a listener that has a default pool → 409; the force endpoint detaches and deletes the pool with its members and monitor (refused under P7).",
  },
  S6: { title: "Listener quota", meaning: quota("listeners per load balancer", LIMITS.listenersPerLoadBalancer, "listeners_per_loadbalancer"), source: "LIMITS.listenersPerLoadBalancer" },
  S7: {
    title: "Layer-7 settings",
    source: "isLayer7Listener, keepaliveRange",
    meaning: () =>
      `\`client_timeout\`, \`member_timeout\`, \`insert_headers\`, \`enable_member_retry\` and \`http2_enable\` mean nothing on ${either(layer4)} listeners (400 when sent). \`keepalive_timeout\` is ${keepaliveRange(layer4[0]).join("-")} on those and ${keepaliveRange("HTTP").join("-")} on ${either(layer7)} listeners.`,
  },
  S8: {
    title: "Traffic settings by listener protocol",
    source: "PROXY_PROTOCOL_LISTENERS, GZIP_LISTENERS, transparentClientIp",
    meaning: () =>
      `\`proxy_protocol_enable\` only on ${either(PROXY_PROTOCOL_LISTENERS)} listeners; \`gzip_enable\` only on ${either(GZIP_LISTENERS)} listeners; \`transparent_client_ip_enable\` is true on every listener but TLS, where it is false (a dedicated load balancer cannot switch it). Anything else → 400.`,
  },
  P1: {
    title: "Algorithm and protocol",
    meaning: () => `\`lb_algorithm\` is one of ${either(LB_ALGORITHMS)} (QUIC_CID for QUIC pools only); \`protocol\` is one of ${either(POOL_PROTOCOLS)} (400 otherwise).`,
    source: "poolSpec.fields",
  },
  P2: {
    title: "Listener to pool protocols",
    meaning: () =>
      `${Object.entries(POOL_PROTOCOLS_FOR_LISTENER)
        .map(([l, ps]) => `${l} → ${ps.join("|")}`)
        .join("; ")}; a GRPC pool behind an HTTPS listener needs its \`http2_enable\`. Anything else → 400.`,
    source: "POOL_PROTOCOLS_FOR_LISTENER",
  },
  P3: {
    title: "Where a pool hangs",
    meaning: () => `One of \`loadbalancer_id\` and \`listener_id\` is required, and given both they must agree (400). ${uniqueness(poolSpec, "P3")}`,
    source: "poolSpec.naturalKeys",
  },
  P4: {
    title: "Slow start",
    meaning: () =>
      `Only for ${list(slowStartProtocols)} pools with ROUND_ROBIN; ${rangeOf(poolSpec.fields.slow_start.kind.fields!, "duration")}. Moving the algorithm off ROUND_ROBIN while it is on → 400.`,
    source: "poolSpec.fields.slow_start",
  },
  P5: {
    title: "Sticky sessions",
    meaning: () =>
      `Cookie types only on HTTP and HTTPS pools; \`cookie_name\` required with APP_COOKIE and refused otherwise; \`persistence_timeout\` ${persistenceTimeoutRange("HTTP").join("-")} minutes on ${list(POOL_PROTOCOLS.filter(isHttpPool))} pools and ${persistenceTimeoutRange("TCP").join("-")} on the others; not with the SOURCE_IP algorithm; a QUIC pool uses SOURCE_IP persistence. Violations → 400.`,
    source: "persistenceTimeoutRange",
  },
  P6: {
    title: "Pool deletion",
    meaning: () => "Deleting a pool that has members or a health monitor → 409; delete-cascade removes them with it.",
  },
  P7: {
    title: "Member deletion protection",
    meaning: () => "While `member_deletion_protection_enable` is true, every path that removes members (single, batch, the cascades of pool, listener and load balancer) → 409.",
  },
  P8: {
    title: "Pool type and VPC",
    meaning: () => "`type` and `vpc_id` may be set later only while empty (400). An `ip` pool takes only IP backends, an `instance` pool only members with a subnet (400).",
    source: "poolSpec.fields.type, vpc_id (set once)",
  },
  P10: {
    title: "Connection draining",
    source: "CONNECTION_DRAIN_POOLS, poolSpec.fields.connection_drain",
    meaning: () =>
      `\`connection_drain\` may be enabled only on ${either(CONNECTION_DRAIN_POOLS)} pools, and only with a \`timeout\` (${rangeOf(poolSpec.fields.connection_drain.kind.fields!, "timeout")}) → 400.`,
  },
  P9: { title: "Pool quota", meaning: quota("pools per project", LIMITS.poolsPerProject, "pool"), source: "LIMITS.poolsPerProject" },
  M1: {
    title: "Member fields",
    meaning: () =>
      `\`address\` is IPv4 or IPv6 (\`ip_version\` follows from it); ${rangeOf(memberSpec.fields, "protocol_port")}; ${rangeOf(memberSpec.fields, "weight")}. Weight 0 is stored as 0: the member gets no new requests.`,
    source: "memberSpec.fields",
  },
  M2: { title: "One member per endpoint", meaning: () => uniqueness(memberSpec, "M2"), source: "memberSpec.naturalKeys" },
  M3: { title: "Member quota", meaning: quota("members per pool", LIMITS.membersPerPool, "members_per_pool"), source: "LIMITS.membersPerPool" },
  M4: {
    title: "Members with a subnet",
    meaning: () => "The subnet must exist, be in the load balancer's VPC (unless IP as a backend is on) and contain the address → 400.",
  },
  M5: {
    title: "IP backends",
    meaning: () =>
      `A member without \`subnet_cidr_id\` needs the load balancer's \`ip_target_enable\` (400 ELB.8939), a private IPv4 address (10/8, 172.16/12, 192.168/16, 100.64/10) or loopback (400), and a ${either(IP_MEMBER_POOL_PROTOCOLS)} pool (400 ELB.8938).`,
    source: "IP_MEMBER_POOL_PROTOCOLS, isPrivateIPv4",
  },
  M6: { title: "IP backend quota", meaning: quota("IP backends per load balancer, across its pools", LIMITS.ipMembersPerLoadBalancer, "ip_members_per_loadbalancer"), source: "LIMITS.ipMembersPerLoadBalancer" },
  M7: {
    title: "Member health",
    meaning: () =>
      "`operating_status` is NO_MONITOR without an enabled monitor, INITIAL until the first check result, then ONLINE or OFFLINE (ONLINE while nothing checks it), and UNKNOWN when the pool has no load balancer.",
  },
  M8: {
    title: "Batches",
    meaning: () =>
      `batch-add, batch-update and batch-delete take at most ${LIMITS.batchItems} items (400). batch-add reports members that exist as "existed", batch-delete missing ones as "not found"; a batch-add that would exceed M3 or M6 adds nothing.`,
    source: "LIMITS.batchItems",
  },
  M9: {
    title: "Every member of a project",
    meaning: () =>
      "`GET .../elb/members` lists every member of the project, each with its `pool_id`, `loadbalancer_id` and `loadbalancers`, filtered by any of its fields (`address`, `id`, `pool_id`, `loadbalancer_id`, `protocol_port`, `ip_version`, `operating_status`, ...) and paged as every list is (G6).",
  },
  H1: { title: "One monitor per pool", meaning: () => `The pool must exist (404). ${uniqueness(healthMonitorSpec, "H1")}`, source: "healthMonitorSpec.naturalKeys" },
  H2: {
    title: "Check types by pool protocol",
    meaning: () => {
      const groups = new Map<string, string[]>();
      for (const p of POOL_PROTOCOLS) {
        const types = monitorTypesFor(p).join(", ");
        groups.set(types, [...(groups.get(types) ?? []), p]);
      }
      return `${[...groups].map(([types, pools]) => `${pools.join("/")} pools → ${types}`).join("; ")}. Anything else → 400.`;
    },
    source: "monitorTypesFor",
  },
  H3: {
    title: "Check settings",
    meaning: () =>
      `${["delay", "timeout", "max_retries", "max_retries_down", "monitor_port"].map((f) => rangeOf(healthMonitorSpec.fields, f)).join("; ")}; \`timeout\` not above \`delay\`; \`url_path\`, \`http_method\` and \`domain_name\` only for HTTP and HTTPS checks → 400.`,
    source: "healthMonitorSpec.fields",
  },
  C1: {
    title: "Certificate basics",
    meaning: () =>
      `${rangeOf(certificateSpec.fields, "type")}, create-only; \`certificate\` is required: one or more PEM certificate blocks (the certificate, then its chain) that node:crypto reads as X.509, and nothing else → 400.`,
    source: "certificateSpec.fields, ownRules",
  },
  C2: {
    title: "Private keys",
    meaning: () =>
      "A `server` certificate needs `private_key`, a PEM private key (RSA or EC); a `client` (CA) certificate takes none → 400. No message ever quotes a key: a refused one is shown as `[secret]`.",
    source: "ownRules, kinds.secret",
  },
  C3: {
    title: "Key and certificate match",
    meaning: () => "A server certificate's `private_key` must be the private half of its first certificate's public key, on create and after every update (the pair as it would be stored) → 400 naming `private_key`.",
    source: "ownRules",
  },
  C4: {
    title: "What a certificate reports",
    meaning: () =>
      "`common_name`, `subject_alternative_names` (DNS names), `fingerprint` (SHA-256) and `expire_time` come from the certificate; `domain`, when not given, is its DNS names (else its common name), and follows a new certificate in an update unless it was given.",
  },
  C5: {
    title: "Private-key echo",
    meaning: () =>
      "`GET|POST /v3/{project_id}/elb/certificates/settings/private-key-echo` (`{\"private_key_echo\": bool}`) reads and sets, per project, whether replies show certificates' private keys: on by default; off, every reply shows `private_key` as `******`.",
  },
  C6: {
    title: "Certificates in use",
    meaning: () => "Deleting a certificate a listener names (`default_tls_container_ref`, `sni_container_refs`, `client_ca_tls_container_ref`) → 409 naming the listener.",
  },
  C7: { title: "Certificate quota", meaning: quota("certificates per project", LIMITS.certificatesPerProject, "certificate"), source: "LIMITS.certificatesPerProject" },
  C8: {
    title: "HTTPS and TLS",
    meaning: () =>
      "An HTTPS or TLS listener terminates TLS with its `default_tls_container_ref` certificate, or the `sni_container_refs` certificate whose `domain` names the client's server name as `sni_match_algo` says (`wildcard`, the default: an exact name first, then a `*.` wildcard for one label; `longest_suffix`: the longest domain the name ends with); with `client_ca_tls_container_ref` a client must present a certificate that CA signed, or the handshake fails. Requests are balanced as on HTTP listeners, with `X-Forwarded-Proto: https`; an HTTPS pool is re-encrypted to its members (their certificates are not verified). A TLS listener (which takes neither `sni_match_algo` nor a policy, T1: `wildcard` and tls-1-2 apply) passes the decrypted bytes on as a TCP listener does (D2, D8, D9), to TCP pools as they are and to TLS pools re-encrypted (not verified either). A certificate changed through the API is presented from the next handshake on.",
  },
  T1: {
    title: "System security policies",
    meaning: () =>
      `\`GET /v3/{project_id}/elb/system-security-policies\` lists ${SYSTEM_POLICY_NAMES.join(", ")} with their TLS versions and cipher suites. An HTTPS listener's \`tls_ciphers_policy\` is one of them (default ${DEFAULT_TLS_POLICY}); other listeners take neither it nor \`security_policy_id\` → 400.`,
    source: "SYSTEM_SECURITY_POLICIES",
  },
  T2: {
    title: "Custom security policies",
    meaning: () =>
      `${["protocols", "ciphers"].map((f) => rangeOf(securityPolicySpec.fields, f)).join("; ")}; every suite must suit one of the versions (TLS_* suites TLS 1.3, the others TLS 1.0-1.2) → 400.`,
    source: "securityPolicySpec.fields, ownRules",
  },
  T3: {
    title: "A listener's custom policy",
    meaning: () => "`security_policy_id` names a custom security policy of the listener's project (else 400) and overrides `tls_ciphers_policy`.",
  },
  T4: {
    title: "Policies in use",
    meaning: () => "Deleting a custom security policy a listener uses → 409 naming the listener; the policy lists its listeners.",
  },
  T5: {
    title: "TLS versions and suites",
    meaning: () =>
      "An HTTPS listener accepts only the TLS versions and offers only the cipher suites of its policy (T1, T3; a TLS listener: the default), preferring its own order: a client that offers none of them fails the handshake (a TLS 1.0-only client under tls-1-2).",
  },
  I1: {
    title: "IP groups",
    meaning: () =>
      `\`ip_list\` holds at most ${IPGROUP_MAX_ENTRIES} entries, each an IPv4 or IPv6 address or CIDR block, each at most once however spelled (\`0.0.0.0\` is \`0.0.0.0/32\`; \`::1\`, \`::1/128\` and \`0:0:0:0:0:0:0:1\` are one entry) (\`description\` defaults to ""); an update replaces the whole list → 400.`,
    source: "ipGroupSpec.fields, ownRules",
  },
  I2: { title: "IP group quota", meaning: quota("IP groups per project", LIMITS.ipGroupsPerProject, "ipgroup"), source: "LIMITS.ipGroupsPerProject" },
  I3: {
    title: "A listener's IP groups",
    meaning: () =>
      "A listener's `ipgroup` is `{ipgroup_id, enable_ipgroup (default true), type white|black (default white)}`; every id in `ipgroup_id` (comma-separated) names an IP group of the listener's project → 400 naming `ipgroup.ipgroup_id`. " +
      quota("listeners per IP group", LIMITS.listenersPerIpGroup, "listeners_per_ipgroup")(),
    source: "LIMITS.listenersPerIpGroup",
  },
  I4: {
    title: "IP groups in use",
    meaning: () => "Deleting an IP group a listener uses → 409 naming the listener; the group lists its listeners.",
  },
  I5: {
    title: "IP group filtering",
    meaning: () =>
      "With an enabled `ipgroup`, a listener admits only clients whose source address is in one of its groups (`white`) or refuses exactly those (`black`); a refused connection is reset before anything is read (before TLS on HTTPS and TLS listeners).",
  },
  I6: {
    title: "IP list edits",
    meaning: () =>
      "`POST ipgroups/{ipgroup_id}/iplist/create-or-update` adds the sent `ip_list` entries the group does not hold and sets the `description` of those it does (one sent without a description keeps its own); it never removes one, and may change `name` and `description` too. " +
      "`POST ipgroups/{ipgroup_id}/iplist/batch-delete` removes the listed entries; each must be one the group holds → 400 naming it. " +
      `Entries match however they are spelled (I1); the group afterwards holds at most ${IPGROUP_MAX_ENTRIES} entries → 400. Both answer the whole group and change what its listeners admit (I5) as a PUT of \`ip_list\` does.`,
    source: "ipListRemoval, ipEntryKey",
  },
  D1: {
    title: "Real listeners",
    meaning: () =>
      "A TCP, UDP, HTTP, HTTPS or TLS listener of a load balancer whose VIP is in the loopback subnet accepts connections (UDP: datagrams) on `vip_address:protocol_port`; other listeners (QUIC, and UDP listeners whose pool is a QUIC pool) report why they carry no traffic.",
  },
  D2: {
    title: "Balancing",
    meaning: () =>
      "Healthy members with weight above 0 take new requests (UDP: new flows, one per client address and port, ending after `keepalive_timeout` idle): smooth weighted round robin, least connections ÷ weight, or a consistent hash of the client address. Weight 0 takes none.",
  },
  D3: {
    title: "Health checks",
    meaning: () =>
      "Members are probed every `delay` seconds within `timeout` (UDP_CONNECT: a datagram; ICMP port-unreachable fails the check, a reply or silence passes it); `max_retries` successes bring one ONLINE, `max_retries_down` failures take it OFFLINE; with an enabled monitor only ONLINE members take traffic.",
  },
  D4: {
    title: "Slow start",
    meaning: () => "A member joining a pool that already serves ramps its share up linearly over `duration`, from when it is first found healthy; the ramp never restarts, and the first member of an empty pool does not ramp.",
  },
  D5: {
    title: "Sticky sessions",
    meaning: () => "HTTP_COOKIE pins a client with a cookie the engine inserts, APP_COOKIE on the application's cookie, SOURCE_IP on the client address, each until the persistence timeout.",
  },
  D6: {
    title: "Connection draining",
    meaning: () =>
      "With the pool's `connection_drain` enabled, a member removed from the pool or set to weight 0 keeps its open TCP connections for `timeout` seconds, then they are closed. Without it they stay open until idle for the listener's `keepalive_timeout`, as Huawei documents.",
  },
  D7: {
    title: "Forwarded headers",
    meaning: () =>
      "An HTTP listener passes the client's address in X-Forwarded-For as `insert_headers`' `X-Forwarded-For-Processing-Mode` says (append, remove or preserve), and sets each header `insert_headers` switches on (X-Real-IP, X-Forwarded-For-Port, X-Forwarded-Port, X-Forwarded-Proto, X-Forwarded-Host, X-Forwarded-ELB-IP, X-Forwarded-ELB-ID); a header not switched on reaches the member as the client sent it, or not at all.",
  },
  D8: {
    title: "Client address at layer 4",
    meaning: () =>
      "With `transparent_client_ip_enable` a TCP listener connects to a loopback member from the client's own address; with `proxy_protocol_enable` it first sends the member a PROXY protocol v1 line with the client's and the listener's addresses and ports.",
  },
  D9: {
    title: "Connection limit",
    meaning: () => "A listener holding `connection` client connections (0: no limit) refuses the next one (TCP: reset; HTTP: closed without a response) until one closes. `connection_limit` is answered as -1, as Huawei answers it: the request field is `connection`.",
  },
  D10: {
    title: "Compression",
    source: "GZIP_TYPES, GZIP_STATUSES",
    meaning: () =>
      `With \`gzip_enable\` an HTTP listener compresses a response with gzip when the request's Accept-Encoding accepts gzip, the status is ${either(GZIP_STATUSES.map(String))}, the member did not encode it, and its type is ${either(GZIP_TYPES)}.`,
  },
  D11: {
    title: "Listener timeouts",
    meaning: () =>
      "An HTTP listener answers 504 when a member takes longer than `member_timeout`, answers 408 when a client's request head is not whole within `client_timeout` of its first byte, or its body (or a new connection) goes that long without a byte, and closes a client connection idle for `keepalive_timeout` (0: after each response); a TCP listener closes a connection idle for `keepalive_timeout`.",
  },
  D12: {
    title: "TLS and client-certificate headers",
    meaning: () =>
      "An HTTPS listener sets each TLS and client-certificate header `insert_headers` switches on (`X-Forwarded-TLS-Certificate-ID`, `-Protocol`, `-Cipher`; `<name>-enable` for `X-Forwarded-Tls-Sni`, `X-Forwarded-Tls-Alpn-Protocol` and the `X-Forwarded-Clientcert-*` family) from the client's TLS connection: the certificate the handshake presented (default or SNI), the protocol, the suite (OpenSSL name), the server name, the ALPN protocol, and the client certificate's subject and issuer (RFC 2253), SHA-1 fingerprint, verify result, serial number, expiry and URL-encoded PEM (`X-Forwarded-Clientcert-ciphers`, the suites the client offered, and `X-Forwarded-Tls-Ja3`/`-Ja4`, the client's TLS fingerprints, are not read: Node's TLS does not expose the ClientHello). A header with nothing to carry (no SNI, no ALPN, no client certificate) is not set; `<name>-alias` sends it under that name, unless the alias names a header the proxy frames or handles itself (hop-by-hop ones, Content-Length, Host, Expect, Cookie, X-Forwarded-For), which is ignored. The client's own copies of a switched-on header, under its name or its alias, never reach the member. An HTTP listener has no handshake and sets none of them.",
  },
  F1: {
    title: "Flavors",
    meaning: () =>
      `\`GET .../elb/flavors\` lists ${list(FLAVORS.map((f) => `${f.name} (${f.type})`))}. \`l4_flavor_id\` names an L4 flavor and \`l7_flavor_id\` an L7 one (400 otherwise); with neither given a load balancer takes both defaults, with one given only that layer, and never neither. Listener protocols follow the layers: ${list(layer4)} need an L4 flavor, ${list(layer7)} an L7 flavor (400 otherwise, also for an update that would drop a layer a listener uses).`,
    source: "FLAVORS, loadBalancerSpec.fields.l4_flavor_id, l7_flavor_id",
  },
  F2: {
    title: "Tags",
    meaning: () =>
      `\`tags\` of load balancers and listeners: ${tags().allowed} (Huawei's tag rules) → 400 naming the tag at fault. Given at creation; the PUT takes no tags (400). ` +
      `They change in place through the tag action, \`POST /v3/{project_id}/loadbalancers/{id}/tags/action\` (listeners: \`/v3/{project_id}/listeners/{id}/tags/action\`) with \`{"action": ${either(TAG_ACTIONS.map((a) => `"${a}"`))}, "tags": [...]}\` (204), whose tags obey the same rules: ` +
      `create adds tags and gives a key already there its new value; delete removes each key whose value matches (or any value, sent as ""), and a key not there is no error; ` +
      `a create that would leave more than ${TAG_LIMITS.max} tags → 400 naming \`tags\`, changing nothing. \`GET .../{id}/tags\` answers \`{"tags": [...]}\`. Another project's object → 404. The provider takes a \`{ key: value }\` map.`,
    source: "tags (kinds.ts), tag-action.ts",
  },
  F3: {
    title: "Stand-ins",
    meaning: () =>
      "The engine bills nothing and runs no EIPs, bandwidths or WAF. Pay-per-use is accepted; `billing_info` that is not empty, and any `prepaid_options`, are refused with 400 (the engine takes no orders). `publicip` gets a stand-in EIP from 198.51.100.0/24, listed in `eips` and `publicips`; `publicip_ids` names no EIP the engine holds (404). The seeded network has no IPv6 subnet, so `ipv6_vip_virsubnet_id` is refused (400). `waf_failure_action`, `autoscaling`, `charge_mode` and protection fields are stored and answered only.",
  },
  F4: {
    title: "Project in the body",
    meaning: () => "A create body may carry `project_id`; it must be the project of the URL (400 otherwise) and is not stored twice.",
  },
  F5: {
    title: "Listener and pool extras",
    meaning: () =>
      "`port_ranges` (TCP, UDP and TLS listeners; at most 10, each in order, none overlapping; `protocol_port` stays required), `quic_config` (HTTPS listeners, naming a QUIC listener of the same load balancer), `any_port_enable` (TCP, UDP and QUIC pools) and `az_affinity` (TCP and UDP pools; with `enable`, exactly one threshold -1), `ssl_early_data_enable` (HTTPS), `nat64_enable` (TCP, UDP), `quic_cid_hash_strategy` (QUIC pools) → 400 otherwise. `enhance_l7policy_enable` cannot be turned off once on (400).",
  },
};
