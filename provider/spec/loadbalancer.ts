// The dedicated load balancer (`{"loadbalancer": {...}}`).
import { bool, ipv4, list, nullable, onlyBool, oneOf, str, uuid } from "./kinds";
import type { ResourceSpec } from "./resource";

export const loadBalancerSpec: ResourceSpec = {
  kind: "loadbalancer",
  plural: "loadbalancers",
  className: "LoadBalancer",
  noun: "load balancer",
  fields: {
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name, 0-255 characters. Default \"\"." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description, 0-255 characters. Default \"\"." },
    vpc_id: {
      kind: uuid(),
      create: true,
      update: false,
      change: "replace",
      doc: "VPC id. Derived from `vipSubnetCidrId` when omitted. Changing it replaces the load balancer.",
    },
    availability_zone_list: {
      kind: list(str(64, 1), { min: 1, max: 10 }),
      create: true,
      update: false,
      required: true,
      change: "special",
      doc: "Availability zone codes (at least one). Changed in place through the AZ batch-add/batch-remove endpoints.",
    },
    vip_subnet_cidr_id: {
      // null in a PUT unbinds the IPv4 VIP (Huawei); the value reads back as null when unset (G5).
      kind: nullable(uuid()),
      create: true,
      update: true,
      change: "update",
      doc: "IPv4 subnet of the private VIP (its `neutron_subnet_id`), in the load balancer's VPC. At least one of `vpcId` and `vipSubnetCidrId` is required. Changing it moves the VIP in place.",
    },
    vip_address: {
      kind: nullable(ipv4()),
      create: true,
      update: true,
      change: "update",
      doc: "Private IPv4 VIP inside `vipSubnetCidrId`, unused in the VPC. Assigned from the subnet when omitted (and kept when later omitted). Changes in place.",
    },
    ip_target_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "one-way",
      oneWayTo: true,
      doc: "IP as a backend. Default false. One-way: false → true updates in place; true → false replaces the load balancer.",
    },
    deletion_protection_enable: {
      kind: bool(),
      create: true,
      update: true,
      default: false,
      change: "update",
      doc: "Refuses deletion of the load balancer (plain and force) while true. Default false.",
    },
    guaranteed: { kind: onlyBool(true), create: true, update: false, default: true, change: "replace", doc: "Dedicated (guaranteed) load balancer: only true." },
    provider: { kind: oneOf(["vlb"] as const), create: true, update: false, default: "vlb", change: "replace", doc: "Provider: only \"vlb\"." },
    admin_state_up: { kind: bool(), create: true, update: true, default: true, change: "update", doc: "Administrative state. Default true." },
  },
  outputs: {
    id: "Load balancer id (UUID).",
    project_id: "Project id.",
    provisioning_status: "ACTIVE, or PENDING_CREATE / PENDING_UPDATE while the engine's provisioning delay runs.",
    operating_status: "ONLINE.",
    vip_port_id: "Port id of the private VIP.",
    listeners: "Listeners, as a list of {id}.",
    pools: "Pools, as a list of {id}.",
    created_at: "Creation time (UTC, YYYY-MM-DDTHH:MM:SSZ).",
    updated_at: "Last update time (UTC).",
  },
};
