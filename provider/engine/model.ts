// The engine's view of stored objects: the store plus indexes derived from the objects, never
// stored, so they are rebuilt on start and cannot drift from what is on disk. Two kinds of index:
// relations (the listeners of a load balancer, the members of a pool, ...) and natural keys, the
// uniqueness rules each resource spec declares (spec/keys.ts): who holds a member's address and
// port in its pool (M2), a listener's port in its port space (S2), a VIP in its VPC (L2), a
// pool's monitor slot (H1).
//
// Every check and every change of one request happens synchronously between two awaits, and
// the store applies a commit to memory before it returns, so concurrent requests see each
// other's effects in order (G10): of N conflicting creates exactly the allowed number succeed.
import { keyInScope, keyScope, specs, type NaturalKey } from "../spec";
import type { StoredOf } from "../spec/types";
import type { Mutation, ObjectKind, Store, StoredObject } from "./store/types";
import { ipGroupIdsOf } from "../spec/ipgroup";

/** A change to the stored objects, typed by kind: what the model commits and reports. */
export type Change = { [K in ObjectKind]: { op: "put"; kind: K; obj: StoredOf<K> } | { op: "delete"; kind: K; id: string } }[ObjectKind];

interface Relation {
  kind: ObjectKind;
  /** The field holding the parent's id. */
  field: string;
  /** Only objects this accepts are indexed. */
  when?: (o: StoredObject) => boolean;
  /** The parent ids, when the field does not hold one id (a listener's IP groups). */
  parents?: (o: StoredObject) => string[];
}

/** Objects of a kind by the id of their parent. */
const RELATIONS = {
  "lb.project": { kind: "loadbalancer", field: "project_id" },
  "listener.lb": { kind: "listener", field: "loadbalancer_id" },
  "listener.defaultPool": { kind: "listener", field: "default_pool_id" },
  // T4: a custom security policy lists, and cannot lose, the listeners that use it.
  "listener.securityPolicy": { kind: "listener", field: "security_policy_id" },
  // I4: an IP group lists, and cannot lose, the listeners that use it (each id of ipgroup_id).
  "listener.ipgroup": { kind: "listener", field: "ipgroup", parents: (o) => ipGroupIdsOf(o.ipgroup) },
  "pool.project": { kind: "pool", field: "project_id" },
  "pool.lb": { kind: "pool", field: "loadbalancer_id" },
  "member.pool": { kind: "member", field: "pool_id" },
  // M6 counts IP backends per load balancer, across its pools.
  "member.ipPool": { kind: "member", field: "pool_id", when: (o) => o.member_type === "ip" },
  "monitor.pool": { kind: "healthmonitor", field: "pool_id" },
} as const satisfies Record<string, Relation>;

export type RelationName = keyof typeof RELATIONS;
type KindOf<R extends RelationName> = (typeof RELATIONS)[R]["kind"];

/** The relations and the natural keys the engine indexes, by the kind of object they read. */
const RELATIONS_OF = new Map<ObjectKind, [RelationName, Relation][]>(
  Object.keys(specs).map((kind) => [kind as ObjectKind, (Object.entries(RELATIONS) as [RelationName, Relation][]).filter(([, r]) => r.kind === kind)]),
);
const INDEXED_KEYS = new Map<ObjectKind, NaturalKey[]>(Object.values(specs).map((spec) => [spec.kind, spec.naturalKeys.filter((k) => k.indexed)]));

const EMPTY: ReadonlySet<string> = new Set();

/** Ids filed under string keys: adding and removing one id leaves the others. */
class IdIndex {
  private readonly byKey = new Map<string, Set<string>>();

  ids(key: string): ReadonlySet<string> {
    return this.byKey.get(key) ?? EMPTY;
  }

  add(key: string, id: string): void {
    const ids = this.byKey.get(key);
    if (ids) ids.add(id);
    else this.byKey.set(key, new Set([id]));
  }

  remove(key: string, id: string): void {
    const ids = this.byKey.get(key);
    if (!ids) return;
    ids.delete(id);
    if (ids.size === 0) this.byKey.delete(key);
  }

  clear(): void {
    this.byKey.clear();
  }

  /** The index as plain data, keys sorted. */
  describe(): Record<string, string[]> {
    return Object.fromEntries([...this.byKey.keys()].sort().map((k) => [k, [...this.byKey.get(k)!]]));
  }
}

/**
 * Who holds each value of a natural key, by the key's scope first (a member's pool), then its
 * value within the scope (address and port): the declaration's two halves. After a commit one
 * object holds a value; within one, a second may arrive before the first leaves, so a value keeps
 * a short list of ids rather than a Set, which costs more to make and keep than the one id it
 * nearly always holds.
 */
class KeyIndex {
  private readonly byScope = new Map<string, Map<string, string[]>>();

  holders(scope: string, value: string): readonly string[] {
    return this.byScope.get(scope)?.get(value) ?? [];
  }

  add(scope: string, value: string, id: string): void {
    let values = this.byScope.get(scope);
    if (!values) this.byScope.set(scope, (values = new Map()));
    const ids = values.get(value);
    if (!ids) values.set(value, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }

  remove(scope: string, value: string, id: string): void {
    const values = this.byScope.get(scope);
    const ids = values?.get(value);
    const at = ids ? ids.indexOf(id) : -1;
    if (at < 0) return;
    if (ids!.length > 1) ids!.splice(at, 1);
    else {
      values!.delete(value);
      // A scope with nothing left in it goes too, so deleted pools leave nothing behind.
      if (values!.size === 0) this.byScope.delete(scope);
    }
  }

  clear(): void {
    this.byScope.clear();
  }

  /** The index as plain data, scopes and values sorted. */
  describe(): Record<string, Record<string, string[]>> {
    const sorted = <V, T>(m: Map<string, V>, f: (v: V) => T) => Object.fromEntries([...m.keys()].sort().map((k) => [k, f(m.get(k)!)]));
    return sorted(this.byScope, (values) => sorted(values, (ids) => [...ids]));
  }
}

export class Model {
  private readonly relations = new Map<RelationName, IdIndex>(Object.keys(RELATIONS).map((name) => [name as RelationName, new IdIndex()]));
  private readonly keys = new Map<NaturalKey, KeyIndex>([...INDEXED_KEYS.values()].flat().map((key) => [key, new KeyIndex()]));
  private readonly listeners = new Set<(changes: readonly Change[]) => void>();

