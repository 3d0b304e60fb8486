// MemberSet: owns every member of one pool. A member's identity is its natural key within the
// pool (M2: address and protocol port, spec/member.ts); each apply
// reads the live members and sends only the delta through the batch endpoints (at most 200
// items per call, rule M8), so hundreds of backends cost a handful of requests. Members added
// behind the stack's back show up on refresh and are removed by the next update.
import type * as pulumi from "@pulumi/pulumi";
import { camel, checkValue, defaultOf, keyInScope, LIMITS, memberSpec, naturalKey, toApiNames, uuid, violation, type FieldDef, type ResourceSpec } from "../../spec";
import { asReported, toFailure, violationsOf } from "./check";
import { loadBalancerOfPool } from "./member";
import { plainEntryTest } from "./memberset-quick-check";
import { newContext, ResourceInitError, type Handler, type OpContext } from "./specResource";
import { containsUnknown, isPlainObject, isUnknown, plain, satisfies, type Obj } from "./values";

/** The member fields a MemberSet entry may give. */
export const ENTRY_FIELDS = ["address", "protocol_port", "weight", "name", "subnet_cidr_id"] as const;
const entrySpec: ResourceSpec = {
  ...memberSpec,
  fields: Object.fromEntries(ENTRY_FIELDS.map((f) => [f, memberSpec.fields[f]])) as Record<string, FieldDef>,
};
const poolIdKind = uuid();
const plainlyValid = plainEntryTest(ENTRY_FIELDS);
const WEIGHT = memberSpec.fields.weight;
const NAME = memberSpec.fields.name;

interface Entry {
  /** Identity within the pool, as `keyOf` spells it (M2's key within its scope). */
  key: string;
  address: string;
  protocol_port: number;
  weight: number;
  name: string;
  subnet_cidr_id: string | null;
}
type LiveMember = Entry & { id: string } & Obj;

const ENDPOINT = naturalKey(memberSpec, "M2");
/** A member's identity within its pool: M2's key without the pool (undefined when a part is missing). */
const identity = (m: Obj): string | undefined => keyInScope(ENDPOINT, m);
/** The identity of a live member or a checked entry, which always hold every part. */
const keyOf = (m: Obj): string => identity(m) ?? "";

/** A program's entry with the API defaults of what it left out. */
function entryOf(api: Obj): Entry {
  const address = String(api.address);
  const protocol_port = Number(api.protocol_port);
  return {
    key: keyOf({ address, protocol_port }),
    address,
    protocol_port,
    weight: Number(api.weight ?? defaultOf(WEIGHT, api)),
    name: String(api.name ?? defaultOf(NAME, api)),
    subnet_cidr_id: (api.subnet_cidr_id as string | undefined) ?? null,
  };
}

const desiredEntries = (members: unknown): Entry[] =>
  (Array.isArray(members) ? members : []).map((m) => entryOf(toApiNames(entrySpec.fields, m as Obj)));

const sameEntry = (a: Entry, b: Entry) => a.weight === b.weight && a.name === b.name && (a.subnet_cidr_id ?? null) === (b.subnet_cidr_id ?? null);

/**
 * Live members, in the order the program lists them (an entry listed twice counts where it was
 * last listed), then any the program does not know, each group in live order.
 */
function ordered(live: Iterable<readonly [string, LiveMember]>, order: Entry[]): LiveMember[] {
  const rank = new Map<string, number>();
  for (let i = 0; i < order.length; i++) rank.set(order[i].key, i);
  const members = [...live];
  // Array.prototype.sort is stable: members of equal rank keep their live order.
  const rankOf = ([key]: readonly [string, LiveMember]) => rank.get(key) ?? order.length;
  return members.sort((a, b) => rankOf(a) - rankOf(b)).map(([, m]) => m);
}

/** Members under Pulumi names; members are flat objects, so one pass per member does it. */
function outputsOf(poolId: string, live: LiveMember[]): Obj {
  const members = live.map((m) => {
    const out: Obj = {};
    for (const k in m) {
      const v = m[k];
      if (v !== undefined) out[camel(k)] = plain(v);
    }
    return out;
  });
  return { poolId, members };
}

