// AK/SK credentials through the real CLI, against an engine in strict mode: set as the README says
// (`pulumi config set`, the secret key with `--secret`), a stack applies; without the secret key it
// fails saying so; and the secret key is nowhere a user, a log collector or a state backup could
// look — not in CLI output, `pulumi stack export`, Pulumi.<stack>.yaml or any file of the state
// backend, in plain text or encoded.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { ElbClient } from "../../provider/client/http";
import { resolveSettings } from "../../provider/client/settings";
import { NET, testEngine } from "../provider/harness/engine";
import { Project, type RunResult } from "./support/project";

const cli = inject("pulumiCli");

const PROJECT = "5d1c9e8b7a6f40e3b2d1c0f9e8d7c6b5";
const AK = "CLITIERACCESSKEY0001";
// Random, so that finding a piece of it anywhere can only mean it leaked.
const SECRET_KEY = `sk${randomBytes(30).toString("base64url")}`;

const PROGRAM = `
import * as elb from "pulumi-elb";
const lb = new elb.LoadBalancer("lb", { name: "signed", availabilityZoneList: ["local-1a"], vipSubnetCidrId: "${NET.privateSubnetA}" });
new elb.Listener("tcp", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: 443 });
export const loadBalancerId = lb.id;
`;

/**
 * The forms the secret key could take in text: any 8 characters of it as they are, and its
 * base64, base64url and hex encodings. Base64 inside a larger encoded value depends on where the
 * secret starts modulo 3, so each of the three alignments is searched for, less the characters
 * shared with its neighbours.
 */
function secretForms(secret: string): { form: string; piece: string }[] {
  const out: { form: string; piece: string }[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) out.push({ form: "plain", piece: secret.slice(i, i + 8) });
  const bytes = Buffer.from(secret, "utf8");
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString("base64").replace(/=+$/, "");
    const core = encoded.slice([0, 2, 3][shift], encoded.length - 4);
    out.push({ form: `base64 (offset ${shift})`, piece: core });
    out.push({ form: `base64url (offset ${shift})`, piece: core.replace(/\+/g, "-").replace(/\//g, "_") });
  }
  out.push({ form: "hex", piece: bytes.toString("hex") });
  return out;
}
const FORMS = secretForms(SECRET_KEY);
const leaksIn = (text: string) => FORMS.filter(({ piece }) => text.includes(piece)).map(({ form }) => form);

/** Every file under `dir` (gzip-compressed ones unpacked), by path; node_modules is the installed package. */
function filesUnder(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (path.relative(dir, file).split(path.sep).includes("node_modules")) continue;
    const raw = fs.readFileSync(file);
    out.push({ file, text: (file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8") });
  }
  return out;
}

describe.skipIf(!cli)("AK/SK credentials through the real pulumi CLI, against a strict engine", () => {
  it("signs with the configured key, refuses to run without the secret key, and never shows or stores the secret key in the clear", async () => {
    const eng = await testEngine({ credentials: { accessKeys: [{ ak: AK, sk: SECRET_KEY, projects: [PROJECT] }], tokens: [] } });
    const p = await Project.create(cli!, { name: "credentials", program: PROGRAM });
    const outputs: { command: string; result: RunResult }[] = [];
    const run = async (args: string[], options?: Parameters<Project["run"]>[1]) => {
      const result = await p.run(args, options);
      outputs.push({ command: `pulumi ${args.join(" ")}`, result });
      return result;
    };
    try {
      await run(["config", "set", "elb:endpoint", eng.url]);
      await run(["config", "set", "elb:projectId", PROJECT]);
      await run(["config", "set", "elb:accessKey", AK]);

      // An access key without its secret key: the provider's configure says which setting is missing.
      const unsigned = await run(["up", "--yes", "--skip-preview"], { allowFailure: true });
      expect(unsigned.code).not.toBe(0);
      expect(unsigned.stdout + unsigned.stderr).toMatch(/elb:accessKey is set but elb:secretKey is not; set both or neither\./);

      await run(["config", "set", "--secret", "elb:secretKey", SECRET_KEY]);
      // Pulumi.<stack>.yaml holds it encrypted.
      const stackFile = fs.readFileSync(path.join(p.dir, "Pulumi.dev.yaml"), "utf8");
      expect(stackFile).toMatch(/elb:secretKey:\s*\n\s+secure: \S+/);

      // The JSON preview lists the stack's config; up signs every request with the key.
      await run(["preview", "--json"]);
      await run(["up", "--yes", "--skip-preview"]);
      const signed = new ElbClient(resolveSettings((k) => ({ "elb:endpoint": eng.url, "elb:projectId": PROJECT, "elb:accessKey": AK, "elb:secretKey": SECRET_KEY })[k], {}));
      const deadline = signed.deadline(30_000);
      const lbs = await signed.list<{ id: string; name: string }>("/loadbalancers", "loadbalancers", {}, deadline);
      expect(lbs.map((lb) => [lb.id, lb.name])).toEqual([[(await p.outputs()).loadBalancerId, "signed"]]);
      expect(await signed.list("/listeners", "listeners", {}, deadline)).toHaveLength(1);

      const exported = await run(["stack", "export"]);
      expect(exported.stdout).toMatch(/"type": "pulumi-nodejs:dynamic\/elb:Listener"/);

      // Where the secret key could have gone, and what it was found as.
      const found: string[] = [];
      for (const { command, result } of outputs) {
        for (const form of leaksIn(result.stdout + result.stderr)) found.push(`${form} in the output of ${command}`);
      }
      const files = filesUnder(p.dir);
      expect(files.map((f) => path.relative(p.dir, f.file))).toEqual(expect.arrayContaining(["Pulumi.dev.yaml", path.join(".state", ".pulumi", "stacks", "credentials", "dev.json")]));
      for (const { file, text } of files) for (const form of leaksIn(text)) found.push(`${form} in ${path.relative(p.dir, file)}`);
      expect(found).toEqual([]);
      // The search itself finds the key where it is known to be: the engine's credentials.
      expect(leaksIn(JSON.stringify({ sk: SECRET_KEY, b64: Buffer.from(`xy${SECRET_KEY}`).toString("base64") }))).toEqual(expect.arrayContaining(["plain", "base64 (offset 2)"]));
    } finally {
      p.cleanup();
      await eng.close();
    }
  });
});
