// Data plane: requests per second through the engine's HTTP, HTTPS and TCP listeners against
// nginx (L7, and terminating TLS with the same certificate) and HAProxy (TCP mode, and L7 for
// reference) proxying to the same backends, driven by the same wrk; plus the split over members
// against their weights, read from the engine's traffic endpoint. And datagrams per second through
// the engine's UDP listener against a plain Node UDP relay (test/bench/servers/udp.ts) to Node UDP
// echo backends, driven by the same generator.
//
// Backends: one nginx with a single worker answering a 5-byte body on two ports (weights 3:1).
// It serves several times what any proxy here carries (the "direct" row), so it is not the
// bottleneck. Every proxy runs one process / one thread; the load is wrk, one thread, 50
// keep-alive connections. Load generator, proxy and backend share the box's cores alike for
// every proxy, so the ratios compare the proxies.
import * as fs from "node:fs";
import * as path from "node:path";
import { Pool } from "undici";
import { elbApi, parallel, type Api, type Obj } from "../lib/api";
import { ServerProcess } from "../lib/child";
import type { BenchArea, BenchContext } from "../lib/context";
import { NET, REPO_ROOT } from "../lib/dist";
import type { Row } from "../lib/rows";
import { human, median, ms } from "../lib/stats";
import { freePort, freeUdpPort } from "../../support/net";
import { udpLoad, type UdpLoadResult } from "../lib/udp-load";
import { issue } from "../../engine/helpers/certificates";
import { Daemon, wrk, type WrkResult } from "../lib/tools";

/** The baselines (nginx, HAProxy) and the load generator. */
const TOOLS = ["nginx", "haproxy", "wrk"];
const WEIGHTS = [3, 1];
const CYCLE = WEIGHTS.reduce((a, b) => a + b, 0);
const LOAD = { threads: 1, connections: 50 };
/** One loopback address per proxy, so their ports never meet. */
const ADDR = { backend: "127.0.0.1", engine: "127.0.77.1", nginx: "127.0.78.1", haproxy: "127.0.79.1", relay: "127.0.80.1" };
/** UDP load: flows (client sockets), datagrams in flight per flow, bytes per datagram. */
const UDP_LOAD = { clients: 16, window: 8, size: 64 };

interface Sizes {
  rounds: number;
  seconds: number;
  /** Full weight cycles counted for the distribution rows. */
  cycles: number;
}
// Five short rounds rather than two long ones: the box's speed drifts by up to 2× within a
// minute, and a ratio is taken within each round between two runs that sit side by side.
const sizesFor = (quick: boolean): Sizes => (quick ? { rounds: 1, seconds: 1, cycles: 25 } : { rounds: 5, seconds: 3, cycles: 500 });

function nginxBackendConf(dir: string, ports: number[]): string {
  const servers = ports
    .map((p, i) => `  server { listen ${ADDR.backend}:${p} backlog=4096; location / { return 200 "ok-${"ab"[i]}\\n"; } }`)
    .join("\n");
  return `worker_processes 1;
daemon off;
pid ${dir}/backend.pid;
error_log ${dir}/backend-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  default_type text/plain;
${servers}
}
`;
}

/** nginx as an L7 proxy: upstream keep-alive, the same forwarding headers the engine adds. */
function nginxProxyConf(dir: string, port: number, backends: number[], tlsPort: number): string {
  // The same proxying behind the plain and the TLS server.
  const proxyLocation = `    location / {
      proxy_pass http://members;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Port $server_port;
    }`;
  return `worker_processes 1;
daemon off;
pid ${dir}/proxy.pid;
error_log ${dir}/proxy-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  upstream members {
${backends.map((p, i) => `    server ${ADDR.backend}:${p} weight=${WEIGHTS[i]};`).join("\n")}
    keepalive 64;
  }
  server {
    listen ${ADDR.nginx}:${port} backlog=4096;
${proxyLocation}
  }
  # The HTTPS baseline: TLS terminated with the certificate the engine's HTTPS listener presents,
  # TLS 1.2 and the suites of the listener's default policy (tls-1-2), session cache off as the
  # engine keeps none across connections (wrk keeps its connections alive anyway).
  server {
    listen ${ADDR.nginx}:${tlsPort} ssl backlog=4096;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    ssl_protocols TLSv1.2;
${proxyLocation}
  }
}
`;
}

