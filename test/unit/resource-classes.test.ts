// The public resource classes are generated from the spec tables (`npm run docs`); this keeps the
// committed files what the generator makes, and their public types what programs were written
// against (a program that compiled keeps compiling).
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  HealthMonitor,
  HealthMonitorArgs,
  InsertHeaders,
  Listener,
  ListenerArgs,
  LoadBalancer,
  LoadBalancerArgs,
  Member,
  MemberArgs,
  MemberSet,
  MemberSetArgs,
  MemberSetEntry,
  Pool,
  PoolArgs,
  Ref,
  SessionPersistence,
  SlowStart,
} from "../../provider";
import { resourceClasses } from "../../provider/resources/generate";
import { ADOPT_ID, camel, specs } from "../../provider/spec";

const dir = path.join(__dirname, "../../provider/resources");

describe("resource classes are generated from the spec tables", () => {
  for (const [file, text] of Object.entries(resourceClasses())) {
    it(`provider/resources/${file} is what the generator makes (regenerate with npm run docs)`, () => {
      expect(fs.readFileSync(path.join(dir, file), "utf8")).toBe(text);
    });
  }

  it("every input of a spec is documented in its Args, and every field and output is declared", () => {
    for (const spec of Object.values(specs)) {
      const text = resourceClasses()[`${spec.kind}.ts`];
      const args = text.slice(text.indexOf(`export interface ${spec.className}Args {`), text.indexOf(`export class ${spec.className} `));
      const documented = [...args.matchAll(/\*\/\n {2}"?([\w-]+)"?\??: pulumi\.Input</g)].map((m) => m[1]);
      expect(documented, spec.className).toEqual([...Object.keys(spec.fields).map(camel), ADOPT_ID]);
      const declared = [...text.matchAll(/declare public readonly (\w+): pulumi\.Output</g)].map((m) => m[1]);
      expect(declared, spec.className).toEqual([...Object.keys(spec.fields), ...Object.keys(spec.outputs).filter((k) => k !== "id")].map(camel));
    }
  });

  it("a field's JSDoc says what it means, what is allowed, the default and what a change does", () => {
    // Each doc comment on one line, as an editor shows it.
    const flat = (file: string) => resourceClasses()[file].replace(/\n\s*\*\/\n/g, " */\n").replace(/\n\s*\* /g, " ");
    const weight =
      "Share of new requests relative to the pool's other members; 0 takes the member out of rotation. Allowed: 0-100. Default: 1. Changes in place. */\n  weight?: pulumi.Input<number>;";
    expect(flat("member.ts")).toContain(weight);
    // A MemberSet entry's weight means what a member's does; its address says which member it is.
    expect(flat("memberset.ts")).toContain(weight);
    expect(flat("memberset.ts")).toContain(
      "Address of the backend server. Allowed: an IPv4 or IPv6 address. Required. With `protocolPort`, identifies the member in the set (M2): a change removes that member and adds another. */\n  address: pulumi.Input<string>;",
    );
    expect(flat("listener.ts")).toContain("Allowed: 1-300. Default: none for TCP, UDP, TLS; 60 for HTTP, HTTPS, TERMINATED_HTTPS, QUIC. Changes in place. */\n  clientTimeout?: pulumi.Input<number>;");
  });
});