/** The entries a program would write for the live members (defaults left out). */
function inputsOf(poolId: string, live: LiveMember[]): Obj {
  const members = live.map((m) => {
    const e: Obj = { address: m.address, protocolPort: m.protocol_port };
    if (m.weight !== defaultOf(memberSpec.fields.weight, m)) e.weight = m.weight;
    if (m.name !== defaultOf(memberSpec.fields.name, m)) e.name = m.name;
    if (m.subnet_cidr_id) e.subnetCidrId = m.subnet_cidr_id;
    return e;
  });
  return plain({ poolId, members });
}

const chunks = <T>(items: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += LIMITS.batchItems) out.push(items.slice(i, i + LIMITS.batchItems));
  return out;
};

async function liveMembers(ctx: OpContext, poolId: string): Promise<LiveMember[]> {
  return ctx.client.list<LiveMember>(`/pools/${poolId}/members`, "members", {}, ctx.deadline);
}

/** The ids of the pool's members, from the pool itself (references, not member objects). */
async function memberIdsOf(ctx: OpContext, poolId: string): Promise<string[]> {
  const { pool } = await ctx.client.get<{ pool: { members?: { id: string }[] } }>(`/pools/${poolId}`, { deadline: ctx.deadline });
  return (pool.members ?? []).map((m) => m.id);
}

/**
 * Makes the pool's members exactly `desired`. Order keeps traffic flowing: members whose subnet
 * changed are removed and re-added, new members are added, weights and names updated, and
 * members no longer wanted removed last. `progress` counts the batches that were applied.
 *
 * A new set (`creating`) usually meets an empty pool, so it sends all its add batches at once
 * while it reads the pool's member ids, rather than after. batch-add answers every member the
 * set wants, made or already there ("existed", with its current fields), so any other id the
 * pool names is a member the set does not want — whether the engine read the pool before the
 * adds or after them. The ids rather than a listing: a listing read after the adds would carry
 * every new member's whole object a second time, which costs the API as much as the adds' own
 * answer. Whatever is left to do is then done as for an update. The result is the pool's
 * members by key.
 */