/** HAProxy, one thread: a TCP-mode frontend and an HTTP-mode one (reuse always, forwardfor). */
function haproxyConf(tcpPort: number, httpPort: number, backends: number[]): string {
  const servers = (mode: string) => backends.map((p, i) => `  server m${i} ${ADDR.backend}:${p} weight ${WEIGHTS[i]}${mode}`).join("\n");
  return `global
  nbthread 1
  maxconn 4000
defaults
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend tcp_in
  mode tcp
  bind ${ADDR.haproxy}:${tcpPort}
  default_backend tcp_members
backend tcp_members
  mode tcp
  balance roundrobin
${servers("")}
frontend http_in
  mode http
  bind ${ADDR.haproxy}:${httpPort}
  option forwardfor
  default_backend http_members
backend http_members
  mode http
  balance roundrobin
  http-reuse always
${servers("")}
`;
}

interface EngineSetup {
  lbId: string;
  httpPort: number;
  httpsPort: number;
  tcpPort: number;
  udpPort: number;
  memberIds: { http: string[]; tcp: string[] };
}

/** The engine's side: a load balancer on a loopback VIP with an HTTP, an HTTPS, a TCP and a UDP listener. */
async function setUpEngine(api: Api, backends: number[], udpBackends: number[], tls: { cert: string; key: string }): Promise<EngineSetup> {
  const httpPort = await freePort(ADDR.engine);
  const httpsPort = await freePort(ADDR.engine);
  const tcpPort = await freePort(ADDR.engine);
  const udpPort = await freeUdpPort(ADDR.engine);
  const certificate = await api.call<{ certificate: Obj }>("POST", "/certificates", { certificate: { certificate: tls.cert, private_key: tls.key } });
  const lb = await api.call<{ loadbalancer: Obj }>("POST", "/loadbalancers", {
    loadbalancer: { name: "bench", availability_zone_list: [NET.zone], vip_subnet_cidr_id: NET.loopbackSubnet, vip_address: ADDR.engine },
  });
  const lbId = String(lb.loadbalancer.id);
  const memberIds = { http: [] as string[], tcp: [] as string[] };
  for (const [protocol, port] of [
    ["HTTP", httpPort],
    ["HTTPS", httpsPort],
    ["TCP", tcpPort],
  ] as const) {
    // The HTTP listeners add the X-Forwarded-* headers the nginx baseline adds (D7: only those switched on).
    const headers = protocol === "HTTP" || protocol === "HTTPS" ? { insert_headers: { "X-Forwarded-Proto": true, "X-Forwarded-Port": true } } : {};
    const tlsRef = protocol === "HTTPS" ? { default_tls_container_ref: certificate.certificate.id } : {};
    const listener = await api.call<{ listener: Obj }>("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol, protocol_port: port, ...headers, ...tlsRef } });
    const poolProtocol = protocol === "HTTPS" ? "HTTP" : protocol;
    const pool = await api.call<{ pool: Obj }>("POST", "/pools", { pool: { listener_id: listener.listener.id, protocol: poolProtocol, lb_algorithm: "ROUND_ROBIN" } });
    for (const [i, backend] of backends.entries()) {
      const member = await api.call<{ member: Obj }>("POST", `/pools/${pool.pool.id}/members`, {
        member: { address: ADDR.backend, protocol_port: backend, subnet_cidr_id: NET.loopbackSubnet, weight: WEIGHTS[i] },
      });
      if (protocol !== "HTTPS") memberIds[protocol === "HTTP" ? "http" : "tcp"].push(String(member.member.id));
    }
  }
  const udp = await api.call<{ listener: Obj }>("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol: "UDP", protocol_port: udpPort } });
  const udpPool = await api.call<{ pool: Obj }>("POST", "/pools", { pool: { listener_id: udp.listener.id, protocol: "UDP", lb_algorithm: "ROUND_ROBIN" } });
  for (const [i, backend] of udpBackends.entries()) {
    await api.call("POST", `/pools/${udpPool.pool.id}/members`, {
      member: { address: ADDR.backend, protocol_port: backend, subnet_cidr_id: NET.loopbackSubnet, weight: WEIGHTS[i] },
    });
  }
  // Every listener carries traffic before anything is measured.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const t = await traffic(api, lbId);
    if (t.listeners.length === 4 && t.listeners.every((l) => l.carrying)) break;
    if (Date.now() > deadline) throw new Error(`the engine's listeners did not start carrying traffic: ${JSON.stringify(t.listeners)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { lbId, httpPort, httpsPort, tcpPort, udpPort, memberIds };
}

interface Traffic {
  listeners: { carrying?: boolean }[];
  members: { id: string; requests: number }[];
}
const traffic = async (api: Api, lbId: string) => (await api.call<{ traffic: Traffic }>("GET", `/loadbalancers/${lbId}/traffic`)).traffic;

/** Σ |counted − exact share| over the members, for `cycles` full weight cycles. */
function distributionError(counted: number[], cycles: number): number {
  return counted.reduce((err, c, i) => err + Math.abs(c - cycles * WEIGHTS[i]), 0);
}

/** Requests through the HTTP listener on keep-alive connections, counted by the engine. */
async function httpDistribution(api: Api, setup: EngineSetup, cycles: number): Promise<number[]> {
  const ids = setup.memberIds.http;
  const count = async () => {
    const members = (await traffic(api, setup.lbId)).members;
    return ids.map((id) => members.find((m) => m.id === id)?.requests ?? 0);
  };
  const before = await count();
  const pool = new Pool(`http://${ADDR.engine}:${setup.httpPort}`, { connections: 8 });
  try {
    await parallel(cycles * CYCLE, 8, async () => {
      const res = await pool.request({ method: "GET", path: "/" });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`HTTP listener answered ${res.statusCode}`);
    });
  } finally {
    await pool.close();
  }
  const after = await count();
  return after.map((a, i) => a - before[i]);
}

/** Fresh connections through the TCP listener (one balancing decision each), counted by the engine. */
async function tcpDistribution(api: Api, setup: EngineSetup, cycles: number): Promise<number[]> {
  const ids = setup.memberIds.tcp;
  const count = async () => {
    const members = (await traffic(api, setup.lbId)).members;
    return ids.map((id) => members.find((m) => m.id === id)?.requests ?? 0);
  };
  const before = await count();
  await parallel(cycles * CYCLE, 8, async () => {
    // A pool of one connection, closed after its request: exactly one connection per request.
    const pool = new Pool(`http://${ADDR.engine}:${setup.tcpPort}`, { connections: 1, pipelining: 0 });
    try {
      const res = await pool.request({ method: "GET", path: "/", headers: { connection: "close" } });
      await res.body.dump();
      if (res.statusCode !== 200) throw new Error(`TCP listener answered ${res.statusCode}`);
    } finally {
      await pool.close();
    }
  });
  const after = await count();
  return after.map((a, i) => a - before[i]);
}

type Target = "direct" | "engine-http" | "nginx-http" | "haproxy-http" | "engine-tcp" | "haproxy-tcp" | "engine-https" | "nginx-https";

export const dataPlaneArea: BenchArea = {
  name: "dataplane",
  title: "Data plane (engine listeners vs nginx and HAProxy, same backends, same wrk)",
  tools: TOOLS,
  async run(ctx: BenchContext): Promise<Row[]> {
    const sizes = sizesFor(ctx.quick);
    ctx.ensureTools(TOOLS);
    fs.mkdirSync(path.join(REPO_ROOT, ".bench"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(REPO_ROOT, ".bench", "dataplane-"));
    fs.mkdirSync(path.join(dir, "tmp"));
    const daemons: Daemon[] = [];
    let engine: ServerProcess | undefined;
    const udpServers: ServerProcess[] = [];
    let api: Api | undefined;
    try {
      const backends = [await freePort(ADDR.backend), await freePort(ADDR.backend)];
      fs.writeFileSync(path.join(dir, "backend.conf"), nginxBackendConf(dir, backends));
      const backend = Daemon.start("nginx (backends)", "nginx", ["-p", dir, "-e", path.join(dir, "backend-error.log"), "-c", path.join(dir, "backend.conf")]);
      daemons.push(backend);
      for (const p of backends) await backend.ready(ADDR.backend, p);

      // One certificate for both TLS terminators (RSA 2048, as most sites present).
      const tls = issue({ cn: "bench.example.test" });
      fs.writeFileSync(path.join(dir, "cert.pem"), tls.cert);
      fs.writeFileSync(path.join(dir, "key.pem"), tls.key);
      const nginxPort = await freePort(ADDR.nginx);
      const nginxTlsPort = await freePort(ADDR.nginx);
      fs.writeFileSync(path.join(dir, "proxy.conf"), nginxProxyConf(dir, nginxPort, backends, nginxTlsPort));
      const nginx = Daemon.start("nginx (proxy)", "nginx", ["-p", dir, "-e", path.join(dir, "proxy-error.log"), "-c", path.join(dir, "proxy.conf")]);
      daemons.push(nginx);
      await nginx.ready(ADDR.nginx, nginxPort);

      const haproxyTcp = await freePort(ADDR.haproxy);
      const haproxyHttp = await freePort(ADDR.haproxy);
      fs.writeFileSync(path.join(dir, "haproxy.cfg"), haproxyConf(haproxyTcp, haproxyHttp, backends));
      const haproxy = Daemon.start("haproxy", "haproxy", ["-db", "-f", path.join(dir, "haproxy.cfg")]);
      daemons.push(haproxy);
      await haproxy.ready(ADDR.haproxy, haproxyTcp);

      const udpEcho = await ServerProcess.start({ kind: "udp-echo", count: WEIGHTS.length });
      udpServers.push(udpEcho);
      const udpBackends = udpEcho.url.replace(/^udp:\/\/[^:]+:/, "").split(",").map(Number);
      const relay = await ServerProcess.start({ kind: "udp-relay", host: ADDR.relay, backendPort: udpBackends[0] });
      udpServers.push(relay);
      const relayPort = Number(relay.url.split(":").pop());

      engine = await ServerProcess.start({ kind: "engine", memory: true, dataPlane: true });
      api = elbApi(engine.url);
      const setup = await setUpEngine(api, backends, udpBackends, tls);

      const urls: Record<Target, string> = {
        direct: `http://${ADDR.backend}:${backends[0]}/`,
        "engine-http": `http://${ADDR.engine}:${setup.httpPort}/`,
        "nginx-http": `http://${ADDR.nginx}:${nginxPort}/`,
        "haproxy-http": `http://${ADDR.haproxy}:${haproxyHttp}/`,
        "engine-tcp": `http://${ADDR.engine}:${setup.tcpPort}/`,
        "haproxy-tcp": `http://${ADDR.haproxy}:${haproxyTcp}/`,
        "engine-https": `https://${ADDR.engine}:${setup.httpsPort}/`,
        "nginx-https": `https://${ADDR.nginx}:${nginxTlsPort}/`,
      };
      const results = Object.fromEntries(Object.keys(urls).map((k) => [k, [] as WrkResult[]])) as unknown as Record<Target, WrkResult[]>;
      const order = Object.keys(urls) as Target[];
      for (let round = 0; round < sizes.rounds; round++) {
        // Reverse every other round, so no proxy always runs right after the same neighbour.
        for (const t of round % 2 ? [...order].reverse() : order) {
          const r = await wrk(urls[t], { ...LOAD, seconds: sizes.seconds });
          if (r.errors > 0) throw new Error(`${t}: wrk saw ${r.errors} errors of ${r.requests} requests`);
          results[t].push(r);
          ctx.log(`round ${round + 1} ${t}: ${human(r.rps, "req/s")}, p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}`);
        }
      }

      const udpTargets = { "engine-udp": { host: ADDR.engine, port: setup.udpPort }, "relay-udp": { host: ADDR.relay, port: relayPort } };
      type UdpTarget = keyof typeof udpTargets;
      const udpResults: Record<UdpTarget, UdpLoadResult[]> = { "engine-udp": [], "relay-udp": [] };
      for (let round = 0; round < sizes.rounds; round++) {
        const pair = Object.keys(udpTargets) as UdpTarget[];
        for (const t of round % 2 ? pair.reverse() : pair) {
          const r = await udpLoad({ ...udpTargets[t], ...UDP_LOAD, seconds: sizes.seconds });
          if (r.replies === 0) throw new Error(`${t}: no datagram came back`);
          udpResults[t].push(r);
          ctx.log(`round ${round + 1} ${t}: ${human(r.dps, "datagrams/s")}, ${r.refills} windows resent`);
        }
      }
      const dps = (t: UdpTarget) => median(udpResults[t].map((r) => r.dps));
      const refills = (t: UdpTarget) => udpResults[t].reduce((n, r) => n + r.refills, 0);

      const rps = (t: Target) => median(results[t].map((r) => r.rps));
      const said = (t: Target) => `${human(rps(t), "req/s")} (p50 ${ms(median(results[t].map((r) => r.p50Ms)))}, p99 ${ms(median(results[t].map((r) => r.p99Ms)))})`;
      /** The median over rounds of a÷b within each round (the two run side by side in the order above). */
      const ratios = (a: Target, b: Target) => results[a].map((r, i) => r.rps / results[b][i].rps);
      const ratio = (a: Target, b: Target) => median(ratios(a, b));
      const spread = (a: Target, b: Target) => {
        const rs = ratios(a, b);
        return rs.length > 1 ? `; per round ${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)}` : "";
      };
      const rows = ctx.rowSet(
        `wrk -t${LOAD.threads} -c${LOAD.connections} -d${sizes.seconds}s (keep-alive), ${sizes.rounds} rounds; a ratio is the median over rounds of the two side by side in each round, rates are medians; ` +
          `backends: one nginx worker, 5-byte body on two ports, weights ${WEIGHTS.join(":")}; every proxy one process/thread; ` +
          `engine: memory store, dataPlane on, VIP ${ADDR.engine}, ROUND_ROBIN pools; nginx: upstream keepalive 64 + X-Forwarded-*; HAProxy: nbthread 1, http-reuse always`,
      );
      rows.add({
        name: "HTTP listener ÷ nginx L7",
        value: ratio("engine-http", "nginx-http"),
        unit: "×",
        target: ">= 0.35",
        detail: `engine ${said("engine-http")} vs nginx ${said("nginx-http")}${spread("engine-http", "nginx-http")}`,
      });
      rows.add({
        name: "HTTPS listener ÷ nginx terminating TLS",
        value: ratio("engine-https", "nginx-https"),
        unit: "×",
        target: ">= 0.35",
        detail: `engine ${said("engine-https")} vs nginx ${said("nginx-https")}${spread("engine-https", "nginx-https")}; same RSA 2048 certificate, TLS 1.2 (tls-1-2), keep-alive`,
      });
      rows.add({ name: "HTTP listener ÷ HAProxy L7", value: rps("engine-http") / rps("haproxy-http"), unit: "×", detail: `HAProxy http mode ${said("haproxy-http")} (ratio of medians: the two do not run side by side)` });
      rows.add({
        name: "TCP listener ÷ HAProxy TCP mode",
        value: ratio("engine-tcp", "haproxy-tcp"),
        unit: "×",
        target: ">= 0.8",
        detail: `engine ${said("engine-tcp")} vs HAProxy ${said("haproxy-tcp")}${spread("engine-tcp", "haproxy-tcp")}`,
      });
      rows.add({ name: "direct to a backend ÷ nginx L7", value: rps("direct") / rps("nginx-http"), unit: "×", detail: `direct ${said("direct")}: the backends are not the bottleneck` });
      rows.add({
        name: "UDP listener ÷ plain Node UDP relay",
        value: median(udpResults["engine-udp"].map((r, i) => r.dps / udpResults["relay-udp"][i].dps)),
        unit: "×",
        target: ">= 0.8",
        detail: `engine ${human(dps("engine-udp"), "datagrams/s")} vs relay ${human(dps("relay-udp"), "datagrams/s")} (windows resent after a loss: ${refills("engine-udp")} vs ${refills("relay-udp")})`,
        method:
          `${UDP_LOAD.clients} client sockets (one flow each), ${UDP_LOAD.window} datagrams of ${UDP_LOAD.size} B in flight per flow, ${sizes.seconds}s, ${sizes.rounds} rounds, the median over rounds of engine ÷ relay side by side in each; ` +
          `engine: UDP listener, ROUND_ROBIN pool, weights ${WEIGHTS.join(":")} over Node UDP echo servers; ` +
          `relay: one Node process, one socket in, a connected socket per client to one echo server, replies sent back from the socket in`,
      });

      ctx.log(`counting ${sizes.cycles} weight cycles through each listener`);
      const http = await httpDistribution(api, setup, sizes.cycles);
      rows.add({
        name: `HTTP distribution error over ${sizes.cycles} × ${CYCLE} requests`,
        value: distributionError(http, sizes.cycles),
        unit: "requests",
        target: "== 0",
        detail: `counted ${http.join(":")}, exact ${WEIGHTS.map((w) => w * sizes.cycles).join(":")} (traffic endpoint, per-member requests)`,
        method: `${sizes.cycles * CYCLE} GETs through the HTTP listener on 8 keep-alive connections; Σ|counted − exact share| from GET /loadbalancers/{id}/traffic`,
      });
      const tcp = await tcpDistribution(api, setup, sizes.cycles);
      rows.add({
        name: `TCP distribution error over ${sizes.cycles} × ${CYCLE} connections`,
        value: distributionError(tcp, sizes.cycles),
        unit: "connections",
        target: "== 0",
        detail: `counted ${tcp.join(":")}, exact ${WEIGHTS.map((w) => w * sizes.cycles).join(":")}`,
        method: `${sizes.cycles * CYCLE} fresh connections through the TCP listener, 8 at a time; Σ|counted − exact share| from GET /loadbalancers/{id}/traffic`,
      });
      return rows.rows;
    } finally {
      await api?.close();
      await engine?.close();
      for (const s of udpServers) await s.close();
      for (const d of daemons.reverse()) await d.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
