// Field-by-field comparison of desired inputs with the last known outputs, driven by each
// FieldDef's `change` and `default`:
// - an omitted field with an API default wants that default (removing an input restores it in
//   place, and an input never set never differs because the API stored the same default);
// - an omitted field without a default is server-decided and never differs;
// - update → in place; replace → new object; one-way → in place only towards `oneWayTo`;
//   set-once → in place only while the old value is still empty; special → in place through
//   dedicated endpoints (the load balancer's AZ list; tags, through the tag action, F2).
// Preview-unknown values count as changed; in a field that would replace, they replace.
import { camel, defaultOf, withDefaults, type FieldDef, type ResourceSpec } from "../../spec";
import { containsUnknown, isPlainObject, sameSet, satisfies, type Obj } from "./values";

export interface FieldChange {
  /** API name. */
  field: string;
  def: FieldDef;
  /** What the field should become (undefined while unknown). */
  desired: unknown;
  old: unknown;
  effect: "update" | "replace";
  unknown: boolean;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";

/** The value a field should have, defaults applied (nested objects included). Undefined: no opinion. */
export function desiredValue(def: FieldDef, field: string, value: unknown, context: Obj): unknown {
  if (value === undefined) return defaultOf(def, context);
  if (def.kind.fields && isPlainObject(value)) return withDefaults(def.kind.fields, value, { ...context, [field]: value });
  return value;
}

function effectOf(def: FieldDef, old: unknown, desired: unknown, unknown: boolean): "update" | "replace" {
  switch (def.change) {
    case "update":
    case "special":
      return "update";
    case "replace":
      return "replace";
    case "one-way":
      return !unknown && desired === def.oneWayTo ? "update" : "replace";
    case "set-once":
      return isEmpty(old) ? "update" : "replace";
  }
}

/**
 * Compares desired inputs (API names, as given by the program) with old outputs (API names).
 * `normalize` maps a desired value to the form the API stores (TERMINATED_HTTPS → HTTPS).
 */
export function fieldChanges(spec: ResourceSpec, desired: Obj, old: Obj, normalize: (field: string, v: unknown) => unknown = (_f, v) => v): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field in spec.fields) {
    const def = spec.fields[field];
    const given = desired[field];
    // A field the program leaves out and the old outputs lack was added to the spec after the
    // object's state was written (an upgrade of this package): the API has been answering its
    // default all along, so there is nothing to change, let alone replace.
    if (given === undefined && old[field] === undefined && def.default !== undefined) continue;
    const unknown = containsUnknown(given);
    const want = unknown ? undefined : normalize(field, desiredValue(def, field, given, desired));
    if (!unknown) {
      if (want === undefined) continue;
      // A kind with its own sameness (tags: a map, in any order) decides it.
      const same = def.kind.same ? def.kind.same(want, old[field]) : def.change === "special" ? sameSet(want, old[field]) : satisfies(want, old[field]);
      if (same) continue;
    }
    out.push({ field, def, desired: want, old: old[field], effect: effectOf(def, old[field], want, unknown), unknown });
  }
  return out;
}

/** The Pulumi property names of the changes that replace the object. */
export const replacedProperties = (changes: FieldChange[]): string[] => changes.filter((c) => c.effect === "replace").map((c) => camel(c.field));
