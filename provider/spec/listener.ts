// The listener (`{"listener": {...}}`).
import { bool, int, list, nullable, object, oneOf, str, uuid, type FieldDef } from "./kinds";
import { isLayer7Listener, LISTENER_PROTOCOLS } from "./protocols";
import type { ResourceSpec } from "./resource";

const l7 = (o: Record<string, unknown>) => isLayer7Listener(String(o.protocol));
const header = (name: string): [string, FieldDef] => [
  name,
  { kind: bool(), create: true, update: true, default: false, change: "update", doc: `Insert the ${name} header. Default false.` },
];

export const INSERT_HEADERS = ["X-Forwarded-ELB-IP", "X-Forwarded-Port", "X-Forwarded-For-Port", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"];

export const listenerSpec: ResourceSpec = {
  kind: "listener",
  plural: "listeners",
  className: "Listener",
  noun: "listener",
  fields: {
    loadbalancer_id: { kind: uuid(), create: true, update: false, required: true, change: "replace", doc: "Load balancer id. Changing it replaces the listener." },
    protocol: {
      kind: oneOf(LISTENER_PROTOCOLS),
      create: true,
      update: false,
      required: true,
      change: "replace",
      doc: "TCP, UDP, HTTP, HTTPS, QUIC or TLS (TERMINATED_HTTPS is stored as HTTPS). Changing it replaces the listener.",
    },
    protocol_port: { kind: int(1, 65535), create: true, update: false, required: true, change: "replace", doc: "Port, 1-65535, unique per port space on the load balancer. Changing it replaces the listener." },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name, 0-255 characters. Default \"\"." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description, 0-255 characters. Default \"\"." },
    default_pool_id: {
      kind: nullable(uuid()),
      create: true,
      update: true,
      change: "update",
      doc: "Default pool (same load balancer, compatible protocol). When omitted it is left as it is (a pool created with `listenerId` sets it); set null to detach.",
    },
    default_tls_container_ref: {
      kind: nullable(str(128, 1)),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Server certificate reference, 1-128 characters; required for HTTPS, TLS and QUIC.",
    },
    client_ca_tls_container_ref: { kind: nullable(str(128, 1)), create: true, update: true, default: null, change: "update", doc: "Client CA certificate reference (HTTPS/TLS). Default null." },
    sni_container_refs: { kind: list(str(128, 1), { max: 50 }), create: true, update: true, default: [], change: "update", doc: "SNI certificate references, at most 50. Default []." },
    http2_enable: { kind: bool(), create: true, update: true, default: false, change: "update", doc: "HTTP/2 (HTTPS and QUIC listeners; GRPC pools need it). Default false." },
    insert_headers: {
      kind: object(Object.fromEntries(INSERT_HEADERS.map(header))),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (l7(o) ? Object.fromEntries(INSERT_HEADERS.map((h) => [h, false])) : null),
      change: "update",
      doc: "Headers to insert (layer-7 listeners only): " + INSERT_HEADERS.join(", ") + ". Each default false.",
    },
    enable_member_retry: { kind: bool(), create: true, update: true, default: (o: Record<string, unknown>) => (l7(o) ? true : null), change: "update", doc: "Retry another backend on failure (layer-7 only). Default true." },
    keepalive_timeout: {
      kind: int(0, 4000),
      create: true,
      update: true,
      default: (o: Record<string, unknown>) => (l7(o) ? 60 : 300),
      change: "update",
      doc: "Idle timeout in seconds: TCP/UDP 10-4000 (default 300), HTTP/HTTPS 0-4000 (default 60).",
    },
    client_timeout: { kind: int(1, 300), create: true, update: true, default: (o: Record<string, unknown>) => (l7(o) ? 60 : null), change: "update", doc: "Client request timeout in seconds, 1-300 (layer-7 only). Default 60." },
    member_timeout: { kind: int(1, 300), create: true, update: true, default: (o: Record<string, unknown>) => (l7(o) ? 60 : null), change: "update", doc: "Backend response timeout in seconds, 1-300 (layer-7 only). Default 60." },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state. Default true." },
  },
  outputs: {
    id: "Listener id (UUID).",
    project_id: "Project id.",
    loadbalancers: "The load balancer, as a list of one {id}.",
    created_at: "Creation time (UTC).",
    updated_at: "Last update time (UTC).",
  },
};
