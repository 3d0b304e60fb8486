import { spawnSync } from "node:child_process";
import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  FileStore,
  MemoryStore,
  StoreError,
  type FileStoreOptions,
  type Mutation,
  type Store,
  type StoredObject,
} from "../../provider/engine/store";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "elb-store-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function openFileStore(dir: string, options?: FileStoreOptions): Promise<FileStore> {
  const store = new FileStore(dir, options);
  await store.open();
  cleanups.push(() => store.close());
  return store;
}

const obj = (id: string, fields: Record<string, unknown> = {}): StoredObject => ({ id, project_id: "p1", ...fields });
const put = (id: string, fields: Record<string, unknown> = {}): Mutation => ({ op: "put", kind: "pool", obj: obj(id, fields) });
const del = (id: string): Mutation => ({ op: "delete", kind: "pool", id });
const ids = (store: Store, kind: "pool" | "member" = "pool"): string[] => [...store.all(kind)].map((o) => o.id);

async function expectStoreError(p: Promise<unknown>, code: StoreError["code"], message?: RegExp | string): Promise<StoreError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
  if (message !== undefined) expect((err as StoreError).message).toMatch(message);
  return err as StoreError;
}

function contract(name: string, make: () => Promise<Store>): void {
  describe(`${name}: store contract`, () => {
    it("returns what was put, and undefined for an unknown id", async () => {
      const store = await make();
      await store.commit([put("a", { name: "first" })]);
      expect(store.get("pool", "a")).toEqual(obj("a", { name: "first" }));
      expect(store.get("pool", "nope")).toBeUndefined();
    });

    it("keeps kinds apart: one id may exist in two kinds", async () => {
      const store = await make();
      await store.commit([put("x"), { op: "put", kind: "member", obj: obj("x", { weight: 1 }) }]);
      expect(store.count("pool")).toBe(1);
      expect(store.count("member")).toBe(1);
      expect(store.count("listener")).toBe(0);
      expect(store.get("member", "x")?.weight).toBe(1);
      expect(store.get("pool", "x")?.weight).toBeUndefined();
    });

    it("deletes, and treats deleting an absent id as a no-op", async () => {
      const store = await make();
      await store.commit([put("a"), put("b")]);
      await store.commit([del("a"), del("never-existed")]);
      expect(store.get("pool", "a")).toBeUndefined();
      expect(ids(store)).toEqual(["b"]);
      expect(store.count("pool")).toBe(1);
    });

    it("lists in insertion order; an update keeps its place, a delete and re-put moves to the end", async () => {
      const store = await make();
      await store.commit([put("a"), put("b"), put("c")]);
      await store.commit([put("a", { v: 2 })]);
      expect(ids(store)).toEqual(["a", "b", "c"]);
      expect(store.get("pool", "a")?.v).toBe(2);
      await store.commit([del("b")]);
      await store.commit([put("b")]);
      expect(ids(store)).toEqual(["a", "c", "b"]);
    });

    it("applies a multi-mutation commit to memory before the promise settles", async () => {
      const store = await make();
      await store.commit([put("old")]);
      const done = store.commit([put("n1"), put("n2"), del("old")]);
      expect(ids(store)).toEqual(["n1", "n2"]);
      await done;
    });

    it("rejects a commit with one bad mutation as a whole, changing nothing", async () => {
      const store = await make();
      await store.commit([put("keep")]);
      const bad = [put("new"), del("keep"), { op: "put", kind: "router", obj: obj("r") }] as unknown as Mutation[];
      await expectStoreError(store.commit(bad), "invalid", /mutation 2: kind "router"/);
      await expectStoreError(store.commit([put("new"), { op: "put", kind: "pool", obj: { project_id: "p1" } } as unknown as Mutation]), "invalid", /obj\.id/);
      await expectStoreError(store.commit([put("new", { big: 1n })]), "invalid", /not plain JSON: obj\.big is a bigint/);
      // What a JSON file would silently drop or change is refused, so a restart serves the same object.
      await expectStoreError(store.commit([put("new", { gone: undefined })]), "invalid", /obj\.gone is undefined/);
      await expectStoreError(store.commit([put("new", { n: { x: [1, NaN] } })]), "invalid", /obj\.n\.x\[1\] is NaN/);
      await expectStoreError(store.commit([put("new", { at: new Date(0) })]), "invalid", /obj\.at is a Date object/);
      const loop: Record<string, unknown> = {};
      loop.self = loop;
      await expectStoreError(store.commit([put("new", { loop })]), "invalid", /a cycle/);
      expect(ids(store)).toEqual(["keep"]);
    });

    it("refuses commits after close", async () => {
      const store = await make();
      await store.close();
      await expectStoreError(store.commit([put("late")]), "closed");
    });
  });
}

