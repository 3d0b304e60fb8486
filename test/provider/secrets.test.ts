// Secrets stay secret (issue 4): a run with a strict engine — in process (its `log` captured,
// data plane on so it has something to say) and as the `elb-engine` CLI child with --credentials
// (stdout and stderr captured, including its refusals of broken credentials files) — driven by the
// provider through the real provider host with the secret key sent as secret stack config. Then
// everything a user or a log collector could see is searched for the secrets used in the run:
// engine output, provider host output, the serialized providers, every state (inputs and outputs),
// every error message of a failed authentication, the client and settings objects printed.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ElbApiError, ElbClient } from "../../provider/client/http";
import { resolveSettings } from "../../provider/client/settings";
import { signRequest } from "../../provider/signing";
import { startEngine, type RunningEngine } from "../../provider/engine";
import { send } from "../engine/helpers/api";
import { freePort } from "../support/net";
import { waitFor } from "../support/wait";
import { NET } from "./harness/engine";
import { HostError, ProviderHost } from "./harness/host";
import { Resources, type State } from "./harness/lifecycle";
import { REPO_ROOT, requireFromRoot } from "./harness/paths";
import { providerTexts } from "./harness/serialize";

const PROJECT = "3f9e1d7c5b3a41f8a6e4c2b0d8f6e4c2";
const OTHER_PROJECT = "9a8b7c6d5e4f40a1b2c3d4e5f6a7b8c9";
const AK = "SECRETSTESTAK0000001";
const LOCK_AK = "SECRETSTESTLOCKAK001";

// Random, so that finding any 8-character piece of one anywhere can only mean it leaked.
const secret = (prefix: string) => `${prefix}${randomBytes(24).toString("base64url")}`;
const SECRETS = {
  secretKey: secret("sk"),
  lockKeySecret: secret("lk"),
  token: secret("tk"),
  wrongSecret: secret("wk"),
  securityToken: secret("st"),
};
const WINDOW = 8;

const CREDENTIALS = {
  accessKeys: [
    { ak: AK, sk: SECRETS.secretKey, projects: [PROJECT] },
    { ak: LOCK_AK, sk: SECRETS.lockKeySecret, projects: [PROJECT] },
  ],
  tokens: [{ token: SECRETS.token, projects: [PROJECT] }],
};

/** Everything observable from the run, by where it came from. */
const seen: { source: string; text: string }[] = [];
function record(source: string, value: unknown): void {
  const text = typeof value === "string" ? value : `${JSON.stringify(value)}\n${inspect(value, { depth: 10, showHidden: true })}`;
  seen.push({ source, text });
}
const corpus = () => seen.map((s) => s.text).join("\n");

/** Every source holding any WINDOW-character piece of any secret. */
function leaks(): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(SECRETS)) {
    for (let i = 0; i + WINDOW <= value.length; i++) {
      const piece = value.slice(i, i + WINDOW);
      for (const s of seen) if (s.text.includes(piece)) found.push(`${name} (…${piece}…) in ${s.source}`);
    }
  }
  return [...new Set(found)];
}

interface Cli {
  url?: string;
  code: number | null;
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/** The built CLI, until it prints its URL or exits; a deadline instead of sleeps. */
function runCli(args: string[]): Promise<Cli> {
  const cli = path.join(REPO_ROOT, "dist/provider/engine/cli.js");
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const handle = (code: number | null, url?: string): Cli => ({
    url,
    code,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`elb-engine neither started nor exited within 20s: ${out}${err}`));
    }, 20_000);
    child.stdout.on("data", () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(handle(null, m[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      resolve(handle(code));
    });
  });
}

/** What `pulumi config set --secret` puts on the wire to Configure: a secret-wrapped value. */
const secretConfig = (value: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }) as unknown as string;

let dir: string;
let cli: Cli | undefined;
let engine: RunningEngine | undefined;
/** Running provider hosts, by what each was configured for (its output is recorded once it is closed). */
const hosts = new Map<ProviderHost, string>();

