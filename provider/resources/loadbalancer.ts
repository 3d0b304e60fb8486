// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { loadBalancerSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

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
