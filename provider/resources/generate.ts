// The public resource classes (loadbalancer.ts, listener.ts, pool.ts, member.ts, healthmonitor.ts,
// memberset.ts), written from the spec tables by `npm run docs`: each Args interface with every
// input's type and JSDoc (spec/docs.ts `fieldDoc`: what it means, what is allowed, the default,
// what a change does), nested interfaces for object inputs, and every field and output as a typed
// `Output`. A test keeps the committed files identical to what this makes.
//
// What the tables cannot say is written here: each class's own description, and the MemberSet,
// which is this provider's resource rather than the API's (its entries are member fields).
import { ADOPT_ID, ADOPT_INPUT, camel, LIMITS, memberSpec, naturalKey, specs, type FieldDef, type Kind, type ResourceKind, type ResourceSpec } from "../spec";
import { fieldDoc } from "../spec/docs";
import { inUserTerms } from "./impl/check";
import { ENTRY_FIELDS } from "./impl/memberset";

const WIDTH = 100;

/** What each class says of itself, beside what its natural keys say; `getBy` is what `get` takes. */
const CLASSES: Record<ResourceKind, { doc: string; getBy: string }> = {
  loadbalancer: { doc: "A dedicated load balancer. Created, updated and returned only once it is ACTIVE.", getBy: "its id" },
  listener: { doc: "A listener of a load balancer.", getBy: "its id" },
  pool: { doc: "A pool (backend server group), on a load balancer or as a listener's default pool.", getBy: "its id" },
  member: {
    doc: "One backend server of a pool. For more than a few backends use `MemberSet`, which applies changes through the batch endpoints. An existing member comes under management with `adoptId`.",
    getBy: "`<poolId>/<memberId>`",
  },
  healthmonitor: { doc: "The health monitor of a pool.", getBy: "its id" },
  ipgroup: {
    doc: "An IP address group: addresses and CIDR blocks a listener admits or refuses by the client's source address (its `ipgroup`).",
    getBy: "its id",
  },
  security_policy: {
    doc: "A custom TLS security policy: the TLS versions and cipher suites of the HTTPS listeners that name it in `securityPolicyId` (the system policies are named in `tlsCiphersPolicy` instead).",
    getBy: "its id",
  },
  certificate: {
    doc: "A server certificate with its private key, or a CA certificate (`type: client`), that HTTPS listeners name by id. The private key is a Pulumi secret from the program to state: never shown in previews, state exports or messages, whatever the API echoes.",
    getBy: "its id",
  },
};

/**
 * Outputs the provider leaves out when the program did not give them: a pool's `listener_id` is
 * read back from its listener references, and a pool without a listener has none.
 */
const ABSENT_WHEN_OMITTED: Partial<Record<ResourceKind, readonly string[]>> = { pool: ["listener_id"] };

const HEADER = [
  "// Generated from the spec tables (provider/spec) by provider/resources/generate.ts; do not edit.",
  "// Regenerate with `npm run docs`; a test keeps this file identical to what the generator makes.",
];

/** Greedy word wrap. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A JSDoc comment: on one line when it fits, wrapped otherwise. */
function jsdoc(text: string, indent = ""): string[] {
  if (text.includes("*/")) throw new Error(`a doc string may not contain "*/": ${text}`);
  const one = `${indent}/** ${text} */`;
  if (one.length <= WIDTH) return [one];
  return [`${indent}/**`, ...wrap(text, WIDTH - indent.length - 3).map((l) => `${indent} * ${l}`), `${indent} */`];
}

const pascal = (api: string) => camel(api).replace(/^./, (c) => c.toUpperCase());
const propertyName = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const inParens = (t: string) => (t.includes(" ") ? `(${t})` : t);

/**
 * Whether a default that depends on the object may be null (a TCP listener's `client_timeout`):
 * worked out for every value of the field it depends on and, for a field of a nested object,
 * for every value of each enumeration beside it (a pool's persistence timeout has no default
 * with APP_COOKIE). A default that depends on no enumeration may be anything.
 */
