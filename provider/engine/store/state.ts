// The in-memory tables both stores serve reads from, and the one place that decides whether a
// batch of mutations is acceptable, so a commit is all-or-nothing in either store.

import { StoreError } from "./errors";
import { OBJECT_KINDS, type Mutation, type ObjectKind, type StoredObject } from "./types";

const KIND_SET: ReadonlySet<string> = new Set(OBJECT_KINDS);

/** A consistent copy of every table's contents, in insertion order, for writing a snapshot. */
export type StateImage = ReadonlyArray<readonly [ObjectKind, readonly StoredObject[]]>;

export class StateTables {
  // A Map keeps insertion order, and re-putting an existing id keeps its place: that is the
  // "stable insertion order" `Store.all` promises, and replay reproduces it exactly.
  private readonly tables = new Map<ObjectKind, Map<string, StoredObject>>(
    OBJECT_KINDS.map((k) => [k, new Map()]),
  );

  get(kind: ObjectKind, id: string): StoredObject | undefined {
    return this.table(kind).get(id);
  }

  all(kind: ObjectKind): IterableIterator<StoredObject> {
    return this.table(kind).values();
  }

  count(kind: ObjectKind): number {
    return this.table(kind).size;
  }

  /** Callers validate first (`validateMutations`); applying cannot fail halfway after that. */
  apply(mutations: readonly Mutation[]): void {
    for (const m of mutations) {
      const table = this.table(m.kind);
      if (m.op === "put") table.set(m.obj.id, m.obj);
      else table.delete(m.id);
    }
  }

  /** Objects are never mutated in place (the store owns them), so copying references suffices. */
  image(): StateImage {
    return OBJECT_KINDS.map((k) => [k, Array.from(this.table(k).values())] as const);
  }

  private table(kind: ObjectKind): Map<string, StoredObject> {
    const table = this.tables.get(kind);
    if (!table) throw new StoreError("invalid", `unknown object kind ${JSON.stringify(kind)}`);
    return table;
  }
}

/** Throws a StoreError naming the first bad mutation; a commit with one bad entry changes nothing. */
export function validateMutations(mutations: unknown): asserts mutations is Mutation[] {
  if (!Array.isArray(mutations)) {
    throw new StoreError("invalid", "commit expects an array of mutations");
  }
  mutations.forEach((m: unknown, i) => {
    const where = `mutation ${i}`;
    if (typeof m !== "object" || m === null) throw new StoreError("invalid", `${where} is not an object`);
    const { op, kind } = m as { op?: unknown; kind?: unknown };
    if (typeof kind !== "string" || !KIND_SET.has(kind)) {
      throw new StoreError(
        "invalid",
        `${where}: kind ${JSON.stringify(kind)} is not one of ${OBJECT_KINDS.join(", ")}`,
      );
    }
    if (op === "put") {
      const obj = (m as { obj?: unknown }).obj;
      if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
        throw new StoreError("invalid", `${where}: put needs obj to be a JSON object`);
      }
      const { id, project_id } = obj as { id?: unknown; project_id?: unknown };
      if (typeof id !== "string" || id === "") {
        throw new StoreError("invalid", `${where}: obj.id must be a non-empty string, got ${JSON.stringify(id)}`);
      }
      if (typeof project_id !== "string") {
        throw new StoreError("invalid", `${where}: obj.project_id must be a string, got ${JSON.stringify(project_id)}`);
      }
    } else if (op === "delete") {
      const id = (m as { id?: unknown }).id;
      if (typeof id !== "string" || id === "") {
        throw new StoreError("invalid", `${where}: delete needs a non-empty string id, got ${JSON.stringify(id)}`);
      }
    } else {
      throw new StoreError("invalid", `${where}: op ${JSON.stringify(op)} is not "put" or "delete"`);
    }
  });
}
