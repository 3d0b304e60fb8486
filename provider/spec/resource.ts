// A resource spec: one field table per ELB resource, from which the engine validates request
// bodies, the provider checks inputs and computes diffs, and the docs list fields. A rule
// written twice is a bug waiting to happen, so everything below is derived from the table.
import { checkValue, uuid, violation, type FieldDef, type Kind, type Violation } from "./kinds";
import type { NaturalKey } from "./keys";
import { camel, snake } from "./names";

export type ResourceKind = "loadbalancer" | "listener" | "pool" | "member" | "healthmonitor" | "certificate" | "security_policy" | "ipgroup";

/** A read-only field the API returns. */
export interface OutputDef<T = unknown> {
  /** What the field means, shown to users. */
  doc: string;
  /** The kind of the value: its type in the stored object and in the public classes. */
  kind: Kind<T>;
  /**
   * The engine sets the value and keeps it in the stored object (ids, times, a member's type);
   * absent for values worked out when the object is read (references, statuses).
   */
  stored?: true;
}

export interface ResourceSpec {
  /** The API's singular wrapper key, e.g. `listener`. */
  kind: ResourceKind;
  /** The API's plural key and path segment, e.g. `listeners`. */
  plural: string;
  /** The Pulumi class name, e.g. `Listener`. */
  className: string;
  /** Words used in messages, e.g. `listener`. */
  noun: string;
  /** Input fields, by API name. */
  fields: Record<string, FieldDef>;
  /** Read-only fields the API returns, by API name. */
  outputs: Record<string, OutputDef>;
  /** The uniqueness rules objects of this kind obey (keys.ts). */
  naturalKeys: readonly NaturalKey[];
}

/**
 * A resource spec, typed twice over: as a `ResourceSpec` for code that walks any table, and with
 * its own field types, from which `Stored` and `Inputs` (types.ts) are derived.
 */
export const defineSpec = <const S extends ResourceSpec>(spec: S): TypedSpec<S> => spec as unknown as TypedSpec<S>;

/** A spec with its own field types, each also a `FieldDef` (so `.required` reads on any field). */
export type TypedSpec<S extends ResourceSpec> = Omit<S, "fields"> & { fields: { readonly [K in keyof S["fields"]]: AsFieldDef<S["fields"][K]> } };
type AsFieldDef<F> = F extends { kind: Kind<infer T, infer In> } ? F & FieldDef<T, In> : never;

export { camel, snake } from "./names";

export type Mode = "create" | "update";

/**
 * The provider's own input on every spec resource, beside the API fields: the id of an existing
 * object to take over instead of creating one. Pulumi's `import` option and `pulumi import`
 * cannot reach a dynamic provider (the import step reads with no provider state at all,
 * pulumi/pulumi#3550), so this is how an object made outside the stack comes under management.
 */
export const ADOPT_ID = "adoptId";
export const ADOPT_INPUT = {
  kind: uuid(),
  doc:
    "Id of an existing object of this kind (for a member, one in `poolId`) to take over instead of creating a new one: " +
    "the apply that creates this resource adopts that object and updates it to these inputs, and the preview lists it as a create. " +
    "Inputs that cannot change in place must already match the object. Read only at creation; changing or removing it later changes nothing.",
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Field-by-field validation of a request body (API names, wrapper key removed). Refuses unknown
 * fields, fields the mode does not accept (a create-only field in a PUT, rule G3), missing
 * required fields on create, and values outside their kind.
 */
export function validateBody(spec: ResourceSpec, body: Record<string, unknown>, mode: Mode): Violation[] {
  const out: Violation[] = [];
  for (const key of Object.keys(body)) {
    const def = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
    if (!def || def.inPath) {
      out.push(violation(key, body[key], "is not a known field of a " + spec.noun));
      continue;
    }
    if (mode === "update" && !def.update) {
      out.push(violation(key, body[key], "can only be set when the " + spec.noun + " is created"));
      continue;
    }
    if (mode === "create" && !def.create) {
      out.push(violation(key, body[key], "cannot be set when the " + spec.noun + " is created"));
      continue;
    }
    const problems = checkValue(key, body[key], def.kind);
    if (problems.length) out.push(...problems);
  }
  if (mode === "create") {
    for (const key in spec.fields) {
      const def = spec.fields[key];
      if (def.required && !def.inPath && body[key] === undefined) {
        out.push(violation(key, undefined, "is required", def.kind.allowed));
      }
    }
  }
  return out;
}

/** The API default of a field for the given object, or undefined when the server decides it. */
export function defaultOf(def: FieldDef, obj: Record<string, unknown>): unknown {
  return typeof def.default === "function" ? (def.default as (o: Record<string, unknown>) => unknown)(obj) : def.default;
}

/**
 * Fills the defaults of omitted fields, nested objects included, as the API stores them.
 * Defaults may depend on other fields (a listener's keepalive timeout on its protocol), so
 * they are computed against the object being built.
 */
export function withDefaults(fields: Record<string, FieldDef>, obj: Record<string, unknown>, context: Record<string, unknown> = obj): Record<string, unknown> {
  return fillDefaults(fields, { ...obj }, context === obj ? undefined : context);
}

/** The fields of a table as entries (`Object.entries`; the engine still imports it by this name). */
export const entriesOf = (fields: Record<string, FieldDef>): [string, FieldDef][] => Object.entries(fields);

/** `withDefaults` on an object the caller owns: fills it in place and returns it. */
export function fillDefaults(fields: Record<string, FieldDef>, out: Record<string, unknown>, context: Record<string, unknown> = out): Record<string, unknown> {
  for (const key in fields) {
    const def = fields[key];
    if (def.inPath) continue;
    const value = out[key];
    if (value === undefined) {
      const d = defaultOf(def, context);
      // Object defaults are copied so no two stored objects share one.
      out[key] = d === undefined ? null : d !== null && typeof d === "object" ? structuredClone(d) : d;
    } else if (def.kind.fields && isPlainObject(value)) {
      out[key] = withDefaults(def.kind.fields, value, { ...context, [key]: value });
    }
  }
  return out;
}

/** Converts an API-named object to Pulumi names, recursing through nested field tables. */
export function toPulumiNames(fields: Record<string, FieldDef> | undefined, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in obj) {
    const value = obj[key];
    const def = fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
    // A value a program writes in a shape of its own (tags) is shown in that shape.
    out[camel(key)] = def?.kind.program ? def.kind.program.fromApi(value) : def?.kind.fields && isPlainObject(value) ? toPulumiNames(def.kind.fields, value) : value;
  }
  return out;
}

/** Converts Pulumi-named inputs to API names, recursing through nested field tables; `omit` names a key to leave out. */
const apiNameTables = new WeakMap<Record<string, FieldDef>, Map<string, string>>();

export function toApiNames(fields: Record<string, FieldDef>, obj: Record<string, unknown>, omit?: string): Record<string, unknown> {
  let byPulumi = apiNameTables.get(fields);
  if (!byPulumi) apiNameTables.set(fields, (byPulumi = new Map(Object.keys(fields).map((k) => [camel(k), k] as const))));
  const out: Record<string, unknown> = {};
  for (const name in obj) {
    if (name === omit) continue;
    const value = obj[name];
    const api = byPulumi.get(name) ?? snake(name);
    const def = Object.hasOwn(fields, api) ? fields[api] : undefined;
    out[api] = def?.kind.program ? def.kind.program.toApi(value) : def?.kind.fields && isPlainObject(value) ? toApiNames(def.kind.fields, value) : value;
  }
  return out;
}
