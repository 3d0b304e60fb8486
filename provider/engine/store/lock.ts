// Two engines appending to one log would interleave records and each would compact away the
// other's writes, so a data dir belongs to one store at a time. The lock names its holder's pid;
// a lock left by a killed process (pid no longer running) is taken over, as a restart after
// `kill -9` (G8) must work without manual cleanup.

import { randomBytes } from "node:crypto";
import { link, readdir, readFile, realpath, rename, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { LOCK_FILE, TMP_SUFFIX } from "./codec";
import { StoreError } from "./errors";

interface LockHolder {
  pid: number;
  host: string;
  token: string;
}

// The lock file records a pid, which cannot tell two stores of one process apart.
const heldInThisProcess = new Set<string>();

// `engine.lock.<pid>.<anything>.tmp`: files a lock attempt creates and removes again; a killed
// attempt leaves one behind.
const LOCK_TMP_RE = /^engine\.lock\.(\d+)\.[0-9a-z-]+\.tmp$/;

export class DataDirLock {
  private released = false;

  private constructor(
    private readonly key: string,
    private readonly path: string,
    private readonly token: string,
  ) {}

  static async acquire(dir: string): Promise<DataDirLock> {
    const key = await realpath(dir);
    const path = join(dir, LOCK_FILE);
    if (heldInThisProcess.has(key)) throw lockedError(dir, path, process.pid, " (another store in this process)");
    heldInThisProcess.add(key);
    try {
      const token = randomBytes(8).toString("hex");
      const content = JSON.stringify({ pid: process.pid, host: hostname(), token }) + "\n";
      // Written aside and hard-linked into place: link fails if the lock exists, and a reader
      // never sees a lock file without its pid in it.
      const tmp = join(dir, `${LOCK_FILE}.${process.pid}.${token}${TMP_SUFFIX}`);
      await writeFile(tmp, content);
      try {
        for (let attempt = 0; attempt < 5; attempt++) {
          try {
            await link(tmp, path);
            await removeDeadLockTemps(dir);
            return new DataDirLock(key, path, token);
          } catch (err) {
            if (errno(err) !== "EEXIST") throw err;
          }
          const current = await readFile(path, "utf8").catch(ignoreMissing);
          if (current === undefined) continue;
          const holder = parseHolder(current);
          if (holder && isRunning(holder.pid)) {
            throw lockedError(dir, path, holder.pid, holder.host === hostname() ? "" : ` on host ${holder.host}`);
          }
          await removeStaleLock(path, current, token);
        }
        throw new StoreError("locked", `data dir ${dir}: could not take over the stale lock ${path}; other processes keep racing for it`);
      } finally {
        await unlink(tmp).catch(ignoreMissing);
      }
    } catch (err) {
      heldInThisProcess.delete(key);
      throw err;
    }
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      const current = await readFile(this.path, "utf8").catch(ignoreMissing);
      if (current !== undefined && parseHolder(current)?.token === this.token) await unlink(this.path);
    } finally {
      heldInThisProcess.delete(this.key);
    }
  }
}

function lockedError(dir: string, path: string, pid: number, detail: string): StoreError {
  return new StoreError(
    "locked",
    `data dir ${dir} is in use by engine process ${pid}${detail} (lock file ${path}). ` +
      `Stop that process or use another data dir.`,
  );
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(h.pid) && typeof h.token === "string") {
      return { pid: h.pid as number, host: String(h.host ?? ""), token: h.token };
    }
  } catch {
    // Unparseable: not a lock this engine wrote, treated as stale below.
  }
  return undefined;
}

function isRunning(pid: number): boolean {
  // Our own pid in a lock we do not hold in this process means an earlier process had the same
  // pid (routine in containers, where the engine is often pid 1 on every start).
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errno(err) === "EPERM";
  }
}

/**
 * Moves the stale lock aside before deleting it, and checks that what it moved is the lock it
 * judged stale: if another process replaced it in between, that live lock is put back.
 */
async function removeStaleLock(path: string, staleContent: string, token: string): Promise<void> {
  const aside = `${path}.${process.pid}.stale-${token}${TMP_SUFFIX}`;
  try {
    await rename(path, aside);
  } catch (err) {
    if (errno(err) === "ENOENT") return;
    throw err;
  }
  const moved = await readFile(aside, "utf8");
  if (moved !== staleContent) await link(aside, path).catch(() => undefined);
  await unlink(aside);
}

/** Tidying only: a leftover temp file never blocks anyone, so failing here must not fail open(). */
async function removeDeadLockTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = LOCK_TMP_RE.exec(name);
    if (m && Number(m[1]) !== process.pid && !isRunning(Number(m[1]))) {
      await unlink(join(dir, name)).catch(() => undefined);
    }
  }
}

function errno(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function ignoreMissing(err: unknown): undefined {
  if (errno(err) === "ENOENT") return undefined;
  throw err;
}
