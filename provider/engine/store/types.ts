// The persistence interface the engine's handlers talk to. Two implementations share it: an
// in-memory one for fast tests and a durable file one for the running engine (rule G8).

export type ObjectKind = "loadbalancer" | "listener" | "pool" | "member" | "healthmonitor" | "certificate" | "security_policy" | "ipgroup" | "settings";

export const OBJECT_KINDS: readonly ObjectKind[] = [
  "loadbalancer",
  "listener",
  "pool",
  "member",
  "healthmonitor",
  "certificate",
  "security_policy",
  "ipgroup",
  // A project's settings (the certificates' private-key echo, C5): one object per project.
  "settings",
];

/** One ELB object as plain JSON (its API body). */
export interface StoredObject {
  id: string;
  project_id: string;
  [field: string]: unknown;
}

export type Mutation =
  | { op: "put"; kind: ObjectKind; obj: StoredObject }
  | { op: "delete"; kind: ObjectKind; id: string };

export interface Store {
  /** Reads existing state (file store) — called once before use. */
  open(): Promise<void>;
  get(kind: ObjectKind, id: string): StoredObject | undefined;
  /** All objects of a kind in insertion order (stable). */
  all(kind: ObjectKind): IterableIterator<StoredObject>;
  count(kind: ObjectKind): number;
  /** Applies the mutations to memory synchronously, atomically (all or nothing), then resolves once they are durable. */
  commit(mutations: Mutation[]): Promise<void>;
  close(): Promise<void>;
}
