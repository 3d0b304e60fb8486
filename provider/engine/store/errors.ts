// Store failures carry a code so the engine's CLI can print a one-line message for the expected
// ones (a locked or newer data dir) instead of a stack trace.

export type StoreErrorCode =
  /** Another engine process (or another store in this process) holds the data dir. */
  | "locked"
  /** The data dir was written by a newer, unknown format version, or is not a state dir. */
  | "format"
  /** A state file is damaged somewhere other than a torn last record. */
  | "corrupt"
  /** A mutation is not a valid store mutation (unknown kind, missing id, not JSON). */
  | "invalid"
  /** The store is closed, or was never opened. */
  | "closed"
  /** Writing or syncing the log failed; nothing further is accepted until the engine restarts. */
  | "io";

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StoreError";
  }
}