  constructor(readonly store: Store) {}

  /** Builds the indexes from what the store holds. */
  rebuild(): void {
    for (const index of [...this.relations.values(), ...this.keys.values()]) index.clear();
    for (const kind of Object.keys(specs) as ObjectKind[]) {
      for (const o of this.store.all(kind)) this.index(kind, o, "add");
    }
  }

  get<K extends ObjectKind>(kind: K, id: string): StoredOf<K> | undefined {
    return this.store.get(kind, id) as StoredOf<K> | undefined;
  }

  /** An object of this project, or undefined: another project's objects do not exist here (G4). */
  find<K extends ObjectKind>(kind: K, id: string, projectId: string): StoredOf<K> | undefined {
    const o = this.get(kind, id);
    return o && o.project_id === projectId ? o : undefined;
  }

  /** Every stored object of a kind, all projects. */
  all<K extends ObjectKind>(kind: K): IterableIterator<StoredOf<K>> {
    return this.store.all(kind) as IterableIterator<StoredOf<K>>;
  }

  /** The ids of the objects under a parent. */
  ids(relation: RelationName, parentId: string): ReadonlySet<string> {
    return this.relations.get(relation)!.ids(parentId);
  }

  /** The first id under a parent (the only one, for a pool's monitor), or undefined. */
  first(relation: RelationName, parentId: string): string | undefined {
    for (const id of this.ids(relation, parentId)) return id;
    return undefined;
  }

  /** The objects under a parent. */
  children<R extends RelationName>(relation: R, parentId: string): StoredOf<KindOf<R>>[] {
    const kind: KindOf<R> = RELATIONS[relation].kind;
    const out: StoredOf<KindOf<R>>[] = [];
    for (const id of this.ids(relation, parentId)) {
      const o = this.get(kind, id);
      if (o) out.push(o);
    }
    return out;
  }

  /**
   * The id of an object other than `except` that holds `obj`'s value of a natural key, or
   * undefined when none does (or `obj` has no value of the key).
   */
  holder(key: NaturalKey, obj: Readonly<Record<string, unknown>>, except?: string): string | undefined {
    const index = this.keys.get(key);
    if (!index) throw new Error(`rule ${key.rule}'s key is not indexed`);
    const scope = keyScope(key, obj);
    const value = scope === undefined ? undefined : keyInScope(key, obj);
    if (value === undefined) return undefined;
    for (const id of index.holders(scope!, value)) if (id !== except) return id;
    return undefined;
  }

  /**
   * Every index as plain data, keys sorted: what the indexes hold after any run of commits must
   * equal what `rebuild` makes from the same objects, and this is how that is compared.
   */
  describeIndexes(): Record<string, Record<string, unknown>> {
    const out: Record<string, Record<string, unknown>> = {};
    const add = (name: string, index: IdIndex | KeyIndex) => {
      const described = index.describe();
      if (Object.keys(described).length) out[name] = described;
    };
    for (const [name, index] of this.relations) add(name, index);
    for (const [key, index] of this.keys) add(`key ${key.rule}`, index);
    return out;
  }

  /** Applies changes now (memory and indexes) and resolves once they are durable. */
  commit(changes: readonly Change[]): Promise<void> {
    // The store applies changes in order, so one commit may touch an object twice (a cascade
    // detaches a listener from its pool, then deletes it): each change's "before" is the object
    // as the changes ahead of it left it, or the indexes would keep keys of a deleted object.
    const latest = new Map<ObjectKind, Map<string, StoredObject | undefined>>();
    const before = changes.map((c) => {
      const id = c.op === "put" ? c.obj.id : c.id;
      let seen = latest.get(c.kind);
      if (!seen) latest.set(c.kind, (seen = new Map()));
      const old = seen.has(id) ? seen.get(id) : this.store.get(c.kind, id);
      seen.set(id, c.op === "put" ? c.obj : undefined);
      return old;
    });
    const durable = this.store.commit(changes as Mutation[]);
    changes.forEach((c, i) => {
      const old = before[i];
      if (old) this.index(c.kind, old, "remove");
      if (c.op === "put") this.index(c.kind, c.obj, "add");
    });
    for (const listener of this.listeners) listener(changes);
    return durable;
  }

  /** Subscribes to applied changes, as they are applied (the data plane follows them). */
  onChange(listener: (changes: readonly Change[]) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private index(kind: ObjectKind, o: StoredObject, op: "add" | "remove"): void {
    for (const [name, relation] of RELATIONS_OF.get(kind) ?? []) {
      if (relation.when && !relation.when(o)) continue;
      if (relation.parents) {
        for (const parent of relation.parents(o)) this.relations.get(name)![op](parent, o.id);
        continue;
      }
      const parent = o[relation.field];
      if (parent !== undefined && parent !== null) this.relations.get(name)![op](String(parent), o.id);
    }
    for (const key of INDEXED_KEYS.get(kind) ?? []) {
      const scope = keyScope(key, o);
      const value = scope === undefined ? undefined : keyInScope(key, o);
      if (value !== undefined) this.keys.get(key)![op](scope!, value, o.id);
    }
  }
}
