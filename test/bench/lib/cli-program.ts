// The Pulumi programs the CLI benchmark runs: the apply benchmark's stack (lib/stack.ts,
// `stackResources`) written out as a TypeScript program for a real Pulumi project, twice:
//
// - through the provider: every resource is the pulumi-elb class of its kind;
// - as the CLI's floor: every resource is a do-nothing dynamic resource with the very same name,
//   inputs and dependencies, whose provider only hands its inputs back (check returns them,
//   create makes them the outputs, diff says nothing changed). What the CLI, the language host
//   and the dynamic-provider plugin cost for such a stack is what any dynamic provider pays
//   before doing any work; the same floor can also be shaped like the provider's resources
//   (their outputs and serialized size), which leaves only the provider's code between them.
//
// The resources are data in the program (one JSON array), created in order: a resource's
// references (`{ "$ref": key }`) name resources that come before it, and become their `id`.
import { stackResources, type ProviderKind, type StackShape } from "./stack";

/** The pulumi-elb class of each provider kind. */
export const CLASS_OF: Record<ProviderKind, string> = {
  loadbalancer: "LoadBalancer",
  listener: "Listener",
  pool: "Pool",
  healthmonitor: "HealthMonitor",
  member: "Member",
  memberset: "MemberSet",
  certificate: "Certificate",
  security_policy: "SecurityPolicy",
  ipgroup: "IpGroup",
};

const REF = "\u0000ref:";

/** The stack's resources as the program's data: name, kind and inputs, references as `{ $ref }`. */
export function programResources(shape: StackShape): { key: string; kind: ProviderKind; args: unknown }[] {
  return stackResources(shape).map((r) => {
    const args = JSON.parse(JSON.stringify(r.args((key) => REF + key)), (_k, v: unknown) =>
      typeof v === "string" && v.startsWith(REF) ? { $ref: v.slice(REF.length) } : v,
    ) as unknown;
    return { key: r.key, kind: r.kind, args };
  });
}

/** Replaces `{ $ref: key }` by the id of the resource made for `key` (shared by both programs). */
const RESOLVE = `
type Ref = { $ref: string };
const made = new Map<string, pulumi.CustomResource>();
const isRef = (v: unknown): v is Ref => typeof v === "object" && v !== null && typeof (v as Ref).$ref === "string";
const resolve = (v: unknown): unknown =>
  isRef(v) ? made.get(v.$ref)!.id : Array.isArray(v) ? v.map(resolve) : typeof v === "object" && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)])) : v;
`;

/** The stack through pulumi-elb, as a user's index.ts would build it. */
export function providerProgram(shape: StackShape): string {
  return `import * as pulumi from "@pulumi/pulumi";
import * as elb from "pulumi-elb";
${RESOLVE}
const classes: Record<string, new (name: string, args: any) => pulumi.CustomResource> = ${JSON.stringify(CLASS_OF).replace(/"(\w+)":"(\w+)"/g, "$1: elb.$2")};
const resources: { key: string; kind: string; args: unknown }[] = ${JSON.stringify(programResources(shape))};
for (const r of resources) made.set(r.key, new classes[r.kind](r.key, resolve(r.args)));
export const count = resources.length;
`;
}

/** What makes a floor resource look like the provider's, kind by kind (read from a provider stack's state). */
export interface ProviderLikeness {
  /** The output properties the provider adds to a resource's inputs, with the values it gave them. */
  outputs: Partial<Record<ProviderKind, Record<string, unknown>>>;
  /** The length of the provider's serialized text, which every resource stores in its inputs and outputs. */
  textLength: Partial<Record<ProviderKind, number>>;
}

/**
 * The same names, inputs and dependencies as do-nothing dynamic resources: the CLI's own floor.
 * Like the provider, it has one provider object per kind. With `like`, each resource is also
 * shaped like the provider's: the class declares the provider's output properties, create returns
 * them beside the inputs, and the serialized provider is padded (with text its check refers to)
 * to the provider's length — measured in the program with the same `serializeFunction` call
 * `dynamic.Resource` makes, so the padded text has exactly the provider's length. Then only what
 * the provider's code does is left to tell the two apart.
 */
export function floorProgram(shape: StackShape, like?: ProviderLikeness): string {
  return `import * as pulumi from "@pulumi/pulumi";
${RESOLVE}
const OUTPUTS: Record<string, Record<string, unknown>> = ${JSON.stringify(like?.outputs ?? {})};
const TEXT_LENGTH: Record<string, number> = ${JSON.stringify(like?.textLength ?? {})};

// The outputs reach the plugin through a file, not the provider's text: a kind's outputs can be
// longer than the provider's whole serialized text, which the padding must match exactly.
const OUTPUTS_FILE = require("node:path").join(require("node:os").tmpdir(), \`bench-floor-outputs-\${process.pid}.json\`);

function nothingFor(kind: string, padding: string, outputsFile: string): pulumi.dynamic.ResourceProvider {
  return {
    async check(_olds: any, news: any) {
      if (padding.length < 0) throw new Error(padding);
      return { inputs: news };
    },
    async diff() {
      return { changes: false };
    },
    async create(inputs: any) {
      const all = ((globalThis as any).benchFloorOutputs ??= JSON.parse(require("node:fs").readFileSync(outputsFile, "utf8")));
      return { id: require("node:crypto").randomUUID(), outs: { ...(all[kind] ?? {}), ...inputs } };
    },
  };
}

/** The length of a provider's serialized text, serialized exactly as dynamic.Resource does it. */
const textLength = async (provider: pulumi.dynamic.ResourceProvider) => (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text.length;

class Nothing extends pulumi.dynamic.Resource {
  constructor(provider: pulumi.dynamic.ResourceProvider, name: string, kind: string, args: any) {
    // Undefined properties are the resource's outputs, filled in from what create returns.
    const slots = Object.fromEntries(Object.keys(OUTPUTS[kind] ?? {}).map((k) => [k, undefined]));
    super(provider, name, { ...slots, ...args }, undefined, "bench", kind);
  }
}

const resources: { key: string; kind: string; args: unknown }[] = ${JSON.stringify(programResources(shape))};

export default async function () {
  require("node:fs").writeFileSync(OUTPUTS_FILE, JSON.stringify(OUTPUTS));
  const providers = new Map<string, pulumi.dynamic.ResourceProvider>();
  for (const kind of new Set(resources.map((r) => r.kind))) {
    const target = TEXT_LENGTH[kind];
    const padding = target === undefined ? 0 : Math.max(0, target - (await textLength(nothingFor(kind, "", OUTPUTS_FILE))));
    providers.set(kind, nothingFor(kind, "x".repeat(padding), OUTPUTS_FILE));
  }
  for (const r of resources) made.set(r.key, new Nothing(providers.get(r.kind)!, r.key, r.kind, resolve(r.args)));
  return { count: resources.length };
}
`;
}
