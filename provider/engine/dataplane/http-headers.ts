// Header hygiene for the HTTP reverse proxy: hop-by-hop headers belong to one connection and
// must not cross the proxy (RFC 9110 §7.6.1), the member learns the real client through
// X-Forwarded-For / -Proto / -Port (Huawei ELB adds these for HTTP listeners), and cookies are
// read and rewritten for sticky sessions (D5).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

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

/** Headers minus hop-by-hop ones, including any the `Connection` header names. */
export function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set<string>();
  const connection = headers.connection;
  if (connection) for (const token of connection.split(",")) named.add(token.trim().toLowerCase());
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}

export interface ForwardContext {
  clientAddress: string;
  /** "http" for HTTP listeners. */
  proto: string;
  listenerPort: number;
  /** A cookie the engine owns (the HTTP_COOKIE sticky cookie): the member never sees it. */
  dropCookie?: string;
}

/** The request headers a member receives. */
export function forwardRequestHeaders(headers: IncomingHttpHeaders, ctx: ForwardContext): OutgoingHttpHeaders {
  const out = withoutHopByHop(headers);
  const prior = headers["x-forwarded-for"];
  out["x-forwarded-for"] = prior ? `${prior}, ${ctx.clientAddress}` : ctx.clientAddress;
  out["x-forwarded-proto"] = ctx.proto;
  out["x-forwarded-port"] = String(ctx.listenerPort);
  if (ctx.dropCookie && typeof out.cookie === "string") {
    const rest = withoutCookie(out.cookie, ctx.dropCookie);
    if (rest) out.cookie = rest;
    else delete out.cookie;
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
