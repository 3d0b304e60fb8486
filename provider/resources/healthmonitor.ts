// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { healthMonitorSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface HealthMonitorArgs {
  /**
   * The pool whose members are checked (one monitor per pool). Allowed: a UUID. Required. Changing
   * it replaces the health monitor.
   */
  poolId: pulumi.Input<string>;
  /**
   * How members are checked, as the pool's protocol allows. Allowed: one of TCP, UDP_CONNECT, HTTP,
   * HTTPS, TLS, GRPC. Required. Changes in place.
   */
  type: pulumi.Input<"TCP" | "UDP_CONNECT" | "HTTP" | "HTTPS" | "TLS" | "GRPC">;
  /** Seconds between checks. Allowed: 1-50. Required. Changes in place. */
  delay: pulumi.Input<number>;
  /** Seconds a check may take; not above `delay`. Allowed: 1-50. Required. Changes in place. */
  timeout: pulumi.Input<number>;
  /**
   * Consecutive successful checks that bring a member ONLINE. Allowed: 1-10. Required. Changes in
   * place.
   */
  maxRetries: pulumi.Input<number>;
  /**
   * Consecutive failed checks that take a member OFFLINE. Allowed: 1-10. Default: 3. Changes in
   * place.
   */
  maxRetriesDown?: pulumi.Input<number>;
  /**
   * Port to check; null checks each member's own port. Allowed: 1-65535, or null. Default: null.
   * Changes in place.
   */
  monitorPort?: pulumi.Input<number | null>;
  /**
   * Path an HTTP or HTTPS check requests. Allowed: a path of 1-80 characters starting with '/'.
   * Default: none for TCP, UDP_CONNECT, TLS, GRPC; "/" for HTTP, HTTPS. Changes in place.
   */
  urlPath?: pulumi.Input<string>;
  /**
   * Host header of HTTP and HTTPS checks; null sends the VIP. Allowed: 1-100 letters, digits, '-'
   * or '.', starting with a letter or digit, or null. Default: null. Changes in place.
   */
  domainName?: pulumi.Input<string | null>;
  /**
   * Status codes an HTTP, HTTPS or GRPC check counts as healthy. Allowed: a code (200), a list
   * (200,202) or a range (200-204). Default: none for TCP, UDP_CONNECT, TLS; "200" for HTTP, HTTPS;
   * "0" for GRPC. Changes in place.
   */
  expectedCodes?: pulumi.Input<string>;
  /**
   * Method of HTTP and HTTPS checks. Allowed: one of GET, HEAD, POST. Default: none for TCP,
   * UDP_CONNECT, TLS, GRPC; "GET" for HTTP, HTTPS. Changes in place.
   */
  httpMethod?: pulumi.Input<"GET" | "HEAD" | "POST">;
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /**
   * Administrative state; false stops checking. Allowed: true or false. Default: true. Changes in
   * place.
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
 * The health monitor of a pool.
 *
 * Unique (H1): a pool's health monitor: one per pool. A replacement that may take the old health
 * monitor's place deletes the old health monitor first; any other is created first.
 */
export class HealthMonitor extends pulumi.dynamic.Resource {
  /** The pool whose members are checked (one monitor per pool). */
  declare public readonly poolId: pulumi.Output<string>;
  /** How members are checked, as the pool's protocol allows. */
  declare public readonly type: pulumi.Output<"TCP" | "UDP_CONNECT" | "HTTP" | "HTTPS" | "TLS" | "GRPC">;
  /** Seconds between checks. */
  declare public readonly delay: pulumi.Output<number>;
  /** Seconds a check may take; not above `delay`. */
  declare public readonly timeout: pulumi.Output<number>;
  /** Consecutive successful checks that bring a member ONLINE. */
  declare public readonly maxRetries: pulumi.Output<number>;
  /** Consecutive failed checks that take a member OFFLINE. */
  declare public readonly maxRetriesDown: pulumi.Output<number>;
  /** Port to check; null checks each member's own port. */
  declare public readonly monitorPort: pulumi.Output<number | null>;
  /** Path an HTTP or HTTPS check requests. */
  declare public readonly urlPath: pulumi.Output<string | null>;
  /** Host header of HTTP and HTTPS checks; null sends the VIP. */
  declare public readonly domainName: pulumi.Output<string | null>;
  /** Status codes an HTTP, HTTPS or GRPC check counts as healthy. */
  declare public readonly expectedCodes: pulumi.Output<string | null>;
  /** Method of HTTP and HTTPS checks. */
  declare public readonly httpMethod: pulumi.Output<"GET" | "HEAD" | "POST" | null>;
  /** Name. */
  declare public readonly name: pulumi.Output<string>;
  /** Administrative state; false stops checking. */
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  /** Project id. */
  declare public readonly projectId: pulumi.Output<string>;
  /** The pool, as a list of one {id}. */
  declare public readonly pools: pulumi.Output<Ref[]>;
  /** Creation time (UTC). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** Last update time (UTC). */
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: HealthMonitorArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.healthmonitor, name, { ...outputSlots(healthMonitorSpec), ...args }, opts, "elb", "HealthMonitor");
  }

  /**
   * An existing health monitor, by its id, read into the program without managing it (Pulumi's
   * `get`): its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): HealthMonitor {
    return new HealthMonitor(name, {} as HealthMonitorArgs, { ...opts, id });
  }
}
