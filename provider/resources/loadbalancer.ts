// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { loadBalancerSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface Ipv6Bandwidth {
  /** Shared bandwidth id. Allowed: a UUID. Required. Changes in place. */
  id: pulumi.Input<string>;
}

export interface Publicip {
  /** 4 (IPv4) or 6. Allowed: 4 or 6. Default: 4. Changing it replaces the load balancer. */
  ipVersion?: pulumi.Input<number>;
  /**
   * EIP type, e.g. 5_bgp. Allowed: a string of 1-36 characters. Required. Changing it replaces the
   * load balancer.
   */
  networkType: pulumi.Input<string>;
  /**
   * Prepaid order of the EIP; refused (F3). Allowed: a string of at most 1024 characters, or null.
   * Default: null. Changing it replaces the load balancer.
   */
  billingInfo?: pulumi.Input<string | null>;
  /**
   * EIP description. Allowed: a string of at most 255 characters. Default: "". Changing it replaces
   * the load balancer.
   */
  description?: pulumi.Input<string>;
  /**
   * The EIP's bandwidth: a new one (size, chargeMode, shareType PER) or a shared one (id, shareType
   * WHOLE). Allowed: an object with name, size, charge_mode, share_type, billing_info, id.
   * Required. Changing it replaces the load balancer.
   */
  bandwidth: pulumi.Input<Bandwidth>;
}

export interface Bandwidth {
  /**
   * Bandwidth name. Allowed: a string of 1-64 characters, or null. Default: null. Changing it
   * replaces the load balancer.
   */
  name?: pulumi.Input<string | null>;
  /** Mbit/s. Allowed: 1-99999, or null. Default: null. Changing it replaces the load balancer. */
  size?: pulumi.Input<number | null>;
  /**
   * Billed by bandwidth or by traffic. Allowed: one of bandwidth, traffic, or null. Default: null.
   * Changing it replaces the load balancer.
   */
  chargeMode?: pulumi.Input<"bandwidth" | "traffic" | null>;
  /**
   * PER (dedicated) or WHOLE (shared; needs `id`). Allowed: one of PER, WHOLE, or null. Default:
   * null. Changing it replaces the load balancer.
   */
  shareType?: pulumi.Input<"PER" | "WHOLE" | null>;
  /**
   * Prepaid order of the bandwidth; refused (F3). Allowed: a string of at most 1024 characters, or
   * null. Default: null. Changing it replaces the load balancer.
   */
  billingInfo?: pulumi.Input<string | null>;
  /**
   * Existing shared bandwidth. Allowed: a UUID, or null. Default: null. Changing it replaces the
   * load balancer.
   */
  id?: pulumi.Input<string | null>;
}

export interface PrepaidOptions {
  /** Month or year. Allowed: one of month, year. Required. Changes in place. */
  periodType: pulumi.Input<"month" | "year">;
  /** Number of periods. Allowed: 1-9. Required. Changes in place. */
  periodNum: pulumi.Input<number>;
  /** Renew automatically. Allowed: true or false. Default: false. Changes in place. */
  autoRenew?: pulumi.Input<boolean>;
  /** Pay automatically. Allowed: true or false. Default: false. Changes in place. */
  autoPay?: pulumi.Input<boolean>;
  /**
   * When a change of a prepaid load balancer takes effect. Allowed: one of immediate, delay.
   * Default: "immediate". Changes in place.
   */
  changeMode?: pulumi.Input<"immediate" | "delay">;
}

export interface Autoscaling {
  /**
   * Whether the flavor scales with the load. Allowed: true or false. Required. Changes in place.
   */
  enable: pulumi.Input<boolean>;
  /**
   * The smallest L7 flavor scaling may go down to (an `L7` flavor). Allowed: a UUID, or null.
   * Default: null. Changes in place.
   */
  minL7FlavorId?: pulumi.Input<string | null>;
}

