// One in-process engine per test file: memory store, port 0, closed after the file.
import { afterAll, beforeAll } from "vitest";
import { startEngine, type EngineOptions, type RunningEngine } from "../../../provider/engine";
import { api, type Api } from "./api";

export interface TestEngine {
  readonly engine: RunningEngine;
  readonly url: string;
  /** A client for a fresh project (so quotas and lists of one test never see another's objects). */
  project(id?: string): Api;
}

/** Starts a memory engine before the file's tests and stops it after them. */
export function useEngine(options: EngineOptions = {}): TestEngine {
  let engine: RunningEngine | undefined;
  const faults: string[] = [];
  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, log: (line) => faults.push(line), ...options });
  });
  afterAll(async () => {
    await engine?.close();
    // G2: an internal fault is a bug even when the test that caused it did not look at the status.
    if (faults.length) throw new Error(`the engine logged internal faults:\n${faults.join("\n")}`);
  });
  const self: TestEngine = {
    get engine() {
      if (!engine) throw new Error("engine not started (use it inside a test or hook)");
      return engine;
    },
    get url() {
      return self.engine.url;
    },
    project: (id) => api(self.url, id),
  };
  return self;
}
