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
  /**
   * Insert the X-Forwarded-ELB-ID header. Allowed: true or false. Default: false. Changes in place.
   */
  "X-Forwarded-ELB-ID"?: pulumi.Input<boolean>;
  /**
   * Insert the X-Forwarded-TLS-Certificate-ID header. Allowed: true or false. Default: false.
   * Changes in place.
   */
  "X-Forwarded-TLS-Certificate-ID"?: pulumi.Input<boolean>;
  /**
   * Insert the X-Forwarded-TLS-Protocol header. Allowed: true or false. Default: false. Changes in
   * place.
   */
  "X-Forwarded-TLS-Protocol"?: pulumi.Input<boolean>;
  /**
   * Insert the X-Forwarded-TLS-Cipher header. Allowed: true or false. Default: false. Changes in
   * place.
   */
  "X-Forwarded-TLS-Cipher"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-TLS-Protocol header under, instead of its own. Allowed: 1-40
   * lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-TLS-Protocol-alias"?: pulumi.Input<string | null>;
  /**
   * Name to send the X-Forwarded-TLS-Cipher header under, instead of its own. Allowed: 1-40
   * lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-TLS-Cipher-alias"?: pulumi.Input<string | null>;
  /**
   * What happens to the client's X-Forwarded-For: append its address to it, remove the header, or
   * preserve it as received. Allowed: one of append, remove, preserve. Default: "append". Changes
   * in place.
   */
  "X-Forwarded-For-Processing-Mode"?: pulumi.Input<"append" | "remove" | "preserve">;
  /**
   * Insert the X-Forwarded-Clientcert-subjectdn header. Allowed: true or false. Default: false.
   * Changes in place.
   */
  "X-Forwarded-Clientcert-subjectdn-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Clientcert-subjectdn header under, instead of its own. Allowed:
   * 1-40 lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Clientcert-subjectdn-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Clientcert-issuerdn header. Allowed: true or false. Default: false.
   * Changes in place.
   */
  "X-Forwarded-Clientcert-issuerdn-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Clientcert-issuerdn header under, instead of its own. Allowed:
   * 1-40 lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Clientcert-issuerdn-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Clientcert-fingerprint header. Allowed: true or false. Default: false.
   * Changes in place.
   */
  "X-Forwarded-Clientcert-fingerprint-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Clientcert-fingerprint header under, instead of its own. Allowed:
   * 1-40 lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Clientcert-fingerprint-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Clientcert-clientverify header. Allowed: true or false. Default: false.
   * Changes in place.
   */
  "X-Forwarded-Clientcert-clientverify-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Clientcert-clientverify header under, instead of its own. Allowed:
   * 1-40 lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Clientcert-clientverify-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Clientcert-serialnumber header. Allowed: true or false. Default: false.
   * Changes in place.
   */
  "X-Forwarded-Clientcert-serialnumber-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Clientcert-serialnumber header under, instead of its own. Allowed:
   * 1-40 lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Clientcert-serialnumber-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Clientcert header. Allowed: true or false. Default: false. Changes in
   * place.
   */
  "X-Forwarded-Clientcert-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Clientcert header under, instead of its own. Allowed: 1-40
   * lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Clientcert-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Clientcert-ciphers header. Allowed: true or false. Default: false.
   * Changes in place.
   */
  "X-Forwarded-Clientcert-ciphers-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Clientcert-ciphers header under, instead of its own. Allowed: 1-40
   * lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Clientcert-ciphers-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Clientcert-end header. Allowed: true or false. Default: false. Changes
   * in place.
   */
  "X-Forwarded-Clientcert-end-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Clientcert-end header under, instead of its own. Allowed: 1-40
   * lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Clientcert-end-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Tls-Alpn-Protocol header. Allowed: true or false. Default: false.
   * Changes in place.
   */
  "X-Forwarded-Tls-Alpn-Protocol-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Tls-Alpn-Protocol header under, instead of its own. Allowed: 1-40
   * lower-case letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Tls-Alpn-Protocol-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Tls-Sni header. Allowed: true or false. Default: false. Changes in
   * place.
   */
  "X-Forwarded-Tls-Sni-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Tls-Sni header under, instead of its own. Allowed: 1-40 lower-case
   * letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Tls-Sni-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Tls-Ja3 header. Allowed: true or false. Default: false. Changes in
   * place.
   */
  "X-Forwarded-Tls-Ja3-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Tls-Ja3 header under, instead of its own. Allowed: 1-40 lower-case
   * letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Tls-Ja3-alias"?: pulumi.Input<string | null>;
  /**
   * Insert the X-Forwarded-Tls-Ja4 header. Allowed: true or false. Default: false. Changes in
   * place.
   */
  "X-Forwarded-Tls-Ja4-enable"?: pulumi.Input<boolean>;
  /**
   * Name to send the X-Forwarded-Tls-Ja4 header under, instead of its own. Allowed: 1-40 lower-case
   * letters, digits, '-' or '_', or null. Default: null. Changes in place.
   */
  "X-Forwarded-Tls-Ja4-alias"?: pulumi.Input<string | null>;
}

