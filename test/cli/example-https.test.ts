// examples/https through the real pulumi CLI, from the installed package, with real traffic: the
// program makes its self-signed certificate, `pulumi up` builds the HTTPS load balancer, a Node
// https client that trusts only that certificate is served by the backends with
// X-Forwarded-Proto: https, a client outside the IP group and a TLS 1.1 client are refused, a
// second preview changes nothing (the certificate is kept), and destroy leaves nothing.
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import type * as tls from "node:tls";
import { describe, expect, inject, it } from "vitest";
import { testEngine } from "../provider/harness/engine";
import { startBackend } from "../support/backend";
import { freePort } from "../support/net";
import { Project } from "./support/project";

const cli = inject("pulumiCli");

interface Answer {
  status: number;
  body: string;
  protocol: string | null;
  fingerprint: string;
}

function get(host: string, port: number, ca: string, opts: https.RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host, port, servername: "www.example.test", ca, agent: false, path: "/", ...opts }, (res) => {
      const socket = res.socket as tls.TLSSocket;
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, protocol: socket.getProtocol(), fingerprint: socket.getPeerCertificate().fingerprint256 }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe.skipIf(!cli)("examples/https through the real pulumi CLI, with real traffic", () => {
  it("up serves HTTPS with the program's certificate, the IP group and the strict policy; preview is quiet; destroy empties the engine", async () => {
    const eng = await testEngine({ dataPlane: true });
    const backends = [await startBackend("a", (req, res, b) => res.end(`${b.name} ${String(req.headers["x-forwarded-proto"])}`)), await startBackend("b", (req, res, b) => res.end(`${b.name} ${String(req.headers["x-forwarded-proto"])}`))];
    const vip = `127.0.${100 + (process.pid % 100)}.${20 + (process.pid % 200)}`;
    const port = await freePort(vip);
    const p = await Project.create(cli!, { name: "https", program: { example: "https" } });
    try {
      await p.setConfig("elb:endpoint", eng.url);
      await p.setConfig("https:vipAddress", vip);
      await p.setConfig("https:port", String(port));
      await p.setConfig("https:backendPorts", JSON.stringify(backends.map((b) => b.port)));
      await p.setConfig("https:allowed", JSON.stringify(["127.0.0.1", "127.0.0.2"]));
      await p.up();
      const out = await p.outputs();
      const cert = fs.readFileSync(path.join(p.dir, "certs", "cert.pem"), "utf8");
      const key = fs.readFileSync(path.join(p.dir, "certs", "key.pem"), "utf8");
      await eng.engine.dataPlane!.settled();

      const bodies = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const r = await get(vip, port, cert);
        expect(r.status).toBe(200);
        expect(r.fingerprint).toBe(out.fingerprint);
        bodies.add(r.body);
      }
      expect([...bodies].sort()).toEqual(["a https", "b https"]);
      expect((await get(vip, port, cert, { localAddress: "127.0.0.2" })).status).toBe(200);
      // Outside the IP group: reset before TLS.
      await expect(get(vip, port, cert, { localAddress: "127.0.0.3" })).rejects.toThrow();
      // The strict policy refuses TLS 1.1.
      await expect(get(vip, port, cert, { maxVersion: "TLSv1.1", minVersion: "TLSv1.1", ciphers: "DEFAULT:@SECLEVEL=0" })).rejects.toThrow();

      // The key is a secret in state; the certificate is kept, so a preview changes nothing.
      const state = JSON.stringify(await p.exported());
      for (const line of key.split("\n").filter((l) => l.length > 20 && !l.startsWith("-----"))) expect(state).not.toContain(line);
      expect((await p.preview()).stdout).toMatch(/9 unchanged/);

      await p.destroy();
      for (const plural of ["loadbalancers", "listeners", "pools", "certificates", "ipgroups"]) expect(await eng.api.list(`/${plural}`, plural)).toEqual([]);
      expect(await eng.api.list("/security-policies", "security_policies")).toEqual([]);
    } finally {
      p.cleanup();
      await Promise.all(backends.map((b) => b.stop()));
      await eng.close();
    }
  });
});
