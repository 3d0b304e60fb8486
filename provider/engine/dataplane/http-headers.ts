// Header hygiene for the HTTP reverse proxy: hop-by-hop headers belong to one connection and
// must not cross the proxy (RFC 9110 §7.6.1), the member learns the real client through
// X-Forwarded-For (always, as Huawei's dedicated listeners pass the client's address) and the
// headers the listener's `insert_headers` switch on, and only those (D7), and cookies are read
// and rewritten for sticky sessions (D5).
//
// Headers travel as raw lists — [name, value, name, value, …], names in the case they arrived
// in — which is what the listener's HTTP/1.1 server and member client read and write
// (downstream-h1.ts, upstream-h1.ts): one pass per message instead of building and copying
// header objects on the proxy's hot path (anchors §4.3).

import type * as tls from "node:tls";
import { INSERT_HEADERS_WITH_ALIAS } from "../../spec/listener";

/** A raw header list: names at even indexes, their values after them. */
export type RawHeaders = string[];

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** Tokens of `Connection` values that name further headers (keep-alive and close name none). */
function namedByConnection(raw: ArrayLike<string>): Set<string> | undefined {
  let named: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length !== 10 || raw[i].toLowerCase() !== "connection") continue;
    for (const token of raw[i + 1].split(",")) {
      const t = token.trim().toLowerCase();
      if (t && t !== "keep-alive" && t !== "close") (named ??= new Set()).add(t);
    }
  }
  return named;
}

/**
 * Headers minus hop-by-hop ones, including any the `Connection` header names. `skip` drops
 * further headers by lower-case name (the ones the caller replaces).
 */
export function withoutHopByHop(raw: ArrayLike<string>, skip?: ReadonlySet<string>): RawHeaders {
  const named = namedByConnection(raw);
  const out: RawHeaders = [];
  for (let i = 0; i < raw.length; i += 2) {
    const lower = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(lower) || named?.has(lower) || skip?.has(lower)) continue;
    out.push(raw[i], raw[i + 1]);
  }
  return out;
}

/** The values of one header (lower-case `name`) in a raw list. */
export function headerValues(raw: ArrayLike<string>, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i].length === name.length && raw[i].toLowerCase() === name) out.push(raw[i + 1]);
  return out;
}

export interface ForwardContext {
  clientAddress: string;
  clientPort: number;
  /** "http" for HTTP listeners. */
  proto: string;
  listenerPort: number;
  /** A cookie the engine owns (the HTTP_COOKIE sticky cookie): the member never sees it. */
  dropCookie?: string;
  /** The client's TLS connection, given only when the plan reads it (`HeaderPlan.readsTls`). */
  tls?: tls.TLSSocket;
}

/** What one listener's `insert_headers` make of every request (D7), worked out once per configuration. */
export interface HeaderPlan {
  /** X-Forwarded-For-Processing-Mode. */
  xff: "append" | "remove" | "preserve";
  /** Lower-case names the listener sets, so the client's own values of them are dropped. */
  replaced: ReadonlySet<string>;
  /** The same and `cookie`, for requests whose cookies are rewritten (D5). */
  replacedAndCookie: ReadonlySet<string>;
  /** The headers set, each from the request's context. */
  set: readonly { name: string; value: (ctx: ForwardContext, host: string | undefined) => string | undefined }[];
  /** Whether a header set reads the client's TLS connection, so the listener passes it in the context. */
  readsTls: boolean;
}

/** The load balancer a listener belongs to, for the headers that name it. */
export interface ListenerIdentity {
  loadbalancerId: string;
  /** The address clients reach the listener on (the engine models no EIPs). */
  vipAddress: string;
  /**
   * HTTPS listeners only: the id of the certificate a connection's handshake presented (the
   * default one or the SNI one chosen). Without it the TLS and client-certificate switches add nothing.
   */
  certificateId?: (socket: tls.TLSSocket) => string | undefined;
}

/** Each switch of `insert_headers` the HTTP data plane can honour, and the value it sets (Huawei's HTTP headers page). */
const SWITCHES: Record<string, (id: ListenerIdentity) => (ctx: ForwardContext, host: string | undefined) => string | undefined> = {
  "X-Real-IP": () => (ctx) => ctx.clientAddress,
  "X-Forwarded-For-Port": () => (ctx) => String(ctx.clientPort),
  "X-Forwarded-Port": () => (ctx) => String(ctx.listenerPort),
  "X-Forwarded-Proto": () => (ctx) => ctx.proto,
  "X-Forwarded-Host": () => (_ctx, host) => host,
  "X-Forwarded-ELB-IP": (id) => () => id.vipAddress,
  "X-Forwarded-ELB-ID": (id) => () => id.loadbalancerId,
};

