// A member and its reply are written out as object literals (provider/engine/member-objects.ts);
// every other kind is built from its spec's field table. The literals must be the very objects
// the table-driven build and copy make — same keys, same order, same values — for any body, so
// the spec stays the one place a member's fields and defaults are declared (G5).
import { describe, expect, it } from "vitest";
import { DEFAULT_NETWORK, systemClock } from "../../provider/engine";
import { EngineContext } from "../../provider/engine/context";
import { batchMemberReply, memberReply, newMember, type MemberServerFields } from "../../provider/engine/member-objects";
import type { Model } from "../../provider/engine/model";
import { entriesOf, memberSpec, type StoredMember } from "../../provider/spec";

// `build` reads nothing from the model, the network or the clock.
const ctx = new EngineContext({} as Model, DEFAULT_NETWORK, systemClock, 0);

const server: MemberServerFields = {
  id: "6f1c2d3e-4a5b-4c6d-8e7f-901234567890",
  project_id: "0f1e2d3c4b5a49687766554433221100",
  pool_id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  subnet_cidr_id: "9d2e4f60-1a2b-4c3d-8e4f-000000000002",
  ip_version: "v4",
  member_type: "instance",
  created_at: "2024-05-06T07:08:09Z",
};

/** What the table-driven build makes of the same body and server fields, as the member handler called it. */
const built = (body: Record<string, unknown>) =>
  ctx.build(memberSpec, body, {
    id: server.id,
    project_id: server.project_id,
    pool_id: server.pool_id,
    subnet_cidr_id: server.subnet_cidr_id,
    ip_version: server.ip_version,
    member_type: server.member_type,
    instance_id: "",
    created_at: server.created_at,
    updated_at: server.created_at,
  });

/** Every field a create body may send, each with a value of its own, read from the spec table. */
const everyField = () => Object.fromEntries(entriesOf(memberSpec.fields).filter(([, def]) => def.create && !def.inPath).map(([key]) => [key, `sent ${key}`]));

const bodies: Record<string, unknown>[] = [
  { address: "192.168.0.10", protocol_port: 80 },
  { address: "192.168.0.10", protocol_port: 80, weight: 0, name: "web-1", admin_state_up: false },
  { address: "10.0.0.5", protocol_port: 8080, subnet_cidr_id: null, name: "" },
  everyField(),
];

describe("a member written out", () => {
  it("is the object the spec's field table builds, key for key and in order, defaults included", () => {
    for (const body of bodies) {
      const member = newMember(body, server);
      expect(Object.keys(member)).toEqual(Object.keys(built(body)));
      expect(member).toEqual(built(body));
    }
  });

  it("is answered as the stored member less its pool, then its operating status, per-listener status and reason (G5, M7)", () => {
    for (const body of bodies) {
      const stored = built(body) as StoredMember;
      const expected: Record<string, unknown> = {};
      for (const key of Object.keys(stored)) if (key !== "pool_id") expected[key] = stored[key as keyof StoredMember];
      expected.operating_status = "NO_MONITOR";
      expected.status = [{ listener_id: "7c1d2e3f-4a5b-4c6d-8e7f-000000000001", operating_status: "NO_MONITOR", reason: null }];
      expected.reason = null;
      const reply = memberReply(stored, "NO_MONITOR", ["7c1d2e3f-4a5b-4c6d-8e7f-000000000001"]);
      expect(Object.keys(reply)).toEqual(Object.keys(expected));
      expect(reply).toEqual(expected);
    }
  });

  it("is answered in a batch as the reply less ip_version, with port_id (Huawei's BatchMember)", () => {
    for (const body of bodies) {
      const reply = memberReply(built(body) as StoredMember, "ONLINE", ["7c1d2e3f-4a5b-4c6d-8e7f-000000000001"]);
      const { ip_version: _v, ...rest } = reply;
      const batch = batchMemberReply(reply);
      expect(Object.keys(batch)).toEqual([...Object.keys(rest), "port_id"]);
      expect(batch).toEqual({ ...rest, port_id: null });
    }
  });

  it("shares nothing with the stored member", () => {
    const stored = newMember(bodies[1], server);
    const reply = memberReply(stored, "ONLINE");
    (reply as Record<string, unknown>).weight = 99;
    expect(stored.weight).toBe(0);
  });
});
