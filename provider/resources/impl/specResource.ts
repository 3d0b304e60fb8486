// One implementation of check / diff / create / read / update / delete for every ELB resource,
// driven by its spec table and natural keys. What differs between resources is what the API
// knows about each (where the object lives, which load balancer's lock a write may hit, which
// listing may hold the object a failed create made, which input-only fields it echoes), declared
// in a small `ResourceKindImpl`.
import type * as pulumi from "@pulumi/pulumi";
import { ElbApiError, isGone, type Deadline, type ElbClient } from "../../client/http";
import { ADOPT_ID, camel, defaultOf, formatValue, toApiNames, toPulumiNames, type FieldDef, type ResourceSpec } from "../../spec";
import { checkResource } from "./check";
import { elb } from "./context";
import { fieldChanges, replacedProperties, type FieldChange } from "./diff";
import { holdsKey, mayCollide, sameKey } from "./keys";
import { isPlainObject, plain, PROVIDER_KEY, sameValue, type Obj } from "./values";

/** One operation's client and deadline. */
export interface OpContext {
  client: ElbClient;
  deadline: Deadline;
}

export const newContext = (): OpContext => {
  const client = elb();
  return { client, deadline: client.deadline() };
};

/** An object as a listing returns it. */
export type Listed = Obj & { id: string };

export interface ResourceKindImpl {
  spec: ResourceSpec;
  /** Collection path of the object (`/listeners`, `/pools/{pool_id}/members`), from API-named inputs or outputs. */
  collection(o: Obj): string;
  /** The object id and any inputs an id carries (import forms such as `<poolId>/<memberId>`). */
  parseId?(id: string): { objectId: string; known: Obj };
  /** The load balancer whose PENDING_* lock (rule G9) a write to this object waits out. */
  loadBalancerOf(ctx: OpContext, o: Obj, objectId?: string): Promise<string | undefined>;
  /**
   * The objects that may be the one a create of `desired` makes, as the API lists them: those
   * that may hold its natural key (the collection and query filters the API offers), or, when
   * the desired object holds no key (load balancer names are not unique; a pool without a
   * listener), those with its name. Which of them is the create's own is decided from the
   * spec's keys (`lookup` below).
   */
  candidates(ctx: OpContext, desired: Obj): Promise<Listed[]>;
  /** The form the API stores a desired value in. */
  normalize?(field: string, value: unknown): unknown;
  /** Input-only fields the API does not echo, recovered from the live object or known inputs. */
  echo?(live: Obj, known: Obj): Obj;
  /** Runs after the POST; a failure here is a partial initialization (the object exists). */
  afterCreate?(ctx: OpContext, obj: Obj): Promise<Obj>;
  /** Applies `special` changes (dedicated endpoints); `loadBalancer` is the one whose lock (G9) they may hit. */
  applySpecial?(ctx: OpContext, objectId: string, changes: FieldChange[], loadBalancer: () => Promise<string | undefined>): Promise<void>;
  afterUpdate?(ctx: OpContext, objectId: string): Promise<void>;
  /** Replaces the plain DELETE (which already treats "not found" as done). */
  deleteObject?(ctx: OpContext, path: string, old: Obj, objectId: string): Promise<void>;
}

/**
 * A create that failed after the object came into being. The provider host turns it into a
 * Pulumi partial-initialization error, so the object is recorded in state (with `__provider`,
 * for the later delete) instead of leaking.
 */
export class ResourceInitError extends Error {
  override name = "ResourceInitError";
  constructor(
    readonly id: string,
    readonly properties: Obj,
    readonly reasons: string[],
  ) {
    super(reasons.join("; "));
  }
}

const memo = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
};

/** Drops values a body field cannot carry: null where the field's kind has no null (a default that means "absent"). */
function bodyValue(def: FieldDef, value: unknown): unknown {
  if (value === null && !def.kind.schema.safeParse(null).success) return undefined;
  if (def.kind.fields && isPlainObject(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) {
      const sub = def.kind.fields[k];
      const b = sub ? bodyValue(sub, v) : v;
      if (b !== undefined) out[k] = b;
    }
    return out;
  }
  return value;
}

