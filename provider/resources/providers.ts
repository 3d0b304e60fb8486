// The dynamic providers Pulumi serializes into every resource's state (`__provider`).
//
// They are deliberately tiny: plain data (which resource kind, which package version) and
// methods that load the real implementation by package name inside the provider process. They
// capture no module, client or absolute path, so the text stays small (the serializer spends
// about 230 bytes per function), carries no secret, resolves from whatever checkout or CI runner
// runs the stack, and upgrading the package upgrades the behaviour of existing resources.
//
// `configure(req)`, `check(olds, news)` and `create(inputs)` share one function: their
// arguments say which call it is (one argument with a `config`, two arguments, one plain
// argument), which keeps the text under 2 KB. `read`/`delete` and `diff`/`update` take the same
// arguments, so they name themselves.
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";

export type ProviderKind = "loadbalancer" | "listener" | "pool" | "member" | "memberset" | "healthmonitor";

/** Resolved from the directory the program runs in, as the provider host resolves every require. */
const IMPLEMENTATION = "pulumi-elb/dist/provider/resources/impl";

/** This package's version; part of the provider text so a new version shows up as a change and state picks it up. */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "pulumi-elb") return pkg.version ?? "0.0.0";
    }
    if (path.dirname(dir) === dir) return "0.0.0";
  }
}

const VERSION = packageVersion();

interface Identity {
  kind: ProviderKind;
  version: string;
  impl: string;
}

function selfDescribing(this: Identity, ...args: unknown[]) {
  return require(this.impl).run(this, undefined, args);
}

function providerFor(kind: ProviderKind): pulumi.dynamic.ResourceProvider & Identity {
  return {
    kind,
    version: VERSION,
    impl: IMPLEMENTATION,
    configure: selfDescribing,
    check: selfDescribing,
    create: selfDescribing,
    diff(...args: unknown[]) {
      return require(this.impl).run(this, "diff", args);
    },
    update(...args: unknown[]) {
      return require(this.impl).run(this, "update", args);
    },
    read(...args: unknown[]) {
      return require(this.impl).run(this, "read", args);
    },
    delete(...args: unknown[]) {
      return require(this.impl).run(this, "delete", args);
    },
  } as pulumi.dynamic.ResourceProvider & Identity;
}

/** One provider object per kind: the SDK serializes each object once and caches the text. */
export const providers: Record<ProviderKind, pulumi.dynamic.ResourceProvider & Identity> = {
  loadbalancer: providerFor("loadbalancer"),
  listener: providerFor("listener"),
  pool: providerFor("pool"),
  member: providerFor("member"),
  memberset: providerFor("memberset"),
  healthmonitor: providerFor("healthmonitor"),
};

/**
 * These objects, by identity, for the implementation: it gives deserialized copies faster
 * methods and must never touch these, or the next serialization would carry its functions.
 * Kept on a process-wide symbol, outside every serialized function.
 */
export const ORIGINAL_PROVIDERS = Symbol.for("pulumi-elb.original-providers");
const registry = ((globalThis as Record<symbol, WeakSet<object> | undefined>)[ORIGINAL_PROVIDERS] ??= new WeakSet<object>());
for (const p of Object.values(providers)) registry.add(p);
