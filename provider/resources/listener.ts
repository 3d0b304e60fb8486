// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { listenerSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface Ipgroup {
  /**
   * The IP group, or several comma-separated, of the listener's project. Allowed: IP group ids,
   * comma-separated. Required. Changes in place.
   */
  ipgroupId: pulumi.Input<string>;
  /**
   * Whether the filter applies; false lets every client in. Allowed: true or false. Default: true.
   * Changes in place.
   */
  enableIpgroup?: pulumi.Input<boolean>;
  /**
   * `white` admits only the groups' addresses, `black` refuses them. Allowed: one of white, black.
   * Default: "white". Changes in place.
   */
  type?: pulumi.Input<"white" | "black">;
}

export interface InsertHeaders {
  /**
   * Insert the X-Forwarded-ELB-IP header. Allowed: true or false. Default: false. Changes in place.
   */
  "X-Forwarded-ELB-IP"?: pulumi.Input<boolean>;
  /**
   * Insert the X-Forwarded-Port header. Allowed: true or false. Default: false. Changes in place.
   */
  "X-Forwarded-Port"?: pulumi.Input<boolean>;
  /**
   * Insert the X-Forwarded-For-Port header. Allowed: true or false. Default: false. Changes in
   * place.
   */
  "X-Forwarded-For-Port"?: pulumi.Input<boolean>;
  /**
   * Insert the X-Forwarded-Host header. Allowed: true or false. Default: false. Changes in place.
   */
  "X-Forwarded-Host"?: pulumi.Input<boolean>;
  /**
   * Insert the X-Forwarded-Proto header. Allowed: true or false. Default: false. Changes in place.
   */
  "X-Forwarded-Proto"?: pulumi.Input<boolean>;
  /** Insert the X-Real-IP header. Allowed: true or false. Default: false. Changes in place. */
  "X-Real-IP"?: pulumi.Input<boolean>;
}