/**
 * A create that never duplicates: a POST that fails ambiguously (5xx, broken connection) is
 * followed by a lookup by natural key, and posted again only when nothing was made. `post`
 * answers as the API does; the result is the object, posted or found.
 *
 * A conflict (409) on the natural key asks the same question later: the object there may be
 * this create's own from a run whose answer never arrived — a `pulumi up` killed mid-apply,
 * whose pending create `pulumi refresh --clear-pending-creates` dropped. It is taken over only
 * when it is exactly what this create would make (`isOwn`); anything else stays the API's
 * conflict error.
 */
export async function createOnce(
  ctx: OpContext,
  kind: string,
  post: () => Promise<Obj>,
  lookup: () => Promise<Obj | undefined>,
  isOwn?: (found: Obj) => boolean,
): Promise<Obj> {
  for (let attempt = 0; ; attempt++) {
    try {
      // The answer wraps the object in its kind (`{"member": {...}}`).
      return (await post())[kind] as Obj;
    } catch (e) {
      if (isOwn && e instanceof ElbApiError && e.status === 409) {
        const found = await lookup();
        if (found && isOwn(found)) return found;
        throw e;
      }
      if (!(e as { ambiguous?: boolean }).ambiguous) throw e;
      const found = await lookup();
      if (found) return found;
      await ctx.client.pause(attempt, ctx.deadline, e as Error);
    }
  }
}