function defaultMayBeNull(def: FieldDef, table: Record<string, FieldDef>, nestedIn?: { key: string; fields: Record<string, FieldDef> }): boolean {
  const from = def.defaultFrom;
  const values = from === undefined ? undefined : table[from]?.kind.values;
  if (from === undefined || !values) return true;
  const fn = def.default as (o: Record<string, unknown>) => unknown;
  const contexts = values.flatMap((v) => {
    const base = { [from]: v };
    if (!nestedIn) return [base];
    const beside = Object.entries(nestedIn.fields).flatMap(([name, d]) => (d.kind.values ?? []).map((w) => ({ ...base, [nestedIn.key]: { [name]: w } })));
    return [base, ...beside];
  });
  return contexts.some((c) => (fn(c) ?? null) === null);
}

/** The type of a value of `kind` that a program gives: nested objects by their interface's name, list items as Inputs. */
function inputType(kind: Kind, field: string): string {
  let t: string;
  if (kind.typeName) t = kind.typeName;
  else if (kind.fields) t = pascal(field);
  // The entries of a list of objects (an IP group's ip_list) get an interface of their own.
  else if (kind.item) t = `pulumi.Input<${inputType(kind.item, kind.item.fields ? `${field}_entry` : field)}>[]`;
  else t = plainType(kind);
  return kind.nullable ? `${t} | null` : t;
}

/** The type of a value of `kind` as the provider reports it: nested objects spelled out. */
function outputType(kind: Kind, nested: (fields: Record<string, FieldDef>) => string): string {
  let t: string;
  if (kind.typeName) t = kind.typeName;
  else if (kind.fields) t = nested(kind.fields);
  else if (kind.item) t = `${inParens(outputType(kind.item, nested))}[]`;
  else t = plainType(kind);
  return kind.nullable ? `${t} | null` : t;
}

function plainType(kind: Kind): string {
  if (kind.values) return kind.values.map((v) => JSON.stringify(v)).join(" | ");
  switch (kind.type) {
    case "integer":
      return "number";
    case "boolean":
      return "boolean";
    case "string":
      return "string";
    case "list":
      return "unknown[]";
    case "object":
      return "Record<string, unknown>";
  }
}

/**
 * The type of a field's output: its kind's, with null where the stored value may be null (a
 * nullable kind, or a default that depends on the object and may be none), and undefined where
 * the provider leaves the output out (`ABSENT_WHEN_OMITTED`).
 */
function fieldOutputType(spec: ResourceSpec, api: string, def: FieldDef, nestedIn?: { key: string; fields: Record<string, FieldDef> }, indent = "  "): string {
  // A nested object is spelled out, one property a line, indented one step beyond `indent`.
  const nested = (fields: Record<string, FieldDef>) =>
    [
      "{",
      ...Object.entries(fields).map(([name, d]) => `${indent}  ${propertyName(camel(name))}: ${fieldOutputType(spec, name, d, { key: api, fields }, `${indent}  `)};`),
      `${indent}}`,
    ].join("\n");
  let t = outputType(def.kind, nested);
  if (!def.kind.nullable && typeof def.default === "function" && defaultMayBeNull(def, spec.fields, nestedIn)) t += " | null";
  if (!nestedIn && ABSENT_WHEN_OMITTED[spec.kind]?.includes(api)) t += " | undefined";
  return t;
}

/** One property of an Args (or nested input) interface. */
function inputProperty(name: string, type: string, required: boolean, doc: string): string[] {
  return [...jsdoc(doc, "  "), `  ${propertyName(name)}${required ? "" : "?"}: pulumi.Input<${type}>;`];
}

function inputInterface(name: string, properties: string[][], doc?: string): string[] {
  return [...(doc ? jsdoc(doc) : []), `export interface ${name} {`, ...properties.flat(), "}"];
}

/**
 * The nested input interfaces of a table (InsertHeaders, SessionPersistence, SlowStart), in table
 * order: for object fields, the objects of a list (PortRangesEntry) and objects within objects
 * (a load balancer's publicip Bandwidth). A kind with a type name of its own (tags) needs none.
 */
function nestedInterfaces(spec: ResourceSpec, fields: Record<string, FieldDef> = spec.fields): string[][] {
  return Object.entries(fields).flatMap(([api, def]) => {
    if (def.kind.typeName) return [];
    const inner = def.kind.fields ?? def.kind.item?.fields;
    if (!inner) return [];
    // The entries of a list of objects (an IP group's ip_list) are named as entries (IpListEntry).
    const name = def.kind.fields ? pascal(api) : pascal(`${api}_entry`);
    return [
      inputInterface(name, Object.entries(inner).map(([n, d]) => inputProperty(camel(n), inputType(d.kind, n), d.required === true, fieldDoc(spec, d)))),
      ...nestedInterfaces(spec, inner),
    ];
  });
}

