// The field reference in docs/RESOURCES.md is generated from the spec tables, and a test keeps
// the committed file identical to what the tables say.
import type { FieldDef } from "./kinds";
import { ADOPT_ID, ADOPT_INPUT, camel, type ResourceSpec } from "./resource";

const CHANGE_TEXT: Record<FieldDef["change"], string> = {
  update: "update in place",
  replace: "replace",
  "one-way": "one-way",
  "set-once": "set once",
  special: "in place (dedicated endpoints)",
};

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function defaultText(def: FieldDef): string {
  if (typeof def.default === "function") return "depends";
  if (def.default === undefined) return def.required ? "required" : "server-chosen";
  return "`" + JSON.stringify(def.default) + "`";
}

function rows(fields: Record<string, FieldDef>, prefix = ""): string[] {
  const out: string[] = [];
  for (const [api, def] of Object.entries(fields)) {
    const change = def.change === "one-way" ? `one-way (only to \`${JSON.stringify(def.oneWayTo)}\`)` : CHANGE_TEXT[def.change];
    out.push(
      `| \`${prefix}${camel(api)}\` | \`${api}\` | ${cell(def.kind.allowed)} | ${defaultText(def)} | ${def.create ? "yes" : "no"} | ${def.update ? "yes" : "no"} | ${change} | ${cell(def.doc)} |`,
    );
    const nested = def.kind.fields;
    if (nested) out.push(...rows(nested, `${prefix}${camel(api)}.`));
  }
  return out;
}

export function resourcesMarkdown(specs: ResourceSpec[]): string {
  const parts = [
    "# Resource fields",
    "",
    "Generated from the spec tables in `provider/spec/` (`npm run docs`); a test keeps it in step.",
    "Columns: the Pulumi input name, the API field, what is allowed, the API default, whether the API",
    "accepts it on create and on update, and what a change does to an existing resource.",
    "",
  ];
  parts.push(
    `Besides these, ${specs.map((s) => "`" + s.className + "`").join(", ")} take \`${ADOPT_ID}\`, an input of the provider's own (not an API field). ${cell(ADOPT_INPUT.doc)}`,
    "",
  );
  for (const spec of specs) {
    parts.push(`## ${spec.className}`, "", "| input | API field | allowed | default | create | update | on change | notes |", "|---|---|---|---|---|---|---|---|");
    parts.push(...rows(spec.fields), "");
    parts.push("Outputs: " + Object.keys(spec.outputs).map((o) => "`" + camel(o) + "`").join(", ") + ".", "");
  }
  return parts.join("\n");
}
