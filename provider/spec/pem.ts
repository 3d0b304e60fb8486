// Reading certificates and private keys (PEM) with node:crypto, for the certificate rules (C2,
// C3) and the fields the API derives from a certificate (C4). Nothing here ever puts key
// material into a message: a key that cannot be read is "not a PEM private key", nothing more.
import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The certificates of a PEM text (a certificate, then its chain), or why it is not one. */
export function readCertificates(pem: string): { certs: X509Certificate[] } | { problem: string } {
  const blocks = pem.match(CERT_BLOCK) ?? [];
  if (blocks.length === 0) return { problem: "is not a PEM certificate (no BEGIN CERTIFICATE block)" };
  if (pem.replace(CERT_BLOCK, "").trim() !== "") return { problem: "holds text other than PEM certificate blocks" };
  const certs: X509Certificate[] = [];
  for (const [i, block] of blocks.entries()) {
    try {
      certs.push(new X509Certificate(block));
    } catch {
      return { problem: `holds a certificate block (number ${i + 1}) that is not a valid X.509 certificate` };
    }
  }
  return { certs };
}

/** The private key of a PEM text, or undefined when it is not one (the reason is never shown: it could quote the key). */
export function readPrivateKey(pem: string): KeyObject | undefined {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return undefined;
  try {
    return createPrivateKey(pem);
  } catch {
    return undefined;
  }
}

/** What the API reports of a certificate (C4). */
export interface CertificateFacts {
  common_name: string;
  /** DNS names of the subjectAltName extension, in order. */
  subject_alternative_names: string[];
  /** The certificate's SHA-256 fingerprint, colon-separated hex. */
  fingerprint: string;
  /** notAfter, as a G5 timestamp. */
  expire_time: string;
  /** What `domain` is when the request leaves it out: the DNS names, or the common name. */
  domain: string;
}

export function certificateFacts(cert: X509Certificate): CertificateFacts {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? "";
  const sans = (cert.subjectAltName ?? "")
    .split(", ")
    .filter((s) => s.startsWith("DNS:"))
    .map((s) => s.slice(4));
  const expire = new Date(cert.validTo);
  return {
    common_name: cn,
    subject_alternative_names: sans,
    fingerprint: cert.fingerprint256,
    expire_time: expire.toISOString().replace(/\.\d{3}Z$/, "Z"),
    domain: sans.length ? sans.join(",") : cn,
  };
}
