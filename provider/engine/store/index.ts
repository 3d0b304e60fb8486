export { OBJECT_KINDS } from "./types";
export type { Mutation, ObjectKind, Store, StoredObject } from "./types";
export { MemoryStore } from "./memory";
export { FileStore, type FileStoreOptions } from "./file";
export { StoreError, type StoreErrorCode } from "./errors";
export { FORMAT_NAME, FORMAT_VERSION } from "./codec";