/** "Unique (S2): a listener's protocolPort within its load balancer's port space. ..." */
function uniqueness(spec: ResourceSpec): string[] {
  return spec.naturalKeys.map(
    (k) =>
      `Unique (${k.rule}): ${inUserTerms(k.unique)}. A replacement that may take the old ${spec.noun}'s place deletes the old ${spec.noun} first; any other is created first.`,
  );
}

/** A class comment of several paragraphs. */
function classDoc(paragraphs: string[]): string[] {
  const body = paragraphs.flatMap((p, i) => [...(i > 0 ? [""] : []), ...wrap(p, WIDTH - 3)]);
  return ["/**", ...body.map((l) => (l ? ` * ${l}` : " *")), " */"];
}

function getMethod(className: string, argsName: string, doc: string): string[] {
  return [
    ...jsdoc(doc, "  "),
    `  public static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): ${className} {`,
    `    return new ${className}(name, {} as ${argsName}, { ...opts, id });`,
    "  }",
  ];
}

const imports = (usesRef: boolean, specName?: string): string[] => [
  'import * as pulumi from "@pulumi/pulumi";',
  ...(specName ? [`import { ${specName} } from "../spec";`] : []),
  'import { providers } from "./providers";',
  ...(specName ? [`import { outputSlots${usesRef ? ", type Ref" : ""} } from "./slots";`] : usesRef ? ['import type { Ref } from "./slots";'] : []),
];

const file = (parts: string[][]): string => [HEADER, ...parts].map((p) => p.join("\n")).join("\n\n") + "\n";

/**
 * The constructor. Inputs of a secret kind (a certificate's private key) are made Pulumi secrets
 * however the program gives them, and their outputs are listed in `additionalSecretOutputs`, so
 * the value is encrypted in state and hidden in previews even when the API echoes it back.
 */
