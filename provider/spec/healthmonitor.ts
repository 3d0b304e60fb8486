// The health monitor (`{"healthmonitor": {...}}`).
import { field } from "./keys";
import { bool, int, nullable, oneOf, pattern, refs, str, timestamp, uuid } from "./kinds";
import { MONITOR_TYPES } from "./protocols";
import { defineSpec } from "./resource";

const isHttpType = (o: Record<string, unknown>) => o.type === "HTTP" || o.type === "HTTPS";

export const healthMonitorSpec = defineSpec({
  kind: "healthmonitor",
  plural: "healthmonitors",
  className: "HealthMonitor",
  noun: "health monitor",
  fields: {
    pool_id: { kind: uuid(), create: true, update: false, required: true, change: "replace", doc: "The pool whose members are checked (one monitor per pool)." },
    type: { kind: oneOf(MONITOR_TYPES), create: true, update: true, required: true, change: "update", doc: "How members are checked, as the pool's protocol allows." },
    delay: { kind: int(1, 50), create: true, update: true, required: true, change: "update", doc: "Seconds between checks." },
    timeout: { kind: int(1, 50), create: true, update: true, required: true, change: "update", doc: "Seconds a check may take; not above `delay`." },
    max_retries: { kind: int(1, 10), create: true, update: true, required: true, change: "update", doc: "Consecutive successful checks that bring a member ONLINE." },
    max_retries_down: { kind: int(1, 10), create: true, update: true, default: 3, change: "update", doc: "Consecutive failed checks that take a member OFFLINE." },
    monitor_port: { kind: nullable(int(1, 65535)), create: true, update: true, default: null, change: "update", doc: "Port to check; null checks each member's own port." },
    url_path: {
      kind: pattern(/^\/[A-Za-z0-9\-/.%?#&_;~!()*[\]@$^:',+]{0,79}$/, "a path of 1-80 characters starting with '/'", 80),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (isHttpType(o) ? "/" : null),
      defaultFrom: "type",
      change: "update",
      doc: "Path an HTTP or HTTPS check requests.",
    },
    domain_name: {
      kind: nullable(pattern(/^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/, "1-100 letters, digits, '-' or '.', starting with a letter or digit", 100)),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Host header of HTTP and HTTPS checks; null sends the VIP.",
    },
    expected_codes: {
      kind: pattern(/^(\d{1,3}(-\d{1,3})?)(,\d{1,3}(-\d{1,3})?)*$/, "a code (200), a list (200,202) or a range (200-204)", 64),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (isHttpType(o) ? "200" : o.type === "GRPC" ? "0" : null),
      defaultFrom: "type",
      change: "update",
      doc: "Status codes an HTTP, HTTPS or GRPC check counts as healthy.",
    },
    http_method: {
      kind: oneOf(["GET", "HEAD", "POST"] as const),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (isHttpType(o) ? "GET" : null),
      defaultFrom: "type",
      change: "update",
      doc: "Method of HTTP and HTTPS checks.",
    },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name." },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state; false stops checking." },
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Health monitor id." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    pools: { kind: refs(), doc: "The pool, as a list of one {id}." },
    created_at: { stored: true, kind: timestamp(), doc: "Creation time (UTC)." },
    updated_at: { stored: true, kind: timestamp(), doc: "Last update time (UTC)." },
  },
  naturalKeys: [
    {
      rule: "H1",
      unique: "a pool's health monitor: one per pool",
      scope: [field("pool_id")],
      fields: [],
      indexed: true,
      conflict: (v) => `Pool ${v.pool_id} already has health monitor ${v.owner}.`,
    },
  ],
});
