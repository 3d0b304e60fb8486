// TLS for HTTPS listeners (S3, D6): the secure contexts a listener presents, made from the
// certificates it names, and the choice of certificate by the client's server name (SNI).
import * as tls from "node:tls";
import type { CertificateConfig, ListenerConfig } from "./types";

/** Finds a stored certificate by id. */
export type CertificateLookup = (id: string) => CertificateConfig | undefined;

/** What a listener's TLS needs, or why it cannot have it. */
export type ListenerTls =
  | {
      ok: true;
      /** The default certificate's options (no SNI, or no SNI certificate matches). */
      defaults: tls.SecureContextOptions;
      /** Certificates chosen by server name, in the order the listener lists them. */
      sni: { domains: string[]; context: tls.SecureContext }[];
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
export function tlsKey(listener: ListenerConfig, certificates: CertificateLookup): string {
  const { main, sni, clientCa } = named(listener, certificates);
  return JSON.stringify([main ?? null, sni, clientCa ?? null]);
}

/** The TLS a listener presents now, from the certificates it names. */
export function listenerTls(listener: ListenerConfig, certificates: CertificateLookup): ListenerTls {
  const { id, main, sni, clientCa } = named(listener, certificates);
  if (!main || main.type !== "server") return { ok: false, reason: `the listener's default_tls_container_ref names no server certificate (${id ?? "none"})` };
  const key = tlsKey(listener, certificates);
  const withCa = (o: tls.SecureContextOptions) => (clientCa ? { ...o, ca: clientCa } : o);
  return {
    ok: true,
    defaults: withCa(options(main)),
    sni: sni.map((c) => ({ domains: domainsOf(c), context: tls.createSecureContext(withCa(options(c))) })),
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
 * The SNI certificate for a server name: an exact domain first, then a wildcard (Huawei's
 * `wildcard` matching); undefined leaves the default certificate.
 */
export function pickSni(sni: { domains: string[]; context: tls.SecureContext }[], serverName: string): tls.SecureContext | undefined {
  const name = serverName.toLowerCase();
  return (
    sni.find((c) => c.domains.some((d) => !d.startsWith("*.") && d === name))?.context ??
    sni.find((c) => c.domains.some((d) => d.startsWith("*.") && domainMatches(d, name)))?.context
  );
}
