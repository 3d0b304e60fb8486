// The durable store behind rule G8: a write the engine answers with 2xx is on disk, and a
// `kill -9` at any instant leaves a data dir that loads with every acknowledged write.
//
// Layout and record format are in FORMAT.md. The shape: a snapshot (all objects as of some
// point) plus write-ahead logs (every commit since), both under a numbered generation. A commit
// appends one record to the current log and fsyncs, so its cost depends on its own size, never
// on how much is stored. Once the log outgrows the snapshot, the log is rotated and a new
// snapshot is written beside the old files; it takes over only by an atomic rename, so every
// crash point leaves either the old snapshot with all its logs or the new one with the newer log.

import type { FileHandle } from "node:fs/promises";
import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import {
  MARKER_FILE,
  TMP_SUFFIX,
  checkHeader,
  encodeRecord,
  headerLine,
  parseFileName,
  parseSnapshot,
  parseWal,
  snapshotFile,
  snapshotRecord,
  walFile,
} from "./codec";
import { StoreError } from "./errors";
import { DataDirLock } from "./lock";
import { StateTables, validateMutations, type StateImage } from "./state";
import type { Mutation, ObjectKind, Store, StoredObject } from "./types";

export interface FileStoreOptions {
  /**
   * Compaction waits until the log replayed at startup holds at least this many bytes, so a
   * small state is not rewritten on every few commits. Default 4 MiB.
   */
  compactMinLogBytes?: number;
  /**
   * ...and until the log is this many times the size of the snapshot: rewriting the snapshot
   * then costs at most 1/ratio bytes per logged byte, which keeps compaction amortised O(1) per
   * commit however large the state grows. Default 1.
   */
  compactLogRatio?: number;
  /**
   * A failed background compaction loses nothing (the old snapshot and logs stay authoritative)
   * and is retried when the log grows further; this hears about it. Default: a process warning.
   */
  onBackgroundError?: (err: Error) => void;
}

interface PendingCommit {
  /** The transaction as JSON, or undefined for an empty commit, which writes nothing. */
  json: string | undefined;
  resolve(): void;
  reject(err: Error): void;
}

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

interface OpenLog {
  fh: FileHandle;
  gen: number;
  /** Current length; records are written at this offset. */
  bytes: number;
}

type Status = "new" | "opening" | "open" | "closing" | "closed";

const STATE_TMP_RE = /^(?:(?:snapshot|wal)-\d+\.jsonl|format\.json)\.tmp$/;
const SNAPSHOT_CHUNK_BYTES = 1 << 20;

export class FileStore implements Store {
  private readonly state = new StateTables();
  private readonly compactMinLogBytes: number;
  private readonly compactLogRatio: number;
  private readonly onBackgroundError: (err: Error) => void;
  private status: Status = "new";
  private lock: DataDirLock | undefined;
  private log: OpenLog | undefined;
  /** Log bytes a restart would replay on top of the newest snapshot (written or being written). */
  private replayBytes = 0;
  private snapshotBytes = 0;
  private pending: PendingCommit[] = [];
  private compactRequests: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private snapshotting: Promise<void> | undefined;
  private opening: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  /** Set when a log write or fsync fails: memory may then hold commits the disk does not. */
  private failure: StoreError | undefined;

  constructor(
    readonly dir: string,
    options: FileStoreOptions = {},
  ) {
    this.compactMinLogBytes = options.compactMinLogBytes ?? 4 << 20;
    this.compactLogRatio = options.compactLogRatio ?? 1;
    this.onBackgroundError =
      options.onBackgroundError ??
      ((err) =>
        process.emitWarning(
          `state compaction in ${dir} failed (nothing is lost; it is retried as the log grows): ${err.message}`,
        ));
  }

  open(): Promise<void> {
    if (this.status !== "new") {
      return Promise.reject(new StoreError("closed", `FileStore(${this.dir}).open() may be called only once`));
    }
    this.status = "opening";
    this.opening = this.load();
    return this.opening;
  }

