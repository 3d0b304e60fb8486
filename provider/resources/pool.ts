// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { poolSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface SessionPersistence {
  /**
   * What pins a client: the client address, a cookie the load balancer inserts, or the
   * application's own cookie. Allowed: one of SOURCE_IP, HTTP_COOKIE, APP_COOKIE. Required. Changes
   * in place.
   */
  type: pulumi.Input<"SOURCE_IP" | "HTTP_COOKIE" | "APP_COOKIE">;
  /**
   * The application's cookie; required with APP_COOKIE and refused otherwise. Allowed: 1-1024
   * letters, digits, '-', '_' or '.', or null. Default: null. Changes in place.
   */
  cookieName?: pulumi.Input<string | null>;
  /**
   * Minutes of inactivity after which a pin ends; pools other than HTTP and HTTPS take the narrower
   * range rule P5 gives them. Unused with APP_COOKIE. Allowed: 1-1440. Default: 1 for TCP, UDP,
   * QUIC, TLS, GRPC; 1440 for HTTP, HTTPS. Changes in place.
   */
  persistenceTimeout?: pulumi.Input<number>;
}

export interface SlowStart {
  /** Whether slow start is on. Allowed: true or false. Required. Changes in place. */
  enable: pulumi.Input<boolean>;
  /**
   * Seconds over which a new member's share ramps up. Allowed: 30-1200. Default: 30. Changes in
   * place.
   */
  duration?: pulumi.Input<number>;
}

export interface ConnectionDrain {
  /** Whether connections are drained. Allowed: true or false. Required. Changes in place. */
  enable: pulumi.Input<boolean>;
  /**
   * Seconds a removed member, or one set to weight 0, keeps its open connections before they are
   * closed; required when enabled. Allowed: 10-4000, or null. Default: null. Changes in place.
   */
  timeout?: pulumi.Input<number | null>;
}

export interface AzAffinity {
  /**
   * Whether traffic stays in the availability zone it arrived in. Allowed: true or false. Required.
   * Changes in place.
   */
  enable: pulumi.Input<boolean>;
  /**
   * Healthy share of an AZ's members below which it falls back; -1 when the count is used. Allowed:
   * -1-100. Default: -1. Changes in place.
   */
  azMinimumHealthyMemberPercentage?: pulumi.Input<number>;
  /**
   * Healthy members of an AZ below which it falls back; -1 when the percentage is used. Allowed:
   * -1-10000. Default: -1. Changes in place.
   */
  azMinimumHealthyMemberCount?: pulumi.Input<number>;
  /**
   * Where traffic goes once an AZ falls back. Allowed: one of forward_to_all_member,
   * forward_to_all_member_of_local_az. Default: "forward_to_all_member_of_local_az". Changes in
   * place.
   */
  azUnhealthyFallbackStrategy?: pulumi.Input<"forward_to_all_member" | "forward_to_all_member_of_local_az">;
}

export interface PoolHealth {
  /**
   * 0, or 1: with no healthy member, traffic goes to every member. Allowed: 0-1. Default: 0.
   * Changes in place.
   */
  minimumHealthyMemberCount?: pulumi.Input<number>;
}

export interface QuicCidHashStrategy {
  /** Bytes of the connection id hashed. Allowed: 1-20. Default: 1. Changes in place. */
  len?: pulumi.Input<number>;
  /** Where in the connection id hashing starts. Allowed: 0-19. Default: 0. Changes in place. */
  offset?: pulumi.Input<number>;
}

