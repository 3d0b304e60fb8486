// The quick path through a MemberSet's check of its entries: most entries are plainly valid, and
// telling so from the kinds' quick tests (spec/quick-tests.ts) costs a fraction of the full check
// (1,000 entries: about 1.7 ms against 4.3). A set checks every entry on every preview and apply;
// kept, with the quick tests, for the apply bench's row "N=1000: MemberSet speed-up ÷ the minimal
// member engine's" (spec/quick-tests.ts gives the figures measured with and without them).
import { camel, memberSpec, type FieldDef } from "../../spec";
import type { Obj } from "./values";

/**
 * A test that an entry (Pulumi names) is plainly valid, so the full check would find nothing:
 * only the given entry fields, each value passing its kind's quick test, every required one
 * given, and a subnet (an IP backend's address has a rule of its own). Entries it does not pass
 * take the full check, which also words the refusal.
 */
export function plainEntryTest(entryFields: readonly string[]): (entry: Obj) => boolean {
  const table: Record<string, FieldDef> = memberSpec.fields;
  const tests = new Map(entryFields.map((f) => [camel(f), table[f].kind.accepts]));
  const required = entryFields.filter((f) => table[f].required).map(camel);
  return (entry) => {
    for (const k in entry) {
      const test = tests.get(k);
      if (!test || !test(entry[k])) return false;
    }
    return required.every((k) => entry[k] !== undefined) && typeof entry.subnetCidrId === "string";
  };
}
