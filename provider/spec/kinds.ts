// Field kinds: the vocabulary the resource field tables are written in.
//
// Each kind pairs a zod schema (the single source of the value's type) with a sentence
// saying what is allowed, so every refusal — from the engine (HTTP 400 ELB.8902) or from
// the provider's `check` (a Pulumi CheckFailure) — names the field, the value received and
// what is allowed, in the same words.
import { z } from "zod";
import * as quick from "./quick-tests";

export type JsonType = "integer" | "boolean" | "string" | "list" | "object";

/**
 * A kind of value. `T` is the value as stored and read back (nested objects with their defaults
 * filled in); `In` is what a request or program may send (nested fields with defaults optional).
 */
export interface Kind<T = unknown, In = T> {
  /** The JSON type a value must have. */
  type: JsonType;
  /** The schema a value must satisfy. */
  schema: z.ZodType<In>;
  /** Type-level only, never set: the type of the value as stored, which `Stored` reads. */
  readonly storedType?: T;
  /** What is allowed, in words: "0-100", "one of TCP, UDP", "an IPv4 address". */
  allowed: string;
  /** Why a value of the right type is still refused: "is out of range". */
  problem: string;
  /** Nested field table, for object kinds (session_persistence, slow_start, ...). */
  fields?: Record<string, FieldDef>;
  /** The value's range, for integer kinds. */
  range?: readonly [min: number, max: number];
  /** Every allowed value, for enumerations. */
  values?: readonly string[];
  /** A quick test tried before `schema`; quick-tests.ts says which bench rows keep it. */
  accepts?: quick.QuickTest;
  /** Set by `nullable`: null is allowed as well. */
  nullable?: boolean;
  /** The kind of every item, for list kinds. */
  item?: Kind;
  /** The TypeScript type users see for a value of this kind, where it has a name of its own (`Ref`). */
  typeName?: string;
  /**
   * For list kinds of objects: the item field whose value no two items may share (a tag's `key`).
   * `checkValue` names the repeating item.
   */
  uniqueBy?: string;
  /**
   * Where a program writes the value in another shape than the API (tags: a `{ key: value }` map
   * against the API's list of `{key, value}`): `toApi` turns the program's shape into the API's
   * and `fromApi` back. The provider converts at its edge; everything else sees the API's shape.
   */
  program?: { toApi: (v: unknown) => unknown; fromApi: (v: unknown) => unknown };
  /** Whether two values of this kind mean the same (tags: the same pairs in any order); deep equality otherwise. */
  same?: (a: unknown, b: unknown) => boolean;
  /**
   * Set by `secret`: the value is key material. No refusal quotes it (it shows as `[secret]`),
   * and the provider keeps it a Pulumi secret in state, previews and outputs.
   */
  secret?: boolean;
}

/** What a change to a field does to an existing resource. */
export type ChangeEffect =
  /** sent in a PUT; the object is updated in place */
  | "update"
  /** cannot be changed: a new object replaces the old one */
  | "replace"
  /** may only move to `oneWayTo`; any other change replaces */
  | "one-way"
  /** may be set later only while still empty (pool `type`, `vpc_id`); otherwise replaces */
  | "set-once"
  /** changed through dedicated endpoints, in place (load balancer AZ list; tags, through the tag action, F2) */
  | "special";

export interface FieldDef<T = unknown, In = T> {
  kind: Kind<T, In>;
  /** Accepted in the create (POST) body. */
  create: boolean;
  /** Accepted in the update (PUT) body. */
  update: boolean;
  /** Required on create. */
  required?: boolean;
  /** The API's value when the field is omitted; a function when it depends on the object. */
  default?: T | null | ((obj: Record<string, unknown>) => T | null);
  /**
   * For a default that is a function: the field it depends on (of the object, or of the object
   * a nested field sits in), so the docs can list the default for each of that field's values.
   */
  defaultFrom?: string;
  change: ChangeEffect;
  /** For one-way fields: the only value a change may move to. */
  oneWayTo?: unknown;
  /** The field lives in the URL path, not the body (member `pool_id`). */
  inPath?: boolean;
  /**
   * What the field means, shown to users (JSDoc, docs/RESOURCES.md). The range, the default and
   * what a change does are rendered from the table beside it (docs.ts), never written here.
   */
  doc: string;
}

/** Stands for a secret value in a refusal, so the message never carries it. */
export const HIDDEN: unique symbol = Symbol("hidden");

const fmt = (v: unknown): string => {
  if (v === HIDDEN) return "[secret]";
  if (typeof v === "string") return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (v === undefined) return "nothing";
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(v);
  }
};
export const formatValue = fmt;

