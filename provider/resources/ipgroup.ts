// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { ipGroupSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface IpListEntry {
  /**
   * An address or CIDR block. Allowed: an IPv4 or IPv6 address, or a CIDR block (10.0.0.0/8).
   * Required. Changes in place.
   */
  ip: pulumi.Input<string>;
  /**
   * What the entry is. Allowed: a string of at most 255 characters. Default: "". Changes in place.
   */
  description?: pulumi.Input<string>;
}

export interface IpGroupArgs {
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /** Description. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  description?: pulumi.Input<string>;
  /**
   * The addresses and CIDR blocks of the group, each at most once; an update replaces the whole
   * list. Allowed: a list of at most 300 items, each an object with ip, description. Required.
   * Changes in place.
   */
  ipList: pulumi.Input<pulumi.Input<IpListEntry>[]>;
  /**
   * Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of
   * creating a new one: the apply that creates this resource adopts that object and updates it to
   * these inputs, and the preview lists it as a create. Inputs that cannot change in place must
   * already match the object. Read only at creation; changing or removing it later changes nothing.
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * An IP address group: addresses and CIDR blocks a listener admits or refuses by the client's
 * source address (its `ipgroup`).
 */
export class IpGroup extends pulumi.dynamic.Resource {
  /** Name. */
  declare public readonly name: pulumi.Output<string>;
  /** Description. */
  declare public readonly description: pulumi.Output<string>;
  /**
   * The addresses and CIDR blocks of the group, each at most once; an update replaces the whole
   * list.
   */
  declare public readonly ipList: pulumi.Output<({
    ip: string;
    description: string;
  })[]>;
  /** Project id. */
  declare public readonly projectId: pulumi.Output<string>;
  /** The listeners that use the group. */
  declare public readonly listeners: pulumi.Output<Ref[]>;
  /** Creation time (UTC). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** Last update time (UTC). */
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: IpGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.ipgroup, name, { ...outputSlots(ipGroupSpec), ...args }, opts, "elb", "IpGroup");
  }

  /**
   * An existing IP group, by its id, read into the program without managing it (Pulumi's `get`):
   * its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): IpGroup {
    return new IpGroup(name, {} as IpGroupArgs, { ...opts, id });
  }
}
