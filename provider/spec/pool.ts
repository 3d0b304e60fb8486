// The pool, or backend server group (`{"pool": {...}}`).
import { bool, int, nullable, object, oneOf, pattern, str, uuid } from "./kinds";
import { isHttpPool, POOL_PROTOCOLS } from "./protocols";
import type { ResourceSpec } from "./resource";

export const LB_ALGORITHMS = ["ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP", "QUIC_CID"] as const;
export const PERSISTENCE_TYPES = ["SOURCE_IP", "HTTP_COOKIE", "APP_COOKIE"] as const;

export const poolSpec: ResourceSpec = {
  kind: "pool",
  plural: "pools",
  className: "Pool",
  noun: "pool",
  fields: {
    protocol: { kind: oneOf(POOL_PROTOCOLS), create: true, update: false, required: true, change: "replace", doc: "TCP, UDP, HTTP, HTTPS, QUIC, TLS or GRPC; must suit the listener. Changing it replaces the pool." },
    lb_algorithm: {
      kind: oneOf(LB_ALGORITHMS),
      create: true,
      update: true,
      required: true,
      change: "update",
      doc: "ROUND_ROBIN (weighted round robin), LEAST_CONNECTIONS (weighted least connections), SOURCE_IP, or QUIC_CID (QUIC pools only).",
    },
    loadbalancer_id: { kind: uuid(), create: true, update: false, change: "replace", doc: "Load balancer id. One of `loadbalancerId`, `listenerId` is required. Changing it replaces the pool." },
    listener_id: { kind: uuid(), create: true, update: false, change: "replace", doc: "Listener whose default pool this becomes. Changing it replaces the pool." },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name, 0-255 characters. Default \"\"." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description, 0-255 characters. Default \"\"." },
    type: {
      kind: oneOf(["", "instance", "ip"] as const),
      create: true,
      update: true,
      default: "",
      change: "set-once",
      doc: "\"\" (any member), \"instance\" (members with a subnet) or \"ip\" (IP backends only). Can be set in place only while still \"\"; other changes replace the pool.",
    },
    vpc_id: {
      kind: pattern(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "a UUID or \"\"", 36),
      create: true,
      update: true,
      change: "set-once",
      doc: "VPC of the pool. Can be set in place only while still \"\"; other changes replace the pool.",
    },
    ip_version: { kind: oneOf(["v4", "dualstack"] as const), create: true, update: false, default: "v4", change: "replace", doc: "v4 or dualstack. Default v4. Changing it replaces the pool." },
    session_persistence: {
      kind: nullable(
        object({
          type: { kind: oneOf(PERSISTENCE_TYPES), create: true, update: true, required: true, change: "update", doc: "SOURCE_IP, HTTP_COOKIE or APP_COOKIE." },
          cookie_name: {
            kind: nullable(pattern(/^[A-Za-z0-9_.-]{1,1024}$/, "1-1024 letters, digits, '-', '_' or '.'", 1024)),
            create: true,
            update: true,
            default: null,
            change: "update",
            doc: "Cookie name; required with APP_COOKIE and refused otherwise.",
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
            change: "update",
            doc: "Minutes: 1-60 for TCP/UDP/QUIC pools (default 1), 1-1440 for HTTP/HTTPS (default 1440).",
          },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Sticky sessions: { type, cookieName, persistenceTimeout }. Default null (off).",
    },
    slow_start: {
      kind: nullable(
        object({
          enable: { kind: bool(), create: true, update: true, required: true, change: "update", doc: "Whether slow start is on." },
          duration: { kind: int(30, 1200), create: true, update: true, default: 30, change: "update", doc: "Ramp duration in seconds, 30-1200. Default 30." },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Slow start: { enable, duration } — HTTP and HTTPS pools with ROUND_ROBIN only. Default null (off).",
    },
    member_deletion_protection_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "update",
      doc: "Refuses every removal of members (single, batch, cascades) while true. Default false.",
    },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state. Default true." },
  },
  outputs: {
    id: "Pool id (UUID).",
    project_id: "Project id.",
    healthmonitor_id: "Health monitor id, or null.",
    listeners: "Listeners using the pool, as a list of {id}.",
    loadbalancers: "The load balancer, as a list of {id}.",
    members: "Members, as a list of {id}.",
    created_at: "Creation time (UTC).",
    updated_at: "Last update time (UTC).",
  },
};