export const int = (min: number, max: number): Kind<number> => ({
  type: "integer",
  schema: z.number().int().min(min).max(max),
  accepts: quick.integerIn(min, max),
  range: [min, max],
  allowed: `${min}-${max}`,
  problem: "is out of range",
});

export const bool = (): Kind<boolean> => ({
  type: "boolean",
  schema: z.boolean(),
  accepts: quick.isBoolean,
  allowed: "true or false",
  problem: "is not a boolean",
});

/** A boolean the API accepts only as one value (`guaranteed: true`). */
export const onlyBool = (only: boolean): Kind<boolean> => ({
  type: "boolean",
  schema: z.literal(only),
  accepts: quick.exactly(only),
  allowed: `only ${only}`,
  problem: "is not supported",
});

export const str = (max: number, min = 0): Kind<string> => ({
  type: "string",
  schema: z.string().min(min).max(max),
  accepts: quick.stringOf(min, max),
  allowed: min > 0 ? `a string of ${min}-${max} characters` : `a string of at most ${max} characters`,
  problem: "has the wrong length",
});

export const oneOf = <const T extends readonly string[]>(values: T): Kind<T[number]> => ({
  type: "string",
  schema: z.enum(values as unknown as [string, ...string[]]) as unknown as z.ZodType<T[number]>,
  accepts: quick.oneOfValues(values),
  values,
  allowed: `one of ${values.join(", ")}`,
  problem: "is not a valid value",
});

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuid = (): Kind<string> => ({
  type: "string",
  schema: z.string().regex(UUID_V4),
  accepts: quick.stringOf(0, Infinity, (s) => UUID_V4.test(s)),
  allowed: "a UUID",
  problem: "is not a UUID",
});

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** G5: a UTC time as the API writes it. */
export const timestamp = (): Kind<string> => ({
  type: "string",
  schema: z.string().regex(TIMESTAMP),
  accepts: quick.stringOf(0, Infinity, (s) => TIMESTAMP.test(s)),
  allowed: "a UTC time YYYY-MM-DDTHH:MM:SSZ",
  problem: "is not a valid time",
});

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const isIPv4 = (s: string): boolean => IPV4.test(s);
export const isIPv6 = (s: string): boolean => {
  // Delegate to Node's parser so every textual form (compressed, embedded IPv4) is accepted.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isIPv6: check } = require("node:net") as typeof import("node:net");
  return check(s);
};

export const ipv4 = (): Kind<string> => ({
  type: "string",
  schema: z.string().refine(isIPv4),
  accepts: quick.stringOf(0, Infinity, isIPv4),
  allowed: "an IPv4 address",
  problem: "is not a valid address",
});

export const ipAddress = (): Kind<string> => ({
  type: "string",
  schema: z.string().max(64).refine((s) => isIPv4(s) || isIPv6(s)),
  accepts: quick.stringOf(0, 64, (s) => isIPv4(s) || isIPv6(s)),
  allowed: "an IPv4 or IPv6 address",
  problem: "is not a valid address",
});

export const pattern = (re: RegExp, allowed: string, maxLen: number): Kind<string> => ({
  type: "string",
  schema: z.string().max(maxLen).regex(re),
  // A global or sticky pattern keeps state between tests; only the schema may judge those.
  accepts: re.global || re.sticky ? undefined : quick.stringOf(0, maxLen, (s) => re.test(s)),
  allowed,
  problem: "is not valid",
});

export const list = <T, In>(item: Kind<T, In>, opts: { min?: number; max: number }): Kind<T[], In[]> => ({
  type: "list",
  schema: z
    .array(item.schema)
    .min(opts.min ?? 0)
    .max(opts.max),
  accepts: quick.listOf(item.accepts, opts.min ?? 0, opts.max),
  item,
  allowed: `a list of ${opts.min ? `${opts.min}-` : "at most "}${opts.max} items, each ${item.allowed}`,
  problem: "is not valid",
});

/** `null` is accepted as well, meaning "unset" (the API reads it back as null). */
export const nullable = <T, In>(k: Kind<T, In>): Kind<T | null, In | null> => ({
  ...k,
  schema: k.schema.nullable(),
  accepts: quick.orNull(k.accepts),
  nullable: true,
  allowed: `${k.allowed}, or null`,
});

/** Key material: refusals say `[secret]` instead of the value, and the provider keeps it secret. */
export const secret = <T, In>(k: Kind<T, In>): Kind<T, In> => ({ ...k, secret: true });

