// The UDP side of the data-plane bench: echo backends, and the baseline a UDP listener is
// measured against — a plain Node UDP relay: one socket in, each client's datagrams forwarded
// to one backend on a socket of that client's own (so replies find their client), the replies
// sent back from the socket they came in on. No balancing, no health, no idle timeout: the least
// a Node process must do to relay UDP both ways.
import * as dgram from "node:dgram";
import { bound as bind } from "../../support/udp";

export interface Running {
  url: string;
  close(): Promise<void>;
}


const closeAll = (sockets: dgram.Socket[]) => Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))).then(() => undefined);

/** `count` UDP echo servers on 127.0.0.1; the url lists their ports: `udp://127.0.0.1:p1,p2`. */
export async function startUdpEcho(count: number): Promise<Running> {
  const sockets: dgram.Socket[] = [];
  for (let i = 0; i < count; i++) {
    const s = await bind("127.0.0.1", 0);
    s.on("message", (msg, rinfo) => s.send(msg, rinfo.port, rinfo.address));
    sockets.push(s);
  }
  return { url: `udp://127.0.0.1:${sockets.map((s) => s.address().port).join(",")}`, close: () => closeAll(sockets) };
}

/** The plain relay on `host` (a free port), forwarding to `backendPort` on 127.0.0.1. */
export async function startUdpRelay(host: string, backendPort: number): Promise<Running> {
  const inbound = await bind(host, 0);
  const upstreams = new Map<string, { socket: dgram.Socket; waiting: Buffer[] | null }>();
  inbound.on("message", (msg, rinfo) => {
    const key = `${rinfo.address}:${rinfo.port}`;
    let up = upstreams.get(key);
    if (!up) {
      // Connected, as the engine's flows are: sends skip the address lookup.
      const flow = { socket: dgram.createSocket("udp4"), waiting: [] as Buffer[] | null };
      flow.socket.on("message", (reply) => inbound.send(reply, rinfo.port, rinfo.address));
      flow.socket.on("error", () => undefined);
      flow.socket.connect(backendPort, "127.0.0.1", () => {
        for (const m of flow.waiting ?? []) flow.socket.send(m);
        flow.waiting = null;
      });
      upstreams.set(key, (up = flow));
    }
    if (up.waiting) up.waiting.push(msg);
    else up.socket.send(msg);
  });
  return { url: `udp://${host}:${inbound.address().port}`, close: () => closeAll([inbound, ...[...upstreams.values()].map((u) => u.socket)]) };
}
