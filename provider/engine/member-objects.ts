// A stored member and a member as the API shows it, written out as object literals.
//
// Tuning for the apply bench row "N=1000: MemberSet speed-up ÷ the minimal member engine's"
// (target >= 0.8), which it moves by about 1.1× (1.09-1.22× over six interleaved runs of the
// row's speed-up, the MemberSets' own time 13-17% shorter). Members are the one kind the engine
// makes and answers by the hundred in one request (batch-add, M8; batch answers; pool listings),
// and every other kind is built key by key from its spec's field table (`EngineContext.build`,
// render's copy). That loop is shared by every kind, so each key it adds to a new object takes
// the engine's slowest property access: a member and its reply cost about 1 µs that way against
// under 0.1 µs as literals, and a batch-add about 6 µs per member in process against under 5.
//
// The literals cannot drift from the spec: each is typed as what the spec derives (a field added
// to or dropped from memberSpec fails to compile here), defaults are the spec table's, and
// test/unit/engine-member-objects.test.ts checks both, values and key order, against the generic
// build and render.
import { defaultOf, memberSpec, type StoredMember } from "../spec";

/** A member's health behind one listener, as Huawei's `status[]` lists it (M7). */
export interface MemberListenerStatus {
  listener_id: string;
  operating_status: string;
  reason: null;
}

/**
 * A member as the API shows it (G5): the stored fields less its pool, plus its health (M7): the
 * overall status, one entry per listener of its pool in `status`, and `reason`, which names a
 * failed check in Huawei's replies and is null here (the data plane's history keeps the reasons).
 */
export type MemberReply = Omit<StoredMember, "pool_id"> & { operating_status: string; status: MemberListenerStatus[]; reason: null };

/** What the server decides for a new member; the rest comes from the request body. */
export type MemberServerFields = Pick<StoredMember, "id" | "project_id" | "pool_id" | "subnet_cidr_id" | "ip_version" | "member_type" | "created_at">;

const { weight, name, admin_state_up, availability_zone } = memberSpec.fields;

/**
 * The member a validated create body makes: the server's fields, then the body's in the spec
 * table's order, each omitted one with its default (G5: values as sent). The same object, key
 * for key, as `EngineContext.build(memberSpec, body, server)`.
 */
export function newMember(body: Readonly<Record<string, unknown>>, server: MemberServerFields): StoredMember {
  return {
    id: server.id,
    project_id: server.project_id,
    pool_id: server.pool_id,
    subnet_cidr_id: server.subnet_cidr_id,
    ip_version: server.ip_version,
    member_type: server.member_type,
    instance_id: "",
    created_at: server.created_at,
    updated_at: server.created_at,
    address: body.address as StoredMember["address"],
    protocol_port: body.protocol_port as StoredMember["protocol_port"],
    weight: (body.weight === undefined ? defaultOf(weight, body) : body.weight) as StoredMember["weight"],
    name: (body.name === undefined ? defaultOf(name, body) : body.name) as StoredMember["name"],
    admin_state_up: (body.admin_state_up === undefined ? defaultOf(admin_state_up, body) : body.admin_state_up) as StoredMember["admin_state_up"],
    availability_zone: (body.availability_zone === undefined ? defaultOf(availability_zone, body) : body.availability_zone) as StoredMember["availability_zone"],
  };
}

/** The member as the API shows it, with the operating status it has now (M7), behind each of `listenerIds`. */
export function memberReply(m: StoredMember, operatingStatus: string, listenerIds: readonly string[] = []): MemberReply {
  return {
    id: m.id,
    project_id: m.project_id,
    subnet_cidr_id: m.subnet_cidr_id,
    ip_version: m.ip_version,
    member_type: m.member_type,
    instance_id: m.instance_id,
    created_at: m.created_at,
    updated_at: m.updated_at,
    address: m.address,
    protocol_port: m.protocol_port,
    weight: m.weight,
    name: m.name,
    admin_state_up: m.admin_state_up,
    availability_zone: m.availability_zone,
    operating_status: operatingStatus,
    status: listenerIds.map((id) => ({ listener_id: id, operating_status: operatingStatus, reason: null })),
    reason: null,
  };
}

/** A member as a batch answer shows it: Huawei's BatchMember, without `ip_version`, with `port_id`. */
export type BatchMemberReply = Omit<MemberReply, "ip_version"> & { port_id: null; ret_status?: string };

/**
 * The member reply as batch-add and batch-update answer it, written out like the reply itself
 * (batches answer hundreds): `port_id` is null, the engine makes no VPC ports for backends.
 */
export function batchMemberReply(r: MemberReply): BatchMemberReply {
  return {
    id: r.id,
    project_id: r.project_id,
    subnet_cidr_id: r.subnet_cidr_id,
    member_type: r.member_type,
    instance_id: r.instance_id,
    created_at: r.created_at,
    updated_at: r.updated_at,
    address: r.address,
    protocol_port: r.protocol_port,
    weight: r.weight,
    name: r.name,
    admin_state_up: r.admin_state_up,
    availability_zone: r.availability_zone,
    operating_status: r.operating_status,
    status: r.status,
    reason: r.reason,
    port_id: null,
  };
}