contract("MemoryStore", async () => {
  const store = new MemoryStore();
  await store.open();
  return store;
});

contract("FileStore", async () => openFileStore(await tempDir()));

/** Sizes of every file in the dir, so a test can see exactly what one commit wrote. */
async function fileSizes(dir: string): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const name of await readdir(dir)) sizes.set(name, (await stat(join(dir, name))).size);
  return sizes;
}

async function onlyFile(dir: string, prefix: "wal-" | "snapshot-"): Promise<string> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(prefix) && n.endsWith(".jsonl"));
  expect(names).toHaveLength(1);
  return join(dir, names[0] as string);
}

describe("FileStore durability", () => {
  it("reloads everything after close, with order, updates and deletes", async () => {
    const dir = await tempDir();
    const first = new FileStore(dir);
    await first.open();
    await first.commit([put("a"), put("b"), put("c")]);
    await first.commit([put("a", { v: 2 }), del("b"), { op: "put", kind: "loadbalancer", obj: obj("lb", { name: "web" }) }]);
    await first.commit([put("b", { v: 3 })]);
    await first.close();

    const second = await openFileStore(dir);
    expect([...second.all("pool")]).toEqual([obj("a", { v: 2 }), obj("c"), obj("b", { v: 3 })]);
    expect(second.get("loadbalancer", "lb")).toEqual(obj("lb", { name: "web" }));
  });

  it("close() waits for commits still being written", async () => {
    const dir = await tempDir();
    const store = new FileStore(dir);
    await store.open();
    const unawaited = Array.from({ length: 50 }, (_, i) => store.commit([put(`c${i}`)]));
    await store.close();
    await Promise.all(unawaited);
    expect(ids(await openFileStore(dir))).toHaveLength(50);
  });

  it("starts empty in a new dir and records the format version", async () => {
    const dir = join(await tempDir(), "nested", "data");
    const store = await openFileStore(dir);
    expect(store.count("loadbalancer")).toBe(0);
    expect(JSON.parse(await readFile(join(dir, "format.json"), "utf8"))).toEqual({
      format: "pulumi-elb-engine-state",
      version: 1,
      file: "marker",
    });
  });

  it("groups commits queued during an fsync into one record, resolving them in order", async () => {
    const dir = await tempDir();
    const store = await openFileStore(dir);
    const resolved: number[] = [];
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.commit([put(`g${i}`)]).then(() => resolved.push(i))));
    expect(resolved).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const lines = (await readFile(await onlyFile(dir, "wal-"), "utf8")).trimEnd().split("\n");
    // Header plus far fewer records than commits; the first commit starts the first flush alone.
    expect(lines.length - 1).toBeLessThanOrEqual(3);
    await store.close();
    expect(ids(await openFileStore(dir))).toHaveLength(200);
  });

  it("does not write more bytes per commit when the store is large", async () => {
    async function bytesOfOneCommit(objects: number): Promise<{ appended: number; snapshot: number }> {
      const dir = await tempDir();
      const store = await openFileStore(dir);
      for (let i = 0; i < objects; i += 1000) {
        const n = Math.min(1000, objects - i);
        await store.commit(Array.from({ length: n }, (_, j) => ({ op: "put", kind: "member", obj: obj(`m${i + j}`, { address: "192.168.0.10", protocol_port: 80, weight: 1 }) })));
      }
      // Start from a fresh log either way, so the two measurements see the same log state.
      await store.compact();
      const before = await fileSizes(dir);
      await store.commit([put("probe", { name: "one small write" })]);
      const after = await fileSizes(dir);
      const wal = basename(await onlyFile(dir, "wal-"));
      for (const [name, size] of after) if (name !== wal) expect(size, name).toBe(before.get(name));
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      return {
        appended: (after.get(wal) as number) - (before.get(wal) as number),
        snapshot: (await stat(await onlyFile(dir, "snapshot-"))).size,
      };
    }
    const small = await bytesOfOneCommit(10);
    const large = await bytesOfOneCommit(20_000);
    expect(small.appended).toBeGreaterThan(0);
    expect(large.appended).toBe(small.appended);
    // The large store really is large: a write cost proportional to it would show.
    expect(large.snapshot).toBeGreaterThan(1000 * large.appended);
  });
});