export interface PoolArgs {
  /**
   * Protocol spoken to the backend servers; must suit the listener. Allowed: one of TCP, UDP, HTTP,
   * HTTPS, QUIC, TLS, GRPC. Required. Changing it replaces the pool.
   */
  protocol: pulumi.Input<"TCP" | "UDP" | "HTTP" | "HTTPS" | "QUIC" | "TLS" | "GRPC">;
  /**
   * How new requests are spread: ROUND_ROBIN (weighted round robin), LEAST_CONNECTIONS (weighted
   * least connections), SOURCE_IP (by client address), or QUIC_CID (QUIC pools only). Allowed: one
   * of ROUND_ROBIN, LEAST_CONNECTIONS, SOURCE_IP, QUIC_CID. Required. Changes in place.
   */
  lbAlgorithm: pulumi.Input<"ROUND_ROBIN" | "LEAST_CONNECTIONS" | "SOURCE_IP" | "QUIC_CID">;
  /**
   * The load balancer the pool belongs to. One of `loadbalancerId` and `listenerId` is required.
   * Allowed: a UUID. Chosen by the server when omitted. Changing it replaces the pool.
   */
  loadbalancerId?: pulumi.Input<string>;
  /**
   * Listener whose default pool this becomes. Allowed: a UUID. Chosen by the server when omitted.
   * Changing it replaces the pool.
   */
  listenerId?: pulumi.Input<string>;
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /** Description. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  description?: pulumi.Input<string>;
  /**
   * Which members the pool takes: "" any, "instance" members with a subnet, "ip" IP backends only.
   * Allowed: one of , instance, ip. Default: "". Can be set in place while still empty; any other
   * change replaces the pool.
   */
  type?: pulumi.Input<"" | "instance" | "ip">;
  /**
   * VPC of the pool's backend servers. Allowed: a UUID or "". Chosen by the server when omitted.
   * Can be set in place while still empty; any other change replaces the pool.
   */
  vpcId?: pulumi.Input<string>;
  /**
   * IP versions of the pool's backend servers. Allowed: one of v4, dualstack. Default: "v4".
   * Changing it replaces the pool.
   */
  ipVersion?: pulumi.Input<"v4" | "dualstack">;
  /**
   * Sticky sessions: { type, cookieName, persistenceTimeout }; null turns them off. Allowed: an
   * object with type, cookie_name, persistence_timeout, or null. Default: null. Changes in place.
   */
  sessionPersistence?: pulumi.Input<SessionPersistence | null>;
  /**
   * Slow start: { enable, duration }, for HTTP and HTTPS pools with ROUND_ROBIN; null turns it off.
   * Allowed: an object with enable, duration, or null. Default: null. Changes in place.
   */
  slowStart?: pulumi.Input<SlowStart | null>;
  /**
   * While true, every removal of members is refused (single, batch and cascades). Allowed: true or
   * false. Default: false. Changes in place.
   */
  memberDeletionProtectionEnable?: pulumi.Input<boolean>;
  /**
   * Administrative state; false sends no traffic to the pool. Allowed: true or false. Default:
   * true. Changes in place.
   */
  adminStateUp?: pulumi.Input<boolean>;
  /**
   * Connection draining: { enable, timeout }, for TCP, UDP and QUIC pools; null turns it off, and a
   * removed member's connections then stay open until they are idle. Allowed: an object with
   * enable, timeout, or null. Default: null. Changes in place.
   */
  connectionDrain?: pulumi.Input<ConnectionDrain | null>;
  /**
   * Forward to each member on the port the client used (TCP, UDP and QUIC pools only, F5). Stored
   * and answered; the engine forwards to `protocolPort`. Allowed: true or false. Default: false.
   * Changes in place.
   */
  anyPortEnable?: pulumi.Input<boolean>;
  /**
   * Availability-zone affinity (TCP and UDP pools, F5): with `enable`, exactly one of the two
   * thresholds is -1. Stored and answered; the engine balances across all members. Allowed: an
   * object with enable, az_minimum_healthy_member_percentage, az_minimum_healthy_member_count,
   * az_unhealthy_fallback_strategy. Default:
   * {"enable":false,"az_minimum_healthy_member_percentage":-1,"az_minimum_healthy_member_count":-1,"az_unhealthy_fallback_strategy":"forward_to_all_member_of_local_az"}.
   * Changes in place.
   */
  azAffinity?: pulumi.Input<AzAffinity>;
  /**
   * Pool-wide health: { minimumHealthyMemberCount }. Allowed: an object with
   * minimum_healthy_member_count. Default: {"minimum_healthy_member_count":0}. Changes in place.
   */
  poolHealth?: pulumi.Input<PoolHealth>;
  /**
   * Which part of a QUIC connection id QUIC_CID hashes (QUIC pools only). Allowed: an object with
   * len, offset, or null. Default: null. Changes in place.
   */
  quicCidHashStrategy?: pulumi.Input<QuicCidHashStrategy | null>;
  /**
   * Where the pool's load balancer runs; the engine has center only. Allowed: one of center.
   * Default: "center". Changing it replaces the pool.
   */
  publicBorderGroup?: pulumi.Input<"center">;
  /**
   * Enterprise project; "0" (the default project) when omitted. Allowed: a UUID. Default: "0".
   * Changing it replaces the pool.
   */
  enterpriseProjectId?: pulumi.Input<string>;
  /**
   * consoleProtection guards against changes in Huawei's console only; the API is not blocked.
   * Allowed: one of nonProtection, consoleProtection. Default: "nonProtection". Changes in place.
   */
  protectionStatus?: pulumi.Input<"nonProtection" | "consoleProtection">;
  /**
   * Why the pool is protected. Allowed: at most 255 characters without '<' or '>', or null.
   * Default: null. Changes in place.
   */
  protectionReason?: pulumi.Input<string | null>;
  /**
   * Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of
   * creating a new one: the apply that creates this resource adopts that object and updates it to
   * these inputs, and the preview lists it as a create. Inputs that cannot change in place must
   * already match the object. Read only at creation; changing or removing it later changes nothing.
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * A pool (backend server group), on a load balancer or as a listener's default pool.
 *
 * Unique (P3): a listener's one default pool, the slot a pool created with listenerId takes. A
 * replacement that may take the old pool's place deletes the old pool first; any other is created
 * first.
 */
export class Pool extends pulumi.dynamic.Resource {
  /** Protocol spoken to the backend servers; must suit the listener. */
  declare public readonly protocol: pulumi.Output<"TCP" | "UDP" | "HTTP" | "HTTPS" | "QUIC" | "TLS" | "GRPC">;
  /**
   * How new requests are spread: ROUND_ROBIN (weighted round robin), LEAST_CONNECTIONS (weighted
   * least connections), SOURCE_IP (by client address), or QUIC_CID (QUIC pools only).
   */
  declare public readonly lbAlgorithm: pulumi.Output<"ROUND_ROBIN" | "LEAST_CONNECTIONS" | "SOURCE_IP" | "QUIC_CID">;
  /**
   * The load balancer the pool belongs to. One of `loadbalancerId` and `listenerId` is required.
   */
  declare public readonly loadbalancerId: pulumi.Output<string>;
  /** Listener whose default pool this becomes. */
  declare public readonly listenerId: pulumi.Output<string | undefined>;
  /** Name. */
  declare public readonly name: pulumi.Output<string>;
  /** Description. */
  declare public readonly description: pulumi.Output<string>;
  /**
   * Which members the pool takes: "" any, "instance" members with a subnet, "ip" IP backends only.
   */
  declare public readonly type: pulumi.Output<"" | "instance" | "ip">;
  /** VPC of the pool's backend servers. */
  declare public readonly vpcId: pulumi.Output<string>;
  /** IP versions of the pool's backend servers. */
  declare public readonly ipVersion: pulumi.Output<"v4" | "dualstack">;
  /** Sticky sessions: { type, cookieName, persistenceTimeout }; null turns them off. */
  declare public readonly sessionPersistence: pulumi.Output<{
    type: "SOURCE_IP" | "HTTP_COOKIE" | "APP_COOKIE";
    cookieName: string | null;
    persistenceTimeout: number | null;
  } | null>;
  /**
   * Slow start: { enable, duration }, for HTTP and HTTPS pools with ROUND_ROBIN; null turns it off.
   */
  declare public readonly slowStart: pulumi.Output<{
    enable: boolean;
    duration: number;
  } | null>;
  /** While true, every removal of members is refused (single, batch and cascades). */
  declare public readonly memberDeletionProtectionEnable: pulumi.Output<boolean>;
  /** Administrative state; false sends no traffic to the pool. */
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  /**
   * Connection draining: { enable, timeout }, for TCP, UDP and QUIC pools; null turns it off, and a
   * removed member's connections then stay open until they are idle.
   */
  declare public readonly connectionDrain: pulumi.Output<{
    enable: boolean;
    timeout: number | null;
  } | null>;
  /**
   * Forward to each member on the port the client used (TCP, UDP and QUIC pools only, F5). Stored
   * and answered; the engine forwards to `protocolPort`.
   */
  declare public readonly anyPortEnable: pulumi.Output<boolean>;
  /**
   * Availability-zone affinity (TCP and UDP pools, F5): with `enable`, exactly one of the two
   * thresholds is -1. Stored and answered; the engine balances across all members.
   */
  declare public readonly azAffinity: pulumi.Output<{
    enable: boolean;
    azMinimumHealthyMemberPercentage: number;
    azMinimumHealthyMemberCount: number;
    azUnhealthyFallbackStrategy: "forward_to_all_member" | "forward_to_all_member_of_local_az";
  }>;
  /** Pool-wide health: { minimumHealthyMemberCount }. */
  declare public readonly poolHealth: pulumi.Output<{
    minimumHealthyMemberCount: number;
  }>;
  /** Which part of a QUIC connection id QUIC_CID hashes (QUIC pools only). */
  declare public readonly quicCidHashStrategy: pulumi.Output<{
    len: number;
    offset: number;
  } | null>;
  /** Where the pool's load balancer runs; the engine has center only. */
  declare public readonly publicBorderGroup: pulumi.Output<"center">;
  /** Enterprise project; "0" (the default project) when omitted. */
  declare public readonly enterpriseProjectId: pulumi.Output<string>;
  /** consoleProtection guards against changes in Huawei's console only; the API is not blocked. */
  declare public readonly protectionStatus: pulumi.Output<"nonProtection" | "consoleProtection">;
  /** Why the pool is protected. */
  declare public readonly protectionReason: pulumi.Output<string | null>;
  /** Project id. */
  declare public readonly projectId: pulumi.Output<string>;
  /** Health monitor id, or "" without one (as Huawei answers). */
  declare public readonly healthmonitorId: pulumi.Output<string>;
  /** Listeners using the pool, as a list of {id}. */
  declare public readonly listeners: pulumi.Output<Ref[]>;
  /** The load balancer, as a list of {id}. */
  declare public readonly loadbalancers: pulumi.Output<Ref[]>;
  /** Members, as a list of {id}. */
  declare public readonly members: pulumi.Output<Ref[]>;
  /** Creation time (UTC). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** Last update time (UTC). */
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: PoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.pool, name, { ...outputSlots(poolSpec), ...args }, opts, "elb", "Pool");
  }

  /**
   * An existing pool, by its id, read into the program without managing it (Pulumi's `get`): its
   * outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Pool {
    return new Pool(name, {} as PoolArgs, { ...opts, id });
  }
}