async function converge(ctx: OpContext, poolId: string, desired: Entry[], progress: { batches: number }, creating = false): Promise<Map<string, LiveMember>> {
  const base = `/pools/${poolId}/members`;
  const lockOptions = { deadline: ctx.deadline, loadBalancer: memoized(() => loadBalancerOfPool(ctx, poolId)), idempotent: true };
  // The members as they are after the batches: every batch answer carries the full member
  // objects, so the result needs no second listing of the pool.
  const result = new Map<string, LiveMember>();
  // batch-add reports an existing address+port as "existed" and batch-delete a missing member
  // as "not found", so repeating a batch after an unclear failure is harmless.
  const send = async (op: "add" | "update" | "delete", part: Obj[]) => {
    const answer = await ctx.client.post<{ members?: (LiveMember & { ret_status?: string })[] }>(`${base}/batch-${op}`, { members: part }, lockOptions);
    progress.batches++;
    if (op === "delete") return;
    for (const m of answer.members ?? []) {
      // The item's status is no member field. The answer is this call's own object, so it is
      // cleared in place (outputs leave undefined out) rather than every member copied.
      if ("ret_status" in m) m.ret_status = undefined;
      result.set(keyOf(m), m);
    }
  };
  /** One operation in batches of at most 200, one after another (`together`: all at once). */
  const batch = async (op: "add" | "update" | "delete", items: Obj[], together = false) => {
    if (together) {
      const settled = await Promise.allSettled(chunks(items).map((part) => send(op, part)));
      const failed = settled.find((r) => r.status === "rejected");
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return;
    }
    for (const part of chunks(items)) await send(op, part);
  };
  // Weight and name are sent only when they differ from what the API gives an omitted field:
  // the member is the same, and hundreds of them make a smaller body to send and to check.
  const addItem = (e: Entry): Obj => {
    const item: Obj = { address: e.address, protocol_port: e.protocol_port };
    if (e.subnet_cidr_id != null) item.subnet_cidr_id = e.subnet_cidr_id;
    if (e.weight !== defaultOf(WEIGHT, item)) item.weight = e.weight;
    if (e.name !== defaultOf(NAME, item)) item.name = e.name;
    return item;
  };

  const byKey = (members: LiveMember[]) => new Map(members.map((m) => [keyOf(m), m]));
  let live: Map<string, LiveMember>;
  /** Members to remove that are known by id alone (a new set's unwanted ones). */
  const unwanted: { id: string }[] = [];
  if (creating) {
    // Both settle before anything is reported, so a failure never leaves a batch running.
    // The adds of distinct members do not depend on each other, so their batches go at once.
    const [ids, added] = await Promise.allSettled([memberIdsOf(ctx, poolId), batch("add", desired.map(addItem), true)]);
    if (added.status === "rejected") throw added.reason;
    if (ids.status === "rejected") throw ids.reason;
    live = new Map(result);
    const answered = new Set<string>();
    for (const m of result.values()) answered.add(m.id);
    for (const id of ids.value) if (!answered.has(id)) unwanted.push({ id });
  } else {
    live = byKey(await liveMembers(ctx, poolId));
    for (const [key, m] of live) result.set(key, m);
  }
  const wanted = new Map(desired.map((e) => [e.key, e]));
  const moved: LiveMember[] = [];
  const remove: LiveMember[] = [];
  for (const [key, m] of live) {
    const e = wanted.get(key);
    if (!e) remove.push(m);
    else if ((e.subnet_cidr_id ?? null) !== (m.subnet_cidr_id ?? null)) moved.push(m);
  }
  const movedKeys = new Set(moved.map(keyOf));
  const add: Entry[] = [];
  const change: Entry[] = [];
  for (const [key, e] of wanted) {
    const m = live.get(key);
    if (!m || movedKeys.has(key)) add.push(e);
    else if (!sameEntry(e, m)) change.push(e);
  }

  const drop = (members: LiveMember[]) => members.forEach((m) => result.delete(keyOf(m)));
  await batch("delete", moved.map((m) => ({ id: m.id })));
  drop(moved);
  await batch("add", add.map(addItem));
  await batch(
    "update",
    change.map((e) => ({ id: live.get(e.key)!.id, weight: e.weight, name: e.name })),
  );
  await batch("delete", [...remove.map((m) => ({ id: m.id })), ...unwanted]);
  drop(remove);
  return result;
}

function memoized<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

/**
 * Applies the members. A create that fails half-way is reported as a partial initialization, so
 * the set is recorded (its id is the pool's) and the next update or destroy takes over from the
 * live members. The recorded member list is left empty on purpose: the details travel in gRPC
 * metadata, which the provider host cannot send beyond 64 KB, and hundreds of members would not
 * fit; an empty list also guarantees the next preview shows the set as still to be applied.
 */
async function apply(poolId: string, desired: Entry[], provider: unknown, creating: boolean): Promise<Obj> {
  const ctx = newContext();
  const progress = { batches: 0 };
  let live: Map<string, LiveMember>;
  try {
    live = await converge(ctx, poolId, desired, progress, creating);
  } catch (e) {
    if (!creating || progress.batches === 0) throw e;
    const count = await liveMembers(newContext(), poolId).then(
      (m) => `${m.length}`,
      () => "an unknown number of",
    );
    throw new ResourceInitError(poolId, { poolId, members: [], __provider: provider }, [
      `${(e as Error).message} (${progress.batches} member batch${progress.batches === 1 ? " was" : "es were"} applied; the pool has ${count} members now; the next update continues from them)`,
    ]);
  }
  return outputsOf(poolId, ordered(live, desired));
}

