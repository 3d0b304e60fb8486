// The provider implementation, loaded by package name inside the provider process
// (`require("pulumi-elb/dist/provider/resources/impl")`) by the small serialized providers in
// ../providers.ts. Everything that talks to the API lives here, so upgrading the package
// upgrades behaviour for existing stacks without touching their state.
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
};

type Method = "configure" | keyof Handler;

/** What a serialized provider knows about itself. */
export interface ProviderIdentity {
  kind: string;
  version: string;
}

/**
 * `configure(req)`, `check(olds, news)` and `create(inputs)` are told apart by their arguments
 * (see ../providers.ts for why they share one function).
 */
function methodOf(args: unknown[]): Method {
  if (args.length >= 2) return "check";
  const req = args[0] as { config?: { get?: unknown } } | undefined;
  return typeof req?.config?.get === "function" ? "configure" : "create";
}

const NOUN: Record<string, string> = {
  loadbalancer: "load balancer",
  listener: "listener",
  pool: "pool",
  member: "member",
  memberset: "member set",
  healthmonitor: "health monitor",
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

const METHODS: Method[] = ["configure", "check", "diff", "create", "read", "update", "delete"];
const direct = new WeakSet<object>();

/**
 * The serializer wraps every provider method in a closure it rebuilds on each call (inside a
 * `with` scope, which the JIT cannot optimise), which costs more than the rest of a `check`.
 * The first call through a deserialized provider object therefore gives it plain methods that
 * call straight in here. The package's own provider objects (registered by ../providers.ts)
 * are left as they are, so nothing is ever added to what gets serialized.
 */
function useDirectMethods(provider: ProviderIdentity): void {
  // Only provider objects (with methods to replace); a bare identity passed in is left alone.
  if (direct.has(provider) || typeof (provider as { configure?: unknown }).configure !== "function") return;
  const originals = (globalThis as Record<symbol, WeakSet<object> | undefined>)[Symbol.for("pulumi-elb.original-providers")];
  if (originals?.has(provider)) return;
  const target = provider as unknown as Record<string, unknown>;
  for (const m of METHODS) target[m] = (...args: unknown[]) => run(provider, m, args);
  direct.add(provider);
}

/** Entry point of every serialized provider method. */
export async function run(provider: ProviderIdentity, method: Method | undefined, args: unknown[]): Promise<unknown> {
  useDirectMethods(provider);
  const m = method ?? methodOf(args);
  if (m === "configure") {
    const { config } = args[0] as { config: { get(key: string): string | undefined } };
    configure((key) => config.get(key));
    return;
  }
  const handler = handlers[provider.kind];
  if (!handler) throw new Error(`This version of pulumi-elb has no resource kind "${provider.kind}"; upgrade the pulumi-elb package.`);
  try {
    return await (handler[m] as (...a: unknown[]) => Promise<unknown>)(...args);
  } catch (e) {
    // Say which operation on which object failed; keep the partial-initialization fields intact.
    const err = e as Error;
    const id = typeof args[0] === "string" && args[0] ? ` ${args[0]}` : "";
    err.message = `${VERB[m]} ${NOUN[provider.kind] ?? provider.kind}${id}: ${err.message}`;
    throw err;
  }
}
