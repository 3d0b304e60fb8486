// The on-disk encoding (documented in FORMAT.md): file names, the version header every file
// starts with, and checksummed records. Kept apart from FileStore so the crash-safety logic there
// reads as a sequence of file operations.

import { crc32 } from "node:zlib";
import { StoreError } from "./errors";
import { validateMutations } from "./state";
import { type Mutation, type ObjectKind, type StoredObject } from "./types";

export const FORMAT_NAME = "pulumi-elb-engine-state";
export const FORMAT_VERSION = 1;

export const MARKER_FILE = "format.json";
export const LOCK_FILE = "engine.lock";
export const TMP_SUFFIX = ".tmp";

const SNAPSHOT_RE = /^snapshot-(\d+)\.jsonl$/;
const WAL_RE = /^wal-(\d+)\.jsonl$/;

export const snapshotFile = (gen: number): string => `snapshot-${String(gen).padStart(10, "0")}.jsonl`;
export const walFile = (gen: number): string => `wal-${String(gen).padStart(10, "0")}.jsonl`;

export function parseFileName(name: string): { type: "snapshot" | "wal"; gen: number } | undefined {
  const s = SNAPSHOT_RE.exec(name);
  if (s) return { type: "snapshot", gen: Number(s[1]) };
  const w = WAL_RE.exec(name);
  if (w) return { type: "wal", gen: Number(w[1]) };
  return undefined;
}

type FileRole = "marker" | "snapshot" | "wal";

export interface Header {
  format: typeof FORMAT_NAME;
  version: number;
  file?: FileRole;
  generation?: number;
  objects?: number;
}

export function headerLine(header: Omit<Header, "format" | "version">): string {
  return JSON.stringify({ format: FORMAT_NAME, version: FORMAT_VERSION, ...header }) + "\n";
}

/** Refuses files of another format or a newer version before anything in them is interpreted. */
export function checkHeader(text: string, path: string, role: FileRole): Header {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw new StoreError("format", `${path} is not a ${FORMAT_NAME} file: its first line is not JSON`);
  }
  const h = header as Partial<Header> | null;
  if (typeof h !== "object" || h === null || h.format !== FORMAT_NAME) {
    throw new StoreError("format", `${path} is not a ${FORMAT_NAME} file (format ${JSON.stringify(h?.format)})`);
  }
  if (typeof h.version !== "number" || !Number.isInteger(h.version) || h.version < 1) {
    throw new StoreError("format", `${path} has an invalid format version ${JSON.stringify(h.version)}`);
  }
  if (h.version > FORMAT_VERSION) {
    throw new StoreError(
      "format",
      `${path} was written by a newer engine (state format version ${h.version}); this engine reads ` +
        `version ${FORMAT_VERSION}. Run the newer engine, or point this one at another data dir.`,
    );
  }
  if (role !== "marker" && h.file !== role) {
    throw new StoreError("corrupt", `${path} is named as a ${role} file but its header says ${JSON.stringify(h.file)}`);
  }
  return h as Header;
}

/** `<crc32 of json, 8 hex digits> <json>\n`: a torn or bit-flipped record fails the checksum. */
export function encodeRecord(json: string): Buffer {
  const body = Buffer.from(json, "utf8");
  const line = Buffer.allocUnsafe(9 + body.length + 1);
  line.write(crc32(body).toString(16).padStart(8, "0"), 0, "latin1");
  line[8] = 0x20;
  body.copy(line, 9);
  line[line.length - 1] = 0x0a;
  return line;
}

function decodeRecord(buf: Buffer, start: number, end: number): unknown {
  if (end - start < 10 || buf[start + 8] !== 0x20) return undefined;
  const expected = Number.parseInt(buf.toString("latin1", start, start + 8), 16);
  const body = buf.subarray(start + 9, end);
  if (!Number.isInteger(expected) || crc32(body) !== expected) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function splitHeader(buf: Buffer, path: string, role: FileRole): { header: Header; bodyStart: number } {
  const nl = buf.indexOf(0x0a);
  if (nl < 0) throw new StoreError("corrupt", `${path} has no complete header line`);
  return { header: checkHeader(buf.toString("utf8", 0, nl), path, role), bodyStart: nl + 1 };
}

export interface WalContents {
  /** Transactions in commit order. */
  transactions: Mutation[][];
  /** Length of the intact prefix; anything after it is a torn final write that was never acknowledged. */
  goodLength: number;
}

/**
 * One line per group-commit flush, holding the flushed transactions in order. A flush is
 * acknowledged only after its fsync and the next one starts only after that, so damage can only
 * be in the final line: an invalid line with more lines after it is real corruption, not a crash.
 */
export function parseWal(buf: Buffer, path: string, gen: number): WalContents {
  const { header, bodyStart } = splitHeader(buf, path, "wal");
  if (header.generation !== gen) {
    throw new StoreError("corrupt", `${path} says it is generation ${header.generation}, expected ${gen}`);
  }
  const transactions: Mutation[][] = [];
  let pos = bodyStart;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) break;
    const batch = decodeRecord(buf, pos, nl);
    if (batch === undefined) {
      if (nl + 1 < buf.length) {
        throw new StoreError(
          "corrupt",
          `${path} is damaged at byte ${pos}: a record fails its checksum and more records follow it, ` +
            `so this is not a torn last write. Restore the data dir from a backup.`,
        );
      }
      break;
    }
    if (!Array.isArray(batch)) throw new StoreError("corrupt", `${path}: record at byte ${pos} is not a list of transactions`);
    for (const txn of batch) {
      try {
        validateMutations(txn);
      } catch (err) {
        throw new StoreError("corrupt", `${path}: record at byte ${pos} holds an invalid transaction: ${(err as Error).message}`);
      }
      transactions.push(txn);
    }
    pos = nl + 1;
  }
  return { transactions, goodLength: pos };
}

export function snapshotRecord(kind: ObjectKind, obj: StoredObject): Buffer {
  return encodeRecord(JSON.stringify({ kind, obj }));
}

/** A snapshot is renamed into place only once complete and synced, so any damage is corruption. */
export function parseSnapshot(buf: Buffer, path: string, gen: number): Mutation[] {
  const { header, bodyStart } = splitHeader(buf, path, "snapshot");
  if (header.generation !== gen) {
    throw new StoreError("corrupt", `${path} says it is generation ${header.generation}, expected ${gen}`);
  }
  const puts: Mutation[] = [];
  let pos = bodyStart;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    const rec = nl < 0 ? undefined : (decodeRecord(buf, pos, nl) as { kind?: unknown; obj?: unknown } | undefined);
    if (typeof rec !== "object" || rec === null) {
      throw new StoreError("corrupt", `${path} is damaged at byte ${pos}. Restore the data dir from a backup.`);
    }
    const one: unknown[] = [{ op: "put", kind: rec.kind, obj: rec.obj }];
    try {
      validateMutations(one);
    } catch (err) {
      throw new StoreError("corrupt", `${path}: record at byte ${pos} is invalid: ${(err as Error).message}`);
    }
    puts.push(...one);
    pos = nl + 1;
  }
  if (puts.length !== header.objects) {
    throw new StoreError("corrupt", `${path} holds ${puts.length} objects but its header promises ${header.objects}`);
  }
  return puts;
}

