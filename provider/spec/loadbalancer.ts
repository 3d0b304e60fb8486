// The dedicated load balancer (`{"loadbalancer": {...}}`).
import { z } from "zod";
import { field } from "./keys";
import { bool, int, ipv4, isIPv6, list, nullable, object, oneOf, onlyBool, pattern, refs, str, tags, timestamp, uuid, type FieldDef, type Kind } from "./kinds";
import { defineSpec } from "./resource";

const ipv6 = (): Kind<string> => ({ type: "string", schema: z.string().max(64).refine(isIPv6), allowed: "an IPv6 address", problem: "is not a valid address" });

export const PROTECTION_STATUSES = ["nonProtection", "consoleProtection"] as const;
/** Huawei: "protection_reason ... cannot contain '<' or '>'", at most 255 characters. */
export const protectionReason = () => nullable(pattern(/^[^<>]*$/, "at most 255 characters without '<' or '>'", 255));

/**
 * Huawei's console modification protection, the same two fields on load balancers, listeners
 * and pools: stored and answered (F3); the API itself is never blocked.
 */
export const protectionFields = (noun: string) => ({
  protection_status: {
    kind: oneOf(PROTECTION_STATUSES),
    create: true,
    update: true,
    default: "nonProtection",
    change: "update",
    doc: "consoleProtection guards against changes in Huawei's console only; the API is not blocked.",
  } satisfies FieldDef<string>,
  protection_reason: { kind: protectionReason(), create: true, update: true, default: null, change: "update", doc: `Why the ${noun} is protected.` } satisfies FieldDef<string | null>,
});

