// I5: IP group filtering on the client's source address, driven through the ELB API (a PUT of the
// group's list, or the I6 IP-list edits); clients connect from other loopback addresses
// (127.0.0.2, 127.0.0.3, 127.0.0.4) through `localAddress`.
import * as http from "node:http";
import * as net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PROJECT_ID } from "../../../provider/defaults";
import { startEngine, type RunningEngine } from "../../../provider/engine/engine";
import { startBackend, type Backend } from "../../support/backend";
import { freePort } from "../../support/net";

const LOOPBACK = "9d2e4f60-1a2b-4c3d-8e4f-000000000001";
const headers = { "X-Auth-Token": "t", "Content-Type": "application/json" };

/** An HTTP GET from `from`; "refused" when the listener resets the connection. */
function getFrom(host: string, port: number, from: string): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, localAddress: from, agent: false, path: "/" }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(body));
    });
    req.on("error", () => resolve("refused"));
  });
}

/** A TCP exchange from `from`: what the member echoes, or "refused". */
function tcpFrom(host: string, port: number, from: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, localAddress: from }, () => s.end("ping"));
    let got = "";
    s.on("data", (c: Buffer) => (got += c.toString()));
    s.on("close", () => resolve(got || "refused"));
    s.on("error", () => resolve("refused"));
  });
}

describe("I5: listeners admit or refuse clients by IP group", () => {
  let engine: RunningEngine;
  let backend: Backend;
  let echo: net.Server;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${engine.url}/v3/${DEFAULT_PROJECT_ID}/elb${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const vip = `127.0.${80 + (process.pid % 150)}.${10 + (process.pid % 200)}`;
  let lbId = "";

  beforeAll(async () => {
    engine = await startEngine({ port: 0, memory: true, dataPlane: true });
    backend = await startBackend("web");
    echo = net.createServer((s) => s.on("data", (d) => s.end(`echo ${d.toString()}`)));
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    lbId = (await api("POST", "/loadbalancers", { loadbalancer: { availability_zone_list: ["local-1a"], vip_subnet_cidr_id: LOOPBACK, vip_address: vip } })).loadbalancer.id;
  });
  afterAll(async () => {
    await engine?.close();
    await backend?.stop();
    await new Promise<void>((resolve) => echo?.close(() => resolve()));
  });

  const listener = async (protocol: "HTTP" | "TCP", memberPort: number, ipgroup: object) => {
    const port = await freePort(vip);
    const l = (await api("POST", "/listeners", { listener: { loadbalancer_id: lbId, protocol, protocol_port: port, ipgroup } })).listener;
    const pool = (await api("POST", "/pools", { pool: { listener_id: l.id, protocol, lb_algorithm: "ROUND_ROBIN" } })).pool;
    await api("POST", `/pools/${pool.id}/members`, { member: { address: "127.0.0.1", protocol_port: memberPort, subnet_cidr_id: LOOPBACK } });
    await engine.dataPlane!.settled();
    return { port, id: l.id as string };
  };

  it("I5: a white list admits only its addresses and blocks; a black list refuses exactly them; disabling the filter admits all", async () => {
    const group = (await api("POST", "/ipgroups", { ipgroup: { ip_list: [{ ip: "127.0.0.2" }, { ip: "127.0.5.0/24" }] } })).ipgroup.id;
    const white = await listener("HTTP", backend.port, { ipgroup_id: group, type: "white" });
    expect(await getFrom(vip, white.port, "127.0.0.2")).toBe("web");
    expect(await getFrom(vip, white.port, "127.0.5.9")).toBe("web");
    expect(await getFrom(vip, white.port, "127.0.0.3")).toBe("refused");
    const black = await listener("TCP", (echo.address() as net.AddressInfo).port, { ipgroup_id: group, type: "black" });
    expect(await tcpFrom(vip, black.port, "127.0.0.2")).toBe("refused");
    expect(await tcpFrom(vip, black.port, "127.0.0.3")).toBe("echo ping");
    // Changes through the API apply to the next connection: the group's list, then the switch.
    await api("PUT", `/ipgroups/${group}`, { ipgroup: { ip_list: [{ ip: "127.0.0.3" }] } });
    await engine.dataPlane!.settled();
    expect(await getFrom(vip, white.port, "127.0.0.3")).toBe("web");
    expect(await getFrom(vip, white.port, "127.0.0.2")).toBe("refused");
    await api("PUT", `/listeners/${white.id}`, { listener: { ipgroup: { ipgroup_id: group, enable_ipgroup: false } } });
    await engine.dataPlane!.settled();
    expect(await getFrom(vip, white.port, "127.0.0.2")).toBe("web");
  });

  it("I5, I6: entries added with create-or-update and removed with batch-delete admit and refuse the next connection", async () => {
    const group = (await api("POST", "/ipgroups", { ipgroup: { ip_list: [{ ip: "127.0.0.2" }] } })).ipgroup.id;
    const white = await listener("HTTP", backend.port, { ipgroup_id: group, type: "white" });
    const black = await listener("TCP", (echo.address() as net.AddressInfo).port, { ipgroup_id: group, type: "black" });
    expect(await getFrom(vip, white.port, "127.0.0.4")).toBe("refused");
    expect(await tcpFrom(vip, black.port, "127.0.0.4")).toBe("echo ping");
    // Added: the white list admits the new address as well as the one it held; the black list refuses both.
    await api("POST", `/ipgroups/${group}/iplist/create-or-update`, { ipgroup: { ip_list: [{ ip: "127.0.0.4/32", description: "added" }] } });
    await engine.dataPlane!.settled();
    expect(await getFrom(vip, white.port, "127.0.0.4")).toBe("web");
    expect(await getFrom(vip, white.port, "127.0.0.2")).toBe("web");
    expect(await tcpFrom(vip, black.port, "127.0.0.4")).toBe("refused");
    expect(await tcpFrom(vip, black.port, "127.0.0.3")).toBe("echo ping");
    // Removed, named in another spelling: the first address is out of both lists again.
    await api("POST", `/ipgroups/${group}/iplist/batch-delete`, { ipgroup: { ip_list: [{ ip: "127.0.0.2/32" }] } });
    await engine.dataPlane!.settled();
    expect(await getFrom(vip, white.port, "127.0.0.2")).toBe("refused");
    expect(await getFrom(vip, white.port, "127.0.0.4")).toBe("web");
    expect(await tcpFrom(vip, black.port, "127.0.0.2")).toBe("echo ping");
    expect(await tcpFrom(vip, black.port, "127.0.0.4")).toBe("refused");
  });
});
