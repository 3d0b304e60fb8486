// One engine and one provider host for a test file: what most provider-tier files start with.
import { afterAll, beforeAll } from "vitest";
import { testEngine, type TestEngine } from "./engine";
import { ProviderHost } from "./host";
import { Resources } from "./lifecycle";

export interface ProviderUnderTest {
  eng: TestEngine;
  host: ProviderHost;
  r: Resources;
}

/**
 * Starts an in-memory engine and the dynamic-provider host pointed at it before the file's tests,
 * and closes both after them. The fields are set once `beforeAll` has run; read them in tests and
 * later hooks, not at module load.
 */
export function useProvider(): ProviderUnderTest {
  const p = {} as ProviderUnderTest;
  beforeAll(async () => {
    p.eng = await testEngine();
    p.host = await ProviderHost.start({ "elb:endpoint": p.eng.url });
    p.r = await Resources.on(p.host);
  });
  afterAll(async () => {
    await p.host?.close();
    await p.eng?.close();
  });
  return p;
}
