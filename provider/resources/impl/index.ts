// The provider implementation, loaded by package name inside the provider process
// (`require("pulumi-elb/dist/provider/resources/impl")`) by the small serialized providers in
// ../providers.ts. Everything that talks to the API lives here, so upgrading the package
// upgrades behaviour for existing stacks without touching their state.
import { certificate } from "./certificate";
import { securityPolicy } from "./security-policy";
import { ipGroup } from "./ipgroup";
import { configure } from "./context";
import { healthMonitor } from "./healthmonitor";
import { listener } from "./listener";
import { loadBalancer } from "./loadbalancer";
import { member } from "./member";
import { memberSet } from "./memberset";
import { pool } from "./pool";
import type { Handler } from "./specResource";

export { ResourceInitError } from "./specResource";
export { UNKNOWN_SENTINEL } from "./values";

export const handlers: Record<string, Handler> = {
  loadbalancer: loadBalancer,
  listener,
  pool,
  member,
  memberset: memberSet,
  healthmonitor: healthMonitor,
  certificate,
  security_policy: securityPolicy,
  ipgroup: ipGroup,
};

type Method = "configure" | keyof Handler;

/** What a serialized provider knows about itself (../providers.ts). */
export interface ProviderIdentity {
  kind: string;
}

const NOUN: Record<string, string> = {
  loadbalancer: "load balancer",
  listener: "listener",
  pool: "pool",
  member: "member",
  memberset: "member set",
  healthmonitor: "health monitor",
  certificate: "certificate",
  security_policy: "security policy",
  ipgroup: "IP group",
};

const VERB: Record<Method, string> = {
  configure: "configuring the elb provider",
  check: "checking",
  diff: "comparing",
  create: "creating",
  read: "reading",
  update: "updating",
  delete: "deleting",
};

const isBug = (e: Error): boolean => e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError || e instanceof SyntaxError;

/** Entry point of every serialized provider method. */
export async function run(provider: ProviderIdentity, m: Method, args: unknown[]): Promise<unknown> {
  if (m === "configure") {
    const { config } = args[0] as { config: { get(key: string): string | undefined } };
    configure((key) => config.get(key));
    return;
  }
  const handler = handlers[provider.kind];
  if (!handler || typeof handler[m] !== "function") {
    throw new Error(`This version of pulumi-elb cannot ${m} a "${provider.kind}" resource; upgrade the pulumi-elb package.`);
  }
  try {
    return await (handler[m] as (...a: unknown[]) => Promise<unknown>)(...args);
  } catch (e) {
    // Say which operation on which object failed; keep the partial-initialization fields intact.
    const err = e as Error;
    const id = typeof args[0] === "string" && args[0] ? ` ${args[0]}` : "";
    err.message = `${VERB[m]} ${NOUN[provider.kind] ?? provider.kind}${id}: ${err.message}`;
    // The provider host prints the stack of a failed check, diff, read or delete beside the
    // message. A refusal by the API or a bad input is no bug, and its frames are noise there;
    // a programming error keeps them.
    if (!isBug(err)) err.stack = `${err.name}: ${err.message}`;
    throw err;
  }
}