/**
 * The TLS and client-certificate switches (HTTPS listeners), each header's value read from the
 * client's TLS connection; undefined (no SNI, no ALPN, no client certificate) adds no header.
 * Huawei names what each carries but not its format; the names are those of nginx's
 * `$ssl_*` variables (ssl_protocol, ssl_cipher, ssl_client_s_dn, …), so each takes that
 * variable's format, as written beside it.
 */
const TLS_SWITCHES: Record<string, (certificateId: (socket: tls.TLSSocket) => string | undefined) => (socket: tls.TLSSocket) => string | undefined> = {
  "X-Forwarded-TLS-Certificate-ID": (certificateId) => certificateId,
  // "TLSv1.2", "TLSv1.3".
  "X-Forwarded-TLS-Protocol": () => (s) => s.getProtocol() ?? undefined,
  // OpenSSL's name of the suite, e.g. ECDHE-RSA-AES128-GCM-SHA256.
  "X-Forwarded-TLS-Cipher": () => (s) => s.getCipher()?.name,
  "X-Forwarded-Tls-Sni": () => (s) => s.servername || undefined,
  "X-Forwarded-Tls-Alpn-Protocol": () => (s) => s.alpnProtocol || undefined,
  "X-Forwarded-Clientcert-subjectdn": () => (s) => clientCertificate(s)?.subjectdn,
  "X-Forwarded-Clientcert-issuerdn": () => (s) => clientCertificate(s)?.issuerdn,
  "X-Forwarded-Clientcert-fingerprint": () => (s) => clientCertificate(s)?.fingerprint,
  "X-Forwarded-Clientcert-clientverify": () => (s) => clientCertificate(s)?.clientverify,
  "X-Forwarded-Clientcert-serialnumber": () => (s) => clientCertificate(s)?.serialnumber,
  "X-Forwarded-Clientcert-end": () => (s) => clientCertificate(s)?.end,
  "X-Forwarded-Clientcert": () => (s) => clientCertificate(s)?.pem,
  // The suites the client offered ($ssl_ciphers) and the JA3/JA4 fingerprints are all read from
  // its ClientHello, which Node's TLS does not hand over; these switches drop the client's copies
  // and add nothing.
  "X-Forwarded-Clientcert-ciphers": () => () => undefined,
  "X-Forwarded-Tls-Ja3": () => () => undefined,
  "X-Forwarded-Tls-Ja4": () => () => undefined,
};

/** What the client-certificate headers carry, read once per connection (its certificate is fixed by the handshake). */
interface ClientCertificate {
  /** RFC 2253, most specific first: `CN=alice,O=Example,C=CN` (nginx's $ssl_client_s_dn). */
  subjectdn: string;
  issuerdn: string;
  /** SHA-1 of the DER certificate, lower-case hex without colons ($ssl_client_fingerprint). */
  fingerprint: string;
  /** SUCCESS, or FAILED:<reason> ($ssl_client_verify); a listener with a client CA refuses the failures in the handshake (C8). */
  clientverify: string;
  /** Upper-case hex ($ssl_client_serial). */
  serialnumber: string;
  /** notAfter as OpenSSL prints it, `Dec  3 08:00:00 2027 GMT` ($ssl_client_v_end). */
  end: string;
  /** The PEM certificate, URL-encoded ($ssl_client_escaped_cert): Huawei passes it "in PEM format", and a PEM's line breaks cannot travel in a header. */
  pem: string;
}

const clientCertificates = new WeakMap<tls.TLSSocket, ClientCertificate | null>();

function clientCertificate(socket: tls.TLSSocket): ClientCertificate | undefined {
  let known = clientCertificates.get(socket);
  if (known === undefined) {
    const x509 = socket.getPeerX509Certificate();
    known = x509
      ? {
          subjectdn: rfc2253(x509.subject),
          issuerdn: rfc2253(x509.issuer),
          fingerprint: x509.fingerprint.replaceAll(":", "").toLowerCase(),
          clientverify: socket.authorized ? "SUCCESS" : `FAILED:${String(socket.authorizationError)}`,
          serialnumber: x509.serialNumber.toUpperCase(),
          end: x509.validTo,
          pem: encodeURIComponent(x509.toString()),
        }
      : null;
    clientCertificates.set(socket, known);
  }
  return known ?? undefined;
}

/**
 * Node prints a name one RDN a line, least specific first, with RFC 2253's escapes but UTF-8
 * left as it is; RFC 2253 lists the RDNs the other way round, comma-separated. Bytes beyond
 * ASCII become `\XX`, as OpenSSL's RFC 2253 form (and so nginx) writes them, which also keeps
 * the value a valid header.
 */
