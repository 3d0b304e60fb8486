// Header hygiene for the HTTP reverse proxy: hop-by-hop headers belong to one connection and
// must not cross the proxy (RFC 9110 §7.6.1), the member learns the real client through
// X-Forwarded-For / -Proto / -Port (Huawei ELB adds these for HTTP listeners), and cookies are
// read and rewritten for sticky sessions (D5).
//
// Headers travel as raw lists — [name, value, name, value, …], names in the case they arrived
// in — which is what Node's server hands over (`req.rawHeaders`) and what undici and
// `res.writeHead` take: one pass per message instead of building and copying header objects
// on the proxy's hot path (anchors §4.3).

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
  /** "http" for HTTP listeners. */
  proto: string;
  listenerPort: number;
  /** A cookie the engine owns (the HTTP_COOKIE sticky cookie): the member never sees it. */
  dropCookie?: string;
}

/**
 * Replaced by the proxy: X-Forwarded-* (set anew), and `Expect`, which Node's server has
 * already answered with 100 Continue, so the member gets the body outright.
 */
const REPLACED = new Set(["x-forwarded-for", "x-forwarded-proto", "x-forwarded-port", "expect"]);
const REPLACED_AND_COOKIE = new Set([...REPLACED, "cookie"]);

/** The request headers a member receives, from the client's raw headers. */
export function forwardRequestHeaders(raw: ArrayLike<string>, ctx: ForwardContext): RawHeaders {
  const out = withoutHopByHop(raw, ctx.dropCookie ? REPLACED_AND_COOKIE : REPLACED);
  const prior = headerValues(raw, "x-forwarded-for");
  out.push(
    "x-forwarded-for",
    prior.length ? `${prior.join(", ")}, ${ctx.clientAddress}` : ctx.clientAddress,
    "x-forwarded-proto",
    ctx.proto,
    "x-forwarded-port",
    String(ctx.listenerPort),
  );
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
