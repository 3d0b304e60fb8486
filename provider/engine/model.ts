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

/** The index keys an object contributes. */
function indexKeys(kind: ObjectKind, o: StoredObject): [IndexName, string][] {
  switch (kind) {
    case "loadbalancer":
      return [
        ["lb.project", o.project_id],
        ...(o.vip_address ? ([["lb.vip", `${s(o.vpc_id)}|${s(o.vip_address)}`]] as [IndexName, string][]) : []),
      ];
    case "listener":
      return [
        ["listener.lb", s(o.loadbalancer_id)],
        ["listener.port", `${s(o.loadbalancer_id)}|${portSpace(s(o.protocol))}|${s(o.protocol_port)}`],
        ...(o.default_pool_id ? ([["listener.defaultPool", s(o.default_pool_id)]] as [IndexName, string][]) : []),
      ];
    case "pool":
      return [
        ["pool.project", o.project_id],
        ["pool.lb", s(o.loadbalancer_id)],
      ];
    case "member":
      return [
        ["member.pool", s(o.pool_id)],
        ["member.endpoint", `${s(o.pool_id)}|${s(o.address)}|${s(o.protocol_port)}`],
        ...(o.member_type === "ip" ? ([["member.ipPool", s(o.pool_id)]] as [IndexName, string][]) : []),
      ];
    case "healthmonitor":
      return [["monitor.pool", s(o.pool_id)]];
  }
}

const EMPTY: ReadonlySet<string> = new Set();

export class Model {
  private readonly indexes = new Map<IndexName, Map<string, Set<string>>>();
  private readonly listeners = new Set<(mutations: Mutation[]) => void>();

  constructor(readonly store: Store) {}

  /** Builds the indexes from what the store holds. */
  rebuild(): void {
    this.indexes.clear();
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

  ids(index: IndexName, key: string): ReadonlySet<string> {
    return this.indexes.get(index)?.get(key) ?? EMPTY;
  }

  /** The first id under an index key (the only one, for unique keys), or undefined. */
  first(index: IndexName, key: string): string | undefined {
    for (const id of this.ids(index, key)) return id;
    return undefined;
  }

  objects(kind: ObjectKind, index: IndexName, key: string): StoredObject[] {
    const out: StoredObject[] = [];
    for (const id of this.ids(index, key)) {
      const o = this.store.get(kind, id);
      if (o) out.push(o);
    }
    return out;
  }

  /** Applies mutations now (memory and indexes) and resolves once they are durable. */
  commit(mutations: Mutation[]): Promise<void> {
    // The store applies mutations in order, so one commit may touch an object twice (a cascade
    // detaches a listener from its pool, then deletes it): each mutation's "before" is the object
    // as the mutations ahead of it left it, or the indexes would keep keys of a deleted object.
    const latest = new Map<string, StoredObject | undefined>();
    const before = mutations.map((m) => {
      const id = m.op === "put" ? m.obj.id : m.id;
      const key = `${m.kind}:${id}`;
      const old = latest.has(key) ? latest.get(key) : this.store.get(m.kind, id);
      latest.set(key, m.op === "put" ? m.obj : undefined);
      return old;
    });
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
    for (const [name, key] of indexKeys(kind, o)) {
      let byKey = this.indexes.get(name);
      if (!byKey) this.indexes.set(name, (byKey = new Map()));
      let set = byKey.get(key);
      if (!set) byKey.set(key, (set = new Set()));
      set.add(o.id);
    }
  }

  private removeKeys(kind: ObjectKind, o: StoredObject): void {
    for (const [name, key] of indexKeys(kind, o)) {
      const byKey = this.indexes.get(name);
      const set = byKey?.get(key);
      if (!set) continue;
      set.delete(o.id);
      if (set.size === 0) byKey!.delete(key);
    }
  }
}