describe("FileStore torn and damaged logs", () => {
  async function storeWithTwoCommits(): Promise<{ dir: string; wal: string }> {
    const dir = await tempDir();
    const store = new FileStore(dir);
    await store.open();
    await store.commit([put("a")]);
    await store.commit([put("b"), put("c"), put("d")]);
    await store.close();
    return { dir, wal: await onlyFile(dir, "wal-") };
  }

  it("drops a half-written final record, and later commits survive the next reopen", async () => {
    const { dir, wal } = await storeWithTwoCommits();
    const intact = (await stat(wal)).size;
    await appendFile(wal, '0badc0de [[{"op":"put","kind":"pool","obj":{"id":"torn"');
    const reopened = new FileStore(dir);
    await reopened.open();
    expect(ids(reopened)).toEqual(["a", "b", "c", "d"]);
    expect((await stat(wal)).size).toBe(intact);
    await reopened.commit([put("after")]);
    await reopened.close();
    // Had the torn bytes stayed, "after" would sit behind them and be lost on this reopen.
    expect(ids(await openFileStore(dir))).toEqual(["a", "b", "c", "d", "after"]);
  });

  it("drops a multi-mutation commit cut short as a whole: none of it loads", async () => {
    const { dir, wal } = await storeWithTwoCommits();
    await truncate(wal, (await stat(wal)).size - 7);
    expect(ids(await openFileStore(dir))).toEqual(["a"]);
  });

  it("drops a complete final line whose checksum does not match", async () => {
    const { dir, wal } = await storeWithTwoCommits();
    const text = await readFile(wal, "utf8");
    await writeFile(wal, text.replace(/"id":"d"/, '"id":"D"'));
    expect(ids(await openFileStore(dir))).toEqual(["a"]);
  });

  it("refuses a log damaged before its last record instead of dropping acknowledged writes", async () => {
    const { dir, wal } = await storeWithTwoCommits();
    const text = await readFile(wal, "utf8");
    await writeFile(wal, text.replace(/"id":"a"/, '"id":"A"'));
    await expectStoreError(new FileStore(dir).open(), "corrupt", /damaged at byte \d+.*more records follow/);
  });
});

describe("FileStore compaction", () => {
  it("keeps every object, update and delete through frequent compactions under concurrent commits", async () => {
    const dir = await tempDir();
    const store = new FileStore(dir, { compactMinLogBytes: 512, compactLogRatio: 0.25 });
    await store.open();
    const model = new Map<string, StoredObject>();
    for (let round = 0; round < 60; round++) {
      const commits: Promise<void>[] = [];
      for (let k = 0; k < 5; k++) {
        const i = round * 5 + k;
        const muts: Mutation[] = [put(`o${i}`, { i })];
        if (i % 3 === 0 && i > 0) muts.push(del(`o${i - 2}`));
        if (i % 7 === 0 && i > 0) muts.push(put(`o${i - 1}`, { i: i - 1, touched: true }));
        for (const m of muts) {
          if (m.op === "put") model.set(m.obj.id, m.obj);
          else model.delete(m.id);
        }
        commits.push(store.commit(muts));
      }
      await Promise.all(commits);
    }
    await store.close();
    const names = await readdir(dir);
    const snapshots = names.filter((n) => n.startsWith("snapshot-"));
    expect(snapshots).toHaveLength(1);
    expect(Number(/\d+/.exec(snapshots[0] as string)?.[0])).toBeGreaterThan(5);
    expect(names.filter((n) => n.startsWith("wal-"))).toHaveLength(1);
    expect([...(await openFileStore(dir)).all("pool")]).toEqual([...model.values()]);
  });

  it("loads correctly from the files of every step of a compaction, as a crash would leave them", async () => {
    const dir = await tempDir();
    const store = new FileStore(dir);
    await store.open();
    await store.commit([put("a"), put("b")]);
    await store.commit([del("a"), put("c")]);
    const beforeRotation = join(await tempDir(), "copy");
    await cp(dir, beforeRotation, { recursive: true });
    await store.compact();
    await store.commit([put("d"), put("b", { v: 2 })]);
    await store.close();
    const expected = [obj("b", { v: 2 }), obj("c"), obj("d")];
    const oldWal = await onlyFile(beforeRotation, "wal-");
    const newWal = await onlyFile(dir, "wal-");
    const newSnapshot = await onlyFile(dir, "snapshot-");

    async function scenario(files: [from: string, name: string][]): Promise<StoredObject[]> {
      const d = await tempDir();
      await cp(join(dir, "format.json"), join(d, "format.json"));
      for (const [from, name] of files) await cp(from, join(d, name));
      const s = await openFileStore(d);
      const loaded = [...s.all("pool")];
      await s.close();
      return loaded;
    }
    const halfSnapshot = join(await tempDir(), "half");
    await writeFile(halfSnapshot, (await readFile(newSnapshot)).subarray(0, 40));

    // Log rotated, snapshot still being written: old log + new log replay.
    expect(await scenario([[oldWal, basename(oldWal)], [newWal, basename(newWal)], [halfSnapshot, `${basename(newSnapshot)}.tmp`]])).toEqual(expected);
    // Snapshot renamed into place, old log not yet removed: it must be ignored, not replayed twice.
    expect(await scenario([[oldWal, basename(oldWal)], [newSnapshot, basename(newSnapshot)], [newWal, basename(newWal)]])).toEqual(expected);
    // Cleanup finished.
    expect(await scenario([[newSnapshot, basename(newSnapshot)], [newWal, basename(newWal)]])).toEqual(expected);
  });

  it("refuses a data dir whose snapshot is missing rather than loading half the state", async () => {
    const dir = await tempDir();
    const store = new FileStore(dir);
    await store.open();
    await store.commit([put("a")]);
    await store.compact();
    await store.commit([put("b")]);
    await store.close();
    await rm(await onlyFile(dir, "snapshot-"));
    await expectStoreError(new FileStore(dir).open(), "corrupt", /missing its snapshot/);
  });
});

