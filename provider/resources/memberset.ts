import * as pulumi from "@pulumi/pulumi";
import { providers } from "./providers";

/** One backend of a MemberSet; address + protocolPort identify it. */
export interface MemberSetEntry {
  /** IPv4 or IPv6 address of the backend server. */
  address: pulumi.Input<string>;
  /** Backend port, 1-65535. */
  protocolPort: pulumi.Input<number>;
  /** Weight, 0-100. Default 1. 0 takes the member out of rotation for new requests. */
  weight?: pulumi.Input<number>;
  /** Name, 0-255 characters. Default "". */
  name?: pulumi.Input<string>;
  /** Subnet (`neutron_subnet_id`) containing the address. Omit for an IP backend (needs `ipTargetEnable`). Changing it re-adds the member. */
  subnetCidrId?: pulumi.Input<string | null>;
}

export interface MemberSetArgs {
  /** The pool whose members this set owns, all of them. Changing it replaces the set. */
  poolId: pulumi.Input<string>;
  /** The members, at most 500, each address + protocolPort at most once. */
  members: pulumi.Input<pulumi.Input<MemberSetEntry>[]>;
}

/** A live member as the API reports it. */
export interface MemberSetMember {
  id: string;
  address: string;
  protocolPort: number;
  weight: number;
  name: string;
  subnetCidrId: string | null;
  operatingStatus: string;
  ipVersion: string;
  memberType: string;
}

/**
 * All members of one pool, applied as a delta through the batch endpoints (at most 200 per call):
 * the fast path for hundreds of backends. Members added outside the stack show up as drift on
 * refresh and are removed by the next update. A new set takes over the members the pool already
 * has: those it lists are kept (and updated to its entries), the others are removed.
 */
export class MemberSet extends pulumi.dynamic.Resource {
  declare public readonly poolId: pulumi.Output<string>;
  declare public readonly members: pulumi.Output<MemberSetMember[]>;

  constructor(name: string, args: MemberSetArgs, opts?: pulumi.CustomResourceOptions) {
    // Both properties are outputs even when no args are given (`get`).
    const slots: Record<string, undefined> = { poolId: undefined, members: undefined };
    super(providers.memberset, name, { ...slots, ...args }, opts, "elb", "MemberSet");
  }

  /**
   * The members of an existing pool, by the pool's id, read into the program without managing
   * them (Pulumi's `get`): its outputs are the live members, and the stack never changes them.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): MemberSet {
    return new MemberSet(name, {} as MemberSetArgs, { ...opts, id });
  }
}