export function specResource(impl: ResourceKindImpl): Handler {
  const { spec } = impl;
  const kind = spec.kind;
  const apiNames = (o: Obj) => toApiNames(spec.fields, o, PROVIDER_KEY);

  const locate = (id: string, known: Obj) => {
    const parsed = impl.parseId?.(id) ?? { objectId: id, known: {} };
    const k = { ...known, ...parsed.known };
    return { objectId: parsed.objectId, known: k, path: `${impl.collection(k)}/${parsed.objectId}` };
  };

  /** The echoed input-only fields that could be recovered. */
  const echoed = (live: Obj, known: Obj): Obj => plain(impl.echo?.(live, known) ?? {});

  /** A live object with the input-only fields it echoes: what `diff` and the natural keys read. */
  const asKnown = (live: Obj, known: Obj): Obj => ({ ...live, ...echoed(live, known) });

  /** How `live` differs from what a create of `desired` makes (every field the program gives, defaults for the rest). */
  const differences = (desired: Obj, live: Obj): FieldChange[] => fieldChanges(spec, desired, asKnown(live, desired), impl.normalize);

  /**
   * The object a create of `desired` made, among the candidates: one with its natural key whose
   * create-only fields are what the create would give (another protocol on the listener's port
   * is someone else's listener, and posting again gets the API's conflict error, as it should).
   * When the desired object holds no key, it is a candidate that was not there before the
   * create (`before`).
   */
  const lookup = async (ctx: OpContext, desired: Obj, before: Set<string> | undefined): Promise<Obj | undefined> => {
    const found = await impl.candidates(ctx, desired);
    if (before) return found.find((o) => !before.has(String(o.id)));
    return found.find((o) => sameKey(spec, desired, asKnown(o, desired)) && !differences(desired, o).some((c) => c.effect === "replace"));
  };

  const fieldEntries = Object.entries(spec.fields);

  /** One output property under its Pulumi name, nested tables converted; `undefined` is left out. */
  const put = (out: Obj, field: string, value: unknown) => {
    if (value === undefined) return;
    if (value === null || typeof value !== "object") {
      // Most outputs are strings, numbers and booleans: nothing to convert or copy.
      out[camel(field)] = value;
      return;
    }
    const def = Object.hasOwn(spec.fields, field) ? spec.fields[field] : undefined;
    if (def?.kind.program) out[camel(field)] = plain(def.kind.program.fromApi(value));
    else out[camel(field)] = plain(def?.kind.fields && isPlainObject(value) ? toPulumiNames(def.kind.fields, value) : value);
  };

  /**
   * Outputs: the live object (its id is the resource's id, not a property), create inputs the
   * API does not return taken from what is known, and the echoed input-only fields — in one
   * pass, since every create and read goes through here.
   */
  const outputs = (live: Obj, known: Obj): Obj => {
    const echo = echoed(live, known);
    const out: Obj = {};
    for (const field in live) if (field !== "id" && !Object.hasOwn(echo, field)) put(out, field, live[field]);
    for (const [field, def] of fieldEntries) {
      if (live[field] === undefined && !Object.hasOwn(echo, field) && known[field] !== undefined && def.create) put(out, field, known[field]);
    }
    for (const field in echo) put(out, field, echo[field]);
    return out;
  };

  /** The inputs a program would write to describe the live object: set fields that differ from their default. */
  const inputsOf = (live: Obj, known: Obj): Obj => {
    const full: Obj = { ...known, ...live, ...echoed(live, known) };
    const out: Obj = {};
    for (const [field, def] of fieldEntries) {
      const v = full[field];
      if (v === undefined || v === null) continue;
      const d = defaultOf(def, full);
      if (d !== undefined && sameValue(v, d)) continue;
      out[field] = v;
    }
    return plain(toPulumiNames(spec.fields, out));
  };

  /** Sends the in-place changes (PUT, then the dedicated endpoints) and answers the outputs of the object as it now is. */
  const applyChanges = async (ctx: OpContext, path: string, objectId: string, known: Obj, changes: FieldChange[]): Promise<Obj> => {
    const loadBalancer = memo(() => impl.loadBalancerOf(ctx, known, objectId));
    const body: Obj = {};
    for (const c of changes) {
      if (c.def.change === "special" || !c.def.update) continue;
      const v = bodyValue(c.def, c.desired);
      if (v !== undefined) body[c.field] = v;
    }
    if (Object.keys(body).length > 0) await ctx.client.put(path, { [kind]: body }, { deadline: ctx.deadline, loadBalancer });
    if (changes.some((c) => c.def.change === "special")) await impl.applySpecial?.(ctx, objectId, changes, loadBalancer);
    await impl.afterUpdate?.(ctx, objectId);
    const live = (await ctx.client.get<Obj>(path, { deadline: ctx.deadline }))[kind] as Obj;
    return outputs(live, known);
  };

  /**
   * Takes over an existing object instead of creating one (the `adoptId` input): the object must
   * exist where the program puts it and already hold every input that cannot change in place;
   * the rest is updated to what the program says, as an update would.
   */
  const adopt = async (ctx: OpContext, objectId: string, desired: Obj): Promise<pulumi.dynamic.CreateResult> => {
    const path = `${impl.collection(desired)}/${objectId}`;
    const found = await ctx.client.find<Obj>(path, { deadline: ctx.deadline });
    if (!found) throw new Error(`adoptId: there is no ${spec.noun} ${objectId} at ${path} to adopt.`);
    const live = found[kind] as Obj;
    const changes = differences(desired, live);
    const fixed = changes.filter((c) => c.effect === "replace");
    if (fixed.length > 0) {
      const what = fixed.map((c) => `${camel(c.field)} is ${formatValue(c.old)} there and ${formatValue(c.desired)} in the program`).join("; ");
      throw new Error(`cannot adopt ${spec.noun} ${objectId}: ${what}. An input that cannot change in place must match the object it adopts.`);
    }
    return { id: objectId, outs: await applyChanges(ctx, path, objectId, desired, changes) };
  };

  return {
    async check(_olds, news) {
      return checkResource(spec, news);
    },

    async diff(_id, olds, news) {
      const desired = apiNames(news);
      const old = apiNames(olds);
      const changes = fieldChanges(spec, desired, old, impl.normalize);
      const replaces = replacedProperties(changes);
      // A different provider text alone is no change: the stored text loads this package by
      // name, so it already runs the installed version (see ../providers.ts).
      return plain({
        changes: changes.length > 0,
        replaces,
        deleteBeforeReplace: replaces.length > 0 && mayCollide(spec, desired, old) ? true : undefined,
      });
    },

    async create(inputs) {
      const ctx = newContext();
      const { [ADOPT_ID]: adoptId, ...program } = inputs;
      const desired = apiNames(program);
      if (adoptId !== undefined) return adopt(ctx, String(adoptId), desired);
      // Only what the program set is sent (0, false and "" included); the API fills the rest.
      const body: Obj = {};
      for (const [field, def] of fieldEntries) {
        if (def.inPath || desired[field] === undefined) continue;
        const v = bodyValue(def, desired[field]);
        if (v !== undefined) body[field] = v;
      }
      const loadBalancer = memo(() => impl.loadBalancerOf(ctx, desired));
      // Without a natural key, only an object that was not there before can be this create's.
      const before = holdsKey(spec, desired) ? undefined : new Set((await impl.candidates(ctx, desired)).map((o) => String(o.id)));
      let obj = await createOnce(
        ctx,
        kind,
        () => ctx.client.post<Obj>(impl.collection(desired), { [kind]: body }, { deadline: ctx.deadline, loadBalancer }),
        () => lookup(ctx, desired, before),
        // Every field as the create would make it: the comparison `diff` makes, so a taken-over
        // object shows no change afterwards.
        (found) => differences(desired, found).length === 0,
      );
      const id = String(obj.id);
      if (impl.afterCreate) {
        try {
          obj = await impl.afterCreate(ctx, obj);
        } catch (e) {
          throw new ResourceInitError(id, { ...outputs(obj, desired), __provider: inputs.__provider }, [(e as Error).message]);
        }
      }
      return { id, outs: outputs(obj, desired) };
    },

    async read(id, props) {
      const ctx = newContext();
      const { path, known } = locate(id, apiNames(props));
      const live = await ctx.client.find<Obj>(path, { deadline: ctx.deadline });
      if (!live) return { id: "", props: {} };
      const obj = live[kind] as Obj;
      return { id, props: outputs(obj, known), inputs: inputsOf(obj, known) };
    },

    async update(id, olds, news) {
      const ctx = newContext();
      const desired = apiNames(news);
      const { path, known, objectId } = locate(id, { ...apiNames(olds), ...desired });
      const changes = fieldChanges(spec, desired, apiNames(olds), impl.normalize);
      const replaced = replacedProperties(changes);
      if (replaced.length > 0) throw new Error(`${replaced.join(", ")} cannot change in place; the ${spec.noun} must be replaced.`);
      return { outs: await applyChanges(ctx, path, objectId, known, changes) };
    },

    async delete(id, props) {
      const ctx = newContext();
      const { path, known, objectId } = locate(id, apiNames(props));
      if (impl.deleteObject) return impl.deleteObject(ctx, path, known, objectId);
      await deleteTolerant(ctx, path, () => impl.loadBalancerOf(ctx, known, objectId));
    },
  };
}

