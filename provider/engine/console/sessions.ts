// Console sessions in strict mode. Signing in verifies a token, or an access key with its secret
// key, against the credentials file (Authenticator.signIn) and hands the browser a random session
// id in an HttpOnly cookie; the engine keeps only that id, who signed in and their projects. The
// secret itself is never stored or logged. Sessions live in memory: a restart signs everyone out.
import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";

/** The cookie that carries the session id. */
export const SESSION_COOKIE = "elb_console";
/** A session ends this long after sign-in, however busy. */
export const SESSION_MS = 8 * 60 * 60 * 1000;
/** Sessions kept at most; signing in beyond that ends the oldest. */
const MAX_SESSIONS = 1000;

export interface Session {
  /** `ak:<access key id>` or `token:<name>`. */
  principal: string;
  projects: ReadonlySet<string>;
  expires: number;
}

export class Sessions {
  // Insertion order is sign-in order, so the first entry is the oldest.
  private readonly byId = new Map<string, Session>();

  constructor(private readonly clock: Clock) {}

  /** Starts a session; returns its id, for the cookie. */
  open(principal: string, projects: ReadonlySet<string>): string {
    const id = randomBytes(32).toString("base64url");
    if (this.byId.size >= MAX_SESSIONS) this.byId.delete(this.byId.keys().next().value!);
    this.byId.set(id, { principal, projects, expires: this.clock.now() + SESSION_MS });
    return id;
  }

  /** The live session with this id, if any; an expired one is forgotten. */
  get(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.byId.get(id);
    if (!session) return undefined;
    if (session.expires <= this.clock.now()) {
      this.byId.delete(id);
      return undefined;
    }
    return session;
  }

  close(id: string | undefined): void {
    if (id !== undefined) this.byId.delete(id);
  }
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