function constructor(spec: ResourceSpec, specName: string): string[] {
  const { className, kind } = spec;
  const secrets = Object.entries(spec.fields)
    .filter(([, def]) => def.kind.secret)
    .map(([api]) => camel(api));
  const signature = `  constructor(name: string, args: ${className}Args, opts?: pulumi.CustomResourceOptions) {`;
  if (secrets.length === 0) return [signature, `    super(providers.${kind}, name, { ...outputSlots(${specName}), ...args }, opts, "elb", "${className}");`, "  }"];
  const list = secrets.map((s) => JSON.stringify(s)).join(", ");
  return [
    signature,
    `    // ${secrets.map((s) => `\`${s}\``).join(", ")}: key material, a secret from the program to state whatever the API echoes.`,
    `    const secrets = { ${secrets.map((s) => `${s}: args.${s} === undefined ? undefined : pulumi.secret(args.${s})`).join(", ")} };`,
    `    const options = { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ${list}] };`,
    `    super(providers.${kind}, name, { ...outputSlots(${specName}), ...args, ...secrets }, options, "elb", "${className}");`,
    "  }",
  ];
}

/** The class of one spec resource. */
function specClass(spec: ResourceSpec): string {
  const { className, kind } = spec;
  const specName = `${className[0].toLowerCase()}${className.slice(1)}Spec`;
  const args = Object.entries(spec.fields).map(([api, def]) => inputProperty(camel(api), inputType(def.kind, api), def.required === true, fieldDoc(spec, def)));
  args.push(inputProperty(ADOPT_ID, inputType(ADOPT_INPUT.kind, ADOPT_ID), false, ADOPT_INPUT.doc));
  const outputs = [
    ...Object.entries(spec.fields).map(([api, def]) => [api, def.doc, fieldOutputType(spec, api, def)] as const),
    ...Object.entries(spec.outputs)
      .filter(([api]) => api !== "id")
      .map(([api, out]) => [api, out.doc, outputType(out.kind, () => "Record<string, unknown>")] as const),
  ];
  const declarations = outputs.flatMap(([api, doc, type]) => [...jsdoc(doc, "  "), `  declare public readonly ${camel(api)}: pulumi.Output<${type}>;`]);
  const usesRef = outputs.some(([, , type]) => /\bRef\b/.test(type));
  const get = `An existing ${spec.noun}, by ${CLASSES[kind].getBy}, read into the program without managing it (Pulumi's \`get\`): its outputs are the live object's, and the stack never changes or deletes it.`;
  return file([
    imports(usesRef, specName),
    ...nestedInterfaces(spec),
    inputInterface(`${className}Args`, args),
    [
      ...classDoc([CLASSES[kind].doc, ...uniqueness(spec)]),
      `export class ${className} extends pulumi.dynamic.Resource {`,
      ...declarations,
      "",
      ...constructor(spec, specName),
      "",
      ...getMethod(className, `${className}Args`, get),
      "}",
    ],
  ]);
}

/** The MemberSet: its entries are member fields, its outputs the members as the API reports them. */
function memberSetClass(): string {
  const endpoint = naturalKey(memberSpec, "M2");
  const identity = endpoint.fields.map((p) => p.name);
  const others = (api: string) =>
    identity
      .filter((f) => f !== api)
      .map((f) => `\`${camel(f)}\``)
      .join(" and ");
  // What a change to an entry field does: the key's fields say which member it is.
  const entryChange = (api: string, def: FieldDef) =>
    identity.includes(api)
      ? `With ${others(api)}, identifies the member in the set (${endpoint.rule}): a change removes that member and adds another.`
      : def.change === "update"
        ? "Changes in place."
        : "Changing it removes the member and adds it again.";
  const entry = ENTRY_FIELDS.map((api) => {
    const def = memberSpec.fields[api];
    return inputProperty(camel(api), inputType(def.kind, api), def.required === true, fieldDoc(memberSpec, def, entryChange(api, def)));
  });
  const identityWords = identity.map(camel).join(" and ");
  const args = [
    inputProperty("poolId", "string", true, "The pool whose members this set owns, all of them. Changing it replaces the set."),
    inputProperty("members", "pulumi.Input<MemberSetEntry>[]", true, `The members, at most ${LIMITS.membersPerPool}, each ${identityWords} at most once.`),
  ];
  const liveFields = [
    ["id", memberSpec.outputs.id.doc, outputType(memberSpec.outputs.id.kind, () => "")] as const,
    ...Object.entries(memberSpec.fields)
      .filter(([, def]) => !def.inPath)
      .map(([api, def]) => [api, def.doc, fieldOutputType(memberSpec, api, def)] as const),
    ...Object.entries(memberSpec.outputs)
      .filter(([api]) => api !== "id")
      .map(([api, out]) => [api, out.doc, outputType(out.kind, () => "Record<string, unknown>")] as const),
  ];
  const member = liveFields.map(([api, doc, type]) => [...jsdoc(doc, "  "), `  ${camel(api)}: ${type};`]);
  return file([
    imports(false),
    inputInterface("MemberSetEntry", entry, `One backend of a MemberSet; ${identityWords} identify it.`),
    inputInterface("MemberSetArgs", args),
    inputInterface("MemberSetMember", member, "A live member as the API reports it."),
    [
      ...classDoc([
        `All members of one pool, applied as a delta through the batch endpoints (at most ${LIMITS.batchItems} per call): the fast path for hundreds of backends. Members added outside the stack show up as drift on refresh and are removed by the next update. A new set takes over the members the pool already has: those it lists are kept (and updated to its entries), the others are removed.`,
      ]),
      "export class MemberSet extends pulumi.dynamic.Resource {",
      ...jsdoc("The pool whose members this set owns.", "  "),
      "  declare public readonly poolId: pulumi.Output<string>;",
      ...jsdoc("The pool's members as the API reports them: those the program lists, in its order, then any others.", "  "),
      "  declare public readonly members: pulumi.Output<MemberSetMember[]>;",
      "",
      "  constructor(name: string, args: MemberSetArgs, opts?: pulumi.CustomResourceOptions) {",
      "    // Both properties are outputs even when no args are given (`get`).",
      "    const slots: Record<string, undefined> = { poolId: undefined, members: undefined };",
      '    super(providers.memberset, name, { ...slots, ...args }, opts, "elb", "MemberSet");',
      "  }",
      "",
      ...getMethod(
        "MemberSet",
        "MemberSetArgs",
        "The members of an existing pool, by the pool's id, read into the program without managing them (Pulumi's `get`): its outputs are the live members, and the stack never changes them.",
      ),
      "}",
    ],
  ]);
}

/** Every generated class file, by its name in provider/resources. */
export function resourceClasses(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of Object.values(specs)) out[`${spec.kind}.ts`] = specClass(spec);
  out["memberset.ts"] = memberSetClass();
  return out;
}
