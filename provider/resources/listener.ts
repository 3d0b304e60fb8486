import * as pulumi from "@pulumi/pulumi";
import { listenerSpec, type LISTENER_PROTOCOLS } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface InsertHeaders {
  /** Insert the X-Forwarded-ELB-IP header. Default false. */
  "X-Forwarded-ELB-IP"?: pulumi.Input<boolean>;
  /** Insert the X-Forwarded-Port header. Default false. */
  "X-Forwarded-Port"?: pulumi.Input<boolean>;
  /** Insert the X-Forwarded-For-Port header. Default false. */
  "X-Forwarded-For-Port"?: pulumi.Input<boolean>;
  /** Insert the X-Forwarded-Host header. Default false. */
  "X-Forwarded-Host"?: pulumi.Input<boolean>;
  /** Insert the X-Forwarded-Proto header. Default false. */
  "X-Forwarded-Proto"?: pulumi.Input<boolean>;
  /** Insert the X-Real-IP header. Default false. */
  "X-Real-IP"?: pulumi.Input<boolean>;
}

export interface ListenerArgs {
  /** Load balancer id. Changing it replaces the listener. */
  loadbalancerId: pulumi.Input<string>;
  /** TCP, UDP, HTTP, HTTPS, QUIC or TLS (TERMINATED_HTTPS is stored as HTTPS). Changing it replaces the listener. */
  protocol: pulumi.Input<(typeof LISTENER_PROTOCOLS)[number]>;
  /** Port, 1-65535, unique per port space on the load balancer. Changing it replaces the listener. */
  protocolPort: pulumi.Input<number>;
  /** Name, 0-255 characters. Default "". */
  name?: pulumi.Input<string>;
  /** Description, 0-255 characters. Default "". */
  description?: pulumi.Input<string>;
  /** Default pool (same load balancer, compatible protocol). When omitted it is left as it is (a pool created with `listenerId` sets it); set null to detach. */
  defaultPoolId?: pulumi.Input<string | null>;
  /** Server certificate reference, 1-128 characters; required for HTTPS, TLS and QUIC. */
  defaultTlsContainerRef?: pulumi.Input<string | null>;
  /** Client CA certificate reference (HTTPS/TLS). Default null. */
  clientCaTlsContainerRef?: pulumi.Input<string | null>;
  /** SNI certificate references, at most 50. Default []. */
  sniContainerRefs?: pulumi.Input<pulumi.Input<string>[]>;
  /** HTTP/2 (HTTPS and QUIC listeners; GRPC pools need it). Default false. */
  http2Enable?: pulumi.Input<boolean>;
  /** Headers to insert (layer-7 listeners only): X-Forwarded-ELB-IP, X-Forwarded-Port, X-Forwarded-For-Port, X-Forwarded-Host, X-Forwarded-Proto, X-Real-IP. Each default false. */
  insertHeaders?: pulumi.Input<InsertHeaders>;
  /** Retry another backend on failure (layer-7 only). Default true. */
  enableMemberRetry?: pulumi.Input<boolean>;
  /** Idle timeout in seconds: TCP/UDP 10-4000 (default 300), HTTP/HTTPS 0-4000 (default 60). */
  keepaliveTimeout?: pulumi.Input<number>;
  /** Client request timeout in seconds, 1-300 (layer-7 only). Default 60. */
  clientTimeout?: pulumi.Input<number>;
  /** Backend response timeout in seconds, 1-300 (layer-7 only). Default 60. */
  memberTimeout?: pulumi.Input<number>;
  /** Administrative state. Default true. */
  adminStateUp?: pulumi.Input<boolean>;
  /** Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of creating a new one: the apply that creates this resource adopts that object and updates it to these inputs, and the preview lists it as a create. Inputs that cannot change in place must already match the object. Read only at creation; changing or removing it later changes nothing. */
  adoptId?: pulumi.Input<string>;
}

/**
 * A listener. Unique per load balancer, port space ({TCP, HTTP, HTTPS, TLS} or {UDP, QUIC}) and
 * port: a replacement that keeps all three deletes the old listener first.
 */
export class Listener extends pulumi.dynamic.Resource {
  declare public readonly loadbalancerId: pulumi.Output<string>;
  declare public readonly protocol: pulumi.Output<string>;
  declare public readonly protocolPort: pulumi.Output<number>;
  declare public readonly name: pulumi.Output<string>;
  declare public readonly description: pulumi.Output<string>;
  declare public readonly defaultPoolId: pulumi.Output<string | null>;
  declare public readonly defaultTlsContainerRef: pulumi.Output<string | null>;
  declare public readonly clientCaTlsContainerRef: pulumi.Output<string | null>;
  declare public readonly sniContainerRefs: pulumi.Output<string[]>;
  declare public readonly http2Enable: pulumi.Output<boolean>;
  declare public readonly insertHeaders: pulumi.Output<Record<string, boolean> | null>;
  declare public readonly enableMemberRetry: pulumi.Output<boolean | null>;
  declare public readonly keepaliveTimeout: pulumi.Output<number>;
  declare public readonly clientTimeout: pulumi.Output<number | null>;
  declare public readonly memberTimeout: pulumi.Output<number | null>;
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  declare public readonly projectId: pulumi.Output<string>;
  declare public readonly loadbalancers: pulumi.Output<Ref[]>;
  declare public readonly createdAt: pulumi.Output<string>;
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: ListenerArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.listener, name, { ...outputSlots(listenerSpec), ...args }, opts, "elb", "Listener");
  }

  /**
   * An existing listener, by its id, read into the program without managing it (Pulumi's
   * `get`): its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Listener {
    return new Listener(name, {} as ListenerArgs, { ...opts, id });
  }
}