/** DELETE that treats "not found" as done (the object is already gone). */
export async function deleteTolerant(ctx: OpContext, path: string, loadBalancer?: () => Promise<string | undefined>): Promise<void> {
  try {
    await ctx.client.delete(path, { deadline: ctx.deadline, loadBalancer: loadBalancer && memo(loadBalancer) });
  } catch (e) {
    if (isGone(e)) return;
    throw e;
  }
}

export interface Handler {
  check(olds: Obj, news: Obj): Promise<pulumi.dynamic.CheckResult>;
  diff(id: string, olds: Obj, news: Obj): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Obj): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props: Obj): Promise<pulumi.dynamic.ReadResult>;
  update(id: string, olds: Obj, news: Obj): Promise<pulumi.dynamic.UpdateResult>;
  delete(id: string, props: Obj): Promise<void>;
}

/** The load balancer an API object belongs to (`loadbalancer_id`, or the `loadbalancers` reference list). */
export function loadBalancerIdOf(o: Obj | undefined): string | undefined {
  if (!o) return undefined;
  if (typeof o.loadbalancer_id === "string" && o.loadbalancer_id) return o.loadbalancer_id;
  const refs = o.loadbalancers as { id?: string }[] | undefined;
  return Array.isArray(refs) && refs[0]?.id ? refs[0].id : undefined;
}
