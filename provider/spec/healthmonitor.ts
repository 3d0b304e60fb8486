// The health monitor (`{"healthmonitor": {...}}`).
import { bool, int, nullable, oneOf, pattern, str, uuid } from "./kinds";
import { MONITOR_TYPES } from "./protocols";
import type { ResourceSpec } from "./resource";

const isHttpType = (o: Record<string, unknown>) => o.type === "HTTP" || o.type === "HTTPS";

export const healthMonitorSpec: ResourceSpec = {
  kind: "healthmonitor",
  plural: "healthmonitors",
  className: "HealthMonitor",
  noun: "health monitor",
  fields: {
    pool_id: { kind: uuid(), create: true, update: false, required: true, change: "replace", doc: "Pool id (one monitor per pool). Changing it replaces the monitor." },
    type: { kind: oneOf(MONITOR_TYPES), create: true, update: true, required: true, change: "update", doc: "TCP, UDP_CONNECT, HTTP, HTTPS, TLS or GRPC, as the pool protocol allows." },
    delay: { kind: int(1, 50), create: true, update: true, required: true, change: "update", doc: "Seconds between checks, 1-50." },
    timeout: { kind: int(1, 50), create: true, update: true, required: true, change: "update", doc: "Seconds a check may take, 1-50, not above `delay`." },
    max_retries: { kind: int(1, 10), create: true, update: true, required: true, change: "update", doc: "Consecutive successes to go ONLINE, 1-10." },
    max_retries_down: { kind: int(1, 10), create: true, update: true, default: 3, change: "update", doc: "Consecutive failures to go OFFLINE, 1-10. Default 3." },
    monitor_port: { kind: nullable(int(1, 65535)), create: true, update: true, default: null, change: "update", doc: "Port to check, 1-65535; null checks each member's own port. Default null." },
    url_path: {
      kind: pattern(/^\/[A-Za-z0-9\-/.%?#&_;~!()*[\]@$^:',+]{0,79}$/, "a path of 1-80 characters starting with '/'", 80),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (isHttpType(o) ? "/" : null),
      change: "update",
      doc: "HTTP/HTTPS checks only: the path, starting with '/'. Default \"/\".",
    },
    domain_name: {
      kind: nullable(pattern(/^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/, "1-100 letters, digits, '-' or '.', starting with a letter or digit", 100)),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "HTTP/HTTPS checks only: the Host header. Default null (the VIP).",
    },
    expected_codes: {
      kind: pattern(/^(\d{1,3}(-\d{1,3})?)(,\d{1,3}(-\d{1,3})?)*$/, "a code (200), a list (200,202) or a range (200-204)", 64),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (isHttpType(o) ? "200" : o.type === "GRPC" ? "0" : null),
      change: "update",
      doc: "HTTP/HTTPS/GRPC checks only: expected status codes. Default \"200\" (GRPC \"0\").",
    },
    http_method: { kind: oneOf(["GET", "HEAD", "POST"] as const), create: true, update: true, default: (o: Record<string, unknown>) => (isHttpType(o) ? "GET" : null), change: "update", doc: "HTTP/HTTPS checks only: GET, HEAD or POST. Default GET." },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name, 0-255 characters. Default \"\"." },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "false disables checking. Default true." },
  },
  outputs: {
    id: "Health monitor id (UUID).",
    project_id: "Project id.",
    pools: "The pool, as a list of one {id}.",
    created_at: "Creation time (UTC).",
    updated_at: "Last update time (UTC).",
  },
};
