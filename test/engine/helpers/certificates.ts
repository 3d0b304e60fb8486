// Certificates for tests, made on the spot: a CA, server and client certificates it signs, and
// self-signed ones, as PEM text with their private keys. Node can parse and check X.509 but not
// issue it: Node makes the RSA keys, node-forge writes and signs the certificates.
import { generateKeyPairSync } from "node:crypto";
import forge from "node-forge";

export interface Issued {
  /** The certificate, PEM. */
  cert: string;
  /** Its PKCS#8 private key, PEM. */
  key: string;
}

export interface IssueOptions {
  /** Common name; also the first DNS name of a leaf certificate. */
  cn: string;
  /** Organization, named before the common name in the subject. */
  organization?: string;
  /** More DNS names (subjectAltName). */
  dns?: string[];
  /** The issuer; none makes the certificate self-signed. */
  issuer?: Issued;
  /** A CA certificate (basicConstraints CA). */
  ca?: boolean;
  /** Client authentication instead of server authentication. */
  client?: boolean;
  /** Valid until; default one year from now. */
  notAfter?: Date;
}

let serial = 1;

export function issue(o: IssueOptions): Issued {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const publicKey = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = (serial++).toString(16).padStart(4, "0");
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = o.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  // Names beyond ASCII are UTF8Strings (forge encodes them). forge reads `valueTagClass` as the
  // value's ASN.1 type, which @types/node-forge declares as a tag class.
  const attribute = (name: string, value: string): forge.pki.CertificateField =>
    /^[\x20-\x7e]*$/.test(value) ? { name, value } : { name, value, valueTagClass: forge.asn1.Type.UTF8 as number as forge.asn1.Class };
  const subject = [...(o.organization ? [attribute("organizationName", o.organization)] : []), attribute("commonName", o.cn)];
  cert.setSubject(subject);
  cert.setIssuer(o.issuer ? forge.pki.certificateFromPem(o.issuer.cert).subject.attributes : subject);
  const extensions: object[] = [{ name: "basicConstraints", cA: o.ca === true, critical: true }];
  if (o.ca) extensions.push({ name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true });
  else {
    extensions.push({ name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true });
    extensions.push({ name: "extKeyUsage", serverAuth: !o.client, clientAuth: o.client === true });
    extensions.push({ name: "subjectAltName", altNames: [o.cn, ...(o.dns ?? [])].map((value) => ({ type: 2, value })) });
  }
  cert.setExtensions(extensions);
  const signer = forge.pki.privateKeyFromPem(o.issuer ? o.issuer.key : key);
  cert.sign(signer, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key };
}
