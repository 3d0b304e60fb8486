// Documentation generated from the spec tables: the field reference in docs/RESOURCES.md, each
// field's full description (what it means, then what is allowed, its default and what a change
// does, all read from the table), and the rule catalogue in docs/RULES.md. Tests keep the
// committed files identical to what the tables say (`npm run docs` regenerates them).
import { RULES } from "./catalogue";
import type { FieldDef } from "./kinds";
import { ADOPT_ID, ADOPT_INPUT, camel, type ResourceSpec } from "./resource";
import { RULE_IDS } from "./rule-ids";

const CHANGE_TEXT: Record<FieldDef["change"], string> = {
  update: "update in place",
  replace: "replace",
  "one-way": "one-way",
  "set-once": "set once",
  special: "in place (dedicated endpoints)",
};

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const json = (v: unknown) => JSON.stringify(v);

/**
 * A default that depends on another field (`defaultFrom`), worked out for each of that field's
 * values and grouped: `[[60, ["HTTP", "HTTPS"]], [300, ["TCP", "UDP"]]]` (null: no default).
 * `table` is the resource's own table, where the field it depends on lives (for a nested field
 * too). Undefined when the field it depends on is not an enumeration.
 */
function dependentDefault(def: FieldDef, table: Record<string, FieldDef>): [unknown, string[]][] | undefined {
  const from = def.defaultFrom;
  const values = from === undefined ? undefined : table[from]?.kind.values;
  if (from === undefined || !values) return undefined;
  const fn = def.default as (o: Record<string, unknown>) => unknown;
  const byResult = new Map<string, [unknown, string[]]>();
  for (const v of values) {
    const result = fn({ [from]: v }) ?? null;
    const group = byResult.get(json(result));
    if (group) group[1].push(v);
    else byResult.set(json(result), [result, [v]]);
  }
  return [...byResult.values()];
}

const perValue = (groups: [unknown, string[]][], show: (v: unknown) => string) =>
  groups.map(([result, on]) => `${result === null ? "none" : show(result)} for ${on.join(", ")}`).join("; ");

function defaultText(def: FieldDef, table: Record<string, FieldDef>): string {
  if (typeof def.default === "function") {
    const groups = dependentDefault(def, table);
    return groups ? perValue(groups, (v) => "`" + json(v) + "`") : "depends";
  }
  if (def.default === undefined) return def.required ? "required" : "server-chosen";
  return "`" + json(def.default) + "`";
}

function changeSentence(def: FieldDef, noun: string): string {
  switch (def.change) {
    case "update":
      return "Changes in place.";
    case "replace":
      return `Changing it replaces the ${noun}.`;
    case "one-way":
      return `Changes in place only to ${json(def.oneWayTo)}; any other change replaces the ${noun}.`;
    case "set-once":
      return `Can be set in place while still empty; any other change replaces the ${noun}.`;
    case "special":
      return "Changes in place through dedicated endpoints.";
  }
}

/**
 * A field's full description, as JSDoc and program docs show it: what it means (its `doc`),
 * then what is allowed, the default and what a change does, each read from the table (`change`
 * words the last for a resource of the provider's own, the MemberSet's entries). The spec's
 * `fields` is the resource's own table, where a default's `defaultFrom` field lives.
 */
export function fieldDoc(spec: Pick<ResourceSpec, "noun" | "fields">, def: FieldDef, change = changeSentence(def, spec.noun)): string {
  let dflt: string;
  if (def.required) dflt = "Required.";
  else if (typeof def.default === "function") {
    const groups = dependentDefault(def, spec.fields);
    dflt = groups ? `Default: ${perValue(groups, json)}.` : "Default: depends on the other fields.";
  } else if (def.default === undefined) dflt = "Chosen by the server when omitted.";
  else dflt = `Default: ${json(def.default)}.`;
  return `${def.doc} Allowed: ${def.kind.allowed}. ${dflt} ${change}`;
}

function rows(spec: ResourceSpec, fields: Record<string, FieldDef>, prefix = ""): string[] {
  const out: string[] = [];
  for (const [api, def] of Object.entries(fields)) {
    const change = def.change === "one-way" ? `one-way (only to \`${json(def.oneWayTo)}\`)` : CHANGE_TEXT[def.change];
    out.push(
      `| \`${prefix}${camel(api)}\` | \`${api}\` | ${cell(def.kind.allowed)} | ${cell(defaultText(def, spec.fields))} | ${def.create ? "yes" : "no"} | ${def.update ? "yes" : "no"} | ${change} | ${cell(def.doc)} |`,
    );
    const nested = def.kind.fields;
    if (nested) out.push(...rows(spec, nested, `${prefix}${camel(api)}.`));
  }
  return out;
}

export function resourcesMarkdown(specs: ResourceSpec[]): string {
  const parts = [
    "# Resource fields",
    "",
    "Generated from the spec tables in `provider/spec/` (`npm run docs`); a test keeps it in step.",
    "Columns: the Pulumi input name, the API field, what is allowed, the API default, whether the API",
    "accepts it on create and on update, what a change does to an existing resource, and what the",
    "field means.",
    "",
  ];
  parts.push(
    `Besides these, ${specs.map((s) => "`" + s.className + "`").join(", ")} take \`${ADOPT_ID}\`, an input of the provider's own (not an API field). ${cell(ADOPT_INPUT.doc)}`,
    "",
  );
  for (const spec of specs) {
    parts.push(`## ${spec.className}`, "", "| input | API field | allowed | default | create | update | on change | meaning |", "|---|---|---|---|---|---|---|---|");
    parts.push(...rows(spec, spec.fields), "");
    parts.push("Outputs: " + Object.keys(spec.outputs).map((o) => "`" + camel(o) + "`").join(", ") + ".", "");
    if (spec.naturalKeys.length) {
      parts.push(...spec.naturalKeys.map((k) => `Unique (${k.rule}): ${k.unique}.`), "");
    }
  }
  return parts.join("\n");
}

/** docs/RULES.md: every rule id, what it means, and where the spec holds it. */
export function rulesMarkdown(): string {
  const parts = [
    "# Engine rules",
    "",
    "Every rule id the engine, the provider and the tests cite (a test's name starts with the id it",
    "proves). Generated from `provider/spec/catalogue.ts` (`npm run docs`); where a rule lives in the",
    "spec tables (a natural key, a limit, a field's range, a protocol table) its text is written from",
    "them. A test keeps this file in step and checks that every id cited in the code and tests is here.",
    "",
    "Errors: 400 is `ELB.8902`, 404 `ELB.8904`, 409 `ELB.8907`, quota `ELB.8905` (409).",
    "",
    "| id | rule | meaning | in the spec |",
    "|---|---|---|---|",
  ];
  for (const id of RULE_IDS) {
    const rule = RULES[id];
    parts.push(`| ${id} | ${cell(rule.title)} | ${cell(rule.meaning())} | ${rule.source ? cell(rule.source) : ""} |`);
  }
  return parts.join("\n") + "\n";
}
