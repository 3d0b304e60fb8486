// The Pulumi programs the CLI benchmark runs: the apply benchmark's stack (lib/stack.ts,
// `stackResources`) written out as a TypeScript program for a real Pulumi project, twice:
//
// - through the provider: every resource is the pulumi-elb class of its kind;
// - as the CLI's floor: every resource is a do-nothing dynamic resource with the very same name,
//   inputs and dependencies, whose provider only hands its inputs back (check returns them,
//   create makes them the outputs, diff says nothing changed). What the CLI, the language host
//   and the dynamic-provider plugin cost for such a stack is what any dynamic provider pays
//   before doing any work.
//
// The resources are data in the program (one JSON array), created in order: a resource's
// references (`{ "$ref": key }`) name resources that come before it, and become their `id`.
import { stackResources, type ProviderKind, type StackShape } from "./stack";

/** The pulumi-elb class of each provider kind. */
const CLASS_OF: Record<ProviderKind, string> = {
  loadbalancer: "LoadBalancer",
  listener: "Listener",
  pool: "Pool",
  healthmonitor: "HealthMonitor",
  member: "Member",
  memberset: "MemberSet",
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

/**
 * The same names, inputs and dependencies as do-nothing dynamic resources: the CLI's own floor.
 * `padding` characters of text captured by the provider make its serialized text (stored in
 * every resource's inputs and outputs) that much longer, and nothing else.
 */
export function floorProgram(shape: StackShape, padding = 0): string {
  const pad = padding > 0 ? `const PADDING = ${JSON.stringify("x".repeat(padding))};\n` : "";
  return `import * as pulumi from "@pulumi/pulumi";
${RESOLVE}
${pad}const nothing: pulumi.dynamic.ResourceProvider = {
  async check(_olds: any, news: any) {${padding > 0 ? "\n    if (PADDING.length === 0) throw new Error(PADDING);" : ""}
    return { inputs: news };
  },
  async diff() {
    return { changes: false };
  },
  async create(inputs: any) {
    return { id: require("node:crypto").randomUUID(), outs: inputs };
  },
};
class Nothing extends pulumi.dynamic.Resource {
  constructor(name: string, kind: string, args: any) {
    super(nothing, name, args, undefined, "bench", kind);
  }
}
const resources: { key: string; kind: string; args: unknown }[] = ${JSON.stringify(programResources(shape))};
for (const r of resources) made.set(r.key, new Nothing(r.key, r.kind, resolve(r.args)));
export const count = resources.length;
`;
}
