// Natural keys: the uniqueness rules of the ELB API (a member's address and port in its pool, M2;
// a listener's port in its load balancer's port space, S2; ...). Each resource spec declares its
// keys once, and everything that must agree on them reads that declaration: the engine's indexes
// and conflict answers, the invariants checker, and the provider's lookup of a lost create, its
// collision test for deleteBeforeReplace and the MemberSet's identity of a member.
import type { RuleId } from "./rule-ids";

/** One part of a key: a field, or a value derived from fields (a listener's port space). */
export interface KeyPart {
  /** How messages and conflict values name the part, e.g. `protocol_port` or `port_space`. */
  name: string;
  /** The fields (API names) the part is read from. */
  fields: readonly string[];
  /** The part's value; a field part is the field's value. */
  value(o: Readonly<Record<string, unknown>>): unknown;
  /**
   * The server derives the part when a create omits it (a load balancer's VPC, from its subnet),
   * so an object created without it may still land where the old one is. Without this, a create
   * that omits the part holds no key: a load balancer without a fixed `vip_address` is given a
   * fresh one (L2), a pool without `listener_id` takes no listener's slot (P3).
   */
  derivedWhenOmitted?: boolean;
}

export interface NaturalKey {
  /** The rule that makes the key unique, e.g. `M2`. */
  rule: RuleId;
  /** What the key makes unique, in words: "a member's address and port within its pool". */
  unique: string;
  /** The parts that say where the key is unique (its pool; its load balancer and port space). */
  scope: readonly KeyPart[];
  /** The parts that must differ within the scope (address and port; none: one per scope). */
  fields: readonly KeyPart[];
  /**
   * Whether the engine keeps an index of stored objects by this key. P3's slot is the
   * listener's single `default_pool_id`, not a field of the pool that holds it, so the engine
   * checks that rule on the listener and has nothing to index.
   */
  indexed: boolean;
  /**
   * The 409 message when another object holds the key: the key's part values by name, plus
   * `owner`, the id of the object that holds it, and `moving`, the object that would take it
   * within the same batch (when that is how it collides).
   */
  conflict(values: KeyConflictValues): string;
}

/** A key's part values by part name, as strings, plus who holds the key. */
export type KeyConflictValues = Readonly<Record<string, string>> & { readonly owner: string; readonly moving?: string };

/** The natural key a spec declares for a rule; a rule that is not a key of that spec is a bug. */
export function naturalKey(spec: { kind: string; naturalKeys: readonly NaturalKey[] }, rule: RuleId): NaturalKey {
  const key = spec.naturalKeys.find((k) => k.rule === rule);
  if (!key) throw new Error(`${spec.kind} declares no natural key for rule ${rule}`);
  return key;
}

/** A part that is a field's own value. */
export const field = (name: string, opts: { derivedWhenOmitted?: boolean } = {}): KeyPart => ({ name, fields: [name], value: (o) => o[name], ...opts });

/** A part derived from fields. */
export const derived = (name: string, fields: readonly string[], value: KeyPart["value"]): KeyPart => ({ name, fields, value });

const absent = (v: unknown) => v === undefined || v === null;

/**
 * The key's value for an object, as one string, or undefined when a part is absent: an object
 * without a listener has no P3 slot, a load balancer without a VIP holds no address (L2), as a
 * SQL unique constraint ignores NULL. Parts are compared as strings (a batch-delete may name a
 * port as "80"); no stored id, address, port space or port contains the separator.
 */
export function keyOf(key: NaturalKey, o: Readonly<Record<string, unknown>>): string | undefined {
  const scope = joined(key.scope, o);
  if (scope === undefined || key.fields.length === 0) return scope;
  const fields = joined(key.fields, o);
  return fields === undefined ? undefined : `${scope}|${fields}`;
}

/** The key's scope for an object, as one string (a member's pool; a listener's load balancer and port space). */
export function keyScope(key: NaturalKey, o: Readonly<Record<string, unknown>>): string | undefined {
  return joined(key.scope, o);
}

/** The key's value within its scope (a member's address and port, without its pool). */
export function keyInScope(key: NaturalKey, o: Readonly<Record<string, unknown>>): string | undefined {
  return joined(key.fields, o);
}

function joined(parts: readonly KeyPart[], o: Readonly<Record<string, unknown>>): string | undefined {
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const v = parts[i].value(o);
    if (absent(v)) return undefined;
    out = i === 0 ? String(v) : `${out}|${String(v)}`;
  }
  return out;
}

/** The key's part values by name, as messages show them. */
export function keyValues(key: NaturalKey, o: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of [...key.scope, ...key.fields]) out[part.name] = String(part.value(o));
  return out;
}
