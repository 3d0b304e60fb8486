// The non-durable store: same contract as FileStore, nothing on disk, so engine tests that do
// not care about G8 run without touching the file system.

import { StoreError } from "./errors";
import { StateTables, validateMutations } from "./state";
import type { Mutation, ObjectKind, Store, StoredObject } from "./types";

export class MemoryStore implements Store {
  private readonly state = new StateTables();
  private closed = false;

  async open(): Promise<void> {}

  get(kind: ObjectKind, id: string): StoredObject | undefined {
    return this.state.get(kind, id);
  }

  all(kind: ObjectKind): IterableIterator<StoredObject> {
    return this.state.all(kind);
  }

  count(kind: ObjectKind): number {
    return this.state.count(kind);
  }

  commit(mutations: Mutation[]): Promise<void> {
    try {
      if (this.closed) throw new StoreError("closed", "the store is closed");
      // Refuses everything FileStore would refuse, plain-JSON values included (see state.ts).
      validateMutations(mutations);
    } catch (err) {
      return Promise.reject(err);
    }
    this.state.apply(mutations);
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
