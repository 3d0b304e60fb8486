// Starting and stopping the reference engine: store, model, routes, server.
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { Authenticator, type Credentials } from "./auth";
import { systemClock, type Clock } from "./clock";
import { EngineContext, type Route } from "./context";
import { certificateRoutes } from "./handlers/certificates";
import { securityPolicyRoutes } from "./handlers/security-policies";
import { ipGroupRoutes } from "./handlers/ipgroups";
import { healthMonitorRoutes } from "./handlers/healthmonitors";
import { listenerRoutes } from "./handlers/listeners";
import { loadBalancerRoutes } from "./handlers/loadbalancers";
import { memberRoutes } from "./handlers/members";
import { networkRoutes } from "./handlers/network";
import { poolRoutes } from "./handlers/pools";
import { Model } from "./model";
import { DEFAULT_NETWORK, type Network } from "./network";
import { DataPlane } from "./dataplane";
import { FaultInjector, type FaultOptions } from "./faults";
import { tagRoutes } from "./handlers/tags";
import { trafficRoutes } from "./handlers/traffic";
import { createServer } from "./server";
import { ApiLog } from "./console/api-log";
import { consoleHandler } from "./console/handler";
import { TrafficWindow } from "./console/traffic-window";
import { FileStore, MemoryStore, type Store } from "./store";
import { DEFAULT_ENGINE_PORT } from "../defaults";

export interface EngineOptions {
  /** TCP port; 0 picks a free one. Default 9449. */
  port?: number;
  /** Address to bind. Default 127.0.0.1. */
  host?: string;
  /** Keep state in memory only (tests). Default false: durable state in `dataDir`. */
  memory?: boolean;
  /** Where durable state lives. Default `.elb-engine` under the working directory. */
  dataDir?: string;
  /** The seeded network (N1). Default DEFAULT_NETWORK. */
  network?: Network;
  /** G9 test mode: keep load balancers PENDING_* this long after each write. Default 0. */
  provisioningDelayMs?: number;
  /** Strict mode (G7): only these keys and tokens, each for its projects. */
  credentials?: Credentials;
  /**
   * Carry real traffic on loopback (D1-D5): listeners of load balancers whose VIP is in
   * 127.0.0.0/8 accept connections on vip_address:protocol_port. Default false here; the CLI
   * turns it on.
   */
  dataPlane?: boolean;
  /** Opt-in fault injection for testing clients (issue: nothing lost under faults). */
  faults?: FaultOptions;
  /**
   * Serve the web console at /console, and keep what it shows (the recent API calls, each
   * member's traffic over the last minute). Default true.
   */
  console?: boolean;
  clock?: Clock;
  /** Where the engine reports its own faults (bugs). Default: stderr. */
  log?: (line: string) => void;
}

export interface RunningEngine {
  /** Base URL, e.g. http://127.0.0.1:9449 */
  url: string;
  port: number;
  network: Network;
  /** Internals for tests and tools in this package. */
  context: EngineContext;
  /** Counts of injected faults, when fault injection is on. */
  faults?: FaultInjector;
  /** The data plane, when it is on. */
  dataPlane?: DataPlane;
  /** The recent API calls the console lists, when the console is on. */
  apiLog?: ApiLog;
  close(): Promise<void>;
}

export function engineRoutes(ctx: EngineContext, dataPlane?: DataPlane): Route[] {
  return [
    ...loadBalancerRoutes(ctx),
    ...listenerRoutes(ctx),
    ...poolRoutes(ctx),
    ...memberRoutes(ctx),
    ...healthMonitorRoutes(ctx),
    ...certificateRoutes(ctx),
    ...securityPolicyRoutes(ctx),
    ...ipGroupRoutes(ctx),
    ...tagRoutes(ctx),
    ...networkRoutes(ctx),
    ...trafficRoutes(ctx, dataPlane),
  ];
}

export async function startEngine(options: EngineOptions = {}): Promise<RunningEngine> {
  const clock = options.clock ?? systemClock;
  const network = options.network ?? DEFAULT_NETWORK;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const store: Store = options.memory ? new MemoryStore() : new FileStore(path.resolve(options.dataDir ?? ".elb-engine"));
  await store.open();
  const model = new Model(store);
  model.rebuild();
  const ctx = new EngineContext(model, network, clock, options.provisioningDelayMs ?? 0);
  // The data plane starts from what was stored, so members restored after a restart do not
  // slow-start again (D4); health is never stored and is learned anew (G8). It then follows the
  // model's commits, and member health is read from it directly.
  let dataPlane: DataPlane | undefined;
  if (options.dataPlane) {
    dataPlane = new DataPlane({ clock, source: model, log });
    await dataPlane.start();
    ctx.memberHealth = (id) => dataPlane!.memberStatus(id);
    ctx.listenerTraffic = (id) => dataPlane!.listenerStatus(id);
  }
  const auth = new Authenticator({ credentials: options.credentials, clock });
  const faults = options.faults ? new FaultInjector(options.faults) : undefined;
  if (faults) ctx.extraPending = () => faults.pendingAfter();
  const consoleOn = options.console ?? true;
  const apiLog = consoleOn ? new ApiLog() : undefined;
  const window = consoleOn && dataPlane ? new TrafficWindow(clock, () => dataPlane!.counters()) : undefined;
  window?.start();
  const server = createServer({
    routes: engineRoutes(ctx, dataPlane),
    auth,
    faults,
    apiLog,
    console: apiLog && consoleHandler({ ctx, auth, clock, apiLog, dataPlane, window }),
    onInternalError: (err, req) => log(`internal error on ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`),
  });
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? DEFAULT_ENGINE_PORT, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    window?.stop();
    await dataPlane?.close();
    await store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    network,
    context: ctx,
    faults,
    dataPlane,
    apiLog,
    close: () =>
      (closed ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        window?.stop();
        await dataPlane?.close();
        await store.close();
      })()),
  };
}