export interface ListenerArgs {
  /**
   * The load balancer the listener belongs to. Allowed: a UUID. Required. Changing it replaces the
   * listener.
   */
  loadbalancerId: pulumi.Input<string>;
  /**
   * Protocol the listener accepts (TERMINATED_HTTPS is stored as HTTPS). Allowed: one of TCP, UDP,
   * HTTP, HTTPS, TERMINATED_HTTPS, QUIC, TLS. Required. Changing it replaces the listener.
   */
  protocol: pulumi.Input<"TCP" | "UDP" | "HTTP" | "HTTPS" | "TERMINATED_HTTPS" | "QUIC" | "TLS">;
  /**
   * Port the listener accepts connections on, unique within its port space on the load balancer.
   * Allowed: 1-65535. Required. Changing it replaces the listener.
   */
  protocolPort: pulumi.Input<number>;
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /** Description. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  description?: pulumi.Input<string>;
  /**
   * Pool that receives the listener's traffic: one of the same load balancer, with a protocol the
   * listener can forward to. Left as it is when omitted (a pool created with `listenerId` sets it);
   * null detaches it. Allowed: a UUID, or null. Chosen by the server when omitted. Changes in
   * place.
   */
  defaultPoolId?: pulumi.Input<string | null>;
  /**
   * Server certificate reference; required for HTTPS, TLS and QUIC listeners. Allowed: a string of
   * 1-128 characters, or null. Default: null. Changes in place.
   */
  defaultTlsContainerRef?: pulumi.Input<string | null>;
  /**
   * Client CA certificate reference (HTTPS and TLS listeners). Allowed: a string of 1-128
   * characters, or null. Default: null. Changes in place.
   */
  clientCaTlsContainerRef?: pulumi.Input<string | null>;
  /**
   * SNI certificate references. Allowed: a list of at most 50 items, each a string of 1-128
   * characters. Default: []. Changes in place.
   */
  sniContainerRefs?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * How an HTTPS listener picks its SNI certificate by the client's server name: `wildcard` (an
   * exact domain, else a `*.` wildcard for one label) or `longest_suffix` (the domain that is the
   * longest suffix of the name). Allowed: one of wildcard, longest_suffix, or null. Default: none
   * for TCP, UDP, HTTP, QUIC, TLS; "wildcard" for HTTPS, TERMINATED_HTTPS. Changes in place.
   */
  sniMatchAlgo?: pulumi.Input<"wildcard" | "longest_suffix" | null>;
  /**
   * The system security policy (TLS versions and cipher suites) of an HTTPS listener;
   * `securityPolicyId` overrides it. Allowed: one of tls-1-0, tls-1-1, tls-1-2, tls-1-0-inherit,
   * tls-1-2-strict, tls-1-2-fs, tls-1-0-with-1-3, tls-1-2-fs-with-1-3, hybrid-policy-1-0,
   * tls-1-2-strict-no-cbc, or null. Default: none for TCP, UDP, HTTP, QUIC, TLS; "tls-1-2" for
   * HTTPS, TERMINATED_HTTPS. Changes in place.
   */
  tlsCiphersPolicy?: pulumi.Input<"tls-1-0" | "tls-1-1" | "tls-1-2" | "tls-1-0-inherit" | "tls-1-2-strict" | "tls-1-2-fs" | "tls-1-0-with-1-3" | "tls-1-2-fs-with-1-3" | "hybrid-policy-1-0" | "tls-1-2-strict-no-cbc" | null>;
  /**
   * A custom security policy of the project (HTTPS listeners only); overrides `tlsCiphersPolicy`.
   * Allowed: a UUID, or null. Default: null. Changes in place.
   */
  securityPolicyId?: pulumi.Input<string | null>;
  /**
   * Client access control by source address with IP groups; null lets every client in. Allowed: an
   * object with ipgroup_id, enable_ipgroup, type, or null. Default: null. Changes in place.
   */
  ipgroup?: pulumi.Input<Ipgroup | null>;
  /**
   * HTTP/2 towards clients (HTTPS and QUIC listeners; GRPC pools need it). Allowed: true or false.
   * Default: false. Changes in place.
   */
  http2Enable?: pulumi.Input<boolean>;
  /**
   * Headers to add to forwarded requests (layer-7 listeners only). Allowed: an object with
   * X-Forwarded-ELB-IP, X-Forwarded-Port, X-Forwarded-For-Port, X-Forwarded-Host,
   * X-Forwarded-Proto, X-Real-IP. Default: none for TCP, UDP, TLS;
   * {"X-Forwarded-ELB-IP":false,"X-Forwarded-Port":false,"X-Forwarded-For-Port":false,"X-Forwarded-Host":false,"X-Forwarded-Proto":false,"X-Real-IP":false}
   * for HTTP, HTTPS, TERMINATED_HTTPS, QUIC. Changes in place.
   */
  insertHeaders?: pulumi.Input<InsertHeaders>;
  /**
   * Retry another backend server when one fails (layer-7 listeners only). Allowed: true or false.
   * Default: none for TCP, UDP, TLS; true for HTTP, HTTPS, TERMINATED_HTTPS, QUIC. Changes in
   * place.
   */
  enableMemberRetry?: pulumi.Input<boolean>;
  /**
   * Seconds an idle client connection is kept open; layer-4 listeners take the narrower range rule
   * S7 gives them. Allowed: 0-4000. Default: 300 for TCP, UDP, TLS; 60 for HTTP, HTTPS,
   * TERMINATED_HTTPS, QUIC. Changes in place.
   */
  keepaliveTimeout?: pulumi.Input<number>;
  /**
   * Seconds to wait for a client's request (layer-7 listeners only). Allowed: 1-300. Default: none
   * for TCP, UDP, TLS; 60 for HTTP, HTTPS, TERMINATED_HTTPS, QUIC. Changes in place.
   */
  clientTimeout?: pulumi.Input<number>;
  /**
   * Seconds to wait for a backend server's response (layer-7 listeners only). Allowed: 1-300.
   * Default: none for TCP, UDP, TLS; 60 for HTTP, HTTPS, TERMINATED_HTTPS, QUIC. Changes in place.
   */
  memberTimeout?: pulumi.Input<number>;
  /**
   * Administrative state; false carries no traffic. Allowed: true or false. Default: true. Changes
   * in place.
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
 * A listener of a load balancer.
 *
 * Unique (S2): a listener's protocolPort within its load balancer's port space. A replacement that
 * may take the old listener's place deletes the old listener first; any other is created first.
 */