async function startHost(source: string, config: Record<string, string>): Promise<Resources> {
  const h = await ProviderHost.start(config);
  hosts.set(h, source);
  return Resources.on(h);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "elb-secrets-"));
});
afterAll(async () => {
  // Only hosts the test did not close itself: closing a host twice waits for an exit that already happened.
  for (const h of hosts.keys()) await h.close();
  await cli?.stop();
  await engine?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("secrets stay secret", () => {
  it("a strict run through the provider host leaves no piece of a secret key or token in logs, CLI output, provider texts, state or error messages", async () => {
    // --- The engine as a CLI child with a credentials file. ---
    const credsFile = path.join(dir, "creds.json");
    fs.writeFileSync(credsFile, JSON.stringify(CREDENTIALS, null, 2));
    const strictCli = await runCli(["--credentials", credsFile, "--port", "0", "--memory", "--no-data-plane"]);
    cli = strictCli;
    expect(strictCli.url, strictCli.stderr()).toBeDefined();
    const cliUrl = strictCli.url!;

    // --- The engine in process, its log captured, the data plane on so it logs. ---
    engine = await startEngine({ port: 0, memory: true, dataPlane: true, credentials: CREDENTIALS, log: (l) => record("engine log", l) });

    // --- The provider texts, serialized (as the SDK does) in a process whose implementation holds the secrets. ---
    const impl = requireFromRoot("pulumi-elb/dist/provider/resources/impl") as { run(p: object, m: string, a: unknown[]): Promise<unknown> };
    const secretSettings: Record<string, string> = { "elb:endpoint": engine.url, "elb:projectId": PROJECT, "elb:accessKey": AK, "elb:secretKey": SECRETS.secretKey, "elb:securityToken": SECRETS.securityToken };
    await impl.run({ kind: "loadbalancer", version: "0" }, "configure", [{ config: { get: (k: string) => secretSettings[k] } }]);
    for (const [kind, text] of Object.entries(await providerTexts())) record(`serialized provider (${kind})`, text);

    // --- The client and its settings, printed and serialized the ways a log line might. ---
    const settings = resolveSettings((k) => secretSettings[k], {});
    const client = new ElbClient(settings);
    record("settings", settings);
    record("client", client);
    record("settings spread", { ...settings });

    // --- The provider manages resources on both engines, configured with secret stack config. ---
    const states: [string, State | undefined][] = [];
    for (const [where, url, dataPlane] of [
      ["cli", cliUrl, false],
      ["in-process", engine.url, true],
    ] as const) {
      const r = await startHost(where, {
        "elb:endpoint": url,
        "elb:projectId": PROJECT,
        "elb:accessKey": AK,
        "elb:secretKey": secretConfig(SECRETS.secretKey),
        "elb:securityToken": secretConfig(SECRETS.securityToken),
      });
      const vip = `127.0.${70 + (process.pid % 150)}.${20 + (process.pid % 200)}`;
      const lbArgs = dataPlane
        ? { name: "负载均衡-ü ✓", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.loopbackSubnet, vipAddress: vip }
        : { name: "负载均衡-ü ✓", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.privateSubnetA };
      const lb = await r.create("loadbalancer", lbArgs);
      const port = dataPlane ? await freePort(vip) : 80;
      const listener = await r.create("listener", { loadbalancerId: lb.id, protocol: "TCP", protocolPort: port });
      const updated = (await r.apply("loadbalancer", lb, { ...lbArgs, name: "renamed", availabilityZoneList: ["local-1a", "local-1b"] })).state;
      states.push(
        [`${where} lb`, lb],
        [`${where} listener`, listener],
        [`${where} lb updated`, updated],
        [`${where} lb refreshed`, await r.refresh("loadbalancer", updated)],
        [`${where} listener refreshed`, await r.refresh("listener", listener)],
      );
      record(`${where} lb get`, await r.get("loadbalancer", lb.id));
      if (dataPlane) await waitFor("the data plane to log the listener", () => corpus().includes(`listener ${listener.id} carries TCP`));
      await r.delete("listener", listener);
      await r.delete("loadbalancer", updated);
    }
    for (const [name, state] of states) record(`state: ${name}`, state);

    // --- Failed authentication, as the provider reports it and as the API answers it. ---
    const failures: [string, Record<string, string>][] = [
      ["wrong secret key", { "elb:accessKey": AK, "elb:secretKey": secretConfig(SECRETS.wrongSecret) }],
      ["unlisted token", { "elb:token": secretConfig(`${SECRETS.token}-revoked`) }],
      ["token on another project", { "elb:token": secretConfig(SECRETS.token), "elb:projectId": OTHER_PROJECT }],
      ["key on another project", { "elb:accessKey": AK, "elb:secretKey": secretConfig(SECRETS.secretKey), "elb:projectId": OTHER_PROJECT }],
    ];
    for (const [what, config] of failures) {
      const r = await startHost(what, { "elb:endpoint": cliUrl, "elb:projectId": PROJECT, ...config });
      const err = await r.create("loadbalancer", { name: "never", availabilityZoneList: ["local-1a"], vipSubnetCidrId: NET.privateSubnetA }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, what).toBeInstanceOf(HostError);
      record(`provider error: ${what}`, (err as Error).message);
    }
    const direct = async (what: string, config: Record<string, string>, target = cliUrl) => {
      const c = new ElbClient(resolveSettings((k) => ({ "elb:endpoint": target, "elb:projectId": PROJECT, ...config })[k], {}));
      const err = await c.get("/loadbalancers", { deadline: c.deadline(10_000) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, what).toBeInstanceOf(ElbApiError);
      record(`client error: ${what}`, err);
      record(`client error message: ${what}`, (err as Error).message);
    };
    await direct("wrong secret key", { "elb:accessKey": AK, "elb:secretKey": SECRETS.wrongSecret });
    await direct("unlisted token", { "elb:token": `${SECRETS.token}-revoked` });
    await direct("token on another project", { "elb:token": SECRETS.token, "elb:projectId": OTHER_PROJECT });
    // A locked key: five wrong signatures, then the right one is refused while the lock lasts.
    for (let i = 0; i < 6; i++) await direct(`lockout ${i}`, { "elb:accessKey": LOCK_AK, "elb:secretKey": i < 5 ? SECRETS.wrongSecret : SECRETS.lockKeySecret }, engine.url);
    expect(corpus().includes(`ak ${LOCK_AK} is locked for`)).toBe(true);
    // A stale signature and a tampered one, answered over plain HTTP.
    const lbs = `/v3/${PROJECT}/elb/loadbalancers`;
    const stale = signRequest({ method: "GET", url: cliUrl + lbs, headers: {}, body: undefined }, { accessKey: AK, secretKey: SECRETS.secretKey, securityToken: SECRETS.securityToken }, new Date(Date.now() - 3_600_000));
    record("stale reply", (await send(cliUrl, "GET", lbs, { noAuth: true, headers: stale })).text);
    const fresh = signRequest({ method: "GET", url: cliUrl + lbs, headers: {}, body: undefined }, { accessKey: AK, secretKey: SECRETS.secretKey }, new Date());
    record("tampered reply", (await send(cliUrl, "GET", `${lbs}?limit=1`, { noAuth: true, headers: fresh })).text);

    // --- The CLI refusing broken credentials files that hold secrets. ---
    const broken: [string, string][] = [
      ["unquoted secret", `{"accessKeys":[{"ak":"${AK}","sk":${SECRETS.secretKey},"projects":["${PROJECT}"]}]}`],
      ["trailing comma", `{"tokens":[{"token":"${SECRETS.token}","projects":["${PROJECT}"],}]}`],
      ["control character in a secret", `{"tokens":[{"token":"${SECRETS.token}\u0001","projects":["${PROJECT}"]}]}`],
      ["a bare secret", SECRETS.secretKey],
      ["duplicate token", JSON.stringify({ tokens: [CREDENTIALS.tokens[0], CREDENTIALS.tokens[0]] })],
      ["secret of the wrong type", JSON.stringify({ accessKeys: [{ ak: AK, sk: [SECRETS.secretKey], projects: [PROJECT] }] })],
      ["token list of strings", JSON.stringify({ tokens: [SECRETS.token] })],
    ];
    for (const [what, text] of broken) {
      const file = path.join(dir, `${what.replace(/\W+/g, "-")}.json`);
      fs.writeFileSync(file, text);
      const run = await runCli(["--credentials", file, "--port", "0", "--memory", "--no-data-plane"]);
      expect(run.code, `${what}: ${run.stdout()}`).toBe(2);
      expect(run.stderr()).toContain(`cannot use --credentials ${file}`);
      record(`cli stderr: ${what}`, run.stderr());
      record(`cli stdout: ${what}`, run.stdout());
    }

    // --- Everything the strict CLI printed, through to its shutdown. ---
    await strictCli.stop();
    record("cli stdout", strictCli.stdout());
    record("cli stderr", strictCli.stderr());
    expect(strictCli.stdout()).toContain("SIGTERM: shutting down");
    for (const [h, source] of hosts) {
      await h.close();
      record(`provider host output (${source})`, h.stderr.join(""));
    }
    hosts.clear();

    expect(leaks()).toEqual([]);
    // The search looked at what matters: the run's outputs are there, and they name the key id,
    // the project, the codes and the objects — just not a secret. (Booleans, so a failure does
    // not print the whole corpus.)
    const all = corpus();
    const expected = [AK, PROJECT, "APIGW.0301", "APIGW.0302", "APIGW.0303", "verify aksk signature fail", "mode: strict", "负载均衡-ü ✓", "__provider", "carries TCP", "duplicates tokens[0].token", "not valid JSON at line 1 column"];
    expect(expected.filter((e) => !all.includes(e))).toEqual([]);
    // Nine provider hosts and eight CLI runs, each a Node process start: more than the default minute on a busy machine.
  }, 180_000);
});
