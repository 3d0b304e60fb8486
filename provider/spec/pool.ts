// The pool, or backend server group (`{"pool": {...}}`).
import { field } from "./keys";
import { bool, int, nullable, object, oneOf, pattern, refs, str, timestamp, uuid } from "./kinds";
import { protectionFields } from "./loadbalancer";
import { isHttpPool, POOL_PROTOCOLS } from "./protocols";
import { defineSpec } from "./resource";

export const LB_ALGORITHMS = ["ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP", "QUIC_CID"] as const;
export const PERSISTENCE_TYPES = ["SOURCE_IP", "HTTP_COOKIE", "APP_COOKIE"] as const;

export const poolSpec = defineSpec({
  kind: "pool",
  plural: "pools",
  className: "Pool",
  noun: "pool",
  fields: {
    protocol: { kind: oneOf(POOL_PROTOCOLS), create: true, update: false, required: true, change: "replace", doc: "Protocol spoken to the backend servers; must suit the listener." },
    lb_algorithm: {
      kind: oneOf(LB_ALGORITHMS),
      create: true,
      update: true,
      required: true,
      change: "update",
      doc: "How new requests are spread: ROUND_ROBIN (weighted round robin), LEAST_CONNECTIONS (weighted least connections), SOURCE_IP (by client address), or QUIC_CID (QUIC pools only).",
    },
    loadbalancer_id: { kind: uuid(), create: true, update: false, change: "replace", doc: "The load balancer the pool belongs to. One of `loadbalancerId` and `listenerId` is required." },
    listener_id: { kind: uuid(), create: true, update: false, change: "replace", doc: "Listener whose default pool this becomes." },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description." },
    type: {
      kind: oneOf(["", "instance", "ip"] as const),
      create: true,
      update: true,
      default: "",
      change: "set-once",
      doc: "Which members the pool takes: \"\" any, \"instance\" members with a subnet, \"ip\" IP backends only.",
    },
    vpc_id: {
      kind: pattern(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "a UUID or \"\"", 36),
      create: true,
      update: true,
      change: "set-once",
      doc: "VPC of the pool's backend servers.",
    },
    ip_version: { kind: oneOf(["v4", "dualstack"] as const), create: true, update: false, default: "v4", change: "replace", doc: "IP versions of the pool's backend servers." },
    session_persistence: {
      kind: nullable(
        object({
          type: { kind: oneOf(PERSISTENCE_TYPES), create: true, update: true, required: true, change: "update", doc: "What pins a client: the client address, a cookie the load balancer inserts, or the application's own cookie." },
          cookie_name: {
            kind: nullable(pattern(/^[A-Za-z0-9_.-]{1,1024}$/, "1-1024 letters, digits, '-', '_' or '.'", 1024)),
            create: true,
            update: true,
            default: null,
            change: "update",
            doc: "The application's cookie; required with APP_COOKIE and refused otherwise.",
          },
          persistence_timeout: {
            kind: int(1, 1440),
            create: true,
            update: true,
            default: (o: Record<string, unknown>) => {
              const sp = o.session_persistence as { type?: string } | null | undefined;
              if (sp?.type === "APP_COOKIE") return null;
              return isHttpPool(String(o.protocol)) ? 1440 : 1;
            },
            defaultFrom: "protocol",
            change: "update",
            doc: "Minutes of inactivity after which a pin ends; pools other than HTTP and HTTPS take the narrower range rule P5 gives them. Unused with APP_COOKIE.",
          },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Sticky sessions: { type, cookieName, persistenceTimeout }; null turns them off.",
    },
    slow_start: {
      kind: nullable(
        object({
          enable: { kind: bool(), create: true, update: true, required: true, change: "update", doc: "Whether slow start is on." },
          duration: { kind: int(30, 1200), create: true, update: true, default: 30, change: "update", doc: "Seconds over which a new member's share ramps up." },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Slow start: { enable, duration }, for HTTP and HTTPS pools with ROUND_ROBIN; null turns it off.",
    },
    member_deletion_protection_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "update",
      doc: "While true, every removal of members is refused (single, batch and cascades).",
    },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state; false sends no traffic to the pool." },
    connection_drain: {
      kind: nullable(
        object({
          enable: { kind: bool(), create: true, update: true, required: true, change: "update", doc: "Whether connections are drained." },
          timeout: {
            kind: nullable(int(10, 4000)),
            create: true,
            update: true,
            default: null,
            change: "update",
            doc: "Seconds a removed member, or one set to weight 0, keeps its open connections before they are closed; required when enabled.",
          },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Connection draining: { enable, timeout }, for TCP, UDP and QUIC pools; null turns it off, and a removed member's connections then stay open until they are idle.",
    },
    any_port_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "update",
      doc: "Forward to each member on the port the client used (TCP, UDP and QUIC pools only, F5). Stored and answered; the engine forwards to `protocolPort`.",
    },
    az_affinity: {
      kind: object({
        enable: { kind: bool(), create: true, update: true, required: true, change: "update", doc: "Whether traffic stays in the availability zone it arrived in." },
        az_minimum_healthy_member_percentage: { kind: int(-1, 100), create: true, update: true, default: -1, change: "update", doc: "Healthy share of an AZ's members below which it falls back; -1 when the count is used." },
        az_minimum_healthy_member_count: { kind: int(-1, 10000), create: true, update: true, default: -1, change: "update", doc: "Healthy members of an AZ below which it falls back; -1 when the percentage is used." },
        az_unhealthy_fallback_strategy: {
          kind: oneOf(["forward_to_all_member", "forward_to_all_member_of_local_az"] as const),
          create: true,
          update: true,
          default: "forward_to_all_member_of_local_az",
          change: "update",
          doc: "Where traffic goes once an AZ falls back.",
        },
      }),
      create: true,
      update: true,
      default: { enable: false, az_minimum_healthy_member_percentage: -1, az_minimum_healthy_member_count: -1, az_unhealthy_fallback_strategy: "forward_to_all_member_of_local_az" },
      change: "update",
      doc: "Availability-zone affinity (TCP and UDP pools, F5): with `enable`, exactly one of the two thresholds is -1. Stored and answered; the engine balances across all members.",
    },
    pool_health: {
      kind: object({
        minimum_healthy_member_count: { kind: int(0, 1), create: true, update: true, default: 0, change: "update", doc: "0, or 1: with no healthy member, traffic goes to every member." },
      }),
      create: true,
      update: true,
      default: { minimum_healthy_member_count: 0 },
      change: "update",
      doc: "Pool-wide health: { minimumHealthyMemberCount }.",
    },
    quic_cid_hash_strategy: {
      kind: nullable(
        object({
          len: { kind: int(1, 20), create: true, update: true, default: 1, change: "update", doc: "Bytes of the connection id hashed." },
          offset: { kind: int(0, 19), create: true, update: true, default: 0, change: "update", doc: "Where in the connection id hashing starts." },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Which part of a QUIC connection id QUIC_CID hashes (QUIC pools only).",
    },
    public_border_group: { kind: oneOf(["center"] as const), create: true, update: false, default: "center", change: "replace", doc: "Where the pool's load balancer runs; the engine has center only." },
    enterprise_project_id: { kind: uuid(), create: true, update: false, default: "0", change: "replace", doc: "Enterprise project; \"0\" (the default project) when omitted." },
    ...protectionFields("pool"),
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Pool id." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    healthmonitor_id: { kind: str(36), doc: "Health monitor id, or \"\" without one (as Huawei answers)." },
    listeners: { kind: refs(), doc: "Listeners using the pool, as a list of {id}." },
    loadbalancers: { kind: refs(), doc: "The load balancer, as a list of {id}." },
    members: { kind: refs(), doc: "Members, as a list of {id}." },
    created_at: { stored: true, kind: timestamp(), doc: "Creation time (UTC)." },
    updated_at: { stored: true, kind: timestamp(), doc: "Last update time (UTC)." },
  },
  naturalKeys: [
    {
      rule: "P3",
      unique: "a listener's one default pool, the slot a pool created with listener_id takes",
      scope: [field("listener_id")],
      fields: [],
      indexed: false,
      conflict: (v) => `Listener ${v.listener_id} already has default pool ${v.owner}.`,
    },
  ],
});
