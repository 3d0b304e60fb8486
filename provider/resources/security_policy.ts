// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { securityPolicySpec } from "../spec";
import { providers } from "./providers";
import { outputSlots, type Ref } from "./slots";

export interface SecurityPolicyArgs {
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /** Description. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  description?: pulumi.Input<string>;
  /**
   * The TLS versions listeners using the policy accept; a client offering none of them is refused
   * at the handshake. Allowed: a list of 1-4 items, each one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.
   * Required. Changes in place.
   */
  protocols: pulumi.Input<pulumi.Input<"TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3">[]>;
  /**
   * The cipher suites offered, in the listener's order of preference; each must suit one of
   * `protocols` (TLS_* suites are TLS 1.3's). Allowed: a list of 1-29 items, each one of
   * ECDHE-RSA-AES256-GCM-SHA384, ECDHE-RSA-AES128-GCM-SHA256, ECDHE-ECDSA-AES256-GCM-SHA384,
   * ECDHE-ECDSA-AES128-GCM-SHA256, AES128-GCM-SHA256, AES256-GCM-SHA384, ECDHE-ECDSA-AES128-SHA256,
   * ECDHE-RSA-AES128-SHA256, AES128-SHA256, AES256-SHA256, ECDHE-ECDSA-AES256-SHA384,
   * ECDHE-RSA-AES256-SHA384, ECDHE-ECDSA-AES128-SHA, ECDHE-RSA-AES128-SHA, ECDHE-RSA-AES256-SHA,
   * ECDHE-ECDSA-AES256-SHA, AES128-SHA, AES256-SHA, DHE-RSA-AES128-SHA, CAMELLIA128-SHA,
   * DES-CBC3-SHA, CAMELLIA256-SHA, ECDHE-RSA-CHACHA20-POLY1305, ECDHE-ECDSA-CHACHA20-POLY1305,
   * TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256,
   * TLS_AES_128_CCM_SHA256, TLS_AES_128_CCM_8_SHA256. Required. Changes in place.
   */
  ciphers: pulumi.Input<pulumi.Input<"ECDHE-RSA-AES256-GCM-SHA384" | "ECDHE-RSA-AES128-GCM-SHA256" | "ECDHE-ECDSA-AES256-GCM-SHA384" | "ECDHE-ECDSA-AES128-GCM-SHA256" | "AES128-GCM-SHA256" | "AES256-GCM-SHA384" | "ECDHE-ECDSA-AES128-SHA256" | "ECDHE-RSA-AES128-SHA256" | "AES128-SHA256" | "AES256-SHA256" | "ECDHE-ECDSA-AES256-SHA384" | "ECDHE-RSA-AES256-SHA384" | "ECDHE-ECDSA-AES128-SHA" | "ECDHE-RSA-AES128-SHA" | "ECDHE-RSA-AES256-SHA" | "ECDHE-ECDSA-AES256-SHA" | "AES128-SHA" | "AES256-SHA" | "DHE-RSA-AES128-SHA" | "CAMELLIA128-SHA" | "DES-CBC3-SHA" | "CAMELLIA256-SHA" | "ECDHE-RSA-CHACHA20-POLY1305" | "ECDHE-ECDSA-CHACHA20-POLY1305" | "TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384" | "TLS_CHACHA20_POLY1305_SHA256" | "TLS_AES_128_CCM_SHA256" | "TLS_AES_128_CCM_8_SHA256">[]>;
  /**
   * Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of
   * creating a new one: the apply that creates this resource adopts that object and updates it to
   * these inputs, and the preview lists it as a create. Inputs that cannot change in place must
   * already match the object. Read only at creation; changing or removing it later changes nothing.
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * A custom TLS security policy: the TLS versions and cipher suites of the HTTPS listeners that name
 * it in `securityPolicyId` (the system policies are named in `tlsCiphersPolicy` instead).
 */
export class SecurityPolicy extends pulumi.dynamic.Resource {
  /** Name. */
  declare public readonly name: pulumi.Output<string>;
  /** Description. */
  declare public readonly description: pulumi.Output<string>;
  /**
   * The TLS versions listeners using the policy accept; a client offering none of them is refused
   * at the handshake.
   */
  declare public readonly protocols: pulumi.Output<("TLSv1" | "TLSv1.1" | "TLSv1.2" | "TLSv1.3")[]>;
  /**
   * The cipher suites offered, in the listener's order of preference; each must suit one of
   * `protocols` (TLS_* suites are TLS 1.3's).
   */
  declare public readonly ciphers: pulumi.Output<("ECDHE-RSA-AES256-GCM-SHA384" | "ECDHE-RSA-AES128-GCM-SHA256" | "ECDHE-ECDSA-AES256-GCM-SHA384" | "ECDHE-ECDSA-AES128-GCM-SHA256" | "AES128-GCM-SHA256" | "AES256-GCM-SHA384" | "ECDHE-ECDSA-AES128-SHA256" | "ECDHE-RSA-AES128-SHA256" | "AES128-SHA256" | "AES256-SHA256" | "ECDHE-ECDSA-AES256-SHA384" | "ECDHE-RSA-AES256-SHA384" | "ECDHE-ECDSA-AES128-SHA" | "ECDHE-RSA-AES128-SHA" | "ECDHE-RSA-AES256-SHA" | "ECDHE-ECDSA-AES256-SHA" | "AES128-SHA" | "AES256-SHA" | "DHE-RSA-AES128-SHA" | "CAMELLIA128-SHA" | "DES-CBC3-SHA" | "CAMELLIA256-SHA" | "ECDHE-RSA-CHACHA20-POLY1305" | "ECDHE-ECDSA-CHACHA20-POLY1305" | "TLS_AES_128_GCM_SHA256" | "TLS_AES_256_GCM_SHA384" | "TLS_CHACHA20_POLY1305_SHA256" | "TLS_AES_128_CCM_SHA256" | "TLS_AES_128_CCM_8_SHA256")[]>;
  /** Project id. */
  declare public readonly projectId: pulumi.Output<string>;
  /** The listeners using the policy. */
  declare public readonly listeners: pulumi.Output<Ref[]>;
  /** Creation time (UTC). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** Last update time (UTC). */
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: SecurityPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.security_policy, name, { ...outputSlots(securityPolicySpec), ...args }, opts, "elb", "SecurityPolicy");
  }

  /**
   * An existing security policy, by its id, read into the program without managing it (Pulumi's
   * `get`): its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): SecurityPolicy {
    return new SecurityPolicy(name, {} as SecurityPolicyArgs, { ...opts, id });
  }
}
