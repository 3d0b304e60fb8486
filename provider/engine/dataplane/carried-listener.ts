// What the TCP, TLS and HTTP listeners share: how they are bound to `vip_address:protocol_port`
// (D1), how a refused bind is explained (EADDRINUSE/EACCES are reported, never thrown at the
// engine), and what they need from the rest of the data plane.
import type * as net from "node:net";
import type { Clock } from "../clock";
import type { PoolRuntime } from "./pool-runtime";
import type { CertificateLookup, SecurityPolicyLookup } from "./tls";
import type { IpGroupLookup } from "./ip-filter";
import type { ListenerConfig } from "./types";

export interface ListenerDeps {
  clock: Clock;
  /** The live runtime of a pool, looked up per connection/request so config changes apply at once. */
  pool: (poolId: string | null) => PoolRuntime | undefined;
  log: (message: string) => void;
  /** The stored certificates HTTPS and TLS listeners present (C8), looked up on every change. */
  certificate: CertificateLookup;
  /** The stored custom security policies HTTPS listeners name (T5). */
  securityPolicy: SecurityPolicyLookup;
  /** The stored IP groups listeners filter clients with (I5). */
  ipGroup: IpGroupLookup;
}

export interface CarriedListener {
  readonly host: string;
  readonly port: number;
  /** The listener's current configuration; replaced in place when it changes. */
  config: ListenerConfig;
  readonly listening: boolean;
  /** Resolves once listening; rejects with the socket error (e.g. EADDRINUSE). */
  bind(): Promise<void>;
  /** Stops accepting and closes every connection of this listener. */
  close(): Promise<void>;
}

/** D9: the most connections a listener's server keeps; Infinity when `connection` is 0 or absent. */
export const connectionLimit = (config: ListenerConfig): number =>
  typeof config.connection === "number" && config.connection > 0 ? config.connection : Infinity;

/** Listens on host:port; a refused bind rejects instead of emitting an unhandled 'error'. */
export function listenOn(server: net.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.removeListener("listening", onListening);
      reject(err);
    };
    const onListening = () => {
      server.removeListener("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    // exclusive: a port is one listener's, even inside a cluster.
    server.listen({ host, port, exclusive: true });
  });
}

/** A bind failure in the user's terms. */
export function describeBindError(host: string, port: number, err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const where = `${host}:${port}`;
  switch (code) {
    case "EADDRINUSE":
      return `cannot bind ${where}: the address is already in use (EADDRINUSE); the listener carries no traffic until the port is free`;
    case "EACCES":
      return `cannot bind ${where}: permission denied (EACCES); ports below 1024 need privileges`;
    case "EADDRNOTAVAIL":
      return `cannot bind ${where}: the address is not available on this machine (EADDRNOTAVAIL)`;
    default:
      return `cannot bind ${where}: ${code ? `${code}: ` : ""}${(err as Error)?.message ?? String(err)}`;
  }
}

export async function closeServer(server: net.Server): Promise<void> {
  if (!server.listening) return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Client sockets of one listener, so closing it ends open connections instead of waiting on them. */
export class OpenSockets {
  private readonly sockets = new Set<net.Socket>();
  track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
  }
  /** Destroys every open connection, then stops listening. */
  async closeWith(server: net.Server | undefined): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await closeServer(server);
  }
}
