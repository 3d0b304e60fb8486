// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { providers } from "./providers";

/** One backend of a MemberSet; address and protocolPort identify it. */
export interface MemberSetEntry {
  /**
   * Address of the backend server. Allowed: an IPv4 or IPv6 address. Required. With `protocolPort`,
   * identifies the member in the set (M2): a change removes that member and adds another.
   */
  address: pulumi.Input<string>;
  /**
   * Port the backend server listens on. Allowed: 1-65535. Required. With `address`, identifies the
   * member in the set (M2): a change removes that member and adds another.
   */
  protocolPort: pulumi.Input<number>;
  /**
   * Share of new requests relative to the pool's other members; 0 takes the member out of rotation.
   * Allowed: 0-100. Default: 1. Changes in place.
   */
  weight?: pulumi.Input<number>;
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /**
   * Subnet (`neutron_subnet_id`) containing the address, in the load balancer's VPC. Omit it for an
   * IP backend, which needs the load balancer's `ipTargetEnable`. Allowed: a UUID, or null.
   * Default: null. Changing it removes the member and adds it again.
   */
  subnetCidrId?: pulumi.Input<string | null>;
}

export interface MemberSetArgs {
  /** The pool whose members this set owns, all of them. Changing it replaces the set. */
  poolId: pulumi.Input<string>;
  /** The members, at most 500, each address and protocolPort at most once. */
  members: pulumi.Input<pulumi.Input<MemberSetEntry>[]>;
}

/** A live member as the API reports it. */
export interface MemberSetMember {
  /** Member id. */
  id: string;
  /** Address of the backend server. */
  address: string;
  /** Port the backend server listens on. */
  protocolPort: number;
  /**
   * Subnet (`neutron_subnet_id`) containing the address, in the load balancer's VPC. Omit it for an
   * IP backend, which needs the load balancer's `ipTargetEnable`.
   */
  subnetCidrId: string | null;
  /**
   * Share of new requests relative to the pool's other members; 0 takes the member out of rotation.
   */
  weight: number;
  /** Name. */
  name: string;
  /** Administrative state; false sends the member no new traffic. */
  adminStateUp: boolean;
  /**
   * Availability zone of the backend server: one of the engine's AZ codes, or "" when not given.
   */
  availabilityZone: string;
  /** Project id. */
  projectId: string;
  /** IP version of the address. */
  ipVersion: "v4" | "v6";
  /** "instance" for a member with a subnet, "ip" for an IP backend. */
  memberType: "instance" | "ip";
  /** Backing server id ("" in the reference engine). */
  instanceId: string;
  /** Health: NO_MONITOR, INITIAL, ONLINE, OFFLINE or UNKNOWN. */
  operatingStatus: string;
  /** Creation time (UTC). */
  createdAt: string;
  /** Last update time (UTC). */
  updatedAt: string;
}

/**
 * All members of one pool, applied as a delta through the batch endpoints (at most 200 per call):
 * the fast path for hundreds of backends. Members added outside the stack show up as drift on
 * refresh and are removed by the next update. A new set takes over the members the pool already
 * has: those it lists are kept (and updated to its entries), the others are removed.
 */
export class MemberSet extends pulumi.dynamic.Resource {
  /** The pool whose members this set owns. */
  declare public readonly poolId: pulumi.Output<string>;
  /**
   * The pool's members as the API reports them: those the program lists, in its order, then any
   * others.
   */
  declare public readonly members: pulumi.Output<MemberSetMember[]>;

  constructor(name: string, args: MemberSetArgs, opts?: pulumi.CustomResourceOptions) {
    // Both properties are outputs even when no args are given (`get`).
    const slots: Record<string, undefined> = { poolId: undefined, members: undefined };
    super(providers.memberset, name, { ...slots, ...args }, opts, "elb", "MemberSet");
  }

  /**
   * The members of an existing pool, by the pool's id, read into the program without managing them
   * (Pulumi's `get`): its outputs are the live members, and the stack never changes them.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): MemberSet {
    return new MemberSet(name, {} as MemberSetArgs, { ...opts, id });
  }
}
