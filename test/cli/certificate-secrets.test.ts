// A certificate's private key through the real pulumi CLI: it is a secret from the program to
// state even when the program reads it as a plain string, and whatever the engine echoes (the
// key itself, or `******` with the project's echo off, C5), no command prints it and no state
// export holds it: not `up`, `refresh`, `preview --diff` of a key rotation, `preview --json`,
// `stack export`, nor the failure of a key that does not match its certificate.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { issue, type Issued } from "../engine/helpers/certificates";
import { testEngine } from "../provider/harness/engine";
import { Project } from "./support/project";

const cli = inject("pulumiCli");

const PROGRAM = `
import * as fs from "node:fs";
import * as elb from "pulumi-elb";
const cert = new elb.Certificate("web", {
  name: "web",
  certificate: fs.readFileSync("server.pem", "utf8"),
  privateKey: fs.readFileSync("server.key", "utf8"),
});
export const certId = cert.id;
export const domain = cert.domain;
`;

/** The lines of a key that say anything (its base64 body). */
const keyLines = (key: string) => key.split("\n").filter((l) => l.length > 0 && !l.startsWith("-----"));

describe.skipIf(!cli)("a certificate's private key stays secret through the real CLI", () => {
  it("up, refresh, a rotation's preview and up, a refused key, and every stack export carry no key text", async () => {
    const eng = await testEngine();
    const p = await Project.create(cli!, { name: "certs", program: PROGRAM });
    const first = issue({ cn: "www.example.test" });
    const second = issue({ cn: "www.example.test", dns: ["api.example.test"] });
    const stranger = issue({ cn: "stranger.example.test" });
    const keys = [first, second, stranger].map((i) => i.key);
    const place = (cert: Issued, key = cert.key) => {
      fs.writeFileSync(path.join(p.dir, "server.pem"), cert.cert);
      fs.writeFileSync(path.join(p.dir, "server.key"), key);
    };
    const seen: string[] = [];
    const noKey = (what: string, text: string) => {
      seen.push(what);
      for (const key of keys) for (const line of keyLines(key)) if (text.includes(line)) throw new Error(`${what} shows private key text`);
    };
    const exportedText = async () => JSON.stringify(await p.exported());
    try {
      await p.setConfig("elb:endpoint", eng.url);
      place(first);
      const up = await p.up();
      noKey("up", up.stdout + up.stderr);
      const certId = String((await p.outputs()).certId);
      // The engine holds the key the program gave (echo is on), yet state holds it encrypted.
      const held = await eng.api.get<{ certificate: { private_key: string; domain: string } }>(`/certificates/${certId}`);
      expect(held.certificate.private_key).toBe(first.key);
      const state = await p.exported();
      const web = state.deployment.resources!.find((r) => r.urn.endsWith("::web"))!;
      expect(web.inputs?.privateKey).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) });
      expect(web.outputs?.privateKey).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) });
      noKey("stack export after up", JSON.stringify(state));

      // Refresh reads the key back from the engine, echoed and then masked (C5).
      const refreshed = await p.refresh();
      noKey("refresh with echo on", refreshed.stdout + refreshed.stderr);
      noKey("stack export after refresh", await exportedText());
      await eng.api.post("/certificates/settings/private-key-echo", { private_key_echo: false });
      const masked = await p.refresh();
      noKey("refresh with echo off", masked.stdout + masked.stderr);
      noKey("stack export after refresh with echo off", await exportedText());
      // A masked answer is no drift: nothing to update.
      const quiet = await p.previewJson();
      expect(quiet.changeSummary).toEqual({ same: 2 });

      // A rotation: a new certificate and key, in place (C3, sent as a pair).
      place(second);
      const diff = await p.preview(["--diff"]);
      noKey("preview --diff of a rotation", diff.stdout + diff.stderr);
      // The CLI shows a secret as [secret] and cannot tell old from new; the certificate diff shows the rotation.
      expect(diff.stdout).toMatch(/privateKey\s*: \[secret\]/);
      expect(diff.stdout).toContain("~ certificate:");
      const json = await p.run(["preview", "--non-interactive", "--json", "--diff"]);
      noKey("preview --json of a rotation", json.stdout + json.stderr);
      const rotated = await p.up();
      noKey("up of a rotation", rotated.stdout + rotated.stderr);
      expect((await p.outputs()).domain).toBe("www.example.test,api.example.test");
      noKey("stack export after the rotation", await exportedText());
      await eng.api.post("/certificates/settings/private-key-echo", { private_key_echo: true });
      expect((await eng.api.get<{ certificate: { private_key: string } }>(`/certificates/${certId}`)).certificate.private_key).toBe(second.key);

      // A key that is not the certificate's fails at preview, naming the property, quoting nothing.
      place(second, stranger.key);
      const refused = await p.preview([], { allowFailure: true });
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain("property privateKey: [secret] does not match the public key of the certificate in 'certificate'");
      noKey("a refused key's preview", refused.stdout + refused.stderr);

      place(second);
      const destroyed = await p.destroy();
      noKey("destroy", destroyed.stdout + destroyed.stderr);
      expect(await eng.api.list("/certificates", "certificates")).toEqual([]);
      expect(seen).toHaveLength(12);
    } finally {
      p.cleanup();
      await eng.close();
    }
  });
});
