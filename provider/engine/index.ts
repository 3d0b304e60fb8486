// The reference ELB engine, for programmatic use: `startEngine(options)` → `{ url, close() }`.
export { startEngine, type EngineOptions, type RunningEngine } from "./engine";
export { DEFAULT_NETWORK, loadNetworkFile, type Network } from "./network";
export { FakeClock, systemClock, type Clock } from "./clock";
export { loadCredentials, type Credentials } from "./auth";