/** A nested object with its own field table; unknown keys are refused. */
export const object = <F extends Record<string, FieldDef<any, any>>>(fields: F): Kind<StoredFields<F>, InputFields<F>> => {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(fields)) shape[name] = f.required ? f.kind.schema : f.kind.schema.optional();
  return {
    type: "object",
    schema: z.strictObject(shape) as unknown as z.ZodType<InputFields<F>>,
    allowed: `an object with ${Object.keys(fields).join(", ")}`,
    problem: "is not valid",
    fields,
  };
};

/**
 * Tags, as Huawei's tag rules have them (Adding a Tag to a Load Balancer, elb_zq_bq_0001): at
 * most 20 per object, each key 1-36 and each value 0-43 letters, digits, '-' or '_', no key
 * twice. The API sends a list of `{key, value}`; a program writes a `{ key: value }` map, whose
 * keys cannot repeat and whose order means nothing, so the provider compares tags as a map.
 */
export const TAG_LIMITS = { max: 20, keyMax: 36, valueMax: 43 } as const;
export const tags = (): Kind<{ key: string; value: string }[]> => {
  const item = object({
    key: { kind: pattern(/^[A-Za-z0-9_-]{1,36}$/, "1-36 letters, digits, '-' or '_'", TAG_LIMITS.keyMax), create: true, update: true, required: true, change: "update", doc: "Tag key." },
    value: { kind: pattern(/^[A-Za-z0-9_-]{0,43}$/, "0-43 letters, digits, '-' or '_'", TAG_LIMITS.valueMax), create: true, update: true, required: true, change: "update", doc: "Tag value." },
  });
  const asMap = (v: unknown): Record<string, string> | undefined =>
    Array.isArray(v) ? Object.fromEntries(v.map((t) => [String((t as { key?: unknown })?.key), String((t as { value?: unknown })?.value)])) : undefined;
  return {
    type: "list",
    schema: z
      .array(item.schema)
      .max(TAG_LIMITS.max)
      .refine((l) => new Set(l.map((t) => t.key)).size === l.length) as unknown as z.ZodType<{ key: string; value: string }[]>,
    item: item as Kind,
    uniqueBy: "key",
    allowed: `a list of at most ${TAG_LIMITS.max} tags {key, value}, keys unique, each key 1-${TAG_LIMITS.keyMax} and value 0-${TAG_LIMITS.valueMax} letters, digits, '-' or '_'`,
    problem: "is not valid",
    typeName: "{ [key: string]: string }",
    program: {
      // Sorted by key, so the same map always makes the same list.
      toApi: (v) =>
        v !== null && typeof v === "object" && !Array.isArray(v)
          ? Object.keys(v)
              .sort()
              .map((key) => ({ key, value: (v as Record<string, unknown>)[key] }))
          : v,
      fromApi: (v) => asMap(v) ?? v,
    },
    same: (a, b) => {
      const x = asMap(a);
      const y = asMap(b);
      if (!x || !y) return false;
      const keys = Object.keys(x);
      return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && y[k] === x[k]);
    },
  };
};

/** A reference to another object, as the API lists an object's relations (`listeners: [{ id }]`). */
export const ref = (): Kind<{ id: string }> => ({
  type: "object",
  schema: z.strictObject({ id: z.string() }),
  allowed: "an object with id",
  problem: "is not valid",
  typeName: "Ref",
});

/** The references the API lists an object's relations as; read-only, worked out on every read. */
export const refs = (): Kind<{ id: string }[]> => {
  const item = ref();
  return { type: "list", schema: z.array(item.schema), item, allowed: "a list of objects with id", problem: "is not valid" };
};

/** One refusal: which field, what was received, what is allowed. */
export interface Violation {
  /** Path in API spelling, e.g. `weight` or `session_persistence.cookie_name`. */
  field: string;
  value: unknown;
  /** The complete sentence after the field name, e.g. `101 is out of range, allowed an integer 0-100.` */
  reason: string;
}

export const violation = (field: string, value: unknown, problem: string, allowed?: string): Violation => ({
  field,
  value,
  reason: allowed ? `${fmt(value)} ${problem}, allowed ${allowed}.` : `${fmt(value)} ${problem}.`,
});

const typeOf = (v: unknown): string => (v === null ? "null" : Array.isArray(v) ? "list" : typeof v);

