// An HTTPS load balancer on the local engine's loopback subnet: TLS terminated with a
// self-signed certificate the program makes, a custom security policy that accepts only TLS 1.2
// and 1.3 with forward-secret suites, and an IP group that lets in only the addresses it lists.
// Requests are balanced over two HTTP backends with X-Forwarded-Proto: https.
//
// Node can read X.509 but not issue it, so node-forge (a dependency of this program) signs the
// certificate. It is made on the first run and kept in ./certs (cert.pem, key.pem), so later
// runs present the same certificate and a preview shows no change; delete ./certs to rotate it.
// The private key is a Pulumi secret: state and previews never show it.
//
// Settings (all optional): `https:vipAddress` (default 127.0.20.1), `https:port` (8443),
// `https:backendPorts` (JSON, default [8081, 8082]), `https:allowed` (JSON list of addresses or
// CIDR blocks the IP group admits, default ["127.0.0.1"]).
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as forge from "node-forge";
import * as elb from "pulumi-elb";

/** The seeded loopback subnet (127.0.0.0/8) of the local engine, by its neutron_subnet_id. */
const LOOPBACK_SUBNET = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";
export const DOMAIN = "www.example.test";

const config = new pulumi.Config("https");
const vipAddress = config.get("vipAddress") ?? "127.0.20.1";
const port = config.getNumber("port") ?? 8443;
const backendPorts = config.getObject<number[]>("backendPorts") ?? [8081, 8082];
const allowed = config.getObject<string[]>("allowed") ?? ["127.0.0.1"];

/** A self-signed certificate for DOMAIN, valid for a year, with its PKCS#8 private key. */
function selfSigned(): { cert: string; key: string } {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const key = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const subject = [{ name: "commonName", value: DOMAIN }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 2, value: DOMAIN }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key };
}

/** The certificate of an earlier run, or a new one kept for the next. */
function certificateFiles(): { cert: string; key: string } {
  const dir = path.join(process.cwd(), "certs");
  const certFile = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) return { cert: fs.readFileSync(certFile, "utf8"), key: fs.readFileSync(keyFile, "utf8") };
  const made = selfSigned();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(certFile, made.cert);
  fs.writeFileSync(keyFile, made.key, { mode: 0o600 });
  return made;
}

const { cert, key } = certificateFiles();

const lb = new elb.LoadBalancer("secure", {
  name: "secure",
  availabilityZoneList: ["local-1a"],
  vipSubnetCidrId: LOOPBACK_SUBNET,
  vipAddress,
});

const certificate = new elb.Certificate("site", { name: "site", certificate: cert, privateKey: key });

const policy = new elb.SecurityPolicy("strict", {
  name: "strict",
  protocols: ["TLSv1.2", "TLSv1.3"],
  ciphers: ["ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"],
});

const office = new elb.IpGroup("office", { name: "office", ipList: allowed.map((ip) => ({ ip })) });

const https = new elb.Listener("https", {
  name: "https",
  loadbalancerId: lb.id,
  protocol: "HTTPS",
  protocolPort: port,
  defaultTlsContainerRef: certificate.id,
  securityPolicyId: policy.id,
  ipgroup: { ipgroupId: office.id, type: "white" },
  // Tell the backends the client came over HTTPS (only the headers switched on are added).
  insertHeaders: { "X-Forwarded-Proto": true },
});

const pool = new elb.Pool("web", { listenerId: https.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });

const members = backendPorts.map(
  (memberPort, i) => new elb.Member(`web-${i + 1}`, { poolId: pool.id, address: "127.0.0.1", protocolPort: memberPort, subnetCidrId: LOOPBACK_SUBNET }),
);

export const url = pulumi.interpolate`https://${DOMAIN}:${port}/ (at ${lb.vipAddress})`;
export const vip = lb.vipAddress;
export const certificateId = certificate.id;
export const fingerprint = certificate.fingerprint;
export const listenerId = https.id;
export const memberIds = members.map((m) => m.id);