describe("the public types programs are written against", () => {
  it("inputs: literal unions for enumerations, nested interfaces, null where the API takes it", () => {
    expectTypeOf<ListenerArgs["protocol"]>().toEqualTypeOf<pulumi.Input<"TCP" | "UDP" | "HTTP" | "HTTPS" | "TERMINATED_HTTPS" | "QUIC" | "TLS">>();
    expectTypeOf<ListenerArgs["insertHeaders"]>().toEqualTypeOf<pulumi.Input<InsertHeaders> | undefined>();
    expectTypeOf<InsertHeaders["X-Forwarded-For-Port"]>().toEqualTypeOf<pulumi.Input<boolean> | undefined>();
    expectTypeOf<PoolArgs["sessionPersistence"]>().toEqualTypeOf<pulumi.Input<SessionPersistence | null> | undefined>();
    expectTypeOf<SessionPersistence["type"]>().toEqualTypeOf<pulumi.Input<"SOURCE_IP" | "HTTP_COOKIE" | "APP_COOKIE">>();
    expectTypeOf<SlowStart["duration"]>().toEqualTypeOf<pulumi.Input<number> | undefined>();
    expectTypeOf<PoolArgs["type"]>().toEqualTypeOf<pulumi.Input<"" | "instance" | "ip"> | undefined>();
    expectTypeOf<LoadBalancerArgs["availabilityZoneList"]>().toEqualTypeOf<pulumi.Input<pulumi.Input<string>[]>>();
    expectTypeOf<LoadBalancerArgs["vipSubnetCidrId"]>().toEqualTypeOf<pulumi.Input<string | null> | undefined>();
    expectTypeOf<LoadBalancerArgs["guaranteed"]>().toEqualTypeOf<pulumi.Input<boolean> | undefined>();
    expectTypeOf<MemberArgs["poolId"]>().toEqualTypeOf<pulumi.Input<string>>();
    expectTypeOf<HealthMonitorArgs["monitorPort"]>().toEqualTypeOf<pulumi.Input<number | null> | undefined>();
    expectTypeOf<MemberSetArgs["members"]>().toEqualTypeOf<pulumi.Input<pulumi.Input<MemberSetEntry>[]>>();
    expectTypeOf<MemberSetEntry["subnetCidrId"]>().toEqualTypeOf<pulumi.Input<string | null> | undefined>();
  });

  it("outputs: a server-chosen field is always set; null only where the stored value may be null", () => {
    expectTypeOf<LoadBalancer["vpcId"]>().toEqualTypeOf<pulumi.Output<string>>();
    expectTypeOf<LoadBalancer["vipAddress"]>().toEqualTypeOf<pulumi.Output<string | null>>();
    expectTypeOf<LoadBalancer["listeners"]>().toEqualTypeOf<pulumi.Output<Ref[]>>();
    expectTypeOf<Listener["keepaliveTimeout"]>().toEqualTypeOf<pulumi.Output<number>>();
    expectTypeOf<Listener["clientTimeout"]>().toEqualTypeOf<pulumi.Output<number | null>>();
    // Huawei's whole object: switches, aliases and the X-Forwarded-For mode, each typed.
    expectTypeOf<Listener["insertHeaders"]>().toMatchTypeOf<pulumi.Output<Record<string, boolean | string | null> | null>>();
    expectTypeOf<NonNullable<pulumi.Unwrap<Listener["insertHeaders"]>>["X-Real-IP"]>().toEqualTypeOf<boolean>();
    expectTypeOf<NonNullable<pulumi.Unwrap<Listener["insertHeaders"]>>["X-Forwarded-For-Processing-Mode"]>().toEqualTypeOf<"append" | "remove" | "preserve">();
    expectTypeOf<Pool["connectionDrain"]>().toEqualTypeOf<pulumi.Output<{ enable: boolean; timeout: number | null } | null>>();
    expectTypeOf<Listener["connection"]>().toEqualTypeOf<pulumi.Output<number>>();
    expectTypeOf<Pool["listenerId"]>().toEqualTypeOf<pulumi.Output<string | undefined>>();
    expectTypeOf<Pool["healthmonitorId"]>().toEqualTypeOf<pulumi.Output<string>>();
    expectTypeOf<Pool["sessionPersistence"]>().toEqualTypeOf<
      pulumi.Output<{ type: "SOURCE_IP" | "HTTP_COOKIE" | "APP_COOKIE"; cookieName: string | null; persistenceTimeout: number | null } | null>
    >();
    expectTypeOf<Pool["slowStart"]>().toEqualTypeOf<pulumi.Output<{ enable: boolean; duration: number } | null>>();
    expectTypeOf<Member["operatingStatus"]>().toEqualTypeOf<pulumi.Output<string>>();
    expectTypeOf<HealthMonitor["urlPath"]>().toEqualTypeOf<pulumi.Output<string | null>>();
    expectTypeOf<HealthMonitor["maxRetriesDown"]>().toEqualTypeOf<pulumi.Output<number>>();
    expectTypeOf<MemberSet["members"]>().toMatchTypeOf<pulumi.Output<{ id: string; address: string; protocolPort: number; weight: number; subnetCidrId: string | null }[]>>();
  });
});
