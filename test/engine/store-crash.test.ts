// G8 for real: a writer process is killed with SIGKILL in the middle of a burst of commits (and,
// with a tiny compaction threshold, often in the middle of a compaction), then the data dir must
// load and hold every write the writer saw acknowledged, as one consistent prefix of its commits.

import { spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileStore, StoreError } from "../../provider/engine/store";
import { expectedState } from "./fixtures/store-model";

const root = resolve(__dirname, "../..");
const writer = join(__dirname, "fixtures", "store-writer.js");
// STORE_CRASH_ROUNDS=200 turns this into a soak test; the normal suite stays fast.
const ROUNDS = Number(process.env.STORE_CRASH_ROUNDS ?? 5);

beforeAll(() => {
  // The writer runs outside vitest, on the compiled store; testing a stale build would test
  // yesterday's code.
  const src = join(root, "provider", "engine", "store");
  for (const name of ["types", "state", "codec", "lock", "file", "errors", "memory", "index"]) {
    const js = join(root, "dist", "provider", "engine", "store", `${name}.js`);
    if (!existsSync(js) || statSync(js).mtimeMs < statSync(join(src, `${name}.ts`)).mtimeMs) {
      throw new Error(`${js} is missing or older than its source: run \`npm run build\` first`);
    }
  }
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "elb-store-crash-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Writer {
  child: ChildProcessByStdio<null, Readable, Readable>;
  start: Promise<number>;
  /** Resolves once `n` acks were printed; rejects if the writer dies or the deadline passes. */
  acked(n: number): Promise<void>;
  /** Every ack printed, in order, once the process has exited and its pipes are drained. */
  finished: Promise<number[]>;
}

function startWriter(): Writer {
  const child = spawn(process.execPath, [writer, dir, "16384"], { stdio: ["ignore", "pipe", "pipe"] });
  const acks: number[] = [];
  let stderr = "";
  let buffered = "";
  let startN: ((n: number) => void) | undefined;
  const start = new Promise<number>((r) => (startN = r));
  const watchers: { n: number; resolve(): void }[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      const [word, num] = line.split(" ");
      if (word === "start") startN?.(Number(num));
      else if (word === "ack") acks.push(Number(num));
    }
    for (const w of watchers.splice(0)) {
      if (acks.length >= w.n) w.resolve();
      else watchers.push(w);
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const finished = new Promise<number[]>((resolveFinished) => child.on("close", () => resolveFinished(acks)));
  const acked = (n: number): Promise<void> =>
    new Promise<void>((resolveAcked, reject) => {
      const deadline = setTimeout(() => reject(new Error(`writer printed ${acks.length} of ${n} acks in 10 s`)), 10_000);
      const done = (): void => {
        clearTimeout(deadline);
        resolveAcked();
      };
      if (acks.length >= n) return done();
      watchers.push({ n, resolve: done });
      void finished.then(() => {
        clearTimeout(deadline);
        reject(new Error(`writer exited after ${acks.length} acks: ${stderr}`));
      });
    });
  return { child, start, acked, finished };
}

describe("FileStore survives SIGKILL of the writing process", () => {
  it(`keeps every acknowledged commit across ${ROUNDS} kills mid-burst`, async () => {
    let recovered = -1;
    for (let round = 0; round < ROUNDS; round++) {
      const w = startWriter();
      // The writer resumes from what the previous recovery found, so all rounds build one history.
      expect(await w.start).toBe(recovered + 1);

      await w.acked(5);
      if (round === 0) {
        const err = await new FileStore(dir).open().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(StoreError);
        expect((err as StoreError).code).toBe("locked");
        expect((err as StoreError).message).toContain(`${dir} is in use by engine process ${w.child.pid}`);
      }
      // Different stopping points per round, so kills land at different phases of the log.
      await w.acked(60 + (round % 7) * 113);
      w.child.kill("SIGKILL");
      const acks = await w.finished;
      expect(w.child.signalCode).toBe("SIGKILL");
      const lastAck = Math.max(...acks);

      // The dead writer's lock is stale and is taken over.
      const store = new FileStore(dir);
      await store.open();
      const head = store.get("pool", "head");
      expect(head, `round ${round}: nothing loaded`).toBeDefined();
      const r = head?.n as number;
      expect(r, `round ${round}: acknowledged commit ${lastAck} lost`).toBeGreaterThanOrEqual(lastAck);
      const expected = expectedState(r);
      expect([...store.all("member")]).toEqual(expected.member);
      expect([...store.all("pool")]).toEqual(expected.pool);
      await store.close();
      recovered = r;
    }
    // The tiny compaction threshold made the writers compact many times, so kills also hit
    // rotations and snapshot writes, not only plain appends.
    const gens = (await readdir(dir)).flatMap((n) => /^wal-(\d+)\.jsonl$/.exec(n)?.[1] ?? []).map(Number);
    expect(Math.max(...gens)).toBeGreaterThan(5);
  }, 5_000 + ROUNDS * 2_000);
});
