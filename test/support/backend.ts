// HTTP backends on OS-assigned loopback ports, for tests that send real traffic through the
// engine's data plane.
import * as http from "node:http";
import type * as net from "node:net";

export interface Backend {
  name: string;
  port: number;
  hits: number;
  /** Headers of the last request it received. */
  last: http.IncomingHttpHeaders | undefined;
  server: http.Server;
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, backend: Backend) => void;

const answerName: Handler = (_req, res, b) => {
  res.setHeader("content-type", "text/plain");
  res.end(b.name);
};

/** An HTTP server on 127.0.0.1, port from the OS, that answers with its name by default. */
export async function startBackend(name: string, handler: Handler = answerName): Promise<Backend> {
  const sockets = new Set<net.Socket>();
  const backend: Backend = {
    name,
    port: 0,
    hits: 0,
    last: undefined,
    server: http.createServer((req, res) => {
      backend.hits++;
      backend.last = req.headers;
      handler(req, res, backend);
    }),
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => backend.server.close(() => resolve()));
    },
    async restart() {
      await new Promise<void>((resolve, reject) => {
        backend.server.once("error", reject);
        backend.server.listen(backend.port, "127.0.0.1", () => resolve());
      });
    },
  };
  backend.server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => backend.server.listen(0, "127.0.0.1", resolve));
  backend.port = (backend.server.address() as net.AddressInfo).port;
  return backend;
}