export class Listener extends pulumi.dynamic.Resource {
  /** The load balancer the listener belongs to. */
  declare public readonly loadbalancerId: pulumi.Output<string>;
  /** Protocol the listener accepts (TERMINATED_HTTPS is stored as HTTPS). */
  declare public readonly protocol: pulumi.Output<"TCP" | "UDP" | "HTTP" | "HTTPS" | "TERMINATED_HTTPS" | "QUIC" | "TLS">;
  /**
   * Port the listener accepts connections on, unique within its port space on the load balancer.
   */
  declare public readonly protocolPort: pulumi.Output<number>;
  /** Name. */
  declare public readonly name: pulumi.Output<string>;
  /** Description. */
  declare public readonly description: pulumi.Output<string>;
  /**
   * Pool that receives the listener's traffic: one of the same load balancer, with a protocol the
   * listener can forward to. Left as it is when omitted (a pool created with `listenerId` sets it);
   * null detaches it.
   */
  declare public readonly defaultPoolId: pulumi.Output<string | null>;
  /** Server certificate reference; required for HTTPS, TLS and QUIC listeners. */
  declare public readonly defaultTlsContainerRef: pulumi.Output<string | null>;
  /** Client CA certificate reference (HTTPS and TLS listeners). */
  declare public readonly clientCaTlsContainerRef: pulumi.Output<string | null>;
  /** SNI certificate references. */
  declare public readonly sniContainerRefs: pulumi.Output<string[]>;
  /**
   * How an HTTPS listener picks its SNI certificate by the client's server name: `wildcard` (an
   * exact domain, else a `*.` wildcard for one label) or `longest_suffix` (the domain that is the
   * longest suffix of the name).
   */
  declare public readonly sniMatchAlgo: pulumi.Output<"wildcard" | "longest_suffix" | null>;
  /**
   * The system security policy (TLS versions and cipher suites) of an HTTPS listener;
   * `securityPolicyId` overrides it.
   */
  declare public readonly tlsCiphersPolicy: pulumi.Output<"tls-1-0" | "tls-1-1" | "tls-1-2" | "tls-1-0-inherit" | "tls-1-2-strict" | "tls-1-2-fs" | "tls-1-0-with-1-3" | "tls-1-2-fs-with-1-3" | "hybrid-policy-1-0" | "tls-1-2-strict-no-cbc" | null>;
  /**
   * A custom security policy of the project (HTTPS listeners only); overrides `tlsCiphersPolicy`.
   */
  declare public readonly securityPolicyId: pulumi.Output<string | null>;
  /** Client access control by source address with IP groups; null lets every client in. */
  declare public readonly ipgroup: pulumi.Output<{
    ipgroupId: string;
    enableIpgroup: boolean;
    type: "white" | "black";
  } | null>;
  /** HTTP/2 towards clients (HTTPS and QUIC listeners; GRPC pools need it). */
  declare public readonly http2Enable: pulumi.Output<boolean>;
  /** Headers to add to forwarded requests (layer-7 listeners only). */
  declare public readonly insertHeaders: pulumi.Output<{
    "X-Forwarded-ELB-IP": boolean;
    "X-Forwarded-Port": boolean;
    "X-Forwarded-For-Port": boolean;
    "X-Forwarded-Host": boolean;
    "X-Forwarded-Proto": boolean;
    "X-Real-IP": boolean;
  } | null>;
  /** Retry another backend server when one fails (layer-7 listeners only). */
  declare public readonly enableMemberRetry: pulumi.Output<boolean | null>;
  /**
   * Seconds an idle client connection is kept open; layer-4 listeners take the narrower range rule
   * S7 gives them.
   */
  declare public readonly keepaliveTimeout: pulumi.Output<number>;
  /** Seconds to wait for a client's request (layer-7 listeners only). */
  declare public readonly clientTimeout: pulumi.Output<number | null>;
  /** Seconds to wait for a backend server's response (layer-7 listeners only). */
  declare public readonly memberTimeout: pulumi.Output<number | null>;
  /** Administrative state; false carries no traffic. */
  declare public readonly adminStateUp: pulumi.Output<boolean>;
  /** Project id. */
  declare public readonly projectId: pulumi.Output<string>;
  /** The load balancer, as a list of one {id}. */
  declare public readonly loadbalancers: pulumi.Output<Ref[]>;
  /** Creation time (UTC). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** Last update time (UTC). */
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: ListenerArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.listener, name, { ...outputSlots(listenerSpec), ...args }, opts, "elb", "Listener");
  }

  /**
   * An existing listener, by its id, read into the program without managing it (Pulumi's `get`):
   * its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Listener {
    return new Listener(name, {} as ListenerArgs, { ...opts, id });
  }
}
