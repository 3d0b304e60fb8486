// The member, or backend server (`{"member": {...}}` under `/pools/{pool_id}/members`).
import { bool, int, ipAddress, nullable, str, uuid } from "./kinds";
import type { ResourceSpec } from "./resource";

export const memberSpec: ResourceSpec = {
  kind: "member",
  plural: "members",
  className: "Member",
  noun: "member",
  fields: {
    pool_id: { kind: uuid(), create: true, update: false, required: true, inPath: true, change: "replace", doc: "Pool id (part of the URL). Changing it replaces the member." },
    address: { kind: ipAddress(), create: true, update: false, required: true, change: "replace", doc: "IPv4 or IPv6 address of the backend server. Changing it replaces the member." },
    protocol_port: { kind: int(1, 65535), create: true, update: true, required: true, change: "update", doc: "Backend port, 1-65535. Changes in place." },
    subnet_cidr_id: {
      // null (what an IP backend reads back) means the same as leaving it out (M5).
      kind: nullable(uuid()),
      create: true,
      update: false,
      // Omitted means an IP backend, so removing it from a program replaces the member with one.
      default: null,
      change: "replace",
      doc: "Subnet (`neutron_subnet_id`) containing the address, in the load balancer's VPC. Omit for an IP backend (needs `ipTargetEnable`). Changing or removing it replaces the member.",
    },
    weight: { kind: int(0, 100), create: true, update: true, default: 1, change: "update", doc: "Weight, 0-100. Default 1. 0 takes the member out of rotation for new requests." },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name, 0-255 characters. Default \"\"." },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state; false sends no new traffic. Default true." },
  },
  outputs: {
    id: "Member id (UUID).",
    project_id: "Project id.",
    ip_version: "v4 or v6, derived from the address.",
    member_type: "\"instance\" (with a subnet) or \"ip\" (IP backend).",
    instance_id: "Backing server id (\"\" here).",
    operating_status: "NO_MONITOR, INITIAL, ONLINE, OFFLINE or UNKNOWN.",
    created_at: "Creation time (UTC).",
    updated_at: "Last update time (UTC).",
  },
};