/** Checks one value against its kind; nested objects report the innermost field. */
export function checkValue(path: string, value: unknown, kind: Kind): Violation[] {
  if (kind.secret && value !== null && value !== undefined) {
    // The refusal names the field and what is allowed, never the key material itself.
    // Every reason starts with the value as fmt shows it; that part is swapped for the mark.
    const shown = fmt(value);
    return checkValue(path, value, { ...kind, secret: false }).map((v) => ({ field: v.field, value: HIDDEN, reason: `${fmt(HIDDEN)}${v.reason.slice(shown.length)}` }));
  }
  if (kind.fields && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const out: Violation[] = [];
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const sub = Object.hasOwn(kind.fields, key) ? kind.fields[key] : undefined;
      if (!sub) out.push(violation(`${path}.${key}`, obj[key], "is not a known field", `fields ${Object.keys(kind.fields).join(", ")}`));
      else out.push(...checkValue(`${path}.${key}`, obj[key], sub.kind));
    }
    for (const [key, sub] of Object.entries(kind.fields)) {
      if (sub.required && obj[key] === undefined) out.push(violation(`${path}.${key}`, undefined, "is required", sub.kind.allowed));
    }
    if (out.length === 0 && !kind.schema.safeParse(value).success) out.push(violation(path, value, kind.problem, kind.allowed));
    return out;
  }
  // A list of objects names the item at fault (`tags[2].key`), as nested objects name their field.
  if (kind.item?.fields && Array.isArray(value)) {
    const r = kind.schema.safeParse(value);
    if (r.success) return [];
    for (let i = 0; i < value.length; i++) {
      const inner = checkValue(`${path}[${i}]`, value[i], kind.item);
      if (inner.length) return inner;
    }
    if (kind.uniqueBy) {
      const seen = new Map<unknown, number>();
      for (let i = 0; i < value.length; i++) {
        const k = (value[i] as Record<string, unknown>)[kind.uniqueBy];
        const first = seen.get(k);
        if (first !== undefined) return [violation(`${path}[${i}].${kind.uniqueBy}`, k, `repeats ${path}[${first}].${kind.uniqueBy}`, `each ${kind.uniqueBy} once`)];
        seen.set(k, i);
      }
    }
    return [{ field: path, value, reason: `has ${value.length} items, allowed ${kind.allowed}.` }];
  }
  if (kind.accepts?.(value)) return [];
  // A list of objects (an IP group's entries) names the entry and the field that is wrong.
  if (kind.item?.fields && Array.isArray(value)) {
    const inner = value.flatMap((item, i) => checkValue(`${path}[${i}]`, item, kind.item!));
    if (inner.length > 0) return inner;
  }
  const r = kind.schema.safeParse(value);
  if (r.success) return [];
  // A value of the wrong JSON type gets a sentence that says so.
  const actual = typeOf(value);
  const rightType = actual === kind.type || (kind.type === "integer" && actual === "number");
  if (actual === "null") return [violation(path, value, "is not allowed", kind.allowed)];
  if (!rightType) {
    const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
    return [violation(path, value, `is ${article(actual)}, expected ${article(kind.type)}`, kind.allowed)];
  }
  return [violation(path, value, kind.problem, kind.allowed)];
}

// Types derived from field tables: what a stored object holds, and what a request may send.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFunction = (...args: any[]) => unknown;
/** Flattens an intersection so editors show one object type. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * A field's value in a stored object. Required fields and fields with a fixed default always
 * hold a value of their kind; a default that depends on the object may be null (a TCP
 * listener's `client_timeout`), and so may a field the server fills only in some cases.
 */
export type StoredValue<F> =
  F extends FieldDef<infer T, infer _In>
    ? F extends { required: true }
      ? T
      : F extends { default: infer D }
        ? [D] extends [AnyFunction]
          ? T | null
          : T
        : T | null
    : never;

/** A field's value as a request or program sends it. */
export type InputValue<F> = F extends FieldDef<infer _T, infer In> ? In : never;

/** Every field of a table with its stored value (nested objects with their defaults filled). */
export type StoredFields<F> = Simplify<{ -readonly [K in Named<F>]: StoredValue<F[K]> }>;

/** The named keys of a table (a spec typed as a `ResourceSpec` too also has a string index). */
type Named<F> = { [K in keyof F]: string extends K ? never : K }[keyof F];
type Sent<F> = { [K in Named<F>]: F[K] extends { inPath: true } ? never : K }[Named<F>];
type RequiredSent<F> = { [K in Sent<F>]: F[K] extends { required: true } ? K : never }[Sent<F>];

/** The body a create request sends: required fields, the rest optional; path fields left out. */
export type InputFields<F> = Simplify<
  { -readonly [K in RequiredSent<F>]: InputValue<F[K]> } & { -readonly [K in Exclude<Sent<F>, RequiredSent<F>>]?: InputValue<F[K]> }
>;
