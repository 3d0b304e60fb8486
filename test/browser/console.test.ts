// The console in headless Chromium, against an engine carrying real traffic for a stack applied
// through the provider: what the page draws is what the engine holds and what the data plane did.
import * as fs from "node:fs";
import * as net from "node:net";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ElbClient } from "../../provider/client/http";
import { resolveSettings } from "../../provider/client/settings";
import { DEFAULT_LOCAL_TOKEN } from "../../provider/defaults";
import { NET, testEngine, type TestEngine } from "../provider/harness/engine";
import { ProviderHost } from "../provider/harness/host";
import { Resources, type State } from "../provider/harness/lifecycle";
import { REPO_ROOT } from "../provider/harness/paths";
import { startBackend, type Backend } from "../support/backend";
import { freePort } from "../support/net";
import { waitFor } from "../support/wait";
import { openBrowser, type Browser } from "./support/browser";
import { issue } from "../engine/helpers/certificates";

const chromium = inject("chromium");

/** The README's picture of the topology-and-traffic view, written by this run. */
const SCREENSHOT = path.join(REPO_ROOT, "docs", "console.png");

/** The web pool's health monitor: a check every 2 s, 1 s timeout, OFFLINE on the first failure. */
const MONITOR = { delay: 2, timeout: 1, maxRetries: 1, maxRetriesDown: 1 };

async function tcpBackend(name: string): Promise<net.Server> {
  const s = net.createServer((sock) => sock.end(name));
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return s;
}

/** Opens a connection to a TCP listener and reads until the member closes it. */
function tcpAsk(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    const sock = net.connect({ host, port });
    sock.on("data", (d) => (data += d.toString()));
    sock.on("end", () => resolve(data));
    sock.on("error", reject);
  });
}

const idsOn = (page: Page, attribute: string) => page.$$eval(`[${attribute}]`, (els, a) => [...new Set(els.map((e) => e.getAttribute(a)!))].sort(), attribute);
const sorted = (ids: string[]) => [...ids].sort();