  private async load(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      this.lock = await DataDirLock.acquire(this.dir);
      await this.recover();
      this.status = "open";
    } catch (err) {
      this.status = "closed";
      await this.log?.fh.close().catch(() => undefined);
      await this.lock?.release();
      throw err;
    }
  }

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
    let json: string | undefined;
    try {
      this.assertWritable();
      validateMutations(mutations);
      // Serialised before memory changes, so a value JSON cannot hold rejects the whole commit.
      json = mutations.length === 0 ? undefined : JSON.stringify(mutations.map(canonical));
    } catch (err) {
      return Promise.reject(
        err instanceof StoreError ? err : new StoreError("invalid", `mutations are not plain JSON: ${(err as Error).message}`),
      );
    }
    this.state.apply(mutations);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ json, resolve, reject });
      this.kickFlush();
    });
  }

  /**
   * Writes a snapshot holding everything committed before the call and drops the files it
   * supersedes. The store does this by itself as the log grows; this is for tests and shutdown.
   */
  compact(): Promise<void> {
    try {
      this.assertWritable();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => {
      this.compactRequests.push({ resolve, reject });
      this.kickFlush();
    });
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.status === "new") {
      this.status = "closed";
      return (this.closing = Promise.resolve());
    }
    this.closing = (async () => {
      // A close racing an unfinished open must not release a lock the open is still taking.
      if (this.status === "opening") await this.opening?.catch(() => undefined);
      if (this.status === "closed") return;
      this.status = "closing";
      // Commits already accepted are flushed; new ones were refused the moment status changed.
      while (this.flushing || this.snapshotting) {
        await this.flushing;
        await this.snapshotting;
      }
      try {
        await this.log?.fh.close();
      } finally {
        this.status = "closed";
        await this.lock?.release();
      }
    })();
    return this.closing;
  }

  private assertWritable(): void {
    if (this.failure) throw this.failure;
    if (this.status !== "open") {
      throw new StoreError("closed", `the store for ${this.dir} is ${this.status === "new" ? "not open yet" : "closed"}`);
    }
  }

  // ---- recovery ------------------------------------------------------------------------------

  private async recover(): Promise<void> {
    await this.checkFormatMarker();
    const names = await readdir(this.dir);
    for (const name of names) {
      // Leftovers of a write that was never renamed into place: never part of the state.
      if (STATE_TMP_RE.test(name)) await unlink(join(this.dir, name));
    }
    const snapshots: number[] = [];
    const logs: number[] = [];
    for (const name of names) {
      const f = parseFileName(name);
      if (f) (f.type === "snapshot" ? snapshots : logs).push(f.gen);
    }
    // The newest snapshot wins: it is renamed into place only when complete, and only after the
    // log it is followed by exists. Older files are leftovers of an unfinished cleanup.
    const base = snapshots.length > 0 ? Math.max(...snapshots) : 0;
    if (snapshots.length > 0) {
      const path = join(this.dir, snapshotFile(base));
      const buf = await readFile(path);
      this.state.apply(parseSnapshot(buf, path, base));
      this.snapshotBytes = buf.length;
    }
    const replay = logs.filter((g) => g >= base).sort((a, b) => a - b);
    replay.forEach((gen, i) => {
      if (gen !== base + i) {
        const missing = base === 0 && snapshots.length === 0 && i === 0 ? "its snapshot" : walFile(base + i);
        throw new StoreError("corrupt", `data dir ${this.dir} has ${walFile(gen)} but is missing ${missing}`);
      }
    });
    this.replayBytes = 0;
    for (const [i, gen] of replay.entries()) {
      const path = join(this.dir, walFile(gen));
      const buf = await readFile(path);
      const { transactions, goodLength } = parseWal(buf, path, gen);
      const last = i === replay.length - 1;
      if (goodLength < buf.length && !last) {
        // A log is rotated away only after its last write was synced, so only the newest can be torn.
        throw new StoreError("corrupt", `${path} ends in a damaged record but a newer log follows it`);
      }
      for (const txn of transactions) this.state.apply(txn);
      this.replayBytes += goodLength;
      if (last) {
        const fh = await open(path, "r+");
        this.log = { fh, gen, bytes: goodLength };
        if (goodLength < buf.length) {
          // The torn tail was never acknowledged; cut it so the log holds only intact records.
          await fh.truncate(goodLength);
          await fh.datasync();
        }
      }
    }
    if (!this.log) {
      this.log = await this.createLog(base);
      this.replayBytes = this.log.bytes;
    }
    await this.removeGenerationsBefore(base);
  }

  private async checkFormatMarker(): Promise<void> {
    const path = join(this.dir, MARKER_FILE);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      await this.writeDurably(MARKER_FILE, [Buffer.from(headerLine({ file: "marker" }))]);
      return;
    }
    checkHeader(text.split("\n", 1)[0] ?? "", path, "marker");
  }

  // ---- group commit ---------------------------------------------------------------------------

  private hasWork(): boolean {
    if (this.failure) return false;
    return this.pending.length > 0 || (this.compactRequests.length > 0 && !this.snapshotting);
  }

  private kickFlush(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = undefined;
      // Commits that arrived after the loop's last check but before this callback ran.
      if (this.hasWork()) this.kickFlush();
    });
  }

  /**
   * One write + fsync per turn for every commit queued since the last turn: while an fsync is in
   * flight, concurrent commits pile up and go out together (G10 throughput), resolved in order.
   */
  private async flushLoop(): Promise<void> {
    let batch: PendingCommit[] = [];
    let waiters: Waiter[] = [];
    try {
      while (this.hasWork()) {
        batch = this.pending.splice(0);
        const jsons = batch.flatMap((c) => (c.json === undefined ? [] : [c.json]));
        const record = jsons.length > 0 ? encodeRecord(`[${jsons.join(",")}]`) : undefined;
        const recordBytes = record?.length ?? 0;
        const requested = this.compactRequests.length > 0 && !this.snapshotting;
        const due =
          !this.snapshotting &&
          this.replayBytes + recordBytes >= Math.max(this.compactMinLogBytes, this.compactLogRatio * this.snapshotBytes);
        waiters = requested ? this.compactRequests.splice(0) : [];
        // Taken in the same tick as the batch, so it holds exactly this log plus this batch:
        // the snapshot can then take over from this log once the batch is on disk.
        const image = requested || due ? this.state.image() : undefined;

        if (record) await this.append(record);
        for (const c of batch) c.resolve();
        batch = [];

        if (image) {
          const snapshotWaiters = waiters;
          waiters = [];
          await this.startSnapshot(image, snapshotWaiters);
        }
      }
    } catch (err) {
      this.fail(err, batch, waiters);
    }
  }

  private async append(record: Buffer): Promise<void> {
    const log = this.log as OpenLog;
    let written = 0;
    while (written < record.length) {
      const { bytesWritten } = await log.fh.write(record, written, record.length - written, log.bytes + written);
      written += bytesWritten;
    }
    await log.fh.datasync();
    log.bytes += record.length;
    this.replayBytes += record.length;
  }

  private fail(err: unknown, batch: PendingCommit[], waiters: Waiter[]): void {
    this.failure ??= new StoreError(
      "io",
      `writing the state log in ${this.dir} failed (${(err as Error).message}); ` +
        `no further writes are accepted: restart the engine to reload the state from disk`,
      { cause: err },
    );
    const failure = this.failure;
    for (const c of [...batch, ...this.pending.splice(0)]) c.reject(failure);
    for (const w of [...waiters, ...this.compactRequests.splice(0)]) w.reject(failure);
  }

  // ---- compaction -----------------------------------------------------------------------------

  /**
   * Rotates the log, then writes the snapshot in the background so commits keep flowing into
   * the new log meanwhile. Until the snapshot's rename, recovery uses the old snapshot and
   * replays both logs; after it, the new snapshot and the new log.
   */
  private async startSnapshot(image: StateImage, waiters: Waiter[]): Promise<void> {
    const old = this.log as OpenLog;
    let next: OpenLog;
    try {
      next = await this.createLog(old.gen + 1);
    } catch (err) {
      // Appending to the old log stays correct even if the new one got created: it would
      // replay, empty, after the old one.
      this.reportCompactionError(err as Error, waiters);
      return;
    }
    this.log = next;
    this.replayBytes = next.bytes;
    await old.fh.close().catch(() => undefined);
    this.snapshotting = this.writeSnapshot(image, next.gen)
      .then(
        () => waiters.forEach((w) => w.resolve()),
        (err: Error) => this.reportCompactionError(err, waiters),
      )
      .finally(() => {
        this.snapshotting = undefined;
        if (this.hasWork()) this.kickFlush();
      });
  }

  private async writeSnapshot(image: StateImage, gen: number): Promise<void> {
    const objects = image.reduce((n, [, objs]) => n + objs.length, 0);
    const header = Buffer.from(headerLine({ file: "snapshot", generation: gen, objects }));
    this.snapshotBytes = await this.writeDurably(snapshotFile(gen), snapshotChunks(header, image));
    await this.removeGenerationsBefore(gen);
  }

  private reportCompactionError(err: Error, waiters: Waiter[]): void {
    if (waiters.length > 0) waiters.forEach((w) => w.reject(err));
    else this.onBackgroundError(err);
  }

  private async removeGenerationsBefore(gen: number): Promise<void> {
    let removed = false;
    for (const name of await readdir(this.dir)) {
      const f = parseFileName(name);
      if (f && f.gen < gen) {
        await unlink(join(this.dir, name));
        removed = true;
      }
    }
    // Not needed for correctness (recovery ignores older generations), only so a crash does
    // not bring back files that were already reported gone.
    if (removed) await this.syncDir();
  }

  // ---- file primitives ------------------------------------------------------------------------

  private async createLog(gen: number): Promise<OpenLog> {
    const name = walFile(gen);
    const bytes = await this.writeDurably(name, [Buffer.from(headerLine({ file: "wal", generation: gen }))]);
    return { fh: await open(join(this.dir, name), "r+"), gen, bytes };
  }

  /** Write to a temp file, fsync, rename over the final name, fsync the directory. */
  private async writeDurably(name: string, chunks: Iterable<Buffer>): Promise<number> {
    const path = join(this.dir, name);
    const tmp = path + TMP_SUFFIX;
    const fh = await open(tmp, "w");
    let size = 0;
    try {
      for (const chunk of chunks) {
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await fh.write(chunk, written, chunk.length - written, size + written);
          written += bytesWritten;
        }
        size += chunk.length;
      }
      await fh.sync();
    } catch (err) {
      await fh.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    await fh.close();
    await rename(tmp, path);
    await this.syncDir();
    return size;
  }

  private async syncDir(): Promise<void> {
    // Windows cannot open a directory for fsync, and NTFS journals renames itself.
    if (process.platform === "win32") return;
    const fh = await open(this.dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}

function canonical(m: Mutation): Mutation {
  return m.op === "put" ? { op: "put", kind: m.kind, obj: m.obj } : { op: "delete", kind: m.kind, id: m.id };
}

/** Generated lazily so a large snapshot is never one string in memory. */
function* snapshotChunks(header: Buffer, image: StateImage): Generator<Buffer> {
  let parts: Buffer[] = [header];
  let size = header.length;
  for (const [kind, objs] of image) {
    for (const obj of objs) {
      const rec = snapshotRecord(kind, obj);
      parts.push(rec);
      size += rec.length;
      if (size >= SNAPSHOT_CHUNK_BYTES) {
        yield Buffer.concat(parts, size);
        parts = [];
        size = 0;
      }
    }
  }
  if (size > 0) yield Buffer.concat(parts, size);
}
