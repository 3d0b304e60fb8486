// The member, or backend server (`{"member": {...}}` under `/pools/{pool_id}/members`).
import { field } from "./keys";
import { bool, int, ipAddress, nullable, oneOf, str, timestamp, uuid } from "./kinds";
import { defineSpec } from "./resource";

export const memberSpec = defineSpec({
  kind: "member",
  plural: "members",
  className: "Member",
  noun: "member",
  fields: {
    pool_id: { kind: uuid(), create: true, update: false, required: true, inPath: true, change: "replace", doc: "The pool the member belongs to (part of the URL)." },
    address: { kind: ipAddress(), create: true, update: false, required: true, change: "replace", doc: "Address of the backend server." },
    protocol_port: { kind: int(1, 65535), create: true, update: true, required: true, change: "update", doc: "Port the backend server listens on." },
    subnet_cidr_id: {
      // null (what an IP backend reads back) means the same as leaving it out (M5).
      kind: nullable(uuid()),
      create: true,
      update: false,
      // Omitted means an IP backend, so removing it from a program replaces the member with one.
      default: null,
      change: "replace",
      doc: "Subnet (`neutron_subnet_id`) containing the address, in the load balancer's VPC. Omit it for an IP backend, which needs the load balancer's `ipTargetEnable`.",
    },
    weight: { kind: int(0, 100), create: true, update: true, default: 1, change: "update", doc: "Share of new requests relative to the pool's other members; 0 takes the member out of rotation." },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name." },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state; false sends the member no new traffic." },
    availability_zone: {
      kind: str(64),
      create: true,
      update: true,
      default: "",
      change: "update",
      doc: "Availability zone of the backend server: one of the engine's AZ codes, or \"\" when not given.",
    },
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Member id." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    ip_version: { stored: true, kind: oneOf(["v4", "v6"] as const), doc: "IP version of the address." },
    member_type: { stored: true, kind: oneOf(["instance", "ip"] as const), doc: "\"instance\" for a member with a subnet, \"ip\" for an IP backend." },
    instance_id: { stored: true, kind: str(64), doc: "Backing server id (\"\" in the reference engine)." },
    operating_status: { kind: str(64), doc: "Health: NO_MONITOR, INITIAL, ONLINE, OFFLINE or UNKNOWN." },
    created_at: { stored: true, kind: timestamp(), doc: "Creation time (UTC)." },
    updated_at: { stored: true, kind: timestamp(), doc: "Last update time (UTC)." },
  },
  naturalKeys: [
    {
      rule: "M2",
      unique: "a member's address and protocol_port within its pool",
      scope: [field("pool_id")],
      fields: [field("address"), field("protocol_port")],
      indexed: true,
      conflict: (v) =>
        v.moving
          ? `Batch moves members ${v.owner} and ${v.moving} onto the same address and port ${v.address}:${v.protocol_port}.`
          : `Pool ${v.pool_id} already has member ${v.owner} with address ${v.address} and protocol_port ${v.protocol_port}.`,
    },
  ],
});