export interface LoadBalancerArgs {
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /** Description. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  description?: pulumi.Input<string>;
  /**
   * VPC the load balancer lives in; taken from `vipSubnetCidrId` when omitted. Allowed: a UUID.
   * Chosen by the server when omitted. Changing it replaces the load balancer.
   */
  vpcId?: pulumi.Input<string>;
  /**
   * Availability zone codes the load balancer runs in. Allowed: a list of 1-10 items, each a string
   * of 1-64 characters. Required. Changes in place through dedicated endpoints.
   */
  availabilityZoneList: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * IPv4 subnet of the private VIP (its `neutron_subnet_id`), in the load balancer's VPC. At least
   * one of `vpcId` and `vipSubnetCidrId` is required; changing it moves the VIP. Allowed: a UUID,
   * or null. Chosen by the server when omitted. Changes in place.
   */
  vipSubnetCidrId?: pulumi.Input<string | null>;
  /**
   * Private IPv4 VIP inside `vipSubnetCidrId`, unused in the VPC. Assigned from the subnet when
   * omitted (and kept when later omitted). Allowed: an IPv4 address, or null. Chosen by the server
   * when omitted. Changes in place.
   */
  vipAddress?: pulumi.Input<string | null>;
  /**
   * IP as a backend: members may be IP backends without a subnet. Allowed: true or false. Default:
   * false. Changes in place only to true; any other change replaces the load balancer.
   */
  ipTargetEnable?: pulumi.Input<boolean>;
  /**
   * While true, deleting the load balancer (plain or forced) is refused. Allowed: true or false.
   * Default: false. Changes in place.
   */
  deletionProtectionEnable?: pulumi.Input<boolean>;
  /**
   * Dedicated (guaranteed) load balancer. Allowed: only true. Default: true. Changing it replaces
   * the load balancer.
   */
  guaranteed?: pulumi.Input<boolean>;
  /**
   * Load balancer provider. Allowed: one of vlb. Default: "vlb". Changing it replaces the load
   * balancer.
   */
  provider?: pulumi.Input<"vlb">;
  /**
   * Administrative state; false carries no traffic. Allowed: true or false. Default: true. Changes
   * in place.
   */
  adminStateUp?: pulumi.Input<boolean>;
  /**
   * Layer-4 flavor (an `L4` flavor from the flavors list), which lets the load balancer take TCP,
   * UDP and TLS listeners (F1). With neither flavor given, both default flavors are taken; with
   * only the other one given, none. Allowed: a UUID, or null. Chosen by the server when omitted.
   * Changes in place.
   */
  l4FlavorId?: pulumi.Input<string | null>;
  /**
   * Layer-7 flavor (an `L7` flavor from the flavors list), which lets the load balancer take HTTP,
   * HTTPS and QUIC listeners (F1). With neither flavor given, both default flavors are taken; with
   * only the other one given, none. Allowed: a UUID, or null. Chosen by the server when omitted.
   * Changes in place.
   */
  l7FlavorId?: pulumi.Input<string | null>;
  /**
   * Subnets (their network ids, the subnet `id`) the load balancer reaches backend servers through,
   * in its VPC; a change sends the whole list. Defaults to the VIP's subnet, or the VPC's first
   * subnet. Allowed: a list of 1-64 items, each a UUID. Chosen by the server when omitted. Changes
   * in place.
   */
  elbVirsubnetIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Tags, as a `{ key: value }` map (F2). The load balancer's PUT takes no tags: a change goes
   * through the tag action, which adds and overwrites the keys that differ and deletes the keys
   * removed. Allowed: a list of at most 20 tags {key, value}, keys unique, each key 1-36 and value
   * 0-43 letters, digits, '-' or '_'. Default: []. Changes in place through dedicated endpoints.
   */
  tags?: pulumi.Input<{ [key: string]: string }>;
  /**
   * Enterprise project; "0" (the default project) when omitted, and not sendable as such. Allowed:
   * a UUID. Default: "0". Changing it replaces the load balancer.
   */
  enterpriseProjectId?: pulumi.Input<string>;
  /**
   * IPv6 subnet (its network id) of an IPv6 VIP; null unbinds it. The engine's network has no IPv6
   * subnet, so only null is accepted (F3). Allowed: a UUID, or null. Default: null. Changes in
   * place.
   */
  ipv6VipVirsubnetId?: pulumi.Input<string | null>;
  /**
   * IPv6 VIP inside `ipv6VipVirsubnetId`. Allowed: an IPv6 address, or null. Default: null. Changes
   * in place.
   */
  ipv6VipAddress?: pulumi.Input<string | null>;
  /**
   * Shared bandwidth of the IPv6 VIP; needs an IPv6 VIP. Allowed: an object with id, or null.
   * Default: null. Changes in place.
   */
  ipv6Bandwidth?: pulumi.Input<Ipv6Bandwidth | null>;
  /**
   * Existing EIP to bind. The engine holds no unbound EIPs, so any id is not found (F3); use
   * `publicip` for a stand-in EIP. Allowed: a list of 1-1 items, each a UUID. Chosen by the server
   * when omitted. Changing it replaces the load balancer.
   */
  publicipIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * A new EIP bound to the VIP. The engine assigns a stand-in address from 198.51.100.0/24 (F3),
   * listed in `eips` and `publicips`; needs the IPv4 VIP. Allowed: an object with ip_version,
   * network_type, billing_info, description, bandwidth. Chosen by the server when omitted. Changing
   * it replaces the load balancer.
   */
  publicip?: pulumi.Input<Publicip>;
  /**
   * Prepaid order information. The engine takes no orders (F3): only pay-per-use, "" or null.
   * Allowed: a string of at most 1024 characters, or null. Default: "". Changing it replaces the
   * load balancer.
   */
  billingInfo?: pulumi.Input<string | null>;
  /**
   * A yearly or monthly order. The engine takes no orders (F3): any value other than null is
   * refused with 400. Allowed: an object with period_type, period_num, auto_renew, auto_pay,
   * change_mode, or null. Default: null. Changes in place.
   */
  prepaidOptions?: pulumi.Input<PrepaidOptions | null>;
  /**
   * Elastic scaling of the flavor: { enable, minL7FlavorId }. Stored and answered; the engine's
   * capacity does not depend on it. Allowed: an object with enable, min_l7_flavor_id. Default:
   * {"enable":false,"min_l7_flavor_id":null}. Changes in place.
   */
  autoscaling?: pulumi.Input<Autoscaling>;
  /**
   * What traffic does when the WAF fails: discard or forward. The engine runs no WAF (F3); the
   * value is stored and answered. Allowed: one of discard, forward. Default: "forward". Changes in
   * place.
   */
  wafFailureAction?: pulumi.Input<"discard" | "forward">;
  /**
   * consoleProtection guards against changes in Huawei's console only; the API is not blocked.
   * Allowed: one of nonProtection, consoleProtection. Default: "nonProtection". Changes in place.
   */
  protectionStatus?: pulumi.Input<"nonProtection" | "consoleProtection">;
  /**
   * Why the load balancer is protected. Allowed: at most 255 characters without '<' or '>', or
   * null. Default: null. Changes in place.
   */
  protectionReason?: pulumi.Input<string | null>;
  /**
   * Billed by flavor or by capacity units (LCU); an update may only set flavor. The engine bills
   * nothing (F3). Allowed: one of flavor, lcu. Default: "flavor". Changes in place.
   */
  chargeMode?: pulumi.Input<"flavor" | "lcu">;
  /**
   * Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of
   * creating a new one: the apply that creates this resource adopts that object and updates it to
   * these inputs, and the preview lists it as a create. Inputs that cannot change in place must
   * already match the object. Read only at creation; changing or removing it later changes nothing.
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * A dedicated load balancer. Created, updated and returned only once it is ACTIVE.
 *
 * Unique (L2): a load balancer's vipAddress within its VPC. A replacement that may take the old
 * load balancer's place deletes the old load balancer first; any other is created first.
 */
export class LoadBalancer extends pulumi.dynamic.Resource {
  /** Name. */
  declare public readonly name: pulumi.Output<string>;
  /** Description. */
  declare public readonly description: pulumi.Output<string>;
  /** VPC the load balancer lives in; taken from `vipSubnetCidrId` when omitted. */
  declare public readonly vpcId: pulumi.Output<string>;
  /** Availability zone codes the load balancer runs in. */
  declare public readonly availabilityZoneList: pulumi.Output<string[]>;
  /**
   * IPv4 subnet of the private VIP (its `neutron_subnet_id`), in the load balancer's VPC. At least
   * one of `vpcId` and `vipSubnetCidrId` is required; changing it moves the VIP.
   */
  declare public readonly vipSubnetCidrId: pulumi.Output<string | null>;
  /**
   * Private IPv4 VIP inside `vipSubnetCidrId`, unused in the VPC. Assigned from the subnet when
   * omitted (and kept when later omitted).
   */
  declare public readonly vipAddress: pulumi.Output<string | null>;
  /** IP as a backend: members may be IP backends without a subnet. */
  declare public readonly ipTargetEnable: pulumi.Output<boolean>;
  /** While true, deleting the load balancer (plain or forced) is refused. */
  declare public readonly deletionProtectionEnable: pulumi.Output<boolean>;
  /** Dedicated (guaranteed) load balancer. */
  declare public readonly guaranteed: pulumi.Output<boolean>;
  /** Load balancer provider. */
  declare public readonly provider: pulumi.Output<"vlb">;
  /** Administrative state; false carries no traffic. */
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  /**
   * Layer-4 flavor (an `L4` flavor from the flavors list), which lets the load balancer take TCP,
   * UDP and TLS listeners (F1). With neither flavor given, both default flavors are taken; with
   * only the other one given, none.
   */
  declare public readonly l4FlavorId: pulumi.Output<string | null>;
  /**
   * Layer-7 flavor (an `L7` flavor from the flavors list), which lets the load balancer take HTTP,
   * HTTPS and QUIC listeners (F1). With neither flavor given, both default flavors are taken; with
   * only the other one given, none.
   */
  declare public readonly l7FlavorId: pulumi.Output<string | null>;
  /**
   * Subnets (their network ids, the subnet `id`) the load balancer reaches backend servers through,
   * in its VPC; a change sends the whole list. Defaults to the VIP's subnet, or the VPC's first
   * subnet.
   */
  declare public readonly elbVirsubnetIds: pulumi.Output<string[]>;
  /**
   * Tags, as a `{ key: value }` map (F2). The load balancer's PUT takes no tags: a change goes
   * through the tag action, which adds and overwrites the keys that differ and deletes the keys
   * removed.
   */
  declare public readonly tags: pulumi.Output<{ [key: string]: string }>;
  /** Enterprise project; "0" (the default project) when omitted, and not sendable as such. */
  declare public readonly enterpriseProjectId: pulumi.Output<string>;
  /**
   * IPv6 subnet (its network id) of an IPv6 VIP; null unbinds it. The engine's network has no IPv6
   * subnet, so only null is accepted (F3).
   */
  declare public readonly ipv6VipVirsubnetId: pulumi.Output<string | null>;
  /** IPv6 VIP inside `ipv6VipVirsubnetId`. */
  declare public readonly ipv6VipAddress: pulumi.Output<string | null>;
  /** Shared bandwidth of the IPv6 VIP; needs an IPv6 VIP. */
  declare public readonly ipv6Bandwidth: pulumi.Output<{
    id: string;
  } | null>;
  /**
   * Existing EIP to bind. The engine holds no unbound EIPs, so any id is not found (F3); use
   * `publicip` for a stand-in EIP.
   */
  declare public readonly publicipIds: pulumi.Output<string[]>;
  /**
   * A new EIP bound to the VIP. The engine assigns a stand-in address from 198.51.100.0/24 (F3),
   * listed in `eips` and `publicips`; needs the IPv4 VIP.
   */
  declare public readonly publicip: pulumi.Output<{
    ipVersion: number;
    networkType: string;
    billingInfo: string | null;
    description: string;
    bandwidth: {
      name: string | null;
      size: number | null;
      chargeMode: "bandwidth" | "traffic" | null;
      shareType: "PER" | "WHOLE" | null;
      billingInfo: string | null;
      id: string | null;
    };
  }>;
  /** Prepaid order information. The engine takes no orders (F3): only pay-per-use, "" or null. */
  declare public readonly billingInfo: pulumi.Output<string | null>;
  /**
   * A yearly or monthly order. The engine takes no orders (F3): any value other than null is
   * refused with 400.
   */
  declare public readonly prepaidOptions: pulumi.Output<{
    periodType: "month" | "year";
    periodNum: number;
    autoRenew: boolean;
    autoPay: boolean;
    changeMode: "immediate" | "delay";
  } | null>;
  /**
   * Elastic scaling of the flavor: { enable, minL7FlavorId }. Stored and answered; the engine's
   * capacity does not depend on it.
   */
  declare public readonly autoscaling: pulumi.Output<{
    enable: boolean;
    minL7FlavorId: string | null;
  }>;
  /**
   * What traffic does when the WAF fails: discard or forward. The engine runs no WAF (F3); the
   * value is stored and answered.
   */
  declare public readonly wafFailureAction: pulumi.Output<"discard" | "forward">;
  /** consoleProtection guards against changes in Huawei's console only; the API is not blocked. */
  declare public readonly protectionStatus: pulumi.Output<"nonProtection" | "consoleProtection">;
  /** Why the load balancer is protected. */
  declare public readonly protectionReason: pulumi.Output<string | null>;
  /**
   * Billed by flavor or by capacity units (LCU); an update may only set flavor. The engine bills
   * nothing (F3).
   */
  declare public readonly chargeMode: pulumi.Output<"flavor" | "lcu">;
  /** Project id. */
  declare public readonly projectId: pulumi.Output<string>;
  /** ACTIVE, or PENDING_CREATE / PENDING_UPDATE while the engine's provisioning delay runs. */
  declare public readonly provisioningStatus: pulumi.Output<string>;
  /** ONLINE. */
  declare public readonly operatingStatus: pulumi.Output<string>;
  /** Port id of the private VIP. */
  declare public readonly vipPortId: pulumi.Output<string | null>;
  /** Listeners, as a list of {id}. */
  declare public readonly listeners: pulumi.Output<Ref[]>;
  /** Pools, as a list of {id}. */
  declare public readonly pools: pulumi.Output<Ref[]>;
  /** Port id of the IPv6 VIP. */
  declare public readonly ipv6VipPortId: pulumi.Output<string | null>;
  /** EIPs bound to the load balancer: {eipId, eipAddress, ipVersion}. */
  declare public readonly eips: pulumi.Output<unknown[]>;
  /** The same EIPs as `eips`: {publicipId, publicipAddress, ipVersion}. */
  declare public readonly publicips: pulumi.Output<unknown[]>;
  /** ipv4, or dualstack when the load balancer has an IPv6 VIP. */
  declare public readonly elbVirsubnetType: pulumi.Output<"ipv4" | "dualstack">;
  /** Where the load balancer runs: center. */
  declare public readonly publicBorderGroup: pulumi.Output<string>;
  /** Creation time (UTC). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** Last update time (UTC). */
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.loadbalancer, name, { ...outputSlots(loadBalancerSpec), ...args }, opts, "elb", "LoadBalancer");
  }

  /**
   * An existing load balancer, by its id, read into the program without managing it (Pulumi's
   * `get`): its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): LoadBalancer {
    return new LoadBalancer(name, {} as LoadBalancerArgs, { ...opts, id });
  }
}
