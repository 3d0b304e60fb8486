// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { memberSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots } from "./slots";

export interface MemberArgs {
  /**
   * The pool the member belongs to (part of the URL). Allowed: a UUID. Required. Changing it
   * replaces the member.
   */
  poolId: pulumi.Input<string>;
  /**
   * Address of the backend server. Allowed: an IPv4 or IPv6 address. Required. Changing it replaces
   * the member.
   */
  address: pulumi.Input<string>;
  /** Port the backend server listens on. Allowed: 1-65535. Required. Changes in place. */
  protocolPort: pulumi.Input<number>;
  /**
   * Subnet (`neutron_subnet_id`) containing the address, in the load balancer's VPC. Omit it for an
   * IP backend, which needs the load balancer's `ipTargetEnable`. Allowed: a UUID, or null.
   * Default: null. Changing it replaces the member.
   */
  subnetCidrId?: pulumi.Input<string | null>;
  /**
   * Share of new requests relative to the pool's other members; 0 takes the member out of rotation.
   * Allowed: 0-100. Default: 1. Changes in place.
   */
  weight?: pulumi.Input<number>;
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /**
   * Administrative state; false sends the member no new traffic. Allowed: true or false. Default:
   * true. Changes in place.
   */
  adminStateUp?: pulumi.Input<boolean>;
  /**
   * Availability zone of the backend server: one of the engine's AZ codes, or "" when not given.
   * Allowed: a string of at most 64 characters. Default: "". Changes in place.
   */
  availabilityZone?: pulumi.Input<string>;
  /**
   * Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of
   * creating a new one: the apply that creates this resource adopts that object and updates it to
   * these inputs, and the preview lists it as a create. Inputs that cannot change in place must
   * already match the object. Read only at creation; changing or removing it later changes nothing.
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * One backend server of a pool. For more than a few backends use `MemberSet`, which applies changes
 * through the batch endpoints. An existing member comes under management with `adoptId`.
 *
 * Unique (M2): a member's address and protocolPort within its pool. A replacement that may take the
 * old member's place deletes the old member first; any other is created first.
 */
export class Member extends pulumi.dynamic.Resource {
  /** The pool the member belongs to (part of the URL). */
  declare public readonly poolId: pulumi.Output<string>;
  /** Address of the backend server. */
  declare public readonly address: pulumi.Output<string>;
  /** Port the backend server listens on. */
  declare public readonly protocolPort: pulumi.Output<number>;
  /**
   * Subnet (`neutron_subnet_id`) containing the address, in the load balancer's VPC. Omit it for an
   * IP backend, which needs the load balancer's `ipTargetEnable`.
   */
  declare public readonly subnetCidrId: pulumi.Output<string | null>;
  /**
   * Share of new requests relative to the pool's other members; 0 takes the member out of rotation.
   */
  declare public readonly weight: pulumi.Output<number>;
  /** Name. */
  declare public readonly name: pulumi.Output<string>;
  /** Administrative state; false sends the member no new traffic. */
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  /**
   * Availability zone of the backend server: one of the engine's AZ codes, or "" when not given.
   */
  declare public readonly availabilityZone: pulumi.Output<string>;
  /** Project id. */
  declare public readonly projectId: pulumi.Output<string>;
  /** IP version of the address. */
  declare public readonly ipVersion: pulumi.Output<"v4" | "v6">;
  /** "instance" for a member with a subnet, "ip" for an IP backend. */
  declare public readonly memberType: pulumi.Output<"instance" | "ip">;
  /** Backing server id ("" in the reference engine). */
  declare public readonly instanceId: pulumi.Output<string>;
  /** Health: NO_MONITOR, INITIAL, ONLINE, OFFLINE or UNKNOWN. */
  declare public readonly operatingStatus: pulumi.Output<string>;
  /** Creation time (UTC). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** Last update time (UTC). */
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: MemberArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.member, name, { ...outputSlots(memberSpec), ...args }, opts, "elb", "Member");
  }

  /**
   * An existing member, by `<poolId>/<memberId>`, read into the program without managing it
   * (Pulumi's `get`): its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Member {
    return new Member(name, {} as MemberArgs, { ...opts, id });
  }
}
