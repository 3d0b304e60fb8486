import * as pulumi from "@pulumi/pulumi";
import { healthMonitorSpec, type MONITOR_TYPES } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface HealthMonitorArgs {
  /** Pool id (one monitor per pool). Changing it replaces the monitor. */
  poolId: pulumi.Input<string>;
  /** TCP, UDP_CONNECT, HTTP, HTTPS, TLS or GRPC, as the pool protocol allows. */
  type: pulumi.Input<(typeof MONITOR_TYPES)[number]>;
  /** Seconds between checks, 1-50. */
  delay: pulumi.Input<number>;
  /** Seconds a check may take, 1-50, not above `delay`. */
  timeout: pulumi.Input<number>;
  /** Consecutive successes to go ONLINE, 1-10. */
  maxRetries: pulumi.Input<number>;
  /** Consecutive failures to go OFFLINE, 1-10. Default 3. */
  maxRetriesDown?: pulumi.Input<number>;
  /** Port to check, 1-65535; null checks each member's own port. Default null. */
  monitorPort?: pulumi.Input<number | null>;
  /** HTTP/HTTPS checks only: the path, starting with '/'. Default "/". */
  urlPath?: pulumi.Input<string>;
  /** HTTP/HTTPS checks only: the Host header. Default null (the VIP). */
  domainName?: pulumi.Input<string | null>;
  /** HTTP/HTTPS/GRPC checks only: expected status codes. Default "200" (GRPC "0"). */
  expectedCodes?: pulumi.Input<string>;
  /** HTTP/HTTPS checks only: GET, HEAD or POST. Default GET. */
  httpMethod?: pulumi.Input<"GET" | "HEAD" | "POST">;
  /** Name, 0-255 characters. Default "". */
  name?: pulumi.Input<string>;
  /** false disables checking. Default true. */
  adminStateUp?: pulumi.Input<boolean>;
  /** Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of creating a new one: the apply that creates this resource adopts that object and updates it to these inputs, and the preview lists it as a create. Inputs that cannot change in place must already match the object. Read only at creation; changing or removing it later changes nothing. */
  adoptId?: pulumi.Input<string>;
}

/** The health monitor of a pool (one per pool; a replacement on the same pool deletes the old one first). */
export class HealthMonitor extends pulumi.dynamic.Resource {
  declare public readonly poolId: pulumi.Output<string>;
  declare public readonly type: pulumi.Output<string>;
  declare public readonly delay: pulumi.Output<number>;
  declare public readonly timeout: pulumi.Output<number>;
  declare public readonly maxRetries: pulumi.Output<number>;
  declare public readonly maxRetriesDown: pulumi.Output<number>;
  declare public readonly monitorPort: pulumi.Output<number | null>;
  declare public readonly urlPath: pulumi.Output<string | null>;
  declare public readonly domainName: pulumi.Output<string | null>;
  declare public readonly expectedCodes: pulumi.Output<string | null>;
  declare public readonly httpMethod: pulumi.Output<string | null>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  declare public readonly projectId: pulumi.Output<string>;
  declare public readonly pools: pulumi.Output<Ref[]>;
  declare public readonly createdAt: pulumi.Output<string>;
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
