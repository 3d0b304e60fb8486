// The engine's view of stored objects: the store plus secondary indexes (children of a parent,
// ports in use, member addresses, VIPs per VPC). Indexes are derived from the objects, never
// stored, so they are rebuilt on start and cannot drift from what is on disk.
//
// Every check and every change of one request happens synchronously between two awaits, and
// the store applies a commit to memory before it returns, so concurrent requests see each
// other's effects in order (G10): of N conflicting creates exactly the allowed number succeed.
import type { Mutation, ObjectKind, Store, StoredObject } from "./store/types";
import { portSpace } from "../spec/protocols";

type IndexName =
  | "lb.project"
  | "lb.vip"
  | "listener.lb"
  | "listener.port"
  | "listener.defaultPool"
  | "pool.project"
  | "pool.lb"
  | "member.pool"
  | "member.endpoint"
  | "member.ipPool"
  | "monitor.pool";

const s = (v: unknown) => String(v);

/**
 * Calls `visit` with each index key an object contributes (no arrays: this runs per object
 * written). A key with a `sub` part is filed under its parent (`key`) first: a member's address
 * and port under its pool. Looking one up then hashes a short key in a table of one pool's
 * members instead of a long one in a table of every member the engine holds.
 */
function eachIndexKey(kind: ObjectKind, o: StoredObject, visit: (name: IndexName, key: string, sub?: string) => void): void {
  switch (kind) {
    case "loadbalancer":
      visit("lb.project", o.project_id);
      if (o.vip_address) visit("lb.vip", `${s(o.vpc_id)}|${s(o.vip_address)}`);
      return;
    case "listener":
      visit("listener.lb", s(o.loadbalancer_id));
      visit("listener.port", `${s(o.loadbalancer_id)}|${portSpace(s(o.protocol))}|${s(o.protocol_port)}`);
      if (o.default_pool_id) visit("listener.defaultPool", s(o.default_pool_id));
      return;
    case "pool":
      visit("pool.project", o.project_id);
      visit("pool.lb", s(o.loadbalancer_id));
      return;
    case "member":
      visit("member.pool", s(o.pool_id));
      visit("member.endpoint", s(o.pool_id), endpointKey(o.address, o.protocol_port));
      if (o.member_type === "ip") visit("member.ipPool", s(o.pool_id));
      return;
    case "healthmonitor":
      visit("monitor.pool", s(o.pool_id));
      return;
  }
}

/** The key of a member's address and port within its pool (the `member.endpoint` index). */
export const endpointKey = (address: unknown, port: unknown): string => `${s(address)}|${s(port)}`;

const EMPTY: ReadonlySet<string> = new Set();

/** Ids under one key: the id itself while there is one, a Set from the second on (see `Model.indexes`). */
type Ids = string | Set<string>;

/**
 * The key as one flat string. A key built by concatenation (`pool|address|port`) is a tree of
 * string pieces in V8, and a kept key keeps the tree: five heap objects per member where one
 * will do. Reading a character makes V8 flatten the string in place, and the collector then
 * keeps only the flat copy.
 */
const flat = (key: string): string => {
  void key.charCodeAt(0);
  return key;
};

export class Model {
  /**
   * Index key → the ids under it: the id itself while there is one (most keys — an endpoint,
   * a port, a VIP — name one object), a Set from the second on. A Set per key cost more to
   * make and to keep than the member it indexed.
   */
  private readonly indexes = new Map<IndexName, Map<string, Ids>>();
  /** Two-level indexes (keys with a `sub` part): parent key → sub key → ids. */
  private readonly scoped = new Map<IndexName, Map<string, Map<string, Ids>>>();
  private readonly listeners = new Set<(mutations: Mutation[]) => void>();

  constructor(readonly store: Store) {}

  /** Builds the indexes from what the store holds. */
  rebuild(): void {
    this.indexes.clear();
    this.scoped.clear();
    for (const kind of ["loadbalancer", "listener", "pool", "member", "healthmonitor"] as const) {
      for (const o of this.store.all(kind)) this.addKeys(kind, o);
    }
  }

  get(kind: ObjectKind, id: string): StoredObject | undefined {
    return this.store.get(kind, id);
  }

  /** An object of this project, or undefined: another project's objects do not exist here (G4). */
  find(kind: ObjectKind, id: string, projectId: string): StoredObject | undefined {
    const o = this.store.get(kind, id);
    return o && o.project_id === projectId ? o : undefined;
  }

  all(kind: ObjectKind): IterableIterator<StoredObject> {
    return this.store.all(kind);
  }

  ids(index: IndexName, key: string, sub?: string): ReadonlySet<string> {
    const ids = this.lookup(index, key, sub);
    return ids === undefined ? EMPTY : typeof ids === "string" ? new Set([ids]) : ids;
  }

