// The listener (`{"listener": {...}}`).
import { derived, field } from "./keys";
import { bool, int, list, nullable, object, oneOf, refs, str, tags, timestamp, uuid, type FieldDef } from "./kinds";
import { PROTECTION_STATUSES, protectionReason } from "./loadbalancer";
import { isLayer7Listener, LISTENER_PROTOCOLS, normalizeListenerProtocol, portSpace } from "./protocols";
import { defineSpec } from "./resource";

const l7 = (o: Record<string, unknown>) => isLayer7Listener(String(o.protocol));
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
    tags: { kind: tags(), create: true, update: false, default: [], change: "replace", doc: "Tags, as a `{ key: value }` map (F2). Set only at creation: the listener's PUT takes no tags." },
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
    connection: { kind: int(0, 1000000), create: true, update: true, default: 0, change: "update", doc: "Concurrent connections the listener admits; 0 is no limit." },
    nat64_enable: { kind: bool(), create: true, update: true, default: false, change: "update", doc: "IPv6 clients to IPv4 backends (NAT64), TCP and UDP listeners only." },
    protection_status: {
      kind: oneOf(PROTECTION_STATUSES),
      create: true,
      update: true,
      default: "nonProtection",
      change: "update",
      doc: "consoleProtection guards against changes in Huawei's console only; the API is not blocked.",
    },
    protection_reason: { kind: protectionReason(), create: true, update: true, default: null, change: "update", doc: "Why the listener is protected." },
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Listener id." },
    enterprise_project_id: { kind: str(36), doc: "Enterprise project, the load balancer's." },
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
