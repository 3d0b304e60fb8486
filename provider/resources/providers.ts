// The dynamic providers Pulumi serializes into every resource's state (`__provider`).
//
// Each is its resource kind and one line per method that loads the implementation by package
// name inside the provider process and calls `run(this, method, args)`. They capture no module,
// client or absolute path, so the text stays small, carries no secret, and resolves from
// whatever checkout or CI runner runs the stack.
//
// The text is a stable interface. State keeps it for as long as a resource lives, and Pulumi
// runs the stored text, not the program's, to refresh and delete (pulumi/pulumi#16826). So every
// version of this package keeps `pulumi-elb/dist/provider/resources/impl` exporting
// `run(provider, method, args)`, and the text names no package version: upgrading the package
// upgrades the behaviour of every existing resource, and a preview after an upgrade shows no
// change where no input changed.
import type * as pulumi from "@pulumi/pulumi";

export type ProviderKind = "loadbalancer" | "listener" | "pool" | "member" | "memberset" | "healthmonitor" | "certificate" | "security_policy" | "ipgroup";

/** Resolved from the directory the program runs in, as the provider host resolves every require. */
const IMPLEMENTATION = "pulumi-elb/dist/provider/resources/impl";

export interface ProviderIdentity {
  kind: ProviderKind;
}

function providerFor(kind: ProviderKind): pulumi.dynamic.ResourceProvider & ProviderIdentity {
  return {
    kind,
    configure(...args: unknown[]) {
      return require(IMPLEMENTATION).run(this, "configure", args);
    },
    check(...args: unknown[]) {
      return require(IMPLEMENTATION).run(this, "check", args);
    },
    diff(...args: unknown[]) {
      return require(IMPLEMENTATION).run(this, "diff", args);
    },
    create(...args: unknown[]) {
      return require(IMPLEMENTATION).run(this, "create", args);
    },
    read(...args: unknown[]) {
      return require(IMPLEMENTATION).run(this, "read", args);
    },
    update(...args: unknown[]) {
      return require(IMPLEMENTATION).run(this, "update", args);
    },
    delete(...args: unknown[]) {
      return require(IMPLEMENTATION).run(this, "delete", args);
    },
  } as pulumi.dynamic.ResourceProvider & ProviderIdentity;
}

/** One provider object per kind: the SDK serializes each object once and caches the text. */
export const providers: Record<ProviderKind, pulumi.dynamic.ResourceProvider & ProviderIdentity> = {
  loadbalancer: providerFor("loadbalancer"),
  listener: providerFor("listener"),
  pool: providerFor("pool"),
  member: providerFor("member"),
  memberset: providerFor("memberset"),
  healthmonitor: providerFor("healthmonitor"),
  certificate: providerFor("certificate"),
  security_policy: providerFor("security_policy"),
  ipgroup: providerFor("ipgroup"),
};