export interface PortRangesEntry {
  /** First port of the range. Allowed: 1-65535. Required. Changing it replaces the listener. */
  startPort: pulumi.Input<number>;
  /**
   * Last port of the range, not below `startPort`. Allowed: 1-65535. Required. Changing it replaces
   * the listener.
   */
  endPort: pulumi.Input<number>;
}

export interface QuicConfig {
  /** A QUIC listener of the same load balancer. Allowed: a UUID. Required. Changes in place. */
  quicListenerId: pulumi.Input<string>;
  /**
   * Whether clients are told to upgrade to QUIC. Allowed: true or false. Default: false. Changes in
   * place.
   */
  enableQuicUpgrade?: pulumi.Input<boolean>;
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
   * Headers added to the requests forwarded to backend servers, each switched on by name (layer-7
   * listeners only); the ones not switched on are passed as the client sent them. Allowed: an
   * object with X-Forwarded-ELB-IP, X-Forwarded-Port, X-Forwarded-For-Port, X-Forwarded-Host,
   * X-Forwarded-Proto, X-Real-IP, X-Forwarded-ELB-ID, X-Forwarded-TLS-Certificate-ID,
   * X-Forwarded-TLS-Protocol, X-Forwarded-TLS-Cipher, X-Forwarded-TLS-Protocol-alias,
   * X-Forwarded-TLS-Cipher-alias, X-Forwarded-For-Processing-Mode,
   * X-Forwarded-Clientcert-subjectdn-enable, X-Forwarded-Clientcert-subjectdn-alias,
   * X-Forwarded-Clientcert-issuerdn-enable, X-Forwarded-Clientcert-issuerdn-alias,
   * X-Forwarded-Clientcert-fingerprint-enable, X-Forwarded-Clientcert-fingerprint-alias,
   * X-Forwarded-Clientcert-clientverify-enable, X-Forwarded-Clientcert-clientverify-alias,
   * X-Forwarded-Clientcert-serialnumber-enable, X-Forwarded-Clientcert-serialnumber-alias,
   * X-Forwarded-Clientcert-enable, X-Forwarded-Clientcert-alias,
   * X-Forwarded-Clientcert-ciphers-enable, X-Forwarded-Clientcert-ciphers-alias,
   * X-Forwarded-Clientcert-end-enable, X-Forwarded-Clientcert-end-alias,
   * X-Forwarded-Tls-Alpn-Protocol-enable, X-Forwarded-Tls-Alpn-Protocol-alias,
   * X-Forwarded-Tls-Sni-enable, X-Forwarded-Tls-Sni-alias, X-Forwarded-Tls-Ja3-enable,
   * X-Forwarded-Tls-Ja3-alias, X-Forwarded-Tls-Ja4-enable, X-Forwarded-Tls-Ja4-alias. Default: none
   * for TCP, UDP, TLS;
   * {"X-Forwarded-ELB-IP":false,"X-Forwarded-Port":false,"X-Forwarded-For-Port":false,"X-Forwarded-Host":false,"X-Forwarded-Proto":false,"X-Real-IP":false,"X-Forwarded-ELB-ID":false,"X-Forwarded-TLS-Certificate-ID":false,"X-Forwarded-TLS-Protocol":false,"X-Forwarded-TLS-Cipher":false,"X-Forwarded-TLS-Protocol-alias":null,"X-Forwarded-TLS-Cipher-alias":null,"X-Forwarded-For-Processing-Mode":"append","X-Forwarded-Clientcert-subjectdn-enable":false,"X-Forwarded-Clientcert-subjectdn-alias":null,"X-Forwarded-Clientcert-issuerdn-enable":false,"X-Forwarded-Clientcert-issuerdn-alias":null,"X-Forwarded-Clientcert-fingerprint-enable":false,"X-Forwarded-Clientcert-fingerprint-alias":null,"X-Forwarded-Clientcert-clientverify-enable":false,"X-Forwarded-Clientcert-clientverify-alias":null,"X-Forwarded-Clientcert-serialnumber-enable":false,"X-Forwarded-Clientcert-serialnumber-alias":null,"X-Forwarded-Clientcert-enable":false,"X-Forwarded-Clientcert-alias":null,"X-Forwarded-Clientcert-ciphers-enable":false,"X-Forwarded-Clientcert-ciphers-alias":null,"X-Forwarded-Clientcert-end-enable":false,"X-Forwarded-Clientcert-end-alias":null,"X-Forwarded-Tls-Alpn-Protocol-enable":false,"X-Forwarded-Tls-Alpn-Protocol-alias":null,"X-Forwarded-Tls-Sni-enable":false,"X-Forwarded-Tls-Sni-alias":null,"X-Forwarded-Tls-Ja3-enable":false,"X-Forwarded-Tls-Ja3-alias":null,"X-Forwarded-Tls-Ja4-enable":false,"X-Forwarded-Tls-Ja4-alias":null}
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
   * Send each backend connection a PROXY protocol header with the client's address and port first
   * (TCP and TLS listeners). Allowed: true or false. Default: false. Changes in place.
   */
  proxyProtocolEnable?: pulumi.Input<boolean>;
  /**
   * Pass the client's address to backend servers: as the source address of TCP and UDP connections,
   * in X-Forwarded-For on layer-7 listeners. Always on for dedicated load balancers, except on TLS
   * listeners, which cannot (use proxyProtocolEnable). Allowed: true or false. Default: true for
   * TCP, UDP, HTTP, HTTPS, TERMINATED_HTTPS, QUIC; false for TLS. Changes in place.
   */
  transparentClientIpEnable?: pulumi.Input<boolean>;
  /**
   * Compress responses with gzip for clients that accept it (HTTP, HTTPS and QUIC listeners).
   * Allowed: true or false. Default: false. Changes in place.
   */
  gzipEnable?: pulumi.Input<boolean>;
  /**
   * Tags, as a `{ key: value }` map (F2). The listener's PUT takes no tags: a change goes through
   * the tag action, which adds and overwrites the keys that differ and deletes the keys removed.
   * Allowed: a list of at most 20 tags {key, value}, keys unique, each key 1-36 and value 0-43
   * letters, digits, '-' or '_'. Default: []. Changes in place through dedicated endpoints.
   */
  tags?: pulumi.Input<{ [key: string]: string }>;
  /**
   * Port ranges a TCP, UDP or TLS listener also listens on: at most 10, none overlapping (F5).
   * Stored and answered; the engine carries traffic on `protocolPort` only. Allowed: a list of at
   * most 10 items, each an object with start_port, end_port. Default: []. Changing it replaces the
   * listener.
   */
  portRanges?: pulumi.Input<pulumi.Input<PortRangesEntry>[]>;
  /**
   * QUIC upgrade of an HTTPS listener: { quicListenerId, enableQuicUpgrade } (F5); null turns it
   * off. Allowed: an object with quic_listener_id, enable_quic_upgrade, or null. Default: null.
   * Changes in place.
   */
  quicConfig?: pulumi.Input<QuicConfig | null>;
  /**
   * Advanced forwarding policies; once on, it cannot be turned off. Allowed: true or false.
   * Default: false. Changes in place only to true; any other change replaces the listener.
   */
  enhanceL7policyEnable?: pulumi.Input<boolean>;
  /**
   * TLS 1.3 early data (0-RTT), HTTPS listeners only. Allowed: true or false. Default: false.
   * Changes in place.
   */
  sslEarlyDataEnable?: pulumi.Input<boolean>;
  /**
   * New connections per second the listener admits; 0 is no limit. Allowed: 0-1000000. Default: 0.
   * Changes in place.
   */
  cps?: pulumi.Input<number>;
  /**
   * Most client connections the listener holds open at once; the next one is refused until one
   * closes (D9). 0 is no limit. Allowed: 0-1000000. Default: 0. Changes in place.
   */
  connection?: pulumi.Input<number>;
  /**
   * IPv6 clients to IPv4 backends (NAT64), TCP and UDP listeners only. Allowed: true or false.
   * Default: false. Changes in place.
   */
  nat64Enable?: pulumi.Input<boolean>;
  /**
   * consoleProtection guards against changes in Huawei's console only; the API is not blocked.
   * Allowed: one of nonProtection, consoleProtection. Default: "nonProtection". Changes in place.
   */
  protectionStatus?: pulumi.Input<"nonProtection" | "consoleProtection">;
  /**
   * Why the listener is protected. Allowed: at most 255 characters without '<' or '>', or null.
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
  /**
   * Headers added to the requests forwarded to backend servers, each switched on by name (layer-7
   * listeners only); the ones not switched on are passed as the client sent them.
   */
  declare public readonly insertHeaders: pulumi.Output<{
    "X-Forwarded-ELB-IP": boolean;
    "X-Forwarded-Port": boolean;
    "X-Forwarded-For-Port": boolean;
    "X-Forwarded-Host": boolean;
    "X-Forwarded-Proto": boolean;
    "X-Real-IP": boolean;
    "X-Forwarded-ELB-ID": boolean;
    "X-Forwarded-TLS-Certificate-ID": boolean;
    "X-Forwarded-TLS-Protocol": boolean;
    "X-Forwarded-TLS-Cipher": boolean;
    "X-Forwarded-TLS-Protocol-alias": string | null;
    "X-Forwarded-TLS-Cipher-alias": string | null;
    "X-Forwarded-For-Processing-Mode": "append" | "remove" | "preserve";
    "X-Forwarded-Clientcert-subjectdn-enable": boolean;
    "X-Forwarded-Clientcert-subjectdn-alias": string | null;
    "X-Forwarded-Clientcert-issuerdn-enable": boolean;
    "X-Forwarded-Clientcert-issuerdn-alias": string | null;
    "X-Forwarded-Clientcert-fingerprint-enable": boolean;
    "X-Forwarded-Clientcert-fingerprint-alias": string | null;
    "X-Forwarded-Clientcert-clientverify-enable": boolean;
    "X-Forwarded-Clientcert-clientverify-alias": string | null;
    "X-Forwarded-Clientcert-serialnumber-enable": boolean;
    "X-Forwarded-Clientcert-serialnumber-alias": string | null;
    "X-Forwarded-Clientcert-enable": boolean;
    "X-Forwarded-Clientcert-alias": string | null;
    "X-Forwarded-Clientcert-ciphers-enable": boolean;
    "X-Forwarded-Clientcert-ciphers-alias": string | null;
    "X-Forwarded-Clientcert-end-enable": boolean;
    "X-Forwarded-Clientcert-end-alias": string | null;
    "X-Forwarded-Tls-Alpn-Protocol-enable": boolean;
    "X-Forwarded-Tls-Alpn-Protocol-alias": string | null;
    "X-Forwarded-Tls-Sni-enable": boolean;
    "X-Forwarded-Tls-Sni-alias": string | null;
    "X-Forwarded-Tls-Ja3-enable": boolean;
    "X-Forwarded-Tls-Ja3-alias": string | null;
    "X-Forwarded-Tls-Ja4-enable": boolean;
    "X-Forwarded-Tls-Ja4-alias": string | null;
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
  /**
   * Send each backend connection a PROXY protocol header with the client's address and port first
   * (TCP and TLS listeners).
   */
  declare public readonly proxyProtocolEnable: pulumi.Output<boolean>;
  /**
   * Pass the client's address to backend servers: as the source address of TCP and UDP connections,
   * in X-Forwarded-For on layer-7 listeners. Always on for dedicated load balancers, except on TLS
   * listeners, which cannot (use proxyProtocolEnable).
   */
  declare public readonly transparentClientIpEnable: pulumi.Output<boolean>;
  /** Compress responses with gzip for clients that accept it (HTTP, HTTPS and QUIC listeners). */
  declare public readonly gzipEnable: pulumi.Output<boolean>;
  /**
   * Tags, as a `{ key: value }` map (F2). The listener's PUT takes no tags: a change goes through
   * the tag action, which adds and overwrites the keys that differ and deletes the keys removed.
   */
  declare public readonly tags: pulumi.Output<{ [key: string]: string }>;
  /**
   * Port ranges a TCP, UDP or TLS listener also listens on: at most 10, none overlapping (F5).
   * Stored and answered; the engine carries traffic on `protocolPort` only.
   */
  declare public readonly portRanges: pulumi.Output<({
    startPort: number;
    endPort: number;
  })[]>;
  /**
   * QUIC upgrade of an HTTPS listener: { quicListenerId, enableQuicUpgrade } (F5); null turns it
   * off.
   */
  declare public readonly quicConfig: pulumi.Output<{
    quicListenerId: string;
    enableQuicUpgrade: boolean;
  } | null>;
  /** Advanced forwarding policies; once on, it cannot be turned off. */
  declare public readonly enhanceL7policyEnable: pulumi.Output<boolean>;
  /** TLS 1.3 early data (0-RTT), HTTPS listeners only. */
  declare public readonly sslEarlyDataEnable: pulumi.Output<boolean>;
  /** New connections per second the listener admits; 0 is no limit. */
  declare public readonly cps: pulumi.Output<number>;
  /**
   * Most client connections the listener holds open at once; the next one is refused until one
   * closes (D9). 0 is no limit.
   */
  declare public readonly connection: pulumi.Output<number>;
  /** IPv6 clients to IPv4 backends (NAT64), TCP and UDP listeners only. */
  declare public readonly nat64Enable: pulumi.Output<boolean>;
  /** consoleProtection guards against changes in Huawei's console only; the API is not blocked. */
  declare public readonly protectionStatus: pulumi.Output<"nonProtection" | "consoleProtection">;
  /** Why the listener is protected. */
  declare public readonly protectionReason: pulumi.Output<string | null>;
  /** Enterprise project, the load balancer's. */
  declare public readonly enterpriseProjectId: pulumi.Output<string>;
  /** Always -1, as Huawei answers it; the listener's cap is `connection`. */
  declare public readonly connectionLimit: pulumi.Output<number>;
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
