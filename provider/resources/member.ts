import * as pulumi from "@pulumi/pulumi";
import { memberSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots } from "./slots";

export interface MemberArgs {
  /** Pool id (part of the URL). Changing it replaces the member. */
  poolId: pulumi.Input<string>;
  /** IPv4 or IPv6 address of the backend server. Changing it replaces the member. */
  address: pulumi.Input<string>;
  /** Backend port, 1-65535. Changes in place. */
  protocolPort: pulumi.Input<number>;
  /** Subnet (`neutron_subnet_id`) containing the address, in the load balancer's VPC. Omit for an IP backend (needs `ipTargetEnable`). Changing or removing it replaces the member. */
  subnetCidrId?: pulumi.Input<string | null>;
  /** Weight, 0-100. Default 1. 0 takes the member out of rotation for new requests. */
  weight?: pulumi.Input<number>;
  /** Name, 0-255 characters. Default "". */
  name?: pulumi.Input<string>;
  /** Administrative state; false sends no new traffic. Default true. */
  adminStateUp?: pulumi.Input<boolean>;
  /** Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of creating a new one: the apply that creates this resource adopts that object and updates it to these inputs, and the preview lists it as a create. Inputs that cannot change in place must already match the object. Read only at creation; changing or removing it later changes nothing. */
  adoptId?: pulumi.Input<string>;
}

/**
 * One backend server of a pool. For more than a few backends use `MemberSet`, which applies
 * changes through the batch endpoints. An existing member comes under management with `adoptId`.
 */
export class Member extends pulumi.dynamic.Resource {
  declare public readonly poolId: pulumi.Output<string>;
  declare public readonly address: pulumi.Output<string>;
  declare public readonly protocolPort: pulumi.Output<number>;
  declare public readonly subnetCidrId: pulumi.Output<string | null>;
  declare public readonly weight: pulumi.Output<number>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  declare public readonly projectId: pulumi.Output<string>;
  declare public readonly ipVersion: pulumi.Output<string>;
  declare public readonly memberType: pulumi.Output<string>;
  declare public readonly instanceId: pulumi.Output<string>;
  /** NO_MONITOR, INITIAL, ONLINE, OFFLINE or UNKNOWN. */
  declare public readonly operatingStatus: pulumi.Output<string>;
  declare public readonly createdAt: pulumi.Output<string>;
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: MemberArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.member, name, { ...outputSlots(memberSpec), ...args }, opts, "elb", "Member");
  }

  /**
   * An existing member, by `<poolId>/<memberId>`, read into the program without managing it (Pulumi's
   * `get`): its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Member {
    return new Member(name, {} as MemberArgs, { ...opts, id });
  }
}