/** The EIP lists a load balancer answers: stand-in EIPs the engine assigns for `publicip` (F3). */
const eipList = <K extends string>(id: K, address: string): Kind<Record<string, unknown>[]> => ({
  type: "list",
  schema: z.array(z.object({ [id]: z.string(), [address]: z.string(), ip_version: z.number() })),
  allowed: `a list of {${id}, ${address}, ip_version}`,
  problem: "is not valid",
});

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
    l4_flavor_id: {
      kind: nullable(uuid()),
      create: true,
      update: true,
      change: "update",
      doc: "Layer-4 flavor (an `L4` flavor from the flavors list), which lets the load balancer take TCP, UDP and TLS listeners (F1). With neither flavor given, both default flavors are taken; with only the other one given, none.",
    },
    l7_flavor_id: {
      kind: nullable(uuid()),
      create: true,
      update: true,
      change: "update",
      doc: "Layer-7 flavor (an `L7` flavor from the flavors list), which lets the load balancer take HTTP, HTTPS and QUIC listeners (F1). With neither flavor given, both default flavors are taken; with only the other one given, none.",
    },
    elb_virsubnet_ids: {
      kind: list(uuid(), { min: 1, max: 64 }),
      create: true,
      update: true,
      change: "update",
      doc: "Subnets (their network ids, the subnet `id`) the load balancer reaches backend servers through, in its VPC; a change sends the whole list. Defaults to the VIP's subnet, or the VPC's first subnet.",
    },
    tags: { kind: tags(), create: true, update: false, default: [], change: "special", doc: "Tags, as a `{ key: value }` map (F2). The load balancer's PUT takes no tags: a change goes through the tag action, which adds and overwrites the keys that differ and deletes the keys removed." },
    enterprise_project_id: {
      kind: uuid(),
      create: true,
      update: false,
      default: "0",
      change: "replace",
      doc: "Enterprise project; \"0\" (the default project) when omitted, and not sendable as such.",
    },
    ipv6_vip_virsubnet_id: {
      kind: nullable(uuid()),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "IPv6 subnet (its network id) of an IPv6 VIP; null unbinds it. The engine's network has no IPv6 subnet, so only null is accepted (F3).",
    },
    ipv6_vip_address: { kind: nullable(ipv6()), create: true, update: true, default: null, change: "update", doc: "IPv6 VIP inside `ipv6VipVirsubnetId`." },
    ipv6_bandwidth: {
      kind: nullable(object({ id: { kind: uuid(), create: true, update: true, required: true, change: "update", doc: "Shared bandwidth id." } })),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "Shared bandwidth of the IPv6 VIP; needs an IPv6 VIP.",
    },
    publicip_ids: {
      kind: list(uuid(), { min: 1, max: 1 }),
      create: true,
      update: false,
      change: "replace",
      doc: "Existing EIP to bind. The engine holds no unbound EIPs, so any id is not found (F3); use `publicip` for a stand-in EIP.",
    },
    publicip: {
      kind: object({
        ip_version: { kind: { ...int(4, 6), schema: z.union([z.literal(4), z.literal(6)]), accepts: (v: unknown) => v === 4 || v === 6, allowed: "4 or 6" }, create: true, update: false, default: 4, change: "replace", doc: "4 (IPv4) or 6." },
        network_type: { kind: str(36, 1), create: true, update: false, required: true, change: "replace", doc: "EIP type, e.g. 5_bgp." },
        billing_info: { kind: nullable(str(1024)), create: true, update: false, default: null, change: "replace", doc: "Prepaid order of the EIP; refused (F3)." },
        description: { kind: str(255), create: true, update: false, default: "", change: "replace", doc: "EIP description." },
        bandwidth: {
          kind: object({
            name: { kind: nullable(str(64, 1)), create: true, update: false, default: null, change: "replace", doc: "Bandwidth name." },
            size: { kind: nullable(int(1, 99999)), create: true, update: false, default: null, change: "replace", doc: "Mbit/s." },
            charge_mode: { kind: nullable(oneOf(["bandwidth", "traffic"] as const)), create: true, update: false, default: null, change: "replace", doc: "Billed by bandwidth or by traffic." },
            share_type: { kind: nullable(oneOf(["PER", "WHOLE"] as const)), create: true, update: false, default: null, change: "replace", doc: "PER (dedicated) or WHOLE (shared; needs `id`)." },
            billing_info: { kind: nullable(str(1024)), create: true, update: false, default: null, change: "replace", doc: "Prepaid order of the bandwidth; refused (F3)." },
            id: { kind: nullable(uuid()), create: true, update: false, default: null, change: "replace", doc: "Existing shared bandwidth." },
          }),
          create: true,
          update: false,
          required: true,
          change: "replace",
          doc: "The EIP's bandwidth: a new one (size, chargeMode, shareType PER) or a shared one (id, shareType WHOLE).",
        },
      }),
      create: true,
      update: false,
      change: "replace",
      doc: "A new EIP bound to the VIP. The engine assigns a stand-in address from 198.51.100.0/24 (F3), listed in `eips` and `publicips`; needs the IPv4 VIP.",
    },
    billing_info: {
      kind: nullable(str(1024)),
      create: true,
      update: false,
      default: "",
      change: "replace",
      doc: "Prepaid order information. The engine takes no orders (F3): only pay-per-use, \"\" or null.",
    },
    prepaid_options: {
      kind: nullable(
        object({
          period_type: { kind: oneOf(["month", "year"] as const), create: true, update: true, required: true, change: "update", doc: "Month or year." },
          period_num: { kind: int(1, 9), create: true, update: true, required: true, change: "update", doc: "Number of periods." },
          auto_renew: { kind: bool(), create: true, update: true, default: false, change: "update", doc: "Renew automatically." },
          auto_pay: { kind: bool(), create: true, update: true, default: false, change: "update", doc: "Pay automatically." },
          change_mode: { kind: oneOf(["immediate", "delay"] as const), create: true, update: true, default: "immediate", change: "update", doc: "When a change of a prepaid load balancer takes effect." },
        }),
      ),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "A yearly or monthly order. The engine takes no orders (F3): any value other than null is refused with 400.",
    },
    autoscaling: {
      kind: object({
        enable: { kind: bool(), create: true, update: true, required: true, change: "update", doc: "Whether the flavor scales with the load." },
        min_l7_flavor_id: { kind: nullable(uuid()), create: true, update: true, default: null, change: "update", doc: "The smallest L7 flavor scaling may go down to (an `L7` flavor)." },
      }),
      create: true,
      update: true,
      default: { enable: false, min_l7_flavor_id: null },
      change: "update",
      doc: "Elastic scaling of the flavor: { enable, minL7FlavorId }. Stored and answered; the engine's capacity does not depend on it.",
    },
    waf_failure_action: {
      kind: oneOf(["discard", "forward"] as const),
      create: true,
      update: true,
      default: "forward",
      change: "update",
      doc: "What traffic does when the WAF fails: discard or forward. The engine runs no WAF (F3); the value is stored and answered.",
    },
    ...protectionFields("load balancer"),
    charge_mode: {
      kind: oneOf(["flavor", "lcu"] as const),
      create: true,
      update: true,
      default: "flavor",
      change: "update",
      doc: "Billed by flavor or by capacity units (LCU); an update may only set flavor. The engine bills nothing (F3).",
    },
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Load balancer id." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    provisioning_status: { kind: str(64), doc: "ACTIVE, or PENDING_CREATE / PENDING_UPDATE while the engine's provisioning delay runs." },
    operating_status: { kind: str(64), doc: "ONLINE." },
    vip_port_id: { stored: true, kind: nullable(uuid()), doc: "Port id of the private VIP." },
    listeners: { kind: refs(), doc: "Listeners, as a list of {id}." },
    pools: { kind: refs(), doc: "Pools, as a list of {id}." },
    ipv6_vip_port_id: { stored: true, kind: nullable(uuid()), doc: "Port id of the IPv6 VIP." },
    eips: { stored: true, kind: eipList("eip_id", "eip_address"), doc: "EIPs bound to the load balancer: {eipId, eipAddress, ipVersion}." },
    publicips: { stored: true, kind: eipList("publicip_id", "publicip_address"), doc: "The same EIPs as `eips`: {publicipId, publicipAddress, ipVersion}." },
    elb_virsubnet_type: { kind: oneOf(["ipv4", "dualstack"] as const), doc: "ipv4, or dualstack when the load balancer has an IPv6 VIP." },
    public_border_group: { kind: str(64), doc: "Where the load balancer runs: center." },
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