  /** The first id under an index key (the only one, for unique keys), or undefined. */
  first(index: IndexName, key: string, sub?: string): string | undefined {
    const ids = this.lookup(index, key, sub);
    if (ids === undefined || typeof ids === "string") return ids;
    for (const id of ids) return id;
    return undefined;
  }

  private lookup(index: IndexName, key: string, sub: string | undefined): Ids | undefined {
    return sub === undefined ? this.indexes.get(index)?.get(key) : this.scoped.get(index)?.get(key)?.get(sub);
  }

  objects(kind: ObjectKind, index: IndexName, key: string): StoredObject[] {
    const out: StoredObject[] = [];
    for (const id of this.ids(index, key)) {
      const o = this.store.get(kind, id);
      if (o) out.push(o);
    }
    return out;
  }

  /**
   * Every index as plain data, keys sorted: what the indexes hold after any run of commits must
   * equal what `rebuild` makes from the same objects, and this is how that is compared.
   */
  describeIndexes(): Record<string, Record<string, unknown>> {
    const idsOf = (ids: Ids) => (typeof ids === "string" ? [ids] : [...ids]);
    const sorted = <V, T>(m: Map<string, V>, f: (v: V) => T) => Object.fromEntries([...m.keys()].sort().map((k) => [k, f(m.get(k)!)]));
    const out: Record<string, Record<string, unknown>> = {};
    for (const [name, byKey] of this.indexes) if (byKey.size) out[name] = sorted(byKey, idsOf);
    for (const [name, parents] of this.scoped) if (parents.size) out[name] = sorted(parents, (byKey) => sorted(byKey, idsOf));
    return out;
  }

  /** Applies mutations now (memory and indexes) and resolves once they are durable. */
  commit(mutations: Mutation[]): Promise<void> {
    // The store applies mutations in order, so one commit may touch an object twice (a cascade
    // detaches a listener from its pool, then deletes it): each mutation's "before" is the object
    // as the mutations ahead of it left it, or the indexes would keep keys of a deleted object.
    const before: (StoredObject | undefined)[] = new Array(mutations.length);
    const latest = new Map<ObjectKind, Map<string, StoredObject | undefined>>();
    for (let i = 0; i < mutations.length; i++) {
      const m = mutations[i];
      const id = m.op === "put" ? m.obj.id : m.id;
      let seen = latest.get(m.kind);
      if (!seen) latest.set(m.kind, (seen = new Map()));
      before[i] = seen.has(id) ? seen.get(id) : this.store.get(m.kind, id);
      seen.set(id, m.op === "put" ? m.obj : undefined);
    }
    const durable = this.store.commit(mutations);
    mutations.forEach((m, i) => {
      const old = before[i];
      if (old) this.removeKeys(m.kind, old);
      if (m.op === "put") this.addKeys(m.kind, m.obj);
    });
    for (const l of this.listeners) l(mutations);
    return durable;
  }

  /** Subscribes to applied changes (the data plane rebuilds its configuration from them). */
  onChange(listener: (mutations: Mutation[]) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private addKeys(kind: ObjectKind, o: StoredObject): void {
    this.adding = o.id;
    eachIndexKey(kind, o, this.addKey);
  }

  private removeKeys(kind: ObjectKind, o: StoredObject): void {
    this.removing = o.id;
    eachIndexKey(kind, o, this.removeKey);
  }

  // The id being indexed, and the visitors, made once rather than a closure per object.
  private adding = "";
  private removing = "";
  private readonly addKey = (name: IndexName, key: string, sub?: string): void => {
    let byKey: Map<string, Ids> | undefined;
    if (sub === undefined) {
      byKey = this.indexes.get(name);
      if (!byKey) this.indexes.set(name, (byKey = new Map()));
    } else {
      let parents = this.scoped.get(name);
      if (!parents) this.scoped.set(name, (parents = new Map()));
      byKey = parents.get(key);
      if (!byKey) parents.set(key, (byKey = new Map()));
      key = sub;
    }
    const ids = byKey.get(key);
    if (ids === undefined) byKey.set(flat(key), this.adding);
    else if (typeof ids !== "string") ids.add(this.adding);
    else if (ids !== this.adding) byKey.set(key, new Set([ids, this.adding]));
  };
  private readonly removeKey = (name: IndexName, key: string, sub?: string): void => {
    const parents = sub === undefined ? undefined : this.scoped.get(name);
    const byKey = sub === undefined ? this.indexes.get(name) : parents?.get(key);
    const k = sub ?? key;
    const ids = byKey?.get(k);
    if (ids === undefined) return;
    if (typeof ids === "string") {
      if (ids !== this.removing) return;
      byKey!.delete(k);
    } else {
      ids.delete(this.removing);
      if (ids.size === 0) byKey!.delete(k);
    }
    // A parent with nothing left under it goes too, so deleted pools leave no tables behind.
    if (parents && byKey!.size === 0) parents.delete(key);
  };
}
