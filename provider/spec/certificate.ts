// The certificate (`{"certificate": {...}}`): a server certificate with its private key, which
// HTTPS listeners present (default_tls_container_ref, sni_container_refs), or a CA certificate
// (`type: client`) that they verify client certificates with (client_ca_tls_container_ref).
import { list, nullable, oneOf, pattern, secret, str, timestamp, uuid } from "./kinds";
import { defineSpec } from "./resource";

export const CERTIFICATE_TYPES = ["server", "client"] as const;

/** A domain name, with an optional leading wildcard label. */
const DOMAIN = String.raw`(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?`;

export const certificateSpec = defineSpec({
  kind: "certificate",
  plural: "certificates",
  className: "Certificate",
  noun: "certificate",
  fields: {
    type: {
      kind: oneOf(CERTIFICATE_TYPES),
      create: true,
      update: false,
      default: "server",
      change: "replace",
      doc: "`server`: a server certificate with its private key, for a listener's `defaultTlsContainerRef` and `sniContainerRefs`; `client`: a CA certificate a listener verifies client certificates with (`clientCaTlsContainerRef`).",
    },
    certificate: {
      kind: str(65536, 1),
      create: true,
      update: true,
      required: true,
      change: "update",
      doc: "The certificate in PEM, followed by its chain for a server certificate. A new one must match the private key (C3).",
    },
    private_key: {
      kind: nullable(secret(str(8192, 1))),
      create: true,
      update: true,
      default: null,
      change: "update",
      doc: "The server certificate's private key in PEM (required for `server`, not allowed for `client`). Kept a secret: never shown in state, previews or messages.",
    },
    domain: {
      kind: pattern(new RegExp(`^${DOMAIN}(,${DOMAIN})*$`), "domain names separated by commas, each may start with '*.'", 1024),
      create: true,
      update: true,
      change: "update",
      doc: "The domain names the server certificate serves, comma-separated, for SNI. The engine takes them from the certificate (its DNS names, else its common name) when omitted.",
    },
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description." },
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Certificate id: what listeners name in their certificate references." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    common_name: { stored: true, kind: str(1024), doc: "The certificate's subject common name." },
    subject_alternative_names: { stored: true, kind: list(str(1024), { max: 1000 }), doc: "The DNS names of the certificate's subjectAltName." },
    fingerprint: { stored: true, kind: str(128), doc: "The certificate's SHA-256 fingerprint (colon-separated hex)." },
    expire_time: { stored: true, kind: timestamp(), doc: "When the certificate expires (UTC)." },
    created_at: { stored: true, kind: timestamp(), doc: "Creation time (UTC)." },
    updated_at: { stored: true, kind: timestamp(), doc: "Last update time (UTC)." },
  },
  naturalKeys: [],
});
