// `check`: every refusal the API would make that can be decided from the resource's own inputs,
// reported at preview as CheckFailures on the camelCase property. The rules are the spec's
// (field kinds through `validateBody`, cross-field rules through `ownRules`); nothing here
// restates them. Values unknown during preview pass through untouched.
import type * as pulumi from "@pulumi/pulumi";
import { camel, checkValue, entriesOf, ownRules, specs, toApiNames, validateBody, type FieldDef, violation, type ResourceSpec, type Violation } from "../../spec";
import { containsUnknown, isPlainObject, isUnknown, toRuleValues, PROVIDER_KEY, type Obj } from "./values";

/** Every API field name in the spec tables, nested ones included, for wording messages. */
const API_NAMES: ReadonlySet<string> = (() => {
  const names = new Set<string>();
  const walk = (fields: Record<string, FieldDef>) => {
    for (const [name, def] of Object.entries(fields)) {
      names.add(name);
      if (def.kind.fields) walk(def.kind.fields);
    }
  };
  for (const spec of Object.values(specs)) walk(spec.fields);
  return names;
})();

/** `session_persistence.cookie_name` → `sessionPersistence.cookieName`; list indexes kept. */
export const propertyPath = (apiPath: string): string => apiPath.split(".").map(camel).join(".");

/** Rewrites the API field names a spec message mentions into the Pulumi names users write. */
export const inUserTerms = (text: string): string =>
  text.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (word) => (API_NAMES.has(word) ? camel(word) : word));

export const toFailure = (v: Violation, prefix = ""): pulumi.dynamic.CheckFailure => ({
  property: prefix + propertyPath(v.field),
  reason: inUserTerms(v.reason),
});

/**
 * Splits a body into what can be validated now and the paths still unknown. Nested objects keep
 * their known fields; a list holding any unknown is left out whole.
 */
function knownPart(body: Obj, prefix = ""): { known: Obj; unknownPaths: string[] } {
  const known: Obj = {};
  const unknownPaths: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const path = prefix + key;
    if (!containsUnknown(value)) known[key] = value;
    else if (isPlainObject(value) && !isUnknown(value)) {
      const inner = knownPart(value, `${path}.`);
      known[key] = inner.known;
      unknownPaths.push(...inner.unknownPaths);
    } else unknownPaths.push(path);
  }
  return { known, unknownPaths };
}

/** Violations of one resource's inputs (API names), with preview-unknowns tolerated. */
export function violationsOf(spec: ResourceSpec, api: Obj): Violation[] {
  // At apply (and for most previews) every value is known: nothing to split or filter.
  const { known, unknownPaths } = containsUnknown(api) ? knownPart(api) : { known: api, unknownPaths: [] };
  const stillUnknown = (field: string) => unknownPaths.some((p) => field === p || field.startsWith(`${p}.`));

  const body: Obj = {};
  const out: Violation[] = [];
  for (const [key, value] of Object.entries(known)) {
    const def = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
    // Fields that travel in the URL (a member's pool id) are checked here, not as body fields.
    if (def?.inPath) out.push(...checkValue(key, value, def.kind));
    else body[key] = value;
  }
  for (const [key, def] of entriesOf(spec.fields)) {
    if (def.inPath && def.required && api[key] === undefined) out.push(violation(key, undefined, "is required", def.kind.allowed));
  }
  out.push(...validateBody(spec, body, "create"));
  // A replacement is a create, so the desired state must satisfy the create-time rules.
  out.push(...ownRules(spec.kind, toRuleValues(api) as Obj, "create", new Set(Object.keys(api))));
  return unknownPaths.length ? out.filter((v) => !stillUnknown(v.field)) : out;
}

/** The whole `check` of a spec-driven resource. */
export function checkResource(spec: ResourceSpec, news: Obj): pulumi.dynamic.CheckResult {
  const api = toApiNames(spec.fields, news, PROVIDER_KEY);
  const failures = violationsOf(spec, api).map((v) => toFailure(v));
  return { inputs: news, failures };
}
