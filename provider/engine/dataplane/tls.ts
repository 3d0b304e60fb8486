// TLS for HTTPS and TLS listeners (S3, C8): the secure contexts a listener presents, made from the
// certificates it names, and the choice of certificate by the client's server name (SNI).
import * as tls from "node:tls";
import { DEFAULT_TLS_POLICY, SYSTEM_SECURITY_POLICIES } from "../../spec/security-policy";
import type { CertificateConfig, ListenerConfig, SecurityPolicyConfig } from "./types";

/** Finds a stored certificate by id. */
export type CertificateLookup = (id: string) => CertificateConfig | undefined;
/** Finds a stored custom security policy by id. */
export type SecurityPolicyLookup = (id: string) => SecurityPolicyConfig | undefined;

/** Both lookups an HTTPS listener's TLS needs. */
export interface TlsLookups {
  certificate: CertificateLookup;
  securityPolicy: SecurityPolicyLookup;
}

const VERSION_ORDER = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const;

/**
 * T5: the versions and suites a listener accepts: its custom policy (`security_policy_id`),
 * else its system policy (`tls_ciphers_policy`), else Huawei's default. Node takes a range of
 * versions, so a custom policy's lowest and highest version bound it. TLS 1.0 and 1.1 are below
 * OpenSSL 3's default security level; a policy that offers them lowers the level, as ELB's
 * own TLS 1.0 policies do.
 */
export function policyOptions(listener: ListenerConfig, policies: SecurityPolicyLookup): tls.SecureContextOptions {
  const custom = listener.security_policy_id ? policies(listener.security_policy_id) : undefined;
  const policy = custom ?? SYSTEM_SECURITY_POLICIES[listener.tls_ciphers_policy ?? DEFAULT_TLS_POLICY] ?? SYSTEM_SECURITY_POLICIES[DEFAULT_TLS_POLICY];
  const versions = VERSION_ORDER.filter((v) => (policy.protocols as readonly string[]).includes(v));
  const legacy = versions.some((v) => v === "TLSv1" || v === "TLSv1.1");
  return {
    minVersion: versions[0] as tls.SecureVersion,
    maxVersion: versions[versions.length - 1] as tls.SecureVersion,
    ciphers: policy.ciphers.join(":") + (legacy ? ":@SECLEVEL=0" : ""),
    honorCipherOrder: true,
  };
}

/** An SNI certificate: its id, the server names it serves and its secure context. */
export interface SniCertificate {
  id: string;
  domains: string[];
  context: tls.SecureContext;
}

/** What a listener's TLS needs, or why it cannot have it. */
export type ListenerTls =
  | {
      ok: true;
      /** The default certificate's options (no SNI, or no SNI certificate matches). */
      defaults: tls.SecureContextOptions;
      /** The default certificate's id. */
      defaultId: string;
      /** Certificates chosen by server name, in the order the listener lists them. */
      sni: SniCertificate[];
      /** The CA client certificates must chain to, when the listener verifies clients. */
      clientCa: string | undefined;
      /** What the contexts were made from: equal keys mean nothing to remake. */
      key: string;
    }
  | { ok: false; reason: string };

const options = (c: CertificateConfig): tls.SecureContextOptions => ({ cert: c.certificate, key: c.private_key ?? undefined });

/** The certificates a listener names, as they are stored now. */
function named(listener: ListenerConfig, certificates: CertificateLookup) {
  const id = listener.default_tls_container_ref;
  const main = id ? certificates(id) : undefined;
  const sni = (listener.sni_container_refs ?? []).map((ref) => certificates(ref)).filter((c): c is CertificateConfig => c?.type === "server");
  const caId = listener.client_ca_tls_container_ref;
  const ca = caId ? certificates(caId) : undefined;
  return { id, main, sni, clientCa: ca?.type === "client" ? ca.certificate : undefined };
}

/** What a listener's TLS is made from, as one string: unchanged, nothing needs remaking. */
export function tlsKey(listener: ListenerConfig, lookups: TlsLookups): string {
  const { main, sni, clientCa } = named(listener, lookups.certificate);
  return JSON.stringify([main ?? null, sni, clientCa ?? null, policyOptions(listener, lookups.securityPolicy)]);
}

/** The TLS a listener presents now, from the certificates and the security policy it names. */
export function listenerTls(listener: ListenerConfig, lookups: TlsLookups): ListenerTls {
  const { id, main, sni, clientCa } = named(listener, lookups.certificate);
  if (!main || main.type !== "server") return { ok: false, reason: `the listener's default_tls_container_ref names no server certificate (${id ?? "none"})` };
  const key = tlsKey(listener, lookups);
  const policy = policyOptions(listener, lookups.securityPolicy);
  const withCa = (o: tls.SecureContextOptions) => ({ ...policy, ...o, ...(clientCa ? { ca: clientCa } : {}) });
  return {
    ok: true,
    defaults: withCa(options(main)),
    defaultId: main.id,
    sni: sni.map((c) => ({ id: c.id, domains: domainsOf(c), context: tls.createSecureContext(withCa(options(c))) })),
    clientCa,
    key,
  };
}

/** The server names a certificate serves: its `domain` list. */
function domainsOf(c: CertificateConfig): string[] {
  return (c.domain ?? "")
    .split(",")
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d.length > 0);
}

/** Whether a certificate domain (`www.example.com`, `*.example.com`) serves a server name. */
export function domainMatches(domain: string, serverName: string): boolean {
  const name = serverName.toLowerCase();
  if (!domain.startsWith("*.")) return domain === name;
  // A wildcard stands for exactly one label.
  const rest = domain.slice(1);
  return name.endsWith(rest) && name.length > rest.length && !name.slice(0, name.length - rest.length).includes(".");
}

/**
 * The SNI certificate for a server name (C8), by the listener's `sni_match_algo`: `wildcard`
 * takes an exact domain first, then a `*.` wildcard for one label; `longest_suffix` takes the
 * domain (a wildcard's without its `*.`) that is the longest suffix of the name, at a label
 * boundary. Undefined leaves the default certificate.
 */
export function pickSni(sni: SniCertificate[], serverName: string, algo: string | null = "wildcard"): tls.SecureContext | undefined {
  return sniFor(sni, serverName, algo)?.context;
}

/** The id of the certificate a handshake for `serverName` (false or null: no SNI) presents: pickSni's choice, else the default. */
export function presentedCertificateId(listener: { defaultId: string; sni: SniCertificate[] }, serverName: string | false | null, algo: string | null): string {
  return (serverName ? sniFor(listener.sni, serverName, algo)?.id : undefined) ?? listener.defaultId;
}

function sniFor(sni: SniCertificate[], serverName: string, algo: string | null): SniCertificate | undefined {
  const name = serverName.toLowerCase();
  if (algo === "longest_suffix") {
    let best: { length: number; entry: SniCertificate } | undefined;
    for (const c of sni) {
      for (const d of c.domains) {
        const suffix = d.startsWith("*.") ? d.slice(2) : d;
        const fits = name === suffix || name.endsWith(`.${suffix}`);
        if (fits && (!best || suffix.length > best.length)) best = { length: suffix.length, entry: c };
      }
    }
    return best?.entry;
  }
  return sni.find((c) => c.domains.some((d) => !d.startsWith("*.") && d === name)) ?? sni.find((c) => c.domains.some((d) => d.startsWith("*.") && domainMatches(d, name)));
}
