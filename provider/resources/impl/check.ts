// `check`: every refusal the API would make that can be decided from the resource's own inputs,
// reported at preview as CheckFailures on the camelCase property. The rules are the spec's
// (field kinds through `validateBody`, cross-field rules through `ownRules`); nothing here
// restates them. Values unknown during preview pass through untouched.
import type * as pulumi from "@pulumi/pulumi";
import {
  ADOPT_ID,
  ADOPT_INPUT,
  camel,
  checkValue,
  ownRules,
  sentKeys,
  specs,
  toApiNames,
  validateBody,
  violation,
  type FieldDef,
  type ResourceSpec,
  type Violation,
} from "../../spec";
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
  if (!containsUnknown(api)) return knownViolations(spec, api, api, api);
  const { known, unknownPaths } = knownPart(api);
  const stillUnknown = (field: string) => unknownPaths.some((p) => field === p || field.startsWith(`${p}.`));
  return knownViolations(spec, api, known, toRuleValues(api) as Obj).filter((v) => !stillUnknown(v.field));
}

/** The violations `known` (the known part of `api`) shows; `ruleValues` is `api` as the own-field rules take it. */
function knownViolations(spec: ResourceSpec, api: Obj, known: Obj, ruleValues: Obj): Violation[] {
  const out: Violation[] = [];
  // Fields that travel in the URL (a member's pool id) are checked here, not as body fields.
  const body: Obj = {};
  for (const [key, value] of Object.entries(known)) {
    const def = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
    if (def?.inPath) out.push(...checkValue(key, value, def.kind));
    else body[key] = value;
  }
  for (const key in spec.fields) {
    const def = spec.fields[key];
    if (def.inPath && def.required && api[key] === undefined) out.push(violation(key, undefined, "is required", def.kind.allowed));
  }
  out.push(...validateBody(spec, body, "create"));
  // A replacement is a create, so the desired state must satisfy the create-time rules.
  out.push(...ownRules(spec.kind, ruleValues, "create", sentKeys(api)));
  return out;
}

/** The longest input the CLI is left to print beside a failure: as much as our messages quote. */
const PRINTABLE_INPUT = 80;

/**
 * A failure in the form the Pulumi CLI prints well. The CLI looks `property` up among the
 * top-level inputs and prints "property <p> value {<that input>} has a problem: <reason>". That
 * shows the value of a top-level input; but a nested path (`slowStart.enable`,
 * `members[4].weight`) finds no input and would print `value {<nil>}`, and a long list (every
 * entry of a member set) would bury the reason. Those failures name their path in the reason
 * instead, which the CLI prints as "resource '<name>' has a problem: <reason>".
 */
export function asReported(failure: pulumi.dynamic.CheckFailure, inputs: Obj): pulumi.dynamic.CheckFailure {
  const { property, reason } = failure;
  if (/^[A-Za-z0-9_]+$/.test(property)) {
    const value = inputs[property];
    if (value === null || typeof value !== "object" || JSON.stringify(value).length <= PRINTABLE_INPUT) return failure;
  }
  return namedInReason({ property, reason });
}

/**
 * A failure whose reason names its property, so the CLI prints no input beside it: the form a
 * secret input (a private key) always takes, whatever the CLI would print of its value.
 */
const namedInReason = (failure: pulumi.dynamic.CheckFailure): pulumi.dynamic.CheckFailure => ({ property: "", reason: `property ${failure.property}: ${failure.reason}` });

const isSecretField = (spec: ResourceSpec, field: string): boolean => Object.hasOwn(spec.fields, field) && spec.fields[field].kind.secret === true;

/** The whole `check` of a spec-driven resource. */
export function checkResource(spec: ResourceSpec, news: Obj): pulumi.dynamic.CheckResult {
  const { [ADOPT_ID]: adoptId, ...program } = news;
  const api = toApiNames(spec.fields, program, PROVIDER_KEY);
  const failures = violationsOf(spec, api).map((v) => (isSecretField(spec, v.field) ? namedInReason(toFailure(v)) : asReported(toFailure(v), news)));
  if (adoptId !== undefined && !isUnknown(adoptId)) failures.push(...checkValue(ADOPT_ID, adoptId, ADOPT_INPUT.kind).map((v) => toFailure(v)));
  return { inputs: news, failures };
}
