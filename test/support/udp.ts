// UDP backends and clients for the tests that send real datagrams through UDP listeners.
import * as dgram from "node:dgram";

export interface UdpBackend {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  /** Datagrams received so far, as text. */
  readonly received: string[];
  stop(): Promise<void>;
}

/** A UDP socket bound to `address:port` (0: any free port), once it is bound. */
export async function bound(address: string, port: number): Promise<dgram.Socket> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(port, address, () => {
      socket.removeListener("error", reject);
      resolve();
    });
  });
  return socket;
}

/**
 * A UDP server on `address:port` (0: any free port). With `answer` it replies `<name>:<datagram>`
 * to each datagram; without, it stays silent (a UDP service need not answer).
 */
export async function udpBackend(name: string, options: { address?: string; port?: number; answer?: boolean } = {}): Promise<UdpBackend> {
  const address = options.address ?? "127.0.0.1";
  const socket = await bound(address, options.port ?? 0);
  let stopped: Promise<void> | undefined;
  const backend: UdpBackend = {
    name,
    address,
    port: socket.address().port,
    received: [],
    stop: () => (stopped ??= new Promise<void>((resolve) => socket.close(() => resolve()))),
  };
  socket.on("message", (msg, rinfo) => {
    backend.received.push(msg.toString());
    if (options.answer !== false) socket.send(`${name}:${msg.toString()}`, rinfo.port, rinfo.address);
  });
  return backend;
}

/** One client socket: one flow (its address and port) for as long as it is open. */
export class UdpClient {
  private constructor(private readonly socket: dgram.Socket) {}

  static async open(localAddress = "127.0.0.1"): Promise<UdpClient> {
    return new UdpClient(await bound(localAddress, 0));
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Sends `msg` and resolves with the first reply and where it came from, or undefined after `ms`. */
  ask(host: string, port: number, msg = "ping", ms = 1000): Promise<{ text: string; from: string } | undefined> {
    return new Promise((resolve) => {
      const onMessage = (reply: Buffer, rinfo: dgram.RemoteInfo) => {
        clearTimeout(timer);
        resolve({ text: reply.toString(), from: `${rinfo.address}:${rinfo.port}` });
      };
      const timer = setTimeout(() => {
        this.socket.removeListener("message", onMessage);
        resolve(undefined);
      }, ms);
      this.socket.once("message", onMessage);
      this.socket.send(msg, port, host);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/** Who answered: the backend name before the first ':' of a reply, or "none". */
export const answeredBy = (reply: { text: string } | undefined): string => (reply ? reply.text.split(":")[0] : "none");

/**
 * Sends one datagram from each of `n` fresh client sockets (n flows) and counts who answered.
 * The sockets stay open until all have asked, so no two of them share a port (and a flow).
 */
export async function tallyFlows(host: string, port: number, n: number, localAddress = "127.0.0.1"): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const clients: UdpClient[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const client = await UdpClient.open(localAddress);
      clients.push(client);
      const who = answeredBy(await client.ask(host, port, `flow ${i}`));
      out[who] = (out[who] ?? 0) + 1;
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  return out;
}

/**
 * Echo servers on several addresses sharing one port (as examples/udp declares its members),
 * each answering `<its address>:<the datagram>`. The port is one the OS gave the first address;
 * if another address has it taken, another port is tried.
 */
export async function udpEchoServers(addresses: string[]): Promise<{ port: number; stop(): Promise<void> }> {
  for (let attempt = 0; ; attempt++) {
    const started: UdpBackend[] = [];
    try {
      const first = await udpBackend(addresses[0], { address: addresses[0] });
      started.push(first);
      for (const address of addresses.slice(1)) started.push(await udpBackend(address, { address, port: first.port }));
      return { port: first.port, stop: async () => void (await Promise.all(started.map((b) => b.stop()))) };
    } catch (err) {
      await Promise.all(started.map((b) => b.stop()));
      if (attempt >= 5) throw err;
    }
  }
}
