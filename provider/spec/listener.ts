// The listener (`{"listener": {...}}`).
import { derived, field } from "./keys";
import { bool, int, list, nullable, object, oneOf, pattern, refs, str, tags, timestamp, uuid, type FieldDef } from "./kinds";
import { protectionFields } from "./loadbalancer";
import { isLayer7Listener, LISTENER_PROTOCOLS, normalizeListenerProtocol, portSpace, transparentClientIp } from "./protocols";
import { defineSpec, withDefaults } from "./resource";
import { DEFAULT_TLS_POLICY, SYSTEM_POLICY_NAMES } from "./security-policy";

const l7 = (o: Record<string, unknown>) => isLayer7Listener(String(o.protocol));
const isHttps = (o: Record<string, unknown>) => normalizeListenerProtocol(String(o.protocol)) === "HTTPS";
const header = (name: string): [string, FieldDef<boolean>] => [
  name,
  { kind: bool(), create: true, update: true, default: false, change: "update", doc: `Insert the ${name} header.` },
];
/** A header's own name, as Huawei lets a listener rename the TLS and client-certificate headers. */
const alias = (name: string, of: string): [string, FieldDef<string | null>] => [
  name,
  {
    kind: nullable(pattern(/^[a-z0-9_-]{1,40}$/, "1-40 lower-case letters, digits, '-' or '_'", 40)),
    create: true,
    update: true,
    default: null,
    change: "update",
    doc: `Name to send the ${of} header under, instead of its own.`,
  },
];

/** The switches Huawei's listener takes (ListenerInsertHeaders), one boolean per header. */
export const INSERT_HEADERS = [
  "X-Forwarded-ELB-IP",
  "X-Forwarded-Port",
  "X-Forwarded-For-Port",
  "X-Forwarded-Host",
  "X-Forwarded-Proto",
  "X-Real-IP",
  "X-Forwarded-ELB-ID",
  "X-Forwarded-TLS-Certificate-ID",
  "X-Forwarded-TLS-Protocol",
  "X-Forwarded-TLS-Cipher",
];
/** Client-certificate and TLS headers (HTTPS listeners), each switched on by `<name>-enable` and renamed by `<name>-alias`. */
export const INSERT_HEADERS_WITH_ALIAS = [
  "X-Forwarded-Clientcert-subjectdn",
  "X-Forwarded-Clientcert-issuerdn",
  "X-Forwarded-Clientcert-fingerprint",
  "X-Forwarded-Clientcert-clientverify",
  "X-Forwarded-Clientcert-serialnumber",
  "X-Forwarded-Clientcert",
  "X-Forwarded-Clientcert-ciphers",
  "X-Forwarded-Clientcert-end",
  "X-Forwarded-Tls-Alpn-Protocol",
  "X-Forwarded-Tls-Sni",
  "X-Forwarded-Tls-Ja3",
  "X-Forwarded-Tls-Ja4",
];
export const XFF_PROCESSING_MODES = ["append", "remove", "preserve"] as const;

const INSERT_HEADER_FIELDS: Record<string, FieldDef> = {
  ...Object.fromEntries(INSERT_HEADERS.map(header)),
  ...Object.fromEntries([alias("X-Forwarded-TLS-Protocol-alias", "X-Forwarded-TLS-Protocol"), alias("X-Forwarded-TLS-Cipher-alias", "X-Forwarded-TLS-Cipher")]),
  "X-Forwarded-For-Processing-Mode": {
    kind: oneOf(XFF_PROCESSING_MODES),
    create: true,
    update: true,
    default: "append",
    change: "update",
    doc: "What happens to the client's X-Forwarded-For: append its address to it, remove the header, or preserve it as received.",
  },
  ...Object.fromEntries(
    INSERT_HEADERS_WITH_ALIAS.flatMap((h) => [
      [`${h}-enable`, { kind: bool(), create: true, update: true, default: false, change: "update", doc: `Insert the ${h} header.` } satisfies FieldDef<boolean>],
      alias(`${h}-alias`, h),
    ]),
  ),
};


