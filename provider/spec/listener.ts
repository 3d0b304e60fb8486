// The listener (`{"listener": {...}}`).
import { derived, field } from "./keys";
import { bool, int, list, nullable, object, oneOf, pattern, refs, str, timestamp, uuid, type FieldDef } from "./kinds";
import { isLayer7Listener, LISTENER_PROTOCOLS, normalizeListenerProtocol, portSpace } from "./protocols";
import { DEFAULT_TLS_POLICY, SYSTEM_POLICY_NAMES } from "./security-policy";
import { defineSpec } from "./resource";

const l7 = (o: Record<string, unknown>) => isLayer7Listener(String(o.protocol));
const isHttps = (o: Record<string, unknown>) => normalizeListenerProtocol(String(o.protocol)) === "HTTPS";
const header = (name: string): [string, FieldDef<boolean>] => [
  name,
  { kind: bool(), create: true, update: true, default: false, change: "update", doc: `Insert the ${name} header.` },
];

export const INSERT_HEADERS = ["X-Forwarded-ELB-IP", "X-Forwarded-Port", "X-Forwarded-For-Port", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"];

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
      kind: object(Object.fromEntries(INSERT_HEADERS.map(header))),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (l7(o) ? Object.fromEntries(INSERT_HEADERS.map((h) => [h, false])) : null),
      defaultFrom: "protocol",
      change: "update",
      doc: "Headers to add to forwarded requests (layer-7 listeners only).",
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
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Listener id." },
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
