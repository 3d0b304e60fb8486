// A live in-memory engine for a test file, and a plain API client to look at its state.
import { ElbClient } from "../../../provider/client/http";
import { resolveSettings } from "../../../provider/client/settings";
import { startEngine, type EngineOptions, type RunningEngine } from "../../../provider/engine";

export type Obj = Record<string, unknown>;

export interface TestEngine {
  engine: RunningEngine;
  url: string;
  api: Api;
  close(): Promise<void>;
}

/** Direct API access for arranging out-of-band changes and asserting the engine's state. */
export class Api {
  readonly client: ElbClient;
  constructor(url: string) {
    this.client = new ElbClient(resolveSettings((k) => (k === "elb:endpoint" ? url : undefined), {}));
  }
  private get deadline() {
    return this.client.deadline(30_000);
  }
  get<T = Obj>(path: string): Promise<T> {
    return this.client.get<T>(path, { deadline: this.deadline });
  }
  find<T = Obj>(path: string): Promise<T | undefined> {
    return this.client.find<T>(path, { deadline: this.deadline });
  }
  list(path: string, plural: string, query: Record<string, string | number> = {}): Promise<(Obj & { id: string })[]> {
    return this.client.list(path, plural, query, this.deadline);
  }
  post<T = Obj>(path: string, body: unknown): Promise<T> {
    return this.client.post<T>(path, body, { deadline: this.deadline });
  }
  put<T = Obj>(path: string, body: unknown): Promise<T> {
    return this.client.put<T>(path, body, { deadline: this.deadline });
  }
  delete(path: string): Promise<void> {
    return this.client.delete(path, { deadline: this.deadline });
  }
}

export async function testEngine(options: EngineOptions = {}): Promise<TestEngine> {
  const engine = await startEngine({ port: 0, memory: true, log: () => {}, ...options });
  return { engine, url: engine.url, api: new Api(engine.url), close: () => engine.close() };
}

/** The seeded network (N1): the loopback subnet carries real traffic on this machine. */
export const NET = {
  loopbackSubnet: "9d2e4f60-1a2b-4c3d-8e4f-000000000001",
  privateSubnetA: "9d2e4f60-1a2b-4c3d-8e4f-000000000002",
  privateSubnetB: "9d2e4f60-1a2b-4c3d-8e4f-000000000003",
  otherVpcSubnet: "9d2e4f60-1a2b-4c3d-8e4f-000000000004",
  defaultVpc: "3c5ae0b5-7a6b-4c1e-9f0e-000000000001",
  otherVpc: "3c5ae0b5-7a6b-4c1e-9f0e-000000000002",
} as const;
