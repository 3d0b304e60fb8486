// Closed-loop UDP load: `clients` sockets (one flow each), each keeping `window` datagrams in
// flight and sending the next one as each reply comes back, for a fixed time. A datagram can be
// lost under load; a client that got no reply for a whole check period sends a fresh window, so
// a loss slows the figure rather than stopping it. The same generator measures the engine's UDP
// listener and its baseline, so the ratio cancels the generator's own cost.
import * as dgram from "node:dgram";

export interface UdpLoadOptions {
  host: string;
  port: number;
  seconds: number;
  clients: number;
  window: number;
  /** Bytes per datagram. */
  size: number;
}

export interface UdpLoadResult {
  /** Replies received per second: datagrams that went through the relay and came back. */
  dps: number;
  replies: number;
  /** Windows sent again after a silent check period (losses). */
  refills: number;
}

const CHECK_MS = 100;

export async function udpLoad(o: UdpLoadOptions): Promise<UdpLoadResult> {
  const payload = Buffer.alloc(o.size, 0x61);
  const sockets: dgram.Socket[] = [];
  const seen: number[] = [];
  let replies = 0;
  let refills = 0;
  let running = true;
  for (let c = 0; c < o.clients; c++) {
    const s = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => s.bind(0, "127.0.0.1", () => resolve()));
    // Connected: only the listener's own address may answer, and sends skip the address lookup.
    await new Promise<void>((resolve) => s.connect(o.port, o.host, () => resolve()));
    s.on("error", () => undefined);
    s.on("message", () => {
      replies++;
      seen[c]++;
      if (running) s.send(payload);
    });
    sockets.push(s);
    seen.push(0);
  }
  const fill = (s: dgram.Socket) => {
    for (let i = 0; i < o.window; i++) s.send(payload);
  };
  const started = process.hrtime.bigint();
  sockets.forEach(fill);
  const watchdog = setInterval(() => {
    for (let c = 0; c < sockets.length; c++) {
      if (seen[c] === 0) {
        refills++;
        fill(sockets[c]);
      }
      seen[c] = 0;
    }
  }, CHECK_MS);
  await new Promise((resolve) => setTimeout(resolve, o.seconds * 1000));
  running = false;
  const counted = replies;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(watchdog);
  await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return { dps: counted / seconds, replies: counted, refills };
}
