// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.
// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.

import * as pulumi from "@pulumi/pulumi";
import { certificateSpec } from "../spec";
import { providers } from "./providers";
import { outputSlots } from "./slots";

export interface CertificateArgs {
  /**
   * `server`: a server certificate with its private key, for a listener's `defaultTlsContainerRef`
   * and `sniContainerRefs`; `client`: a CA certificate a listener verifies client certificates with
   * (`clientCaTlsContainerRef`). Allowed: one of server, client. Default: "server". Changing it
   * replaces the certificate.
   */
  type?: pulumi.Input<"server" | "client">;
  /**
   * The certificate in PEM, followed by its chain for a server certificate. A new one must match
   * the private key (C3). Allowed: a string of 1-65536 characters. Required. Changes in place.
   */
  certificate: pulumi.Input<string>;
  /**
   * The server certificate's private key in PEM (required for `server`, not allowed for `client`).
   * Kept a secret: never shown in state, previews or messages. Allowed: a string of 1-8192
   * characters, or null. Default: null. Changes in place.
   */
  privateKey?: pulumi.Input<string | null>;
  /**
   * The domain names the server certificate serves, comma-separated, for SNI. The engine takes them
   * from the certificate (its DNS names, else its common name) when omitted. Allowed: domain names
   * separated by commas, each may start with '*.'. Chosen by the server when omitted. Changes in
   * place.
   */
  domain?: pulumi.Input<string>;
  /** Name. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  name?: pulumi.Input<string>;
  /** Description. Allowed: a string of at most 255 characters. Default: "". Changes in place. */
  description?: pulumi.Input<string>;
  /**
   * Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of
   * creating a new one: the apply that creates this resource adopts that object and updates it to
   * these inputs, and the preview lists it as a create. Inputs that cannot change in place must
   * already match the object. Read only at creation; changing or removing it later changes nothing.
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * A server certificate with its private key, or a CA certificate (`type: client`), that HTTPS
 * listeners name by id. The private key is a Pulumi secret from the program to state: never shown
 * in previews, state exports or messages, whatever the API echoes.
 */
export class Certificate extends pulumi.dynamic.Resource {
  /**
   * `server`: a server certificate with its private key, for a listener's `defaultTlsContainerRef`
   * and `sniContainerRefs`; `client`: a CA certificate a listener verifies client certificates with
   * (`clientCaTlsContainerRef`).
   */
  declare public readonly type: pulumi.Output<"server" | "client">;
  /**
   * The certificate in PEM, followed by its chain for a server certificate. A new one must match
   * the private key (C3).
   */
  declare public readonly certificate: pulumi.Output<string>;
  /**
   * The server certificate's private key in PEM (required for `server`, not allowed for `client`).
   * Kept a secret: never shown in state, previews or messages.
   */
  declare public readonly privateKey: pulumi.Output<string | null>;
  /**
   * The domain names the server certificate serves, comma-separated, for SNI. The engine takes them
   * from the certificate (its DNS names, else its common name) when omitted.
   */
  declare public readonly domain: pulumi.Output<string>;
  /** Name. */
  declare public readonly name: pulumi.Output<string>;
  /** Description. */
  declare public readonly description: pulumi.Output<string>;
  /** Project id. */
  declare public readonly projectId: pulumi.Output<string>;
  /** The certificate's subject common name. */
  declare public readonly commonName: pulumi.Output<string>;
  /** The DNS names of the certificate's subjectAltName. */
  declare public readonly subjectAlternativeNames: pulumi.Output<string[]>;
  /** The certificate's SHA-256 fingerprint (colon-separated hex). */
  declare public readonly fingerprint: pulumi.Output<string>;
  /** When the certificate expires (UTC). */
  declare public readonly expireTime: pulumi.Output<string>;
  /** Creation time (UTC). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** Last update time (UTC). */
  declare public readonly updatedAt: pulumi.Output<string>;

  constructor(name: string, args: CertificateArgs, opts?: pulumi.CustomResourceOptions) {
    // `privateKey`: key material, a secret from the program to state whatever the API echoes.
    const secrets = { privateKey: args.privateKey === undefined ? undefined : pulumi.secret(args.privateKey) };
    const options = { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "privateKey"] };
    super(providers.certificate, name, { ...outputSlots(certificateSpec), ...args, ...secrets }, options, "elb", "Certificate");
  }

  /**
   * An existing certificate, by its id, read into the program without managing it (Pulumi's `get`):
   * its outputs are the live object's, and the stack never changes or deletes it.
   */
  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Certificate {
    return new Certificate(name, {} as CertificateArgs, { ...opts, id });
  }
}
