// Network helpers shared by the test tiers and the bench.
import * as dgram from "node:dgram";
import * as net from "node:net";

/** A TCP port the OS said was free on `host` a moment ago (bind 0, read the port, close). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A UDP port the OS said was free on `host` a moment ago (bind 0, read the port, close). */
export async function freeUdpPort(host = "127.0.0.1"): Promise<number> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, host, () => resolve());
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
