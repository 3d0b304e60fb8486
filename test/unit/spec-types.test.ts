// The TypeScript types derived from the spec tables: what a stored object holds and what a
// request or program sends, field by field, as the tables say. Checked by the type checker
// (npm run typecheck); the runtime half checks that the engine's objects have these fields.
import { describe, expect, expectTypeOf, it } from "vitest";
import { healthMonitorSpec, memberSpec, poolSpec, withDefaults, type Inputs, type ProgramInputs } from "../../provider/spec";
import type { StoredHealthMonitor, StoredListener, StoredLoadBalancer, StoredMember, StoredPool } from "../../provider/spec/types";

describe("types from the spec tables", () => {
  it("stored objects: defaults filled, server fields set, dependent defaults nullable", () => {
    expectTypeOf<StoredMember["weight"]>().toEqualTypeOf<number>();
    expectTypeOf<StoredMember["subnet_cidr_id"]>().toEqualTypeOf<string | null>();
    expectTypeOf<StoredMember["member_type"]>().toEqualTypeOf<"instance" | "ip">();
    expectTypeOf<keyof StoredMember>().toEqualTypeOf<
      | "pool_id"
      | "address"
      | "protocol_port"
      | "subnet_cidr_id"
      | "weight"
      | "name"
      | "admin_state_up"
      | "availability_zone"
      | "id"
      | "project_id"
      | "ip_version"
      | "member_type"
      | "instance_id"
      | "created_at"
      | "updated_at"
    >();
    expectTypeOf<StoredListener["client_timeout"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StoredListener["protocol"]>().toEqualTypeOf<"TCP" | "UDP" | "HTTP" | "HTTPS" | "TERMINATED_HTTPS" | "QUIC" | "TLS">();
    expectTypeOf<StoredPool["lb_algorithm"]>().toEqualTypeOf<"ROUND_ROBIN" | "LEAST_CONNECTIONS" | "SOURCE_IP" | "QUIC_CID">();
    expectTypeOf<NonNullable<StoredPool["slow_start"]>>().toEqualTypeOf<{ enable: boolean; duration: number }>();
    expectTypeOf<NonNullable<StoredPool["session_persistence"]>["persistence_timeout"]>().toEqualTypeOf<number | null>();
    expectTypeOf<StoredHealthMonitor["url_path"]>().toEqualTypeOf<string | null>();
    expectTypeOf<StoredLoadBalancer["vip_port_id"]>().toEqualTypeOf<string | null>();
  });

  it("inputs: required fields required, the rest optional, path fields left out; Pulumi names in camelCase", () => {
    expectTypeOf<Inputs<typeof memberSpec>>().toEqualTypeOf<{
      address: string;
      protocol_port: number;
      subnet_cidr_id?: string | null;
      weight?: number;
      name?: string;
      admin_state_up?: boolean;
      availability_zone?: string;
    }>();
    expectTypeOf<ProgramInputs<typeof poolSpec>["sessionPersistence"]>().toEqualTypeOf<
      { type: "SOURCE_IP" | "HTTP_COOKIE" | "APP_COOKIE"; cookieName?: string | null; persistenceTimeout?: number } | null | undefined
    >();
    expectTypeOf<ProgramInputs<typeof healthMonitorSpec>>().toHaveProperty("maxRetriesDown");
  });

  it("a body with its defaults filled has every field the stored type names", () => {
    const filled = withDefaults(memberSpec.fields, { pool_id: "p", address: "10.0.0.1", protocol_port: 80 });
    const fieldsOfStored: (keyof StoredMember)[] = ["pool_id", "address", "protocol_port", "subnet_cidr_id", "weight", "name", "admin_state_up", "availability_zone"];
    expect(Object.keys(filled).sort()).toEqual([...fieldsOfStored].sort());
  });
});
