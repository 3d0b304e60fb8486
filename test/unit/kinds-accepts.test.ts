// Every field kind's quick test (`accepts`) must agree with its schema: a value it lets through
// is never checked again, so one wrong answer would store what the API refuses.
import { describe, expect, it } from "vitest";
import { specs, type FieldDef, type Kind } from "../../provider/spec";

/** Every kind in every field table, nested tables included, named by its path. */
function allKinds(): [string, Kind][] {
  const out: [string, Kind][] = [];
  const walk = (prefix: string, fields: Record<string, FieldDef>) => {
    for (const [name, def] of Object.entries(fields)) {
      out.push([`${prefix}${name}`, def.kind]);
      if (def.kind.fields) walk(`${prefix}${name}.`, def.kind.fields);
    }
  };
  for (const spec of Object.values(specs)) walk(`${spec.kind}.`, spec.fields);
  return out;
}

/** Values around every edge the kinds draw: types, ranges, lengths, formats, null, holes. */
const probes: unknown[] = [
  undefined, null, true, false, 0, 1, -1, 0.5, 100, 101, 65535, 65536, 86400, 1e9, 2 ** 53, -(2 ** 53), NaN, Infinity, -Infinity,
  "", "a", "x".repeat(255), "x".repeat(256), "x".repeat(1025), "TCP", "HTTP", "tcp", "ROUND_ROBIN", "APP_COOKIE", "v4",
  "192.168.0.1", "256.0.0.1", "01.2.3.4", "::1", "fe80::1%eth0", "2001:db8::ff00:42:8329", "::ffff:192.0.2.1",
  "9d2e4f60-1a2b-4c3d-8e4f-000000000002", "9D2E4F60-1A2B-4C3D-8E4F-000000000002", "9d2e4f60-1a2b-4c3d-8e4f-00000000000",
  "/healthz", "/", "healthz", "200", "200-299", "200,202", "sid", "GET", "www.example.com",
  [], ["local-1a"], ["a", "b"], [1, 2], Array.from({ length: 11 }, () => "local-1a"), [null], new Array(1),
  {}, { type: "SOURCE_IP" }, { enable: true, duration: 30 }, { enable: "yes" }, { unknown: 1 },
];

describe("field kinds: the quick test agrees with the schema", () => {
  const kinds = allKinds();

  it("covers the kinds the hot paths see", () => {
    const names = kinds.filter(([, k]) => k.accepts).map(([n]) => n);
    for (const field of ["member.address", "member.protocol_port", "member.weight", "member.subnet_cidr_id", "member.name"]) {
      expect(names).toContain(field);
    }
  });

  it.each(kinds.filter(([, k]) => k.accepts))("%s", (_name, kind) => {
    for (const value of probes) {
      const quick = kind.accepts!(value);
      const schema = kind.schema.safeParse(value).success;
      // Never more lenient than the schema; and as lenient, so valid values take the quick path.
      expect({ value, quick }).toEqual({ value, quick: schema });
    }
  });
});
