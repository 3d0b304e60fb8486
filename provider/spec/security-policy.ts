// TLS security policies: the system policies Huawei documents for HTTPS listeners
// (`tls_ciphers_policy`), and custom policies (`{"security_policy": {...}}`,
// `security_policy_id`), each a set of TLS versions and cipher suites (rules T1-T4).
import { list, oneOf, refs, str, timestamp, uuid } from "./kinds";
import { defineSpec } from "./resource";

/** TLS versions, as the API and Node name them. */
export const TLS_PROTOCOLS = ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] as const;
export type TlsProtocol = (typeof TLS_PROTOCOLS)[number];

/** TLS 1.3 cipher suites (negotiated only over TLS 1.3). */
export const TLS13_CIPHERS = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256"] as const;

/** The forward-secret TLS 1.2 suites (ECDHE with GCM or SHA-2). */
const FS = [
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES128-SHA256",
  "ECDHE-RSA-AES128-SHA256",
  "ECDHE-ECDSA-AES256-SHA384",
  "ECDHE-RSA-AES256-SHA384",
];
/** The strict TLS 1.2 suites: GCM or SHA-2 only. */
const STRICT = [...FS.slice(0, 4), "AES128-GCM-SHA256", "AES256-GCM-SHA384", ...FS.slice(4, 6), "AES128-SHA256", "AES256-SHA256", ...FS.slice(6)];
/** The suites of the broad policies (tls-1-0, tls-1-1, tls-1-2): strict ones, then SHA-1 CBC ones. */
const BROAD = [...STRICT, "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA", "AES128-SHA", "AES256-SHA"];
const CHACHA = ["ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-ECDSA-CHACHA20-POLY1305"];

/** Every cipher suite a custom policy may name (Huawei's list). */
export const CIPHERS = [...BROAD, "DHE-RSA-AES128-SHA", "CAMELLIA128-SHA", "DES-CBC3-SHA", "CAMELLIA256-SHA", ...CHACHA, ...TLS13_CIPHERS] as const;

const versions = (from: TlsProtocol, to: TlsProtocol): TlsProtocol[] => TLS_PROTOCOLS.slice(TLS_PROTOCOLS.indexOf(from), TLS_PROTOCOLS.indexOf(to) + 1);

/**
 * The system policies (Huawei's "default security policies" table): TLS versions and suites.
 * The documented table is followed where Huawei's pages disagree with each other (hybrid-policy-1-0
 * is TLS 1.1-1.2 and its SM suites are not offered: Node's OpenSSL has none).
 */
export const SYSTEM_SECURITY_POLICIES: Record<string, { protocols: TlsProtocol[]; ciphers: readonly string[] }> = {
  "tls-1-0": { protocols: versions("TLSv1", "TLSv1.2"), ciphers: BROAD },
  "tls-1-1": { protocols: versions("TLSv1.1", "TLSv1.2"), ciphers: BROAD },
  "tls-1-2": { protocols: ["TLSv1.2"], ciphers: BROAD },
  "tls-1-0-inherit": { protocols: versions("TLSv1", "TLSv1.2"), ciphers: [...BROAD.slice(0, 14), "DHE-RSA-AES128-SHA", ...BROAD.slice(14)] },
  "tls-1-2-strict": { protocols: ["TLSv1.2"], ciphers: STRICT },
  "tls-1-2-fs": { protocols: ["TLSv1.2"], ciphers: FS },
  "tls-1-0-with-1-3": { protocols: versions("TLSv1", "TLSv1.3"), ciphers: [...BROAD, ...TLS13_CIPHERS] },
  "tls-1-2-fs-with-1-3": { protocols: versions("TLSv1.2", "TLSv1.3"), ciphers: [...FS, ...CHACHA, ...TLS13_CIPHERS] },
  "hybrid-policy-1-0": { protocols: versions("TLSv1.1", "TLSv1.2"), ciphers: BROAD },
  "tls-1-2-strict-no-cbc": { protocols: ["TLSv1.2"], ciphers: [...FS.slice(0, 4), ...CHACHA] },
};
export const SYSTEM_POLICY_NAMES = Object.keys(SYSTEM_SECURITY_POLICIES) as [string, ...string[]];

/** The policy an HTTPS listener uses when it names none (Huawei's default for dedicated load balancers). */
export const DEFAULT_TLS_POLICY = "tls-1-2";

export const securityPolicySpec = defineSpec({
  kind: "security_policy",
  plural: "security_policies",
  className: "SecurityPolicy",
  noun: "security policy",
  fields: {
    name: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Name." },
    description: { kind: str(255), create: true, update: true, default: "", change: "update", doc: "Description." },
    protocols: {
      kind: list(oneOf(TLS_PROTOCOLS), { min: 1, max: 4 }),
      create: true,
      update: true,
      required: true,
      change: "update",
      doc: "The TLS versions listeners using the policy accept; a client offering none of them is refused at the handshake.",
    },
    ciphers: {
      kind: list(oneOf(CIPHERS), { min: 1, max: CIPHERS.length }),
      create: true,
      update: true,
      required: true,
      change: "update",
      doc: "The cipher suites offered, in the listener's order of preference; each must suit one of `protocols` (TLS_* suites are TLS 1.3's).",
    },
  },
  outputs: {
    id: { stored: true, kind: uuid(), doc: "Security policy id: what listeners name in `securityPolicyId`." },
    project_id: { stored: true, kind: str(64), doc: "Project id." },
    listeners: { kind: refs(), doc: "The listeners using the policy." },
    created_at: { stored: true, kind: timestamp(), doc: "Creation time (UTC)." },
    updated_at: { stored: true, kind: timestamp(), doc: "Last update time (UTC)." },
  },
  naturalKeys: [],
});

/** Whether a cipher suite can be negotiated under one of the versions. */
export const cipherSuits = (cipher: string, protocols: readonly string[]): boolean =>
  (TLS13_CIPHERS as readonly string[]).includes(cipher) ? protocols.includes("TLSv1.3") : protocols.some((p) => p !== "TLSv1.3");
