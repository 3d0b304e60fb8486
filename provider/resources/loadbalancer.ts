import * as pulumi from "@pulumi/pulumi";
import { loadBalancerSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface LoadBalancerArgs {
  /** Name, 0-255 characters. Default "". */
  name?: pulumi.Input<string>;
  /** Description, 0-255 characters. Default "". */
  description?: pulumi.Input<string>;
  /** VPC id. Derived from `vipSubnetCidrId` when omitted. Changing it replaces the load balancer. */
  vpcId?: pulumi.Input<string>;
  /** Availability zone codes (at least one). Changed in place through the AZ batch-add/batch-remove endpoints. */
  availabilityZoneList: pulumi.Input<pulumi.Input<string>[]>;
  /** IPv4 subnet of the private VIP (its `neutron_subnet_id`), in the load balancer's VPC. At least one of `vpcId` and `vipSubnetCidrId` is required. Changing it moves the VIP in place. */
  vipSubnetCidrId?: pulumi.Input<string | null>;
  /** Private IPv4 VIP inside `vipSubnetCidrId`, unused in the VPC. Assigned from the subnet when omitted (and kept when later omitted). Changes in place. */
  vipAddress?: pulumi.Input<string | null>;
  /** IP as a backend. Default false. One-way: false → true updates in place; true → false replaces the load balancer. */
  ipTargetEnable?: pulumi.Input<boolean>;
  /** Refuses deletion of the load balancer (plain and force) while true. Default false. */
  deletionProtectionEnable?: pulumi.Input<boolean>;
  /** Dedicated (guaranteed) load balancer: only true. */
  guaranteed?: pulumi.Input<boolean>;
  /** Provider: only "vlb". */
  provider?: pulumi.Input<"vlb">;
  /** Administrative state. Default true. */
  adminStateUp?: pulumi.Input<boolean>;
  /** Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of creating a new one: the apply that creates this resource adopts that object and updates it to these inputs, and the preview lists it as a create. Inputs that cannot change in place must already match the object. Read only at creation; changing or removing it later changes nothing. */
  adoptId?: pulumi.Input<string>;
}

/** A dedicated load balancer. Created, updated and returned only once it is ACTIVE. */
export class LoadBalancer extends pulumi.dynamic.Resource {
  declare public readonly name: pulumi.Output<string>;
  declare public readonly description: pulumi.Output<string>;
  declare public readonly vpcId: pulumi.Output<string>;
  declare public readonly availabilityZoneList: pulumi.Output<string[]>;
  declare public readonly vipSubnetCidrId: pulumi.Output<string | null>;
  declare public readonly vipAddress: pulumi.Output<string | null>;
  declare public readonly ipTargetEnable: pulumi.Output<boolean>;
  declare public readonly deletionProtectionEnable: pulumi.Output<boolean>;
  declare public readonly guaranteed: pulumi.Output<boolean>;
  declare public readonly provider: pulumi.Output<string>;
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  declare public readonly projectId: pulumi.Output<string>;
  /** ACTIVE, or PENDING_CREATE / PENDING_UPDATE while the engine's provisioning delay runs. */
  declare public readonly provisioningStatus: pulumi.Output<string>;
  declare public readonly operatingStatus: pulumi.Output<string>;
  declare public readonly vipPortId: pulumi.Output<string | null>;
  declare public readonly listeners: pulumi.Output<Ref[]>;
  declare public readonly pools: pulumi.Output<Ref[]>;
  declare public readonly createdAt: pulumi.Output<string>;
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