describe.skipIf(!chromium)("the console in Chromium, over a stack carrying real traffic", () => {
  let t: TestEngine;
  let host: ProviderHost;
  let res: Resources;
  let browser: Browser;
  let page: Page;
  const vip = `127.0.${30 + (process.pid % 150)}.${40 + (process.pid % 200)}`;
  const web: Backend[] = [];
  const tcp: net.Server[] = [];
  let httpPort = 0;
  let tcpPort = 0;
  let webPoolId = "";
  let lb: State;
  let webListener: State;
  const members: Record<string, State> = {};

  beforeAll(async () => {
    t = await testEngine({ dataPlane: true });
    host = await ProviderHost.start({ "elb:endpoint": t.url });
    res = await Resources.on(host);
    for (const n of ["a", "b", "c", "d", "e", "f"]) web.push(await startBackend(n));
    for (const n of ["x", "y"]) tcp.push(await tcpBackend(n));
    httpPort = await freePort(vip);
    tcpPort = await freePort(vip);

    lb = await res.create("loadbalancer", { name: "shop", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet, vipAddress: vip });
    webListener = await res.create("listener", { name: "web", loadbalancerId: lb.id, protocol: "HTTP", protocolPort: httpPort });
    const webPool = await res.create("pool", { name: "web-pool", listenerId: webListener.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN" });
    webPoolId = webPool.id;
    for (const [i, weight] of [3, 2, 1, 0].entries()) {
      const name = `web-${web[i].name}`;
      members[web[i].name] = await res.create("member", { name, poolId: webPool.id, address: "127.0.0.1", protocolPort: web[i].port, subnetCidrId: NET.loopbackSubnet, weight });
    }
    await res.create("healthmonitor", { name: "web-check", poolId: webPool.id, type: "HTTP", urlPath: "/", ...MONITOR });

    const api = await res.create("listener", { name: "api", loadbalancerId: lb.id, protocol: "HTTP", protocolPort: await freePort(vip) });
    const apiPool = await res.create("pool", { name: "api-pool", listenerId: api.id, protocol: "HTTP", lbAlgorithm: "ROUND_ROBIN", slowStart: { enable: true, duration: 600 } });
    members.e = await res.create("member", { name: "api-e", poolId: apiPool.id, address: "127.0.0.1", protocolPort: web[4].port, subnetCidrId: NET.loopbackSubnet });
    // Joins a pool that already serves, so slow start ramps it (D4).
    members.f = await res.create("member", { name: "api-f", poolId: apiPool.id, address: "127.0.0.1", protocolPort: web[5].port, subnetCidrId: NET.loopbackSubnet });

    const db = await res.create("listener", { name: "db", loadbalancerId: lb.id, protocol: "TCP", protocolPort: tcpPort });
    const dbPool = await res.create("pool", { name: "db-pool", listenerId: db.id, protocol: "TCP", lbAlgorithm: "LEAST_CONNECTIONS", connectionDrain: { enable: true, timeout: 30 } });
    const port = (s: net.Server) => (s.address() as AddressInfo).port;
    members.x = await res.create("member", { name: "db-x", poolId: dbPool.id, address: "127.0.0.1", protocolPort: port(tcp[0]), subnetCidrId: NET.loopbackSubnet });
    members.y = await res.create("member", { name: "db-y", poolId: dbPool.id, address: "127.0.0.1", protocolPort: port(tcp[1]), subnetCidrId: NET.loopbackSubnet });

    // QUIC is not carried by the engine (Node has no QUIC): the page says so, and why.
    const shop = issue({ cn: "shop.example.test" });
    const shopCert = await res.create("certificate", { certificate: shop.cert, privateKey: shop.key });
    await res.create("listener", { name: "secure", loadbalancerId: lb.id, protocol: "QUIC", protocolPort: await freePort(vip), defaultTlsContainerRef: shopCert.id });

    browser = await openBrowser(chromium!);
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await t?.close();
    await Promise.all(web.map((b) => b.stop().catch(() => undefined)));
    await Promise.all(tcp.map((s) => new Promise((r) => s.close(r))));
  });

  const memberRow = (name: string) => page.locator(`tr[data-member="${members[name].id}"]`);

  it("the topology on the page is the engine's, and every object links to its JSON", async () => {
    await page.goto(`${t.url}/console`);
    await memberRow("f").waitFor();
    const lbs = await t.api.list("/loadbalancers", "loadbalancers");
    const listeners = await t.api.list("/listeners", "listeners");
    const pools = await t.api.list("/pools", "pools");
    const all = (await Promise.all(pools.map((p) => t.api.list(`/pools/${p.id}/members`, "members")))).flat();
    expect(await idsOn(page, "data-lb")).toEqual(sorted(lbs.map((o) => o.id)));
    expect(await idsOn(page, "data-listener")).toEqual(sorted(listeners.map((o) => o.id)));
    expect(await idsOn(page, "data-pool")).toEqual(sorted(pools.map((o) => o.id)));
    expect(await idsOn(page, "data-member")).toEqual(sorted(all.map((o) => o.id)));
    for (const m of all) {
      const row = page.locator(`tr[data-member="${m.id}"]`);
      expect(await row.getAttribute("data-weight")).toBe(String(m.weight));
      await expect.poll(() => row.locator(".addr").textContent()).toBe(`${m.address}:${m.protocol_port}`);
    }
    const secure = listeners.find((l) => l.name === "secure")!;
    const secureLine = page.locator(`[data-listener="${secure.id}"] > .line`);
    expect(await secureLine.textContent()).toContain("not carried — the listener is a QUIC listener; QUIC is stored and validated but not carried: Node.js has no QUIC");
    expect(await page.locator(`[data-listener="${webListener.id}"] > .line`).textContent()).toContain("carries traffic");
    const apiPool = pools.find((p) => p.name === "api-pool")!;
    expect(await page.locator(`[data-pool="${apiPool.id}"] > .line`).textContent()).toMatch(/ROUND_ROBIN.*sticky: none.*slow start: on, 600 s.*connection drain: off/);
    const dbPool = pools.find((p) => p.name === "db-pool")!;
    expect(await page.locator(`[data-pool="${dbPool.id}"] > .line`).textContent()).toMatch(/TCP.*LEAST_CONNECTIONS.*slow start: off.*connection drain: on, 30 s/);

    // Each JSON link answers the object it names, as the API shows it.
    const links = await page.$$eval("a.json", (as) => [...new Set(as.map((a) => a.getAttribute("href")!))]);
    expect(links.length).toBe(lbs.length + listeners.length + pools.length + all.length + 1 /* the health monitor */);
    const shown = await page.evaluate(async (hrefs: string[]) => Promise.all(hrefs.map(async (h) => [h, await (await fetch(h)).json()])), links);
    for (const [href, body] of shown as [string, Record<string, { id: string }>][]) {
      const [, kind, id] = /objects\/([a-z]+)\/(.+)$/.exec(href)!;
      expect(body[kind].id, href).toBe(decodeURIComponent(id));
    }
    const onPage = (shown as [string, Record<string, Record<string, unknown>>][]).find(([h]) => h.endsWith(members.a.id))![1].member;
    const { member: fromApi } = await t.api.get<{ member: Record<string, unknown> }>(`/pools/${webPoolId}/members/${members.a.id}`);
    // The same object, field for field; only the health status may have moved on in between.
    expect(Object.keys(onPage).sort()).toEqual(Object.keys(fromApi).sort());
    expect({ ...onPage, operating_status: null }).toEqual({ ...fromApi, operating_status: null });
  });

  it("the drawn shares follow the weights 3:2:1:0, and weight 0 and slow start are marked", async () => {
    await waitFor("web members ONLINE", async () => (await memberRow("c").getAttribute("data-status")) === "ONLINE" && (await memberRow("a").getAttribute("data-status")) === "ONLINE", 15_000);
    await t.engine.dataPlane!.settled();
    for (let i = 0; i < 600; i++) {
      const r = await fetch(`http://${vip}:${httpPort}/`);
      await r.text();
    }
    for (let i = 0; i < 8; i++) await tcpAsk(vip, tcpPort);
    await waitFor("the page to count 600 requests", async () => (await memberRow("a").getAttribute("data-requests")) === "300", 10_000);
    const expected: Record<string, number> = { a: 3 / 6, b: 2 / 6, c: 1 / 6, d: 0 };
    for (const [name, share] of Object.entries(expected)) {
      const row = memberRow(name);
      expect(Number(await row.getAttribute("data-request-share")), name).toBeCloseTo(share, 6);
      expect(Number(await row.getAttribute("data-promised-share")), name).toBeCloseTo(share, 6);
      // The bar is drawn to that share of its width.
      const [bar, fill] = await Promise.all([row.locator(".share .bar").boundingBox(), row.locator(".share .fill").boundingBox()]);
      expect(fill!.width / bar!.width, name).toBeCloseTo(share, 2);
    }
    expect(await memberRow("d").getAttribute("class")).toContain("weight-zero");
    expect(await memberRow("d").textContent()).toContain("no new traffic");
    expect(await memberRow("f").locator(".ramp").textContent()).toMatch(/slow start \d+%/);
    expect(Number(await memberRow("f").getAttribute("data-promised-share"))).toBeLessThan(0.1);
  });

  it("a stopped backend turns OFFLINE on the page within the health-check period, and the Health view says why; the view is the README's picture", async () => {
    const c = web[2];
    await c.stop();
    const stopped = Date.now();
    // The next check finds it refused (max_retries_down 1) within delay + timeout; the page reads every second.
    const bound = (MONITOR.delay * MONITOR.maxRetriesDown + MONITOR.timeout) * 1000 + 1000;
    await memberRow("c").and(page.locator('[data-status="OFFLINE"]')).waitFor({ timeout: bound + 2000 });
    expect(Date.now() - stopped).toBeLessThanOrEqual(bound + 1000);
    // Nothing new is promised to it; the others share its part by weight.
    await expect.poll(async () => Number(await memberRow("c").getAttribute("data-promised-share"))).toBe(0);
    expect(Number(await memberRow("a").getAttribute("data-promised-share"))).toBeCloseTo(3 / 5, 6);
    // The picture shows every state at a glance: weight 0, OFFLINE, a slow-start ramp.
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);

    await page.goto(`${t.url}/console#/health`);
    const row = page.locator(`.health tr[data-member="${members.c.id}"]`);
    await row.locator('li[data-to="OFFLINE"]').waitFor();
    expect(await row.locator('li[data-to="OFFLINE"] .cause').textContent()).toBe("1 consecutive check failed; last: refused: connection refused");
    expect(await row.locator("[data-last-probe]").getAttribute("data-last-probe")).toBe("refused");
    expect(await page.locator(`.health tr[data-member="${members.a.id}"] [data-last-probe]`).getAttribute("data-last-probe")).toBe("pass");
    await c.restart();
  });

  it("the API log shows the request a failing apply was refused with, its error code and caller, filtered by status and resource", async () => {
    // A listener on a port the web listener holds: the engine refuses it (S2), the apply fails.
    await expect(res.create("listener", { name: "clash", loadbalancerId: lb.id, protocol: "TCP", protocolPort: httpPort })).rejects.toThrow(/ELB.8907/);
    await page.goto(`${t.url}/console#/calls`);
    await page.selectOption("select[name=status]", "error");
    await page.selectOption("select[name=resource]", "listeners");
    const refused = page.locator('table.log tr[data-status="409"]');
    await refused.first().waitFor();
    expect(await refused.first().getAttribute("data-error-code")).toBe("ELB.8907");
    const text = (await refused.first().textContent())!;
    expect(text).toContain(`POST/v3/`);
    expect(text).toMatch(/\/elb\/listeners409ELB\.8907/);
    expect(text).toMatch(/token:[0-9a-f]{12}/);
    expect(text).not.toContain(DEFAULT_LOCAL_TOKEN);
    // Only failed listener calls are listed.
    const statuses = await page.$$eval("table.log tbody tr", (rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === "reset" || Number(s) >= 400)).toBe(true);
    const paths = await page.$$eval("table.log tbody td.path", (cells) => cells.map((c) => c.textContent!));
    expect(paths.every((p) => p.includes("/listeners"))).toBe(true);
  });

  it("find a backend: an address and port names its load balancer, listener and pool", async () => {
    await page.goto(`${t.url}/console#/find`);
    await page.fill("input[name=q]", `127.0.0.1:${web[0].port}`);
    await page.click("button[type=submit]");
    const found = page.locator("table.found tbody tr");
    await found.first().waitFor();
    expect(await found.count()).toBe(1);
    expect(await found.first().getAttribute("data-member")).toBe(members.a.id);
    expect(await found.first().getAttribute("data-lb")).toBe(lb.id);
    expect(await found.first().locator("[data-listener]").getAttribute("data-listener")).toBe(webListener.id);
    // The address alone finds every member on it: all eight backends listen on 127.0.0.1.
    await page.fill("input[name=q]", "127.0.0.1");
    await page.click("button[type=submit]");
    await expect.poll(() => found.count()).toBe(8);
  });

});

describe.skipIf(!chromium)("the console of a strict engine", () => {
  const PA = "0a0a0a0a0a0a4a0a8a0a0a0a0a0a0a01";
  const PB = "0b0b0b0b0b0b4b0b8b0b0b0b0b0b0b02";
  const TOKEN_A = "team-a-token-4f1c2e9d";
  const TOKEN_B = "team-b-token-8e2d1c0b";
  const AK = "TEAMAKEY000000000001";
  const SK = "team-a-secret-key-77";
  let t: TestEngine;
  let browser: Browser;
  let page: Page;
  let lbA = "";
  let lbB = "";
  let memberB = "";

  const client = (project: string, token: string) => {
    const config: Record<string, string> = { "elb:endpoint": t.url, "elb:projectId": project, "elb:token": token };
    return new ElbClient(resolveSettings((k) => config[k], {}));
  };

  beforeAll(async () => {
    t = await testEngine({
      credentials: {
        accessKeys: [{ ak: AK, sk: SK, projects: [PA] }],
        tokens: [
          { token: TOKEN_A, name: "team-a", projects: [PA] },
          { token: TOKEN_B, name: "team-b", projects: [PB] },
        ],
      },
    });
    for (const [project, token, name] of [
      [PA, TOKEN_A, "team-a-lb"],
      [PB, TOKEN_B, "team-b-private-lb"],
    ] as const) {
      const api = client(project, token);
      const made = await api.post<{ loadbalancer: { id: string } }>(
        "/loadbalancers",
        { loadbalancer: { name, availability_zone_list: ["local-1a"], vip_subnet_cidr_id: NET.privateSubnetA } },
        { deadline: api.deadline(10_000) },
      );
      if (project === PA) lbA = made.loadbalancer.id;
      else lbB = made.loadbalancer.id;
    }
    const b = client(PB, TOKEN_B);
    const pool = await b.post<{ pool: { id: string } }>("/pools", { pool: { loadbalancer_id: lbB, protocol: "HTTP", lb_algorithm: "ROUND_ROBIN" } }, { deadline: b.deadline(10_000) });
    const member = await b.post<{ member: { id: string } }>(
      `/pools/${pool.pool.id}/members`,
      { member: { address: "192.168.0.77", protocol_port: 80, subnet_cidr_id: NET.privateSubnetA } },
      { deadline: b.deadline(10_000) },
    );
    memberB = member.member.id;
    browser = await openBrowser(chromium!);
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("asks for a token, then shows only the projects it is granted; nothing it serves reaches the other project", async () => {
    await page.goto(`${t.url}/console`);
    await page.fill("input[name=token]", TOKEN_A);
    await page.click("button[type=submit]");
    await page.locator(`[data-lb="${lbA}"]`).waitFor();
    expect(await page.locator("header .who").textContent()).toContain("token:team-a");
    expect(await idsOn(page, "data-project")).toEqual([PA]);
    expect(await page.content()).not.toContain("team-b-private-lb");
    const probes = await page.evaluate(
      async ([lb, member]) => {
        const get = async (url: string) => {
          const r = await fetch(url);
          return [r.status, await r.text()] as const;
        };
        return {
          lb: await get(`/console/api/objects/loadbalancer/${lb}`),
          member: await get(`/console/api/objects/member/${member}`),
          byAddress: await get("/console/api/find?q=192.168.0.77"),
          byId: await get(`/console/api/find?q=${member}`),
          calls: await get("/console/api/calls"),
          topology: await get("/console/api/topology"),
          traffic: await get("/console/api/traffic"),
          health: await get("/console/api/health"),
        };
      },
      [lbB, memberB],
    );
    expect(probes.lb[0]).toBe(404);
    expect(probes.member[0]).toBe(404);
    expect(JSON.parse(probes.byAddress[1]).matches).toEqual([]);
    expect(JSON.parse(probes.byId[1]).matches).toEqual([]);
    for (const [status, body] of [probes.byAddress, probes.calls, probes.topology, probes.traffic, probes.health]) {
      expect(status).toBe(200);
      expect(body).not.toContain(PB);
      expect(body).not.toContain(lbB);
    }
    // The cookie is HttpOnly: the page's script cannot read the session.
    expect(await page.evaluate("document.cookie")).toBe("");
  });

  it("signs out, refuses a wrong secret key, and signs in with the access key and its secret key", async () => {
    await page.click("header .who button");
    await page.locator("form.sign-in").waitFor();
    await page.check("input[name=kind] >> nth=1");
    await page.fill("input[name=access_key]", AK);
    await page.fill("input[name=secret_key]", "not-the-secret");
    await page.click("button[type=submit]");
    expect(await page.locator("form.sign-in .problem").textContent()).toContain(`the secret key does not match ak ${AK}`);
    await page.fill("input[name=secret_key]", SK);
    await page.click("button[type=submit]");
    await page.locator(`[data-lb="${lbA}"]`).waitFor();
    expect(await page.locator("header .who").textContent()).toContain(`ak:${AK}`);
    expect(await page.content()).not.toContain(SK);
    expect(await page.locator(`[data-lb="${lbB}"]`).count()).toBe(0);
  });
});
