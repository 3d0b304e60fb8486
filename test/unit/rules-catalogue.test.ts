// docs/RULES.md: every rule id cited anywhere in the code and tests has an entry, and the
// committed file is what the catalogue (and the spec tables it reads) says.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_IDS } from "../../provider/spec";
import { RULES } from "../../provider/spec/catalogue";
import { rulesMarkdown } from "../../provider/spec/docs";

const ROOT = path.join(__dirname, "../..");
const SCANNED = ["provider", "test", "examples", "scripts", "README.md", "docs/RESOURCES.md"];

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((d) => (d.name === "node_modules" ? [] : files(path.join(entry, d.name))));
}

/** Rule ids as cited: a letter of a rule family and its number, not part of a word or a %-escape. */
const CITED = /(?<![\w%])([GNLSPMHD](?:10|[1-9]))(?![\w%])/g;

describe("the rule catalogue", () => {
  it("has an entry for every rule id the code and the tests cite", () => {
    const cited = new Map<string, string>();
    for (const file of SCANNED.flatMap(files).filter((f) => /\.(ts|js|md|mts)$/.test(f))) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(CITED)) if (!cited.has(m[1])) cited.set(m[1], path.relative(ROOT, file));
    }
    const missing = [...cited].filter(([id]) => !(RULE_IDS as readonly string[]).includes(id)).map(([id, file]) => `${id} (first cited in ${file})`);
    expect(missing).toEqual([]);
    // The scan finds citations at all: the suite names the rules it proves.
    expect(cited.size).toBeGreaterThan(40);
  });

  it("says what every rule means", () => {
    for (const id of RULE_IDS) {
      expect(RULES[id].title, id).toMatch(/\S/);
      expect(RULES[id].meaning(), id).toMatch(/\S{3}/);
    }
  });

  it("docs/RULES.md is what the catalogue says (regenerate with npm run docs)", () => {
    expect(fs.readFileSync(path.join(ROOT, "docs/RULES.md"), "utf8")).toBe(rulesMarkdown());
  });

  it("writes rules that live in the spec from it: a changed limit or key changes the text", () => {
    expect(RULES.M3.meaning()).toContain("At most 500 members per pool");
    expect(RULES.M2.meaning()).toContain("`address` and `protocol_port` per `pool_id`");
    expect(RULES.P2.meaning()).toContain("UDP → UDP|QUIC");
  });
});
