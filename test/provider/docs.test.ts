// The resource classes are written by hand for good types, but the inputs they document and the
// outputs they declare come from the spec tables: this keeps them in step, so a field added to
// the spec cannot be forgotten here. (A field's full text is `fieldDoc` in spec/docs.ts: its
// meaning, then the range, default and change effect from the table.)
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ADOPT_ID, camel, specs, type FieldDef, type ResourceSpec } from "../../provider/spec";

const source = (file: string) => fs.readFileSync(path.join(__dirname, "../../provider/resources", file), "utf8");

/** `{ property: jsdoc }` of one exported interface. */
function documented(text: string, iface: string): Record<string, string> {
  const start = text.indexOf(`export interface ${iface} {`);
  expect(start, `interface ${iface}`).toBeGreaterThanOrEqual(0);
  const body = text.slice(start, text.indexOf("\n}\n", start));
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/\/\*\* (.*?) \*\/\n\s+"?([\w-]+)"?\??:/g)) out[m[2]] = m[1];
  return out;
}

/** The Pulumi names of a table's fields, sorted. */
const namesOf = (fields: Record<string, FieldDef>) => Object.keys(fields).map(camel).sort();

/** Every property of an interface is documented, and exactly the fields of the table. */
function expectDocumented(text: string, iface: string, fields: Record<string, FieldDef>, extra: string[] = []): void {
  const docs = documented(text, iface);
  expect(Object.keys(docs).sort()).toEqual([...namesOf(fields), ...extra].sort());
  for (const [name, doc] of Object.entries(docs)) expect(doc, `${iface}.${name}`).toMatch(/\S/);
}

const cases: [ResourceSpec, string, Record<string, string>][] = [
  [specs.loadbalancer, "loadbalancer.ts", {}],
  [specs.listener, "listener.ts", { insert_headers: "InsertHeaders" }],
  [specs.pool, "pool.ts", { session_persistence: "SessionPersistence", slow_start: "SlowStart" }],
  [specs.member, "member.ts", {}],
  [specs.healthmonitor, "healthmonitor.ts", {}],
];

describe("resource classes follow the spec tables", () => {
  for (const [spec, file, nested] of cases) {
    it(`${spec.className}: every input of the spec documented, every field an output`, () => {
      const text = source(file);
      expectDocumented(text, `${spec.className}Args`, spec.fields, [ADOPT_ID]);
      for (const [field, iface] of Object.entries(nested)) expectDocumented(text, iface, spec.fields[field].kind.fields!);
      const declared = [...text.matchAll(/declare public readonly (\w+):/g)].map((m) => m[1]).sort();
      const expected = [...Object.keys(spec.fields), ...Object.keys(spec.outputs)].filter((k) => k !== "id").map(camel).sort();
      expect(declared).toEqual(expected);
    });
  }

  it("MemberSet entries document the member fields they take", () => {
    const entry = documented(source("memberset.ts"), "MemberSetEntry");
    const member = documented(source("member.ts"), "MemberArgs");
    expect(Object.keys(entry).sort()).toEqual(["address", "name", "protocolPort", "subnetCidrId", "weight"]);
    // Weight and name mean the same; address and port are the entry's identity, so a change
    // removes one member and adds another rather than replacing or updating one.
    expect({ weight: entry.weight, name: entry.name }).toEqual({ weight: member.weight, name: member.name });
  });
});