describe("FileStore format version", () => {
  it("refuses a data dir written by a newer format version, naming both versions", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "format.json"), '{"format":"pulumi-elb-engine-state","version":2}\n');
    const err = await expectStoreError(new FileStore(dir).open(), "format", /newer engine \(state format version 2\).*reads version 1/);
    expect(err.message).toContain(join(dir, "format.json"));
    // The failed open released the lock: the second attempt reports the format again, not a lock.
    await expectStoreError(new FileStore(dir).open(), "format");
  });

  it("refuses a log file with a newer version header", async () => {
    const dir = await tempDir();
    const store = new FileStore(dir);
    await store.open();
    await store.commit([put("a")]);
    await store.close();
    const wal = await onlyFile(dir, "wal-");
    await writeFile(wal, (await readFile(wal, "utf8")).replace('"version":1', '"version":7'));
    await expectStoreError(new FileStore(dir).open(), "format", /version 7/);
  });

  it("refuses a directory holding some other format", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "format.json"), '{"format":"something-else","version":1}\n');
    await expectStoreError(new FileStore(dir).open(), "format", /not a pulumi-elb-engine-state file/);
  });
});

describe("FileStore data dir lock", () => {
  it("refuses a second store on the same dir, naming the dir and the holder's pid, until the first closes", async () => {
    const dir = await tempDir();
    const first = new FileStore(dir);
    await first.open();
    const err = await expectStoreError(new FileStore(dir).open(), "locked");
    expect(err.message).toContain(dir);
    expect(err.message).toContain(`engine process ${process.pid}`);
    await first.close();
    const second = await openFileStore(dir);
    await second.commit([put("x")]);
  });

  it("releases the lock when close() is called while open() is still running", async () => {
    const dir = await tempDir();
    const store = new FileStore(dir);
    const opened = store.open();
    const closed = store.close();
    await opened;
    await closed;
    await expectStoreError(store.commit([put("x")]), "closed");
    await openFileStore(dir);
  });

  it("takes over a lock left by a process that no longer runs, and removes its own on close", async () => {
    const dir = await tempDir();
    const dead = spawnSync(process.execPath, ["-e", ""]).pid as number;
    const lockPath = join(dir, "engine.lock");
    await writeFile(lockPath, JSON.stringify({ pid: dead, host: "h", token: "0123" }) + "\n");
    const store = new FileStore(dir);
    await store.open();
    expect(JSON.parse(await readFile(lockPath, "utf8")).pid).toBe(process.pid);
    await store.close();
    await expect(stat(lockPath)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