function rfc2253(name: string): string {
  return name
    .split("\n")
    .reverse()
    .join(",")
    .replace(/[^\x00-\x7f]/gu, (ch) => [...Buffer.from(ch, "utf8")].map((b) => `\\${b.toString(16).toUpperCase()}`).join(""));
}

const WITH_ALIAS = new Set(INSERT_HEADERS_WITH_ALIAS);

/**
 * Headers that frame the request or that the proxy handles itself (Host, Expect, the D5 cookie,
 * X-Forwarded-For). Huawei does not say what an alias naming one does; used, it would corrupt
 * every request (a Content-Length of "TLSv1.2"), so such an alias is ignored and the header
 * keeps its own name.
 */
const FRAMING = new Set([...HOP_BY_HOP, "content-length", "host", "expect", "cookie", "x-forwarded-for"]);

/**
 * The plan for a listener's `insert_headers` (null or absent: all off, X-Forwarded-For
 * appended). The TLS and client-certificate switches describe an HTTPS handshake: on an HTTPS
 * listener each adds its header (under its `-alias` name when one is set); an HTTP listener has
 * no handshake, so they add nothing there. Either way the client's own copies of a switched-on
 * header, under its name or its alias, are dropped, so a client cannot pose as a certificate.
 */
export function headerPlan(insertHeaders: Record<string, unknown> | null | undefined, id: ListenerIdentity): HeaderPlan {
  const on = insertHeaders ?? {};
  const mode = on["X-Forwarded-For-Processing-Mode"];
  const set: HeaderPlan["set"][number][] = Object.entries(SWITCHES)
    .filter(([name]) => on[name] === true)
    .map(([name, value]) => ({ name, value: value(id) }));
  const dropped: string[] = [];
  for (const [header, read] of Object.entries(TLS_SWITCHES)) {
    if (on[WITH_ALIAS.has(header) ? `${header}-enable` : header] !== true) continue;
    const alias = on[`${header}-alias`];
    const name = typeof alias === "string" && alias && !FRAMING.has(alias) ? alias : header;
    dropped.push(header.toLowerCase(), name.toLowerCase());
    if (!id.certificateId) continue;
    const value = read(id.certificateId);
    set.push({ name, value: (ctx) => (ctx.tls ? value(ctx.tls) : undefined) });
  }
  const xff = mode === "remove" || mode === "preserve" ? mode : "append";
  const replaced = new Set([...set.map((h) => h.name.toLowerCase()), ...dropped, "expect", ...(xff === "preserve" ? [] : ["x-forwarded-for"])]);
  return { xff, replaced, replacedAndCookie: new Set([...replaced, "cookie"]), set, readsTls: dropped.length > 0 && id.certificateId !== undefined };
}

/** All switches off: only X-Forwarded-For, appended (what every dedicated listener does). */
export const PLAIN_HEADERS: HeaderPlan = headerPlan(null, { loadbalancerId: "", vipAddress: "" });

/**
 * The request headers a member receives, from the client's raw headers: hop-by-hop headers and
 * `Expect` (the listener has already answered 100 Continue) dropped, X-Forwarded-For as the
 * plan's mode says, and each header the plan sets in place of the client's.
 */
export function forwardRequestHeaders(raw: ArrayLike<string>, ctx: ForwardContext, plan: HeaderPlan = PLAIN_HEADERS): RawHeaders {
  const skip = ctx.dropCookie ? plan.replacedAndCookie : plan.replaced;
  const out = withoutHopByHop(raw, skip);
  if (plan.xff === "append") {
    const prior = headerValues(raw, "x-forwarded-for");
    out.push("x-forwarded-for", prior.length ? `${prior.join(", ")}, ${ctx.clientAddress}` : ctx.clientAddress);
  }
  if (plan.set.length) {
    const host = headerValues(raw, "host")[0];
    for (const h of plan.set) {
      const value = h.value(ctx, host);
      if (value !== undefined) out.push(h.name, value);
    }
  }
  if (ctx.dropCookie) {
    for (const line of headerValues(raw, "cookie")) {
      const rest = withoutCookie(line, ctx.dropCookie);
      if (rest) out.push("cookie", rest);
    }
  }
  return out;
}

/** The value of cookie `name` in a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A `Cookie` header without cookie `name` ("" when nothing is left). */
export function withoutCookie(header: string, name: string): string {
  return header
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p && p.slice(0, Math.max(0, p.indexOf("="))).trim() !== name)
    .join("; ");
}

/** The value the member set for cookie `name` in its `Set-Cookie` headers, if any. */
export function setCookieValue(setCookie: string[] | undefined, name: string): string | undefined {
  if (!setCookie) return undefined;
  for (const line of setCookie) {
    const pair = line.split(";", 1)[0];
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