export const listenerSpec = defineSpec({
  kind: "listener",
  plural: "listeners",
  className: "Listener",
  noun: "listener",
  fields: {
    loadbalancer_id: { kind: uuid(), create: true, update: false, required: true, change: "replace", doc: "The load balancer the listener belongs to." },
    protocol: {
      kind: oneOf(LISTENER_PROTOCOLS),
      create: true,
      update: false,
      required: true,
      change: "replace",
      doc: "Protocol the listener accepts (TERMINATED_HTTPS is stored as HTTPS).",
    },
    protocol_port: { kind: int(1, 65535), create: true, update: false, required: true, change: "replace", doc: "Port the listener accepts connections on, unique within its port space on the load balancer." },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description." },
    default_pool_id: {
      kind: nullable(uuid()),
      create: true,
      update: true,
      change: "update",
      doc: "Pool that receives the listener's traffic: one of the same load balancer, with a protocol the listener can forward to. Left as it is when omitted (a pool created with `listenerId` sets it); null detaches it.",
    },
    default_tls_container_ref: {
      kind: nullable(str(128, 1)),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Server certificate reference; required for HTTPS, TLS and QUIC listeners.",
    },
    client_ca_tls_container_ref: { kind: nullable(str(128, 1)), create: true, update: true, default: null, change: "update", doc: "Client CA certificate reference (HTTPS and TLS listeners)." },
    sni_container_refs: { kind: list(str(128, 1), { max: 50 }), create: true, update: true, default: [], change: "update", doc: "SNI certificate references." },
    sni_match_algo: {
      kind: nullable(oneOf(["wildcard", "longest_suffix"] as const)),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (isHttps(o) ? "wildcard" : null),
      defaultFrom: "protocol",
      change: "update",
      doc: "How an HTTPS listener picks its SNI certificate by the client's server name: `wildcard` (an exact domain, else a `*.` wildcard for one label) or `longest_suffix` (the domain that is the longest suffix of the name).",
    },
    tls_ciphers_policy: {
      kind: nullable(oneOf(SYSTEM_POLICY_NAMES)),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (isHttps(o) ? DEFAULT_TLS_POLICY : null),
      defaultFrom: "protocol",
      change: "update",
      doc: "The system security policy (TLS versions and cipher suites) of an HTTPS listener; `securityPolicyId` overrides it.",
    },
    security_policy_id: {
      kind: nullable(uuid()),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "A custom security policy of the project (HTTPS listeners only); overrides `tlsCiphersPolicy`.",
    },
    ipgroup: {
      kind: nullable(
        object({
          ipgroup_id: {
            kind: pattern(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*$/i, "IP group ids, comma-separated", 1024),
            create: true,
            update: true,
            required: true,
            change: "update",
            doc: "The IP group, or several comma-separated, of the listener's project.",
          },
          enable_ipgroup: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Whether the filter applies; false lets every client in." },
          type: { kind: oneOf(["white", "black"] as const), create: true, update: true, default: "white", change: "update", doc: "`white` admits only the groups' addresses, `black` refuses them." },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Client access control by source address with IP groups; null lets every client in.",
    },
    http2_enable: { kind: bool(), create: true, update: true, default: false, change: "update", doc: "HTTP/2 towards clients (HTTPS and QUIC listeners; GRPC pools need it)." },
    insert_headers: {
      kind: object(INSERT_HEADER_FIELDS),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (l7(o) ? withDefaults(INSERT_HEADER_FIELDS, {}) : null),
      defaultFrom: "protocol",
      change: "update",
      doc: "Headers added to the requests forwarded to backend servers, each switched on by name (layer-7 listeners only); the ones not switched on are passed as the client sent them.",
    },
    enable_member_retry: {
      kind: bool(),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (l7(o) ? true : null),
      defaultFrom: "protocol",
      change: "update",
      doc: "Retry another backend server when one fails (layer-7 listeners only).",
    },
    keepalive_timeout: {
      kind: int(0, 4000),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (l7(o) ? 60 : 300),
      defaultFrom: "protocol",
      change: "update",
      doc: "Seconds an idle client connection is kept open; layer-4 listeners take the narrower range rule S7 gives them.",
    },
    client_timeout: {
      kind: int(1, 300),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (l7(o) ? 60 : null),
      defaultFrom: "protocol",
      change: "update",
      doc: "Seconds to wait for a client's request (layer-7 listeners only).",
    },
    member_timeout: {
      kind: int(1, 300),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (l7(o) ? 60 : null),
      defaultFrom: "protocol",
      change: "update",
      doc: "Seconds to wait for a backend server's response (layer-7 listeners only).",
    },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state; false carries no traffic." },
    proxy_protocol_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "update",
      doc: "Send each backend connection a PROXY protocol header with the client's address and port first (TCP and TLS listeners).",
    },
    transparent_client_ip_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => transparentClientIp(String(o.protocol)),
      defaultFrom: "protocol",
      change: "update",
      doc: "Pass the client's address to backend servers: as the source address of TCP and UDP connections, in X-Forwarded-For on layer-7 listeners. Always on for dedicated load balancers, except on TLS listeners, which cannot (use proxyProtocolEnable).",
    },
    gzip_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "update",
      doc: "Compress responses with gzip for clients that accept it (HTTP, HTTPS and QUIC listeners).",
    },
    tags: { kind: tags(), create: true, update: false, default: [], change: "special", doc: "Tags, as a `{ key: value }` map (F2). The listener's PUT takes no tags: a change goes through the tag action, which adds and overwrites the keys that differ and deletes the keys removed." },
    port_ranges: {
      kind: list(
        object({
          start_port: { kind: int(1, 65535), create: true, update: false, required: true, change: "replace", doc: "First port of the range." },
          end_port: { kind: int(1, 65535), create: true, update: false, required: true, change: "replace", doc: "Last port of the range, not below `startPort`." },
        }),
        { max: 10 },
      ),
      create: true,
      update: false,
      default: [],
      change: "replace",
      doc: "Port ranges a TCP, UDP or TLS listener also listens on: at most 10, none overlapping (F5). Stored and answered; the engine carries traffic on `protocolPort` only.",
    },
    quic_config: {
      kind: nullable(
        object({
          quic_listener_id: { kind: uuid(), create: true, update: true, required: true, change: "update", doc: "A QUIC listener of the same load balancer." },
          enable_quic_upgrade: { kind: bool(), create: true, update: true, default: false, change: "update", doc: "Whether clients are told to upgrade to QUIC." },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "QUIC upgrade of an HTTPS listener: { quicListenerId, enableQuicUpgrade } (F5); null turns it off.",
    },
    enhance_l7policy_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "one-way",
      oneWayTo: true,
      doc: "Advanced forwarding policies; once on, it cannot be turned off.",
    },
    ssl_early_data_enable: { kind: bool(), create: true, update: true, default: false, change: "update", doc: "TLS 1.3 early data (0-RTT), HTTPS listeners only." },
    cps: { kind: int(0, 1000000), create: true, update: true, default: 0, change: "update", doc: "New connections per second the listener admits; 0 is no limit." },
    connection: { kind: int(0, 1000000), create: true, update: true, default: 0, change: "update", doc: "Most client connections the listener holds open at once; the next one is refused until one closes (D9). 0 is no limit." },
    nat64_enable: { kind: bool(), create: true, update: true, default: false, change: "update", doc: "IPv6 clients to IPv4 backends (NAT64), TCP and UDP listeners only." },
    ...protectionFields("listener"),
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Listener id." },
    enterprise_project_id: { kind: str(36), doc: "Enterprise project, the load balancer's." },
    connection_limit: { kind: int(-1, -1), doc: "Always -1, as Huawei answers it; the listener's cap is `connection`." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    loadbalancers: { kind: refs(), doc: "The load balancer, as a list of one {id}." },
    created_at: { stored: true, kind: timestamp(), doc: "Creation time (UTC)." },
    updated_at: { stored: true, kind: timestamp(), doc: "Last update time (UTC)." },
  },
  naturalKeys: [
    {
      rule: "S2",
      unique: "a listener's protocol_port within its load balancer's port space",
      scope: [
        field("loadbalancer_id"),
        derived("port_space", ["protocol"], (o) => (o.protocol === undefined || o.protocol === null ? undefined : portSpace(normalizeListenerProtocol(String(o.protocol))))),
      ],
      fields: [field("protocol_port")],
      indexed: true,
      conflict: (v) => `Load balancer ${v.loadbalancer_id} already has a listener on port ${v.protocol_port} in the same port space (listener ${v.owner}).`,
    },
  ],
});