export const memberSet: Handler = {
  async check(_olds, news): Promise<pulumi.dynamic.CheckResult> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const poolId = news.poolId;
    if (poolId === undefined) failures.push(toFailure(violation("pool_id", undefined, "is required", poolIdKind.allowed)));
    else if (!isUnknown(poolId)) failures.push(...checkValue("pool_id", poolId, poolIdKind).map((v) => toFailure(v)));
    const members = news.members;
    if (members === undefined) failures.push({ property: "members", reason: "is required: a list of { address, protocolPort, weight?, name?, subnetCidrId? }." });
    else if (!isUnknown(members)) {
      if (!Array.isArray(members)) failures.push({ property: "members", reason: "must be a list of { address, protocolPort, weight?, name?, subnetCidrId? }." });
      else {
        if (members.length > LIMITS.membersPerPool) {
          failures.push({ property: "members", reason: `has ${members.length} entries; a pool holds at most ${LIMITS.membersPerPool} members.` });
        }
        const seen = new Map<string, number>();
        members.forEach((m, i) => {
          if (isUnknown(m)) return;
          if (!isPlainObject(m)) {
            failures.push({ property: `members[${i}]`, reason: "must be an object { address, protocolPort, weight?, name?, subnetCidrId? }." });
            return;
          }
          // A plainly valid entry needs only its address and port for M2 below.
          const valid = plainlyValid(m);
          const api = valid ? { address: m.address, protocol_port: m.protocolPort } : toApiNames(entrySpec.fields, m);
          if (!valid) for (const v of violationsOf(entrySpec, api)) failures.push(toFailure(v, `members[${i}].`));
          if (containsUnknown(api.address) || containsUnknown(api.protocol_port)) return;
          // Rule M2: address + port identify a member within its pool.
          const key = identity(api);
          if (key === undefined) return;
          const first = seen.get(key);
          if (first !== undefined) {
            failures.push({ property: `members[${i}]`, reason: `repeats address ${String(api.address)} port ${String(api.protocol_port)} of members[${first}]; each address and port may appear once.` });
          } else seen.set(key, i);
        });
      }
    }
    return { inputs: news, failures: failures.map((f) => asReported(f, news)) };
  },

  async diff(_id, olds, news) {
    const replaces = !containsUnknown(news.poolId) && satisfies(news.poolId, olds.poolId) ? [] : ["poolId"];
    let changed = replaces.length > 0 || containsUnknown(news.members);
    if (!changed) {
      const old = new Map(desiredEntries(olds.members).map((e) => [e.key, e]));
      const want = desiredEntries(news.members);
      changed = want.length !== old.size || want.some((e) => !old.has(e.key) || !sameEntry(e, old.get(e.key)!));
    }
    // Only a pool that may be the same pool (still unknown) could collide with the old set. A
    // different provider text alone is no change (../providers.ts).
    return plain({
      changes: changed,
      replaces,
      deleteBeforeReplace: replaces.length > 0 && containsUnknown(news.poolId) ? true : undefined,
    });
  },

  async create(inputs) {
    const poolId = String(inputs.poolId);
    return { id: poolId, outs: await apply(poolId, desiredEntries(inputs.members), inputs.__provider, true) };
  },

  async read(id, props) {
    const ctx = newContext();
    const poolId = typeof props.poolId === "string" ? props.poolId : id;
    if (!(await ctx.client.find(`/pools/${poolId}`, { deadline: ctx.deadline }))) return { id: "", props: {} };
    const live = ordered(
      (await liveMembers(ctx, poolId)).map((m) => [keyOf(m), m] as const),
      desiredEntries(props.members),
    );
    return { id, props: outputsOf(poolId, live), inputs: inputsOf(poolId, live) };
  },

  async update(_id, olds, news) {
    const poolId = String(news.poolId ?? olds.poolId);
    return { outs: await apply(poolId, desiredEntries(news.members), news.__provider, false) };
  },

  async delete(id, props) {
    const ctx = newContext();
    const poolId = typeof props.poolId === "string" ? props.poolId : id;
    if (!(await ctx.client.find(`/pools/${poolId}`, { deadline: ctx.deadline }))) return;
    const progress = { batches: 0 };
    await converge(ctx, poolId, [], progress);
  },
};
