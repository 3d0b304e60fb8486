// The dedicated load balancer (`{"loadbalancer": {...}}`).
import { field } from "./keys";
import { bool, ipv4, list, nullable, oneOf, onlyBool, refs, str, timestamp, uuid } from "./kinds";
import { defineSpec } from "./resource";

export const loadBalancerSpec = defineSpec({
  kind: "loadbalancer",
  plural: "loadbalancers",
  className: "LoadBalancer",
  noun: "load balancer",
  fields: {
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description." },
    vpc_id: {
      kind: uuid(),
      create: true,
      update: false,
      change: "replace",
      doc: "VPC the load balancer lives in; taken from `vipSubnetCidrId` when omitted.",
    },
    availability_zone_list: {
      kind: list(str(64, 1), { min: 1, max: 10 }),
      create: true,
      update: false,
      required: true,
      change: "special",
      doc: "Availability zone codes the load balancer runs in.",
    },
    vip_subnet_cidr_id: {
      // null in a PUT unbinds the IPv4 VIP (Huawei); the value reads back as null when unset (G5).
      kind: nullable(uuid()),
      create: true,
      update: true,
      change: "update",
      doc: "IPv4 subnet of the private VIP (its `neutron_subnet_id`), in the load balancer's VPC. At least one of `vpcId` and `vipSubnetCidrId` is required; changing it moves the VIP.",
    },
    vip_address: {
      kind: nullable(ipv4()),
      create: true,
      update: true,
      change: "update",
      doc: "Private IPv4 VIP inside `vipSubnetCidrId`, unused in the VPC. Assigned from the subnet when omitted (and kept when later omitted).",
    },
    ip_target_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "one-way",
      oneWayTo: true,
      doc: "IP as a backend: members may be IP backends without a subnet.",
    },
    deletion_protection_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "update",
      doc: "While true, deleting the load balancer (plain or forced) is refused.",
    },
    guaranteed: { kind: onlyBool(true), create: true, update: false, default: true, change: "replace", doc: "Dedicated (guaranteed) load balancer." },
    provider: { kind: oneOf(["vlb"] as const), create: true, update: false, default: "vlb", change: "replace", doc: "Load balancer provider." },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state; false carries no traffic." },
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Load balancer id." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    provisioning_status: { kind: str(64), doc: "ACTIVE, or PENDING_CREATE / PENDING_UPDATE while the engine's provisioning delay runs." },
    operating_status: { kind: str(64), doc: "ONLINE." },
    vip_port_id: { stored: true, kind: nullable(uuid()), doc: "Port id of the private VIP." },
    listeners: { kind: refs(), doc: "Listeners, as a list of {id}." },
    pools: { kind: refs(), doc: "Pools, as a list of {id}." },
    created_at: { stored: true, kind: timestamp(), doc: "Creation time (UTC)." },
    updated_at: { stored: true, kind: timestamp(), doc: "Last update time (UTC)." },
  },
  naturalKeys: [
    {
      rule: "L2",
      unique: "a load balancer's vip_address within its VPC",
      // Omitted, the VPC is the subnet's: a replacement may well land in the old one's VPC.
      scope: [field("vpc_id", { derivedWhenOmitted: true })],
      fields: [field("vip_address")],
      indexed: true,
      conflict: (v) => `IP address ${v.vip_address} is already in use in VPC ${v.vpc_id} (load balancer ${v.owner}).`,
    },
  ],
});
