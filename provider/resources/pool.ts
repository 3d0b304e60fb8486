import * as pulumi from "@pulumi/pulumi";
import { poolSpec, type LB_ALGORITHMS, type PERSISTENCE_TYPES, type POOL_PROTOCOLS } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface SessionPersistence {
  /** SOURCE_IP, HTTP_COOKIE or APP_COOKIE. */
  type: pulumi.Input<(typeof PERSISTENCE_TYPES)[number]>;
  /** Cookie name; required with APP_COOKIE and refused otherwise. */
  cookieName?: pulumi.Input<string | null>;
  /** Minutes: 1-60 for TCP/UDP/QUIC pools (default 1), 1-1440 for HTTP/HTTPS (default 1440). */
  persistenceTimeout?: pulumi.Input<number>;
}

export interface SlowStart {
  /** Whether slow start is on. */
  enable: pulumi.Input<boolean>;
  /** Ramp duration in seconds, 30-1200. Default 30. */
  duration?: pulumi.Input<number>;
}

export interface PoolArgs {
  /** TCP, UDP, HTTP, HTTPS, QUIC, TLS or GRPC; must suit the listener. Changing it replaces the pool. */
  protocol: pulumi.Input<(typeof POOL_PROTOCOLS)[number]>;
  /** ROUND_ROBIN (weighted round robin), LEAST_CONNECTIONS (weighted least connections), SOURCE_IP, or QUIC_CID (QUIC pools only). */
  lbAlgorithm: pulumi.Input<(typeof LB_ALGORITHMS)[number]>;
  /** Load balancer id. One of `loadbalancerId`, `listenerId` is required. Changing it replaces the pool. */
  loadbalancerId?: pulumi.Input<string>;
  /** Listener whose default pool this becomes. Changing it replaces the pool. */
  listenerId?: pulumi.Input<string>;
  /** Name, 0-255 characters. Default "". */
  name?: pulumi.Input<string>;
  /** Description, 0-255 characters. Default "". */
  description?: pulumi.Input<string>;
  /** "" (any member), "instance" (members with a subnet) or "ip" (IP backends only). Can be set in place only while still ""; other changes replace the pool. */
  type?: pulumi.Input<"" | "instance" | "ip">;
  /** VPC of the pool. Can be set in place only while still ""; other changes replace the pool. */
  vpcId?: pulumi.Input<string>;
  /** v4 or dualstack. Default v4. Changing it replaces the pool. */
  ipVersion?: pulumi.Input<"v4" | "dualstack">;
  /** Sticky sessions: { type, cookieName, persistenceTimeout }. Default null (off). */
  sessionPersistence?: pulumi.Input<SessionPersistence | null>;
  /** Slow start: { enable, duration } — HTTP and HTTPS pools with ROUND_ROBIN only. Default null (off). */
  slowStart?: pulumi.Input<SlowStart | null>;
  /** Refuses every removal of members (single, batch, cascades) while true. Default false. */
  memberDeletionProtectionEnable?: pulumi.Input<boolean>;
  /** Administrative state. Default true. */
  adminStateUp?: pulumi.Input<boolean>;
  /** Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of creating a new one: the apply that creates this resource adopts that object and updates it to these inputs, and the preview lists it as a create. Inputs that cannot change in place must already match the object. Read only at creation; changing or removing it later changes nothing. */
  adoptId?: pulumi.Input<string>;
}

/**
 * A pool (backend server group), on a load balancer or as a listener's default pool. A
 * replacement bound to the same listener deletes the old pool first.
 */
export class Pool extends pulumi.dynamic.Resource {
  declare public readonly protocol: pulumi.Output<string>;
  declare public readonly lbAlgorithm: pulumi.Output<string>;
  declare public readonly loadbalancerId: pulumi.Output<string>;
  declare public readonly listenerId: pulumi.Output<string | undefined>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly description: pulumi.Output<string>;
  declare public readonly type: pulumi.Output<string>;
  declare public readonly vpcId: pulumi.Output<string>;
  declare public readonly ipVersion: pulumi.Output<string>;
  declare public readonly sessionPersistence: pulumi.Output<{ type: string; cookieName: string | null; persistenceTimeout: number | null } | null>;
  declare public readonly slowStart: pulumi.Output<{ enable: boolean; duration: number } | null>;
  declare public readonly memberDeletionProtectionEnable: pulumi.Output<boolean>;
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  declare public readonly projectId: pulumi.Output<string>;
  declare public readonly healthmonitorId: pulumi.Output<string | null>;
  declare public readonly listeners: pulumi.Output<Ref[]>;
  declare public readonly loadbalancers: pulumi.Output<Ref[]>;
  declare public readonly members: pulumi.Output<Ref[]>;
  declare public readonly createdAt: pulumi.Output<string>;
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: PoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.pool, name, { ...outputSlots(poolSpec), ...args }, opts, "elb", "Pool");
  }

  /**
   * An existing pool, by its id, read into the program without managing it (Pulumi's
   * `get`): its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Pool {
    return new Pool(name, {} as PoolArgs, { ...opts, id });
  }
}
